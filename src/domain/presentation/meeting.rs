//! Meetings and reviews as read back: who presented when and to whom, and what the reviewer
//! decided. Plain records shared by the db layer and the pages.

use serde::{Deserialize, Serialize};

/// A person (or team) to choose.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonOption {
    pub id: i64,
    pub name: String,
}

/// A reviewer's decision as the history shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewRecord {
    pub reviewer_name: String,
    /// `confirmed` or `sent_back`
    pub decision: String,
    pub comment: String,
    pub at: chrono::DateTime<chrono::Utc>,
}

/// One recorded meeting with who attended and what the reviewer decided on it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MeetingRecord {
    pub id: i64,
    pub held_on: chrono::NaiveDate,
    pub audience: String,
    pub team_name: Option<String>,
    pub recorded_by: String,
    pub recorded_at: chrono::DateTime<chrono::Utc>,
    pub attendees: Vec<String>,
    pub reviews: Vec<ReviewRecord>,
}

/// A presentation of a direct report waiting for the reviewer's decision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AwaitingReview {
    pub presentation_id: i64,
    pub title: String,
    pub author_name: String,
    pub presented_at: Option<chrono::DateTime<chrono::Utc>>,
}
