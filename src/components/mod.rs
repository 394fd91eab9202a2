//! Reusable UI pieces: page frame, form fields, guards and tables.

pub mod autosave;
pub mod bell;
pub mod char_count;
pub mod comments;
pub mod coverage_chart;
pub mod errors;
pub mod evidence;
pub mod file_preview;
pub mod focus;
pub mod form;
pub mod guard;
pub mod layout;
pub mod licence_card;
pub mod licence_decisions;
pub mod licence_status;
pub mod load;
pub mod pager;
pub mod people_table;
#[cfg(feature = "hydrate")]
pub mod post;
pub mod present;
pub mod recognition;
pub mod slides;
pub mod step_form;
pub mod table;
pub mod walk;
