//! Licence reminders end to end: the scheduler over simulated days (a test clock, no sleeping)
//! mails a real SMTP server the harness starts (aiosmtpd, tests/common/smtp.rs), records what it
//! sent per (period, kind, recipient) and shows each reminder in the app.

mod common;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use common::smtp::{ReceivedMail, SmtpSink, free_port, url};
use common::{EMPLOYEE, TestApp};
use klantenrijbewijs::mail::Mailer;
use klantenrijbewijs::reminders::{MAX_SEND_ATTEMPTS, RunReport, Scheduler, TestClock};
use std::sync::Arc;

/// Grace Okafor prefers English (Daan Bakker, `EMPLOYEE`, Dutch).
const ENGLISH: &str = "grace.okafor@dijkhuis.example";
const LINK_BASE: &str = "https://krb.example.nl";

/// Far ahead of the demo data, whose own periods are then long out of the scheduler's range.
fn vt() -> NaiveDate {
    NaiveDate::from_ymd_opt(2031, 6, 30).expect("date")
}

fn day(offset: i64) -> NaiveDate {
    vt() + Duration::days(offset)
}

/// 07:00 in Amsterdam on `date`.
fn morning(date: NaiveDate) -> DateTime<Utc> {
    chrono_tz::Europe::Amsterdam
        .from_local_datetime(&date.and_hms_opt(7, 0, 0).expect("time"))
        .single()
        .expect("unambiguous")
        .with_timezone(&Utc)
}

fn mailer(smtp_url: &str) -> Mailer {
    Mailer::new(Some(smtp_url), "Klantenrijbewijs <noreply@krb.example.nl>").expect("mailer")
}

/// A fresh scheduler (as after a restart) over the app's database.
fn scheduler(app: &TestApp, mailer: Mailer, clock: &TestClock) -> Scheduler {
    Scheduler {
        db: app.state.pool.clone(),
        mailer,
        clock: Arc::new(clock.clone()),
        link_base: LINK_BASE.to_owned(),
    }
}

/// A licence period for `email` ending on `valid_through`, issued a year before it.
async fn period(app: &TestApp, email: &str, valid_through: NaiveDate) -> i64 {
    let person = app.person_id(email).await;
    let issuer = app.person_id(common::HR).await;
    let issued = morning(valid_through - Duration::days(365));
    let code = format!(
        "{:016X}",
        std::hash::BuildHasher::hash_one(&std::collections::hash_map::RandomState::new(), person)
    );
    sqlx::query_scalar(
        "insert into licence_period (person_id, valid_from, valid_through, source, issued_by,
                verification_code, created_at, updated_at)
         values (?, ?, ?, 'manual', ?, ?, ?, ?) returning id",
    )
    .bind(person)
    .bind(valid_through - Duration::days(364))
    .bind(valid_through)
    .bind(issuer)
    .bind(code)
    .bind(issued)
    .bind(issued)
    .fetch_one(&app.state.pool)
    .await
    .expect("period inserted")
}

async fn revoke(app: &TestApp, period_id: i64) {
    let hr = app.person_id(common::HR).await;
    sqlx::query(
        "insert into licence_decision (person_id, period_id, decision, decided_by, comment,
                created_at, updated_at)
         select person_id, id, 'revoked', ?, 'test', created_at, created_at
         from licence_period where id = ?",
    )
    .bind(hr)
    .bind(period_id)
    .execute(&app.state.pool)
    .await
    .expect("revoked");
}

async fn manager_email(app: &TestApp, email: &str) -> String {
    sqlx::query_scalar(
        "select m.email from person p join person m on m.id = p.manager_id where p.email = ?",
    )
    .bind(email)
    .fetch_one(&app.state.pool)
    .await
    .expect("a manager")
}

