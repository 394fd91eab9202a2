//! The reminder scheduler (server only): a background task that, at start-up and then every
//! `REMINDER_INTERVAL_SECS`, claims the licence reminders due today (Europe/Amsterdam) and mails
//! them. Time comes from a [`Clock`], so tests drive it over simulated days without sleeping.
//!
//! One run ([`run_once`]):
//! 1. reads the organisation's reminder settings and the current periods whose reminders could be
//!    due (last valid day between today − 26 weeks and today + the furthest offset or window);
//! 2. per period asks the domain rule (`domain::licence::reminder::ReminderRules::plan`) what is
//!    owed given what was recorded, and claims it (`db::reminder::claim`: rows per recipient,
//!    superseded older kinds and the in-app notification, one transaction);
//! 3. mails every pending row: one message per (period, kind) to the holder with the manager in
//!    CC, in the holder's language. Each row's try is counted before sending (a lease, so two
//!    schedulers never mail the same row); the SMTP server's acceptance sets `sent_at`; a failure
//!    keeps the row pending with its error for the next run, until [`MAX_SEND_ATTEMPTS`];
//! 4. does the same for people never certified ([`first`]: the invitation to a first licence on
//!    the day they joined, then reminders counted from it);
//! 5. escalates open improvements past their due date or quiet for `IMPROVEMENT_STALE_DAYS`, and
//!    mails every pending improvement message ([`improvement`]).
//!
//! Every run is logged at info with what it did (claimed, of which for a first licence, sent,
//! failed, superseded). Delivery is at least once per row: only a crash between the SMTP server
//! accepting a message and `sent_at` being written can repeat it on the next run.

mod first;
pub mod improvement;
pub mod nudge;

use crate::db::{self, Db};
use crate::domain::Locale;
use crate::domain::licence::reminder::{EXPIRED_REMINDER_SPAN_DAYS, ReminderKind, ReminderRules};
use crate::domain::licence::{LicenceSettings, amsterdam_date};
use crate::mail::reminder::{ReminderText, compose};
use crate::mail::{Mailer, Recipient};
use chrono::{DateTime, Days, Utc};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Tries per reminder row before giving up (about a day at the default hourly interval).
pub const MAX_SEND_ATTEMPTS: i64 = 24;

/// Where "now" comes from.
pub trait Clock: Send + Sync + 'static {
    fn now(&self) -> DateTime<Utc>;
}

/// The real time.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A clock tests set and move forward; clones share the same time.
#[derive(Debug, Clone)]
pub struct TestClock(Arc<Mutex<DateTime<Utc>>>);

impl TestClock {
    pub fn at(now: DateTime<Utc>) -> TestClock {
        TestClock(Arc::new(Mutex::new(now)))
    }

    pub fn set(&self, now: DateTime<Utc>) {
        *self.0.lock().unwrap_or_else(|e| e.into_inner()) = now;
    }

    pub fn advance(&self, by: chrono::Duration) {
        let mut now = self.0.lock().unwrap_or_else(|e| e.into_inner());
        *now += by;
    }
}

impl Clock for TestClock {
    fn now(&self) -> DateTime<Utc> {
        *self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The reminder rules from the organisation's licence settings.
pub fn rules(settings: &LicenceSettings) -> ReminderRules {
    ReminderRules::new(
        &settings.reminder_days,
        settings.expired_every_days,
        settings.window_days,
        settings.manager_cc_days,
    )
}

/// What one run did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct RunReport {
    /// Reminders claimed (each with its in-app notification).
    pub claimed: usize,
    /// Older reminders recorded as superseded (never mailed).
    pub superseded: usize,
    /// Messages the SMTP server accepted.
    pub sent: usize,
    /// Messages that failed (tried again on the next run).
    pub failed: usize,
    /// Of `claimed`, the day-one reminders (people never certified).
    pub first_licence: usize,
    /// Improvement escalations claimed (one per recipient; their mails are in `sent`/`failed`).
    pub escalated: usize,
}

/// The scheduler: the database, the mailer, a clock and the base of links in messages.
#[derive(Clone)]
pub struct Scheduler {
    pub db: Db,
    pub mailer: Mailer,
    pub clock: Arc<dyn Clock>,
    /// `PUBLIC_URL` (or the local default), without a trailing slash.
    pub link_base: String,
    /// Days the fresh invitation lasts that a holder without a password gets (`access::way_in`).
    pub invite_valid_days: i64,
    /// `IMPROVEMENT_STALE_DAYS`: an open improvement quiet this long is escalated. `None`: this
    /// scheduler leaves improvements alone (their escalations and mail), for tests of the licence
    /// reminders alone.
    pub improvement_stale_days: Option<i64>,
}

impl Scheduler {
    /// One run at the clock's current time.
    pub async fn run_once(&self) -> Result<RunReport, sqlx::Error> {
        run_once(
            &self.db,
            &self.mailer,
            (&self.link_base, self.invite_valid_days),
            self.improvement_stale_days,
            self.clock.now(),
        )
        .await
    }

