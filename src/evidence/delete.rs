//! Removing a file from a walkthrough in progress: the row first, then the files.

use super::guard::{cross_site, require_edit, user};
use super::reply::{Failure, answer, reply_for};
use super::store;
use crate::auth::SessionInfo;
use crate::db;
use crate::state::AppState;
use axum::Extension;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use tower_sessions::Session;

#[derive(Debug, serde::Deserialize)]
pub(super) struct DeleteForm {
    #[serde(default)]
    return_to: String,
}

pub(super) async fn delete(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
    info: Option<Extension<SessionInfo>>,
    Path(id): Path<String>,
    form: Result<axum::Form<DeleteForm>, axum::extract::rejection::FormRejection>,
) -> Response {
    let return_to = form.as_ref().map(|f| f.return_to.clone()).ok();
    let reply = reply_for(&headers, return_to.as_deref());
    let result = async {
        let user = user(&state, &session, info)
            .await?
            .ok_or_else(Failure::unauthenticated)?;
        if cross_site(&headers) {
            return Err(Failure::forbidden());
        }
        if form.is_err() {
            return Err(Failure::bad_request());
        }
        let id = id.parse::<i64>().map_err(|_| Failure::not_found())?;
        let stored = db::evidence::find(&state.pool, id)
            .await?
            .ok_or_else(Failure::not_found)?;
        require_edit(&state, &user, stored.walkthrough_id).await?;
        let mut tx = crate::db::begin(&state.pool).await?;
        if !db::evidence::delete(&mut tx, user.id, stored.walkthrough_id, id).await? {
            return Err(Failure::not_found());
        }
        tx.commit().await?;
        // The row goes first: a file left behind by a failed removal is only an orphan, a row
        // without its file would be a broken link.
        let mut names = vec![stored.storage_name.as_str()];
        names.extend(stored.thumbnail_name.as_deref());
        store(&state).remove_quietly(&names).await;
        tracing::info!(person_id = user.id, evidence_id = id, "evidence deleted");
        Ok((StatusCode::OK, serde_json::json!({ "id": id }), "deleted"))
    }
    .await;
    answer(&reply, result, state.config.evidence_max_bytes)
}
