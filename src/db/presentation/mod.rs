//! Queries on presentations: making one from a completed walkthrough, the facts access is decided
//! on, and reading one back. Editing, meetings, the library and the social parts live in the
//! files beside this one.

pub mod edit;
pub mod meeting;
pub mod search;
pub mod social;

use crate::db::Source;
use crate::db::backend::on;
use crate::domain::presentation::{
    PresentationAccess, PresentationDetail, PresentationDraft, PresentationFacts,
    PresentationStatus, Slide, SlideKind, Visibility,
};
use crate::domain::walkthrough::Access;
use chrono::{DateTime, Utc};

/// The "author may edit" rule as SQL, binding the presentation id and then the person: theirs and
/// not yet confirmed. Every write repeats it inside its own statement, so a check made a moment
/// earlier cannot be outrun by the reviewer confirming in between.
pub(crate) const AUTHOR_EDITS: &str = "exists (select 1 from presentation pa
    where pa.id = ? and pa.person_id = ? and pa.status <> 'confirmed')";

pub use super::WriteError;

fn decode<T>(what: &str, value: &str, parsed: Option<T>) -> Result<T, sqlx::Error> {
    parsed.ok_or_else(|| sqlx::Error::Decode(format!("unknown {what} {value}").into()))
}

/// The facts access is decided on, and the walkthrough it tells; `None` for an unknown id.
pub async fn facts(
    src: impl Source<'_>,
    presentation_id: i64,
) -> Result<Option<(PresentationFacts, i64)>, sqlx::Error> {
    let row = on!(src, |c| {
        sqlx::query_as::<_, (i64, Option<i64>, Option<i64>, String, String, i64)>(
            "select pr.person_id, p.manager_id, p.team_id, pr.status, pr.visibility, pr.walkthrough_id
             from presentation pr join person p on p.id = pr.person_id
             where pr.id = $1",
        )
        .bind(presentation_id)
        .fetch_optional(&mut *c)
        .await?
    });
    row.map(|(author_id, manager, team, status, visibility, walk)| {
        Ok((
            PresentationFacts {
                author_id,
                author_manager_id: manager,
                author_team_id: team,
                status: decode(
                    "presentation status",
                    &status,
                    PresentationStatus::parse(&status),
                )?,
                visibility: decode(
                    "visibility",
                    &visibility,
                    Visibility::parse(&visibility).ok(),
                )?,
            },
            walk,
        ))
    })
    .transpose()
}

/// The presentation made from a walkthrough, if any.
pub async fn for_walkthrough(
    src: impl Source<'_>,
    walkthrough_id: i64,
) -> Result<Option<i64>, sqlx::Error> {
    Ok(on!(src, |c| {
        sqlx::query_scalar("select id from presentation where walkthrough_id = $1")
            .bind(walkthrough_id)
            .fetch_optional(&mut *c)
            .await?
    }))
}

/// Makes the presentation of `walkthrough_id` from `draft`, or returns the one that exists (a
/// second click, a second tab). Only the owner of a completed walkthrough gets one: the insert
/// repeats that inside its own statement; `NotFound` otherwise.
pub async fn create(
    db: &super::Db,
    walkthrough_id: i64,
    author_id: i64,
    draft: &PresentationDraft,
) -> Result<i64, WriteError> {
    let mut tx = super::begin(db).await?;
    let id = on!(&mut tx, |c| {
        if let Some(existing) = for_walkthrough(&mut *c, walkthrough_id).await? {
            return Ok(existing);
        }
        let now = super::now();
        let id: i64 = sqlx::query_scalar(
            "insert into presentation (walkthrough_id, person_id, title, introduction, created_at, updated_at)
             select w.id, w.person_id, $1, $2, $3, $3
             from walkthrough w where w.id = $4 and w.person_id = $5 and w.status = 'completed'
             returning id",
        )
        .bind(&draft.title)
        .bind(&draft.introduction)
        .bind(now)
        .bind(walkthrough_id)
        .bind(author_id)
        .fetch_optional(&mut *c)
        .await?
        .ok_or(WriteError::NotFound)?;
        for (position, slide) in (0_i64..).zip(&draft.slides) {
            sqlx::query(
                "insert into presentation_slide
                     (presentation_id, position, kind, friction_id, included, notes, created_at, updated_at)
                 values ($1, $2, $3, $4, $5, '', $6, $6)",
            )
            .bind(id)
            .bind(position)
            .bind(slide.kind.code())
            .bind(slide.friction_id)
            .bind(slide.included)
            .bind(now)
            .execute(&mut *c)
            .await?;
        }
        id
    });
    tx.commit().await?;
    Ok(id)
}

