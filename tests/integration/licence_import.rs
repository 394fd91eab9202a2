//! Licences moved over from an old register, in bulk, over HTTP: every row error listed before
//! anything is written; applied, each row is a manual certification with its own dates (expired
//! ones included) with the same decision and audit rows as the form; all or nothing; HR only.
//! And the manual certification form accepts a start whose period has already run out.

use crate::common;

use chrono::NaiveDate;
use common::{EMPLOYEE, HR, TestApp};
use reqwest::StatusCode;

async fn upload(app: &TestApp, client: &reqwest::Client, content: &str) -> reqwest::Response {
    let part = reqwest::multipart::Part::bytes(content.as_bytes().to_vec())
        .file_name("register.csv")
        .mime_str("text/csv")
        .expect("mime");
    client
        .post(format!("{}/hr/import/licences/upload", app.base))
        .multipart(reqwest::multipart::Form::new().part("file", part))
        .send()
        .await
        .expect("upload")
}

async fn dry_run(app: &TestApp, content: &str) -> (String, serde_json::Value) {
    let res = upload(app, &app.client, content).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let location = res.headers()["location"]
        .to_str()
        .expect("location")
        .to_owned();
    assert!(location.starts_with("/hr/import/licences/"), "{location}");
    let token = location.rsplit('/').next().expect("token").to_owned();
    let preview = app
        .call("import/licences/preview", &[("token", &token)])
        .await;
    assert_eq!(preview.status, StatusCode::OK, "{}", preview.body);
    (token, serde_json::from_str(&preview.body).expect("json"))
}

/// An active employee without any licence period yet.
async fn unlicensed(app: &TestApp) -> (i64, String, String) {
    app.rows(
        "select id, employee_number, email from person
         where active and id not in (select person_id from licence_period)
           and email <> $1 order by id limit 1",
        &[HR.into()],
    )
    .await
    .into_iter()
    .next()
    .expect("someone without a licence")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_register_creates_expired_and_valid_periods_with_their_dates_and_audit_events() {
    let app = TestApp::spawn().await;
    app.login_ok(HR).await;
    let (id, number, email) = unlicensed(&app).await;
    let today = chrono::Utc::now().date_naive();
    let (from, through) = (
        today - chrono::Duration::days(30),
        today + chrono::Duration::days(300),
    );
    let certified_before = app
        .count("select count(*) from audit_event where action = 'licence_certified'")
        .await;
    // Errors first: nothing can be applied while one row is wrong.
    let bad = format!(
        "\u{feff}Houder;Geldig vanaf;Geldig tot en met;Reden\r\n\
         {number};1-1-2023;31-12-2023;Oud register\r\n\
         onbekend@dijkhuis.example;2023-01-01;2023-12-31;Oud register\r\n\
         {email};2024-02-30;2024-12-31;Oud register\r\n\
         {email};2024-06-01;2024-05-01;Oud register\r\n\
         {number};2023-06-01;2024-05-31;Oud register\r\n"
    );
    let (token, preview) = dry_run(&app, &bad).await;
    let keys: Vec<(i64, String)> = preview["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .map(|e| {
            (
                e["line"].as_i64().unwrap_or(0),
                e["key"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    assert_eq!(
        keys,
        vec![
            (3, "licence-import-error-holder-unknown".to_owned()),
            (4, "licence-import-error-date".to_owned()),
            (5, "licence-import-error-order".to_owned()),
            (6, "licence-import-error-overlap-file".to_owned()),
        ]
    );
    let refused = app
        .call("import/licences/apply", &[("token", &token)])
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        app.count(&format!(
            "select count(*) from licence_period where person_id = {id}"
        ))
        .await,
        0
    );

    let good = format!(
        "Holder,Valid from,Valid through,Reason\n\
         {number},2023-01-01,2023-12-31,Old register 2023\n\
         {email},{from},{through},Old register current\n"
    );
    let (token, preview) = dry_run(&app, &good).await;
    assert_eq!(preview["error_count"], 0, "{}", preview["errors"]);
    assert_eq!(preview["periods"][0]["expired"], true);
    assert_eq!(preview["periods"][1]["expired"], false);
    let page = app.page(&format!("/hr/import/licences/{token}")).await;
    assert!(page.body.contains("(verlopen)"), "expired marked");
    let applied = app
        .call("import/licences/apply", &[("token", &token)])
        .await;
    assert_eq!(applied.status, StatusCode::OK, "{}", applied.body);
    let periods: Vec<(String, String, String)> = app
        .rows::<(NaiveDate, NaiveDate, String)>(
            "select valid_from, valid_through, source from licence_period where person_id = $1 order by valid_from",
            &[id.into()],
        )
        .await
        .into_iter()
        .map(|(from, through, source)| (from.to_string(), through.to_string(), source))
        .collect();
    assert_eq!(
        periods,
        vec![
            ("2023-01-01".into(), "2023-12-31".into(), "manual".into()),
            (from.to_string(), through.to_string(), "manual".into()),
        ]
    );
    assert_eq!(
        app.count(&format!(
            "select count(*) from licence_decision where person_id = {id} and decision = 'certified'"
        ))
        .await,
        2
    );
    assert_eq!(
        app.count("select count(*) from audit_event where action = 'licence_certified'")
            .await,
        certified_before + 2
    );
    let detail: String = app
        .scalar(
            "select detail from audit_event where action = 'licence_certified' and subject_person_id = $1 order by id limit 1",
            &[id.into()],
        )
        .await;
    assert!(
        detail.contains("\"valid_through\":\"2023-12-31\""),
        "{detail}"
    );
    assert!(detail.contains("Old register 2023"), "{detail}");
    // The same file again overlaps what is now there.
    let (_, again) = dry_run(&app, &good).await;
    assert_eq!(again["errors"][0]["key"], "licence-import-error-overlap");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_hr_and_admins_and_a_people_token_is_not_a_register() {
    let app = TestApp::spawn().await;
    let employee = app.client_for(EMPLOYEE).await;
    let refused = upload(
        &app,
        &employee,
        "Houder;Geldig vanaf;Geldig tot en met;Reden\n",
    )
    .await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    app.login_ok(HR).await;
    // An employee file's token is not found as a licence register.
    let mut form = reqwest::multipart::Form::new();
    form = form.part(
        "file",
        reqwest::multipart::Part::bytes(b"Personeelsnummer;Naam;E-mail\n".to_vec())
            .file_name("p.csv"),
    );
    let res = app
        .client
        .post(format!("{}/hr/import/upload", app.base))
        .multipart(form)
        .send()
        .await
        .expect("upload");
    let token = res.headers()["location"]
        .to_str()
        .expect("location")
        .rsplit('/')
        .next()
        .expect("token")
        .to_owned();
    assert_eq!(
        app.call("import/licences/preview", &[("token", &token)])
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_certification_form_accepts_an_already_expired_start() {
    let app = TestApp::spawn().await;
    app.login_ok(HR).await;
    let (id, _, _) = unlicensed(&app).await;
    let a = app
        .call(
            "licence/certify",
            &[
                ("form[person_id]", &id.to_string()),
                ("form[valid_from]", "2022-03-01"),
                ("form[comment]", "Uit het oude register"),
            ],
        )
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    let from: NaiveDate = app
        .scalar(
            "select valid_from from licence_period where person_id = $1",
            &[id.into()],
        )
        .await;
    assert_eq!(from.to_string(), "2022-03-01");
}
