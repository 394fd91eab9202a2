//! Server functions about improvements.

pub mod walker;
