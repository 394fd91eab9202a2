//! The SQLite pool itself, for the few things that are SQLite's by nature (the backup copy, the
//! scale seeder's bulk SQL): on PostgreSQL they get an error saying so instead of SQLite's SQL.

use super::backend::Db;
use sqlx::{Error, SqlitePool};

fn sqlite_only() -> Error {
    Error::Configuration("this runs on SQLite only".into())
}

impl Db {
    /// The SQLite pool, or the error above.
    pub fn sqlite(&self) -> Result<&SqlitePool, Error> {
        match self {
            Db::Sqlite(pool) => Ok(pool),
            Db::Postgres(_) => Err(sqlite_only()),
        }
    }
}
