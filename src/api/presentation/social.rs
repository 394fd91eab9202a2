//! Comments and "Herkenbaar" recognitions on a presentation. Everyone who may read it may comment
//! and (except its author) recognise its frictions; comments are edited and deleted by their
//! writer only. Plain form posts return to the reading page.

use crate::domain::presentation::{Comment, Recognition};
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// What the reading page shows below the slides.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SocialPage {
    pub viewer_id: i64,
    pub may_recognise: bool,
    pub comments: Vec<Comment>,
    pub recognitions: Vec<Recognition>,
    /// what a rejected plain comment post typed
    pub draft: std::collections::BTreeMap<String, String>,
}

#[cfg(feature = "ssr")]
fn back_to_comments(id: i64) -> String {
    format!("{}#comments", crate::routes::presentation(id))
}

#[server(endpoint = "presentations/social")]
pub async fn load_social(id: i64) -> Result<SocialPage, AppError> {
    super::super::ssr::serve(async |ctx| {
        let user = ctx.require_user().await?;
        let (access, facts, _) = super::ssr::access_for(ctx, &user, id).await?;
        let pool = &ctx.state.pool;
        Ok(SocialPage {
            viewer_id: user.id,
            may_recognise: crate::domain::presentation::may_recognise(
                user.id,
                access,
                facts.author_id,
            ),
            comments: crate::db::presentation::social::comments(pool, id).await?,
            recognitions: crate::db::presentation::social::recognitions(pool, id).await?,
            draft: ctx.draft("presentation_comment").await?,
        })
    })
    .await
}

#[server(endpoint = "presentations/comments/add")]
pub async fn add_comment(presentation_id: i64, body: String) -> Result<i64, AppError> {
    super::super::ssr::Serve::new()
        .keep_draft("presentation_comment", vec![("body", body.clone())])
        .redirect(move |_| back_to_comments(presentation_id))
        .run(async |ctx| {
            let user = ctx.require_user().await?;
            super::ssr::access_for(ctx, &user, presentation_id).await?;
            let body =
                crate::domain::presentation::parse_comment(&body).map_err(AppError::Validation)?;
            Ok(crate::db::presentation::social::add_comment(
                &ctx.state.pool,
                presentation_id,
                user.id,
                &body,
            )
            .await?)
        })
        .await
}

/// The writer's own comment that they may still read: its presentation; others get 403.
#[cfg(feature = "ssr")]
async fn own_comment(
    ctx: &crate::api::ssr::Ctx,
    user: &crate::auth::CurrentUser,
    comment_id: i64,
) -> Result<i64, AppError> {
    let (presentation_id, writer) =
        crate::db::presentation::social::comment_owner(&ctx.state.pool, comment_id)
            .await?
            .ok_or(AppError::NotFound)?;
    super::ssr::access_for(ctx, user, presentation_id).await?;
    if writer != user.id {
        return Err(AppError::Forbidden);
    }
    Ok(presentation_id)
}

#[server(endpoint = "presentations/comments/edit")]
pub async fn edit_comment(comment_id: i64, body: String) -> Result<i64, AppError> {
    super::super::ssr::Serve::new()
        .redirect(|id| back_to_comments(*id))
        .run(async |ctx| {
            let user = ctx.require_user().await?;
            let presentation_id = own_comment(ctx, &user, comment_id).await?;
            let body =
                crate::domain::presentation::parse_comment(&body).map_err(AppError::Validation)?;
            if !crate::db::presentation::social::edit_comment(
                &ctx.state.pool,
                comment_id,
                user.id,
                &body,
            )
            .await?
            {
                return Err(AppError::Forbidden);
            }
            Ok(presentation_id)
        })
        .await
}

#[server(endpoint = "presentations/comments/delete")]
pub async fn delete_comment(comment_id: i64) -> Result<i64, AppError> {
    super::super::ssr::Serve::new()
        .redirect(|id| back_to_comments(*id))
        .run(async |ctx| {
            let user = ctx.require_user().await?;
            let presentation_id = own_comment(ctx, &user, comment_id).await?;
            if !crate::db::presentation::social::delete_comment(
                &ctx.state.pool,
                comment_id,
                user.id,
            )
            .await?
            {
                return Err(AppError::Forbidden);
            }
            Ok(presentation_id)
        })
        .await
}

/// "Herkenbaar": recognise an included friction, or change the note of one's recognition.
#[server(endpoint = "presentations/recognise")]
pub async fn recognise_friction(
    presentation_id: i64,
    friction_id: i64,
    #[server(default)] note: String,
) -> Result<(), AppError> {
    super::super::ssr::Serve::new()
        .redirect(move |_| {
            format!(
                "{}#friction-{friction_id}",
                crate::routes::presentation(presentation_id)
            )
        })
        .run(async |ctx| {
            let user = ctx.require_user().await?;
            let (access, facts, _) = super::ssr::access_for(ctx, &user, presentation_id).await?;
            if !crate::domain::presentation::may_recognise(user.id, access, facts.author_id) {
                return Err(AppError::Forbidden);
            }
            let note = crate::domain::presentation::parse_recognition_note(&note)
                .map_err(AppError::Validation)?;
            if !crate::db::presentation::social::recognise(
                &ctx.state.pool,
                presentation_id,
                friction_id,
                user.id,
                &note,
            )
            .await?
            {
                return Err(AppError::NotFound);
            }
            Ok(())
        })
        .await
}

/// Takes one's recognition back.
#[server(endpoint = "presentations/unrecognise")]
pub async fn unrecognise_friction(presentation_id: i64, friction_id: i64) -> Result<(), AppError> {
    super::super::ssr::Serve::new()
        .redirect(move |_| {
            format!(
                "{}#friction-{friction_id}",
                crate::routes::presentation(presentation_id)
            )
        })
        .run(async |ctx| {
            let user = ctx.require_user().await?;
            super::ssr::access_for(ctx, &user, presentation_id).await?;
            crate::db::presentation::social::unrecognise(&ctx.state.pool, friction_id, user.id)
                .await?;
            Ok(())
        })
        .await
}
