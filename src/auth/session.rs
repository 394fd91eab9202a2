//! Server-side sessions (tower-sessions, stored in the database), the role checks every server
//! function uses, and what every page learns from the session first (`load_session_info`).
//!
//! A signed-in session keeps a [`SignedIn`] and ends (is deleted) on the first request that finds
//! it idle longer than `SESSION_IDLE_MINUTES`, older than `SESSION_MAX_HOURS`, or signed in with
//! an older session epoch than the person's (password changed or reset, deactivated). The store
//! only writes a session when its data changes, so a signed-in person's requests record when they
//! were last seen, at most every [`touch_interval`]: that write moves the stored expiry (and the
//! cookie's) on, keeping an active person's session alive without a write per request.

use super::{CurrentUser, SessionInfo};
use crate::config::Config;
use crate::db;
use crate::domain::Locale;
use crate::error::AppError;
use crate::state::AppState;
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

/// Session key holding the [`SignedIn`] record.
pub const SIGNED_IN_KEY: &str = "signed_in";

/// Who is signed in, and since when. Times are Unix seconds.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
struct SignedIn {
    person_id: i64,
    /// The person's `session_epoch` when this session signed in (or changed their password).
    epoch: i64,
    signed_in_at: i64,
    /// The last request that saved the session.
    seen_at: i64,
}

/// Why a session ends before its person is even looked up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ended {
    Idle,
    MaxAge,
}

impl SignedIn {
    fn new(person_id: i64, epoch: i64, now: i64) -> SignedIn {
        SignedIn {
            person_id,
            epoch,
            signed_in_at: now,
            seen_at: now,
        }
    }

    fn ended(&self, now: i64, config: &Config) -> Option<Ended> {
        if now - self.signed_in_at >= config.session_max_hours * 3600 {
            Some(Ended::MaxAge)
        } else if now - self.seen_at >= config.session_idle_minutes * 60 {
            Some(Ended::Idle)
        } else {
            None
        }
    }
}

/// How long a signed-in session goes without being saved again: a minute, or a tenth of the idle
/// limit when that is shorter, so a session is never ended while its person is at work.
fn touch_interval(config: &Config) -> i64 {
    (config.session_idle_minutes * 6).min(60)
}

fn now() -> i64 {
    db::now().timestamp()
}

async fn read(session: &Session) -> Result<Option<SignedIn>, AppError> {
    session
        .get::<SignedIn>(SIGNED_IN_KEY)
        .await
        .map_err(|e| AppError::internal("session read", e))
}

async fn write(session: &Session, signed_in: SignedIn) -> Result<(), AppError> {
    session
        .insert(SIGNED_IN_KEY, signed_in)
        .await
        .map_err(|e| AppError::internal("session write", e))
}

/// The signed-in, active person, or None. A session past its limits, of a deactivated person or
/// from before their last password change is ended here.
pub async fn current_user(
    state: &AppState,
    session: &Session,
) -> Result<Option<CurrentUser>, AppError> {
    let Some(mut signed_in) = read(session).await? else {
        return Ok(None);
    };
    let now = now();
    if let Some(reason) = signed_in.ended(now, &state.config) {
        tracing::info!(person_id = signed_in.person_id, ?reason, "session ended");
        sign_out(session).await?;
        return Ok(None);
    }
    let person = db::person::session_person(&state.pool, signed_in.person_id).await?;
    let Some((person, roles)) =
        person.filter(|(p, _)| p.active && p.session_epoch == signed_in.epoch)
    else {
        sign_out(session).await?;
        return Ok(None);
    };
    if now - signed_in.seen_at >= touch_interval(&state.config) {
        signed_in.seen_at = now;
        write(session, signed_in).await?;
    }
    Ok(Some(CurrentUser {
        id: person.id,
        name: person.name,
        email: person.email,
        roles,
        locale: crate::domain::Locale::parse(&person.preferred_language).unwrap_or_default(),
        must_change_password: person.must_change_password,
    }))
}

/// Starts a signed-in session with a fresh id, so a session id planted before sign-in is worthless.
/// `epoch` is the person's `session_epoch` as read with the password that was checked.
pub async fn sign_in(session: &Session, person_id: i64, epoch: i64) -> Result<(), AppError> {
    session
        .cycle_id()
        .await
        .map_err(|e| AppError::internal("session cycle", e))?;
    write(session, SignedIn::new(person_id, epoch, now())).await
}

/// Keeps this session signed in after its person's password changed to session epoch `epoch`
/// (which ended every other session), under a fresh id so a copy stolen before stops working.
/// The sign-in time stays: the maximum age still counts from the first sign-in.
pub async fn keep_after_password_change(session: &Session, epoch: i64) -> Result<(), AppError> {
    let Some(signed_in) = read(session).await? else {
        return Err(AppError::Unauthenticated);
    };
    session
        .cycle_id()
        .await
        .map_err(|e| AppError::internal("session cycle", e))?;
    write(
        session,
        SignedIn {
            epoch,
            seen_at: now(),
            ..signed_in
        },
    )
    .await
}

pub async fn sign_out(session: &Session) -> Result<(), AppError> {
    session
        .flush()
        .await
        .map_err(|e| AppError::internal("session flush", e))
}

/// The cookie that keeps the chosen language before sign-in.
pub const LOCALE_COOKIE: &str = "lang";

/// Language before sign-in: the `lang` cookie, else Dutch (the product's default, whatever the browser says).
pub fn cookie_locale(headers: &axum::http::HeaderMap) -> Locale {
    headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == LOCALE_COOKIE)
        .and_then(|(_, value)| Locale::parse(value))
        .unwrap_or_default()
}

/// Who is signed in and in which language, for one request.
pub async fn load_session_info(
    state: &crate::state::AppState,
    session: &Session,
    headers: &axum::http::HeaderMap,
) -> Result<SessionInfo, AppError> {
    let user = current_user(state, session).await?;
    let locale = user
        .as_ref()
        .map_or_else(|| cookie_locale(headers), |u| u.locale);
    let unread_notifications = match &user {
        Some(u) => crate::db::notification::unread_count(&state.pool, u.id).await?,
        None => 0,
    };
    Ok(SessionInfo {
        user,
        locale,
        demo: state.config.demo_data,
        unread_notifications,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(idle_minutes: i64, max_hours: i64) -> Config {
        let mut config = Config::from_lookup(|_| None).expect("defaults");
        config.session_idle_minutes = idle_minutes;
        config.session_max_hours = max_hours;
        config
    }

    #[test]
    fn a_session_ends_when_idle_too_long_or_too_old() {
        let config = config(30, 12);
        let start = 1_000_000;
        let mut s = SignedIn::new(1, 0, start);
        assert_eq!(s.ended(start + 29 * 60, &config), None);
        assert_eq!(s.ended(start + 30 * 60, &config), Some(Ended::Idle));
        // Seen again recently, but signed in 12 hours ago.
        s.seen_at = start + 12 * 3600 - 60;
        assert_eq!(s.ended(start + 12 * 3600 - 1, &config), None);
        assert_eq!(s.ended(start + 12 * 3600, &config), Some(Ended::MaxAge));
    }

    #[test]
    fn a_session_is_saved_often_enough_to_stay_alive() {
        assert_eq!(touch_interval(&config(30, 12)), 60);
        assert_eq!(touch_interval(&config(10, 12)), 60);
        assert_eq!(touch_interval(&config(1, 12)), 6);
    }
}
