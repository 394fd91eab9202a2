//! The overview of improvements (`/improvements`) and its CSV (`/improvements/export.csv`): CX
//! and HR see every team's, a team lead only their own team's; anyone else is refused before
//! anything is read. The export has the page's filters and is audited.

use crate::domain::improvement::overview::{OverviewRow, Summary};
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// One page of the overview with the counts of everything the filter shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OverviewPage {
    pub rows: Vec<OverviewRow>,
    pub summary: Summary,
    pub total: i64,
    pub page: i64,
    pub pages: i64,
    /// Filter choices: (id, name).
    pub teams: Vec<(i64, String)>,
    pub journeys: Vec<(i64, String)>,
    /// The one team a lead sees (the team filter is fixed to it).
    pub scope_team: Option<i64>,
    pub today: chrono::NaiveDate,
}

/// One page of the overview. Every argument is a GET form field; what is not understood is
/// ignored.
#[server(endpoint = "improvements/overview")]
pub async fn load_improvements(
    #[server(default)] team: String,
    #[server(default)] journey: String,
    #[server(default)] status: String,
    #[server(default)] gap: String,
    #[server(default)] year: String,
    #[server(default)] sort: String,
    #[server(default)] page: String,
) -> Result<OverviewPage, AppError> {
    use crate::domain::improvement::overview::{OverviewFilter, PAGE_SIZE};
    super::super::ssr::serve(async |ctx| {
        let user = ctx.require_user().await?;
        let pool = &ctx.state.pool;
        let scope = ssr::scope(pool, &user).await?;
        let filter = OverviewFilter::parse(&team, &journey, &status, &gap, &year, &sort);
        let today = crate::db::licence::today();
        let teams = crate::db::improvement::life::teams(pool).await?;
        let (summary, total) =
            crate::db::improvement::overview::summary(pool, &filter, scope, today, &teams).await?;
        let pages = ((total + PAGE_SIZE - 1) / PAGE_SIZE).max(1);
        let page = page.trim().parse::<i64>().unwrap_or(1).clamp(1, pages);
        let rows = crate::db::improvement::overview::rows(
            pool,
            &filter,
            scope,
            Some((PAGE_SIZE, (page - 1) * PAGE_SIZE)),
        )
        .await?;
        Ok(OverviewPage {
            rows,
            summary,
            total,
            page,
            pages,
            teams,
            journeys: crate::db::improvement::overview::journeys(pool).await?,
            scope_team: scope,
            today,
        })
    })
    .await
}

#[cfg(feature = "ssr")]
pub(crate) mod ssr {
    use crate::auth::CurrentUser;
    use crate::domain::Role;
    use crate::error::AppError;

    /// Which improvements `user` sees on the overview: CX and HR all (None), a team lead their
    /// own team's; anyone else is refused.
    pub async fn scope(db: &crate::db::Db, user: &CurrentUser) -> Result<Option<i64>, AppError> {
        if user.roles.has(Role::Cx) || user.roles.has(Role::Hr) {
            return Ok(None);
        }
        if user.roles.has(Role::Reviewer)
            && let Some(team) = crate::db::improvement::life::viewer_team(db, user.id).await?
        {
            return Ok(Some(team));
        }
        tracing::warn!(person_id = user.id, "improvements overview refused");
        Err(AppError::Forbidden)
    }
}

#[cfg(feature = "ssr")]
pub use export::routes;

/// `GET /improvements/export.csv`: the overview's current filter as CSV (UTF-8 with BOM, `;` or
/// `?sep=comma`, formula cells neutralised by `export::csv`), authorized like the page.
#[cfg(feature = "ssr")]
mod export {
    use crate::auth::SessionInfo;
    use crate::db::audit::{AuditAction, record};
    use crate::domain::improvement::overview::OverviewFilter;
    use crate::error::AppError;
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
        Listed::default().get(crate::routes::IMPROVEMENTS_EXPORT, export)
    }

    fn failed(error: impl std::fmt::Display) -> Response {
        tracing::error!(error = %error, "improvements export failed");
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
            crate::routes::IMPROVEMENTS_EXPORT,
        )
        .await
        {
            Ok(user) => user,
            Err(answer) => return answer,
        };
        if user.must_change_password {
            return StatusCode::FORBIDDEN.into_response();
        }
        let scope = match super::ssr::scope(&state.pool, &user).await {
            Ok(scope) => scope,
            Err(AppError::Forbidden) => return StatusCode::FORBIDDEN.into_response(),
            Err(e) => return failed(e),
        };
        let _turn = match crate::export::routes::permit(&state).await {
            Ok(turn) => turn,
            Err(answer) => return answer,
        };
        let p = |k: &str| query.get(k).map_or("", String::as_str);
        let filter = OverviewFilter::parse(
            p("team"),
            p("journey"),
            p("status"),
            p("gap"),
            p("year"),
            p("sort"),
        );
        let rows =
            match crate::db::improvement::overview::rows(&state.pool, &filter, scope, None).await {
                Ok(rows) => rows,
                Err(e) => return failed(e),
            };
        let today = crate::db::licence::today();
        let i18n = I18n::new(user.locale);
        let mut csv = CsvWriter::new(Separator::from_query(p("sep")));
        let header = [
            "improvement-life-col-id",
            "improvement-life-col-title",
            "improvement-life-team",
            "improvement-life-journey",
            "improvement-life-status",
            "improvement-life-priority",
            "improvement-life-score",
            "improvement-life-col-reports",
            "improvement-life-col-recognitions",
            "improvement-life-owner",
            "improvement-life-due",
            "improvement-life-col-created",
            "improvement-life-col-overdue",
            "improvement-life-col-days-to-fix",
        ]
        .map(|k| i18n.t(k));
        let mut result = csv.row(&header);
        let (yes, no) = (i18n.t("import-yes"), i18n.t("import-no"));
        for r in &rows {
            if result.is_err() {
                break;
            }
            let day = |d: chrono::NaiveDate| d.format("%Y-%m-%d").to_string();
            result = csv.row([
                r.id.to_string(),
                r.title.clone(),
                r.team_name.clone(),
                r.journey_title.clone(),
                i18n.t(r.status.label_key()),
                i18n.t(r.priority.label_key()),
                r.score().to_string(),
                r.facts.reports().to_string(),
                r.facts.recognitions.to_string(),
                r.owner_name.clone().unwrap_or_default(),
                r.due_on.map(day).unwrap_or_default(),
                day(crate::domain::licence::amsterdam_date(r.created_at)),
                if r.is_overdue(today) { &yes } else { &no }.clone(),
                r.days_to_fix().map(|d| d.to_string()).unwrap_or_default(),
            ]);
        }
        let bytes = match result.and_then(|()| csv.finish()) {
            Ok(bytes) => bytes,
            Err(e) => return failed(e),
        };
        let filter_text = crate::routes::page_href("", &filter.pairs(), 1);
        let detail = serde_json::json!({ "rows": rows.len(), "filter": filter_text });
        if let Err(e) = record(
            &state.pool,
            Some(user.id),
            AuditAction::ImprovementsExported,
            None,
            &detail,
        )
        .await
        {
            return failed(e);
        }
        crate::export::routes::csv_download(bytes, "verbeteringen.csv")
    }
}
