//! One improvement: its page for everyone signed in (managers and HR see the linked frictions,
//! others a summary), and the managers' two changes — a status change and an edit. Who may do
//! what is `domain::improvement::access::improvement_access`, checked here before anything else
//! is read or written, and again inside the writing statement (`db::improvement::life`).

use crate::domain::improvement::life::{HistoryEntry, ImprovementDetail, LinkedFriction};
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// An improvement as its page shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImprovementPage {
    pub detail: ImprovementDetail,
    /// May change its status and fields.
    pub can_manage: bool,
    /// Sees the linked frictions, their reporters, recognisers and evidence.
    pub sees_frictions: bool,
    /// This page of linked frictions (empty for a summary reader).
    pub frictions: Vec<LinkedFriction>,
    pub friction_page: i64,
    pub friction_pages: i64,
    /// Distinct people who reported, and who recognised, a linked friction.
    pub reporters: i64,
    pub recognisers: i64,
    pub history: Vec<HistoryEntry>,
    /// Later walkers since it was last fixed: (said it is fixed, met the step at all).
    pub confirmed: Option<(i64, i64)>,
    /// The teams an improvement may move to (managers only).
    pub teams: Vec<(i64, String)>,
    pub today: chrono::NaiveDate,
    pub drafts: Drafts,
}

/// What a refused form post (no JavaScript) typed, by form field; empty when there is none.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Drafts {
    pub status: std::collections::BTreeMap<String, String>,
    pub edit: std::collections::BTreeMap<String, String>,
}

/// The status form as posted.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StatusForm {
    pub id: i64,
    pub version: i64,
    #[serde(default)]
    pub status: String,
    /// The reason (won't fix, reopening) or a comment.
    #[serde(default)]
    pub comment: String,
}

/// The edit form as posted.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EditForm {
    pub id: i64,
    pub version: i64,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub problem: String,
    #[serde(default)]
    pub team: String,
    /// The owner's e-mail address; empty for none.
    #[serde(default)]
    pub owner: String,
    #[serde(default)]
    pub due_on: String,
    #[serde(default)]
    pub priority: String,
}

/// The improvement `id`; `page` is the page of its linked frictions (1 when empty).
#[server(endpoint = "improvements/page")]
pub async fn load_improvement(
    id: i64,
    #[server(default)] page: String,
) -> Result<ImprovementPage, AppError> {
    super::super::ssr::serve(async |ctx| ssr::page(ctx, id, &page).await).await
}

#[server(endpoint = "improvements/status")]
pub async fn change_improvement_status(form: StatusForm) -> Result<i64, AppError> {
    let back = crate::routes::with_notice(&crate::routes::improvement(form.id), "status-changed");
    let draft = vec![
        ("id", form.id.to_string()),
        ("status", form.status.clone()),
        ("comment", form.comment.clone()),
    ];
    super::super::ssr::Serve::new()
        .keep_draft("improvement_status", draft)
        .redirect(move |_| back)
        .run(async |ctx| {
            let user = ssr::require_manager(ctx, form.id).await?;
            let now = crate::db::now();
            let outcome = crate::db::improvement::life::change_status(
                &ctx.state.pool,
                user.id,
                form.id,
                form.version,
                |from| {
                    crate::domain::improvement::status::check_change(
                        from,
                        &form.status,
                        &form.comment,
                    )
                },
                now,
            )
            .await
            .map_err(ssr::change_error)?;
            if outcome.told > 0 {
                crate::reminders::improvement::send_soon(&ctx.state, "status change");
            }
            tracing::info!(
                person_id = user.id,
                improvement_id = form.id,
                told = outcome.told,
                "improvement status changed"
            );
            Ok(outcome.history_id)
        })
        .await
}

#[server(endpoint = "improvements/edit")]
pub async fn edit_improvement(form: EditForm) -> Result<usize, AppError> {
    let back = crate::routes::with_notice(&crate::routes::improvement(form.id), "saved");
    let draft = vec![
        ("id", form.id.to_string()),
        ("title", form.title.clone()),
        ("problem", form.problem.clone()),
        ("team", form.team.clone()),
        ("owner", form.owner.clone()),
        ("due_on", form.due_on.clone()),
        ("priority", form.priority.clone()),
    ];
    super::super::ssr::Serve::new()
        .keep_draft("improvement_edit", draft)
        .redirect(move |_| back)
        .run(async |ctx| {
            let user = ssr::require_manager(ctx, form.id).await?;
            let input = crate::domain::improvement::life::parse_edit(
                &form.title,
                &form.problem,
                &form.team,
                &form.owner,
                &form.due_on,
                &form.priority,
            )
            .map_err(AppError::Validation)?;
            let changed = crate::db::improvement::life::edit(
                &ctx.state.pool,
                user.id,
                form.id,
                form.version,
                &input,
                crate::db::now(),
            )
            .await
            .map_err(ssr::change_error)?;
            Ok(changed.len())
        })
        .await
}

