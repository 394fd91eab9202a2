//! The organisation as the UI sees it: departments, teams and people (read models shared with the browser).

use super::{Locale, RoleSet};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Department {
    pub id: i64,
    pub name: String,
    pub teams: Vec<Team>,
    pub people_count: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Team {
    pub id: i64,
    pub department_id: i64,
    pub name: String,
    pub department_name: String,
    pub people_count: i64,
}

/// One row in a people list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonSummary {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub employee_number: String,
    pub team_name: Option<String>,
    pub department_name: Option<String>,
    pub manager_name: Option<String>,
    pub roles: RoleSet,
    pub active: bool,
    pub last_login_at: Option<DateTime<Utc>>,
}

/// Everything the edit form needs about one person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonDetail {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub employee_number: String,
    pub team_id: Option<i64>,
    pub manager_id: Option<i64>,
    pub active: bool,
    pub preferred_language: Locale,
    pub roles: RoleSet,
    pub has_password: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub last_login_at: Option<DateTime<Utc>>,
}

/// A choice in a "manager" select.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonOption {
    pub id: i64,
    pub name: String,
    pub team_name: Option<String>,
}

/// Filters for the people list; all optional.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PeopleFilter {
    pub query: String,
    pub team_id: Option<i64>,
    pub department_id: Option<i64>,
    /// None = everyone, Some(true) = active only, Some(false) = deactivated only.
    pub active: Option<bool>,
}

impl PeopleFilter {
    /// The filter from the people list's GET form fields (the list and its CSV export): the
    /// search text cut at 100 characters, ids that do not parse ignored, status `active` or
    /// `inactive` (anything else: everyone).
    pub fn from_form(query: &str, team: &str, department: &str, status: &str) -> PeopleFilter {
        use crate::domain::person::parse_optional_id;
        PeopleFilter {
            query: query.chars().take(100).collect(),
            team_id: parse_optional_id(team).unwrap_or(None),
            department_id: parse_optional_id(department).unwrap_or(None),
            active: match status {
                "active" => Some(true),
                "inactive" => Some(false),
                _ => None,
            },
        }
    }
}

/// A department or a team picked in the organisation's upkeep forms: `department:3`, `team:7`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum OrgUnit {
    Department(i64),
    Team(i64),
}

impl OrgUnit {
    /// The form value of a choice.
    pub fn value(self) -> String {
        match self {
            OrgUnit::Department(id) => format!("department:{id}"),
            OrgUnit::Team(id) => format!("team:{id}"),
        }
    }

    /// A choice from a form; empty is `error-required`, anything else unknown `error-invalid-choice`.
    pub fn parse(raw: &str) -> Result<OrgUnit, &'static str> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Err("error-required");
        }
        let (kind, id) = raw.split_once(':').ok_or("error-invalid-choice")?;
        let id = id.parse::<i64>().map_err(|_| "error-invalid-choice")?;
        match kind {
            "department" => Ok(OrgUnit::Department(id)),
            "team" => Ok(OrgUnit::Team(id)),
            _ => Err("error-invalid-choice"),
        }
    }

    /// A merge joins a team with a team or a department with a department, never itself.
    pub fn check_merge(self, into: OrgUnit) -> Result<(), &'static str> {
        match (self, into) {
            (a, b) if a == b => Err("org-error-merge-self"),
            (OrgUnit::Department(_), OrgUnit::Department(_))
            | (OrgUnit::Team(_), OrgUnit::Team(_)) => Ok(()),
            _ => Err("org-error-merge-kind"),
        }
    }
}

/// Would making `proposed_manager` the manager of `person` create a loop in the reporting line?
/// `chain` is the proposed manager's own chain upwards (their manager, that one's manager, ...).
pub fn creates_management_cycle(person: i64, proposed_manager: i64, chain: &[i64]) -> bool {
    person == proposed_manager || chain.contains(&person)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_people_filter_reads_the_form_and_ignores_what_does_not_parse() {
        let f = super::PeopleFilter::from_form(&"x".repeat(150), "7", "abc", "inactive");
        assert_eq!(f.query.len(), 100);
        assert_eq!(
            (f.team_id, f.department_id, f.active),
            (Some(7), None, Some(false))
        );
        assert_eq!(
            super::PeopleFilter::from_form("", "", "", "iedereen").active,
            None
        );
    }

    use super::*;

    #[test]
    fn org_units_from_forms() {
        assert_eq!(OrgUnit::parse("team:7"), Ok(OrgUnit::Team(7)));
        assert_eq!(OrgUnit::parse(" department:3 "), Ok(OrgUnit::Department(3)));
        assert_eq!(OrgUnit::parse(""), Err("error-required"));
        for bad in ["team", "team:x", "person:1"] {
            assert_eq!(OrgUnit::parse(bad), Err("error-invalid-choice"), "{bad}");
        }
        assert_eq!(
            OrgUnit::parse(&OrgUnit::Team(5).value()),
            Ok(OrgUnit::Team(5))
        );
        assert_eq!(OrgUnit::Team(1).check_merge(OrgUnit::Team(2)), Ok(()));
        assert_eq!(
            OrgUnit::Team(1).check_merge(OrgUnit::Team(1)),
            Err("org-error-merge-self")
        );
        assert_eq!(
            OrgUnit::Team(1).check_merge(OrgUnit::Department(1)),
            Err("org-error-merge-kind")
        );
    }

    #[test]
    fn detects_reporting_loops() {
        assert!(creates_management_cycle(1, 1, &[]));
        // 2 reports to 3 reports to 1: making 2 manager of 1 closes the loop.
        assert!(creates_management_cycle(1, 2, &[3, 1]));
        assert!(!creates_management_cycle(1, 2, &[3, 4]));
    }
}
