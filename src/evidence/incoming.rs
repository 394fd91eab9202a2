//! Receiving the file of an upload: streamed chunk by chunk into a temporary file in
//! `<evidence dir>/.incoming/`, never held whole in memory.
//!
//! Invariants:
//! - at most the file limit ever reaches the disk: the chunk that would go over it is not
//!   written, reading stops there, the partial file is removed and the answer is "too large";
//! - a `TempFile` removes its file when dropped, however the request ends (answered, refused, or
//!   dropped because the client went away), so only a crash can leave one behind (and the
//!   start-up sweep removes those);
//! - a client that sends nothing for `IDLE` is cut off, so a stalled upload cannot hold its share
//!   of the upload budget.

use super::form::multipart_failure;
use super::reply::Failure;
use super::storage::Storage;
use crate::domain::evidence as rules;
use axum::extract::multipart::Field;
use axum::http::StatusCode;
use std::path::{Path, PathBuf};
use std::time::Duration;
use tokio::io::AsyncWriteExt;

/// The longest a client may stay silent in the middle of its file.
pub(super) const IDLE: Duration = Duration::from_secs(30);
/// Bytes kept from the start of the file to decide its type (`rules::sniff`).
const HEAD_BYTES: usize = 16;
/// Writes go to the file in blocks of this size rather than per network chunk.
const WRITE_BUFFER: usize = 64 * 1024;

/// A temporary file that is removed when this is dropped (unless it was renamed away first).
#[derive(Debug)]
pub(super) struct TempFile {
    path: PathBuf,
}

impl TempFile {
    pub(super) fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        // A quick unlink; after a rename into place the file is simply not there any more.
        match std::fs::remove_file(&self.path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                tracing::error!(error = %e, file = %self.path.display(), "could not remove temporary evidence file");
            }
            _ => {}
        }
    }
}

/// A file that arrived whole and within the limit.
#[derive(Debug)]
pub(super) struct Received {
    pub(super) temp: TempFile,
    pub(super) len: u64,
    /// The first bytes, to decide the type by content.
    pub(super) head: Vec<u8>,
    pub(super) original_name: String,
}

/// Streams the `file` part to a temporary file. `Ok(None)`: a file input left empty (browsers
/// still send a part, with no name and no bytes).
pub(super) async fn receive(
    mut field: Field<'_>,
    storage: &Storage,
    max_bytes: u64,
) -> Result<Option<Received>, Failure> {
    let original_name = field
        .file_name()
        .filter(|n| !n.is_empty())
        .map(rules::display_name);
    let mut out: Option<(TempFile, tokio::io::BufWriter<tokio::fs::File>)> = None;
    let mut len = 0u64;
    let mut head = Vec::with_capacity(HEAD_BYTES);
    loop {
        let chunk = match tokio::time::timeout(IDLE, field.chunk()).await {
            Ok(chunk) => chunk.map_err(multipart_failure)?,
            Err(_) => {
                tracing::info!(received = len, "evidence upload stalled; cut off");
                return Err(Failure::new(
                    StatusCode::REQUEST_TIMEOUT,
                    "error-bad-request",
                ));
            }
        };
        let Some(chunk) = chunk else { break };
        if chunk.is_empty() {
            continue;
        }
        len += chunk.len() as u64;
        if len > max_bytes {
            // `out` is dropped on return: the partial file goes with it.
            tracing::info!(max_bytes, "evidence upload over the limit; reading stopped");
            return Err(Failure::too_large());
        }
        let keep = HEAD_BYTES.saturating_sub(head.len()).min(chunk.len());
        head.extend_from_slice(&chunk[..keep]);
        if out.is_none() {
            let (path, file) = storage.create_incoming().await.map_err(|e| {
                tracing::error!(error = %e, dir = %storage.incoming_dir().display(), "could not create temporary evidence file");
                Failure::internal()
            })?;
            let writer = tokio::io::BufWriter::with_capacity(WRITE_BUFFER, file);
            out = Some((TempFile { path }, writer));
        }
        if let Some((temp, writer)) = out.as_mut() {
            writer
                .write_all(&chunk)
                .await
                .map_err(|e| write_failure(&e, temp))?;
        }
    }
    let Some((temp, mut writer)) = out else {
        return match original_name {
            // A named file without bytes: chosen, but empty.
            Some(_) => Err(Failure::field("file", rules::ERROR_EMPTY)),
            None => Ok(None),
        };
    };
    writer.flush().await.map_err(|e| write_failure(&e, &temp))?;
    Ok(Some(Received {
        temp,
        len,
        head,
        original_name: original_name.unwrap_or_else(|| rules::display_name("")),
    }))
}

fn write_failure(e: &std::io::Error, temp: &TempFile) -> Failure {
    tracing::error!(error = %e, file = %temp.path().display(), "could not write temporary evidence file");
    Failure::internal()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_temp_file_is_removed_when_dropped() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("x.part");
        std::fs::write(&path, b"half").expect("write");
        drop(TempFile { path: path.clone() });
        assert!(!path.exists());
        // Already gone (renamed into place) is fine.
        drop(TempFile { path });
    }
}
