//! The licence card and the public verification over real HTTP: who may see a card, what it
//! shows (its QR code read back with a QR decoder), what the public page says and hides, the
//! same 404 for unknown and malformed codes, forgiving input, and the per-address rate limit.

use crate::common;

use chrono::{Duration, NaiveDate};
use common::{EMPLOYEE, HR, REVIEWER, TestApp, completed_walkthrough};
use reqwest::StatusCode;

const GRACE: &str = "grace.okafor@dijkhuis.example";
const OTHER_REVIEWER: &str = "ruud.hendriks@dijkhuis.example";
const CODE: &str = "7KQ2M9XDC4HT0ZRA";

fn today() -> NaiveDate {
    klantenrijbewijs::db::licence::today()
}

fn nl(date: NaiveDate) -> String {
    date.format("%d-%m-%Y").to_string()
}

/// A licence period inserted as a decision would: `walkthrough` None is a manual certification.
async fn period(
    app: &TestApp,
    person_id: i64,
    (from, through): (NaiveDate, NaiveDate),
    walkthrough: Option<i64>,
    issued_by: i64,
    code: &str,
) -> i64 {
    let now = chrono::Utc::now();
    let source = if walkthrough.is_some() {
        "sign_off"
    } else {
        "manual"
    };
    app.scalar(
        "insert into licence_period (person_id, valid_from, valid_through, source, walkthrough_id,
                                     issued_by, verification_code, created_at, updated_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $8) returning id",
        &[
            person_id.into(),
            from.into(),
            through.into(),
            source.into(),
            walkthrough.into(),
            issued_by.into(),
            code.into(),
            now.into(),
        ],
    )
    .await
}

fn valid_dates() -> (NaiveDate, NaiveDate) {
    (today() - Duration::days(30), today() + Duration::days(300))
}

/// Daan (employee) with a signed-off licence valid today, earned with a walkthrough, signed off
/// by his manager. Returns (period id, journey title, manager name).
async fn daan_with_licence(app: &TestApp) -> (i64, String, String) {
    let walk = completed_walkthrough(app, EMPLOYEE).await;
    let (manager_id, manager_name): (i64, String) = app
        .rows(
            "select m.id, m.name from person p join person m on m.id = p.manager_id where p.id = $1",
            &[walk.person_id.into()],
        )
        .await
        .into_iter()
        .next()
        .expect("Daan has a manager");
    let journey: String = app
        .scalar(
            "select j.title from walkthrough w join journey j on j.id = w.journey_id where w.id = $1",
            &[walk.id.into()],
        )
        .await;
    let id = period(
        app,
        walk.person_id,
        valid_dates(),
        Some(walk.id),
        manager_id,
        CODE,
    )
    .await;
    (id, journey, manager_name)
}

/// The inline QR SVG of a card page, drawn back into pixels and decoded.
fn read_qr(body: &str) -> String {
    let start = body.find("<svg class=\"qr\"").expect("QR svg on the page");
    let svg = &body[start..start + body[start..].find("</svg>").expect("svg end")];
    let number = |attr: &str| -> usize {
        let at = svg.find(&format!(" {attr}=\"")).expect(attr) + attr.len() + 3;
        svg[at..at + svg[at..].find('"').expect("quote")]
            .parse()
            .expect("number")
    };
    let (modules, scale) = (number("width"), 6);
    assert_eq!(number("height"), modules);
    let d_at = svg.find(" d=\"").expect("path") + 4;
    let d = &svg[d_at..d_at + svg[d_at..].find('"').expect("quote")];
    let size = modules * scale;
    let mut dark = vec![false; size * size];
    // The renderer writes each dark run as `M{left} {top}h{width}v{height}H{left}V{top}`.
    for run in d.split('M').skip(1) {
        let (left, rest) = run.split_once(' ').expect("left");
        let (top, rest) = rest.split_once('h').expect("top");
        let (width, rest) = rest.split_once('v').expect("width");
        let (height, _) = rest.split_once('H').expect("height");
        let [left, top, width, height] =
            [left, top, width, height].map(|n| n.parse::<usize>().expect("module number"));
        for y in top * scale..(top + height) * scale {
            for x in left * scale..(left + width) * scale {
                dark[y * size + x] = true;
            }
        }
    }
    let mut image = rqrr::PreparedImage::prepare_from_bitmap(size, size, |x, y| dark[y * size + x]);
    let grids = image.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code");
    grids[0].decode().expect("QR code decodes").1
}

