//! The in-app notifications: written inside the transaction of what caused them (a comment, a
//! recognition, a review), read and marked read by the person they are for.

use sqlx::SqliteExecutor;

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
    db: impl SqliteExecutor<'_>,
    person_id: i64,
    kind: NotificationKind,
    presentation_id: Option<i64>,
    actor_id: Option<i64>,
) -> Result<(), sqlx::Error> {
    if actor_id == Some(person_id) {
        return Ok(());
    }
    let now = super::now();
    sqlx::query(
        "insert into notification (person_id, kind, presentation_id, actor_id, created_at, updated_at)
         values (?, ?, ?, ?, ?, ?)",
    )
    .bind(person_id)
    .bind(kind.code())
    .bind(presentation_id)
    .bind(actor_id)
    .bind(now)
    .bind(now)
    .execute(db)
    .await
    .map(|_| ())
}
