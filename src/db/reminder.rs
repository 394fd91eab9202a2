//! Licence reminders in the database: which periods may be owed a reminder, claiming one (its
//! rows per recipient, superseded older ones and the in-app notification in one transaction), and
//! the send bookkeeping (lease, sent, failed). The rule for what is due is
//! `domain::licence::reminder`; `reminders::run_once` ties the two together.
//!
//! A `licence_reminder` row is in one of these states:
//! - pending: `sent_at` null, `attempts` below the limit, `last_error` null or an SMTP error;
//! - being sent: `last_error` is [`SENDING`] since the lease; nobody else takes it until
//!   [`LEASE_MINUTES`] have passed (a sender that died while sending), then it is pending again;
//! - sent: `sent_at` set;
//! - not to be mailed: `last_error` is [`SUPERSEDED`] (a newer reminder replaced it) or
//!   [`MAIL_DISABLED`] (no SMTP server configured when it was claimed; the in-app notification
//!   was all), or `attempts` reached the limit (given up).
//!
//! Every write repeats "the person's current period, not revoked, person active" inside its own
//! statement, so a revocation or a new period committed a moment earlier is never outrun.

use super::backend::on;
use super::{Db, Source, begin};
use crate::db::licence::REVOKED;
use crate::domain::licence::reminder::{Plan, ReminderKind};
use chrono::{DateTime, NaiveDate, Utc};

/// `last_error` of a reminder a newer one replaced (never mailed).
pub const SUPERSEDED: &str = "superseded";
/// `last_error` of a reminder claimed while mail was disabled (in-app only).
pub const MAIL_DISABLED: &str = "mail disabled";
/// `last_error` while a sender has the row: the attempt count alone would let a second sender
/// that read the row just after the lease take it again (it would read the new count).
pub const SENDING: &str = "sending";
/// How long a row being sent stays taken before another sender may try it.
pub const LEASE_MINUTES: i64 = 10;

/// SQL: the period `lp` is its person's latest, not revoked, and the person counts (active, with
/// the employee role: an admin-only account is never reminded, `db::coverage::counted_sql`).
fn current_period_sql() -> String {
    format!(
        "lp.id = (select max(l2.id) from licence_period l2 where l2.person_id = lp.person_id)
         and not {REVOKED}
         and exists (select 1 from person h2 where h2.id = lp.person_id and {})",
        super::coverage::counted_sql("h2")
    )
}

/// A current period whose last valid day lies in the range a run looks at.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ReminderPeriod {
    pub period_id: i64,
    pub person_id: i64,
    pub valid_through: NaiveDate,
    /// When the period was issued (its reminders from before then are not owed).
    pub created_at: DateTime<Utc>,
    /// The holder's manager, when there is one and they are active.
    pub manager_id: Option<i64>,
}

/// Current periods (latest per person, not revoked, person active) ending between `from` and
/// `through` (inclusive).
pub async fn current_periods(
    src: impl Source<'_>,
    from: NaiveDate,
    through: NaiveDate,
) -> Result<Vec<ReminderPeriod>, sqlx::Error> {
    let sql = format!(
        "select lp.id as period_id, lp.person_id, lp.valid_through, lp.created_at,
                m.id as manager_id
         from licence_period lp
         join person h on h.id = lp.person_id
         left join person m on m.id = h.manager_id and m.active
         where lp.valid_through between $1 and $2 and {}
         order by lp.id",
        current_period_sql()
    );
    Ok(on!(src, |c| {
        sqlx::query_as::<_, ReminderPeriod>(&sql)
            .bind(from)
            .bind(through)
            .fetch_all(&mut *c)
            .await?
    }))
}

/// The kinds recorded for a period (any recipient, any state).
pub async fn recorded_kinds(
    src: impl Source<'_>,
    period_id: i64,
) -> Result<Vec<ReminderKind>, sqlx::Error> {
    let codes: Vec<String> = on!(src, |c| {
        sqlx::query_scalar("select distinct kind from licence_reminder where period_id = $1")
            .bind(period_id)
            .fetch_all(&mut *c)
            .await?
    });
    Ok(codes
        .iter()
        .filter_map(|c| ReminderKind::parse(c))
        .collect())
}

/// What [`claim`] wrote.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Claimed {
    /// A reminder was claimed (rows and notification written).
    pub claimed: bool,
    pub superseded: usize,
}

