//! Sign-in, sign-out, sessions, password change, language choice and the health check, over real HTTP.

use crate::common;

use common::*;
use reqwest::StatusCode;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn health_check_does_a_database_round_trip() {
    let app = TestApp::spawn_with(false).await;
    let ok = app
        .client
        .get(format!("{}/healthz", app.base))
        .send()
        .await
        .expect("request");
    assert_eq!(ok.status(), StatusCode::OK);
    app.state.pool.close().await;
    let down = app
        .client
        .get(format!("{}/healthz", app.base))
        .send()
        .await
        .expect("request");
    assert_eq!(down.status(), StatusCode::SERVICE_UNAVAILABLE);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_in_sets_a_hardened_session_cookie() {
    let app = TestApp::spawn().await;
    let a = app.login(EMPLOYEE).await;
    assert_eq!(a.status, StatusCode::OK);
    let cookie = session_cookie(&a.headers).expect("session cookie set");
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"), "{cookie}");
    let info = app.call("session_info", &[]).await;
    assert!(info.body.contains("Daan Bakker"), "{}", info.body);
    let last_login = app
        .count("select count(*) from person where email = 'daan.bakker@dijkhuis.example' and last_login_at is not null")
        .await;
    assert_eq!(last_login, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn session_id_is_renewed_at_sign_in() {
    let app = TestApp::spawn().await;
    // Signing in again (e.g. on a shared machine) must not keep the earlier session id alive.
    let first = session_cookie(&app.login(EMPLOYEE).await.headers).expect("cookie");
    let second = session_cookie(&app.login(EMPLOYEE).await.headers).expect("cookie");
    let id = |c: &str| c.split(';').next().unwrap_or_default().to_owned();
    assert_ne!(id(&first), id(&second));
    // The old id no longer works.
    let stale = TestApp::new_client();
    let res = stale
        .post(format!("{}/api/session_info", app.base))
        .header("cookie", id(&first))
        .header("accept", "application/json")
        .send()
        .await
        .expect("request");
    let body = res.text().await.expect("body");
    assert!(
        body.contains("\"user\":null"),
        "stale session still signed in: {body}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wrong_password_and_unknown_email_get_the_same_answer() {
    let app = TestApp::spawn().await;
    let wrong = app
        .call(
            "login",
            &[("email", EMPLOYEE), ("password", "niet-het-wachtwoord")],
        )
        .await;
    let unknown = app
        .call(
            "login",
            &[
                ("email", "niemand@dijkhuis.example"),
                ("password", "niet-het-wachtwoord"),
            ],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert_eq!(unknown.status, StatusCode::UNAUTHORIZED);
    assert_eq!(wrong.body, unknown.body);
    assert_eq!(wrong.body, "\"InvalidCredentials\"");
    assert!(session_cookie(&wrong.headers).is_none());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn empty_fields_are_reported_per_field() {
    let app = TestApp::spawn().await;
    let a = app.call("login", &[("email", ""), ("password", "")]).await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        field_error(&a.body, "email").as_deref(),
        Some("error-required")
    );
    assert_eq!(
        field_error(&a.body, "password").as_deref(),
        Some("error-required")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn deactivated_people_cannot_sign_in_and_lose_their_session() {
    let app = TestApp::spawn().await;
    let a = app.login(INACTIVE).await;
    assert_eq!(a.status, StatusCode::UNAUTHORIZED);
    assert_eq!(a.body, "\"InvalidCredentials\"");

    app.login_ok(EMPLOYEE).await;
    app.exec(
        "update person set active = false where email = $1",
        &[EMPLOYEE.into()],
    )
    .await;
    let me = app.call("people/me", &[]).await;
    assert_eq!(me.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn email_is_matched_case_insensitively() {
    let app = TestApp::spawn().await;
    let a = app
        .call(
            "login",
            &[
                ("email", "  Daan.Bakker@Dijkhuis.EXAMPLE "),
                ("password", DEMO_PASSWORD),
            ],
        )
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_out_ends_the_session() {
    let app = TestApp::spawn().await;
    app.login_ok(EMPLOYEE).await;
    assert_eq!(app.call("people/me", &[]).await.status, StatusCode::OK);
    assert_eq!(app.call("logout", &[]).await.status, StatusCode::OK);
    assert_eq!(
        app.call("people/me", &[]).await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn plain_form_sign_in_redirects_like_a_browser_expects() {
    let app = TestApp::spawn().await;
    let bad = app
        .plain_post(
            "login",
            &[
                ("email", EMPLOYEE),
                ("password", "fout-wachtwoord"),
                ("next", ""),
            ],
            "/login",
        )
        .await;
    assert_eq!(bad.status, StatusCode::FOUND);
    let location = bad.headers["location"].to_str().expect("location");
    assert!(
        location.contains("/login") && location.contains("__err="),
        "{location}"
    );

    let good = app
        .plain_post(
            "login",
            &[
                ("email", EMPLOYEE),
                ("password", DEMO_PASSWORD),
                ("next", "/account"),
            ],
            "/login",
        )
        .await;
    assert_eq!(good.status, StatusCode::FOUND);
    assert_eq!(good.headers["location"], "/account");
    let account = app.page("/account").await;
    assert_eq!(account.status, StatusCode::OK);
    assert!(account.body.contains("daan.bakker@dijkhuis.example"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn next_cannot_leave_the_site() {
    let app = TestApp::spawn().await;
    let a = app
        .call(
            "login",
            &[
                ("email", EMPLOYEE),
                ("password", DEMO_PASSWORD),
                ("next", "//evil.example/x"),
            ],
        )
        .await;
    assert_eq!(a.status, StatusCode::OK);
    assert_eq!(a.body, "\"/\"");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn change_own_password() {
    let app = TestApp::spawn().await;
    app.login_ok(EMPLOYEE).await;
    let wrong = app
        .call(
            "change_password",
            &[
                ("current_password", "fout"),
                ("new_password", "een nieuw wachtwoord"),
                ("confirm_password", "een nieuw wachtwoord"),
            ],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        field_error(&wrong.body, "current_password").as_deref(),
        Some("error-password-wrong")
    );

    let short = app
        .call(
            "change_password",
            &[
                ("current_password", DEMO_PASSWORD),
                ("new_password", "kort"),
                ("confirm_password", "kort"),
            ],
        )
        .await;
    assert_eq!(
        field_error(&short.body, "new_password").as_deref(),
        Some("error-password-too-short")
    );

    let mismatch = app
        .call(
            "change_password",
            &[
                ("current_password", DEMO_PASSWORD),
                ("new_password", "een nieuw wachtwoord"),
                ("confirm_password", "een ander wachtwoord"),
            ],
        )
        .await;
    assert_eq!(
        field_error(&mismatch.body, "confirm_password").as_deref(),
        Some("error-password-mismatch")
    );

    let ok = app
        .call(
            "change_password",
            &[
                ("current_password", DEMO_PASSWORD),
                ("new_password", "een nieuw wachtwoord"),
                ("confirm_password", "een nieuw wachtwoord"),
            ],
        )
        .await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);

    let other = TestApp::new_client();
    let old = app
        .call_as(
            &other,
            "login",
            &[("email", EMPLOYEE), ("password", DEMO_PASSWORD)],
        )
        .await;
    assert_eq!(old.status, StatusCode::UNAUTHORIZED);
    let new = app
        .call_as(
            &other,
            "login",
            &[("email", EMPLOYEE), ("password", "een nieuw wachtwoord")],
        )
        .await;
    assert_eq!(new.status, StatusCode::OK);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn language_is_remembered_by_cookie_and_per_person() {
    let app = TestApp::spawn().await;
    // Dutch by default, whatever the browser asks for.
    let page = app.page("/login").await;
    assert!(
        page.body.contains("<html lang=\"nl\""),
        "{}",
        &page.body[..200]
    );
    assert!(page.body.contains("Aanmelden"));

    let set = app.call("set_locale", &[("locale", "en")]).await;
    assert_eq!(set.status, StatusCode::OK);
    let cookie = set.headers["set-cookie"].to_str().expect("cookie");
    assert!(
        cookie.starts_with("lang=en") && cookie.contains("HttpOnly"),
        "{cookie}"
    );
    let page = app.page("/login").await;
    assert!(page.body.contains("<html lang=\"en\"") && page.body.contains("Sign in"));

    // Signed in, the person's own preference counts and is stored.
    app.login_ok(EMPLOYEE).await;
    let page = app.page("/").await;
    assert!(
        page.body.contains("Welkom, Daan Bakker"),
        "stored preference is Dutch"
    );
    app.call("set_locale", &[("locale", "en")]).await;
    let stored: String = app
        .scalar(
            "select preferred_language from person where email = $1",
            &[EMPLOYEE.into()],
        )
        .await;
    assert_eq!(stored, "en");
    assert!(app.page("/").await.body.contains("Welcome, Daan Bakker"));

    let bad = app.call("set_locale", &[("locale", "fr")]).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_routes_get_a_real_404_page() {
    let app = TestApp::spawn().await;
    let page = app.page("/bestaat-niet").await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(page.body.contains("Pagina niet gevonden"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn create_admin_command_makes_a_working_administrator() {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}", dir.path().join("prod.db").display());
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_klantenrijbewijs"))
        .args([
            "create-admin",
            "--email",
            "Beheer@Verzekeraar.example",
            "--name",
            "Eerste Beheerder",
            "--employee-number",
            "a-1",
            "--employee",
        ])
        .env("DATABASE_URL", &url)
        .env("KRB_ADMIN_PASSWORD", "een sterk wachtwoord")
        .output()
        .expect("run binary");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let run = |email: &str, number: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_klantenrijbewijs"))
            .args([
                "create-admin",
                "--email",
                email,
                "--name",
                "Tweede",
                "--employee-number",
                number,
            ])
            .env("DATABASE_URL", &url)
            .env("KRB_ADMIN_PASSWORD", "een sterk wachtwoord")
            .env("LANG", "nl_NL.UTF-8")
            .output()
            .expect("run binary")
    };
    // The same e-mail again restores that person (break-glass) instead of failing.
    let again = run("beheer@verzekeraar.example", "A-2");
    assert!(again.status.success());
    assert!(String::from_utf8_lossy(&again.stdout).contains("hersteld"));
    // An e-mail of one person with the number of another is refused, in one translated line.
    let other = run("tweede@verzekeraar.example", "B-1");
    assert!(other.status.success());
    let mixed = run("beheer@verzekeraar.example", "B-1");
    assert!(!mixed.status.success());
    let stderr = String::from_utf8_lossy(&mixed.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("personeelsnummer"), "{stderr}");

    let pool = klantenrijbewijs::db::connect(&url).await.expect("db");
    let roles: Vec<String> = crate::common::sql::column(
        &pool,
        "select r.role from person_role r join person p on p.id = r.person_id where p.email = 'beheer@verzekeraar.example' order by r.role",
        &[],
    ).await;
    assert_eq!(roles, vec!["admin", "employee"]);
    let hash: String = crate::common::sql::scalar(
        &pool,
        "select password_hash from person where employee_number = 'A-1'",
        &[],
    )
    .await;
    assert!(hash.starts_with("$argon2id$"));
}
