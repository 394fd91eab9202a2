//! Day-one reminders as pure rules: a newcomer who was never certified is invited to earn their
//! first licence the day they are first seen, then reminded like a licence holder, counted from
//! the day they joined. No clock and no database here (see the parent module for the scheduler).
//!
//! # The schedule of a newcomer who joined on `joined`
//!
//! The first licence is **due** `window_days` after joining (the organisation's renewal window,
//! 60 days by default): a newcomer gets as long to earn their first licence as a holder gets to
//! renew one.
//!
//! - `first-licence` on `joined`: the invitation (what the licence is, how to start);
//! - `first-before-N` on `due − N` for every reminder offset N > 0 that falls after joining;
//! - `first-due` on the due day itself when the offsets contain 0;
//! - `first-overdue-K` on `due + K × expired_every_days` (K = 1, 2, …), for at most
//!   [`EXPIRED_REMINDER_SPAN_DAYS`] days, as for an expired licence; 0 sends none.
//!
//! One message a day: the invitation beats `first-due`, which beats the others. The manager is
//! copied on every reminder dated `manager_cc_days` or fewer before the due day (never on the
//! invitation unless the term is that short).
//!
//! **Catch-up** is the same rule as for a period ([`super::catch_up`]) from the joining day: a
//! person the scheduler first sees weeks after they joined (an upgraded installation, the
//! scheduler switched off for a while) gets only the most recent reminder owed — worded as an
//! invitation, with the real days left — and the older ones are recorded as superseded. The
//! schedule ends with the first licence period (the scheduler only looks at people without one),
//! or when the person leaves or loses the employee role.

use super::{EXPIRED_REMINDER_SPAN_DAYS, Plan, ReminderRules, Scheduled, catch_up};
use chrono::{Days, NaiveDate};

/// One kind of day-one reminder; stored as [`FirstKind::code`] (`first-licence`, `first-before-30`,
/// `first-due`, `first-overdue-2`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FirstKind {
    /// The invitation on the day the person joined.
    Invite,
    /// N > 0 days before the first licence is due.
    Before(u32),
    /// The day it is due.
    Due,
    /// The K-th reminder (K ≥ 1) after it was due.
    Overdue(u32),
}

/// Every stored code starts with this (what tells a day-one reminder from a licence reminder).
pub const PREFIX: &str = "first-";

impl FirstKind {
    pub fn code(self) -> String {
        match self {
            FirstKind::Invite => "first-licence".to_owned(),
            FirstKind::Before(n) => format!("first-before-{n}"),
            FirstKind::Due => "first-due".to_owned(),
            FirstKind::Overdue(k) => format!("first-overdue-{k}"),
        }
    }

    /// The kind a stored code names; `None` for anything else.
    pub fn parse(code: &str) -> Option<FirstKind> {
        let number = super::positive_number;
        match code {
            "first-licence" => Some(FirstKind::Invite),
            "first-due" => Some(FirstKind::Due),
            _ => {
                if let Some(n) = code.strip_prefix("first-before-") {
                    number(n).map(FirstKind::Before)
                } else {
                    code.strip_prefix("first-overdue-")
                        .and_then(number)
                        .map(FirstKind::Overdue)
                }
            }
        }
    }

    /// Which of two kinds on the same day wins (higher wins).
    fn precedence(self) -> u8 {
        match self {
            FirstKind::Invite => 3,
            FirstKind::Due => 2,
            FirstKind::Before(_) | FirstKind::Overdue(_) => 1,
        }
    }
}

impl ReminderRules {
    /// The day a newcomer who joined on `joined` should hold their first licence.
    pub fn first_due(&self, joined: NaiveDate) -> NaiveDate {
        joined + Days::new(u64::from(self.window_days))
    }

    /// How many days after joining a day-one reminder can still be owed (the scheduler looks
    /// at people who joined that recently).
    pub fn first_span_days(&self) -> u32 {
        self.window_days + EXPIRED_REMINDER_SPAN_DAYS
    }

    /// Every day-one reminder of someone who joined on `joined`, in date order, one a day.
    pub fn first_schedule(&self, joined: NaiveDate) -> Vec<Scheduled<FirstKind>> {
        let due = self.first_due(joined);
        let mut kinds: Vec<(FirstKind, NaiveDate)> = vec![(FirstKind::Invite, joined)];
        for &n in &self.offsets {
            let kind = if n == 0 {
                FirstKind::Due
            } else {
                FirstKind::Before(n)
            };
            if let Some(on) = due.checked_sub_days(Days::new(u64::from(n)))
                && on >= joined
            {
                kinds.push((kind, on));
            }
        }
        if self.expired_every_days > 0 {
            let every = self.expired_every_days;
            for k in (1..).take_while(|k| k * every <= EXPIRED_REMINDER_SPAN_DAYS) {
                if let Some(on) = due.checked_add_days(Days::new(u64::from(k * every))) {
                    kinds.push((FirstKind::Overdue(k), on));
                }
            }
        }
        kinds.sort_by(|a, b| {
            a.1.cmp(&b.1)
                .then_with(|| b.0.precedence().cmp(&a.0.precedence()))
        });
        kinds.dedup_by_key(|(_, on)| *on);
        kinds
            .into_iter()
            .map(|(kind, on)| Scheduled {
                kind,
                on,
                copy_manager: (due - on).num_days() <= i64::from(self.manager_cc_days),
            })
            .collect()
    }

