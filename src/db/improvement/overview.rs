//! The overview's reads: one page of the improvements the filter and the viewer's scope allow,
//! sorted in the database by the computed score (`tally::score_sql`) or by age; the counts per
//! team and status and the median days to fix, added up in the database; and every row for the
//! CSV. Each reads the counts `db::improvement::tally` keeps, so no request counts frictions.

use super::life::{priority, status};
use super::tally::FactRow;
use super::tally::{FACT_COLUMNS, FACT_JOIN, score_sql};
use crate::db::Db;
use crate::db::backend::on;
use crate::domain::improvement::ImprovementStatus;
use crate::domain::improvement::overview::{
    OverviewFilter, OverviewRow, Sort, StatusGroup, Summary, median_of_middles, summarise, year_of,
};
use crate::domain::improvement::priority::PriorityFacts;
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{Database, Encode, QueryBuilder, Type};

/// The conditions of `filter` and the scope on improvement `i`, after a `where`.
fn push_filter<'a, DB>(
    q: &mut QueryBuilder<'a, DB>,
    filter: &OverviewFilter,
    scope_team: Option<i64>,
) where
    DB: Database,
    i64: Encode<'a, DB> + Type<DB>,
    &'a str: Encode<'a, DB> + Type<DB>,
    DateTime<Utc>: Encode<'a, DB> + Type<DB>,
{
    q.push(" true");
    for team in [scope_team, filter.team].into_iter().flatten() {
        q.push(" and i.team_id = ").push_bind(team);
    }
    if let Some(family) = filter.journey {
        q.push(" and i.journey_family_id = ").push_bind(family);
    }
    if let Some(status) = filter.status {
        q.push(" and i.status = ").push_bind(status.code());
    }
    if let Some(gap) = filter.gap {
        q.push(" and exists (select 1 from friction_triage g where g.improvement_id = i.id and g.gap = ")
            .push_bind(gap.code())
            .push(")");
    }
    if let Some((from, until)) = filter.year_bounds() {
        q.push(" and i.created_at >= ")
            .push_bind(from)
            .push(" and i.created_at < ")
            .push_bind(until);
    }
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    title: String,
    team_id: i64,
    team_name: String,
    journey_title: String,
    owner_name: Option<String>,
    status: String,
    priority: String,
    due_on: Option<NaiveDate>,
    created_at: DateTime<Utc>,
    fixed_at: Option<DateTime<Utc>>,
    closed_at: Option<DateTime<Utc>>,
    #[sqlx(flatten)]
    facts: FactRow,
}

impl From<Row> for OverviewRow {
    fn from(r: Row) -> Self {
        OverviewRow {
            facts: PriorityFacts::from(&r.facts),
            id: r.id,
            title: r.title,
            team_id: r.team_id,
            team_name: r.team_name,
            journey_title: r.journey_title,
            owner_name: r.owner_name,
            status: status(&r.status),
            priority: priority(&r.priority),
            due_on: r.due_on,
            created_at: r.created_at,
            fixed_at: r.fixed_at,
            closed_at: r.closed_at,
        }
    }
}

/// The improvements matching `filter` (a team lead's part when `scope_team` is given) in the
/// filter's order, `limit` of them from `offset` (None: all, for the CSV). The order is picked
/// from the improvement and its step's tally alone; the names are joined to the chosen rows.
pub async fn rows(
    db: &Db,
    filter: &OverviewFilter,
    scope_team: Option<i64>,
    page: Option<(i64, i64)>,
) -> Result<Vec<OverviewRow>, sqlx::Error> {
    let (inner, outer) = match filter.sort {
        Sort::Priority => ("score desc, i.id desc", "chosen.score desc, chosen.id desc"),
        Sort::Age => (
            "i.created_at asc, i.id asc",
            "chosen.created_at asc, chosen.id asc",
        ),
    };
    let rows: Vec<Row> = on!(db, |c| {
        let mut q = QueryBuilder::new(format!(
            "with chosen as (select i.id, i.created_at, {} as score
                             from improvement i {FACT_JOIN} where",
            score_sql()
        ));
        push_filter(&mut q, filter, scope_team);
        q.push(format_args!(" order by {inner}"));
        if let Some((limit, offset)) = page {
            q.push(" limit ")
                .push_bind(limit)
                .push(" offset ")
                .push_bind(offset);
        }
        q.push(format_args!(
            ")
             select i.id, i.title, i.team_id, t.name as team_name, j.title as journey_title,
                    o.name as owner_name, i.status, i.priority, i.due_on, i.created_at,
                    i.fixed_at, i.closed_at, {FACT_COLUMNS}
             from chosen
             join improvement i on i.id = chosen.id
             join team t on t.id = i.team_id
             join journey_step s on s.id = i.step_id
             join journey j on j.id = s.journey_id
             left join person o on o.id = i.owner_id
             {FACT_JOIN}
             order by {outer}"
        ));
        q.build_query_as().fetch_all(&mut *c).await?
    });
    Ok(rows.into_iter().map(OverviewRow::from).collect())
}

