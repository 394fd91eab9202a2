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

    /// Session key under which a rejected plain form post keeps what was typed.
    fn draft_key(form: &str) -> String {
        format!("draft:{form}")
    }

    /// Without JavaScript a rejected form comes back as a fresh page, so what the person typed is
    /// kept in their session until that page takes it back. Never pass passwords here.
    pub async fn keep_draft_on_error<T>(
        result: &Result<T, AppError>,
        form: &str,
        fields: &[(&str, String)],
    ) {
        if result.is_err() && is_plain_form_post() {
            let map: std::collections::BTreeMap<&str, &String> =
                fields.iter().map(|(k, v)| (*k, v)).collect();
            let stored = match crate::auth::session::session().await {
                Ok(session) => session
                    .insert(&draft_key(form), map)
                    .await
                    .map_err(|e| e.to_string()),
                Err(e) => Err(e.to_string()),
            };
            if let Err(e) = stored {
                tracing::warn!(form, error = %e, "could not keep form draft");
            }
        }
    }

    /// Takes (and forgets) the draft a rejected plain form post left for `form`.
    pub async fn take_draft(
        form: &str,
    ) -> Result<std::collections::BTreeMap<String, String>, AppError> {
        let session = crate::auth::session::session().await?;
        Ok(session
            .remove::<std::collections::BTreeMap<String, String>>(&draft_key(form))
            .await
            .map_err(|e| AppError::internal("session draft", e))?
            .unwrap_or_default())
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
