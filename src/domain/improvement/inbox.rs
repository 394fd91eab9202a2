//! The owning team's inbox: the filter read from the URL, and one friction as a lead or CX reads
//! it outside its walkthrough (the step, the words, severity, principles, how many colleagues
//! recognise it, the evidence that is not sensitive, the reporter) with its triage, if any.

use super::Gap;
use super::triage::TriageOutcome;
use crate::domain::journey::Phase;
use crate::domain::walkthrough::{Principle, Severity};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The inbox counts up to here, ten pages: beyond it the heading says "more than 250" and the
/// filters narrow it down (ten pages is more than a lead reads in one sitting). An exact count of
/// a large team's 10,000 frictions would cost more than the page; measured on the grown database,
/// counting to 500 took 0.55 ms of the page's SQL and to 250 half of that.
pub const COUNT_CAP: i64 = 250;

/// Frictions per page: each is a card with its texts, principles and photos, read on a phone as
/// often as on a desk; 25 is a long scroll already, and the page's cost grows with every card.
pub const PAGE_SIZE: i64 = 25;

/// Which frictions the inbox lists: still to decide (the default), decided, or both.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TriageState {
    #[default]
    Open,
    Triaged,
    All,
}

impl TriageState {
    pub const ALL: [TriageState; 3] = [TriageState::Open, TriageState::Triaged, TriageState::All];

    pub fn code(self) -> &'static str {
        match self {
            TriageState::Open => "open",
            TriageState::Triaged => "triaged",
            TriageState::All => "all",
        }
    }

    pub fn label_key(self) -> &'static str {
        match self {
            TriageState::Open => "inbox-state-open",
            TriageState::Triaged => "inbox-state-triaged",
            TriageState::All => "inbox-state-all",
        }
    }
}

/// The inbox's filter, from its GET form; what is not understood is ignored, so a bookmarked
/// inbox keeps working. `team` is CX's choice of one team (leads always see their own).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct InboxFilter {
    /// A journey family: every yearly version of one journey.
    pub journey: Option<i64>,
    pub step: Option<i64>,
    pub phase: Option<Phase>,
    pub severity: Option<Severity>,
    pub principle: Option<Principle>,
    pub year: Option<i64>,
    pub state: TriageState,
    pub team: Option<i64>,
}

/// The raw GET parameters, in the order of the form.
#[derive(Debug, Clone, Copy, Default)]
pub struct InboxQuery<'a> {
    pub journey: &'a str,
    pub step: &'a str,
    pub phase: &'a str,
    pub severity: &'a str,
    pub principle: &'a str,
    pub year: &'a str,
    pub state: &'a str,
    pub team: &'a str,
}

impl InboxFilter {
    pub fn parse(q: InboxQuery<'_>) -> InboxFilter {
        let id = |raw: &str| raw.trim().parse::<i64>().ok().filter(|id| *id > 0);
        InboxFilter {
            journey: id(q.journey),
            step: id(q.step),
            phase: Phase::parse(q.phase).ok(),
            severity: Severity::parse(q.severity.trim()).ok(),
            principle: Principle::parse(q.principle.trim()).ok(),
            year: q
                .year
                .trim()
                .parse::<i64>()
                .ok()
                .filter(|y| (2000..=2100).contains(y)),
            state: TriageState::ALL
                .into_iter()
                .find(|s| s.code() == q.state.trim())
                .unwrap_or_default(),
            team: id(q.team),
        }
    }

    /// The filter's form fields (empty when not set), for the pager's links and the way back
    /// after a triage.
    pub fn pairs(&self) -> Vec<(&'static str, String)> {
        let n = |v: Option<i64>| v.map(|v| v.to_string()).unwrap_or_default();
        vec![
            ("journey", n(self.journey)),
            ("step", n(self.step)),
            (
                "phase",
                self.phase.map(|p| p.code().to_owned()).unwrap_or_default(),
            ),
            (
                "severity",
                self.severity
                    .map(|s| s.code().to_owned())
                    .unwrap_or_default(),
            ),
            (
                "principle",
                self.principle
                    .map(|p| p.code().to_owned())
                    .unwrap_or_default(),
            ),
            ("year", n(self.year)),
            (
                "state",
                match self.state {
                    TriageState::Open => String::new(),
                    other => other.code().to_owned(),
                },
            ),
            ("team", n(self.team)),
        ]
    }
}

/// A photo or file of a friction that its walker did not mark sensitive.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InboxEvidence {
    pub id: i64,
    pub has_thumbnail: bool,
    pub original_name: String,
    pub caption: String,
}

/// What was decided about a friction.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TriageRecord {
    pub outcome: TriageOutcome,
    pub improvement_id: Option<i64>,
    pub improvement_title: Option<String>,
    pub reason: String,
    pub gap: Option<Gap>,
    pub triaged_by: String,
    pub triaged_at: DateTime<Utc>,
}

/// Something the walker linked their friction to while logging it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SimilarLink {
    pub id: i64,
    pub title: String,
}

/// One friction in the inbox. Nothing else of its walkthrough travels with it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InboxFriction {
    pub id: i64,
    pub step_id: i64,
    pub step_title: String,
    pub phase: Phase,
    pub journey_family_id: i64,
    pub journey_title: String,
    pub cycle_year: i64,
    pub severity: Option<Severity>,
    pub title: String,
    pub what_happened: String,
    pub suggestion: String,
    pub principles: Vec<Principle>,
    /// Colleagues who marked it "herkenbaar".
    pub recognitions: i64,
    pub evidence: Vec<InboxEvidence>,
    pub reporter_name: String,
    pub created_at: DateTime<Utc>,
    /// A friction the walker said it resembles (shown only when this viewer may read that one).
    pub similar_friction: Option<SimilarLink>,
    pub similar_improvement: Option<SimilarLink>,
    pub triage: Option<TriageRecord>,
}

/// A choice in one of the inbox's selects.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InboxOption {
    pub id: i64,
    pub label: String,
    /// What it belongs to (a step's journey), for grouping; empty when nothing.
    pub group: String,
}

/// What a reporter reads beside their own friction once it was triaged.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FrictionOutcome {
    pub friction_id: i64,
    pub outcome: TriageOutcome,
    pub improvement_id: Option<i64>,
    pub improvement_title: Option<String>,
    pub reason: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_filter_keeps_what_it_understands_and_reads_back_as_its_pairs() {
        let f = InboxFilter::parse(InboxQuery {
            journey: "3",
            step: "x",
            phase: "service",
            severity: "major",
            principle: "effortless",
            year: "2026",
            state: "triaged",
            team: "-1",
        });
        assert_eq!(f.journey, Some(3));
        assert_eq!(f.step, None);
        assert_eq!(f.phase, Some(Phase::Service));
        assert_eq!(f.severity, Some(Severity::Major));
        assert_eq!(f.principle, Some(Principle::Effortless));
        assert_eq!(f.year, Some(2026));
        assert_eq!(f.state, TriageState::Triaged);
        assert_eq!(f.team, None);
        let pairs = f.pairs();
        assert!(pairs.contains(&("state", "triaged".to_owned())));
        assert!(pairs.contains(&("step", String::new())));
    }

    #[test]
    fn open_is_the_default_and_stays_out_of_links() {
        let f = InboxFilter::parse(InboxQuery {
            state: "drop table",
            year: "99999",
            ..InboxQuery::default()
        });
        assert_eq!(f.state, TriageState::Open);
        assert_eq!(f.year, None);
        assert!(f.pairs().iter().all(|(_, v)| v.is_empty()));
    }
}
