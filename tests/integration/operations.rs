//! What an operations team relies on: `/readyz` says whether this binary's migrations are all
//! applied, SIGTERM lets a request in flight and the e-mail being sent finish (and no more than
//! the grace period), and `LOG_FORMAT=json` writes one JSON object per log line.

use crate::common::binary::Place;
use crate::common::smtp::{SmtpSink, free_port};
use crate::common::{EMPLOYEE, TestApp, session_cookie, step_form_saying};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn readyz_says_ready_only_when_every_migration_is_applied() {
    let app = TestApp::spawn_with(false).await;
    let ready = app.page("/readyz").await;
    assert_eq!((ready.status.as_u16(), ready.body.as_str()), (200, "ready"));
    // As if this binary were newer than the schema: its last migration not applied.
    app.exec(
        "delete from _sqlx_migrations where version = (select max(version) from _sqlx_migrations)",
        &[],
    )
    .await;
    let pending = app.page("/readyz").await;
    assert_eq!(
        (pending.status.as_u16(), pending.body.as_str()),
        (503, "migrations pending")
    );
    assert_eq!(app.page("/healthz").await.status, 200, "alive all the same");
}

/// A walk-step save sent as raw HTTP, its body cut at `split`: (the request's bytes up to the
/// cut, the rest).
fn cut_request(cookie: &str, body: &str, split: usize) -> (Vec<u8>, Vec<u8>) {
    let head = format!(
        "POST /api/walk/step HTTP/1.1\r\nhost: 127.0.0.1\r\naccept: application/json\r\n\
         sec-fetch-site: same-origin\r\ncookie: {cookie}\r\n\
         content-type: application/x-www-form-urlencoded\r\ncontent-length: {}\r\n\
         connection: close\r\n\r\n",
        body.len()
    );
    let mut first = head.into_bytes();
    first.extend_from_slice(&body.as_bytes()[..split]);
    (first, body.as_bytes()[split..].to_vec())
}

