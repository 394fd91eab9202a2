//! Licence reminders over simulated days (a test clock, no sleeping), mailed to a real SMTP
//! server the harness starts (aiosmtpd, tests/integration/common/smtp.rs): each arrives once on its day,
//! catch-up after downtime, revoked periods, and the server's own background task. Delivery
//! failures and the notification page: tests/reminder_delivery.rs.

use crate::common;

use chrono::{Duration, Utc};
use common::reminders::*;
use common::smtp::{ReceivedMail, SmtpSink, free_port, url};
use common::{EMPLOYEE, TestApp};
use klantenrijbewijs::reminders::{RunReport, TestClock};

/// Every day from 62 days before the last valid day to four weeks after it, a run in the morning
/// and a second run by a fresh scheduler (a restart): each reminder arrives exactly once, on its
/// day, in the holder's language, as multipart with a plain-text part, the manager copied from
/// the 7-day reminder on; and each shows up in the app.
#[tokio::test]
async fn reminders_arrive_once_each_on_their_day_in_the_holders_language() {
    let app = TestApp::spawn().await;
    let sink = SmtpSink::start();
    let nl_period = period(&app, EMPLOYEE, vt()).await;
    period(&app, ENGLISH, vt()).await;
    let clock = TestClock::at(morning(day(-62)));
    let mut arrived_on = Vec::new();
    for offset in -62..=29 {
        clock.set(morning(day(offset)));
        let before = sink.messages().len();
        let first = scheduler(&app, mailer(&sink.url()), &clock)
            .run_once()
            .await
            .expect("run");
        let again = scheduler(&app, mailer(&sink.url()), &clock)
            .run_once()
            .await
            .expect("rerun");
        assert_eq!(
            again,
            RunReport::default(),
            "a restart on day {offset} sent something"
        );
        let new = sink.messages().len() - before;
        assert_eq!(new, first.sent, "day {offset}");
        if new > 0 {
            assert_eq!(new, 2, "one message per person on day {offset}");
            arrived_on.push(offset);
        }
    }
    assert_eq!(arrived_on, vec![-60, -30, -7, 0, 7, 14, 21, 28]);

    let mails = sink.messages();
    assert_eq!(mails.len(), 16);
    let daan = to_of(&mails, EMPLOYEE);
    let grace = to_of(&mails, ENGLISH);
    let subjects = |ms: &[&ReceivedMail]| ms.iter().map(|m| m.subject.clone()).collect::<Vec<_>>();
    assert_eq!(
        subjects(&daan),
        [
            "Je klantenrijbewijs: het vernieuwingsvenster is open",
            "Je klantenrijbewijs verloopt over 30 dagen",
            "Je klantenrijbewijs verloopt over 7 dagen",
            "Vandaag is de laatste dag van je klantenrijbewijs",
            "Je klantenrijbewijs is verlopen",
            "Je klantenrijbewijs is verlopen",
            "Je klantenrijbewijs is verlopen",
            "Je klantenrijbewijs is verlopen",
        ]
    );
    assert_eq!(
        subjects(&grace)[..4],
        [
            "Your customer licence: the renewal window is open",
            "Your customer licence expires in 30 days",
            "Your customer licence expires in 7 days",
            "Today is the last day of your customer licence",
        ]
    );
    for (holder, ms) in [(EMPLOYEE, &daan), (ENGLISH, &grace)] {
        let manager = manager_email(&app, holder).await;
        for (i, m) in ms.iter().enumerate() {
            assert_eq!(m.content_type, "multipart/alternative", "{}", m.raw);
            let text = m.text.as_deref().expect("a text/plain part");
            assert!(text.contains("https://krb.example.nl/licence"), "{text}");
            assert!(
                m.html
                    .as_deref()
                    .is_some_and(|h| h.contains("href=\"https://krb.example.nl/licence\""))
            );
            let copied = i >= 2;
            assert_eq!(
                m.cc == [manager.clone()],
                copied,
                "cc of message {i} to {holder}"
            );
            assert_eq!(
                m.rcpt_to.contains(&manager),
                copied,
                "envelope of message {i}"
            );
            assert!(m.rcpt_to.contains(&holder.to_owned()));
        }
    }
    assert!(
        daan[3]
            .text
            .as_deref()
            .is_some_and(|t| t.contains("vandaag is de laatste dag dat het telt"))
    );
    assert!(
        grace[3]
            .text
            .as_deref()
            .is_some_and(|t| t.contains("today is the last day it counts"))
    );
    assert!(
        grace[4]
            .text
            .as_deref()
            .is_some_and(|t| t.contains("expired 7 days ago"))
    );

    // One row per (kind, recipient), all sent: 8 to the holder, 6 copies to the manager.
    let recorded = rows(&app, nl_period).await;
    assert_eq!(recorded.iter().filter(|r| r.1 == "to").count(), 8);
    assert_eq!(recorded.iter().filter(|r| r.1 == "cc").count(), 6);
    assert!(
        recorded.iter().all(|r| r.2 && r.3.is_none()),
        "{recorded:?}"
    );
    let kinds: Vec<_> = recorded
        .iter()
        .filter(|r| r.1 == "to")
        .map(|r| r.0.as_str())
        .collect();
    assert_eq!(
        kinds,
        [
            "window-open",
            "before-30",
            "before-7",
            "expiry",
            "expired-1",
            "expired-2",
            "expired-3",
            "expired-4"
        ]
    );
    // And one in-app notification each.
    let seen = notifications(&app, EMPLOYEE).await;
    assert_eq!(seen.len(), 8);
    assert_eq!(
        seen[0],
        ("licence_window".to_owned(), "window-open".to_owned())
    );
    assert!(seen[1..].iter().all(|(k, _)| k == "licence_reminder"));
}

