//! All database access lives below this module (server only). Swap the pool type here for PostgreSQL later.

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

use sqlx::SqlitePool;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use std::str::FromStr;
use std::time::Duration;

pub type Db = SqlitePool;

/// A write transaction (see [`begin_write`]).
pub type WriteTx = sqlx::Transaction<'static, sqlx::Sqlite>;

/// One connection of the pool (inside a transaction, or acquired for several reads).
pub type Conn = sqlx::SqliteConnection;

/// Where sessions are kept: the `session` table of this database.
pub type SessionStore = tower_sessions_sqlx_store::SqliteStore;

/// The session store over `db`, its table created when missing.
pub async fn session_store(db: &Db) -> Result<SessionStore, sqlx::Error> {
    let store = SessionStore::new(db.clone())
        .with_table_name("session")
        .map_err(|e| sqlx::Error::Configuration(e.into()))?;
    store.migrate().await?;
    Ok(store)
}

/// How long one connection waits for another writer before SQLite answers "busy".
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);
/// How much of the database file readers map into memory (address space, not memory in use).
const MMAP_SIZE: u64 = 1 << 30;
/// How often [`begin_write`] asks again after SQLite still said "busy" (each after a busy wait).
const BEGIN_ATTEMPTS: u32 = 4;

/// Opens the database, creating the file and its directory when missing, in WAL mode with foreign keys on.
pub async fn connect(url: &str) -> Result<Db, sqlx::Error> {
    let options = SqliteConnectOptions::from_str(url)?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .foreign_keys(true)
        .busy_timeout(BUSY_TIMEOUT)
        // Readers on every connection share the operating system's cache of the file instead of
        // each copying pages into its own 2 MB cache (measured: the inbox's count at 10,000
        // employees went from 5.9 ms in the app to the 2 ms it takes one warm connection).
        .pragma("mmap_size", MMAP_SIZE.to_string());
    if let Some(dir) = std::path::Path::new(options.get_filename()).parent()
        && !dir.as_os_str().is_empty()
    {
        std::fs::create_dir_all(dir).map_err(sqlx::Error::Io)?;
    }
    SqlitePoolOptions::new()
        .max_connections(8)
        // Many people saving at once queue for a connection; a save should wait, not fail.
        .acquire_timeout(Duration::from_secs(30))
        .connect_with(options)
        .await
}

/// The SQLite migrations in `migrations/sqlite/`, embedded at compile time.
static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");

/// Applies pending migrations from `migrations/sqlite/` (embedded at compile time).
pub async fn migrate(db: &Db) -> Result<(), sqlx::migrate::MigrateError> {
    MIGRATOR.run(db).await?;
    // What a migration cannot compute in SQL (Amsterdam calendar days); nothing on later starts.
    improvement::tally::backfill(db).await?;
    Ok(())
}

/// How many of the migrations this binary carries are not (successfully) applied to `db`: a
/// readiness check, since an instance of a newer version may be serving an older schema.
pub async fn pending_migrations(db: &Db) -> Result<usize, sqlx::Error> {
    let applied: Vec<i64> =
        sqlx::query_scalar("select version from _sqlx_migrations where success = true")
            .fetch_all(db)
            .await?;
    Ok(MIGRATOR
        .iter()
        .filter(|m| !applied.contains(&m.version))
        .count())
}

/// How the pool's connections are used right now, for the metrics.
pub struct PoolUse {
    pub in_use: u64,
    pub idle: u64,
    pub max: u64,
}

pub fn pool_use(db: &Db) -> PoolUse {
    let size = u64::from(db.size());
    let idle = u64::try_from(db.num_idle()).unwrap_or(u64::MAX);
    PoolUse {
        in_use: size.saturating_sub(idle),
        idle,
        max: u64::from(db.options().get_max_connections()),
    }
}

/// One cheap round-trip, for the health check.
pub async fn ping(db: &Db) -> Result<(), sqlx::Error> {
    sqlx::query_scalar::<_, i64>("select 1")
        .fetch_one(db)
        .await
        .map(|_| ())
}

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
    let mut attempt = 1;
    loop {
        let asked = std::time::Instant::now();
        let begun = db.begin_with("begin immediate").await;
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
