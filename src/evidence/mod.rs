//! Evidence over HTTP (server only): upload, quick capture, download and delete. These are plain
//! multipart form posts, not server functions, so a phone without JavaScript can send a photo and
//! the body is streamed and size-checked instead of deserialised whole. Browsers get a 303 back to
//! the page they came from (with `?evidence=` or `?evidence_error=`); `Accept: application/json`
//! gets JSON and a 4xx status.

pub mod process;
pub mod storage;

use crate::api::session::SessionInfo;
use crate::auth::CurrentUser;
use crate::config::Config;
use crate::db;
use crate::domain::evidence::{self as rules, EvidenceKind};
use crate::domain::walkthrough::{Access, access};
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::multipart::{MultipartError, MultipartRejection};
use axum::extract::{DefaultBodyLimit, Multipart, Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Json, Router};
use std::collections::HashMap;
use storage::Storage;
use tower_sessions::Session;

/// Text fields are short (the caption is 200 characters); anything longer is not from our forms.
const MAX_TEXT_FIELD_BYTES: usize = 16 * 1024;
/// Images decoded at the same time. Each holds its decoded pixels (a 12-megapixel photo is ~36 MB,
/// briefly several copies), so a burst of uploads waits its turn instead of exhausting memory; two
/// matches the cores of the machines this runs on.
static IMAGE_WORK: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(2);

/// Set by browsers on every request: whether it came from this site or another.
const SEC_FETCH_SITE: header::HeaderName = header::HeaderName::from_static("sec-fetch-site");

/// The routes, with a request body limit fitted to the configured file limit.
pub fn routes(config: &Config) -> Router<AppState> {
    Router::new()
        .route("/evidence", post(upload))
        .route("/quick-capture", post(quick_capture))
        .route("/evidence/{id}", get(download))
        .route("/evidence/{id}/thumb", get(download_thumbnail))
        .route("/evidence/{id}/delete", post(delete))
        .layer(DefaultBodyLimit::max(body_limit(config.evidence_max_bytes)))
}

/// The file limit is checked while the file streams in. The body may be somewhat larger, so that a
/// file just over the limit is read to the end and the browser gets a proper answer: browsers
/// show "connection reset" instead of a page when the server stops reading mid-upload. Beyond this
/// the connection is cut after all.
fn body_limit(max_file_bytes: u64) -> usize {
    usize::try_from(max_file_bytes.saturating_mul(2).saturating_add(1024 * 1024))
        .unwrap_or(usize::MAX)
}

fn storage(state: &AppState) -> Storage {
    Storage::new(state.config.evidence_dir.clone())
}

// ---------------------------------------------------------------------------------------------
// Answers

/// Why a request was refused: the HTTP status, a translation key and, for validation, the field.
#[derive(Debug, Clone, PartialEq)]
struct Failure {
    status: StatusCode,
    key: &'static str,
    field: Option<&'static str>,
}

impl Failure {
    fn new(status: StatusCode, key: &'static str) -> Failure {
        Failure {
            status,
            key,
            field: None,
        }
    }

    fn field(field: &'static str, key: &'static str) -> Failure {
        Failure {
            status: StatusCode::UNPROCESSABLE_ENTITY,
            key,
            field: Some(field),
        }
    }

    fn unauthenticated() -> Failure {
        Failure::new(StatusCode::UNAUTHORIZED, "error-unauthenticated")
    }

    fn forbidden() -> Failure {
        Failure::new(StatusCode::FORBIDDEN, "error-forbidden")
    }

    fn not_found() -> Failure {
        Failure::new(StatusCode::NOT_FOUND, "error-not-found")
    }

    fn bad_request() -> Failure {
        Failure::new(StatusCode::BAD_REQUEST, "error-bad-request")
    }

    fn too_large() -> Failure {
        Failure::new(StatusCode::PAYLOAD_TOO_LARGE, rules::ERROR_TOO_LARGE)
    }

    fn internal() -> Failure {
        Failure::new(StatusCode::INTERNAL_SERVER_ERROR, "error-internal")
    }
}

