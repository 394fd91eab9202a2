//! The organisation's licence settings (HR and admins): read into the form, saved with an audit
//! event. New settings apply to decisions made afterwards only.

use crate::domain::licence::SettingsInput;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SettingsPage {
    /// The current settings, or what was typed in a refused post.
    pub input: SettingsInput,
    pub updated_at: Option<chrono::DateTime<chrono::Utc>>,
    pub updated_by: Option<String>,
    /// Seconds between scheduled reminder runs (0: off), and whether the viewer may run them now
    /// (administrators; `reminders`).
    pub reminder_interval_secs: u64,
    pub can_run_reminders: bool,
}

#[server(endpoint = "licence/settings")]
pub async fn load_licence_settings() -> Result<SettingsPage, AppError> {
    super::super::ssr::serve(async |ctx| {
        let user = ctx.require(|r| r.can_manage_licences()).await?;
        let pool = &ctx.state.pool;
        let settings = crate::db::licence::settings(pool).await?;
        let (updated_at, updated_by) = crate::db::licence::settings_changed(pool).await?;
        let draft = ctx.draft("licence_settings").await?;
        let input = if draft.is_empty() {
            SettingsInput::from_settings(&settings)
        } else {
            let get = |k: &str| draft.get(k).cloned().unwrap_or_default();
            SettingsInput {
                validity_months: get("validity_months"),
                anchor: get("anchor"),
                fixed_date: get("fixed_date"),
                min_validity_days: get("min_validity_days"),
                window_days: get("window_days"),
                grace_days: get("grace_days"),
                grace_counts_as_covered: draft.get("grace_counts_as_covered").cloned(),
                reminder_days: get("reminder_days"),
                expired_every_days: get("expired_every_days"),
                manager_cc_days: get("manager_cc_days"),
            }
        };
        Ok(SettingsPage {
            input,
            updated_at,
            updated_by,
            reminder_interval_secs: ctx.state.config.reminder_interval_secs,
            can_run_reminders: user.roles.can_admin_people(),
        })
    })
    .await
}

#[server(endpoint = "licence/settings/save")]
pub async fn save_licence_settings(form: SettingsInput) -> Result<(), AppError> {
    let mut fields = vec![
        ("validity_months", form.validity_months.clone()),
        ("anchor", form.anchor.clone()),
        ("fixed_date", form.fixed_date.clone()),
        ("min_validity_days", form.min_validity_days.clone()),
        ("window_days", form.window_days.clone()),
        ("grace_days", form.grace_days.clone()),
        ("reminder_days", form.reminder_days.clone()),
        ("expired_every_days", form.expired_every_days.clone()),
        ("manager_cc_days", form.manager_cc_days.clone()),
    ];
    if let Some(on) = &form.grace_counts_as_covered {
        fields.push(("grace_counts_as_covered", on.clone()));
    }
    super::super::ssr::Serve::new()
        .keep_draft("licence_settings", fields)
        .redirect(|_| crate::routes::with_notice(crate::routes::LICENCE_SETTINGS, "saved"))
        .run(async |ctx| {
            let user = ctx.require(|r| r.can_manage_licences()).await?;
            let settings = form.parse().map_err(AppError::Validation)?;
            crate::db::licence::save_settings(&ctx.state.pool, user.id, &settings).await?;
            Ok(())
        })
        .await
}
