//! The audit log: one insert-only row per decision that HR must be able to account for later
//! (licence decisions, settings changes, imports, role changes, nudges). Written inside the
//! transaction of the change itself, so a change and its audit row exist together or not at all.
//! The table's triggers refuse updates and deletes.

use super::backend::on;
use super::{Dialect, Source, numbered};

/// What happened. Stored as `code()`; the audit page translates `audit-action-<code>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditAction {
    LicenceSignedOff,
    LicenceSentBack,
    LicenceCertified,
    LicenceRevoked,
    SettingsChanged,
    ImportApplied,
    RoleChanged,
    Nudge,
    InvitationSent,
    InvitationAccepted,
    PasswordResetRequested,
    PasswordResetCompleted,
    PasswordSetByAdmin,
    /// `create-admin` made or restored an administrator (break-glass).
    AdminRestored,
    /// A department or team was renamed, merged or removed.
    OrgChanged,
    /// An administrator ran the reminders by hand (licence settings page).
    RemindersRun,
    /// Frictions from the inbox became a new improvement.
    ImprovementCreated,
    /// Frictions from the inbox joined an existing improvement (duplicates merge).
    FrictionsLinked,
    /// Frictions from the inbox were closed as "geen actie".
    FrictionsClosed,
    /// An improvement moved to another status (history row beside it).
    ImprovementStatusChanged,
    /// A manager edited an improvement's title, problem, team, owner, due date or priority.
    ImprovementEdited,
    /// The improvements overview was exported as CSV.
    ImprovementsExported,
    /// Later walkers said a fixed improvement is still a problem, so it reopened itself.
    ImprovementReopened,
}

impl AuditAction {
    pub const ALL: [AuditAction; 23] = [
        AuditAction::LicenceSignedOff,
        AuditAction::LicenceSentBack,
        AuditAction::LicenceCertified,
        AuditAction::LicenceRevoked,
        AuditAction::SettingsChanged,
        AuditAction::ImportApplied,
        AuditAction::RoleChanged,
        AuditAction::Nudge,
        AuditAction::InvitationSent,
        AuditAction::InvitationAccepted,
        AuditAction::PasswordResetRequested,
        AuditAction::PasswordResetCompleted,
        AuditAction::PasswordSetByAdmin,
        AuditAction::AdminRestored,
        AuditAction::OrgChanged,
        AuditAction::RemindersRun,
        AuditAction::ImprovementCreated,
        AuditAction::FrictionsLinked,
        AuditAction::FrictionsClosed,
        AuditAction::ImprovementStatusChanged,
        AuditAction::ImprovementEdited,
        AuditAction::ImprovementsExported,
        AuditAction::ImprovementReopened,
    ];

    pub fn code(self) -> &'static str {
        match self {
            AuditAction::LicenceSignedOff => "licence_signed_off",
            AuditAction::LicenceSentBack => "licence_sent_back",
            AuditAction::LicenceCertified => "licence_certified",
            AuditAction::LicenceRevoked => "licence_revoked",
            AuditAction::SettingsChanged => "settings_changed",
            AuditAction::ImportApplied => "import_applied",
            AuditAction::RoleChanged => "role_changed",
            AuditAction::Nudge => "nudge",
            AuditAction::InvitationSent => "invitation_sent",
            AuditAction::InvitationAccepted => "invitation_accepted",
            AuditAction::PasswordResetRequested => "password_reset_requested",
            AuditAction::PasswordResetCompleted => "password_reset_completed",
            AuditAction::PasswordSetByAdmin => "password_set_by_admin",
            AuditAction::AdminRestored => "admin_restored",
            AuditAction::OrgChanged => "org_changed",
            AuditAction::RemindersRun => "reminders_run",
            AuditAction::ImprovementCreated => "improvement_created",
            AuditAction::FrictionsLinked => "frictions_linked",
            AuditAction::FrictionsClosed => "frictions_closed",
            AuditAction::ImprovementStatusChanged => "improvement_status_changed",
            AuditAction::ImprovementEdited => "improvement_edited",
            AuditAction::ImprovementsExported => "improvements_exported",
            AuditAction::ImprovementReopened => "improvement_reopened",
        }
    }
}

/// Records `action` by `actor_id` (None: the system) about `subject_person_id`, with `detail`
/// (what changed, as JSON). Call it with the transaction of the change.
pub async fn record(
    src: impl Source<'_>,
    actor_id: Option<i64>,
    action: AuditAction,
    subject_person_id: Option<i64>,
    detail: &serde_json::Value,
) -> Result<(), sqlx::Error> {
    record_at(
        src,
        super::now(),
        actor_id,
        action,
        subject_person_id,
        detail,
    )
    .await
}

/// An event that happened at `at`: the demo data's history (decisions made months ago).
pub async fn record_at(
    src: impl Source<'_>,
    at: chrono::DateTime<chrono::Utc>,
    actor_id: Option<i64>,
    action: AuditAction,
    subject_person_id: Option<i64>,
    detail: &serde_json::Value,
) -> Result<(), sqlx::Error> {
    on!(src, |c| {
        sqlx::query(
            "insert into audit_event
                 (actor_id, action, subject_person_id, detail, created_at, updated_at)
             values ($1, $2, $3, $4, $5, $5)",
        )
        .bind(actor_id)
        .bind(action.code())
        .bind(subject_person_id)
        .bind(detail.to_string())
        .bind(at)
        .execute(&mut *c)
        .await?;
    });
    Ok(())
}

