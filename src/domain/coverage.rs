//! Coverage as the HR dashboard shows it: the filter, the drill-down's sort, counts per status,
//! a team's counts, trend points and the people behind a count. Wasm-safe; the server fills
//! them from SQL (`db::coverage`) and the pages render them.

use crate::domain::licence::LicenceStatus;
use crate::domain::paging::Paged;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// How the drill-down list is sorted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum PersonSort {
    #[default]
    Name,
    NameDesc,
    ValidThrough,
    ValidThroughDesc,
}

impl PersonSort {
    pub const ALL: [PersonSort; 4] = [
        PersonSort::Name,
        PersonSort::NameDesc,
        PersonSort::ValidThrough,
        PersonSort::ValidThroughDesc,
    ];

    pub fn code(self) -> &'static str {
        match self {
            PersonSort::Name => "name",
            PersonSort::NameDesc => "name-desc",
            PersonSort::ValidThrough => "through",
            PersonSort::ValidThroughDesc => "through-desc",
        }
    }

    pub fn parse(raw: &str) -> PersonSort {
        Self::ALL
            .into_iter()
            .find(|s| s.code() == raw)
            .unwrap_or_default()
    }
}

/// The dashboard's filter as read from its GET form; what is not understood is ignored.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CoverageFilter {
    pub department_id: Option<i64>,
    pub team_id: Option<i64>,
    pub manager_id: Option<i64>,
    pub status: Option<LicenceStatus>,
    /// Name or employee number (drill-down only).
    pub query: String,
    pub sort: PersonSort,
}

impl CoverageFilter {
    pub fn parse(
        department: &str,
        team: &str,
        manager: &str,
        status: &str,
        query: &str,
        sort: &str,
    ) -> CoverageFilter {
        let id = |raw: &str| raw.trim().parse::<i64>().ok().filter(|n| *n > 0);
        CoverageFilter {
            department_id: id(department),
            team_id: id(team),
            manager_id: id(manager),
            status: LicenceStatus::parse(status.trim()),
            query: query.trim().chars().take(100).collect(),
            sort: PersonSort::parse(sort.trim()),
        }
    }

    /// The filter as URL fields (empty ones are left out by `page_href`).
    pub fn pairs(&self) -> Vec<(&'static str, String)> {
        let id = |v: Option<i64>| v.map(|n| n.to_string()).unwrap_or_default();
        vec![
            ("department", id(self.department_id)),
            ("team", id(self.team_id)),
            ("manager", id(self.manager_id)),
            (
                "status",
                self.status.map(|s| s.code().to_owned()).unwrap_or_default(),
            ),
            ("q", self.query.clone()),
            (
                "sort",
                if self.sort == PersonSort::Name {
                    String::new()
                } else {
                    self.sort.code().to_owned()
                },
            ),
        ]
    }

    /// The same filter with another status (the links behind each count).
    pub fn with_status(&self, status: Option<LicenceStatus>) -> CoverageFilter {
        CoverageFilter {
            status,
            ..self.clone()
        }
    }
}

/// Number of people in each status.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Counts {
    /// In the order of `LicenceStatus::ALL`.
    pub by_status: [i64; 6],
}

impl Counts {
    fn index(status: LicenceStatus) -> usize {
        LicenceStatus::ALL
            .iter()
            .position(|s| *s == status)
            .unwrap_or(0)
    }

    pub fn add(&mut self, status: LicenceStatus, n: i64) {
        self.by_status[Self::index(status)] += n;
    }

    pub fn get(&self, status: LicenceStatus) -> i64 {
        self.by_status[Self::index(status)]
    }

    pub fn total(&self) -> i64 {
        self.by_status.iter().sum()
    }

    pub fn covered(&self, grace_counts: bool) -> i64 {
        LicenceStatus::ALL
            .into_iter()
            .filter(|s| match s {
                LicenceStatus::Valid | LicenceStatus::RenewalDue => true,
                LicenceStatus::InGrace => grace_counts,
                _ => false,
            })
            .map(|s| self.get(s))
            .sum()
    }

