//! Day-one reminders in the database: who is owed one (never certified, counted as staff, joined
//! recently), claiming one (rows per recipient, superseded older ones and the in-app
//! notification in one transaction) and what waits to be mailed. The rule for what is due is
//! `domain::licence::reminder::first`; `reminders::first` ties the two together. Rows move
//! through the states of `licence_reminder` (see `db::reminder`), with the same lease, sent and
//! failed bookkeeping.
//!
//! Every write repeats "still a newcomer" ([`newcomer_sql`]) inside its own statement, so a first
//! licence issued, a deactivation or the employee role taken away a moment earlier is never
//! outrun.

use super::backend::on;
use super::reminder::{Claimed, MAIL_DISABLED, SUPERSEDED};
use super::{Db, Source, begin};
use crate::domain::licence::reminder::Plan;
use crate::domain::licence::reminder::first::FirstKind;
use chrono::{DateTime, Utc};

const TABLE: &str = "first_licence_reminder";

/// SQL: person `alias` is owed day-one reminders: counted as staff (active, employee role) and
/// without any licence period.
fn newcomer_sql(alias: &str) -> String {
    format!(
        "{} and not exists (select 1 from licence_period fp where fp.person_id = {alias}.id)",
        super::coverage::counted_sql(alias)
    )
}

/// Someone who may be owed a day-one reminder.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Newcomer {
    pub person_id: i64,
    /// When the person was created (the day they joined, in Europe/Amsterdam).
    pub joined_at: DateTime<Utc>,
    /// Their manager, when there is one and they are active.
    pub manager_id: Option<i64>,
}

/// Newcomers who joined at `since` or later.
pub async fn newcomers(
    src: impl Source<'_>,
    since: DateTime<Utc>,
) -> Result<Vec<Newcomer>, sqlx::Error> {
    let sql = format!(
        "select h.id as person_id, h.created_at as joined_at, m.id as manager_id
         from person h
         left join person m on m.id = h.manager_id and m.active
         where h.created_at >= $1 and {}
         order by h.id",
        newcomer_sql("h")
    );
    Ok(on!(src, |c| {
        sqlx::query_as::<_, Newcomer>(&sql)
            .bind(since)
            .fetch_all(&mut *c)
            .await?
    }))
}

/// The kinds recorded for a person (any recipient, any state).
pub async fn recorded_kinds(
    src: impl Source<'_>,
    person_id: i64,
) -> Result<Vec<FirstKind>, sqlx::Error> {
    let sql = format!("select distinct kind from {TABLE} where person_id = $1");
    let codes: Vec<String> = on!(src, |c| {
        sqlx::query_scalar(&sql)
            .bind(person_id)
            .fetch_all(&mut *c)
            .await?
    });
    Ok(codes.iter().filter_map(|c| FirstKind::parse(c)).collect())
}

/// Records `plan` for `newcomer` in one transaction, as `db::reminder::claim` does for a period:
/// superseded kinds, then the reminder to send with a row per recipient and an in-app
/// notification for each; an existing row is left alone (another run claimed it).
pub async fn claim(
    db: &Db,
    newcomer: &Newcomer,
    plan: &Plan<FirstKind>,
    mail_enabled: bool,
    now: DateTime<Utc>,
) -> Result<Claimed, sqlx::Error> {
    let holder = newcomer.person_id;
    let supersede = format!(
        "update {TABLE} set last_error = $1, updated_at = $2
         where person_id = $3 and sent_at is null and kind <> $4
           and coalesce(last_error, '') not in ($1, $5)"
    );
    let mut tx = begin(db).await?;
    let done = on!(&mut tx, |c| {
        let mut done = Claimed::default();
        for kind in &plan.supersede {
            if insert_row(&mut *c, holder, *kind, holder, "to", Some(SUPERSEDED), now).await? {
                done.superseded += 1;
            }
        }
        if let Some(send) = plan.send {
            // An older reminder still waiting for the SMTP server is replaced by this one.
            sqlx::query(&supersede)
                .bind(SUPERSEDED)
                .bind(now)
                .bind(holder)
                .bind(send.kind.code())
                .bind(MAIL_DISABLED)
                .execute(&mut *c)
                .await?;
            let state = (!mail_enabled).then_some(MAIL_DISABLED);
            if insert_row(&mut *c, holder, send.kind, holder, "to", state, now).await? {
                done.claimed = true;
                notify(&mut *c, holder, None, send.kind, now).await?;
                if send.copy_manager
                    && let Some(manager) = newcomer.manager_id
                    && insert_row(&mut *c, holder, send.kind, manager, "cc", state, now).await?
                {
                    notify(&mut *c, manager, Some(holder), send.kind, now).await?;
                }
            }
        }
        done
    });
    tx.commit().await?;
    Ok(done)
}