    /// What a run on `today` does for someone who joined on `joined`, never certified, with
    /// `recorded` kinds already on record: the catch-up rule of the licence reminders.
    pub fn first_plan(
        &self,
        joined: NaiveDate,
        today: NaiveDate,
        recorded: &[FirstKind],
    ) -> Plan<FirstKind> {
        catch_up(self.first_schedule(joined), today, joined, recorded)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    fn rules() -> ReminderRules {
        ReminderRules::default()
    }

    #[test]
    fn codes_round_trip_and_never_collide_with_licence_reminders() {
        for kind in [
            FirstKind::Invite,
            FirstKind::Before(30),
            FirstKind::Due,
            FirstKind::Overdue(3),
        ] {
            assert_eq!(FirstKind::parse(&kind.code()), Some(kind));
            assert!(kind.code().starts_with(PREFIX));
            assert_eq!(super::super::ReminderKind::parse(&kind.code()), None);
        }
        for bad in [
            "first-before-0",
            "first-overdue-",
            "first",
            "before-30",
            "first-before-x",
        ] {
            assert_eq!(FirstKind::parse(bad), None, "{bad}");
        }
    }

    /// Defaults (window 60, offsets 60/30/7/0, weekly after, manager from 7 days): invited on
    /// day 0 (the 60-day reminder falls on it and gives way), then 30 and 7 days before the due
    /// day (day 60), on it, then weekly for 26 weeks.
    #[test]
    fn the_default_schedule_counts_from_the_day_they_joined() {
        let joined = d(2027, 1, 4);
        assert_eq!(rules().first_due(joined), d(2027, 3, 5));
        let s = rules().first_schedule(joined);
        let head: Vec<(FirstKind, NaiveDate, bool)> = s
            .iter()
            .take(5)
            .map(|s| (s.kind, s.on, s.copy_manager))
            .collect();
        assert_eq!(
            head,
            [
                (FirstKind::Invite, joined, false),
                (FirstKind::Before(30), d(2027, 2, 3), false),
                (FirstKind::Before(7), d(2027, 2, 26), true),
                (FirstKind::Due, d(2027, 3, 5), true),
                (FirstKind::Overdue(1), d(2027, 3, 12), true),
            ]
        );
        assert_eq!(s.len(), 4 + 26);
        assert!(s.iter().all(|x| x.kind != FirstKind::Before(60)));
        let last = s.last().expect("last");
        assert_eq!(last.kind, FirstKind::Overdue(26));
        assert!((last.on - joined).num_days() <= i64::from(rules().first_span_days()));
    }

    /// The invitation goes out once, on the day they are first seen; each later run sends nothing
    /// until the next reminder is due.
    #[test]
    fn the_invitation_is_sent_once_then_the_offsets() {
        let joined = d(2027, 1, 4);
        let r = rules();
        let plan = r.first_plan(joined, joined, &[]);
        assert_eq!(plan.send.map(|s| s.kind), Some(FirstKind::Invite));
        assert!(plan.supersede.is_empty());
        assert_eq!(
            r.first_plan(joined, joined, &[FirstKind::Invite]),
            Plan::default()
        );
        assert_eq!(
            r.first_plan(joined, d(2027, 2, 2), &[FirstKind::Invite]),
            Plan::default()
        );
        let on_30 = r.first_plan(joined, d(2027, 2, 3), &[FirstKind::Invite]);
        assert_eq!(on_30.send.map(|s| s.kind), Some(FirstKind::Before(30)));
        // The day before joining: nothing.
        assert_eq!(r.first_plan(joined, d(2027, 1, 3), &[]), Plan::default());
    }

    /// Seen for the first time 40 days after joining (the scheduler was off): one message, the
    /// 30-day reminder; the invitation is recorded as superseded, never sent late.
    #[test]
    fn a_late_first_sight_sends_one_catch_up() {
        let joined = d(2027, 1, 4);
        let plan = rules().first_plan(joined, d(2027, 2, 13), &[]);
        assert_eq!(plan.send.map(|s| s.kind), Some(FirstKind::Before(30)));
        assert_eq!(plan.supersede, [FirstKind::Invite]);
        // Seen first after the last overdue reminder's day: that one alone (the scheduler stops
        // looking at a person `first_span_days` after they joined).
        let plan = rules().first_plan(joined, d(2028, 1, 4), &[]);
        assert_eq!(plan.supersede.len(), 29);
        assert_eq!(plan.send.map(|s| s.kind), Some(FirstKind::Overdue(26)));
        let recorded: Vec<FirstKind> = rules()
            .first_schedule(joined)
            .iter()
            .map(|s| s.kind)
            .collect();
        assert_eq!(
            rules().first_plan(joined, d(2028, 1, 4), &recorded),
            Plan::default()
        );
    }

    /// A short term: the due day and an offset land before or on the joining day; the invitation
    /// still wins its day and nothing is dated before joining.
    #[test]
    fn a_short_term_never_schedules_before_joining() {
        let r = ReminderRules::new(&[30, 7, 0], 0, 5, 7);
        let joined = d(2027, 1, 4);
        let s = r.first_schedule(joined);
        let kinds: Vec<(FirstKind, bool)> = s.iter().map(|s| (s.kind, s.copy_manager)).collect();
        assert_eq!(kinds, [(FirstKind::Invite, true), (FirstKind::Due, true)]);
        assert!(s.iter().all(|x| x.on >= joined));
        let none = ReminderRules::new(&[], 0, 0, 0).first_schedule(joined);
        assert_eq!(none.len(), 1, "the invitation alone");
    }
}
