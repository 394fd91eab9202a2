//! Server functions for journeys as a whole: the catalogue, one version, the journey form,
//! creating and changing a draft, publishing, new versions and retiring.

use super::*;
#[cfg(feature = "ssr")]
use crate::domain::journey::JourneyStatus;
use crate::error::AppError;
use leptos::prelude::*;

/// The catalogue: every journey with its versions.
#[server(endpoint = "journeys/list")]
pub async fn list_journeys() -> Result<Vec<JourneyFamily>, AppError> {
    crate::api::ssr::serve(async |ctx| {
        let state = &ctx.state;
        ctx.require(|r| r.can_curate_journeys()).await?;
        Ok(group_families(
            crate::db::journey::list_all(&state.pool).await?,
        ))
    })
    .await
}

/// One version with its steps, its siblings and, for a draft, the add-step choices.
#[server(endpoint = "journeys/detail")]
pub async fn load_journey(id: i64) -> Result<JourneyPage, AppError> {
    crate::api::ssr::serve(async |ctx| {
        let state = &ctx.state;
        ctx.require(|r| r.can_curate_journeys()).await?;
        let journey = crate::db::journey::detail(&state.pool, id)
            .await?
            .ok_or(AppError::NotFound)?;
        let updated_at = crate::db::journey::updated_at(&state.pool, id)
            .await?
            .ok_or(AppError::NotFound)?;
        let versions = crate::db::journey::list_family(&state.pool, journey.family_id).await?;
        let is_latest = versions.first().is_none_or(|v| v.id == id);
        let has_live = versions.iter().any(|v| v.status == JourneyStatus::Live);
        let open_draft = versions
            .iter()
            .find(|v| v.status == JourneyStatus::Draft && v.id != id)
            .map(|v| v.id);
        let draft = journey.status == JourneyStatus::Draft;
        let step_draft = if draft {
            let kept = ctx.draft(STEP_ADD_FORM).await?;
            (!kept.is_empty()).then(|| StepForm::from_draft(&kept))
        } else {
            None
        };
        Ok(JourneyPage {
            can_fork: open_draft.is_none() && can_fork(journey.status, is_latest, has_live),
            teams: if draft {
                crate::db::org::teams(&state.pool).await?
            } else {
                Vec::new()
            },
            journey,
            updated_at,
            versions,
            open_draft,
            step_draft,
        })
    })
    .await
}

/// The journey fields form: empty for a new journey, the draft's values when editing one.
#[server(endpoint = "journeys/form")]
pub async fn load_journey_form(id: Option<i64>) -> Result<JourneyFormData, AppError> {
    crate::api::ssr::serve(async |ctx| {
        let state = &ctx.state;
        ctx.require(|r| r.can_curate_journeys()).await?;
        let journey = match id {
            Some(id) => {
                checks::require_draft(state, id).await?;
                crate::db::journey::detail(&state.pool, id).await?
            }
            None => None,
        };
        let kept = ctx
            .draft(if id.is_some() {
                UPDATE_FORM
            } else {
                CREATE_FORM
            })
            .await?;
        Ok(JourneyFormData {
            journey,
            draft: (!kept.is_empty()).then(|| JourneyForm::from_draft(&kept)),
            current_year: checks::current_year(),
        })
    })
    .await
}

/// Starts a new journey: a family with a first draft version.
#[server(endpoint = "journeys/create")]
pub async fn create_journey(form: JourneyForm) -> Result<i64, AppError> {
    crate::api::ssr::Serve::new()
        .keep_draft(CREATE_FORM, form.draft_fields())
        .redirect(|id| crate::routes::with_notice(&crate::routes::journey(id), "created"))
        .run(async |ctx| {
            let state = &ctx.state;
            let user = ctx.require(|r| r.can_curate_journeys()).await?;
            let input = checks::journey_input(&form)?;
            let mut tx = crate::db::begin(&state.pool).await?;
            let family = crate::db::journey::insert_family(&mut tx).await?;
            let id = crate::db::journey::insert(
                &mut tx,
                family,
                1,
                &input,
                JourneyStatus::Draft,
                Some(user.id),
            )
            .await?;
            tx.commit().await?;
            tracing::info!(journey_id = id, by = user.id, "journey created");
            Ok(id)
        })
        .await
}