/// One row, only while `person_id` is a newcomer (and, for the manager, while they are the
/// person's active manager). `true` when it was inserted.
async fn insert_row(
    src: impl Source<'_>,
    person_id: i64,
    kind: FirstKind,
    recipient_id: i64,
    role: &str,
    state: Option<&str>,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let sql = format!(
        "insert into {TABLE} (person_id, kind, recipient_id, role, last_error, created_at,
                updated_at)
         select h.id, $1, $2, $3, $4, $5, $5 from person h
         where h.id = $6 and {}
           and ($3 = 'to' or exists (select 1 from person m
                where m.id = h.manager_id and m.id = $2 and m.active))
         on conflict (person_id, kind, recipient_id) do nothing",
        newcomer_sql("h")
    );
    let inserted = on!(src, |c| {
        sqlx::query(&sql)
            .bind(kind.code())
            .bind(recipient_id)
            .bind(role)
            .bind(state)
            .bind(now)
            .bind(person_id)
            .execute(&mut *c)
            .await?
            .rows_affected()
    });
    Ok(inserted == 1)
}

/// The in-app notification (`licence_reminder`, no period; `detail` is the kind). The manager's
/// copy names the newcomer as its actor.
async fn notify(
    src: impl Source<'_>,
    person_id: i64,
    actor_id: Option<i64>,
    kind: FirstKind,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    on!(src, |c| {
        sqlx::query(
            "insert into notification (person_id, kind, actor_id, detail, created_at, updated_at)
             values ($1, 'licence_reminder', $2, $3, $4, $4)",
        )
        .bind(person_id)
        .bind(actor_id)
        .bind(kind.code())
        .bind(now)
        .execute(&mut *c)
        .await?;
    });
    Ok(())
}

/// A day-one reminder row waiting to be mailed, with what the message needs.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PendingRow {
    pub id: i64,
    pub person_id: i64,
    pub kind: String,
    /// `to` or `cc`
    pub role: String,
    pub attempts: i64,
    pub recipient_name: String,
    pub recipient_email: String,
    pub holder_name: String,
    pub holder_language: String,
    pub joined_at: DateTime<Utc>,
}

/// Rows to mail: not sent, not superseded or disabled, fewer than `max_attempts` tries, about a
/// person who is still a newcomer, to an active recipient. Ordered by person and kind, `to` first.
pub async fn pending(
    src: impl Source<'_>,
    max_attempts: i64,
) -> Result<Vec<PendingRow>, sqlx::Error> {
    let sql = format!(
        "select r.id, r.person_id, r.kind, r.role, r.attempts,
                rp.name as recipient_name, rp.email as recipient_email,
                h.name as holder_name, h.preferred_language as holder_language,
                h.created_at as joined_at
         from {TABLE} r
         join person h on h.id = r.person_id
         join person rp on rp.id = r.recipient_id
         where r.sent_at is null and r.attempts < $1
           and coalesce(r.last_error, '') not in ($2, $3)
           and rp.active and {}
         order by r.person_id, r.kind, r.role desc, r.id",
        newcomer_sql("h")
    );
    Ok(on!(src, |c| {
        sqlx::query_as::<_, PendingRow>(&sql)
            .bind(max_attempts)
            .bind(SUPERSEDED)
            .bind(MAIL_DISABLED)
            .fetch_all(&mut *c)
            .await?
    }))
}

/// Takes one try at sending row `id` (see `db::reminder::lease`).
pub async fn lease(
    db: &Db,
    id: i64,
    attempts: i64,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    super::reminder::lease_in(db, TABLE, id, attempts, now).await
}

/// The SMTP server accepted the message for row `id`.
pub async fn mark_sent(db: &Db, id: i64, now: DateTime<Utc>) -> Result<(), sqlx::Error> {
    super::reminder::mark_sent_in(db, TABLE, id, now).await
}

/// Sending row `id` failed with `error`; the next run tries again.
pub async fn mark_failed(
    db: &Db,
    id: i64,
    error: &str,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    super::reminder::mark_failed_in(db, TABLE, id, error, now).await
}
