//! Evidence files on disk. Names are random (never the uploader's), files are written under a
//! temporary name and renamed into place, and paths are only ever built from names we made.
//!
//! Invariants:
//! - a file under a name `is_valid_name` accepts is complete: everything is first written (and
//!   flushed to disk) in `<dir>/.incoming/`, the same file system, and then renamed into place;
//! - `.incoming/` holds only unfinished files of requests in progress; whatever is left there
//!   after a crash, and every stored file no evidence row names, is removed at start-up
//!   (`sweep`);
//! - nothing but `random_name`s and `.incoming/` is ever created in the directory.

use std::io;
use std::path::{Path, PathBuf};

/// The evidence directory.
#[derive(Debug, Clone)]
pub struct Storage {
    dir: PathBuf,
}

const EXTENSIONS: [&str; 4] = ["jpg", "png", "webp", "pdf"];
const THUMB_SUFFIX: &str = "-thumb";
/// Subdirectory for files still being received or written.
pub const INCOMING_DIR: &str = ".incoming";

/// A fresh random name: 128 random bits in hex plus our own extension.
pub fn random_name(extension: &str, thumbnail: bool) -> String {
    let id: u128 = rand::random();
    let suffix = if thumbnail { THUMB_SUFFIX } else { "" };
    format!("{id:032x}{suffix}.{extension}")
}

/// True only for names `random_name` makes: 32 hex digits, optional thumb suffix, known extension.
/// Anything else (slashes, dots, another file) never reaches the file system.
pub fn is_valid_name(name: &str) -> bool {
    let Some((stem, ext)) = name.split_once('.') else {
        return false;
    };
    let hex = stem.strip_suffix(THUMB_SUFFIX).unwrap_or(stem);
    hex.len() == 32
        && hex.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
        && EXTENSIONS.contains(&ext)
}

impl Storage {
    pub fn new(dir: impl Into<PathBuf>) -> Storage {
        Storage { dir: dir.into() }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Where unfinished files live (see the module invariants).
    pub fn incoming_dir(&self) -> PathBuf {
        self.dir.join(INCOMING_DIR)
    }

    /// A new, empty temporary file in `.incoming/` under a random name nobody else has.
    pub async fn create_incoming(&self) -> io::Result<(PathBuf, tokio::fs::File)> {
        let dir = self.incoming_dir();
        tokio::fs::create_dir_all(&dir).await?;
        let id: u128 = rand::random();
        let path = dir.join(format!("{id:032x}.part"));
        let file = tokio::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .await?;
        Ok((path, file))
    }

    /// Moves a finished temporary file (from `create_incoming`) into place as `name`, after
    /// flushing it to disk.
    pub async fn adopt(&self, temp: &Path, name: &str) -> io::Result<()> {
        let target = self.path(name)?;
        tokio::fs::OpenOptions::new()
            .write(true)
            .open(temp)
            .await?
            .sync_all()
            .await?;
        tokio::fs::rename(temp, target).await
    }

    fn path(&self, name: &str) -> io::Result<PathBuf> {
        if is_valid_name(name) {
            Ok(self.dir.join(name))
        } else {
            Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "not an evidence storage name",
            ))
        }
    }

    /// Writes `bytes` as `name`: first to a temporary file in `.incoming/`, flushed to disk, then
    /// renamed, so a crash never leaves a half-written file under a name the database points to.
    pub async fn write(&self, name: &str, bytes: &[u8]) -> io::Result<()> {
        use tokio::io::AsyncWriteExt;
        let target = self.path(name)?;
        let (temp, mut file) = self.create_incoming().await?;
        let written = async {
            file.write_all(bytes).await?;
            file.sync_all().await?;
            drop(file);
            tokio::fs::rename(&temp, &target).await
        }
        .await;
        if written.is_err() {
            let _ = tokio::fs::remove_file(&temp).await;
        }
        written
    }

    pub async fn read(&self, name: &str) -> io::Result<Vec<u8>> {
        tokio::fs::read(self.path(name)?).await
    }

    /// Removes a file; one that is already gone counts as removed.
    pub async fn remove(&self, name: &str) -> io::Result<()> {
        match tokio::fs::remove_file(self.path(name)?).await {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }

    /// Removes files after a failed or undone save, logging what could not be removed.
    pub async fn remove_quietly(&self, names: &[&str]) {
        for name in names {
            if let Err(e) = self.remove(name).await {
                tracing::error!(error = %e, file = %name, "could not remove evidence file");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_random_and_recognisable() {
        let a = random_name("jpg", false);
        let b = random_name("jpg", false);
        assert_ne!(a, b);
        assert!(is_valid_name(&a));
        assert!(is_valid_name(&random_name("pdf", true)));
        assert!(a.ends_with(".jpg") && a.len() == 36);
        for bad in [
            "../etc/passwd",
            "0123456789abcdef0123456789abcdef.exe",
            "0123456789abcdef0123456789abcdef.jpg/..",
            "0123456789ABCDEF0123456789ABCDEF.jpg",
            "foto.jpg",
            "",
            ".0123456789abcdef0123456789abcdef.jpg.tmp",
        ] {
            assert!(!is_valid_name(bad), "{bad}");
        }
    }

    #[tokio::test]
    async fn write_read_remove_round_trip() {
        let dir = tempfile::tempdir().expect("temp dir");
        let storage = Storage::new(dir.path().join("evidence"));
        let name = random_name("pdf", false);
        storage.write(&name, b"%PDF-1.4").await.expect("write");
        assert_eq!(storage.read(&name).await.expect("read"), b"%PDF-1.4");
        let mut entries: Vec<_> = std::fs::read_dir(storage.dir())
            .expect("list")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        let mut expected = vec![name.clone(), INCOMING_DIR.to_owned()];
        expected.sort();
        entries.sort();
        assert_eq!(entries, expected);
        let incoming = std::fs::read_dir(storage.incoming_dir()).expect("list incoming");
        assert_eq!(incoming.count(), 0, "no temporary file left");
        storage.remove(&name).await.expect("remove");
        storage.remove(&name).await.expect("removing twice is fine");
        assert!(storage.read("../secret").await.is_err());
    }

    #[tokio::test]
    async fn received_files_are_adopted_by_renaming() {
        use tokio::io::AsyncWriteExt;
        let dir = tempfile::tempdir().expect("temp dir");
        let storage = Storage::new(dir.path().join("evidence"));
        let (temp, mut file) = storage.create_incoming().await.expect("temp file");
        assert!(temp.starts_with(storage.incoming_dir()));
        file.write_all(b"%PDF-1.7").await.expect("write");
        drop(file);
        let name = random_name("pdf", false);
        storage.adopt(&temp, &name).await.expect("adopt");
        assert!(!temp.exists());
        assert_eq!(storage.read(&name).await.expect("read"), b"%PDF-1.7");
        assert!(
            storage.adopt(&temp, "../x.pdf").await.is_err(),
            "only our names"
        );
    }
}
