//! "Hier is iets verbeterd: … Klopt dat?" in the database: the fixed improvements a walker meets
//! at a step, their answer (one per walkthrough, changeable while it is in progress), the tally
//! since the improvement was last fixed, and the reopening when enough later walkers say it is
//! still a problem — all in the answering transaction, so it happens exactly once.

use crate::db::audit::{AuditAction, record};
use crate::db::backend::on;
use crate::db::notification::ImprovementNews;
use crate::db::{Db, Source, WriteError, begin, now};
use crate::domain::improvement::reopen::{REOPENED_STATUS, Tally, should_reopen};
use crate::domain::improvement::{ConfirmationAnswer, ImprovementStatus};

/// SQL joining, for walkthrough `w` at its step `s`, the fixed improvements `i` it meets: the same
/// journey family, and the same step or one with the same title (a new journey version keeps the
/// title, not the id). Binds: the step id, then the walkthrough id (`?`: the finished statement
/// goes through `db::numbered`).
const AT_STEP: &str = "from walkthrough w
     join journey j on j.id = w.journey_id
     join journey_step s on s.journey_id = j.id and s.id = ?
     join improvement i on i.journey_family_id = j.family_id and i.status = 'fixed'
     join journey_step st on st.id = i.step_id
     where w.id = ? and (i.step_id = s.id or lower(st.title) = lower(s.title))";

/// A fixed improvement met at a step, with this walkthrough's answer so far.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct FixedHere {
    pub id: i64,
    pub title: String,
    pub answer: Option<String>,
}

/// The fixed improvements walkthrough `walkthrough_id` meets at `step_id`, most recently fixed
/// first.
pub async fn fixed_at_step(
    src: impl Source<'_>,
    walkthrough_id: i64,
    step_id: i64,
) -> Result<Vec<FixedHere>, sqlx::Error> {
    let sql = crate::db::numbered(&format!(
        "select i.id, i.title,
                (select c.answer from improvement_confirmation c
                  where c.improvement_id = i.id and c.walkthrough_id = w.id) as answer
         {AT_STEP}
         order by i.fixed_at desc nulls last, i.id"
    ))
    .into_owned();
    Ok(on!(src, |c| {
        sqlx::query_as::<_, FixedHere>(&sql)
            .bind(step_id)
            .bind(walkthrough_id)
            .fetch_all(&mut *c)
            .await?
    }))
}

/// What storing an answer did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Answered {
    /// This answer reopened the improvement.
    pub reopened: bool,
}

/// Stores `person_id`'s answer for their walkthrough about improvement `improvement_id` met at
/// `step_id`; answering again changes it. The rule is inside the writing statement: their own
/// walkthrough, in progress, and the improvement still fixed and met at that step. When this
/// answer makes `threshold` later walkers say "still a problem", the improvement reopens in the
/// same transaction (status, history, audit, the owner's notification and mail claim);
/// `reopen_comment` is the history row's comment.
#[allow(clippy::too_many_arguments)]
pub async fn answer(
    db: &Db,
    person_id: i64,
    walkthrough_id: i64,
    step_id: i64,
    improvement_id: i64,
    answer: ConfirmationAnswer,
    threshold: i64,
    reopen_comment: &str,
) -> Result<Answered, WriteError> {
    let mut tx = begin(db).await?;
    let at = now();
    let sql = crate::db::numbered(&format!(
        "insert into improvement_confirmation (improvement_id, walkthrough_id, person_id, answer,
                created_at, updated_at)
         select i.id, w.id, w.person_id, ?, ?, ?
         {AT_STEP} and i.id = ? and w.person_id = ? and w.status = 'in_progress'
         on conflict (improvement_id, walkthrough_id)
         do update set answer = excluded.answer, updated_at = excluded.updated_at"
    ))
    .into_owned();
    let reopened = on!(&mut tx, |c| {
        let stored = sqlx::query(&sql)
            .bind(answer.code())
            .bind(at)
            .bind(at)
            .bind(step_id)
            .bind(walkthrough_id)
            .bind(improvement_id)
            .bind(person_id)
            .execute(&mut *c)
            .await?
            .rows_affected();
        if stored != 1 {
            // Tell why: not theirs, no longer in progress, or nothing fixed to answer about here.
            let owner = crate::db::walkthrough::ownership(&mut *c, walkthrough_id).await?;
            return Err(match owner {
                Some(o) if o.owner_id != person_id => WriteError::NotFound,
                Some(o)
                    if o.status != crate::domain::walkthrough::WalkthroughStatus::InProgress =>
                {
                    WriteError::Refused(crate::domain::Refusal::WalkNotEditable)
                }
                _ => WriteError::NotFound,
            });
        }
        let (status, owner_id, still_problem) = sqlx::query_as::<_, (String, Option<i64>, i64)>(
            "select i.status, i.owner_id,
                    (select count(distinct c.person_id) from improvement_confirmation c
                      where c.improvement_id = i.id and c.answer = 'still_problem'
                        and c.updated_at >= i.fixed_at)
             from improvement i where i.id = $1",
        )
        .bind(improvement_id)
        .fetch_one(&mut *c)
        .await?;
        let status = ImprovementStatus::parse(&status).map_err(|_| {
            sqlx::Error::Decode(format!("unknown improvement status {status}").into())
        })?;
        if should_reopen(status, still_problem, threshold) {
            reopen(
                &mut *c,
                improvement_id,
                owner_id,
                still_problem,
                reopen_comment,
            )
            .await?
        } else {
            false
        }
    });
    tx.commit().await?;
    Ok(Answered { reopened })
}

