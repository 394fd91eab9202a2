//! Triage in one write transaction (`db::begin`): a new improvement (with its first history row) or
//! a place in an existing open one, or "geen actie"; one `friction_triage` row per friction, whose
//! primary key makes "triaged once" a database fact; audit events; notifications to the reporters.
//! Who may triage is repeated inside the statement that writes each triage row (and the update
//! of an existing improvement), so a role or team changed a moment earlier cannot be outrun.
//! All or nothing: a refusal anywhere leaves no row behind.

use crate::db::audit::{AuditAction, record};
use crate::db::backend::on;
use crate::db::notification::{ImprovementNews, notify_improvement};
use crate::db::{Source, begin, is_violation_of};
use crate::domain::improvement::Gap;
use crate::domain::improvement::triage::{Decision, NewImprovement, TriageInput};
use chrono::{DateTime, Utc};
use serde_json::json;

/// `domain::improvement::access::may_read_friction` as SQL, binding the friction and then the
/// viewer twice (`?`: the finished statement goes through `db::numbered`): the friction's walkthrough is completed, and the viewer is CX or a lead (an
/// active reviewer) of the team that owns its step or that it is tagged with.
const MAY_TRIAGE: &str = "exists (select 1 from friction f
        join walkthrough w on w.id = f.walkthrough_id and w.status = 'completed'
        join journey_step s on s.id = f.step_id
        where f.id = ? and f.kind = 'friction'
          and (exists (select 1 from person_role r join person p on p.id = r.person_id
                       where r.person_id = ? and r.role = 'cx' and p.active)
               or exists (select 1 from person p join person_role r on r.person_id = p.id
                          where p.id = ? and p.active and r.role = 'reviewer'
                            and p.team_id in (s.team_id, f.team_id))))";

/// `domain::improvement::access::improvement_access` = Manage, as SQL, binding the viewer three
/// times (`?`, as above): CX, a lead of the owning team, or the owner.
const MAY_MANAGE: &str = "(exists (select 1 from person_role r where r.person_id = ? and r.role = 'cx')
        or exists (select 1 from person p join person_role r on r.person_id = p.id
                   where p.id = ? and p.active and r.role = 'reviewer' and p.team_id = improvement.team_id)
        or improvement.owner_id = ?)";

/// Why a triage did not happen, beyond database failures.
#[derive(Debug)]
pub enum TriageError {
    /// A friction is unknown or not one this viewer may triage.
    Forbidden,
    /// Someone else triaged one of them first.
    AlreadyTriaged,
    /// A choice in the form does not hold (unknown team, inactive owner, closed improvement):
    /// the field and the translation key.
    Field(&'static str, &'static str),
    Db(sqlx::Error),
}

impl From<sqlx::Error> for TriageError {
    fn from(e: sqlx::Error) -> Self {
        if is_violation_of(&e, "friction_triage_pkey") {
            TriageError::AlreadyTriaged
        } else {
            TriageError::Db(e)
        }
    }
}

/// What a triage did: the improvement the frictions joined (None: geen actie).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Triaged {
    pub improvement_id: Option<i64>,
    pub created: bool,
}

/// One friction as the triage needs it.
struct Facts {
    id: i64,
    step_id: i64,
    family_id: i64,
    step_team_id: Option<i64>,
    reporter_id: i64,
}

