//! The licence over real HTTP: the reviewer signs off a ready report once, the person sees it;
//! only the person, their manager, HR and admins read a licence; only the manager signs off and
//! only HR/admin certify and revoke; bad input is reported per field with nothing written; two
//! sign-offs at once make one period; settings apply to new decisions only; every decision is
//! audited. Demo data: Floor (never certified, a confirmed presentation) waits for Ahmed; Rick
//! (renewal due, a confirmed presentation) waits for Ruud.

use crate::common;

use common::*;
use klantenrijbewijs::domain::licence::{
    LicenceStatus, amsterdam_date, last_day_of_term, standing,
};
use reqwest::StatusCode;

const FLOOR: &str = "floor.janssen@dijkhuis.example";
const AHMED: &str = "ahmed.bouzid@dijkhuis.example";
const RICK: &str = "rick.vanleeuwen@dijkhuis.example";
const RUUD: &str = "ruud.hendriks@dijkhuis.example";
/// Valid for months: the renewal window is not open.
const SANNE: &str = ADMIN;

fn today() -> chrono::NaiveDate {
    amsterdam_date(chrono::Utc::now())
}

async fn periods_of(app: &TestApp, person: i64) -> i64 {
    app.count(&format!(
        "select count(*) from licence_period where person_id = {person}"
    ))
    .await
}

/// Whether the database refuses `sql` (run straight on the pool, past the app).
async fn refused(app: &TestApp, sql: &str) -> bool {
    common::sql::try_exec(&app.state.pool, sql, &[])
        .await
        .is_err()
}

/// The (first, last valid) day of `person`'s latest period.
async fn latest_period(app: &TestApp, person: i64) -> (chrono::NaiveDate, chrono::NaiveDate) {
    app.rows(
        "select valid_from, valid_through from licence_period where person_id = $1 order by id desc limit 1",
        &[person.into()],
    )
    .await
    .into_iter()
    .next()
    .expect("a period")
}

async fn status_of(app: &TestApp, person: i64) -> LicenceStatus {
    let settings = klantenrijbewijs::db::licence::settings(&app.state.pool)
        .await
        .expect("settings");
    let current = klantenrijbewijs::db::licence::current(&app.state.pool, person)
        .await
        .expect("current");
    standing(current.map(|c| c.current()), &settings, today()).status
}

async fn decide(
    app: &TestApp,
    client: &reqwest::Client,
    endpoint: &str,
    person: i64,
    comment: &str,
) -> Answer {
    let person = person.to_string();
    app.call_as(
        client,
        endpoint,
        &[
            ("form[person_id]", person.as_str()),
            ("form[comment]", comment),
        ],
    )
    .await
}

#[tokio::test]
async fn the_reviewer_signs_off_a_ready_report_once_and_the_employee_sees_it() {
    let app = TestApp::spawn().await;
    let floor = app.person_id(FLOOR).await;
    assert_eq!(status_of(&app, floor).await, LicenceStatus::NeverCertified);
    let ahmed = app.client_for(AHMED).await;

    // The team page lists Floor as waiting.
    let team = app.call_as(&ahmed, "licence/team", &[]).await;
    assert_eq!(team.status, StatusCode::OK, "{}", team.body);
    let team: serde_json::Value = serde_json::from_str(&team.body).expect("json");
    let member = team["members"]
        .as_array()
        .expect("members")
        .iter()
        .find(|m| m["person_id"] == floor)
        .expect("Floor is in Ahmed's team");
    assert_eq!(member["progress"]["confirmed"], true);

    let signed = decide(&app, &ahmed, "licence/sign-off", floor, "").await;
    assert_eq!(signed.status, StatusCode::OK, "{}", signed.body);
    assert_eq!(periods_of(&app, floor).await, 1);
    assert_eq!(status_of(&app, floor).await, LicenceStatus::Valid);
    let (from, through) = latest_period(&app, floor).await;
    assert_eq!(from, today());
    assert_eq!(through, last_day_of_term(today(), 12));

    // A second click: the walkthrough is used and the new licence is not in its window.
    let again = decide(&app, &ahmed, "licence/sign-off", floor, "").await;
    assert_eq!(again.status, StatusCode::CONFLICT, "{}", again.body);
    assert_eq!(periods_of(&app, floor).await, 1);

    // Decision, notification and audit event were written with the period.
    let decisions = app
        .count(&format!(
            "select count(*) from licence_decision where person_id = {floor} and decision = 'signed_off'"
        ))
        .await;
    assert_eq!(decisions, 1);
    let notified = app
        .count(&format!(
            "select count(*) from notification where person_id = {floor} and kind = 'licence_signed'"
        ))
        .await;
    assert_eq!(notified, 1);
    let audited = app
        .count(&format!(
            "select count(*) from audit_event where subject_person_id = {floor} and action = 'licence_signed_off'"
        ))
        .await;
    assert_eq!(audited, 1);

    // Floor reads it on her own page, in Dutch, with the inclusive last day.
    app.login_ok(FLOOR).await;
    let page = app.page("/licence").await;
    assert_eq!(page.status, StatusCode::OK);
    let last_day = through.format("%d-%m-%Y").to_string();
    assert!(
        page.body.contains(&format!("Geldig t/m {last_day}")),
        "{}",
        page.body
    );
    assert!(page.body.contains("die dag telt nog mee"));
}

