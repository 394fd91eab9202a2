//! The journey catalogue for curators (cx and admin): drafts, their steps, publishing and versions.
//! Only drafts change; a live or retired version is frozen because walkthroughs point at it.

use crate::domain::journey::{JourneyDetail, JourneyStatus, JourneyStep, JourneySummary};
use crate::domain::org::Team;
use crate::error::AppError;
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

// Session keys under which a rejected plain (no-JavaScript) post keeps what was typed.
#[cfg(feature = "ssr")]
const CREATE_FORM: &str = "journey-create";
#[cfg(feature = "ssr")]
const UPDATE_FORM: &str = "journey-update";
#[cfg(feature = "ssr")]
const STEP_ADD_FORM: &str = "journey-step-add";
#[cfg(feature = "ssr")]
const STEP_UPDATE_FORM: &str = "journey-step-update";

/// One journey in the catalogue with all its versions, newest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JourneyFamily {
    pub family_id: i64,
    pub versions: Vec<JourneySummary>,
}

impl JourneyFamily {
    /// The version that names the family in the catalogue: the newest one.
    pub fn newest(&self) -> Option<&JourneySummary> {
        self.versions.first()
    }
}

/// Groups catalogue rows by family, versions newest first, families by the newest version's title.
pub fn group_families(rows: Vec<JourneySummary>) -> Vec<JourneyFamily> {
    let mut families: Vec<JourneyFamily> = Vec::new();
    for row in rows {
        match families.iter_mut().find(|f| f.family_id == row.family_id) {
            Some(family) => family.versions.push(row),
            None => families.push(JourneyFamily {
                family_id: row.family_id,
                versions: vec![row],
            }),
        }
    }
    for family in &mut families {
        family
            .versions
            .sort_by_key(|v| std::cmp::Reverse(v.version));
    }
    families.sort_by(|a, b| {
        let title = |f: &JourneyFamily| f.newest().map(|v| v.title.to_lowercase());
        title(a).cmp(&title(b)).then(a.family_id.cmp(&b.family_id))
    });
    families
}

/// Whether a new draft may be made from a version: from the live one, or, when a journey was
/// withdrawn altogether, from its latest retired version. Never next to an open draft.
pub fn can_fork(status: JourneyStatus, is_latest: bool, family_has_live: bool) -> bool {
    match status {
        JourneyStatus::Live => true,
        JourneyStatus::Retired => is_latest && !family_has_live,
        JourneyStatus::Draft => false,
    }
}

/// The journey fields as submitted (all text, validated by `JourneyInput::parse`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct JourneyForm {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub product_line: String,
    #[serde(default)]
    pub year: String,
    #[serde(default)]
    pub persona: String,
    #[serde(default)]
    pub goal: String,
    #[serde(default)]
    pub scenario: String,
    #[serde(default)]
    pub rules: String,
}

impl JourneyForm {
    pub fn from_detail(j: &JourneyDetail) -> JourneyForm {
        JourneyForm {
            title: j.title.clone(),
            product_line: j.product_line.clone(),
            year: j.year.to_string(),
            persona: j.persona.clone(),
            goal: j.goal.clone(),
            scenario: j.scenario.clone(),
            rules: j.rules.clone(),
        }
    }

    /// What to keep after a rejected plain (no-JavaScript) post.
    pub fn draft_fields(&self) -> Vec<(&'static str, String)> {
        vec![
            ("title", self.title.clone()),
            ("product_line", self.product_line.clone()),
            ("year", self.year.clone()),
            ("persona", self.persona.clone()),
            ("goal", self.goal.clone()),
            ("scenario", self.scenario.clone()),
            ("rules", self.rules.clone()),
        ]
    }

    pub fn from_draft(draft: &std::collections::BTreeMap<String, String>) -> JourneyForm {
        let text = |k: &str| draft.get(k).cloned().unwrap_or_default();
        JourneyForm {
            title: text("title"),
            product_line: text("product_line"),
            year: text("year"),
            persona: text("persona"),
            goal: text("goal"),
            scenario: text("scenario"),
            rules: text("rules"),
        }
    }
}

