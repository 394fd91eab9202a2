//! The two databases the app runs on, chosen at start by `DATABASE_URL`: SQLite (`sqlite://…`,
//! the zero-configuration default) or PostgreSQL (`postgres://…`). One binary serves both.
//!
//! A database function is written once: [`on!`] runs its body with a connection of whichever
//! backend it got, so the body is compiled once per backend and its SQL is the same text for
//! both. SQL is written in the form both understand: `$1, $2, …` placeholders (SQLite reads them
//! too), `returning`, `coalesce`, `true`/`false`; where text is put together from pieces that
//! carry `?` placeholders, [`numbered`] numbers them. Where the two really differ (starting a
//! write, full-text search, dates) [`Dialect`] says it, in one place.
//!
//! Functions take `impl Source`: the pool ([`Db`]), a write transaction ([`Tx`]) or a connection
//! of either backend, so a caller inside a transaction passes it on.

use sqlx::pool::PoolConnection;
use sqlx::{Database, PgConnection, PgPool, Pool, Postgres, Sqlite, SqliteConnection, SqlitePool};
use std::borrow::Cow;

/// The database: a pool of connections to one of the two backends.
#[derive(Clone, Debug)]
pub enum Db {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// Which backend a statement runs on, for the few places their SQL differs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialect {
    Sqlite,
    Postgres,
}

impl Db {
    pub fn dialect(&self) -> Dialect {
        match self {
            Db::Sqlite(_) => Dialect::Sqlite,
            Db::Postgres(_) => Dialect::Postgres,
        }
    }

    /// Closes every connection (waits for those in use).
    pub async fn close(&self) {
        match self {
            Db::Sqlite(p) => p.close().await,
            Db::Postgres(p) => p.close().await,
        }
    }
}

/// Where a statement runs: a pool (a connection is taken for the body) or a connection already
/// held (inside a transaction).
pub enum Src<'a, DB: Database> {
    Pool(&'a Pool<DB>),
    Conn(&'a mut DB::Connection),
}

/// A connection for the length of one [`on!`] body.
pub enum Held<'a, DB: Database> {
    Pooled(PoolConnection<DB>),
    Borrowed(&'a mut DB::Connection),
}

impl<'a, DB: Database> Src<'a, DB> {
    /// Takes a connection from the pool, or keeps the one given.
    pub async fn hold(self) -> Result<Held<'a, DB>, sqlx::Error> {
        Ok(match self {
            Src::Pool(pool) => Held::Pooled(pool.acquire().await?),
            Src::Conn(conn) => Held::Borrowed(conn),
        })
    }
}

impl<DB: Database> Held<'_, DB> {
    pub fn conn(&mut self) -> &mut DB::Connection {
        match self {
            Held::Pooled(c) => c,
            Held::Borrowed(c) => c,
        }
    }
}

/// A [`Source`] seen as one backend's.
pub enum View<'a> {
    Sqlite(Src<'a, Sqlite>),
    Postgres(Src<'a, Postgres>),
}

/// Anything a statement can run on: the pool, a transaction, a connection.
pub trait Source<'a> {
    fn view(self) -> View<'a>;
}

impl<'a> Source<'a> for &'a Db {
    fn view(self) -> View<'a> {
        match self {
            Db::Sqlite(p) => View::Sqlite(Src::Pool(p)),
            Db::Postgres(p) => View::Postgres(Src::Pool(p)),
        }
    }
}

impl<'a> Source<'a> for &'a mut SqliteConnection {
    fn view(self) -> View<'a> {
        View::Sqlite(Src::Conn(self))
    }
}

impl<'a> Source<'a> for &'a mut PgConnection {
    fn view(self) -> View<'a> {
        View::Postgres(Src::Conn(self))
    }
}

impl<'a> Source<'a> for &'a mut sqlx::Transaction<'_, Sqlite> {
    fn view(self) -> View<'a> {
        View::Sqlite(Src::Conn(&mut **self))
    }
}

impl<'a> Source<'a> for &'a mut sqlx::Transaction<'_, Postgres> {
    fn view(self) -> View<'a> {
        View::Postgres(Src::Conn(&mut **self))
    }
}

impl<'a> Source<'a> for &'a mut Tx {
    fn view(self) -> View<'a> {
        match self {
            Tx::Sqlite(t) => View::Sqlite(Src::Conn(&mut **t)),
            Tx::Postgres(t) => View::Postgres(Src::Conn(&mut **t)),
        }
    }
}

