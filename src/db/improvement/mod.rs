//! Improvements in the database: what teams do about the frictions walkers logged.

pub mod confirm;
pub mod escalation;
pub mod mail;
pub mod similar;
