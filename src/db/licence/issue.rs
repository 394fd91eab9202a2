//! Licence decisions: a reviewer signs off or sends back; HR or an admin certifies manually or
//! revokes. Each runs in one write transaction (`db::begin`) that re-reads what it decides on, and
//! repeats who may decide inside the statement that writes the period or decision, so a manager
//! changed or a role removed a moment earlier cannot be outrun. Each writes the decision row, a
//! notification for the person and an audit event, all or nothing.

use super::read::eligible_walkthrough;
use super::{current, settings};
use crate::db::audit::{AuditAction, record};
use crate::db::backend::on;
use crate::db::{Db, Source, WriteError, begin, numbered};
use crate::domain::Refusal;
use crate::domain::licence::{
    Certify, NewPeriod, amsterdam_date, encode_code, next_period, period_from,
};
use chrono::{DateTime, NaiveDate, Utc};
use serde_json::json;

/// Who decides, as the SQL condition repeated inside each write.
#[derive(Debug, Clone, Copy)]
enum Authority {
    /// The person's manager, and the person is active.
    Manager { reviewer_id: i64 },
    /// Someone with the HR or admin role, and the person is active.
    HrOrAdmin { actor_id: i64 },
}

impl Authority {
    fn actor(self) -> i64 {
        match self {
            Authority::Manager { reviewer_id } => reviewer_id,
            Authority::HrOrAdmin { actor_id } => actor_id,
        }
    }

    /// The condition, binding the person and then the actor.
    fn condition(self) -> &'static str {
        match self {
            Authority::Manager { .. } => {
                "exists (select 1 from person p where p.id = ? and p.active and p.manager_id = ?)"
            }
            Authority::HrOrAdmin { .. } => {
                "exists (select 1 from person p where p.id = ? and p.active
                    and exists (select 1 from person_role r where r.person_id = ? and r.role in ('hr', 'admin')))"
            }
        }
    }

    async fn holds(self, src: impl Source<'_>, person_id: i64) -> Result<bool, sqlx::Error> {
        let sql = format!("select {}", self.condition());
        Ok(on!(src, |c| {
            sqlx::query_scalar::<_, bool>(&numbered(&sql))
                .bind(person_id)
                .bind(self.actor())
                .fetch_one(&mut *c)
                .await?
        }))
    }
}

/// The reviewer signs `person_id`'s licence off on the day of `now`: a new period from the
/// walkthrough and confirmed presentation of this cycle.
pub async fn sign_off(
    db: &Db,
    reviewer_id: i64,
    person_id: i64,
    now: DateTime<Utc>,
) -> Result<i64, WriteError> {
    let who = Authority::Manager { reviewer_id };
    let mut tx = begin(db).await?;
    let period_id = on!(&mut tx, |c| {
        if !who.holds(&mut *c, person_id).await? {
            return Err(WriteError::NotFound);
        }
        let settings = settings(&mut *c).await?;
        let current = current(&mut *c, person_id).await?.map(|p| p.current());
        let Some(walk) = eligible_walkthrough(&mut *c, person_id, current, &settings).await? else {
            return Err(WriteError::Refused(Refusal::LicenceNotReady));
        };
        let period = next_period(&settings, current, amsterdam_date(now))
            .map_err(|_| WriteError::Refused(Refusal::LicenceWindowNotOpen))?;
        let period_id =
            insert_period(&mut *c, who, person_id, period, "sign_off", Some(walk), now).await?;
        let decision_id = insert_decision(
            &mut *c,
            who,
            person_id,
            Some(period_id),
            "signed_off",
            "",
            now,
        )
        .await?;
        notify(
            &mut *c,
            person_id,
            "licence_signed",
            decision_id,
            Some(period_id),
            who.actor(),
        )
        .await?;
        let detail = signed_off_detail(period_id, period.valid_from, period.valid_through, walk);
        record(
            &mut *c,
            Some(reviewer_id),
            AuditAction::LicenceSignedOff,
            Some(person_id),
            &detail,
        )
        .await?;
        period_id
    });
    tx.commit().await?;
    Ok(period_id)
}

/// The reviewer sends the renewal back with `comment` (already checked): no period, the person
/// is told why.
pub async fn send_back(
    db: &Db,
    reviewer_id: i64,
    person_id: i64,
    comment: &str,
    now: DateTime<Utc>,
) -> Result<i64, WriteError> {
    let who = Authority::Manager { reviewer_id };
    let mut tx = begin(db).await?;
    let decision_id = on!(&mut tx, |c| {
        let decision_id =
            insert_decision(&mut *c, who, person_id, None, "sent_back", comment, now).await?;
        notify(
            &mut *c,
            person_id,
            "licence_sent_back",
            decision_id,
            None,
            reviewer_id,
        )
        .await?;
        record(
            &mut *c,
            Some(reviewer_id),
            AuditAction::LicenceSentBack,
            Some(person_id),
            &json!({ "comment": comment }),
        )
        .await?;
        decision_id
    });
    tx.commit().await?;
    Ok(decision_id)
}

