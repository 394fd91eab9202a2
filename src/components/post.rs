//! Posts a form to a server function from an island with the browser's own `fetch`, the way the
//! form would post itself without JavaScript, and reads the JSON answer.
//!
//! Why not the generated server-function client: it re-encodes the arguments with serde_qs, which
//! with its decoder is about 5 KB gzipped of the bundle; the browser already knows how to encode a
//! form. The server cannot tell the two apart except by `Accept`, which asks for JSON here instead
//! of the redirect a plain post gets.

use crate::error::AppError;
use serde::de::DeserializeOwned;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// POSTs `data` url-encoded to `url` and decodes the answer: `T` on success, the server's
/// `AppError` otherwise, `Network` when nothing (or nothing readable) came back.
pub async fn post_form<T: DeserializeOwned>(
    url: &str,
    data: &web_sys::FormData,
) -> Result<T, AppError> {
    let body = web_sys::UrlSearchParams::new_with_str_sequence_sequence(data)
        .map_err(|_| AppError::BadRequest)?;
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    init.set_body(&body);
    let headers = web_sys::Headers::new().map_err(|_| AppError::Network)?;
    headers
        .set("Accept", "application/json")
        .map_err(|_| AppError::Network)?;
    init.set_headers(&headers);
    let window = web_sys::window().ok_or(AppError::Network)?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str_and_init(url, &init))
        .await
        .map_err(|_| AppError::Network)?
        .dyn_into()
        .map_err(|_| AppError::Network)?;
    let text = JsFuture::from(response.text().map_err(|_| AppError::Network)?)
        .await
        .map_err(|_| AppError::Network)?
        .as_string()
        .ok_or(AppError::Network)?;
    if response.ok() {
        serde_json::from_str(&text).map_err(|_| AppError::Network)
    } else {
        Err(serde_json::from_str(&text).unwrap_or(AppError::Internal))
    }
}
