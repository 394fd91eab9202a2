//! The author's changes to a presentation: texts (with a version check), which slides are shown
//! and in what order, speaker notes, and evidence marked sensitive. Every write repeats
//! [`AUTHOR_EDITS`] inside its own statement and runs in one `BEGIN IMMEDIATE` transaction.

use super::{AUTHOR_EDITS, WriteError};
use crate::db::WriteTx;
use crate::domain::presentation::{Move, PresentationTexts, move_slide as moved};

/// Why a guarded statement changed nothing: an unknown or someone else's presentation is
/// `NotFound`, a confirmed one is refused; otherwise the row it aimed at was not there.
async fn why_not(tx: &mut WriteTx, presentation_id: i64, author_id: i64) -> WriteError {
    let row = sqlx::query_as::<_, (i64, String)>(
        "select person_id, status from presentation where id = ?",
    )
    .bind(presentation_id)
    .fetch_optional(&mut **tx)
    .await;
    match row {
        Err(e) => WriteError::Db(e),
        Ok(Some((person, status))) if person == author_id && status == "confirmed" => {
            WriteError::Refused(crate::domain::Refusal::PresentationConfirmed)
        }
        Ok(_) => WriteError::NotFound,
    }
}

/// Whether the author may still edit: the same rule as the writes, read inside the transaction.
async fn author_edits(
    tx: &mut WriteTx,
    presentation_id: i64,
    author_id: i64,
) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar::<_, bool>(&format!("select {AUTHOR_EDITS}"))
        .bind(presentation_id)
        .bind(author_id)
        .fetch_one(&mut **tx)
        .await
}

/// Saves the texts if nobody saved since `version` was loaded; returns the new version.
/// A stale version is `Conflict` and changes nothing.
pub async fn save_texts(
    db: &crate::db::Db,
    presentation_id: i64,
    author_id: i64,
    version: i64,
    texts: &PresentationTexts,
) -> Result<i64, WriteError> {
    let mut tx = crate::db::begin_write(db).await?;
    let updated = sqlx::query(&format!(
        "update presentation
         set title = ?, introduction = ?, key_message = ?, recommendations = ?, visibility = ?,
             version = version + 1, updated_at = ?
         where id = ? and version = ? and {AUTHOR_EDITS}"
    ))
    .bind(&texts.title)
    .bind(&texts.introduction)
    .bind(&texts.key_message)
    .bind(&texts.recommendations)
    .bind(texts.visibility.code())
    .bind(crate::db::now())
    .bind(presentation_id)
    .bind(version)
    .bind(presentation_id)
    .bind(author_id)
    .execute(&mut *tx)
    .await?;
    if updated.rows_affected() == 0 {
        return Err(match why_not(&mut tx, presentation_id, author_id).await {
            WriteError::NotFound if author_edits(&mut tx, presentation_id, author_id).await? => {
                WriteError::Conflict
            }
            other => other,
        });
    }
    reindex(&mut tx, presentation_id).await?;
    tx.commit().await?;
    Ok(version + 1)
}

/// Shows or leaves out one slide; the title slide is always shown.
pub async fn set_slide_included(
    db: &crate::db::Db,
    presentation_id: i64,
    author_id: i64,
    slide_id: i64,
    included: bool,
) -> Result<(), WriteError> {
    let mut tx = crate::db::begin_write(db).await?;
    let updated = sqlx::query(&format!(
        "update presentation_slide set included = ?, updated_at = ?
         where id = ? and presentation_id = ? and kind <> 'title' and {AUTHOR_EDITS}"
    ))
    .bind(included)
    .bind(crate::db::now())
    .bind(slide_id)
    .bind(presentation_id)
    .bind(presentation_id)
    .bind(author_id)
    .execute(&mut *tx)
    .await?;
    if updated.rows_affected() == 0 {
        return Err(why_not(&mut tx, presentation_id, author_id).await);
    }
    reindex(&mut tx, presentation_id).await?;
    tx.commit().await?;
    Ok(())
}

