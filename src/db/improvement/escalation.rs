//! Escalations of open improvements in the database: which could be owed one today, and claiming
//! one — a mail row per recipient (the owner and the owning team's active leads) with its in-app
//! notification, in one transaction, each (improvement, event, period, recipient) once. The rule
//! for what is owed is `domain::improvement::escalation`; `reminders::improvement` runs it.

use crate::db::backend::on;
use crate::db::notification::{ImprovementNews, notify_improvement};
use crate::db::reminder::MAIL_DISABLED;
use crate::db::{Db, begin};
use crate::domain::improvement::escalation::{Escalation, EscalationKind};
use chrono::{DateTime, NaiveDate, Utc};

/// SQL: the improvement `i` is open.
const OPEN: &str = "i.status in ('new', 'planned', 'in_progress')";

/// An open improvement past its due date or quiet since before a bound.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Candidate {
    pub id: i64,
    pub status: String,
    pub due_on: Option<NaiveDate>,
    /// Also checked inside the claim: nobody touched it since it was read.
    pub last_activity_at: DateTime<Utc>,
}

/// Open improvements due before `today` or last changed before `quiet_before`, by id.
pub async fn candidates(
    db: &Db,
    today: NaiveDate,
    quiet_before: DateTime<Utc>,
) -> Result<Vec<Candidate>, sqlx::Error> {
    let sql = format!(
        "select i.id, i.status, i.due_on, i.last_activity_at
         from improvement i
         where {OPEN} and ((i.due_on is not null and i.due_on < $1) or i.last_activity_at < $2)
         order by i.id"
    );
    Ok(on!(db, |c| {
        sqlx::query_as::<_, Candidate>(&sql)
            .bind(today)
            .bind(quiet_before)
            .fetch_all(&mut *c)
            .await?
    }))
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
    let (still_owed, news) = match escalation.kind {
        EscalationKind::Overdue => ("i.due_on = $7 and i.due_on < $8", ImprovementNews::Overdue),
        EscalationKind::Stale => ("i.last_activity_at = $7", ImprovementNews::Stale),
    };
    let sql = format!(
        "insert into improvement_mail (improvement_id, recipient_id, event, period, last_error,
                created_at, updated_at)
         select i.id, $1, $2, $3, $4, $5, $5 from improvement i
         where i.id = $6 and {OPEN} and {still_owed}
         on conflict (improvement_id, event, period, recipient_id) do nothing"
    );
    let state = (!mail_enabled).then_some(MAIL_DISABLED);
    let mut tx = begin(db).await?;
    let claimed = on!(&mut tx, |c| {
        let recipients: Vec<i64> = sqlx::query_scalar(
            "select p.id from person p join improvement i on i.id = $1
             where p.active
               and (p.id = i.owner_id
                    or (p.team_id = i.team_id and exists (select 1 from person_role r
                         where r.person_id = p.id and r.role = 'reviewer')))
             order by p.id",
        )
        .bind(candidate.id)
        .fetch_all(&mut *c)
        .await?;
        let mut claimed = 0;
        for person in recipients {
            // The period is kept as text (a date here, a history row for a status change).
            let query = sqlx::query(&sql)
                .bind(person)
                .bind(escalation.kind.code())
                .bind(escalation.period.to_string())
                .bind(state)
                .bind(now)
                .bind(candidate.id);
            let query = match escalation.kind {
                EscalationKind::Overdue => query.bind(escalation.period).bind(today),
                EscalationKind::Stale => query.bind(candidate.last_activity_at),
            };
            if query.execute(&mut *c).await?.rows_affected() == 1 {
                notify_improvement(&mut *c, person, news, Some(candidate.id), None, None).await?;
                claimed += 1;
            }
        }
        claimed
    });
    tx.commit().await?;
    Ok(claimed)
}
