//! `POST /hr/import/upload` (multipart: `full_export` and `managers_review` checkboxes, then `file`)
//! and `POST /hr/import/licences/upload` (a licence register: `file`): keeps the uploaded
//! HR file under a random token for its uploader and sends the browser on to the dry run
//! (`/hr/import/<token>`). Works without JavaScript. The role is checked before the file is read;
//! cross-site posts never get here (`security::csrf`).

use crate::auth::SessionInfo;
use crate::http_routes::Listed;
use crate::state::AppState;
use axum::Extension;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{DefaultBodyLimit, Multipart, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use tower_sessions::Session;

/// The largest file accepted: 10,000 employees take about 1 MB.
pub const MAX_BYTES: usize = 20 * 1024 * 1024;

pub fn routes() -> Listed<AppState> {
    Listed::default()
        .post(
            crate::routes::HR_IMPORT_UPLOAD,
            |state, session, info, multipart| async move {
                upload(crate::db::import::PEOPLE, state, session, info, multipart).await
            },
        )
        .post(
            crate::routes::HR_LICENCE_IMPORT_UPLOAD,
            |state, session, info, multipart| async move {
                upload(crate::db::import::LICENCES, state, session, info, multipart).await
            },
        )
        .map_router(|r| r.layer(DefaultBodyLimit::max(MAX_BYTES + 64 * 1024)))
}

fn see_other(to: &str) -> Response {
    let mut answer = StatusCode::SEE_OTHER.into_response();
    if let Ok(location) = HeaderValue::from_str(to) {
        answer.headers_mut().insert(header::LOCATION, location);
    }
    answer
}

fn back_with(key: &str) -> Response {
    see_other(&format!("{}?error={key}", crate::routes::HR_IMPORT))
}

async fn upload(
    kind: &'static str,
    State(state): State<AppState>,
    session: Session,
    info: Option<Extension<SessionInfo>>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    let user =
        match crate::export::routes::require_hr(&state, &session, info, crate::routes::HR_IMPORT)
            .await
        {
            Ok(user) => user,
            Err(answer) => return answer,
        };
    let Ok(mut multipart) = multipart else {
        return back_with("import-error-no-file");
    };
    let mut full_export = false;
    // Ticked by default; the form also sends `managers_review_sent` so an unticked box is known.
    let (mut managers_review, mut managers_review_sent) = (false, false);
    let mut file: Option<(String, Vec<u8>)> = None;
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(e) => {
                tracing::warn!(error = %e, person_id = user.id, "import upload unreadable");
                return back_with("import-error-too-large");
            }
        };
        match field.name() {
            Some("full_export") => full_export = true,
            Some("managers_review") => managers_review = true,
            Some("managers_review_sent") => managers_review_sent = true,
            Some("file") => {
                let name: String = field
                    .file_name()
                    .unwrap_or("import.csv")
                    .chars()
                    .filter(|c| !c.is_control())
                    .take(200)
                    .collect();
                match field.bytes().await {
                    Ok(bytes) if bytes.is_empty() => return back_with("import-error-no-file"),
                    Ok(bytes) => file = Some((name, bytes.to_vec())),
                    Err(_) => return back_with("import-error-too-large"),
                }
            }
            _ => {}
        }
    }
    // A client that does not send the form's marker (a script) gets the default: on.
    let managers_review = managers_review || !managers_review_sent;
    let Some((name, bytes)) = file else {
        return back_with("import-error-no-file");
    };
    let token: String = {
        use rand::Rng;
        let mut rng = rand::rng();
        (0..16)
            .map(|_| format!("{:02x}", rng.random::<u8>()))
            .collect()
    };
    if let Err(e) = crate::db::import::store(
        &state.pool,
        kind,
        &token,
        user.id,
        &name,
        full_export,
        managers_review,
        &bytes,
    )
    .await
    {
        tracing::error!(error = %e, person_id = user.id, "storing an import upload failed");
        return back_with("error-internal");
    }
    tracing::info!(
        person_id = user.id,
        bytes = bytes.len(),
        full_export,
        kind,
        "import file uploaded"
    );
    if kind == crate::db::import::LICENCES {
        see_other(&crate::routes::hr_licence_import_preview(&token))
    } else {
        see_other(&crate::routes::hr_import_preview(&token))
    }
}
