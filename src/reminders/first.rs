//! Day-one reminders in the scheduler's run: for every newcomer (never certified, counted as
//! staff, joined within the span the rule can still owe something) ask the domain rule
//! (`domain::licence::reminder::first`) what is owed and claim it, then mail every pending row:
//! one message per (person, kind) to the newcomer, the manager in CC, in the newcomer's language.
//! The guarantees are those of the licence reminders (see the parent module): claimed before
//! mailed, each try counted first (a lease), `sent_at` on the SMTP server's acceptance.

use super::{MAX_SEND_ATTEMPTS, RunReport, licence_link};
use crate::db::{self, Db};
use crate::domain::Locale;
use crate::domain::licence::amsterdam_date;
use crate::domain::licence::reminder::ReminderRules;
use crate::domain::licence::reminder::first::FirstKind;
use crate::mail::first_licence::{FirstText, compose};
use crate::mail::{Mailer, Recipient};
use chrono::{DateTime, Utc};

/// Claims what newcomers are owed on `now`'s day.
pub(super) async fn claim_due(
    db: &Db,
    rules: &ReminderRules,
    mail_enabled: bool,
    now: DateTime<Utc>,
    report: &mut RunReport,
) -> Result<(), sqlx::Error> {
    let today = amsterdam_date(now);
    // A day's margin: the span is counted in Amsterdam days, `created_at` is an instant.
    let since = now - chrono::Duration::days(i64::from(rules.first_span_days()) + 1);
    for newcomer in db::first_reminder::newcomers(db, since).await? {
        let recorded = db::first_reminder::recorded_kinds(db, newcomer.person_id).await?;
        let plan = rules.first_plan(amsterdam_date(newcomer.joined_at), today, &recorded);
        if plan.send.is_none() && plan.supersede.is_empty() {
            continue;
        }
        let done = db::first_reminder::claim(db, &newcomer, &plan, mail_enabled, now).await?;
        report.superseded += done.superseded;
        if done.claimed {
            report.claimed += 1;
            report.first_licence += 1;
        }
    }
    Ok(())
}

/// Mails every pending day-one row, one message per (person, kind).
pub(super) async fn send_pending(
    db: &Db,
    mailer: &Mailer,
    rules: &ReminderRules,
    (link_base, invite_valid_days): (&str, i64),
    now: DateTime<Utc>,
    report: &mut RunReport,
) -> Result<(), sqlx::Error> {
    let rows = db::first_reminder::pending(db, MAX_SEND_ATTEMPTS).await?;
    let today = amsterdam_date(now);
    let link = licence_link(link_base);
    for group in rows.chunk_by(|a, b| a.person_id == b.person_id && a.kind == b.kind) {
        if mailer.in_flight.is_stopping() {
            break;
        }
        let first = &group[0];
        let Some(kind) = FirstKind::parse(&first.kind) else {
            tracing::warn!(kind = %first.kind, "unknown day-one reminder kind left unsent");
            continue;
        };
        let mut leased = Vec::new();
        for row in group {
            if db::first_reminder::lease(db, row.id, row.attempts, now).await? {
                leased.push(row);
            }
        }
        let recipients = |role: &str| -> Vec<Recipient> {
            leased
                .iter()
                .filter(|r| r.role == role)
                .map(|r| Recipient {
                    name: r.recipient_name.clone(),
                    email: r.recipient_email.clone(),
                })
                .collect()
        };
        let (mut to, mut cc) = (recipients("to"), recipients("cc"));
        let newcomer_owed = !to.is_empty();
        if to.is_empty() {
            // Only the copy is still owed (the newcomer's message went out earlier).
            std::mem::swap(&mut to, &mut cc);
        }
        if to.is_empty() {
            continue;
        }
        let manager = group.iter().find(|r| r.role == "cc");
        let content = |link: &str| {
            compose(&FirstText {
                locale: Locale::parse(&first.holder_language).unwrap_or_default(),
                name: &first.holder_name,
                kind,
                due: rules.first_due(amsterdam_date(first.joined_at)),
                today,
                link,
                manager_name: manager.map(|m| m.recipient_name.as_str()),
            })
        };
        // A newcomer who never chose a password could not open the licence page: their message
        // carries a fresh invitation instead; the manager's copy never does.
        let newcomer_link = if newcomer_owed && mailer.is_enabled() {
            crate::access::way_in(db, link_base, invite_valid_days, first.person_id, &link).await?
        } else {
            link.clone()
        };
        let sent = if newcomer_link != link && !cc.is_empty() {
            match mailer
                .send("first_licence", &to, &[], &content(&newcomer_link))
                .await
            {
                Ok(()) => {
                    mailer
                        .send("first_licence", &cc, &[], &content(&link))
                        .await
                }
                Err(e) => Err(e),
            }
        } else {
            mailer
                .send("first_licence", &to, &cc, &content(&newcomer_link))
                .await
        };
        match sent {
            Ok(()) => {
                report.sent += 1;
                for row in &leased {
                    db::first_reminder::mark_sent(db, row.id, now).await?;
                }
            }
            Err(e) => {
                report.failed += 1;
                let error = e.to_string();
                for row in &leased {
                    db::first_reminder::mark_failed(db, row.id, &error, now).await?;
                    if row.attempts + 1 >= MAX_SEND_ATTEMPTS {
                        tracing::error!(reminder = row.id, error = %error, "day-one reminder mail given up");
                    }
                }
                tracing::warn!(person = first.person_id, kind = %first.kind, error = %error, "day-one reminder mail failed; trying again on the next run");
            }
        }
    }
    Ok(())
}
