//! The emotion curve: steps laid out left to right, +2 at the top, −2 at the bottom.

use super::frictions::FrictionKind;
use super::record::WalkedStep;

/// One point of the emotion curve, in SVG user units.
#[derive(Debug, Clone, PartialEq)]
pub struct CurvePoint {
    /// 1-based step number.
    pub number: usize,
    pub x: f64,
    /// `None` when the step has no emotion recorded: the curve breaks there.
    pub y: Option<f64>,
    pub frictions: usize,
}

/// Lays the emotion curve out in a `width` × `height` box with `pad` units of margin:
/// steps spread evenly left to right, +2 at the top, −2 at the bottom.
pub fn emotion_curve(steps: &[WalkedStep], width: f64, height: f64, pad: f64) -> Vec<CurvePoint> {
    let n = steps.len();
    let span_x = (width - 2.0 * pad).max(1.0);
    let span_y = (height - 2.0 * pad).max(1.0);
    steps
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let x = if n <= 1 {
                pad + span_x / 2.0
            } else {
                pad + span_x * i as f64 / (n - 1) as f64
            };
            let y = s
                .answer
                .emotion
                .map(|e| pad + span_y * (2.0 - e.clamp(-2, 2) as f64) / 4.0);
            CurvePoint {
                number: i + 1,
                x,
                y,
                frictions: s
                    .frictions
                    .iter()
                    .filter(|f| f.kind == FrictionKind::Friction)
                    .count(),
            }
        })
        .collect()
}

/// SVG path data for the curve: a new segment starts after every gap.
pub fn curve_path(points: &[CurvePoint]) -> String {
    let mut path = String::new();
    let mut pen_down = false;
    for p in points {
        match p.y {
            Some(y) => {
                path.push_str(&format!(
                    "{}{:.1} {:.1} ",
                    if pen_down { "L" } else { "M" },
                    p.x,
                    y
                ));
                pen_down = true;
            }
            None => pen_down = false,
        }
    }
    path.trim_end().to_owned()
}

#[cfg(test)]
mod tests {
    use super::super::frictions::Severity;
    use super::super::record::{Friction, StepAnswer};
    use super::*;
    use crate::domain::journey::{Channel, JourneyStep, Phase};

    fn walked(emotion: Option<i64>, frictions: usize) -> WalkedStep {
        WalkedStep {
            step: JourneyStep {
                id: 1,
                journey_id: 1,
                position: 1,
                phase: Phase::Service,
                title: String::new(),
                instructions: String::new(),
                channel: Channel::Phone,
                service_promise: String::new(),
                team_id: None,
                team_name: None,
            },
            answer: StepAnswer {
                emotion,
                ..StepAnswer::default()
            },
            frictions: (0..frictions)
                .map(|i| Friction {
                    id: i as i64,
                    step_id: 1,
                    kind: FrictionKind::Friction,
                    severity: Some(Severity::Major),
                    title: String::new(),
                    what_happened: String::new(),
                    suggestion: String::new(),
                    principles: vec![],
                    team_id: None,
                    team_name: None,
                    incomplete: false,
                })
                .collect(),
            evidence: vec![],
        }
    }

    #[test]
    fn emotion_curve_maps_scale_to_box_and_breaks_at_gaps() {
        let steps = vec![walked(Some(2), 0), walked(None, 1), walked(Some(-2), 2)];
        let points = emotion_curve(&steps, 220.0, 120.0, 10.0);
        assert_eq!(points[0].x, 10.0);
        assert_eq!(points[2].x, 210.0);
        assert_eq!(points[0].y, Some(10.0));
        assert_eq!(points[1].y, None);
        assert_eq!(points[2].y, Some(110.0));
        assert_eq!(points[2].frictions, 2);
        assert_eq!(curve_path(&points), "M10.0 10.0 M210.0 110.0");
        let one = emotion_curve(&[walked(Some(0), 0)], 220.0, 120.0, 10.0);
        assert_eq!((one[0].x, one[0].y), (110.0, Some(60.0)));
    }
}