/// Records `plan` for `period` in one transaction: superseded kinds, then the reminder to send
/// with a row per recipient (the holder `to`, the manager `cc` when copied) and an in-app
/// notification for each. A row that already exists is left alone (another run claimed it), and
/// then no second notification is written. With mail disabled the rows are marked so.
pub async fn claim(
    db: &Db,
    period: &ReminderPeriod,
    plan: &Plan,
    mail_enabled: bool,
    now: DateTime<Utc>,
) -> Result<Claimed, sqlx::Error> {
    let mut tx = begin(db).await?;
    let done = on!(&mut tx, |c| {
        let mut done = Claimed::default();
        for kind in &plan.supersede {
            let state = Some(SUPERSEDED);
            if insert_row(&mut *c, period, *kind, period.person_id, "to", state, now).await? {
                done.superseded += 1;
            }
        }
        if let Some(send) = plan.send {
            // An older reminder still waiting for the SMTP server is replaced by this one.
            sqlx::query(
                "update licence_reminder set last_error = $1, updated_at = $2
                 where period_id = $3 and sent_at is null and kind <> $4
                   and coalesce(last_error, '') not in ($1, $5)",
            )
            .bind(SUPERSEDED)
            .bind(now)
            .bind(period.period_id)
            .bind(send.kind.code())
            .bind(MAIL_DISABLED)
            .execute(&mut *c)
            .await?;
            let state = (!mail_enabled).then_some(MAIL_DISABLED);
            let holder = period.person_id;
            if insert_row(&mut *c, period, send.kind, holder, "to", state, now).await? {
                done.claimed = true;
                notify(&mut *c, period, period.person_id, None, send.kind, now).await?;
                if send.copy_manager
                    && let Some(manager) = period.manager_id
                    && insert_row(&mut *c, period, send.kind, manager, "cc", state, now).await?
                {
                    let holder = Some(period.person_id);
                    notify(&mut *c, period, manager, holder, send.kind, now).await?;
                }
            }
        }
        done
    });
    tx.commit().await?;
    Ok(done)
}

/// One `licence_reminder` row, only while the period is current (and, for the manager, while
/// they are the holder's active manager). `true` when it was inserted.
async fn insert_row(
    src: impl Source<'_>,
    period: &ReminderPeriod,
    kind: ReminderKind,
    recipient_id: i64,
    role: &str,
    state: Option<&str>,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let sql = format!(
        "insert into licence_reminder (period_id, kind, recipient_id, role, last_error,
                created_at, updated_at)
         select lp.id, $1, $2, $3, $4, $5, $5 from licence_period lp
         where lp.id = $6 and {}
           and ($3 = 'to' or exists (select 1 from person h join person m on m.id = h.manager_id
                where h.id = lp.person_id and m.id = $2 and m.active))
         on conflict (period_id, kind, recipient_id) do nothing",
        current_period_sql()
    );
    let inserted = on!(src, |c| {
        sqlx::query(&sql)
            .bind(kind.code())
            .bind(recipient_id)
            .bind(role)
            .bind(state)
            .bind(now)
            .bind(period.period_id)
            .execute(&mut *c)
            .await?
            .rows_affected()
    });
    Ok(inserted == 1)
}

/// An in-app notification about `period` for `person_id`: `licence_window` when the window
/// opens, else `licence_reminder`; `detail` is the reminder kind. The manager's copy names the
/// holder as its actor (the page then says whose licence it is).
async fn notify(
    src: impl Source<'_>,
    period: &ReminderPeriod,
    person_id: i64,
    actor_id: Option<i64>,
    kind: ReminderKind,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let notification_kind = if kind == ReminderKind::WindowOpen {
        "licence_window"
    } else {
        "licence_reminder"
    };
    on!(src, |c| {
        sqlx::query(
            "insert into notification (person_id, kind, actor_id, licence_period_id, detail,
                    created_at, updated_at)
             values ($1, $2, $3, $4, $5, $6, $6)",
        )
        .bind(person_id)
        .bind(notification_kind)
        .bind(actor_id)
        .bind(period.period_id)
        .bind(kind.code())
        .bind(now)
        .execute(&mut *c)
        .await?;
    });
    Ok(())
}

/// A reminder row waiting to be mailed, with what the message needs.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PendingRow {
    pub id: i64,
    pub period_id: i64,
    pub kind: String,
    /// `to` or `cc`
    pub role: String,
    pub attempts: i64,
    pub recipient_name: String,
    pub recipient_email: String,
    pub holder_name: String,
    pub holder_language: String,
    pub valid_through: NaiveDate,
}