#[tokio::test]
async fn nobody_reads_or_decides_on_a_licence_that_is_not_theirs_to() {
    let app = TestApp::spawn().await;
    let floor = app.person_id(FLOOR).await;
    let rick = app.person_id(RICK).await;
    let floor_id = floor.to_string();
    let decisions_before = app.count("select count(*) from licence_decision").await;

    // A colleague (same team as nobody here) and another team's reviewer cannot read Floor's.
    for email in [EMPLOYEE, RUUD] {
        let client = app.client_for(email).await;
        let read = app
            .call_as(
                &client,
                "licence/person",
                &[("person_id", floor_id.as_str())],
            )
            .await;
        assert_eq!(read.status, StatusCode::FORBIDDEN, "{email}: {}", read.body);
        let page = app
            .client
            .get(format!("{}/licence/people/{floor}", app.base))
            .send()
            .await
            .expect("page");
        // the shared client is anonymous: redirected to sign in, nothing of Floor's shown
        let body = page.text().await.expect("body");
        assert!(!body.contains("Floor Janssen"), "{body}");
    }
    // Her manager, HR and an admin can.
    for email in [AHMED, HR, ADMIN] {
        let client = app.client_for(email).await;
        let read = app
            .call_as(
                &client,
                "licence/person",
                &[("person_id", floor_id.as_str())],
            )
            .await;
        assert_eq!(read.status, StatusCode::OK, "{email}: {}", read.body);
    }
    // An unknown person is a 404 for HR too.
    let hr = app.client_for(HR).await;
    let missing = app
        .call_as(&hr, "licence/person", &[("person_id", "99999")])
        .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);

    // Signing off: an employee has no reviewer role; another team's reviewer is refused and
    // nothing is written; HR is not a reviewer.
    let employee = app.client_for(EMPLOYEE).await;
    let a = decide(&app, &employee, "licence/sign-off", floor, "").await;
    assert_eq!(a.status, StatusCode::FORBIDDEN, "{}", a.body);
    let ruud = app.client_for(RUUD).await;
    let a = decide(&app, &ruud, "licence/sign-off", floor, "").await;
    assert_eq!(a.status, StatusCode::NOT_FOUND, "{}", a.body);
    let a = decide(&app, &ruud, "licence/send-back", floor, "Nog niet").await;
    assert_eq!(a.status, StatusCode::NOT_FOUND, "{}", a.body);
    let a = decide(&app, &hr, "licence/sign-off", rick, "").await;
    assert_eq!(a.status, StatusCode::FORBIDDEN, "{}", a.body);
    // Certify and revoke are HR's and admins'; a reviewer may not.
    let ahmed = app.client_for(AHMED).await;
    let a = decide(&app, &ahmed, "licence/certify", floor, "register").await;
    assert_eq!(a.status, StatusCode::FORBIDDEN, "{}", a.body);
    let a = decide(&app, &ahmed, "licence/revoke", rick, "weg").await;
    assert_eq!(a.status, StatusCode::FORBIDDEN, "{}", a.body);
    // Settings: HR and admins only.
    let a = app.call_as(&ahmed, "licence/settings", &[]).await;
    assert_eq!(a.status, StatusCode::FORBIDDEN);
    assert_eq!(
        app.count("select count(*) from licence_decision").await,
        decisions_before,
        "no refused decision left a row"
    );
    assert_eq!(periods_of(&app, floor).await, 0);
    // The team page is for reviewers.
    let a = app.call_as(&employee, "licence/team", &[]).await;
    assert_eq!(a.status, StatusCode::FORBIDDEN);
    // Ruud's team page does not list Floor.
    let team = app.call_as(&ruud, "licence/team", &[]).await;
    assert!(!team.body.contains("Floor Janssen"), "{}", team.body);
    assert!(team.body.contains("Rick van Leeuwen"));
}