/// Moves one slide a place up or down and rewrites the positions, all under one write lock so two
/// moves from two tabs cannot interleave. `Ok(false)`: it cannot move that way (an end, or the
/// title slide), nothing changed.
pub async fn move_slide(
    db: &crate::db::Db,
    presentation_id: i64,
    author_id: i64,
    slide_id: i64,
    direction: Move,
) -> Result<bool, WriteError> {
    let mut tx = crate::db::begin_write(db).await?;
    if !author_edits(&mut tx, presentation_id, author_id).await? {
        return Err(why_not(&mut tx, presentation_id, author_id).await);
    }
    let order: Vec<i64> = sqlx::query_scalar(
        "select id from presentation_slide where presentation_id = ? order by position, id",
    )
    .bind(presentation_id)
    .fetch_all(&mut *tx)
    .await?;
    if !order.contains(&slide_id) {
        return Err(WriteError::NotFound);
    }
    let Some(next) = moved(&order, slide_id, direction) else {
        return Ok(false);
    };
    let now = crate::db::now();
    for (position, id) in (0_i64..).zip(&next) {
        let updated = sqlx::query(&format!(
            "update presentation_slide set position = ?, updated_at = ?
             where id = ? and presentation_id = ? and {AUTHOR_EDITS}"
        ))
        .bind(position)
        .bind(now)
        .bind(id)
        .bind(presentation_id)
        .bind(presentation_id)
        .bind(author_id)
        .execute(&mut *tx)
        .await?;
        if updated.rows_affected() == 0 {
            return Err(why_not(&mut tx, presentation_id, author_id).await);
        }
    }
    reindex(&mut tx, presentation_id).await?;
    tx.commit().await?;
    Ok(true)
}

/// Saves the speaker notes of one slide.
pub async fn save_slide_notes(
    db: &crate::db::Db,
    presentation_id: i64,
    author_id: i64,
    slide_id: i64,
    notes: &str,
) -> Result<(), WriteError> {
    let mut tx = crate::db::begin_write(db).await?;
    let updated = sqlx::query(&format!(
        "update presentation_slide set notes = ?, updated_at = ?
         where id = ? and presentation_id = ? and {AUTHOR_EDITS}"
    ))
    .bind(notes)
    .bind(crate::db::now())
    .bind(slide_id)
    .bind(presentation_id)
    .bind(presentation_id)
    .bind(author_id)
    .execute(&mut *tx)
    .await?;
    if updated.rows_affected() == 0 {
        return Err(why_not(&mut tx, presentation_id, author_id).await);
    }
    tx.commit().await?;
    Ok(())
}

/// Marks one piece of evidence sensitive or not. Only evidence of the walkthrough this
/// presentation tells qualifies; the statement checks that itself (`NotFound` otherwise).
pub async fn set_evidence_sensitive(
    db: &crate::db::Db,
    presentation_id: i64,
    author_id: i64,
    evidence_id: i64,
    sensitive: bool,
) -> Result<(), WriteError> {
    let mut tx = crate::db::begin_write(db).await?;
    let belongs: bool = sqlx::query_scalar(
        "select exists (select 1 from evidence e join presentation p on p.walkthrough_id = e.walkthrough_id
                        where e.id = ? and p.id = ?)",
    )
    .bind(evidence_id)
    .bind(presentation_id)
    .fetch_one(&mut *tx)
    .await?;
    if !belongs {
        return Err(WriteError::NotFound);
    }
    let written = if sensitive {
        sqlx::query(&format!(
            "insert into presentation_sensitive_evidence (presentation_id, evidence_id, created_at)
             select p.id, e.id, ? from presentation p join evidence e on e.walkthrough_id = p.walkthrough_id
             where p.id = ? and e.id = ? and {AUTHOR_EDITS}
             on conflict (presentation_id, evidence_id) do update set created_at = created_at"
        ))
        .bind(crate::db::now())
        .bind(presentation_id)
        .bind(evidence_id)
        .bind(presentation_id)
        .bind(author_id)
        .execute(&mut *tx)
        .await?
        .rows_affected()
    } else {
        // Unmarking what was not marked is fine; only the author check must hold.
        sqlx::query(&format!(
            "delete from presentation_sensitive_evidence
             where presentation_id = ? and evidence_id = ? and {AUTHOR_EDITS}"
        ))
        .bind(presentation_id)
        .bind(evidence_id)
        .bind(presentation_id)
        .bind(author_id)
        .execute(&mut *tx)
        .await?;
        u64::from(author_edits(&mut tx, presentation_id, author_id).await?)
    };
    if written == 0 {
        return Err(why_not(&mut tx, presentation_id, author_id).await);
    }
    reindex(&mut tx, presentation_id).await?;
    tx.commit().await?;
    Ok(())
}

/// Keeps the library's search row in step once the presentation is in the library. The search
/// module belongs to the library work; until it exists there is nothing to keep.
async fn reindex(_tx: &mut WriteTx, _presentation_id: i64) -> Result<(), sqlx::Error> {
    Ok(())
}
