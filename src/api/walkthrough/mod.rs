//! Walkthroughs: starting one, saving step answers (with a version check), frictions, finishing,
//! reading. The form types are in `forms`.

use crate::domain::journey::{JourneyDetail, JourneySummary};
use crate::domain::org::Team;
use crate::domain::walkthrough::{WalkthroughDetail, WalkthroughSummary};
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

mod forms;
pub use forms::{FinishForm, FrictionForm, PrincipleTicks, StepForm};

/// The employee's walkthrough home: their walkthroughs and the journeys they can start.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WalkHome {
    pub cycle_year: i64,
    pub mine: Vec<WalkthroughSummary>,
    pub live: Vec<JourneySummary>,
    /// The walkthrough in progress this cycle, if any (starting another is refused until it ends).
    pub in_progress: Option<i64>,
}

/// A walkthrough plus, for its owner, what a rejected plain form post left behind.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WalkthroughPage {
    pub detail: WalkthroughDetail,
    /// Typed values of a rejected no-JavaScript post (step, friction or finish form), by field.
    pub draft: std::collections::BTreeMap<String, String>,
    pub teams: Vec<Team>,
    /// The presentation made from this walkthrough, if any (the log links its editor).
    pub presentation_id: Option<i64>,
}

/// What the save of one step answers: the new version to send with the next save.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct SavedStep {
    pub version: i64,
}

#[cfg(feature = "ssr")]
pub(crate) mod ssr {
    use crate::api::ssr::Ctx;
    use crate::auth::CurrentUser;
    use crate::domain::walkthrough::{Access, EditRefusal, access, may_edit};
    use crate::error::AppError;

    /// What `user` may do with walkthrough `id`: unknown is NotFound, no access is Forbidden.
    pub async fn access_to(ctx: &Ctx, user: &CurrentUser, id: i64) -> Result<Access, AppError> {
        let ownership = crate::db::walkthrough::ownership(&ctx.state.pool, id)
            .await?
            .ok_or(AppError::NotFound)?;
        match access(user.id, &user.roles, ownership) {
            Access::None => {
                tracing::warn!(
                    person_id = user.id,
                    walkthrough_id = id,
                    "walkthrough access refused"
                );
                Err(AppError::Forbidden)
            }
            granted => Ok(granted),
        }
    }

    /// The one edit rule (`domain::walkthrough::may_edit`, shared with the evidence routes): the
    /// owner of a walkthrough in progress may change it; the owner of a finished one is told why
    /// (409), everyone else gets Forbidden. Non-walkers are refused before the lookup.
    pub async fn require_edit(ctx: &Ctx, id: i64) -> Result<CurrentUser, AppError> {
        let user = ctx.require(|r| r.can_walk()).await?;
        let ownership = crate::db::walkthrough::ownership(&ctx.state.pool, id)
            .await?
            .ok_or(AppError::NotFound)?;
        match may_edit(user.id, &user.roles, ownership) {
            Ok(()) => Ok(user),
            Err(refusal) => {
                tracing::warn!(
                    person_id = user.id,
                    walkthrough_id = id,
                    ?refusal,
                    "walkthrough change refused"
                );
                Err(refusal.into())
            }
        }
    }

    impl From<EditRefusal> for AppError {
        fn from(refusal: EditRefusal) -> Self {
            match refusal {
                EditRefusal::NotEditable => {
                    AppError::Refused(crate::domain::Refusal::WalkNotEditable)
                }
                EditRefusal::Forbidden => AppError::Forbidden,
            }
        }
    }
}

/// My walkthroughs and the live journeys I can start.
#[server(endpoint = "walk/overview")]
pub async fn walk_overview() -> Result<WalkHome, AppError> {
    super::ssr::serve(async |ctx| {
        let pool = &ctx.state.pool;
        let user = ctx.require(|r| r.can_walk()).await?;
        let cycle_year = crate::domain::walkthrough::cycle_year(crate::db::now());
        let mine = crate::db::walkthrough::list_for_person(pool, user.id).await?;
        let in_progress = mine
            .iter()
            .find(|w| {
                w.cycle_year == cycle_year
                    && w.status == crate::domain::walkthrough::WalkthroughStatus::InProgress
            })
            .map(|w| w.id);
        Ok(WalkHome {
            cycle_year,
            mine,
            live: crate::db::journey::list_live(pool).await?,
            in_progress,
        })
    })
    .await
}

/// The brief and rules of a live journey, shown before starting it.
#[server(endpoint = "walk/brief")]
pub async fn journey_brief(journey_id: i64) -> Result<JourneyDetail, AppError> {
    super::ssr::serve(async |ctx| {
        ctx.require(|r| r.can_walk()).await?;
        let journey = crate::db::journey::detail(&ctx.state.pool, journey_id)
            .await?
            .ok_or(AppError::NotFound)?;
        if journey.status != crate::domain::journey::JourneyStatus::Live {
            return Err(AppError::Refused(
                crate::domain::Refusal::WalkJourneyNotLive,
            ));
        }
        Ok(journey)
    })
    .await
}

