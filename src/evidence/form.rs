//! The text fields of a multipart evidence form, read part by part around the file.
//!
//! Invariants:
//! - every text field is short (`MAX_TEXT_FIELD_BYTES`), and all parts other than the file
//!   together stay under `MAX_TEXT_BYTES`: before the file nothing more than that is read, so
//!   who is asking can be checked before anything large arrives (see `upload`);
//! - only the known fields are kept; unknown ones are read past (within the same bound).

use super::reply::Failure;
use axum::extract::multipart::{Field, MultipartError};
use axum::http::StatusCode;
use std::collections::HashMap;

/// Text fields are short (the caption is 200 characters); anything longer is not from our forms.
const MAX_TEXT_FIELD_BYTES: usize = 16 * 1024;
/// All parts besides the file together.
const MAX_TEXT_BYTES: usize = 64 * 1024;
/// The fields our forms send besides the file.
const KNOWN: [&str; 6] = [
    "walkthrough_id",
    "step_id",
    "friction_id",
    "caption",
    "title",
    "return_to",
];

/// The text fields read so far.
#[derive(Debug, Default)]
pub(super) struct Fields {
    text: HashMap<String, String>,
    read: usize,
}

impl Fields {
    pub(super) fn get(&self, name: &str) -> &str {
        self.text.get(name).map(String::as_str).unwrap_or_default()
    }

    /// Reads one part that is not the file: a known field is kept, anything else is read past.
    /// More than the bounds (see the module invariants) is a bad request.
    pub(super) async fn read(&mut self, mut field: Field<'_>) -> Result<(), Failure> {
        let name = field.name().unwrap_or_default().to_owned();
        let keep = KNOWN.contains(&name.as_str());
        let mut value = Vec::new();
        while let Some(chunk) = field.chunk().await.map_err(multipart_failure)? {
            self.read += chunk.len();
            if self.read > MAX_TEXT_BYTES
                || (keep && value.len() + chunk.len() > MAX_TEXT_FIELD_BYTES)
            {
                tracing::info!(field = %name, "evidence form field too long");
                return Err(Failure::bad_request());
            }
            if keep {
                value.extend_from_slice(&chunk);
            }
        }
        if keep {
            let value = String::from_utf8(value).map_err(|_| Failure::bad_request())?;
            self.text.insert(name, value);
        }
        Ok(())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_whole_numbers_and_optional_ones_may_be_empty() {
        assert_eq!(parse_id(" 42 "), Ok(42));
        assert!(parse_id("").is_err());
        assert!(parse_id("4x").is_err());
        assert_eq!(parse_optional_id(" "), Ok(None));
        assert_eq!(parse_optional_id("7"), Ok(Some(7)));
        assert!(parse_optional_id("x").is_err());
    }
}
