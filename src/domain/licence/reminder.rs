//! Licence reminders as pure rules: which reminder a licence period is owed on which day, who is
//! copied, and what a run after downtime catches up. No clock and no database here: the scheduler
//! (`reminders::run_once`, server only) passes today's date in Europe/Amsterdam and what was
//! already recorded for the period.
//!
//! # The schedule of one period
//!
//! All dates are calendar dates; `valid_through` is the last day the licence counts.
//!
//! - `window-open` on `valid_through − window_days`: the renewal window opens, a new cycle starts
//!   and the holder is invited to walk a journey again;
//! - `before-N` on `valid_through − N` for every reminder offset N > 0 (default 60, 30, 7);
//! - `expiry` on `valid_through` itself when the offsets contain 0: "today is the last day";
//! - `expired-K` on `valid_through + K × expired_every_days` (K = 1, 2, …) while the licence stays
//!   expired, for at most [`EXPIRED_REMINDER_SPAN_DAYS`] days (26 weekly reminders, half a year);
//!   after that the person is left to their manager and HR's overview, so an abandoned licence
//!   does not mail someone forever. `expired_every_days = 0` sends none.
//!
//! A new period (renewal, re-certification) replaces the schedule: the scheduler only looks at
//! each person's current period, so weekly reminders also stop the moment a new period is issued,
//! and a revoked period gets nothing.
//!
//! **One message a day.** When two kinds fall on the same day only one is kept: `expiry` before
//! `window-open` before `before-N`. With the defaults (window 60 days, offsets 60/30/7/0) the
//! window opening and the 60-day reminder coincide; the single `window-open` message carries both
//! (the days left and the invitation to renew), and no `before-60` row is ever recorded.
//!
//! **The manager** is copied on every reminder dated `manager_cc_days` or fewer before the last
//! valid day (default from the 7-day reminder on), including `expiry` and all `expired-K`.
//!
//! # Catch-up after downtime ([`ReminderRules::plan`])
//!
//! On every run, per period: of the reminders dated today or earlier (and not before the day the
//! period was issued), the most recent one is sent if nothing was recorded for it yet. Older ones
//! that were never recorded are recorded as *superseded* in the same transaction and never sent:
//! after a week of downtime across the 30- and 7-day reminders the holder gets one message (the
//! 7-day one, which states the real number of days left), not two stale ones at once. Because
//! every decision is recorded per (period, kind, recipient) before a message goes out, a restart
//! (or a second scheduler) finds the rows and sends nothing twice.
//!
//! Reminders dated before the period was issued are not owed at all: a licence certified by HR 20
//! days before its end does not greet its holder with a "30 days left" reminder on the spot.

use chrono::{Days, NaiveDate};

/// Reminders after expiry stop this many days after the last valid day (26 weeks).
pub const EXPIRED_REMINDER_SPAN_DAYS: u32 = 182;
/// The largest reminder offset the settings accept (a year before expiry).
pub const MAX_OFFSET_DAYS: u32 = 365;

/// One kind of reminder; stored in `licence_reminder.kind` and `notification.detail` as
/// [`ReminderKind::code`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ReminderKind {
    /// The renewal window opens: a new cycle, please walk a journey again.
    WindowOpen,
    /// N > 0 days before the last valid day.
    Before(u32),
    /// The last valid day itself.
    Expiry,
    /// The K-th reminder (K ≥ 1) after expiry.
    Expired(u32),
}

/// The number in a stored reminder code (`before-30`, `first-overdue-2`): digits only, at least 1.
pub(crate) fn positive_number(s: &str) -> Option<u32> {
    (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse::<u32>().ok())
        .flatten()
        .filter(|n| *n > 0)
}

impl ReminderKind {
    /// `window-open`, `before-30`, `expiry`, `expired-2`.
    pub fn code(self) -> String {
        match self {
            ReminderKind::WindowOpen => "window-open".to_owned(),
            ReminderKind::Before(n) => format!("before-{n}"),
            ReminderKind::Expiry => "expiry".to_owned(),
            ReminderKind::Expired(k) => format!("expired-{k}"),
        }
    }

    /// The kind a stored code names; `None` for anything else.
    pub fn parse(code: &str) -> Option<ReminderKind> {
        let number = positive_number;
        match code {
            "window-open" => Some(ReminderKind::WindowOpen),
            "expiry" => Some(ReminderKind::Expiry),
            _ => {
                if let Some(n) = code.strip_prefix("before-") {
                    number(n).map(ReminderKind::Before)
                } else {
                    code.strip_prefix("expired-")
                        .and_then(number)
                        .map(ReminderKind::Expired)
                }
            }
        }
    }

    /// Which of two kinds on the same day wins (higher wins).
    fn precedence(self) -> u8 {
        match self {
            ReminderKind::Expiry => 3,
            ReminderKind::WindowOpen => 2,
            ReminderKind::Before(_) | ReminderKind::Expired(_) => 1,
        }
    }
}

/// The organisation's reminder settings (from `licence_setting`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReminderRules {
    /// Days before the last valid day, descending, without duplicates (0: on the day itself).
    pub offsets: Vec<u32>,
    /// After expiry a reminder every this many days; 0: none.
    pub expired_every_days: u32,
    /// The renewal window opens this many days before the last valid day.
    pub window_days: u32,
    /// The manager is copied from this many days before the last valid day onwards.
    pub manager_cc_days: u32,
}

impl Default for ReminderRules {
    /// The defaults of `licence_setting`: 60, 30, 7 days before and on the day, weekly after,
    /// window 60 days, manager copied from 7 days.
    fn default() -> Self {
        ReminderRules::new(&[60, 30, 7, 0], 7, 60, 7)
    }
}

