//! The two multipart posts: an upload (a file on a step or friction) and a quick capture (a
//! one-line friction with an optional photo, to complete later).

use super::files::{check_file, new_row, write_files};
use super::form::{Form, parse_id, parse_optional_id, read_form};
use super::guard::{cross_site, require_edit, user};
use super::reply::{Failure, answer, not_editable, reply_for};
use super::store;
use crate::api::session::SessionInfo;
use crate::auth::CurrentUser;
use crate::db;
use crate::domain::evidence as rules;
use crate::state::AppState;
use axum::Extension;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use tower_sessions::Session;

pub(super) async fn upload(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
    info: Option<Extension<SessionInfo>>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    multipart_post(state, session, headers, info, multipart, Post::Upload).await
}

/// The two multipart posts: they differ only in what is saved.
#[derive(Clone, Copy)]
pub(super) enum Post {
    Upload,
    QuickCapture,
}

/// Reads a multipart post, checks who sent it, saves it and answers as the client wants
/// (a redirect back for a browser form, JSON otherwise).
pub(super) async fn multipart_post(
    state: AppState,
    session: Session,
    headers: HeaderMap,
    info: Option<Extension<SessionInfo>>,
    multipart: Result<Multipart, MultipartRejection>,
    post: Post,
) -> Response {
    let max = state.config.evidence_max_bytes;
    let user = user(&state, &session, info).await;
    let signed_in = matches!(user, Ok(Some(_)));
    let (reply, result) = match multipart {
        Err(_) => (reply_for(&headers, None), Err(Failure::bad_request())),
        Ok(mut multipart) => {
            let form = read_form(&mut multipart, max, signed_in).await;
            let reply = reply_for(&headers, form.as_ref().ok().map(|f| f.get("return_to")));
            let result = async {
                let user = user?.ok_or_else(Failure::unauthenticated)?;
                if cross_site(&headers) {
                    return Err(Failure::forbidden());
                }
                match post {
                    Post::Upload => save_upload(&state, &user, form?).await,
                    Post::QuickCapture => save_quick_capture(&state, &user, form?).await,
                }
            }
            .await;
            (reply, result)
        }
    };
    answer(&reply, result, max)
}

pub(super) async fn save_upload(
    state: &AppState,
    user: &CurrentUser,
    mut form: Form,
) -> Result<(StatusCode, serde_json::Value, &'static str), Failure> {
    let walkthrough_id = parse_id(form.get("walkthrough_id"))?;
    let step_id = parse_id(form.get("step_id"))?;
    let friction_id = parse_optional_id(form.get("friction_id"))?;
    require_edit(state, user, walkthrough_id).await?;
    db::evidence::step_team(&state.pool, walkthrough_id, step_id)
        .await?
        .ok_or_else(Failure::not_found)?;
    if let Some(friction_id) = friction_id
        && !db::evidence::friction_in_walkthrough(&state.pool, walkthrough_id, friction_id).await?
    {
        return Err(Failure::not_found());
    }
    let caption =
        rules::parse_caption(form.get("caption")).map_err(|key| Failure::field("caption", key))?;
    let file = form
        .file
        .take()
        .ok_or_else(|| Failure::field("file", rules::ERROR_NO_FILE))?;
    let file = check_file(file, state.config.evidence_max_bytes, image_rules(state)).await?;
    let storage = store(state);
    let written = write_files(&storage, &file).await?;
    let row = new_row(
        &file,
        &written,
        walkthrough_id,
        step_id,
        friction_id,
        caption,
        user.id,
    );
    let saved = async {
        let mut tx = crate::db::begin_write(&state.pool).await?;
        // Ownership is checked again inside the insert: the walkthrough may have been finished
        // while the file was being processed.
        let id = db::evidence::insert(&mut tx, &row)
            .await?
            .ok_or_else(not_editable)?;
        tx.commit().await?;
        Ok::<_, Failure>(id)
    }
    .await;
    match saved {
        Ok(id) => {
            tracing::info!(
                person_id = user.id,
                evidence_id = id,
                walkthrough_id,
                "evidence uploaded"
            );
            Ok((StatusCode::CREATED, serde_json::json!({ "id": id }), "ok"))
        }
        Err(e) => {
            storage.remove_quietly(&written.names()).await;
            Err(e)
        }
    }
}

/// The configured pixel limit and the stored size.
fn image_rules(state: &AppState) -> super::process::ImageRules {
    super::process::ImageRules {
        max_pixels: state.config.evidence_max_pixels,
        stored_max_side: rules::STORED_MAX_SIDE,
    }
}

pub(super) async fn quick_capture(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
    info: Option<Extension<SessionInfo>>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    multipart_post(state, session, headers, info, multipart, Post::QuickCapture).await
}

pub(super) async fn save_quick_capture(
    state: &AppState,
    user: &CurrentUser,
    mut form: Form,
) -> Result<(StatusCode, serde_json::Value, &'static str), Failure> {
    let walkthrough_id = parse_id(form.get("walkthrough_id"))?;
    let step_id = parse_id(form.get("step_id"))?;
    require_edit(state, user, walkthrough_id).await?;
    let team_id = db::evidence::step_team(&state.pool, walkthrough_id, step_id)
        .await?
        .ok_or_else(Failure::not_found)?;
    let title =
        rules::parse_quick_title(form.get("title")).map_err(|key| Failure::field("title", key))?;
    let file = match form.file.take() {
        Some(file) => {
            Some(check_file(file, state.config.evidence_max_bytes, image_rules(state)).await?)
        }
        None => None,
    };
    let storage = store(state);
    let written = match &file {
        Some(file) => Some(write_files(&storage, file).await?),
        None => None,
    };
    // One transaction: a capture is the friction and its photo, or nothing.
    let saved = async {
        let mut tx = crate::db::begin_write(&state.pool).await?;
        let friction_id = db::evidence::insert_quick_friction(
            &mut tx,
            user.id,
            walkthrough_id,
            step_id,
            &title,
            team_id,
        )
        .await?
        .ok_or_else(not_editable)?;
        let evidence_id = match (&file, &written) {
            (Some(file), Some(written)) => {
                let row = new_row(
                    file,
                    written,
                    walkthrough_id,
                    step_id,
                    Some(friction_id),
                    String::new(),
                    user.id,
                );
                Some(
                    db::evidence::insert(&mut tx, &row)
                        .await?
                        .ok_or_else(not_editable)?,
                )
            }
            _ => None,
        };
        tx.commit().await?;
        Ok::<_, Failure>((friction_id, evidence_id))
    }
    .await;
    match saved {
        Ok((friction_id, evidence_id)) => {
            tracing::info!(
                person_id = user.id,
                friction_id,
                walkthrough_id,
                "quick capture saved"
            );
            Ok((
                StatusCode::CREATED,
                serde_json::json!({ "friction_id": friction_id, "id": evidence_id }),
                "captured",
            ))
        }
        Err(e) => {
            if let Some(written) = &written {
                storage.remove_quietly(&written.names()).await;
            }
            Err(e)
        }
    }
}
