//! Data that is not the company's own (server only): the demo organisation a trial starts with
//! (`seed`), the growth of it to 10,000 employees for load tests and benchmarks (`scale`), and the
//! library grown to thousands of presentations for its benchmark (`library`). It writes through
//! `db` where the app has a function for it and with its own bulk SQL where a benchmark needs
//! speed; nothing in the app depends on it but start-up (`DEMO_DATA`) and the command line.

pub mod library;
pub mod scale;
pub mod seed;