/// Rows to mail: not sent, not superseded or disabled, fewer than `max_attempts` tries, of a
/// period that is still current, to an active recipient. Ordered by period and kind, `to` first.
pub async fn pending(
    src: impl Source<'_>,
    max_attempts: i64,
) -> Result<Vec<PendingRow>, sqlx::Error> {
    let sql = format!(
        "select r.id, r.period_id, r.kind, r.role, r.attempts,
                rp.name as recipient_name, rp.email as recipient_email,
                h.name as holder_name, h.preferred_language as holder_language, lp.valid_through
         from licence_reminder r
         join licence_period lp on lp.id = r.period_id
         join person h on h.id = lp.person_id
         join person rp on rp.id = r.recipient_id
         where r.sent_at is null and r.attempts < $1
           and coalesce(r.last_error, '') not in ($2, $3)
           and rp.active and {}
         order by r.period_id, r.kind, r.role desc, r.id",
        current_period_sql()
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

/// Takes one try at sending `id`: counts the attempt and marks it as being sent, only if nobody
/// counted one since `attempts` was read and nobody is sending it now (two schedulers never mail
/// the same row). `true` when this caller may send.
pub async fn lease(
    db: &Db,
    id: i64,
    attempts: i64,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    lease_in(db, TABLE, id, attempts, now).await
}

/// The reminder table of licence periods; day-one reminders have their own
/// (`db::first_reminder`) with the same bookkeeping.
const TABLE: &str = "licence_reminder";

/// [`lease`] on `table` (licence, day-one and improvement mail rows share the bookkeeping).
pub(crate) async fn lease_in(
    db: &Db,
    table: &'static str,
    id: i64,
    attempts: i64,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let stuck = now - chrono::Duration::minutes(LEASE_MINUTES);
    let sql = format!(
        "update {table} set attempts = attempts + 1, last_error = $1, updated_at = $2
         where id = $3 and attempts = $4 and sent_at is null
           and (coalesce(last_error, '') <> $1 or updated_at < $5)"
    );
    let leased = on!(db, |c| {
        sqlx::query(&sql)
            .bind(SENDING)
            .bind(now)
            .bind(id)
            .bind(attempts)
            .bind(stuck)
            .execute(&mut *c)
            .await?
            .rows_affected()
    });
    Ok(leased == 1)
}

/// The SMTP server accepted the message for row `id`.
pub async fn mark_sent(db: &Db, id: i64, now: DateTime<Utc>) -> Result<(), sqlx::Error> {
    mark_sent_in(db, TABLE, id, now).await
}

/// [`mark_sent`] on `table`.
pub(super) async fn mark_sent_in(
    db: &Db,
    table: &'static str,
    id: i64,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let sql = format!(
        "update {table} set sent_at = $1, last_error = null, updated_at = $1 where id = $2"
    );
    on!(db, |c| {
        sqlx::query(&sql)
            .bind(now)
            .bind(id)
            .execute(&mut *c)
            .await?;
    });
    Ok(())
}

/// Sending row `id` failed with `error` (kept short); the next run tries again.
pub async fn mark_failed(
    db: &Db,
    id: i64,
    error: &str,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    mark_failed_in(db, TABLE, id, error, now).await
}

/// [`mark_failed`] on `table`.
pub(super) async fn mark_failed_in(
    db: &Db,
    table: &'static str,
    id: i64,
    error: &str,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let error: String = error.chars().take(500).collect();
    let sql = format!("update {table} set last_error = $1, updated_at = $2 where id = $3");
    on!(db, |c| {
        sqlx::query(&sql)
            .bind(&error)
            .bind(now)
            .bind(id)
            .execute(&mut *c)
            .await?;
    });
    Ok(())
}

/// Name, address and language of a person a nudge mails.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MailAddress {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub preferred_language: String,
}

/// The addresses of the active people among `ids` (read in chunks: a nudge may reach thousands).
pub async fn addresses(db: &Db, ids: &[i64]) -> Result<Vec<MailAddress>, sqlx::Error> {
    let mut found = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(500) {
        let marks = (1..=chunk.len())
            .map(|n| format!("${n}"))
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!(
            "select id, name, email, preferred_language from person
             where active and id in ({marks})"
        );
        let rows = on!(db, |c| {
            let mut query = sqlx::query_as::<_, MailAddress>(&sql);
            for id in chunk {
                query = query.bind(id);
            }
            query.fetch_all(&mut *c).await?
        });
        found.extend(rows);
    }
    Ok(found)
}
