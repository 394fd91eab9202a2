//! Role checks on every people and organisation server function, and the person form's validation.

use crate::common;

use common::*;
use reqwest::StatusCode;

fn person_form<'a>(name: &'a str, email: &'a str, number: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("form[name]", name),
        ("form[email]", email),
        ("form[employee_number]", number),
        ("form[team_id]", ""),
        ("form[manager_id]", ""),
        ("form[preferred_language]", "nl"),
        ("form[role_employee]", "on"),
        ("form[password]", ""),
    ]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn anonymous_visitors_are_sent_to_sign_in() {
    let app = TestApp::spawn().await;
    assert_eq!(
        app.call(
            "people/list",
            &[("query", ""), ("team", ""), ("status", "")]
        )
        .await
        .status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.call("people/me", &[]).await.status,
        StatusCode::UNAUTHORIZED
    );
    let page = app.page("/admin/people").await;
    assert_eq!(page.status, StatusCode::FOUND);
    assert_eq!(page.headers["location"], "/login?next=/admin/people");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn employees_get_403_from_hr_and_admin_functions_and_pages() {
    let app = TestApp::spawn().await;
    app.login_ok(EMPLOYEE).await;
    let list = app
        .call(
            "people/list",
            &[("query", ""), ("team", ""), ("status", "")],
        )
        .await;
    assert_eq!(list.status, StatusCode::FORBIDDEN);
    assert_eq!(list.body, "\"Forbidden\"");
    assert_eq!(
        app.call("org/overview", &[]).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.call("people/form", &[]).await.status,
        StatusCode::FORBIDDEN
    );
    let create = app
        .call(
            "people/create",
            &person_form("Nieuw Persoon", "nieuw@dijkhuis.example", "X-1"),
        )
        .await;
    assert_eq!(create.status, StatusCode::FORBIDDEN);
    assert_eq!(
        app.count("select count(*) from person where email = 'nieuw@dijkhuis.example'")
            .await,
        0
    );
    assert_eq!(
        app.call("org/team", &[("department_id", "1"), ("name", "Stiekem")])
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.call("org/department", &[("name", "Stiekem")])
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    for path in [
        "/hr/people",
        "/admin/people",
        "/admin/people/new",
        "/admin/people/1",
        "/admin/organisation",
    ] {
        let page = app.page(path).await;
        assert_eq!(page.status, StatusCode::FORBIDDEN, "{path}");
        assert!(page.body.contains("Geen toegang"), "{path}");
    }
    // Their own pages work.
    assert_eq!(app.page("/").await.status, StatusCode::OK);
    assert_eq!(app.page("/account").await.status, StatusCode::OK);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reviewers_are_employees_for_people_admin() {
    let app = TestApp::spawn().await;
    app.login_ok(REVIEWER).await;
    assert_eq!(app.page("/hr/people").await.status, StatusCode::FORBIDDEN);
    assert_eq!(
        app.call("people/form", &[]).await.status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hr_reads_the_overview_but_cannot_change_people() {
    let app = TestApp::spawn().await;
    app.login_ok(HR).await;
    let list = app
        .call(
            "people/list",
            &[("query", ""), ("team", ""), ("status", "")],
        )
        .await;
    assert_eq!(list.status, StatusCode::OK);
    let people: serde_json::Value = serde_json::from_str(&list.body).expect("json");
    // Everyone in the demo organisation (src/db/seed/people.rs), all on the first page.
    assert_eq!(people["total"], 34);
    assert_eq!(people["items"].as_array().map(Vec::len), Some(34));
    assert_eq!(app.page("/hr/people").await.status, StatusCode::OK);
    assert_eq!(
        app.page("/admin/people").await.status,
        StatusCode::FORBIDDEN
    );
    let create = app
        .call(
            "people/create",
            &person_form("Nieuw Persoon", "nieuw@dijkhuis.example", "X-1"),
        )
        .await;
    assert_eq!(create.status, StatusCode::FORBIDDEN);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn people_list_filters_by_text_team_and_status() {
    let app = TestApp::spawn().await;
    app.login_ok(HR).await;
    let names = |body: &str| -> Vec<String> {
        let v: serde_json::Value = serde_json::from_str(body).expect("json");
        v["items"]
            .as_array()
            .expect("a page of people")
            .iter()
            .map(|p| p["name"].as_str().unwrap_or_default().to_owned())
            .collect()
    };
    let found = app
        .call(
            "people/list",
            &[("query", "bakker"), ("team", ""), ("status", "")],
        )
        .await;
    assert_eq!(names(&found.body), vec!["Daan Bakker"]);
    let inactive = app
        .call(
            "people/list",
            &[("query", ""), ("team", ""), ("status", "inactive")],
        )
        .await;
    assert_eq!(names(&inactive.body), vec!["Henk Postma"]);
    let team: i64 = app
        .scalar("select id from team where name = 'Autoschade'", &[])
        .await;
    let team = team.to_string();
    let autoschade = app
        .call(
            "people/list",
            &[("query", ""), ("team", &team), ("status", "active")],
        )
        .await;
    assert_eq!(
        names(&autoschade.body),
        vec!["Daan Bakker", "Lotte Smit", "Marieke Jansen", "Yusuf Kaya"]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn admin_creates_a_person_with_roles() {
    let app = TestApp::spawn().await;
    app.login_ok(ADMIN).await;
    let mut form = person_form(
        "  Nina   Hoekstra ",
        "Nina.Hoekstra@Dijkhuis.example",
        "dv-2001",
    );
    form.push(("form[role_reviewer]", "on"));
    form.retain(|(k, _)| *k != "form[password]");
    form.push(("form[password]", "welkom bij dijkhuis"));
    let created = app.call("people/create", &form).await;
    assert_eq!(created.status, StatusCode::OK, "{}", created.body);
    let id: i64 = created.body.parse().expect("id");
    let row: (String, String, String, bool) = crate::common::sql::row(
        &app.state.pool,
        "select name, email, employee_number, active from person where id = $1",
        &[id.into()],
    )
    .await;
    assert_eq!(
        row,
        (
            "Nina Hoekstra".into(),
            "nina.hoekstra@dijkhuis.example".into(),
            "DV-2001".into(),
            true
        )
    );
    assert_eq!(
        app.count(&format!(
            "select count(*) from person_role where person_id = {id}"
        ))
        .await,
        2
    );
    // The new person can sign in with the initial password.
    let other = TestApp::new_client();
    let login = app
        .call_as(
            &other,
            "login",
            &[
                ("email", "nina.hoekstra@dijkhuis.example"),
                ("password", "welkom bij dijkhuis"),
            ],
        )
        .await;
    assert_eq!(login.status, StatusCode::OK);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn duplicate_email_and_number_are_field_errors_and_nothing_is_written() {
    let app = TestApp::spawn().await;
    app.login_ok(ADMIN).await;
    let before = app.count("select count(*) from person").await;
    let roles_before = app.count("select count(*) from person_role").await;

    let dup_email = app
        .call(
            "people/create",
            &person_form("Daan Dubbel", "DAAN.BAKKER@dijkhuis.example", "X-9"),
        )
        .await;
    assert_eq!(dup_email.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        field_error(&dup_email.body, "email").as_deref(),
        Some("error-email-taken")
    );

    let dup_number = app
        .call(
            "people/create",
            &person_form("Nummer Dubbel", "uniek@dijkhuis.example", "dv-1020"),
        )
        .await;
    assert_eq!(
        field_error(&dup_number.body, "employee_number").as_deref(),
        Some("error-employee-number-taken")
    );

    assert_eq!(app.count("select count(*) from person").await, before);
    assert_eq!(
        app.count("select count(*) from person_role").await,
        roles_before
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_bad_field_is_reported_at_once() {
    let app = TestApp::spawn().await;
    app.login_ok(ADMIN).await;
    let form = vec![
        ("form[name]", " "),
        ("form[email]", "geen-email"),
        ("form[employee_number]", "met spatie"),
        ("form[team_id]", "9999"),
        ("form[manager_id]", "abc"),
        ("form[preferred_language]", "nl"),
        ("form[password]", "kort"),
    ];
    let a = app.call("people/create", &form).await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        field_error(&a.body, "name").as_deref(),
        Some("error-required")
    );
    assert_eq!(
        field_error(&a.body, "email").as_deref(),
        Some("error-email-invalid")
    );
    assert_eq!(
        field_error(&a.body, "employee_number").as_deref(),
        Some("error-employee-number-invalid")
    );
    assert_eq!(
        field_error(&a.body, "team_id").as_deref(),
        Some("error-invalid-choice")
    );
    assert_eq!(
        field_error(&a.body, "manager_id").as_deref(),
        Some("error-invalid-choice")
    );
    assert_eq!(
        field_error(&a.body, "roles").as_deref(),
        Some("error-roles-required")
    );
    assert_eq!(
        field_error(&a.body, "password").as_deref(),
        Some("error-password-too-short")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn admin_edits_deactivates_and_cannot_lock_themselves_out() {
    let app = TestApp::spawn().await;
    app.login_ok(ADMIN).await;
    let daan = app.person_id(EMPLOYEE).await.to_string();
    let admin = app.person_id(ADMIN).await.to_string();

    // Deactivate Daan (no "active" checkbox sent) and make him a reviewer reporting to Marieke.
    let marieke = app.person_id(REVIEWER).await.to_string();
    let mut form = vec![("id", daan.as_str())];
    form.extend(person_form("Daan Bakker", EMPLOYEE, "DV-1020"));
    form.retain(|(k, _)| *k != "form[manager_id]");
    form.push(("form[manager_id]", marieke.as_str()));
    form.push(("form[role_reviewer]", "on"));
    let a = app.call("people/update", &form).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    let active: bool = app
        .scalar(
            "select active from person where id = $1",
            &[daan.parse::<i64>().expect("id").into()],
        )
        .await;
    assert!(!active);
    let daan_login = app
        .call_as(
            &TestApp::new_client(),
            "login",
            &[("email", EMPLOYEE), ("password", DEMO_PASSWORD)],
        )
        .await;
    assert_eq!(daan_login.status, StatusCode::UNAUTHORIZED);

    // Taking another person's e-mail is a field error.
    let mut steal = vec![("id", daan.as_str())];
    steal.extend(person_form("Daan Bakker", HR, "DV-1020"));
    let a = app.call("people/update", &steal).await;
    assert_eq!(
        field_error(&a.body, "email").as_deref(),
        Some("error-email-taken")
    );

    // The admin cannot deactivate themselves or drop their own admin role.
    let mut me = vec![("id", admin.as_str())];
    me.extend(person_form("Sanne Visser", ADMIN, "DV-1001"));
    me.push(("form[role_admin]", "on"));
    let a = app.call("people/update", &me).await;
    assert_eq!(
        field_error(&a.body, "active").as_deref(),
        Some("error-cannot-deactivate-self")
    );
    let mut me = vec![("id", admin.as_str()), ("form[active]", "on")];
    me.extend(person_form("Sanne Visser", ADMIN, "DV-1001"));
    let a = app.call("people/update", &me).await;
    assert_eq!(
        field_error(&a.body, "roles").as_deref(),
        Some("error-cannot-drop-own-admin")
    );

    // A manager loop is refused: Marieke would report to Daan, who reports to Marieke.
    let mut loop_form = vec![("id", marieke.as_str()), ("form[active]", "on")];
    loop_form.extend(person_form("Marieke Jansen", REVIEWER, "DV-1010"));
    loop_form.retain(|(k, _)| *k != "form[manager_id]");
    loop_form.push(("form[manager_id]", daan.as_str()));
    let a = app.call("people/update", &loop_form).await;
    assert_eq!(
        field_error(&a.body, "manager_id").as_deref(),
        Some("error-manager-cycle"),
        "{}",
        a.body
    );

    // Unknown person ids are 404.
    let mut ghost = vec![("id", "99999")];
    ghost.extend(person_form("Geest", "geest@dijkhuis.example", "G-1"));
    assert_eq!(
        app.call("people/update", &ghost).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.page("/admin/people/99999").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn plain_form_person_errors_redirect_back_with_the_error() {
    let app = TestApp::spawn().await;
    app.login_ok(ADMIN).await;
    let a = app
        .plain_post(
            "people/create",
            &person_form("Daan Dubbel", EMPLOYEE, "X-9"),
            "/admin/people/new",
        )
        .await;
    assert_eq!(a.status, StatusCode::FOUND);
    let location = a.headers["location"].to_str().expect("location").to_owned();
    assert!(
        location.starts_with(&format!("{}/admin/people/new?", app.base)),
        "{location}"
    );
    let path = location.trim_start_matches(&app.base);
    let page = app.page(path).await;
    assert!(
        page.body.contains("Er is al iemand met dit e-mailadres."),
        "error shown on the e-mail field"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn admin_adds_departments_and_teams_with_field_errors() {
    let app = TestApp::spawn().await;
    app.login_ok(ADMIN).await;
    let d = app
        .call("org/department", &[("name", "Zakelijke Markt")])
        .await;
    assert_eq!(d.status, StatusCode::OK, "{}", d.body);
    let dup = app
        .call("org/department", &[("name", "Zakelijke Markt")])
        .await;
    assert_eq!(
        field_error(&dup.body, "department_name").as_deref(),
        Some("error-name-taken")
    );
    let t = app
        .call(
            "org/team",
            &[
                ("department_id", d.body.as_str()),
                ("name", "Aansprakelijkheid"),
            ],
        )
        .await;
    assert_eq!(t.status, StatusCode::OK, "{}", t.body);
    let dup = app
        .call(
            "org/team",
            &[
                ("department_id", d.body.as_str()),
                ("name", "Aansprakelijkheid"),
            ],
        )
        .await;
    assert_eq!(
        field_error(&dup.body, "team_name").as_deref(),
        Some("error-name-taken")
    );
    let bad = app
        .call("org/team", &[("department_id", ""), ("name", "")])
        .await;
    assert_eq!(
        field_error(&bad.body, "department_id").as_deref(),
        Some("error-required")
    );
    assert_eq!(
        field_error(&bad.body, "team_name").as_deref(),
        Some("error-required")
    );
    assert_eq!(
        app.count("select count(*) from team where name = 'Aansprakelijkheid'")
            .await,
        1
    );
}
