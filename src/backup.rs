//! `klantenrijbewijs backup <dir>` and `restore <dir>`: a copy of the SQLite database and of the
//! evidence files it names, taken while the app runs, and putting such a copy back.
//!
//! Invariants:
//! - the database copy is one moment of the database (`db::backup::vacuum_into`), taken first;
//!   the files copied are exactly those that copy names, so a photo uploaded a moment later is
//!   neither in the copy's rows nor among its files;
//! - a named file the app had already deleted (its row removed after the moment of the copy) is
//!   reported as missing, never silently skipped;
//! - nothing is overwritten: a backup goes into a new or empty directory; a restore refuses a
//!   place that already holds a database or evidence unless told to replace them;
//! - a restore checks the copy (`pragma integrity_check`) before it touches anything, and puts
//!   the database into place by renaming a complete file.
//!
//! SQLite only: with a PostgreSQL `DATABASE_URL` both refuse and say to use `pg_dump` and
//! `pg_restore` plus a copy of `EVIDENCE_DIR` (`db::backup::POSTGRES_ADVICE`).

use crate::config::Config;
use crate::db;
use crate::evidence::storage::is_valid_name;
use std::path::{Path, PathBuf};

/// The database's name inside a backup directory.
pub const DATABASE_FILE: &str = "krb.db";
/// The evidence files' directory inside a backup directory.
pub const EVIDENCE_DIR: &str = "evidence";

/// What a backup or a restore did, for the line it prints.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Summary {
    pub walkthroughs: i64,
    pub evidence_rows: i64,
    pub files: usize,
    pub bytes: u64,
    /// Files the database names that were not there to copy.
    pub missing: Vec<String>,
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} walkthroughs, {} evidence rows, {} files ({} bytes)",
            self.walkthroughs, self.evidence_rows, self.files, self.bytes
        )?;
        if !self.missing.is_empty() {
            write!(
                f,
                "; {} named files missing: {}",
                self.missing.len(),
                self.missing.join(", ")
            )?;
        }
        Ok(())
    }
}

fn err(what: &str, path: &Path, e: impl std::fmt::Display) -> String {
    format!("{what} {}: {e}", path.display())
}

/// True when `dir` does not exist or holds nothing.
fn is_empty_dir(dir: &Path) -> Result<bool, String> {
    match std::fs::read_dir(dir) {
        Ok(mut entries) => Ok(entries.next().is_none()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(true),
        Err(e) => Err(err("cannot read", dir, e)),
    }
}

/// Copies the files `names` from `from` to `to` (created); names that are not ours are refused,
/// absent ones are reported.
async fn copy_files(from: &Path, to: &Path, names: &[String]) -> Result<Summary, String> {
    tokio::fs::create_dir_all(to)
        .await
        .map_err(|e| err("cannot create", to, e))?;
    let mut summary = Summary::default();
    for name in names {
        if !is_valid_name(name) {
            return Err(format!(
                "the database names a file that is not the app's: {name:?}"
            ));
        }
        match tokio::fs::copy(from.join(name), to.join(name)).await {
            Ok(bytes) => {
                summary.files += 1;
                summary.bytes += bytes;
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                summary.missing.push(name.clone())
            }
            Err(e) => return Err(err("cannot copy", &from.join(name), e)),
        }
    }
    Ok(summary)
}

/// The SQLite file `DATABASE_URL` names; for PostgreSQL, the advice to use its own tools.
fn database_file(config: &Config) -> Result<PathBuf, String> {
    if db::backup::is_postgres_url(&config.database_url) {
        return Err(db::backup::POSTGRES_ADVICE.to_owned());
    }
    db::backup::sqlite_file(&config.database_url).map_err(|e| e.to_string())
}

/// Backs the running app's database and evidence up into `dir` (new or empty).
pub async fn backup(config: &Config, dir: &Path) -> Result<Summary, String> {
    let source = database_file(config)?;
    if !source.exists() {
        return Err(err("no database at", &source, "nothing to back up"));
    }
    if !is_empty_dir(dir)? {
        return Err(format!(
            "{} is not empty: a backup goes into a new or empty directory",
            dir.display()
        ));
    }
    std::fs::create_dir_all(dir).map_err(|e| err("cannot create", dir, e))?;
    let copy = dir.join(DATABASE_FILE);
    let live = db::backup::open_existing(&source)
        .await
        .map_err(|e| err("cannot open", &source, e))?;
    db::backup::vacuum_into(&live, &copy)
        .await
        .map_err(|e| err("cannot copy the database to", &copy, e))?;
    live.close().await;
    // The files the copy names, not the ones the live database names a moment later.
    let content = read_copy(&copy, false).await?;
    content
        .copy_files(&config.evidence_dir, &dir.join(EVIDENCE_DIR))
        .await
}

/// Puts the backup in `dir` in the place of the (stopped) app's database and evidence; with
/// `replace` what is there is removed first, otherwise a place already in use is refused.
pub async fn restore(config: &Config, dir: &Path, replace: bool) -> Result<Summary, String> {
    let target = database_file(config)?;
    let copy = dir.join(DATABASE_FILE);
    if !copy.exists() {
        return Err(err(
            "no backup at",
            &copy,
            "expected the database copy there",
        ));
    }
    let companions = [suffixed(&target, "-wal"), suffixed(&target, "-shm")];
    let in_use = target.exists() || companions.iter().any(|p| p.exists());
    let evidence_in_use = !is_empty_dir(&config.evidence_dir)?;
    if (in_use || evidence_in_use) && !replace {
        return Err(format!(
            "{} or {} already holds data: stop the app and restore with --replace to put the backup in its place",
            target.display(),
            config.evidence_dir.display()
        ));
    }
    let content = read_copy(&copy, true).await?;

    if let Some(parent) = target.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| err("cannot create", parent, e))?;
    }
    // A complete file under a temporary name, then renamed: never half a database in place.
    let incoming = suffixed(&target, ".restoring");
    std::fs::copy(&copy, &incoming).map_err(|e| err("cannot copy to", &incoming, e))?;
    for path in std::iter::once(&target).chain(companions.iter()) {
        match std::fs::remove_file(path) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(err("cannot remove", path, e)),
        }
    }
    std::fs::rename(&incoming, &target).map_err(|e| err("cannot put in place", &target, e))?;
    if evidence_in_use {
        remove_stored_files(&config.evidence_dir)?;
    }
    content
        .copy_files(&dir.join(EVIDENCE_DIR), &config.evidence_dir)
        .await
}

