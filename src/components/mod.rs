//! Reusable UI pieces: page frame, form fields, guards and tables.

pub mod autosave;
pub mod errors;
pub mod evidence;
pub mod focus;
pub mod form;
pub mod guard;
pub mod layout;
pub mod load;
pub mod people_table;
pub mod step_form;
pub mod walk;
