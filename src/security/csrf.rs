//! Refuses state-changing requests that another site made the browser send (CSRF), beyond what
//! the `SameSite=Lax` session cookie already prevents.
//!
//! A request other than GET/HEAD/OPTIONS is let in only when the browser says it came from this
//! site: `Sec-Fetch-Site: same-origin` (or `none`: typed or bookmarked by the person), or, for
//! browsers that do not send that header, an `Origin` equal to the app's public origin
//! (`PUBLIC_URL`; unset, the origin the request's `Host` names). Everything else — another site,
//! a sibling subdomain (`same-site`), or no evidence at all — gets 403 before any handler runs.
//! Plain form posts from the app's own pages carry both headers in every current browser, so
//! they keep working without JavaScript.

use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// Whether a request may change something. `public_origin` is `PUBLIC_URL` as an origin.
pub fn allowed(method: &Method, headers: &HeaderMap, public_origin: Option<&str>) -> bool {
    if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) {
        return true;
    }
    let read = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    if let Some(site) = read("sec-fetch-site") {
        return matches!(site, "same-origin" | "none");
    }
    let Some(origin) = read(header::ORIGIN.as_str()) else {
        return false;
    };
    let origin = origin.trim_end_matches('/').to_ascii_lowercase();
    match public_origin {
        Some(expected) => origin == expected,
        None => read(header::HOST.as_str()).is_some_and(|host| {
            let host = host.to_ascii_lowercase();
            origin == format!("http://{host}") || origin == format!("https://{host}")
        }),
    }
}

/// Middleware: 403 for a cross-site state-changing request (logged with what it claimed).
pub async fn guard(
    State(state): State<crate::state::AppState>,
    request: Request,
    next: Next,
) -> Response {
    let public_origin = state.config.public_url.as_deref();
    if allowed(request.method(), request.headers(), public_origin) {
        return next.run(request).await;
    }
    let headers = request.headers();
    let show = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("-")
            .to_owned()
    };
    tracing::warn!(
        method = %request.method(),
        path = %request.uri().path(),
        origin = %show("origin"),
        sec_fetch_site = %show("sec-fetch-site"),
        "cross-site request refused"
    );
    (StatusCode::FORBIDDEN, "Forbidden: cross-site request").into_response()
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, HeaderValue::from_static(value));
        }
        map
    }

    const APP: Option<&str> = Some("https://krb.example.nl");

    #[test]
    fn reading_is_always_allowed() {
        for m in [Method::GET, Method::HEAD, Method::OPTIONS] {
            assert!(allowed(
                &m,
                &headers(&[("sec-fetch-site", "cross-site")]),
                APP
            ));
        }
    }

    #[test]
    fn fetch_metadata_decides_when_present() {
        let post = Method::POST;
        assert!(allowed(
            &post,
            &headers(&[("sec-fetch-site", "same-origin")]),
            APP
        ));
        assert!(allowed(&post, &headers(&[("sec-fetch-site", "none")]), APP));
        for site in ["cross-site", "same-site", ""] {
            // Even with a matching Origin: the browser said it came from elsewhere.
            let h = headers(&[
                ("sec-fetch-site", site),
                ("origin", "https://krb.example.nl"),
            ]);
            assert!(!allowed(&post, &h, APP), "{site}");
        }
        assert!(!allowed(
            &Method::DELETE,
            &headers(&[("sec-fetch-site", "cross-site")]),
            APP
        ));
    }

    #[test]
    fn origin_must_be_the_public_one_without_fetch_metadata() {
        let post = Method::POST;
        assert!(allowed(
            &post,
            &headers(&[("origin", "https://krb.example.nl")]),
            APP
        ));
        assert!(allowed(
            &post,
            &headers(&[("origin", "https://KRB.example.nl/")]),
            APP
        ));
        for bad in [
            "https://evil.example",
            "http://krb.example.nl",
            "https://krb.example.nl.evil.example",
            "null",
        ] {
            let h = headers(&[("origin", bad)]);
            assert!(!allowed(&post, &h, APP), "{bad}");
        }
        // No evidence at all: refused.
        assert!(!allowed(&post, &HeaderMap::new(), APP));
    }

    #[test]
    fn without_public_url_the_host_names_the_origin() {
        let post = Method::POST;
        let ok = headers(&[
            ("origin", "http://127.0.0.1:3000"),
            ("host", "127.0.0.1:3000"),
        ]);
        assert!(allowed(&post, &ok, None));
        let other = headers(&[
            ("origin", "http://evil.example"),
            ("host", "127.0.0.1:3000"),
        ]);
        assert!(!allowed(&post, &other, None));
    }
}
