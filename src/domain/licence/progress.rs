//! What is still needed for the next sign-off, in the order an employee does it: a completed
//! walkthrough in this cycle, a presentation of it, the reviewer's confirmation that it was
//! presented, and the sign-off itself.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RenewalProgress {
    /// A walkthrough in progress this cycle (to continue).
    pub walkthrough_in_progress: Option<i64>,
    /// The completed walkthrough of this cycle not yet used for a licence.
    pub walkthrough_completed: Option<i64>,
    /// Its presentation, with its status code (`draft`, `presented`, `confirmed`, `sent_back`).
    pub presentation: Option<(i64, String)>,
    /// The reviewer confirmed it was presented.
    pub confirmed: bool,
}

/// One line of the checklist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Step {
    Walkthrough,
    Presentation,
    Confirmation,
    SignOff,
}

impl RenewalProgress {
    /// The reviewer may sign off: a completed walkthrough with a confirmed presentation.
    pub fn ready_for_sign_off(&self) -> bool {
        self.walkthrough_completed.is_some() && self.confirmed
    }

    /// Each step and whether it is done; the sign-off is never done here (it makes a new period,
    /// which starts a new cycle).
    pub fn checklist(&self) -> [(Step, bool); 4] {
        let presented = self
            .presentation
            .as_ref()
            .is_some_and(|(_, status)| matches!(status.as_str(), "presented" | "confirmed"));
        [
            (Step::Walkthrough, self.walkthrough_completed.is_some()),
            (Step::Presentation, presented),
            (Step::Confirmation, self.confirmed),
            (Step::SignOff, false),
        ]
    }

    /// (steps done, steps in the checklist): what "2 of 4 steps" counts, so a summary of the
    /// progress can never disagree with the checklist beside it.
    pub fn steps_done(&self) -> (usize, usize) {
        let list = self.checklist();
        (list.iter().filter(|(_, done)| *done).count(), list.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ready_only_with_a_completed_walkthrough_and_a_confirmation() {
        let mut p = RenewalProgress::default();
        assert!(!p.ready_for_sign_off());
        assert_eq!(p.checklist().map(|(_, done)| done), [false; 4]);
        p.walkthrough_completed = Some(4);
        p.presentation = Some((9, "draft".into()));
        assert!(!p.ready_for_sign_off());
        assert_eq!(
            p.checklist().map(|(_, done)| done),
            [true, false, false, false]
        );
        p.presentation = Some((9, "confirmed".into()));
        p.confirmed = true;
        assert!(p.ready_for_sign_off());
        assert_eq!(
            p.checklist().map(|(_, done)| done),
            [true, true, true, false]
        );
        assert_eq!(p.steps_done(), (3, 4));
        assert_eq!(RenewalProgress::default().steps_done(), (0, 4));
    }
}
