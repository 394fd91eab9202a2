//! Queries on walkthroughs: starting, step answers, frictions, finishing, and the facts access is
//! decided on; the lists are in `list`.

use super::backend::on;
use super::{OWNER_EDITS, Source, numbered};
use crate::domain::walkthrough::{
    Access, FinishInput, Friction, FrictionInput, FrictionKind, Outcome, Ownership, Principle,
    Severity, StepAnswer, StepAnswerInput, WalkedStep, WalkthroughDetail, WalkthroughStatus,
    WalkthroughSummary,
};

mod list;
pub use list::{ReadableFilter, list_for_person, list_readable};
use list::{SUMMARY_SELECT, SummaryRow};

/// Who owns a walkthrough, their manager and its status; `None` when the id is unknown.
pub async fn ownership(
    src: impl Source<'_>,
    walkthrough_id: i64,
) -> Result<Option<Ownership>, sqlx::Error> {
    let row = on!(src, |c| {
        sqlx::query_as::<_, (i64, Option<i64>, String)>(
            "select w.person_id, p.manager_id, w.status
             from walkthrough w join person p on p.id = w.person_id
             where w.id = $1",
        )
        .bind(walkthrough_id)
        .fetch_optional(&mut *c)
        .await?
    });
    row.map(|(owner_id, owner_manager_id, status)| {
        Ok(Ownership {
            owner_id,
            owner_manager_id,
            status: WalkthroughStatus::parse(&status).ok_or_else(|| {
                sqlx::Error::Decode(format!("unknown walkthrough status {status}").into())
            })?,
        })
    })
    .transpose()
}

pub use super::WriteError;

/// Starts a walkthrough of a live journey for `person_id` in `cycle_year`, with an empty answer per step.
/// Checked and written in one transaction; the partial unique index backs the one-in-progress rule up.
pub async fn start(
    db: &super::Db,
    person_id: i64,
    journey_id: i64,
    cycle_year: i64,
) -> Result<i64, WriteError> {
    let mut tx = super::begin(db).await?;
    let id = on!(&mut tx, |c| {
        let status = sqlx::query_scalar::<_, String>("select status from journey where id = $1")
            .bind(journey_id)
            .fetch_optional(&mut *c)
            .await?
            .ok_or(WriteError::NotFound)?;
        if status != "live" {
            return Err(WriteError::Refused(
                crate::domain::Refusal::WalkJourneyNotLive,
            ));
        }
        let in_progress = sqlx::query_scalar::<_, i64>(
            "select count(*) from walkthrough
             where person_id = $1 and cycle_year = $2 and status = 'in_progress'",
        )
        .bind(person_id)
        .bind(cycle_year)
        .fetch_one(&mut *c)
        .await?;
        crate::domain::walkthrough::check_can_start(usize::try_from(in_progress).unwrap_or(1))
            .map_err(WriteError::Refused)?;
        let now = super::now();
        let id = sqlx::query_scalar::<_, i64>(
            "insert into walkthrough (person_id, journey_id, cycle_year, status, started_at, created_at, updated_at)
             values ($1, $2, $3, 'in_progress', $4, $4, $4) returning id",
        )
        .bind(person_id)
        .bind(journey_id)
        .bind(cycle_year)
        .bind(now)
        .fetch_one(&mut *c)
        .await
        .map_err(|e| {
            if super::is_violation_of(&e, "walkthrough_one_active_idx") {
                WriteError::Refused(crate::domain::Refusal::WalkAlreadyInProgress)
            } else {
                WriteError::Db(e)
            }
        })?;
        sqlx::query(
            "insert into walkthrough_step (walkthrough_id, step_id, version, created_at, updated_at)
             select $1, id, 0, $2, $2 from journey_step where journey_id = $3",
        )
        .bind(id)
        .bind(now)
        .bind(journey_id)
        .execute(&mut *c)
        .await?;
        id
    });
    tx.commit().await?;
    Ok(id)
}

#[derive(sqlx::FromRow)]
struct HeadRow {
    person_id: i64,
    journey_id: i64,
    abandon_reason: Option<String>,
    recommend_score: Option<i64>,
    summary: Option<String>,
    pros: Option<String>,
    cons: Option<String>,
}

#[derive(sqlx::FromRow)]
struct AnswerRow {
    step_id: i64,
    outcome: Option<String>,
    skip_reason: Option<String>,
    minutes: Option<i64>,
    emotion: Option<i64>,
    effort: Option<i64>,
    expected: Option<String>,
    happened: Option<String>,
    notes: Option<String>,
    version: i64,
}

