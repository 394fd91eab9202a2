//! Improvements in the database: triage, an improvement's life, the overview, confirmations,
//! escalations and the mail outbox.

pub mod confirm;
pub mod escalation;
pub mod inbox;
pub mod life;
pub mod mail;
pub mod overview;
pub mod similar;
pub mod triage;
