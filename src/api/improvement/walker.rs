//! Improvements from the walker's side, on their own walkthrough in progress: the fixed
//! improvements met at a step and the answer "klopt dat?", and similar frictions and open
//! improvements while logging a friction ("Zoek vergelijkbare", a plain form post that keeps
//! everything typed).

use crate::api::walkthrough::FrictionForm;
use crate::domain::improvement::ConfirmationAnswer;
use crate::domain::improvement::similar::Suggestion;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A fixed improvement the walker meets at a step, and their answer so far.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FixedQuestion {
    pub improvement_id: i64,
    pub title: String,
    pub answer: Option<ConfirmationAnswer>,
}

/// What the friction form shows about similar findings.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SimilarState {
    /// The walker searched: what they had typed (by field, as a friction draft) …
    pub typed: Option<BTreeMap<String, String>>,
    /// … and what was found for it.
    pub suggestions: Vec<Suggestion>,
    /// What the friction being edited is linked to: (choice code, title, is an improvement).
    pub linked: Option<(String, String, bool)>,
}

/// Session key of the last "Zoek vergelijkbare" search (what was typed, and where).
#[cfg(feature = "ssr")]
const SEARCH_KEY: &str = "walker:similar";

/// The fixed improvements walkthrough `walkthrough_id` meets at `step_id` (its owner, in progress).
#[server(endpoint = "improvement/fixed-here")]
pub async fn fixed_here(walkthrough_id: i64, step_id: i64) -> Result<Vec<FixedQuestion>, AppError> {
    crate::api::ssr::serve(async |ctx| {
        crate::api::walkthrough::ssr::require_edit(ctx, walkthrough_id).await?;
        let rows = crate::db::improvement::confirm::fixed_at_step(
            &ctx.state.pool,
            walkthrough_id,
            step_id,
        )
        .await?;
        Ok(rows
            .into_iter()
            .map(|r| FixedQuestion {
                improvement_id: r.id,
                title: r.title,
                answer: r
                    .answer
                    .as_deref()
                    .and_then(|a| ConfirmationAnswer::parse(a).ok()),
            })
            .collect())
    })
    .await
}

/// "Klopt dat?": stores the walker's answer about a fixed improvement met at this step (again:
/// changes it). Enough "still a problem" answers reopen the improvement (`IMPROVEMENT_REOPEN_AFTER`).
#[server(endpoint = "improvement/confirm")]
pub async fn confirm_fix(
    walkthrough_id: i64,
    step_id: i64,
    number: usize,
    improvement_id: i64,
    #[server(default)] answer: String,
) -> Result<(), AppError> {
    let back = crate::routes::walk_step(walkthrough_id, number);
    crate::api::ssr::Serve::new()
        .redirect(|_| {
            format!(
                "{}#fix-{improvement_id}",
                crate::routes::with_query(&back, "answered", improvement_id)
            )
        })
        .run(async |ctx| {
            let user = crate::api::walkthrough::ssr::require_edit(ctx, walkthrough_id).await?;
            let answer =
                ConfirmationAnswer::parse(&answer).map_err(|key| AppError::field("answer", key))?;
            let threshold = ctx.state.config.improvement_reopen_after;
            let comment = crate::i18n::I18n::new(crate::domain::Locale::default()).t_with(
                "improvement-reopen-comment",
                &[("count", threshold.to_string())],
            );
            let done = crate::db::improvement::confirm::answer(
                &ctx.state.pool,
                user.id,
                walkthrough_id,
                step_id,
                improvement_id,
                answer,
                threshold,
                &comment,
            )
            .await?;
            tracing::info!(
                person_id = user.id,
                walkthrough_id,
                improvement_id,
                answer = answer.code(),
                reopened = done.reopened,
                "fixed improvement answered"
            );
            if done.reopened {
                crate::reminders::improvement::send_soon(&ctx.state, "reopened");
            }
            Ok(())
        })
        .await
}

/// "Zoek vergelijkbare": keeps what was typed in the friction form (in the session, not in the
/// address) and sends the walker back to the form, which then shows the suggestions.
#[server(endpoint = "improvement/similar-search")]
pub async fn search_similar(form: FrictionForm) -> Result<(), AppError> {
    // Back to the form it came from; only an id and a word go into the address.
    let friction_id = crate::domain::person::parse_optional_id(&form.friction_id);
    let back = match friction_id {
        Ok(Some(id)) => crate::routes::friction(form.walkthrough_id, form.number, id),
        _ => crate::routes::friction_new(
            form.walkthrough_id,
            form.number,
            &crate::routes::urlencode(&form.kind),
        ),
    };
    crate::api::ssr::Serve::new()
        .redirect(|_| format!("{}#similar", crate::routes::with_query(&back, "similar", 1)))
        .run(async |ctx| {
            crate::api::walkthrough::ssr::require_edit(ctx, form.walkthrough_id).await?;
            friction_id.map_err(|_| AppError::NotFound)?;
            let mut typed: BTreeMap<&str, String> = form.draft_fields().into_iter().collect();
            typed.insert("walkthrough_id", form.walkthrough_id.to_string());
            typed.insert("step_id", form.step_id.to_string());
            ctx.session
                .insert(SEARCH_KEY, typed)
                .await
                .map_err(|e| AppError::internal("session similar search", e))?;
            Ok(())
        })
        .await
}

/// The friction form's similar findings: after a search (`searched`), what was typed and what was
/// found for it; for a friction being edited, what it is linked to.
#[server(endpoint = "improvement/similar")]
pub async fn load_similar(
    walkthrough_id: i64,
    step_id: i64,
    #[server(default)] friction_id: String,
    #[server(default)] searched: bool,
) -> Result<SimilarState, AppError> {
    crate::api::ssr::serve(async |ctx| {
        crate::api::walkthrough::ssr::require_edit(ctx, walkthrough_id).await?;
        let pool = &ctx.state.pool;
        let mut state = SimilarState::default();
        // Only a friction of this walkthrough: what another walker's friction is linked to is
        // theirs (the edit check above was on the walkthrough, not on this id).
        if let Ok(Some(id)) = crate::domain::person::parse_optional_id(&friction_id)
            && crate::db::walkthrough::frictions(pool, walkthrough_id)
                .await?
                .iter()
                .any(|f| f.id == id)
        {
            state.linked = crate::db::improvement::similar::linked(pool, id).await?;
        }
        if !searched {
            return Ok(state);
        }
        let typed = ctx
            .session
            .get::<BTreeMap<String, String>>(SEARCH_KEY)
            .await
            .map_err(|e| AppError::internal("session similar search", e))?
            .unwrap_or_default();
        let here = |k: &str, v: String| typed.get(k) == Some(&v);
        if !(here("walkthrough_id", walkthrough_id.to_string())
            && here("step_id", step_id.to_string())
            && here("friction_id", friction_id.clone()))
        {
            return Ok(state);
        }
        let text = [typed.get("title"), typed.get("what_happened")]
            .into_iter()
            .flatten()
            .cloned()
            .collect::<Vec<_>>()
            .join(" ");
        let viewer = crate::api::presentation::library::ssr::viewer(ctx).await?;
        state.suggestions = crate::db::improvement::similar::suggestions(
            pool,
            &viewer,
            walkthrough_id,
            step_id,
            &text,
        )
        .await?;
        state.typed = Some(typed);
        Ok(state)
    })
    .await
}
