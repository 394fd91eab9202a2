//! The employee import's storage: the uploaded file between dry run and apply, the people and
//! teams the plan compares with, and applying a plan — all of it or nothing, in one write
//! transaction that checks the file again against the database as it is at that moment.
//! The deactivating statements repeat the rule that an administrator is never deactivated by an
//! import, so a role given a moment earlier cannot be outrun.

use super::backend::on;
use super::{Db, Source, begin, now, numbered};
use crate::domain::import_plan::{Existing, ImportPlan, PlanOptions, plan};
use crate::domain::{Role, RoleSet};
use chrono::{DateTime, Utc};
use std::collections::HashMap;

/// An uploaded file waiting for its dry run and apply.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Upload {
    pub file_name: String,
    pub full_export: bool,
    pub managers_review: bool,
    pub content: Vec<u8>,
    pub created_at: DateTime<Utc>,
}

/// What an upload is: an employee file (`people`) or a licence register (`licences`).
pub const PEOPLE: &str = "people";
pub const LICENCES: &str = "licences";

/// Keeps an uploaded file of `kind` under `token` for `person_id`; forgets uploads older than a day.
#[allow(clippy::too_many_arguments)]
pub async fn store(
    db: &Db,
    kind: &str,
    token: &str,
    person_id: i64,
    file_name: &str,
    full_export: bool,
    managers_review: bool,
    content: &[u8],
) -> Result<(), sqlx::Error> {
    let ts = now();
    let mut tx = begin(db).await?;
    on!(&mut tx, |c| {
        sqlx::query("delete from import_upload where created_at < $1")
            .bind(ts - chrono::Duration::days(1))
            .execute(&mut *c)
            .await?;
        sqlx::query(
            "insert into import_upload (kind, token, uploaded_by, file_name, full_export,
                    managers_review, content, created_at, updated_at)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $8)",
        )
        .bind(kind)
        .bind(token)
        .bind(person_id)
        .bind(file_name)
        .bind(full_export)
        .bind(managers_review)
        .bind(content)
        .bind(ts)
        .execute(&mut *c)
        .await?;
    });
    tx.commit().await
}

/// The upload `token` of `kind` of `person_id` (someone else's token is not found).
pub async fn load(
    src: impl Source<'_>,
    kind: &str,
    token: &str,
    person_id: i64,
) -> Result<Option<Upload>, sqlx::Error> {
    Ok(on!(src, |c| {
        sqlx::query_as::<_, Upload>(
            "select file_name, full_export, managers_review, content, created_at from import_upload
             where kind = $1 and token = $2 and uploaded_by = $3",
        )
        .bind(kind)
        .bind(token)
        .bind(person_id)
        .fetch_optional(&mut *c)
        .await?
    }))
}

type ExistingRow = (
    i64,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<i64>,
    bool,
);

/// Everyone in the database as the import compares them.
pub async fn existing(src: impl Source<'_>) -> Result<Vec<Existing>, sqlx::Error> {
    let (role_rows, rows) = on!(src, |c| {
        let role_rows =
            sqlx::query_as::<_, (i64, String)>("select person_id, role from person_role")
                .fetch_all(&mut *c)
                .await?;
        let rows = sqlx::query_as::<_, ExistingRow>(
            "select p.id, p.employee_number, p.name, p.email, d.name, t.name, p.manager_id, p.active
             from person p
             left join team t on t.id = p.team_id
             left join department d on d.id = t.department_id",
        )
        .fetch_all(&mut *c)
        .await?;
        (role_rows, rows)
    });
    let mut roles: HashMap<i64, Vec<Role>> = HashMap::new();
    for (id, code) in role_rows {
        roles.entry(id).or_default().extend(Role::parse(&code));
    }
    Ok(rows
        .into_iter()
        .map(
            |(id, number, name, email, department, team, manager_id, active)| Existing {
                id,
                number,
                name,
                email,
                department,
                team,
                manager_id,
                active,
                roles: RoleSet::new(roles.remove(&id).unwrap_or_default()),
            },
        )
        .collect())
}

