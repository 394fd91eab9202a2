//! Organisation upkeep: renaming, merging and removing departments and teams. Each runs in one
//! write transaction with its audit event. A merge moves everything that points at the team
//! (people, journey steps, frictions, presentation meetings) to the target; a removal's
//! "only when empty" is repeated inside the deleting statement.

use super::audit::{AuditAction, record};
use super::backend::on;
use super::{Db, Source, begin, now};
use crate::domain::TeamName;
use crate::domain::org::OrgUnit;
use serde_json::json;

/// Why an upkeep action was not done.
#[derive(Debug)]
pub enum UpkeepError {
    NotFound,
    /// Another department (or team in the same department) has this name, whatever its case.
    NameTaken,
    /// Refused; the translation key says why.
    Refused(&'static str),
    Db(sqlx::Error),
}

impl From<sqlx::Error> for UpkeepError {
    fn from(e: sqlx::Error) -> Self {
        if is_name_clash(&e) {
            UpkeepError::NameTaken
        } else {
            UpkeepError::Db(e)
        }
    }
}

/// True for a unique violation of a department's or team's name, told apart from any other
/// unique violation by the constraint's name.
pub fn is_name_clash(err: &sqlx::Error) -> bool {
    matches!(
        super::violated_unique(err).as_deref(),
        Some(
            "department_name_lower_key"
                | "team_name_lower_key"
                | "department_name_key"
                | "team_department_id_name_key"
        )
    )
}

/// The tables whose `team_id` a team merge moves.
const TEAM_REFERENCES: [&str; 5] = [
    "person",
    "journey_step",
    "friction",
    "presentation_meeting",
    "improvement",
];

async fn name_of(src: impl Source<'_>, unit: OrgUnit) -> Result<String, UpkeepError> {
    let sql = match unit {
        OrgUnit::Department(_) => "select name from department where id = $1",
        OrgUnit::Team(_) => {
            "select d.name || ' / ' || t.name from team t join department d on d.id = t.department_id
             where t.id = $1"
        }
    };
    let (OrgUnit::Department(id) | OrgUnit::Team(id)) = unit;
    on!(src, |c| {
        sqlx::query_scalar::<_, String>(sql)
            .bind(id)
            .fetch_optional(&mut *c)
            .await?
    })
    .ok_or(UpkeepError::NotFound)
}

/// Gives `unit` the name `name`.
pub async fn rename(
    db: &Db,
    actor_id: i64,
    unit: OrgUnit,
    name: &TeamName,
) -> Result<(), UpkeepError> {
    let mut tx = begin(db).await?;
    let before = name_of(&mut tx, unit).await?;
    let (sql, id, kind) = match unit {
        OrgUnit::Department(id) => (
            "update department set name = $1, updated_at = $2 where id = $3",
            id,
            "department_renamed",
        ),
        OrgUnit::Team(id) => (
            "update team set name = $1, updated_at = $2 where id = $3",
            id,
            "team_renamed",
        ),
    };
    on!(&mut tx, |c| {
        sqlx::query(sql)
            .bind(name.as_str())
            .bind(now())
            .bind(id)
            .execute(&mut *c)
            .await?;
    });
    let after = name_of(&mut tx, unit).await?;
    record(
        &mut tx,
        Some(actor_id),
        AuditAction::OrgChanged,
        None,
        &json!({ "kind": kind, "before": before, "after": after }),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Moves everything of team `from` to team `into` and removes `from`; the people moved.
async fn merge_team(src: impl Source<'_>, from: i64, into: i64) -> Result<i64, UpkeepError> {
    let ts = now();
    Ok(on!(src, |c| {
        let mut people = 0;
        for table in TEAM_REFERENCES {
            let done = sqlx::query(&format!(
                "update {table} set team_id = $1, updated_at = $2 where team_id = $3"
            ))
            .bind(into)
            .bind(ts)
            .bind(from)
            .execute(&mut *c)
            .await?
            .rows_affected();
            if table == "person" {
                people = i64::try_from(done).unwrap_or(i64::MAX);
            }
        }
        sqlx::query("delete from team where id = $1")
            .bind(from)
            .execute(&mut *c)
            .await?;
        people
    }))
}

/// Merges `source` into `into` (both teams or both departments): people and steps move to the
/// target team; a department's teams move to the target department, joining a team of the same
/// name there. Returns how many people moved.
pub async fn merge(
    db: &Db,
    actor_id: i64,
    source: OrgUnit,
    into: OrgUnit,
) -> Result<i64, UpkeepError> {
    source.check_merge(into).map_err(UpkeepError::Refused)?;
    let mut tx = begin(db).await?;
    let name = name_of(&mut tx, source).await?;
    let target = name_of(&mut tx, into).await?;
    let moved = match (source, into) {
        (OrgUnit::Team(from), OrgUnit::Team(to)) => merge_team(&mut tx, from, to).await?,
        (OrgUnit::Department(from), OrgUnit::Department(to)) => on!(&mut tx, |c| {
            let teams = sqlx::query_as::<_, (i64, Option<i64>)>(
                "select t.id, (select o.id from team o
                               where o.department_id = $1 and lower(o.name) = lower(t.name))
                 from team t where t.department_id = $2",
            )
            .bind(to)
            .bind(from)
            .fetch_all(&mut *c)
            .await?;
            let mut moved = 0;
            for (team, same_name) in teams {
                match same_name {
                    Some(other) => moved += merge_team(&mut *c, team, other).await?,
                    None => {
                        moved += sqlx::query_scalar::<_, i64>(
                            "select count(*) from person where team_id = $1",
                        )
                        .bind(team)
                        .fetch_one(&mut *c)
                        .await?;
                        sqlx::query(
                            "update team set department_id = $1, updated_at = $2 where id = $3",
                        )
                        .bind(to)
                        .bind(now())
                        .bind(team)
                        .execute(&mut *c)
                        .await?;
                    }
                }
            }
            sqlx::query("delete from department where id = $1")
                .bind(from)
                .execute(&mut *c)
                .await?;
            moved
        }),
        _ => return Err(UpkeepError::Refused("org-error-merge-kind")),
    };
    let kind = match source {
        OrgUnit::Department(_) => "department_merged",
        OrgUnit::Team(_) => "team_merged",
    };
    record(
        &mut tx,
        Some(actor_id),
        AuditAction::OrgChanged,
        None,
        &json!({ "kind": kind, "name": name, "into": target, "moved": moved }),
    )
    .await?;
    tx.commit().await?;
    Ok(moved)
}

/// Removes an empty department (no teams) or an unused team (nobody in it, active or not, and
/// no journey step, friction or meeting pointing at it).
pub async fn remove(db: &Db, actor_id: i64, unit: OrgUnit) -> Result<(), UpkeepError> {
    let mut tx = begin(db).await?;
    let name = name_of(&mut tx, unit).await?;
    let (done, refusal, kind) = match unit {
        OrgUnit::Department(id) => (
            on!(&mut tx, |c| {
                sqlx::query(
                    "delete from department where id = $1
                       and not exists (select 1 from team t where t.department_id = department.id)",
                )
                .bind(id)
                .execute(&mut *c)
                .await?
                .rows_affected()
            }),
            "org-error-department-not-empty",
            "department_removed",
        ),
        OrgUnit::Team(id) => {
            let unused = TEAM_REFERENCES
                .iter()
                .map(|t| format!("not exists (select 1 from {t} x where x.team_id = team.id)"))
                .collect::<Vec<_>>()
                .join(" and ");
            let (people, done) = on!(&mut tx, |c| {
                let people: i64 =
                    sqlx::query_scalar("select count(*) from person where team_id = $1")
                        .bind(id)
                        .fetch_one(&mut *c)
                        .await?;
                let done = sqlx::query(&format!("delete from team where id = $1 and {unused}"))
                    .bind(id)
                    .execute(&mut *c)
                    .await?
                    .rows_affected();
                (people, done)
            });
            (
                done,
                if people > 0 {
                    "org-error-team-not-empty"
                } else {
                    "org-error-team-in-use"
                },
                "team_removed",
            )
        }
    };
    if done == 0 {
        return Err(UpkeepError::Refused(refusal));
    }
    record(
        &mut tx,
        Some(actor_id),
        AuditAction::OrgChanged,
        None,
        &json!({ "kind": kind, "name": name }),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
