//! Triage: what a team lead or CX member decides about one or more frictions from the inbox —
//! a new improvement, a place in an existing one (duplicates merge), or "geen actie" with a reason
//! the reporter reads — and the SERVQUAL gap the frictions show. The form arrives as typed; this
//! turns it into a decision or reports every bad field at once.

use super::{Gap, LeadPriority};
use crate::domain::FieldErrors;
use crate::domain::text;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// At most this many frictions are triaged in one go (one inbox page holds 50).
pub const MAX_FRICTIONS: usize = 50;
/// The longest improvement title.
pub const TITLE_MAX: usize = 120;

/// What happened to a triaged friction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TriageOutcome {
    /// Part of an improvement (a new or an existing one).
    Improvement,
    /// Closed as "geen actie", with a reason.
    NoAction,
}

impl TriageOutcome {
    pub fn code(self) -> &'static str {
        match self {
            TriageOutcome::Improvement => "improvement",
            TriageOutcome::NoAction => "no_action",
        }
    }

    pub fn parse(code: &str) -> Option<TriageOutcome> {
        [TriageOutcome::Improvement, TriageOutcome::NoAction]
            .into_iter()
            .find(|o| o.code() == code)
    }
}

/// A new improvement as the lead described it. `team_id` and `owner_id` left empty mean the
/// defaults: the team of the first friction's step, and a lead of the owning team.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewImprovement {
    pub title: String,
    pub problem: String,
    pub team_id: Option<i64>,
    pub owner_id: Option<i64>,
    pub due_on: Option<NaiveDate>,
    pub priority: LeadPriority,
}

/// What becomes of the chosen frictions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    New(NewImprovement),
    /// Added to this open improvement.
    Existing(i64),
    /// Closed as "geen actie" with this reason.
    NoAction(String),
}

impl Decision {
    pub fn outcome(&self) -> TriageOutcome {
        match self {
            Decision::NoAction(_) => TriageOutcome::NoAction,
            _ => TriageOutcome::Improvement,
        }
    }
}

/// A valid triage: the frictions (ascending, no repeats; the first gives a new improvement its
/// step and journey), the gap, and the decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TriageInput {
    pub frictions: Vec<i64>,
    pub gap: Option<Gap>,
    pub decision: Decision,
}

/// The triage form as typed; every field is text so a half-filled form always arrives.
#[derive(Debug, Clone, Copy, Default)]
pub struct TriageFields<'a> {
    /// `new`, `existing` or `no_action`.
    pub action: &'a str,
    pub gap: &'a str,
    pub title: &'a str,
    pub problem: &'a str,
    pub team_id: &'a str,
    pub owner_id: &'a str,
    pub due_on: &'a str,
    pub priority: &'a str,
    pub improvement_id: &'a str,
    pub reason: &'a str,
}

impl TriageInput {
    /// Field names match the form: frictions, action, gap, title, problem, team_id, owner_id,
    /// due_on, priority, improvement_id, reason. A due date lies today (`today`, Amsterdam) or later.
    pub fn parse(
        frictions: &[String],
        f: TriageFields<'_>,
        today: NaiveDate,
    ) -> Result<TriageInput, FieldErrors> {
        let mut errors = FieldErrors::new();
        let frictions = errors.check("frictions", parse_frictions(frictions));
        let action = f.action.trim();
        let gap = match (action, f.gap.trim()) {
            ("no_action", "") => Ok(None),
            (_, "") => Err("inbox-error-gap-required"),
            (_, code) => Gap::parse(code).map(Some),
        };
        let gap = errors.check("gap", gap);
        let decision = match action {
            "new" => new_improvement(&mut errors, f, today).map(Decision::New),
            "existing" => errors
                .check("improvement_id", required_id(f.improvement_id))
                .map(Decision::Existing),
            "no_action" => errors
                .check("reason", text::required(f.reason, text::MEDIUM))
                .map(Decision::NoAction),
            _ => {
                errors.add("action", "inbox-error-action");
                None
            }
        };
        match (frictions, gap, decision) {
            (Some(frictions), Some(gap), Some(decision)) if errors.is_empty() => Ok(TriageInput {
                frictions,
                gap,
                decision,
            }),
            _ => Err(errors),
        }
    }
}

