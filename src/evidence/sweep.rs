//! The start-up sweep: files a crash left behind are removed before the app serves anyone. A
//! crash between writing a file and committing its row leaves a stored file no row names, and a
//! crash mid-upload leaves a temporary file in `.incoming/`; normally both are removed at once.
//!
//! Invariants:
//! - only files this app makes are touched: stored names (`storage::is_valid_name`), the
//!   temporaries of older versions (`.<stored name>.tmp`) and whatever is in `.incoming/`;
//!   anything else in the directory is left alone;
//! - a file is removed only when no evidence row names it and it was last changed more than
//!   `MIN_AGE` ago, so an upload still in progress (in another process) is never disturbed;
//! - a failing sweep is logged and never keeps the app from starting.

use super::storage::{Storage, is_valid_name};
use crate::db;
use std::collections::HashSet;
use std::path::Path;
use std::time::{Duration, SystemTime};

/// Files younger than this are left alone: an upload takes seconds, a slow one a few minutes.
pub const MIN_AGE: Duration = Duration::from_secs(10 * 60);

/// What a sweep did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Swept {
    /// Orphans removed.
    pub removed: usize,
    /// Files a row names.
    pub kept: usize,
    /// Orphans younger than `MIN_AGE`, left for now.
    pub young: usize,
}

/// Removes orphaned evidence files under `dir` (see the module invariants) and logs how many.
pub async fn sweep_orphans(pool: &db::Db, dir: &Path) {
    let referenced: HashSet<String> = match db::evidence::file_names(pool).await {
        Ok(names) => names.into_iter().collect(),
        Err(e) => {
            tracing::error!(error = %e, "evidence sweep skipped: could not list evidence files");
            return;
        }
    };
    match sweep(&Storage::new(dir), &referenced, MIN_AGE).await {
        Ok(swept) => tracing::info!(
            removed = swept.removed,
            kept = swept.kept,
            young = swept.young,
            dir = %dir.display(),
            "evidence orphans swept"
        ),
        Err(e) => {
            tracing::error!(error = %e, dir = %dir.display(), "evidence sweep failed");
        }
    }
}

/// The sweep itself, for any set of referenced names and minimum age.
pub async fn sweep(
    storage: &Storage,
    referenced: &HashSet<String>,
    min_age: Duration,
) -> std::io::Result<Swept> {
    let now = SystemTime::now();
    let mut swept = Swept::default();
    for (dir, all_ours) in [
        (storage.dir().to_owned(), false),
        (storage.incoming_dir(), true),
    ] {
        let mut entries = match tokio::fs::read_dir(&dir).await {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            entries => entries?,
        };
        while let Some(entry) = entries.next_entry().await? {
            let name = entry.file_name();
            let Some(name) = name.to_str() else { continue };
            let meta = entry.metadata().await?;
            if !meta.is_file() || !(all_ours || is_ours(name)) {
                continue;
            }
            if referenced.contains(name) {
                swept.kept += 1;
                continue;
            }
            let age = meta
                .modified()
                .ok()
                .and_then(|changed| now.duration_since(changed).ok())
                .unwrap_or_default();
            if age < min_age {
                swept.young += 1;
                continue;
            }
            match tokio::fs::remove_file(entry.path()).await {
                Ok(()) => swept.removed += 1,
                Err(e) => {
                    tracing::error!(error = %e, file = %entry.path().display(), "could not remove orphaned evidence file");
                }
            }
        }
    }
    Ok(swept)
}

/// A stored name, or an older version's temporary of one.
fn is_ours(name: &str) -> bool {
    is_valid_name(name)
        || name
            .strip_prefix('.')
            .and_then(|n| n.strip_suffix(".tmp"))
            .is_some_and(is_valid_name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evidence::storage::random_name;

    fn file(path: &Path, old: bool) {
        std::fs::write(path, b"x").expect("write");
        if old {
            let hour_ago = SystemTime::now() - Duration::from_secs(3600);
            std::fs::File::options()
                .write(true)
                .open(path)
                .and_then(|f| f.set_modified(hour_ago))
                .expect("age the file");
        }
    }

    #[tokio::test]
    async fn only_old_unreferenced_files_of_ours_are_removed() {
        let dir = tempfile::tempdir().expect("temp dir");
        let storage = Storage::new(dir.path().join("evidence"));
        std::fs::create_dir_all(storage.incoming_dir()).expect("dirs");
        let at = |name: &str| storage.dir().join(name);
        let (referenced, thumb) = (random_name("jpg", false), random_name("jpg", true));
        let (orphan, young) = (random_name("pdf", false), random_name("png", false));
        let legacy_temp = format!(".{}.tmp", random_name("webp", false));
        for (name, old) in [
            (&referenced, true),
            (&thumb, true),
            (&orphan, true),
            (&young, false),
            (&legacy_temp, true),
            (&"notities.txt".to_owned(), true),
        ] {
            file(&at(name), old);
        }
        file(&storage.incoming_dir().join("a.part"), true);
        file(&storage.incoming_dir().join("b.part"), false);
        let names = HashSet::from([referenced.clone(), thumb.clone()]);

        let swept = sweep(&storage, &names, MIN_AGE).await.expect("sweep");
        assert_eq!(
            swept,
            Swept {
                removed: 3,
                kept: 2,
                young: 2
            }
        );
        for kept in [&referenced, &thumb, &young, &"notities.txt".to_owned()] {
            assert!(at(kept).exists(), "{kept} kept");
        }
        assert!(!at(&orphan).exists() && !at(&legacy_temp).exists());
        assert!(!storage.incoming_dir().join("a.part").exists());
        assert!(storage.incoming_dir().join("b.part").exists());
        // A directory that is not there yet is nothing to sweep.
        let missing = Storage::new(dir.path().join("nergens"));
        assert_eq!(
            sweep(&missing, &names, MIN_AGE).await.expect("sweep"),
            Swept::default()
        );
    }
}
