//! HR's nudge says what really happened: it waits for the SMTP server's answers and the list
//! comes back with how many e-mails were accepted and how many are in the app only because the
//! e-mail failed — against the real SMTP sink (one address it cannot take) and against a port
//! where nothing listens (connection refused).

use crate::common;

use common::smtp::{SmtpSink, free_port, url};
use common::*;
use reqwest::StatusCode;

const LOTTE: &str = "lotte.smit@dijkhuis.example";

fn location(answer: &Answer) -> String {
    assert_eq!(answer.status, StatusCode::FOUND, "{}", answer.body);
    answer.headers["location"]
        .to_str()
        .expect("location")
        .to_owned()
}

/// The renewal-due list with one address the mail server cannot take: every other message is
/// accepted before the page comes back, and the page says so, with the one that failed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_nudge_reports_sent_and_failed_e_mails_from_the_real_server() {
    let sink = SmtpSink::start();
    let smtp = sink.url();
    let app = TestApp::spawn_configured(true, |c| c.smtp_url = Some(smtp)).await;
    app.exec(
        "update person set email = 'geen-adres' where email = $1",
        &[LOTTE.into()],
    )
    .await;
    app.login_ok(HR).await;
    let sent = app
        .plain_post(
            "dashboard/nudge",
            &[("form[status]", "renewal_due")],
            "/hr/coverage",
        )
        .await;
    let to = location(&sent);
    let n = sink.messages().len();
    assert!(n >= 2, "the others were mailed before the answer: {n}");
    let reminded = n + 1;
    assert!(
        to.contains(&format!("nudged={reminded}&mailed={n}&failed=1&pending=0")),
        "{to}"
    );
    let page = app.page(&to).await;
    assert!(
        page.body.contains(&format!(
            "{reminded} herinneringen in de app gezet. {n} e-mails verstuurd. 1 alleen in de app: e-mail mislukt."
        )),
        "{}",
        page.body
    );
    assert!(!page.body.contains("herinnering(en)"));

    // One person: the singular forms.
    let daan = app.person_id(EMPLOYEE).await.to_string();
    let one = app
        .plain_post(
            "dashboard/nudge",
            &[("form[person_id]", daan.as_str())],
            "/hr/coverage",
        )
        .await;
    let to = location(&one);
    assert!(to.contains("nudged=1&mailed=1&failed=0"), "{to}");
    assert_eq!(sink.messages().len(), n + 1);
    let page = app.page(&to).await;
    assert!(
        page.body
            .contains("1 herinnering in de app gezet. 1 e-mail verstuurd."),
        "{}",
        page.body
    );
}

/// Nothing listens on the SMTP port: the nudge still writes its in-app reminders, and the answer
/// says every e-mail failed instead of "sent".
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_connection_is_reported_not_hidden() {
    let closed = url(free_port());
    let app = TestApp::spawn_configured(true, |c| c.smtp_url = Some(closed)).await;
    app.login_ok(HR).await;
    let answer = app
        .call("dashboard/nudge", &[("form[status]", "never")])
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let outcome: serde_json::Value = serde_json::from_str(&answer.body).expect("json");
    let n = outcome["reminded"].as_u64().expect("reminded");
    assert!(n > 1);
    assert_eq!(outcome["mailed"], 0);
    assert_eq!(outcome["failed"], n);
    assert_eq!(outcome["pending"], 0);
    assert_eq!(
        app.count("select count(*) from notification where detail = 'nudge'")
            .await,
        i64::try_from(n).expect("n")
    );
    let floor = app
        .person_id("floor.janssen@dijkhuis.example")
        .await
        .to_string();
    let one = app
        .plain_post(
            "dashboard/nudge",
            &[("form[person_id]", floor.as_str())],
            "/hr/coverage",
        )
        .await;
    let to = location(&one);
    let page = app.page(&to).await;
    assert!(
        page.body.contains(
            "1 herinnering in de app gezet. 0 e-mails verstuurd. 1 alleen in de app: e-mail mislukt."
        ),
        "{}",
        page.body
    );
}