/// The step fields as submitted (validated by `StepInput::parse`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StepForm {
    #[serde(default)]
    pub phase: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub instructions: String,
    #[serde(default)]
    pub channel: String,
    #[serde(default)]
    pub service_promise: String,
    #[serde(default)]
    pub team_id: String,
}

impl StepForm {
    pub fn from_step(s: &JourneyStep) -> StepForm {
        StepForm {
            phase: s.phase.code().to_owned(),
            title: s.title.clone(),
            instructions: s.instructions.clone(),
            channel: s.channel.code().to_owned(),
            service_promise: s.service_promise.clone(),
            team_id: s.team_id.map(|t| t.to_string()).unwrap_or_default(),
        }
    }

    pub fn draft_fields(&self) -> Vec<(&'static str, String)> {
        vec![
            ("phase", self.phase.clone()),
            ("title", self.title.clone()),
            ("instructions", self.instructions.clone()),
            ("channel", self.channel.clone()),
            ("service_promise", self.service_promise.clone()),
            ("team_id", self.team_id.clone()),
        ]
    }

    pub fn from_draft(draft: &std::collections::BTreeMap<String, String>) -> StepForm {
        let text = |k: &str| draft.get(k).cloned().unwrap_or_default();
        StepForm {
            phase: text("phase"),
            title: text("title"),
            instructions: text("instructions"),
            channel: text("channel"),
            service_promise: text("service_promise"),
            team_id: text("team_id"),
        }
    }
}

/// Everything the detail page of one version needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JourneyPage {
    pub journey: JourneyDetail,
    pub updated_at: DateTime<Utc>,
    /// Every version of the same journey, newest first (this one included).
    pub versions: Vec<JourneySummary>,
    /// Whether "Nieuwe versie maken" is possible from this version.
    pub can_fork: bool,
    /// The family's open draft, when this version is not it (a second draft is refused).
    pub open_draft: Option<i64>,
    /// Owning team choices for the add-step form (drafts only).
    pub teams: Vec<Team>,
    /// What was typed into the add-step form before a rejected plain post.
    pub step_draft: Option<StepForm>,
}

/// The journey fields form: the journey when editing, a kept draft, and the default year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JourneyFormData {
    pub journey: Option<JourneyDetail>,
    pub draft: Option<JourneyForm>,
    pub current_year: i64,
}

/// The step edit and remove pages: the draft journey and the step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StepFormData {
    pub journey_id: i64,
    pub journey_title: String,
    pub journey_version: i64,
    pub step: JourneyStep,
    pub draft: Option<StepForm>,
    pub teams: Vec<Team>,
}

#[cfg(feature = "ssr")]
mod ssr {
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
            _ => Err(AppError::Refused("journey-error-not-draft".into())),
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
}