/// Reopens a fixed improvement (only if it is still fixed: `true` then): in progress again, no
/// longer closed, a history row by the app (no actor), an audit event, and the owner (when active)
/// told in the app with a mail claimed for them (period: the history row).
async fn reopen(
    src: impl Source<'_>,
    improvement_id: i64,
    owner_id: Option<i64>,
    still_problem: i64,
    comment: &str,
) -> Result<bool, sqlx::Error> {
    let at = now();
    on!(src, |c| {
        let changed = sqlx::query(
            "update improvement set status = $1, closed_at = null, status_reason = $2,
                    last_activity_at = $3, version = version + 1, updated_at = $3
             where id = $4 and status = 'fixed'",
        )
        .bind(REOPENED_STATUS.code())
        .bind(comment)
        .bind(at)
        .bind(improvement_id)
        .execute(&mut *c)
        .await?
        .rows_affected();
        if changed != 1 {
            return Ok(false);
        }
        super::tally::set_days_to_fix(&mut *c, improvement_id).await?;
        let history_id: i64 = sqlx::query_scalar(
            "insert into improvement_history (improvement_id, actor_id, from_status, to_status,
                    comment, created_at, updated_at)
             values ($1, null, 'fixed', $2, $3, $4, $4) returning id",
        )
        .bind(improvement_id)
        .bind(REOPENED_STATUS.code())
        .bind(comment)
        .bind(at)
        .fetch_one(&mut *c)
        .await?;
        record(
            &mut *c,
            None,
            AuditAction::ImprovementReopened,
            owner_id,
            &serde_json::json!({
                "improvement_id": improvement_id,
                "from": ImprovementStatus::Fixed.code(),
                "to": REOPENED_STATUS.code(),
                "still_problem": still_problem,
            }),
        )
        .await?;
        let active_owner: Option<i64> = match owner_id {
            Some(owner) => {
                sqlx::query_scalar("select id from person where id = $1 and active")
                    .bind(owner)
                    .fetch_optional(&mut *c)
                    .await?
            }
            None => None,
        };
        if let Some(owner) = active_owner {
            super::mail::tell_of_change(
                &mut *c,
                improvement_id,
                owner,
                "reopened",
                ImprovementNews::Reopened,
                history_id,
                None,
                at,
            )
            .await?;
        }
    });
    tracing::info!(
        improvement_id,
        still_problem,
        "improvement reopened by later walkers"
    );
    Ok(true)
}

/// Later walkers' answers about `improvement_id` since it was last fixed (none before it was).
/// The improvement page shows "bevestigd door {fixed} van {fixed + still_problem} lopers"
/// (`Tally::confirmed_of`).
pub async fn tally(src: impl Source<'_>, improvement_id: i64) -> Result<Tally, sqlx::Error> {
    let rows = on!(src, |c| {
        sqlx::query_as::<_, (String, i64)>(
            "select c.answer, count(*)
             from improvement_confirmation c
             join improvement i on i.id = c.improvement_id
             where c.improvement_id = $1 and i.fixed_at is not null
               and c.updated_at >= i.fixed_at
             group by c.answer",
        )
        .bind(improvement_id)
        .fetch_all(&mut *c)
        .await?
    });
    let mut tally = Tally::default();
    for (answer, count) in rows {
        match ConfirmationAnswer::parse(&answer) {
            Ok(ConfirmationAnswer::Fixed) => tally.fixed = count,
            Ok(ConfirmationAnswer::StillProblem) => tally.still_problem = count,
            Ok(ConfirmationAnswer::NotSeen) => tally.not_seen = count,
            Err(_) => {}
        }
    }
    Ok(tally)
}
