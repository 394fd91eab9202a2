//! Walkthroughs: what an employee records per step, frictions and delights, finishing, and who may see what.

use super::journey::{JourneyStep, Phase};
use super::text;
use super::{FieldErrors, Role, RoleSet};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Where a walkthrough is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WalkthroughStatus {
    InProgress,
    Completed,
    Abandoned,
}

impl WalkthroughStatus {
    pub fn code(self) -> &'static str {
        match self {
            WalkthroughStatus::InProgress => "in_progress",
            WalkthroughStatus::Completed => "completed",
            WalkthroughStatus::Abandoned => "abandoned",
        }
    }

    pub fn parse(code: &str) -> Option<WalkthroughStatus> {
        [
            WalkthroughStatus::InProgress,
            WalkthroughStatus::Completed,
            WalkthroughStatus::Abandoned,
        ]
        .into_iter()
        .find(|s| s.code() == code)
    }

    pub fn label_key(self) -> &'static str {
        match self {
            WalkthroughStatus::InProgress => "walk-status-in-progress",
            WalkthroughStatus::Completed => "walk-status-completed",
            WalkthroughStatus::Abandoned => "walk-status-abandoned",
        }
    }
}

/// How a step went for the customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    Done,
    Partly,
    Failed,
    Skipped,
}

impl Outcome {
    pub const ALL: [Outcome; 4] = [
        Outcome::Done,
        Outcome::Partly,
        Outcome::Failed,
        Outcome::Skipped,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Outcome::Done => "done",
            Outcome::Partly => "partly",
            Outcome::Failed => "failed",
            Outcome::Skipped => "skipped",
        }
    }

    pub fn parse(code: &str) -> Result<Outcome, &'static str> {
        Outcome::ALL
            .into_iter()
            .find(|o| o.code() == code.trim())
            .ok_or("error-invalid-choice")
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Outcome::Done => "outcome-done",
            Outcome::Partly => "outcome-partly",
            Outcome::Failed => "outcome-failed",
            Outcome::Skipped => "outcome-skipped",
        }
    }
}

/// The emotion scale, −2 (very negative) to +2 (very positive), with a word for each point.
pub const EMOTIONS: [(i64, &str); 5] = [
    (-2, "emotion-very-negative"),
    (-1, "emotion-negative"),
    (0, "emotion-neutral"),
    (1, "emotion-positive"),
    (2, "emotion-very-positive"),
];

/// The translation key of the word for an emotion value.
pub fn emotion_label_key(value: i64) -> &'static str {
    EMOTIONS
        .iter()
        .find(|(v, _)| *v == value)
        .map(|(_, key)| *key)
        .unwrap_or("emotion-neutral")
}

/// Kind of a logged observation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FrictionKind {
    Friction,
    Delight,
    Question,
}

impl FrictionKind {
    pub const ALL: [FrictionKind; 3] = [
        FrictionKind::Friction,
        FrictionKind::Delight,
        FrictionKind::Question,
    ];

    pub fn code(self) -> &'static str {
        match self {
            FrictionKind::Friction => "friction",
            FrictionKind::Delight => "delight",
            FrictionKind::Question => "question",
        }
    }

    pub fn parse(code: &str) -> Result<FrictionKind, &'static str> {
        FrictionKind::ALL
            .into_iter()
            .find(|k| k.code() == code.trim())
            .ok_or("error-invalid-choice")
    }

    pub fn label_key(self) -> &'static str {
        match self {
            FrictionKind::Friction => "kind-friction",
            FrictionKind::Delight => "kind-delight",
            FrictionKind::Question => "kind-question",
        }
    }
}

/// How bad a friction is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// "I would have given up if I did not work here."
    Blocker,
    Major,
    Papercut,
}

impl Severity {
    pub const ALL: [Severity; 3] = [Severity::Blocker, Severity::Major, Severity::Papercut];

    pub fn code(self) -> &'static str {
        match self {
            Severity::Blocker => "blocker",
            Severity::Major => "major",
            Severity::Papercut => "papercut",
        }
    }

    pub fn parse(code: &str) -> Result<Severity, &'static str> {
        Severity::ALL
            .into_iter()
            .find(|s| s.code() == code.trim())
            .ok_or("error-invalid-choice")
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Severity::Blocker => "severity-blocker",
            Severity::Major => "severity-major",
            Severity::Papercut => "severity-papercut",
        }
    }
}

