//! Triage from the inbox: the chosen frictions become a new improvement, join an existing open
//! one, or are closed as "geen actie" with a reason; and what became of a walker's own frictions,
//! for their walkthrough log. The same server function answers the app and a plain form post
//! without JavaScript (redirect back to the inbox, what was typed kept on refusal).

use crate::domain::improvement::inbox::FrictionOutcome;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The triage form as posted. Frictions are ticked as `form[frictions][f<id>]=<id>`: a map
/// decodes the same with any number of boxes.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TriageForm {
    /// `new`, `existing` or `no_action` (the button pressed).
    #[serde(default)]
    pub action: String,
    #[serde(default)]
    pub frictions: BTreeMap<String, String>,
    #[serde(default)]
    pub gap: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub problem: String,
    #[serde(default)]
    pub team_id: String,
    #[serde(default)]
    pub owner_id: String,
    #[serde(default)]
    pub due_on: String,
    #[serde(default)]
    pub priority: String,
    #[serde(default)]
    pub improvement_id: String,
    #[serde(default)]
    pub reason: String,
    /// The inbox address (with its filter) to go back to after a plain post.
    #[serde(default)]
    pub back: String,
}

impl TriageForm {
    pub fn friction_list(&self) -> Vec<String> {
        self.frictions.values().cloned().collect()
    }

    pub fn draft_fields(&self) -> Vec<(&'static str, String)> {
        vec![
            ("action", self.action.clone()),
            ("frictions", self.friction_list().join(",")),
            ("gap", self.gap.clone()),
            ("title", self.title.clone()),
            ("problem", self.problem.clone()),
            ("team_id", self.team_id.clone()),
            ("owner_id", self.owner_id.clone()),
            ("due_on", self.due_on.clone()),
            ("priority", self.priority.clone()),
            ("improvement_id", self.improvement_id.clone()),
            ("reason", self.reason.clone()),
        ]
    }

    /// Where a plain post goes back to: the inbox it came from (a path on this site), else the
    /// inbox.
    #[cfg(feature = "ssr")]
    fn back_to(&self) -> String {
        crate::routes::safe_local_path(&self.back)
            .filter(|p| p.starts_with(crate::routes::IMPROVEMENT_INBOX))
            .unwrap_or(crate::routes::IMPROVEMENT_INBOX)
            .to_owned()
    }
}

/// What a triage did: the improvement the frictions joined (None: closed as geen actie).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TriageDone {
    pub improvement_id: Option<i64>,
    /// A new improvement was made.
    pub created: bool,
    pub count: usize,
}

/// Triages the ticked frictions. 403 for anyone without an inbox or for a friction they may not
/// read, 409 (`inbox-error-already-triaged`) when someone else triaged one first, 422 per field.
#[server(endpoint = "improvements/triage")]
pub async fn triage_frictions(form: TriageForm) -> Result<TriageDone, AppError> {
    let back = form.back_to();
    super::super::ssr::Serve::new()
        .keep_draft("triage", form.draft_fields())
        .redirect(move |done: &TriageDone| {
            let outcome = match (done.created, done.improvement_id) {
                (true, Some(id)) => format!("new-{id}"),
                (false, Some(id)) => format!("joined-{id}"),
                _ => "closed".to_owned(),
            };
            crate::routes::with_query(&back, "triaged", outcome)
        })
        .run(async |ctx| {
            use crate::db::improvement::triage::TriageError;
            use crate::domain::improvement::triage::{TriageFields, TriageInput};
            let (user, team_id) = super::inbox::ssr::inbox_viewer(ctx).await?;
            let ticked = form.friction_list();
            // Who may triage is decided before the rest of the form is looked at.
            for id in ticked
                .iter()
                .filter_map(|raw| raw.trim().parse::<i64>().ok())
            {
                super::inbox::ssr::require_friction(ctx, &user, team_id, id).await?;
            }
            let input = TriageInput::parse(
                &ticked,
                TriageFields {
                    action: &form.action,
                    gap: &form.gap,
                    title: &form.title,
                    problem: &form.problem,
                    team_id: &form.team_id,
                    owner_id: &form.owner_id,
                    due_on: &form.due_on,
                    priority: &form.priority,
                    improvement_id: &form.improvement_id,
                    reason: &form.reason,
                },
                crate::domain::licence::amsterdam_date(crate::db::now()),
            )
            .map_err(AppError::Validation)?;
            let done = crate::db::improvement::triage::triage(
                &ctx.state.pool,
                user.id,
                &input,
                crate::db::now(),
            )
            .await
            .map_err(|e| match e {
                TriageError::Forbidden => AppError::Forbidden,
                TriageError::AlreadyTriaged => {
                    tracing::info!(person_id = user.id, "triage lost: already triaged");
                    AppError::Refused(crate::domain::Refusal::InboxAlreadyTriaged)
                }
                TriageError::Field(field, key) => AppError::field(field, key),
                TriageError::Db(e) => AppError::internal("triage", e),
            })?;
            tracing::info!(
                person_id = user.id,
                improvement_id = done.improvement_id,
                frictions = input.frictions.len(),
                outcome = input.decision.outcome().code(),
                "frictions triaged"
            );
            Ok(TriageDone {
                improvement_id: done.improvement_id,
                created: done.created,
                count: input.frictions.len(),
            })
        })
        .await
}

/// What became of the triaged frictions of walkthrough `walkthrough_id`: for everyone who may
/// read that walkthrough (its walker above all), beside each friction on the log.
#[server(endpoint = "improvements/friction-outcomes")]
pub async fn friction_outcomes(walkthrough_id: i64) -> Result<Vec<FrictionOutcome>, AppError> {
    super::super::ssr::serve(async |ctx| {
        use crate::domain::walkthrough::{Access, access};
        let user = ctx.require_user().await?;
        let pool = &ctx.state.pool;
        let ownership = crate::db::walkthrough::ownership(pool, walkthrough_id)
            .await?
            .ok_or(AppError::NotFound)?;
        if access(user.id, &user.roles, ownership) == Access::None {
            tracing::warn!(
                person_id = user.id,
                walkthrough_id,
                "friction outcomes refused"
            );
            return Err(AppError::Forbidden);
        }
        Ok(crate::db::improvement::inbox::outcomes(pool, walkthrough_id).await?)
    })
    .await
}
