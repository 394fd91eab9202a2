//! A walkthrough as read back: the steps as walked, what was logged on them, and the summary.

use super::super::journey::{JourneyStep, Phase};
use super::access::Access;
use super::answers::Outcome;
use super::frictions::{FrictionKind, Principle, Severity};
use super::status::WalkthroughStatus;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

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