    /// Runs at once (catching up on what was missed while the app was down), then every
    /// `interval`, until the process ends. Failed runs are logged; the next one tries again.
    /// When the app stops, a run in progress finishes the message it is sending and ends.
    pub fn spawn(self, interval: Duration) -> tokio::task::JoinHandle<()> {
        let in_flight = self.mailer.in_flight.clone();
        in_flight.clone().spawn(async move {
            let mut every = tokio::time::interval(interval);
            every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                tokio::select! {
                    _ = every.tick() => {}
                    () = in_flight.stopping() => break,
                }
                match self.run_once().await {
                    Ok(r) => r.log("scheduled"),
                    Err(e) => tracing::error!(error = %e, "reminder run failed"),
                }
            }
        })
    }
}

impl RunReport {
    /// One info line with what a run did, also when it had nothing to do (so the log shows that
    /// the scheduler runs). `trigger`: `scheduled` or who asked.
    pub fn log(&self, trigger: &str) {
        tracing::info!(
            trigger,
            claimed = self.claimed,
            first_licence = self.first_licence,
            sent = self.sent,
            failed = self.failed,
            superseded = self.superseded,
            escalated = self.escalated,
            "reminder run"
        );
    }
}

/// One run at `now`: claims what is due today and mails everything pending (see the module doc).
/// `links` is the base of links in messages and how long a fresh invitation lasts;
/// `improvement_stale_days` is `IMPROVEMENT_STALE_DAYS` (`None`: improvements are left alone).
pub async fn run_once(
    db: &Db,
    mailer: &Mailer,
    links: (&str, i64),
    improvement_stale_days: Option<i64>,
    now: DateTime<Utc>,
) -> Result<RunReport, sqlx::Error> {
    let today = amsterdam_date(now);
    let rules = rules(&db::licence::settings(db).await?);
    let ahead = rules
        .offsets
        .first()
        .copied()
        .unwrap_or(0)
        .max(rules.window_days);
    let from = today - Days::new(u64::from(EXPIRED_REMINDER_SPAN_DAYS));
    let through = today + Days::new(u64::from(ahead));
    let mut report = RunReport::default();
    for period in db::reminder::current_periods(db, from, through).await? {
        let recorded = db::reminder::recorded_kinds(db, period.period_id).await?;
        let issued_on = amsterdam_date(period.created_at);
        let plan = rules.plan(period.valid_through, today, issued_on, &recorded);
        if plan.send.is_none() && plan.supersede.is_empty() {
            continue;
        }
        let done = db::reminder::claim(db, &period, &plan, mailer.is_enabled(), now).await?;
        report.superseded += done.superseded;
        if done.claimed {
            report.claimed += 1;
            if !mailer.is_enabled() {
                tracing::info!(
                    period = period.period_id,
                    kind = ?plan.send.map(|s| s.kind.code()),
                    "mail disabled: reminder shown in the app only"
                );
            }
        }
    }
    first::claim_due(db, &rules, mailer.is_enabled(), now, &mut report).await?;
    if let Some(stale_days) = improvement_stale_days {
        report.escalated =
            improvement::claim_escalations(db, stale_days, mailer.is_enabled(), now).await?;
    }
    if mailer.is_enabled() {
        send_pending(db, mailer, links, now, &mut report).await?;
        first::send_pending(db, mailer, &rules, links, now, &mut report).await?;
        if improvement_stale_days.is_some() {
            let mailed = improvement::send_pending_at(db, mailer, links.0, now).await?;
            report.sent += mailed.sent;
            report.failed += mailed.failed;
        }
    }
    Ok(report)
}

