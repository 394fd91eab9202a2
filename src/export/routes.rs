//! `GET /hr/people/export.csv` and `GET /hr/audit/export.csv`: the current filter of the people
//! list or the audit log as a CSV download, for HR and admins only (checked here, before
//! anything is read). Not signed in: to the sign-in page; another role: 403.

use super::csv::{CsvWriter, Separator};
use crate::auth::CurrentUser;
use crate::auth::SessionInfo;
use crate::http_routes::Listed;
use crate::i18n::I18n;
use crate::state::AppState;
use axum::Extension;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;
use tower_sessions::Session;

pub fn routes() -> Listed<AppState> {
    Listed::default()
        .get(crate::routes::PEOPLE_EXPORT, people)
        .get(crate::routes::AUDIT_EXPORT, audit)
}

/// The signed-in person, or the answer for a request without one: to the sign-in page (back to
/// `here` afterwards), or 500 when the session cannot be read. Every CSV route starts here.
pub(crate) async fn signed_in(
    state: &AppState,
    session: &Session,
    info: Option<Extension<SessionInfo>>,
    here: &str,
) -> Result<CurrentUser, Response> {
    let user = match info {
        Some(Extension(info)) => info.user,
        None => crate::auth::session::current_user(state, session)
            .await
            .map_err(|e| {
                tracing::error!(error = %e, "export: loading the session failed");
                StatusCode::INTERNAL_SERVER_ERROR.into_response()
            })?,
    };
    user.ok_or_else(|| {
        let next = crate::routes::urlencode(here);
        let mut answer = StatusCode::FOUND.into_response();
        if let Ok(location) = HeaderValue::from_str(&crate::routes::login(Some(&next))) {
            answer.headers_mut().insert(header::LOCATION, location);
        }
        answer
    })
}

/// The signed-in HR person or admin, or the answer for anyone else.
pub(crate) async fn require_hr(
    state: &AppState,
    session: &Session,
    info: Option<Extension<SessionInfo>>,
    here: &str,
) -> Result<CurrentUser, Response> {
    let user = signed_in(state, session, info, here).await?;
    if user.roles.can_view_people_overview() {
        Ok(user)
    } else {
        tracing::warn!(person_id = user.id, path = here, "forbidden export");
        Err(StatusCode::FORBIDDEN.into_response())
    }
}

/// How many exports are built at once. Each holds its rows and the finished file (about 18 MB
/// for 10,000 people), so sixteen at once took the server from 80 to 160 MB. One at a time
/// costs nothing in throughput (an export keeps a core busy for ~90 ms; the other serves pages);
/// the others wait their turn.
pub const AT_ONCE: usize = 1;

/// Waits for a turn to build an export (after the role check: a refused request never waits).
pub(crate) async fn permit(
    state: &AppState,
) -> Result<tokio::sync::OwnedSemaphorePermit, Response> {
    state
        .exports
        .clone()
        .acquire_owned()
        .await
        .map_err(|e| failed("export permit", e))
}

/// A finished CSV file as a download named `name`.
pub(crate) fn csv_download(bytes: Vec<u8>, name: &str) -> Response {
    let mut answer = bytes.into_response();
    let headers = answer.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    answer
}

fn failed(what: &str, error: impl std::fmt::Display) -> Response {
    tracing::error!(error = %error, "{what} failed");
    StatusCode::INTERNAL_SERVER_ERROR.into_response()
}

fn param<'a>(query: &'a HashMap<String, String>, key: &str) -> &'a str {
    query.get(key).map_or("", String::as_str)
}

