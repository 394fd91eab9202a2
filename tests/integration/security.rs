//! The perimeter over real HTTP: cross-site posts are refused before anything runs, every answer
//! carries the security headers (pages a fresh script nonce), sign-in guessing is slowed per
//! account (in the database) and per address without locking out an office, and nothing from the
//! URL reaches the page as text or as a place to go.

use crate::common;

use common::{DEMO_PASSWORD, EMPLOYEE, TestApp};
use reqwest::StatusCode;
use reqwest::header::{HeaderMap, HeaderValue};

fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
    let mut map = HeaderMap::new();
    for (name, value) in pairs {
        map.insert(*name, HeaderValue::from_static(value));
    }
    map
}

async fn sessions(app: &TestApp) -> i64 {
    app.count("select count(*) from session").await
}

#[tokio::test]
async fn cross_site_posts_are_refused_before_anything_runs() {
    let app = TestApp::spawn().await;
    let form = [("email", EMPLOYEE), ("password", DEMO_PASSWORD)];
    for (label, client) in [
        (
            "another site",
            TestApp::client_with(headers(&[("sec-fetch-site", "cross-site")])),
        ),
        (
            "a sibling subdomain",
            TestApp::client_with(headers(&[("sec-fetch-site", "same-site")])),
        ),
        (
            "an old browser on another site",
            TestApp::client_with(headers(&[("origin", "https://evil.example")])),
        ),
        ("no evidence at all", TestApp::client_with(HeaderMap::new())),
    ] {
        let a = app.call_as(&client, "login", &form).await;
        assert_eq!(a.status, StatusCode::FORBIDDEN, "{label}: {}", a.body);
        // Refused before the sign-in ran: no session, no failure counted, no "last login".
        assert_eq!(sessions(&app).await, 0, "{label}");
        let evidence = client
            .post(format!("{}/evidence", app.base))
            .multipart(reqwest::multipart::Form::new().text("walkthrough_id", "1"))
            .send()
            .await
            .expect("request");
        assert_eq!(
            evidence.status(),
            StatusCode::FORBIDDEN,
            "{label}: evidence"
        );
        let delete = client
            .post(format!("{}/evidence/1/delete", app.base))
            .send()
            .await
            .expect("request");
        assert_eq!(delete.status(), StatusCode::FORBIDDEN, "{label}: delete");
    }
    let last_login = app
        .count("select count(*) from person where last_login_at is not null")
        .await;
    assert_eq!(last_login, 0);

    // The app's own pages: the browser says same-origin (a plain form post too), or an old
    // browser sends the app's own Origin.
    let a = app.call("login", &form).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    let own_origin = TestApp::client_with(HeaderMap::new());
    let origin = app.base.clone();
    let res = own_origin
        .post(format!("{}/api/login", app.base))
        .header("origin", origin)
        .header("accept", "application/json")
        .form(&form)
        .send()
        .await
        .expect("request");
    assert_eq!(res.status(), StatusCode::OK);
}