/// Watkinson's ten principles of a great customer experience; a friction is tagged with the ones it breaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Principle {
    /// Reflects the customer's identity.
    Identity,
    /// Satisfies higher (underlying) needs.
    Needs,
    /// Leaves nothing to chance.
    Chance,
    /// Sets clear expectations and meets them.
    Expectations,
    /// Is effortless.
    Effortless,
    /// Is stress-free.
    Stress,
    /// Appeals to the senses.
    Senses,
    /// Builds a relationship.
    Relationship,
    /// Puts the customer in control.
    Control,
    /// Takes emotion into account.
    Emotion,
}

impl Principle {
    pub const ALL: [Principle; 10] = [
        Principle::Identity,
        Principle::Needs,
        Principle::Chance,
        Principle::Expectations,
        Principle::Effortless,
        Principle::Stress,
        Principle::Senses,
        Principle::Relationship,
        Principle::Control,
        Principle::Emotion,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Principle::Identity => "identity",
            Principle::Needs => "needs",
            Principle::Chance => "chance",
            Principle::Expectations => "expectations",
            Principle::Effortless => "effortless",
            Principle::Stress => "stress",
            Principle::Senses => "senses",
            Principle::Relationship => "relationship",
            Principle::Control => "control",
            Principle::Emotion => "emotion",
        }
    }

    pub fn parse(code: &str) -> Result<Principle, &'static str> {
        Principle::ALL
            .into_iter()
            .find(|p| p.code() == code.trim())
            .ok_or("error-invalid-choice")
    }

    /// The tag as it reads on a friction, e.g. "not effortless".
    pub fn tag_key(self) -> &'static str {
        match self {
            Principle::Identity => "principle-identity",
            Principle::Needs => "principle-needs",
            Principle::Chance => "principle-chance",
            Principle::Expectations => "principle-expectations",
            Principle::Effortless => "principle-effortless",
            Principle::Stress => "principle-stress",
            Principle::Senses => "principle-senses",
            Principle::Relationship => "principle-relationship",
            Principle::Control => "principle-control",
            Principle::Emotion => "principle-emotion",
        }
    }
}

/// What the employee may do with a walkthrough.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Access {
    Edit,
    Read,
    None,
}

/// The facts about a walkthrough that decide access.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ownership {
    pub owner_id: i64,
    pub owner_manager_id: Option<i64>,
    pub status: WalkthroughStatus,
}

/// The owner edits until it is finished and reads it after; the owner's manager (when a reviewer) and HR
/// read it. Everyone else sees nothing until it is shared in a presentation.
pub fn access(viewer_id: i64, viewer_roles: &RoleSet, walk: Ownership) -> Access {
    if viewer_id == walk.owner_id {
        return if walk.status == WalkthroughStatus::InProgress {
            Access::Edit
        } else {
            Access::Read
        };
    }
    let is_their_reviewer =
        viewer_roles.has(Role::Reviewer) && walk.owner_manager_id == Some(viewer_id);
    if is_their_reviewer || viewer_roles.has(Role::Hr) {
        Access::Read
    } else {
        Access::None
    }
}

/// An employee may start a new walkthrough only when none is in progress in the same cycle.
pub fn check_can_start(in_progress_this_cycle: usize) -> Result<(), &'static str> {
    if in_progress_this_cycle == 0 {
        Ok(())
    } else {
        Err("walk-error-already-in-progress")
    }
}

/// The licence cycle a moment falls in: the calendar year in Amsterdam.
pub fn cycle_year(at: DateTime<Utc>) -> i64 {
    use chrono::Datelike;
    i64::from(at.with_timezone(&chrono_tz::Europe::Amsterdam).year())
}

/// Validated answer for one step. Everything is optional while walking; an outcome of "skipped" needs a reason.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StepAnswerInput {
    pub outcome: Option<Outcome>,
    pub skip_reason: Option<String>,
    pub minutes: Option<i64>,
    pub emotion: Option<i64>,
    pub effort: Option<i64>,
    pub expected: Option<String>,
    pub happened: Option<String>,
    pub notes: Option<String>,
}

