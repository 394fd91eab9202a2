//! How an improvement moves through its statuses: which moves are allowed, when a comment is
//! required, and what a move sets (fixed/closed dates, whom to tell). Checked again inside the
//! writing transaction against the status as it is then.
//!
//! The rules: nothing goes back to "new" (new means nobody has looked at it yet); the open
//! statuses (new, planned, in progress) move freely forward and between planned and in progress;
//! any open status may be closed as fixed or as won't fix; "won't fix" needs a reason the
//! reporters read; a closed improvement is only reopened (fixed → in progress; won't fix →
//! planned or in progress), with a comment saying why; fixed never turns into won't fix or back
//! without being reopened first.

use super::ImprovementStatus::{self, Fixed, InProgress, New, Planned, WontFix};
use crate::domain::FieldErrors;

/// The longest comment or reason of a status change.
pub const COMMENT_MAX: usize = crate::domain::text::MEDIUM;

/// The statuses `from` may move to, in the order a form offers them.
pub fn next_statuses(from: ImprovementStatus) -> &'static [ImprovementStatus] {
    match from {
        New => &[Planned, InProgress, Fixed, WontFix],
        Planned => &[InProgress, Fixed, WontFix],
        InProgress => &[Planned, Fixed, WontFix],
        Fixed => &[InProgress],
        WontFix => &[Planned, InProgress],
    }
}

/// True when the move takes a closed improvement back to work.
pub fn is_reopening(from: ImprovementStatus, to: ImprovementStatus) -> bool {
    from.is_closed() && !to.is_closed()
}

/// A checked status change: the comment (trimmed, possibly empty) kept with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusChange {
    pub from: ImprovementStatus,
    pub to: ImprovementStatus,
    pub comment: String,
}

impl StatusChange {
    /// Fixed sets `fixed_at` (later walkers' confirmations count from there).
    pub fn sets_fixed_at(&self) -> bool {
        self.to == Fixed
    }

    /// Fixed or won't fix sets `closed_at`; reopening clears it.
    pub fn closes(&self) -> bool {
        self.to.is_closed()
    }

    /// Whom a move concerns beyond the team: reporters and recognisers hear of fixed and won't
    /// fix (as the `improvement_mail` event code), of nothing else.
    pub fn news_event(&self) -> Option<&'static str> {
        match self.to {
            Fixed => Some("fixed"),
            WontFix => Some("wont_fix"),
            _ => None,
        }
    }
}

/// Checks a move from `from` to the posted `to` with `comment`; every problem at once, as
/// translation keys on the form's `status` and `comment` fields.
pub fn check_change(
    from: ImprovementStatus,
    to: &str,
    comment: &str,
) -> Result<StatusChange, FieldErrors> {
    let mut errors = FieldErrors::new();
    let to = errors.check("status", ImprovementStatus::parse(to.trim()));
    if let Some(to) = to
        && !next_statuses(from).contains(&to)
    {
        errors.add("status", "improvement-life-error-move");
    }
    let comment = match crate::domain::text::optional(comment, COMMENT_MAX) {
        Ok(c) => c.unwrap_or_default(),
        Err(key) => {
            errors.add("comment", key);
            String::new()
        }
    };
    if let Some(to) = to
        && comment.is_empty()
        && errors.for_field("comment").is_none()
    {
        if to == WontFix {
            errors.add("comment", "improvement-life-error-reason");
        } else if is_reopening(from, to) {
            errors.add("comment", "improvement-life-error-reopen-reason");
        }
    }
    match to {
        Some(to) if errors.is_empty() => Ok(StatusChange { from, to, comment }),
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_open_statuses_move_forward_and_close_either_way() {
        for from in [New, Planned, InProgress] {
            for to in [Fixed, WontFix] {
                assert!(next_statuses(from).contains(&to), "{from:?} → {to:?}");
            }
        }
        assert!(next_statuses(New).contains(&Planned));
        assert!(next_statuses(Planned).contains(&InProgress));
        assert!(next_statuses(InProgress).contains(&Planned));
    }

    #[test]
    fn nothing_goes_back_to_new_and_no_status_moves_to_itself() {
        for from in ImprovementStatus::ALL {
            assert!(!next_statuses(from).contains(&New), "{from:?} → new");
            assert!(!next_statuses(from).contains(&from), "{from:?} → itself");
        }
        let refused = check_change(Planned, "new", "").unwrap_err();
        assert_eq!(
            refused.for_field("status"),
            Some("improvement-life-error-move")
        );
    }

    #[test]
    fn a_closed_improvement_is_only_reopened_with_a_comment() {
        assert_eq!(next_statuses(Fixed), &[InProgress]);
        assert_eq!(next_statuses(WontFix), &[Planned, InProgress]);
        assert!(check_change(Fixed, "wont_fix", "toch niet").is_err());
        assert!(check_change(WontFix, "fixed", "toch wel").is_err());
        let silent = check_change(Fixed, "in_progress", "  ").unwrap_err();
        assert_eq!(
            silent.for_field("comment"),
            Some("improvement-life-error-reopen-reason")
        );
        let reopened = check_change(Fixed, "in_progress", "Twee lopers melden het weer.").unwrap();
        assert!(is_reopening(reopened.from, reopened.to));
        assert!(!reopened.closes());
        assert_eq!(reopened.news_event(), None);
    }

    #[test]
    fn wont_fix_needs_a_reason_and_tells_the_reporters() {
        let missing = check_change(InProgress, "wont_fix", "").unwrap_err();
        assert_eq!(
            missing.for_field("comment"),
            Some("improvement-life-error-reason")
        );
        let change = check_change(InProgress, "wont_fix", " Wettelijk verplicht. ").unwrap();
        assert_eq!(change.comment, "Wettelijk verplicht.");
        assert!(change.closes());
        assert!(!change.sets_fixed_at());
        assert_eq!(change.news_event(), Some("wont_fix"));
    }

    #[test]
    fn fixed_sets_both_dates_and_needs_no_comment() {
        let change = check_change(Planned, "fixed", "").unwrap();
        assert!(change.sets_fixed_at());
        assert!(change.closes());
        assert_eq!(change.news_event(), Some("fixed"));
        let planned = check_change(New, "planned", "").unwrap();
        assert!(!planned.closes());
        assert_eq!(planned.news_event(), None);
    }

    #[test]
    fn every_bad_field_is_reported_at_once() {
        let long = "x".repeat(COMMENT_MAX + 1);
        let errors = check_change(New, "done", &long).unwrap_err();
        assert_eq!(errors.for_field("status"), Some("improvement-error-status"));
        assert_eq!(errors.for_field("comment"), Some("error-too-long"));
    }
}
