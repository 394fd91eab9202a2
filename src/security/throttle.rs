//! Sign-in throttling: a brake on guessing passwords that does not lock out an office.
//!
//! Two limits, checked before any password is verified:
//! - **per client address**, in memory (`security::address_limit`); 200 colleagues signing in
//!   from one office address in the same minute stay inside it;
//! - **per account**, in the database (`db::throttle`, so a restart forgives nothing; the rule
//!   is `domain::throttle`): after `ACCOUNT.free` failed attempts the account waits, 1 minute
//!   after the next failure, then 2, 4, … up to an hour; the count restarts after a day without
//!   failures and on success.
//!
//! The account is the typed e-mail address, whether or not it exists, and a locked account gets
//! the same answer as any other: the lock tells nothing about who has an account here.
//!
//! "Wachtwoord vergeten?" has the same two brakes: per client address here ([`check_reset`],
//! refused visibly, which tells nothing about any account), per account silently in the database
//! (`domain::access::RESETS_PER_SPAN` reset mails an hour; further requests get the same answer
//! and no mail).

use crate::domain::throttle::ACCOUNT;
use crate::error::AppError;
use crate::state::AppState;
use chrono::Utc;
use std::net::IpAddr;

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
        crate::monitoring::sign_in_throttled("address");
        return Err(AppError::TooManyAttempts);
    }
    if let Some(until) = crate::db::throttle::locked_until(&state.pool, account, Utc::now()).await?
    {
        tracing::warn!(account, address = ?address, %until, "sign-in refused: account waits");
        crate::monitoring::sign_in_throttled("account");
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
    crate::monitoring::sign_in_failed();
    Ok(())
}

/// After a successful sign-in: the account's count starts again.
pub async fn succeeded(state: &AppState, account: &str) -> Result<(), AppError> {
    crate::db::throttle::clear(&state.pool, account).await
}

/// Reset requests one address may make at once, and how many a minute after that: an office
/// behind one address where a few dozen forget their password the same morning gets through; a
/// script walking a list of addresses gets 5 a minute.
pub const RESET_BURST: u32 = 30;
pub const RESET_PER_MINUTE: u32 = 5;

/// The per-address limiter of reset requests (one in `AppState`).
pub fn reset_limiter() -> crate::security::address_limit::AddressLimiter {
    crate::security::address_limit::AddressLimiter::per_minute(RESET_PER_MINUTE, RESET_BURST)
}

/// Before a reset request is looked at: refused with `TooManyAttempts` when the address asked
/// too often.
pub fn check_reset(state: &AppState, address: Option<IpAddr>) -> Result<(), AppError> {
    if let Some(address) = address
        && !state.reset_limiter.allow(address)
    {
        tracing::warn!(%address, "password reset refused: too many requests from this address");
        return Err(AppError::TooManyAttempts);
    }
    Ok(())
}