impl StepAnswerInput {
    /// Field names match the form: outcome, skip_reason, minutes, emotion, effort, expected, happened, notes.
    #[allow(clippy::too_many_arguments)]
    pub fn parse(
        outcome: &str,
        skip_reason: &str,
        minutes: &str,
        emotion: &str,
        effort: &str,
        expected: &str,
        happened: &str,
        notes: &str,
    ) -> Result<StepAnswerInput, FieldErrors> {
        let mut errors = FieldErrors::new();
        let outcome = errors.check(
            "outcome",
            if outcome.trim().is_empty() {
                Ok(None)
            } else {
                Outcome::parse(outcome).map(Some)
            },
        );
        let skip_reason = errors.check("skip_reason", text::optional(skip_reason, 1000));
        if outcome == Some(Some(Outcome::Skipped)) && matches!(skip_reason, Some(None)) {
            errors.add("skip_reason", "walk-error-skip-reason");
        }
        let minutes = errors.check("minutes", text::optional_number(minutes, 0, 1440));
        let emotion = errors.check("emotion", text::optional_number(emotion, -2, 2));
        let effort = errors.check("effort", text::optional_number(effort, 1, 7));
        let expected = errors.check("expected", text::optional(expected, 4000));
        let happened = errors.check("happened", text::optional(happened, 4000));
        let notes = errors.check("notes", text::optional(notes, 4000));
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(StepAnswerInput {
            outcome: outcome.flatten(),
            skip_reason: skip_reason.flatten(),
            minutes: minutes.flatten(),
            emotion: emotion.flatten(),
            effort: effort.flatten(),
            expected: expected.flatten(),
            happened: happened.flatten(),
            notes: notes.flatten(),
        })
    }
}

/// Validated friction, delight or question.
#[derive(Debug, Clone, PartialEq)]
pub struct FrictionInput {
    pub kind: FrictionKind,
    pub severity: Option<Severity>,
    pub title: String,
    pub what_happened: String,
    pub suggestion: String,
    pub principles: Vec<Principle>,
    pub team_id: Option<i64>,
}

impl FrictionInput {
    /// Field names match the form: kind, severity, title, what_happened, suggestion, principles, team_id.
    /// A friction needs a severity and a description of what happened; a delight or question only a title.
    pub fn parse(
        kind: &str,
        severity: &str,
        title: &str,
        what_happened: &str,
        suggestion: &str,
        principles: &[String],
        team_id: &str,
    ) -> Result<FrictionInput, FieldErrors> {
        let mut errors = FieldErrors::new();
        let kind = errors.check("kind", FrictionKind::parse(kind));
        let severity = errors.check(
            "severity",
            match (kind, severity.trim()) {
                (Some(FrictionKind::Friction), "") => Err("walk-error-severity-required"),
                (Some(FrictionKind::Friction), code) => Severity::parse(code).map(Some),
                _ => Ok(None),
            },
        );
        let title = errors.check("title", text::required(title, 120));
        let what_happened = errors.check(
            "what_happened",
            match kind {
                Some(FrictionKind::Friction) => text::required(what_happened, 4000),
                _ => text::optional(what_happened, 4000).map(Option::unwrap_or_default),
            },
        );
        let suggestion = errors.check(
            "suggestion",
            text::optional(suggestion, 4000).map(Option::unwrap_or_default),
        );
        let mut tags = Vec::new();
        for code in principles.iter().filter(|c| !c.trim().is_empty()) {
            match Principle::parse(code) {
                Ok(p) => tags.push(p),
                Err(key) => {
                    errors.add("principles", key);
                    break;
                }
            }
        }
        tags.sort();
        tags.dedup();
        let team_id = errors.check("team_id", super::person::parse_optional_id(team_id));
        match (kind, severity, title, what_happened, suggestion, team_id) {
            (
                Some(kind),
                Some(severity),
                Some(title),
                Some(what_happened),
                Some(suggestion),
                Some(team_id),
            ) if errors.is_empty() => Ok(FrictionInput {
                kind,
                severity,
                title,
                what_happened,
                suggestion,
                principles: tags,
                team_id,
            }),
            _ => Err(errors),
        }
    }
}

