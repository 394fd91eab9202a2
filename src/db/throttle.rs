//! Failed sign-ins per account, for `security::throttle` (which holds the rules).

use super::backend::on;
use super::{Db, begin};
use crate::domain::throttle::Rule;
use crate::error::AppError;
use chrono::{DateTime, Utc};

/// Until when `account` must wait, if it must wait at `now`.
pub async fn locked_until(
    db: &Db,
    account: &str,
    now: DateTime<Utc>,
) -> Result<Option<DateTime<Utc>>, AppError> {
    let until = on!(db, |c| {
        sqlx::query_scalar::<_, Option<DateTime<Utc>>>(
            "select locked_until from sign_in_throttle where account = $1",
        )
        .bind(account)
        .fetch_optional(&mut *c)
        .await?
    });
    Ok(until.flatten().filter(|u| *u > now))
}

/// Counts one more failure for `account` at `now` under `rule`; returns the new count.
pub async fn record_failure(
    db: &Db,
    account: &str,
    rule: &Rule,
    now: DateTime<Utc>,
) -> Result<u32, AppError> {
    let mut tx = begin(db).await?;
    let failures = on!(&mut tx, |c| {
        let stored = sqlx::query_as::<_, (i64, DateTime<Utc>)>(
            "select failures, last_failure_at from sign_in_throttle where account = $1",
        )
        .bind(account)
        .fetch_optional(&mut *c)
        .await?;
        let (count, last) = match stored {
            Some((n, last)) => (u32::try_from(n).unwrap_or(u32::MAX), Some(last)),
            None => (0, None),
        };
        let failures = rule.count_after_failure(count, last, now);
        let locked_until = rule.wait_after(failures).map(|wait| now + wait);
        sqlx::query(
            "insert into sign_in_throttle
                 (account, failures, last_failure_at, locked_until, created_at, updated_at)
             values ($1, $2, $3, $4, $3, $3)
             on conflict (account) do update set failures = excluded.failures,
                 last_failure_at = excluded.last_failure_at,
                 locked_until = excluded.locked_until, updated_at = excluded.updated_at",
        )
        .bind(account)
        .bind(i64::from(failures))
        .bind(now)
        .bind(locked_until)
        .execute(&mut *c)
        .await?;
        failures
    });
    tx.commit().await?;
    Ok(failures)
}

/// Forgets `account`'s failures (after a successful sign-in).
pub async fn clear(db: &Db, account: &str) -> Result<(), AppError> {
    on!(db, |c| {
        sqlx::query("delete from sign_in_throttle where account = $1")
            .bind(account)
            .execute(&mut *c)
            .await?;
    });
    Ok(())
}
