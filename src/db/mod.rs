//! All database access lives below this module (server only): SQLite or PostgreSQL, see
//! [`backend`]; nothing above names a database type.

pub mod access;
pub mod audit;
pub mod backup;
pub mod coverage;
pub mod evidence;
pub mod first_reminder;
pub mod import;
pub mod improvement;
pub mod journey;
pub mod licence;
pub mod licence_import;
pub mod notification;
pub mod org;
pub mod org_upkeep;
pub mod person;
pub mod presentation;
pub mod reminder;
pub mod throttle;
pub mod unique;

pub use unique::{is_violation_of, violated_unique};
pub mod walkthrough;

pub mod backend;
mod connect;
mod session_store;
mod sqlite_only;

pub use backend::{Db, Dialect, Source, Tx, begin, numbered};
pub use connect::{PoolUse, connect, migrate, number, pending_migrations, ping, pool_use};
pub use session_store::{SessionStore, session_store};

/// A write transaction on SQLite (see [`begin_write`]); code written for both backends uses
/// [`Tx`] from [`begin`].
pub type WriteTx = sqlx::Transaction<'static, sqlx::Sqlite>;

/// The "may edit" rule (`domain::walkthrough::access` gives `Edit`) as SQL, binding the
/// walkthrough id and then the person: it is theirs and still in progress. Every write repeats it
/// inside its own statement, so an access check made a moment earlier cannot be outrun (finished in
/// another tab, a second request in flight).
pub(crate) const OWNER_EDITS: &str = "exists (select 1 from walkthrough w
    where w.id = ? and w.person_id = ? and w.status = 'in_progress')";

/// Why a guarded write did not happen, beyond database failures (walkthroughs, presentations).
#[derive(Debug)]
pub enum WriteError {
    /// The row to change does not exist, or is not the caller's to change.
    NotFound,
    /// Someone saved in between: the version did not match.
    Conflict,
    /// A domain rule refused it; the translation key says why.
    Refused(crate::domain::Refusal),
    Db(sqlx::Error),
}

impl From<sqlx::Error> for WriteError {
    fn from(e: sqlx::Error) -> Self {
        WriteError::Db(e)
    }
}

/// What a refused or failed write becomes at the boundary: the database layer knows its own
/// outcomes, the error type stays free of database types.
impl From<WriteError> for crate::error::AppError {
    #[track_caller]
    fn from(e: WriteError) -> Self {
        use crate::error::AppError;
        match e {
            WriteError::NotFound => AppError::NotFound,
            WriteError::Conflict => AppError::Conflict,
            WriteError::Refused(reason) => AppError::Refused(reason),
            WriteError::Db(e) => AppError::internal("database write", e),
        }
    }
}

/// The current time as stored in `created_at`/`updated_at` columns.
pub fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::Utc::now()
}

/// A write transaction on SQLite itself, for code that is SQLite's by nature (the scale seeder's
/// bulk SQL); everything else starts with [`begin`], which takes the same lock on SQLite.
pub async fn begin_write(db: &Db) -> Result<WriteTx, sqlx::Error> {
    backend::begin_immediate(db.sqlite()?).await
}