#[tokio::test]
async fn the_configured_public_origin_is_the_only_other_origin_accepted() {
    let app = TestApp::spawn_configured(true, |c| {
        c.public_url = Some("https://krb.example.nl".to_owned());
    })
    .await;
    let form = [("email", EMPLOYEE), ("password", DEMO_PASSWORD)];
    let ok = TestApp::client_with(headers(&[("origin", "https://krb.example.nl")]));
    assert_eq!(
        app.call_as(&ok, "login", &form).await.status,
        StatusCode::OK
    );
    // Behind the proxy, the Host the app sees is no longer enough.
    let local = TestApp::client_with(HeaderMap::new());
    let res = local
        .post(format!("{}/api/login", app.base))
        .header("origin", app.base.clone())
        .form(&form)
        .send()
        .await
        .expect("request");
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn every_answer_carries_the_security_headers_and_pages_a_fresh_nonce() {
    let app = TestApp::spawn().await;
    let first = app.page("/login").await;
    let second = app.page("/login").await;
    let policy = |a: &common::Answer| {
        a.headers
            .get("content-security-policy")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    let nonce_of = |p: &str| {
        p.split("'nonce-")
            .nth(1)
            .and_then(|rest| rest.split('\'').next())
            .unwrap_or_default()
            .to_owned()
    };
    let (p1, p2) = (policy(&first), policy(&second));
    let (n1, n2) = (nonce_of(&p1), nonce_of(&p2));
    assert!(n1.len() >= 16, "policy: {p1}");
    assert_ne!(n1, n2, "a nonce is used once");
    assert!(p1.contains("frame-ancestors 'none'"));
    assert!(!p1.contains("unsafe-inline"));
    // Every inline script on the page carries this page's nonce; none without.
    let scripts = first.body.matches("<script").count();
    let nonced = first.body.matches(&format!("nonce=\"{n1}\"")).count();
    assert!(scripts >= 2, "{}", first.body);
    let external = first.body.matches("<script src=").count();
    assert!(
        nonced >= scripts - external,
        "{scripts} scripts, {nonced} with the nonce"
    );

    for path in ["/login", "/healthz", "/does-not-exist", "/api/session_info"] {
        let a = if path.starts_with("/api/") {
            app.call("session_info", &[]).await
        } else {
            app.page(path).await
        };
        let h = &a.headers;
        assert_eq!(h["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(h["referrer-policy"], "same-origin", "{path}");
        assert!(h.contains_key("content-security-policy"), "{path}");
        assert!(
            !h.contains_key("strict-transport-security"),
            "{path}: no HSTS over http"
        );
    }
    assert_eq!(
        app.page("/login").await.headers["cache-control"],
        "no-store"
    );

    let tls = TestApp::spawn_configured(true, |c| c.cookie_secure = true).await;
    let a = tls.page("/login").await;
    assert!(
        a.headers["strict-transport-security"]
            .to_str()
            .is_ok_and(|v| v.contains("max-age=31536000")),
        "HSTS when the cookie is Secure"
    );
}

#[tokio::test]
async fn guessing_one_account_makes_it_wait_and_the_answer_reveals_nothing() {
    let app = TestApp::spawn().await;
    let unknown = "niemand@dijkhuis.example";
    for account in [EMPLOYEE, unknown] {
        for attempt in 1..=6 {
            let a = app
                .call(
                    "login",
                    &[("email", account), ("password", "geraden-wachtwoord")],
                )
                .await;
            assert_eq!(
                a.status,
                StatusCode::UNAUTHORIZED,
                "{account} attempt {attempt}"
            );
        }
        // The sixth failure started a wait: now even the right password is refused, with the
        // same answer for an account that exists and one that does not.
        let a = app
            .call("login", &[("email", account), ("password", DEMO_PASSWORD)])
            .await;
        assert_eq!(
            a.status,
            StatusCode::TOO_MANY_REQUESTS,
            "{account}: {}",
            a.body
        );
        assert_eq!(a.body, r#""TooManyAttempts""#);
    }
    // Kept in the database, so a restart does not forgive it.
    let stored = app
        .count(
            "select failures from sign_in_throttle where account = 'daan.bakker@dijkhuis.example'",
        )
        .await;
    assert_eq!(stored, 6);
    // Other people are not affected.
    app.login_ok(common::REVIEWER).await;
    // Once the wait is over the right password works, and the count starts again.
    app.exec(
        "update sign_in_throttle set locked_until = '2000-01-01T00:00:00Z'",
        &[],
    )
    .await;
    app.login_ok(EMPLOYEE).await;
    assert_eq!(
        app.count(
            "select count(*) from sign_in_throttle where account = 'daan.bakker@dijkhuis.example'"
        )
        .await,
        0
    );
}

#[tokio::test]
async fn an_office_of_200_behind_one_address_signs_in_within_a_minute() {
    let app = TestApp::spawn().await;
    let people = klantenrijbewijs::demo::scale::grow_people(&app.state.pool, 200)
        .await
        .expect("grow");
    let started = std::time::Instant::now();
    let tasks: Vec<_> = people
        .into_iter()
        .map(|email| {
            let base = app.base.clone();
            tokio::spawn(async move {
                let client = TestApp::new_client();
                let res = client
                    .post(format!("{base}/api/login"))
                    .header("accept", "application/json")
                    .form(&[("email", email.as_str()), ("password", DEMO_PASSWORD)])
                    .send()
                    .await
                    .expect("request");
                res.status()
            })
        })
        .collect();
    let mut ok = 0;
    for t in tasks {
        let status = t.await.expect("task");
        assert_eq!(status, StatusCode::OK);
        ok += 1;
    }
    assert_eq!(ok, 200);
    assert!(started.elapsed() < std::time::Duration::from_secs(60));
    // Argon2 ran at most four at a time meanwhile.
    assert!(
        klantenrijbewijs::auth::password::peak_concurrent()
            <= klantenrijbewijs::auth::password::SLOTS
    );
}

#[tokio::test]
async fn a_script_hammering_from_one_address_is_slowed() {
    let app = TestApp::spawn().await;
    let mut limited = 0;
    for i in 0..400 {
        let account = format!("gok{i}@example.invalid");
        let a = app
            .call("login", &[("email", account.as_str()), ("password", "x")])
            .await;
        if a.status == StatusCode::TOO_MANY_REQUESTS {
            limited += 1;
        } else {
            assert_eq!(a.status, StatusCode::UNAUTHORIZED);
        }
    }
    assert!(
        limited > 0,
        "400 attempts in a row from one address were never slowed"
    );
}

#[tokio::test]
async fn after_sign_in_the_browser_only_goes_to_a_page_of_this_site() {
    let app = TestApp::spawn().await;
    for (next, expected) in [
        ("/walk", "/walk"),
        ("//evil.example", "/"),
        ("/\t/evil.example", "/"),
        ("/\\evil.example", "/"),
        ("https://evil.example/", "/"),
        ("/api/logout", "/"),
    ] {
        let client = TestApp::new_client();
        let res = client
            .post(format!("{}/api/login", app.base))
            .header("accept", "text/html")
            .header("referer", format!("{}/login", app.base))
            .form(&[
                ("email", EMPLOYEE),
                ("password", DEMO_PASSWORD),
                ("next", next),
            ])
            .send()
            .await
            .expect("request");
        assert!(res.status().is_redirection(), "{next:?}: {}", res.status());
        assert_eq!(res.headers()["location"], expected, "{next:?}");
    }
}

#[tokio::test]
async fn text_in_the_url_never_reaches_the_page_as_a_message() {
    use base64::Engine;
    let app = TestApp::spawn().await;
    let planted =
        r#"{"Validation":[{"field":"email","key":"Bel 0900-1234 voor je nieuwe wachtwoord"}]}"#;
    let encoded = base64::engine::general_purpose::URL_SAFE.encode(planted);
    let page = app
        .page(&format!("/login?__path=%2Fapi%2Flogin&__err={encoded}"))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.body.contains("0900-1234"), "planted text shown");
    let evidence = app
        .page("/login?evidence_error=Bel%200900-1234&evidence=Bel%200900-1234")
        .await;
    assert!(!evidence.body.contains("0900-1234"));
}

/// A call whose arguments do not parse never reaches the app's code: it is the caller's mistake
/// (400 with the opaque "BadRequest"), not a server failure (the framework's default 500, which
/// also logged an error for every malformed request).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_function_call_whose_arguments_do_not_parse_is_a_400() {
    let app = TestApp::spawn().await;
    for client in [TestApp::new_client(), app.client_for(EMPLOYEE).await] {
        let malformed = app.call_as(&client, "walk/step", &[("x", "1")]).await;
        assert_eq!(
            malformed.status,
            StatusCode::BAD_REQUEST,
            "{}",
            malformed.body
        );
        assert_eq!(malformed.body, "\"BadRequest\"");
        let wrong_type = app
            .call_as(&client, "walk/start", &[("journey_id", "een")])
            .await;
        assert_eq!(
            wrong_type.status,
            StatusCode::BAD_REQUEST,
            "{}",
            wrong_type.body
        );
    }
    // Well-formed, the anonymous caller is still told to sign in first.
    let anonymous = app.call("walk/start", &[("journey_id", "1")]).await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
    // Without JavaScript the browser is sent back to its form with the error, as for every
    // other error.
    let plain = app.plain_post("walk/step", &[("x", "1")], "/walk").await;
    assert_eq!(plain.status, StatusCode::FOUND, "{}", plain.body);
    let location = plain.headers["location"].to_str().expect("location");
    assert!(
        location.starts_with(&format!("{}/walk?", app.base)) && location.contains("__err="),
        "{location}"
    );
}