    pub fn merge(&mut self, other: &Counts) {
        for (a, b) in self.by_status.iter_mut().zip(other.by_status) {
            *a += b;
        }
    }
}

/// Whole percent of `part` in `whole` (None when nobody counts).
pub fn percent(part: i64, whole: i64) -> Option<i64> {
    (whole > 0).then(|| (part * 100 + whole / 2) / whole)
}

/// One team's counts (people without a team have `team_id` None).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TeamCounts {
    pub department_id: Option<i64>,
    pub department_name: String,
    pub team_id: Option<i64>,
    pub team_name: String,
    pub counts: Counts,
}

/// Covered people and headcount at the end of one month.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrendPoint {
    pub day: NaiveDate,
    pub people: i64,
    pub covered: i64,
}

/// `(id, label)` choices of the filter form.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FilterChoices {
    pub departments: Vec<(i64, String)>,
    pub teams: Vec<(i64, String)>,
    pub managers: Vec<(i64, String)>,
}

/// Everything the dashboard page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dashboard {
    /// False for a reviewer: their direct reports only, no manager filter, no nudge.
    pub organisation: bool,
    pub grace_counts_as_covered: bool,
    pub teams: Vec<TeamCounts>,
    pub total: Counts,
    pub trend: Vec<TrendPoint>,
    pub choices: FilterChoices,
}

/// One person in a drill-down list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CoveredPerson {
    pub id: i64,
    pub name: String,
    pub team_name: String,
    pub department_name: String,
    pub manager_name: String,
    pub valid_through: Option<NaiveDate>,
    pub status: LicenceStatus,
}

/// A drill-down page and whether the viewer may nudge.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PeoplePage {
    pub people: Paged<CoveredPerson>,
    pub can_nudge: bool,
    pub choices: FilterChoices,
}

/// What a nudge did: in-app reminders written, and for the e-mails the SMTP server's answers
/// (accepted, failed, not yet answered when the page came back). Carried back to the list in
/// its URL ([`NudgeOutcome::pairs`], [`NudgeOutcome::from_query`]) so a plain form post shows it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NudgeOutcome {
    pub reminded: usize,
    pub mailed: usize,
    pub failed: usize,
    pub pending: usize,
    pub mail_enabled: bool,
}

impl NudgeOutcome {
    /// The query parameters of the list page that shows it.
    pub fn pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = vec![("nudged", self.reminded.to_string())];
        if self.mail_enabled {
            pairs.push(("mailed", self.mailed.to_string()));
            pairs.push(("failed", self.failed.to_string()));
            pairs.push(("pending", self.pending.to_string()));
        } else {
            pairs.push(("mail", "off".to_owned()));
        }
        pairs
    }

    /// Back from the query (`get` a parameter by name); `None` without `nudged`.
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> Option<NudgeOutcome> {
        let number = |name: &str| {
            get(name)
                .and_then(|v| v.trim().parse::<usize>().ok())
                .unwrap_or(0)
        };
        get("nudged")?;
        Some(NudgeOutcome {
            reminded: number("nudged"),
            mailed: number("mailed"),
            failed: number("failed"),
            pending: number("pending"),
            mail_enabled: get("mail").as_deref() != Some("off"),
        })
    }
}

#[cfg(test)]
mod nudge_outcome_tests {
    use super::NudgeOutcome;

    #[test]
    fn the_outcome_survives_the_trip_through_the_url() {
        for outcome in [
            NudgeOutcome {
                reminded: 4,
                mailed: 3,
                failed: 1,
                pending: 0,
                mail_enabled: true,
            },
            NudgeOutcome {
                reminded: 2,
                mail_enabled: false,
                ..NudgeOutcome::default()
            },
        ] {
            let pairs = outcome.pairs();
            let get = |name: &str| {
                pairs
                    .iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| v.clone())
            };
            assert_eq!(NudgeOutcome::from_query(get), Some(outcome));
        }
        assert_eq!(NudgeOutcome::from_query(|_| None), None);
    }
}
