//! Server-side checks shared by the journey server functions: parsing the forms, "only drafts
//! change", "this step belongs to this journey".

use super::{JourneyForm, StepForm};
use crate::db::journey::VersionState;
use crate::domain::journey::{JourneyInput, JourneyStatus, StepInput};
use crate::error::AppError;
use crate::state::AppState;

/// The calendar year in Amsterdam: a new version made on new year's night belongs to the new year.
pub fn current_year() -> i64 {
    use chrono::Datelike;
    i64::from(
        chrono::Utc::now()
            .with_timezone(&chrono_tz::Europe::Amsterdam)
            .year(),
    )
}

pub fn journey_input(form: &JourneyForm) -> Result<JourneyInput, AppError> {
    JourneyInput::parse(
        &form.title,
        &form.product_line,
        &form.year,
        &form.persona,
        &form.goal,
        &form.scenario,
        &form.rules,
    )
    .map_err(AppError::Validation)
}

/// Field validation plus the check that needs the database (the owning team exists).
pub async fn step_input(state: &AppState, form: &StepForm) -> Result<StepInput, AppError> {
    let parsed = StepInput::parse(
        &form.phase,
        &form.title,
        &form.instructions,
        &form.channel,
        &form.service_promise,
        &form.team_id,
    );
    let team_id = crate::domain::person::parse_optional_id(&form.team_id)
        .ok()
        .flatten();
    let team_missing = match team_id {
        Some(team) => !crate::db::org::team_exists(&state.pool, team).await?,
        None => false,
    };
    match parsed {
        Ok(input) if !team_missing => Ok(input),
        Ok(_) => Err(AppError::field("team_id", "error-invalid-choice")),
        Err(mut errors) => {
            if team_missing {
                errors.add("team_id", "error-invalid-choice");
            }
            Err(AppError::Validation(errors))
        }
    }
}

/// The version's family, number and status, or `NotFound`.
pub async fn version_state(state: &AppState, id: i64) -> Result<VersionState, AppError> {
    crate::db::journey::state_of(&state.pool, id)
        .await?
        .ok_or(AppError::NotFound)
}

/// Only drafts change; anything else is refused with the reason.
pub async fn require_draft(state: &AppState, id: i64) -> Result<(), AppError> {
    match version_state(state, id).await?.status {
        JourneyStatus::Draft => Ok(()),
        _ => Err(AppError::Refused(crate::domain::Refusal::JourneyNotDraft)),
    }
}

/// A step of this journey, or `NotFound` (also for a step of another journey).
pub async fn require_step_of(
    state: &AppState,
    journey_id: i64,
    step_id: i64,
) -> Result<(), AppError> {
    match crate::db::journey::step_journey(&state.pool, step_id).await? {
        Some(owner) if owner == journey_id => Ok(()),
        _ => Err(AppError::NotFound),
    }
}
