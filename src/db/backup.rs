//! The database side of `backup` and `restore`: where the SQLite file is, a consistent copy of it
//! taken while the app writes (`vacuum into` reads one snapshot, so the copy is the database as
//! of one moment, whatever commits meanwhile), and the check a restored copy must pass.

use super::Db;
use sqlx::sqlite::SqliteConnectOptions;
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// The database file a `sqlite://` URL names.
pub fn sqlite_file(url: &str) -> Result<PathBuf, sqlx::Error> {
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
    sqlx::query("vacuum into ?")
        .bind(target.display().to_string())
        .execute(db)
        .await
        .map(|_| ())
}

/// SQLite's own check of every page and index: "ok" when the file is sound.
pub async fn integrity(db: &Db) -> Result<String, sqlx::Error> {
    sqlx::query_scalar("pragma integrity_check")
        .fetch_one(db)
        .await
}

/// Walkthroughs and evidence rows, for the summary a backup and a restore print.
pub async fn counts(db: &Db) -> Result<(i64, i64), sqlx::Error> {
    sqlx::query_as("select (select count(*) from walkthrough), (select count(*) from evidence)")
        .fetch_one(db)
        .await
}
