//! Escalations of open improvements in the database: which could be owed one today, and claiming
//! one — a mail row per recipient (the owner and the owning team's active leads) with its in-app
//! notification, in one transaction, each (improvement, event, period, recipient) once. The rule
//! for what is owed is `domain::improvement::escalation`; `reminders::improvement` runs it.

use crate::db::notification::{ImprovementNews, notify_improvement};
use crate::db::reminder::MAIL_DISABLED;
use crate::db::{Db, begin_write};
use crate::domain::improvement::escalation::{Escalation, EscalationKind};
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::SqliteExecutor;

/// SQL: the improvement `i` is open.
const OPEN: &str = "i.status in ('new', 'planned', 'in_progress')";

/// An open improvement past its due date or quiet since before a bound.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Candidate {
    pub id: i64,
    pub status: String,
    pub due_on: Option<NaiveDate>,
    pub last_activity_at: DateTime<Utc>,
    /// `last_activity_at` as stored, to check inside the claim that nobody touched it since.
    pub last_activity_raw: String,
}

/// Open improvements due before `today` or last changed before `quiet_before`, by id.
pub async fn candidates(
    db: impl SqliteExecutor<'_>,
    today: NaiveDate,
    quiet_before: DateTime<Utc>,
) -> Result<Vec<Candidate>, sqlx::Error> {
    sqlx::query_as::<_, Candidate>(&format!(
        "select i.id, i.status, i.due_on, i.last_activity_at,
                i.last_activity_at as last_activity_raw
         from improvement i
         where {OPEN} and ((i.due_on is not null and i.due_on < ?) or i.last_activity_at < ?)
         order by i.id"
    ))
    .bind(today.to_string())
    .bind(quiet_before)
    .fetch_all(db)
    .await
}

/// Claims `escalation` of `candidate` for every recipient not claimed yet, with an in-app
/// notification each; the number of recipients claimed now (0 when another run was first). Inside
/// the insert: still open, and still overdue on the same date (overdue) or untouched since it
/// was read (stale), and the recipient still the owner or an active lead of the owning team.
/// With mail disabled the rows are marked so (the notification is all).
pub async fn claim(
    db: &Db,
    candidate: &Candidate,
    escalation: Escalation,
    today: NaiveDate,
    mail_enabled: bool,
    now: DateTime<Utc>,
) -> Result<usize, sqlx::Error> {
    let mut tx = begin_write(db).await?;
    let recipients: Vec<i64> = sqlx::query_scalar(
        "select p.id from person p join improvement i on i.id = ?
         where p.active = 1
           and (p.id = i.owner_id
                or (p.team_id = i.team_id and exists (select 1 from person_role r
                     where r.person_id = p.id and r.role = 'reviewer')))
         order by p.id",
    )
    .bind(candidate.id)
    .fetch_all(&mut *tx)
    .await?;
    let (still_owed, news) = match escalation.kind {
        EscalationKind::Overdue => ("i.due_on = ? and i.due_on < ?", ImprovementNews::Overdue),
        EscalationKind::Stale => ("i.last_activity_at = ?", ImprovementNews::Stale),
    };
    let sql = format!(
        "insert into improvement_mail (improvement_id, recipient_id, event, period, last_error,
                created_at, updated_at)
         select i.id, ?, ?, ?, ?, ?, ? from improvement i
         where i.id = ? and {OPEN} and {still_owed}
         on conflict (improvement_id, event, period, recipient_id) do nothing"
    );
    let state = (!mail_enabled).then_some(MAIL_DISABLED);
    let mut claimed = 0;
    for person in recipients {
        let query = sqlx::query(&sql)
            .bind(person)
            .bind(escalation.kind.code())
            .bind(escalation.period.to_string())
            .bind(state)
            .bind(now)
            .bind(now)
            .bind(candidate.id);
        let query = match escalation.kind {
            EscalationKind::Overdue => query
                .bind(escalation.period.to_string())
                .bind(today.to_string()),
            EscalationKind::Stale => query.bind(&candidate.last_activity_raw),
        };
        if query.execute(&mut *tx).await?.rows_affected() == 1 {
            notify_improvement(&mut *tx, person, news, Some(candidate.id), None, None).await?;
            claimed += 1;
        }
    }
    tx.commit().await?;
    Ok(claimed)
}