/// Triages `input.frictions` by `actor_id` at `now`.
pub async fn triage(
    db: &crate::db::Db,
    actor_id: i64,
    input: &TriageInput,
    now: DateTime<Utc>,
) -> Result<Triaged, TriageError> {
    let insert_triage = crate::db::numbered(&format!(
        "insert into friction_triage (friction_id, outcome, improvement_id, reason, gap,
                                      triaged_by, created_at, updated_at)
         select ?, ?, ?, ?, ?, ?, ?, ? where {MAY_TRIAGE}"
    ))
    .into_owned();
    let mut tx = begin(db).await?;
    let improvement_id = on!(&mut tx, |c| {
        let mut facts = Vec::with_capacity(input.frictions.len());
        for id in &input.frictions {
            let row = sqlx::query_as::<_, (i64, i64, Option<i64>, i64, bool)>(
                "select f.step_id, j.family_id, s.team_id, w.person_id,
                        exists (select 1 from friction_triage t where t.friction_id = f.id)
                 from friction f join journey_step s on s.id = f.step_id
                 join journey j on j.id = s.journey_id
                 join walkthrough w on w.id = f.walkthrough_id
                 where f.id = $1 and f.kind = 'friction'",
            )
            .bind(id)
            .fetch_optional(&mut *c)
            .await?;
            let Some((step_id, family_id, step_team_id, reporter_id, triaged)) = row else {
                return Err(TriageError::Forbidden);
            };
            if triaged {
                return Err(TriageError::AlreadyTriaged);
            }
            facts.push(Facts {
                id: *id,
                step_id,
                family_id,
                step_team_id,
                reporter_id,
            });
        }
        let Some(first) = facts.first() else {
            return Err(TriageError::Field("frictions", "inbox-error-pick"));
        };
        let improvement_id = match &input.decision {
            Decision::New(new) => {
                Some(create_improvement(&mut *c, actor_id, new, first, now).await?)
            }
            Decision::Existing(id) => {
                join_existing(&mut *c, actor_id, *id, &facts, now).await?;
                Some(*id)
            }
            Decision::NoAction(_) => None,
        };
        let reason = match &input.decision {
            Decision::NoAction(reason) => reason.as_str(),
            _ => "",
        };
        for f in &facts {
            let written = sqlx::query(&insert_triage)
                .bind(f.id)
                .bind(input.decision.outcome().code())
                .bind(improvement_id)
                .bind(reason)
                .bind(input.gap.map(Gap::code))
                .bind(actor_id)
                .bind(now)
                .bind(now)
                .bind(f.id)
                .bind(actor_id)
                .bind(actor_id)
                .execute(&mut *c)
                .await?
                .rows_affected();
            if written == 0 {
                return Err(TriageError::Forbidden);
            }
            let news = match improvement_id {
                Some(_) => ImprovementNews::Created,
                None => ImprovementNews::NoAction,
            };
            notify_improvement(
                &mut *c,
                f.reporter_id,
                news,
                improvement_id,
                Some(f.id),
                Some(actor_id),
            )
            .await?;
        }
        if let Some(id) = improvement_id {
            super::tally::refresh_improvement(&mut *c, id).await?;
        }
        let ids: Vec<i64> = facts.iter().map(|f| f.id).collect();
        let gap = input.gap.map(Gap::code);
        let (action, detail) = match (&input.decision, improvement_id) {
            (Decision::New(new), Some(id)) => (
                AuditAction::ImprovementCreated,
                json!({ "improvement": id, "title": new.title, "frictions": ids, "gap": gap }),
            ),
            (Decision::NoAction(reason), _) => (
                AuditAction::FrictionsClosed,
                json!({ "frictions": ids, "reason": reason, "gap": gap }),
            ),
            (_, id) => (
                AuditAction::FrictionsLinked,
                json!({ "improvement": id, "frictions": ids, "gap": gap }),
            ),
        };
        record(&mut *c, Some(actor_id), action, None, &detail).await?;
        improvement_id
    });
    tx.commit().await?;
    Ok(Triaged {
        improvement_id,
        created: matches!(input.decision, Decision::New(_)),
    })
}

