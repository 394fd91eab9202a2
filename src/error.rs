//! The one error type that crosses the server-function boundary. Internals are logged, never sent.

use crate::domain::FieldErrors;
use crate::domain::Refusal;
use serde::{Deserialize, Serialize};
use server_fn::codec::JsonEncoding;
use server_fn::error::{FromServerFnError, ServerFnErrorErr};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("not signed in")]
    Unauthenticated,
    #[error("forbidden")]
    Forbidden,
    #[error("not found")]
    NotFound,
    #[error("invalid input")]
    Validation(FieldErrors),
    /// Same error for unknown e-mail, wrong password and inactive account: no account enumeration.
    #[error("invalid credentials")]
    InvalidCredentials,
    /// Too many sign-in attempts for this account or from this address; try again later.
    #[error("too many attempts")]
    TooManyAttempts,
    /// The request did not have the expected shape (missing or malformed arguments).
    #[error("bad request")]
    BadRequest,
    /// Someone else saved the same thing first (optimistic version check); nothing was overwritten.
    #[error("conflict")]
    Conflict,
    /// The action does not fit the current state (e.g. editing a submitted walkthrough); the key says why.
    #[error("refused: {0:?}")]
    Refused(Refusal),
    /// Something broke on the server; details are in the server log only.
    #[error("internal error")]
    Internal,
    /// The request did not reach the server or the answer could not be read (browser side).
    #[error("network error")]
    Network,
}

impl AppError {
    pub fn field(field: &str, key: &str) -> Self {
        AppError::Validation(FieldErrors::single(field, key))
    }

    /// The translation key of a message suitable for the user.
    pub fn message_key(&self) -> &'static str {
        match self {
            AppError::Unauthenticated => "error-unauthenticated",
            AppError::Forbidden => "error-forbidden",
            AppError::NotFound => "error-not-found",
            AppError::Validation(_) => "error-validation",
            AppError::InvalidCredentials => "error-invalid-credentials",
            AppError::TooManyAttempts => "error-too-many-attempts",
            AppError::BadRequest => "error-bad-request",
            AppError::Conflict => "error-version-conflict",
            AppError::Refused(_) => "error-refused",
            AppError::Internal => "error-internal",
            AppError::Network => "error-network",
        }
    }

    /// The translation key to show: a refusal carries its own reason, other errors their generic message.
    pub fn user_message_key(&self) -> &str {
        match self {
            AppError::Refused(reason) => reason.key(),
            other => other.message_key(),
        }
    }

    pub fn field_errors(&self) -> Option<&FieldErrors> {
        match self {
            AppError::Validation(errors) => Some(errors),
            _ => None,
        }
    }

    /// The HTTP status this error stands for.
    pub fn status_code(&self) -> u16 {
        match self {
            AppError::Unauthenticated | AppError::InvalidCredentials => 401,
            AppError::Forbidden => 403,
            AppError::NotFound => 404,
            AppError::Validation(_) => 422,
            AppError::BadRequest => 400,
            AppError::TooManyAttempts => 429,
            AppError::Conflict | AppError::Refused(_) => 409,
            AppError::Internal => 500,
            AppError::Network => 502,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        let error = Self::from_framework(value);
        // On the server this is a request the app's code never saw (its arguments did not
        // parse): the answer's status says so, instead of the framework's 500 for every error.
        // A plain form post keeps the framework's redirect back to its form.
        #[cfg(feature = "ssr")]
        if let Some(parts) = leptos::prelude::use_context::<axum::http::request::Parts>()
            && !is_plain_form(&parts)
            && let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>()
            && let Ok(status) = axum::http::StatusCode::from_u16(error.status_code())
        {
            response.set_status(status);
        }
        error
    }
}

impl AppError {
    /// What a failure of the server-function machinery (not of the app's code) means.
    fn from_framework(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) => AppError::BadRequest,
            ServerFnErrorErr::Request(_) | ServerFnErrorErr::Response(_) => AppError::Network,
            ServerFnErrorErr::Deserialization(ref detail)
            | ServerFnErrorErr::Serialization(ref detail) => {
                tracing::warn!(%detail, "server function (de)serialization failed");
                AppError::BadRequest
            }
            other => {
                tracing::error!(error = %other, "server function failed");
                AppError::Internal
            }
        }
    }
}

#[cfg(feature = "ssr")]
mod ssr {
    use super::AppError;

    /// A server function posted by a plain HTML form (no JavaScript): whatever its outcome, the
    /// answer is a redirect (back to the form, or on), never an error status.
    pub fn is_plain_form(parts: &axum::http::request::Parts) -> bool {
        parts.uri.path().starts_with("/api/")
            && parts
                .headers
                .get(axum::http::header::ACCEPT)
                .and_then(|v| v.to_str().ok())
                .is_some_and(|v| v.contains("text/html"))
    }

    impl AppError {
        /// Logs an internal failure with context and returns the opaque error the user sees.
        #[track_caller]
        pub fn internal(context: &str, err: impl std::fmt::Display) -> Self {
            let caller = std::panic::Location::caller();
            tracing::error!(%context, error = %err, at = %caller, "internal error");
            AppError::Internal
        }
    }

    impl From<sqlx::Error> for AppError {
        #[track_caller]
        fn from(err: sqlx::Error) -> Self {
            match err {
                sqlx::Error::RowNotFound => AppError::NotFound,
                other => AppError::internal("database", other),
            }
        }
    }
}

#[cfg(feature = "ssr")]
pub use ssr::is_plain_form;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_round_trips_through_json() {
        let err = AppError::field("email", "error-email-taken");
        let json = serde_json::to_string(&err).expect("serialize");
        let back: AppError = serde_json::from_str(&json).expect("deserialize");
        assert_eq!(back, err);
        assert_eq!(
            back.field_errors().and_then(|f| f.for_field("email")),
            Some("error-email-taken")
        );
    }

    #[test]
    fn transport_errors_are_opaque() {
        let err = AppError::from_server_fn_error(ServerFnErrorErr::ServerError(
            "db password=hunter2".into(),
        ));
        assert_eq!(err, AppError::Internal);
        assert_eq!(err.status_code(), 500);
    }
}
