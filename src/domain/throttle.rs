//! The rule behind sign-in throttling (`security::throttle`): how many failed attempts are free
//! and how the wait grows after that. Pure, so the edge cases are tested here.

use chrono::{DateTime, Duration, Utc};

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
}
