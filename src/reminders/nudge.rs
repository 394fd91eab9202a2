//! Mailing an HR nudge (server only). The in-app notifications and the audit event are written
//! first, in the nudge's own transaction; the e-mails then go out in a background task so the
//! HR page does not wait for the SMTP server on a list of thousands. A nudge is a one-off
//! request, not a scheduled reminder: a message the SMTP server refuses is logged and not
//! retried (the notification in the app stays), and the scheduled reminders go on as before.

use crate::db::{self, Db};
use crate::domain::Locale;
use crate::domain::licence::LicenceStatus;
use crate::mail::nudge::{NudgeText, compose};
use crate::mail::{Mailer, Recipient};
use chrono::NaiveDate;
use std::collections::HashMap;

/// One person a nudge reaches, with the standing the dashboard showed.
#[derive(Debug, Clone)]
pub struct NudgeTarget {
    pub person_id: i64,
    pub status: LicenceStatus,
    pub valid_through: Option<NaiveDate>,
}

/// What one nudge's mailing did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct NudgeReport {
    pub sent: usize,
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
    /// Mails every target in the background; with mail disabled only logs that it did not.
    pub fn spawn(self, targets: Vec<NudgeTarget>) {
        if !self.mailer.is_enabled() {
            tracing::info!(
                recipients = targets.len(),
                "mail disabled: the nudge is shown in the app only"
            );
            return;
        }
        tokio::spawn(async move {
            match self.send(&targets).await {
                Ok(r) => tracing::info!(sent = r.sent, failed = r.failed, "nudge mailed"),
                Err(e) => tracing::error!(error = %e, "nudge mail: addresses could not be read"),
            }
        });
    }

    /// One message per target, in their language.
    pub async fn send(&self, targets: &[NudgeTarget]) -> Result<NudgeReport, sqlx::Error> {
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
            let Some(to) = addresses.get(&target.person_id) else {
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
            match self.mailer.send(&[recipient], &[], &content).await {
                Ok(()) => report.sent += 1,
                Err(e) => {
                    report.failed += 1;
                    tracing::warn!(person = to.id, error = %e, "nudge mail not delivered");
                }
            }
        }
        Ok(report)
    }
}
