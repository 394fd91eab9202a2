//! Day-one reminders over simulated days (the test clock) against the real SMTP sink: a newcomer
//! never certified is invited on the day they joined, then reminded at the offsets counted from
//! it, each message once even with a restart every day, the manager copied from 7 days before the
//! due day; a first licence stops them; a late first sight sends one catch-up; an admin-only
//! account gets nothing; a newcomer without a password gets their way in (an invitation link).
//! And an administrator runs the reminders now from the settings page.

use crate::common;

use chrono::{Duration, NaiveDate, Utc};
use common::reminders::*;
use common::smtp::SmtpSink;
use common::{ADMIN, HR, REVIEWER, TestApp};
use klantenrijbewijs::reminders::{RunReport, TestClock};
use reqwest::StatusCode;

const NINA: &str = "nina.nieuw@dijkhuis.example";
const NOAH: &str = "noah.new@dijkhuis.example";
const BEHEER: &str = "beheer@dijkhuis.example";

/// The day the newcomers join, far from the demo data's own dates.
fn joined() -> NaiveDate {
    NaiveDate::from_ymd_opt(2031, 3, 3).expect("date")
}

fn on(offset: i64) -> NaiveDate {
    joined() + Duration::days(offset)
}

/// A person created at 07:00 on `day` with `roles`, as an import or the people form would.
async fn person(
    app: &TestApp,
    (name, email, language): (&str, &str, &str),
    manager: Option<&str>,
    roles: &[&str],
    day: NaiveDate,
) -> i64 {
    let manager = match manager {
        Some(m) => Some(app.person_id(m).await),
        None => None,
    };
    let at = morning(day);
    let id: i64 = app
        .scalar(
            "insert into person (email, name, employee_number, manager_id, preferred_language,
                created_at, updated_at)
         values ($1, $2, $3, $4, $5, $6, $6) returning id",
            &[
                email.into(),
                name.into(),
                format!("NEW-{email}").into(),
                manager.into(),
                language.into(),
                at.into(),
            ],
        )
        .await;
    for role in roles {
        app.exec(
            "insert into person_role (person_id, role, created_at) values ($1, $2, $3)",
            &[id.into(), (*role).into(), at.into()],
        )
        .await;
    }
    id
}

/// (kind, role, sent) of a person's day-one rows.
async fn first_rows(app: &TestApp, person: i64) -> Vec<(String, String, bool, Option<String>)> {
    app.rows(
        "select kind, role, sent_at is not null, last_error from first_licence_reminder
         where person_id = $1 order by id",
        &[person.into()],
    )
    .await
}