/// The page with its per-answer script nonce (also repeated in other attributes) blanked out.
fn without_nonces(body: &str) -> String {
    let Some(at) = body.find("nonce=\"") else {
        return body.to_owned();
    };
    let value = &body[at + 7..];
    let nonce = &value[..value.find('"').expect("nonce end")];
    assert!(nonce.len() >= 16, "a real nonce: {nonce:?}");
    body.replace(nonce, "NONCE")
}

async fn get(
    client: &reqwest::Client,
    url: &str,
) -> (StatusCode, reqwest::header::HeaderMap, String) {
    let res = client
        .get(url)
        .header("accept", "text/html")
        .send()
        .await
        .expect("request");
    let status = res.status();
    let headers = res.headers().clone();
    (status, headers, res.text().await.expect("body"))
}

#[tokio::test]
async fn the_owner_sees_their_card_and_its_qr_code_reads_back_as_the_verify_address() {
    let app = TestApp::spawn().await;
    let (_, journey, manager) = daan_with_licence(&app).await;
    app.login_ok(EMPLOYEE).await;
    let page = app.page("/licence/card").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    for expected in [
        "Daan Bakker",
        "Geldig t/m",
        &nl(valid_dates().1),
        "de laatste dag telt mee",
        &journey,
        &manager,
        &nl(today()),
        "7KQ2-M9XD-C4HT-0ZRA",
    ] {
        assert!(page.body.contains(expected), "card lacks {expected:?}");
    }
    assert!(
        !page.body.contains("licence-card__banner"),
        "a valid card has no warning banner"
    );
    assert_eq!(read_qr(&page.body), format!("{}/verify/{CODE}", app.base));
}

#[tokio::test]
async fn the_qr_code_points_at_the_public_url_when_one_is_configured() {
    let app = TestApp::spawn_configured(true, |c| {
        c.public_url = Some("https://krb.example.nl".to_owned());
    })
    .await;
    daan_with_licence(&app).await;
    app.login_ok(EMPLOYEE).await;
    let page = app.page("/licence/card").await;
    assert_eq!(
        read_qr(&page.body),
        format!("https://krb.example.nl/verify/{CODE}")
    );
    assert!(
        page.body
            .contains(&format!("https://krb.example.nl/verify/{CODE}"))
    );
}

