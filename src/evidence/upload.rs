//! The two multipart posts: an upload (a file on a step or friction) and a quick capture (a
//! one-line friction with an optional photo, to complete later).
//!
//! Invariants, in the order a post is handled:
//! 1. only the short fields before the file are read (at most `form::MAX_TEXT_BYTES`; our forms
//!    put the hidden ids first) before the sender, a cross-site post and the edit right
//!    (`guard::require_edit`, the step and friction) are checked — the ids must come before the
//!    file, a post with the file first is a bad request;
//! 2. then room is reserved in the upload budget (`budget`), or the answer is "busy";
//! 3. only then is the file read, streamed to a temporary file within the limit (`incoming`);
//! 4. the fields after the file, the file's type and content (`files`), then one transaction.
//!
//! Any refusal is answered at once, without reading on: the rest of the body is read and thrown
//! away in the background for a short while (`linger`), so a browser still sending sees the
//! answer instead of "connection reset", and the connection is closed after it.

use super::budget::Budget;
use super::files::{self, Stored, new_row};
use super::form::{Fields, multipart_failure, parse_id, parse_optional_id};
use super::guard::{cross_site, require_edit, user};
use super::incoming::{Received, receive};
use super::process::ImageRules;
use super::reply::{Failure, Reply, answer, not_editable, reply_for};
use super::store as storage_of;
use crate::auth::CurrentUser;
use crate::auth::SessionInfo;
use crate::db;
use crate::domain::evidence as rules;
use crate::state::AppState;
use axum::Extension;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::Response;
use std::sync::Arc;
use std::time::Duration;
use tower_sessions::Session;

/// How long the rest of a refused body is read and thrown away, at most (and never more than the
/// route's body limit): a web server's "lingering close".
const LINGER: Duration = Duration::from_secs(10);

type Saved = (StatusCode, serde_json::Value, &'static str);

pub(super) async fn upload(
    State(state): State<AppState>,
    Extension(budget): Extension<Arc<Budget>>,
    session: Session,
    headers: HeaderMap,
    info: Option<Extension<SessionInfo>>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    let request = Request {
        state: &state,
        budget: &budget,
        session: &session,
        headers: &headers,
    };
    request.handle(info, multipart, Post::Upload).await
}

pub(super) async fn quick_capture(
    State(state): State<AppState>,
    Extension(budget): Extension<Arc<Budget>>,
    session: Session,
    headers: HeaderMap,
    info: Option<Extension<SessionInfo>>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    let request = Request {
        state: &state,
        budget: &budget,
        session: &session,
        headers: &headers,
    };
    request.handle(info, multipart, Post::QuickCapture).await
}

/// The two multipart posts: they differ only in what is saved.
#[derive(Clone, Copy)]
enum Post {
    Upload,
    QuickCapture,
}

/// Where a post goes, checked before its file is read.
struct Target {
    walkthrough_id: i64,
    step_id: i64,
    friction_id: Option<i64>,
    team_id: Option<i64>,
}

struct Request<'a> {
    state: &'a AppState,
    budget: &'a Budget,
    session: &'a Session,
    headers: &'a HeaderMap,
}

