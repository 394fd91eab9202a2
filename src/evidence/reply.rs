//! How an evidence request is answered: `Failure` (status, translation key, field) and the reply
//! a client gets — a 303 back to the page for a browser form, JSON with a status otherwise.

use crate::domain::evidence as rules;
use crate::error::AppError;
use axum::Json;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

/// Why a request was refused: the HTTP status, a translation key and, for validation, the field.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Failure {
    pub(super) status: StatusCode,
    pub(super) key: &'static str,
    pub(super) field: Option<&'static str>,
}

impl Failure {
    pub(super) fn new(status: StatusCode, key: &'static str) -> Failure {
        Failure {
            status,
            key,
            field: None,
        }
    }

    pub(super) fn field(field: &'static str, key: &'static str) -> Failure {
        Failure {
            status: StatusCode::UNPROCESSABLE_ENTITY,
            key,
            field: Some(field),
        }
    }

    pub(super) fn unauthenticated() -> Failure {
        Failure::new(StatusCode::UNAUTHORIZED, "error-unauthenticated")
    }

    pub(super) fn forbidden() -> Failure {
        Failure::new(StatusCode::FORBIDDEN, "error-forbidden")
    }

    pub(super) fn not_found() -> Failure {
        Failure::new(StatusCode::NOT_FOUND, "error-not-found")
    }

    pub(super) fn bad_request() -> Failure {
        Failure::new(StatusCode::BAD_REQUEST, "error-bad-request")
    }

    pub(super) fn too_large() -> Failure {
        Failure::new(StatusCode::PAYLOAD_TOO_LARGE, rules::ERROR_TOO_LARGE)
    }

    /// The upload budget is spent (see `budget`): nothing was saved, try again shortly.
    pub(super) fn busy() -> Failure {
        Failure::new(StatusCode::SERVICE_UNAVAILABLE, rules::ERROR_BUSY)
    }

    pub(super) fn internal() -> Failure {
        Failure::new(StatusCode::INTERNAL_SERVER_ERROR, "error-internal")
    }
}

/// The walkthrough stopped being editable between the access check and the write.
pub(super) fn not_editable() -> Failure {
    Failure::new(
        StatusCode::CONFLICT,
        crate::domain::Refusal::WalkNotEditable.key(),
    )
}

impl From<AppError> for Failure {
    fn from(err: AppError) -> Failure {
        Failure::new(
            StatusCode::from_u16(err.status_code()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            err.message_key(),
        )
    }
}

impl From<sqlx::Error> for Failure {
    #[track_caller]
    fn from(err: sqlx::Error) -> Failure {
        AppError::from(err).into()
    }
}

/// When a client told "busy" may try again.
const RETRY_AFTER_SECS: &str = "5";

/// How the client wants its answer.
#[derive(Debug, Clone)]
pub(super) enum Reply {
    Json,
    /// A browser form post: go back to this same-site path.
    Page(String),
}

pub(super) fn wants_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("application/json"))
}

pub(super) fn reply_for(headers: &HeaderMap, return_to: Option<&str>) -> Reply {
    if wants_json(headers) {
        return Reply::Json;
    }
    // Without `return_to` (a body cut off before its first field) the page the form was on, as the
    // browser reports it, is the next best place; a missing or foreign path falls back to the home
    // page rather than failing.
    let referer = referer_path(headers);
    Reply::Page(
        return_to
            .and_then(rules::safe_return_to)
            .or_else(|| referer.as_deref().and_then(rules::safe_return_to))
            .unwrap_or("/")
            .to_owned(),
    )
}

/// The path of the `Referer` when it is a page of this same host.
pub(super) fn referer_path(headers: &HeaderMap) -> Option<String> {
    let referer = headers.get(header::REFERER)?.to_str().ok()?;
    let host = headers.get(header::HOST)?.to_str().ok()?;
    let rest = referer
        .strip_prefix("https://")
        .or_else(|| referer.strip_prefix("http://"))?;
    let path = rest.strip_prefix(host)?;
    path.starts_with('/').then(|| path.to_owned())
}

pub(super) fn see_other(location: &str) -> Response {
    match HeaderValue::from_str(location) {
        Ok(value) => (StatusCode::SEE_OTHER, [(header::LOCATION, value)]).into_response(),
        Err(_) => (
            StatusCode::SEE_OTHER,
            [(header::LOCATION, HeaderValue::from_static("/"))],
        )
            .into_response(),
    }
}

pub(super) fn answer(
    reply: &Reply,
    result: Result<(StatusCode, serde_json::Value, &'static str), Failure>,
    max_bytes: u64,
) -> Response {
    match (reply, result) {
        (Reply::Json, Ok((status, body, _))) => (status, Json(body)).into_response(),
        (Reply::Json, Err(failure)) => {
            let mut body = serde_json::json!({ "error": failure.key });
            if let Some(field) = failure.field {
                body["field"] = field.into();
            }
            if failure.key == rules::ERROR_TOO_LARGE {
                body["max_bytes"] = max_bytes.into();
            }
            let mut response = (failure.status, Json(body)).into_response();
            if failure.status == StatusCode::SERVICE_UNAVAILABLE {
                response.headers_mut().insert(
                    header::RETRY_AFTER,
                    HeaderValue::from_static(RETRY_AFTER_SECS),
                );
            }
            response
        }
        (Reply::Page(path), Ok((_, _, notice))) => {
            see_other(&rules::with_result_param(path, "evidence", notice))
        }
        (Reply::Page(path), Err(failure)) => see_other(&rules::with_result_param(
            path,
            "evidence_error",
            failure.key,
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn browsers_go_back_with_the_result_and_api_clients_get_json() {
        let page = Reply::Page("/walk/1?step=2".to_owned());
        let response = answer(&page, Err(Failure::too_large()), 1024);
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        assert_eq!(
            response.headers()[header::LOCATION],
            "/walk/1?step=2&evidence_error=evidence-error-too-large"
        );
        let response = answer(
            &Reply::Json,
            Err(Failure::field("title", rules::ERROR_TITLE_REQUIRED)),
            1024,
        );
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let response = answer(&Reply::Json, Err(Failure::busy()), 1024);
        assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(response.headers()[header::RETRY_AFTER], "5");
        let response = answer(&page, Err(Failure::busy()), 1024);
        assert_eq!(
            response.headers()[header::LOCATION],
            "/walk/1?step=2&evidence_error=evidence-error-busy"
        );
        let mut json = HeaderMap::new();
        json.insert(header::ACCEPT, HeaderValue::from_static("application/json"));
        assert!(matches!(reply_for(&json, Some("/x")), Reply::Json));
        let mut html = HeaderMap::new();
        assert!(matches!(reply_for(&html, Some("//evil.example")), Reply::Page(p) if p == "/"));
        html.insert(header::HOST, HeaderValue::from_static("krb.example"));
        html.insert(
            header::REFERER,
            HeaderValue::from_static("https://krb.example/walk/3?step=2"),
        );
        assert!(matches!(reply_for(&html, None), Reply::Page(p) if p == "/walk/3?step=2"));
        assert!(matches!(reply_for(&html, Some("/x")), Reply::Page(p) if p == "/x"));
        html.insert(
            header::REFERER,
            HeaderValue::from_static("https://krb.example.evil.example/walk"),
        );
        assert!(matches!(reply_for(&html, None), Reply::Page(p) if p == "/"));
    }
}