#[tokio::test]
async fn colleagues_are_refused_while_hr_and_the_manager_may_look() {
    let app = TestApp::spawn().await;
    let (period_id, _, _) = daan_with_licence(&app).await;
    let daan = app.person_id(EMPLOYEE).await;
    let other_reviewer = app.person_id(OTHER_REVIEWER).await;
    let managed_by_other: i64 = app
        .count(&format!(
            "select count(*) from person where id = {daan} and manager_id = {other_reviewer}"
        ))
        .await;
    assert_eq!(
        managed_by_other, 0,
        "the other reviewer is not Daan's manager"
    );
    let address = format!("{}/licence/card?person={daan}", app.base);

    for refused in [GRACE, OTHER_REVIEWER] {
        let client = app.client_for(refused).await;
        let (status, _, body) = get(&client, &address).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{refused}");
        assert!(
            !body.contains("7KQ2") && !body.contains("Daan Bakker"),
            "{refused} saw the card"
        );
        // The same for an earlier period named outright, and for the server function.
        let (status, _, _) = get(&client, &format!("{address}&period={period_id}")).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let api = app
            .call_as(&client, "licence/card", &[("person", &daan.to_string())])
            .await;
        assert_eq!(api.status, StatusCode::FORBIDDEN, "{}", api.body);
        assert!(!api.body.contains("7KQ2"));
    }

    for allowed in [HR, REVIEWER] {
        let client = app.client_for(allowed).await;
        let (status, _, body) = get(&client, &address).await;
        assert_eq!(status, StatusCode::OK, "{allowed}: {body}");
        assert!(
            body.contains("7KQ2-M9XD-C4HT-0ZRA") && body.contains("Daan Bakker"),
            "{allowed}"
        );
    }
    let hr = app.client_for(HR).await;
    let (status, _, _) = get(&hr, &format!("{}/licence/card?person=999999", app.base)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // Daan cannot open someone else's period through `period` either.
    let hr_id = app.person_id(HR).await;
    let foreign = period(
        &app,
        app.person_id(GRACE).await,
        valid_dates(),
        None,
        hr_id,
        "ABCDABCDABCDABCD",
    )
    .await;
    app.login_ok(EMPLOYEE).await;
    let page = app.page(&format!("/licence/card?period={foreign}")).await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(!page.body.contains("ABCD-ABCD"));

    // Anonymous visitors are sent to sign in.
    let (status, headers, _) = get(&TestApp::new_client(), &address).await;
    assert!(status.is_redirection(), "{status}");
    let to = headers
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    assert!(to.starts_with("/login"), "{to}");
}

#[tokio::test]
async fn without_a_licence_the_card_page_says_so_and_links_to_the_licence_page() {
    let app = TestApp::spawn().await;
    app.login_ok(GRACE).await;
    // Grace prefers English.
    let page = app.page("/licence/card").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("No customer licence yet"),
        "{}",
        page.body
    );
    assert!(page.body.contains("href=\"/licence\""));
    assert!(!page.body.contains("<svg class=\"qr\""));
}

#[tokio::test]
async fn earlier_and_revoked_cards_carry_a_banner_and_never_look_valid() {
    let app = TestApp::spawn().await;
    let daan = app.person_id(EMPLOYEE).await;
    let hr = app.person_id(HR).await;
    let old_dates = (today() - Duration::days(500), today() - Duration::days(136));
    let old = period(&app, daan, old_dates, None, hr, "0000111122223333").await;
    daan_with_licence(&app).await;
    app.login_ok(EMPLOYEE).await;
    let current = app.page("/licence/card").await;
    assert!(
        current.body.contains("7KQ2-M9XD-C4HT-0ZRA"),
        "the valid card is the default"
    );
    assert!(
        current
            .body
            .contains(&format!("/licence/card?period={old}")),
        "the older card is linked"
    );

    let earlier = app.page(&format!("/licence/card?period={old}")).await;
    assert_eq!(earlier.status, StatusCode::OK);
    assert!(earlier.body.contains("licence-card--expired"));
    assert!(
        earlier.body.contains("Dit rijbewijs is verlopen"),
        "{}",
        earlier.body
    );
    assert!(earlier.body.contains(&nl(old_dates.1)));
    assert_eq!(
        read_qr(&earlier.body),
        format!("{}/verify/0000111122223333", app.base)
    );

    revoke(&app, daan, hr).await;
    let revoked = app.page("/licence/card").await;
    assert!(revoked.body.contains("licence-card--revoked"));
    assert!(revoked.body.contains("ingetrokken en geldt niet meer"));
}

/// Revokes the person's latest period the way HR's decision would record it.
async fn revoke(app: &TestApp, person_id: i64, hr: i64) {
    let now = chrono::Utc::now();
    app.exec(
        "insert into licence_decision (person_id, period_id, decision, decided_by, comment, created_at, updated_at)
         values ($1, (select max(id) from licence_period where person_id = $1), 'revoked', $2, 'Fraude', $3, $3)",
        &[person_id.into(), hr.into(), now.into()],
    )
    .await;
}

