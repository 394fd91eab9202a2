//! Evidence over HTTP (server only): upload, quick capture, download and delete. These are plain
//! multipart form posts, not server functions, so a phone without JavaScript can send a photo and
//! the body is streamed and size-checked instead of deserialised whole. Browsers get a 303 back to
//! the page they came from (with `?evidence=` or `?evidence_error=`); `Accept: application/json`
//! gets JSON and a 4xx status.
//!
//!
//! Under abuse: the sender and their right to change the walkthrough are checked before the file
//! is read; the file streams to a temporary file within the limit (never whole in memory);
//! a global budget bounds the bytes being received and the images being decoded at once (503
//! "busy, try again" when spent); an image's pixel count is checked on its header before it is
//! decoded, and large images are stored scaled down; files a crash left behind are swept at
//! start-up.
//!
//! Files: `reply` (how requests are answered), `guard` (who is asking, the edit rule), `form`
//! (the text fields), `incoming` (streaming the file to a temporary file), `budget` (bytes and
//! decodes in flight), `files` (checking and storing one file), `upload` (upload and quick
//! capture, and the order of it all), `download`, `delete`; `process` re-encodes images,
//! `storage` holds the files, `sweep` removes orphans at start-up.

mod budget;
mod delete;
mod download;
mod files;
mod form;
mod guard;
mod incoming;
pub mod process;
mod reply;
pub mod storage;
pub mod sweep;
mod upload;

pub use sweep::sweep_orphans;

use crate::config::Config;
use crate::http_routes::Listed;
use crate::state::AppState;
use axum::Extension;
use axum::extract::DefaultBodyLimit;
use budget::Budget;
use std::sync::Arc;
use storage::Storage;

/// The routes, with a request body limit fitted to the configured file limit and the upload
/// budget all of them share.
pub fn routes(config: &Config) -> Listed<AppState> {
    let budget = Budget::new(config.evidence_upload_budget_bytes, config.evidence_decodes);
    let limit = body_limit(config.evidence_max_bytes);
    Listed::default()
        .post("/evidence", upload::upload)
        .post("/quick-capture", upload::quick_capture)
        .get("/evidence/{id}", download::download)
        .get("/evidence/{id}/thumb", download::download_thumbnail)
        .post("/evidence/{id}/delete", delete::delete)
        .map_router(|r| {
            r.layer(DefaultBodyLimit::max(limit))
                .layer(Extension(Arc::new(budget)))
        })
}

/// The file limit is checked while the file streams in, and reading stops the moment it is
/// passed. After a refusal the rest of the body is read and thrown away for a little while
/// (`upload::linger`), so the browser gets a proper answer: browsers show "connection reset"
/// instead of a page when the server stops reading mid-upload. This bounds that: beyond it the
/// connection is cut after all.
fn body_limit(max_file_bytes: u64) -> usize {
    usize::try_from(max_file_bytes.saturating_mul(2).saturating_add(1024 * 1024))
        .unwrap_or(usize::MAX)
}

/// Where evidence files live, as configured.
fn store(state: &AppState) -> Storage {
    Storage::new(state.config.evidence_dir.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_limit_leaves_room_to_read_past_a_too_large_file() {
        assert_eq!(body_limit(10 * 1024 * 1024), 21 * 1024 * 1024);
        assert_eq!(body_limit(u64::MAX), usize::MAX);
    }
}