/// Mails every pending row, one message per (period, kind).
async fn send_pending(
    db: &Db,
    mailer: &Mailer,
    (link_base, invite_valid_days): (&str, i64),
    now: DateTime<Utc>,
    report: &mut RunReport,
) -> Result<(), sqlx::Error> {
    let rows = db::reminder::pending(db, MAX_SEND_ATTEMPTS).await?;
    let today = amsterdam_date(now);
    let link = licence_link(link_base);
    for group in rows.chunk_by(|a, b| a.period_id == b.period_id && a.kind == b.kind) {
        if mailer.in_flight.is_stopping() {
            break;
        }
        let Some(kind) = ReminderKind::parse(&group[0].kind) else {
            tracing::warn!(kind = %group[0].kind, "unknown reminder kind left unsent");
            continue;
        };
        let mut leased = Vec::new();
        for row in group {
            if db::reminder::lease(db, row.id, row.attempts, now).await? {
                leased.push(row);
            }
        }
        let recipients = |role: &str| -> Vec<Recipient> {
            leased
                .iter()
                .filter(|r| r.role == role)
                .map(|r| Recipient {
                    name: r.recipient_name.clone(),
                    email: r.recipient_email.clone(),
                })
                .collect()
        };
        let (mut to, mut cc) = (recipients("to"), recipients("cc"));
        let copy_only = to.is_empty();
        if copy_only {
            // Only the copy is still owed (the holder's message went out earlier).
            std::mem::swap(&mut to, &mut cc);
        }
        if to.is_empty() {
            continue;
        }
        let first = &group[0];
        let manager = group.iter().find(|r| r.role == "cc");
        let content = |link: &str| {
            compose(&ReminderText {
                locale: Locale::parse(&first.holder_language).unwrap_or_default(),
                holder_name: &first.holder_name,
                kind,
                valid_through: first.valid_through,
                today,
                link,
                manager_name: manager.map(|m| m.recipient_name.as_str()),
            })
        };
        // A holder who never set a password gets their own way in; the manager's copy never
        // carries it, so it then goes as a message of its own.
        let holder_link = match (
            copy_only,
            db::access::period_holder(db, first.period_id).await?,
        ) {
            (false, Some(holder)) => {
                crate::access::way_in(db, link_base, invite_valid_days, holder, &link).await?
            }
            _ => link.clone(),
        };
        let sent = if holder_link != link && !cc.is_empty() {
            match mailer
                .send("licence_reminder", &to, &[], &content(&holder_link))
                .await
            {
                Ok(()) => {
                    mailer
                        .send("licence_reminder", &cc, &[], &content(&link))
                        .await
                }
                Err(e) => Err(e),
            }
        } else {
            mailer
                .send("licence_reminder", &to, &cc, &content(&holder_link))
                .await
        };
        match sent {
            Ok(()) => {
                report.sent += 1;
                for row in &leased {
                    db::reminder::mark_sent(db, row.id, now).await?;
                }
            }
            Err(e) => {
                report.failed += 1;
                let error = e.to_string();
                for row in &leased {
                    db::reminder::mark_failed(db, row.id, &error, now).await?;
                    if row.attempts + 1 >= MAX_SEND_ATTEMPTS {
                        tracing::error!(reminder = row.id, error = %error, "reminder mail given up");
                    }
                }
                tracing::warn!(period = first.period_id, kind = %first.kind, error = %error, "reminder mail failed; trying again on the next run");
            }
        }
    }
    Ok(())
}

/// The full address of "my licence" that messages link to, from `PUBLIC_URL` (or the default).
pub fn licence_link(link_base: &str) -> String {
    format!(
        "{}{}",
        link_base.trim_end_matches('/'),
        crate::routes::MY_LICENCE
    )
}
