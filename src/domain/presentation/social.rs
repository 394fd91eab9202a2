//! What colleagues add to a presentation in the library: comments and "Herkenbaar" recognitions of
//! its frictions, as read back for the reading page and the journey overview.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// One comment, plain text (escaped when shown).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comment {
    pub id: i64,
    pub person_id: i64,
    pub author_name: String,
    pub body: String,
    pub created_at: DateTime<Utc>,
    /// changed after it was written
    pub edited: bool,
}

/// One colleague's "I saw this too" on a friction, with their optional line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recognition {
    pub friction_id: i64,
    pub person_id: i64,
    pub person_name: String,
    pub note: String,
}

/// A friction of one journey that colleagues recognised, for "Presentaties over deze klantreis".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecognisedFriction {
    pub friction_title: String,
    pub recognitions: i64,
    pub presentation_id: i64,
    pub presentation_title: String,
}