#[tokio::test]
async fn newcomers_are_invited_on_their_first_day_then_reminded_once_each() {
    let app = TestApp::spawn().await;
    let sink = SmtpSink::start();
    let nina = person(
        &app,
        ("Nina Nieuw", NINA, "nl"),
        Some(REVIEWER),
        &["employee"],
        joined(),
    )
    .await;
    // Nina has chosen her password (her mail links to her licence page); Noah has not yet, so
    // each of his messages carries a fresh invitation instead.
    app.exec(
        "update person set password_hash = 'chosen' where id = $1",
        &[nina.into()],
    )
    .await;
    person(
        &app,
        ("Noah New", NOAH, "en"),
        None,
        &["employee"],
        joined(),
    )
    .await;
    let beheer = person(&app, ("Beheer", BEHEER, "nl"), None, &["admin"], joined()).await;
    let clock = TestClock::at(morning(on(-1)));
    let mut arrived_on = Vec::new();
    for offset in -1..=75 {
        clock.set(morning(on(offset)));
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
        assert_eq!(
            first.first_licence, first.claimed,
            "day {offset}: {first:?}"
        );
        if new > 0 {
            assert_eq!(new, 2, "one message per newcomer on day {offset}");
            arrived_on.push(offset);
        }
    }
    // Due 60 days after joining: invited, 30 and 7 days before, on the day, then weekly.
    assert_eq!(arrived_on, vec![0, 30, 53, 60, 67, 74]);
    let mails = sink.messages();
    let to_nina = to_of(&mails, NINA);
    let subjects: Vec<&str> = to_nina.iter().map(|m| m.subject.as_str()).collect();
    assert_eq!(
        subjects,
        [
            "Welkom: haal je eerste klantenrijbewijs",
            "Nog 30 dagen voor je eerste klantenrijbewijs",
            "Nog 7 dagen voor je eerste klantenrijbewijs",
            "Vandaag: je eerste klantenrijbewijs",
            "Je eerste klantenrijbewijs staat nog open",
            "Je eerste klantenrijbewijs staat nog open",
        ]
    );
    let invite = to_nina[0].text.as_deref().expect("text part");
    assert!(invite.contains("Beste Nina Nieuw"), "{invite}");
    assert!(invite.contains("nog 60 dagen"), "{invite}");
    assert!(
        invite.contains("https://krb.example.nl/licence"),
        "{invite}"
    );
    let manager = manager_email(&app, NINA).await;
    for (i, m) in to_nina.iter().enumerate() {
        assert_eq!(m.cc == [manager.clone()], i >= 2, "copy of message {i}");
    }
    let to_noah = to_of(&mails, NOAH);
    assert_eq!(
        to_noah[0].subject,
        "Welcome: earn your first customer licence"
    );
    for m in &to_noah {
        let text = m.text.as_deref().expect("text part");
        assert!(text.contains("https://krb.example.nl/password/"), "{text}");
        assert!(!text.contains("https://krb.example.nl/licence"), "{text}");
    }
    assert!(
        mails
            .iter()
            .all(|m| !m.rcpt_to.contains(&BEHEER.to_owned()))
    );
    assert!(first_rows(&app, beheer).await.is_empty());

    // One row per (kind, recipient), all sent; one notification each in the app.
    let recorded = first_rows(&app, nina).await;
    assert_eq!(recorded.iter().filter(|r| r.1 == "to").count(), 6);
    assert_eq!(recorded.iter().filter(|r| r.1 == "cc").count(), 4);
    assert!(recorded.iter().all(|r| r.2), "{recorded:?}");
    let seen: i64 = app
        .count(&format!(
            "select count(*) from notification where person_id = {nina} and detail like 'first-%'"
        ))
        .await;
    assert_eq!(seen, 6);
    // The notification page words them for the newcomer and for the manager's copy.
    app.exec(
        "update person set password_hash = (select password_hash from person where email = $1)
         where id = $2",
        &[REVIEWER.into(), nina.into()],
    )
    .await;
    for (who, text) in [
        (NINA, "Haal je eerste klantenrijbewijs: loop een klantreis"),
        (REVIEWER, "Nina Nieuw heeft nog geen klantenrijbewijs"),
    ] {
        let client = app.client_for(who).await;
        let page = client
            .get(format!("{}/notifications", app.base))
            .send()
            .await
            .expect("page")
            .text()
            .await
            .expect("body");
        assert!(page.contains(text), "{who}: {page}");
    }

    // A first licence ends it: nothing on the next weekly day.
    period(&app, NINA, on(75) + Duration::days(364)).await;
    clock.set(morning(on(81)));
    let before = sink.messages().len();
    scheduler(&app, mailer(&sink.url()), &clock)
        .run_once()
        .await
        .expect("run");
    let new: Vec<_> = sink.messages().into_iter().skip(before).collect();
    assert!(new.iter().all(|m| m.to != [NINA]), "{new:?}");
    assert!(new.iter().any(|m| m.to == [NOAH]), "Noah is still reminded");
}

