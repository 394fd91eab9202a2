//! Queries on meetings and reviews: the author records when and to whom they presented, their
//! reviewer confirms or sends back, and the licence reads the latest confirmation.

use super::{AUTHOR_EDITS, WriteError};
use crate::db::backend::on;
use crate::db::notification::{NotificationKind, notify};
use crate::db::{Source, numbered};
use crate::domain::Refusal;
use crate::domain::presentation::{
    AwaitingReview, MeetingInput, MeetingRecord, PersonOption, ReviewDecision, ReviewRecord,
};
use chrono::{DateTime, NaiveDate, Utc};

/// Records a meeting, marks the presentation presented (`presented_at` only the first time) and
/// asks the author's manager to confirm, in one write transaction (`db::begin`). The author rule
/// (`AUTHOR_EDITS`) is repeated inside the insert.
///
/// A new meeting is accepted while the presentation is a draft or was sent back. While one waits
/// for the reviewer (`presented`) it is refused: the reviewer must decide on the meeting they
/// were told about, not on one replaced under their hands; a correction goes through a
/// send-back. A confirmed presentation never changes.
pub async fn record(
    db: &crate::db::Db,
    presentation_id: i64,
    author_id: i64,
    meeting: &MeetingInput,
) -> Result<i64, WriteError> {
    let insert = format!(
        "insert into presentation_meeting
             (presentation_id, held_on, audience, team_id, recorded_by, created_at, updated_at)
         select pr.id, ?, ?, ?, ?, ?, ?
         from presentation pr
         where pr.id = ? and pr.status in ('draft', 'sent_back') and {AUTHOR_EDITS}
         returning id"
    );
    let presented = format!(
        "update presentation set status = 'presented', presented_at = coalesce(presented_at, ?),
             updated_at = ?
         where id = ? and {AUTHOR_EDITS}"
    );
    let (insert, presented) = (numbered(&insert), numbered(&presented));
    let mut tx = crate::db::begin(db).await?;
    let now = crate::db::now();
    let (meeting_id, manager) = on!(&mut tx, |c| {
        let inserted: Option<i64> = sqlx::query_scalar(&insert)
            .bind(meeting.held_on)
            .bind(&meeting.audience)
            .bind(meeting.team_id)
            .bind(author_id)
            .bind(now)
            .bind(now)
            .bind(presentation_id)
            .bind(presentation_id)
            .bind(author_id)
            .fetch_optional(&mut *c)
            .await?;
        let Some(meeting_id) = inserted else {
            let status: Option<(i64, String)> =
                sqlx::query_as("select person_id, status from presentation where id = $1")
                    .bind(presentation_id)
                    .fetch_optional(&mut *c)
                    .await?;
            return Err(match status {
                Some((owner, status)) if owner == author_id => match status.as_str() {
                    "confirmed" => WriteError::Refused(Refusal::PresentationConfirmed),
                    _ => WriteError::Refused(Refusal::PresentationAwaitingReview),
                },
                _ => WriteError::NotFound,
            });
        };
        for person in &meeting.attendees {
            sqlx::query(
                "insert into presentation_attendee (meeting_id, person_id, created_at)
                 values ($1, $2, $3)",
            )
            .bind(meeting_id)
            .bind(person)
            .bind(now)
            .execute(&mut *c)
            .await?;
        }
        sqlx::query(&presented)
            .bind(now)
            .bind(now)
            .bind(presentation_id)
            .bind(presentation_id)
            .bind(author_id)
            .execute(&mut *c)
            .await?;
        let manager: Option<i64> =
            sqlx::query_scalar("select manager_id from person where id = $1")
                .bind(author_id)
                .fetch_optional(&mut *c)
                .await?
                .flatten();
        (meeting_id, manager)
    });
    if let Some(manager) = manager {
        notify(
            &mut tx,
            manager,
            NotificationKind::Meeting,
            Some(presentation_id),
            Some(author_id),
        )
        .await?;
    }
    // Presented means in the library: searchable from this commit on.
    super::search::reindex(&mut tx, presentation_id).await?;
    tx.commit().await?;
    Ok(meeting_id)
}

