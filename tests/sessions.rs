//! How long a session lives, over real HTTP: no stored session for anonymous visitors, and
//! expired ones swept away. Time passes by moving the stored sessions back.

mod common;

use common::*;

const FATIMA: &str = "Fatima El Amrani";

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
