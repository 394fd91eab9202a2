//! The rules of getting in: how long an invitation or reset link lives and when it still works,
//! what HR's invitation list calls a person's state, how often an invitation may be resent or a
//! reset asked for, and what a person with a temporary password may still open. Pure and
//! wasm-safe, so the edge cases are tested here; `db::access` repeats them inside its statements.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

/// What a link is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TokenPurpose {
    /// A first password, after an admin or the import created the person.
    Invite,
    /// "Wachtwoord vergeten?": a new password for an existing account.
    Reset,
}

impl TokenPurpose {
    pub fn code(self) -> &'static str {
        match self {
            TokenPurpose::Invite => "invite",
            TokenPurpose::Reset => "reset",
        }
    }

    pub fn parse(code: &str) -> Option<TokenPurpose> {
        match code {
            "invite" => Some(TokenPurpose::Invite),
            "reset" => Some(TokenPurpose::Reset),
            _ => None,
        }
    }
}

/// Days an invitation link works when `INVITE_VALID_DAYS` is not set.
pub const DEFAULT_INVITE_VALID_DAYS: i64 = 14;

/// How long a reset link works.
pub const RESET_VALID: Duration = Duration::hours(1);

/// An invitation is resent at most once in this span.
pub const RESEND_EVERY: Duration = Duration::days(1);

/// Reset links one account gets in [`RESET_SPAN`]; further requests get the same answer but no mail.
pub const RESETS_PER_SPAN: i64 = 3;
pub const RESET_SPAN: Duration = Duration::hours(1);

/// When a link made at `now` for `purpose` stops working.
pub fn expires_at(
    purpose: TokenPurpose,
    now: DateTime<Utc>,
    invite_valid_days: i64,
) -> DateTime<Utc> {
    match purpose {
        TokenPurpose::Invite => now + Duration::days(invite_valid_days.max(1)),
        TokenPurpose::Reset => now + RESET_VALID,
    }
}

/// Whether a stored link still works at `now`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TokenState {
    Usable,
    /// Used once already (or the person set a password another way since).
    Used,
    Expired,
}

pub fn token_state(
    expires_at: DateTime<Utc>,
    used_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> TokenState {
    if used_at.is_some() {
        TokenState::Used
    } else if now >= expires_at {
        TokenState::Expired
    } else {
        TokenState::Usable
    }
}

/// Where a person without a password of their own stands, as HR's invitation list shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum InvitationStatus {
    /// Invited; the latest link still works.
    Pending,
    /// Invited, but the latest link has expired unused.
    Expired,
    /// Never invited (e.g. created before invitations existed, or while mail was off).
    NeverInvited,
}

impl InvitationStatus {
    pub const ALL: [InvitationStatus; 3] = [
        InvitationStatus::Pending,
        InvitationStatus::Expired,
        InvitationStatus::NeverInvited,
    ];

    pub fn code(self) -> &'static str {
        match self {
            InvitationStatus::Pending => "pending",
            InvitationStatus::Expired => "expired",
            InvitationStatus::NeverInvited => "never",
        }
    }

    pub fn parse(code: &str) -> Option<InvitationStatus> {
        Self::ALL.into_iter().find(|s| s.code() == code.trim())
    }

    pub fn label_key(self) -> &'static str {
        match self {
            InvitationStatus::Pending => "invitations-status-pending",
            InvitationStatus::Expired => "invitations-status-expired",
            InvitationStatus::NeverInvited => "invitations-status-never",
        }
    }

    /// From the latest invitation's expiry (None: never invited), at `now`.
    pub fn of(latest_expires_at: Option<DateTime<Utc>>, now: DateTime<Utc>) -> InvitationStatus {
        match latest_expires_at {
            None => InvitationStatus::NeverInvited,
            Some(at) if now >= at => InvitationStatus::Expired,
            Some(_) => InvitationStatus::Pending,
        }
    }
}

/// One row of HR's invitation list: an active person without a password of their own.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InvitationRow {
    pub person_id: i64,
    pub name: String,
    pub email: String,
    pub team_name: Option<String>,
    pub status: InvitationStatus,
    /// When the latest invitation was sent, and until when its link works.
    pub sent_at: Option<DateTime<Utc>>,
    pub expires_at: Option<DateTime<Utc>>,
}

/// HR may resend an invitation when none was sent in the last [`RESEND_EVERY`].
pub fn may_resend(last_sent: Option<DateTime<Utc>>, now: DateTime<Utc>) -> bool {
    last_sent.is_none_or(|at| now - at >= RESEND_EVERY)
}

