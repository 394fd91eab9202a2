//! Improvements' server functions: the inbox and triage, an improvement's life, the overview.

pub mod inbox;
pub mod triage;