#[tokio::test]
async fn the_write_itself_checks_who_decides() {
    // Past the server function: the db layer refuses a sign-off by someone who is not the
    // manager (anymore), and writes nothing.
    let app = TestApp::spawn().await;
    let floor = app.person_id(FLOOR).await;
    let ahmed = app.person_id(AHMED).await;
    let ruud = app.person_id(RUUD).await;
    let now = chrono::Utc::now();
    let wrong = klantenrijbewijs::db::licence::sign_off(&app.state.pool, ruud, floor, now).await;
    assert!(matches!(
        wrong,
        Err(klantenrijbewijs::db::WriteError::NotFound)
    ));
    // Floor moves to Ruud's team: Ahmed's sign-off no longer counts.
    app.exec(
        "update person set manager_id = $1 where id = $2",
        &[ruud.into(), floor.into()],
    )
    .await;
    let stale = klantenrijbewijs::db::licence::sign_off(&app.state.pool, ahmed, floor, now).await;
    assert!(matches!(
        stale,
        Err(klantenrijbewijs::db::WriteError::NotFound)
    ));
    assert_eq!(periods_of(&app, floor).await, 0);
    // A revocation by someone without HR or admin is refused inside the write too.
    let rick = app.person_id(RICK).await;
    let revoke =
        klantenrijbewijs::db::licence::revoke(&app.state.pool, ahmed, rick, "x", now).await;
    assert!(matches!(
        revoke,
        Err(klantenrijbewijs::db::WriteError::NotFound)
    ));
    assert_eq!(
        app.count("select count(*) from licence_decision where decision = 'revoked'")
            .await,
        1,
        "only the demo revocation"
    );
}

#[tokio::test]
async fn bad_input_is_reported_per_field_and_nothing_is_written() {
    let app = TestApp::spawn().await;
    let floor = app.person_id(FLOOR).await;
    let floor_id = floor.to_string();
    let ahmed = app.client_for(AHMED).await;
    let hr = app.client_for(HR).await;
    let decisions = "select count(*) from licence_decision";
    let before = app.count(decisions).await;
    let events = "select count(*) from audit_event";
    let events_before = app.count(events).await;

    let a = decide(&app, &ahmed, "licence/send-back", floor, "   ").await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.body);
    assert_eq!(
        field_error(&a.body, "comment").as_deref(),
        Some("licence-error-reason-required")
    );
    let long = "x".repeat(1001);
    let a = decide(&app, &ahmed, "licence/send-back", floor, &long).await;
    assert_eq!(
        field_error(&a.body, "comment").as_deref(),
        Some("licence-error-reason-too-long")
    );
    let tomorrow = (today() + chrono::Duration::days(1))
        .format("%Y-%m-%d")
        .to_string();
    let a = app
        .call_as(
            &hr,
            "licence/certify",
            &[
                ("form[person_id]", floor_id.as_str()),
                ("form[valid_from]", tomorrow.as_str()),
                ("form[comment]", ""),
            ],
        )
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.body);
    assert_eq!(
        field_error(&a.body, "valid_from").as_deref(),
        Some("licence-error-start-future")
    );
    assert_eq!(
        field_error(&a.body, "comment").as_deref(),
        Some("licence-error-reason-required")
    );
    // Settings: every bad field at once, the row untouched.
    let a = app
        .call_as(
            &hr,
            "licence/settings/save",
            &[
                ("form[validity_months]", "0"),
                ("form[anchor]", "fixed_date"),
                ("form[fixed_date]", "29-02"),
                ("form[min_validity_days]", "30"),
                ("form[window_days]", "500"),
                ("form[grace_days]", "30"),
                ("form[reminder_days]", "60,60"),
                ("form[expired_every_days]", "7"),
                ("form[manager_cc_days]", "7"),
            ],
        )
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.body);
    for field in [
        "validity_months",
        "fixed_date",
        "window_days",
        "reminder_days",
    ] {
        assert!(field_error(&a.body, field).is_some(), "{field}: {}", a.body);
    }
    assert_eq!(
        app.count("select validity_months from licence_setting")
            .await,
        12
    );
    assert_eq!(app.count(decisions).await, before);
    assert_eq!(app.count(events).await, events_before);

    // Without JavaScript the refused send-back comes back to the page with the typed text.
    app.login_ok(AHMED).await;
    let page = format!("/licence/people/{floor}");
    let posted = app
        .plain_post(
            "licence/send-back",
            &[
                ("form[person_id]", floor_id.as_str()),
                ("form[comment]", &"y".repeat(1001)),
                ("form[back]", page.as_str()),
            ],
            &page,
        )
        .await;
    assert!(posted.status.is_redirection(), "{}", posted.status);
    let location = posted.headers["location"]
        .to_str()
        .expect("location")
        .to_owned();
    let back = app.page(&location.replace(&app.base, "")).await;
    assert!(back.body.contains(&"y".repeat(1001)), "typed comment kept");
    assert!(
        back.body
            .contains("Houd de toelichting onder de 1000 tekens.")
    );
    assert_eq!(app.count(decisions).await, before);
}