/// Every team as (department, team, team id), and every department as (name, id).
async fn teams(
    src: impl Source<'_>,
) -> Result<(Vec<(String, String, i64)>, Vec<(String, i64)>), sqlx::Error> {
    Ok(on!(src, |c| {
        let teams = sqlx::query_as::<_, (String, String, i64)>(
            "select d.name, t.name, t.id from team t join department d on d.id = t.department_id",
        )
        .fetch_all(&mut *c)
        .await?;
        let departments = sqlx::query_as::<_, (String, i64)>("select name, id from department")
            .fetch_all(&mut *c)
            .await?;
        (teams, departments)
    }))
}

/// The dry run of `content` against the database now.
pub async fn dry_run(
    src: impl Source<'_>,
    rows: &[crate::domain::import::RawRow],
    options: PlanOptions,
) -> Result<ImportPlan, sqlx::Error> {
    let (existing, teams) = on!(src, |c| {
        let existing = existing(&mut *c).await?;
        let (teams, _) = teams(&mut *c).await?;
        (existing, teams)
    });
    let pairs: Vec<(String, String)> = teams.into_iter().map(|(d, t, _)| (d, t)).collect();
    Ok(plan(rows, &existing, &pairs, options))
}

/// What applying did.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Applied {
    /// The people created, in file order (for their invitations).
    pub created_ids: Vec<i64>,
    pub created: usize,
    pub roles_changed: usize,
    pub updated: usize,
    pub deactivated: usize,
    pub departments_created: usize,
    pub teams_created: usize,
}

fn fold(s: &str) -> String {
    s.trim().to_lowercase()
}

/// Writes an error-free `plan` in `tx` (the caller planned it inside the same transaction):
/// creates departments, teams and people, updates the changed ones, sets every manager,
/// deactivates the leavers (raising their session epoch, which ends their sessions). Never
/// deletes anyone.
pub async fn apply(tx: impl Source<'_>, plan: &ImportPlan) -> Result<Applied, sqlx::Error> {
    let ts = now();
    let mut applied = Applied::default();
    on!(tx, |c| {
        let (teams, departments) = teams(&mut *c).await?;
        let mut department_ids: HashMap<String, i64> = departments
            .into_iter()
            .map(|(name, id)| (fold(&name), id))
            .collect();
        let mut team_ids: HashMap<(String, String), i64> = teams
            .into_iter()
            .map(|(d, t, id)| ((fold(&d), fold(&t)), id))
            .collect();
        for (department, team) in &plan.new_teams {
            let d = match department_ids.get(&fold(department)) {
                Some(id) => *id,
                None => {
                    let id = sqlx::query_scalar::<_, i64>(
                        "insert into department (name, created_at, updated_at) values ($1, $2, $2)
                         returning id",
                    )
                    .bind(department)
                    .bind(ts)
                    .fetch_one(&mut *c)
                    .await?;
                    applied.departments_created += 1;
                    department_ids.insert(fold(department), id);
                    id
                }
            };
            let id = sqlx::query_scalar::<_, i64>(
                "insert into team (department_id, name, created_at, updated_at)
                 values ($1, $2, $3, $3) returning id",
            )
            .bind(d)
            .bind(team)
            .bind(ts)
            .fetch_one(&mut *c)
            .await?;
            applied.teams_created += 1;
            team_ids.insert((fold(department), fold(team)), id);
        }
        let team_of = |row: &crate::domain::import::ImportRow| {
            row.team
                .as_ref()
                .and_then(|(d, t)| team_ids.get(&(fold(d.as_str()), fold(t.as_str()))).copied())
        };
        let changed: std::collections::HashSet<i64> = plan.updates.iter().map(|u| u.id).collect();
        let mut id_of_email: HashMap<String, i64> = HashMap::new();
        for (index, row) in plan.rows.iter().enumerate() {
            let id = match plan.matched.get(&index) {
                Some(&id) => {
                    if changed.contains(&id) {
                        // An administrator stays active whatever the row says.
                        sqlx::query(
                            "update person set email = $1, name = $2, employee_number = $3,
                                    team_id = $4,
                                    active = case when $5 or exists (select 1 from person_role r
                                        where r.person_id = person.id and r.role = 'admin')
                                        then active or $5 else false end,
                                    updated_at = $6,
                                    session_epoch = case when active and not $5 and not exists (
                                        select 1 from person_role r
                                        where r.person_id = person.id and r.role = 'admin')
                                        then session_epoch + 1 else session_epoch end
                             where id = $7",
                        )
                        .bind(row.email.as_str())
                        .bind(row.name.as_str())
                        .bind(row.number.as_str())
                        .bind(team_of(row))
                        .bind(row.active)
                        .bind(ts)
                        .bind(id)
                        .execute(&mut *c)
                        .await?;
                        applied.updated += 1;
                    }
                    id
                }
                None => {
                    let id = sqlx::query_scalar::<_, i64>(
                        "insert into person (email, name, employee_number, team_id, active,
                                             created_at, updated_at)
                         values ($1, $2, $3, $4, $5, $6, $6) returning id",
                    )
                    .bind(row.email.as_str())
                    .bind(row.name.as_str())
                    .bind(row.number.as_str())
                    .bind(team_of(row))
                    .bind(row.active)
                    .bind(ts)
                    .fetch_one(&mut *c)
                    .await?;
                    applied.created += 1;
                    applied.created_ids.push(id);
                    id
                }
            };
            if let Some(Some(roles)) = plan.roles.get(index) {
                set_roles(&mut *c, id, roles).await?;
                if plan.matched.contains_key(&index) {
                    applied.roles_changed += 1;
                }
            }
            id_of_email.insert(row.email.as_str().to_owned(), id);
        }
        for (id, roles) in &plan.role_only {
            set_roles(&mut *c, *id, roles).await?;
            applied.roles_changed += 1;
        }
        // Managers last: a manager may be a row further down the file. Only rows whose manager
        // differs are written.
        for row in &plan.rows {
            let Some(&id) = id_of_email.get(row.email.as_str()) else {
                continue;
            };
            let manager = match &row.manager {
                Some(m) => match id_of_email.get(m.as_str()) {
                    Some(&mid) => Some(mid),
                    None => {
                        sqlx::query_scalar::<_, i64>("select id from person where email = $1")
                            .bind(m.as_str())
                            .fetch_optional(&mut *c)
                            .await?
                    }
                },
                None => None,
            };
            sqlx::query(
                "update person set manager_id = $1 where id = $2 and manager_id is distinct from $1",
            )
            .bind(manager)
            .bind(id)
            .execute(&mut *c)
            .await?;
        }
        for leaver in &plan.deactivations {
            let done = sqlx::query(
                "update person set active = false, session_epoch = session_epoch + 1,
                        updated_at = $1
                 where id = $2 and active
                   and not exists (select 1 from person_role r
                                   where r.person_id = person.id and r.role = 'admin')",
            )
            .bind(ts)
            .bind(leaver.id)
            .execute(&mut *c)
            .await?
            .rows_affected();
            applied.deactivated += usize::try_from(done).unwrap_or(0);
        }
    });
    Ok(applied)
}