/// Starts a walkthrough of a live journey in the current cycle; returns its id.
#[server(endpoint = "walk/start")]
pub async fn start_walkthrough(journey_id: i64) -> Result<i64, AppError> {
    super::ssr::Serve::new()
        .redirect(|id| crate::routes::walk_step(id, 1))
        .run(async |ctx| {
            let user = ctx.require(|r| r.can_walk()).await?;
            let cycle_year = crate::domain::walkthrough::cycle_year(crate::db::now());
            let id =
                crate::db::walkthrough::start(&ctx.state.pool, user.id, journey_id, cycle_year)
                    .await?;
            tracing::info!(
                person_id = user.id,
                walkthrough_id = id,
                journey_id,
                "walkthrough started"
            );
            Ok(id)
        })
        .await
}

/// A walkthrough for its owner (edit) or a reader (their reviewer, HR).
#[server(endpoint = "walk/load")]
pub async fn load_walkthrough(id: i64) -> Result<WalkthroughPage, AppError> {
    super::ssr::serve(async |ctx| {
        let pool = &ctx.state.pool;
        let user = ctx.require_user().await?;
        let access = ssr::access_to(ctx, &user, id).await?;
        let detail = crate::db::walkthrough::detail(pool, id, access)
            .await?
            .ok_or(AppError::NotFound)?;
        let mut draft = ctx.draft("walk_step").await?;
        draft.extend(ctx.draft("walk_friction").await?);
        draft.extend(ctx.draft("walk_finish").await?);
        Ok(WalkthroughPage {
            detail,
            draft,
            teams: crate::db::org::teams(pool).await?,
            presentation_id: crate::db::presentation::for_walkthrough(pool, id).await?,
        })
    })
    .await
}

/// Saves one step's answer if nobody saved it in between (else `Conflict`, nothing overwritten).
#[server(endpoint = "walk/step")]
pub async fn save_step(form: StepForm) -> Result<SavedStep, AppError> {
    let id = form.walkthrough_id;
    let target = match form.go.as_str() {
        "next" => {
            crate::routes::with_notice(&crate::routes::walk_step(id, form.number + 1), "saved")
        }
        "prev" => crate::routes::with_notice(
            &crate::routes::walk_step(id, form.number.saturating_sub(1).max(1)),
            "saved",
        ),
        "finish" => crate::routes::walk_finish(id),
        _ => crate::routes::with_notice(&crate::routes::walk_step(id, form.number), "saved"),
    };
    super::ssr::Serve::new()
        .keep_draft("walk_step", form.draft_fields())
        .redirect(|_| target)
        .run(async |ctx| {
            let user = ssr::require_edit(ctx, form.walkthrough_id).await?;
            let answer = crate::domain::walkthrough::StepAnswerInput::parse(
                &form.outcome,
                &form.skip_reason,
                &form.minutes,
                &form.emotion,
                &form.effort,
                &form.expected,
                &form.happened,
                &form.notes,
            )
            .map_err(AppError::Validation)?;
            let version = crate::db::walkthrough::save_answer(
                &ctx.state.pool,
                user.id,
                form.walkthrough_id,
                form.step_id,
                form.version,
                &answer,
            )
            .await?;
            Ok(SavedStep { version })
        })
        .await
}

/// Adds or changes a friction, delight or question on one step; returns its id.
#[server(endpoint = "walk/friction")]
pub async fn save_friction(form: FrictionForm) -> Result<i64, AppError> {
    super::ssr::Serve::new()
        .keep_draft("walk_friction", form.draft_fields())
        .redirect(|_| {
            crate::routes::with_query(
                &crate::routes::walk_step(form.walkthrough_id, form.number),
                "saved",
                "friction",
            )
        })
        .run(async |ctx| {
            let pool = &ctx.state.pool;
            let user = ssr::require_edit(ctx, form.walkthrough_id).await?;
            // The step must be part of this walkthrough; its team is the default owner.
            let step_team =
                crate::db::walkthrough::step_team(pool, form.walkthrough_id, form.step_id)
                    .await?
                    .ok_or(AppError::NotFound)?;
            let friction_id = crate::domain::person::parse_optional_id(&form.friction_id)
                .map_err(|_| AppError::NotFound)?;
            // A similar friction or improvement chosen among the suggestions; a bad choice is
            // reported with every other bad field.
            let similar = crate::domain::improvement::similar::SimilarChoice::parse(&form.similar);
            let mut input = crate::domain::walkthrough::FrictionInput::parse(
                &form.kind,
                &form.severity,
                &form.title,
                &form.what_happened,
                &form.suggestion,
                &form.tags.codes(),
                &form.team_id,
            )
            .map_err(|mut errors| {
                if let Err(key) = similar {
                    errors.add("similar", key);
                }
                AppError::Validation(errors)
            })?;
            let similar = similar.map_err(|key| AppError::field("similar", key))?;
            match input.team_id {
                Some(team) if !crate::db::org::team_exists(pool, team).await? => {
                    return Err(AppError::field("team_id", "error-invalid-choice"));
                }
                None => input.team_id = step_team,
                _ => {}
            }
            // Linked in the same transaction, only if the walker may link to it.
            if similar != crate::domain::improvement::similar::SimilarChoice::Keep {
                let viewer = crate::api::presentation::library::ssr::viewer(ctx).await?;
                return crate::db::improvement::similar::save_linked(
                    pool,
                    &viewer,
                    form.walkthrough_id,
                    form.step_id,
                    friction_id,
                    &input,
                    similar,
                )
                .await?
                .ok_or_else(|| AppError::field("similar", "error-invalid-choice"));
            }
            Ok(crate::db::walkthrough::save_friction(
                pool,
                user.id,
                form.walkthrough_id,
                form.step_id,
                friction_id,
                &input,
            )
            .await?)
        })
        .await
}

