//! Queries on journeys and their steps (catalogue, versions).

use super::Source;
use super::backend::on;
use crate::domain::journey::{
    Channel, JourneyDetail, JourneyStatus, JourneyStep, JourneySummary, Phase, sort_steps,
};
use chrono::{DateTime, Utc};

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
pub async fn list_all(src: impl Source<'_>) -> Result<Vec<JourneySummary>, sqlx::Error> {
    let sql = format!("{SUMMARY_SELECT} order by j.title, j.family_id, j.version desc");
    on!(src, |c| {
        sqlx::query_as::<_, SummaryRow>(&sql)
            .fetch_all(&mut *c)
            .await?
    })
    .into_iter()
    .map(JourneySummary::try_from)
    .collect()
}

/// Every version of one journey family, newest first.
pub async fn list_family(
    src: impl Source<'_>,
    family_id: i64,
) -> Result<Vec<JourneySummary>, sqlx::Error> {
    let sql = format!("{SUMMARY_SELECT} where j.family_id = $1 order by j.version desc");
    on!(src, |c| {
        sqlx::query_as::<_, SummaryRow>(&sql)
            .bind(family_id)
            .fetch_all(&mut *c)
            .await?
    })
    .into_iter()
    .map(JourneySummary::try_from)
    .collect()
}