/// Inserts the improvement (status new) and its first history row; the step and journey are
/// the first friction's, the team and owner default to its step's team and a lead of that team.
async fn create_improvement(
    src: impl Source<'_>,
    actor_id: i64,
    new: &NewImprovement,
    first: &Facts,
    now: DateTime<Utc>,
) -> Result<i64, TriageError> {
    Ok(on!(src, |c| {
        let team_id = match new.team_id.or(first.step_team_id) {
            Some(team) if crate::db::org::team_exists(&mut *c, team).await? => team,
            Some(_) => return Err(TriageError::Field("team_id", "error-invalid-choice")),
            None => return Err(TriageError::Field("team_id", "inbox-error-team-required")),
        };
        let owner_id = match new.owner_id {
            Some(owner) => {
                let active: bool = sqlx::query_scalar(
                    "select exists (select 1 from person where id = $1 and active)",
                )
                .bind(owner)
                .fetch_one(&mut *c)
                .await?;
                if !active {
                    return Err(TriageError::Field("owner_id", "inbox-error-owner"));
                }
                owner
            }
            None => sqlx::query_scalar::<_, i64>(
                "select p.id from person p
                 join person_role r on r.person_id = p.id and r.role = 'reviewer'
                 where p.team_id = $1 and p.active order by p.name, p.id limit 1",
            )
            .bind(team_id)
            .fetch_optional(&mut *c)
            .await?
            .unwrap_or(actor_id),
        };
        let id: i64 = sqlx::query_scalar(
            "insert into improvement (title, problem, team_id, owner_id, journey_family_id, step_id,
                                      due_on, priority, status, last_activity_at, created_by,
                                      created_at, updated_at)
             values ($1, $2, $3, $4, $5, $6, $7, $8, 'new', $9, $10, $9, $9) returning id",
        )
        .bind(&new.title)
        .bind(&new.problem)
        .bind(team_id)
        .bind(owner_id)
        .bind(first.family_id)
        .bind(first.step_id)
        .bind(new.due_on)
        .bind(new.priority.code())
        .bind(now)
        .bind(actor_id)
        .fetch_one(&mut *c)
        .await?;
        sqlx::query(
            "insert into improvement_history (improvement_id, actor_id, from_status, to_status,
                                              created_at, updated_at)
             values ($1, $2, null, 'new', $3, $3)",
        )
        .bind(id)
        .bind(actor_id)
        .bind(now)
        .execute(&mut *c)
        .await?;
        id
    }))
}

/// Marks the open improvement `id` active now, if the actor manages it and every friction is of
/// its journey or on a step of its team; else says which field is wrong.
async fn join_existing(
    src: impl Source<'_>,
    actor_id: i64,
    id: i64,
    facts: &[Facts],
    now: DateTime<Utc>,
) -> Result<(), TriageError> {
    let update = crate::db::numbered(&format!(
        "update improvement set last_activity_at = ?, version = version + 1, updated_at = ?
         where id = ? and status not in ('fixed', 'wont_fix') and {MAY_MANAGE}"
    ))
    .into_owned();
    on!(src, |c| {
        let Some((status, family_id, team_id)) = sqlx::query_as::<_, (String, i64, i64)>(
            "select status, journey_family_id, team_id from improvement where id = $1",
        )
        .bind(id)
        .fetch_optional(&mut *c)
        .await?
        else {
            return Err(TriageError::Field("improvement_id", "error-invalid-choice"));
        };
        if matches!(status.as_str(), "fixed" | "wont_fix") {
            return Err(TriageError::Field(
                "improvement_id",
                "inbox-error-improvement-closed",
            ));
        }
        if facts
            .iter()
            .any(|f| f.family_id != family_id && f.step_team_id != Some(team_id))
        {
            return Err(TriageError::Field(
                "improvement_id",
                "inbox-error-other-journey",
            ));
        }
        let updated = sqlx::query(&update)
            .bind(now)
            .bind(now)
            .bind(id)
            .bind(actor_id)
            .bind(actor_id)
            .bind(actor_id)
            .execute(&mut *c)
            .await?
            .rows_affected();
        if updated == 0 {
            return Err(TriageError::Forbidden);
        }
    });
    Ok(())
}
