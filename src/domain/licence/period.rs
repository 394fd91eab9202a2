//! Which dates a new licence period gets. One rule for a reviewer's sign-off and for HR's manual
//! certification, so both follow the organisation's settings the same way.
//!
//! Sign-off before the renewal window opens is **refused** rather than accepted without
//! extending: a sign-off that silently changes nothing would be recorded as a decision that did
//! not happen, and an early sign-off that did extend would either cost the days left
//! (`SignOff` anchor) or stack years ahead. The refusal names the day the window opens.

use super::dates::{last_day_of_term, next_fixed_date, shift};
use super::settings::{ExpiryAnchor, LicenceSettings};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The person's current period (their latest), as far as issuing the next one is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Current {
    pub valid_from: NaiveDate,
    pub valid_through: NaiveDate,
    pub revoked: bool,
}

/// The dates of a period to issue: `valid_through` is the last day it counts (inclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewPeriod {
    pub valid_from: NaiveDate,
    pub valid_through: NaiveDate,
}

/// Why no period can be issued today.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IssueRefusal {
    /// The current licence is valid and its renewal window opens on this day.
    WindowNotOpen { opens: NaiveDate },
}

/// The day the renewal window of a licence valid through `valid_through` opens.
pub fn window_opens(valid_through: NaiveDate, settings: &LicenceSettings) -> NaiveDate {
    shift(valid_through, -i64::from(settings.window_days))
}

/// The period a sign-off on `today` issues, after `current` (None: never certified).
///
/// - never certified, revoked, in grace or expired: from `today`;
/// - inside the window (window's first day up to and including the last valid day): from the day
///   after the old expiry (`PreviousExpiry`, `FixedDate`) or from `today` (`SignOff`);
/// - before the window: refused.
pub fn next_period(
    settings: &LicenceSettings,
    current: Option<Current>,
    today: NaiveDate,
) -> Result<NewPeriod, IssueRefusal> {
    let start = match current {
        Some(c) if !c.revoked && today <= c.valid_through => {
            let opens = window_opens(c.valid_through, settings);
            if today < opens {
                return Err(IssueRefusal::WindowNotOpen { opens });
            }
            match settings.anchor {
                ExpiryAnchor::SignOff => today,
                ExpiryAnchor::PreviousExpiry | ExpiryAnchor::FixedDate { .. } => {
                    shift(c.valid_through, 1)
                }
            }
        }
        _ => today,
    };
    Ok(period_from(settings, start))
}

