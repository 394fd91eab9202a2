//! Where a walkthrough is in its life, and the licence cycle it counts for.

use crate::domain::Refusal;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Where a walkthrough is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WalkthroughStatus {
    InProgress,
    Completed,
    Abandoned,
}

impl WalkthroughStatus {
    pub fn code(self) -> &'static str {
        match self {
            WalkthroughStatus::InProgress => "in_progress",
            WalkthroughStatus::Completed => "completed",
            WalkthroughStatus::Abandoned => "abandoned",
        }
    }

    pub fn parse(code: &str) -> Option<WalkthroughStatus> {
        [
            WalkthroughStatus::InProgress,
            WalkthroughStatus::Completed,
            WalkthroughStatus::Abandoned,
        ]
        .into_iter()
        .find(|s| s.code() == code)
    }

    pub fn label_key(self) -> &'static str {
        match self {
            WalkthroughStatus::InProgress => "walk-status-in-progress",
            WalkthroughStatus::Completed => "walk-status-completed",
            WalkthroughStatus::Abandoned => "walk-status-abandoned",
        }
    }
}

/// An employee may start a new walkthrough only when none is in progress in the same cycle.
pub fn check_can_start(in_progress_this_cycle: usize) -> Result<(), Refusal> {
    if in_progress_this_cycle == 0 {
        Ok(())
    } else {
        Err(Refusal::WalkAlreadyInProgress)
    }
}

/// The licence cycle a moment falls in: the calendar year in Amsterdam.
pub fn cycle_year(at: DateTime<Utc>) -> i64 {
    use chrono::Datelike;
    i64::from(at.with_timezone(&chrono_tz::Europe::Amsterdam).year())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn one_walkthrough_in_progress_per_cycle() {
        assert_eq!(check_can_start(0), Ok(()));
        assert_eq!(check_can_start(1), Err(Refusal::WalkAlreadyInProgress));
    }

    #[test]
    fn cycle_is_the_amsterdam_calendar_year() {
        // 23:30 UTC on 31 December is already New Year in Amsterdam.
        let eve = Utc
            .with_ymd_and_hms(2026, 12, 31, 23, 30, 0)
            .single()
            .expect("valid");
        assert_eq!(cycle_year(eve), 2027);
    }
}
