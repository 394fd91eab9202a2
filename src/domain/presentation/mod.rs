//! Presentations: the slides drafted from a completed walkthrough, who may read or change them,
//! and the rules for their texts. Each part lives in its own file; everything is re-exported here.

mod access;
mod draft;
mod input;
mod library;
mod meeting;
mod record;
mod social;
mod status;

pub use access::*;
pub use draft::*;
pub use input::*;
pub use library::*;
pub use meeting::*;
pub use record::*;
pub use social::*;
pub use status::*;
