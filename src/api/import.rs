//! The employee import's server functions (HR and admins): the dry run of an uploaded file and
//! applying it. The upload itself is a multipart post (`import_upload`).

use crate::domain::import::RowError;
use crate::domain::import_plan::PlannedUpdate;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// At most this many entries of each list are shown (the counts are always complete).
pub const SHOWN: usize = 200;

/// A person the import creates, deactivates or keeps, as listed in the dry run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ListedPerson {
    pub line: u64,
    pub number: String,
    pub name: String,
    pub email: String,
    /// "Department / Team" of someone new.
    pub team: Option<String>,
    /// The manager of someone new: their e-mail address, with their name when the file has them.
    pub manager: Option<String>,
    /// The role label keys of someone new.
    pub roles: Vec<String>,
    /// Why someone the file would deactivate stays active (a translation key).
    pub note: Option<String>,
}

/// What the dry run page shows; nothing has been written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportDryRun {
    pub token: String,
    pub file_name: String,
    pub full_export: bool,
    pub managers_review: bool,
    /// The whole file cannot be read: this translation key says why (then the rest is empty).
    pub file_error: Option<String>,
    /// Detail for `file_error`: missing column names or the broken line.
    pub file_error_detail: String,
    pub rows: usize,
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub deactivated: usize,
    pub creates: Vec<ListedPerson>,
    pub updates: Vec<PlannedUpdate>,
    pub deactivations: Vec<ListedPerson>,
    /// Administrators and the importer the file would deactivate: they stay active.
    pub kept: Vec<ListedPerson>,
    pub new_departments: Vec<String>,
    pub new_teams: Vec<(String, String)>,
    pub error_count: usize,
    pub errors: Vec<RowError>,
}

impl ImportDryRun {
    pub fn can_apply(&self) -> bool {
        self.file_error.is_none() && self.error_count == 0
    }
}

/// What an applied import did (the counts; the audit log has the details).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppliedSummary {
    pub created: usize,
    pub updated: usize,
    pub deactivated: usize,
    /// The people created, in file order.
    pub created_ids: Vec<i64>,
}

#[cfg(feature = "ssr")]
pub(crate) mod ssr {
    use super::*;
    use crate::domain::import_csv::{FileError, read};

    pub fn file_error(preview: &mut ImportDryRun, e: &FileError, i18n: &crate::i18n::I18n) {
        preview.file_error = Some(e.key().to_owned());
        preview.file_error_detail = match e {
            FileError::MissingColumns(columns) => columns
                .iter()
                .map(|c| i18n.t(c.label_key()))
                .collect::<Vec<_>>()
                .join(", "),
            FileError::Malformed(line) => line.to_string(),
            FileError::Ambiguous(first, second) => {
                format!("\u{201c}{first}\u{201d}, \u{201c}{second}\u{201d}")
            }
            _ => String::new(),
        };
    }

    fn listed(
        e: &crate::domain::import_plan::Existing,
        line: u64,
        note: Option<&str>,
    ) -> ListedPerson {
        ListedPerson {
            line,
            number: e.number.clone(),
            name: e.name.clone(),
            email: e.email.clone(),
            team: None,
            manager: None,
            roles: Vec::new(),
            note: note.map(str::to_owned),
        }
    }

    /// How to plan `upload` for the person importing.
    pub fn options(
        upload: &crate::db::import::Upload,
        actor_id: i64,
    ) -> crate::domain::import_plan::PlanOptions {
        crate::domain::import_plan::PlanOptions {
            full_export: upload.full_export,
            actor_id,
            managers_review: upload.managers_review,
        }
    }

    /// What happens after an import was applied and committed: the one place where follow-ups
    /// for the people it created belong (their invitations, when `invite` was ticked). Failing
    /// here never undoes the import: it is logged.
    pub async fn after_apply(
        state: &crate::state::AppState,
        actor: &crate::auth::CurrentUser,
        created_ids: &[i64],
        invite: bool,
    ) {
        if !invite || created_ids.is_empty() {
            return;
        }
        match crate::access::invite(state, Some(actor.id), created_ids).await {
            Ok(sent) => tracing::info!(
                person_id = actor.id,
                created = created_ids.len(),
                invitations = sent,
                "employee import: invitations sent to the people created"
            ),
            Err(e) => tracing::error!(
                person_id = actor.id,
                created = created_ids.len(),
                error = ?e,
                "employee import: inviting the people created failed"
            ),
        }
    }