#[derive(sqlx::FromRow)]
struct FrictionRow {
    id: i64,
    step_id: i64,
    kind: String,
    severity: Option<String>,
    title: String,
    what_happened: String,
    suggestion: String,
    team_id: Option<i64>,
    team_name: Option<String>,
    incomplete: bool,
}

fn decode(what: &str, v: &str) -> sqlx::Error {
    sqlx::Error::Decode(format!("unknown {what} {v}").into())
}

/// Frictions of a walkthrough with their principle tags, in the order they were logged.
pub async fn frictions(db: &super::Db, walkthrough_id: i64) -> Result<Vec<Friction>, sqlx::Error> {
    let (rows, tags) = on!(db, |c| {
        let rows = sqlx::query_as::<_, FrictionRow>(
            "select f.id, f.step_id, f.kind, f.severity, f.title, f.what_happened, f.suggestion, f.team_id,
                    t.name as team_name, f.incomplete
             from friction f left join team t on t.id = f.team_id
             where f.walkthrough_id = $1 order by f.id",
        )
        .bind(walkthrough_id)
        .fetch_all(&mut *c)
        .await?;
        let tags = sqlx::query_as::<_, (i64, String)>(
            "select fp.friction_id, fp.principle from friction_principle fp
             join friction f on f.id = fp.friction_id where f.walkthrough_id = $1",
        )
        .bind(walkthrough_id)
        .fetch_all(&mut *c)
        .await?;
        (rows, tags)
    });
    rows.into_iter()
        .map(|r| {
            let mut principles = tags
                .iter()
                .filter(|(fid, _)| *fid == r.id)
                .map(|(_, code)| Principle::parse(code).map_err(|_| decode("principle", code)))
                .collect::<Result<Vec<_>, _>>()?;
            principles.sort();
            Ok(Friction {
                id: r.id,
                step_id: r.step_id,
                kind: FrictionKind::parse(&r.kind).map_err(|_| decode("kind", &r.kind))?,
                severity: r
                    .severity
                    .as_deref()
                    .map(|s| Severity::parse(s).map_err(|_| decode("severity", s)))
                    .transpose()?,
                title: r.title,
                what_happened: r.what_happened,
                suggestion: r.suggestion,
                principles,
                team_id: r.team_id,
                team_name: r.team_name,
                incomplete: r.incomplete,
            })
        })
        .collect()
}

/// Everything about one walkthrough; `access` is decided by the caller and stored on the result.
pub async fn detail(
    db: &super::Db,
    walkthrough_id: i64,
    access: Access,
) -> Result<Option<WalkthroughDetail>, sqlx::Error> {
    let sql = format!("{SUMMARY_SELECT} where w.id = $1");
    let found = on!(db, |c| {
        match sqlx::query_as::<_, SummaryRow>(&sql)
            .bind(walkthrough_id)
            .fetch_optional(&mut *c)
            .await?
        {
            None => None,
            Some(summary) => Some((
                summary,
                sqlx::query_as::<_, HeadRow>(
                    "select person_id, journey_id, abandon_reason, recommend_score, summary, pros, cons
                     from walkthrough where id = $1",
                )
                .bind(walkthrough_id)
                .fetch_one(&mut *c)
                .await?,
            )),
        }
    });
    let Some((summary, head)) = found else {
        return Ok(None);
    };
    let summary = WalkthroughSummary::try_from(summary)?;
    let Some(journey) = super::journey::detail(db, head.journey_id).await? else {
        return Ok(None);
    };
    let answers = on!(db, |c| {
        sqlx::query_as::<_, AnswerRow>(
            "select step_id, outcome, skip_reason, minutes, emotion, effort, expected, happened, notes, version
             from walkthrough_step where walkthrough_id = $1",
        )
        .bind(walkthrough_id)
        .fetch_all(&mut *c)
        .await?
    });
    let frictions = frictions(db, walkthrough_id).await?;
    let evidence = super::evidence::list_for_walkthrough(db, walkthrough_id).await?;
    let mut steps = Vec::with_capacity(journey.steps.len());
    for step in journey.steps {
        let answer = match answers.iter().find(|a| a.step_id == step.id) {
            Some(a) => StepAnswer {
                outcome: a
                    .outcome
                    .as_deref()
                    .map(|o| Outcome::parse(o).map_err(|_| decode("outcome", o)))
                    .transpose()?,
                skip_reason: a.skip_reason.clone(),
                minutes: a.minutes,
                emotion: a.emotion,
                effort: a.effort,
                expected: a.expected.clone(),
                happened: a.happened.clone(),
                notes: a.notes.clone(),
                version: a.version,
            },
            None => StepAnswer::default(),
        };
        steps.push(WalkedStep {
            frictions: frictions
                .iter()
                .filter(|f| f.step_id == step.id)
                .cloned()
                .collect(),
            evidence: evidence
                .iter()
                .filter(|e| e.step_id == step.id)
                .cloned()
                .collect(),
            step,
            answer,
        });
    }
    Ok(Some(WalkthroughDetail {
        summary,
        owner_id: head.person_id,
        access,
        journey_title: journey.title,
        persona: journey.persona,
        goal: journey.goal,
        scenario: journey.scenario,
        rules: journey.rules,
        abandon_reason: head.abandon_reason,
        recommend_score: head.recommend_score,
        summary_text: head.summary,
        pros: head.pros,
        cons: head.cons,
        steps,
    }))
}

