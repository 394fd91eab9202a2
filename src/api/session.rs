//! Sign-in, sign-out, own password, and the language choice.

use crate::auth::SessionInfo;
#[cfg(feature = "ssr")]
use crate::auth::session::{LOCALE_COOKIE, load_session_info};
#[cfg(feature = "ssr")]
use crate::domain::Locale;
use crate::error::AppError;
use leptos::prelude::*;

/// The same information as pages get, for API clients.
#[server(endpoint = "session_info")]
pub async fn get_session_info() -> Result<SessionInfo, AppError> {
    let headers = use_context::<axum::http::request::Parts>()
        .map(|p| p.headers)
        .unwrap_or_default();
    super::ssr::serve(async |ctx| load_session_info(&ctx.state, &ctx.session, &headers).await).await
}

/// Only same-site paths are accepted as a place to go after sign-in (no open redirect).
pub fn safe_next(next: &str) -> &str {
    crate::routes::safe_local_path(next)
        .filter(|path| !path.starts_with("/api/"))
        .unwrap_or(crate::routes::HOME)
}

#[server(endpoint = "login")]
pub async fn login(
    email: String,
    password: String,
    next: Option<String>,
) -> Result<String, AppError> {
    use crate::domain::FieldErrors;
    super::ssr::Serve::new()
        .keep_draft("login", vec![("email", email.clone())])
        .redirect(String::clone)
        .run(async |ctx| {
            let state = &ctx.state;
            let email = email.trim().to_lowercase();
            let mut errors = FieldErrors::new();
            if email.is_empty() {
                errors.add("email", "error-required");
            }
            if password.is_empty() {
                errors.add("password", "error-required");
            }
            if !errors.is_empty() {
                return Err(AppError::Validation(errors));
            }
            let address = ctx.client_address();
            crate::security::throttle::check(state, &email, address).await?;
            let credentials = crate::db::person::find_credentials(&state.pool, &email).await?;
            let (id, stored, active) = match credentials {
                Some(c) => (Some((c.id, c.session_epoch)), c.password_hash, c.active),
                None => (None, None, false),
            };
            // Always one full argon2 verification, whether or not the e-mail exists.
            let matches = crate::auth::password::verify(password, stored).await?;
            let Some((id, epoch)) = id.filter(|_| matches && active) else {
                crate::security::throttle::failed(state, &email, address).await?;
                return Err(AppError::InvalidCredentials);
            };
            crate::security::throttle::succeeded(state, &email).await?;
            crate::auth::session::sign_in(&ctx.session, id, epoch).await?;
            crate::db::person::touch_last_login(&state.pool, id).await?;
            tracing::info!(person_id = id, "signed in");
            let target = safe_next(next.as_deref().unwrap_or("/")).to_owned();
            Ok(target)
        })
        .await
}

/// What was typed into the sign-in form before a rejected plain (no-JavaScript) post.
#[server(endpoint = "login_draft")]
pub async fn login_draft() -> Result<String, AppError> {
    super::ssr::serve(async |ctx| {
        let mut draft = ctx.draft("login").await?;
        Ok(draft.remove("email").unwrap_or_default())
    })
    .await
}

#[server(endpoint = "logout")]
pub async fn logout() -> Result<(), AppError> {
    super::ssr::Serve::new()
        .redirect(|_| crate::routes::login(None))
        .run(async |ctx| {
            crate::auth::session::sign_out(&ctx.session).await?;
            Ok(())
        })
        .await
}

#[server(endpoint = "change_password")]
pub async fn change_password(
    current_password: String,
    new_password: String,
    confirm_password: String,
) -> Result<(), AppError> {
    use crate::domain::{FieldErrors, Password};
    super::ssr::Serve::new()
        .redirect(|_| crate::routes::with_notice(crate::routes::ACCOUNT, "saved"))
        .run(async |ctx| {
            let state = &ctx.state;
            // Also, and above all, with a temporary password: this is where it is replaced.
            let user = ctx.require_signed_in().await?;
            let mut errors = FieldErrors::new();
            if current_password.is_empty() {
                errors.add("current_password", "error-required");
            }
            let new = errors.check("new_password", Password::parse(&new_password));
            if new.is_some() && new_password != confirm_password {
                errors.add("confirm_password", "error-password-mismatch");
            }
            if !errors.is_empty() {
                return Err(AppError::Validation(errors));
            }
            let stored = crate::db::person::password_hash(&state.pool, user.id).await?;
            if !crate::auth::password::verify(current_password.clone(), stored).await? {
                return Err(AppError::field("current_password", "error-password-wrong"));
            }
            let Some(new) = new else {
                return Err(AppError::Internal);
            };
            if user.must_change_password && new.expose() == current_password {
                return Err(AppError::field(
                    "new_password",
                    "access-error-same-password",
                ));
            }
            let hash = crate::auth::password::hash(&new).await?;
            // Every other session of the person ends; this one stays, under a new id.
            let epoch = crate::db::person::set_password_hash(&state.pool, user.id, &hash).await?;
            crate::auth::session::keep_after_password_change(&ctx.session, epoch).await?;
            tracing::info!(person_id = user.id, "password changed");
            Ok(())
        })
        .await
}

/// Remembers the language: on the person when signed in, and in a cookie for the sign-in page.
#[server(endpoint = "set_locale")]
pub async fn set_locale(locale: String) -> Result<(), AppError> {
    super::ssr::serve(async |ctx| {
        let state = &ctx.state;
        let locale =
            Locale::parse(&locale).ok_or(AppError::field("locale", "error-invalid-choice"))?;
        if let Some(user) = ctx.user().await? {
            crate::db::person::set_preferred_language(&state.pool, user.id, locale).await?;
        }
        let secure = if state.config.cookie_secure {
            "; Secure"
        } else {
            ""
        };
        let cookie = format!(
            "{LOCALE_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly{secure}",
            locale.code()
        );
        ctx.set_cookie(&cookie);
        Ok(())
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn next_must_stay_on_site() {
        assert_eq!(safe_next("/admin/people"), "/admin/people");
        assert_eq!(safe_next("//evil.example"), "/");
        assert_eq!(safe_next("https://evil.example"), "/");
        assert_eq!(safe_next("/\\evil.example"), "/");
        assert_eq!(safe_next("/api/logout"), "/");
    }
}
