//! Improvements' server functions: the inbox and triage, an improvement's life, the overview, and
//! what walkers meet of them.

pub mod inbox;
pub mod life;
pub mod overview;
pub mod triage;
pub mod walker;
