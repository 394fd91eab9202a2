//! Licences in the database: the organisation's settings, a person's current period and history,
//! issuing and revoking (`issue`), and the lists reviewers and the verification page read
//! (`read`). Periods and decisions are only ever inserted.

mod issue;
mod read;

pub use issue::*;
pub use read::*;

use super::backend::on;
use super::{Source, begin};
use crate::domain::licence::{Current, ExpiryAnchor, LicenceSettings, amsterdam_date};
use chrono::{DateTime, NaiveDate, Utc};

#[derive(sqlx::FromRow)]
struct SettingsRow {
    validity_months: i64,
    anchor: String,
    fixed_month: Option<i64>,
    fixed_day: Option<i64>,
    min_validity_days: i64,
    window_days: i64,
    grace_days: i64,
    grace_counts_as_covered: bool,
    reminder_days: String,
    expired_every_days: i64,
    manager_cc_days: i64,
}

fn small(n: i64) -> u32 {
    u32::try_from(n).unwrap_or(0)
}

/// The organisation's licence rules (the migration inserts the one row).
pub async fn settings(src: impl Source<'_>) -> Result<LicenceSettings, sqlx::Error> {
    let row = on!(src, |c| {
        sqlx::query_as::<_, SettingsRow>(
            "select validity_months, anchor, fixed_month, fixed_day, min_validity_days, window_days,
                    grace_days, grace_counts_as_covered, reminder_days, expired_every_days,
                    manager_cc_days
             from licence_setting where id = 1",
        )
        .fetch_one(&mut *c)
        .await?
    });
    let anchor = match (row.anchor.as_str(), row.fixed_month, row.fixed_day) {
        ("fixed_date", Some(month), Some(day)) => ExpiryAnchor::FixedDate {
            month: small(month),
            day: small(day),
        },
        ("sign_off", _, _) => ExpiryAnchor::SignOff,
        _ => ExpiryAnchor::PreviousExpiry,
    };
    Ok(LicenceSettings {
        validity_months: small(row.validity_months),
        anchor,
        min_validity_days: small(row.min_validity_days),
        window_days: small(row.window_days),
        grace_days: small(row.grace_days),
        grace_counts_as_covered: row.grace_counts_as_covered,
        reminder_days: crate::domain::licence::reminder::parse_offsets(&row.reminder_days)
            .unwrap_or_default(),
        expired_every_days: small(row.expired_every_days),
        manager_cc_days: small(row.manager_cc_days),
    })
}

/// A person's latest period: the one that says where they stand.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CurrentRow {
    pub id: i64,
    pub valid_from: NaiveDate,
    pub valid_through: NaiveDate,
    pub revoked: bool,
}

impl CurrentRow {
    pub fn current(&self) -> Current {
        Current {
            valid_from: self.valid_from,
            valid_through: self.valid_through,
            revoked: self.revoked,
        }
    }
}

/// SQL for "is this period revoked", with `lp` the period.
pub(crate) const REVOKED: &str = "exists (select 1 from licence_decision rd
    where rd.period_id = lp.id and rd.decision = 'revoked')";

pub async fn current(
    src: impl Source<'_>,
    person_id: i64,
) -> Result<Option<CurrentRow>, sqlx::Error> {
    let sql = format!(
        "select lp.id, lp.valid_from, lp.valid_through, {REVOKED} as revoked
         from licence_period lp where lp.person_id = $1 order by lp.id desc limit 1"
    );
    Ok(on!(src, |c| {
        sqlx::query_as::<_, CurrentRow>(&sql)
            .bind(person_id)
            .fetch_optional(&mut *c)
            .await?
    }))
}

/// Midnight in Amsterdam at the start of `day`, as the instant stored timestamps compare with.
pub fn start_of_day(day: NaiveDate) -> DateTime<Utc> {
    use chrono::TimeZone;
    chrono_tz::Europe::Amsterdam
        .from_local_datetime(&day.and_time(chrono::NaiveTime::MIN))
        .earliest()
        .map(|t| t.with_timezone(&Utc))
        // Midnight never falls in Amsterdam's DST gap (02:00-03:00), so this is only a fallback.
        .unwrap_or_else(|| day.and_time(chrono::NaiveTime::MIN).and_utc())
}

/// Today's date in Amsterdam.
pub fn today() -> NaiveDate {
    amsterdam_date(super::now())
}

