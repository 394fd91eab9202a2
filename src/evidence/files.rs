//! Checking and storing one file: size, type by content, a clean re-encode with thumbnail for
//! images, written under random names (and removed again when the database says no).

use super::form::FilePart;
use super::process::{self, ImageRules};
use super::reply::Failure;
use super::storage::{self, Storage};
use crate::db;
use crate::domain::evidence::{self as rules, EvidenceKind};
use axum::http::StatusCode;

/// Images decoded at the same time. Each holds its decoded pixels (a 12-megapixel photo is ~36 MB,
/// briefly several copies), so a burst of uploads waits its turn instead of exhausting memory; two
/// matches the cores of the machines this runs on.
static IMAGE_WORK: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(2);

/// A file that passed every check and is ready to be written.
pub(super) struct CheckedFile {
    pub(super) kind: EvidenceKind,
    pub(super) original_name: String,
    pub(super) bytes: Vec<u8>,
    pub(super) width: Option<i64>,
    pub(super) height: Option<i64>,
    pub(super) thumbnail: Option<Vec<u8>>,
}

/// Size, type by content, and for images a clean re-encode plus thumbnail.
pub(super) async fn check_file(
    file: FilePart,
    max_bytes: u64,
    image_rules: ImageRules,
) -> Result<CheckedFile, Failure> {
    if file.too_large {
        return Err(Failure::too_large());
    }
    match rules::check_size(file.bytes.len() as u64, max_bytes) {
        Err(key) if key == rules::ERROR_TOO_LARGE => return Err(Failure::too_large()),
        Err(key) => return Err(Failure::field("file", key)),
        Ok(()) => {}
    }
    let kind = rules::sniff(&file.bytes).map_err(|key| {
        if key == rules::ERROR_EMPTY {
            Failure::field("file", key)
        } else {
            Failure::new(StatusCode::UNSUPPORTED_MEDIA_TYPE, key)
        }
    })?;
    if !kind.is_image() {
        // PDFs are kept as they are: there is no safe way to rewrite one here, and they are only
        // ever served as downloads.
        return Ok(CheckedFile {
            kind,
            original_name: file.original_name,
            bytes: file.bytes,
            width: None,
            height: None,
            thumbnail: None,
        });
    }
    let input = file.bytes;
    let _permit = IMAGE_WORK.acquire().await.map_err(|e| {
        tracing::error!(error = %e, "evidence image queue closed");
        Failure::internal()
    })?;
    let started = std::time::Instant::now();
    let processed = tokio::task::spawn_blocking(move || {
        process::process_image(std::io::Cursor::new(&input), kind, &image_rules)
    })
    .await
    .map_err(|e| {
        tracing::error!(error = %e, "evidence image task failed");
        Failure::internal()
    })?
    .map_err(|key| Failure::field("file", key))?;
    tracing::info!(
        elapsed_ms = started.elapsed().as_millis() as u64,
        width = processed.width,
        height = processed.height,
        "evidence image processed"
    );
    Ok(CheckedFile {
        kind,
        original_name: file.original_name,
        bytes: processed.bytes,
        width: Some(i64::from(processed.width)),
        height: Some(i64::from(processed.height)),
        thumbnail: Some(processed.thumbnail),
    })
}

/// Names of files written for one upload, so they can be removed when the database says no.
pub(super) struct Written {
    pub(super) storage_name: String,
    pub(super) thumbnail_name: Option<String>,
}

impl Written {
    pub(super) fn names(&self) -> Vec<&str> {
        let mut names = vec![self.storage_name.as_str()];
        names.extend(self.thumbnail_name.as_deref());
        names
    }
}

pub(super) async fn write_files(storage: &Storage, file: &CheckedFile) -> Result<Written, Failure> {
    let storage_name = storage::random_name(file.kind.extension(), false);
    storage.write(&storage_name, &file.bytes).await.map_err(|e| {
        tracing::error!(error = %e, dir = %storage.dir().display(), "could not write evidence file");
        Failure::internal()
    })?;
    let mut written = Written {
        storage_name,
        thumbnail_name: None,
    };
    if let Some(thumbnail) = &file.thumbnail {
        let name = storage::random_name("jpg", true);
        if let Err(e) = storage.write(&name, thumbnail).await {
            tracing::error!(error = %e, "could not write evidence thumbnail");
            storage.remove_quietly(&written.names()).await;
            return Err(Failure::internal());
        }
        written.thumbnail_name = Some(name);
    }
    Ok(written)
}

pub(super) fn new_row(
    file: &CheckedFile,
    written: &Written,
    walkthrough_id: i64,
    step_id: i64,
    friction_id: Option<i64>,
    caption: String,
    created_by: i64,
) -> db::evidence::NewEvidence {
    db::evidence::NewEvidence {
        walkthrough_id,
        step_id,
        friction_id,
        storage_name: written.storage_name.clone(),
        content_type: file.kind.content_type(),
        byte_size: file.bytes.len() as i64,
        width: file.width,
        height: file.height,
        thumbnail_name: written.thumbnail_name.clone(),
        original_name: file.original_name.clone(),
        caption,
        created_by,
    }
}
