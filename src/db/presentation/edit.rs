//! The author's changes to a presentation: texts (with a version check), which slides are shown
//! and in what order, speaker notes, and evidence marked sensitive. Every write repeats
//! [`AUTHOR_EDITS`] inside its own statement and runs in one write transaction (`db::begin`).

use super::{AUTHOR_EDITS, WriteError};
use crate::db::backend::on;
use crate::db::{Source, numbered};
use crate::domain::presentation::{Move, PresentationTexts, move_slide as moved};

/// Why a guarded statement changed nothing: an unknown or someone else's presentation is
/// `NotFound`, a confirmed one is refused; otherwise the row it aimed at was not there.
async fn why_not(src: impl Source<'_>, presentation_id: i64, author_id: i64) -> WriteError {
    match owner_and_status(src, presentation_id).await {
        Err(e) => WriteError::Db(e),
        Ok(Some((person, status))) if person == author_id && status == "confirmed" => {
            WriteError::Refused(crate::domain::Refusal::PresentationConfirmed)
        }
        Ok(_) => WriteError::NotFound,
    }
}

async fn owner_and_status(
    src: impl Source<'_>,
    presentation_id: i64,
) -> Result<Option<(i64, String)>, sqlx::Error> {
    Ok(on!(src, |c| {
        sqlx::query_as::<_, (i64, String)>(
            "select person_id, status from presentation where id = $1",
        )
        .bind(presentation_id)
        .fetch_optional(&mut *c)
        .await?
    }))
}

/// Whether the author may still edit: the same rule as the writes, read inside the transaction.
async fn author_edits(
    src: impl Source<'_>,
    presentation_id: i64,
    author_id: i64,
) -> Result<bool, sqlx::Error> {
    let sql = format!("select {AUTHOR_EDITS}");
    let sql = numbered(&sql);
    Ok(on!(src, |c| {
        sqlx::query_scalar::<_, bool>(&sql)
            .bind(presentation_id)
            .bind(author_id)
            .fetch_one(&mut *c)
            .await?
    }))
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
    let sql = format!(
        "update presentation
         set title = ?, introduction = ?, key_message = ?, recommendations = ?, visibility = ?,
             version = version + 1, updated_at = ?
         where id = ? and version = ? and {AUTHOR_EDITS}"
    );
    let sql = numbered(&sql);
    let mut tx = crate::db::begin(db).await?;
    on!(&mut tx, |c| {
        let updated = sqlx::query(&sql)
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
            .execute(&mut *c)
            .await?;
        if updated.rows_affected() == 0 {
            return Err(match why_not(&mut *c, presentation_id, author_id).await {
                WriteError::NotFound
                    if author_edits(&mut *c, presentation_id, author_id).await? =>
                {
                    WriteError::Conflict
                }
                other => other,
            });
        }
        super::search::reindex(&mut *c, presentation_id).await?;
    });
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
    let sql = format!(
        "update presentation_slide set included = ?, updated_at = ?
         where id = ? and presentation_id = ? and kind <> 'title' and {AUTHOR_EDITS}"
    );
    let sql = numbered(&sql);
    let mut tx = crate::db::begin(db).await?;
    on!(&mut tx, |c| {
        let updated = sqlx::query(&sql)
            .bind(included)
            .bind(crate::db::now())
            .bind(slide_id)
            .bind(presentation_id)
            .bind(presentation_id)
            .bind(author_id)
            .execute(&mut *c)
            .await?;
        if updated.rows_affected() == 0 {
            return Err(why_not(&mut *c, presentation_id, author_id).await);
        }
        super::search::reindex(&mut *c, presentation_id).await?;
    });
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
    let sql = format!(
        "update presentation_slide set position = ?, updated_at = ?
         where id = ? and presentation_id = ? and {AUTHOR_EDITS}"
    );
    let sql = numbered(&sql);
    let mut tx = crate::db::begin(db).await?;
    on!(&mut tx, |c| {
        if !author_edits(&mut *c, presentation_id, author_id).await? {
            return Err(why_not(&mut *c, presentation_id, author_id).await);
        }
        let order: Vec<i64> = sqlx::query_scalar(
            "select id from presentation_slide where presentation_id = $1 order by position, id",
        )
        .bind(presentation_id)
        .fetch_all(&mut *c)
        .await?;
        if !order.contains(&slide_id) {
            return Err(WriteError::NotFound);
        }
        let Some(next) = moved(&order, slide_id, direction) else {
            return Ok(false);
        };
        let now = crate::db::now();
        for (position, id) in (0_i64..).zip(&next) {
            let updated = sqlx::query(&sql)
                .bind(position)
                .bind(now)
                .bind(id)
                .bind(presentation_id)
                .bind(presentation_id)
                .bind(author_id)
                .execute(&mut *c)
                .await?;
            if updated.rows_affected() == 0 {
                return Err(why_not(&mut *c, presentation_id, author_id).await);
            }
        }
        super::search::reindex(&mut *c, presentation_id).await?;
    });
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
    let sql = format!(
        "update presentation_slide set notes = ?, updated_at = ?
         where id = ? and presentation_id = ? and {AUTHOR_EDITS}"
    );
    let sql = numbered(&sql);
    let mut tx = crate::db::begin(db).await?;
    on!(&mut tx, |c| {
        let updated = sqlx::query(&sql)
            .bind(notes)
            .bind(crate::db::now())
            .bind(slide_id)
            .bind(presentation_id)
            .bind(presentation_id)
            .bind(author_id)
            .execute(&mut *c)
            .await?;
        if updated.rows_affected() == 0 {
            return Err(why_not(&mut *c, presentation_id, author_id).await);
        }
    });
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
    let mark = format!(
        "insert into presentation_sensitive_evidence (presentation_id, evidence_id, created_at)
         select p.id, e.id, ? from presentation p join evidence e on e.walkthrough_id = p.walkthrough_id
         where p.id = ? and e.id = ? and {AUTHOR_EDITS}
         on conflict (presentation_id, evidence_id)
         do update set created_at = presentation_sensitive_evidence.created_at"
    );
    let unmark = format!(
        "delete from presentation_sensitive_evidence
         where presentation_id = ? and evidence_id = ? and {AUTHOR_EDITS}"
    );
    let (mark, unmark) = (numbered(&mark), numbered(&unmark));
    let mut tx = crate::db::begin(db).await?;
    on!(&mut tx, |c| {
        let belongs: bool = sqlx::query_scalar(
            "select exists (select 1 from evidence e join presentation p on p.walkthrough_id = e.walkthrough_id
                            where e.id = $1 and p.id = $2)",
        )
        .bind(evidence_id)
        .bind(presentation_id)
        .fetch_one(&mut *c)
        .await?;
        if !belongs {
            return Err(WriteError::NotFound);
        }
        let written = if sensitive {
            sqlx::query(&mark)
                .bind(crate::db::now())
                .bind(presentation_id)
                .bind(evidence_id)
                .bind(presentation_id)
                .bind(author_id)
                .execute(&mut *c)
                .await?
                .rows_affected()
        } else {
            // Unmarking what was not marked is fine; only the author check must hold.
            sqlx::query(&unmark)
                .bind(presentation_id)
                .bind(evidence_id)
                .bind(presentation_id)
                .bind(author_id)
                .execute(&mut *c)
                .await?;
            u64::from(author_edits(&mut *c, presentation_id, author_id).await?)
        };
        if written == 0 {
            return Err(why_not(&mut *c, presentation_id, author_id).await);
        }
        super::search::reindex(&mut *c, presentation_id).await?;
    });
    tx.commit().await?;
    Ok(())
}
