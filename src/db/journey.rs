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

/// Every version of one journey family, newest first.
pub async fn list_family(
    db: impl SqliteExecutor<'_>,
    family_id: i64,
) -> Result<Vec<JourneySummary>, sqlx::Error> {
    let sql = format!("{SUMMARY_SELECT} where j.family_id = ? order by j.version desc");
    sqlx::query_as::<_, SummaryRow>(&sql)
        .bind(family_id)
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

// ---------------------------------------------------------------------------------------------
// Writes. Callers check the version is a draft first (`state_of`); the `status = 'draft'`
// guards below make a change to a live or retired version a no-op even if a check was missed,
// because walkthroughs point at those versions and must keep seeing the steps they walked.
// ---------------------------------------------------------------------------------------------

use crate::domain::journey::{JourneyInput, StepInput};
use sqlx::SqliteConnection;

/// Where one version stands: its family, version number and status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VersionState {
    pub family_id: i64,
    pub version: i64,
    pub status: JourneyStatus,
}

/// A journey version's family, number and status; `None` when the id is unknown.
pub async fn state_of(
    db: impl SqliteExecutor<'_>,
    id: i64,
) -> Result<Option<VersionState>, sqlx::Error> {
    let row = sqlx::query_as::<_, (i64, i64, String)>(
        "select family_id, version, status from journey where id = ?",
    )
    .bind(id)
    .fetch_optional(db)
    .await?;
    row.map(|(family_id, version, code)| {
        Ok(VersionState {
            family_id,
            version,
            status: status(&code)?,
        })
    })
    .transpose()
}

/// The family's live version, if it has one.
pub async fn family_live(
    db: impl SqliteExecutor<'_>,
    family_id: i64,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar::<_, i64>("select id from journey where family_id = ? and status = 'live'")
        .bind(family_id)
        .fetch_optional(db)
        .await
}

/// Starts a new journey family (the line in the catalogue its versions share).
pub async fn insert_family(conn: &mut SqliteConnection) -> Result<i64, sqlx::Error> {
    let ts = super::now();
    sqlx::query_scalar::<_, i64>(
        "insert into journey_family (created_at, updated_at) values (?, ?) returning id",
    )
    .bind(ts)
    .bind(ts)
    .fetch_one(conn)
    .await
}

/// Inserts one journey version with the given status.
pub async fn insert(
    conn: &mut SqliteConnection,
    family_id: i64,
    version: i64,
    input: &JourneyInput,
    status: JourneyStatus,
    created_by: Option<i64>,
) -> Result<i64, sqlx::Error> {
    let ts = super::now();
    let published_at = (status == JourneyStatus::Live).then_some(ts);
    sqlx::query_scalar::<_, i64>(
        "insert into journey (family_id, version, year, title, product_line, persona, goal, scenario,
                              rules, status, created_by, published_at, created_at, updated_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id",
    )
    .bind(family_id)
    .bind(version)
    .bind(input.year)
    .bind(&input.title)
    .bind(&input.product_line)
    .bind(&input.persona)
    .bind(&input.goal)
    .bind(&input.scenario)
    .bind(&input.rules)
    .bind(status.code())
    .bind(created_by)
    .bind(published_at)
    .bind(ts)
    .bind(ts)
    .fetch_one(conn)
    .await
}

/// Changes a draft's fields. Returns false when the version is not a draft (nothing changed).
pub async fn update(
    conn: &mut SqliteConnection,
    id: i64,
    input: &JourneyInput,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "update journey set year = ?, title = ?, product_line = ?, persona = ?, goal = ?,
                scenario = ?, rules = ?, updated_at = ?
         where id = ? and status = 'draft'",
    )
    .bind(input.year)
    .bind(&input.title)
    .bind(&input.product_line)
    .bind(&input.persona)
    .bind(&input.goal)
    .bind(&input.scenario)
    .bind(&input.rules)
    .bind(super::now())
    .bind(id)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Marks a draft as changed now, so the catalogue's "last change" covers step edits too.
async fn touch(conn: &mut SqliteConnection, journey_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("update journey set updated_at = ? where id = ?")
        .bind(super::now())
        .bind(journey_id)
        .execute(conn)
        .await
        .map(|_| ())
}

