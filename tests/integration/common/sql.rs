//! SQL a test runs beside the app, on whichever database the app runs on (SQLite, or PostgreSQL
//! with `KRB_TEST_DATABASE=postgres`). Write it with `$1, $2, …` placeholders (both read them)
//! and pass the values as [`Arg`]s: `app.scalar::<i64>("select id from person where email = $1",
//! &[EMPLOYEE.into()])`. Results decode into any type both backends decode (i64, String, bool,
//! `DateTime<Utc>`, `NaiveDate`, options and tuples of them, `FromRow` structs).

use chrono::{DateTime, NaiveDate, Utc};
use klantenrijbewijs::db::Db;
use sqlx::{Postgres, Sqlite};

/// One value bound to a placeholder.
#[derive(Debug, Clone)]
pub enum Arg {
    Int(i64),
    Text(String),
    Bool(bool),
    Time(DateTime<Utc>),
    Day(NaiveDate),
    /// A `time` moment, bound as `time` binds it (the session store's `expiry_date`).
    Moment(time::OffsetDateTime),
    NullInt,
    NullText,
}

impl From<i64> for Arg {
    fn from(v: i64) -> Self {
        Arg::Int(v)
    }
}
impl From<&str> for Arg {
    fn from(v: &str) -> Self {
        Arg::Text(v.to_owned())
    }
}
impl From<String> for Arg {
    fn from(v: String) -> Self {
        Arg::Text(v)
    }
}
impl From<&String> for Arg {
    fn from(v: &String) -> Self {
        Arg::Text(v.clone())
    }
}
impl From<bool> for Arg {
    fn from(v: bool) -> Self {
        Arg::Bool(v)
    }
}
impl From<DateTime<Utc>> for Arg {
    fn from(v: DateTime<Utc>) -> Self {
        Arg::Time(v)
    }
}
impl From<NaiveDate> for Arg {
    fn from(v: NaiveDate) -> Self {
        Arg::Day(v)
    }
}
impl From<Option<i64>> for Arg {
    fn from(v: Option<i64>) -> Self {
        v.map_or(Arg::NullInt, Arg::Int)
    }
}
impl From<&i64> for Arg {
    fn from(v: &i64) -> Self {
        Arg::Int(*v)
    }
}
impl From<&DateTime<Utc>> for Arg {
    fn from(v: &DateTime<Utc>) -> Self {
        Arg::Time(*v)
    }
}
impl From<Option<String>> for Arg {
    fn from(v: Option<String>) -> Self {
        v.map_or(Arg::NullText, Arg::Text)
    }
}
impl From<&&str> for Arg {
    fn from(v: &&str) -> Self {
        Arg::Text((*v).to_owned())
    }
}
impl From<time::OffsetDateTime> for Arg {
    fn from(v: time::OffsetDateTime) -> Self {
        Arg::Moment(v)
    }
}
impl From<&Option<&str>> for Arg {
    fn from(v: &Option<&str>) -> Self {
        (*v).into()
    }
}
impl From<Option<&str>> for Arg {
    fn from(v: Option<&str>) -> Self {
        v.map_or(Arg::NullText, |s| Arg::Text(s.to_owned()))
    }
}

/// Binds `args` in order to a query of either backend (one macro so the two stay the same).
macro_rules! bind_all {
    ($query:expr, $args:expr) => {{
        let mut q = $query;
        for arg in $args {
            q = match arg {
                Arg::Int(v) => q.bind(*v),
                Arg::Text(v) => q.bind(v.clone()),
                Arg::Bool(v) => q.bind(*v),
                Arg::Time(v) => q.bind(*v),
                Arg::Day(v) => q.bind(*v),
                Arg::Moment(v) => q.bind(*v),
                Arg::NullInt => q.bind(None::<i64>),
                Arg::NullText => q.bind(None::<String>),
            };
        }
        q
    }};
}

/// A row type both backends decode.
pub trait Decoded:
    for<'r> sqlx::FromRow<'r, sqlx::sqlite::SqliteRow>
    + for<'r> sqlx::FromRow<'r, sqlx::postgres::PgRow>
    + Send
    + Unpin
{
}

impl<T> Decoded for T where
    T: for<'r> sqlx::FromRow<'r, sqlx::sqlite::SqliteRow>
        + for<'r> sqlx::FromRow<'r, sqlx::postgres::PgRow>
        + Send
        + Unpin
{
}

/// Runs a statement; the rows it changed.
pub async fn exec(db: &Db, sql: &str, args: &[Arg]) -> u64 {
    try_exec(db, sql, args)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

/// Runs a statement that may be refused; the rows it changed, or the database's error.
pub async fn try_exec(db: &Db, sql: &str, args: &[Arg]) -> Result<u64, sqlx::Error> {
    match db {
        Db::Sqlite(p) => bind_all!(sqlx::query::<Sqlite>(sql), args)
            .execute(p)
            .await
            .map(|r| r.rows_affected()),
        Db::Postgres(p) => bind_all!(sqlx::query::<Postgres>(sql), args)
            .execute(p)
            .await
            .map(|r| r.rows_affected()),
    }
}

/// Every row, each as `T`.
pub async fn rows<T>(db: &Db, sql: &str, args: &[Arg]) -> Vec<T>
where
    T: Decoded,
{
    let result = match db {
        Db::Sqlite(p) => {
            bind_all!(sqlx::query_as::<Sqlite, T>(sql), args)
                .fetch_all(p)
                .await
        }
        Db::Postgres(p) => {
            bind_all!(sqlx::query_as::<Postgres, T>(sql), args)
                .fetch_all(p)
                .await
        }
    };
    result.unwrap_or_else(|e| panic!("{sql}: {e}"))
}

/// The one row `sql` must answer, as `T`.
pub async fn row<T>(db: &Db, sql: &str, args: &[Arg]) -> T
where
    T: Decoded,
{
    rows::<T>(db, sql, args)
        .await
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("{sql}: no row"))
}

/// The first column of every row.
pub async fn column<T>(db: &Db, sql: &str, args: &[Arg]) -> Vec<T>
where
    (T,): Decoded,
{
    rows::<(T,)>(db, sql, args)
        .await
        .into_iter()
        .map(|(v,)| v)
        .collect()
}

/// The first column of the one row `sql` must answer.
pub async fn scalar<T>(db: &Db, sql: &str, args: &[Arg]) -> T
where
    (T,): Decoded,
{
    column::<T>(db, sql, args)
        .await
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("{sql}: no row"))
}
