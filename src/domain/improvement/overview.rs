//! The overview of improvements: the filter taken from the URL (team, journey, status, gap, year,
//! sort), one row as listed and exported, and the counts per team and status (open, overdue,
//! fixed this year, median days to fix) made from what the database adds up. Wasm-safe; the rows
//! and groups come from `db::improvement::overview`, which sorts by the score in SQL.

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
        Some(days_to_fix(
            self.created_at,
            self.closed_at.or(self.fixed_at)?,
        ))
    }

    /// Age in whole days on `today`.
    pub fn age_days(&self, today: NaiveDate) -> i64 {
        (today - self.created_at.with_timezone(&Amsterdam).date_naive())
            .num_days()
            .max(0)
    }
}

/// Whole Amsterdam calendar days from `created_at` to `fixed_at` (never negative). Kept on the
/// improvement while it is fixed (`db::improvement::tally`), for the median per team.
pub fn days_to_fix(created_at: DateTime<Utc>, fixed_at: DateTime<Utc>) -> i64 {
    let day = |at: DateTime<Utc>| at.with_timezone(&Amsterdam).date_naive();
    (day(fixed_at) - day(created_at)).num_days().max(0)
}

/// The calendar year (Amsterdam) of `today` as UTC bounds: "fixed this year" counts from the first.
pub fn year_of(today: NaiveDate) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
    Some((new_year(today.year())?, new_year(today.year() + 1)?))
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

/// The median from its middle values as the database picks them (the one middle value of an odd
/// count, the two of an even count): their mean, rounded down.
pub fn median_of_middles(sum: i64, middles: i64) -> Option<i64> {
    (middles > 0).then(|| sum.div_euclid(middles))
}

/// How many improvements of one team have one status, as the database adds them up: in all,
/// with a due date before today, and fixed this year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatusGroup {
    pub team_id: i64,
    pub status: ImprovementStatus,
    pub count: i64,
    pub past_due: i64,
    pub fixed_this_year: i64,
}

/// The counts above the list from the groups: a team's open ones are those not closed, overdue
/// the open ones past their due date (the rule of [`OverviewRow::is_overdue`]), teams by name.
/// `medians` holds the median days to fix per team id, and `None` for all teams together.
pub fn summarise(
    groups: &[StatusGroup],
    team_names: &[(i64, String)],
    medians: &[(Option<i64>, i64)],
) -> Summary {
    let median = |team: Option<i64>| medians.iter().find(|(t, _)| *t == team).map(|(_, m)| *m);
    let add = |counts: &mut TeamCounts, g: &StatusGroup| {
        if !g.status.is_closed() {
            counts.open += g.count;
            counts.overdue += g.past_due;
        }
        if g.status == ImprovementStatus::Fixed {
            counts.fixed_this_year += g.fixed_this_year;
        }
    };
    let mut teams: Vec<TeamCounts> = Vec::new();
    let mut total = TeamCounts {
        median_days_to_fix: median(None),
        ..TeamCounts::default()
    };
    for g in groups {
        add(&mut total, g);
        let index = match teams.iter().position(|t| t.team_id == g.team_id) {
            Some(index) => index,
            None => {
                let name = team_names
                    .iter()
                    .find(|(id, _)| *id == g.team_id)
                    .map(|(_, name)| name.clone())
                    .unwrap_or_default();
                teams.push(TeamCounts {
                    team_id: g.team_id,
                    team_name: name,
                    median_days_to_fix: median(Some(g.team_id)),
                    ..TeamCounts::default()
                });
                teams.len() - 1
            }
        };
        add(&mut teams[index], g);
    }
    teams.sort_by(|a, b| {
        a.team_name
            .cmp(&b.team_name)
            .then(a.team_id.cmp(&b.team_id))
    });
    Summary {
        teams,
        total,
        statuses: ImprovementStatus::ALL
            .into_iter()
            .map(|s| {
                (
                    s,
                    groups
                        .iter()
                        .filter(|g| g.status == s)
                        .map(|g| g.count)
                        .sum(),
                )
            })
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
    fn counts_per_team_from_the_groups() {
        let group = |team_id, status, count, past_due, fixed_this_year| StatusGroup {
            team_id,
            status,
            count,
            past_due,
            fixed_this_year,
        };
        let groups = [
            group(2, ImprovementStatus::New, 1, 1, 0),
            group(1, ImprovementStatus::Fixed, 3, 1, 2),
            group(1, ImprovementStatus::InProgress, 1, 0, 0),
            group(1, ImprovementStatus::WontFix, 2, 2, 0),
        ];
        let names = [(1, "Autoschade".to_owned()), (2, "Aanvragen".to_owned())];
        let s = summarise(&groups, &names, &[(Some(1), 20), (None, 20)]);
        assert_eq!(s.teams.len(), 2);
        assert_eq!(s.teams[0].team_name, "Aanvragen", "teams by name");
        let one = &s.teams[1];
        assert_eq!(
            (one.open, one.overdue, one.fixed_this_year),
            (1, 0, 2),
            "closed ones are never overdue"
        );
        assert_eq!(one.median_days_to_fix, Some(20));
        assert_eq!((s.teams[0].open, s.teams[0].overdue), (1, 1));
        assert_eq!(
            s.teams[0].median_days_to_fix, None,
            "nothing fixed: no median"
        );
        assert_eq!(
            (s.total.open, s.total.overdue, s.total.fixed_this_year),
            (2, 1, 2)
        );
        assert_eq!(s.total.median_days_to_fix, Some(20));
        assert!(s.statuses.contains(&(ImprovementStatus::Fixed, 3)));
        assert!(s.statuses.contains(&(ImprovementStatus::Planned, 0)));
    }

    #[test]
    fn median_from_the_middle_values() {
        assert_eq!(median_of_middles(0, 0), None);
        // 1 2 | 3 4: the two middles 2 and 3, mean 2.5, rounded down
        assert_eq!(median_of_middles(5, 2), Some(2));
        assert_eq!(median_of_middles(7, 1), Some(7));
    }

    #[test]
    fn days_to_fix_counts_amsterdam_calendar_days() {
        // 23:30 UTC on 1 March is already 2 March in Amsterdam
        let created = utc("2026-03-01T23:30:00Z");
        assert_eq!(days_to_fix(created, utc("2026-03-02T10:00:00Z")), 0);
        assert_eq!(days_to_fix(created, utc("2026-03-12T10:00:00Z")), 10);
        assert_eq!(
            days_to_fix(utc("2026-03-12T10:00:00Z"), created),
            0,
            "never negative"
        );
        let mut fixed = row(1, 1, ImprovementStatus::Fixed);
        fixed.closed_at = Some(fixed.created_at + chrono::Duration::days(4));
        assert_eq!(fixed.days_to_fix(), Some(4));
        assert_eq!(row(2, 1, ImprovementStatus::WontFix).days_to_fix(), None);
    }

    #[test]
    fn this_year_runs_from_amsterdam_new_year() {
        let (from, until) = year_of(NaiveDate::from_ymd_opt(2026, 12, 7).unwrap()).unwrap();
        assert_eq!(from.to_rfc3339(), "2025-12-31T23:00:00+00:00");
        assert_eq!(until.to_rfc3339(), "2026-12-31T23:00:00+00:00");
    }
}
