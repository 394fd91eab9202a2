//! Licences moved over from an old register (HR and admins): the dry run of an uploaded file and
//! applying it, all periods or none. The upload is the multipart post of `import_upload`.

use crate::domain::import::RowError;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// One period the import would write, as listed in the dry run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlannedLicence {
    pub line: u64,
    pub holder: String,
    pub name: String,
    pub valid_from: chrono::NaiveDate,
    pub valid_through: chrono::NaiveDate,
    /// Run out before today (still recorded, with its dates).
    pub expired: bool,
}

/// What the dry run page shows; nothing has been written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LicenceDryRun {
    pub token: String,
    pub file_name: String,
    pub file_error: Option<String>,
    pub file_error_detail: String,
    pub rows: usize,
    pub periods: Vec<PlannedLicence>,
    pub period_count: usize,
    pub error_count: usize,
    pub errors: Vec<RowError>,
}

#[server(endpoint = "import/licences/preview")]
pub async fn licence_import_preview(token: String) -> Result<LicenceDryRun, AppError> {
    super::ssr::serve(async |ctx| {
        use crate::domain::import_csv::{FileError, read_licences};
        let actor = ctx.require(|r| r.can_manage_licences()).await?;
        let pool = &ctx.state.pool;
        let upload = crate::db::import::load(pool, crate::db::import::LICENCES, &token, actor.id)
            .await?
            .ok_or(AppError::NotFound)?;
        let mut out = LicenceDryRun {
            token: token.clone(),
            file_name: upload.file_name.clone(),
            file_error: None,
            file_error_detail: String::new(),
            rows: 0,
            periods: Vec::new(),
            period_count: 0,
            error_count: 0,
            errors: Vec::new(),
        };
        let rows = match read_licences(&upload.content) {
            Ok(rows) => rows,
            Err(e) => {
                let i18n = crate::i18n::I18n::new(actor.locale);
                out.file_error = Some(e.key().to_owned());
                out.file_error_detail = match e {
                    FileError::MissingLicenceColumns(columns) => columns
                        .iter()
                        .map(|c| i18n.t(c.label_key()))
                        .collect::<Vec<_>>()
                        .join(", "),
                    FileError::Malformed(line) => line.to_string(),
                    FileError::Ambiguous(a, b) => {
                        format!("\u{201c}{a}\u{201d}, \u{201c}{b}\u{201d}")
                    }
                    _ => String::new(),
                };
                return Ok(out);
            }
        };
        let plan = crate::db::licence_import::dry_run(pool, &rows).await?;
        let names = crate::db::licence_import::person_names(pool).await?;
        let today = crate::domain::licence::amsterdam_date(crate::db::now());
        out.rows = rows.len();
        out.period_count = plan.periods.len();
        out.periods = plan
            .periods
            .iter()
            .take(super::import::SHOWN)
            .map(|(person, row)| PlannedLicence {
                line: row.line,
                holder: row.holder.clone(),
                name: names.get(person).cloned().unwrap_or_default(),
                valid_from: row.period.valid_from,
                valid_through: row.period.valid_through,
                expired: row.period.valid_through < today,
            })
            .collect();
        out.error_count = plan.errors.len();
        out.errors = plan
            .errors
            .into_iter()
            .take(super::import::SHOWN * 2)
            .collect();
        Ok(out)
    })
    .await
}

/// Applies an uploaded licence register: checked again inside one write transaction, every
/// period written as a manual certification with its dates, or none. Refused while it has errors.
#[server(endpoint = "import/licences/apply")]
pub async fn apply_licence_import(token: String) -> Result<usize, AppError> {
    super::ssr::Serve::new()
        .redirect(|n: &usize| format!("{}?licences={n}", crate::routes::HR_IMPORT))
        .run(async |ctx| {
            let actor = ctx.require(|r| r.can_manage_licences()).await?;
            let mut tx = crate::db::begin(&ctx.state.pool).await?;
            let upload =
                crate::db::import::load(&mut tx, crate::db::import::LICENCES, &token, actor.id)
                    .await?
                    .ok_or(AppError::NotFound)?;
            let rows = crate::domain::import_csv::read_licences(&upload.content)
                .map_err(|e| AppError::field("file", e.key()))?;
            let plan = crate::db::licence_import::dry_run(&mut tx, &rows).await?;
            if !plan.errors.is_empty() {
                return Err(AppError::field("file", "import-error-not-clean"));
            }
            let written =
                crate::db::licence_import::apply(&mut tx, actor.id, &plan, crate::db::now())
                    .await?;
            crate::db::import::forget(&mut tx, &token).await?;
            tx.commit().await?;
            tracing::info!(person_id = actor.id, written, "licence register imported");
            Ok(written)
        })
        .await
}