#[tokio::test]
async fn hr_revokes_and_reissues_and_the_history_keeps_every_period() {
    let app = TestApp::spawn().await;
    let rick = app.person_id(RICK).await;
    let hr = app.client_for(HR).await;
    assert_eq!(status_of(&app, rick).await, LicenceStatus::RenewalDue);
    let rick_events = format!(
        "select count(*) from audit_event where subject_person_id = {rick}
         and action in ('licence_revoked', 'licence_certified')"
    );
    let events_before = app.count(&rick_events).await;
    let revoked = decide(&app, &hr, "licence/revoke", rick, "Fraude met het logboek").await;
    assert_eq!(revoked.status, StatusCode::OK, "{}", revoked.body);
    assert_eq!(status_of(&app, rick).await, LicenceStatus::Revoked);
    let twice = decide(&app, &hr, "licence/revoke", rick, "nog een keer").await;
    assert_eq!(twice.status, StatusCode::CONFLICT, "{}", twice.body);
    assert!(twice.body.contains("licence-error-already-revoked"));

    // Re-issued by hand from today: a new period, the revoked one kept.
    let again = decide(&app, &hr, "licence/certify", rick, "Onderzoek afgerond").await;
    assert_eq!(again.status, StatusCode::OK, "{}", again.body);
    assert_eq!(status_of(&app, rick).await, LicenceStatus::Valid);
    assert_eq!(periods_of(&app, rick).await, 2);
    let (from, through) = latest_period(&app, rick).await;
    assert_eq!((from, through), (today(), last_day_of_term(today(), 12)));
    let history = app
        .call_as(
            &hr,
            "licence/person",
            &[("person_id", rick.to_string().as_str())],
        )
        .await;
    let history: serde_json::Value = serde_json::from_str(&history.body).expect("json");
    assert_eq!(history["periods"].as_array().map(Vec::len), Some(2));
    assert_eq!(history["periods"][1]["revoked"], true);
    let kinds: Vec<&str> = history["decisions"]
        .as_array()
        .expect("decisions")
        .iter()
        .filter_map(|d| d["decision"].as_str())
        .collect();
    assert_eq!(kinds, ["certified", "revoked", "certified"]);
    // The employee's own page says so; the audit log has both.
    let audited = app.count(&rick_events).await;
    assert_eq!(audited, events_before + 2);
    // Audit events cannot be changed or removed, even through the pool.
    assert!(refused(&app, "update audit_event set action = 'x'").await);
    assert!(refused(&app, "delete from audit_event").await);
}

#[tokio::test]
async fn early_renewal_waits_for_the_window_and_in_the_window_continues_from_the_old_expiry() {
    let app = TestApp::spawn().await;
    let hr = app.client_for(HR).await;
    let sanne = app.person_id(SANNE).await;
    // Valid for 240 more days: refused by hand without a date, and with a date.
    let a = decide(&app, &hr, "licence/certify", sanne, "vroeg").await;
    assert_eq!(a.status, StatusCode::CONFLICT, "{}", a.body);
    assert!(a.body.contains("licence-error-window-not-open"));
    let a = app
        .call_as(
            &hr,
            "licence/certify",
            &[
                ("form[person_id]", sanne.to_string().as_str()),
                (
                    "form[valid_from]",
                    today().format("%Y-%m-%d").to_string().as_str(),
                ),
                ("form[comment]", "register"),
            ],
        )
        .await;
    assert!(a.body.contains("licence-error-still-valid"), "{}", a.body);

    // Rick is in his window (20 days left): Ruud's sign-off continues from the old last day.
    let rick = app.person_id(RICK).await;
    let (_, old) = latest_period(&app, rick).await;
    let ruud = app.client_for(RUUD).await;
    let a = decide(&app, &ruud, "licence/sign-off", rick, "").await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    let (from, through) = latest_period(&app, rick).await;
    assert_eq!(from, old.succ_opt().expect("day after"));
    assert_eq!(through, last_day_of_term(from, 12));
    assert_eq!(status_of(&app, rick).await, LicenceStatus::Valid);
}