/// (kind, role, sent, last_error) of a period's reminder rows.
async fn rows(app: &TestApp, period_id: i64) -> Vec<(String, String, bool, Option<String>)> {
    sqlx::query_as(
        "select kind, role, sent_at is not null, last_error from licence_reminder
         where period_id = ? order by id",
    )
    .bind(period_id)
    .fetch_all(&app.state.pool)
    .await
    .expect("reminder rows")
}

async fn notifications(app: &TestApp, email: &str) -> Vec<(String, String)> {
    sqlx::query_as(
        "select n.kind, n.detail from notification n join person p on p.id = n.person_id
         where p.email = ? and n.licence_period_id is not null order by n.id",
    )
    .bind(email)
    .fetch_all(&app.state.pool)
    .await
    .expect("notifications")
}

fn to_of<'a>(mails: &'a [ReceivedMail], email: &str) -> Vec<&'a ReceivedMail> {
    mails
        .iter()
        .filter(|m| m.to == [email.to_owned()])
        .collect()
}

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

/// The SMTP server is down: nothing is marked sent, the next runs try again, and once it is up
/// the reminder is delivered exactly once. The in-app notification appears at once.
#[tokio::test]
async fn an_smtp_server_that_is_down_is_retried_until_it_is_up() {
    let app = TestApp::spawn().await;
    let port = free_port();
    let id = period(&app, EMPLOYEE, vt()).await;
    let clock = TestClock::at(morning(day(-30)));
    for attempt in 1..=3 {
        let report = scheduler(&app, mailer(&url(port)), &clock)
            .run_once()
            .await
            .expect("run");
        assert_eq!((report.sent, report.failed), (0, 1), "attempt {attempt}");
        let (attempts, sent, error): (i64, bool, Option<String>) = sqlx::query_as(
            "select attempts, sent_at is not null, last_error from licence_reminder where period_id = ?",
        )
        .bind(id)
        .fetch_one(&app.state.pool)
        .await
        .expect("row");
        assert_eq!((attempts, sent), (attempt, false));
        assert!(error.is_some_and(|e| !e.is_empty()));
        clock.advance(Duration::hours(1));
    }
    assert_eq!(
        notifications(&app, EMPLOYEE).await.len(),
        1,
        "notified once, at the claim"
    );
    let sink = SmtpSink::start_on(port);
    let report = scheduler(&app, mailer(&sink.url()), &clock)
        .run_once()
        .await
        .expect("run");
    assert_eq!((report.claimed, report.sent, report.failed), (0, 1, 0));
    let again = scheduler(&app, mailer(&sink.url()), &clock)
        .run_once()
        .await
        .expect("run");
    assert_eq!(again, RunReport::default());
    let mails = sink.messages();
    assert_eq!(mails.len(), 1);
    assert_eq!(
        mails[0].subject,
        "Je klantenrijbewijs verloopt over 30 dagen"
    );
    // The window's opening (missed: the first run came later) is superseded, never sent.
    assert_eq!(
        rows(&app, id).await,
        [
            (
                "window-open".into(),
                "to".into(),
                false,
                Some("superseded".into())
            ),
            ("before-30".into(), "to".into(), true, None)
        ]
    );
}

/// After MAX_SEND_ATTEMPTS failed tries a reminder is given up and never sent late.
#[tokio::test]
async fn a_reminder_is_given_up_after_the_last_attempt() {
    let app = TestApp::spawn().await;
    let port = free_port();
    let id = period(&app, EMPLOYEE, vt()).await;
    let clock = TestClock::at(morning(day(-30)));
    for _ in 0..MAX_SEND_ATTEMPTS {
        scheduler(&app, mailer(&url(port)), &clock)
            .run_once()
            .await
            .expect("run");
    }
    let sink = SmtpSink::start_on(port);
    let report = scheduler(&app, mailer(&sink.url()), &clock)
        .run_once()
        .await
        .expect("run");
    assert_eq!(report, RunReport::default());
    assert!(sink.messages().is_empty());
    let attempts: i64 =
        sqlx::query_scalar("select attempts from licence_reminder where period_id = ?")
            .bind(id)
            .fetch_one(&app.state.pool)
            .await
            .expect("row");
    assert_eq!(attempts, MAX_SEND_ATTEMPTS);
}