/// Validated end of a walkthrough.
#[derive(Debug, Clone, PartialEq)]
pub struct FinishInput {
    pub status: WalkthroughStatus,
    pub abandon_reason: Option<String>,
    pub recommend_score: Option<i64>,
    pub summary: String,
    pub pros: String,
    pub cons: String,
}

impl FinishInput {
    /// Field names match the form: result (completed/abandoned), abandon_reason, recommend_score, summary, pros, cons.
    pub fn parse(
        result: &str,
        abandon_reason: &str,
        recommend_score: &str,
        summary: &str,
        pros: &str,
        cons: &str,
    ) -> Result<FinishInput, FieldErrors> {
        let mut errors = FieldErrors::new();
        let status = errors.check(
            "result",
            match result.trim() {
                "completed" => Ok(WalkthroughStatus::Completed),
                "abandoned" => Ok(WalkthroughStatus::Abandoned),
                "" => Err("error-required"),
                _ => Err("error-invalid-choice"),
            },
        );
        let abandon_reason = errors.check(
            "abandon_reason",
            match status {
                Some(WalkthroughStatus::Abandoned) => {
                    text::required(abandon_reason, 2000).map(Some)
                }
                _ => Ok(None),
            },
        );
        let recommend_score = errors.check(
            "recommend_score",
            match status {
                Some(WalkthroughStatus::Completed) => text::optional_number(recommend_score, 0, 10)
                    .and_then(|n| n.ok_or("error-required"))
                    .map(Some),
                _ => text::optional_number(recommend_score, 0, 10),
            },
        );
        let summary = errors.check("summary", text::required(summary, 4000));
        let pros = errors.check(
            "pros",
            text::optional(pros, 4000).map(Option::unwrap_or_default),
        );
        let cons = errors.check(
            "cons",
            text::optional(cons, 4000).map(Option::unwrap_or_default),
        );
        match (status, abandon_reason, recommend_score, summary, pros, cons) {
            (
                Some(status),
                Some(abandon_reason),
                Some(recommend_score),
                Some(summary),
                Some(pros),
                Some(cons),
            ) if errors.is_empty() => Ok(FinishInput {
                status,
                abandon_reason,
                recommend_score,
                summary,
                pros,
                cons,
            }),
            _ => Err(errors),
        }
    }
}

/// Why a completed walkthrough cannot be submitted yet (translation keys), empty when it can.
/// Every step needs an outcome, every walkthrough asks for at least one delight, and quick captures
/// must have been completed (a one-line note is not yet something colleagues can act on).
pub fn completion_problems(
    unanswered_steps: usize,
    delights: usize,
    incomplete_frictions: usize,
) -> Vec<&'static str> {
    let mut problems = Vec::new();
    if unanswered_steps > 0 {
        problems.push("walk-error-steps-open");
    }
    if delights == 0 {
        problems.push("walk-error-no-delight");
    }
    if incomplete_frictions > 0 {
        problems.push("walk-error-incomplete-frictions");
    }
    problems
}

/// One logged friction, delight or question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Friction {
    pub id: i64,
    pub step_id: i64,
    pub kind: FrictionKind,
    pub severity: Option<Severity>,
    pub title: String,
    pub what_happened: String,
    pub suggestion: String,
    pub principles: Vec<Principle>,
    pub team_id: Option<i64>,
    pub team_name: Option<String>,
    pub incomplete: bool,
}

/// A stored photo, screenshot or PDF.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EvidenceItem {
    pub id: i64,
    pub step_id: i64,
    pub friction_id: Option<i64>,
    pub content_type: String,
    pub byte_size: i64,
    pub has_thumbnail: bool,
    pub original_name: String,
    pub caption: String,
}

/// The employee's answer for one step, with the version that guards against lost updates.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct StepAnswer {
    pub outcome: Option<Outcome>,
    pub skip_reason: Option<String>,
    pub minutes: Option<i64>,
    pub emotion: Option<i64>,
    pub effort: Option<i64>,
    pub expected: Option<String>,
    pub happened: Option<String>,
    pub notes: Option<String>,
    pub version: i64,
}