fn new_improvement(
    errors: &mut FieldErrors,
    f: TriageFields<'_>,
    today: NaiveDate,
) -> Option<NewImprovement> {
    let title = errors.check("title", text::required(f.title, TITLE_MAX));
    let problem = errors.check("problem", text::required(f.problem, text::MEDIUM));
    let team_id = errors.check("team_id", optional_id(f.team_id));
    let owner_id = errors.check("owner_id", optional_id(f.owner_id));
    let due_on = errors.check("due_on", due_date(f.due_on, today));
    let priority = errors.check("priority", LeadPriority::parse(f.priority.trim()));
    Some(NewImprovement {
        title: title?,
        problem: problem?,
        team_id: team_id?,
        owner_id: owner_id?,
        due_on: due_on?,
        priority: priority?,
    })
}

/// The ticked frictions: at least one, at most [`MAX_FRICTIONS`], each an id.
fn parse_frictions(raw: &[String]) -> Result<Vec<i64>, &'static str> {
    let mut ids = Vec::new();
    for r in raw.iter().map(|r| r.trim()).filter(|r| !r.is_empty()) {
        match r.parse::<i64>() {
            Ok(id) if id > 0 => ids.push(id),
            _ => return Err("error-invalid-choice"),
        }
    }
    ids.sort_unstable();
    ids.dedup();
    match ids.len() {
        0 => Err("inbox-error-pick"),
        n if n > MAX_FRICTIONS => Err("inbox-error-too-many"),
        _ => Ok(ids),
    }
}

fn optional_id(raw: &str) -> Result<Option<i64>, &'static str> {
    match raw.trim() {
        "" => Ok(None),
        r => r
            .parse::<i64>()
            .ok()
            .filter(|id| *id > 0)
            .map(Some)
            .ok_or("error-invalid-choice"),
    }
}

fn required_id(raw: &str) -> Result<i64, &'static str> {
    optional_id(raw)?.ok_or("inbox-error-improvement-required")
}