#[tokio::test]
async fn settings_apply_to_new_decisions_only() {
    let app = TestApp::spawn().await;
    let periods = "select id, valid_from, valid_through from licence_period order by id";
    let before: Vec<(i64, chrono::NaiveDate, chrono::NaiveDate)> = app.rows(periods, &[]).await;
    let hr = app.client_for(HR).await;
    let a = app
        .call_as(
            &hr,
            "licence/settings/save",
            &[
                ("form[validity_months]", "6"),
                ("form[anchor]", "sign_off"),
                ("form[fixed_date]", ""),
                ("form[min_validity_days]", "30"),
                ("form[window_days]", "30"),
                ("form[grace_days]", "0"),
                ("form[reminder_days]", "30, 7"),
                ("form[expired_every_days]", "7"),
                ("form[manager_cc_days]", "7"),
            ],
        )
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    let after: Vec<(i64, chrono::NaiveDate, chrono::NaiveDate)> = app.rows(periods, &[]).await;
    assert_eq!(before, after, "issued periods keep their dates");
    let audited = app
        .count("select count(*) from audit_event where action = 'settings_changed'")
        .await;
    assert_eq!(audited, 1);
    // The next sign-off follows the new rules: 6 months from the sign-off.
    let floor = app.person_id(FLOOR).await;
    let ahmed = app.client_for(AHMED).await;
    let a = decide(&app, &ahmed, "licence/sign-off", floor, "").await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    let (_, through) = latest_period(&app, floor).await;
    assert_eq!(through, last_day_of_term(today(), 6));
    // The settings page shows who changed them.
    app.login_ok(HR).await;
    let page = app.page("/admin/licence-settings").await;
    assert!(page.body.contains("Fatima El Amrani"), "{}", page.body);
    assert!(page.body.contains("Uitgegeven rijbewijzen houden hun data"));
}

#[tokio::test]
async fn two_sign_offs_at_once_make_one_period() {
    let app = TestApp::spawn().await;
    let floor = app.person_id(FLOOR).await;
    let mut clients = Vec::new();
    for _ in 0..6 {
        clients.push(app.client_for(AHMED).await);
    }
    let answers = futures_join(&app, &clients, floor).await;
    let ok = answers.iter().filter(|s| **s == StatusCode::OK).count();
    assert_eq!(ok, 1, "{answers:?}");
    assert!(
        answers
            .iter()
            .all(|s| *s == StatusCode::OK || *s == StatusCode::CONFLICT),
        "{answers:?}"
    );
    assert_eq!(periods_of(&app, floor).await, 1);
}

async fn futures_join(app: &TestApp, clients: &[reqwest::Client], person: i64) -> Vec<StatusCode> {
    let mut tasks = tokio::task::JoinSet::new();
    for client in clients {
        let client = client.clone();
        let url = format!("{}/api/licence/sign-off", app.base);
        let person = person.to_string();
        tasks.spawn(async move {
            client
                .post(url)
                .header("accept", "application/json")
                .form(&[("form[person_id]", person.as_str())])
                .send()
                .await
                .expect("request")
                .status()
        });
    }
    let mut out = Vec::new();
    while let Some(status) = tasks.join_next().await {
        out.push(status.expect("task"));
    }
    out
}

#[tokio::test]
async fn the_demo_data_has_every_status() {
    let app = TestApp::spawn().await;
    let ids: Vec<i64> =
        common::sql::column(&app.state.pool, "select id from person where active", &[]).await;
    let mut seen = std::collections::BTreeSet::new();
    for id in ids {
        seen.insert(status_of(&app, id).await);
    }
    for status in LicenceStatus::ALL {
        assert!(seen.contains(&status), "no demo person is {status:?}");
    }
}