/// The reviewer's decision on the latest meeting: a new `presentation_review` row (never
/// updated), the presentation's status, and a notification for the author, in one transaction.
/// The insert itself repeats "the author's manager, a meeting waiting, not yet decided", so two
/// tabs cannot both decide: the second gets `PresentationAlreadyReviewed`.
pub async fn decide(
    db: &crate::db::Db,
    presentation_id: i64,
    reviewer_id: i64,
    decision: ReviewDecision,
    comment: &str,
) -> Result<i64, WriteError> {
    let mut tx = crate::db::begin(db).await?;
    let now = crate::db::now();
    let (review_id, author) = on!(&mut tx, |c| {
        let inserted: Option<i64> = sqlx::query_scalar(
            "insert into presentation_review
                 (presentation_id, meeting_id, reviewer_id, decision, comment, created_at, updated_at)
             select pr.id, m.id, $1, $2, $3, $4, $4
             from presentation pr
             join person a on a.id = pr.person_id
             join presentation_meeting m on m.presentation_id = pr.id
             where pr.id = $5 and a.manager_id = $1 and pr.status = 'presented'
               and m.id = (select max(id) from presentation_meeting where presentation_id = pr.id)
               and not exists (select 1 from presentation_review r where r.meeting_id = m.id)
             returning id",
        )
        .bind(reviewer_id)
        .bind(decision.code())
        .bind(comment)
        .bind(now)
        .bind(presentation_id)
        .fetch_optional(&mut *c)
        .await?;
        let Some(review_id) = inserted else {
            let decided: Option<i64> = sqlx::query_scalar(
                "select count(*) from presentation_review r
                 where r.meeting_id = (select max(id) from presentation_meeting where presentation_id = $1)",
            )
            .bind(presentation_id)
            .fetch_optional(&mut *c)
            .await?;
            return Err(match decided {
                Some(n) if n > 0 => WriteError::Refused(Refusal::PresentationAlreadyReviewed),
                _ => WriteError::Refused(Refusal::PresentationNothingToReview),
            });
        };
        sqlx::query(
            "update presentation set status = $1, updated_at = $2 where id = $3 and status = 'presented'",
        )
        .bind(decision.code())
        .bind(now)
        .bind(presentation_id)
        .execute(&mut *c)
        .await?;
        let author: i64 = sqlx::query_scalar("select person_id from presentation where id = $1")
            .bind(presentation_id)
            .fetch_one(&mut *c)
            .await?;
        (review_id, author)
    });
    let kind = match decision {
        ReviewDecision::Confirmed => NotificationKind::Confirmed,
        ReviewDecision::SentBack => NotificationKind::SentBack,
    };
    notify(
        &mut tx,
        author,
        kind,
        Some(presentation_id),
        Some(reviewer_id),
    )
    .await?;
    // Confirmed stays in the library, sent back leaves it.
    super::search::reindex(&mut tx, presentation_id).await?;
    tx.commit().await?;
    Ok(review_id)
}

/// Every meeting of a presentation, newest first, with attendees and decisions.
pub async fn history(
    db: &crate::db::Db,
    presentation_id: i64,
) -> Result<Vec<MeetingRecord>, sqlx::Error> {
    on!(db, |c| {
        let meetings = sqlx::query_as::<
            _,
            (
                i64,
                NaiveDate,
                String,
                Option<String>,
                String,
                DateTime<Utc>,
            ),
        >(
            "select m.id, m.held_on, m.audience, t.name, p.name, m.created_at
             from presentation_meeting m
             join person p on p.id = m.recorded_by
             left join team t on t.id = m.team_id
             where m.presentation_id = $1 order by m.id desc",
        )
        .bind(presentation_id)
        .fetch_all(&mut *c)
        .await?;
        let mut out = Vec::with_capacity(meetings.len());
        for (id, held_on, audience, team_name, recorded_by, recorded_at) in meetings {
            let attendees = sqlx::query_scalar(
                "select p.name from presentation_attendee a join person p on p.id = a.person_id
                 where a.meeting_id = $1 order by p.name",
            )
            .bind(id)
            .fetch_all(&mut *c)
            .await?;
            let reviews = sqlx::query_as::<_, (String, String, String, DateTime<Utc>)>(
                "select p.name, r.decision, r.comment, r.created_at
                 from presentation_review r join person p on p.id = r.reviewer_id
                 where r.meeting_id = $1 order by r.id",
            )
            .bind(id)
            .fetch_all(&mut *c)
            .await?
            .into_iter()
            .map(|(reviewer_name, decision, comment, at)| ReviewRecord {
                reviewer_name,
                decision,
                comment,
                at,
            })
            .collect();
            out.push(MeetingRecord {
                id,
                held_on,
                audience,
                team_name,
                recorded_by,
                recorded_at,
                attendees,
                reviews,
            });
        }
        Ok(out)
    })
}

/// When the reviewer last confirmed `person_id`'s presentation of a walkthrough in
/// `cycle_year`: the licence condition. `None` while nothing is confirmed.
pub async fn confirmed_at(
    src: impl Source<'_>,
    person_id: i64,
    cycle_year: i32,
) -> Result<Option<DateTime<Utc>>, sqlx::Error> {
    Ok(on!(src, |c| {
        sqlx::query_scalar(
            "select r.created_at
             from presentation_review r
             join presentation pr on pr.id = r.presentation_id
             join walkthrough w on w.id = pr.walkthrough_id
             where pr.person_id = $1 and w.cycle_year = $2 and r.decision = 'confirmed'
             order by r.created_at desc, r.id desc limit 1",
        )
        .bind(person_id)
        .bind(i64::from(cycle_year))
        .fetch_optional(&mut *c)
        .await?
    }))
}

