//! Licence coverage for the HR dashboard: where every active person stands today, counted per
//! department and team, the people behind a count (paged), and covered percentages at the end
//! of past months. The status rule of `domain::licence::standing` is written here ONCE as SQL
//! ([`status_sql`]) and tested against the domain function for every demo person. The
//! dashboard's figures are kept in memory between changes ([`cache`]).
//!
//! Who counts: active people with the employee role ([`counted_sql`]). An administrator or HR
//! account without that role is not staff to be certified: it is neither counted, listed,
//! exported, nudged nor reminded (`db::reminder` uses the same rule).

pub mod cache;

use crate::db::backend::on;
use crate::db::{Db, Source, numbered};
use crate::domain::coverage::{
    Counts, CoverageFilter, CoveredPerson, Dashboard, PersonSort, TeamCounts, TrendPoint,
};
use crate::domain::licence::{LicenceSettings, LicenceStatus, shift};
use crate::domain::paging::Paged;
use chrono::NaiveDate;

/// Whose people a query may see: the whole organisation (HR, admin) or a reviewer's direct reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    All,
    ReportsOf(i64),
}

impl Scope {
    fn manager(self) -> Option<i64> {
        match self {
            Scope::All => None,
            Scope::ReportsOf(id) => Some(id),
        }
    }
}

/// SQL: the person `alias` counts as staff: active and holding the employee role. The one rule for
/// the dashboard, its drill-down and exports, nudges and reminders.
pub fn counted_sql(alias: &str) -> String {
    format!(
        "{alias}.active and exists (select 1 from person_role er
            where er.person_id = {alias}.id and er.role = 'employee')"
    )
}

/// The person's current licence period (the one with the highest id), joined as `lp`.
const CURRENT_PERIOD_JOIN: &str = "left join licence_period lp
    on lp.id = (select max(l2.id) from licence_period l2 where l2.person_id = p.id)";

/// The status code (`LicenceStatus::code`) on `today` of the person whose current period is
/// `lp` (null: never certified). Only dates go into the text, never user input. The day
/// arithmetic is done here: `today < valid_through - window` is `valid_through > today + window`,
/// `today <= valid_through + grace` is `valid_through >= today - grace` (the same on both
/// databases: SQLite compares the `YYYY-MM-DD` text, PostgreSQL the `date`).
pub fn status_sql(today: NaiveDate, settings: &LicenceSettings) -> String {
    let day = |d: NaiveDate| d.format("%Y-%m-%d");
    format!(
        "case when lp.id is null then 'never'
              when {revoked} then 'revoked'
              when lp.valid_through > '{renewal}' then 'valid'
              when lp.valid_through >= '{t}' then 'renewal_due'
              when lp.valid_through >= '{grace}' then 'in_grace'
              else 'expired' end",
        revoked = super::licence::REVOKED,
        renewal = day(shift(today, i64::from(settings.window_days))),
        t = day(today),
        grace = day(shift(today, -i64::from(settings.grace_days))),
    )
}

/// The people rows of the dashboard with their status: active, in scope and matching the
/// filter's department, team, manager and search text. Binds: see [`bind_base`].
fn base_sql(today: NaiveDate, settings: &LicenceSettings) -> String {
    format!(
        "select p.id, p.name, p.team_id, t.name as team_name, t.department_id, d.name as department_name,
                m.name as manager_name, lp.id as period_id, lp.valid_through,
                {status} as status
         from person p
         left join team t on t.id = p.team_id
         left join department d on d.id = t.department_id
         left join person m on m.id = p.manager_id
         {CURRENT_PERIOD_JOIN}
         where {counted}
           and (? is null or p.manager_id = ?)
           and (? is null or t.department_id = ?)
           and (? is null or p.team_id = ?)
           and (? is null or p.manager_id = ?)
           and (? = '' or lower(p.name) like ? escape '\\'
                or lower(p.employee_number) like ? escape '\\')",
        status = status_sql(today, settings),
        counted = counted_sql("p"),
    )
}

macro_rules! bind_base {
    ($q:expr, $scope:expr, $f:expr, $text:expr, $pattern:expr) => {
        $q.bind($scope.manager())
            .bind($scope.manager())
            .bind($f.department_id)
            .bind($f.department_id)
            .bind($f.team_id)
            .bind($f.team_id)
            .bind($f.manager_id)
            .bind($f.manager_id)
            .bind($text)
            .bind($pattern)
            .bind($pattern)
    };
}

fn text_pattern(filter: &CoverageFilter) -> (String, String) {
    let text = filter.query.trim().to_lowercase();
    // `%` and `_` are dropped, `\` is escaped (PostgreSQL's default LIKE escape, made explicit).
    let pattern = format!("%{}%", text.replace(['%', '_'], "").replace('\\', "\\\\"));
    (text, pattern)
}

