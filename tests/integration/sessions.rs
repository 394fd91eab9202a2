//! How long a session lives, over real HTTP: kept alive by use, ended when idle or too old, ended
//! everywhere else by a password change, reset or deactivation; no stored session for anonymous
//! visitors, and expired ones swept away. Time passes by moving the stored sessions back.

use crate::common;

use common::*;
use reqwest::StatusCode;

const DAAN: &str = "Daan Bakker";
const SANNE: &str = "Sanne Visser";
const FATIMA: &str = "Fatima El Amrani";
const NEW_PASSWORD: &str = "een nieuw wachtwoord";

/// The stored expiry of the only session.
async fn stored_expiry(app: &TestApp) -> String {
    app.scalar("select cast(expiry_date as text) from session", &[])
        .await
}

/// How many stored sessions expire more than `minutes` from now.
async fn sessions_expiring_after(app: &TestApp, minutes: i64) -> i64 {
    app.scalar(
        "select count(*) from session where expiry_date > $1",
        &[(time::OffsetDateTime::now_utc() + time::Duration::minutes(minutes)).into()],
    )
    .await
}

/// An admin's edit of a demo person (kept active, employee role, no team) plus `extra` fields.
async fn edit_person(
    app: &TestApp,
    admin: &reqwest::Client,
    email: &str,
    fields: (&str, &str),
    extra: &[(&str, &str)],
) {
    let id = app.person_id(email).await.to_string();
    let (name, number) = fields;
    let mut form = vec![
        ("id", id.as_str()),
        ("form[name]", name),
        ("form[email]", email),
        ("form[employee_number]", number),
        ("form[team_id]", ""),
        ("form[manager_id]", ""),
        ("form[preferred_language]", "nl"),
        ("form[role_employee]", "on"),
    ];
    form.extend_from_slice(extra);
    if !extra.iter().any(|(k, _)| *k == "form[password]") {
        form.push(("form[password]", ""));
    }
    let a = app.call_as(admin, "people/update", &form).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
}

