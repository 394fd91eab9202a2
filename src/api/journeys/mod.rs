//! The journey catalogue for curators (cx and admin): drafts, their steps, publishing and versions.
//! Only drafts change; a live or retired version is frozen because walkthroughs point at it.//!
//! Files: `forms` (form and page types, catalogue rules), `catalogue` (journey server functions),
//! `steps` (step server functions), `checks` (their shared server-side checks). Everything public
//! is re-exported here: use `crate::api::journeys::…`.

mod catalogue;
#[cfg(feature = "ssr")]
mod checks;
mod forms;
mod steps;

pub use catalogue::*;
pub use forms::*;
pub use steps::*;

// Session keys under which a rejected plain (no-JavaScript) post keeps what was typed.
#[cfg(feature = "ssr")]
const CREATE_FORM: &str = "journey-create";
#[cfg(feature = "ssr")]
const UPDATE_FORM: &str = "journey-update";
#[cfg(feature = "ssr")]
const STEP_ADD_FORM: &str = "journey-step-add";
#[cfg(feature = "ssr")]
const STEP_UPDATE_FORM: &str = "journey-step-update";
