//! Improvements in the scheduler: escalating open improvements past their due date or quiet for
//! `IMPROVEMENT_STALE_DAYS` (claimed once per period, also with two schedulers running), and the
//! sender of every pending `improvement_mail` row — the escalations, the reopenings, and the
//! fixed / won't-fix messages a status change claims (which calls [`send_pending`] right after its
//! commit; the scheduler picks up whatever that left). Each row's try is counted before sending (a
//! lease), the SMTP server's acceptance sets `sent_at`, a failure keeps it pending.

use super::MAX_SEND_ATTEMPTS;
use crate::db::{self, Db};
use crate::domain::Locale;
use crate::domain::improvement::ImprovementStatus;
use crate::domain::improvement::escalation::{owed, stale_before};
use crate::domain::licence::amsterdam_date;
use crate::mail::improvement::{ImprovementText, MailEvent, compose};
use crate::mail::{Mailer, Recipient};
use chrono::{DateTime, TimeZone, Utc};

/// What escalating and sending did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Report {
    /// Escalation rows claimed (one per recipient, each with its in-app notification).
    pub escalated: usize,
    pub sent: usize,
    pub failed: usize,
}

/// Claims every escalation owed at `now` (Europe/Amsterdam days) for the owner and the owning
/// team's leads; the number of rows claimed.
pub async fn claim_escalations(
    db: &Db,
    stale_days: i64,
    mail_enabled: bool,
    now: DateTime<Utc>,
) -> Result<usize, sqlx::Error> {
    let today = amsterdam_date(now);
    // Quiet since before the start of this Amsterdam day minus the span (a bound; the rule decides).
    let bound = stale_before(today, stale_days)
        .succ_opt()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .and_then(|t| {
            chrono_tz::Europe::Amsterdam
                .from_local_datetime(&t)
                .earliest()
        })
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or(now);
    let mut claimed = 0;
    for candidate in db::improvement::escalation::candidates(db, today, bound).await? {
        let Ok(status) = ImprovementStatus::parse(&candidate.status) else {
            continue;
        };
        let quiet_since = amsterdam_date(candidate.last_activity_at);
        for escalation in owed(today, status, candidate.due_on, quiet_since, stale_days) {
            claimed += db::improvement::escalation::claim(
                db,
                &candidate,
                escalation,
                today,
                mail_enabled,
                now,
            )
            .await?;
        }
    }
    Ok(claimed)
}

/// Mails the rows a request just claimed, in the background: a status change that tells two
/// hundred reporters answers at once instead of waiting on the SMTP server; whatever fails here
/// stays pending for the scheduler's next run.
pub fn send_soon(state: &crate::state::AppState, why: &'static str) {
    let (db, mailer) = (state.pool.clone(), state.mailer.clone());
    let link_base = state.config.link_base().to_owned();
    state.mailer.in_flight.spawn(async move {
        if let Err(e) = send_pending(&db, &mailer, &link_base).await {
            tracing::warn!(error = %e, why, "improvement mail could not be sent now");
        }
    });
}

/// Mails every pending improvement row now; see [`send_pending_at`].
pub async fn send_pending(
    db: &Db,
    mailer: &Mailer,
    link_base: &str,
) -> Result<Report, sqlx::Error> {
    send_pending_at(db, mailer, link_base, Utc::now()).await
}

/// Mails every pending improvement row, one message per row, in its recipient's language, with
/// a link to the improvement. Nothing happens while mail is disabled.
pub async fn send_pending_at(
    db: &Db,
    mailer: &Mailer,
    link_base: &str,
    now: DateTime<Utc>,
) -> Result<Report, sqlx::Error> {
    let mut report = Report::default();
    if !mailer.is_enabled() {
        return Ok(report);
    }
    for row in db::improvement::mail::pending(db, MAX_SEND_ATTEMPTS).await? {
        if mailer.in_flight.is_stopping() {
            break;
        }
        let Some(event) = MailEvent::parse(&row.event) else {
            tracing::warn!(event = %row.event, "unknown improvement mail event left unsent");
            continue;
        };
        if !db::improvement::mail::lease(db, row.id, row.attempts, now).await? {
            // Another sender took this try.
            continue;
        }
        let link = format!(
            "{}{}",
            link_base.trim_end_matches('/'),
            crate::routes::improvement(row.improvement_id)
        );
        let content = compose(&ImprovementText {
            locale: Locale::parse(&row.recipient_language).unwrap_or_default(),
            recipient_name: &row.recipient_name,
            event,
            title: &row.title,
            reason: &row.status_reason,
            due_on: row.due_on,
            quiet_since: amsterdam_date(row.last_activity_at),
            link: &link,
        });
        let to = [Recipient {
            name: row.recipient_name.clone(),
            email: row.recipient_email.clone(),
        }];
        match mailer.send("improvement", &to, &[], &content).await {
            Ok(()) => {
                report.sent += 1;
                db::improvement::mail::mark_sent(db, row.id, now).await?;
            }
            Err(e) => {
                report.failed += 1;
                let error = e.to_string();
                db::improvement::mail::mark_failed(db, row.id, &error, now).await?;
                if row.attempts + 1 >= MAX_SEND_ATTEMPTS {
                    tracing::error!(improvement_mail = row.id, error = %error, "improvement mail given up");
                } else {
                    tracing::warn!(improvement_mail = row.id, error = %error, "improvement mail failed; trying again on the next run");
                }
            }
        }
    }
    Ok(report)
}
