//! Queries on people and their roles.

use super::backend::on;
use super::{Db, Source, now};
use crate::domain::org::{PersonDetail, PersonOption, PersonSummary};
use crate::domain::{Email, EmployeeNumber, Locale, PersonName, Role, RoleSet};
use chrono::{DateTime, Utc};

mod admin;
mod list;
pub use admin::{AdminOutcome, restore_admin};
pub use list::{ExportRow, export_roles, export_rows, list};

/// What sign-in needs to know about an e-mail address.
#[derive(Debug, sqlx::FromRow)]
pub struct Credentials {
    pub id: i64,
    pub password_hash: Option<String>,
    pub active: bool,
    /// Stored in the session at sign-in (see `auth::session`).
    pub session_epoch: i64,
}

/// The signed-in person as loaded for every request.
#[derive(Debug, sqlx::FromRow)]
pub struct SessionPerson {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub active: bool,
    pub preferred_language: String,
    /// A session signed in with another epoch has ended (see `auth::session`).
    pub session_epoch: i64,
    /// The password is temporary (an admin typed it): it must be changed first.
    pub must_change_password: bool,
}

/// Validated fields of a person, as written by create and update.
#[derive(Debug, Clone)]
pub struct PersonFields {
    pub name: PersonName,
    pub email: Email,
    pub employee_number: EmployeeNumber,
    pub team_id: Option<i64>,
    pub manager_id: Option<i64>,
    pub active: bool,
    pub preferred_language: Locale,
}

#[derive(sqlx::FromRow)]
pub(super) struct SummaryRow {
    id: i64,
    name: String,
    email: String,
    employee_number: String,
    team_name: Option<String>,
    department_name: Option<String>,
    manager_name: Option<String>,
    active: bool,
    last_login_at: Option<DateTime<Utc>>,
}

#[derive(sqlx::FromRow)]
struct DetailRow {
    id: i64,
    name: String,
    email: String,
    employee_number: String,
    team_id: Option<i64>,
    manager_id: Option<i64>,
    active: bool,
    preferred_language: String,
    has_password: bool,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    last_login_at: Option<DateTime<Utc>>,
}

pub async fn find_credentials(
    src: impl Source<'_>,
    email: &str,
) -> Result<Option<Credentials>, sqlx::Error> {
    Ok(on!(src, |c| {
        sqlx::query_as::<_, Credentials>(
            "select id, password_hash, active, session_epoch from person where email = $1",
        )
        .bind(email)
        .fetch_optional(&mut *c)
        .await?
    }))
}

pub async fn password_hash(src: impl Source<'_>, id: i64) -> Result<Option<String>, sqlx::Error> {
    Ok(on!(src, |c| {
        sqlx::query_scalar::<_, Option<String>>("select password_hash from person where id = $1")
            .bind(id)
            .fetch_one(&mut *c)
            .await?
    }))
}

/// The person and their roles in one query (every request of a signed-in person runs it):
/// one row per role, or one row with no role.
pub async fn session_person(
    db: &Db,
    id: i64,
) -> Result<Option<(SessionPerson, RoleSet)>, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct Row {
        #[sqlx(flatten)]
        person: SessionPerson,
        role: Option<String>,
    }
    let rows = on!(db, |c| {
        sqlx::query_as::<_, Row>(
            "select p.id, p.name, p.email, p.active, p.preferred_language, p.session_epoch,
                    p.must_change_password, r.role
             from person p left join person_role r on r.person_id = p.id
             where p.id = $1",
        )
        .bind(id)
        .fetch_all(&mut *c)
        .await?
    });
    let roles = RoleSet::new(
        rows.iter()
            .filter_map(|r| r.role.as_deref().and_then(Role::parse)),
    );
    Ok(rows.into_iter().next().map(|r| (r.person, roles)))
}

pub async fn roles_of(src: impl Source<'_>, id: i64) -> Result<RoleSet, sqlx::Error> {
    let codes = on!(src, |c| {
        sqlx::query_scalar::<_, String>("select role from person_role where person_id = $1")
            .bind(id)
            .fetch_all(&mut *c)
            .await?
    });
    Ok(RoleSet::new(codes.iter().filter_map(|c| Role::parse(c))))
}

pub(super) const SUMMARY_SELECT: &str =
    "select p.id, p.name, p.email, p.employee_number, t.name as team_name,
        d.name as department_name, m.name as manager_name, p.active, p.last_login_at
     from person p
     left join team t on t.id = p.team_id
     left join department d on d.id = t.department_id
     left join person m on m.id = p.manager_id";

pub(super) fn to_summary(r: SummaryRow, roles: Vec<Role>) -> PersonSummary {
    PersonSummary {
        roles: RoleSet::new(roles),
        id: r.id,
        name: r.name,
        email: r.email,
        employee_number: r.employee_number,
        team_name: r.team_name,
        department_name: r.department_name,
        manager_name: r.manager_name,
        active: r.active,
        last_login_at: r.last_login_at,
    }
}