/// The walkthrough stopped being editable between the access check and the write.
fn not_editable() -> Failure {
    Failure::new(StatusCode::CONFLICT, "walk-error-not-editable")
}

impl From<AppError> for Failure {
    fn from(err: AppError) -> Failure {
        Failure::new(
            StatusCode::from_u16(err.status_code()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            err.message_key(),
        )
    }
}

impl From<sqlx::Error> for Failure {
    #[track_caller]
    fn from(err: sqlx::Error) -> Failure {
        AppError::from(err).into()
    }
}

/// How the client wants its answer.
#[derive(Debug, Clone)]
enum Reply {
    Json,
    /// A browser form post: go back to this same-site path.
    Page(String),
}

fn wants_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("application/json"))
}

fn reply_for(headers: &HeaderMap, return_to: Option<&str>) -> Reply {
    if wants_json(headers) {
        return Reply::Json;
    }
    // Without `return_to` (a body cut off before its first field) the page the form was on, as the
    // browser reports it, is the next best place; a missing or foreign path falls back to the home
    // page rather than failing.
    let referer = referer_path(headers);
    Reply::Page(
        return_to
            .and_then(rules::safe_return_to)
            .or_else(|| referer.as_deref().and_then(rules::safe_return_to))
            .unwrap_or("/")
            .to_owned(),
    )
}

/// The path of the `Referer` when it is a page of this same host.
fn referer_path(headers: &HeaderMap) -> Option<String> {
    let referer = headers.get(header::REFERER)?.to_str().ok()?;
    let host = headers.get(header::HOST)?.to_str().ok()?;
    let rest = referer
        .strip_prefix("https://")
        .or_else(|| referer.strip_prefix("http://"))?;
    let path = rest.strip_prefix(host)?;
    path.starts_with('/').then(|| path.to_owned())
}

fn see_other(location: &str) -> Response {
    match HeaderValue::from_str(location) {
        Ok(value) => (StatusCode::SEE_OTHER, [(header::LOCATION, value)]).into_response(),
        Err(_) => (
            StatusCode::SEE_OTHER,
            [(header::LOCATION, HeaderValue::from_static("/"))],
        )
            .into_response(),
    }
}