/// When the settings were last changed and by whom (None: never since installation).
pub async fn settings_changed(
    src: impl Source<'_>,
) -> Result<(Option<DateTime<Utc>>, Option<String>), sqlx::Error> {
    let row: Option<(DateTime<Utc>, Option<String>)> = on!(src, |c| {
        sqlx::query_as(
            "select s.updated_at, p.name from licence_setting s
             left join person p on p.id = s.updated_by
             where s.id = 1 and s.updated_by is not null",
        )
        .fetch_optional(&mut *c)
        .await?
    });
    Ok(match row {
        Some((at, by)) => (Some(at), by),
        None => (None, None),
    })
}

/// Replaces the settings (HR or admin, checked inside the update) and records what changed.
/// Periods already issued keep their dates: they are stored, not computed from the settings.
pub async fn save_settings(
    db: &super::Db,
    actor_id: i64,
    new: &LicenceSettings,
) -> Result<(), super::WriteError> {
    let (anchor, month, day) = match new.anchor {
        ExpiryAnchor::FixedDate { month, day } => ("fixed_date", Some(month), Some(day)),
        other => (other.code(), None, None),
    };
    let reminders = new
        .reminder_days
        .iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(",");
    let now = super::now();
    let mut tx = begin(db).await?;
    on!(&mut tx, |c| {
        let old = settings(&mut *c).await?;
        let done = sqlx::query(
            "update licence_setting set validity_months = $1, anchor = $2, fixed_month = $3,
                    fixed_day = $4, min_validity_days = $5, window_days = $6, grace_days = $7,
                    grace_counts_as_covered = $8, reminder_days = $9, expired_every_days = $10,
                    manager_cc_days = $11, updated_by = $12, updated_at = $13
             where id = 1 and exists (select 1 from person_role r
                                      where r.person_id = $12 and r.role in ('hr', 'admin'))",
        )
        .bind(i64::from(new.validity_months))
        .bind(anchor)
        .bind(month.map(i64::from))
        .bind(day.map(i64::from))
        .bind(i64::from(new.min_validity_days))
        .bind(i64::from(new.window_days))
        .bind(i64::from(new.grace_days))
        .bind(new.grace_counts_as_covered)
        .bind(&reminders)
        .bind(i64::from(new.expired_every_days))
        .bind(i64::from(new.manager_cc_days))
        .bind(actor_id)
        .bind(now)
        .execute(&mut *c)
        .await?
        .rows_affected();
        if done != 1 {
            return Err(super::WriteError::NotFound);
        }
        let detail = serde_json::json!({ "before": old, "after": new });
        super::audit::record(
            &mut *c,
            Some(actor_id),
            super::audit::AuditAction::SettingsChanged,
            None,
            &detail,
        )
        .await?;
    });
    tx.commit().await?;
    Ok(())
}

/// A period exactly as given, without the rules or a decider check: for the demo and scale
/// data, which set dates in the past. Returns its id. Real decisions go through `issue`.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn insert_period_row(
    src: impl Source<'_>,
    person_id: i64,
    valid_from: NaiveDate,
    valid_through: NaiveDate,
    source: &str,
    walkthrough_id: Option<i64>,
    issued_by: i64,
    at: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    let code = crate::domain::licence::encode_code(rand::random::<[u8; 10]>());
    Ok(on!(src, |c| {
        sqlx::query_scalar(
            "insert into licence_period (person_id, valid_from, valid_through, source,
                    walkthrough_id, issued_by, verification_code, created_at, updated_at)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $8) returning id",
        )
        .bind(person_id)
        .bind(valid_from)
        .bind(valid_through)
        .bind(source)
        .bind(walkthrough_id)
        .bind(issued_by)
        .bind(&code)
        .bind(at)
        .fetch_one(&mut *c)
        .await?
    }))
}

/// A decision row as given (demo and scale data; see [`insert_period_row`]).
pub(crate) async fn insert_decision_row(
    src: impl Source<'_>,
    person_id: i64,
    period_id: i64,
    decision: &str,
    decided_by: i64,
    comment: &str,
    at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    on!(src, |c| {
        sqlx::query(
            "insert into licence_decision (person_id, period_id, decision, decided_by, comment,
                    created_at, updated_at)
             values ($1, $2, $3, $4, $5, $6, $6)",
        )
        .bind(person_id)
        .bind(period_id)
        .bind(decision)
        .bind(decided_by)
        .bind(comment)
        .bind(at)
        .execute(&mut *c)
        .await?;
    });
    Ok(())
}