/// Journeys open for walkthroughs.
pub async fn list_live(src: impl Source<'_>) -> Result<Vec<JourneySummary>, sqlx::Error> {
    let sql = format!("{SUMMARY_SELECT} where j.status = 'live' order by j.title");
    on!(src, |c| {
        sqlx::query_as::<_, SummaryRow>(&sql)
            .fetch_all(&mut *c)
            .await?
    })
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
pub async fn steps(src: impl Source<'_>, journey_id: i64) -> Result<Vec<JourneyStep>, sqlx::Error> {
    let mut steps = on!(src, |c| {
        sqlx::query_as::<_, StepRow>(
            "select s.id, s.journey_id, s.position, s.phase, s.title, s.instructions, s.channel,
                    s.service_promise, s.team_id, t.name as team_name
             from journey_step s left join team t on t.id = s.team_id
             where s.journey_id = $1",
        )
        .bind(journey_id)
        .fetch_all(&mut *c)
        .await?
    })
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
    let row = on!(db, |c| {
        sqlx::query_as::<_, DetailRow>(
            "select id, family_id, version, year, title, product_line, persona, goal, scenario,
                    rules, status
             from journey where id = $1",
        )
        .bind(id)
        .fetch_optional(&mut *c)
        .await?
    });
    let Some(r) = row else {
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

/// Where one version stands: its family, version number and status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VersionState {
    pub family_id: i64,
    pub version: i64,
    pub status: JourneyStatus,
}

/// A journey version's family, number and status; `None` when the id is unknown.
pub async fn state_of(src: impl Source<'_>, id: i64) -> Result<Option<VersionState>, sqlx::Error> {
    let row = on!(src, |c| {
        sqlx::query_as::<_, (i64, i64, String)>(
            "select family_id, version, status from journey where id = $1",
        )
        .bind(id)
        .fetch_optional(&mut *c)
        .await?
    });
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
pub async fn family_live(src: impl Source<'_>, family_id: i64) -> Result<Option<i64>, sqlx::Error> {
    Ok(on!(src, |c| {
        sqlx::query_scalar::<_, i64>(
            "select id from journey where family_id = $1 and status = 'live'",
        )
        .bind(family_id)
        .fetch_optional(&mut *c)
        .await?
    }))
}

/// Starts a new journey family (the line in the catalogue its versions share).
pub async fn insert_family(src: impl Source<'_>) -> Result<i64, sqlx::Error> {
    let ts = super::now();
    Ok(on!(src, |c| {
        sqlx::query_scalar::<_, i64>(
            "insert into journey_family (created_at, updated_at) values ($1, $1) returning id",
        )
        .bind(ts)
        .fetch_one(&mut *c)
        .await?
    }))
}

/// Inserts one journey version with the given status.
pub async fn insert(
    src: impl Source<'_>,
    family_id: i64,
    version: i64,
    input: &JourneyInput,
    status: JourneyStatus,
    created_by: Option<i64>,
) -> Result<i64, sqlx::Error> {
    let ts = super::now();
    let published_at = (status == JourneyStatus::Live).then_some(ts);
    Ok(on!(src, |c| {
        sqlx::query_scalar::<_, i64>(
            "insert into journey (family_id, version, year, title, product_line, persona, goal,
                                  scenario, rules, status, created_by, published_at, created_at,
                                  updated_at)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13) returning id",
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
        .fetch_one(&mut *c)
        .await?
    }))
}

/// Changes a draft's fields. Returns false when the version is not a draft (nothing changed).
pub async fn update(
    src: impl Source<'_>,
    id: i64,
    input: &JourneyInput,
) -> Result<bool, sqlx::Error> {
    let done = on!(src, |c| {
        sqlx::query(
            "update journey set year = $1, title = $2, product_line = $3, persona = $4, goal = $5,
                    scenario = $6, rules = $7, updated_at = $8
             where id = $9 and status = 'draft'",
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
        .execute(&mut *c)
        .await?
        .rows_affected()
    });
    Ok(done == 1)
}

/// Marks a draft as changed now, so the catalogue's "last change" covers step edits too.
async fn touch(src: impl Source<'_>, journey_id: i64) -> Result<(), sqlx::Error> {
    on!(src, |c| {
        sqlx::query("update journey set updated_at = $1 where id = $2")
            .bind(super::now())
            .bind(journey_id)
            .execute(&mut *c)
            .await?;
    });
    Ok(())
}

/// Adds a step at the end of its journey (so at the end of its phase). The journey must be a draft
/// for curators; the seed also uses this to fill live demo journeys before anyone walks them.
pub async fn insert_step(
    src: impl Source<'_>,
    journey_id: i64,
    input: &StepInput,
) -> Result<i64, sqlx::Error> {
    let ts = super::now();
    Ok(on!(src, |c| {
        let id = sqlx::query_scalar::<_, i64>(
            "insert into journey_step (journey_id, position, phase, title, instructions, channel,
                                       service_promise, team_id, created_at, updated_at)
             values ($1,
                     (select coalesce(max(position), 0) + 1 from journey_step where journey_id = $1),
                     $2, $3, $4, $5, $6, $7, $8, $8)
             returning id",
        )
        .bind(journey_id)
        .bind(input.phase.code())
        .bind(&input.title)
        .bind(&input.instructions)
        .bind(input.channel.code())
        .bind(&input.service_promise)
        .bind(input.team_id)
        .bind(ts)
        .fetch_one(&mut *c)
        .await?;
        touch(&mut *c, journey_id).await?;
        id
    }))
}

/// The journey a step belongs to; `None` when the step id is unknown.
pub async fn step_journey(src: impl Source<'_>, step_id: i64) -> Result<Option<i64>, sqlx::Error> {
    Ok(on!(src, |c| {
        sqlx::query_scalar::<_, i64>("select journey_id from journey_step where id = $1")
            .bind(step_id)
            .fetch_optional(&mut *c)
            .await?
    }))
}

/// Changes a step of a draft. A step moved to another phase goes to the end of that phase.
/// Returns false when nothing matched (wrong journey, or not a draft).
pub async fn update_step(
    src: impl Source<'_>,
    journey_id: i64,
    step_id: i64,
    input: &StepInput,
) -> Result<bool, sqlx::Error> {
    let done = on!(src, |c| {
        let done = sqlx::query(
            "update journey_step set
                position = case when phase = $1 then position
                                else (select coalesce(max(position), 0) + 1 from journey_step
                                      where journey_id = $2) end,
                phase = $1, title = $3, instructions = $4, channel = $5, service_promise = $6,
                team_id = $7, updated_at = $8
             where id = $9 and journey_id = $2
               and exists (select 1 from journey j where j.id = $2 and j.status = 'draft')",
        )
        .bind(input.phase.code())
        .bind(journey_id)
        .bind(&input.title)
        .bind(&input.instructions)
        .bind(input.channel.code())
        .bind(&input.service_promise)
        .bind(input.team_id)
        .bind(super::now())
        .bind(step_id)
        .execute(&mut *c)
        .await?
        .rows_affected();
        if done == 1 {
            touch(&mut *c, journey_id).await?;
        }
        done
    });
    Ok(done == 1)
}

/// Removes a step of a draft. Returns false when nothing matched.
pub async fn delete_step(
    src: impl Source<'_>,
    journey_id: i64,
    step_id: i64,
) -> Result<bool, sqlx::Error> {
    let done = on!(src, |c| {
        let done = sqlx::query(
            "delete from journey_step
             where id = $1 and journey_id = $2
               and exists (select 1 from journey j where j.id = $2 and j.status = 'draft')",
        )
        .bind(step_id)
        .bind(journey_id)
        .execute(&mut *c)
        .await?
        .rows_affected();
        if done == 1 {
            touch(&mut *c, journey_id).await?;
        }
        done
    });
    Ok(done == 1)
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
    src: impl Source<'_>,
    journey_id: i64,
    step_id: i64,
    direction: Direction,
) -> Result<bool, sqlx::Error> {
    on!(src, |c| {
        let all = steps(&mut *c, journey_id).await?;
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
        // Positions are distinct within a journey (always max + 1), so swapping them swaps the
        // order.
        let (mine, theirs) = (other.position, me.position);
        let ts = super::now();
        for (id, position) in [(me.id, mine), (other.id, theirs)] {
            sqlx::query(
                "update journey_step set position = $1, updated_at = $2
                 where id = $3 and journey_id = $4
                   and exists (select 1 from journey j where j.id = $4 and j.status = 'draft')",
            )
            .bind(position)
            .bind(ts)
            .bind(id)
            .bind(journey_id)
            .execute(&mut *c)
            .await?;
        }
        touch(&mut *c, journey_id).await?;
    });
    Ok(true)
}

/// Publishes a draft: the family's live version (if any) is retired first, in the caller's
/// transaction, so there is never a moment with two live versions (the partial unique index
/// `journey_one_live_idx` would refuse it anyway). Returns false when the version is not a draft.
pub async fn publish(src: impl Source<'_>, id: i64, family_id: i64) -> Result<bool, sqlx::Error> {
    let ts = super::now();
    let done = on!(src, |c| {
        sqlx::query(
            "update journey set status = 'retired', updated_at = $1
             where family_id = $2 and status = 'live' and id <> $3",
        )
        .bind(ts)
        .bind(family_id)
        .bind(id)
        .execute(&mut *c)
        .await?;
        sqlx::query(
            "update journey set status = 'live', published_at = $1, updated_at = $1
             where id = $2 and status = 'draft'",
        )
        .bind(ts)
        .bind(id)
        .execute(&mut *c)
        .await?
        .rows_affected()
    });
    Ok(done == 1)
}

/// Withdraws a live version from walkthroughs. Returns false when it was not live.
pub async fn retire(src: impl Source<'_>, id: i64) -> Result<bool, sqlx::Error> {
    let done = on!(src, |c| {
        sqlx::query(
            "update journey set status = 'retired', updated_at = $1
             where id = $2 and status = 'live'",
        )
        .bind(super::now())
        .bind(id)
        .execute(&mut *c)
        .await?
        .rows_affected()
    });
    Ok(done == 1)
}

/// The version numbers a family already has.
pub async fn family_versions(
    src: impl Source<'_>,
    family_id: i64,
) -> Result<Vec<i64>, sqlx::Error> {
    Ok(on!(src, |c| {
        sqlx::query_scalar::<_, i64>(
            "select version from journey where family_id = $1 order by version",
        )
        .bind(family_id)
        .fetch_all(&mut *c)
        .await?
    }))
}

/// The family's open draft, if one exists: a second draft next to it would only confuse curators.
pub async fn family_draft(
    src: impl Source<'_>,
    family_id: i64,
) -> Result<Option<i64>, sqlx::Error> {
    Ok(on!(src, |c| {
        sqlx::query_scalar::<_, i64>(
            "select id from journey where family_id = $1 and status = 'draft'
             order by version desc limit 1",
        )
        .bind(family_id)
        .fetch_optional(&mut *c)
        .await?
    }))
}

/// Copies a journey version and all its steps into a new draft `version` of the same family, for
/// `year`. The source version and its steps are only read, so walkthroughs on it are untouched.
pub async fn copy_to_draft(
    src: impl Source<'_>,
    source_id: i64,
    version: i64,
    year: i64,
    created_by: i64,
) -> Result<i64, sqlx::Error> {
    let ts = super::now();
    Ok(on!(src, |c| {
        let id = sqlx::query_scalar::<_, i64>(
            "insert into journey (family_id, version, year, title, product_line, persona, goal,
                                  scenario, rules, status, created_by, published_at, created_at,
                                  updated_at)
             select family_id, $1, $2, title, product_line, persona, goal, scenario, rules,
                    'draft', $3, null, $4, $4
             from journey where id = $5
             returning id",
        )
        .bind(version)
        .bind(year)
        .bind(created_by)
        .bind(ts)
        .bind(source_id)
        .fetch_one(&mut *c)
        .await?;
        sqlx::query(
            "insert into journey_step (journey_id, position, phase, title, instructions, channel,
                                       service_promise, team_id, created_at, updated_at)
             select $1, position, phase, title, instructions, channel, service_promise, team_id,
                    $2, $2
             from journey_step where journey_id = $3
             order by position, id",
        )
        .bind(id)
        .bind(ts)
        .bind(source_id)
        .execute(&mut *c)
        .await?;
        id
    }))
}

/// When a journey version last changed (fields or steps), for the detail page.
pub async fn updated_at(
    src: impl Source<'_>,
    id: i64,
) -> Result<Option<DateTime<Utc>>, sqlx::Error> {
    Ok(on!(src, |c| {
        sqlx::query_scalar::<_, DateTime<Utc>>("select updated_at from journey where id = $1")
            .bind(id)
            .fetch_optional(&mut *c)
            .await?
    }))
}
