//! Server functions: thin wrappers that authorize, validate through `domain`, and call `db`.

pub mod org;
pub mod people;
pub mod session;

#[cfg(feature = "ssr")]
pub(crate) mod ssr {
    use crate::error::AppError;
    use crate::state::AppState;
    use axum::http::StatusCode;
    use axum::http::header::ACCEPT;
    use axum::http::request::Parts;
    use leptos::prelude::*;
    use leptos_axum::ResponseOptions;

    pub fn state() -> Result<AppState, AppError> {
        use_context::<AppState>()
            .ok_or_else(|| AppError::internal("server function", "AppState missing from context"))
    }

    /// A browser form post without JavaScript: it must be answered with a redirect, never an error status.
    pub fn is_plain_form_post() -> bool {
        use_context::<Parts>().is_some_and(|parts| {
            parts.uri.path().starts_with("/api/")
                && parts
                    .headers
                    .get(ACCEPT)
                    .and_then(|v| v.to_str().ok())
                    .is_some_and(|v| v.contains("text/html"))
        })
    }

    /// Sends plain form posts on to `path` after success; with JavaScript the page navigates itself.
    pub fn redirect_plain_form(path: &str) {
        if is_plain_form_post() {
            leptos_axum::redirect(path);
        }
    }

    /// Gives an error answer its HTTP status (403, 422, ...). Plain form posts keep their redirect,
    /// which carries the error back to the form.
    pub fn respond<T>(result: Result<T, AppError>) -> Result<T, AppError> {
        if let Err(err) = &result
            && !is_plain_form_post()
            && let Some(options) = use_context::<ResponseOptions>()
            && let Ok(status) = StatusCode::from_u16(err.status_code())
        {
            options.set_status(status);
        }
        result
    }
}