#[tokio::test]
async fn the_public_page_says_valid_with_the_name_and_nothing_else_about_the_holder() {
    let app = TestApp::spawn().await;
    let (_, journey, manager) = daan_with_licence(&app).await;
    let (email, number, team, department): (String, String, String, String) = app
        .rows(
            "select p.email, p.employee_number, t.name, d.name from person p
         join team t on t.id = p.team_id join department d on d.id = t.department_id
         where p.email = $1",
            &[EMPLOYEE.into()],
        )
        .await
        .into_iter()
        .next()
        .expect("Daan's details");
    let anonymous = TestApp::new_client();
    let (status, headers, body) = get(&anonymous, &format!("{}/verify/{CODE}", app.base)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body.contains("verify-result--valid"));
    assert!(body.contains("Daan Bakker heeft vandaag een geldig klantenrijbewijs"));
    assert!(body.contains(&nl(valid_dates().1)));
    for secret in [&email, &number, &team, &department, &journey, &manager] {
        assert!(
            !body.contains(secret.as_str()),
            "the public page shows {secret:?}"
        );
    }
    assert_eq!(headers["x-robots-tag"], "noindex, nofollow");
    assert_eq!(headers["referrer-policy"], "no-referrer");
    assert!(body.contains("name=\"robots\" content=\"noindex, nofollow\""));

    // The server function is public too, and as tight-lipped.
    let api = app.call_as(&anonymous, "verify", &[("code", CODE)]).await;
    assert_eq!(api.status, StatusCode::OK, "{}", api.body);
    assert!(api.body.contains("Daan Bakker") && api.body.contains("Valid"));
    for secret in [&email, &number, &team, &department, &journey, &manager] {
        assert!(
            !api.body.contains(secret.as_str()),
            "the answer holds {secret:?}"
        );
    }
    // Other pages keep the site's referrer policy.
    let (_, headers, _) = get(&anonymous, &format!("{}/login", app.base)).await;
    assert_eq!(headers["referrer-policy"], "same-origin");
}

#[tokio::test]
async fn revoked_and_expired_licences_say_so() {
    let app = TestApp::spawn().await;
    let hr = app.person_id(HR).await;
    let daan = app.person_id(EMPLOYEE).await;
    let grace = app.person_id(GRACE).await;
    let expired_through = today() - Duration::days(40);
    period(
        &app,
        grace,
        (today() - Duration::days(400), expired_through),
        None,
        hr,
        "EEEEEEEEEEEEEEEE",
    )
    .await;
    period(&app, daan, valid_dates(), None, hr, CODE).await;
    revoke(&app, daan, hr).await;

    let anonymous = TestApp::new_client();
    let (status, _, body) = get(&anonymous, &format!("{}/verify/{CODE}", app.base)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("verify-result--revoked"));
    assert!(body.contains("Het klantenrijbewijs van Daan Bakker is ingetrokken"));
    assert!(!body.contains("verify-result--valid"));

    let (status, _, body) = get(&anonymous, &format!("{}/verify/EEEEEEEEEEEEEEEE", app.base)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("verify-result--expired"));
    let since = nl(expired_through + Duration::days(1));
    assert!(
        body.contains(&format!("Grace Okafor is verlopen sinds {since}")),
        "{body}"
    );
}

