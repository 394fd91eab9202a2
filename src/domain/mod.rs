//! Wasm-safe domain types and pure rules, shared by the server and the browser bundle.

pub mod access;
pub mod audit;
pub mod audit_detail;
pub mod autosave;
pub mod coverage;
pub mod evidence;
pub mod import;
#[cfg(feature = "ssr")]
pub mod import_csv;
pub mod import_plan;
pub mod improvement;
pub mod journey;
pub mod licence;
pub mod licence_import;
pub mod locale;
pub mod notification;
pub mod org;
pub mod paging;
pub mod person;
pub mod presentation;
pub mod refusal;
pub mod role;
pub mod search_query;
pub mod text;
pub mod throttle;
pub mod walkthrough;

pub use locale::Locale;
pub use person::{Email, EmployeeNumber, FieldError, FieldErrors, Password, PersonName, TeamName};
pub use refusal::Refusal;
pub use role::{Role, RoleSet};
