//! Storing one received file: type by content, then a PDF is moved into place as it is and an
//! image is decoded (in its turn, see `budget`), cleaned, scaled down and written with a
//! thumbnail — all under random names, removed again when the database says no.

use super::budget::Budget;
use super::incoming::Received;
use super::process::{self, ImageRules};
use super::reply::Failure;
use super::storage::{self, Storage};
use crate::db;
use crate::domain::evidence::{self as rules, EvidenceKind};
use axum::http::StatusCode;

/// A file in place under its random name, with what its row needs.
pub(super) struct Stored {
    pub(super) kind: EvidenceKind,
    pub(super) original_name: String,
    pub(super) byte_size: u64,
    pub(super) width: Option<i64>,
    pub(super) height: Option<i64>,
    pub(super) written: Written,
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

/// Checks the received file and puts it in place; its temporary file is gone afterwards either
/// way.
pub(super) async fn store(
    received: Received,
    storage: &Storage,
    budget: &Budget,
    image_rules: ImageRules,
) -> Result<Stored, Failure> {
    let kind = rules::sniff(&received.head).map_err(|key| {
        if key == rules::ERROR_EMPTY {
            Failure::field("file", key)
        } else {
            Failure::new(StatusCode::UNSUPPORTED_MEDIA_TYPE, key)
        }
    })?;
    if !kind.is_image() {
        // PDFs are kept as they are: there is no safe way to rewrite one here, and they are only
        // ever served as downloads. They never pass through memory.
        let name = storage::random_name(kind.extension(), false);
        storage
            .adopt(received.temp.path(), &name)
            .await
            .map_err(|e| {
                tracing::error!(error = %e, dir = %storage.dir().display(), "could not store evidence file");
                Failure::internal()
            })?;
        return Ok(Stored {
            kind,
            original_name: received.original_name,
            byte_size: received.len,
            width: None,
            height: None,
            written: Written {
                storage_name: name,
                thumbnail_name: None,
            },
        });
    }
    let slot = budget.decode().await?;
    let started = std::time::Instant::now();
    let path = received.temp.path().to_owned();
    let processed = tokio::task::spawn_blocking(move || {
        let file = std::fs::File::open(&path).map_err(|e| {
            tracing::error!(error = %e, file = %path.display(), "could not read received evidence file");
            rules::ERROR_UNREADABLE
        })?;
        process::process_image(std::io::BufReader::new(file), kind, &image_rules)
    })
    .await
    .map_err(|e| {
        tracing::error!(error = %e, "evidence image task failed");
        Failure::internal()
    })?
    .map_err(|key| Failure::field("file", key))?;
    drop(slot);
    tracing::info!(
        elapsed_ms = started.elapsed().as_millis() as u64,
        width = processed.width,
        height = processed.height,
        "evidence image processed"
    );
    // The received original (with its metadata) is not needed any more.
    drop(received.temp);
    let written = write_image(storage, kind, &processed).await?;
    Ok(Stored {
        kind,
        original_name: received.original_name,
        byte_size: processed.bytes.len() as u64,
        width: Some(i64::from(processed.width)),
        height: Some(i64::from(processed.height)),
        written,
    })
}

async fn write_image(
    storage: &Storage,
    kind: EvidenceKind,
    processed: &process::Processed,
) -> Result<Written, Failure> {
    let storage_name = storage::random_name(kind.extension(), false);
    storage
        .write(&storage_name, &processed.bytes)
        .await
        .map_err(|e| {
            tracing::error!(error = %e, dir = %storage.dir().display(), "could not write evidence file");
            Failure::internal()
        })?;
    let mut written = Written {
        storage_name,
        thumbnail_name: None,
    };
    let name = storage::random_name("jpg", true);
    if let Err(e) = storage.write(&name, &processed.thumbnail).await {
        tracing::error!(error = %e, "could not write evidence thumbnail");
        storage.remove_quietly(&written.names()).await;
        return Err(Failure::internal());
    }
    written.thumbnail_name = Some(name);
    Ok(written)
}

pub(super) fn new_row(
    stored: &Stored,
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
        storage_name: stored.written.storage_name.clone(),
        content_type: stored.kind.content_type(),
        byte_size: i64::try_from(stored.byte_size).unwrap_or(i64::MAX),
        width: stored.width,
        height: stored.height,
        thumbnail_name: stored.written.thumbnail_name.clone(),
        original_name: stored.original_name.clone(),
        caption,
        created_by,
    }
}