#[tokio::test]
async fn unknown_and_malformed_codes_get_the_same_404() {
    // More lookups than the default burst allows at once.
    let app = TestApp::spawn_configured(true, |c| c.verify_burst = 100).await;
    daan_with_licence(&app).await;
    let anonymous = TestApp::new_client();
    let mut bodies = Vec::new();
    for code in [
        "ZZZZZZZZZZZZZZZZ",
        "7KQ2M9XDC4HT0ZRB",
        "hello",
        "7KQ2",
        "%2E%2E%2Fadmin",
        "7KQ2M9XDC4HT0ZRAX",
    ] {
        for url in [
            format!("{}/verify/{code}", app.base),
            format!("{}/verify?code={code}", app.base),
        ] {
            let (status, _, body) = get(&anonymous, &url).await;
            assert_eq!(status, StatusCode::NOT_FOUND, "{url}");
            assert!(body.contains("Onbekende code"), "{url}");
            bodies.push((url, without_nonces(&body)));
        }
        let api = app.call_as(&anonymous, "verify", &[("code", code)]).await;
        assert_eq!(api.status, StatusCode::NOT_FOUND, "{code}");
        assert_eq!(api.body, "\"NotFound\"");
    }
    let (first_url, first) = &bodies[0];
    for (url, body) in &bodies[1..] {
        assert_eq!(body, first, "{url} answers differently from {first_url}");
    }
}

#[tokio::test]
async fn typed_codes_are_forgiving() {
    let app = TestApp::spawn_configured(true, |c| c.verify_burst = 100).await;
    daan_with_licence(&app).await;
    let anonymous = TestApp::new_client();
    for typed in [
        "7kq2-m9xd-c4ht-ozra",
        "7KQ2M9XDC4HT0ZRA",
        "7kq2%20m9xd%20c4ht%200zra",
        "7KQ2-M9XD-C4HT-0ZRA",
    ] {
        for url in [
            format!("{}/verify/{typed}", app.base),
            format!("{}/verify?code={typed}", app.base),
        ] {
            let (status, _, body) = get(&anonymous, &url).await;
            assert_eq!(status, StatusCode::OK, "{url}");
            assert!(body.contains("verify-result--valid"), "{url}");
        }
    }
    // The empty form is just the form, with no verdict.
    let (status, _, body) = get(&anonymous, &format!("{}/verify", app.base)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("name=\"code\"") && !body.contains("verify-result"));
    let (status, _, body) = get(&anonymous, &format!("{}/verify?code=", app.base)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!body.contains("verify-result"));
}

#[tokio::test]
async fn lookups_are_limited_per_address() {
    let app = TestApp::spawn_configured(true, |c| {
        c.verify_per_minute = 1;
        c.verify_burst = 3;
    })
    .await;
    daan_with_licence(&app).await;
    let anonymous = TestApp::new_client();
    let valid = format!("{}/verify/{CODE}", app.base);
    let unknown = format!("{}/verify/ZZZZZZZZZZZZZZZZ", app.base);
    // Known and unknown codes count alike.
    assert_eq!(get(&anonymous, &valid).await.0, StatusCode::OK);
    assert_eq!(get(&anonymous, &unknown).await.0, StatusCode::NOT_FOUND);
    assert_eq!(
        app.call_as(&anonymous, "verify", &[("code", CODE)])
            .await
            .status,
        StatusCode::OK
    );
    let (status, headers, body) = get(&anonymous, &valid).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert!(body.contains("Even wachten"), "{body}");
    assert!(!body.contains("Daan Bakker"));
    let wait: u64 = headers["retry-after"]
        .to_str()
        .expect("ascii")
        .parse()
        .expect("seconds");
    assert!((1..=60).contains(&wait), "{wait}");
    let api = app.call_as(&anonymous, "verify", &[("code", CODE)]).await;
    assert_eq!(api.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(api.headers.contains_key("retry-after"));
    // The empty form costs nothing and still shows.
    assert_eq!(
        get(&anonymous, &format!("{}/verify", app.base)).await.0,
        StatusCode::OK
    );

    // Another address has its own allowance.
    let elsewhere = reqwest::Client::builder()
        .local_address(std::net::IpAddr::from([127, 0, 0, 2]))
        .build()
        .expect("client");
    let (status, _, body) = get(&elsewhere, &valid).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body.contains("verify-result--valid"));
}
