//! The licence's server functions: what a person, their reviewer and HR read (this file), the
//! decisions (`decide`), the organisation's settings (`settings`) and the card (`card`).
//! Who may read a person's licence: the person, their manager, HR and admins — nobody else.

pub mod card;
pub mod decide;
pub mod reminders;
pub mod settings;

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

pub use crate::domain::licence::{
    DecisionRecord, LicenceStatus, PeriodRecord, RenewalProgress, Standing, TeamMember,
};

/// One person's licence as a page shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LicencePage {
    pub person_id: i64,
    pub name: String,
    /// Their manager, who signs off.
    pub reviewer_name: Option<String>,
    pub standing: Standing,
    pub progress: RenewalProgress,
    pub periods: Vec<PeriodRecord>,
    pub decisions: Vec<DecisionRecord>,
    pub today: chrono::NaiveDate,
    /// The viewer is the person's manager (may sign off or send back).
    pub can_sign_off: bool,
    /// The viewer is HR or an admin (may certify and revoke).
    pub can_manage: bool,
    /// What was typed in a refused decision form (no JavaScript), by field.
    pub drafts: Drafts,
}

/// Typed values of refused decision forms, so nothing typed is lost.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Drafts {
    pub send_back_comment: String,
    pub certify_from: String,
    pub certify_reason: String,
    pub revoke_reason: String,
}

/// The signed-in person's own licence.
#[server(endpoint = "licence/mine")]
pub async fn load_my_licence() -> Result<LicencePage, AppError> {
    super::ssr::serve(async |ctx| {
        let user = ctx.require_user().await?;
        ssr::page(ctx, &user, user.id).await
    })
    .await
}

/// Another person's licence: for their manager, HR and admins.
#[server(endpoint = "licence/person")]
pub async fn load_person_licence(person_id: i64) -> Result<LicencePage, AppError> {
    super::ssr::serve(async |ctx| {
        let user = ctx.require_user().await?;
        ssr::page(ctx, &user, person_id).await
    })
    .await
}

/// A reviewer's team: each direct report's standing and what they still need.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TeamPage {
    pub members: Vec<TeamMember>,
    pub today: chrono::NaiveDate,
}

#[server(endpoint = "licence/team")]
pub async fn load_team_licences() -> Result<TeamPage, AppError> {
    super::ssr::serve(async |ctx| {
        let user = ctx.require(|r| r.can_review()).await?;
        let pool = &ctx.state.pool;
        let settings = crate::db::licence::settings(pool).await?;
        let today = crate::db::licence::today();
        let members = crate::db::licence::team(pool, user.id, &settings, today).await?;
        Ok(TeamPage { members, today })
    })
    .await
}

#[cfg(feature = "ssr")]
pub(crate) mod ssr {
    use super::LicencePage;
    use crate::api::ssr::Ctx;
    use crate::auth::CurrentUser;
    use crate::db::licence::{self as db, Holder};
    use crate::domain::licence::standing;
    use crate::error::AppError;

    /// `person_id`'s name and manager if `user` may read their licence: the person, their
    /// manager, HR and admins. Checked before anything else is read.
    pub async fn may_read(
        ctx: &Ctx,
        user: &CurrentUser,
        person_id: i64,
    ) -> Result<Holder, AppError> {
        let holder = db::holder(&ctx.state.pool, person_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let allowed = user.id == person_id
            || holder.manager_id == Some(user.id)
            || user.roles.can_manage_licences();
        if !allowed {
            tracing::warn!(
                person_id = user.id,
                subject = person_id,
                "licence read refused"
            );
            return Err(AppError::Forbidden);
        }
        Ok(holder)
    }

    pub async fn page(
        ctx: &Ctx,
        user: &CurrentUser,
        person_id: i64,
    ) -> Result<LicencePage, AppError> {
        let holder = may_read(ctx, user, person_id).await?;
        let pool = &ctx.state.pool;
        let settings = db::settings(pool).await?;
        let today = db::today();
        let current = db::current(pool, person_id).await?.map(|c| c.current());
        let progress = db::progress(pool, person_id, current, &settings).await?;
        let periods = db::periods(pool, person_id).await?;
        let decisions = db::decisions(pool, person_id).await?;
        let field = |form: &std::collections::BTreeMap<String, String>, key: &str| {
            // a draft belongs to the person it was typed for
            let same_person = form.get("person_id") == Some(&person_id.to_string());
            same_person
                .then(|| form.get(key).cloned())
                .flatten()
                .unwrap_or_default()
        };
        let send_back = ctx.draft("licence_send_back").await?;
        let certify = ctx.draft("licence_certify").await?;
        let revoke = ctx.draft("licence_revoke").await?;
        let drafts = super::Drafts {
            send_back_comment: field(&send_back, "comment"),
            certify_from: field(&certify, "valid_from"),
            certify_reason: field(&certify, "comment"),
            revoke_reason: field(&revoke, "comment"),
        };
        Ok(LicencePage {
            drafts,
            person_id,
            can_sign_off: holder.manager_id == Some(user.id),
            can_manage: user.roles.can_manage_licences(),
            name: holder.name,
            reviewer_name: holder.manager_name,
            standing: standing(current, &settings, today),
            progress,
            periods,
            decisions,
            today,
        })
    }
}