/// Down from before the window opened until five days before the end: one catch-up message
/// (the 7-day reminder, saying 5 days), the two missed ones recorded as superseded, never sent.
#[tokio::test]
async fn downtime_over_two_offsets_sends_one_catch_up() {
    let app = TestApp::spawn().await;
    let sink = SmtpSink::start();
    let id = period(&app, EMPLOYEE, vt()).await;
    let clock = TestClock::at(morning(day(-61)));
    let report = scheduler(&app, mailer(&sink.url()), &clock)
        .run_once()
        .await
        .expect("run");
    assert_eq!(report, RunReport::default());
    clock.set(morning(day(-5)));
    let report = scheduler(&app, mailer(&sink.url()), &clock)
        .run_once()
        .await
        .expect("run");
    assert_eq!((report.claimed, report.superseded, report.sent), (1, 2, 1));
    let mails = sink.messages();
    assert_eq!(mails.len(), 1);
    assert_eq!(
        mails[0].subject,
        "Je klantenrijbewijs verloopt over 5 dagen"
    );
    assert_eq!(mails[0].cc, [manager_email(&app, EMPLOYEE).await]);
    let recorded = rows(&app, id).await;
    let superseded: Vec<_> = recorded
        .iter()
        .filter(|r| r.3.as_deref() == Some("superseded"))
        .map(|r| (r.0.as_str(), r.2))
        .collect();
    assert_eq!(superseded, [("window-open", false), ("before-30", false)]);
    // The following days and another restart: nothing, until the last day.
    for offset in -4..0 {
        clock.set(morning(day(offset)));
        let r = scheduler(&app, mailer(&sink.url()), &clock)
            .run_once()
            .await
            .expect("run");
        assert_eq!(r, RunReport::default(), "day {offset}");
    }
    clock.set(morning(day(0)));
    scheduler(&app, mailer(&sink.url()), &clock)
        .run_once()
        .await
        .expect("run");
    let mails = sink.messages();
    assert_eq!(mails.len(), 2);
    assert_eq!(
        mails[1].subject,
        "Vandaag is de laatste dag van je klantenrijbewijs"
    );
    assert_eq!(
        notifications(&app, EMPLOYEE).await.len(),
        2,
        "no notification for superseded ones"
    );
}

/// A revoked period gets nothing, and neither does a reminder claimed before the revocation but
/// not yet mailed; an inactive person gets nothing either.
#[tokio::test]
async fn revoked_periods_and_inactive_people_get_nothing() {
    let app = TestApp::spawn().await;
    let port = free_port();
    let revoked_now = period(&app, EMPLOYEE, vt()).await;
    revoke(&app, revoked_now).await;
    let later = period(&app, ENGLISH, vt()).await;
    period(&app, common::INACTIVE, vt()).await;
    let clock = TestClock::at(morning(day(-60)));
    // The SMTP server is down: Grace's reminder is claimed but not mailed.
    let report = scheduler(&app, mailer(&url(port)), &clock)
        .run_once()
        .await
        .expect("run");
    assert_eq!((report.claimed, report.sent, report.failed), (1, 0, 1));
    assert!(rows(&app, revoked_now).await.is_empty());
    assert!(notifications(&app, EMPLOYEE).await.is_empty());
    assert!(notifications(&app, common::INACTIVE).await.is_empty());
    revoke(&app, later).await;
    let sink = SmtpSink::start_on(port);
    clock.advance(Duration::hours(1));
    let report = scheduler(&app, mailer(&sink.url()), &clock)
        .run_once()
        .await
        .expect("run");
    assert_eq!(report, RunReport::default());
    for offset in [-30, -7, 0, 7] {
        clock.set(morning(day(offset)));
        scheduler(&app, mailer(&sink.url()), &clock)
            .run_once()
            .await
            .expect("run");
    }
    assert!(sink.messages().is_empty());
}

/// The server itself runs the scheduler when REMINDER_INTERVAL_SECS is set: a reminder due today
/// (real time) is mailed without anyone calling it.
#[tokio::test]
async fn the_server_runs_the_scheduler_in_the_background() {
    let sink = SmtpSink::start();
    let smtp = sink.url();
    let app = TestApp::spawn_configured(true, |c| {
        c.smtp_url = Some(smtp);
        c.reminder_interval_secs = 1;
    })
    .await;
    let today = klantenrijbewijs::domain::licence::amsterdam_date(Utc::now());
    period(&app, EMPLOYEE, today + Duration::days(7)).await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    // Demo licences may be owed reminders of their own at start-up: look for this one.
    let subject = "Je klantenrijbewijs verloopt over 7 dagen";
    let mine = loop {
        let mine: Vec<_> = sink
            .messages()
            .into_iter()
            .filter(|m| m.to == [EMPLOYEE.to_owned()] && m.subject == subject)
            .collect();
        if !mine.is_empty() || std::time::Instant::now() > deadline {
            break mine;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    };
    assert_eq!(
        mine.len(),
        1,
        "the background task mailed the 7-day reminder once"
    );
    assert!(mine[0].cc.contains(&manager_email(&app, EMPLOYEE).await));
}