/// A period that starts on `start`, ending as the settings say.
pub fn period_from(settings: &LicenceSettings, start: NaiveDate) -> NewPeriod {
    let valid_through = match settings.anchor {
        ExpiryAnchor::SignOff | ExpiryAnchor::PreviousExpiry => {
            last_day_of_term(start, settings.validity_months)
        }
        ExpiryAnchor::FixedDate { month, day } => {
            // The first fixed date that leaves at least `min_validity_days` days (counting both ends).
            let earliest = shift(start, i64::from(settings.min_validity_days.max(1)) - 1);
            next_fixed_date(earliest, month, day)
                .unwrap_or_else(|| last_day_of_term(start, settings.validity_months))
        }
    };
    NewPeriod {
        valid_from: start,
        valid_through,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    fn current(from: NaiveDate, through: NaiveDate) -> Option<Current> {
        Some(Current {
            valid_from: from,
            valid_through: through,
            revoked: false,
        })
    }

    fn settings(anchor: ExpiryAnchor) -> LicenceSettings {
        LicenceSettings {
            anchor,
            ..LicenceSettings::default()
        }
    }

    #[test]
    fn first_licence_runs_twelve_months_from_the_sign_off() {
        let s = LicenceSettings::default();
        let p = next_period(&s, None, d(2026, 3, 15)).expect("issued");
        assert_eq!(
            (p.valid_from, p.valid_through),
            (d(2026, 3, 15), d(2027, 3, 14))
        );
    }

    #[test]
    fn leap_day_sign_off_is_valid_through_28_february() {
        let p = next_period(&LicenceSettings::default(), None, d(2028, 2, 29)).expect("issued");
        assert_eq!(p.valid_through, d(2029, 2, 28));
    }

    #[test]
    fn thirty_first_of_january_sign_off() {
        let p = next_period(&LicenceSettings::default(), None, d(2027, 1, 31)).expect("issued");
        assert_eq!(p.valid_through, d(2028, 1, 30));
    }

    #[test]
    fn before_the_window_is_refused_and_names_its_first_day() {
        let s = LicenceSettings::default(); // window 60 days
        let c = current(d(2026, 1, 1), d(2026, 12, 31));
        assert_eq!(
            next_period(&s, c, d(2026, 10, 31)),
            Err(IssueRefusal::WindowNotOpen {
                opens: d(2026, 11, 1)
            })
        );
    }

    #[test]
    fn on_the_windows_first_day_renewal_continues_from_the_old_expiry() {
        let s = LicenceSettings::default();
        let c = current(d(2026, 1, 1), d(2026, 12, 31));
        // 60 days before the last valid day
        assert_eq!(window_opens(d(2026, 12, 31), &s), d(2026, 11, 1));
        let p = next_period(&s, c, d(2026, 11, 1)).expect("window open");
        assert_eq!(
            (p.valid_from, p.valid_through),
            (d(2027, 1, 1), d(2027, 12, 31))
        );
    }

    #[test]
    fn on_the_expiry_day_renewal_still_continues_from_the_old_expiry() {
        let s = LicenceSettings::default();
        let c = current(d(2026, 1, 1), d(2026, 12, 31));
        let p = next_period(&s, c, d(2026, 12, 31)).expect("last day");
        assert_eq!(
            (p.valid_from, p.valid_through),
            (d(2027, 1, 1), d(2027, 12, 31))
        );
    }

    #[test]
    fn after_expiry_renewal_counts_from_the_sign_off() {
        let s = LicenceSettings::default();
        let c = current(d(2026, 1, 1), d(2026, 12, 31));
        // in grace (the day after) and long expired alike
        let p = next_period(&s, c, d(2027, 1, 1)).expect("in grace");
        assert_eq!(
            (p.valid_from, p.valid_through),
            (d(2027, 1, 1), d(2027, 12, 31))
        );
        let p = next_period(&s, c, d(2027, 5, 10)).expect("expired");
        assert_eq!(
            (p.valid_from, p.valid_through),
            (d(2027, 5, 10), d(2028, 5, 9))
        );
    }

    #[test]
    fn sign_off_anchor_counts_from_the_sign_off_even_early() {
        let s = settings(ExpiryAnchor::SignOff);
        let c = current(d(2026, 1, 1), d(2026, 12, 31));
        let p = next_period(&s, c, d(2026, 11, 15)).expect("in window");
        assert_eq!(
            (p.valid_from, p.valid_through),
            (d(2026, 11, 15), d(2027, 11, 14))
        );
    }

    #[test]
    fn revoked_then_reissued_starts_afresh() {
        let s = LicenceSettings::default();
        let revoked = Some(Current {
            valid_from: d(2026, 6, 1),
            valid_through: d(2027, 5, 31),
            revoked: true,
        });
        // Long before the old window would open: revoked licences do not wait for it.
        let p = next_period(&s, revoked, d(2026, 9, 1)).expect("issued again");
        assert_eq!(
            (p.valid_from, p.valid_through),
            (d(2026, 9, 1), d(2027, 8, 31))
        );
    }

    #[test]
    fn fixed_date_gives_late_joiners_at_least_the_minimum() {
        let s = settings(ExpiryAnchor::FixedDate { month: 12, day: 31 }); // min 180 days
        // Early in the year: this year's 31 December is far enough away.
        let p = next_period(&s, None, d(2026, 2, 1)).expect("issued");
        assert_eq!(p.valid_through, d(2026, 12, 31));
        // 4 July 2026 to 31 December 2026 is 181 days counting both ends: still this year.
        assert_eq!(
            next_period(&s, None, d(2026, 7, 4)).unwrap().valid_through,
            d(2026, 12, 31)
        );
        // 5 July: 180 days. 6 July: 179 days, too short: next year's 31 December.
        assert_eq!(
            next_period(&s, None, d(2026, 7, 5)).unwrap().valid_through,
            d(2026, 12, 31)
        );
        assert_eq!(
            next_period(&s, None, d(2026, 7, 6)).unwrap().valid_through,
            d(2027, 12, 31)
        );
        // Renewal inside the window: the next year's fixed date.
        let c = current(d(2026, 1, 1), d(2026, 12, 31));
        let p = next_period(&s, c, d(2026, 12, 1)).expect("in window");
        assert_eq!(
            (p.valid_from, p.valid_through),
            (d(2027, 1, 1), d(2027, 12, 31))
        );
    }

    #[test]
    fn summer_time_does_not_move_the_dates() {
        // The sign-off day is a calendar date (see dates::amsterdam_date): the night the clocks
        // go forward or back changes nothing.
        let s = LicenceSettings::default();
        let p = next_period(&s, None, d(2026, 3, 29)).expect("issued");
        assert_eq!(p.valid_through, d(2027, 3, 28));
        let p = next_period(&s, None, d(2026, 10, 25)).expect("issued");
        assert_eq!(p.valid_through, d(2027, 10, 24));
    }
}