/// Removes a friction from a walkthrough in progress.
#[server(endpoint = "walk/friction-delete")]
pub async fn delete_friction(
    walkthrough_id: i64,
    friction_id: i64,
    number: usize,
) -> Result<(), AppError> {
    super::ssr::Serve::new()
        .redirect(|_| {
            crate::routes::with_query(
                &crate::routes::walk_step(walkthrough_id, number),
                "saved",
                "deleted",
            )
        })
        .run(async |ctx| {
            let user = ssr::require_edit(ctx, walkthrough_id).await?;
            Ok(crate::db::walkthrough::delete_friction(
                &ctx.state.pool,
                user.id,
                walkthrough_id,
                friction_id,
            )
            .await?)
        })
        .await
}

/// Ends a walkthrough. Completing needs an outcome on every step and at least one delight.
#[server(endpoint = "walk/finish")]
pub async fn finish_walkthrough(form: FinishForm) -> Result<(), AppError> {
    super::ssr::Serve::new()
        .keep_draft("walk_finish", form.draft_fields())
        .redirect(|_| crate::routes::walkthrough(form.walkthrough_id))
        .run(async |ctx| {
            let pool = &ctx.state.pool;
            let user = ssr::require_edit(ctx, form.walkthrough_id).await?;
            let input = crate::domain::walkthrough::FinishInput::parse(
                &form.result,
                &form.abandon_reason,
                &form.recommend_score,
                &form.summary,
                &form.pros,
                &form.cons,
            )
            .map_err(AppError::Validation)?;
            if input.status == crate::domain::walkthrough::WalkthroughStatus::Completed {
                let detail = crate::db::walkthrough::detail(
                    pool,
                    form.walkthrough_id,
                    crate::domain::walkthrough::Access::Edit,
                )
                .await?
                .ok_or(AppError::NotFound)?;
                let problems = crate::domain::walkthrough::completion_problems(
                    detail.unanswered(),
                    detail.delights(),
                    detail.incomplete_frictions(),
                );
                if let Some(first) = problems.first() {
                    return Err(AppError::field("result", first));
                }
            }
            crate::db::walkthrough::finish(pool, user.id, form.walkthrough_id, &input).await?;
            tracing::info!(
                walkthrough_id = form.walkthrough_id,
                status = input.status.code(),
                "walkthrough finished"
            );
            Ok(())
        })
        .await
}

/// Walkthroughs of others the signed-in reviewer (their reports) or HR (everyone) may read: one
/// page, filtered by text (person or journey), status and year. What is not understood is
/// ignored, so a bookmarked list keeps working.
#[server(endpoint = "walk/readable")]
pub async fn readable_walkthroughs(
    #[server(default)] q: String,
    #[server(default)] status: String,
    #[server(default)] year: String,
    #[server(default)] page: String,
) -> Result<crate::domain::paging::Paged<WalkthroughSummary>, AppError> {
    super::ssr::serve(async |ctx| {
        use crate::domain::Role;
        let user = ctx
            .require(|r| r.has_any(&[Role::Reviewer, Role::Hr]))
            .await?;
        let filter = crate::db::walkthrough::ReadableFilter {
            text: q.chars().take(100).collect(),
            status: crate::domain::walkthrough::WalkthroughStatus::parse(&status),
            year: year
                .trim()
                .parse::<i64>()
                .ok()
                .filter(|y| (2000..=2200).contains(y)),
        };
        Ok(crate::db::walkthrough::list_readable(
            &ctx.state.pool,
            user.id,
            user.roles.has(Role::Hr),
            &filter,
            crate::domain::paging::parse_page(&page),
            crate::domain::paging::PAGE_SIZE,
        )
        .await?)
    })
    .await
}
