//! The overview of improvements: the filter taken from the URL (team, journey, status, gap, year,
//! sort), one row as listed and exported, and the counts per team and status (open, overdue,
//! fixed this year, median days to fix). Wasm-safe; the rows come from `db::improvement::overview`.

use super::priority::PriorityFacts;
use super::{Gap, ImprovementStatus, LeadPriority};
use chrono::{DateTime, Datelike, NaiveDate, TimeZone, Utc};
use chrono_tz::Europe::Amsterdam;
use serde::{Deserialize, Serialize};

/// Improvements per page of the overview.
pub const PAGE_SIZE: i64 = 25;

/// The order of the list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Sort {
    /// Highest computed score first.
    #[default]
    Priority,
    /// Oldest first: what has waited longest.
    Age,
}

impl Sort {
    pub fn code(self) -> &'static str {
        match self {
            Sort::Priority => "priority",
            Sort::Age => "age",
        }
    }
}

/// What the overview shows; every field optional. `year` is the calendar year (Amsterdam) the
/// improvement was created in.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct OverviewFilter {
    pub team: Option<i64>,
    pub journey: Option<i64>,
    pub status: Option<ImprovementStatus>,
    pub gap: Option<Gap>,
    pub year: Option<i32>,
    pub sort: Sort,
}

impl OverviewFilter {
    /// From the GET form's fields; what is not understood is ignored.
    pub fn parse(
        team: &str,
        journey: &str,
        status: &str,
        gap: &str,
        year: &str,
        sort: &str,
    ) -> OverviewFilter {
        let id = |raw: &str| raw.trim().parse::<i64>().ok().filter(|n| *n > 0);
        OverviewFilter {
            team: id(team),
            journey: id(journey),
            status: ImprovementStatus::parse(status.trim()).ok(),
            gap: Gap::parse(gap.trim()).ok(),
            year: year
                .trim()
                .parse::<i32>()
                .ok()
                .filter(|y| (2000..=2100).contains(y)),
            sort: if sort.trim() == "age" {
                Sort::Age
            } else {
                Sort::Priority
            },
        }
    }

    /// The filter's form fields, for pager links and the export.
    pub fn pairs(&self) -> Vec<(&'static str, String)> {
        let n = |v: Option<i64>| v.map(|v| v.to_string()).unwrap_or_default();
        vec![
            ("team", n(self.team)),
            ("journey", n(self.journey)),
            (
                "status",
                self.status.map(|s| s.code().to_owned()).unwrap_or_default(),
            ),
            (
                "gap",
                self.gap.map(|g| g.code().to_owned()).unwrap_or_default(),
            ),
            ("year", self.year.map(|y| y.to_string()).unwrap_or_default()),
            (
                "sort",
                match self.sort {
                    Sort::Priority => String::new(),
                    Sort::Age => "age".to_owned(),
                },
            ),
        ]
    }

    /// The first instant of the chosen year and the first after it (UTC, from Amsterdam midnight).
    pub fn year_bounds(&self) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
        let year = self.year?;
        Some((new_year(year)?, new_year(year + 1)?))
    }
}

fn new_year(year: i32) -> Option<DateTime<Utc>> {
    let midnight = NaiveDate::from_ymd_opt(year, 1, 1)?.and_hms_opt(0, 0, 0)?;
    Amsterdam
        .from_local_datetime(&midnight)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
}

/// One improvement as the overview lists and exports it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OverviewRow {
    pub id: i64,
    pub title: String,
    pub team_id: i64,
    pub team_name: String,
    pub journey_title: String,
    pub owner_name: Option<String>,
    pub status: ImprovementStatus,
    pub priority: LeadPriority,
    pub due_on: Option<NaiveDate>,
    pub created_at: DateTime<Utc>,
    pub fixed_at: Option<DateTime<Utc>>,
    pub closed_at: Option<DateTime<Utc>>,
    pub facts: PriorityFacts,
}

impl OverviewRow {
    pub fn score(&self) -> i64 {
        self.facts.score()
    }

