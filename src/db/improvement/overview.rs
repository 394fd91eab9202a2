//! The overview's rows: every improvement the filter and the viewer's scope allow, with its
//! priority counts, in one query (the score, the sort, the counts and the page are made from them
//! in `domain::improvement::overview`, so the list, the counts and the CSV never disagree).

use super::life::{FACT_COLUMNS, FACT_CTES, FACT_JOINS, FactRow, day, priority, status};
use crate::domain::improvement::overview::{OverviewFilter, OverviewRow};
use crate::domain::improvement::priority::PriorityFacts;
use chrono::{DateTime, Utc};
use sqlx::SqliteExecutor;

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
    due_on: Option<String>,
    created_at: DateTime<Utc>,
    fixed_at: Option<DateTime<Utc>>,
    closed_at: Option<DateTime<Utc>>,
    #[sqlx(flatten)]
    facts: FactRow,
}

/// Every improvement matching `filter`, limited to `scope_team` when given (a team lead's part).
/// Unsorted: the caller sorts by the computed score or by age.
pub async fn rows(
    db: impl SqliteExecutor<'_>,
    filter: &OverviewFilter,
    scope_team: Option<i64>,
) -> Result<Vec<OverviewRow>, sqlx::Error> {
    let (from, until) = filter.year_bounds().unzip();
    let sql = format!(
        "with shown as (
             select i.id, i.step_id from improvement i
             where (? is null or i.team_id = ?)
               and (? is null or i.team_id = ?)
               and (? is null or i.journey_family_id = ?)
               and (? is null or i.status = ?)
               and (? is null or exists (select 1 from friction_triage g
                                         where g.improvement_id = i.id and g.gap = ?))
               and (? is null or (i.created_at >= ? and i.created_at < ?))
         ), {FACT_CTES}
         select i.id, i.title, i.team_id, t.name as team_name, j.title as journey_title,
                o.name as owner_name, i.status, i.priority, i.due_on, i.created_at, i.fixed_at,
                i.closed_at, {FACT_COLUMNS}
         from shown
         join improvement i on i.id = shown.id
         join team t on t.id = i.team_id
         join journey_step s on s.id = i.step_id
         join journey j on j.id = s.journey_id
         left join person o on o.id = i.owner_id
         {FACT_JOINS}"
    );
    let status_code = filter.status.map(|s| s.code());
    let gap = filter.gap.map(|g| g.code());
    let rows = sqlx::query_as::<_, Row>(&sql)
        .bind(scope_team)
        .bind(scope_team)
        .bind(filter.team)
        .bind(filter.team)
        .bind(filter.journey)
        .bind(filter.journey)
        .bind(status_code)
        .bind(status_code)
        .bind(gap)
        .bind(gap)
        .bind(from)
        .bind(from)
        .bind(until)
        .fetch_all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| OverviewRow {
            facts: PriorityFacts::from(&r.facts),
            id: r.id,
            title: r.title,
            team_id: r.team_id,
            team_name: r.team_name,
            journey_title: r.journey_title,
            owner_name: r.owner_name,
            status: status(&r.status),
            priority: priority(&r.priority),
            due_on: day(r.due_on.as_deref()),
            created_at: r.created_at,
            fixed_at: r.fixed_at,
            closed_at: r.closed_at,
        })
        .collect())
}

/// The journeys improvements are about (family id, the newest version's title), for the filter.
pub async fn journeys(db: impl SqliteExecutor<'_>) -> Result<Vec<(i64, String)>, sqlx::Error> {
    sqlx::query_as(
        "select j.family_id, j.title from journey j
         where j.version = (select max(j2.version) from journey j2 where j2.family_id = j.family_id)
           and j.family_id in (select journey_family_id from improvement)
         order by j.title, j.family_id",
    )
    .fetch_all(db)
    .await
}
