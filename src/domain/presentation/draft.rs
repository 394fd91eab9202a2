//! The first draft of a presentation, made from a completed walkthrough, and moving slides.
//!
//! The draft tells the story in the order colleagues follow best: who walked what (title,
//! introduction, scenario), how it felt (the emotion curve), what hurt most first (frictions by
//! severity, then the delights, then open questions left out until chosen), what to change
//! (suggestions, key message, recommendations). The title slide always stays first.

use super::super::walkthrough::{Friction, FrictionKind, Severity, WalkthroughDetail};
use super::status::SlideKind;

/// One slide of a new draft, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlideDraft {
    pub kind: SlideKind,
    pub friction_id: Option<i64>,
    pub included: bool,
}

/// A new presentation: its title and introduction taken from the walkthrough, and the slides.
#[derive(Debug, Clone, PartialEq)]
pub struct PresentationDraft {
    pub title: String,
    pub introduction: String,
    pub slides: Vec<SlideDraft>,
}

impl SlideDraft {
    fn fixed(kind: SlideKind) -> SlideDraft {
        SlideDraft {
            kind,
            friction_id: None,
            included: true,
        }
    }

    fn finding(friction: &Friction, included: bool) -> SlideDraft {
        SlideDraft {
            kind: SlideKind::Finding,
            friction_id: Some(friction.id),
            included,
        }
    }
}

/// Where a friction goes among the findings: blockers first, delights after the frictions,
/// questions last. Within a rank the walk's own order (step, then logging order) is kept.
fn rank(f: &Friction) -> u8 {
    match (f.kind, f.severity) {
        (FrictionKind::Friction, Some(Severity::Blocker)) => 0,
        (FrictionKind::Friction, Some(Severity::Major)) => 1,
        (FrictionKind::Friction, Some(Severity::Papercut)) => 2,
        (FrictionKind::Friction, None) => 3,
        (FrictionKind::Delight, _) => 4,
        (FrictionKind::Question, _) => 5,
    }
}

/// The draft for `walk`: everything filled in, questions left out until the author picks them.
pub fn draft_presentation(walk: &WalkthroughDetail) -> PresentationDraft {
    // Steps arrive in walking order and frictions in logging order; a stable sort keeps both.
    let mut findings: Vec<&Friction> = walk.steps.iter().flat_map(|s| &s.frictions).collect();
    findings.sort_by_key(|f| rank(f));

    let mut slides = vec![
        SlideDraft::fixed(SlideKind::Title),
        SlideDraft::fixed(SlideKind::Introduction),
        SlideDraft::fixed(SlideKind::Scenario),
        SlideDraft::fixed(SlideKind::Curve),
    ];
    slides.extend(
        findings
            .iter()
            .map(|f| SlideDraft::finding(f, f.kind != FrictionKind::Question)),
    );
    slides.extend([
        SlideDraft::fixed(SlideKind::Suggestions),
        SlideDraft::fixed(SlideKind::KeyMessage),
        SlideDraft::fixed(SlideKind::Recommendations),
    ]);
    PresentationDraft {
        title: walk.journey_title.clone(),
        introduction: walk.summary_text.clone().unwrap_or_default(),
        slides,
    }
}

/// Which way a slide moves in the editor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    Up,
    Down,
}

impl Move {
    pub fn parse(code: &str) -> Result<Move, &'static str> {
        match code.trim() {
            "up" => Ok(Move::Up),
            "down" => Ok(Move::Down),
            _ => Err("error-invalid-choice"),
        }
    }
}

/// The slide ids in their new order after moving `slide` one place, or `None` when it cannot
/// move: not in the list, the title slide, already at the end, or it would pass the title.
pub fn move_slide(order: &[i64], slide: i64, direction: Move) -> Option<Vec<i64>> {
    let at = order.iter().position(|&id| id == slide)?;
    let to = match direction {
        Move::Up => at.checked_sub(1)?,
        Move::Down => at + 1,
    };
    // Position 0 is the title slide: it neither moves nor is passed.
    if at == 0 || to == 0 || to >= order.len() {
        return None;
    }
    let mut next = order.to_vec();
    next.swap(at, to);
    Some(next)
}