/// Saves one step's answer if `expected_version` is still current and `owner_id` may still edit the
/// walkthrough; returns the new version.
pub async fn save_answer(
    db: &super::Db,
    owner_id: i64,
    walkthrough_id: i64,
    step_id: i64,
    expected_version: i64,
    answer: &StepAnswerInput,
) -> Result<i64, WriteError> {
    let mut tx = super::begin(db).await?;
    let sql = format!(
        "update walkthrough_step
         set outcome = ?, skip_reason = ?, minutes = ?, emotion = ?, effort = ?, expected = ?, happened = ?,
             notes = ?, version = version + 1, updated_at = ?
         where walkthrough_id = ? and step_id = ? and version = ? and {OWNER_EDITS}"
    );
    let sql = numbered(&sql);
    on!(&mut tx, |c| {
        let current = sqlx::query_scalar::<_, i64>(
            "select version from walkthrough_step where walkthrough_id = $1 and step_id = $2",
        )
        .bind(walkthrough_id)
        .bind(step_id)
        .fetch_optional(&mut *c)
        .await?
        .ok_or(WriteError::NotFound)?;
        if current != expected_version {
            crate::monitoring::autosave_conflict();
            return Err(WriteError::Conflict);
        }
        let now = super::now();
        let updated = sqlx::query(&sql)
            .bind(answer.outcome.map(|o| o.code()))
            .bind(&answer.skip_reason)
            .bind(answer.minutes)
            .bind(answer.emotion)
            .bind(answer.effort)
            .bind(&answer.expected)
            .bind(&answer.happened)
            .bind(&answer.notes)
            .bind(now)
            .bind(walkthrough_id)
            .bind(step_id)
            .bind(expected_version)
            .bind(walkthrough_id)
            .bind(owner_id)
            .execute(&mut *c)
            .await?;
        if updated.rows_affected() != 1 {
            // The version matched a moment ago inside this same write lock: the guard refused.
            return Err(WriteError::Refused(crate::domain::Refusal::WalkNotEditable));
        }
        touch(&mut *c, walkthrough_id).await?;
    });
    tx.commit().await?;
    Ok(expected_version + 1)
}

async fn touch(src: impl Source<'_>, walkthrough_id: i64) -> Result<(), sqlx::Error> {
    on!(src, |c| {
        sqlx::query("update walkthrough set updated_at = $1 where id = $2")
            .bind(super::now())
            .bind(walkthrough_id)
            .execute(&mut *c)
            .await?;
    });
    Ok(())
}

/// The owning team of a journey step walked in this walkthrough; `None` when the step is not part of it.
pub async fn step_team(
    db: &super::Db,
    walkthrough_id: i64,
    step_id: i64,
) -> Result<Option<Option<i64>>, sqlx::Error> {
    Ok(on!(db, |c| {
        sqlx::query_scalar::<_, Option<i64>>(
            "select s.team_id from walkthrough_step ws join journey_step s on s.id = ws.step_id
             where ws.walkthrough_id = $1 and ws.step_id = $2",
        )
        .bind(walkthrough_id)
        .bind(step_id)
        .fetch_optional(&mut *c)
        .await?
    }))
}