/// Signs in over HTTP and starts a walkthrough; (session cookie, walk-step form body with `text`).
async fn walker(
    place: &Place,
    server: &crate::common::binary::Server,
    text: &str,
) -> (String, String, i64) {
    let client = TestApp::new_client();
    let res = client
        .post(format!("{}/api/login", server.base))
        .header("accept", "application/json")
        .form(&[
            ("email", EMPLOYEE),
            ("password", crate::common::DEMO_PASSWORD),
        ])
        .send()
        .await
        .expect("sign-in");
    let cookie = session_cookie(res.headers()).expect("session cookie");
    let cookie = cookie.split(';').next().expect("name=value").to_owned();
    assert_eq!(res.status(), 200);
    let (walk, steps) = server.start_walk(place, &client, 1).await;
    let (walk_text, step_text) = (walk.to_string(), steps[0].to_string());
    let form = step_form_saying(&walk_text, &step_text, "0", text);
    let body = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(form)
        .finish();
    (cookie, body, walk)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_lets_a_request_in_flight_finish_and_takes_no_new_ones() {
    let dir = tempfile::tempdir().expect("dir");
    let place = Place::new(dir.path());
    let mut server = place.serve(free_port(), true, 1).await;
    let text = "Bewaard tijdens het stoppen";
    let (cookie, body, walk) = walker(&place, &server, text).await;
    let (first, rest) = cut_request(&cookie, &body, body.len() / 2);
    let port = server.port();
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream.write_all(&first).expect("first half");
    tokio::time::sleep(Duration::from_millis(300)).await;

    server.terminate();
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(
        TcpStream::connect(("127.0.0.1", port)).is_err(),
        "a stopping server takes no new connection"
    );
    stream.write_all(&rest).expect("the rest of the body");
    let mut answer = String::new();
    stream.read_to_string(&mut answer).expect("answer");
    assert!(
        answer.starts_with("HTTP/1.1 200"),
        "the request in flight finished: {answer}"
    );
    let status = server
        .exited_within(Duration::from_secs(30))
        .await
        .expect("the server stopped after it");
    assert!(status.success(), "a clean stop: {status}");
    let db = place.read().await;
    let stored: String = sqlx::query_scalar(
        "select happened from walkthrough_step where walkthrough_id = ? order by step_id limit 1",
    )
    .bind(walk)
    .fetch_one(&db)
    .await
    .expect("stored");
    assert_eq!(stored, text);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_request_that_never_finishes_holds_the_stop_no_longer_than_the_grace() {
    let dir = tempfile::tempdir().expect("dir");
    let place = Place::new(dir.path());
    let mut server = place
        .serve_with(
            free_port(),
            true,
            1,
            &[("SHUTDOWN_GRACE_SECS", "1"), ("RUST_LOG", "info")],
        )
        .await;
    let (cookie, body, _) = walker(&place, &server, "Nooit af").await;
    let (first, _) = cut_request(&cookie, &body, body.len() / 2);
    let mut stream = TcpStream::connect(("127.0.0.1", server.port())).expect("connect");
    stream.write_all(&first).expect("first half");
    tokio::time::sleep(Duration::from_millis(300)).await;
    server.terminate();
    // Far above the 1 s grace, far below the default 20 s.
    let status = server.exited_within(Duration::from_secs(10)).await;
    assert!(
        status.is_some(),
        "the stop waited for a client that never finished"
    );
    let log = std::fs::read_to_string(dir.path().join("server-1.log")).expect("log");
    assert!(
        log.contains("stopped with requests still in flight"),
        "{log}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn log_format_json_writes_one_json_object_per_line() {
    let dir = tempfile::tempdir().expect("dir");
    let place = Place::new(dir.path());
    let server = place
        .serve_with(
            free_port(),
            false,
            1,
            &[("LOG_FORMAT", "json"), ("RUST_LOG", "info")],
        )
        .await;
    server.kill();
    let log = std::fs::read_to_string(dir.path().join("server-1.log")).expect("log");
    let lines: Vec<&str> = log.lines().filter(|l| !l.trim().is_empty()).collect();
    assert!(lines.len() >= 2, "the start-up lines: {log}");
    for line in &lines {
        let event: serde_json::Value =
            serde_json::from_str(line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}"));
        assert!(
            event["level"].is_string() && event["fields"].is_object(),
            "{line}"
        );
    }
    assert!(
        lines.iter().any(|l| l.contains("listening on")),
        "the summary and the address are there: {log}"
    );
    // Anything else than text or json stops the app with the setting named.
    let bad = place
        .command(&["migrate"])
        .env("LOG_FORMAT", "xml")
        .output()
        .expect("runs");
    assert!(!bad.status.success());
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(
        err.contains("LOG_FORMAT") && err.contains("text or json"),
        "{err}"
    );
}

/// The tables of claimed mail: a row's try is counted before its message goes out, `sent_at` is
/// set once the SMTP server accepted it.
const MAIL_ROWS: [&str; 3] = [
    "licence_reminder",
    "first_licence_reminder",
    "improvement_mail",
];

/// Rows whose message was started but not recorded as sent (a claimed e-mail cut off).
async fn cut_off(place: &Place) -> i64 {
    let db = place.read().await;
    let mut n = 0;
    for table in MAIL_ROWS {
        n += sqlx::query_scalar::<_, i64>(&format!(
            "select count(*) from {table} where attempts > 0 and sent_at is null"
        ))
        .fetch_one(&db)
        .await
        .expect("count");
    }
    db.close().await;
    n
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_lets_the_email_being_sent_finish_and_starts_no_next_one() {
    let dir = tempfile::tempdir().expect("dir");
    let place = Place::new(dir.path());
    // The demo's reminders go out in the scheduler's first run; each takes the slow server 2 s.
    let slow = SmtpSink::start_slow(2.0);
    let env = [
        ("SMTP_URL", slow.url()),
        ("REMINDER_INTERVAL_SECS", "3600".to_owned()),
        ("SHUTDOWN_GRACE_SECS", "15".to_owned()),
    ];
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let mut server = place.serve_with(free_port(), true, 2, &env).await;
    // Stop while a message is on its way: its row is claimed, not yet sent.
    let until = std::time::Instant::now() + Duration::from_secs(30);
    while cut_off(&place).await == 0 {
        assert!(
            std::time::Instant::now() < until,
            "no reminder was being sent"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    server.terminate();
    let status = server
        .exited_within(Duration::from_secs(15))
        .await
        .expect("stopped within the grace period");
    assert!(status.success(), "{status}");
    assert_eq!(
        cut_off(&place).await,
        0,
        "the message in flight was finished and recorded"
    );
    let first_run = slow.messages();
    assert!(!first_run.is_empty(), "the message in flight arrived");

    // The next start sends what is left, and nothing twice.
    let sink = SmtpSink::start();
    let env = [
        ("SMTP_URL", sink.url()),
        ("REMINDER_INTERVAL_SECS", "3600".to_owned()),
        ("RUST_LOG", "info".to_owned()),
    ];
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let mut again = place.serve_with(free_port(), true, 3, &env).await;
    // The scheduler's first run ends with its one summary line.
    let log = dir.path().join("server-3.log");
    let until = std::time::Instant::now() + Duration::from_secs(30);
    while !std::fs::read_to_string(&log).is_ok_and(|l| l.contains("reminder run")) {
        assert!(
            std::time::Instant::now() < until,
            "the second run did not end: {}",
            std::fs::read_to_string(&log).unwrap_or_default()
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(cut_off(&place).await, 0);
    let second_run = sink.messages();
    assert!(
        !second_run.is_empty(),
        "the first run stopped before its last message ({} sent)",
        first_run.len()
    );
    let mut seen = std::collections::HashSet::new();
    for mail in first_run.iter().chain(&second_run) {
        let mut to = mail.rcpt_to.clone();
        to.sort();
        assert!(
            seen.insert((to, mail.subject.clone())),
            "sent twice: {:?} {}",
            mail.rcpt_to,
            mail.subject
        );
    }
    again.terminate();
    assert!(again.exited_within(Duration::from_secs(15)).await.is_some());
}