    /// Past its due date (Amsterdam) and not closed.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        !self.status.is_closed() && self.due_on.is_some_and(|due| due < today)
    }

    /// Whole days from creation to being fixed (Amsterdam calendar days), for a fixed one.
    pub fn days_to_fix(&self) -> Option<i64> {
        if self.status != ImprovementStatus::Fixed {
            return None;
        }
        let closed = self.closed_at.or(self.fixed_at)?;
        let day = |at: DateTime<Utc>| at.with_timezone(&Amsterdam).date_naive();
        Some((day(closed) - day(self.created_at)).num_days().max(0))
    }

    /// Age in whole days on `today`.
    pub fn age_days(&self, today: NaiveDate) -> i64 {
        (today - self.created_at.with_timezone(&Amsterdam).date_naive())
            .num_days()
            .max(0)
    }
}

/// Sorts rows in place: by score (highest first) or by age (oldest first), ties by id.
pub fn sort_rows(rows: &mut [OverviewRow], sort: Sort) {
    match sort {
        Sort::Priority => rows.sort_by(|a, b| b.score().cmp(&a.score()).then(b.id.cmp(&a.id))),
        Sort::Age => rows.sort_by(|a, b| a.created_at.cmp(&b.created_at).then(a.id.cmp(&b.id))),
    }
}

/// The counts of one team (or of everything shown, as the total row).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamCounts {
    pub team_id: i64,
    pub team_name: String,
    pub open: i64,
    pub overdue: i64,
    pub fixed_this_year: i64,
    pub median_days_to_fix: Option<i64>,
}

/// The counts above the list: per team, per status, and the total.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    pub teams: Vec<TeamCounts>,
    pub total: TeamCounts,
    /// (status, how many), every status in order.
    pub statuses: Vec<(ImprovementStatus, i64)>,
}

/// The middle value (the mean of the two middle ones, rounded down, for an even count).
pub fn median(mut values: Vec<i64>) -> Option<i64> {
    if values.is_empty() {
        return None;
    }
    values.sort_unstable();
    let mid = values.len() / 2;
    Some(if values.len() % 2 == 1 {
        values[mid]
    } else {
        (values[mid - 1] + values[mid]) / 2
    })
}

fn counts(team_id: i64, team_name: &str, rows: &[&OverviewRow], today: NaiveDate) -> TeamCounts {
    TeamCounts {
        team_id,
        team_name: team_name.to_owned(),
        open: rows.iter().filter(|r| !r.status.is_closed()).count() as i64,
        overdue: rows.iter().filter(|r| r.is_overdue(today)).count() as i64,
        fixed_this_year: rows
            .iter()
            .filter(|r| {
                r.status == ImprovementStatus::Fixed
                    && r.fixed_at
                        .is_some_and(|at| at.with_timezone(&Amsterdam).year() == today.year())
            })
            .count() as i64,
        median_days_to_fix: median(rows.iter().filter_map(|r| r.days_to_fix()).collect()),
    }
}

