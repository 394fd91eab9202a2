//! The audit log: one insert-only row per decision that HR must be able to account for later
//! (licence decisions, settings changes, imports, role changes, nudges). Written inside the
//! transaction of the change itself, so a change and its audit row exist together or not at all.
//! The table's triggers refuse updates and deletes.

use sqlx::SqliteExecutor;

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
}

impl AuditAction {
    pub const ALL: [AuditAction; 8] = [
        AuditAction::LicenceSignedOff,
        AuditAction::LicenceSentBack,
        AuditAction::LicenceCertified,
        AuditAction::LicenceRevoked,
        AuditAction::SettingsChanged,
        AuditAction::ImportApplied,
        AuditAction::RoleChanged,
        AuditAction::Nudge,
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
        }
    }
}

/// Records `action` by `actor_id` (None: the system) about `subject_person_id`, with `detail`
/// (what changed, as JSON). Call it with the transaction of the change.
pub async fn record(
    db: impl SqliteExecutor<'_>,
    actor_id: Option<i64>,
    action: AuditAction,
    subject_person_id: Option<i64>,
    detail: &serde_json::Value,
) -> Result<(), sqlx::Error> {
    let now = super::now();
    sqlx::query(
        "insert into audit_event (actor_id, action, subject_person_id, detail, created_at, updated_at)
         values (?, ?, ?, ?, ?, ?)",
    )
    .bind(actor_id)
    .bind(action.code())
    .bind(subject_person_id)
    .bind(detail.to_string())
    .bind(now)
    .bind(now)
    .execute(db)
    .await
    .map(|_| ())
}