pub async fn summary(db: &Db, id: i64) -> Result<Option<PersonSummary>, sqlx::Error> {
    let Some(row) = summary_row(db, id).await? else {
        return Ok(None);
    };
    let roles = roles_of(db, id).await?;
    Ok(Some(to_summary(row, roles.iter().collect())))
}

/// The signed-in person's own summary: their roles were read with the session already.
pub async fn own_summary(
    db: &Db,
    id: i64,
    roles: &RoleSet,
) -> Result<Option<PersonSummary>, sqlx::Error> {
    Ok(summary_row(db, id)
        .await?
        .map(|row| to_summary(row, roles.iter().collect())))
}

async fn summary_row(db: &Db, id: i64) -> Result<Option<SummaryRow>, sqlx::Error> {
    let sql = format!("{SUMMARY_SELECT} where p.id = $1");
    Ok(on!(db, |c| {
        sqlx::query_as::<_, SummaryRow>(&sql)
            .bind(id)
            .fetch_optional(&mut *c)
            .await?
    }))
}

pub async fn detail(db: &Db, id: i64) -> Result<Option<PersonDetail>, sqlx::Error> {
    let row = on!(db, |c| {
        sqlx::query_as::<_, DetailRow>(
            "select id, name, email, employee_number, team_id, manager_id, active,
                    preferred_language, password_hash is not null as has_password, created_at,
                    updated_at, last_login_at
             from person where id = $1",
        )
        .bind(id)
        .fetch_optional(&mut *c)
        .await?
    });
    let Some(r) = row else { return Ok(None) };
    let roles = roles_of(db, id).await?;
    Ok(Some(PersonDetail {
        id: r.id,
        name: r.name,
        email: r.email,
        employee_number: r.employee_number,
        team_id: r.team_id,
        manager_id: r.manager_id,
        active: r.active,
        preferred_language: Locale::parse(&r.preferred_language).unwrap_or_default(),
        roles,
        has_password: r.has_password,
        created_at: r.created_at,
        updated_at: r.updated_at,
        last_login_at: r.last_login_at,
    }))
}

/// Active people, for "manager" choices.
pub async fn options(db: &Db) -> Result<Vec<PersonOption>, sqlx::Error> {
    let rows = on!(db, |c| {
        sqlx::query_as::<_, (i64, String, Option<String>)>(
            "select p.id, p.name, t.name from person p left join team t on t.id = p.team_id
             where p.active = true order by p.name, p.id",
        )
        .fetch_all(&mut *c)
        .await?
    });
    Ok(rows
        .into_iter()
        .map(|(id, name, team_name)| PersonOption {
            id,
            name,
            team_name,
        })
        .collect())
}

pub async fn exists(src: impl Source<'_>, id: i64) -> Result<bool, sqlx::Error> {
    let n = on!(src, |c| {
        sqlx::query_scalar::<_, i64>("select count(*) from person where id = $1")
            .bind(id)
            .fetch_one(&mut *c)
            .await?
    });
    Ok(n > 0)
}

pub async fn count(src: impl Source<'_>) -> Result<i64, sqlx::Error> {
    Ok(on!(src, |c| {
        sqlx::query_scalar::<_, i64>("select count(*) from person")
            .fetch_one(&mut *c)
            .await?
    }))
}

/// The reporting line above `id`: their manager, that manager's manager, and so on (bounded).
pub async fn manager_chain(src: impl Source<'_>, id: i64) -> Result<Vec<i64>, sqlx::Error> {
    Ok(on!(src, |c| {
        let mut chain = Vec::new();
        let mut current = id;
        for _ in 0..64 {
            let next =
                sqlx::query_scalar::<_, Option<i64>>("select manager_id from person where id = $1")
                    .bind(current)
                    .fetch_optional(&mut *c)
                    .await?
                    .flatten();
            match next {
                Some(m) if !chain.contains(&m) => {
                    chain.push(m);
                    current = m;
                }
                _ => break,
            }
        }
        chain
    }))
}

pub async fn insert(
    src: impl Source<'_>,
    fields: &PersonFields,
    password_hash: Option<&str>,
) -> Result<i64, sqlx::Error> {
    let ts = now();
    Ok(on!(src, |c| {
        sqlx::query_scalar::<_, i64>(
            "insert into person (email, name, employee_number, team_id, manager_id, active,
                                 preferred_language, password_hash, created_at, updated_at)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) returning id",
        )
        .bind(fields.email.as_str())
        .bind(fields.name.as_str())
        .bind(fields.employee_number.as_str())
        .bind(fields.team_id)
        .bind(fields.manager_id)
        .bind(fields.active)
        .bind(fields.preferred_language.code())
        .bind(password_hash)
        .bind(ts)
        .fetch_one(&mut *c)
        .await?
    }))
}

/// Why a change to a person was not written.
#[derive(Debug)]
pub enum PersonWriteError {
    /// It would leave no active administrator: nobody could manage people any more.
    LastAdmin,
    Db(sqlx::Error),
}