/// The catalogue: every journey with its versions.
#[server(endpoint = "journeys/list")]
pub async fn list_journeys() -> Result<Vec<JourneyFamily>, AppError> {
    super::ssr::serve(async |ctx| {
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
    super::ssr::serve(async |ctx| {
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
    super::ssr::serve(async |ctx| {
        let state = &ctx.state;
        ctx.require(|r| r.can_curate_journeys()).await?;
        let journey = match id {
            Some(id) => {
                ssr::require_draft(state, id).await?;
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
            current_year: ssr::current_year(),
        })
    })
    .await
}

/// Starts a new journey: a family with a first draft version.
#[server(endpoint = "journeys/create")]
pub async fn create_journey(form: JourneyForm) -> Result<i64, AppError> {
    super::ssr::Serve::new()
        .keep_draft(CREATE_FORM, form.draft_fields())
        .redirect(|id| format!("/journeys/{id}?created=1"))
        .run(async |ctx| {
            let state = &ctx.state;
            let user = ctx.require(|r| r.can_curate_journeys()).await?;
            let input = ssr::journey_input(&form)?;
            let mut tx = crate::db::begin_write(&state.pool).await?;
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
    super::ssr::Serve::new()
        .keep_draft(UPDATE_FORM, form.draft_fields())
        .redirect(|_| format!("/journeys/{id}?saved=1"))
        .run(async |ctx| {
            let state = &ctx.state;
            let user = ctx.require(|r| r.can_curate_journeys()).await?;
            ssr::require_draft(state, id).await?;
            let input = ssr::journey_input(&form)?;
            let mut tx = crate::db::begin_write(&state.pool).await?;
            if !crate::db::journey::update(&mut tx, id, &input).await? {
                return Err(AppError::Refused("journey-error-not-draft".into()));
            }
            tx.commit().await?;
            tracing::info!(journey_id = id, by = user.id, "journey updated");
            Ok(())
        })
        .await
}

/// Adds a step to a draft, at the end of its phase.
#[server(endpoint = "journeys/step/add")]
pub async fn add_journey_step(journey_id: i64, step: StepForm) -> Result<i64, AppError> {
    super::ssr::Serve::new()
        .keep_draft(STEP_ADD_FORM, step.draft_fields())
        .redirect(|id| format!("/journeys/{journey_id}?added=1#step-{id}"))
        .run(async |ctx| {
            let state = &ctx.state;
            let user = ctx.require(|r| r.can_curate_journeys()).await?;
            ssr::require_draft(state, journey_id).await?;
            let input = ssr::step_input(state, &step).await?;
            let mut tx = crate::db::begin_write(&state.pool).await?;
            // Checked again inside the transaction: publishing may have happened in between.
            if crate::db::journey::state_of(&mut *tx, journey_id)
                .await?
                .map(|v| v.status)
                != Some(JourneyStatus::Draft)
            {
                return Err(AppError::Refused("journey-error-not-draft".into()));
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
    super::ssr::serve(async |ctx| {
        let state = &ctx.state;
        ctx.require(|r| r.can_curate_journeys()).await?;
        ssr::require_step_of(state, journey_id, step_id).await?;
        ssr::require_draft(state, journey_id).await?;
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
    super::ssr::Serve::new()
        .keep_draft(STEP_UPDATE_FORM, step.draft_fields())
        .redirect(|_| format!("/journeys/{journey_id}?saved=1#step-{step_id}"))
        .run(async |ctx| {
            let state = &ctx.state;
            let user = ctx.require(|r| r.can_curate_journeys()).await?;
            ssr::require_step_of(state, journey_id, step_id).await?;
            ssr::require_draft(state, journey_id).await?;
            let input = ssr::step_input(state, &step).await?;
            let mut tx = crate::db::begin_write(&state.pool).await?;
            if !crate::db::journey::update_step(&mut tx, journey_id, step_id, &input).await? {
                return Err(AppError::Refused("journey-error-not-draft".into()));
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
    super::ssr::Serve::new()
        .redirect(|_| format!("/journeys/{journey_id}?removed=1"))
        .run(async |ctx| {
            let state = &ctx.state;
            let user = ctx.require(|r| r.can_curate_journeys()).await?;
            ssr::require_step_of(state, journey_id, step_id).await?;
            ssr::require_draft(state, journey_id).await?;
            let mut tx = crate::db::begin_write(&state.pool).await?;
            if !crate::db::journey::delete_step(&mut tx, journey_id, step_id).await? {
                return Err(AppError::Refused("journey-error-not-draft".into()));
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
    super::ssr::Serve::new()
        .redirect(|_| format!("/journeys/{journey_id}?moved={step_id}-{direction}#step-{step_id}"))
        .run(async |ctx| {
            use crate::db::journey::Direction;
            let state = &ctx.state;
            ctx.require(|r| r.can_curate_journeys()).await?;
            let direction = match direction.as_str() {
                "up" => Direction::Up,
                "down" => Direction::Down,
                _ => return Err(AppError::BadRequest),
            };
            ssr::require_step_of(state, journey_id, step_id).await?;
            ssr::require_draft(state, journey_id).await?;
            let mut tx = crate::db::begin_write(&state.pool).await?;
            // Already first or last in its phase: nothing to do, which is not an error.
            crate::db::journey::move_step(&mut tx, journey_id, step_id, direction).await?;
            tx.commit().await?;
            Ok(())
        })
        .await
}

/// Publishes a draft; the journey's current live version is retired in the same transaction.
#[server(endpoint = "journeys/publish")]
pub async fn publish_journey(id: i64) -> Result<(), AppError> {
    super::ssr::Serve::new()
        .redirect(|_| format!("/journeys/{id}?published=1"))
        .run(async |ctx| {
            let state = &ctx.state;
            let user = ctx.require(|r| r.can_curate_journeys()).await?;
            let mut tx = crate::db::begin_write(&state.pool).await?;
            let current = crate::db::journey::state_of(&mut *tx, id)
                .await?
                .ok_or(AppError::NotFound)?;
            let steps = crate::db::journey::steps(&mut *tx, id).await?.len();
            crate::domain::journey::check_publishable(current.status, steps)
                .map_err(|key| AppError::Refused(key.into()))?;
            if !crate::db::journey::publish(&mut tx, id, current.family_id).await? {
                return Err(AppError::Refused("journey-error-not-draft".into()));
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
    super::ssr::Serve::new()
        .redirect(|new_id| format!("/journeys/{new_id}?drafted=1"))
        .run(async |ctx| {
            let state = &ctx.state;
            let user = ctx.require(|r| r.can_curate_journeys()).await?;
            let mut tx = crate::db::begin_write(&state.pool).await?;
            let current = crate::db::journey::state_of(&mut *tx, id)
                .await?
                .ok_or(AppError::NotFound)?;
            let family = current.family_id;
            if crate::db::journey::family_draft(&mut *tx, family)
                .await?
                .is_some()
            {
                return Err(AppError::Refused("journey-error-draft-exists".into()));
            }
            let versions = crate::db::journey::family_versions(&mut *tx, family).await?;
            let is_latest = versions.iter().max() == Some(&current.version);
            let family_has_live = crate::db::journey::family_live(&mut *tx, family)
                .await?
                .is_some();
            if !can_fork(current.status, is_latest, family_has_live) {
                return Err(AppError::Refused("journey-error-not-live".into()));
            }
            let version = crate::domain::journey::next_version(&versions);
            let new_id = crate::db::journey::copy_to_draft(
                &mut tx,
                id,
                version,
                ssr::current_year(),
                user.id,
            )
            .await
            .map_err(|e| {
                // Two clicks at once: the other one already made this version.
                if crate::error::unique_violation_field(&e, &["version"]).is_some() {
                    AppError::Refused("journey-error-draft-exists".into())
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
    super::ssr::Serve::new()
        .redirect(|_| format!("/journeys/{id}?retired=1"))
        .run(async |ctx| {
            let state = &ctx.state;
            let user = ctx.require(|r| r.can_curate_journeys()).await?;
            ssr::version_state(state, id).await?;
            let mut tx = crate::db::begin_write(&state.pool).await?;
            if !crate::db::journey::retire(&mut tx, id).await? {
                return Err(AppError::Refused("journey-error-not-live".into()));
            }
            tx.commit().await?;
            tracing::info!(journey_id = id, by = user.id, "journey retired");
            Ok(())
        })
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(id: i64, family_id: i64, version: i64, title: &str) -> JourneySummary {
        JourneySummary {
            id,
            family_id,
            version,
            year: 2026,
            title: title.into(),
            product_line: "Auto".into(),
            status: JourneyStatus::Live,
            step_count: 1,
            updated_at: Utc::now(),
        }
    }

    #[test]
    fn families_group_versions_newest_first_and_sort_by_newest_title() {
        let families = group_families(vec![
            summary(1, 10, 1, "Ik wil schade melden"),
            summary(2, 20, 1, "Oude titel"),
            summary(3, 20, 2, "Ik wil mijn auto verzekeren"),
        ]);
        assert_eq!(families.len(), 2);
        assert_eq!(families[0].family_id, 20);
        assert_eq!(
            families[0]
                .versions
                .iter()
                .map(|v| v.id)
                .collect::<Vec<_>>(),
            [3, 2]
        );
        assert_eq!(families[1].family_id, 10);
    }

    #[test]
    fn only_live_or_a_withdrawn_latest_version_forks() {
        assert!(can_fork(JourneyStatus::Live, false, true));
        assert!(can_fork(JourneyStatus::Retired, true, false));
        assert!(!can_fork(JourneyStatus::Retired, false, false));
        assert!(!can_fork(JourneyStatus::Retired, true, true));
        assert!(!can_fork(JourneyStatus::Draft, true, false));
    }
}