    /// The dry run of upload `token` for `actor`.
    pub async fn preview(
        state: &crate::state::AppState,
        actor: &crate::auth::CurrentUser,
        token: &str,
    ) -> Result<ImportDryRun, AppError> {
        let upload =
            crate::db::import::load(&state.pool, crate::db::import::PEOPLE, token, actor.id)
                .await?
                .ok_or(AppError::NotFound)?;
        let mut preview = ImportDryRun {
            token: token.to_owned(),
            file_name: upload.file_name.clone(),
            full_export: upload.full_export,
            managers_review: upload.managers_review,
            file_error: None,
            file_error_detail: String::new(),
            rows: 0,
            created: 0,
            updated: 0,
            unchanged: 0,
            deactivated: 0,
            creates: Vec::new(),
            updates: Vec::new(),
            deactivations: Vec::new(),
            kept: Vec::new(),
            new_departments: Vec::new(),
            new_teams: Vec::new(),
            error_count: 0,
            errors: Vec::new(),
        };
        let rows = match read(&upload.content) {
            Ok(rows) => rows,
            Err(e) => {
                file_error(&mut preview, &e, &crate::i18n::I18n::new(actor.locale));
                return Ok(preview);
            }
        };
        let plan =
            crate::db::import::dry_run(&state.pool, &rows, options(&upload, actor.id)).await?;
        preview.rows = rows.len();
        preview.created = plan.creates.len();
        preview.updated = plan.updates.len();
        preview.unchanged = plan.unchanged;
        preview.deactivated = plan.deactivations.len();
        // A manager who is in the file too is shown by name (the file names them by e-mail).
        let names: std::collections::HashMap<&str, &str> = plan
            .rows
            .iter()
            .map(|r| (r.email.as_str(), r.name.as_str()))
            .collect();
        let manager_label = |email: &str| match names.get(email) {
            Some(name) => format!("{name} ({email})"),
            None => email.to_owned(),
        };
        preview.creates = plan
            .creates
            .iter()
            .take(SHOWN)
            .map(|&i| {
                let r = &plan.rows[i];
                ListedPerson {
                    line: r.line,
                    number: r.number.as_str().to_owned(),
                    name: r.name.as_str().to_owned(),
                    email: r.email.as_str().to_owned(),
                    team: r
                        .team
                        .as_ref()
                        .map(|(d, t)| format!("{} / {}", d.as_str(), t.as_str())),
                    manager: r.manager.as_ref().map(|m| manager_label(m.as_str())),
                    roles: plan
                        .roles
                        .get(i)
                        .cloned()
                        .flatten()
                        .map(|roles| roles.iter().map(|r| r.label_key().to_owned()).collect())
                        .unwrap_or_default(),
                    note: None,
                }
            })
            .collect();
        preview.updates = plan.updates.iter().take(SHOWN).cloned().collect();
        preview.deactivations = plan
            .deactivations
            .iter()
            .take(SHOWN)
            .map(|e| listed(e, 0, None))
            .collect();
        preview.kept = plan
            .kept
            .iter()
            .take(SHOWN)
            .map(|k| listed(&k.person, k.line, Some(k.reason)))
            .collect();
        preview.new_departments = plan.new_departments;
        preview.new_teams = plan.new_teams;
        preview.error_count = plan.errors.len();
        preview.errors = plan.errors.into_iter().take(SHOWN * 2).collect();
        Ok(preview)
    }
}

/// The dry run of an uploaded file: counts, what would be created, updated and deactivated,
/// and every row error. Writes nothing.
#[server(endpoint = "import/preview")]
pub async fn import_preview(token: String) -> Result<ImportDryRun, AppError> {
    super::ssr::serve(async |ctx| {
        let actor = ctx.require(|r| r.can_view_people_overview()).await?;
        ssr::preview(&ctx.state, &actor, &token).await
    })
    .await
}

/// Applies an uploaded file: checks it again inside one write transaction and writes all of it
/// or nothing, with one audit event. Refused while the file has errors.
#[server(endpoint = "import/apply")]
pub async fn apply_import(
    token: String,
    /// "Send invitations" (a checkbox: present when ticked).
    #[server(default)]
    invite: Option<String>,
) -> Result<AppliedSummary, AppError> {
    let invite = invite.is_some_and(|v| v != "false");
    super::ssr::Serve::new()
        .redirect(|done: &AppliedSummary| {
            format!(
                "{}?applied=1&created={}&updated={}&deactivated={}",
                crate::routes::HR_IMPORT,
                done.created,
                done.updated,
                done.deactivated
            )
        })
        .run(async |ctx| {
            use crate::db::audit::{AuditAction, record};
            let actor = ctx.require(|r| r.can_view_people_overview()).await?;
            let mut tx = crate::db::begin(&ctx.state.pool).await?;
            let upload =
                crate::db::import::load(&mut tx, crate::db::import::PEOPLE, &token, actor.id)
                    .await?
                    .ok_or(AppError::NotFound)?;
            let rows = crate::domain::import_csv::read(&upload.content)
                .map_err(|e| AppError::field("file", e.key()))?;
            let plan =
                crate::db::import::dry_run(&mut tx, &rows, ssr::options(&upload, actor.id)).await?;
            if !plan.errors.is_empty() {
                return Err(AppError::field("file", "import-error-not-clean"));
            }
            let applied = crate::db::import::apply(&mut tx, &plan).await?;
            record(
                &mut tx,
                Some(actor.id),
                AuditAction::ImportApplied,
                None,
                &serde_json::json!({
                    "file": upload.file_name,
                    "full_export": upload.full_export,
                    "managers_review": upload.managers_review,
                    "rows": rows.len(),
                    "created": applied.created,
                    "roles_changed": applied.roles_changed,
                    "kept": plan.kept.len(),
                    "updated": applied.updated,
                    "deactivated": applied.deactivated,
                    "departments_created": applied.departments_created,
                    "teams_created": applied.teams_created,
                }),
            )
            .await?;
            crate::db::import::forget(&mut tx, &token).await?;
            tx.commit().await?;
            tracing::info!(person_id = actor.id, ?applied, "employee import applied");
            ssr::after_apply(&ctx.state, &actor, &applied.created_ids, invite).await;
            Ok(AppliedSummary {
                created: applied.created,
                updated: applied.updated,
                deactivated: applied.deactivated,
                created_ids: applied.created_ids,
            })
        })
        .await
}