async fn people(
    State(state): State<AppState>,
    session: Session,
    info: Option<Extension<SessionInfo>>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let user = match require_hr(&state, &session, info, crate::routes::PEOPLE_EXPORT).await {
        Ok(user) => user,
        Err(answer) => return answer,
    };
    let _turn = match permit(&state).await {
        Ok(turn) => turn,
        Err(answer) => return answer,
    };
    let filter = crate::domain::org::PeopleFilter::from_form(
        param(&query, "q"),
        param(&query, "team"),
        param(&query, "department"),
        param(&query, "status"),
    );
    let rows = match crate::db::person::export_rows(&state.pool, &filter).await {
        Ok(rows) => rows,
        Err(e) => return failed("people export", e),
    };
    let i18n = I18n::new(user.locale);
    let mut csv = CsvWriter::new(Separator::from_query(param(&query, "sep")));
    let header = [
        "import-col-number",
        "import-col-name",
        "import-col-email",
        "import-col-department",
        "import-col-team",
        "import-col-manager",
        "import-col-active",
        "export-col-roles",
        "export-col-last-login",
    ]
    .map(|k| i18n.t(k));
    let mut result = csv.row(&header);
    // Translated once, not per row (10,000 rows made 20,000 translations).
    let role_labels: HashMap<crate::domain::Role, String> = crate::domain::Role::ALL
        .iter()
        .map(|role| (*role, i18n.t(role.label_key())))
        .collect();
    let (yes, no) = (i18n.t("import-yes"), i18n.t("import-no"));
    for r in &rows {
        if result.is_err() {
            break;
        }
        let roles = crate::db::person::export_roles(r)
            .iter()
            .filter_map(|role| role_labels.get(&role).map(String::as_str))
            .collect::<Vec<_>>()
            .join(", ");
        let active = if r.active { &yes } else { &no };
        let last_login = r
            .last_login_at
            .as_deref()
            .and_then(|at| chrono::DateTime::parse_from_rfc3339(at).ok())
            .map(|at| i18n.datetime(at.with_timezone(&chrono::Utc)))
            .unwrap_or_default();
        result = csv.row([
            r.employee_number.as_str(),
            r.name.as_str(),
            r.email.as_str(),
            r.department_name.as_deref().unwrap_or_default(),
            r.team_name.as_deref().unwrap_or_default(),
            r.manager_email.as_deref().unwrap_or_default(),
            active.as_str(),
            roles.as_str(),
            last_login.as_str(),
        ]);
    }
    match result.and_then(|()| csv.finish()) {
        Ok(bytes) => {
            tracing::info!(person_id = user.id, rows = rows.len(), "people exported");
            csv_download(bytes, "medewerkers.csv")
        }
        Err(e) => failed("people export", e),
    }
}

async fn audit(
    State(state): State<AppState>,
    session: Session,
    info: Option<Extension<SessionInfo>>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let user = match require_hr(&state, &session, info, crate::routes::AUDIT_EXPORT).await {
        Ok(user) => user,
        Err(answer) => return answer,
    };
    let _turn = match permit(&state).await {
        Ok(turn) => turn,
        Err(answer) => return answer,
    };
    let filter = crate::domain::audit::AuditFilter::parse(
        param(&query, "action"),
        param(&query, "actor"),
        param(&query, "subject"),
        param(&query, "from"),
        param(&query, "to"),
    );
    let rows = match crate::db::audit::export(&state.pool, &filter).await {
        Ok(rows) => rows,
        Err(e) => return failed("audit export", e),
    };
    let i18n = I18n::new(user.locale);
    let mut csv = CsvWriter::new(Separator::from_query(param(&query, "sep")));
    let header = [
        "audit-col-when",
        "audit-col-action",
        "audit-col-actor",
        "audit-col-subject",
        "audit-col-detail",
    ]
    .map(|k| i18n.t(k));
    let mut result = csv.row(&header);
    for e in &rows {
        if result.is_err() {
            break;
        }
        result = csv.row([
            i18n.datetime(e.created_at),
            i18n.t(&crate::domain::audit::action_key(&e.action)),
            e.actor_name
                .clone()
                .unwrap_or_else(|| i18n.t("audit-system")),
            e.subject_name.clone().unwrap_or_default(),
            e.detail.clone(),
        ]);
    }
    match result.and_then(|()| csv.finish()) {
        Ok(bytes) => csv_download(bytes, "auditlog.csv"),
        Err(e) => failed("audit export", e),
    }
}