impl Request<'_> {
    /// Handles a post and answers as the client wants (a redirect back for a browser form, JSON
    /// otherwise).
    async fn handle(
        &self,
        info: Option<Extension<SessionInfo>>,
        multipart: Result<Multipart, MultipartRejection>,
        post: Post,
    ) -> Response {
        let max = self.state.config.evidence_max_bytes;
        let mut reply = reply_for(self.headers, None);
        let Ok(mut multipart) = multipart else {
            let failure = Failure::bad_request();
            crate::monitoring::upload_refused(failure.key);
            return answer(&reply, Err(failure), max);
        };
        let mut body_read = false;
        let result = self
            .post(info, &mut multipart, post, &mut reply, &mut body_read)
            .await;
        if let Err(failure) = &result {
            crate::monitoring::upload_refused(failure.key);
        }
        let mut response = answer(&reply, result, max);
        if !body_read {
            linger(multipart, &mut response);
        }
        response
    }

    /// The steps of the module invariants. `reply` is set as soon as `return_to` is known;
    /// `body_read` once the body was read to its end.
    async fn post(
        &self,
        info: Option<Extension<SessionInfo>>,
        multipart: &mut Multipart,
        post: Post,
        reply: &mut Reply,
        body_read: &mut bool,
    ) -> Result<Saved, Failure> {
        let user = user(self.state, self.session, info).await;
        let mut fields = Fields::default();
        let file_part = loop {
            match multipart.next_field().await.map_err(multipart_failure)? {
                None => {
                    *body_read = true;
                    break None;
                }
                Some(field) if field.name() == Some("file") => break Some(field),
                Some(field) => fields.read(field).await?,
            }
        };
        *reply = reply_for(self.headers, Some(fields.get("return_to")));
        let user = user?.ok_or_else(Failure::unauthenticated)?;
        if cross_site(self.headers) {
            return Err(Failure::forbidden());
        }
        let target = self.target(&user, &fields, post).await?;
        // The reservation is held until the post is answered.
        let (received, _reservation) = match file_part {
            Some(field) => {
                let reservation = self.budget.admit(self.reservation()).await?;
                let max = self.state.config.evidence_max_bytes;
                let received = receive(field, &storage_of(self.state), max).await?;
                (received, Some(reservation))
            }
            None => (None, None),
        };
        if !*body_read {
            while let Some(field) = multipart.next_field().await.map_err(multipart_failure)? {
                fields.read(field).await?;
            }
            *body_read = true;
        }
        match post {
            Post::Upload => self.save_upload(&user, &target, &fields, received).await,
            Post::QuickCapture => {
                self.save_quick_capture(&user, &target, &fields, received)
                    .await
            }
        }
    }

    /// The ids from the fields before the file, and the right to change what they name.
    async fn target(
        &self,
        user: &CurrentUser,
        fields: &Fields,
        post: Post,
    ) -> Result<Target, Failure> {
        let walkthrough_id = parse_id(fields.get("walkthrough_id"))?;
        let step_id = parse_id(fields.get("step_id"))?;
        let friction_id = match post {
            Post::Upload => parse_optional_id(fields.get("friction_id"))?,
            Post::QuickCapture => None,
        };
        require_edit(self.state, user, walkthrough_id).await?;
        let pool = &self.state.pool;
        let team_id = db::evidence::step_team(pool, walkthrough_id, step_id)
            .await?
            .ok_or_else(Failure::not_found)?;
        if let Some(friction_id) = friction_id
            && !db::evidence::friction_in_walkthrough(pool, walkthrough_id, friction_id).await?
        {
            return Err(Failure::not_found());
        }
        Ok(Target {
            walkthrough_id,
            step_id,
            friction_id,
            team_id,
        })
    }

    /// What an upload reserves: its `Content-Length` (the file and a few short fields), at most
    /// the file limit, which is all that is ever kept of it; the limit when the length is unknown.
    fn reservation(&self) -> u64 {
        let max = self.state.config.evidence_max_bytes;
        self.headers
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<u64>().ok())
            .map_or(max, |len| len.min(max))
    }

    async fn store_file(&self, received: Received) -> Result<Stored, Failure> {
        let image_rules = ImageRules {
            max_pixels: self.state.config.evidence_max_pixels,
            stored_max_side: rules::STORED_MAX_SIDE,
        };
        files::store(received, &storage_of(self.state), self.budget, image_rules).await
    }

    async fn save_upload(
        &self,
        user: &CurrentUser,
        target: &Target,
        fields: &Fields,
        received: Option<Received>,
    ) -> Result<Saved, Failure> {
        let caption = rules::parse_caption(fields.get("caption"))
            .map_err(|key| Failure::field("caption", key))?;
        let received = received.ok_or_else(|| Failure::field("file", rules::ERROR_NO_FILE))?;
        let stored = self.store_file(received).await?;
        let row = new_row(
            &stored,
            target.walkthrough_id,
            target.step_id,
            target.friction_id,
            caption,
            user.id,
        );
        let saved = async {
            let mut tx = db::begin(&self.state.pool).await?;
            // Ownership is checked again inside the insert: the walkthrough may have been
            // finished while the file was being processed.
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
                    walkthrough_id = target.walkthrough_id,
                    "evidence uploaded"
                );
                Ok((StatusCode::CREATED, serde_json::json!({ "id": id }), "ok"))
            }
            Err(e) => {
                storage_of(self.state)
                    .remove_quietly(&stored.written.names())
                    .await;
                Err(e)
            }
        }
    }

    async fn save_quick_capture(
        &self,
        user: &CurrentUser,
        target: &Target,
        fields: &Fields,
        received: Option<Received>,
    ) -> Result<Saved, Failure> {
        let title = rules::parse_quick_title(fields.get("title"))
            .map_err(|key| Failure::field("title", key))?;
        let stored = match received {
            Some(received) => Some(self.store_file(received).await?),
            None => None,
        };
        // One transaction: a capture is the friction and its photo, or nothing.
        let saved = async {
            let mut tx = db::begin(&self.state.pool).await?;
            let friction_id = db::evidence::insert_quick_friction(
                &mut tx,
                user.id,
                target.walkthrough_id,
                target.step_id,
                &title,
                target.team_id,
            )
            .await?
            .ok_or_else(not_editable)?;
            let evidence_id = match &stored {
                Some(stored) => {
                    let row = new_row(
                        stored,
                        target.walkthrough_id,
                        target.step_id,
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
                None => None,
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
                    walkthrough_id = target.walkthrough_id,
                    "quick capture saved"
                );
                Ok((
                    StatusCode::CREATED,
                    serde_json::json!({ "friction_id": friction_id, "id": evidence_id }),
                    "captured",
                ))
            }
            Err(e) => {
                if let Some(stored) = &stored {
                    storage_of(self.state)
                        .remove_quietly(&stored.written.names())
                        .await;
                }
                Err(e)
            }
        }
    }
}

/// Answers now and reads the rest of the body in the background, keeping none of it, for at most
/// `LINGER` and the route's body limit; then the connection closes. Without this the server
/// would close while the browser is still sending, and most browsers then show "connection
/// reset" instead of the answer.
fn linger(mut multipart: Multipart, response: &mut Response) {
    response
        .headers_mut()
        .insert(header::CONNECTION, HeaderValue::from_static("close"));
    tokio::spawn(async move {
        let drain = async {
            while let Ok(Some(mut field)) = multipart.next_field().await {
                while let Ok(Some(_)) = field.chunk().await {}
            }
        };
        if tokio::time::timeout(LINGER, drain).await.is_err() {
            tracing::debug!("refused evidence upload still sending; connection closed");
        }
    });
}
