//! The licence (placeholder until the licence rules land: only the reminder rules so far).

pub mod reminder;
