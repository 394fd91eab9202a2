//! `GET /metrics`: off unless a token or an address is configured, then only for them, in the
//! Prometheus text format with what operations watch. The counting test runs the real binary as
//! its own process, so its counts are exact (in-process apps share the process's recorder).

use crate::common::binary::Place;
use crate::common::smtp::{SmtpSink, free_port};
use crate::common::{EMPLOYEE, TestApp, step_form};
use klantenrijbewijs::mail::{MailContent, Mailer, Recipient};
use klantenrijbewijs::monitoring::access::MetricsAccess;
use std::collections::BTreeMap;

const TOKEN: &str = "a-long-enough-scrape-token-0123456789";

/// One sample of the text format: name, labels, value.
#[derive(Debug)]
struct Sample {
    name: String,
    labels: BTreeMap<String, String>,
    value: f64,
}

/// Reads the text format, failing the test on any line that is not a comment or a sample.
fn samples(text: &str) -> Vec<Sample> {
    let mut out = Vec::new();
    for line in text
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        let (series, value) = line.rsplit_once(' ').expect("sample and value");
        let value: f64 = value.parse().unwrap_or_else(|_| panic!("value in {line}"));
        let (name, labels) = match series.split_once('{') {
            None => (series.to_owned(), BTreeMap::new()),
            Some((name, rest)) => {
                let inner = rest.strip_suffix('}').expect("closing brace");
                let labels = inner
                    .split("\",")
                    .map(|pair| {
                        let (k, v) = pair.split_once("=\"").expect("label=\"value\"");
                        (k.to_owned(), v.trim_end_matches('"').to_owned())
                    })
                    .collect();
                (name.to_owned(), labels)
            }
        };
        assert!(
            name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'),
            "metric name {name}"
        );
        out.push(Sample {
            name,
            labels,
            value,
        });
    }
    out
}

/// The value of `name` with (at least) these labels; None when there is no such sample.
fn value(all: &[Sample], name: &str, labels: &[(&str, &str)]) -> Option<f64> {
    all.iter()
        .find(|s| {
            s.name == name
                && labels
                    .iter()
                    .all(|(k, v)| s.labels.get(*k).map(String::as_str) == Some(*v))
        })
        .map(|s| s.value)
}

