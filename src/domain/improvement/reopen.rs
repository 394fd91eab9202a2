//! "Did it work": later walkers of a step say whether a fixed improvement holds. Their answers
//! since it was last fixed make the sentence on the improvement ("bevestigd door 3 van 4 lopers"),
//! and enough "still a problem" answers reopen it by themselves.

use super::ImprovementStatus;
use serde::{Deserialize, Serialize};

/// The answers of later walkers since the improvement was last marked fixed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    pub fixed: i64,
    pub still_problem: i64,
    pub not_seen: i64,
}

impl Tally {
    /// `(confirmed, of)` for "bevestigd door {confirmed} van {of} lopers": only walkers who met
    /// the step count ("not come across it" says nothing about the fix); `None` before anyone did.
    pub fn confirmed_of(self) -> Option<(i64, i64)> {
        let met = self.fixed + self.still_problem;
        (met > 0).then_some((self.fixed, met))
    }
}

/// A fixed improvement reopens once `threshold` later walkers say it is still a problem (counted
/// since it was last fixed, each walker once). Any other status has nothing to reopen.
pub fn should_reopen(status: ImprovementStatus, still_problem: i64, threshold: i64) -> bool {
    status == ImprovementStatus::Fixed && still_problem >= threshold.max(1)
}

/// The status it reopens to: someone is working on it again.
pub const REOPENED_STATUS: ImprovementStatus = ImprovementStatus::InProgress;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sentence_counts_only_walkers_who_met_the_step() {
        assert_eq!(Tally::default().confirmed_of(), None);
        let only_missed = Tally {
            not_seen: 5,
            ..Tally::default()
        };
        assert_eq!(only_missed.confirmed_of(), None);
        let t = Tally {
            fixed: 3,
            still_problem: 1,
            not_seen: 7,
        };
        assert_eq!(t.confirmed_of(), Some((3, 4)));
        let none_confirmed = Tally {
            still_problem: 2,
            ..Tally::default()
        };
        assert_eq!(none_confirmed.confirmed_of(), Some((0, 2)));
    }

    #[test]
    fn a_fixed_improvement_reopens_at_the_threshold_and_not_before() {
        assert!(!should_reopen(ImprovementStatus::Fixed, 0, 2));
        assert!(!should_reopen(ImprovementStatus::Fixed, 1, 2));
        assert!(should_reopen(ImprovementStatus::Fixed, 2, 2));
        assert!(should_reopen(ImprovementStatus::Fixed, 3, 2));
        assert!(should_reopen(ImprovementStatus::Fixed, 1, 1));
        // A threshold below one still needs one walker.
        assert!(!should_reopen(ImprovementStatus::Fixed, 0, 0));
    }

    #[test]
    fn only_a_fixed_improvement_reopens() {
        for status in ImprovementStatus::ALL {
            assert_eq!(
                should_reopen(status, 10, 2),
                status == ImprovementStatus::Fixed,
                "{status:?}"
            );
        }
        assert!(!REOPENED_STATUS.is_closed());
    }
}
