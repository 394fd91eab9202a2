//! Invitation and reset links in the database (only their SHA-256 is stored), the temporary
//! password flag, and HR's list of people who have not set a password yet. The rules are
//! `domain::access`; each write repeats the rule it depends on inside its own statement (the
//! person is active and has no password, no invitation in the last day, fewer than three resets
//! in the last hour, the link unused and unexpired), so two requests at once cannot both pass.

use crate::domain::access::{InvitationRow, InvitationStatus, RESETS_PER_SPAN, TokenPurpose};
use crate::domain::paging::Paged;
use chrono::{DateTime, Utc};

use super::Source;
use super::backend::on;
use super::numbered;

/// A new link, as `access::issue` made it.
pub struct NewToken<'a> {
    pub person_id: i64,
    pub hash: &'a str,
    pub expires_at: DateTime<Utc>,
    /// Who sent it (None: the person themselves, or the system).
    pub created_by: Option<i64>,
    pub now: DateTime<Utc>,
}

const INSERT: &str = "insert into access_token
        (person_id, purpose, token_hash, expires_at, created_by, created_at, updated_at)
    select p.id, $1, $2, $3, $4, $5, $5 from person p";

/// An invitation for an active person without a password; false when they are not one
/// (deactivated, or they set a password in the meantime).
pub async fn insert_invitation(
    src: impl Source<'_>,
    t: &NewToken<'_>,
) -> Result<bool, sqlx::Error> {
    let sql = format!("{INSERT} where p.id = $6 and p.active = true and p.password_hash is null");
    let done = on!(src, |c| {
        sqlx::query(&sql)
            .bind(TokenPurpose::Invite.code())
            .bind(t.hash)
            .bind(t.expires_at)
            .bind(t.created_by)
            .bind(t.now)
            .bind(t.person_id)
            .execute(&mut *c)
            .await?
            .rows_affected()
    });
    Ok(done == 1)
}

/// A resent invitation: as [`insert_invitation`], and only when no invitation was made for the
/// person after `since` (the once-a-day rule).
pub async fn insert_resend(
    src: impl Source<'_>,
    t: &NewToken<'_>,
    since: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let sql = format!(
        "{INSERT} where p.id = $6 and p.active = true and p.password_hash is null
           and not exists (select 1 from access_token a
                           where a.person_id = p.id and a.purpose = $1 and a.created_at > $7)"
    );
    let done = on!(src, |c| {
        sqlx::query(&sql)
            .bind(TokenPurpose::Invite.code())
            .bind(t.hash)
            .bind(t.expires_at)
            .bind(t.created_by)
            .bind(t.now)
            .bind(t.person_id)
            .bind(since)
            .execute(&mut *c)
            .await?
            .rows_affected()
    });
    Ok(done == 1)
}

/// A reset link for the active person with `email` (in `t.person_id`'s place), only when fewer
/// than `RESETS_PER_SPAN` were made for them after `since`. The person's id when one was made.
pub async fn insert_reset(
    src: impl Source<'_>,
    email: &str,
    t: &NewToken<'_>,
    since: DateTime<Utc>,
) -> Result<Option<i64>, sqlx::Error> {
    let sql = format!(
        "{INSERT} where p.email = $6 and p.active = true
           and (select count(*) from access_token a
                where a.person_id = p.id and a.purpose = $1 and a.created_at > $7) < $8
         returning person_id"
    );
    Ok(on!(src, |c| {
        sqlx::query_scalar::<_, i64>(&sql)
            .bind(TokenPurpose::Reset.code())
            .bind(t.hash)
            .bind(t.expires_at)
            .bind(t.created_by)
            .bind(t.now)
            .bind(email)
            .bind(since)
            .bind(RESETS_PER_SPAN)
            .fetch_optional(&mut *c)
            .await?
    }))
}

/// A stored link as the set-password page needs it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TokenRow {
    pub person_id: i64,
    pub purpose: String,
    pub expires_at: DateTime<Utc>,
    pub used_at: Option<DateTime<Utc>>,
    pub active: bool,
    pub name: String,
}

pub async fn lookup(src: impl Source<'_>, hash: &str) -> Result<Option<TokenRow>, sqlx::Error> {
    Ok(on!(src, |c| {
        sqlx::query_as::<_, TokenRow>(
            "select t.person_id, t.purpose, t.expires_at, t.used_at, p.active, p.name
             from access_token t join person p on p.id = t.person_id
             where t.token_hash = $1",
        )
        .bind(hash)
        .fetch_optional(&mut *c)
        .await?
    }))
}

