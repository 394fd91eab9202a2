//! Walkthroughs: what an employee records per step, frictions and delights, finishing, and who
//! may see what. Each part lives in its own file; everything is re-exported here, so callers use
//! `crate::domain::walkthrough::…` whatever the file.

mod access;
mod answers;
mod curve;
mod finish;
mod frictions;
mod record;
mod status;

pub use access::*;
pub use answers::*;
pub use curve::*;
pub use finish::*;
pub use frictions::*;
pub use record::*;
pub use status::*;