fn answer(
    reply: &Reply,
    result: Result<(StatusCode, serde_json::Value, &'static str), Failure>,
    max_bytes: u64,
) -> Response {
    match (reply, result) {
        (Reply::Json, Ok((status, body, _))) => (status, Json(body)).into_response(),
        (Reply::Json, Err(failure)) => {
            let mut body = serde_json::json!({ "error": failure.key });
            if let Some(field) = failure.field {
                body["field"] = field.into();
            }
            if failure.key == rules::ERROR_TOO_LARGE {
                body["max_bytes"] = max_bytes.into();
            }
            (failure.status, Json(body)).into_response()
        }
        (Reply::Page(path), Ok((_, _, notice))) => {
            see_other(&rules::with_result_param(path, "evidence", notice))
        }
        (Reply::Page(path), Err(failure)) => see_other(&rules::with_result_param(
            path,
            "evidence_error",
            failure.key,
        )),
    }
}

// ---------------------------------------------------------------------------------------------
// Who is asking

/// The signed-in user: the one the page middleware already loaded, else from the session.
async fn user(
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
fn cross_site(headers: &HeaderMap) -> bool {
    headers
        .get(SEC_FETCH_SITE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.eq_ignore_ascii_case("cross-site"))
}

/// The walkthrough must exist (404) and the user must be its owner while it is in progress (403).
async fn require_edit(
    state: &AppState,
    user: &CurrentUser,
    walkthrough_id: i64,
) -> Result<(), Failure> {
    let ownership = db::walkthrough::ownership(&state.pool, walkthrough_id)
        .await?
        .ok_or_else(Failure::not_found)?;
    match access(user.id, &user.roles, ownership) {
        Access::Edit => Ok(()),
        _ => {
            tracing::warn!(
                person_id = user.id,
                walkthrough_id,
                "evidence change refused"
            );
            Err(Failure::forbidden())
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Reading the form

/// The uploaded file as received.
struct FilePart {
    original_name: String,
    bytes: Vec<u8>,
    /// More than the limit arrived; the bytes were dropped, only the fact is kept.
    too_large: bool,
}

/// Text fields and the file of a multipart form.
struct Form {
    text: HashMap<String, String>,
    file: Option<FilePart>,
}

impl Form {
    fn get(&self, name: &str) -> &str {
        self.text.get(name).map(String::as_str).unwrap_or_default()
    }
}

fn multipart_failure(err: MultipartError) -> Failure {
    if err.status() == StatusCode::PAYLOAD_TOO_LARGE {
        Failure::too_large()
    } else {
        tracing::info!(error = %err.body_text(), "malformed evidence form");
        Failure::bad_request()
    }
}

/// Reads the whole form, keeping at most `max_file_bytes` of the `file` field in memory (counted
/// chunk by chunk as it streams in) and discarding the rest. `keep_file: false` reads past the file
/// without keeping it (a visitor who is not signed in).
async fn read_form(
    multipart: &mut Multipart,
    max_file_bytes: u64,
    keep_file: bool,
) -> Result<Form, Failure> {
    let mut form = Form {
        text: HashMap::new(),
        file: None,
    };
    while let Some(mut field) = multipart.next_field().await.map_err(multipart_failure)? {
        let name = field.name().unwrap_or_default().to_owned();
        match name.as_str() {
            "file" if form.file.is_none() && keep_file => {
                // Browsers send `filename=""` for a file input left empty.
                let original_name = field
                    .file_name()
                    .filter(|n| !n.is_empty())
                    .map(rules::display_name);
                let mut bytes = Vec::new();
                let mut too_large = false;
                while let Some(chunk) = field.chunk().await.map_err(multipart_failure)? {
                    if too_large {
                        continue;
                    }
                    if (bytes.len() + chunk.len()) as u64 > max_file_bytes {
                        too_large = true;
                        bytes = Vec::new();
                    } else {
                        bytes.extend_from_slice(&chunk);
                    }
                }
                // A file input left empty still sends a part: no name, no bytes.
                let chosen = original_name.is_some() || !bytes.is_empty() || too_large;
                if chosen {
                    form.file = Some(FilePart {
                        original_name: original_name.unwrap_or_else(|| rules::display_name("")),
                        bytes,
                        too_large,
                    });
                }
            }
            "walkthrough_id" | "step_id" | "friction_id" | "caption" | "title" | "return_to" => {
                let mut value = Vec::new();
                while let Some(chunk) = field.chunk().await.map_err(multipart_failure)? {
                    if value.len() + chunk.len() > MAX_TEXT_FIELD_BYTES {
                        return Err(Failure::bad_request());
                    }
                    value.extend_from_slice(&chunk);
                }
                let value = String::from_utf8(value).map_err(|_| Failure::bad_request())?;
                form.text.insert(name, value);
            }
            _ => {
                // Unknown or repeated fields are read past, not kept.
                while field.chunk().await.map_err(multipart_failure)?.is_some() {}
            }
        }
    }
    Ok(form)
}

fn parse_id(raw: &str) -> Result<i64, Failure> {
    raw.trim()
        .parse::<i64>()
        .map_err(|_| Failure::bad_request())
}

fn parse_optional_id(raw: &str) -> Result<Option<i64>, Failure> {
    if raw.trim().is_empty() {
        Ok(None)
    } else {
        parse_id(raw).map(Some)
    }
}

// ---------------------------------------------------------------------------------------------
// Checking and storing one file

/// A file that passed every check and is ready to be written.
struct CheckedFile {
    kind: EvidenceKind,
    original_name: String,
    bytes: Vec<u8>,
    width: Option<i64>,
    height: Option<i64>,
    thumbnail: Option<Vec<u8>>,
}

/// Size, type by content, and for images a clean re-encode plus thumbnail.
async fn check_file(file: FilePart, max_bytes: u64) -> Result<CheckedFile, Failure> {
    if file.too_large {
        return Err(Failure::too_large());
    }
    match rules::check_size(file.bytes.len() as u64, max_bytes) {
        Err(key) if key == rules::ERROR_TOO_LARGE => return Err(Failure::too_large()),
        Err(key) => return Err(Failure::field("file", key)),
        Ok(()) => {}
    }
    let kind = rules::sniff(&file.bytes).map_err(|key| {
        if key == rules::ERROR_EMPTY {
            Failure::field("file", key)
        } else {
            Failure::new(StatusCode::UNSUPPORTED_MEDIA_TYPE, key)
        }
    })?;
    if !kind.is_image() {
        // PDFs are kept as they are: there is no safe way to rewrite one here, and they are only
        // ever served as downloads.
        return Ok(CheckedFile {
            kind,
            original_name: file.original_name,
            bytes: file.bytes,
            width: None,
            height: None,
            thumbnail: None,
        });
    }
    let input = file.bytes;
    let _permit = IMAGE_WORK.acquire().await.map_err(|e| {
        tracing::error!(error = %e, "evidence image queue closed");
        Failure::internal()
    })?;
    let started = std::time::Instant::now();
    let processed = tokio::task::spawn_blocking(move || process::process_image(&input, kind))
        .await
        .map_err(|e| {
            tracing::error!(error = %e, "evidence image task failed");
            Failure::internal()
        })?
        .map_err(|key| Failure::field("file", key))?;
    tracing::info!(
        elapsed_ms = started.elapsed().as_millis() as u64,
        width = processed.width,
        height = processed.height,
        "evidence image processed"
    );
    Ok(CheckedFile {
        kind,
        original_name: file.original_name,
        bytes: processed.bytes,
        width: Some(i64::from(processed.width)),
        height: Some(i64::from(processed.height)),
        thumbnail: Some(processed.thumbnail),
    })
}

/// Names of files written for one upload, so they can be removed when the database says no.
struct Written {
    storage_name: String,
    thumbnail_name: Option<String>,
}

impl Written {
    fn names(&self) -> Vec<&str> {
        let mut names = vec![self.storage_name.as_str()];
        names.extend(self.thumbnail_name.as_deref());
        names
    }
}

async fn write_files(storage: &Storage, file: &CheckedFile) -> Result<Written, Failure> {
    let storage_name = storage::random_name(file.kind.extension(), false);
    storage.write(&storage_name, &file.bytes).await.map_err(|e| {
        tracing::error!(error = %e, dir = %storage.dir().display(), "could not write evidence file");
        Failure::internal()
    })?;
    let mut written = Written {
        storage_name,
        thumbnail_name: None,
    };
    if let Some(thumbnail) = &file.thumbnail {
        let name = storage::random_name("jpg", true);
        if let Err(e) = storage.write(&name, thumbnail).await {
            tracing::error!(error = %e, "could not write evidence thumbnail");
            storage.remove_quietly(&written.names()).await;
            return Err(Failure::internal());
        }
        written.thumbnail_name = Some(name);
    }
    Ok(written)
}

fn new_row(
    file: &CheckedFile,
    written: &Written,
    walkthrough_id: i64,
    step_id: i64,
    friction_id: Option<i64>,
    caption: String,
    created_by: i64,
) -> db::evidence::NewEvidence {
    db::evidence::NewEvidence {
        walkthrough_id,
        step_id,
        friction_id,
        storage_name: written.storage_name.clone(),
        content_type: file.kind.content_type(),
        byte_size: file.bytes.len() as i64,
        width: file.width,
        height: file.height,
        thumbnail_name: written.thumbnail_name.clone(),
        original_name: file.original_name.clone(),
        caption,
        created_by,
    }
}

// ---------------------------------------------------------------------------------------------
// Upload

async fn upload(
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
enum Post {
    Upload,
    QuickCapture,
}

/// Reads a multipart post, checks who sent it, saves it and answers as the client wants
/// (a redirect back for a browser form, JSON otherwise).
async fn multipart_post(
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

async fn save_upload(
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
    let file = check_file(file, state.config.evidence_max_bytes).await?;
    let storage = storage(state);
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

// ---------------------------------------------------------------------------------------------
// Quick capture

async fn quick_capture(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
    info: Option<Extension<SessionInfo>>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    multipart_post(state, session, headers, info, multipart, Post::QuickCapture).await
}

async fn save_quick_capture(
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
        Some(file) => Some(check_file(file, state.config.evidence_max_bytes).await?),
        None => None,
    };
    let storage = storage(state);
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

// ---------------------------------------------------------------------------------------------
// Download

async fn download(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
    info: Option<Extension<SessionInfo>>,
    Path(id): Path<String>,
) -> Response {
    serve(&state, &session, &headers, info, &id, false).await
}

async fn download_thumbnail(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
    info: Option<Extension<SessionInfo>>,
    Path(id): Path<String>,
) -> Response {
    serve(&state, &session, &headers, info, &id, true).await
}

async fn serve(
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
        _ => crate::api::session::cookie_locale(headers),
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
        if access(user.id, &user.roles, ownership) == Access::None {
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
        let bytes = storage(state).read(&name).await.map_err(|e| {
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
            h.insert(header::CACHE_CONTROL, HeaderValue::from_static("private"));
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

// ---------------------------------------------------------------------------------------------
// Delete

#[derive(Debug, serde::Deserialize)]
struct DeleteForm {
    #[serde(default)]
    return_to: String,
}

async fn delete(
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
        let mut tx = crate::db::begin_write(&state.pool).await?;
        if !db::evidence::delete(&mut tx, user.id, stored.walkthrough_id, id).await? {
            return Err(Failure::not_found());
        }
        tx.commit().await?;
        // The row goes first: a file left behind by a failed removal is only an orphan, a row
        // without its file would be a broken link.
        let mut names = vec![stored.storage_name.as_str()];
        names.extend(stored.thumbnail_name.as_deref());
        storage(&state).remove_quietly(&names).await;
        tracing::info!(person_id = user.id, evidence_id = id, "evidence deleted");
        Ok((StatusCode::OK, serde_json::json!({ "id": id }), "deleted"))
    }
    .await;
    answer(&reply, result, state.config.evidence_max_bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_limit_leaves_room_to_read_past_a_too_large_file() {
        assert_eq!(body_limit(10 * 1024 * 1024), 21 * 1024 * 1024);
        assert_eq!(body_limit(u64::MAX), usize::MAX);
    }

    #[test]
    fn browsers_go_back_with_the_result_and_api_clients_get_json() {
        let page = Reply::Page("/walk/1?step=2".to_owned());
        let response = answer(&page, Err(Failure::too_large()), 1024);
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        assert_eq!(
            response.headers()[header::LOCATION],
            "/walk/1?step=2&evidence_error=evidence-error-too-large"
        );
        let response = answer(
            &Reply::Json,
            Err(Failure::field("title", rules::ERROR_TITLE_REQUIRED)),
            1024,
        );
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let mut json = HeaderMap::new();
        json.insert(header::ACCEPT, HeaderValue::from_static("application/json"));
        assert!(matches!(reply_for(&json, Some("/x")), Reply::Json));
        let mut html = HeaderMap::new();
        assert!(matches!(reply_for(&html, Some("//evil.example")), Reply::Page(p) if p == "/"));
        html.insert(header::HOST, HeaderValue::from_static("krb.example"));
        html.insert(
            header::REFERER,
            HeaderValue::from_static("https://krb.example/walk/3?step=2"),
        );
        assert!(matches!(reply_for(&html, None), Reply::Page(p) if p == "/walk/3?step=2"));
        assert!(matches!(reply_for(&html, Some("/x")), Reply::Page(p) if p == "/x"));
        html.insert(
            header::REFERER,
            HeaderValue::from_static("https://krb.example.evil.example/walk"),
        );
        assert!(matches!(reply_for(&html, None), Reply::Page(p) if p == "/"));
    }
}