/// The suggestions worth a slide: every non-empty suggestion on the findings still included, in
/// slide order.
pub fn suggestions<'a>(findings: impl IntoIterator<Item = &'a Friction>) -> Vec<&'a Friction> {
    findings
        .into_iter()
        .filter(|f| !f.suggestion.trim().is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::journey::{Channel, JourneyStep, Phase};
    use crate::domain::walkthrough::{
        Access, StepAnswer, WalkedStep, WalkthroughStatus, WalkthroughSummary,
    };
    use chrono::Utc;

    fn friction(id: i64, kind: FrictionKind, severity: Option<Severity>) -> Friction {
        Friction {
            id,
            step_id: 1,
            kind,
            severity,
            title: format!("f{id}"),
            what_happened: String::new(),
            suggestion: if id % 2 == 0 {
                format!("s{id}")
            } else {
                String::new()
            },
            principles: vec![],
            team_id: None,
            team_name: None,
            incomplete: false,
        }
    }

    fn step(position: i64, frictions: Vec<Friction>) -> WalkedStep {
        WalkedStep {
            step: JourneyStep {
                id: position,
                journey_id: 1,
                position,
                phase: Phase::Orientatie,
                title: format!("stap {position}"),
                instructions: String::new(),
                channel: Channel::Website,
                service_promise: String::new(),
                team_id: None,
                team_name: None,
            },
            answer: StepAnswer::default(),
            frictions,
            evidence: vec![],
        }
    }

    fn walk(steps: Vec<WalkedStep>) -> WalkthroughDetail {
        WalkthroughDetail {
            summary: WalkthroughSummary {
                id: 1,
                journey_id: 1,
                journey_title: "Ik wil schade melden".into(),
                journey_version: 1,
                person_name: "Daan".into(),
                cycle_year: 2026,
                status: WalkthroughStatus::Completed,
                steps_total: 2,
                steps_answered: 2,
                started_at: Utc::now(),
                finished_at: Some(Utc::now()),
            },
            owner_id: 1,
            access: Access::Read,
            journey_title: "Ik wil schade melden".into(),
            persona: String::new(),
            goal: String::new(),
            scenario: String::new(),
            rules: String::new(),
            abandon_reason: None,
            recommend_score: None,
            summary_text: Some("Het melden ging traag.".into()),
            pros: None,
            cons: None,
            steps,
        }
    }

    #[test]
    fn findings_by_severity_then_delights_then_questions_in_walking_order() {
        use FrictionKind::*;
        let w = walk(vec![
            step(
                1,
                vec![
                    friction(1, Friction, Some(Severity::Papercut)),
                    friction(2, Delight, None),
                    friction(3, Friction, Some(Severity::Blocker)),
                ],
            ),
            step(
                2,
                vec![
                    friction(4, Question, None),
                    friction(5, Friction, Some(Severity::Major)),
                    friction(6, Friction, Some(Severity::Blocker)),
                    friction(7, Delight, None),
                ],
            ),
        ]);
        let d = draft_presentation(&w);
        let kinds: Vec<_> = d.slides.iter().map(|s| s.kind).collect();
        assert_eq!(
            &kinds[..4],
            &[
                SlideKind::Title,
                SlideKind::Introduction,
                SlideKind::Scenario,
                SlideKind::Curve
            ]
        );
        assert_eq!(
            &kinds[kinds.len() - 3..],
            &[
                SlideKind::Suggestions,
                SlideKind::KeyMessage,
                SlideKind::Recommendations
            ]
        );
        let findings: Vec<_> = d.slides.iter().filter_map(|s| s.friction_id).collect();
        assert_eq!(findings, vec![3, 6, 5, 1, 2, 7, 4]);
        let question = d
            .slides
            .iter()
            .find(|s| s.friction_id == Some(4))
            .expect("question");
        assert!(
            !question.included,
            "questions wait until the author picks them"
        );
        assert!(
            d.slides
                .iter()
                .filter(|s| s.friction_id != Some(4))
                .all(|s| s.included)
        );
        assert_eq!(d.title, "Ik wil schade melden");
        assert_eq!(d.introduction, "Het melden ging traag.");
    }

    #[test]
    fn a_walk_without_findings_still_gets_the_fixed_slides() {
        let d = draft_presentation(&walk(vec![step(1, vec![])]));
        assert_eq!(d.slides.len(), 7);
        assert!(d.slides.iter().all(|s| s.friction_id.is_none()));
    }

    #[test]
    fn moving_keeps_the_title_first_and_stops_at_the_ends() {
        let order = [10, 11, 12, 13];
        assert_eq!(move_slide(&order, 12, Move::Up), Some(vec![10, 12, 11, 13]));
        assert_eq!(
            move_slide(&order, 11, Move::Down),
            Some(vec![10, 12, 11, 13])
        );
        assert_eq!(
            move_slide(&order, 11, Move::Up),
            None,
            "would pass the title"
        );
        assert_eq!(move_slide(&order, 10, Move::Down), None, "the title stays");
        assert_eq!(move_slide(&order, 13, Move::Down), None);
        assert_eq!(move_slide(&order, 99, Move::Up), None);
        assert_eq!(Move::parse("sideways"), Err("error-invalid-choice"));
    }

    #[test]
    fn suggestions_skip_empty_ones() {
        let fs = [
            friction(1, FrictionKind::Friction, None),
            friction(2, FrictionKind::Friction, None),
        ];
        let s: Vec<_> = suggestions(&fs).iter().map(|f| f.id).collect();
        assert_eq!(s, vec![2]);
    }
}
