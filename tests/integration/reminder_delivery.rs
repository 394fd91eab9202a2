//! Licence reminder delivery: an SMTP server that is down (retried, then delivered once; given
//! up after the last attempt), a second scheduler never taking a row being sent, mail switched off (the app still shows the reminder), and the
//! reminders and licence decisions on /notifications in both languages.

use crate::common;

use chrono::Duration;
use common::reminders::*;
use common::smtp::{SmtpSink, free_port, url};
use common::{EMPLOYEE, TestApp};
use klantenrijbewijs::mail::Mailer;
use klantenrijbewijs::reminders::{MAX_SEND_ATTEMPTS, RunReport, TestClock};

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
        let (attempts, sent, error): (i64, bool, Option<String>) = app
            .rows(
                "select attempts, sent_at is not null, last_error from licence_reminder where period_id = $1
                 and coalesce(last_error, '') <> 'superseded'",
                &[id.into()],
            )
            .await
            .into_iter()
            .next()
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

/// Two schedulers: one that reads the row just after the other took it (and so sees the new
/// attempt count) does not take it again while it is being sent; only when that sender has been
/// silent for the lease's minutes (it died) is the row tried again, and then mailed once.
#[tokio::test]
async fn a_reminder_being_sent_is_not_taken_by_a_second_scheduler() {
    use klantenrijbewijs::db::reminder::{LEASE_MINUTES, lease};
    let app = TestApp::spawn().await;
    let port = free_port();
    let period_id = period(&app, EMPLOYEE, vt()).await;
    let now = morning(day(-30));
    let clock = TestClock::at(now);
    // A first run with the SMTP server down claims the reminder and leaves it pending (1 try).
    scheduler(&app, mailer(&url(port)), &clock)
        .run_once()
        .await
        .expect("run");
    let row = |app: &TestApp| {
        let pool = app.state.pool.clone();
        async move {
            let rows: Vec<(i64, i64)> = common::sql::rows(
                &pool,
                "select id, attempts from licence_reminder where period_id = $1 and sent_at is null
                   and coalesce(last_error, '') <> 'superseded'",
                &[period_id.into()],
            )
            .await;
            rows.into_iter().next().expect("the pending reminder")
        }
    };
    let (id, attempts) = row(&app).await;
    assert_eq!(attempts, 1);
    // Sender A takes it; sender B reads it a moment later and tries with what it read.
    assert!(
        lease(&app.state.pool, id, attempts, now)
            .await
            .expect("lease A")
    );
    let (_, seen_by_b) = row(&app).await;
    assert!(
        !lease(&app.state.pool, id, seen_by_b, now)
            .await
            .expect("lease B"),
        "a row being sent is not taken twice"
    );
    // A whole scheduler run meanwhile sends nothing either.
    let sink = SmtpSink::start_on(port);
    let report = scheduler(&app, mailer(&sink.url()), &clock)
        .run_once()
        .await
        .expect("run");
    assert_eq!(report.sent, 0);
    assert!(sink.messages().is_empty());
    // Sender A died: after the lease's minutes the row is tried again and mailed exactly once.
    clock.advance(Duration::minutes(LEASE_MINUTES + 1));
    let report = scheduler(&app, mailer(&sink.url()), &clock)
        .run_once()
        .await
        .expect("run");
    assert_eq!(report.sent, 1);
    let again = scheduler(&app, mailer(&sink.url()), &clock)
        .run_once()
        .await
        .expect("run");
    assert_eq!(again.sent, 0);
    assert_eq!(sink.messages().len(), 1);
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
    let attempts: i64 = app
        .scalar(
            "select attempts from licence_reminder where period_id = $1
             and coalesce(last_error, '') <> 'superseded'",
            &[id.into()],
        )
        .await;
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
    let at = chrono::DateTime::parse_from_rfc3339("2031-01-01T00:00:00Z")
        .expect("time")
        .with_timezone(&chrono::Utc);
    app.exec(
        "insert into notification (person_id, kind, actor_id, licence_period_id, created_at, updated_at)
         values ($1, 'licence_signed', $2, $3, $4, $4)",
        &[daan.into(), hr.into(), id.into(), at.into()],
    )
    .await;
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