/// The counts of `rows` on `today` (Amsterdam): per team by name, per status, and in total.
pub fn summarise(rows: &[OverviewRow], today: NaiveDate) -> Summary {
    let mut teams: Vec<(i64, &str)> = rows
        .iter()
        .map(|r| (r.team_id, r.team_name.as_str()))
        .collect();
    teams.sort_by(|a, b| a.1.cmp(b.1).then(a.0.cmp(&b.0)));
    teams.dedup();
    let all: Vec<&OverviewRow> = rows.iter().collect();
    Summary {
        teams: teams
            .into_iter()
            .map(|(id, name)| {
                let own: Vec<&OverviewRow> = rows.iter().filter(|r| r.team_id == id).collect();
                counts(id, name, &own, today)
            })
            .collect(),
        total: counts(0, "", &all, today),
        statuses: ImprovementStatus::ALL
            .into_iter()
            .map(|s| (s, rows.iter().filter(|r| r.status == s).count() as i64))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(raw: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(raw)
            .unwrap()
            .with_timezone(&Utc)
    }

    fn row(id: i64, team: i64, status: ImprovementStatus) -> OverviewRow {
        OverviewRow {
            id,
            title: format!("Verbetering {id}"),
            team_id: team,
            team_name: format!("Team {team}"),
            journey_title: "Autoschade melden".into(),
            owner_name: None,
            status,
            priority: LeadPriority::Medium,
            due_on: None,
            created_at: utc("2026-03-01T10:00:00Z"),
            fixed_at: None,
            closed_at: None,
            facts: PriorityFacts::default(),
        }
    }

    #[test]
    fn filter_ignores_what_it_does_not_understand() {
        let f = OverviewFilter::parse("3", "x", "planned", "delivery", "1999", "age");
        assert_eq!(f.team, Some(3));
        assert_eq!(f.journey, None);
        assert_eq!(f.status, Some(ImprovementStatus::Planned));
        assert_eq!(f.gap, Some(Gap::Delivery));
        assert_eq!(f.year, None);
        assert_eq!(f.sort, Sort::Age);
        let back = OverviewFilter::parse("", "", "", "", "2026", "");
        assert_eq!(back.year, Some(2026));
        assert_eq!(back.sort, Sort::Priority);
        assert!(
            back.pairs()
                .iter()
                .all(|(k, v)| *k == "year" || v.is_empty())
        );
    }

    #[test]
    fn a_year_runs_from_amsterdam_midnight_to_amsterdam_midnight() {
        let f = OverviewFilter::parse("", "", "", "", "2026", "");
        let (from, until) = f.year_bounds().unwrap();
        assert_eq!(from.to_rfc3339(), "2025-12-31T23:00:00+00:00");
        assert_eq!(until.to_rfc3339(), "2026-12-31T23:00:00+00:00");
    }

    #[test]
    fn overdue_means_past_due_and_still_open() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 7).unwrap();
        let mut late = row(1, 1, ImprovementStatus::Planned);
        late.due_on = NaiveDate::from_ymd_opt(2026, 12, 6);
        assert!(late.is_overdue(today));
        late.due_on = Some(today);
        assert!(!late.is_overdue(today), "due today is not late yet");
        let mut closed = row(2, 1, ImprovementStatus::WontFix);
        closed.due_on = NaiveDate::from_ymd_opt(2026, 1, 1);
        assert!(!closed.is_overdue(today));
    }

    #[test]
    fn counts_per_team_with_median_days_to_fix() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 7).unwrap();
        let fixed = |id, team, days: i64| {
            let mut r = row(id, team, ImprovementStatus::Fixed);
            let done = r.created_at + chrono::Duration::days(days);
            r.fixed_at = Some(done);
            r.closed_at = Some(done);
            r
        };
        let mut old_fix = fixed(4, 1, 100);
        old_fix.created_at = utc("2024-01-01T10:00:00Z");
        old_fix.fixed_at = Some(utc("2025-06-01T10:00:00Z"));
        old_fix.closed_at = old_fix.fixed_at;
        let mut overdue = row(5, 2, ImprovementStatus::New);
        overdue.due_on = NaiveDate::from_ymd_opt(2026, 11, 1);
        let rows = vec![
            fixed(1, 1, 10),
            fixed(2, 1, 20),
            row(3, 1, ImprovementStatus::InProgress),
            old_fix,
            overdue,
        ];
        let s = summarise(&rows, today);
        assert_eq!(s.teams.len(), 2);
        let one = &s.teams[0];
        assert_eq!((one.open, one.overdue, one.fixed_this_year), (1, 0, 2));
        // days: 10, 20, 517 → median 20
        assert_eq!(one.median_days_to_fix, Some(20));
        assert_eq!((s.teams[1].open, s.teams[1].overdue), (1, 1));
        assert_eq!(s.total.open, 2);
        assert_eq!(s.total.median_days_to_fix, Some(20));
        assert!(s.statuses.contains(&(ImprovementStatus::Fixed, 3)));
    }

    #[test]
    fn median_of_even_and_empty() {
        assert_eq!(median(vec![]), None);
        assert_eq!(median(vec![4, 1, 3, 2]), Some(2));
        assert_eq!(median(vec![7]), Some(7));
    }

    #[test]
    fn sorting_by_score_or_by_age() {
        let mut a = row(1, 1, ImprovementStatus::New);
        a.facts.blockers = 1;
        let mut b = row(2, 1, ImprovementStatus::New);
        b.facts.papercuts = 1;
        b.created_at = utc("2025-01-01T10:00:00Z");
        let mut rows = vec![b.clone(), a.clone()];
        sort_rows(&mut rows, Sort::Priority);
        assert_eq!(rows[0].id, 1);
        sort_rows(&mut rows, Sort::Age);
        assert_eq!(rows[0].id, 2);
    }
}