/// Adds a step at the end of its journey (so at the end of its phase). The journey must be a draft
/// for curators; the seed also uses this to fill live demo journeys before anyone walks them.
pub async fn insert_step(
    conn: &mut SqliteConnection,
    journey_id: i64,
    input: &StepInput,
) -> Result<i64, sqlx::Error> {
    let ts = super::now();
    let id = sqlx::query_scalar::<_, i64>(
        "insert into journey_step (journey_id, position, phase, title, instructions, channel,
                                   service_promise, team_id, created_at, updated_at)
         values (?, (select coalesce(max(position), 0) + 1 from journey_step where journey_id = ?),
                 ?, ?, ?, ?, ?, ?, ?, ?)
         returning id",
    )
    .bind(journey_id)
    .bind(journey_id)
    .bind(input.phase.code())
    .bind(&input.title)
    .bind(&input.instructions)
    .bind(input.channel.code())
    .bind(&input.service_promise)
    .bind(input.team_id)
    .bind(ts)
    .bind(ts)
    .fetch_one(&mut *conn)
    .await?;
    touch(conn, journey_id).await?;
    Ok(id)
}

/// The journey a step belongs to; `None` when the step id is unknown.
pub async fn step_journey(
    db: impl SqliteExecutor<'_>,
    step_id: i64,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar::<_, i64>("select journey_id from journey_step where id = ?")
        .bind(step_id)
        .fetch_optional(db)
        .await
}

/// Changes a step of a draft. A step moved to another phase goes to the end of that phase.
/// Returns false when nothing matched (wrong journey, or not a draft).
pub async fn update_step(
    conn: &mut SqliteConnection,
    journey_id: i64,
    step_id: i64,
    input: &StepInput,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "update journey_step set
            position = case when phase = ? then position
                            else (select coalesce(max(position), 0) + 1 from journey_step where journey_id = ?) end,
            phase = ?, title = ?, instructions = ?, channel = ?, service_promise = ?, team_id = ?,
            updated_at = ?
         where id = ? and journey_id = ?
           and exists (select 1 from journey j where j.id = ? and j.status = 'draft')",
    )
    .bind(input.phase.code())
    .bind(journey_id)
    .bind(input.phase.code())
    .bind(&input.title)
    .bind(&input.instructions)
    .bind(input.channel.code())
    .bind(&input.service_promise)
    .bind(input.team_id)
    .bind(super::now())
    .bind(step_id)
    .bind(journey_id)
    .bind(journey_id)
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() == 1 {
        touch(conn, journey_id).await?;
    }
    Ok(done.rows_affected() == 1)
}

/// Removes a step of a draft. Returns false when nothing matched.
pub async fn delete_step(
    conn: &mut SqliteConnection,
    journey_id: i64,
    step_id: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "delete from journey_step
         where id = ? and journey_id = ?
           and exists (select 1 from journey j where j.id = ? and j.status = 'draft')",
    )
    .bind(step_id)
    .bind(journey_id)
    .bind(journey_id)
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() == 1 {
        touch(conn, journey_id).await?;
    }
    Ok(done.rows_affected() == 1)
}

/// Which way a step moves within its phase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Up,
    Down,
}

/// Swaps a draft's step with its neighbour in the same phase. Returns false when it already is
/// first (up) or last (down) in its phase; the caller has checked the step belongs to the draft.
pub async fn move_step(
    conn: &mut SqliteConnection,
    journey_id: i64,
    step_id: i64,
    direction: Direction,
) -> Result<bool, sqlx::Error> {
    let all = steps(&mut *conn, journey_id).await?;
    let Some(index) = all.iter().position(|s| s.id == step_id) else {
        return Ok(false);
    };
    let me = &all[index];
    let neighbour = match direction {
        Direction::Up => index.checked_sub(1).and_then(|i| all.get(i)),
        Direction::Down => all.get(index + 1),
    };
    let Some(other) = neighbour.filter(|o| o.phase == me.phase) else {
        return Ok(false);
    };
    // Positions are distinct within a journey (always max + 1), so swapping them swaps the order.
    let (mine, theirs) = (other.position, me.position);
    let ts = super::now();
    for (id, position) in [(me.id, mine), (other.id, theirs)] {
        sqlx::query(
            "update journey_step set position = ?, updated_at = ?
             where id = ? and journey_id = ?
               and exists (select 1 from journey j where j.id = ? and j.status = 'draft')",
        )
        .bind(position)
        .bind(ts)
        .bind(id)
        .bind(journey_id)
        .bind(journey_id)
        .execute(&mut *conn)
        .await?;
    }
    touch(conn, journey_id).await?;
    Ok(true)
}