/// HR or an admin certifies `person_id` without a sign-off, with a reason. Without a start date
/// the normal rules apply from today (including the renewal window); with one (moved over from
/// an older register) the person must not hold a valid licence.
pub async fn certify(
    db: &Db,
    actor_id: i64,
    person_id: i64,
    input: &Certify,
    now: DateTime<Utc>,
) -> Result<i64, WriteError> {
    let who = Authority::HrOrAdmin { actor_id };
    let mut tx = begin(db).await?;
    let period_id = on!(&mut tx, |c| {
        if !who.holds(&mut *c, person_id).await? {
            return Err(WriteError::NotFound);
        }
        let settings = settings(&mut *c).await?;
        let today = amsterdam_date(now);
        let current = current(&mut *c, person_id).await?.map(|p| p.current());
        let period = match input.valid_from {
            None => next_period(&settings, current, today)
                .map_err(|_| WriteError::Refused(Refusal::LicenceWindowNotOpen))?,
            Some(start) => {
                // Moved over from an older register, possibly long expired: it may not overlap
                // a period the person already holds.
                let period = period_from(&settings, start);
                if overlapping(&mut *c, person_id, period).await? {
                    return Err(WriteError::Refused(Refusal::LicenceStillValid));
                }
                period
            }
        };
        certify_period(
            &mut *c,
            actor_id,
            person_id,
            period,
            &input.reason,
            now,
            true,
        )
        .await?
    });
    tx.commit().await?;
    Ok(period_id)
}

/// Whether `period` overlaps one of the person's periods that was not revoked.
pub(crate) async fn overlapping(
    src: impl Source<'_>,
    person_id: i64,
    period: NewPeriod,
) -> Result<bool, sqlx::Error> {
    Ok(on!(src, |c| {
        sqlx::query_scalar::<_, bool>(
            "select exists (select 1 from licence_period p
                            where p.person_id = $1 and p.valid_from <= $2 and $3 <= p.valid_through
                              and not exists (select 1 from licence_decision d
                                              where d.period_id = p.id and d.decision = 'revoked'))",
        )
        .bind(person_id)
        .bind(period.valid_through)
        .bind(period.valid_from)
        .fetch_one(&mut *c)
        .await?
    }))
}

/// Writes a manual certification of `period` in `src` (a transaction): the period, the
/// decision, (with `tell`) the person's notification and the audit event, each repeating that
/// the actor is HR or an admin and the person active. The one path every manual certification
/// takes, so the bulk import of an old register writes the same rows as the form.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn certify_period(
    src: impl Source<'_>,
    actor_id: i64,
    person_id: i64,
    period: NewPeriod,
    reason: &str,
    now: DateTime<Utc>,
    tell: bool,
) -> Result<i64, WriteError> {
    let who = Authority::HrOrAdmin { actor_id };
    Ok(on!(src, |c| {
        let period_id = insert_period(&mut *c, who, person_id, period, "manual", None, now).await?;
        let decision_id = insert_decision(
            &mut *c,
            who,
            person_id,
            Some(period_id),
            "certified",
            reason,
            now,
        )
        .await?;
        if tell {
            notify(
                &mut *c,
                person_id,
                "licence_certified",
                decision_id,
                Some(period_id),
                actor_id,
            )
            .await?;
        }
        let detail = certified_detail(period_id, period.valid_from, period.valid_through, reason);
        record(
            &mut *c,
            Some(actor_id),
            AuditAction::LicenceCertified,
            Some(person_id),
            &detail,
        )
        .await?;
        period_id
    }))
}

