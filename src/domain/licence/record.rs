//! A licence's history and a team as the pages show them. Wasm-safe; the server reads them
//! straight from SQL (`FromRow` only with the `ssr` feature).

use super::progress::RenewalProgress;
use super::status::Standing;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// One period of a person's history, newest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct PeriodRecord {
    pub id: i64,
    pub valid_from: NaiveDate,
    pub valid_through: NaiveDate,
    /// `sign_off` or `manual`
    pub source: String,
    pub issued_by_name: String,
    pub journey_title: Option<String>,
    pub walkthrough_id: Option<i64>,
    pub verification_code: String,
    pub revoked: bool,
    pub created_at: DateTime<Utc>,
}

/// One decision, newest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct DecisionRecord {
    pub id: i64,
    pub period_id: Option<i64>,
    /// `signed_off`, `sent_back`, `certified`, `revoked`
    pub decision: String,
    pub decided_by_name: String,
    pub comment: String,
    pub created_at: DateTime<Utc>,
}

impl DecisionRecord {
    /// Translation key of the decision's name.
    pub fn label_key(&self) -> &'static str {
        match self.decision.as_str() {
            "signed_off" => "licence-decision-signed-off",
            "sent_back" => "licence-decision-sent-back",
            "certified" => "licence-decision-certified",
            _ => "licence-decision-revoked",
        }
    }
}

/// A person on a reviewer's team page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TeamMember {
    pub person_id: i64,
    pub name: String,
    pub standing: Standing,
    pub progress: RenewalProgress,
}

/// What the public verification page may say about a code: the holder's name, the card's
/// period and where the holder stands today. Nothing else.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Verification {
    pub name: String,
    pub card_valid_through: NaiveDate,
    /// This card's period was revoked.
    pub card_revoked: bool,
    /// Where the holder stands today (a renewed licence makes an old card's holder valid).
    pub standing: Standing,
}
