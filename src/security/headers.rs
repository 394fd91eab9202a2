//! Security headers on every answer, and the Content-Security-Policy with a fresh script nonce
//! for every page.
//!
//! Pages allow scripts from this site plus the inline scripts the page itself renders (the
//! islands bootstrap, the idle deadline, streamed resources), which carry that page's nonce; the
//! wasm needs `'wasm-unsafe-eval'`. Images may also be `blob:` URLs (the preview of a photo
//! picked for upload). Nothing may frame the app, plug-ins are off, forms post only here.
//! Other answers (files, server-function answers) get a policy that allows nothing to run.

use axum::extract::{Request, State};
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;
use leptos::nonce::Nonce;
use leptos::prelude::*;

/// The policy of a page whose inline scripts carry `nonce`.
pub fn page_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' blob: data:; connect-src 'self'; font-src 'self'; \
         object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )
}

/// For everything that is not a page: nothing in it may run or be framed.
const OTHER_POLICY: &str =
    "default-src 'none'; img-src 'self'; style-src 'self'; frame-ancestors 'none'; sandbox";

/// Called by the page shell while rendering: makes a nonce for this page's inline scripts
/// (Leptos puts it on the scripts it writes) and sends the policy that allows exactly them.
pub fn provide_page_nonce() {
    let nonce = Nonce::new();
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>()
        && let Ok(value) = HeaderValue::from_str(&page_policy(&nonce))
    {
        response.insert_header(header::CONTENT_SECURITY_POLICY, value);
    }
    provide_context(nonce);
}

/// Middleware: the headers every answer carries.
pub async fn add(
    State(state): State<crate::state::AppState>,
    request: Request,
    next: Next,
) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers
        .entry(header::CONTENT_SECURITY_POLICY)
        .or_insert(HeaderValue::from_static(OTHER_POLICY));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    // A page may ask for a stricter policy (the verification page: its address holds a code).
    headers
        .entry(header::REFERRER_POLICY)
        .or_insert(HeaderValue::from_static("same-origin"));
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(
        "permissions-policy",
        HeaderValue::from_static("camera=(), microphone=(), geolocation=(), payment=()"),
    );
    headers.insert(
        "cross-origin-opener-policy",
        HeaderValue::from_static("same-origin"),
    );
    if state.config.cookie_secure {
        // Only behind TLS: HSTS over plain http would be ignored, and sent from a local http
        // run it would say nothing true.
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_policy_allows_only_own_and_nonced_scripts() {
        let p = page_policy("abc123");
        assert!(p.contains("script-src 'self' 'nonce-abc123' 'wasm-unsafe-eval';"));
        assert!(p.contains("frame-ancestors 'none'"));
        assert!(!p.contains("unsafe-inline"));
        assert!(!p.contains("*"));
    }
}