/// One step as walked: the journey's step, the answer, and what was logged on it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WalkedStep {
    pub step: JourneyStep,
    pub answer: StepAnswer,
    pub frictions: Vec<Friction>,
    pub evidence: Vec<EvidenceItem>,
}

/// A walkthrough as listed ("my walkthroughs").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WalkthroughSummary {
    pub id: i64,
    pub journey_id: i64,
    pub journey_title: String,
    pub journey_version: i64,
    pub person_name: String,
    pub cycle_year: i64,
    pub status: WalkthroughStatus,
    pub steps_total: i64,
    pub steps_answered: i64,
    pub started_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
}

/// Everything about one walkthrough, for the step view, the finish form and the read-only log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WalkthroughDetail {
    pub summary: WalkthroughSummary,
    pub owner_id: i64,
    pub access: Access,
    pub journey_title: String,
    pub persona: String,
    pub goal: String,
    pub scenario: String,
    pub rules: String,
    pub abandon_reason: Option<String>,
    pub recommend_score: Option<i64>,
    pub summary_text: Option<String>,
    pub pros: Option<String>,
    pub cons: Option<String>,
    pub steps: Vec<WalkedStep>,
}

impl WalkthroughDetail {
    pub fn delights(&self) -> usize {
        self.steps
            .iter()
            .flat_map(|s| &s.frictions)
            .filter(|f| f.kind == FrictionKind::Delight)
            .count()
    }

    pub fn incomplete_frictions(&self) -> usize {
        self.steps
            .iter()
            .flat_map(|s| &s.frictions)
            .filter(|f| f.incomplete)
            .count()
    }

    pub fn unanswered(&self) -> usize {
        self.steps
            .iter()
            .filter(|s| s.answer.outcome.is_none())
            .count()
    }
}

