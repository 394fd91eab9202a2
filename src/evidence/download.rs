//! Serving a stored file or its thumbnail to the people who may read the walkthrough.

use super::guard::user;
use super::reply::Failure;
use super::store;
use crate::auth::SessionInfo;
use crate::db;
use crate::domain::evidence::{self as rules, EvidenceKind};
use crate::domain::walkthrough::{Access, access};
use crate::state::AppState;
use axum::Extension;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use tower_sessions::Session;

pub(super) async fn download(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
    info: Option<Extension<SessionInfo>>,
    Path(id): Path<String>,
) -> Response {
    serve(&state, &session, &headers, info, &id, false).await
}

pub(super) async fn download_thumbnail(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
    info: Option<Extension<SessionInfo>>,
    Path(id): Path<String>,
) -> Response {
    serve(&state, &session, &headers, info, &id, true).await
}

/// Whether `user` reads this evidence through the presentation made from its walkthrough (see
/// `reader_may_fetch_evidence`: not when the author marked it sensitive).
async fn library_reader(
    state: &AppState,
    user: &crate::auth::CurrentUser,
    walkthrough_id: i64,
    evidence_id: i64,
) -> Result<bool, Failure> {
    use crate::domain::presentation::{Viewer, presentation_access, reader_may_fetch_evidence};
    let Some((presentation_id, sensitive)) =
        db::presentation::social::evidence_presentation(&state.pool, walkthrough_id, evidence_id)
            .await?
    else {
        return Ok(false);
    };
    let Some((facts, _)) = db::presentation::facts(&state.pool, presentation_id).await? else {
        return Ok(false);
    };
    let viewer = Viewer {
        id: user.id,
        roles: &user.roles,
        team_id: db::presentation::team_of(&state.pool, user.id).await?,
    };
    Ok(reader_may_fetch_evidence(
        presentation_access(viewer, facts),
        sensitive,
    ))
}

/// Whether `user` reads this evidence through its friction in their inbox: a lead of the team
/// that owns the friction's step (or is tagged), or CX, once the walkthrough is completed — never
/// what the walker marked sensitive (`domain::improvement::access`).
async fn inbox_reader(
    state: &AppState,
    user: &crate::auth::CurrentUser,
    evidence_id: i64,
) -> Result<bool, Failure> {
    use crate::domain::improvement::access::{Viewer, may_read_friction, shows_evidence};
    let Some((friction_id, sensitive)) =
        db::improvement::inbox::evidence_friction(&state.pool, evidence_id).await?
    else {
        return Ok(false);
    };
    let Some(facts) = db::improvement::inbox::friction_facts(&state.pool, friction_id).await?
    else {
        return Ok(false);
    };
    let viewer = Viewer {
        id: user.id,
        roles: &user.roles,
        team_id: db::presentation::team_of(&state.pool, user.id).await?,
    };
    if !may_read_friction(viewer, facts) {
        return Ok(false);
    }
    Ok(shows_evidence(sensitive))
}

pub(super) async fn serve(
    state: &AppState,
    session: &Session,
    headers: &HeaderMap,
    info: Option<Extension<SessionInfo>>,
    id: &str,
    thumbnail: bool,
) -> Response {
    let user = user(state, session, info).await;
    let locale = match &user {
        Ok(Some(user)) => user.locale,
        _ => crate::auth::session::cookie_locale(headers),
    };
    let result = async {
        let user = user?.ok_or_else(Failure::unauthenticated)?;
        let id = id.parse::<i64>().map_err(|_| Failure::not_found())?;
        let stored = db::evidence::find(&state.pool, id)
            .await?
            .ok_or_else(Failure::not_found)?;
        let ownership = db::walkthrough::ownership(&state.pool, stored.walkthrough_id)
            .await?
            .ok_or_else(Failure::not_found)?;
        if access(user.id, &user.roles, ownership) == Access::None
            && !library_reader(state, &user, stored.walkthrough_id, id).await?
            && !inbox_reader(state, &user, id).await?
        {
            tracing::warn!(
                person_id = user.id,
                evidence_id = id,
                "evidence download refused"
            );
            return Err(Failure::forbidden());
        }
        let (name, content_type) = if thumbnail {
            let name = stored
                .thumbnail_name
                .clone()
                .ok_or_else(Failure::not_found)?;
            (name, "image/jpeg".to_owned())
        } else {
            (stored.storage_name.clone(), stored.content_type.clone())
        };
        let bytes = store(state).read(&name).await.map_err(|e| {
            tracing::error!(error = %e, evidence_id = id, "evidence file unreadable");
            if e.kind() == std::io::ErrorKind::NotFound {
                Failure::not_found()
            } else {
                Failure::internal()
            }
        })?;
        Ok((stored, content_type, bytes))
    }
    .await;
    match result {
        Ok((stored, content_type, bytes)) => {
            let is_pdf = EvidenceKind::from_content_type(&content_type) == Some(EvidenceKind::Pdf);
            let disposition = if is_pdf {
                format!(
                    "attachment; filename=\"{}\"; filename*=UTF-8''{}",
                    rules::ascii_file_name(&stored.original_name),
                    rules::rfc5987_encode(&stored.original_name)
                )
            } else {
                "inline".to_owned()
            };
            let mut response = bytes.into_response();
            let h = response.headers_mut();
            h.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_str(&content_type)
                    .unwrap_or(HeaderValue::from_static("application/octet-stream")),
            );
            h.insert(
                header::X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            );
            h.insert(
                header::CONTENT_DISPOSITION,
                HeaderValue::from_str(&disposition)
                    .unwrap_or(HeaderValue::from_static("attachment")),
            );
            // Evidence may be sensitive: no copy stays in a shared browser after signing out.
            h.insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static("private, no-store"),
            );
            // Opened on its own, a file can run nothing and load nothing.
            h.insert(
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static("default-src 'none'; sandbox"),
            );
            response
        }
        Err(failure) => {
            let text = crate::i18n::I18n::new(locale).t(failure.key);
            (
                failure.status,
                [
                    (
                        header::CONTENT_TYPE,
                        HeaderValue::from_static("text/plain; charset=utf-8"),
                    ),
                    (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
                ],
                text,
            )
                .into_response()
        }
    }
}
