//! Reading a multipart evidence form: short text fields and one file, size-checked as it streams.

use super::reply::Failure;
use crate::domain::evidence as rules;
use axum::extract::Multipart;
use axum::extract::multipart::MultipartError;
use axum::http::StatusCode;
use std::collections::HashMap;

/// Text fields are short (the caption is 200 characters); anything longer is not from our forms.
const MAX_TEXT_FIELD_BYTES: usize = 16 * 1024;

/// The uploaded file as received.
pub(super) struct FilePart {
    pub(super) original_name: String,
    pub(super) bytes: Vec<u8>,
    /// More than the limit arrived; the bytes were dropped, only the fact is kept.
    pub(super) too_large: bool,
}

/// Text fields and the file of a multipart form.
pub(super) struct Form {
    pub(super) text: HashMap<String, String>,
    pub(super) file: Option<FilePart>,
}

impl Form {
    pub(super) fn get(&self, name: &str) -> &str {
        self.text.get(name).map(String::as_str).unwrap_or_default()
    }
}

pub(super) fn multipart_failure(err: MultipartError) -> Failure {
    if err.status() == StatusCode::PAYLOAD_TOO_LARGE {
        Failure::too_large()
    } else {
        tracing::info!(error = %err.body_text(), "malformed evidence form");
        Failure::bad_request()
    }
}

/// Reads the whole form, keeping at most `max_file_bytes` of the `file` field in memory (counted
/// chunk by chunk as it streams in) and discarding the rest. `keep_file: false` reads past the file
/// without keeping it (a visitor who is not signed in).
pub(super) async fn read_form(
    multipart: &mut Multipart,
    max_file_bytes: u64,
    keep_file: bool,
) -> Result<Form, Failure> {
    let mut form = Form {
        text: HashMap::new(),
        file: None,
    };
    while let Some(mut field) = multipart.next_field().await.map_err(multipart_failure)? {
        let name = field.name().unwrap_or_default().to_owned();
        match name.as_str() {
            "file" if form.file.is_none() && keep_file => {
                // Browsers send `filename=""` for a file input left empty.
                let original_name = field
                    .file_name()
                    .filter(|n| !n.is_empty())
                    .map(rules::display_name);
                let mut bytes = Vec::new();
                let mut too_large = false;
                while let Some(chunk) = field.chunk().await.map_err(multipart_failure)? {
                    if too_large {
                        continue;
                    }
                    if (bytes.len() + chunk.len()) as u64 > max_file_bytes {
                        too_large = true;
                        bytes = Vec::new();
                    } else {
                        bytes.extend_from_slice(&chunk);
                    }
                }
                // A file input left empty still sends a part: no name, no bytes.
                let chosen = original_name.is_some() || !bytes.is_empty() || too_large;
                if chosen {
                    form.file = Some(FilePart {
                        original_name: original_name.unwrap_or_else(|| rules::display_name("")),
                        bytes,
                        too_large,
                    });
                }
            }
            "walkthrough_id" | "step_id" | "friction_id" | "caption" | "title" | "return_to" => {
                let mut value = Vec::new();
                while let Some(chunk) = field.chunk().await.map_err(multipart_failure)? {
                    if value.len() + chunk.len() > MAX_TEXT_FIELD_BYTES {
                        return Err(Failure::bad_request());
                    }
                    value.extend_from_slice(&chunk);
                }
                let value = String::from_utf8(value).map_err(|_| Failure::bad_request())?;
                form.text.insert(name, value);
            }
            _ => {
                // Unknown or repeated fields are read past, not kept.
                while field.chunk().await.map_err(multipart_failure)?.is_some() {}
            }
        }
    }
    Ok(form)
}

pub(super) fn parse_id(raw: &str) -> Result<i64, Failure> {
    raw.trim()
        .parse::<i64>()
        .map_err(|_| Failure::bad_request())
}

pub(super) fn parse_optional_id(raw: &str) -> Result<Option<i64>, Failure> {
    if raw.trim().is_empty() {
        Ok(None)
    } else {
        parse_id(raw).map(Some)
    }
}