async fn scrape(client: &reqwest::Client, base: &str) -> Vec<Sample> {
    let res = client
        .get(format!("{base}/metrics"))
        .bearer_auth(TOKEN)
        .send()
        .await
        .expect("metrics");
    assert_eq!(res.status(), 200);
    assert_eq!(
        res.headers()["content-type"],
        "text/plain; version=0.0.4; charset=utf-8"
    );
    samples(&res.text().await.expect("text"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn metrics_count_what_operations_watch_for_the_token_only() {
    let place_dir = tempfile::tempdir().expect("dir");
    let place = Place::new(place_dir.path());
    let server = place
        .serve_with(free_port(), true, 0, &[("METRICS_TOKEN", TOKEN)])
        .await;
    let client = TestApp::new_client();
    let base = &server.base;

    for (header, why) in [
        (None, "no token"),
        (
            Some("Bearer not-the-token-not-the-token-00"),
            "a wrong token",
        ),
        (Some(TOKEN), "the token without Bearer"),
    ] {
        let mut req = client.get(format!("{base}/metrics"));
        if let Some(h) = header {
            req = req.header("authorization", h);
        }
        assert_eq!(req.send().await.expect("metrics").status(), 403, "{why}");
    }

    // Requests by route and status, with their time.
    for _ in 0..3 {
        assert_eq!(
            client
                .get(format!("{base}/login"))
                .send()
                .await
                .expect("page")
                .status(),
            200
        );
    }
    // Six wrong passwords: the account waits after the fifth free one, so the seventh attempt
    // is throttled without a password check.
    for _ in 0..7 {
        let answer = server
            .post(
                &client,
                "login",
                &[("email", EMPLOYEE), ("password", "wrong-password")],
            )
            .await
            .expect("answer");
        assert!(matches!(answer.0, 401 | 429), "{answer:?}");
    }
    // An autosave that lost to another save.
    let walker = server.signed_in(crate::common::REVIEWER).await;
    let (walk, steps) = server.start_walk(&place, &walker, 1).await;
    let (walk, step) = (walk.to_string(), steps[0].to_string());
    let first = server
        .post(&walker, "walk/step", &step_form(&walk, &step, "0"))
        .await;
    assert_eq!(first.map(|a| a.0), Some(200));
    let stale = server
        .post(&walker, "walk/step", &step_form(&walk, &step, "0"))
        .await;
    assert_eq!(stale.map(|a| a.0), Some(409));
    // An upload that is not a multipart form.
    let refused = walker
        .post(format!("{base}/evidence"))
        .header("accept", "application/json")
        .header("sec-fetch-site", "same-origin")
        .header("content-type", "text/plain")
        .body("not a form")
        .send()
        .await
        .expect("upload");
    assert_eq!(refused.status(), 400);

    let all = scrape(&client, base).await;
    let login = [("route", "/login"), ("method", "GET"), ("status", "200")];
    assert_eq!(value(&all, "krb_http_requests_total", &login), Some(3.0));
    let bucket_count = value(
        &all,
        "krb_http_request_duration_seconds_count",
        &[("route", "/login"), ("method", "GET")],
    );
    assert_eq!(bucket_count, Some(3.0));
    assert_eq!(
        value(
            &all,
            "krb_http_request_duration_seconds_bucket",
            &[("route", "/login"), ("le", "+Inf")]
        ),
        Some(3.0)
    );
    let conflict = [
        ("route", "/api/walk/step"),
        ("method", "POST"),
        ("status", "409"),
    ];
    assert_eq!(value(&all, "krb_http_requests_total", &conflict), Some(1.0));
    assert_eq!(
        value(
            &all,
            "krb_http_requests_total",
            &[("route", "/evidence"), ("status", "400")]
        ),
        Some(1.0)
    );
    assert_eq!(value(&all, "krb_sign_in_failures_total", &[]), Some(6.0));
    assert_eq!(
        value(&all, "krb_sign_in_throttled_total", &[("scope", "account")]),
        Some(1.0)
    );
    assert_eq!(value(&all, "krb_autosave_conflicts_total", &[]), Some(1.0));
    assert_eq!(
        value(
            &all,
            "krb_uploads_refused_total",
            &[("reason", "error-bad-request")]
        ),
        Some(1.0),
        "{:?}",
        all.iter()
            .filter(|s| s.name.starts_with("krb_uploads"))
            .collect::<Vec<_>>()
    );
    assert_eq!(value(&all, "krb_db_pool_max_connections", &[]), Some(8.0));
    let in_use = value(&all, "krb_db_pool_connections", &[("state", "in_use")]);
    let idle = value(&all, "krb_db_pool_connections", &[("state", "idle")]);
    assert!(
        in_use.is_some() && idle.is_some_and(|n| n >= 1.0),
        "{in_use:?} {idle:?}"
    );
    assert!(
        value(&all, "krb_db_acquire_seconds_count", &[]).is_some_and(|n| n >= 2.0),
        "every write transaction waited for its connection"
    );
    assert!(
        all.iter()
            .all(|s| s.name != "krb_http_requests_total" || !s.labels["route"].contains("/walk/1")),
        "routes are patterns, never concrete paths"
    );
    server.terminate();
}

#[tokio::test]
async fn without_a_token_or_address_there_are_no_metrics_and_an_address_lets_in() {
    let off = TestApp::spawn_with(false).await;
    assert_eq!(off.page("/metrics").await.status, 404);

    let allowed = TestApp::spawn_configured(false, |c| {
        c.metrics_access = MetricsAccess::from_settings(None, Some("127.0.0.0/8")).expect("allow");
    })
    .await;
    let page = allowed.page("/metrics").await;
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("krb_db_pool_max_connections"),
        "{}",
        page.body
    );

    let elsewhere = TestApp::spawn_configured(false, |c| {
        c.metrics_access = MetricsAccess::from_settings(None, Some("10.9.0.0/16")).expect("allow");
    })
    .await;
    assert_eq!(elsewhere.page("/metrics").await.status, 403);
}

/// E-mail is counted by kind and outcome, against a real SMTP server and a closed port.
#[tokio::test]
async fn mail_is_counted_sent_and_failed_by_kind() {
    klantenrijbewijs::monitoring::handle();
    let sink = SmtpSink::start();
    let content = MailContent {
        subject: "Test".to_owned(),
        text: "Tekst".to_owned(),
        html: "<p>Tekst</p>".to_owned(),
    };
    let to = [Recipient {
        name: "Daan".to_owned(),
        email: EMPLOYEE.to_owned(),
    }];
    let working = Mailer::new(Some(&sink.url()), "Krb <noreply@krb.example.nl>").expect("mailer");
    for _ in 0..2 {
        working
            .send("metrics_test", &to, &[], &content)
            .await
            .expect("sent");
    }
    let closed = crate::common::smtp::url(free_port());
    let broken = Mailer::new(Some(&closed), "Krb <noreply@krb.example.nl>").expect("mailer");
    assert!(
        broken
            .send("metrics_test", &to, &[], &content)
            .await
            .is_err()
    );
    assert_eq!(sink.wait_for(2).await.len(), 2);

    let all = samples(&klantenrijbewijs::monitoring::handle().render());
    let mail = |outcome| {
        value(
            &all,
            "krb_mail_total",
            &[("kind", "metrics_test"), ("outcome", outcome)],
        )
    };
    assert_eq!((mail("sent"), mail("failed")), (Some(2.0), Some(1.0)));
}
