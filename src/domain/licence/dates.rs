//! Calendar arithmetic for licence periods. A period is a pair of calendar dates in
//! Europe/Amsterdam, so summer time never moves a licence by a day: the instant of a sign-off is
//! turned into its Amsterdam date once, and from then on only dates are counted.

use chrono::{DateTime, Datelike, Days, NaiveDate, Utc};
use chrono_tz::Europe::Amsterdam;

/// The calendar date in Amsterdam at the instant `at`.
pub fn amsterdam_date(at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&Amsterdam).date_naive()
}

/// The same day `months` later. When that month lacks the day (29 February in a common year,
/// 31 January + 1 month), the anniversary is the first day of the following month: a licence
/// never runs shorter than its nominal months.
pub fn anniversary(from: NaiveDate, months: u32) -> NaiveDate {
    let total = from.year() * 12 + from.month0() as i32 + months as i32;
    let (year, month0) = (total.div_euclid(12), total.rem_euclid(12) as u32);
    NaiveDate::from_ymd_opt(year, month0 + 1, from.day()).unwrap_or_else(|| {
        // the day does not exist in that month: the first of the next month
        let next = year * 12 + month0 as i32 + 1;
        NaiveDate::from_ymd_opt(next.div_euclid(12), next.rem_euclid(12) as u32 + 1, 1)
            .unwrap_or(NaiveDate::MAX)
    })
}

/// The last day (inclusive) of a term of `months` starting on `from`: the day before the
/// anniversary. 15 March 2026 + 12 months is valid through 14 March 2027.
pub fn last_day_of_term(from: NaiveDate, months: u32) -> NaiveDate {
    anniversary(from, months)
        .pred_opt()
        .unwrap_or(NaiveDate::MIN)
}

/// The first day of a term of `months` that ends on `last_day`: the inverse of
/// [`last_day_of_term`] for dates the calendar has in both months.
pub fn first_day_of_term(last_day: NaiveDate, months: u32) -> NaiveDate {
    shift(last_day, 1)
        .checked_sub_months(chrono::Months::new(months))
        .unwrap_or(last_day)
}

/// `date` moved by `days` (negative: earlier), saturating at the calendar's ends.
pub fn shift(date: NaiveDate, days: i64) -> NaiveDate {
    let magnitude = Days::new(days.unsigned_abs());
    let moved = if days >= 0 {
        date.checked_add_days(magnitude)
    } else {
        date.checked_sub_days(magnitude)
    };
    moved.unwrap_or(if days >= 0 {
        NaiveDate::MAX
    } else {
        NaiveDate::MIN
    })
}

/// The first `month`-`day` on or after `from`. `day` must exist in every year (no 29 February;
/// the settings refuse it).
pub fn next_fixed_date(from: NaiveDate, month: u32, day: u32) -> Option<NaiveDate> {
    let this_year = NaiveDate::from_ymd_opt(from.year(), month, day)?;
    if this_year >= from {
        Some(this_year)
    } else {
        NaiveDate::from_ymd_opt(from.year() + 1, month, day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    #[test]
    fn twelve_months_end_the_day_before_the_anniversary() {
        assert_eq!(last_day_of_term(d(2026, 3, 15), 12), d(2027, 3, 14));
        assert_eq!(last_day_of_term(d(2026, 1, 1), 12), d(2026, 12, 31));
        assert_eq!(last_day_of_term(d(2026, 12, 31), 12), d(2027, 12, 30));
    }

    #[test]
    fn leap_day_plus_twelve_months_runs_through_28_february() {
        // 29 Feb 2028 has no anniversary in 2029: it is 1 March, so the last day is 28 February.
        assert_eq!(anniversary(d(2028, 2, 29), 12), d(2029, 3, 1));
        assert_eq!(last_day_of_term(d(2028, 2, 29), 12), d(2029, 2, 28));
        // Four years on, the leap day exists again.
        assert_eq!(anniversary(d(2028, 2, 29), 48), d(2032, 2, 29));
        // A term that ends in a leap year's February.
        assert_eq!(last_day_of_term(d(2027, 3, 1), 12), d(2028, 2, 29));
    }

    #[test]
    fn first_day_of_a_term_that_ends_on_a_day() {
        assert_eq!(first_day_of_term(d(2027, 3, 14), 12), d(2026, 3, 15));
        assert_eq!(
            last_day_of_term(first_day_of_term(d(2027, 3, 14), 12), 12),
            d(2027, 3, 14)
        );
        assert_eq!(first_day_of_term(d(2026, 12, 31), 12), d(2026, 1, 1));
    }

    #[test]
    fn thirty_first_of_january() {
        assert_eq!(last_day_of_term(d(2026, 1, 31), 12), d(2027, 1, 30));
        // One month from 31 January: February lacks the 31st, so the term runs through 28 February.
        assert_eq!(anniversary(d(2026, 1, 31), 1), d(2026, 3, 1));
        assert_eq!(last_day_of_term(d(2026, 1, 31), 1), d(2026, 2, 28));
        assert_eq!(last_day_of_term(d(2028, 1, 31), 1), d(2028, 2, 29));
    }

    #[test]
    fn the_amsterdam_date_of_an_instant_follows_summer_time() {
        // Summer time starts 29 March 2026 at 01:00 UTC; ends 25 October 2026 at 01:00 UTC.
        let before = Utc.with_ymd_and_hms(2026, 3, 28, 22, 59, 59).unwrap();
        assert_eq!(amsterdam_date(before), d(2026, 3, 28)); // 23:59:59 CET
        let midnight_cet = Utc.with_ymd_and_hms(2026, 3, 28, 23, 0, 0).unwrap();
        assert_eq!(amsterdam_date(midnight_cet), d(2026, 3, 29));
        // In summer, 22:00 UTC is already midnight in Amsterdam.
        let summer = Utc.with_ymd_and_hms(2026, 7, 1, 22, 0, 0).unwrap();
        assert_eq!(amsterdam_date(summer), d(2026, 7, 2));
        let summer_before = Utc.with_ymd_and_hms(2026, 7, 1, 21, 59, 59).unwrap();
        assert_eq!(amsterdam_date(summer_before), d(2026, 7, 1));
        // The night summer time ends: 22:30 UTC on 24 October is 00:30 CEST on the 25th,
        // 23:30 UTC on the 25th is 00:30 CET on the 26th.
        let end = Utc.with_ymd_and_hms(2026, 10, 24, 22, 30, 0).unwrap();
        assert_eq!(amsterdam_date(end), d(2026, 10, 25));
        let after_end = Utc.with_ymd_and_hms(2026, 10, 25, 23, 30, 0).unwrap();
        assert_eq!(amsterdam_date(after_end), d(2026, 10, 26));
    }

    #[test]
    fn fixed_dates_and_shifts() {
        assert_eq!(
            next_fixed_date(d(2026, 5, 1), 12, 31),
            Some(d(2026, 12, 31))
        );
        assert_eq!(
            next_fixed_date(d(2026, 12, 31), 12, 31),
            Some(d(2026, 12, 31))
        );
        assert_eq!(
            next_fixed_date(d(2027, 1, 1), 12, 31),
            Some(d(2027, 12, 31))
        );
        assert_eq!(next_fixed_date(d(2026, 1, 1), 2, 30), None);
        assert_eq!(shift(d(2026, 3, 1), -1), d(2026, 2, 28));
        assert_eq!(shift(d(2028, 2, 28), 1), d(2028, 2, 29));
        assert_eq!(shift(d(2026, 12, 31), -60), d(2026, 11, 1));
    }
}