/// Publishes a draft: the family's live version (if any) is retired first, in the caller's
/// transaction, so there is never a moment with two live versions (the partial unique index
/// `journey_one_live_idx` would refuse it anyway). Returns false when the version is not a draft.
pub async fn publish(
    conn: &mut SqliteConnection,
    id: i64,
    family_id: i64,
) -> Result<bool, sqlx::Error> {
    let ts = super::now();
    sqlx::query(
        "update journey set status = 'retired', updated_at = ?
         where family_id = ? and status = 'live' and id <> ?",
    )
    .bind(ts)
    .bind(family_id)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    let done = sqlx::query(
        "update journey set status = 'live', published_at = ?, updated_at = ?
         where id = ? and status = 'draft'",
    )
    .bind(ts)
    .bind(ts)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Withdraws a live version from walkthroughs. Returns false when it was not live.
pub async fn retire(conn: &mut SqliteConnection, id: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "update journey set status = 'retired', updated_at = ? where id = ? and status = 'live'",
    )
    .bind(super::now())
    .bind(id)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The version numbers a family already has.
pub async fn family_versions(
    db: impl SqliteExecutor<'_>,
    family_id: i64,
) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar::<_, i64>("select version from journey where family_id = ? order by version")
        .bind(family_id)
        .fetch_all(db)
        .await
}

/// The family's open draft, if one exists: a second draft next to it would only confuse curators.
pub async fn family_draft(
    db: impl SqliteExecutor<'_>,
    family_id: i64,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar::<_, i64>(
        "select id from journey where family_id = ? and status = 'draft' order by version desc limit 1",
    )
    .bind(family_id)
    .fetch_optional(db)
    .await
}

/// Copies a journey version and all its steps into a new draft `version` of the same family, for
/// `year`. The source version and its steps are only read, so walkthroughs on it are untouched.
pub async fn copy_to_draft(
    conn: &mut SqliteConnection,
    source_id: i64,
    version: i64,
    year: i64,
    created_by: i64,
) -> Result<i64, sqlx::Error> {
    let ts = super::now();
    let id = sqlx::query_scalar::<_, i64>(
        "insert into journey (family_id, version, year, title, product_line, persona, goal, scenario,
                              rules, status, created_by, published_at, created_at, updated_at)
         select family_id, ?, ?, title, product_line, persona, goal, scenario, rules, 'draft', ?, null, ?, ?
         from journey where id = ?
         returning id",
    )
    .bind(version)
    .bind(year)
    .bind(created_by)
    .bind(ts)
    .bind(ts)
    .bind(source_id)
    .fetch_one(&mut *conn)
    .await?;
    sqlx::query(
        "insert into journey_step (journey_id, position, phase, title, instructions, channel,
                                   service_promise, team_id, created_at, updated_at)
         select ?, position, phase, title, instructions, channel, service_promise, team_id, ?, ?
         from journey_step where journey_id = ?
         order by position, id",
    )
    .bind(id)
    .bind(ts)
    .bind(ts)
    .bind(source_id)
    .execute(&mut *conn)
    .await?;
    Ok(id)
}

/// When a journey version last changed (fields or steps), for the detail page.
pub async fn updated_at(
    db: impl SqliteExecutor<'_>,
    id: i64,
) -> Result<Option<DateTime<Utc>>, sqlx::Error> {
    sqlx::query_scalar::<_, DateTime<Utc>>("select updated_at from journey where id = ?")
        .bind(id)
        .fetch_optional(db)
        .await
}