#[cfg(feature = "ssr")]
pub(crate) mod ssr {
    use super::{Drafts, ImprovementPage};
    use crate::api::ssr::Ctx;
    use crate::auth::CurrentUser;
    use crate::db::improvement::life as db;
    use crate::domain::improvement::access::{
        ImprovementAccess, ImprovementFacts, Viewer, improvement_access,
    };
    use crate::domain::improvement::life::FRICTIONS_PER_PAGE;
    use crate::error::AppError;

    /// The signed-in user and what they may do with improvement `id`; NotFound when there is none.
    pub async fn access(ctx: &Ctx, id: i64) -> Result<(CurrentUser, ImprovementAccess), AppError> {
        let user = ctx.require_user().await?;
        let pool = &ctx.state.pool;
        let (team_id, owner_id) = db::access_facts(pool, id)
            .await?
            .ok_or(AppError::NotFound)?;
        let viewer_team = db::viewer_team(pool, user.id).await?;
        let access = improvement_access(
            Viewer {
                id: user.id,
                roles: &user.roles,
                team_id: viewer_team,
            },
            ImprovementFacts { team_id, owner_id },
        );
        Ok((user, access))
    }

    /// The signed-in user if they may manage improvement `id`, else `Forbidden` (nothing read).
    pub async fn require_manager(ctx: &Ctx, id: i64) -> Result<CurrentUser, AppError> {
        let (user, access) = access(ctx, id).await?;
        if !access.can_manage() {
            tracing::warn!(
                person_id = user.id,
                improvement_id = id,
                "improvement change refused"
            );
            return Err(AppError::Forbidden);
        }
        Ok(user)
    }

    pub fn change_error(e: crate::db::improvement::life::ChangeError) -> AppError {
        match e {
            crate::db::improvement::life::ChangeError::Invalid(errors) => {
                AppError::Validation(errors)
            }
            crate::db::improvement::life::ChangeError::Write(e) => AppError::from(e),
        }
    }

    pub async fn page(ctx: &Ctx, id: i64, page: &str) -> Result<ImprovementPage, AppError> {
        let (_, access) = access(ctx, id).await?;
        let pool = &ctx.state.pool;
        let detail = db::detail(pool, id).await?.ok_or(AppError::NotFound)?;
        let sees = access.sees_frictions();
        let friction_pages =
            ((detail.facts.reports() + FRICTIONS_PER_PAGE - 1) / FRICTIONS_PER_PAGE).max(1);
        let friction_page = page
            .trim()
            .parse::<i64>()
            .unwrap_or(1)
            .clamp(1, friction_pages);
        let (frictions, (reporters, recognisers)) = if sees {
            let offset = (friction_page - 1) * FRICTIONS_PER_PAGE;
            (
                db::linked_frictions(pool, id, FRICTIONS_PER_PAGE, offset).await?,
                db::people_counts(pool, id).await?,
            )
        } else {
            (Vec::new(), (0, 0))
        };
        let history = db::history(pool, id).await?;
        let confirmed = crate::db::improvement::confirm::tally(pool, id)
            .await?
            .confirmed_of();
        let teams = if access.can_manage() {
            db::teams(pool).await?
        } else {
            Vec::new()
        };
        let mine = |draft: std::collections::BTreeMap<String, String>| {
            if draft.get("id") == Some(&id.to_string()) {
                draft
            } else {
                Default::default()
            }
        };
        let drafts = Drafts {
            status: mine(ctx.draft("improvement_status").await?),
            edit: mine(ctx.draft("improvement_edit").await?),
        };
        Ok(ImprovementPage {
            detail,
            can_manage: access.can_manage(),
            sees_frictions: sees,
            frictions,
            friction_page,
            friction_pages,
            reporters,
            recognisers,
            history,
            confirmed,
            teams,
            today: crate::db::licence::today(),
            drafts,
        })
    }
}
