//! Sign-in throttling: a brake on guessing passwords that does not lock out an office.
//!
//! Two limits, checked before any password is verified:
//! - **per client address**, in memory (`governor`): at most `ADDRESS_BURST` attempts at once,
//!   refilled at `ADDRESS_PER_SECOND`; 200 colleagues signing in from one office address in the
//!   same minute stay inside it;
//! - **per account**, in the database (`db::throttle`, so a restart forgives nothing): after
//!   `ACCOUNT.free` failed attempts the account waits, 1 minute after the next failure, then 2,
//!   4, … up to an hour; the count restarts after a day without failures and on success.
//!
//! The account is the typed e-mail address, whether or not it exists, and a locked account gets
//! the same answer as any other: the lock tells nothing about who has an account here.

use crate::error::AppError;
use crate::state::AppState;
use chrono::{DateTime, Duration, Utc};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use std::net::IpAddr;
use std::num::NonZeroU32;

/// Sign-in attempts one address may make at once, and how fast that refills: an office of 250
/// arriving at the same moment gets in, a script trying passwords gets 2 a second (7,200 an
/// hour across all accounts, each of which stops after a few failures anyway).
pub const ADDRESS_BURST: u32 = 250;
pub const ADDRESS_PER_SECOND: u32 = 2;

/// When failures start to cost waiting time, and how much.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    /// Failures allowed before the first wait.
    pub free: u32,
    /// The first wait; each further failure doubles it, up to `cap`.
    pub first: Duration,
    pub cap: Duration,
    /// Without a failure for this long, the count starts again.
    pub forget_after: Duration,
}

pub const ACCOUNT: Rule = Rule {
    free: 5,
    first: Duration::minutes(1),
    cap: Duration::hours(1),
    forget_after: Duration::days(1),
};

impl Rule {
    /// The failure count after one more failure at `now`, given the stored count and when the
    /// last failure was.
    pub fn count_after_failure(
        &self,
        stored: u32,
        last: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> u32 {
        match last {
            Some(last) if now - last < self.forget_after => stored.saturating_add(1),
            _ => 1,
        }
    }

    /// How long to wait after the `failures`-th failure (none while still free).
    pub fn wait_after(&self, failures: u32) -> Option<Duration> {
        let over = failures.checked_sub(self.free)?;
        if over == 0 {
            return None;
        }
        let doublings = (over - 1).min(16);
        let wait = self.first * 2_i32.pow(doublings);
        Some(wait.min(self.cap))
    }
}

/// The per-address limiter, kept in `AppState`.
pub struct AddressLimiter(DefaultKeyedRateLimiter<IpAddr>);

impl AddressLimiter {
    pub fn new() -> AddressLimiter {
        let quota =
            Quota::per_second(NonZeroU32::new(ADDRESS_PER_SECOND).unwrap_or(NonZeroU32::MIN))
                .allow_burst(NonZeroU32::new(ADDRESS_BURST).unwrap_or(NonZeroU32::MIN));
        AddressLimiter(RateLimiter::keyed(quota))
    }

    /// Counts one attempt from `address`; false when it is over the limit.
    pub fn allow(&self, address: IpAddr) -> bool {
        // Addresses that went quiet are forgotten, so the map stays small.
        if self.0.len() > 10_000 {
            self.0.retain_recent();
        }
        self.0.check_key(&address).is_ok()
    }
}

impl Default for AddressLimiter {
    fn default() -> Self {
        Self::new()
    }
}

/// Before verifying a password: refused with `TooManyAttempts` when the address or the
/// account must wait.
pub async fn check(
    state: &AppState,
    account: &str,
    address: Option<IpAddr>,
) -> Result<(), AppError> {
    if let Some(address) = address
        && !state.sign_in_limiter.allow(address)
    {
        tracing::warn!(%address, "sign-in refused: too many attempts from this address");
        return Err(AppError::TooManyAttempts);
    }
    if let Some(until) = crate::db::throttle::locked_until(&state.pool, account, Utc::now()).await?
    {
        tracing::warn!(account, address = ?address, %until, "sign-in refused: account waits");
        return Err(AppError::TooManyAttempts);
    }
    Ok(())
}

/// After a failed attempt: counted against the account (the wait grows with each failure).
pub async fn failed(
    state: &AppState,
    account: &str,
    address: Option<IpAddr>,
) -> Result<(), AppError> {
    let failures =
        crate::db::throttle::record_failure(&state.pool, account, &ACCOUNT, Utc::now()).await?;
    tracing::warn!(account, address = ?address, failures, "failed sign-in");
    Ok(())
}

/// After a successful sign-in: the account's count starts again.
pub async fn succeeded(state: &AppState, account: &str) -> Result<(), AppError> {
    crate::db::throttle::clear(&state.pool, account).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(minute: i64) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0)
            .single()
            .expect("time")
            + Duration::minutes(minute)
    }

    #[test]
    fn five_failures_are_free_then_the_wait_doubles_up_to_an_hour() {
        let waits: Vec<_> = (1..=14)
            .map(|n| ACCOUNT.wait_after(n).map(|d| d.num_minutes()))
            .collect();
        assert_eq!(
            waits,
            vec![
                None,
                None,
                None,
                None,
                None,
                Some(1),
                Some(2),
                Some(4),
                Some(8),
                Some(16),
                Some(32),
                Some(60),
                Some(60),
                Some(60)
            ]
        );
        assert_eq!(
            ACCOUNT.wait_after(u32::MAX).map(|d| d.num_minutes()),
            Some(60)
        );
    }

    #[test]
    fn the_count_restarts_after_a_quiet_day() {
        assert_eq!(ACCOUNT.count_after_failure(0, None, at(0)), 1);
        assert_eq!(ACCOUNT.count_after_failure(7, Some(at(0)), at(30)), 8);
        assert_eq!(ACCOUNT.count_after_failure(7, Some(at(0)), at(24 * 60)), 1);
        assert_eq!(
            ACCOUNT.count_after_failure(u32::MAX, Some(at(0)), at(1)),
            u32::MAX
        );
    }

    #[test]
    fn an_office_behind_one_address_is_not_stopped() {
        let limiter = AddressLimiter::new();
        let office: IpAddr = "192.0.2.10".parse().expect("ip");
        assert!((0..200).all(|_| limiter.allow(office)));
        // A script hammering from one address is.
        let script: IpAddr = "198.51.100.7".parse().expect("ip");
        let allowed = (0..1000).filter(|_| limiter.allow(script)).count();
        assert!(allowed < 400, "{allowed}");
    }
}