/// Counts per team (people without a team under "no team") and status, for `scope` and `filter`
/// (its status is ignored: every status is counted).
pub async fn counts(
    db: &Db,
    scope: Scope,
    filter: &CoverageFilter,
    today: NaiveDate,
    settings: &LicenceSettings,
) -> Result<Vec<TeamCounts>, sqlx::Error> {
    let (text, pattern) = text_pattern(filter);
    let sql = format!(
        "select b.department_id, b.department_name, b.team_id, b.team_name, b.status, count(*)
         from ({base}) b
         group by b.department_id, b.department_name, b.team_id, b.team_name, b.status
         order by b.department_name nulls first, b.team_name nulls first",
        base = base_sql(today, settings)
    );
    let sql = numbered(&sql);
    type Row = (
        Option<i64>,
        Option<String>,
        Option<i64>,
        Option<String>,
        String,
        i64,
    );
    let rows: Vec<Row> = on!(db, |c| {
        bind_base!(
            sqlx::query_as::<_, Row>(&sql),
            scope,
            filter,
            &text,
            &pattern
        )
        .fetch_all(&mut *c)
        .await?
    });
    let mut teams: Vec<TeamCounts> = Vec::new();
    for (department_id, department_name, team_id, team_name, status, n) in rows {
        let Some(status) = LicenceStatus::parse(&status) else {
            continue;
        };
        if teams.last().is_none_or(|t| t.team_id != team_id) {
            teams.push(TeamCounts {
                department_id,
                department_name: department_name.unwrap_or_default(),
                team_id,
                team_name: team_name.unwrap_or_default(),
                counts: Default::default(),
            });
        }
        if let Some(last) = teams.last_mut() {
            last.counts.add(status, n);
        }
    }
    Ok(teams)
}

#[derive(sqlx::FromRow)]
struct PersonRow {
    id: i64,
    name: String,
    team_name: Option<String>,
    department_name: Option<String>,
    manager_name: Option<String>,
    valid_through: Option<NaiveDate>,
    status: String,
}

/// The filtered people sorted in SQL, as `(where, order by)`; the status filter applies here.
fn people_sql(today: NaiveDate, settings: &LicenceSettings, sort: PersonSort) -> String {
    let order = match sort {
        PersonSort::Name => "b.name, b.id",
        PersonSort::NameDesc => "b.name desc, b.id desc",
        // never certified (no date) last
        PersonSort::ValidThrough => "b.valid_through is null, b.valid_through, b.name, b.id",
        PersonSort::ValidThroughDesc => {
            "b.valid_through is null, b.valid_through desc, b.name, b.id"
        }
    };
    format!(
        "select b.id, b.name, b.team_name, b.department_name, b.manager_name, b.valid_through, b.status
         from ({base}) b where (? = '' or b.status = ?) order by {order}",
        base = base_sql(today, settings)
    )
}

fn to_person(r: PersonRow) -> CoveredPerson {
    CoveredPerson {
        id: r.id,
        name: r.name,
        team_name: r.team_name.unwrap_or_default(),
        department_name: r.department_name.unwrap_or_default(),
        manager_name: r.manager_name.unwrap_or_default(),
        valid_through: r.valid_through,
        status: LicenceStatus::parse(&r.status).unwrap_or(LicenceStatus::NeverCertified),
    }
}

/// One page of the people behind the filter (status included).
pub async fn people(
    db: &Db,
    scope: Scope,
    filter: &CoverageFilter,
    today: NaiveDate,
    settings: &LicenceSettings,
    page: i64,
    page_size: i64,
) -> Result<Paged<CoveredPerson>, sqlx::Error> {
    let (text, pattern) = text_pattern(filter);
    let status = filter.status.map_or("", LicenceStatus::code);
    let sql = people_sql(today, settings, filter.sort);
    let count_sql = format!("select count(*) from ({sql}) as x");
    let count_sql = numbered(&count_sql);
    let page_sql = format!("{sql} limit ? offset ?");
    let page_sql = numbered(&page_sql);
    let offset = Paged::<CoveredPerson>::offset(page, page_size);
    let (total, rows) = on!(db, |c| {
        let total: i64 = bind_base!(
            sqlx::query_scalar::<_, i64>(&count_sql),
            scope,
            filter,
            &text,
            &pattern
        )
        .bind(status)
        .bind(status)
        .fetch_one(&mut *c)
        .await?;
        let rows = bind_base!(
            sqlx::query_as::<_, PersonRow>(&page_sql),
            scope,
            filter,
            &text,
            &pattern
        )
        .bind(status)
        .bind(status)
        .bind(page_size)
        .bind(offset)
        .fetch_all(&mut *c)
        .await?;
        (total, rows)
    });
    Ok(Paged {
        items: rows.into_iter().map(to_person).collect(),
        page,
        page_size,
        total,
    })
}

