//! Presentations: making one from a completed walkthrough and reading one back. Editing, present
//! mode, meetings, the library and the social parts are in the files beside this one; they share
//! the access helpers in `ssr` below.

pub mod edit;
pub mod library;
pub mod social;

use crate::domain::presentation::PresentationDetail;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

pub mod meeting;

/// The author's Markdown texts as sanitised HTML (rendered on the server, see `crate::markdown`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RenderedTexts {
    pub introduction: String,
    pub key_message: String,
    pub recommendations: String,
}

/// A presentation as this viewer may see it, with its texts rendered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PresentationPage {
    pub detail: PresentationDetail,
    pub html: RenderedTexts,
}

/// Makes the presentation of a completed walkthrough (already filled in from the log) and opens
/// its editor; a second call opens the one that exists.
#[server(endpoint = "presentations/create")]
pub async fn create_presentation(walkthrough_id: i64) -> Result<i64, AppError> {
    super::ssr::Serve::new()
        .redirect(|id| crate::routes::presentation_edit(id))
        .run(async |ctx| {
            let user = ctx.require(|r| r.can_walk()).await?;
            let pool = &ctx.state.pool;
            let ownership = crate::db::walkthrough::ownership(pool, walkthrough_id)
                .await?
                .ok_or(AppError::NotFound)?;
            if ownership.owner_id != user.id {
                return Err(AppError::Forbidden);
            }
            if ownership.status != crate::domain::walkthrough::WalkthroughStatus::Completed {
                return Err(AppError::Refused(
                    crate::domain::Refusal::PresentationWalkNotCompleted,
                ));
            }
            let walk = crate::db::walkthrough::detail(
                pool,
                walkthrough_id,
                crate::domain::walkthrough::Access::Read,
            )
            .await?
            .ok_or(AppError::NotFound)?;
            let draft = crate::domain::presentation::draft_presentation(&walk);
            Ok(crate::db::presentation::create(pool, walkthrough_id, user.id, &draft).await?)
        })
        .await
}

/// One presentation for reading, presenting or editing, redacted for the viewer (no sensitive
/// evidence for colleagues, no speaker notes but the author's).
#[server(endpoint = "presentations/get")]
pub async fn load_presentation(id: i64) -> Result<PresentationPage, AppError> {
    super::ssr::serve(async |ctx| {
        let (access, _) = ssr::access_to(ctx, id).await?;
        let detail = crate::db::presentation::detail(&ctx.state.pool, id, access)
            .await?
            .ok_or(AppError::NotFound)?
            .redact_for(access);
        let html = RenderedTexts {
            introduction: crate::markdown::render(&detail.introduction),
            key_message: crate::markdown::render(&detail.key_message),
            recommendations: crate::markdown::render(&detail.recommendations),
        };
        Ok(PresentationPage { detail, html })
    })
    .await
}

#[cfg(feature = "ssr")]
pub(crate) mod ssr {
    use crate::api::ssr::Ctx;
    use crate::auth::CurrentUser;
    use crate::domain::presentation::{
        PresentationAccess, PresentationFacts, Viewer, presentation_access,
    };
    use crate::error::AppError;

    /// What the signed-in user may do with presentation `id`, and its facts: unknown is
    /// NotFound, no access is Forbidden (logged).
    pub async fn access_to(
        ctx: &Ctx,
        id: i64,
    ) -> Result<(PresentationAccess, PresentationFacts), AppError> {
        let user = ctx.require_user().await?;
        access_for(ctx, &user, id).await.map(|(a, f, _)| (a, f))
    }

    /// As [`access_to`] for a known user; also returns the walkthrough the presentation tells.
    pub async fn access_for(
        ctx: &Ctx,
        user: &CurrentUser,
        id: i64,
    ) -> Result<(PresentationAccess, PresentationFacts, i64), AppError> {
        let pool = &ctx.state.pool;
        let (facts, walkthrough_id) = crate::db::presentation::facts(pool, id)
            .await?
            .ok_or(AppError::NotFound)?;
        let team_id = crate::db::presentation::team_of(pool, user.id).await?;
        let viewer = Viewer {
            id: user.id,
            roles: &user.roles,
            team_id,
        };
        match presentation_access(viewer, facts) {
            PresentationAccess::None => {
                tracing::warn!(
                    person_id = user.id,
                    presentation_id = id,
                    "presentation access refused"
                );
                Err(AppError::Forbidden)
            }
            granted => Ok((granted, facts, walkthrough_id)),
        }
    }

    /// The author, while they may still change it: anyone else who may read it gets Forbidden,
    /// the author of a confirmed presentation is told why (409).
    pub async fn require_edit(ctx: &Ctx, id: i64) -> Result<CurrentUser, AppError> {
        let user = ctx.require(|r| r.can_walk()).await?;
        let (access, facts, _) = access_for(ctx, &user, id).await?;
        match access {
            PresentationAccess::Edit => Ok(user),
            _ if facts.author_id == user.id => Err(AppError::Refused(
                crate::domain::Refusal::PresentationConfirmed,
            )),
            _ => Err(AppError::Forbidden),
        }
    }
}