/// Without SMTP_URL the reminder still appears in the app, is recorded as not mailed, and is not
/// mailed later when mail is switched on.
#[tokio::test]
async fn without_mail_the_reminder_still_appears_in_the_app() {
    let app = TestApp::spawn().await;
    let id = period(&app, EMPLOYEE, vt()).await;
    let clock = TestClock::at(morning(day(-60)));
    let report = scheduler(&app, Mailer::disabled(), &clock)
        .run_once()
        .await
        .expect("run");
    assert_eq!((report.claimed, report.sent), (1, 0));
    assert_eq!(
        rows(&app, id).await,
        [(
            "window-open".into(),
            "to".into(),
            false,
            Some("mail disabled".into())
        )]
    );
    let sink = SmtpSink::start();
    clock.advance(Duration::hours(2));
    scheduler(&app, mailer(&sink.url()), &clock)
        .run_once()
        .await
        .expect("run");
    assert!(sink.messages().is_empty());
    // The notification page shows it, in the person's language, linking to their licence.
    app.login_ok(EMPLOYEE).await;
    let page = app.page("/notifications").await;
    assert!(
        page.body.contains("Het vernieuwingsvenster is open"),
        "{}",
        page.body
    );
    assert!(page.body.contains("href=\"/licence\""));
}

/// The manager's copy names whose licence it is and leads to the team page; licence decisions
/// read as sentences with who made them.
#[tokio::test]
async fn the_notification_page_names_the_holder_for_the_manager_and_decisions() {
    let app = TestApp::spawn().await;
    let id = period(&app, EMPLOYEE, vt()).await;
    let clock = TestClock::at(morning(day(-7)));
    scheduler(&app, Mailer::disabled(), &clock)
        .run_once()
        .await
        .expect("run");
    let manager = manager_email(&app, EMPLOYEE).await;
    let hr = app.person_id(common::HR).await;
    let daan = app.person_id(EMPLOYEE).await;
    sqlx::query(
        "insert into notification (person_id, kind, actor_id, licence_period_id, created_at, updated_at)
         values (?, 'licence_signed', ?, ?, '2031-01-01T00:00:00Z', '2031-01-01T00:00:00Z')",
    )
    .bind(daan)
    .bind(hr)
    .bind(id)
    .execute(&app.state.pool)
    .await
    .expect("decision notification");
    let client = app.client_for(&manager).await;
    let res = client
        .get(format!("{}/notifications", app.base))
        .send()
        .await
        .expect("page");
    let body = res.text().await.expect("body");
    assert!(
        body.contains(
            "Het klantenrijbewijs van Daan Bakker verloopt binnenkort: geldig t/m 30-06-2031."
        ),
        "{body}"
    );
    assert!(body.contains("href=\"/licence/team\""));
    app.login_ok(EMPLOYEE).await;
    let page = app.page("/notifications").await;
    assert!(
        page.body.contains(
            "Fatima El Amrani heeft je klantenrijbewijs afgetekend: geldig t/m 30-06-2031."
        ),
        "{}",
        page.body
    );
    assert!(
        page.body
            .contains("Je klantenrijbewijs verloopt binnenkort: geldig t/m 30-06-2031.")
    );
}

#[tokio::test]
async fn the_notification_page_shows_reminders_in_english_too() {
    let app = TestApp::spawn().await;
    period(&app, ENGLISH, vt()).await;
    let clock = TestClock::at(morning(day(-7)));
    scheduler(&app, Mailer::disabled(), &clock)
        .run_once()
        .await
        .expect("run");
    app.login_ok(ENGLISH).await;
    let page = app.page("/notifications").await;
    assert!(
        page.body
            .contains("Your customer licence expires soon: valid through 30 Jun 2031."),
        "{}",
        page.body
    );
    assert!(page.body.contains("href=\"/licence\""));
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
