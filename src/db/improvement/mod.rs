//! Improvements: the inbox, triage, an improvement's life and its mail (server only).

pub mod inbox;
pub mod triage;
