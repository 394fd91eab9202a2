//! Queries on evidence rows and the quick-capture friction; the files themselves live in `evidence::storage`.

use super::backend::on;
use super::{OWNER_EDITS, Source, now, numbered};
use crate::domain::walkthrough::EvidenceItem;

/// A row to insert; the files are already on disk under `storage_name`/`thumbnail_name`.
#[derive(Debug, Clone)]
pub struct NewEvidence {
    pub walkthrough_id: i64,
    pub step_id: i64,
    pub friction_id: Option<i64>,
    pub storage_name: String,
    pub content_type: &'static str,
    pub byte_size: i64,
    pub width: Option<i64>,
    pub height: Option<i64>,
    pub thumbnail_name: Option<String>,
    pub original_name: String,
    pub caption: String,
    pub created_by: i64,
}

/// What a download needs: where the files are and which walkthrough decides access.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredEvidence {
    pub id: i64,
    pub walkthrough_id: i64,
    pub storage_name: String,
    pub thumbnail_name: Option<String>,
    pub content_type: String,
    pub original_name: String,
}

/// `Some(team_id of the journey step)` when the step is part of this walkthrough, else `None`.
pub async fn step_team(
    src: impl Source<'_>,
    walkthrough_id: i64,
    step_id: i64,
) -> Result<Option<Option<i64>>, sqlx::Error> {
    Ok(on!(src, |c| {
        sqlx::query_scalar::<_, Option<i64>>(
            "select s.team_id
             from walkthrough_step ws join journey_step s on s.id = ws.step_id
             where ws.walkthrough_id = $1 and ws.step_id = $2",
        )
        .bind(walkthrough_id)
        .bind(step_id)
        .fetch_optional(&mut *c)
        .await?
    }))
}

/// Whether a friction belongs to this walkthrough.
pub async fn friction_in_walkthrough(
    src: impl Source<'_>,
    walkthrough_id: i64,
    friction_id: i64,
) -> Result<bool, sqlx::Error> {
    let n = on!(src, |c| {
        sqlx::query_scalar::<_, i64>(
            "select count(*) from friction where id = $1 and walkthrough_id = $2",
        )
        .bind(friction_id)
        .bind(walkthrough_id)
        .fetch_one(&mut *c)
        .await?
    });
    Ok(n > 0)
}

/// Stores the row if its uploader still owns the walkthrough and it is in progress (re-checked in
/// the statement itself); `None` when that no longer holds.
pub async fn insert(src: impl Source<'_>, new: &NewEvidence) -> Result<Option<i64>, sqlx::Error> {
    let ts = now();
    let sql = format!(
        "insert into evidence (walkthrough_id, step_id, friction_id, storage_name, content_type,
                               byte_size, width, height, thumbnail_name, original_name, caption,
                               created_by, created_at, updated_at)
         select ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? where {OWNER_EDITS} returning id"
    );
    let sql = numbered(&sql);
    Ok(on!(src, |c| {
        sqlx::query_scalar::<_, i64>(&sql)
            .bind(new.walkthrough_id)
            .bind(new.step_id)
            .bind(new.friction_id)
            .bind(&new.storage_name)
            .bind(new.content_type)
            .bind(new.byte_size)
            .bind(new.width)
            .bind(new.height)
            .bind(&new.thumbnail_name)
            .bind(&new.original_name)
            .bind(&new.caption)
            .bind(new.created_by)
            .bind(ts)
            .bind(ts)
            .bind(new.walkthrough_id)
            .bind(new.created_by)
            .fetch_optional(&mut *c)
            .await?
    }))
}

