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
mod unported;

pub use backend::{Db, Dialect, Source, Tx, begin, numbered};
pub use connect::{PoolUse, connect, migrate, number, pending_migrations, ping, pool_use};
pub use session_store::{SessionStore, session_store};

use std::time::Duration;

/// A write transaction on SQLite (see [`begin_write`]); code written for both backends uses
/// [`Tx`] from [`begin`].
pub type WriteTx = sqlx::Transaction<'static, sqlx::Sqlite>;

/// One SQLite connection (inside a transaction, or acquired for several reads).
pub type Conn = sqlx::SqliteConnection;

/// How often [`begin_write`] asks again after SQLite still said "busy" (each after a busy wait).
const BEGIN_ATTEMPTS: u32 = 4;

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

/// Starts a transaction that will write, holding SQLite's write lock from the first statement.
///
/// sqlx's `begin()` is `BEGIN DEFERRED`: a transaction that reads before it writes then has to
/// upgrade its read snapshot to a write lock, and when another connection committed in between
/// SQLite refuses at once ("database is locked", SQLITE_BUSY_SNAPSHOT) without consulting the busy
/// timeout. `BEGIN IMMEDIATE` takes the lock up front, so the busy timeout makes it wait its turn;
/// if it still times out under a long queue, it is retried a bounded number of times.
/// Every transaction that writes starts here (PostgreSQL: a plain `BEGIN` will do).
pub async fn begin_write(db: &Db) -> Result<WriteTx, sqlx::Error> {
    let pool = db.sqlite()?;
    let mut attempt = 1;
    loop {
        let asked = std::time::Instant::now();
        let begun = pool.begin_with("begin immediate").await;
        crate::monitoring::acquire_wait(asked.elapsed());
        match begun {
            Err(e) if is_busy(&e) && attempt < BEGIN_ATTEMPTS => {
                tracing::warn!(attempt, error = %e, "database busy at begin; trying again");
                crate::monitoring::busy_retry();
                attempt += 1;
                tokio::time::sleep(Duration::from_millis(50 * u64::from(attempt))).await;
            }
            other => return other,
        }
    }
}

/// True when SQLite answered "busy"/"locked" (codes 5, 6 and their extended forms such as 517).
pub fn is_busy(err: &sqlx::Error) -> bool {
    err.as_database_error()
        .and_then(|db| db.code())
        .and_then(|code| code.parse::<i64>().ok())
        .is_some_and(|code| matches!(code & 0xff, 5 | 6))
}