/// Every person behind the filter (the CSV export and the nudge of a whole list).
pub async fn all_people(
    src: impl Source<'_>,
    scope: Scope,
    filter: &CoverageFilter,
    today: NaiveDate,
    settings: &LicenceSettings,
) -> Result<Vec<(CoveredPerson, Option<i64>)>, sqlx::Error> {
    let (text, pattern) = text_pattern(filter);
    let status = filter.status.map_or("", LicenceStatus::code);
    let sql = format!(
        "select b.id, b.name, b.team_name, b.department_name, b.manager_name, b.valid_through, b.status,
                b.period_id
         from ({base}) b where (? = '' or b.status = ?) order by b.name, b.id",
        base = base_sql(today, settings)
    );
    let sql = numbered(&sql);
    #[derive(sqlx::FromRow)]
    struct Row {
        #[sqlx(flatten)]
        person: PersonRow,
        period_id: Option<i64>,
    }
    let rows = on!(src, |c| {
        bind_base!(
            sqlx::query_as::<_, Row>(&sql),
            scope,
            filter,
            &text,
            &pattern
        )
        .bind(status)
        .bind(status)
        .fetch_all(&mut *c)
        .await?
    });
    Ok(rows
        .into_iter()
        .map(|r| (to_person(r.person), r.period_id))
        .collect())
}

/// Every person's status by the SQL rule (active or not), for the test that holds it to the
/// domain rule.
pub async fn all_statuses(
    db: &Db,
    today: NaiveDate,
    settings: &LicenceSettings,
) -> Result<Vec<(i64, LicenceStatus)>, sqlx::Error> {
    let sql = format!(
        "select p.id, {status} as status from person p {CURRENT_PERIOD_JOIN} order by p.id",
        status = status_sql(today, settings)
    );
    let rows: Vec<(i64, String)> = on!(db, |c| sqlx::query_as(&sql).fetch_all(&mut *c).await?);
    Ok(rows
        .into_iter()
        .filter_map(|(id, s)| LicenceStatus::parse(&s).map(|s| (id, s)))
        .collect())
}

/// The last day of each of the 12 months up to `today` (the current month ends today), oldest first.
pub fn month_ends(today: NaiveDate) -> Vec<NaiveDate> {
    use chrono::Datelike;
    let mut days = vec![today];
    let mut first = today.with_day(1).unwrap_or(today);
    for _ in 0..11 {
        let end = shift(first, -1);
        days.push(end);
        first = end.with_day(1).unwrap_or(end);
    }
    days.reverse();
    days
}

/// Covered people and headcount at the end of each of the last 12 months, in one query: a
/// period covers a day when it started on or before it, ends on or after it (grace included if
/// it counts) and was not revoked on or before it; the person must have existed on that day.
/// People are today's active people in scope and filter (past leavers are not known here).
pub async fn trend(
    db: &Db,
    scope: Scope,
    filter: &CoverageFilter,
    today: NaiveDate,
    settings: &LicenceSettings,
) -> Result<Vec<TrendPoint>, sqlx::Error> {
    let grace = if settings.grace_counts_as_covered {
        i64::from(settings.grace_days)
    } else {
        0
    };
    let days = month_ends(today);
    // (day, lowest valid_through that still covers it, first instant of the next day)
    let months: Vec<(NaiveDate, NaiveDate, chrono::DateTime<chrono::Utc>)> = days
        .iter()
        .map(|d| {
            (
                *d,
                shift(*d, -grace),
                super::licence::start_of_day(shift(*d, 1)),
            )
        })
        .collect();
    let values = vec!["(?, ?, ?)"; months.len()].join(", ");
    let people_where = format!(
        "{}
           and (? is null or p.manager_id = ?)
           and (? is null or t.department_id = ?)
           and (? is null or p.team_id = ?)
           and (? is null or p.manager_id = ?)
           and p.created_at < m.cutoff",
        counted_sql("p")
    );
    let sql = format!(
        "with m(day, low, cutoff) as (values {values})
         select m.day,
                (select count(*) from person p left join team t on t.id = p.team_id
                  where {people_where}) as people,
                (select count(distinct lp.person_id) from licence_period lp
                  join person p on p.id = lp.person_id left join team t on t.id = p.team_id
                  where lp.valid_through >= m.low and lp.valid_from <= m.day
                    and not exists (select 1 from licence_decision rd where rd.period_id = lp.id
                        and rd.decision = 'revoked' and rd.created_at < m.cutoff)
                    and {people_where}) as covered
         from m order by m.day"
    );
    let sql = numbered(&sql);
    let rows = on!(db, |c| {
        let mut q = sqlx::query_as::<_, (NaiveDate, i64, i64)>(&sql);
        for (day, low, cutoff) in &months {
            q = q.bind(day).bind(low).bind(cutoff);
        }
        for _ in 0..2 {
            let s = scope.manager();
            q = q
                .bind(s)
                .bind(s)
                .bind(filter.department_id)
                .bind(filter.department_id)
                .bind(filter.team_id)
                .bind(filter.team_id)
                .bind(filter.manager_id)
                .bind(filter.manager_id);
        }
        q.fetch_all(&mut *c).await?
    });
    Ok(rows
        .into_iter()
        .map(|(day, people, covered)| TrendPoint {
            day,
            people,
            covered,
        })
        .collect())
}