/// Changes a draft's fields.
#[server(endpoint = "journeys/update")]
pub async fn update_journey(id: i64, form: JourneyForm) -> Result<(), AppError> {
    crate::api::ssr::Serve::new()
        .keep_draft(UPDATE_FORM, form.draft_fields())
        .redirect(|_| crate::routes::with_notice(&crate::routes::journey(id), "saved"))
        .run(async |ctx| {
            let state = &ctx.state;
            let user = ctx.require(|r| r.can_curate_journeys()).await?;
            checks::require_draft(state, id).await?;
            let input = checks::journey_input(&form)?;
            let mut tx = crate::db::begin(&state.pool).await?;
            if !crate::db::journey::update(&mut tx, id, &input).await? {
                return Err(AppError::Refused(crate::domain::Refusal::JourneyNotDraft));
            }
            tx.commit().await?;
            tracing::info!(journey_id = id, by = user.id, "journey updated");
            Ok(())
        })
        .await
}

/// Publishes a draft; the journey's current live version is retired in the same transaction.
#[server(endpoint = "journeys/publish")]
pub async fn publish_journey(id: i64) -> Result<(), AppError> {
    crate::api::ssr::Serve::new()
        .redirect(|_| crate::routes::with_notice(&crate::routes::journey(id), "published"))
        .run(async |ctx| {
            let state = &ctx.state;
            let user = ctx.require(|r| r.can_curate_journeys()).await?;
            let mut tx = crate::db::begin(&state.pool).await?;
            let current = crate::db::journey::state_of(&mut tx, id)
                .await?
                .ok_or(AppError::NotFound)?;
            let steps = crate::db::journey::steps(&mut tx, id).await?.len();
            crate::domain::journey::check_publishable(current.status, steps)
                .map_err(AppError::Refused)?;
            if !crate::db::journey::publish(&mut tx, id, current.family_id).await? {
                return Err(AppError::Refused(crate::domain::Refusal::JourneyNotDraft));
            }
            tx.commit().await?;
            tracing::info!(journey_id = id, by = user.id, "journey published");
            Ok(())
        })
        .await
}

/// Copies a live version and all its steps into a new draft version, for this year.
#[server(endpoint = "journeys/new-version")]
pub async fn new_journey_version(id: i64) -> Result<i64, AppError> {
    crate::api::ssr::Serve::new()
        .redirect(|new_id| crate::routes::with_notice(&crate::routes::journey(new_id), "drafted"))
        .run(async |ctx| {
            let state = &ctx.state;
            let user = ctx.require(|r| r.can_curate_journeys()).await?;
            let mut tx = crate::db::begin(&state.pool).await?;
            let current = crate::db::journey::state_of(&mut tx, id)
                .await?
                .ok_or(AppError::NotFound)?;
            let family = current.family_id;
            if crate::db::journey::family_draft(&mut tx, family)
                .await?
                .is_some()
            {
                return Err(AppError::Refused(
                    crate::domain::Refusal::JourneyDraftExists,
                ));
            }
            let versions = crate::db::journey::family_versions(&mut tx, family).await?;
            let is_latest = versions.iter().max() == Some(&current.version);
            let family_has_live = crate::db::journey::family_live(&mut tx, family)
                .await?
                .is_some();
            if !can_fork(current.status, is_latest, family_has_live) {
                return Err(AppError::Refused(crate::domain::Refusal::JourneyNotLive));
            }
            let version = crate::domain::journey::next_version(&versions);
            let new_id = crate::db::journey::copy_to_draft(
                &mut tx,
                id,
                version,
                checks::current_year(),
                user.id,
            )
            .await
            .map_err(|e| {
                // Two clicks at once: the other one already made this version.
                if crate::db::is_violation_of(&e, "journey_family_id_version_key") {
                    AppError::Refused(crate::domain::Refusal::JourneyDraftExists)
                } else {
                    AppError::from(e)
                }
            })?;
            tx.commit().await?;
            tracing::info!(
                journey_id = new_id,
                from = id,
                by = user.id,
                "journey version drafted"
            );
            Ok(new_id)
        })
        .await
}

/// Withdraws a live version: no new walkthroughs start on it (the page asks for confirmation).
#[server(endpoint = "journeys/retire")]
pub async fn retire_journey(id: i64) -> Result<(), AppError> {
    crate::api::ssr::Serve::new()
        .redirect(|_| crate::routes::with_notice(&crate::routes::journey(id), "retired"))
        .run(async |ctx| {
            let state = &ctx.state;
            let user = ctx.require(|r| r.can_curate_journeys()).await?;
            checks::version_state(state, id).await?;
            let mut tx = crate::db::begin(&state.pool).await?;
            if !crate::db::journey::retire(&mut tx, id).await? {
                return Err(AppError::Refused(crate::domain::Refusal::JourneyNotLive));
            }
            tx.commit().await?;
            tracing::info!(journey_id = id, by = user.id, "journey retired");
            Ok(())
        })
        .await
}