/// A quick capture: a friction with only a title, marked incomplete until its details are filled in.
/// `None` when `owner_id` no longer may edit the walkthrough (re-checked in the statement).
pub async fn insert_quick_friction(
    src: impl Source<'_>,
    owner_id: i64,
    walkthrough_id: i64,
    step_id: i64,
    title: &str,
    team_id: Option<i64>,
) -> Result<Option<i64>, sqlx::Error> {
    let ts = now();
    let sql = format!(
        "insert into friction (walkthrough_id, step_id, kind, severity, title, what_happened,
                               suggestion, team_id, incomplete, created_at, updated_at)
         select ?, ?, 'friction', null, ?, '', '', ?, true, ?, ? where {OWNER_EDITS} returning id"
    );
    let sql = numbered(&sql);
    Ok(on!(src, |c| {
        sqlx::query_scalar::<_, i64>(&sql)
            .bind(walkthrough_id)
            .bind(step_id)
            .bind(title)
            .bind(team_id)
            .bind(ts)
            .bind(ts)
            .bind(walkthrough_id)
            .bind(owner_id)
            .fetch_optional(&mut *c)
            .await?
    }))
}

pub async fn find(src: impl Source<'_>, id: i64) -> Result<Option<StoredEvidence>, sqlx::Error> {
    let row = on!(src, |c| {
        sqlx::query_as::<_, (i64, i64, String, Option<String>, String, String)>(
            "select id, walkthrough_id, storage_name, thumbnail_name, content_type, original_name
             from evidence where id = $1",
        )
        .bind(id)
        .fetch_optional(&mut *c)
        .await?
    });
    Ok(row.map(
        |(id, walkthrough_id, storage_name, thumbnail_name, content_type, original_name)| {
            StoredEvidence {
                id,
                walkthrough_id,
                storage_name,
                thumbnail_name,
                content_type,
                original_name,
            }
        },
    ))
}

/// Every file name an evidence row points to (files and thumbnails), for the start-up sweep of
/// orphaned files (`evidence::sweep`).
pub async fn file_names(src: impl Source<'_>) -> Result<Vec<String>, sqlx::Error> {
    Ok(on!(src, |c| {
        sqlx::query_scalar::<_, String>(
            "select storage_name from evidence
             union all
             select thumbnail_name from evidence where thumbnail_name is not null",
        )
        .fetch_all(&mut *c)
        .await?
    }))
}

/// Removes the row if `owner_id` still may edit its walkthrough; `false` when it was already gone
/// or that no longer holds.
pub async fn delete(
    src: impl Source<'_>,
    owner_id: i64,
    walkthrough_id: i64,
    id: i64,
) -> Result<bool, sqlx::Error> {
    let sql = format!("delete from evidence where id = ? and walkthrough_id = ? and {OWNER_EDITS}");
    let sql = numbered(&sql);
    let done = on!(src, |c| {
        sqlx::query(&sql)
            .bind(id)
            .bind(walkthrough_id)
            .bind(walkthrough_id)
            .bind(owner_id)
            .execute(&mut *c)
            .await?
            .rows_affected()
    });
    Ok(done > 0)
}

type ItemRow = (
    i64,
    i64,
    Option<i64>,
    String,
    i64,
    Option<String>,
    String,
    String,
);

/// All evidence of a walkthrough, in journey order (step position), oldest first within a step.
pub async fn list_for_walkthrough(
    src: impl Source<'_>,
    walkthrough_id: i64,
) -> Result<Vec<EvidenceItem>, sqlx::Error> {
    let rows = on!(src, |c| {
        sqlx::query_as::<_, ItemRow>(
            "select e.id, e.step_id, e.friction_id, e.content_type, e.byte_size, e.thumbnail_name,
                    e.original_name, e.caption
             from evidence e join journey_step s on s.id = e.step_id
             where e.walkthrough_id = $1
             order by s.position, s.id, e.created_at, e.id",
        )
        .bind(walkthrough_id)
        .fetch_all(&mut *c)
        .await?
    });
    Ok(rows
        .into_iter()
        .map(
            |(
                id,
                step_id,
                friction_id,
                content_type,
                byte_size,
                thumbnail_name,
                original_name,
                caption,
            )| EvidenceItem {
                id,
                step_id,
                friction_id,
                content_type,
                byte_size,
                has_thumbnail: thumbnail_name.is_some(),
                original_name,
                caption,
            },
        )
        .collect())
}
