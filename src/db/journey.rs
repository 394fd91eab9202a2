//! Queries on journeys and their steps (catalogue, versions).

use crate::domain::journey::{
    Channel, JourneyDetail, JourneyStatus, JourneyStep, JourneySummary, Phase, sort_steps,
};
use chrono::{DateTime, Utc};
use sqlx::SqliteExecutor;

#[derive(sqlx::FromRow)]
struct SummaryRow {
    id: i64,
    family_id: i64,
    version: i64,
    year: i64,
    title: String,
    product_line: String,
    status: String,
    step_count: i64,
    updated_at: DateTime<Utc>,
}

fn status(code: &str) -> Result<JourneyStatus, sqlx::Error> {
    JourneyStatus::parse(code)
        .ok_or_else(|| sqlx::Error::Decode(format!("unknown journey status {code}").into()))
}

impl TryFrom<SummaryRow> for JourneySummary {
    type Error = sqlx::Error;
    fn try_from(r: SummaryRow) -> Result<Self, Self::Error> {
        Ok(JourneySummary {
            id: r.id,
            family_id: r.family_id,
            version: r.version,
            year: r.year,
            title: r.title,
            product_line: r.product_line,
            status: status(&r.status)?,
            step_count: r.step_count,
            updated_at: r.updated_at,
        })
    }
}

const SUMMARY_SELECT: &str =
    "select j.id, j.family_id, j.version, j.year, j.title, j.product_line, j.status,
        (select count(*) from journey_step s where s.journey_id = j.id) as step_count, j.updated_at
     from journey j";

/// Every journey version, newest version of each family first.
pub async fn list_all(db: impl SqliteExecutor<'_>) -> Result<Vec<JourneySummary>, sqlx::Error> {
    let sql = format!("{SUMMARY_SELECT} order by j.title, j.family_id, j.version desc");
    sqlx::query_as::<_, SummaryRow>(&sql)
        .fetch_all(db)
        .await?
        .into_iter()
        .map(JourneySummary::try_from)
        .collect()
}

/// Journeys open for walkthroughs.
pub async fn list_live(db: impl SqliteExecutor<'_>) -> Result<Vec<JourneySummary>, sqlx::Error> {
    let sql = format!("{SUMMARY_SELECT} where j.status = 'live' order by j.title");
    sqlx::query_as::<_, SummaryRow>(&sql)
        .fetch_all(db)
        .await?
        .into_iter()
        .map(JourneySummary::try_from)
        .collect()
}

#[derive(sqlx::FromRow)]
struct StepRow {
    id: i64,
    journey_id: i64,
    position: i64,
    phase: String,
    title: String,
    instructions: String,
    channel: String,
    service_promise: String,
    team_id: Option<i64>,
    team_name: Option<String>,
}

impl TryFrom<StepRow> for JourneyStep {
    type Error = sqlx::Error;
    fn try_from(r: StepRow) -> Result<Self, Self::Error> {
        let decode =
            |what: &str, v: &str| sqlx::Error::Decode(format!("unknown {what} {v}").into());
        Ok(JourneyStep {
            id: r.id,
            journey_id: r.journey_id,
            position: r.position,
            phase: Phase::parse(&r.phase).map_err(|_| decode("phase", &r.phase))?,
            title: r.title,
            instructions: r.instructions,
            channel: Channel::parse(&r.channel).map_err(|_| decode("channel", &r.channel))?,
            service_promise: r.service_promise,
            team_id: r.team_id,
            team_name: r.team_name,
        })
    }
}

/// The steps of one journey version, in walking order (phase, then position).
pub async fn steps(
    db: impl SqliteExecutor<'_>,
    journey_id: i64,
) -> Result<Vec<JourneyStep>, sqlx::Error> {
    let mut steps = sqlx::query_as::<_, StepRow>(
        "select s.id, s.journey_id, s.position, s.phase, s.title, s.instructions, s.channel,
                s.service_promise, s.team_id, t.name as team_name
         from journey_step s left join team t on t.id = s.team_id
         where s.journey_id = ?",
    )
    .bind(journey_id)
    .fetch_all(db)
    .await?
    .into_iter()
    .map(JourneyStep::try_from)
    .collect::<Result<Vec<_>, _>>()?;
    sort_steps(&mut steps);
    Ok(steps)
}

#[derive(sqlx::FromRow)]
struct DetailRow {
    id: i64,
    family_id: i64,
    version: i64,
    year: i64,
    title: String,
    product_line: String,
    persona: String,
    goal: String,
    scenario: String,
    rules: String,
    status: String,
}

/// One journey version with its steps, or `None` when the id is unknown.
pub async fn detail(db: &super::Db, id: i64) -> Result<Option<JourneyDetail>, sqlx::Error> {
    let Some(r) = sqlx::query_as::<_, DetailRow>(
        "select id, family_id, version, year, title, product_line, persona, goal, scenario, rules, status
         from journey where id = ?",
    )
    .bind(id)
    .fetch_optional(db)
    .await?
    else {
        return Ok(None);
    };
    Ok(Some(JourneyDetail {
        id: r.id,
        family_id: r.family_id,
        version: r.version,
        year: r.year,
        title: r.title,
        product_line: r.product_line,
        persona: r.persona,
        goal: r.goal,
        scenario: r.scenario,
        rules: r.rules,
        status: status(&r.status)?,
        steps: steps(db, id).await?,
    }))
}
