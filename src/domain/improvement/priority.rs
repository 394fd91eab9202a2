//! The computed priority score of an improvement, shown beside the lead's own priority on the
//! overview and explained on the improvement's page.
//!
//! In words: every linked friction counts by its severity (blocker 5, major 3, papercut 1, not
//! yet rated 1), every colleague who marked one "herkenbaar" adds 1; that sum is multiplied by
//! one plus the share of this step's walkers who reported anything at all on it (a step where
//! every walker stumbles weighs twice as much as one where nobody else did). Rounded to a whole
//! number.

use serde::{Deserialize, Serialize};

pub const BLOCKER_POINTS: i64 = 5;
pub const MAJOR_POINTS: i64 = 3;
pub const PAPERCUT_POINTS: i64 = 1;
/// A friction its walker has not rated yet counts as the least severe.
pub const UNRATED_POINTS: i64 = 1;
pub const RECOGNITION_POINTS: i64 = 1;

/// What the score is made of, as counted in the database.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PriorityFacts {
    pub blockers: i64,
    pub majors: i64,
    pub papercuts: i64,
    pub unrated: i64,
    /// Colleagues' "herkenbaar" marks on the linked frictions.
    pub recognitions: i64,
    /// Completed walkthroughs that walked the improvement's step.
    pub step_walkers: i64,
    /// Of those, how many logged any friction on that step.
    pub step_reporters: i64,
}

impl PriorityFacts {
    /// The linked frictions (the reports).
    pub fn reports(&self) -> i64 {
        self.blockers + self.majors + self.papercuts + self.unrated
    }

    /// The severity points of the linked frictions.
    pub fn severity_points(&self) -> i64 {
        self.blockers * BLOCKER_POINTS
            + self.majors * MAJOR_POINTS
            + self.papercuts * PAPERCUT_POINTS
            + self.unrated * UNRATED_POINTS
    }

    /// Severity points plus recognitions: the sum before the step's weight.
    pub fn base(&self) -> i64 {
        self.severity_points() + self.recognitions * RECOGNITION_POINTS
    }

    /// The share (0 to 100) of the step's walkers who reported anything on it.
    pub fn reporting_percent(&self) -> i64 {
        if self.step_walkers <= 0 {
            return 0;
        }
        (self.step_reporters.clamp(0, self.step_walkers) * 100 + self.step_walkers / 2)
            / self.step_walkers
    }

    /// The score: `base × (1 + share)`, rounded half up (in whole-number arithmetic, so the list
    /// and the page never disagree by a rounding).
    pub fn score(&self) -> i64 {
        if self.step_walkers <= 0 {
            return self.base();
        }
        let reporters = self.step_reporters.clamp(0, self.step_walkers);
        let numerator = self.base() * (self.step_walkers + reporters);
        (2 * numerator + self.step_walkers) / (2 * self.step_walkers)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(blockers: i64, majors: i64, papercuts: i64) -> PriorityFacts {
        PriorityFacts {
            blockers,
            majors,
            papercuts,
            ..PriorityFacts::default()
        }
    }

    #[test]
    fn severity_weighs_each_linked_friction() {
        let f = facts(1, 1, 1);
        assert_eq!(f.reports(), 3);
        assert_eq!(f.severity_points(), 9);
        assert_eq!(f.score(), 9, "no walkers known: no weight");
        assert!(facts(1, 0, 0).score() > facts(0, 1, 0).score());
        assert!(facts(0, 1, 0).score() > facts(0, 0, 1).score());
        let unrated = PriorityFacts {
            unrated: 2,
            ..PriorityFacts::default()
        };
        assert_eq!(unrated.score(), 2);
    }

    #[test]
    fn more_reports_and_recognitions_raise_the_score() {
        let one = facts(0, 1, 0);
        let recognised = PriorityFacts {
            recognitions: 4,
            ..one
        };
        assert_eq!(recognised.base(), 7);
        assert!(recognised.score() > one.score());
        assert!(facts(0, 2, 0).score() > one.score());
    }

    #[test]
    fn a_step_where_every_walker_stumbles_weighs_double() {
        let nobody_else = PriorityFacts {
            step_walkers: 10,
            step_reporters: 0,
            ..facts(1, 0, 0)
        };
        let everyone = PriorityFacts {
            step_reporters: 10,
            ..nobody_else
        };
        let some = PriorityFacts {
            step_reporters: 3,
            ..nobody_else
        };
        assert_eq!(nobody_else.score(), 5);
        assert_eq!(everyone.score(), 10);
        assert_eq!(some.reporting_percent(), 30);
        // 5 × 1.3 = 6.5, rounded half up
        assert_eq!(some.score(), 7);
    }

    #[test]
    fn odd_counts_stay_within_bounds() {
        let f = PriorityFacts {
            step_walkers: 2,
            step_reporters: 5,
            ..facts(0, 0, 1)
        };
        assert_eq!(f.reporting_percent(), 100);
        assert_eq!(f.score(), 2);
        assert_eq!(PriorityFacts::default().score(), 0);
        assert_eq!(PriorityFacts::default().reporting_percent(), 0);
    }
}
