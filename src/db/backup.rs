//! The database side of `backup` and `restore`: where the SQLite file is, a consistent copy of it
//! taken while the app writes (`vacuum into` reads one snapshot, so the copy is the database as
//! of one moment, whatever commits meanwhile), and the check a restored copy must pass.
//!
//! SQLite only by nature (a file, `vacuum into`, `pragma integrity_check`): a PostgreSQL database
//! is refused with [`POSTGRES_ADVICE`], its own tools do this job there.

use super::Db;
use sqlx::SqlitePool;
use sqlx::sqlite::SqliteConnectOptions;
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// What `backup`/`restore` say for a PostgreSQL database.
pub const POSTGRES_ADVICE: &str = "backup and restore copy a SQLite database; for PostgreSQL \
    back up with pg_dump and restore with pg_restore, and copy EVIDENCE_DIR alongside";

/// True for a `postgres://` (or `postgresql://`) URL.
pub fn is_postgres_url(url: &str) -> bool {
    url.starts_with("postgres://") || url.starts_with("postgresql://")
}

fn refused() -> sqlx::Error {
    sqlx::Error::Configuration(POSTGRES_ADVICE.into())
}

/// The SQLite pool, or the refusal above.
fn sqlite(db: &Db) -> Result<&SqlitePool, sqlx::Error> {
    match db {
        Db::Sqlite(pool) => Ok(pool),
        Db::Postgres(_) => Err(refused()),
    }
}

/// The database file a `sqlite://` URL names.
pub fn sqlite_file(url: &str) -> Result<PathBuf, sqlx::Error> {
    if is_postgres_url(url) {
        return Err(refused());
    }
    Ok(SqliteConnectOptions::from_str(url)?
        .get_filename()
        .to_path_buf())
}

/// Opens an existing database file without creating one (a backup of nothing is a mistake).
pub async fn open_existing(file: &Path) -> Result<Db, sqlx::Error> {
    let options = SqliteConnectOptions::new()
        .filename(file)
        .create_if_missing(false)
        .busy_timeout(std::time::Duration::from_secs(30));
    let pool = sqlx::sqlite::SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(options)
        .await?;
    Ok(Db::Sqlite(pool))
}

/// Writes a compact copy of the whole database, as of one moment, to `target` (which must not
/// exist yet).
pub async fn vacuum_into(db: &Db, target: &Path) -> Result<(), sqlx::Error> {
    sqlx::query("vacuum into $1")
        .bind(target.display().to_string())
        .execute(sqlite(db)?)
        .await
        .map(|_| ())
}

/// SQLite's own check of every page and index: "ok" when the file is sound.
pub async fn integrity(db: &Db) -> Result<String, sqlx::Error> {
    sqlx::query_scalar("pragma integrity_check")
        .fetch_one(sqlite(db)?)
        .await
}

/// Walkthroughs and evidence rows, for the summary a backup and a restore print.
pub async fn counts(db: &Db) -> Result<(i64, i64), sqlx::Error> {
    sqlx::query_as("select (select count(*) from walkthrough), (select count(*) from evidence)")
        .fetch_one(sqlite(db)?)
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_postgres_database_is_refused_with_the_advice() {
        let pool = sqlx::postgres::PgPoolOptions::new()
            .connect_lazy("postgres://krb@127.0.0.1:1/krb")
            .expect("lazy pool");
        let db = Db::Postgres(pool);
        let advice = |e: sqlx::Error| e.to_string().contains(POSTGRES_ADVICE);
        assert!(advice(integrity(&db).await.expect_err("integrity")));
        assert!(advice(counts(&db).await.expect_err("counts")));
        let target = std::env::temp_dir().join("krb-never-written.db");
        assert!(advice(vacuum_into(&db, &target).await.expect_err("vacuum")));
        assert!(advice(
            sqlite_file("postgresql://krb@db/krb").expect_err("file")
        ));
        assert!(sqlite_file("sqlite://data/krb.db").is_ok());
    }
}
