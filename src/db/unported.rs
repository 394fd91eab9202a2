//! The SQLite pool itself, for the few things that are SQLite's by nature (the backup copy, the
//! scale seeder's bulk SQL): on PostgreSQL they get an error saying so instead of SQLite's SQL.

use super::backend::Db;
use sqlx::{Error, Sqlite, SqlitePool};

fn not_ported() -> Error {
    Error::Configuration("this runs on SQLite only".into())
}

impl Db {
    /// The SQLite pool, or the error above.
    pub fn sqlite(&self) -> Result<&SqlitePool, Error> {
        match self {
            Db::Sqlite(pool) => Ok(pool),
            Db::Postgres(_) => Err(not_ported()),
        }
    }

    /// A connection of the SQLite pool.
    pub async fn acquire(&self) -> Result<sqlx::pool::PoolConnection<Sqlite>, Error> {
        self.sqlite()?.acquire().await
    }
}
