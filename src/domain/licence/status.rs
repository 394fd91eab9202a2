//! Where a person stands today: never certified, valid, renewal due (window open), in grace,
//! expired or revoked. Computed from their current (latest) period and the settings; the same
//! rule is written as SQL for lists in `db::licence::standing` and tested against this one.

use super::dates::shift;
use super::period::{Current, window_opens};
use super::settings::LicenceSettings;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum LicenceStatus {
    NeverCertified,
    Valid,
    /// Valid, and the renewal window is open.
    RenewalDue,
    /// Past the last valid day, within the grace days.
    InGrace,
    Expired,
    Revoked,
}

impl LicenceStatus {
    pub const ALL: [LicenceStatus; 6] = [
        LicenceStatus::Valid,
        LicenceStatus::RenewalDue,
        LicenceStatus::InGrace,
        LicenceStatus::Expired,
        LicenceStatus::Revoked,
        LicenceStatus::NeverCertified,
    ];

    /// Stable code for URLs, CSV exports and SQL.
    pub fn code(self) -> &'static str {
        match self {
            LicenceStatus::NeverCertified => "never",
            LicenceStatus::Valid => "valid",
            LicenceStatus::RenewalDue => "renewal_due",
            LicenceStatus::InGrace => "in_grace",
            LicenceStatus::Expired => "expired",
            LicenceStatus::Revoked => "revoked",
        }
    }

    pub fn parse(code: &str) -> Option<LicenceStatus> {
        LicenceStatus::ALL.into_iter().find(|s| s.code() == code)
    }

    /// Translation key of the status's name.
    pub fn label_key(self) -> &'static str {
        match self {
            LicenceStatus::NeverCertified => "licence-status-never",
            LicenceStatus::Valid => "licence-status-valid",
            LicenceStatus::RenewalDue => "licence-status-renewal-due",
            LicenceStatus::InGrace => "licence-status-in-grace",
            LicenceStatus::Expired => "licence-status-expired",
            LicenceStatus::Revoked => "licence-status-revoked",
        }
    }

    /// Whether the person counts as covered (has a licence) on the dashboard: valid and renewal
    /// due always, in grace only when the organisation chose so.
    pub fn is_covered(self, settings: &LicenceSettings) -> bool {
        match self {
            LicenceStatus::Valid | LicenceStatus::RenewalDue => true,
            LicenceStatus::InGrace => settings.grace_counts_as_covered,
            _ => false,
        }
    }

    /// Whether the licence holds today for the public verification page (grace is not validity).
    pub fn is_valid_today(self) -> bool {
        matches!(self, LicenceStatus::Valid | LicenceStatus::RenewalDue)
    }
}

/// A person's standing on one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Standing {
    pub status: LicenceStatus,
    /// The last valid day of the current period.
    pub valid_through: Option<NaiveDate>,
    /// Days after today the licence still counts (0: today is the last day); negative once over.
    pub days_left: Option<i64>,
    pub window_opens: Option<NaiveDate>,
    /// The last day of grace.
    pub grace_until: Option<NaiveDate>,
}

/// The standing on `today` of someone whose latest period is `current`.
pub fn standing(
    current: Option<Current>,
    settings: &LicenceSettings,
    today: NaiveDate,
) -> Standing {
    let Some(c) = current else {
        return Standing {
            status: LicenceStatus::NeverCertified,
            valid_through: None,
            days_left: None,
            window_opens: None,
            grace_until: None,
        };
    };
    let opens = window_opens(c.valid_through, settings);
    let grace_until = shift(c.valid_through, i64::from(settings.grace_days));
    let status = if c.revoked {
        LicenceStatus::Revoked
    } else if today < opens {
        LicenceStatus::Valid
    } else if today <= c.valid_through {
        LicenceStatus::RenewalDue
    } else if today <= grace_until {
        LicenceStatus::InGrace
    } else {
        LicenceStatus::Expired
    };
    Standing {
        status,
        valid_through: Some(c.valid_through),
        days_left: Some((c.valid_through - today).num_days()),
        window_opens: Some(opens),
        grace_until: (settings.grace_days > 0).then_some(grace_until),
    }
}

