//! The in-app notifications: written inside the transaction of what caused them (a comment, a
//! recognition, a review), read and marked read by the person they are for.

use super::Source;
use super::backend::on;

/// What a notification is about. Stored as `code()`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotificationKind {
    Comment,
    Recognition,
    Confirmed,
    SentBack,
    /// A meeting was recorded: the reviewer is asked to confirm it.
    Meeting,
}

impl NotificationKind {
    pub fn code(self) -> &'static str {
        match self {
            NotificationKind::Comment => "comment",
            NotificationKind::Recognition => "recognition",
            NotificationKind::Confirmed => "confirmed",
            NotificationKind::SentBack => "sent_back",
            NotificationKind::Meeting => "meeting",
        }
    }
}

/// Tells `person_id` about `kind` on `presentation_id`, caused by `actor_id`. Nobody is told about
/// their own action.
pub async fn notify(
    src: impl Source<'_>,
    person_id: i64,
    kind: NotificationKind,
    presentation_id: Option<i64>,
    actor_id: Option<i64>,
) -> Result<(), sqlx::Error> {
    if actor_id == Some(person_id) {
        return Ok(());
    }
    let now = super::now();
    on!(src, |c| {
        sqlx::query(
            "insert into notification
                 (person_id, kind, presentation_id, actor_id, created_at, updated_at)
             values ($1, $2, $3, $4, $5, $5)",
        )
        .bind(person_id)
        .bind(kind.code())
        .bind(presentation_id)
        .bind(actor_id)
        .bind(now)
        .execute(&mut *c)
        .await?;
    });
    Ok(())
}

/// What an improvement notification is about. Stored as `code()`; the kinds are in the
/// notification table's check constraint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImprovementNews {
    /// A reporter's friction became (part of) an improvement.
    Created,
    /// Reporters and recognisers: it is fixed.
    Fixed,
    /// Reporters and recognisers: it will not be fixed (the reason is on its page).
    WontFix,
    /// The owner: later walkers said it is still a problem, so it is in progress again.
    Reopened,
    /// The owner and the owning team's leads: past its due date.
    Overdue,
    /// The owner and the owning team's leads: untouched for too long.
    Stale,
    /// A reporter: their friction was closed as "geen actie" (the reason is on their walkthrough).
    NoAction,
}

impl ImprovementNews {
    pub fn code(self) -> &'static str {
        match self {
            ImprovementNews::Created => "improvement_created",
            ImprovementNews::Fixed => "improvement_fixed",
            ImprovementNews::WontFix => "improvement_wont_fix",
            ImprovementNews::Reopened => "improvement_reopened",
            ImprovementNews::Overdue => "improvement_overdue",
            ImprovementNews::Stale => "improvement_stale",
            ImprovementNews::NoAction => "friction_no_action",
        }
    }
}

/// Tells `person_id` about an improvement (or, for `NoAction`, their triaged friction), caused by
/// `actor_id` (None: the app itself). Nobody is told about their own action. Written inside the
/// transaction of what caused it.
pub async fn notify_improvement(
    src: impl Source<'_>,
    person_id: i64,
    news: ImprovementNews,
    improvement_id: Option<i64>,
    friction_id: Option<i64>,
    actor_id: Option<i64>,
) -> Result<(), sqlx::Error> {
    if actor_id == Some(person_id) {
        return Ok(());
    }
    let now = super::now();
    on!(src, |c| {
        sqlx::query(
            "insert into notification
                 (person_id, kind, improvement_id, friction_id, actor_id, created_at, updated_at)
             values ($1, $2, $3, $4, $5, $6, $6)",
        )
        .bind(person_id)
        .bind(news.code())
        .bind(improvement_id)
        .bind(friction_id)
        .bind(actor_id)
        .bind(now)
        .execute(&mut *c)
        .await?;
    });
    Ok(())
}

