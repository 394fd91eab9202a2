//! Improvements: what a team decides to do about the frictions colleagues logged on its steps.
//! The vocabulary every layer shares (statuses, SERVQUAL gaps, the lead's priority, the triage
//! outcome) lives here with its codes and translation keys; the rules are in the submodules.

pub mod access;
pub mod escalation;
pub mod inbox;
pub mod life;
pub mod overview;
pub mod priority;
pub mod reopen;
pub mod similar;
pub mod status;
pub mod triage;

use serde::{Deserialize, Serialize};

/// Where an improvement stands. `Fixed` and `WontFix` close it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImprovementStatus {
    New,
    Planned,
    InProgress,
    Fixed,
    WontFix,
}

impl ImprovementStatus {
    pub const ALL: [ImprovementStatus; 5] = [
        ImprovementStatus::New,
        ImprovementStatus::Planned,
        ImprovementStatus::InProgress,
        ImprovementStatus::Fixed,
        ImprovementStatus::WontFix,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ImprovementStatus::New => "new",
            ImprovementStatus::Planned => "planned",
            ImprovementStatus::InProgress => "in_progress",
            ImprovementStatus::Fixed => "fixed",
            ImprovementStatus::WontFix => "wont_fix",
        }
    }

    pub fn parse(code: &str) -> Result<ImprovementStatus, &'static str> {
        Self::ALL
            .into_iter()
            .find(|s| s.code() == code)
            .ok_or("improvement-error-status")
    }

    pub fn label_key(self) -> &'static str {
        match self {
            ImprovementStatus::New => "improvement-status-new",
            ImprovementStatus::Planned => "improvement-status-planned",
            ImprovementStatus::InProgress => "improvement-status-in-progress",
            ImprovementStatus::Fixed => "improvement-status-fixed",
            ImprovementStatus::WontFix => "improvement-status-wont-fix",
        }
    }

    /// Fixed or won't fix: nobody works on it any more.
    pub fn is_closed(self) -> bool {
        matches!(self, ImprovementStatus::Fixed | ImprovementStatus::WontFix)
    }
}

/// The SERVQUAL gap a friction shows: where between the customer's expectation and what they
/// met the service broke.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Gap {
    /// The promise misjudges what customers want.
    Knowledge,
    /// The promise is not turned into a process.
    Specification,
    /// The process exists but was not delivered.
    Delivery,
    /// The customer was told something else.
    Communication,
}

impl Gap {
    pub const ALL: [Gap; 4] = [
        Gap::Knowledge,
        Gap::Specification,
        Gap::Delivery,
        Gap::Communication,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Gap::Knowledge => "knowledge",
            Gap::Specification => "specification",
            Gap::Delivery => "delivery",
            Gap::Communication => "communication",
        }
    }

    pub fn parse(code: &str) -> Result<Gap, &'static str> {
        Self::ALL
            .into_iter()
            .find(|g| g.code() == code)
            .ok_or("improvement-error-gap")
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Gap::Knowledge => "gap-knowledge",
            Gap::Specification => "gap-specification",
            Gap::Delivery => "gap-delivery",
            Gap::Communication => "gap-communication",
        }
    }
}

/// The priority a lead gives an improvement (the computed score is shown beside it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LeadPriority {
    High,
    Medium,
    Low,
}

impl LeadPriority {
    pub const ALL: [LeadPriority; 3] =
        [LeadPriority::High, LeadPriority::Medium, LeadPriority::Low];

    pub fn code(self) -> &'static str {
        match self {
            LeadPriority::High => "high",
            LeadPriority::Medium => "medium",
            LeadPriority::Low => "low",
        }
    }

    pub fn parse(code: &str) -> Result<LeadPriority, &'static str> {
        Self::ALL
            .into_iter()
            .find(|p| p.code() == code)
            .ok_or("improvement-error-priority")
    }

    pub fn label_key(self) -> &'static str {
        match self {
            LeadPriority::High => "improvement-priority-high",
            LeadPriority::Medium => "improvement-priority-medium",
            LeadPriority::Low => "improvement-priority-low",
        }
    }
}

/// What a later walker says about a fixed improvement at its step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConfirmationAnswer {
    /// "Ja, dat klopt."
    Fixed,
    /// "Nee, nog steeds een probleem."
    StillProblem,
    /// "Niet tegengekomen."
    NotSeen,
}

impl ConfirmationAnswer {
    pub const ALL: [ConfirmationAnswer; 3] = [
        ConfirmationAnswer::Fixed,
        ConfirmationAnswer::StillProblem,
        ConfirmationAnswer::NotSeen,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ConfirmationAnswer::Fixed => "fixed",
            ConfirmationAnswer::StillProblem => "still_problem",
            ConfirmationAnswer::NotSeen => "not_seen",
        }
    }

    pub fn parse(code: &str) -> Result<ConfirmationAnswer, &'static str> {
        Self::ALL
            .into_iter()
            .find(|a| a.code() == code)
            .ok_or("improvement-error-answer")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_reads_back_as_itself() {
        for s in ImprovementStatus::ALL {
            assert_eq!(ImprovementStatus::parse(s.code()), Ok(s));
        }
        for g in Gap::ALL {
            assert_eq!(Gap::parse(g.code()), Ok(g));
        }
        for p in LeadPriority::ALL {
            assert_eq!(LeadPriority::parse(p.code()), Ok(p));
        }
        for a in ConfirmationAnswer::ALL {
            assert_eq!(ConfirmationAnswer::parse(a.code()), Ok(a));
        }
        assert!(ImprovementStatus::parse("done").is_err());
        assert!(Gap::parse("").is_err());
    }

    #[test]
    fn only_fixed_and_wont_fix_are_closed() {
        let closed: Vec<_> = ImprovementStatus::ALL
            .into_iter()
            .filter(|s| s.is_closed())
            .collect();
        assert_eq!(
            closed,
            [ImprovementStatus::Fixed, ImprovementStatus::WontFix]
        );
    }
}
