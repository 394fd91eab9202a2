//! Licences moved over from an old register, in bulk: the holders and periods the rows are
//! checked against, and writing every period in one transaction through the same path as a
//! manual certification (`licence::certify_period`: period, decision and audit event).

use super::backend::on;
use super::licence::{certify_period, overlapping};
use super::{Source, Tx, WriteError};
use crate::domain::licence::NewPeriod;
use crate::domain::licence_import::{LicencePlan, LicenceRawRow, plan_licences};
use chrono::{DateTime, NaiveDate, Utc};
use std::collections::HashMap;

/// The dry run of `rows` against the database now.
pub async fn dry_run(
    src: impl Source<'_>,
    rows: &[LicenceRawRow],
) -> Result<LicencePlan, sqlx::Error> {
    let (people, periods) = on!(src, |c| {
        let people = sqlx::query_as::<_, (i64, String, String, bool)>(
            "select id, employee_number, email, active from person",
        )
        .fetch_all(&mut *c)
        .await?;
        let periods = sqlx::query_as::<_, (i64, NaiveDate, NaiveDate)>(
            "select p.person_id, p.valid_from, p.valid_through from licence_period p
             where not exists (select 1 from licence_decision d
                               where d.period_id = p.id and d.decision = 'revoked')",
        )
        .fetch_all(&mut *c)
        .await?;
        (people, periods)
    });
    let (mut active, mut inactive) = (HashMap::new(), HashMap::new());
    for (id, number, email, is_active) in people {
        let map = if is_active {
            &mut active
        } else {
            &mut inactive
        };
        map.insert(number, id);
        map.insert(email, id);
    }
    let mut existing: HashMap<i64, Vec<NewPeriod>> = HashMap::new();
    for (person, valid_from, valid_through) in periods {
        existing.entry(person).or_default().push(NewPeriod {
            valid_from,
            valid_through,
        });
    }
    Ok(plan_licences(rows, &active, &inactive, &existing))
}

/// Writes an error-free `plan` in `tx` (planned inside the same transaction). The people are
/// not notified one by one: these are records moved over, not decisions made today. Returns
/// the periods written.
pub async fn apply(
    tx: &mut Tx,
    actor_id: i64,
    plan: &LicencePlan,
    now: DateTime<Utc>,
) -> Result<usize, WriteError> {
    for (person, row) in &plan.periods {
        // Checked again per period, so a period written a moment ago by someone else counts.
        if overlapping(&mut *tx, *person, row.period).await? {
            return Err(WriteError::Conflict);
        }
        certify_period(
            &mut *tx,
            actor_id,
            *person,
            row.period,
            &row.reason,
            now,
            false,
        )
        .await?;
    }
    Ok(plan.periods.len())
}

/// Every person's name by id, to label the planned licences of a register import.
pub async fn person_names(
    src: impl Source<'_>,
) -> Result<std::collections::HashMap<i64, String>, sqlx::Error> {
    let rows = on!(src, |c| {
        sqlx::query_as::<_, (i64, String)>("select id, name from person")
            .fetch_all(&mut *c)
            .await?
    });
    Ok(rows.into_iter().collect())
}