impl From<sqlx::Error> for PersonWriteError {
    fn from(e: sqlx::Error) -> Self {
        PersonWriteError::Db(e)
    }
}

impl From<PersonWriteError> for crate::error::AppError {
    #[track_caller]
    fn from(e: PersonWriteError) -> Self {
        match e {
            PersonWriteError::LastAdmin => {
                crate::error::AppError::field("active", "error-last-admin")
            }
            PersonWriteError::Db(e) => e.into(),
        }
    }
}

/// True (as SQL) when the person being written is not the last active administrator: they are
/// inactive, not an administrator, or another active administrator exists. Used inside the
/// writing statements, so two admins deactivating each other at once cannot both succeed.
const NOT_LAST_ADMIN: &str = "(not exists (select 1 from person_role r
                                    where r.person_id = person.id and r.role = 'admin')
       or not person.active
       or exists (select 1 from person o join person_role r on r.person_id = o.id
                  where r.role = 'admin' and o.active and o.id <> person.id))";

/// Deactivating someone also raises their session epoch in the same statement, so their sessions
/// stay ended after a later reactivation. The last active administrator is never deactivated.
pub async fn update(
    src: impl Source<'_>,
    id: i64,
    fields: &PersonFields,
) -> Result<(), PersonWriteError> {
    let sql = format!(
        "update person set email = $1, name = $2, employee_number = $3, team_id = $4,
                manager_id = $5, active = $6, preferred_language = $7, updated_at = $8,
                session_epoch = case when active and not $6 then session_epoch + 1
                                     else session_epoch end
         where id = $9 and ($6 or {NOT_LAST_ADMIN})"
    );
    on!(src, |c| {
        let done = sqlx::query(&sql)
            .bind(fields.email.as_str())
            .bind(fields.name.as_str())
            .bind(fields.employee_number.as_str())
            .bind(fields.team_id)
            .bind(fields.manager_id)
            .bind(fields.active)
            .bind(fields.preferred_language.code())
            .bind(now())
            .bind(id)
            .execute(&mut *c)
            .await?
            .rows_affected();
        if done == 0 {
            return Err(if exists(&mut *c, id).await? {
                PersonWriteError::LastAdmin
            } else {
                PersonWriteError::Db(sqlx::Error::RowNotFound)
            });
        }
    });
    Ok(())
}

/// Sets the person's roles to exactly `roles`. Taking the admin role from the last active
/// administrator is refused inside the deleting statement.
pub async fn set_roles(
    src: impl Source<'_>,
    id: i64,
    roles: &RoleSet,
) -> Result<(), PersonWriteError> {
    let take_admin = format!(
        "delete from person_role where person_id = $1 and role = 'admin'
           and exists (select 1 from person where person.id = person_role.person_id
                       and {NOT_LAST_ADMIN})"
    );
    on!(src, |c| {
        sqlx::query("delete from person_role where person_id = $1 and role <> 'admin'")
            .bind(id)
            .execute(&mut *c)
            .await?;
        let ts = now();
        for role in roles.iter() {
            sqlx::query(
                "insert into person_role (person_id, role, created_at) values ($1, $2, $3)
                 on conflict (person_id, role) do nothing",
            )
            .bind(id)
            .bind(role.code())
            .bind(ts)
            .execute(&mut *c)
            .await?;
        }
        if !roles.has(Role::Admin) {
            sqlx::query(&take_admin).bind(id).execute(&mut *c).await?;
            if roles_of(&mut *c, id).await?.has(Role::Admin) {
                return Err(PersonWriteError::LastAdmin);
            }
        }
    });
    Ok(())
}

/// Sets a new password and raises the person's session epoch in the same statement, which ends
/// every session signed in before. Returns the new epoch. The password is no longer temporary
/// (an admin who typed it marks it so afterwards, `db::access::set_temporary`).
pub async fn set_password_hash(
    src: impl Source<'_>,
    id: i64,
    hash: &str,
) -> Result<i64, sqlx::Error> {
    Ok(on!(src, |c| {
        sqlx::query_scalar::<_, i64>(
            "update person set password_hash = $1, session_epoch = session_epoch + 1,
                    must_change_password = false, updated_at = $2
             where id = $3 returning session_epoch",
        )
        .bind(hash)
        .bind(now())
        .bind(id)
        .fetch_one(&mut *c)
        .await?
    }))
}

pub async fn set_preferred_language(
    src: impl Source<'_>,
    id: i64,
    locale: Locale,
) -> Result<(), sqlx::Error> {
    on!(src, |c| {
        sqlx::query("update person set preferred_language = $1, updated_at = $2 where id = $3")
            .bind(locale.code())
            .bind(now())
            .bind(id)
            .execute(&mut *c)
            .await?;
    });
    Ok(())
}

pub async fn touch_last_login(src: impl Source<'_>, id: i64) -> Result<(), sqlx::Error> {
    on!(src, |c| {
        sqlx::query("update person set last_login_at = $1 where id = $2")
            .bind(now())
            .bind(id)
            .execute(&mut *c)
            .await?;
    });
    Ok(())
}
