//! Getting in: "Wachtwoord vergeten?", choosing a password through an invitation or reset link,
//! and HR's list of people who have not set a password yet, with resending their invitation.
//! The work is in `crate::access` (server only); these are the thin, authorized entry points.

use crate::domain::access::{InvitationRow, TokenPurpose};
use crate::domain::paging::Paged;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
const FORGOT_FORM: &str = "forgot";

/// Asks for a reset link for `email`. The answer is the same whether or not an account has this
/// address (and whether or not its hourly limit is reached); only too many requests from one
/// client address are refused.
#[server(endpoint = "access/forgot")]
pub async fn forgot_password(email: String) -> Result<(), AppError> {
    use crate::domain::Email;
    super::ssr::Serve::new()
        .keep_draft(FORGOT_FORM, vec![("email", email.clone())])
        .redirect(|_| crate::routes::with_notice(crate::routes::FORGOT_PASSWORD, "sent"))
        .run(async |ctx| {
            let email = Email::parse(&email).map_err(|key| AppError::field("email", key))?;
            crate::security::throttle::check_reset(&ctx.state, ctx.client_address())?;
            crate::access::request_reset(&ctx.state, email.as_str()).await
        })
        .await
}

/// What was typed into the forgot-password form before a rejected plain post.
#[server(endpoint = "access/forgot_draft")]
pub async fn forgot_draft() -> Result<String, AppError> {
    super::ssr::serve(async |ctx| {
        let mut draft = ctx.draft(FORGOT_FORM).await?;
        Ok(draft.remove("email").unwrap_or_default())
    })
    .await
}

/// What the set-password page says about a link that still works.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UsableLinkInfo {
    pub purpose: TokenPurpose,
    pub name: String,
}

/// The link `token` if it still works (None: used, expired or unknown, all said the same way).
#[server(endpoint = "access/link")]
pub async fn link_info(token: String) -> Result<Option<UsableLinkInfo>, AppError> {
    super::ssr::serve(async |ctx| {
        let link = crate::access::usable_link(&ctx.state.pool, &token, crate::db::now()).await?;
        Ok(link.map(|l| UsableLinkInfo {
            purpose: l.purpose,
            name: l.name,
        }))
    })
    .await
}

/// Chooses a password through an invitation or reset link: the link is used up, the person's
/// other sessions end, and this browser is signed in. Returns where to go next.
#[server(endpoint = "access/set_password")]
pub async fn set_password(
    token: String,
    new_password: String,
    confirm_password: String,
) -> Result<String, AppError> {
    use crate::domain::{FieldErrors, Password};
    super::ssr::Serve::new()
        .redirect(String::clone)
        .run(async |ctx| {
            let state = &ctx.state;
            let mut errors = FieldErrors::new();
            let new = errors.check("new_password", Password::parse(&new_password));
            if new.is_some() && new_password != confirm_password {
                errors.add("confirm_password", "error-password-mismatch");
            }
            // A dead link is said first: no point in fixing a password it will not take.
            if crate::access::usable_link(&state.pool, &token, crate::db::now())
                .await?
                .is_none()
            {
                return Err(AppError::Refused(crate::domain::Refusal::AccessLinkInvalid));
            }
            let Some(new) = new.filter(|_| errors.is_empty()) else {
                return Err(AppError::Validation(errors));
            };
            let hash = crate::auth::password::hash(&new).await?;
            let (person_id, epoch) =
                crate::access::set_password_by_link(state, &token, &hash).await?;
            crate::auth::session::sign_in(&ctx.session, person_id, epoch).await?;
            crate::db::person::touch_last_login(&state.pool, person_id).await?;
            tracing::info!(person_id, "password chosen through a link; signed in");
            Ok(crate::routes::HOME.to_owned())
        })
        .await
}

/// One page of the people who have not set a password yet (HR and admins), by status
/// (`pending`, `expired`, `never` or empty for all) and text in name, e-mail or employee number.
#[server(endpoint = "access/invitations")]
pub async fn list_invitations(
    #[server(default)] status: String,
    #[server(default)] q: String,
    #[server(default)] page: String,
) -> Result<Paged<InvitationRow>, AppError> {
    use crate::domain::access::InvitationStatus;
    super::ssr::serve(async |ctx| {
        ctx.require(|r| r.can_view_people_overview()).await?;
        let query: String = q.chars().take(100).collect();
        Ok(crate::db::access::invitations(
            &ctx.state.pool,
            InvitationStatus::parse(&status),
            &query,
            crate::db::now(),
            crate::domain::paging::parse_page(&page),
            crate::domain::paging::PAGE_SIZE,
        )
        .await?)
    })
    .await
}

/// Sends `person_id` a new invitation (HR and admins): at most one a day per person.
#[server(endpoint = "access/resend")]
pub async fn resend_invitation(person_id: i64) -> Result<(), AppError> {
    super::ssr::Serve::new()
        .redirect(|_| crate::routes::with_notice(crate::routes::HR_INVITATIONS, "resent"))
        .run(async |ctx| {
            let user = ctx.require(|r| r.can_view_people_overview()).await?;
            crate::access::resend(&ctx.state, user.id, person_id).await?;
            tracing::info!(person_id, by = user.id, "invitation resent");
            Ok(())
        })
        .await
}
