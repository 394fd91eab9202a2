//! The author's editor: loading it, and the small forms it posts (texts, a slide shown or left
//! out, moved, its speaker notes, evidence marked sensitive). Each works as a plain form post:
//! success sends the browser back to the editor at the part that changed.

use super::PresentationPage;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Session key of the texts form's draft after a rejected plain post.
pub const TEXTS_FORM: &str = "presentation_texts";
/// Session key of a slide's notes after a rejected plain post.
pub const NOTES_FORM: &str = "presentation_notes";

/// The editor's data: the presentation with its rendered texts, and what a rejected plain post
/// typed (texts fields, or `slide_id` + `notes`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EditorPage {
    pub page: PresentationPage,
    pub draft: BTreeMap<String, String>,
}

/// The texts form as typed; every field is text so a half-filled form always arrives.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TextsForm {
    pub id: i64,
    /// The version the form was loaded with (optimistic check).
    pub version: i64,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub introduction: String,
    #[serde(default)]
    pub key_message: String,
    #[serde(default)]
    pub recommendations: String,
    #[serde(default)]
    pub visibility: String,
}

impl TextsForm {
    pub fn draft_fields(&self) -> Vec<(&'static str, String)> {
        vec![
            ("title", self.title.clone()),
            ("introduction", self.introduction.clone()),
            ("key_message", self.key_message.clone()),
            ("recommendations", self.recommendations.clone()),
            ("visibility", self.visibility.clone()),
        ]
    }
}

/// The editor of presentation `id`, for its author while it is not confirmed.
#[server(endpoint = "presentations/editor")]
pub async fn load_editor(id: i64) -> Result<EditorPage, AppError> {
    super::super::ssr::serve(async |ctx| {
        super::ssr::require_edit(ctx, id).await?;
        let access = crate::domain::presentation::PresentationAccess::Edit;
        let detail = crate::db::presentation::detail(&ctx.state.pool, id, access)
            .await?
            .ok_or(AppError::NotFound)?
            .redact_for(access);
        let html = super::RenderedTexts {
            introduction: crate::markdown::render(&detail.introduction),
            key_message: crate::markdown::render(&detail.key_message),
            recommendations: crate::markdown::render(&detail.recommendations),
        };
        let mut draft = ctx.draft(TEXTS_FORM).await?;
        draft.extend(ctx.draft(NOTES_FORM).await?);
        Ok(EditorPage {
            page: PresentationPage { detail, html },
            draft,
        })
    })
    .await
}

/// Saves title, Markdown texts and visibility; returns the new version. A stale version is a
/// conflict and overwrites nothing.
#[server(endpoint = "presentations/save_texts")]
pub async fn save_texts(form: TextsForm) -> Result<i64, AppError> {
    let id = form.id;
    super::super::ssr::Serve::new()
        .keep_draft(TEXTS_FORM, form.draft_fields())
        .redirect(move |_| crate::routes::at(&crate::routes::with_notice(&crate::routes::presentation_edit(id), "saved"), "texts"))
        .run(async |ctx| {
            let user = super::ssr::require_edit(ctx, id).await?;
            let texts = crate::domain::presentation::PresentationTexts::parse(
                &form.title,
                &form.introduction,
                &form.key_message,
                &form.recommendations,
                &form.visibility,
            )
            .map_err(AppError::Validation)?;
            let pool = &ctx.state.pool;
            Ok(
                crate::db::presentation::edit::save_texts(pool, id, user.id, form.version, &texts)
                    .await?,
            )
        })
        .await
}

/// Where the editor shows slide `slide_id`.
#[cfg(feature = "ssr")]
fn at_slide(id: i64, slide_id: i64) -> String {
    crate::routes::at(&crate::routes::presentation_edit(id), format!("slide-{slide_id}"))
}

/// Shows a slide (`included` true) or leaves it out; the title slide always stays.
#[server(endpoint = "presentations/slide_included")]
pub async fn set_slide_included(id: i64, slide_id: i64, included: bool) -> Result<(), AppError> {
    super::super::ssr::Serve::new()
        .redirect(move |_| at_slide(id, slide_id))
        .run(async |ctx| {
            let user = super::ssr::require_edit(ctx, id).await?;
            let pool = &ctx.state.pool;
            crate::db::presentation::edit::set_slide_included(pool, id, user.id, slide_id, included)
                .await?;
            Ok(())
        })
        .await
}

/// Moves a slide one place `up` or `down`. At an end (or the title slide) it is refused with a
/// field error on `direction`.
#[server(endpoint = "presentations/move_slide")]
pub async fn move_slide(id: i64, slide_id: i64, direction: String) -> Result<(), AppError> {
    super::super::ssr::Serve::new()
        .redirect(move |_| at_slide(id, slide_id))
        .run(async |ctx| {
            let user = super::ssr::require_edit(ctx, id).await?;
            let direction = crate::domain::presentation::Move::parse(&direction)
                .map_err(|key| AppError::field("direction", key))?;
            let pool = &ctx.state.pool;
            let moved =
                crate::db::presentation::edit::move_slide(pool, id, user.id, slide_id, direction)
                    .await?;
            if moved {
                Ok(())
            } else {
                Err(AppError::field("direction", "presentation-error-cannot-move"))
            }
        })
        .await
}

/// Saves one slide's speaker notes (plain text, may be empty).
#[server(endpoint = "presentations/slide_notes")]
pub async fn save_slide_notes(id: i64, slide_id: i64, notes: String) -> Result<(), AppError> {
    super::super::ssr::Serve::new()
        .keep_draft(
            NOTES_FORM,
            vec![("slide_id", slide_id.to_string()), ("notes", notes.clone())],
        )
        .redirect(move |_| crate::routes::with_query(&at_slide(id, slide_id), "notes_saved", slide_id))
        .run(async |ctx| {
            let user = super::ssr::require_edit(ctx, id).await?;
            let notes = crate::domain::presentation::parse_notes(&notes).map_err(AppError::Validation)?;
            let pool = &ctx.state.pool;
            crate::db::presentation::edit::save_slide_notes(pool, id, user.id, slide_id, &notes)
                .await?;
            Ok(())
        })
        .await
}

/// Marks a photo or document of this presentation's walkthrough sensitive (shown only to the
/// author, their reviewer and HR) or not.
#[server(endpoint = "presentations/evidence_sensitive")]
pub async fn set_evidence_sensitive(
    id: i64,
    evidence_id: i64,
    /// The checkbox: present (`on`/`true`) when ticked, absent when not.
    sensitive: Option<String>,
) -> Result<(), AppError> {
    let sensitive = sensitive.is_some_and(|v| v == "on" || v == "true");
    super::super::ssr::Serve::new()
        .redirect(move |_| crate::routes::at(&crate::routes::presentation_edit(id), format!("evidence-{evidence_id}")))
        .run(async |ctx| {
            let user = super::ssr::require_edit(ctx, id).await?;
            let pool = &ctx.state.pool;
            crate::db::presentation::edit::set_evidence_sensitive(
                pool,
                id,
                user.id,
                evidence_id,
                sensitive,
            )
            .await?;
            Ok(())
        })
        .await
}