/// The counts of everything the filter shows on `today` (Amsterdam), per team and status, and
/// how many that is in all.
pub async fn summary(
    db: &Db,
    filter: &OverviewFilter,
    scope_team: Option<i64>,
    today: NaiveDate,
    team_names: &[(i64, String)],
) -> Result<(Summary, i64), sqlx::Error> {
    let (year_from, year_until) = year_of(today).unzip();
    let raw: Vec<(i64, String, i64, i64, i64)> = on!(db, |c| {
        let mut q = QueryBuilder::new(
            "select i.team_id, i.status, count(*),
                    sum(case when i.due_on < ",
        );
        q.push_bind(today)
            .push(" then 1 else 0 end), sum(case when i.fixed_at >= ")
            .push_bind(year_from)
            .push(" and i.fixed_at < ")
            .push_bind(year_until)
            .push(" then 1 else 0 end) from improvement i where");
        push_filter(&mut q, filter, scope_team);
        q.push(" group by i.team_id, i.status");
        q.build_query_as().fetch_all(&mut *c).await?
    });
    let groups: Vec<StatusGroup> = raw
        .into_iter()
        .filter_map(|(team_id, code, count, past_due, fixed_this_year)| {
            Some(StatusGroup {
                team_id,
                status: ImprovementStatus::parse(&code).ok()?,
                count,
                past_due,
                fixed_this_year,
            })
        })
        .collect();
    let total = groups.iter().map(|g| g.count).sum();
    // The middle value(s) of the fixed ones' days to fix, per team and (team null) for all: a
    // seek to the middle of each, since the groups say how many fixed ones each has (only a
    // fixed improvement has days to fix).
    let mut fixed: Vec<(Option<i64>, i64)> = groups
        .iter()
        .filter(|g| g.status == ImprovementStatus::Fixed && g.count > 0)
        .map(|g| (Some(g.team_id), g.count))
        .collect();
    let all_fixed: i64 = fixed.iter().map(|(_, n)| n).sum();
    if all_fixed > 0 {
        fixed.push((None, all_fixed));
    }
    let mut medians = Vec::new();
    if !fixed.is_empty() {
        let middles: Vec<(Option<i64>, i64)> = on!(db, |c| {
            let mut q = QueryBuilder::new("");
            for (i, (team, count)) in fixed.iter().enumerate() {
                if i > 0 {
                    q.push(" union all ");
                }
                q.push("select * from (select ").push_bind(*team).push(
                    " as team, i.days_to_fix from improvement i where i.days_to_fix is not null",
                );
                if let Some(team) = team {
                    q.push(" and i.team_id = ").push_bind(*team);
                }
                q.push(" and");
                push_filter(&mut q, filter, scope_team);
                q.push(" order by i.days_to_fix limit ")
                    .push_bind(2 - count % 2)
                    .push(" offset ")
                    .push_bind((count - 1) / 2)
                    .push(format_args!(") as middle{i}"));
            }
            q.build_query_as().fetch_all(&mut *c).await?
        });
        for (team, _) in &fixed {
            let values: Vec<i64> = middles
                .iter()
                .filter(|(t, _)| t == team)
                .map(|(_, d)| *d)
                .collect();
            if let Some(m) = median_of_middles(values.iter().sum(), values.len() as i64) {
                medians.push((*team, m));
            }
        }
    }
    Ok((summarise(&groups, team_names, &medians), total))
}

/// The journeys improvements are about (family id, the newest version's title), for the filter.
pub async fn journeys(db: &Db) -> Result<Vec<(i64, String)>, sqlx::Error> {
    Ok(on!(db, |c| {
        sqlx::query_as(
            "select j.family_id, j.title from journey j
             where j.version = (select max(j2.version) from journey j2
                                where j2.family_id = j.family_id)
               and j.family_id in (select journey_family_id from improvement)
             order by j.title, j.family_id",
        )
        .fetch_all(&mut *c)
        .await?
    }))
}
