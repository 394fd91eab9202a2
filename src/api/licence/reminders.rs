//! Running the licence reminders now (administrators, the licence settings page): the same run
//! the scheduler makes every `REMINDER_INTERVAL_SECS` (`reminders::run_once`, safe beside it:
//! every reminder is claimed once), for instance right after an import so the newcomers get
//! their invitation at once. Audited; the page shows what the run did.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// What a run did, as the page shows it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunOutcome {
    pub claimed: usize,
    pub first_licence: usize,
    pub sent: usize,
    pub failed: usize,
    pub superseded: usize,
}

impl RunOutcome {
    /// The query parameters of the settings page that shows it.
    pub fn pairs(&self) -> Vec<(&'static str, String)> {
        vec![
            ("ran", "1".to_owned()),
            ("claimed", self.claimed.to_string()),
            ("first", self.first_licence.to_string()),
            ("sent", self.sent.to_string()),
            ("failed", self.failed.to_string()),
            ("superseded", self.superseded.to_string()),
        ]
    }

    /// Back from the query; `None` without `ran`.
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> Option<RunOutcome> {
        get("ran")?;
        let n = |k: &str| get(k).and_then(|v| v.parse().ok()).unwrap_or(0);
        Some(RunOutcome {
            claimed: n("claimed"),
            first_licence: n("first"),
            sent: n("sent"),
            failed: n("failed"),
            superseded: n("superseded"),
        })
    }
}

/// Runs the reminders now. Administrators only; one audit event with the counts.
#[server(endpoint = "licence/reminders/run")]
pub async fn run_reminders_now() -> Result<RunOutcome, AppError> {
    super::super::ssr::Serve::new()
        .redirect(|outcome: &RunOutcome| {
            crate::routes::page_href(crate::routes::LICENCE_SETTINGS, &outcome.pairs(), 1)
        })
        .run(async |ctx| {
            let admin = ctx.require(|r| r.can_admin_people()).await?;
            let state = &ctx.state;
            let report = crate::reminders::run_once(
                &state.pool,
                &state.mailer,
                (state.config.link_base(), state.config.invite_valid_days),
                Some(state.config.improvement_stale_days),
                chrono::Utc::now(),
            )
            .await?;
            report.log(&format!("by person {}", admin.id));
            let outcome = RunOutcome {
                claimed: report.claimed,
                first_licence: report.first_licence,
                sent: report.sent,
                failed: report.failed,
                superseded: report.superseded,
            };
            crate::db::audit::record(
                &state.pool,
                Some(admin.id),
                crate::db::audit::AuditAction::RemindersRun,
                None,
                &serde_json::json!({
                    "claimed": outcome.claimed,
                    "first_licence": outcome.first_licence,
                    "sent": outcome.sent,
                    "failed": outcome.failed,
                    "superseded": outcome.superseded,
                }),
            )
            .await?;
            Ok(outcome)
        })
        .await
}
