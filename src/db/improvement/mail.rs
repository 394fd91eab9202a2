//! The improvement mail outbox: rows claimed by what caused them (a status change, a reopening, an
//! escalation), read here to be sent, with the reminders' send bookkeeping (a counted lease before
//! sending, `sent_at` on the SMTP server's acceptance, the error kept for the next try).
//!
//! The lease is the reminders' (`db::reminder::lease_in`): it marks the row as being sent, so two
//! senders never mail it twice.

use crate::db::backend::on;
use crate::db::reminder::{MAIL_DISABLED, lease_in, mark_failed_in, mark_sent_in};
use crate::db::{Db, Source};
use chrono::{DateTime, NaiveDate, Utc};

const TABLE: &str = "improvement_mail";

/// Tells `person` of a status change of `improvement_id` (history row `history_id`): the in-app
/// `news` and one mail row for `event`, whose period is the history row, so the same change never
/// mails anyone twice. Written in the transaction of the change.
#[allow(clippy::too_many_arguments)]
pub async fn tell_of_change(
    src: impl Source<'_>,
    improvement_id: i64,
    person: i64,
    event: &str,
    news: crate::db::notification::ImprovementNews,
    history_id: i64,
    actor_id: Option<i64>,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    on!(src, |c| {
        crate::db::notification::notify_improvement(
            &mut *c,
            person,
            news,
            Some(improvement_id),
            None,
            actor_id,
        )
        .await?;
        sqlx::query(
            "insert into improvement_mail (improvement_id, recipient_id, event, period, created_at,
                                           updated_at)
             values ($1, $2, $3, $4, $5, $5)
             on conflict (improvement_id, event, period, recipient_id) do nothing",
        )
        .bind(improvement_id)
        .bind(person)
        .bind(event)
        .bind(history_id.to_string())
        .bind(now)
        .execute(&mut *c)
        .await?;
    });
    Ok(())
}

/// A row waiting to be mailed, with what its message needs.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PendingMail {
    pub id: i64,
    pub improvement_id: i64,
    pub event: String,
    pub period: String,
    pub attempts: i64,
    pub recipient_name: String,
    pub recipient_email: String,
    pub recipient_language: String,
    pub title: String,
    /// The reason of "won't fix" (or the comment of the last change).
    pub status_reason: String,
    pub due_on: Option<NaiveDate>,
    pub last_activity_at: DateTime<Utc>,
}

/// Rows to mail: not sent, not marked "mail disabled", fewer than `max_attempts` tries, to an
/// active person; an escalation only while its improvement is still open. Oldest first.
pub async fn pending(db: &Db, max_attempts: i64) -> Result<Vec<PendingMail>, sqlx::Error> {
    Ok(on!(db, |c| {
        sqlx::query_as::<_, PendingMail>(
            "select m.id, m.improvement_id, m.event, m.period, m.attempts,
                    p.name as recipient_name, p.email as recipient_email,
                    p.preferred_language as recipient_language,
                    i.title, i.status_reason, i.due_on, i.last_activity_at
             from improvement_mail m
             join improvement i on i.id = m.improvement_id
             join person p on p.id = m.recipient_id
             where m.sent_at is null and m.attempts < $1 and coalesce(m.last_error, '') <> $2
               and p.active
               and (m.event not in ('overdue', 'stale') or i.status not in ('fixed', 'wont_fix'))
             order by m.id",
        )
        .bind(max_attempts)
        .bind(MAIL_DISABLED)
        .fetch_all(&mut *c)
        .await?
    }))
}

/// Counts a try at sending row `id` and marks it as being sent (`db::reminder::lease_in`):
/// `true` when this caller may send it.
pub async fn lease(
    db: &Db,
    id: i64,
    attempts: i64,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    lease_in(db, TABLE, id, attempts, now).await
}

/// The SMTP server accepted row `id`'s message.
pub async fn mark_sent(db: &Db, id: i64, now: DateTime<Utc>) -> Result<(), sqlx::Error> {
    mark_sent_in(db, TABLE, id, now).await
}

/// Sending row `id` failed; it stays pending for the next run.
pub async fn mark_failed(
    db: &Db,
    id: i64,
    error: &str,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    mark_failed_in(db, TABLE, id, error, now).await
}