/// Seen for the first time 40 days after joining (the scheduler was off): one message saying the
/// real days left, the invitation recorded as superseded and never sent late.
#[tokio::test]
async fn a_late_first_sight_sends_one_catch_up() {
    let app = TestApp::spawn().await;
    let sink = SmtpSink::start();
    let nina = person(
        &app,
        ("Nina Nieuw", NINA, "nl"),
        None,
        &["employee"],
        joined(),
    )
    .await;
    let clock = TestClock::at(morning(on(40)));
    let report = scheduler(&app, mailer(&sink.url()), &clock)
        .run_once()
        .await
        .expect("run");
    assert_eq!(
        (
            report.claimed,
            report.first_licence,
            report.superseded,
            report.sent
        ),
        (1, 1, 1, 1)
    );
    let mails = sink.messages();
    assert_eq!(mails.len(), 1);
    assert_eq!(
        mails[0].subject,
        "Nog 20 dagen voor je eerste klantenrijbewijs"
    );
    let rows = first_rows(&app, nina).await;
    assert_eq!(
        rows,
        [
            (
                "first-licence".to_owned(),
                "to".to_owned(),
                false,
                Some("superseded".to_owned())
            ),
            ("first-before-30".to_owned(), "to".to_owned(), true, None),
        ]
    );
}

/// An administrator runs the reminders now from the settings page (a plain form post): a person
/// just created by hand gets their invitation at once; the page says what the run did; the run
/// is in the audit log. HR may read the page but not run it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_admin_runs_the_reminders_now_from_the_settings_page() {
    let sink = SmtpSink::start();
    let smtp = sink.url();
    let app = TestApp::spawn_configured(true, |c| c.smtp_url = Some(smtp)).await;
    person(
        &app,
        ("Nina Nieuw", NINA, "nl"),
        None,
        &["employee"],
        Utc::now().date_naive(),
    )
    .await;

    let hr = app.client_for(HR).await;
    let page = hr
        .get(format!("{}/admin/licence-settings", app.base))
        .send()
        .await
        .expect("page");
    assert_eq!(page.status(), StatusCode::OK);
    let body = page.text().await.expect("body");
    assert!(
        !body.contains("Herinneringen nu versturen"),
        "HR sees no button"
    );
    let refused = app.call_as(&hr, "licence/reminders/run", &[]).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert!(sink.messages().is_empty());

    app.login_ok(ADMIN).await;
    let page = app.page("/admin/licence-settings").await;
    assert!(
        page.body.contains("Herinneringen nu versturen"),
        "{}",
        page.body
    );
    let ran = app
        .plain_post("licence/reminders/run", &[], "/admin/licence-settings")
        .await;
    assert_eq!(ran.status, StatusCode::FOUND, "{}", ran.body);
    let location = ran.headers["location"]
        .to_str()
        .expect("location")
        .to_owned();
    assert!(
        location.starts_with("/admin/licence-settings?ran=1"),
        "{location}"
    );
    let mails = sink.messages();
    let invited: Vec<_> = mails.iter().filter(|m| m.to == [NINA]).collect();
    assert_eq!(invited.len(), 1, "{mails:?}");
    assert_eq!(
        invited[0].subject,
        "Welkom: haal je eerste klantenrijbewijs"
    );
    let page = app.page(&location).await;
    let claimed: usize = location
        .split("claimed=")
        .nth(1)
        .and_then(|v| v.split('&').next())
        .and_then(|v| v.parse().ok())
        .expect("claimed in the URL");
    let plural = |n: usize, one: &str, other: &str| {
        if n == 1 {
            format!("1 {one}")
        } else {
            format!("{n} {other}")
        }
    };
    let said = format!(
        "Klaar. {} klaargezet, waarvan 1 voor een eerste klantenrijbewijs. {} verstuurd.",
        plural(claimed, "herinnering", "herinneringen"),
        plural(mails.len(), "e-mail", "e-mails"),
    );
    assert!(page.body.contains(&said), "{said}: {}", page.body);
    assert_eq!(
        app.count("select count(*) from audit_event where action = 'reminders_run'")
            .await,
        1
    );
    // Running again at once: nothing twice.
    let again = app.call("licence/reminders/run", &[]).await;
    assert_eq!(again.status, StatusCode::OK, "{}", again.body);
    let again: serde_json::Value = serde_json::from_str(&again.body).expect("json");
    assert_eq!(again["sent"], 0);
    assert_eq!(sink.messages().len(), mails.len());
}