// Reading the log (HR and admins): newest first, keyset on (created_at, id).

use crate::domain::audit::{AuditCursor, AuditEntry, AuditFilter, AuditPage};

#[derive(sqlx::FromRow)]
struct EntryRow {
    id: i64,
    created_at: chrono::DateTime<chrono::Utc>,
    created_at_raw: String,
    action: String,
    actor_name: Option<String>,
    subject_name: Option<String>,
    detail: String,
}

impl From<EntryRow> for AuditEntry {
    fn from(r: EntryRow) -> AuditEntry {
        AuditEntry {
            id: r.id,
            created_at: r.created_at,
            action: r.action,
            actor_name: r.actor_name,
            subject_name: r.subject_name,
            detail: r.detail,
        }
    }
}

/// The events and their names, `raw` giving `created_at_raw` (see [`cursor_sql`]).
fn entry_select(raw: &str) -> String {
    format!(
        "select e.id, e.created_at, {raw} as created_at_raw, e.action,
            a.name as actor_name, s.name as subject_name, e.detail
         from audit_event e
         left join person a on a.id = e.actor_id
         left join person s on s.id = e.subject_person_id
         where (? is null or e.action = ?)
           and (? = '' or lower(a.name) like ? or a.email like ?)
           and (? = '' or lower(s.name) like ? or s.email like ?)
           and (? is null or e.created_at >= ?)
           and (? is null or e.created_at < ?)"
    )
}

macro_rules! bind_filter {
    ($q:expr, $f:expr, $actor:expr, $subject:expr) => {
        $q.bind(&$f.action)
            .bind(&$f.action)
            .bind(&$f.actor)
            .bind($actor)
            .bind($actor)
            .bind(&$f.subject)
            .bind($subject)
            .bind($subject)
            .bind($f.from_instant())
            .bind($f.from_instant())
            .bind($f.until_instant())
            .bind($f.until_instant())
    };
}

fn like(text: &str) -> String {
    format!("%{}%", text.trim().to_lowercase().replace(['%', '_'], ""))
}

/// `created_at` as the cursor carries it: as SQLite stores it, and on PostgreSQL as RFC 3339 text
/// in UTC to the microsecond (all `timestamptz` keeps), read back with a cast.
fn cursor_sql(d: Dialect) -> (&'static str, &'static str) {
    match d {
        Dialect::Sqlite => ("e.created_at", "?"),
        Dialect::Postgres => (
            "to_char(e.created_at at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')",
            "cast(? as timestamptz)",
        ),
    }
}

/// One page of at most `limit` events matching `filter`, older than `after` when given.
pub async fn list(
    db: &super::Db,
    filter: &AuditFilter,
    after: Option<&AuditCursor>,
    limit: i64,
) -> Result<AuditPage, sqlx::Error> {
    let (actor, subject) = (like(&filter.actor), like(&filter.subject));
    let cursor_at = after.map(|c| c.created_at.as_str());
    let mut rows = on!(db, |c, d| {
        let (raw, at) = cursor_sql(d);
        let sql = format!(
            "{}
               and (? is null or e.created_at < {at} or (e.created_at = {at} and e.id < ?))
             order by e.created_at desc, e.id desc limit ?",
            entry_select(raw)
        );
        bind_filter!(
            sqlx::query_as::<_, EntryRow>(&numbered(&sql)),
            filter,
            &actor,
            &subject
        )
        .bind(cursor_at)
        .bind(cursor_at)
        .bind(cursor_at)
        .bind(after.map(|c| c.id))
        .bind(limit + 1)
        .fetch_all(&mut *c)
        .await?
    });
    let more = rows.len() as i64 > limit;
    rows.truncate(usize::try_from(limit).unwrap_or_default());
    let next = rows.last().filter(|_| more).map(|r| AuditCursor {
        created_at: r.created_at_raw.clone(),
        id: r.id,
    });
    Ok(AuditPage {
        entries: rows.into_iter().map(AuditEntry::from).collect(),
        next,
    })
}

/// Every event matching `filter`, newest first (the CSV export).
pub async fn export(db: &super::Db, filter: &AuditFilter) -> Result<Vec<AuditEntry>, sqlx::Error> {
    let (actor, subject) = (like(&filter.actor), like(&filter.subject));
    let rows = on!(db, |c, d| {
        let sql = format!(
            "{} order by e.created_at desc, e.id desc",
            entry_select(cursor_sql(d).0)
        );
        bind_filter!(
            sqlx::query_as::<_, EntryRow>(&numbered(&sql)),
            filter,
            &actor,
            &subject
        )
        .fetch_all(&mut *c)
        .await?
    });
    Ok(rows.into_iter().map(AuditEntry::from).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The audit page filters and labels by `domain::audit::ACTIONS`: every action written is
    /// there, and has a label in both languages.
    #[test]
    fn every_action_is_listed_and_labelled() {
        use crate::domain::Locale;
        use crate::domain::audit::{ACTIONS, action_key};
        use crate::i18n::I18n;
        assert_eq!(AuditAction::ALL.len(), ACTIONS.len());
        for action in AuditAction::ALL {
            assert!(ACTIONS.contains(&action.code()), "{}", action.code());
            for locale in [Locale::Nl, Locale::En] {
                let key = action_key(action.code());
                assert_ne!(I18n::new(locale).t(&key), key, "{key} in {locale:?}");
            }
        }
    }
}
