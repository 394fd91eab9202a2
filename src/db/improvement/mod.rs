//! Improvements in the database: triage, an improvement's life, the overview, confirmations,
//! escalations, the mail outbox and the priority counts kept where they change.

pub mod confirm;
pub mod escalation;
pub mod inbox;
pub mod inbox_choices;
pub mod life;
pub mod mail;
pub mod overview;
pub mod similar;
pub mod tally;
pub mod triage;
