//! Server functions for the steps of a draft journey: add, edit, remove and move within a phase.

use super::*;
#[cfg(feature = "ssr")]
use crate::domain::journey::JourneyStatus;
use crate::error::AppError;
use leptos::prelude::*;

/// Adds a step to a draft, at the end of its phase.
#[server(endpoint = "journeys/step/add")]
pub async fn add_journey_step(journey_id: i64, step: StepForm) -> Result<i64, AppError> {
    crate::api::ssr::Serve::new()
        .keep_draft(STEP_ADD_FORM, step.draft_fields())
        .redirect(|id| {
            crate::routes::with_notice(
                &crate::routes::at(
                    &crate::routes::journey(journey_id),
                    format_args!("step-{id}"),
                ),
                "added",
            )
        })
        .run(async |ctx| {
            let state = &ctx.state;
            let user = ctx.require(|r| r.can_curate_journeys()).await?;
            checks::require_draft(state, journey_id).await?;
            let input = checks::step_input(state, &step).await?;
            let mut tx = crate::db::begin(&state.pool).await?;
            // Checked again inside the transaction: publishing may have happened in between.
            if crate::db::journey::state_of(&mut tx, journey_id)
                .await?
                .map(|v| v.status)
                != Some(JourneyStatus::Draft)
            {
                return Err(AppError::Refused(crate::domain::Refusal::JourneyNotDraft));
            }
            let id = crate::db::journey::insert_step(&mut tx, journey_id, &input).await?;
            tx.commit().await?;
            tracing::info!(journey_id, step_id = id, by = user.id, "journey step added");
            Ok(id)
        })
        .await
}

/// The step edit and remove pages' data (drafts only).
#[server(endpoint = "journeys/step/form")]
pub async fn load_step_form(journey_id: i64, step_id: i64) -> Result<StepFormData, AppError> {
    crate::api::ssr::serve(async |ctx| {
        let state = &ctx.state;
        ctx.require(|r| r.can_curate_journeys()).await?;
        checks::require_step_of(state, journey_id, step_id).await?;
        checks::require_draft(state, journey_id).await?;
        let journey = crate::db::journey::detail(&state.pool, journey_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let step = journey
            .steps
            .iter()
            .find(|s| s.id == step_id)
            .cloned()
            .ok_or(AppError::NotFound)?;
        let kept = ctx.draft(STEP_UPDATE_FORM).await?;
        Ok(StepFormData {
            journey_id,
            journey_title: journey.title,
            journey_version: journey.version,
            step,
            draft: (!kept.is_empty()).then(|| StepForm::from_draft(&kept)),
            teams: crate::db::org::teams(&state.pool).await?,
        })
    })
    .await
}

/// Changes a step of a draft.
#[server(endpoint = "journeys/step/update")]
pub async fn update_journey_step(
    journey_id: i64,
    step_id: i64,
    step: StepForm,
) -> Result<(), AppError> {
    crate::api::ssr::Serve::new()
        .keep_draft(STEP_UPDATE_FORM, step.draft_fields())
        .redirect(|_| {
            crate::routes::with_notice(
                &crate::routes::at(
                    &crate::routes::journey(journey_id),
                    format_args!("step-{step_id}"),
                ),
                "saved",
            )
        })
        .run(async |ctx| {
            let state = &ctx.state;
            let user = ctx.require(|r| r.can_curate_journeys()).await?;
            checks::require_step_of(state, journey_id, step_id).await?;
            checks::require_draft(state, journey_id).await?;
            let input = checks::step_input(state, &step).await?;
            let mut tx = crate::db::begin(&state.pool).await?;
            if !crate::db::journey::update_step(&mut tx, journey_id, step_id, &input).await? {
                return Err(AppError::Refused(crate::domain::Refusal::JourneyNotDraft));
            }
            tx.commit().await?;
            tracing::info!(journey_id, step_id, by = user.id, "journey step updated");
            Ok(())
        })
        .await
}

/// Removes a step from a draft (the page asks for confirmation first).
#[server(endpoint = "journeys/step/remove")]
pub async fn remove_journey_step(journey_id: i64, step_id: i64) -> Result<(), AppError> {
    crate::api::ssr::Serve::new()
        .redirect(|_| crate::routes::with_notice(&crate::routes::journey(journey_id), "removed"))
        .run(async |ctx| {
            let state = &ctx.state;
            let user = ctx.require(|r| r.can_curate_journeys()).await?;
            checks::require_step_of(state, journey_id, step_id).await?;
            checks::require_draft(state, journey_id).await?;
            let mut tx = crate::db::begin(&state.pool).await?;
            if !crate::db::journey::delete_step(&mut tx, journey_id, step_id).await? {
                return Err(AppError::Refused(crate::domain::Refusal::JourneyNotDraft));
            }
            tx.commit().await?;
            tracing::info!(journey_id, step_id, by = user.id, "journey step removed");
            Ok(())
        })
        .await
}

/// Moves a step of a draft one place up or down within its phase (`direction` is `up` or `down`).
#[server(endpoint = "journeys/step/move")]
pub async fn move_journey_step(
    journey_id: i64,
    step_id: i64,
    direction: String,
) -> Result<(), AppError> {
    // Only "up" and "down" get this far; the page puts keyboard focus back on the same button
    // (see pages::journeys::StepItem).
    crate::api::ssr::Serve::new()
        .redirect(|_| {
            crate::routes::with_query(
                &crate::routes::at(
                    &crate::routes::journey(journey_id),
                    format_args!("step-{step_id}"),
                ),
                "moved",
                format_args!("{step_id}-{direction}"),
            )
        })
        .run(async |ctx| {
            use crate::db::journey::Direction;
            let state = &ctx.state;
            ctx.require(|r| r.can_curate_journeys()).await?;
            let direction = match direction.as_str() {
                "up" => Direction::Up,
                "down" => Direction::Down,
                _ => return Err(AppError::BadRequest),
            };
            checks::require_step_of(state, journey_id, step_id).await?;
            checks::require_draft(state, journey_id).await?;
            let mut tx = crate::db::begin(&state.pool).await?;
            // Already first or last in its phase: nothing to do, which is not an error.
            crate::db::journey::move_step(&mut tx, journey_id, step_id, direction).await?;
            tx.commit().await?;
            Ok(())
        })
        .await
}
