//! One improvement as its page shows it (its facts, linked frictions, history) and the managers'
//! edit of its own fields (title, problem, team, owner, due date, priority): the input rules and
//! which fields an edit changed. Wasm-safe.

use super::priority::PriorityFacts;
use super::{Gap, ImprovementStatus, LeadPriority};
use crate::domain::FieldErrors;
use crate::domain::walkthrough::Severity;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

pub const TITLE_MAX: usize = 200;
pub const PROBLEM_MAX: usize = crate::domain::text::LONG;
/// Linked frictions per page of an improvement (one has hundreds when many walkers met it).
pub const FRICTIONS_PER_PAGE: i64 = 50;

/// An improvement's own facts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImprovementDetail {
    pub id: i64,
    pub title: String,
    pub problem: String,
    pub team_id: i64,
    pub team_name: String,
    pub owner_id: Option<i64>,
    pub owner_name: Option<String>,
    pub owner_email: Option<String>,
    pub journey_title: String,
    pub step_title: String,
    pub due_on: Option<NaiveDate>,
    pub priority: LeadPriority,
    pub status: ImprovementStatus,
    pub status_reason: String,
    pub fixed_at: Option<DateTime<Utc>>,
    pub closed_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub created_by_name: String,
    pub version: i64,
    pub facts: PriorityFacts,
}

/// A friction linked to the improvement, with who reported and who recognised it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LinkedFriction {
    pub id: i64,
    pub walkthrough_id: i64,
    pub title: String,
    pub what_happened: String,
    pub suggestion: String,
    pub severity: Option<Severity>,
    pub gap: Option<Gap>,
    pub reporter_name: String,
    pub recognisers: Vec<String>,
    /// The evidence its walker did not mark sensitive.
    pub evidence: Vec<crate::domain::walkthrough::EvidenceItem>,
    pub created_at: DateTime<Utc>,
}

/// One row of the history: a status change, or an edit of the fields in `changed`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HistoryEntry {
    pub id: i64,
    /// None: the app itself (reopened after later walkers).
    pub actor_name: Option<String>,
    pub from: Option<ImprovementStatus>,
    pub to: ImprovementStatus,
    pub comment: String,
    /// The edited fields' codes (`title`, `owner`, …); empty for a status change.
    pub changed: Vec<String>,
    pub created_at: DateTime<Utc>,
}

/// The fields a manager edits, as they are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditableFields {
    pub title: String,
    pub problem: String,
    pub team_id: i64,
    pub owner_id: Option<i64>,
    pub due_on: Option<NaiveDate>,
    pub priority: LeadPriority,
}

impl EditableFields {
    /// The codes of the fields that differ from `before`, in form order.
    pub fn changed_from(&self, before: &EditableFields) -> Vec<&'static str> {
        [
            ("title", self.title != before.title),
            ("problem", self.problem != before.problem),
            ("team", self.team_id != before.team_id),
            ("owner", self.owner_id != before.owner_id),
            ("due_on", self.due_on != before.due_on),
            ("priority", self.priority != before.priority),
        ]
        .into_iter()
        .filter_map(|(code, changed)| changed.then_some(code))
        .collect()
    }
}

/// The edit form as checked: the owner still as the typed e-mail (the database knows who it is).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditInput {
    pub title: String,
    pub problem: String,
    pub team_id: i64,
    pub owner_email: Option<String>,
    pub due_on: Option<NaiveDate>,
    pub priority: LeadPriority,
}

/// Checks the edit form; every bad field at once, as translation keys.
pub fn parse_edit(
    title: &str,
    problem: &str,
    team: &str,
    owner: &str,
    due_on: &str,
    priority: &str,
) -> Result<EditInput, FieldErrors> {
    use crate::domain::text::{optional, required};
    let mut errors = FieldErrors::new();
    let title = errors.check("title", required(title, TITLE_MAX));
    let problem = errors.check("problem", required(problem, PROBLEM_MAX));
    let team_id = errors.check(
        "team",
        team.trim()
            .parse::<i64>()
            .ok()
            .filter(|id| *id > 0)
            .ok_or("improvement-life-error-team"),
    );
    let owner_email = errors.check(
        "owner",
        optional(owner, 254).and_then(|o| match o {
            Some(email) if !email.contains('@') => Err("improvement-life-error-owner"),
            other => Ok(other.map(|e| e.to_lowercase())),
        }),
    );
    let due_on = errors.check("due_on", parse_due(due_on));
    let priority = errors.check("priority", LeadPriority::parse(priority.trim()));
    match (title, problem, team_id, owner_email, due_on, priority) {
        (
            Some(title),
            Some(problem),
            Some(team_id),
            Some(owner_email),
            Some(due_on),
            Some(priority),
        ) if errors.is_empty() => Ok(EditInput {
            title,
            problem,
            team_id,
            owner_email,
            due_on,
            priority,
        }),
        _ => Err(errors),
    }
}

/// An optional calendar date `yyyy-mm-dd` between 2000 and 2100.
pub fn parse_due(raw: &str) -> Result<Option<NaiveDate>, &'static str> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(raw, "%Y-%m-%d")
        .ok()
        .filter(|d| (2000..=2100).contains(&chrono::Datelike::year(d)))
        .map(Some)
        .ok_or("improvement-life-error-date")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_valid_edit_is_trimmed_and_typed() {
        let input = parse_edit(
            " Terugbellen ",
            "Klanten wachten twintig minuten.",
            "4",
            "Naomi.Tjin@dijkhuis.example",
            "2027-02-01",
            "high",
        )
        .unwrap();
        assert_eq!(input.title, "Terugbellen");
        assert_eq!(input.team_id, 4);
        assert_eq!(
            input.owner_email.as_deref(),
            Some("naomi.tjin@dijkhuis.example")
        );
        assert_eq!(input.due_on, NaiveDate::from_ymd_opt(2027, 2, 1));
        assert_eq!(input.priority, LeadPriority::High);
        let bare = parse_edit("T", "P", "4", "", "", "low").unwrap();
        assert_eq!((bare.owner_email, bare.due_on), (None, None));
    }

    #[test]
    fn every_bad_field_is_reported_at_once() {
        let errors = parse_edit(
            "",
            &"x".repeat(PROBLEM_MAX + 1),
            "team",
            "niemand",
            "31-02-2027",
            "urgent",
        )
        .unwrap_err();
        assert_eq!(errors.for_field("title"), Some("error-required"));
        assert_eq!(errors.for_field("problem"), Some("error-too-long"));
        assert_eq!(
            errors.for_field("team"),
            Some("improvement-life-error-team")
        );
        assert_eq!(
            errors.for_field("owner"),
            Some("improvement-life-error-owner")
        );
        assert_eq!(
            errors.for_field("due_on"),
            Some("improvement-life-error-date")
        );
        assert_eq!(
            errors.for_field("priority"),
            Some("improvement-error-priority")
        );
    }

    #[test]
    fn an_edit_names_only_what_changed() {
        let before = EditableFields {
            title: "A".into(),
            problem: "P".into(),
            team_id: 1,
            owner_id: None,
            due_on: None,
            priority: LeadPriority::Low,
        };
        let after = EditableFields {
            owner_id: Some(3),
            priority: LeadPriority::High,
            ..before.clone()
        };
        assert_eq!(after.changed_from(&before), ["owner", "priority"]);
        assert!(before.changed_from(&before).is_empty());
    }
}