/// Presentations of `reviewer_id`'s direct reports waiting for a decision, longest waiting
/// first, at most `limit`.
pub async fn awaiting_review(
    src: impl Source<'_>,
    reviewer_id: i64,
    limit: i64,
) -> Result<Vec<AwaitingReview>, sqlx::Error> {
    let rows = on!(src, |c| {
        sqlx::query_as::<_, (i64, String, String, Option<DateTime<Utc>>)>(
            "select pr.id, pr.title, p.name, pr.presented_at
             from presentation pr join person p on p.id = pr.person_id
             where p.manager_id = $1 and pr.status = 'presented'
             order by pr.updated_at, pr.id limit $2",
        )
        .bind(reviewer_id)
        .bind(limit)
        .fetch_all(&mut *c)
        .await?
    });
    Ok(rows
        .into_iter()
        .map(
            |(presentation_id, title, author_name, presented_at)| AwaitingReview {
                presentation_id,
                title,
                author_name,
                presented_at,
            },
        )
        .collect())
}

/// Active people in `team_id` except `except`, by name, at most `limit`.
pub async fn team_people(
    src: impl Source<'_>,
    team_id: i64,
    except: i64,
    limit: i64,
) -> Result<Vec<PersonOption>, sqlx::Error> {
    let rows = on!(src, |c| {
        sqlx::query_as::<_, (i64, String)>(
            "select id, name from person where team_id = $1 and active and id <> $2
             order by name, id limit $3",
        )
        .bind(team_id)
        .bind(except)
        .bind(limit)
        .fetch_all(&mut *c)
        .await?
    });
    Ok(rows
        .into_iter()
        .map(|(id, name)| PersonOption { id, name })
        .collect())
}

/// Active people whose name or e-mail contains `q`, by name, at most `limit`.
pub async fn search_people(
    src: impl Source<'_>,
    q: &str,
    limit: i64,
) -> Result<Vec<PersonOption>, sqlx::Error> {
    let escaped = q
        .to_lowercase()
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    let pattern = format!("%{escaped}%");
    let rows = on!(src, |c| {
        sqlx::query_as::<_, (i64, String)>(
            "select id, name from person
             where active and (lower(name) like $1 escape '\\' or email like $1 escape '\\')
             order by name, id limit $2",
        )
        .bind(&pattern)
        .bind(limit)
        .fetch_all(&mut *c)
        .await?
    });
    Ok(rows
        .into_iter()
        .map(|(id, name)| PersonOption { id, name })
        .collect())
}

/// The names of the people with these ids (unknown ids are left out), by name.
pub async fn people_named(
    db: &crate::db::Db,
    ids: &[i64],
) -> Result<Vec<PersonOption>, sqlx::Error> {
    let mut out = Vec::with_capacity(ids.len());
    on!(db, |c| {
        for id in ids.iter().take(200) {
            if let Some(name) = sqlx::query_scalar("select name from person where id = $1")
                .bind(id)
                .fetch_optional(&mut *c)
                .await?
            {
                out.push(PersonOption { id: *id, name });
            }
        }
    });
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}

/// Whether the chosen team and every chosen attendee exist (attendees must be active).
pub async fn choices_exist(
    db: &crate::db::Db,
    team_id: Option<i64>,
    attendees: &[i64],
) -> Result<(bool, bool), sqlx::Error> {
    on!(db, |c| {
        let team_ok = match team_id {
            None => true,
            Some(id) => sqlx::query_scalar::<_, i64>("select count(*) from team where id = $1")
                .bind(id)
                .fetch_one(&mut *c)
                .await?
                .eq(&1),
        };
        let mut people_ok = true;
        for id in attendees {
            let n: i64 = sqlx::query_scalar("select count(*) from person where id = $1 and active")
                .bind(id)
                .fetch_one(&mut *c)
                .await?;
            people_ok &= n == 1;
        }
        Ok((team_ok, people_ok))
    })
}

/// Every team by name, for the optional team of a meeting.
pub async fn teams(src: impl Source<'_>) -> Result<Vec<PersonOption>, sqlx::Error> {
    let rows = on!(src, |c| {
        sqlx::query_as::<_, (i64, String)>("select id, name from team order by name, id")
            .fetch_all(&mut *c)
            .await?
    });
    Ok(rows
        .into_iter()
        .map(|(id, name)| PersonOption { id, name })
        .collect())
}
