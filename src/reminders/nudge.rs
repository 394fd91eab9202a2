//! Mailing an HR nudge (server only). The in-app notifications and the audit event are written
//! first, in the nudge's own transaction; then the e-mails go out and HR's request waits for the
//! SMTP server's answers, up to [`WAIT`], so the page says honestly what happened ("3 e-mails
//! sent, 1 in the app only: the e-mail failed"). A list too long to finish in that time goes on
//! in the background and the page says how many are still being sent. A nudge is a one-off
//! request, not a scheduled reminder: a message the SMTP server refuses is logged and not
//! retried (the notification in the app stays), and the scheduled reminders go on as before.

use crate::db::{self, Db};
use crate::domain::Locale;
use crate::domain::coverage::NudgeOutcome;
use crate::domain::licence::LicenceStatus;
use crate::mail::nudge::{NudgeText, compose};
use crate::mail::{Mailer, Recipient};
use chrono::NaiveDate;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// How long HR's request waits for the SMTP server's answers before it reports what is known.
pub const WAIT: Duration = Duration::from_secs(15);

/// One person a nudge reaches, with the standing the dashboard showed.
#[derive(Debug, Clone)]
pub struct NudgeTarget {
    pub person_id: i64,
    pub status: LicenceStatus,
    pub valid_through: Option<NaiveDate>,
}

/// What one nudge's mailing did so far.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct NudgeReport {
    /// Accepted by the SMTP server.
    pub sent: usize,
    /// Refused, not delivered, or no address to send to (the in-app reminder is all).
    pub failed: usize,
}

/// What the message needs besides the targets.
#[derive(Debug, Clone)]
pub struct NudgeMail {
    pub db: Db,
    pub mailer: Mailer,
    /// `PUBLIC_URL` (or the local default), without a trailing slash.
    pub link_base: String,
    /// How long the fresh invitation lasts that someone without a password gets instead of the
    /// bare licence link (`access::way_in`).
    pub invite_valid_days: i64,
    /// The HR colleague who sent it (named in the message).
    pub requested_by: String,
    pub today: NaiveDate,
}

impl NudgeMail {
    /// Mails every target and waits up to `wait` for the answers; what is not answered by then
    /// is still sent in the background. `reminded` is how many in-app reminders were written.
    pub async fn deliver(
        self,
        targets: Vec<NudgeTarget>,
        reminded: usize,
        wait: Duration,
    ) -> NudgeOutcome {
        let total = targets.len();
        if !self.mailer.is_enabled() {
            tracing::info!(
                recipients = total,
                "mail disabled: the nudge is shown in the app only"
            );
            return NudgeOutcome {
                reminded,
                mail_enabled: false,
                ..NudgeOutcome::default()
            };
        }
        let progress = Arc::new(Mutex::new(NudgeReport::default()));
        let counted = progress.clone();
        let mut task = self.mailer.in_flight.clone().spawn(async move {
            match self.send(&targets, &counted).await {
                Ok(r) => tracing::info!(sent = r.sent, failed = r.failed, "nudge mailed"),
                Err(e) => tracing::error!(error = %e, "nudge mail: addresses could not be read"),
            }
        });
        let finished = tokio::time::timeout(wait, &mut task).await.is_ok();
        let report = *progress.lock().unwrap_or_else(|e| e.into_inner());
        let pending = if finished {
            // Anything unanswered at the end was never sent (the addresses could not be read).
            0
        } else {
            total.saturating_sub(report.sent + report.failed)
        };
        NudgeOutcome {
            reminded,
            mailed: report.sent,
            failed: if finished {
                total - report.sent
            } else {
                report.failed
            },
            pending,
            mail_enabled: true,
        }
    }

    /// One message per target, in their language, counting each answer in `progress` as it
    /// comes (the waiting request reads it).
    pub async fn send(
        &self,
        targets: &[NudgeTarget],
        progress: &Mutex<NudgeReport>,
    ) -> Result<NudgeReport, sqlx::Error> {
        let count = |sent: bool| {
            let mut p = progress.lock().unwrap_or_else(|e| e.into_inner());
            if sent {
                p.sent += 1;
            } else {
                p.failed += 1;
            }
            *p
        };
        let ids: Vec<i64> = targets.iter().map(|t| t.person_id).collect();
        let addresses: HashMap<i64, db::reminder::MailAddress> =
            db::reminder::addresses(&self.db, &ids)
                .await?
                .into_iter()
                .map(|a| (a.id, a))
                .collect();
        let link = super::licence_link(&self.link_base);
        let mut report = NudgeReport::default();
        for target in targets {
            if self.mailer.in_flight.is_stopping() {
                break;
            }
            let Some(to) = addresses.get(&target.person_id) else {
                report = count(false);
                continue;
            };
            // Someone who never set a password could not open the licence page: their way in.
            let link = crate::access::way_in(
                &self.db,
                &self.link_base,
                self.invite_valid_days,
                to.id,
                &link,
            )
            .await
            .unwrap_or_else(|e| {
                tracing::warn!(person = to.id, error = %e, "nudge: no invitation link made");
                link.clone()
            });
            let content = compose(&NudgeText {
                locale: Locale::parse(&to.preferred_language).unwrap_or_default(),
                name: &to.name,
                status: target.status,
                valid_through: target.valid_through,
                today: self.today,
                link: &link,
                requested_by: &self.requested_by,
            });
            let recipient = Recipient {
                name: to.name.clone(),
                email: to.email.clone(),
            };
            match self.mailer.send("nudge", &[recipient], &[], &content).await {
                Ok(()) => report = count(true),
                Err(e) => {
                    report = count(false);
                    tracing::warn!(person = to.id, error = %e, "nudge mail not delivered");
                }
            }
        }
        Ok(report)
    }
}