/// Another reset link may go out when fewer than [`RESETS_PER_SPAN`] went out in the last
/// [`RESET_SPAN`] (given when the recent ones were made).
pub fn may_send_reset(recent: &[DateTime<Utc>], now: DateTime<Utc>) -> bool {
    let within = recent.iter().filter(|at| now - **at < RESET_SPAN).count();
    i64::try_from(within).unwrap_or(i64::MAX) < RESETS_PER_SPAN
}

/// Who typed a new password for `person_id`: a password an admin typed for someone else is
/// temporary (the person must replace it); one people set for themselves is not.
pub fn password_is_temporary(set_by: i64, person_id: i64) -> bool {
    set_by != person_id
}

/// Pages a person with a temporary password may still open: where they change it, and the pages
/// that need nobody signed in. Everything else sends them to change it first.
pub fn open_while_password_temporary(path: &str) -> bool {
    const OPEN: [&str; 4] = ["/account", "/login", "/forgot-password", "/verify"];
    OPEN.iter().any(|p| {
        path == *p
            || path
                .strip_prefix(p)
                .is_some_and(|rest| rest.starts_with('/'))
    }) || path.starts_with("/password/")
        || path.starts_with("/pkg/")
        || path == "/favicon.svg"
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(hour: i64) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 7, 0, 0, 0)
            .single()
            .expect("time")
            + Duration::hours(hour)
    }

    #[test]
    fn an_invitation_lives_its_days_and_a_reset_an_hour() {
        assert_eq!(expires_at(TokenPurpose::Invite, at(0), 14), at(14 * 24));
        assert_eq!(expires_at(TokenPurpose::Reset, at(0), 14), at(1));
        // A nonsense setting still gives a link that works for a day.
        assert_eq!(expires_at(TokenPurpose::Invite, at(0), 0), at(24));
    }

    #[test]
    fn a_link_works_once_and_until_it_expires() {
        let expires = at(1);
        assert_eq!(token_state(expires, None, at(0)), TokenState::Usable);
        assert_eq!(
            token_state(expires, None, expires - Duration::seconds(1)),
            TokenState::Usable
        );
        assert_eq!(token_state(expires, None, expires), TokenState::Expired);
        assert_eq!(token_state(expires, Some(at(0)), at(0)), TokenState::Used);
        // Used wins over expired: the answer names what happened first.
        assert_eq!(token_state(expires, Some(at(0)), at(5)), TokenState::Used);
    }

    #[test]
    fn invitation_status_follows_the_latest_link() {
        assert_eq!(
            InvitationStatus::of(None, at(0)),
            InvitationStatus::NeverInvited
        );
        assert_eq!(
            InvitationStatus::of(Some(at(2)), at(1)),
            InvitationStatus::Pending
        );
        assert_eq!(
            InvitationStatus::of(Some(at(2)), at(2)),
            InvitationStatus::Expired
        );
        for s in InvitationStatus::ALL {
            assert_eq!(InvitationStatus::parse(s.code()), Some(s));
        }
        assert_eq!(InvitationStatus::parse("accepted"), None);
    }

    #[test]
    fn an_invitation_is_resent_at_most_once_a_day() {
        assert!(may_resend(None, at(0)));
        assert!(!may_resend(Some(at(0)), at(23)));
        assert!(may_resend(Some(at(0)), at(24)));
    }

    #[test]
    fn three_resets_an_hour_per_account() {
        let now = at(10);
        let m = |minutes: i64| now - Duration::minutes(minutes);
        assert!(may_send_reset(&[], now));
        assert!(may_send_reset(&[m(1), m(2)], now));
        assert!(!may_send_reset(&[m(1), m(2), m(59)], now));
        assert!(may_send_reset(&[m(1), m(2), m(60)], now));
    }

    #[test]
    fn only_a_password_typed_for_someone_else_is_temporary() {
        assert!(password_is_temporary(1, 2));
        assert!(!password_is_temporary(2, 2));
    }

    #[test]
    fn a_temporary_password_opens_only_the_way_to_change_it() {
        for open in [
            "/account",
            "/login",
            "/forgot-password",
            "/password/abc",
            "/verify/ABCD",
            "/pkg/klantenrijbewijs.css",
        ] {
            assert!(open_while_password_temporary(open), "{open}");
        }
        for closed in [
            "/",
            "/licence",
            "/accounting",
            "/hr/people/export.csv",
            "/evidence/4/thumb",
            "/admin/people",
            "/password",
        ] {
            assert!(!open_while_password_temporary(closed), "{closed}");
        }
    }

    #[test]
    fn purposes_read_back() {
        for p in [TokenPurpose::Invite, TokenPurpose::Reset] {
            assert_eq!(TokenPurpose::parse(p.code()), Some(p));
        }
        assert_eq!(TokenPurpose::parse("other"), None);
    }
}
