//! A notification as the bell's page shows it: what happened, on which presentation, by whom.

use serde::{Deserialize, Serialize};

/// One notification with what its sentence needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NotificationItem {
    pub id: i64,
    /// `comment`, `recognition`, `confirmed`, `sent_back` or `meeting`
    pub kind: String,
    pub presentation_id: Option<i64>,
    pub title: String,
    pub actor_name: String,
    /// The reviewer's comment on a send-back.
    pub comment: String,
    pub read: bool,
    pub at: chrono::DateTime<chrono::Utc>,
}