/// What a database copy holds: the evidence files it names and its counts for the summary.
struct CopyContent {
    names: Vec<String>,
    walkthroughs: i64,
    evidence_rows: i64,
}

impl CopyContent {
    /// Copies the named files and sums up.
    async fn copy_files(self, from: &Path, to: &Path) -> Result<Summary, String> {
        let mut summary = copy_files(from, to, &self.names).await?;
        summary.walkthroughs = self.walkthroughs;
        summary.evidence_rows = self.evidence_rows;
        Ok(summary)
    }
}

/// Reads the database copy at `copy`, after SQLite's integrity check when `check` (a copy about
/// to be put in place; a backup just written by `vacuum into` needs none).
async fn read_copy(copy: &Path, check: bool) -> Result<CopyContent, String> {
    let db = db::backup::open_existing(copy)
        .await
        .map_err(|e| err("cannot open", copy, e))?;
    if check {
        let integrity = db::backup::integrity(&db)
            .await
            .map_err(|e| err("cannot check", copy, e))?;
        if integrity != "ok" {
            return Err(err("the backup is damaged:", copy, integrity));
        }
    }
    let names = db::evidence::file_names(&db)
        .await
        .map_err(|e| err("cannot list the evidence of", copy, e))?;
    let (walkthroughs, evidence_rows) = db::backup::counts(&db)
        .await
        .map_err(|e| err("cannot count in", copy, e))?;
    db.close().await;
    Ok(CopyContent {
        names,
        walkthroughs,
        evidence_rows,
    })
}

/// `path` with `suffix` appended to its file name (`krb.db` → `krb.db-wal`).
fn suffixed(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Removes the app's own files (stored names) from an evidence directory being replaced.
fn remove_stored_files(dir: &Path) -> Result<(), String> {
    let entries = std::fs::read_dir(dir).map_err(|e| err("cannot read", dir, e))?;
    for entry in entries {
        let entry = entry.map_err(|e| err("cannot read", dir, e))?;
        let name = entry.file_name();
        if name.to_str().is_some_and(is_valid_name) {
            std::fs::remove_file(entry.path())
                .map_err(|e| err("cannot remove", &entry.path(), e))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn companions_are_named_after_the_database() {
        assert_eq!(
            suffixed(Path::new("data/krb.db"), "-wal"),
            PathBuf::from("data/krb.db-wal")
        );
    }

    #[test]
    fn a_missing_directory_counts_as_empty() {
        let dir = tempfile::tempdir().expect("dir");
        assert!(is_empty_dir(&dir.path().join("nothing")).expect("read"));
        assert!(is_empty_dir(dir.path()).expect("read"));
        std::fs::write(dir.path().join("x"), b"x").expect("write");
        assert!(!is_empty_dir(dir.path()).expect("read"));
    }

    #[tokio::test]
    async fn postgres_is_left_to_its_own_tools() {
        let mut config = Config::from_lookup(|_| None).expect("defaults");
        config.database_url = "postgres://krb@127.0.0.1:1/krb".to_owned();
        let dir = tempfile::tempdir().expect("dir");
        let backed_up = backup(&config, dir.path()).await;
        let restored = restore(&config, dir.path(), true).await;
        for refused in [backed_up, restored] {
            let e = refused.expect_err("refused for PostgreSQL");
            assert!(
                ["pg_dump", "pg_restore", "EVIDENCE_DIR"]
                    .iter()
                    .all(|w| e.contains(w)),
                "{e}"
            );
        }
        assert!(is_empty_dir(dir.path()).expect("read"), "nothing written");
    }

    #[tokio::test]
    async fn files_not_made_by_the_app_are_refused_and_absent_ones_reported() {
        let (from, to) = (
            tempfile::tempdir().expect("dir"),
            tempfile::tempdir().expect("dir"),
        );
        let name = crate::evidence::storage::random_name("jpg", false);
        std::fs::write(from.path().join(&name), b"photo").expect("write");
        let absent = crate::evidence::storage::random_name("png", true);
        let copied = copy_files(from.path(), to.path(), &[name.clone(), absent.clone()])
            .await
            .expect("copy");
        assert_eq!((copied.files, copied.bytes), (1, 5));
        assert_eq!(copied.missing, vec![absent]);
        assert!(
            copy_files(from.path(), to.path(), &["../x.jpg".to_owned()])
                .await
                .is_err()
        );
    }
}
