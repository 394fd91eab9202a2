//! A notification as the bell's page shows it: what happened, on which presentation, licence
//! period or improvement, by whom.

use serde::{Deserialize, Serialize};

/// One notification with what its sentence needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NotificationItem {
    pub id: i64,
    /// `comment`, `recognition`, `confirmed`, `sent_back`, `meeting`, a licence kind
    /// (`licence_reminder`, `licence_window`, `licence_signed`, …), an improvement kind
    /// (`improvement_fixed`, …) or `friction_no_action`
    pub kind: String,
    pub presentation_id: Option<i64>,
    /// The presentation's, the improvement's or (for `friction_no_action`) the friction's title.
    pub title: String,
    /// Improvement kinds: the improvement it is about.
    #[serde(default)]
    pub improvement_id: Option<i64>,
    /// `friction_no_action`: the reporter's walkthrough, whose log shows the reason.
    #[serde(default)]
    pub walkthrough_id: Option<i64>,
    pub actor_name: String,
    /// The reviewer's comment on a send-back.
    pub comment: String,
    pub read: bool,
    /// Licence reminders: the reminder kind (`window-open`, `before-30`, `expiry`, `expired-2`).
    #[serde(default)]
    pub detail: String,
    /// Licence notifications: the last valid day of the period they are about.
    #[serde(default)]
    pub valid_through: Option<chrono::NaiveDate>,
    pub at: chrono::DateTime<chrono::Utc>,
}
