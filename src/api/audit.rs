//! The audit log for HR and admins: read and filter only. Nothing in the app edits or deletes
//! an event (and the table's triggers refuse it).

use crate::domain::audit::AuditPage;
use crate::error::AppError;
use leptos::prelude::*;

/// Events per page of the audit log.
pub const AUDIT_PAGE_SIZE: i64 = 50;

/// One page of the audit log, newest first. Every argument is a GET form field; what is not
/// understood is ignored. `after` is the cursor of the previous page's last event.
#[server(endpoint = "audit/list")]
pub async fn audit_log(
    #[server(default)] action: String,
    #[server(default)] actor: String,
    #[server(default)] subject: String,
    #[server(default)] from: String,
    #[server(default)] to: String,
    #[server(default)] after: String,
) -> Result<AuditPage, AppError> {
    use crate::domain::audit::{AuditCursor, AuditFilter};
    super::ssr::serve(async |ctx| {
        ctx.require(|r| r.can_view_people_overview()).await?;
        let filter = AuditFilter::parse(&action, &actor, &subject, &from, &to);
        let cursor = AuditCursor::decode(&after);
        Ok(
            crate::db::audit::list(&ctx.state.pool, &filter, cursor.as_ref(), AUDIT_PAGE_SIZE)
                .await?,
        )
    })
    .await
}
