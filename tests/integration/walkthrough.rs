//! Walkthroughs over real HTTP: starting, saving steps with the version check, frictions, finishing,
//! and who may read or change whose walkthrough.

use crate::common;

use common::*;
use reqwest::StatusCode;

const COLLEAGUE: &str = "grace.okafor@dijkhuis.example";

async fn live_journey(app: &TestApp) -> i64 {
    app.scalar::<i64>(
        "select id from journey where status = 'live' order by id limit 1",
        &[],
    )
    .await
}

async fn steps_of(app: &TestApp, journey: i64) -> Vec<i64> {
    crate::common::sql::column::<i64>(
        &app.state.pool,
        "select id from journey_step where journey_id = $1 order by
           case phase when 'orientatie' then 0 when 'transactie' then 1 when 'afname' then 2
                      when 'service' then 3 else 4 end, position, id",
        &[journey.into()],
    )
    .await
}

async fn start(app: &TestApp, client: &reqwest::Client, journey: i64) -> Answer {
    app.call_as(
        client,
        "walk/start",
        &[("journey_id", &journey.to_string())],
    )
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_walkthrough_in_progress_per_cycle_until_abandoned() {
    let app = TestApp::spawn().await;
    let daan = app.client_for(EMPLOYEE).await;
    let journey = live_journey(&app).await;
    let first = start(&app, &daan, journey).await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.body);
    let id: i64 = first.body.parse().expect("id");
    let steps = steps_of(&app, journey).await.len() as i64;
    assert_eq!(
        app.count(&format!(
            "select count(*) from walkthrough_step where walkthrough_id = {id}"
        ))
        .await,
        steps
    );

    let second = start(&app, &daan, journey).await;
    assert_eq!(second.status, StatusCode::CONFLICT);
    assert!(second.body.contains("walk-error-already-in-progress"));
    assert_eq!(app.count_own("count(*)", "walkthrough").await, 1);

    let abandon = app
        .call_as(
            &daan,
            "walk/finish",
            &[
                ("form[walkthrough_id]", &id.to_string()),
                ("form[result]", "abandoned"),
                ("form[abandon_reason]", "Testpolis werkte niet"),
                ("form[summary]", "Gestopt bij stap 1"),
            ],
        )
        .await;
    assert_eq!(abandon.status, StatusCode::OK, "{}", abandon.body);
    assert_eq!(start(&app, &daan, journey).await.status, StatusCode::OK);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_live_journeys_can_be_started() {
    let app = TestApp::spawn().await;
    let daan = app.client_for(EMPLOYEE).await;
    let draft = app
        .count("select id from journey where status = 'draft' order by id limit 1")
        .await;
    let refused = start(&app, &daan, draft).await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    assert!(refused.body.contains("walk-error-journey-not-live"));
    assert_eq!(
        start(&app, &daan, 999_999).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(app.count_own("count(*)", "walkthrough").await, 0);
    // Not signed in at all.
    assert_eq!(
        start(&app, &TestApp::new_client(), live_journey(&app).await)
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn saving_a_step_checks_the_version_and_the_input() {
    let app = TestApp::spawn().await;
    let daan = app.client_for(EMPLOYEE).await;
    let journey = live_journey(&app).await;
    let walk = start(&app, &daan, journey).await.body;
    let step = steps_of(&app, journey).await[0].to_string();

    let saved = app
        .call_as(&daan, "walk/step", &step_form(&walk, &step, "0"))
        .await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    assert!(saved.body.contains("\"version\":1"));

    // A second tab still holding version 0 must not overwrite the first.
    let mut stale = step_form(&walk, &step, "0");
    stale.retain(|(k, _)| *k != "form[happened]");
    stale.push(("form[happened]", "Overschreven"));
    let conflict = app.call_as(&daan, "walk/step", &stale).await;
    assert_eq!(conflict.status, StatusCode::CONFLICT);
    assert_eq!(conflict.body, "\"Conflict\"");
    let happened: String = app
        .scalar(
            "select happened from walkthrough_step where walkthrough_id = $1 and step_id = $2",
            &[
                (walk.parse::<i64>().expect("id")).into(),
                (step.parse::<i64>().expect("id")).into(),
            ],
        )
        .await;
    assert_eq!(happened, "Na 6 minuten nog geen premie");

    // Bad input: every bad field named, nothing written.
    let mut bad = step_form(&walk, &step, "1");
    bad.retain(|(k, _)| !["form[emotion]", "form[effort]", "form[outcome]"].contains(k));
    bad.extend([
        ("form[emotion]", "5"),
        ("form[effort]", "zeven"),
        ("form[outcome]", "skipped"),
    ]);
    let invalid = app.call_as(&daan, "walk/step", &bad).await;
    assert_eq!(invalid.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        field_error(&invalid.body, "emotion").as_deref(),
        Some("error-out-of-range")
    );
    assert_eq!(
        field_error(&invalid.body, "effort").as_deref(),
        Some("error-not-a-number")
    );
    assert_eq!(
        field_error(&invalid.body, "skip_reason").as_deref(),
        Some("walk-error-skip-reason")
    );
    assert_eq!(app.count_own("max(version)", "walkthrough_step").await, 1);

    // A step that is not part of this walkthrough.
    let unknown = app
        .call_as(&daan, "walk/step", &step_form(&walk, "999999", "0"))
        .await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn owner_edits_reviewer_and_hr_read_others_see_nothing() {
    let app = TestApp::spawn().await;
    let daan = app.client_for(EMPLOYEE).await;
    let journey = live_journey(&app).await;
    let walk = start(&app, &daan, journey).await.body;
    let step = steps_of(&app, journey).await[0].to_string();

    for (email, can_read) in [
        (REVIEWER, true),
        (HR, true),
        (COLLEAGUE, false),
        (ADMIN, false),
    ] {
        let client = app.client_for(email).await;
        let load = app
            .call_as(&client, "walk/load", &[("id", walk.as_str())])
            .await;
        let expected = if can_read {
            StatusCode::OK
        } else {
            StatusCode::FORBIDDEN
        };
        assert_eq!(load.status, expected, "{email} loading");
        if can_read {
            assert!(load.body.contains("\"access\":\"Read\""), "{email}");
        }
        let save = app
            .call_as(&client, "walk/step", &step_form(&walk, &step, "0"))
            .await;
        assert_ne!(save.status, StatusCode::OK, "{email} must not save");
        let friction = app
            .call_as(
                &client,
                "walk/friction",
                &[
                    ("form[walkthrough_id]", walk.as_str()),
                    ("form[step_id]", step.as_str()),
                    ("form[number]", "1"),
                    ("form[kind]", "delight"),
                    ("form[title]", "Niet van mij"),
                ],
            )
            .await;
        assert_ne!(
            friction.status,
            StatusCode::OK,
            "{email} must not log frictions"
        );
    }
    assert_eq!(app.count_own("max(version)", "walkthrough_step").await, 0);
    assert_eq!(app.count_own("count(*)", "friction").await, 0);
    let anonymous = app
        .call_as(
            &TestApp::new_client(),
            "walk/load",
            &[("id", walk.as_str())],
        )
        .await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
    let unknown = app.call_as(&daan, "walk/load", &[("id", "424242")]).await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);

    // The reviewer sees it in their list; the colleague's list call is refused.
    let marieke = app.client_for(REVIEWER).await;
    let list = app.call_as(&marieke, "walk/readable", &[]).await;
    assert!(list.body.contains("Daan Bakker"), "{}", list.body);
    let grace = app.client_for(COLLEAGUE).await;
    assert_eq!(
        app.call_as(&grace, "walk/readable", &[]).await.status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn frictions_are_validated_tagged_and_owned_by_the_steps_team() {
    let app = TestApp::spawn().await;
    let daan = app.client_for(EMPLOYEE).await;
    let journey = live_journey(&app).await;
    let walk = start(&app, &daan, journey).await.body;
    let step = steps_of(&app, journey).await[1].to_string();

    let missing = app
        .call_as(
            &daan,
            "walk/friction",
            &[
                ("form[walkthrough_id]", walk.as_str()),
                ("form[step_id]", step.as_str()),
                ("form[number]", "2"),
                ("form[kind]", "friction"),
                ("form[title]", ""),
            ],
        )
        .await;
    assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        field_error(&missing.body, "severity").as_deref(),
        Some("walk-error-severity-required")
    );
    assert_eq!(
        field_error(&missing.body, "title").as_deref(),
        Some("error-required")
    );
    assert_eq!(
        field_error(&missing.body, "what_happened").as_deref(),
        Some("error-required")
    );
    assert_eq!(app.count_own("count(*)", "friction").await, 0);

    let ok = app
        .call_as(
            &daan,
            "walk/friction",
            &[
                ("form[walkthrough_id]", walk.as_str()),
                ("form[step_id]", step.as_str()),
                ("form[number]", "2"),
                ("form[kind]", "friction"),
                ("form[severity]", "blocker"),
                ("form[title]", "Kenteken verplicht voor premie"),
                (
                    "form[what_happened]",
                    "Zonder kenteken kreeg ik geen premie te zien.",
                ),
                (
                    "form[suggestion]",
                    "Toon een indicatie op basis van merk en type.",
                ),
                ("form[tags][effortless]", "on"),
                ("form[tags][expectations]", "on"),
            ],
        )
        .await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
    let fid: i64 = ok.body.parse().expect("id");
    assert_eq!(
        app.count(&format!(
            "select count(*) from friction_principle where friction_id = {fid}"
        ))
        .await,
        2
    );
    // No team chosen: the step's owning team is the default.
    let same_team = app
        .count(&format!(
            "select count(*) from friction f join journey_step s on s.id = f.step_id
             where f.id = {fid} and f.team_id is not distinct from s.team_id"
        ))
        .await;
    assert_eq!(same_team, 1);

    // A step of another journey is not part of this walkthrough.
    let other_step = app
        .count(&format!(
            "select id from journey_step where journey_id <> {journey} order by id limit 1"
        ))
        .await
        .to_string();
    let foreign = app
        .call_as(
            &daan,
            "walk/friction",
            &[
                ("form[walkthrough_id]", walk.as_str()),
                ("form[step_id]", other_step.as_str()),
                ("form[number]", "2"),
                ("form[kind]", "delight"),
                ("form[title]", "Vriendelijk"),
            ],
        )
        .await;
    assert_eq!(foreign.status, StatusCode::NOT_FOUND);

    let deleted = app
        .call_as(
            &daan,
            "walk/friction-delete",
            &[
                ("walkthrough_id", walk.as_str()),
                ("friction_id", &fid.to_string()),
                ("number", "2"),
            ],
        )
        .await;
    assert_eq!(deleted.status, StatusCode::OK);
    assert_eq!(app.count_own("count(*)", "friction").await, 0);
    assert_eq!(
        app.count(&format!(
            "select count(*) from friction_principle p join friction f on f.id = p.friction_id
             where f.walkthrough_id > {}",
            app.demo_walkthroughs
        ))
        .await,
        0
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn completing_needs_every_step_and_a_delight_then_it_is_read_only() {
    let app = TestApp::spawn().await;
    let daan = app.client_for(EMPLOYEE).await;
    let journey = live_journey(&app).await;
    let walk = start(&app, &daan, journey).await.body;
    let steps = steps_of(&app, journey).await;
    let finish = [
        ("form[walkthrough_id]", walk.as_str()),
        ("form[result]", "completed"),
        ("form[recommend_score]", "6"),
        ("form[summary]", "Premie snel, polis traag."),
        ("form[pros]", "Vriendelijke chat"),
        ("form[cons]", "Kenteken verplicht"),
    ];
    let early = app.call_as(&daan, "walk/finish", &finish).await;
    assert_eq!(early.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        field_error(&early.body, "result").as_deref(),
        Some("walk-error-steps-open")
    );

    for step in &steps {
        let s = step.to_string();
        let a = app
            .call_as(&daan, "walk/step", &step_form(&walk, &s, "0"))
            .await;
        assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    }
    let no_delight = app.call_as(&daan, "walk/finish", &finish).await;
    assert_eq!(
        field_error(&no_delight.body, "result").as_deref(),
        Some("walk-error-no-delight")
    );
    let first = steps[0].to_string();
    let delight = app
        .call_as(
            &daan,
            "walk/friction",
            &[
                ("form[walkthrough_id]", walk.as_str()),
                ("form[step_id]", first.as_str()),
                ("form[number]", "1"),
                ("form[kind]", "delight"),
                ("form[title]", "Premie zonder inloggen"),
            ],
        )
        .await;
    assert_eq!(delight.status, StatusCode::OK, "{}", delight.body);
    let done = app.call_as(&daan, "walk/finish", &finish).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);

    // Submitted: the owner reads, nobody writes.
    let after = app
        .call_as(&daan, "walk/step", &step_form(&walk, &first, "1"))
        .await;
    assert_eq!(after.status, StatusCode::CONFLICT);
    assert!(after.body.contains("walk-error-not-editable"));
    let load = app
        .call_as(&daan, "walk/load", &[("id", walk.as_str())])
        .await;
    assert!(load.body.contains("\"access\":\"Read\""));
    assert!(load.body.contains("\"status\":\"completed\""));

    // The read-only log renders the curve as SVG with a text alternative and a table.
    let marieke = app.client_for(REVIEWER).await;
    let page = marieke
        .get(format!("{}/walkthroughs/{walk}", app.base))
        .header("accept", "text/html")
        .send()
        .await
        .expect("page");
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.expect("body");
    let doc = scraper::Html::parse_document(&html);
    let svg = scraper::Selector::parse("svg.curve__svg[role=img] desc").expect("selector");
    let desc: String = doc.select(&svg).flat_map(|d| d.text()).collect();
    assert!(desc.contains("Vervelend"), "curve description: {desc}");
    let rows = scraper::Selector::parse("table tbody tr").expect("selector");
    assert_eq!(doc.select(&rows).count(), steps.len());
    let points = scraper::Selector::parse("circle.curve__point").expect("selector");
    assert_eq!(doc.select(&points).count(), steps.len());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_javascript_saving_redirects_to_the_next_step() {
    let app = TestApp::spawn().await;
    app.login_ok(EMPLOYEE).await;
    let journey = live_journey(&app).await;
    let walk = app
        .call("walk/start", &[("journey_id", &journey.to_string())])
        .await
        .body;
    let step = steps_of(&app, journey).await[0].to_string();
    let mut form = step_form(&walk, &step, "0");
    form.retain(|(k, _)| *k != "form[go]");
    form.push(("form[go]", "next"));
    let referer = format!("/walkthroughs/{walk}/steps/1");
    let a = app.plain_post("walk/step", &form, &referer).await;
    assert!(a.status.is_redirection(), "{}", a.status);
    assert_eq!(
        a.headers["location"],
        format!("/walkthroughs/{walk}/steps/2?saved=1").as_str()
    );

    // A rejected plain post goes back to the form and keeps what was typed.
    let mut bad = step_form(&walk, &step, "1");
    bad.retain(|(k, _)| *k != "form[minutes]" && *k != "form[happened]");
    bad.extend([
        ("form[minutes]", "-3"),
        ("form[happened]", "Getypt en bewaard"),
    ]);
    let rejected = app.plain_post("walk/step", &bad, &referer).await;
    assert!(rejected.status.is_redirection());
    let back = rejected.headers["location"]
        .to_str()
        .expect("location")
        .to_owned();
    assert!(back.contains("__err"), "{back}");
    let path = back.strip_prefix(&app.base).unwrap_or(&back);
    let page = app.page(path).await;
    assert!(page.body.contains("Getypt en bewaard"));
    assert!(
        page.body
            .contains("Dit getal valt buiten het toegestane bereik.")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn step_pages_and_saves_are_never_kept_by_the_browser() {
    // A kept copy would come back with the back button showing the step as before its last save.
    let app = TestApp::spawn().await;
    app.login_ok(EMPLOYEE).await;
    let journey = live_journey(&app).await;
    let walk = start(&app, &app.client, journey).await.body;
    let step = steps_of(&app, journey).await[0].to_string();
    let page = app.page(&format!("/walkthroughs/{walk}/steps/1")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(
        page.headers.get("cache-control").map(|v| v.as_bytes()),
        Some(&b"no-store"[..])
    );
    let saved = app.call("walk/step", &step_form(&walk, &step, "0")).await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    assert_eq!(
        saved.headers.get("cache-control").map(|v| v.as_bytes()),
        Some(&b"no-store"[..])
    );
}
