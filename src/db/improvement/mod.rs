//! Improvements in the database: triage, an improvement's life, the overview, confirmations,
//! escalations and the mail outbox.

pub mod inbox;
pub mod life;
pub mod overview;
pub mod triage;