/// Uses the link: only if it is unused, unexpired at `now` and its person active. Returns the
/// person and the link's purpose; None when it did not work (then nothing changed).
pub async fn consume(
    src: impl Source<'_>,
    hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<(i64, String)>, sqlx::Error> {
    Ok(on!(src, |c| {
        sqlx::query_as::<_, (i64, String)>(
            "update access_token set used_at = $1, updated_at = $1
             where token_hash = $2 and used_at is null and expires_at > $1
               and exists (select 1 from person p
                           where p.id = access_token.person_id and p.active = true)
             returning person_id, purpose",
        )
        .bind(now)
        .bind(hash)
        .fetch_optional(&mut *c)
        .await?
    }))
}

/// Every still-unused link of the person stops working (they have a password now).
pub async fn use_up_all(
    src: impl Source<'_>,
    person_id: i64,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    on!(src, |c| {
        sqlx::query(
            "update access_token set used_at = $1, updated_at = $1
             where person_id = $2 and used_at is null",
        )
        .bind(now)
        .bind(person_id)
        .execute(&mut *c)
        .await?;
    });
    Ok(())
}

/// Marks the person's password as temporary (an admin typed it) or not.
pub async fn set_temporary(
    src: impl Source<'_>,
    person_id: i64,
    temporary: bool,
) -> Result<(), sqlx::Error> {
    on!(src, |c| {
        sqlx::query("update person set must_change_password = $1 where id = $2")
            .bind(temporary)
            .bind(person_id)
            .execute(&mut *c)
            .await?;
    });
    Ok(())
}

/// When the person's latest invitation was made, if ever.
pub async fn last_invitation(
    src: impl Source<'_>,
    person_id: i64,
) -> Result<Option<DateTime<Utc>>, sqlx::Error> {
    Ok(on!(src, |c| {
        sqlx::query_scalar::<_, Option<DateTime<Utc>>>(
            "select max(created_at) from access_token where person_id = $1 and purpose = $2",
        )
        .bind(person_id)
        .bind(TokenPurpose::Invite.code())
        .fetch_one(&mut *c)
        .await?
    }))
}

/// The holder of licence period `period_id`.
pub async fn period_holder(
    src: impl Source<'_>,
    period_id: i64,
) -> Result<Option<i64>, sqlx::Error> {
    Ok(on!(src, |c| {
        sqlx::query_scalar::<_, i64>("select person_id from licence_period where id = $1")
            .bind(period_id)
            .fetch_optional(&mut *c)
            .await?
    }))
}

/// Name, address and language of a person a link is mailed to.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Addressee {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub preferred_language: String,
    pub has_password: bool,
}

/// The active people among `ids` (read in chunks: an import may invite thousands).
pub async fn addressees(db: &super::Db, ids: &[i64]) -> Result<Vec<Addressee>, sqlx::Error> {
    let mut found = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(500) {
        let marks = vec!["?"; chunk.len()].join(", ");
        let sql = format!(
            "select id, name, email, preferred_language, password_hash is not null as has_password
             from person where active = true and id in ({marks})"
        );
        let sql = numbered(&sql);
        on!(db, |c| {
            let mut query = sqlx::query_as::<_, Addressee>(&sql);
            for id in chunk {
                query = query.bind(id);
            }
            found.extend(query.fetch_all(&mut *c).await?);
        });
    }
    Ok(found)
}

#[derive(sqlx::FromRow)]
struct ListRow {
    person_id: i64,
    name: String,
    email: String,
    team_name: Option<String>,
    sent_at: Option<DateTime<Utc>>,
    expires_at: Option<DateTime<Utc>>,
}

/// People without a password, their latest invitation and its state (`never`, `expired`,
/// `pending`, as `InvitationStatus::code`), filtered by status and by text in name, e-mail
/// or employee number.
const LIST_FROM: &str = "from (
        select p.id as person_id, p.name, p.email, p.employee_number, tm.name as team_name,
               t.created_at as sent_at, t.expires_at,
               case when t.id is null then 'never' when t.expires_at <= ? then 'expired'
                    else 'pending' end as status
        from person p
        left join team tm on tm.id = p.team_id
        left join access_token t on t.id = (select max(a.id) from access_token a
                                            where a.person_id = p.id and a.purpose = 'invite')
        where p.active = true and p.password_hash is null
    ) x
    where (? = '' or x.status = ?)
      and (? = '' or lower(x.name) like ? or lower(x.email) like ? or lower(x.employee_number) like ?)";

/// One page of HR's invitation list at `now`, by name.
pub async fn invitations(
    db: &super::Db,
    status: Option<InvitationStatus>,
    query: &str,
    now: DateTime<Utc>,
    page: i64,
    page_size: i64,
) -> Result<Paged<InvitationRow>, sqlx::Error> {
    let status = status.map(|s| s.code()).unwrap_or_default();
    let text = query.trim().to_lowercase();
    let like = format!("%{}%", text.replace(['%', '_'], ""));
    let count_sql = format!("select count(*) {LIST_FROM}");
    let count_sql = numbered(&count_sql);
    let page_sql = format!(
        "select x.person_id, x.name, x.email, x.team_name, x.sent_at, x.expires_at {LIST_FROM}
         order by x.name, x.person_id limit ? offset ?"
    );
    let page_sql = numbered(&page_sql);
    let (total, rows) = on!(db, |c| {
        let total = sqlx::query_scalar::<_, i64>(&count_sql)
            .bind(now)
            .bind(status)
            .bind(status)
            .bind(&text)
            .bind(&like)
            .bind(&like)
            .bind(&like)
            .fetch_one(&mut *c)
            .await?;
        let rows = sqlx::query_as::<_, ListRow>(&page_sql)
            .bind(now)
            .bind(status)
            .bind(status)
            .bind(&text)
            .bind(&like)
            .bind(&like)
            .bind(&like)
            .bind(page_size)
            .bind(Paged::<InvitationRow>::offset(page, page_size))
            .fetch_all(&mut *c)
            .await?;
        (total, rows)
    });
    Ok(Paged {
        items: rows
            .into_iter()
            .map(|r| InvitationRow {
                status: InvitationStatus::of(r.expires_at, now),
                person_id: r.person_id,
                name: r.name,
                email: r.email,
                team_name: r.team_name,
                sent_at: r.sent_at,
                expires_at: r.expires_at,
            })
            .collect(),
        page,
        page_size,
        total,
    })
}