const DAAN_FIELDS: (&str, &str) = (DAAN, "DV-1020");
const SANNE_FIELDS: (&str, &str) = (SANNE, "DV-1001");

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_active_session_outlives_the_idle_limit() {
    let app = TestApp::spawn().await; // idle limit 30 minutes
    let daan = app.client_for(EMPLOYEE).await;
    let at_sign_in = stored_expiry(&app).await;
    // Requests within a minute of the last save do not write the session again.
    for _ in 0..3 {
        assert_eq!(app.signed_in_as(&daan).await.as_deref(), Some(DAAN));
    }
    assert_eq!(stored_expiry(&app).await, at_sign_in);

    // 20 quiet minutes later a request moves the expiry on by the full limit ...
    app.age_sessions(20).await;
    assert_eq!(app.signed_in_as(&daan).await.as_deref(), Some(DAAN));
    assert_eq!(sessions_expiring_after(&app, 29).await, 1);
    // ... so 40 minutes after signing in, never idle for 30, Daan is still signed in.
    app.age_sessions(20).await;
    assert_eq!(app.signed_in_as(&daan).await.as_deref(), Some(DAAN));
    // Pages keep it alive as well.
    app.age_sessions(20).await;
    let page = daan
        .get(format!("{}/account", app.base))
        .header("accept", "text/html")
        .send()
        .await
        .expect("request");
    assert_eq!(page.status(), StatusCode::OK);
    app.age_sessions(20).await;
    assert_eq!(app.signed_in_as(&daan).await.as_deref(), Some(DAAN));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_idle_longer_than_the_limit_ends() {
    let app = TestApp::spawn_configured(true, |c| c.session_idle_minutes = 1).await;
    let daan = app.client_for(EMPLOYEE).await;
    assert_eq!(app.signed_in_as(&daan).await.as_deref(), Some(DAAN));
    app.age_sessions(1).await;
    assert_eq!(app.signed_in_as(&daan).await, None);
    let me = app.call_as(&daan, "people/me", &[]).await;
    assert_eq!(me.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_ends_at_its_maximum_age_however_active() {
    let app = TestApp::spawn_configured(true, |c| {
        c.session_idle_minutes = 60;
        c.session_max_hours = 1;
    })
    .await;
    let daan = app.client_for(EMPLOYEE).await;
    app.age_sessions(40).await;
    assert_eq!(app.signed_in_as(&daan).await.as_deref(), Some(DAAN));
    app.age_sessions(19).await; // 59 minutes after signing in
    assert_eq!(app.signed_in_as(&daan).await.as_deref(), Some(DAAN));
    app.age_sessions(2).await; // 61 minutes, last request 2 minutes ago
    assert_eq!(app.signed_in_as(&daan).await, None);
    assert_eq!(app.count("select count(*) from session").await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn changing_the_password_ends_every_other_session() {
    let app = TestApp::spawn().await;
    let here = app.client_for(EMPLOYEE).await;
    let elsewhere = app.client_for(EMPLOYEE).await;
    let colleague = app.client_for(HR).await;
    let a = app
        .call_as(
            &here,
            "change_password",
            &[
                ("current_password", DEMO_PASSWORD),
                ("new_password", NEW_PASSWORD),
                ("confirm_password", NEW_PASSWORD),
            ],
        )
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    assert_eq!(app.signed_in_as(&here).await.as_deref(), Some(DAAN));
    assert_eq!(app.signed_in_as(&elsewhere).await, None);
    assert_eq!(app.signed_in_as(&colleague).await.as_deref(), Some(FATIMA));
    // The session that changed it stays signed in on later requests too.
    assert_eq!(app.signed_in_as(&here).await.as_deref(), Some(DAAN));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_admin_password_reset_ends_the_persons_sessions() {
    let app = TestApp::spawn().await;
    let daan = app.client_for(EMPLOYEE).await;
    let admin = app.client_for(ADMIN).await;
    let admin_elsewhere = app.client_for(ADMIN).await;
    let new_password = [("form[active]", "on"), ("form[password]", NEW_PASSWORD)];
    edit_person(&app, &admin, EMPLOYEE, DAAN_FIELDS, &new_password).await;
    assert_eq!(app.signed_in_as(&daan).await, None);
    assert_eq!(app.signed_in_as(&admin).await.as_deref(), Some(SANNE));

    // An admin setting their own password in the people form stays signed in there only.
    let own = [
        ("form[active]", "on"),
        ("form[role_admin]", "on"),
        ("form[password]", NEW_PASSWORD),
    ];
    edit_person(&app, &admin, ADMIN, SANNE_FIELDS, &own).await;
    assert_eq!(app.signed_in_as(&admin).await.as_deref(), Some(SANNE));
    assert_eq!(app.signed_in_as(&admin_elsewhere).await, None);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn deactivation_ends_the_persons_sessions_for_good() {
    let app = TestApp::spawn().await;
    let daan = app.client_for(EMPLOYEE).await;
    let admin = app.client_for(ADMIN).await;
    // Deactivated and reactivated before Daan's next request: the old session stays ended.
    edit_person(&app, &admin, EMPLOYEE, DAAN_FIELDS, &[]).await;
    edit_person(
        &app,
        &admin,
        EMPLOYEE,
        DAAN_FIELDS,
        &[("form[active]", "on")],
    )
    .await;
    assert_eq!(app.signed_in_as(&daan).await, None);
    assert_eq!(app.signed_in_as(&admin).await.as_deref(), Some(SANNE));
    // A later edit of an active person ends nothing; Daan signs in again as usual.
    let again = app.client_for(EMPLOYEE).await;
    edit_person(
        &app,
        &admin,
        EMPLOYEE,
        DAAN_FIELDS,
        &[("form[active]", "on")],
    )
    .await;
    assert_eq!(app.signed_in_as(&again).await.as_deref(), Some(DAAN));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn anonymous_visitors_get_no_stored_session() {
    let app = TestApp::spawn().await;
    for path in [
        "/login",
        "/",
        "/walk",
        "/journeys",
        "/account",
        "/bestaat-niet",
    ] {
        app.page(path).await;
    }
    app.call("session_info", &[]).await;
    app.call("people/me", &[]).await;
    app.call("set_locale", &[("locale", "en")]).await;
    app.page("/login").await;
    assert_eq!(app.count("select count(*) from session").await, 0);

    // A rejected plain sign-in keeps the typed e-mail for the form: that needs a session.
    let wrong = [
        ("email", EMPLOYEE),
        ("password", "fout-wachtwoord"),
        ("next", ""),
    ];
    app.plain_post("login", &wrong, "/login").await;
    assert_eq!(app.count("select count(*) from session").await, 1);
    // Signing in replaces it; signing out deletes it.
    app.login_ok(EMPLOYEE).await;
    assert_eq!(app.count("select count(*) from session").await, 1);
    app.call("logout", &[]).await;
    assert_eq!(app.count("select count(*) from session").await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn expired_sessions_are_deleted_at_start_up() {
    let app = TestApp::spawn().await;
    let _expired = app.client_for(EMPLOYEE).await;
    app.age_sessions(31).await;
    let live = app.client_for(HR).await;
    assert_eq!(app.count("select count(*) from session").await, 2);
    // A restart on the same database deletes the expired row, and only that one.
    let _restarted = klantenrijbewijs::server::build((*app.state.config).clone())
        .await
        .expect("restart");
    assert_eq!(app.count("select count(*) from session").await, 1);
    assert_eq!(app.signed_in_as(&live).await.as_deref(), Some(FATIMA));
}
