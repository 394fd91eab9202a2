//! Exports for HR (server only): CSV that opens correctly in Dutch Excel, and the HTTP routes
//! that send the people list and the audit log in it.

pub mod csv;
pub mod routes;