/// How many unread notifications `person_id` has: one count on `notification_person_idx`, cheap
/// enough to run for every page's bell.
pub async fn unread_count(src: impl Source<'_>, person_id: i64) -> Result<i64, sqlx::Error> {
    Ok(on!(src, |c| {
        sqlx::query_scalar::<_, i64>(
            "select count(*) from notification where person_id = $1 and read_at is null",
        )
        .bind(person_id)
        .fetch_one(&mut *c)
        .await?
    }))
}

type ItemRow = (
    i64,
    String,
    Option<i64>,
    Option<String>,
    Option<String>,
    Option<String>,
    bool,
    chrono::DateTime<chrono::Utc>,
    String,
    Option<chrono::NaiveDate>,
    Option<i64>,
    Option<i64>,
);

/// One page of `person_id`'s notifications, newest first, older than `before` (an id) when
/// given; at most `limit`. The names, titles (presentation, improvement, or the friction closed
/// without action), the send-back comment and the friction's walkthrough come along by join.
pub async fn list(
    src: impl Source<'_>,
    person_id: i64,
    before: Option<i64>,
    limit: i64,
) -> Result<Vec<crate::domain::notification::NotificationItem>, sqlx::Error> {
    let rows = on!(src, |c| {
        sqlx::query_as::<_, ItemRow>(
            "select n.id, n.kind, n.presentation_id, coalesce(pr.title, im.title, f.title), a.name,
                case when n.kind = 'sent_back' then
                    (select r.comment from presentation_review r
                     where r.presentation_id = n.presentation_id and r.decision = 'sent_back'
                       and r.created_at <= n.created_at
                     order by r.id desc limit 1)
                end,
                n.read_at is not null, n.created_at, n.detail, lp.valid_through,
                n.improvement_id, f.walkthrough_id
         from notification n
         left join presentation pr on pr.id = n.presentation_id
         left join licence_period lp on lp.id = n.licence_period_id
         left join improvement im on im.id = n.improvement_id
         left join friction f on f.id = n.friction_id and n.improvement_id is null
         left join person a on a.id = n.actor_id
         where n.person_id = $1 and ($2 is null or n.id < $2)
         order by n.id desc limit $3",
        )
        .bind(person_id)
        .bind(before)
        .bind(limit)
        .fetch_all(&mut *c)
        .await?
    });
    Ok(rows
        .into_iter()
        .map(
            |(
                id,
                kind,
                presentation_id,
                title,
                actor,
                comment,
                read,
                at,
                detail,
                valid_through,
                improvement_id,
                walkthrough_id,
            )| {
                crate::domain::notification::NotificationItem {
                    id,
                    kind,
                    presentation_id,
                    title: title.unwrap_or_default(),
                    actor_name: actor.unwrap_or_default(),
                    comment: comment.unwrap_or_default(),
                    read,
                    at,
                    detail,
                    valid_through,
                    improvement_id,
                    walkthrough_id,
                }
            },
        )
        .collect())
}

/// Marks one notification read, only if it is `person_id`'s own (checked inside the update).
/// `false` when no such notification of theirs exists.
pub async fn mark_read(db: &super::Db, person_id: i64, id: i64) -> Result<bool, sqlx::Error> {
    let now = super::now();
    let done = on!(db, |c| {
        sqlx::query(
            "update notification set read_at = coalesce(read_at, $1), updated_at = $1
             where id = $2 and person_id = $3",
        )
        .bind(now)
        .bind(id)
        .bind(person_id)
        .execute(&mut *c)
        .await?
        .rows_affected()
    });
    Ok(done == 1)
}

/// Marks all of `person_id`'s unread notifications read; returns how many.
pub async fn mark_all_read(db: &super::Db, person_id: i64) -> Result<u64, sqlx::Error> {
    let now = super::now();
    Ok(on!(db, |c| {
        sqlx::query(
            "update notification set read_at = $1, updated_at = $1
             where person_id = $2 and read_at is null",
        )
        .bind(now)
        .bind(person_id)
        .execute(&mut *c)
        .await?
        .rows_affected()
    }))
}