/// Sets a person's roles to `roles`, except the admin role, which an import never gives or
/// takes (repeated here, in the statements, whatever the plan says).
async fn set_roles(src: impl Source<'_>, id: i64, roles: &RoleSet) -> Result<(), sqlx::Error> {
    let codes: Vec<&str> = roles
        .iter()
        .filter(|r| *r != Role::Admin)
        .map(Role::code)
        .collect();
    let keep = vec!["?"; codes.len().max(1)].join(", ");
    let sql = format!(
        "delete from person_role where person_id = ? and role <> 'admin' and role not in ({keep})"
    );
    let sql = numbered(&sql);
    let ts = now();
    on!(src, |c| {
        let mut delete = sqlx::query(&sql).bind(id);
        for code in &codes {
            delete = delete.bind(*code);
        }
        if codes.is_empty() {
            delete = delete.bind("");
        }
        delete.execute(&mut *c).await?;
        for code in &codes {
            sqlx::query(
                "insert into person_role (person_id, role, created_at) values ($1, $2, $3)
                 on conflict (person_id, role) do nothing",
            )
            .bind(id)
            .bind(*code)
            .bind(ts)
            .execute(&mut *c)
            .await?;
        }
    });
    Ok(())
}

/// Forgets an applied upload.
pub async fn forget(src: impl Source<'_>, token: &str) -> Result<(), sqlx::Error> {
    on!(src, |c| {
        sqlx::query("delete from import_upload where token = $1")
            .bind(token)
            .execute(&mut *c)
            .await?;
    });
    Ok(())
}
