//! When an open improvement is escalated to its owner and the owning team's leads: past its due
//! date (once per due date: moving the date to later starts afresh), or untouched for the stale
//! span (once per span: a month of silence reminds once, two months twice). The period names the
//! occasion, so a claim per (improvement, event, period, recipient) is sent exactly once.

use super::ImprovementStatus;
use chrono::{Days, NaiveDate};

/// Why an improvement is escalated; its code is the `improvement_mail.event`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EscalationKind {
    Overdue,
    Stale,
}

impl EscalationKind {
    pub fn code(self) -> &'static str {
        match self {
            EscalationKind::Overdue => "overdue",
            EscalationKind::Stale => "stale",
        }
    }
}

/// One escalation owed: its kind and the period it is for (the due date; the first day of the
/// stale span).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Escalation {
    pub kind: EscalationKind,
    pub period: NaiveDate,
}

/// What an improvement is owed `today` (Europe/Amsterdam): overdue when its due date has passed,
/// stale when `last_activity` (the Amsterdam date of its last change) is `stale_days` or more
/// ago. Closed improvements are never escalated.
pub fn owed(
    today: NaiveDate,
    status: ImprovementStatus,
    due_on: Option<NaiveDate>,
    last_activity: NaiveDate,
    stale_days: i64,
) -> Vec<Escalation> {
    let mut owed = Vec::new();
    if status.is_closed() {
        return owed;
    }
    if let Some(due) = due_on
        && due < today
    {
        owed.push(Escalation {
            kind: EscalationKind::Overdue,
            period: due,
        });
    }
    if let Some(start) = stale_since(today, last_activity, stale_days) {
        owed.push(Escalation {
            kind: EscalationKind::Stale,
            period: start,
        });
    }
    owed
}

/// The first day of the stale span `today` falls in: `last_activity` + k × `stale_days` for the
/// largest k ≥ 1 not after today; `None` while it is fresher than one span.
fn stale_since(today: NaiveDate, last_activity: NaiveDate, stale_days: i64) -> Option<NaiveDate> {
    let span = stale_days.max(1);
    let quiet = (today - last_activity).num_days();
    let spans = quiet / span;
    if spans < 1 {
        return None;
    }
    last_activity.checked_add_days(Days::new(u64::try_from(spans * span).ok()?))
}

/// The earliest last activity that can make an improvement stale today: a bound for the query.
pub fn stale_before(today: NaiveDate, stale_days: i64) -> NaiveDate {
    today
        .checked_sub_days(Days::new(u64::try_from(stale_days.max(1)).unwrap_or(1)))
        .unwrap_or(today)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2027, m, day).expect("date")
    }

    const OPEN: ImprovementStatus = ImprovementStatus::Planned;

    #[test]
    fn overdue_the_day_after_the_due_date_once_per_due_date() {
        assert!(owed(d(3, 1), OPEN, Some(d(3, 1)), d(3, 1), 30).is_empty());
        let late = owed(d(3, 2), OPEN, Some(d(3, 1)), d(3, 1), 30);
        assert_eq!(
            late,
            [Escalation {
                kind: EscalationKind::Overdue,
                period: d(3, 1)
            }]
        );
        // Weeks later it is the same period: no second reminder.
        assert_eq!(owed(d(3, 20), OPEN, Some(d(3, 1)), d(3, 10), 30), late);
        // A new due date is a new period.
        assert_eq!(
            owed(d(4, 2), OPEN, Some(d(4, 1)), d(3, 25), 30)[0].period,
            d(4, 1)
        );
    }

    #[test]
    fn stale_once_per_span_of_silence() {
        let quiet_since = d(1, 1);
        assert!(owed(d(1, 30), OPEN, None, quiet_since, 30).is_empty());
        let first = owed(d(1, 31), OPEN, None, quiet_since, 30);
        assert_eq!(
            first,
            [Escalation {
                kind: EscalationKind::Stale,
                period: d(1, 31)
            }]
        );
        // Still the same span a few days later; the next span starts 30 days on.
        assert_eq!(owed(d(2, 20), OPEN, None, quiet_since, 30), first);
        assert_eq!(
            owed(d(3, 2), OPEN, None, quiet_since, 30)[0].period,
            d(3, 2)
        );
        // Any activity starts counting again.
        assert!(owed(d(3, 2), OPEN, None, d(2, 25), 30).is_empty());
    }

    #[test]
    fn both_at_once_and_never_when_closed() {
        let both = owed(d(6, 1), OPEN, Some(d(5, 1)), d(1, 1), 30);
        assert_eq!(
            both.iter().map(|e| e.kind).collect::<Vec<_>>(),
            [EscalationKind::Overdue, EscalationKind::Stale]
        );
        for closed in [ImprovementStatus::Fixed, ImprovementStatus::WontFix] {
            assert!(owed(d(6, 1), closed, Some(d(5, 1)), d(1, 1), 30).is_empty());
        }
        for open in [
            ImprovementStatus::New,
            ImprovementStatus::Planned,
            ImprovementStatus::InProgress,
        ] {
            assert_eq!(owed(d(6, 1), open, Some(d(5, 1)), d(1, 1), 30).len(), 2);
        }
    }

    #[test]
    fn the_query_bound_matches_the_rule() {
        let today = d(3, 1);
        let bound = stale_before(today, 30);
        assert!(!owed(today, OPEN, None, bound, 30).is_empty());
        assert!(owed(today, OPEN, None, bound + Days::new(1), 30).is_empty());
    }
}
