//! The library's server functions: searching the presentations the viewer may read, and one
//! journey's presentations with its most recognised frictions.

use crate::domain::presentation::{
    LibraryChoices, LibraryFilter, LibraryResults, RecognisedFriction,
};
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// One page of the library with the filter as understood and the select choices.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LibraryPage {
    pub filter: LibraryFilter,
    pub results: LibraryResults,
    pub choices: LibraryChoices,
}

/// Searches the library. Every argument is the text of a GET form field; what is not understood
/// is ignored rather than refused, so a bookmarked search keeps working.
#[server(endpoint = "presentations/library")]
pub async fn search_library(
    #[server(default)] q: String,
    #[server(default)] journey: String,
    #[server(default)] phase: String,
    #[server(default)] department: String,
    #[server(default)] year: String,
    #[server(default)] severity: String,
    #[server(default)] after: String,
) -> Result<LibraryPage, AppError> {
    super::super::ssr::serve(async |ctx| {
        let viewer = ssr::viewer(ctx).await?;
        let filter =
            LibraryFilter::parse(&q, &journey, &phase, &department, &year, &severity, &after);
        let pool = &ctx.state.pool;
        let results = crate::db::presentation::search::library(pool, &viewer, &filter).await?;
        let choices = crate::db::presentation::search::choices(pool).await?;
        Ok(LibraryPage {
            filter,
            results,
            choices,
        })
    })
    .await
}

/// "Presentaties over deze klantreis": one journey's presentations the viewer may read, newest
/// first, with the frictions colleagues recognised most on top.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JourneyPresentationsPage {
    pub family: i64,
    pub title: String,
    pub top: Vec<RecognisedFriction>,
    pub results: LibraryResults,
}

#[server(endpoint = "presentations/journey")]
pub async fn journey_presentations(
    family: i64,
    #[server(default)] after: String,
) -> Result<JourneyPresentationsPage, AppError> {
    super::super::ssr::serve(async |ctx| {
        let viewer = ssr::viewer(ctx).await?;
        let pool = &ctx.state.pool;
        let title = crate::db::presentation::search::journey_title(pool, family)
            .await?
            .ok_or(AppError::NotFound)?;
        let filter = LibraryFilter {
            journey: Some(family),
            ..LibraryFilter::parse("", "", "", "", "", "", &after)
        };
        let results = crate::db::presentation::search::library(pool, &viewer, &filter).await?;
        let top = crate::db::presentation::social::top_recognised(pool, family, &viewer, 5).await?;
        Ok(JourneyPresentationsPage {
            family,
            title,
            top,
            results,
        })
    })
    .await
}

#[cfg(feature = "ssr")]
pub(crate) mod ssr {
    use crate::api::ssr::Ctx;
    use crate::domain::Role;
    use crate::domain::presentation::LibraryViewer;
    use crate::error::AppError;

    /// The signed-in person as the library's visibility filter needs them (any role may read).
    pub async fn viewer(ctx: &Ctx) -> Result<LibraryViewer, AppError> {
        let user = ctx.require_user().await?;
        Ok(LibraryViewer {
            id: user.id,
            team_id: crate::db::presentation::team_of(&ctx.state.pool, user.id).await?,
            hr: user.roles.has(Role::Hr),
            reviewer: user.roles.has(Role::Reviewer),
        })
    }
}
