//! Evidence facts the browser needs. Uploads themselves are plain form posts (see `crate::evidence`).

use crate::error::AppError;
use leptos::prelude::*;

/// The largest evidence file accepted, in bytes, for the hint beside the file input.
#[server(endpoint = "evidence/limits")]
pub async fn evidence_max_bytes() -> Result<u64, AppError> {
    super::ssr::serve(async |ctx| Ok(ctx.state.config.evidence_max_bytes)).await
}
