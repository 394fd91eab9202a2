//! The bridge for database code not yet written with `on!`: the pool still answers as a SQLite
//! executor, so such code runs unchanged on SQLite; on PostgreSQL it answers with an error
//! naming the gap instead of running SQLite's SQL. The app refuses a PostgreSQL URL at start
//! until no caller needs this module (`config::database_url`).

use super::backend::Db;
use futures_util::future::BoxFuture;
use futures_util::stream::BoxStream;
use sqlx::Describe;
use sqlx::{Either, Error, Execute, Executor, Sqlite, SqlitePool};

fn not_ported() -> Error {
    Error::Configuration("this part of the app does not run on PostgreSQL yet".into())
}

impl Db {
    /// The SQLite pool, or the error above.
    pub fn sqlite(&self) -> Result<&SqlitePool, Error> {
        match self {
            Db::Sqlite(pool) => Ok(pool),
            Db::Postgres(_) => Err(not_ported()),
        }
    }

    /// A connection of the SQLite pool (code not yet written for both backends).
    pub async fn acquire(&self) -> Result<sqlx::pool::PoolConnection<Sqlite>, Error> {
        self.sqlite()?.acquire().await
    }
}

impl<'p> Executor<'p> for &'p Db {
    type Database = Sqlite;

    fn fetch_many<'e, 'q: 'e, E>(
        self,
        query: E,
    ) -> BoxStream<
        'e,
        Result<Either<sqlx::sqlite::SqliteQueryResult, sqlx::sqlite::SqliteRow>, Error>,
    >
    where
        'p: 'e,
        E: 'q + Execute<'q, Sqlite>,
    {
        match self.sqlite() {
            Ok(pool) => pool.fetch_many(query),
            Err(e) => Box::pin(futures_util::stream::once(async move { Err(e) })),
        }
    }

    fn fetch_optional<'e, 'q: 'e, E>(
        self,
        query: E,
    ) -> BoxFuture<'e, Result<Option<sqlx::sqlite::SqliteRow>, Error>>
    where
        'p: 'e,
        E: 'q + Execute<'q, Sqlite>,
    {
        match self.sqlite() {
            Ok(pool) => pool.fetch_optional(query),
            Err(e) => Box::pin(async move { Err(e) }),
        }
    }

    fn prepare_with<'e, 'q: 'e>(
        self,
        sql: &'q str,
        parameters: &'e [sqlx::sqlite::SqliteTypeInfo],
    ) -> BoxFuture<'e, Result<sqlx::sqlite::SqliteStatement<'q>, Error>>
    where
        'p: 'e,
    {
        match self.sqlite() {
            Ok(pool) => pool.prepare_with(sql, parameters),
            Err(e) => Box::pin(async move { Err(e) }),
        }
    }

    fn describe<'e, 'q: 'e>(self, sql: &'q str) -> BoxFuture<'e, Result<Describe<Sqlite>, Error>>
    where
        'p: 'e,
    {
        match self.sqlite() {
            Ok(pool) => pool.describe(sql),
            Err(e) => Box::pin(async move { Err(e) }),
        }
    }
}
