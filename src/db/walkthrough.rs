//! Queries on walkthroughs: starting, step answers, frictions, finishing, and the facts access is decided on.

use crate::domain::walkthrough::{Ownership, WalkthroughStatus};
use sqlx::SqliteExecutor;

/// Who owns a walkthrough, their manager and its status; `None` when the id is unknown.
pub async fn ownership(
    db: impl SqliteExecutor<'_>,
    walkthrough_id: i64,
) -> Result<Option<Ownership>, sqlx::Error> {
    let row = sqlx::query_as::<_, (i64, Option<i64>, String)>(
        "select w.person_id, p.manager_id, w.status
         from walkthrough w join person p on p.id = w.person_id
         where w.id = ?",
    )
    .bind(walkthrough_id)
    .fetch_optional(db)
    .await?;
    row.map(|(owner_id, owner_manager_id, status)| {
        Ok(Ownership {
            owner_id,
            owner_manager_id,
            status: WalkthroughStatus::parse(&status).ok_or_else(|| {
                sqlx::Error::Decode(format!("unknown walkthrough status {status}").into())
            })?,
        })
    })
    .transpose()
}