/// The day from which walkthroughs and presentations count towards the next sign-off: the
/// current period's window opening. None (anything not used before counts) for someone never
/// certified or revoked.
pub fn cycle_start(current: Option<Current>, settings: &LicenceSettings) -> Option<NaiveDate> {
    current
        .filter(|c| !c.revoked)
        .map(|c| window_opens(c.valid_through, settings))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    fn through_end_of_2026() -> Option<Current> {
        Some(Current {
            valid_from: d(2026, 1, 1),
            valid_through: d(2026, 12, 31),
            revoked: false,
        })
    }

    fn status_on(day: NaiveDate) -> LicenceStatus {
        standing(through_end_of_2026(), &LicenceSettings::default(), day).status
    }

    #[test]
    fn every_boundary_day() {
        // window 60 days before the last valid day (1 November), grace 30 days (to 30 January)
        assert_eq!(status_on(d(2026, 10, 31)), LicenceStatus::Valid);
        assert_eq!(status_on(d(2026, 11, 1)), LicenceStatus::RenewalDue);
        assert_eq!(status_on(d(2026, 12, 31)), LicenceStatus::RenewalDue);
        assert_eq!(status_on(d(2027, 1, 1)), LicenceStatus::InGrace);
        assert_eq!(status_on(d(2027, 1, 30)), LicenceStatus::InGrace);
        assert_eq!(status_on(d(2027, 1, 31)), LicenceStatus::Expired);
    }

    #[test]
    fn days_left_count_the_days_after_today() {
        let s = standing(
            through_end_of_2026(),
            &LicenceSettings::default(),
            d(2026, 12, 31),
        );
        assert_eq!(s.days_left, Some(0));
        let s = standing(
            through_end_of_2026(),
            &LicenceSettings::default(),
            d(2026, 12, 1),
        );
        assert_eq!(s.days_left, Some(30));
        assert_eq!(s.grace_until, Some(d(2027, 1, 30)));
    }

    #[test]
    fn without_grace_the_day_after_is_expired() {
        let settings = LicenceSettings {
            grace_days: 0,
            ..LicenceSettings::default()
        };
        let s = standing(through_end_of_2026(), &settings, d(2027, 1, 1));
        assert_eq!(s.status, LicenceStatus::Expired);
        assert_eq!(s.grace_until, None);
    }

    #[test]
    fn never_and_revoked() {
        let s = LicenceSettings::default();
        assert_eq!(
            standing(None, &s, d(2026, 5, 1)).status,
            LicenceStatus::NeverCertified
        );
        let revoked = Some(Current {
            revoked: true,
            ..through_end_of_2026().unwrap()
        });
        assert_eq!(
            standing(revoked, &s, d(2026, 5, 1)).status,
            LicenceStatus::Revoked
        );
        assert_eq!(cycle_start(revoked, &s), None);
        assert_eq!(cycle_start(through_end_of_2026(), &s), Some(d(2026, 11, 1)));
    }

    #[test]
    fn a_renewal_that_starts_later_keeps_the_person_valid() {
        // Renewed inside the window: the latest period starts after the old one ends.
        let renewed = Some(Current {
            valid_from: d(2027, 1, 1),
            valid_through: d(2027, 12, 31),
            revoked: false,
        });
        let s = standing(renewed, &LicenceSettings::default(), d(2026, 11, 20));
        assert_eq!(s.status, LicenceStatus::Valid);
    }

    #[test]
    fn coverage_and_grace() {
        let strict = LicenceSettings::default();
        let lenient = LicenceSettings {
            grace_counts_as_covered: true,
            ..LicenceSettings::default()
        };
        assert!(LicenceStatus::RenewalDue.is_covered(&strict));
        assert!(!LicenceStatus::InGrace.is_covered(&strict));
        assert!(LicenceStatus::InGrace.is_covered(&lenient));
        assert!(!LicenceStatus::InGrace.is_valid_today());
        for s in LicenceStatus::ALL {
            assert_eq!(LicenceStatus::parse(s.code()), Some(s));
        }
    }
}