/// The slides of a presentation in order.
pub async fn slides(src: impl Source<'_>, presentation_id: i64) -> Result<Vec<Slide>, sqlx::Error> {
    let rows = on!(src, |c| {
        sqlx::query_as::<_, (i64, i64, String, Option<i64>, bool, String)>(
            "select id, position, kind, friction_id, included, notes
             from presentation_slide where presentation_id = $1 order by position, id",
        )
        .bind(presentation_id)
        .fetch_all(&mut *c)
        .await?
    });
    rows.into_iter()
        .map(|(id, position, kind, friction_id, included, notes)| {
            Ok(Slide {
                id,
                position,
                kind: decode("slide kind", &kind, SlideKind::parse(&kind))?,
                friction_id,
                included,
                notes,
            })
        })
        .collect()
}

#[derive(sqlx::FromRow)]
struct DetailRow {
    walkthrough_id: i64,
    person_id: i64,
    author_name: String,
    title: String,
    introduction: String,
    key_message: String,
    recommendations: String,
    visibility: String,
    status: String,
    presented_at: Option<DateTime<Utc>>,
    version: i64,
}

/// Everything about one presentation, as `access` (decided by the caller) allows: the caller
/// redacts with [`PresentationDetail::redact_for`] before it leaves the server.
pub async fn detail(
    db: &super::Db,
    presentation_id: i64,
    access: PresentationAccess,
) -> Result<Option<PresentationDetail>, sqlx::Error> {
    let found = on!(db, |c| {
        sqlx::query_as::<_, DetailRow>(
            "select pr.walkthrough_id, pr.person_id, p.name as author_name, pr.title, pr.introduction,
                    pr.key_message, pr.recommendations, pr.visibility, pr.status, pr.presented_at,
                    pr.version
             from presentation pr join person p on p.id = pr.person_id
             where pr.id = $1",
        )
        .bind(presentation_id)
        .fetch_optional(&mut *c)
        .await?
    });
    let Some(row) = found else {
        return Ok(None);
    };
    let Some(walk) = super::walkthrough::detail(db, row.walkthrough_id, Access::Read).await? else {
        return Ok(None);
    };
    let sensitive_evidence: Vec<i64> = on!(db, |c| {
        sqlx::query_scalar(
            "select evidence_id from presentation_sensitive_evidence
             where presentation_id = $1 order by evidence_id",
        )
        .bind(presentation_id)
        .fetch_all(&mut *c)
        .await?
    });
    Ok(Some(PresentationDetail {
        id: presentation_id,
        author_id: row.person_id,
        author_name: row.author_name,
        title: row.title,
        introduction: row.introduction,
        key_message: row.key_message,
        recommendations: row.recommendations,
        visibility: decode(
            "visibility",
            &row.visibility,
            Visibility::parse(&row.visibility).ok(),
        )?,
        status: decode(
            "presentation status",
            &row.status,
            PresentationStatus::parse(&row.status),
        )?,
        presented_at: row.presented_at,
        version: row.version,
        access,
        slides: slides(db, presentation_id).await?,
        sensitive_evidence,
        walk,
    }))
}

/// The team a person is in, for the library's "my team" visibility.
pub async fn team_of(src: impl Source<'_>, person_id: i64) -> Result<Option<i64>, sqlx::Error> {
    Ok(on!(src, |c| {
        sqlx::query_scalar::<_, Option<i64>>("select team_id from person where id = $1")
            .bind(person_id)
            .fetch_optional(&mut *c)
            .await?
    })
    .flatten())
}
