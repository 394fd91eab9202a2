//! Licence decisions: the reviewer signs off or sends back (their direct reports only), HR or an
//! admin certifies by hand or revokes (anyone active). Who may decide is checked here first and
//! again inside the statement that writes (`db::licence::issue`).

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A decision form as posted. `back` is the page to return to (the team page or the person's
/// licence page); anything that is not a path on this site falls back to the person's page.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DecisionForm {
    pub person_id: i64,
    /// The send-back comment or the reason of a certification or revocation.
    #[serde(default)]
    pub comment: String,
    /// Manual certification only: the start date (`yyyy-mm-dd`) or empty.
    #[serde(default)]
    pub valid_from: String,
    #[serde(default)]
    pub back: String,
}

#[cfg(feature = "ssr")]
impl DecisionForm {
    fn back(&self, notice: &str) -> String {
        let fallback = crate::routes::person_licence(self.person_id);
        let path = crate::routes::safe_local_path(&self.back)
            .map(|p| p.split('?').next().unwrap_or(p).to_owned())
            .unwrap_or(fallback);
        crate::routes::with_notice(&path, notice)
    }

    fn draft(&self) -> Vec<(&'static str, String)> {
        vec![
            ("person_id", self.person_id.to_string()),
            ("comment", self.comment.clone()),
            ("valid_from", self.valid_from.clone()),
        ]
    }
}

#[server(endpoint = "licence/sign-off")]
pub async fn sign_off_licence(form: DecisionForm) -> Result<i64, AppError> {
    let back = form.back("signed");
    super::super::ssr::Serve::new()
        .redirect(move |_| back)
        .run(async |ctx| {
            let user = ctx.require(|r| r.can_review()).await?;
            let now = crate::db::now();
            Ok(crate::db::licence::sign_off(&ctx.state.pool, user.id, form.person_id, now).await?)
        })
        .await
}

#[server(endpoint = "licence/send-back")]
pub async fn send_back_licence(form: DecisionForm) -> Result<i64, AppError> {
    let back = form.back("sent-back");
    super::super::ssr::Serve::new()
        .keep_draft("licence_send_back", form.draft())
        .redirect(move |_| back)
        .run(async |ctx| {
            let user = ctx.require(|r| r.can_review()).await?;
            let comment = crate::domain::licence::parse_reason(&form.comment).map_err(|key| {
                AppError::Validation(crate::domain::FieldErrors::single("comment", key))
            })?;
            let now = crate::db::now();
            Ok(crate::db::licence::send_back(
                &ctx.state.pool,
                user.id,
                form.person_id,
                &comment,
                now,
            )
            .await?)
        })
        .await
}

#[server(endpoint = "licence/certify")]
pub async fn certify_licence(form: DecisionForm) -> Result<i64, AppError> {
    let back = form.back("certified");
    super::super::ssr::Serve::new()
        .keep_draft("licence_certify", form.draft())
        .redirect(move |_| back)
        .run(async |ctx| {
            let user = ctx.require(|r| r.can_manage_licences()).await?;
            let now = crate::db::now();
            let today = crate::domain::licence::amsterdam_date(now);
            let input = crate::domain::licence::CertifyInput {
                valid_from: form.valid_from.clone(),
                reason: form.comment.clone(),
            }
            .parse(today)
            .map_err(|errors| AppError::Validation(rename_reason(errors)))?;
            Ok(
                crate::db::licence::certify(&ctx.state.pool, user.id, form.person_id, &input, now)
                    .await?,
            )
        })
        .await
}

#[server(endpoint = "licence/revoke")]
pub async fn revoke_licence(form: DecisionForm) -> Result<i64, AppError> {
    let back = form.back("revoked");
    super::super::ssr::Serve::new()
        .keep_draft("licence_revoke", form.draft())
        .redirect(move |_| back)
        .run(async |ctx| {
            let user = ctx.require(|r| r.can_manage_licences()).await?;
            let reason = crate::domain::licence::parse_reason(&form.comment).map_err(|key| {
                AppError::Validation(crate::domain::FieldErrors::single("comment", key))
            })?;
            let now = crate::db::now();
            Ok(
                crate::db::licence::revoke(&ctx.state.pool, user.id, form.person_id, &reason, now)
                    .await?,
            )
        })
        .await
}

/// The forms call the reason field `comment` (one field name for every decision form).
#[cfg(feature = "ssr")]
fn rename_reason(errors: crate::domain::FieldErrors) -> crate::domain::FieldErrors {
    let mut out = crate::domain::FieldErrors::new();
    for e in errors.0 {
        let field = if e.field == "reason" {
            "comment"
        } else {
            e.field.as_str()
        };
        out.add(field, &e.key);
    }
    out
}
