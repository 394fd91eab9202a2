//! The audit log as HR reads it: the filter (action, actor, subject, date range) taken from the
//! URL, the keyset cursor for older pages, and one event as shown. Wasm-safe.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use chrono_tz::Europe::Amsterdam;
use serde::{Deserialize, Serialize};

/// Every action code the app records (`db::audit::AuditAction::code`); the filter accepts only these.
pub const ACTIONS: [&str; 23] = [
    "licence_signed_off",
    "licence_sent_back",
    "licence_certified",
    "licence_revoked",
    "settings_changed",
    "import_applied",
    "role_changed",
    "nudge",
    "invitation_sent",
    "invitation_accepted",
    "password_reset_requested",
    "password_reset_completed",
    "password_set_by_admin",
    "admin_restored",
    "org_changed",
    "reminders_run",
    "improvement_created",
    "frictions_linked",
    "frictions_closed",
    "improvement_status_changed",
    "improvement_edited",
    "improvements_exported",
    "improvement_reopened",
];

/// The translation key of an action code (`audit-action-role_changed`).
pub fn action_key(code: &str) -> String {
    format!("audit-action-{code}")
}

/// What the audit list shows; every field optional. Dates are calendar days in Europe/Amsterdam,
/// `to` inclusive.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AuditFilter {
    pub action: Option<String>,
    /// Text in the actor's name or e-mail.
    pub actor: String,
    /// Text in the subject's name or e-mail.
    pub subject: String,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

impl AuditFilter {
    /// From the GET form's fields; what is not understood is ignored.
    pub fn parse(action: &str, actor: &str, subject: &str, from: &str, to: &str) -> AuditFilter {
        let date = |raw: &str| NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d").ok();
        AuditFilter {
            action: ACTIONS
                .iter()
                .find(|a| **a == action.trim())
                .map(|a| (*a).to_owned()),
            actor: actor.trim().chars().take(100).collect(),
            subject: subject.trim().chars().take(100).collect(),
            from: date(from),
            to: date(to),
        }
    }

    /// The first instant (UTC) the range includes: midnight in Amsterdam of `from`.
    pub fn from_instant(&self) -> Option<DateTime<Utc>> {
        self.from.and_then(local_midnight)
    }

    /// The first instant after the range: midnight in Amsterdam of the day after `to`.
    pub fn until_instant(&self) -> Option<DateTime<Utc>> {
        self.to.and_then(|d| d.succ_opt()).and_then(local_midnight)
    }

    /// The filter's form fields, for links to other pages and the export.
    pub fn pairs(&self) -> Vec<(&'static str, String)> {
        let day = |d: Option<NaiveDate>| d.map(|d| d.format("%Y-%m-%d").to_string());
        vec![
            ("action", self.action.clone().unwrap_or_default()),
            ("actor", self.actor.clone()),
            ("subject", self.subject.clone()),
            ("from", day(self.from).unwrap_or_default()),
            ("to", day(self.to).unwrap_or_default()),
        ]
    }
}

fn local_midnight(day: NaiveDate) -> Option<DateTime<Utc>> {
    let midnight = day.and_hms_opt(0, 0, 0)?;
    Amsterdam
        .from_local_datetime(&midnight)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
}

/// Where an older page starts: after the event with this `created_at` (as stored) and id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditCursor {
    pub created_at: String,
    pub id: i64,
}

impl AuditCursor {
    pub fn encode(&self) -> String {
        format!("{}_{}", self.id, self.created_at)
    }

    pub fn decode(raw: &str) -> Option<AuditCursor> {
        let (id, created_at) = raw.split_once('_')?;
        let id = id.parse::<i64>().ok()?;
        (!created_at.is_empty() && created_at.len() <= 64).then(|| AuditCursor {
            created_at: created_at.to_owned(),
            id,
        })
    }
}

/// One event as the audit page shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub id: i64,
    pub created_at: DateTime<Utc>,
    pub action: String,
    pub actor_name: Option<String>,
    pub subject_name: Option<String>,
    /// The detail JSON as stored.
    pub detail: String,
}

/// One page of the audit log, newest first; `next` continues with older events.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditPage {
    pub entries: Vec<AuditEntry>,
    pub next: Option<AuditCursor>,
}

/// The detail fields the app writes; each has a label `audit-key-<field>` (others show as stored).
pub const DETAIL_FIELDS: [&str; 40] = [
    "period_id",
    "valid_from",
    "valid_through",
    "walkthrough_id",
    "reason",
    "comment",
    "before",
    "after",
    "file",
    "full_export",
    "rows",
    "created",
    "updated",
    "deactivated",
    "departments_created",
    "teams_created",
    "count",
    "filter",
    "valid_until",
    "resent",
    "with_reminder",
    "temporary",
    "managers_review",
    "roles_changed",
    "kept",
    "kind",
    "name",
    "into",
    "moved",
    "claimed",
    "sent",
    "failed",
    "superseded",
    "first_licence",
    "improvement",
    "title",
    "frictions",
    "gap",
    "improvement_id",
    "changed",
];

/// The translation key of a detail field's label, if the app knows the field.
pub fn detail_label_key(field: &str) -> Option<String> {
    DETAIL_FIELDS
        .contains(&field)
        .then(|| format!("audit-key-{field}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filter_ignores_what_it_does_not_understand() {
        let f = AuditFilter::parse("role_changed", " Sanne ", "", "2026-12-01", "gisteren");
        assert_eq!(f.action.as_deref(), Some("role_changed"));
        assert_eq!(f.actor, "Sanne");
        assert_eq!(f.to, None);
        assert_eq!(
            AuditFilter::parse("drop table", "", "", "", "").action,
            None
        );
    }

    #[test]
    fn date_range_is_whole_days_in_amsterdam() {
        let f = AuditFilter::parse("", "", "", "2026-07-01", "2026-07-01");
        // Summer time: midnight in Amsterdam is 22:00 UTC the day before.
        assert_eq!(
            f.from_instant().map(|t| t.to_rfc3339()),
            Some("2026-06-30T22:00:00+00:00".to_owned())
        );
        assert_eq!(
            f.until_instant().map(|t| t.to_rfc3339()),
            Some("2026-07-01T22:00:00+00:00".to_owned())
        );
    }

    #[test]
    fn cursor_round_trips() {
        let c = AuditCursor {
            created_at: "2026-12-02T10:00:00.123+00:00".to_owned(),
            id: 42,
        };
        assert_eq!(AuditCursor::decode(&c.encode()), Some(c));
        assert_eq!(AuditCursor::decode("x_y"), None);
        assert_eq!(AuditCursor::decode("12"), None);
    }
}