/// One reminder in a schedule (a period's, or a newcomer's first licence: [`first`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scheduled<K = ReminderKind> {
    pub kind: K,
    /// The day it is due.
    pub on: NaiveDate,
    /// Whether the holder's manager is copied.
    pub copy_manager: bool,
}

/// What one run does for one period: send at most one reminder, and record older missed ones as
/// superseded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan<K = ReminderKind> {
    pub send: Option<Scheduled<K>>,
    pub supersede: Vec<K>,
}

impl<K> Default for Plan<K> {
    fn default() -> Self {
        Plan {
            send: None,
            supersede: Vec::new(),
        }
    }
}

/// The catch-up rule over `schedule` (date order): of the reminders dated from `since` through
/// `today`, the latest is sent unless `recorded`, the older unrecorded ones are superseded.
pub(crate) fn catch_up<K: Copy + PartialEq>(
    schedule: Vec<Scheduled<K>>,
    today: NaiveDate,
    since: NaiveDate,
    recorded: &[K],
) -> Plan<K> {
    let owed: Vec<Scheduled<K>> = schedule
        .into_iter()
        .filter(|s| s.on <= today && s.on >= since)
        .collect();
    let Some((latest, older)) = owed.split_last() else {
        return Plan::default();
    };
    Plan {
        send: (!recorded.contains(&latest.kind)).then_some(*latest),
        supersede: older
            .iter()
            .map(|s| s.kind)
            .filter(|k| !recorded.contains(k))
            .collect(),
    }
}

impl ReminderRules {
    /// Rules from settings values; offsets are sorted descending and duplicates dropped.
    pub fn new(
        offsets: &[u32],
        expired_every_days: u32,
        window_days: u32,
        manager_cc_days: u32,
    ) -> ReminderRules {
        let mut offsets = offsets.to_vec();
        offsets.sort_unstable_by(|a, b| b.cmp(a));
        offsets.dedup();
        ReminderRules {
            offsets,
            expired_every_days,
            window_days,
            manager_cc_days,
        }
    }

    /// Every reminder of a period ending on `valid_through`, in date order, one a day.
    pub fn schedule(&self, valid_through: NaiveDate) -> Vec<Scheduled> {
        let mut kinds: Vec<(ReminderKind, NaiveDate)> = Vec::new();
        let before = |n: u32| valid_through.checked_sub_days(Days::new(u64::from(n)));
        if let Some(on) = before(self.window_days) {
            kinds.push((ReminderKind::WindowOpen, on));
        }
        for &n in &self.offsets {
            let kind = if n == 0 {
                ReminderKind::Expiry
            } else {
                ReminderKind::Before(n)
            };
            if let Some(on) = before(n) {
                kinds.push((kind, on));
            }
        }
        if self.expired_every_days > 0 {
            let every = self.expired_every_days;
            for k in (1..).take_while(|k| k * every <= EXPIRED_REMINDER_SPAN_DAYS) {
                if let Some(on) = valid_through.checked_add_days(Days::new(u64::from(k * every))) {
                    kinds.push((ReminderKind::Expired(k), on));
                }
            }
        }
        // Date order; on a shared day the winner first, then drop the others of that day.
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
                copy_manager: (valid_through - on).num_days() <= i64::from(self.manager_cc_days),
            })
            .collect()
    }

    /// The reminder dated exactly `today`, if any (what a daily run with no downtime sends).
    pub fn due_on(&self, valid_through: NaiveDate, today: NaiveDate) -> Option<Scheduled> {
        self.schedule(valid_through)
            .into_iter()
            .find(|s| s.on == today)
    }

    /// What a run on `today` does for a period ending on `valid_through`, issued on `issued_on`,
    /// for which `recorded` kinds already have rows (sent, pending or superseded). See the module
    /// documentation for the catch-up rule.
    pub fn plan(
        &self,
        valid_through: NaiveDate,
        today: NaiveDate,
        issued_on: NaiveDate,
        recorded: &[ReminderKind],
    ) -> Plan {
        catch_up(self.schedule(valid_through), today, issued_on, recorded)
    }
}

/// Parses the settings field "reminder days" (`"60,30,7,0"`): whole numbers of days before the
/// last valid day, 0 to [`MAX_OFFSET_DAYS`], each at most once, separated by commas; spaces are
/// fine, an empty field means no reminders before expiry. Returned descending. The error is a
/// translation key for the settings form.
pub fn parse_offsets(raw: &str) -> Result<Vec<u32>, &'static str> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(Vec::new());
    }
    let mut offsets = Vec::new();
    for part in raw.split(',').map(str::trim) {
        if part.starts_with('-') && part.len() > 1 && part[1..].bytes().all(|b| b.is_ascii_digit())
        {
            return Err("licence-error-offsets-negative");
        }
        if part.is_empty() || !part.bytes().all(|b| b.is_ascii_digit()) {
            return Err("licence-error-offsets-number");
        }
        let n = part
            .parse::<u32>()
            .ok()
            .filter(|n| *n <= MAX_OFFSET_DAYS)
            .ok_or("licence-error-offsets-range")?;
        if offsets.contains(&n) {
            return Err("licence-error-offsets-duplicate");
        }
        offsets.push(n);
    }
    offsets.sort_unstable_by(|a, b| b.cmp(a));
    Ok(offsets)
}

/// The offsets as the settings field shows them (`"60,30,7,0"`).
pub fn format_offsets(offsets: &[u32]) -> String {
    offsets
        .iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(",")
}

pub mod first;

#[cfg(test)]
mod tests;
