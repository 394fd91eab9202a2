//! Who counts as staff: active people with the employee role. An admin-only account (made by
//! hand through the people form) is left out of the dashboard's numbers, its drill-down and
//! export, a nudge of the whole list and the reminder run; ticking the employee role counts it
//! at once (the kept figures follow), unticking leaves it out again.

use crate::common;

use chrono::Duration;
use common::reminders::*;
use common::smtp::SmtpSink;
use common::*;
use klantenrijbewijs::reminders::TestClock;
use reqwest::StatusCode;

const BEHEER: &str = "beheer@dijkhuis.example";

fn form<'a>(roles: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut form = vec![
        ("form[name]", "Beheer Account"),
        ("form[email]", BEHEER),
        ("form[employee_number]", "IT-0001"),
        ("form[team_id]", ""),
        ("form[manager_id]", ""),
        ("form[preferred_language]", "nl"),
        ("form[password]", ""),
        ("form[active]", "on"),
    ];
    form.extend_from_slice(roles);
    form
}

/// "gedekt: X van N actieve medewerkers" on the dashboard page: N.
async fn staff_on_page(app: &TestApp, hr: &reqwest::Client) -> i64 {
    let page = hr
        .get(format!("{}/hr", app.base))
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("body");
    let (_, rest) = page.split_once("gedekt: ").expect("the covered sentence");
    let (_, rest) = rest.split_once(" van ").expect("the covered sentence");
    let (n, _) = rest
        .split_once(" actieve medewerkers")
        .expect("the covered sentence");
    n.trim()
        .parse()
        .unwrap_or_else(|_| panic!("a number: {n:?}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_admin_only_account_is_neither_counted_nor_reminded_until_it_is_an_employee() {
    let sink = SmtpSink::start();
    let smtp = sink.url();
    let app = TestApp::spawn_configured(true, |c| c.smtp_url = Some(smtp)).await;
    let hr = app.client_for(HR).await;
    let admin = app.client_for(ADMIN).await;
    let staff: i64 = app
        .count(
            "select count(*) from person p where p.active and exists
               (select 1 from person_role r where r.person_id = p.id and r.role = 'employee')",
        )
        .await;
    assert_eq!(staff_on_page(&app, &hr).await, staff);

    let created = app
        .call_as(
            &admin,
            "people/create",
            &form(&[("form[role_admin]", "on")]),
        )
        .await;
    assert_eq!(created.status, StatusCode::OK, "{}", created.body);
    let id: i64 = created.body.parse().expect("id");
    assert_eq!(
        staff_on_page(&app, &hr).await,
        staff,
        "admin-only: not staff"
    );
    let dash = app.call_as(&hr, "dashboard/coverage", &[]).await;
    let dash: serde_json::Value = serde_json::from_str(&dash.body).expect("json");
    let this_month = dash["trend"]
        .as_array()
        .and_then(|t| t.last())
        .expect("trend");
    assert_eq!(this_month["people"], staff, "nor in the trend");
    let everyone = app
        .call_as(&hr, "dashboard/people", &[("status", "")])
        .await;
    let everyone: serde_json::Value = serde_json::from_str(&everyone.body).expect("json");
    assert_eq!(everyone["people"]["total"], staff);
    let csv = hr
        .get(format!("{}/hr/coverage/export.csv", app.base))
        .send()
        .await
        .expect("export")
        .text()
        .await
        .expect("csv");
    assert!(csv.contains("Daan Bakker"), "{csv}");
    assert!(!csv.contains("Beheer Account"), "{csv}");

    // A nudge of every never-certified person: not the admin account (never certified too).
    let sent = app
        .call_as(&hr, "dashboard/nudge", &[("form[status]", "never")])
        .await;
    assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
    let noted = async |who: i64| {
        app.count(&format!(
            "select count(*) from notification where person_id = {who}"
        ))
        .await
    };
    assert_eq!(noted(id).await, 0);
    assert!(sink.messages().iter().all(|m| m.to != [BEHEER]));
    assert!(!sink.messages().is_empty(), "the others were mailed");
    // Nor one by one: the person is not on the list, so the request is refused.
    let one = id.to_string();
    let refused = app
        .call_as(&hr, "dashboard/nudge", &[("form[person_id]", one.as_str())])
        .await;
    assert_eq!(refused.status, StatusCode::NOT_FOUND, "{}", refused.body);
    assert_eq!(noted(id).await, 0);

    // The reminder run: a licence ending on vt() for the admin account and for Daan; on the
    // day the window opens only Daan hears about it.
    let admin_period = period(&app, BEHEER, vt()).await;
    period(&app, EMPLOYEE, vt()).await;
    let before = sink.messages().len();
    let clock = TestClock::at(morning(day(-60)));
    let report = scheduler(&app, mailer(&sink.url()), &clock)
        .run_once()
        .await
        .expect("run");
    let new: Vec<_> = sink.messages().into_iter().skip(before).collect();
    assert_eq!(report.sent, new.len());
    assert!(new.iter().any(|m| m.to == [EMPLOYEE]), "Daan is reminded");
    assert!(new.iter().all(|m| m.to != [BEHEER]));
    assert!(rows(&app, admin_period).await.is_empty());

    // Ticking the employee role counts the account at once, and the next run reminds it.
    let mut with_employee = form(&[("form[role_admin]", "on"), ("form[role_employee]", "on")]);
    with_employee.push(("id", one.as_str()));
    let saved = app.call_as(&admin, "people/update", &with_employee).await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    assert_eq!(staff_on_page(&app, &hr).await, staff + 1);
    clock.advance(Duration::hours(1));
    scheduler(&app, mailer(&sink.url()), &clock)
        .run_once()
        .await
        .expect("run");
    assert_eq!(rows(&app, admin_period).await.len(), 1, "reminded now");
    assert!(sink.messages().iter().any(|m| m.to == [BEHEER]));

    // Unticking it leaves the account out again, at once.
    let mut admin_only = form(&[("form[role_admin]", "on")]);
    admin_only.push(("id", one.as_str()));
    let saved = app.call_as(&admin, "people/update", &admin_only).await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    assert_eq!(staff_on_page(&app, &hr).await, staff);
}