/// Everything the dashboard shows for `scope` and the filter's department, team and manager
/// (its status and search text are the drill-down's). Through [`cache::CoverageCache`].
async fn dashboard(
    db: &Db,
    scope: Scope,
    filter: &CoverageFilter,
    today: NaiveDate,
) -> Result<Dashboard, sqlx::Error> {
    let settings = super::licence::settings(db).await?;
    let teams = counts(db, scope, filter, today, &settings).await?;
    let mut total = Counts::default();
    for t in &teams {
        total.merge(&t.counts);
    }
    Ok(Dashboard {
        organisation: scope == Scope::All,
        grace_counts_as_covered: settings.grace_counts_as_covered,
        teams,
        total,
        trend: trend(db, scope, filter, today, &settings).await?,
        choices: choices(db, scope).await?,
    })
}

/// The filter's choices: departments, teams and managers (of active people) in scope.
pub async fn choices(
    db: &Db,
    scope: Scope,
) -> Result<crate::domain::coverage::FilterChoices, sqlx::Error> {
    let s = scope.manager();
    let (departments, teams, managers) = on!(db, |c| {
        let departments: Vec<(i64, String)> =
            sqlx::query_as("select id, name from department order by name")
                .fetch_all(&mut *c)
                .await?;
        let teams: Vec<(i64, String)> = sqlx::query_as(
            "select t.id, d.name || ' – ' || t.name from team t join department d on d.id = t.department_id
             order by d.name, t.name",
        )
        .fetch_all(&mut *c)
        .await?;
        let managers: Vec<(i64, String)> = sqlx::query_as(
            "select m.id, m.name from person m
             where exists (select 1 from person p where p.manager_id = m.id and p.active)
               and ($1 is null or m.id = $1)
             order by m.name",
        )
        .bind(s)
        .fetch_all(&mut *c)
        .await?;
        (departments, teams, managers)
    });
    Ok(crate::domain::coverage::FilterChoices {
        departments,
        teams,
        managers,
    })
}

/// Writes one in-app reminder per person in `targets` ((person, current period)) by `actor_id`,
/// and one audit event with `detail`, in one transaction. The HR/admin rule is checked inside
/// the transaction and repeated in every insert, as is "the person counts" ([`counted_sql`]); a
/// refused actor or target writes nothing.
pub async fn nudge(
    db: &Db,
    actor_id: i64,
    targets: &[(i64, Option<i64>)],
    detail: &serde_json::Value,
) -> Result<usize, super::WriteError> {
    const HR: &str =
        "exists (select 1 from person_role r where r.person_id = ? and r.role in ('hr', 'admin'))";
    let allowed_sql = format!("select {HR}");
    let allowed_sql = numbered(&allowed_sql);
    let insert = format!(
        "insert into notification (person_id, kind, actor_id, licence_period_id, detail, created_at, updated_at)
         select ?, 'licence_reminder', ?, ?, 'nudge', ?, ? where {HR}
           and exists (select 1 from person p where p.id = ? and {counted})",
        counted = counted_sql("p")
    );
    let insert = numbered(&insert);
    let mut tx = super::begin(db).await?;
    let written = on!(&mut tx, |c| {
        let allowed: bool = sqlx::query_scalar(&allowed_sql)
            .bind(actor_id)
            .fetch_one(&mut *c)
            .await?;
        if !allowed {
            return Err(super::WriteError::NotFound);
        }
        let now = super::now();
        let mut written = 0;
        for (person_id, period_id) in targets {
            let done = sqlx::query(&insert)
                .bind(person_id)
                .bind(actor_id)
                .bind(period_id)
                .bind(now)
                .bind(now)
                .bind(actor_id)
                .bind(person_id)
                .execute(&mut *c)
                .await?;
            written += done.rows_affected() as usize;
        }
        written
    });
    if written != targets.len() {
        return Err(super::WriteError::NotFound);
    }
    let subject = match targets {
        [(only, _)] => Some(*only),
        _ => None,
    };
    super::audit::record(
        &mut tx,
        Some(actor_id),
        super::audit::AuditAction::Nudge,
        subject,
        detail,
    )
    .await?;
    tx.commit().await?;
    Ok(written)
}