/// Progress through the phases: for each phase that has steps, (phase, answered, total).
pub fn phase_progress(steps: &[WalkedStep]) -> Vec<(Phase, usize, usize)> {
    Phase::ALL
        .into_iter()
        .filter_map(|phase| {
            let in_phase: Vec<_> = steps.iter().filter(|s| s.step.phase == phase).collect();
            (!in_phase.is_empty()).then(|| {
                let answered = in_phase
                    .iter()
                    .filter(|s| s.answer.outcome.is_some())
                    .count();
                (phase, answered, in_phase.len())
            })
        })
        .collect()
}

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
    use super::*;
    use crate::domain::journey::Channel;
    use chrono::TimeZone;

    fn roles(r: &[Role]) -> RoleSet {
        RoleSet::new(r.iter().copied())
    }

    fn walk(status: WalkthroughStatus) -> Ownership {
        Ownership {
            owner_id: 10,
            owner_manager_id: Some(20),
            status,
        }
    }

    #[test]
    fn owner_edits_until_finished_then_reads() {
        let me = roles(&[Role::Employee]);
        assert_eq!(
            access(10, &me, walk(WalkthroughStatus::InProgress)),
            Access::Edit
        );
        assert_eq!(
            access(10, &me, walk(WalkthroughStatus::Completed)),
            Access::Read
        );
        assert_eq!(
            access(10, &me, walk(WalkthroughStatus::Abandoned)),
            Access::Read
        );
    }

    #[test]
    fn reviewer_of_the_owner_and_hr_read_others_do_not() {
        let reviewer = roles(&[Role::Employee, Role::Reviewer]);
        let hr = roles(&[Role::Employee, Role::Hr]);
        let colleague = roles(&[Role::Employee]);
        let admin = roles(&[Role::Admin]);
        let w = walk(WalkthroughStatus::InProgress);
        assert_eq!(access(20, &reviewer, w), Access::Read);
        // A reviewer who is not this person's manager sees nothing.
        assert_eq!(access(21, &reviewer, w), Access::None);
        // A manager without the reviewer role neither.
        assert_eq!(access(20, &colleague, w), Access::None);
        assert_eq!(access(30, &hr, w), Access::Read);
        assert_eq!(access(31, &colleague, w), Access::None);
        assert_eq!(access(32, &admin, w), Access::None);
    }

    #[test]
    fn one_walkthrough_in_progress_per_cycle() {
        assert_eq!(check_can_start(0), Ok(()));
        assert_eq!(check_can_start(1), Err("walk-error-already-in-progress"));
    }

    #[test]
    fn cycle_is_the_amsterdam_calendar_year() {
        // 23:30 UTC on 31 December is already New Year in Amsterdam.
        let eve = Utc
            .with_ymd_and_hms(2026, 12, 31, 23, 30, 0)
            .single()
            .expect("valid");
        assert_eq!(cycle_year(eve), 2027);
    }

    #[test]
    fn step_answer_validates_each_field() {
        let err = StepAnswerInput::parse("skipped", " ", "-5", "3", "0", "", "", "")
            .expect_err("invalid");
        assert_eq!(err.for_field("skip_reason"), Some("walk-error-skip-reason"));
        assert_eq!(err.for_field("minutes"), Some("error-out-of-range"));
        assert_eq!(err.for_field("emotion"), Some("error-out-of-range"));
        assert_eq!(err.for_field("effort"), Some("error-out-of-range"));
        let err = StepAnswerInput::parse("maybe", "", "", "", "", "", "", "").expect_err("bad");
        assert_eq!(err.for_field("outcome"), Some("error-invalid-choice"));
        let empty = StepAnswerInput::parse("", "", "", "", "", "", "", "").expect("empty ok");
        assert_eq!(empty, StepAnswerInput::default());
        let ok = StepAnswerInput::parse("partly", "", "12", "-2", "6", "Snel", "Traag", "")
            .expect("valid");
        assert_eq!(ok.outcome, Some(Outcome::Partly));
        assert_eq!(
            (ok.minutes, ok.emotion, ok.effort),
            (Some(12), Some(-2), Some(6))
        );
        assert_eq!(ok.notes, None);
    }

    #[test]
    fn friction_needs_severity_and_description_delight_does_not() {
        let err =
            FrictionInput::parse("friction", "", "Titel", "", "", &[], "").expect_err("invalid");
        assert_eq!(
            err.for_field("severity"),
            Some("walk-error-severity-required")
        );
        assert_eq!(err.for_field("what_happened"), Some("error-required"));
        let delight =
            FrictionInput::parse("delight", "blocker", "Vriendelijk", "", "", &[], "").expect("ok");
        assert_eq!(delight.severity, None);
        let tags = vec![
            "stress".to_owned(),
            "effortless".to_owned(),
            "stress".to_owned(),
        ];
        let f = FrictionInput::parse("friction", "major", "Wachtrij", "20 min", "", &tags, "3")
            .expect("ok");
        assert_eq!(f.principles, vec![Principle::Effortless, Principle::Stress]);
        assert_eq!(f.team_id, Some(3));
        let bad = FrictionInput::parse("friction", "major", "T", "w", "", &["nonsense".into()], "")
            .expect_err("bad tag");
        assert_eq!(bad.for_field("principles"), Some("error-invalid-choice"));
    }

    #[test]
    fn finishing_rules() {
        let err = FinishInput::parse("completed", "", "", "", "", "").expect_err("invalid");
        assert_eq!(err.for_field("recommend_score"), Some("error-required"));
        assert_eq!(err.for_field("summary"), Some("error-required"));
        let err = FinishInput::parse("abandoned", "", "11", "s", "", "").expect_err("invalid");
        assert_eq!(err.for_field("abandon_reason"), Some("error-required"));
        assert_eq!(err.for_field("recommend_score"), Some("error-out-of-range"));
        let ok =
            FinishInput::parse("completed", "ignored", "8", "Goed", "Snel", "Duur").expect("ok");
        assert_eq!(ok.status, WalkthroughStatus::Completed);
        assert_eq!(ok.abandon_reason, None);
        assert_eq!(ok.recommend_score, Some(8));
        assert_eq!(
            completion_problems(2, 0, 0),
            vec!["walk-error-steps-open", "walk-error-no-delight"]
        );
        assert_eq!(
            completion_problems(0, 1, 1),
            vec!["walk-error-incomplete-frictions"]
        );
        assert!(completion_problems(0, 1, 0).is_empty());
    }

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