/// A due date as `yyyy-mm-dd` (what a date input sends), optional, not in the past.
fn due_date(raw: &str, today: NaiveDate) -> Result<Option<NaiveDate>, &'static str> {
    match raw.trim() {
        "" => Ok(None),
        r => match NaiveDate::parse_from_str(r, "%Y-%m-%d") {
            Ok(day) if day < today => Err("inbox-error-due-past"),
            Ok(day) => Ok(Some(day)),
            Err(_) => Err("inbox-error-due-date"),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 7).expect("date")
    }

    fn ids(raw: &[&str]) -> Vec<String> {
        raw.iter().map(|s| (*s).to_owned()).collect()
    }

    fn new_fields() -> TriageFields<'static> {
        TriageFields {
            action: "new",
            gap: "delivery",
            title: "Formulier niet overtypen",
            problem: "Ik moest het hele formulier overtypen.",
            priority: "high",
            ..TriageFields::default()
        }
    }

    #[test]
    fn a_new_improvement_from_two_frictions_takes_the_defaults() {
        let input =
            TriageInput::parse(&ids(&["12", "7", "12"]), new_fields(), today()).expect("valid");
        assert_eq!(input.frictions, [7, 12]);
        assert_eq!(input.gap, Some(Gap::Delivery));
        let Decision::New(new) = input.decision else {
            panic!("a new improvement");
        };
        assert_eq!(new.team_id, None);
        assert_eq!(new.owner_id, None);
        assert_eq!(new.due_on, None);
        assert_eq!(new.priority, LeadPriority::High);
        assert_eq!(new.title, "Formulier niet overtypen");
    }

    #[test]
    fn every_bad_field_of_a_new_improvement_is_reported_at_once() {
        let fields = TriageFields {
            action: "new",
            gap: "",
            title: " ",
            problem: "",
            team_id: "abc",
            owner_id: "-3",
            due_on: "2026-12-06",
            priority: "urgent",
            ..TriageFields::default()
        };
        let err = TriageInput::parse(&[], fields, today()).expect_err("invalid");
        assert_eq!(err.for_field("frictions"), Some("inbox-error-pick"));
        assert_eq!(err.for_field("gap"), Some("inbox-error-gap-required"));
        assert_eq!(err.for_field("title"), Some("error-required"));
        assert_eq!(err.for_field("problem"), Some("error-required"));
        assert_eq!(err.for_field("team_id"), Some("error-invalid-choice"));
        assert_eq!(err.for_field("owner_id"), Some("error-invalid-choice"));
        assert_eq!(err.for_field("due_on"), Some("inbox-error-due-past"));
        assert_eq!(
            err.for_field("priority"),
            Some("improvement-error-priority")
        );
    }

    #[test]
    fn a_due_date_is_a_real_day_from_today_on() {
        let on = |due| {
            TriageInput::parse(
                &ids(&["1"]),
                TriageFields {
                    due_on: due,
                    ..new_fields()
                },
                today(),
            )
        };
        assert!(on("2026-12-07").is_ok());
        assert_eq!(
            on("31-12-2026").expect_err("format").for_field("due_on"),
            Some("inbox-error-due-date")
        );
        assert_eq!(
            on("2026-02-30")
                .expect_err("no such day")
                .for_field("due_on"),
            Some("inbox-error-due-date")
        );
    }

    #[test]
    fn the_gap_is_required_for_an_improvement_and_optional_for_geen_actie() {
        let existing = TriageFields {
            action: "existing",
            improvement_id: "4",
            ..TriageFields::default()
        };
        let err = TriageInput::parse(&ids(&["1"]), existing, today()).expect_err("no gap");
        assert_eq!(err.for_field("gap"), Some("inbox-error-gap-required"));
        let with_gap = TriageInput::parse(
            &ids(&["1"]),
            TriageFields {
                gap: "knowledge",
                ..existing
            },
            today(),
        )
        .expect("valid");
        assert_eq!(with_gap.decision, Decision::Existing(4));
        let none = TriageFields {
            action: "no_action",
            reason: "Staat al op de planning van IT.",
            ..TriageFields::default()
        };
        let input = TriageInput::parse(&ids(&["1"]), none, today()).expect("valid");
        assert_eq!(input.gap, None);
        assert_eq!(input.decision.outcome(), TriageOutcome::NoAction);
        let bad_gap = TriageFields {
            gap: "other",
            ..none
        };
        assert_eq!(
            TriageInput::parse(&ids(&["1"]), bad_gap, today())
                .expect_err("unknown gap")
                .for_field("gap"),
            Some("improvement-error-gap")
        );
    }

    #[test]
    fn geen_actie_needs_a_reason_and_existing_needs_an_improvement() {
        let none = TriageFields {
            action: "no_action",
            reason: "   ",
            ..TriageFields::default()
        };
        assert_eq!(
            TriageInput::parse(&ids(&["1"]), none, today())
                .expect_err("no reason")
                .for_field("reason"),
            Some("error-required")
        );
        let existing = TriageFields {
            action: "existing",
            gap: "delivery",
            ..TriageFields::default()
        };
        assert_eq!(
            TriageInput::parse(&ids(&["1"]), existing, today())
                .expect_err("no improvement")
                .for_field("improvement_id"),
            Some("inbox-error-improvement-required")
        );
    }

    #[test]
    fn frictions_are_ids_and_not_too_many_and_the_action_is_known() {
        let err = TriageInput::parse(&ids(&["1", "x"]), new_fields(), today()).expect_err("id");
        assert_eq!(err.for_field("frictions"), Some("error-invalid-choice"));
        let many: Vec<String> = (1..=51).map(|i| i.to_string()).collect();
        let err = TriageInput::parse(&many, new_fields(), today()).expect_err("too many");
        assert_eq!(err.for_field("frictions"), Some("inbox-error-too-many"));
        let unknown = TriageFields {
            action: "delete",
            ..new_fields()
        };
        let err = TriageInput::parse(&ids(&["1"]), unknown, today()).expect_err("action");
        assert_eq!(err.for_field("action"), Some("inbox-error-action"));
    }

    #[test]
    fn outcome_codes_read_back() {
        for o in [TriageOutcome::Improvement, TriageOutcome::NoAction] {
            assert_eq!(TriageOutcome::parse(o.code()), Some(o));
        }
        assert_eq!(TriageOutcome::parse("maybe"), None);
    }
}
