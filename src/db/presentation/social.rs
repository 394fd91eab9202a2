//! Comments and recognitions on presentations, and the evidence a library reader may fetch. The
//! caller decides read access first; every write repeats its own rule (own comment, an included
//! friction of this presentation, not the author's own) inside its statement.

use super::super::improvement::tally::friction_recognised;
use super::super::notification::{NotificationKind, notify};
use super::super::{Db, Source};
use crate::db::backend::on;
use crate::domain::presentation::{Comment, RecognisedFriction, Recognition};
use chrono::{DateTime, Utc};

#[derive(sqlx::FromRow)]
struct CommentRow {
    id: i64,
    person_id: i64,
    author_name: String,
    body: String,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

/// The comments on a presentation, oldest first (a conversation reads top to bottom).
pub async fn comments(db: &Db, presentation_id: i64) -> Result<Vec<Comment>, sqlx::Error> {
    let rows = on!(db, |c| {
        sqlx::query_as::<_, CommentRow>(
            "select c.id, c.person_id, p.name as author_name, c.body, c.created_at, c.updated_at
             from presentation_comment c join person p on p.id = c.person_id
             where c.presentation_id = $1 order by c.created_at, c.id",
        )
        .bind(presentation_id)
        .fetch_all(&mut *c)
        .await?
    });
    Ok(rows
        .into_iter()
        .map(|r| Comment {
            id: r.id,
            person_id: r.person_id,
            author_name: r.author_name,
            body: r.body,
            edited: r.updated_at > r.created_at,
            created_at: r.created_at,
        })
        .collect())
}

/// Adds a comment and tells the presentation's author, in one transaction.
pub async fn add_comment(
    db: &Db,
    presentation_id: i64,
    person_id: i64,
    body: &str,
) -> Result<i64, sqlx::Error> {
    let mut tx = super::super::begin(db).await?;
    let now = super::super::now();
    let (author, id) = on!(&mut tx, |c| {
        let author: i64 = sqlx::query_scalar("select person_id from presentation where id = $1")
            .bind(presentation_id)
            .fetch_one(&mut *c)
            .await?;
        let id: i64 = sqlx::query_scalar(
            "insert into presentation_comment (presentation_id, person_id, body, created_at, updated_at)
             values ($1, $2, $3, $4, $4) returning id",
        )
        .bind(presentation_id)
        .bind(person_id)
        .bind(body)
        .bind(now)
        .fetch_one(&mut *c)
        .await?;
        (author, id)
    });
    notify(
        &mut tx,
        author,
        NotificationKind::Comment,
        Some(presentation_id),
        Some(person_id),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// The presentation a comment is on and who wrote it.
pub async fn comment_owner(
    src: impl Source<'_>,
    comment_id: i64,
) -> Result<Option<(i64, i64)>, sqlx::Error> {
    Ok(on!(src, |c| {
        sqlx::query_as("select presentation_id, person_id from presentation_comment where id = $1")
            .bind(comment_id)
            .fetch_optional(&mut *c)
            .await?
    }))
}

/// Changes the writer's own comment; false when it is not theirs (or gone).
pub async fn edit_comment(
    db: &Db,
    comment_id: i64,
    person_id: i64,
    body: &str,
) -> Result<bool, sqlx::Error> {
    let done = on!(db, |c| {
        sqlx::query(
            "update presentation_comment set body = $1, updated_at = $2
             where id = $3 and person_id = $4",
        )
        .bind(body)
        .bind(super::super::now())
        .bind(comment_id)
        .bind(person_id)
        .execute(&mut *c)
        .await?
        .rows_affected()
    });
    Ok(done == 1)
}

/// Deletes the writer's own comment; false when it is not theirs (or gone).
pub async fn delete_comment(db: &Db, comment_id: i64, person_id: i64) -> Result<bool, sqlx::Error> {
    let done = on!(db, |c| {
        sqlx::query("delete from presentation_comment where id = $1 and person_id = $2")
            .bind(comment_id)
            .bind(person_id)
            .execute(&mut *c)
            .await?
            .rows_affected()
    });
    Ok(done == 1)
}

/// Every recognition of the presentation's included frictions, by friction then name.
pub async fn recognitions(db: &Db, presentation_id: i64) -> Result<Vec<Recognition>, sqlx::Error> {
    let rows = on!(db, |c| {
        sqlx::query_as::<_, (i64, i64, String, String)>(
            "select r.friction_id, r.person_id, p.name, r.note
             from friction_recognition r
             join presentation_slide s
               on s.friction_id = r.friction_id and s.presentation_id = $1 and s.included
             join person p on p.id = r.person_id
             order by r.friction_id, r.created_at, p.name",
        )
        .bind(presentation_id)
        .fetch_all(&mut *c)
        .await?
    });
    Ok(rows
        .into_iter()
        .map(|(friction_id, person_id, person_name, note)| Recognition {
            friction_id,
            person_id,
            person_name,
            note,
        })
        .collect())
}

/// "I saw this too" on an included friction of the presentation, or a new note on one given
/// before. The statement itself requires the friction to be an included friction (not a delight
/// or question) of this presentation and the person not its author; false otherwise. The author
/// is told the first time only.
pub async fn recognise(
    db: &Db,
    presentation_id: i64,
    friction_id: i64,
    person_id: i64,
    note: &str,
) -> Result<bool, sqlx::Error> {
    let mut tx = super::super::begin(db).await?;
    let now = super::super::now();
    let existed = on!(&mut tx, |c| {
        let existed: bool = sqlx::query_scalar(
            "select count(*) > 0 from friction_recognition where friction_id = $1 and person_id = $2",
        )
        .bind(friction_id)
        .bind(person_id)
        .fetch_one(&mut *c)
        .await?;
        let written = sqlx::query(
            "insert into friction_recognition (friction_id, person_id, note, created_at, updated_at)
             select f.id, $1, $2, $3, $3 from friction f
             join presentation_slide s on s.friction_id = f.id and s.presentation_id = $4 and s.included
             join presentation pr on pr.id = s.presentation_id
             where f.id = $5 and f.kind = 'friction' and pr.person_id <> $1
             on conflict (friction_id, person_id)
             do update set note = excluded.note, updated_at = excluded.updated_at",
        )
        .bind(person_id)
        .bind(note)
        .bind(now)
        .bind(presentation_id)
        .bind(friction_id)
        .execute(&mut *c)
        .await?;
        if written.rows_affected() == 0 {
            return Ok(false);
        }
        existed
    });
    if !existed {
        friction_recognised(&mut tx, friction_id).await?;
        let author: i64 = on!(&mut tx, |c| {
            sqlx::query_scalar("select person_id from presentation where id = $1")
                .bind(presentation_id)
                .fetch_one(&mut *c)
                .await?
        });
        notify(
            &mut tx,
            author,
            NotificationKind::Recognition,
            Some(presentation_id),
            Some(person_id),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(true)
}

/// Takes one's own recognition back.
pub async fn unrecognise(db: &Db, friction_id: i64, person_id: i64) -> Result<(), sqlx::Error> {
    let mut tx = super::super::begin(db).await?;
    let deleted = on!(&mut tx, |c| {
        sqlx::query("delete from friction_recognition where friction_id = $1 and person_id = $2")
            .bind(friction_id)
            .bind(person_id)
            .execute(&mut *c)
            .await?
            .rows_affected()
    });
    if deleted > 0 {
        friction_recognised(&mut tx, friction_id).await?;
    }
    tx.commit().await
}

/// The presentation made from the walkthrough `evidence_id` belongs to, and whether its author
/// marked that evidence sensitive; `None` when the walkthrough has no presentation.
pub async fn evidence_presentation(
    db: &Db,
    walkthrough_id: i64,
    evidence_id: i64,
) -> Result<Option<(i64, bool)>, sqlx::Error> {
    Ok(on!(db, |c| {
        sqlx::query_as(
            "select pr.id, exists (select 1 from presentation_sensitive_evidence se
                                   where se.presentation_id = pr.id and se.evidence_id = $1)
             from presentation pr where pr.walkthrough_id = $2",
        )
        .bind(evidence_id)
        .bind(walkthrough_id)
        .fetch_optional(&mut *c)
        .await?
    }))
}

/// The most recognised frictions of one journey (all versions), in presentations `viewer` may
/// read, with the presentation each is from.
pub async fn top_recognised(
    db: &Db,
    family_id: i64,
    viewer: &crate::domain::presentation::LibraryViewer,
    limit: i64,
) -> Result<Vec<RecognisedFriction>, sqlx::Error> {
    let rows: Vec<(String, i64, i64, String)> = on!(db, |c| {
        let mut q = sqlx::QueryBuilder::new(
            "select f.title, count(*) as n, pr.id, pr.title
             from friction_recognition r
             join friction f on f.id = r.friction_id
             join presentation_slide s on s.friction_id = f.id and s.included
             join presentation pr on pr.id = s.presentation_id
             join person p on p.id = pr.person_id
             join walkthrough w on w.id = pr.walkthrough_id
             join journey j on j.id = w.journey_id
             where j.family_id = ",
        );
        q.push_bind(family_id).push(" and");
        super::search::push_visible(&mut q, viewer);
        // A friction is on at most one presentation (its walkthrough's): grouping by both keeps
        // SQLite's groups and names every selected table for PostgreSQL.
        q.push(" group by f.id, pr.id order by n desc, max(r.created_at) desc limit ")
            .push_bind(limit);
        q.build_query_as().fetch_all(&mut *c).await?
    });
    Ok(rows
        .into_iter()
        .map(
            |(friction_title, recognitions, presentation_id, presentation_title)| {
                RecognisedFriction {
                    friction_title,
                    recognitions,
                    presentation_id,
                    presentation_title,
                }
            },
        )
        .collect())
}