/// Adds (`friction_id` none) or replaces a friction with its tags; returns its id.
pub async fn save_friction(
    db: &super::Db,
    owner_id: i64,
    walkthrough_id: i64,
    step_id: i64,
    friction_id: Option<i64>,
    input: &FrictionInput,
) -> Result<i64, WriteError> {
    let mut tx = super::begin(db).await?;
    let id = save_friction_in(
        &mut tx,
        owner_id,
        walkthrough_id,
        step_id,
        friction_id,
        input,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// [`save_friction`] inside the caller's transaction (which may write more with it).
pub async fn save_friction_in(
    src: impl Source<'_>,
    owner_id: i64,
    walkthrough_id: i64,
    step_id: i64,
    friction_id: Option<i64>,
    input: &FrictionInput,
) -> Result<i64, WriteError> {
    let now = super::now();
    let update_sql = format!(
        "update friction set kind = ?, severity = ?, title = ?, what_happened = ?, suggestion = ?,
                team_id = ?, incomplete = false, updated_at = ?
         where id = ? and walkthrough_id = ? and step_id = ? and {OWNER_EDITS}"
    );
    let insert_sql = format!(
        "insert into friction (walkthrough_id, step_id, kind, severity, title, what_happened, suggestion,
                               team_id, incomplete, created_at, updated_at)
         select ?, ?, ?, ?, ?, ?, ?, ?, false, ?, ? where {OWNER_EDITS} returning id"
    );
    let (update_sql, insert_sql) = (numbered(&update_sql), numbered(&insert_sql));
    let id = on!(src, |c| {
        let id = match friction_id {
            Some(id) => {
                let updated = sqlx::query(&update_sql)
                    .bind(input.kind.code())
                    .bind(input.severity.map(|s| s.code()))
                    .bind(&input.title)
                    .bind(&input.what_happened)
                    .bind(&input.suggestion)
                    .bind(input.team_id)
                    .bind(now)
                    .bind(id)
                    .bind(walkthrough_id)
                    .bind(step_id)
                    .bind(walkthrough_id)
                    .bind(owner_id)
                    .execute(&mut *c)
                    .await?;
                if updated.rows_affected() != 1 {
                    return Err(WriteError::NotFound);
                }
                sqlx::query("delete from friction_principle where friction_id = $1")
                    .bind(id)
                    .execute(&mut *c)
                    .await?;
                id
            }
            None => sqlx::query_scalar::<_, i64>(&insert_sql)
                .bind(walkthrough_id)
                .bind(step_id)
                .bind(input.kind.code())
                .bind(input.severity.map(|s| s.code()))
                .bind(&input.title)
                .bind(&input.what_happened)
                .bind(&input.suggestion)
                .bind(input.team_id)
                .bind(now)
                .bind(now)
                .bind(walkthrough_id)
                .bind(owner_id)
                .fetch_optional(&mut *c)
                .await?
                .ok_or(WriteError::Refused(crate::domain::Refusal::WalkNotEditable))?,
        };
        for p in &input.principles {
            sqlx::query("insert into friction_principle (friction_id, principle) values ($1, $2)")
                .bind(id)
                .bind(p.code())
                .execute(&mut *c)
                .await?;
        }
        touch(&mut *c, walkthrough_id).await?;
        id
    });
    Ok(id)
}

/// Removes a friction of this walkthrough (its evidence stays, unlinked, on the step).
pub async fn delete_friction(
    db: &super::Db,
    owner_id: i64,
    walkthrough_id: i64,
    friction_id: i64,
) -> Result<(), WriteError> {
    let mut tx = super::begin(db).await?;
    let sql = format!("delete from friction where id = ? and walkthrough_id = ? and {OWNER_EDITS}");
    let sql = numbered(&sql);
    on!(&mut tx, |c| {
        let deleted = sqlx::query(&sql)
            .bind(friction_id)
            .bind(walkthrough_id)
            .bind(walkthrough_id)
            .bind(owner_id)
            .execute(&mut *c)
            .await?;
        if deleted.rows_affected() != 1 {
            return Err(WriteError::NotFound);
        }
        touch(&mut *c, walkthrough_id).await?;
    });
    tx.commit().await?;
    Ok(())
}

/// Ends a walkthrough (completed or abandoned) if it is still in progress; a completed one is
/// counted on the steps it walked (`improvement::tally`) in the same transaction.
pub async fn finish(
    db: &super::Db,
    owner_id: i64,
    walkthrough_id: i64,
    input: &FinishInput,
) -> Result<(), WriteError> {
    let now = super::now();
    let mut tx = super::begin(db).await?;
    on!(&mut tx, |c| {
        let updated = sqlx::query(
            "update walkthrough set status = $1, abandon_reason = $2, recommend_score = $3, summary = $4,
                    pros = $5, cons = $6, finished_at = $7, updated_at = $7
             where id = $8 and person_id = $9 and status = 'in_progress'",
        )
        .bind(input.status.code())
        .bind(&input.abandon_reason)
        .bind(input.recommend_score)
        .bind(&input.summary)
        .bind(&input.pros)
        .bind(&input.cons)
        .bind(now)
        .bind(walkthrough_id)
        .bind(owner_id)
        .execute(&mut *c)
        .await?;
        if updated.rows_affected() != 1 {
            return Err(WriteError::Refused(crate::domain::Refusal::WalkNotEditable));
        }
    });
    if input.status == crate::domain::walkthrough::WalkthroughStatus::Completed {
        super::improvement::tally::walkthrough_completed(&mut tx, walkthrough_id, now).await?;
    }
    tx.commit().await?;
    Ok(())
}