/// Runs `$body` with `$c` bound to a connection (`&mut SqliteConnection` or `&mut PgConnection`)
/// of the backend `$src` is on, and `$d` (optional) to its [`Dialect`]. The body is compiled for
/// each backend; pass the connection on as `&mut *c`. A `?` inside returns a `sqlx::Error`.
macro_rules! on {
    ($src:expr, |$c:ident| $body:expr) => {
        $crate::db::backend::on!($src, |$c, _dialect| $body)
    };
    ($src:expr, |$c:ident, $d:tt| $body:expr) => {
        match $crate::db::backend::Source::view($src) {
            $crate::db::backend::View::Sqlite(src) => {
                let mut held = src.hold().await?;
                let $c = held.conn();
                #[allow(unused_variables)]
                let $d = $crate::db::backend::Dialect::Sqlite;
                $body
            }
            $crate::db::backend::View::Postgres(src) => {
                let mut held = src.hold().await?;
                let $c = held.conn();
                #[allow(unused_variables)]
                let $d = $crate::db::backend::Dialect::Postgres;
                $body
            }
        }
    };
}
pub(crate) use on;

/// A write transaction on either backend (see [`begin`]).
pub enum Tx {
    Sqlite(sqlx::Transaction<'static, Sqlite>),
    Postgres(sqlx::Transaction<'static, Postgres>),
}

impl Tx {
    pub async fn commit(self) -> Result<(), sqlx::Error> {
        match self {
            Tx::Sqlite(t) => t.commit().await,
            Tx::Postgres(t) => t.commit().await,
        }
    }

    pub async fn rollback(self) -> Result<(), sqlx::Error> {
        match self {
            Tx::Sqlite(t) => t.rollback().await,
            Tx::Postgres(t) => t.rollback().await,
        }
    }
}

/// The key of the advisory lock every PostgreSQL write transaction takes (any constant will do;
/// this one spells "krb").
const WRITE_LOCK: i64 = 0x6b_72_62;

/// Starts a transaction that will write, one writer at a time on either backend, so a
/// transaction that reads and then writes sees no other write in between:
/// - SQLite: `begin immediate` takes the database's write lock up front (sqlx's `begin()` is
///   deferred: a read-then-write transaction would fail at once when another committed between
///   its read and its write, without waiting). Under a long queue it is asked again a few times.
/// - PostgreSQL: `begin`, then a transaction-scoped advisory lock all writers share; it is
///   released at commit or rollback.
pub async fn begin(db: &Db) -> Result<Tx, sqlx::Error> {
    match db {
        Db::Sqlite(pool) => begin_immediate(pool).await.map(Tx::Sqlite),
        Db::Postgres(pool) => {
            let asked = std::time::Instant::now();
            let mut tx = pool.begin().await?;
            sqlx::query("select pg_advisory_xact_lock($1)")
                .bind(WRITE_LOCK)
                .execute(&mut *tx)
                .await?;
            crate::monitoring::acquire_wait(asked.elapsed());
            Ok(Tx::Postgres(tx))
        }
    }
}

/// How often [`begin_immediate`] asks again after SQLite still said "busy" (each after a busy
/// wait).
const BEGIN_ATTEMPTS: u32 = 4;

/// SQLite's `begin immediate`, asked again a bounded number of times when the busy timeout ran
/// out under a long queue of writers.
pub(super) async fn begin_immediate(
    pool: &SqlitePool,
) -> Result<sqlx::Transaction<'static, Sqlite>, sqlx::Error> {
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
                let pause = std::time::Duration::from_millis(50 * u64::from(attempt));
                tokio::time::sleep(pause).await;
            }
            other => return other,
        }
    }
}

/// True when SQLite answered "busy"/"locked" (codes 5, 6 and their extended forms such as 517).
fn is_busy(err: &sqlx::Error) -> bool {
    err.as_database_error()
        .and_then(|db| db.code())
        .and_then(|code| code.parse::<i64>().ok())
        .is_some_and(|code| matches!(code & 0xff, 5 | 6))
}

/// `sql` with its `?` placeholders numbered `$1, $2, …` in order (quoted text left alone), for
/// statements put together from pieces: both backends read the numbered form.
pub fn numbered(sql: &str) -> Cow<'_, str> {
    if !sql.contains('?') {
        return Cow::Borrowed(sql);
    }
    let mut out = String::with_capacity(sql.len() + 16);
    let (mut n, mut quoted) = (0, false);
    for ch in sql.chars() {
        match ch {
            '\'' => {
                quoted = !quoted;
                out.push(ch);
            }
            '?' if !quoted => {
                n += 1;
                out.push('$');
                out.push_str(&n.to_string());
            }
            _ => out.push(ch),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_numbered_outside_quotes() {
        assert_eq!(
            numbered("select a from t where b = ? and c = '?' and d in (?, ?)"),
            "select a from t where b = $1 and c = '?' and d in ($2, $3)"
        );
        assert!(matches!(numbered("select 1"), Cow::Borrowed(_)));
        assert_eq!(
            numbered("x = 'it''s ?' or y = ?"),
            "x = 'it''s ?' or y = $1"
        );
    }
}
