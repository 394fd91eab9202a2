//! Who is asking: the signed-in user, posts from other sites, and the one edit rule
//! (`domain::walkthrough::may_edit`) turned into an answer.

use super::reply::{Failure, not_editable};
use crate::auth::CurrentUser;
use crate::auth::SessionInfo;
use crate::db;
use crate::domain::walkthrough::{EditRefusal, may_edit};
use crate::state::AppState;
use axum::Extension;
use axum::http::{HeaderMap, header};
use tower_sessions::Session;

/// Set by browsers on every request: whether it came from this site or another.
const SEC_FETCH_SITE: header::HeaderName = header::HeaderName::from_static("sec-fetch-site");

/// The signed-in user: the one the page middleware already loaded, else from the session.
pub(super) async fn user(
    state: &AppState,
    session: &Session,
    info: Option<Extension<SessionInfo>>,
) -> Result<Option<CurrentUser>, Failure> {
    match info {
        Some(Extension(info)) => Ok(info.user),
        None => Ok(crate::auth::session::current_user(state, session).await?),
    }
}

/// A form posted from another site (the browser says so): refused, whatever cookies came along.
pub(super) fn cross_site(headers: &HeaderMap) -> bool {
    headers
        .get(SEC_FETCH_SITE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.eq_ignore_ascii_case("cross-site"))
}

/// The walkthrough must exist (404); then `may_edit` decides, as for the server functions: its
/// owner while in progress may change it, the owner of a finished one gets 409
/// `walk-error-not-editable`, anyone else 403.
pub(super) async fn require_edit(
    state: &AppState,
    user: &CurrentUser,
    walkthrough_id: i64,
) -> Result<(), Failure> {
    let ownership = db::walkthrough::ownership(&state.pool, walkthrough_id)
        .await?
        .ok_or_else(Failure::not_found)?;
    may_edit(user.id, &user.roles, ownership).map_err(|refusal| {
        tracing::warn!(
            person_id = user.id,
            walkthrough_id,
            ?refusal,
            "evidence change refused"
        );
        match refusal {
            EditRefusal::NotEditable => not_editable(),
            EditRefusal::Forbidden => Failure::forbidden(),
        }
    })
}