/// HR or an admin revokes `person_id`'s current period with a reason (already checked).
pub async fn revoke(
    db: &Db,
    actor_id: i64,
    person_id: i64,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<i64, WriteError> {
    let who = Authority::HrOrAdmin { actor_id };
    let mut tx = begin(db).await?;
    let decision_id = on!(&mut tx, |c| {
        if !who.holds(&mut *c, person_id).await? {
            return Err(WriteError::NotFound);
        }
        let Some(current) = current(&mut *c, person_id).await? else {
            return Err(WriteError::Refused(Refusal::LicenceNothingToRevoke));
        };
        if current.revoked {
            return Err(WriteError::Refused(Refusal::LicenceAlreadyRevoked));
        }
        let decision_id = insert_decision(
            &mut *c,
            who,
            person_id,
            Some(current.id),
            "revoked",
            reason,
            now,
        )
        .await
        .map_err(|e| match e {
            // the partial unique index: revoked in another request a moment ago
            WriteError::Db(ref db)
                if crate::db::is_violation_of(db, "licence_decision_one_revocation_idx") =>
            {
                WriteError::Refused(Refusal::LicenceAlreadyRevoked)
            }
            other => other,
        })?;
        notify(
            &mut *c,
            person_id,
            "licence_revoked",
            decision_id,
            Some(current.id),
            actor_id,
        )
        .await?;
        let detail = revoked_detail(current.id, current.valid_through, reason);
        record(
            &mut *c,
            Some(actor_id),
            AuditAction::LicenceRevoked,
            Some(person_id),
            &detail,
        )
        .await?;
        decision_id
    });
    tx.commit().await?;
    Ok(decision_id)
}

/// What the audit log keeps of a sign-off (the demo seed writes its history with it too).
pub(crate) fn signed_off_detail(
    period_id: i64,
    valid_from: NaiveDate,
    valid_through: NaiveDate,
    walkthrough_id: i64,
) -> serde_json::Value {
    json!({
        "period_id": period_id,
        "valid_from": valid_from,
        "valid_through": valid_through,
        "walkthrough_id": walkthrough_id,
    })
}

/// What the audit log keeps of a certification by hand.
pub(crate) fn certified_detail(
    period_id: i64,
    valid_from: NaiveDate,
    valid_through: NaiveDate,
    reason: &str,
) -> serde_json::Value {
    json!({
        "period_id": period_id,
        "valid_from": valid_from,
        "valid_through": valid_through,
        "reason": reason,
    })
}

/// What the audit log keeps of a revocation.
pub(crate) fn revoked_detail(
    period_id: i64,
    valid_through: NaiveDate,
    reason: &str,
) -> serde_json::Value {
    json!({
        "period_id": period_id,
        "valid_through": valid_through,
        "reason": reason,
    })
}

async fn insert_period(
    src: impl Source<'_>,
    who: Authority,
    person_id: i64,
    period: NewPeriod,
    source: &str,
    walkthrough_id: Option<i64>,
    now: DateTime<Utc>,
) -> Result<i64, WriteError> {
    let code = encode_code(rand::random::<[u8; 10]>());
    let sql = format!(
        "insert into licence_period (person_id, valid_from, valid_through, source, walkthrough_id,
                issued_by, verification_code, created_at, updated_at)
         select ?, ?, ?, ?, ?, ?, ?, ?, ? where {}
         returning id",
        who.condition()
    );
    let id: Option<i64> = on!(src, |c| {
        sqlx::query_scalar(&numbered(&sql))
            .bind(person_id)
            .bind(period.valid_from)
            .bind(period.valid_through)
            .bind(source)
            .bind(walkthrough_id)
            .bind(who.actor())
            .bind(&code)
            .bind(now)
            .bind(now)
            .bind(person_id)
            .bind(who.actor())
            .fetch_optional(&mut *c)
            .await?
    });
    id.ok_or(WriteError::NotFound)
}

async fn insert_decision(
    src: impl Source<'_>,
    who: Authority,
    person_id: i64,
    period_id: Option<i64>,
    decision: &str,
    comment: &str,
    now: DateTime<Utc>,
) -> Result<i64, WriteError> {
    let sql = format!(
        "insert into licence_decision (person_id, period_id, decision, decided_by, comment,
                created_at, updated_at)
         select ?, ?, ?, ?, ?, ?, ? where {}
         returning id",
        who.condition()
    );
    let id: Option<i64> = on!(src, |c| {
        sqlx::query_scalar(&numbered(&sql))
            .bind(person_id)
            .bind(period_id)
            .bind(decision)
            .bind(who.actor())
            .bind(comment)
            .bind(now)
            .bind(now)
            .bind(person_id)
            .bind(who.actor())
            .fetch_optional(&mut *c)
            .await?
    });
    id.ok_or(WriteError::NotFound)
}

/// Tells the person about a decision (never the decider about their own).
async fn notify(
    src: impl Source<'_>,
    person_id: i64,
    kind: &str,
    decision_id: i64,
    period_id: Option<i64>,
    actor_id: i64,
) -> Result<(), sqlx::Error> {
    if person_id == actor_id {
        return Ok(());
    }
    let now = crate::db::now();
    on!(src, |c| {
        sqlx::query(
            "insert into notification (person_id, kind, actor_id, licence_decision_id,
                    licence_period_id, created_at, updated_at)
             values ($1, $2, $3, $4, $5, $6, $6)",
        )
        .bind(person_id)
        .bind(kind)
        .bind(actor_id)
        .bind(decision_id)
        .bind(period_id)
        .bind(now)
        .execute(&mut *c)
        .await?;
    });
    Ok(())
}
