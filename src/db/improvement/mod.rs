//! Improvements in the database: triage, an improvement's life, the overview, confirmations,
//! escalations and the mail outbox.

pub mod life;
pub mod overview;
