//! `GET /hr/coverage/export.csv`: the dashboard drill-down's current filter as CSV (UTF-8 with
//! BOM, `;` or `?sep=comma`, formulas neutralised by `export::csv`). HR and admins export the
//! organisation, reviewers their direct reports; the role is checked before anything is read.

use crate::api::dashboard::CoverageFilter;
use crate::auth::SessionInfo;
use crate::export::csv::{CsvWriter, Separator};
use crate::http_routes::Listed;
use crate::i18n::I18n;
use crate::state::AppState;
use axum::Extension;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;
use tower_sessions::Session;

pub fn routes() -> Listed<AppState> {
    Listed::default().get(crate::routes::HR_COVERAGE_EXPORT, export)
}

fn failed(error: impl std::fmt::Display) -> Response {
    tracing::error!(error = %error, "coverage export failed");
    StatusCode::INTERNAL_SERVER_ERROR.into_response()
}

async fn export(
    State(state): State<AppState>,
    session: Session,
    info: Option<Extension<SessionInfo>>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let user = match crate::export::routes::signed_in(
        &state,
        &session,
        info,
        crate::routes::HR_COVERAGE_EXPORT,
    )
    .await
    {
        Ok(user) => user,
        Err(answer) => return answer,
    };
    let Some(scope) = crate::api::dashboard::ssr::scope_of(&user) else {
        tracing::warn!(person_id = user.id, "forbidden coverage export");
        return StatusCode::FORBIDDEN.into_response();
    };
    let _turn = match crate::export::routes::permit(&state).await {
        Ok(turn) => turn,
        Err(answer) => return answer,
    };
    let p = |k: &str| query.get(k).map_or("", String::as_str);
    let filter = CoverageFilter::parse(
        p("department"),
        p("team"),
        p("manager"),
        p("status"),
        p("q"),
        p("sort"),
    );
    let db = &state.pool;
    let settings = match crate::db::licence::settings(db).await {
        Ok(s) => s,
        Err(e) => return failed(e),
    };
    let rows = match crate::db::coverage::all_people(
        db,
        scope,
        &filter,
        crate::db::licence::today(),
        &settings,
    )
    .await
    {
        Ok(rows) => rows,
        Err(e) => return failed(e),
    };
    let i18n = I18n::new(user.locale);
    let mut csv = CsvWriter::new(Separator::from_query(p("sep")));
    let header = [
        "licence-col-name",
        "field-department",
        "field-team",
        "dash-manager",
        "licence-col-status",
        "licence-col-through",
    ]
    .map(|k| i18n.t(k));
    let mut result = csv.row(&header);
    // Translated once, not per row.
    let labels: HashMap<_, String> = crate::domain::licence::LicenceStatus::ALL
        .iter()
        .map(|s| (*s, i18n.t(s.label_key())))
        .collect();
    for (person, _) in &rows {
        if result.is_err() {
            break;
        }
        result = csv.row([
            person.name.clone(),
            person.department_name.clone(),
            person.team_name.clone(),
            person.manager_name.clone(),
            labels.get(&person.status).cloned().unwrap_or_default(),
            person
                .valid_through
                .map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_default(),
        ]);
    }
    match result.and_then(|()| csv.finish()) {
        Ok(bytes) => crate::export::routes::csv_download(bytes, "dekking.csv"),
        Err(e) => failed(e),
    }
}
