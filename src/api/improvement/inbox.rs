//! The owning team's inbox: one page of the frictions a lead's team owns (CX: every team's, or
//! one chosen team's) with the choices of the filter and triage forms. Only CX and team leads
//! have one (`domain::improvement::access::Viewer::has_inbox`); everyone else gets 403.

use crate::domain::improvement::inbox::{InboxFilter, InboxFriction, InboxOption};
use crate::domain::paging::Paged;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Everything the inbox page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InboxPage {
    pub rows: Paged<InboxFriction>,
    pub filter: InboxFilter,
    /// CX: sees every team and filters by one.
    pub is_cx: bool,
    /// The team the viewer leads, if any.
    pub lead_team: Option<i64>,
    /// Every team (id, name), for the team filter and the owning team.
    pub teams: Vec<(i64, String)>,
    pub journeys: Vec<InboxOption>,
    pub steps: Vec<InboxOption>,
    pub owners: Vec<InboxOption>,
    /// Open improvements the chosen frictions may join.
    pub improvements: Vec<InboxOption>,
    /// What a refused plain triage post typed, by field (`frictions` comma-separated).
    pub draft: BTreeMap<String, String>,
    /// Today in Amsterdam (`yyyy-mm-dd`), the earliest due date.
    pub today: String,
}

#[cfg(feature = "ssr")]
pub(super) mod ssr {
    use crate::api::ssr::Ctx;
    use crate::auth::CurrentUser;
    use crate::db::improvement::inbox::Scope;
    use crate::domain::improvement::access::{Viewer, may_read_friction};
    use crate::error::AppError;

    /// The signed-in person and their team, if they have an inbox (CX or a team lead); else 403.
    pub async fn inbox_viewer(ctx: &Ctx) -> Result<(CurrentUser, Option<i64>), AppError> {
        let user = ctx.require_user().await?;
        let team_id = crate::db::presentation::team_of(&ctx.state.pool, user.id).await?;
        let viewer = Viewer {
            id: user.id,
            roles: &user.roles,
            team_id,
        };
        if !viewer.has_inbox() {
            tracing::warn!(person_id = user.id, "improvement inbox refused");
            return Err(AppError::Forbidden);
        }
        Ok((user, team_id))
    }

    /// Whose frictions the viewer sees: CX every team's (or the one chosen), a lead their own.
    pub fn scope(user: &CurrentUser, team_id: Option<i64>, chosen: Option<i64>) -> Scope {
        let viewer = Viewer {
            id: user.id,
            roles: &user.roles,
            team_id,
        };
        match (viewer.is_cx(), chosen, team_id) {
            (true, Some(team), _) => Scope::Team(team),
            (true, None, _) => Scope::All,
            (false, _, Some(team)) => Scope::Team(team),
            // has_inbox() guarantees a lead has a team; never wider than nothing.
            (false, _, None) => Scope::Team(0),
        }
    }

    /// Friction `id` must exist (404) and be one this viewer may read outside its walkthrough (403).
    pub async fn require_friction(
        ctx: &Ctx,
        user: &CurrentUser,
        team_id: Option<i64>,
        id: i64,
    ) -> Result<(), AppError> {
        let facts = crate::db::improvement::inbox::friction_facts(&ctx.state.pool, id)
            .await?
            .ok_or(AppError::NotFound)?;
        let viewer = Viewer {
            id: user.id,
            roles: &user.roles,
            team_id,
        };
        if may_read_friction(viewer, facts) {
            Ok(())
        } else {
            tracing::warn!(
                person_id = user.id,
                friction_id = id,
                "friction outside its walkthrough refused"
            );
            Err(AppError::Forbidden)
        }
    }
}

pub use load::{ImprovementInbox, improvement_inbox};

/// The server function on its own: one argument per filter field, as the GET form names them.
mod load {
    #![allow(clippy::too_many_arguments)]
    use super::*;

    /// One page of the inbox. Filters arrive as typed in the URL; what is not understood is ignored.
    #[server(endpoint = "improvements/inbox")]
    pub async fn improvement_inbox(
        #[server(default)] journey: String,
        #[server(default)] step: String,
        #[server(default)] phase: String,
        #[server(default)] severity: String,
        #[server(default)] principle: String,
        #[server(default)] year: String,
        #[server(default)] state: String,
        #[server(default)] team: String,
        #[server(default)] page: String,
    ) -> Result<InboxPage, AppError> {
        use crate::db::improvement::inbox as db;
        use crate::domain::improvement::inbox::InboxQuery;
        crate::api::ssr::serve(async |ctx| {
            let (user, team_id) = super::ssr::inbox_viewer(ctx).await?;
            let pool = &ctx.state.pool;
            let is_cx = user.roles.has(crate::domain::Role::Cx);
            let mut filter = InboxFilter::parse(InboxQuery {
                journey: &journey,
                step: &step,
                phase: &phase,
                severity: &severity,
                principle: &principle,
                year: &year,
                state: &state,
                team: &team,
            });
            if !is_cx {
                filter.team = None;
            }
            let scope = super::ssr::scope(&user, team_id, filter.team);
            let rows = db::list(
                pool,
                scope,
                &filter,
                crate::domain::paging::parse_page(&page),
                crate::domain::improvement::inbox::PAGE_SIZE,
            )
            .await?;
            let choices = crate::db::improvement::inbox_choices::choices(
                pool,
                scope,
                filter.journey,
                user.id,
            )
            .await?;
            let lead_team = user
                .roles
                .has(crate::domain::Role::Reviewer)
                .then_some(team_id)
                .flatten();
            Ok(InboxPage {
                rows,
                is_cx,
                lead_team,
                teams: choices.teams.into_iter().map(|t| (t.id, t.label)).collect(),
                journeys: choices.journeys,
                steps: choices.steps,
                owners: choices.owners,
                improvements: choices.improvements,
                draft: ctx.draft("triage").await?,
                today: crate::domain::licence::amsterdam_date(crate::db::now())
                    .format("%Y-%m-%d")
                    .to_string(),
                filter,
            })
        })
        .await
    }
}
