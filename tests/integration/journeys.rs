//! The journey catalogue: demo seed, role checks on every journey server function, drafts, steps,
//! publishing and versioning (a live version and what walkthroughs point at never changes).

use crate::common;

use common::*;
use reqwest::StatusCode;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_seed_has_three_live_journeys_with_owned_steps_and_a_draft() {
    let app = TestApp::spawn().await;
    let live: Vec<(i64, String, i64, i64)> = app
        .rows(
            "select id, title, version, year from journey where status = 'live' order by title",
            &[],
        )
        .await;
    let titles: Vec<&str> = live.iter().map(|j| j.1.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Ik wil mijn auto verzekeren",
            "Ik wil mijn verzekering opzeggen",
            "Ik wil schade melden"
        ]
    );
    for (id, title, version, year) in &live {
        assert_eq!((*version, *year), (1, 2026), "{title}");
        let steps = app
            .count(&format!(
                "select count(*) from journey_step where journey_id = {id}"
            ))
            .await;
        assert!((6..=12).contains(&steps), "{title}: {steps} steps");
        let phases = app
            .count(&format!(
                "select count(distinct phase) from journey_step where journey_id = {id}"
            ))
            .await;
        assert_eq!(phases, 5, "{title}");
    }
    assert_eq!(
        app.count("select count(*) from journey_step where team_id is null")
            .await,
        0
    );
    assert_eq!(
        app.count("select count(*) from journey where status = 'draft'")
            .await,
        1
    );
    // The public read the walkthrough screens use sees the same three.
    let listed = klantenrijbewijs::db::journey::list_live(&app.state.pool)
        .await
        .expect("list");
    assert_eq!(listed.len(), 3);
}

const CX: &str = "wouter.brouwer@dijkhuis.example";

/// Borrowed form pairs for `TestApp::call`.
fn pairs<'a>(fields: &'a [(&'a str, String)]) -> Vec<(&'a str, &'a str)> {
    fields.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

fn journey_form(title: &str, year: &str) -> Vec<(&'static str, String)> {
    vec![
        ("form[title]", title.to_owned()),
        ("form[product_line]", "Reisverzekering".to_owned()),
        ("form[year]", year.to_owned()),
        (
            "form[persona]",
            "Lisa (29), gaat voor het eerst buiten Europa op reis.".to_owned(),
        ),
        (
            "form[goal]",
            "Goed verzekerd op reis, zonder te veel te betalen.".to_owned(),
        ),
        (
            "form[scenario]",
            "Je bent Lisa en vertrekt over twee weken naar Thailand.".to_owned(),
        ),
        (
            "form[rules]",
            "Gebruik testpolis RE-TEST-0001. Maak alles daarna ongedaan.".to_owned(),
        ),
    ]
}

fn step_form(
    journey_id: i64,
    phase: &str,
    title: &str,
    channel: &str,
    team: &str,
) -> Vec<(&'static str, String)> {
    vec![
        ("journey_id", journey_id.to_string()),
        ("step[phase]", phase.to_owned()),
        ("step[title]", title.to_owned()),
        (
            "step[instructions]",
            "Doe het zoals een klant het zou doen.".to_owned(),
        ),
        ("step[channel]", channel.to_owned()),
        (
            "step[service_promise]",
            "Binnen 2 minuten geholpen.".to_owned(),
        ),
        ("step[team_id]", team.to_owned()),
    ]
}

type StepRow = (
    i64,
    i64,
    String,
    String,
    String,
    String,
    String,
    Option<i64>,
    String,
);

/// Every stored column of a version's steps, to prove nothing about them changed.
async fn step_rows(app: &TestApp, journey_id: i64) -> Vec<StepRow> {
    app.rows(
        "select id, position, phase, title, instructions, channel, service_promise, team_id,
                cast(updated_at as text)
         from journey_step where journey_id = $1 order by id",
        &[journey_id.into()],
    )
    .await
}

/// Step titles in walking order (phase, then position), as the detail read returns them.
async fn walking_order(app: &TestApp, journey_id: i64) -> Vec<String> {
    klantenrijbewijs::db::journey::steps(&app.state.pool, journey_id)
        .await
        .expect("steps")
        .into_iter()
        .map(|s| s.title)
        .collect()
}

async fn live_id(app: &TestApp, title: &str) -> i64 {
    app.scalar(
        "select id from journey where title = $1 and status = 'live'",
        &[title.into()],
    )
    .await
}

async fn team_id(app: &TestApp, name: &str) -> i64 {
    app.scalar("select id from team where name = $1", &[name.into()])
        .await
}

async fn status(app: &TestApp, id: i64) -> String {
    app.scalar("select status from journey where id = $1", &[id.into()])
        .await
}

/// Total rows of the journey tables, to check a refused call wrote nothing.
async fn journey_rows(app: &TestApp) -> (i64, i64, i64, String) {
    let updated: Vec<(i64, String, String)> = app
        .rows(
            "select id, status, cast(updated_at as text) from journey order by id",
            &[],
        )
        .await;
    let updated = updated
        .iter()
        .map(|(id, status, at)| format!("{id}:{status}:{at}"))
        .collect::<Vec<_>>()
        .join(",");
    (
        app.count("select count(*) from journey_family").await,
        app.count("select count(*) from journey").await,
        app.count("select count(*) from journey_step").await,
        updated,
    )
}

/// One call of every journey server function, with well-formed arguments.
fn every_call(
    live: i64,
    draft: i64,
    step: i64,
) -> Vec<(&'static str, Vec<(&'static str, String)>)> {
    let mut with_id = journey_form("Ik wil op reis", "2026");
    with_id.push(("id", draft.to_string()));
    let mut update_step = step_form(draft, "service", "Aangepast", "phone", "");
    update_step.push(("step_id", step.to_string()));
    vec![
        ("journeys/list", vec![]),
        ("journeys/detail", vec![("id", live.to_string())]),
        ("journeys/form", vec![]),
        ("journeys/form", vec![("id", draft.to_string())]),
        ("journeys/create", journey_form("Ik wil op reis", "2026")),
        ("journeys/update", with_id),
        (
            "journeys/step/add",
            step_form(draft, "orientatie", "Nieuw", "website", ""),
        ),
        (
            "journeys/step/form",
            vec![
                ("journey_id", draft.to_string()),
                ("step_id", step.to_string()),
            ],
        ),
        ("journeys/step/update", update_step),
        (
            "journeys/step/move",
            vec![
                ("journey_id", draft.to_string()),
                ("step_id", step.to_string()),
                ("direction", "down".to_owned()),
            ],
        ),
        (
            "journeys/step/remove",
            vec![
                ("journey_id", draft.to_string()),
                ("step_id", step.to_string()),
            ],
        ),
        ("journeys/publish", vec![("id", draft.to_string())]),
        ("journeys/new-version", vec![("id", live.to_string())]),
        ("journeys/retire", vec![("id", live.to_string())]),
    ]
}

async fn seeded_draft(app: &TestApp) -> (i64, i64) {
    let draft: i64 = app
        .scalar("select min(id) from journey where status = 'draft'", &[])
        .await;
    let step: i64 = app
        .scalar(
            "select min(id) from journey_step where journey_id = $1",
            &[draft.into()],
        )
        .await;
    (draft, step)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn anonymous_callers_get_401_from_every_journey_function() {
    let app = TestApp::spawn().await;
    let live = live_id(&app, "Ik wil schade melden").await;
    let (draft, step) = seeded_draft(&app).await;
    let before = journey_rows(&app).await;
    for (endpoint, form) in every_call(live, draft, step) {
        let a = app.call(endpoint, &pairs(&form)).await;
        assert_eq!(a.status, StatusCode::UNAUTHORIZED, "{endpoint}: {}", a.body);
    }
    assert_eq!(journey_rows(&app).await, before);
    let page = app.page("/journeys").await;
    assert_eq!(page.status, StatusCode::FOUND);
    assert_eq!(page.headers["location"], "/login?next=/journeys");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn employees_reviewers_and_hr_get_403_from_every_journey_function_and_page() {
    let app = TestApp::spawn().await;
    let live = live_id(&app, "Ik wil schade melden").await;
    let (draft, step) = seeded_draft(&app).await;
    let before = journey_rows(&app).await;
    for who in [EMPLOYEE, REVIEWER, HR] {
        let client = TestApp::new_client();
        let login = app
            .call_as(
                &client,
                "login",
                &[("email", who), ("password", DEMO_PASSWORD)],
            )
            .await;
        assert_eq!(login.status, StatusCode::OK, "{who}");
        for (endpoint, form) in every_call(live, draft, step) {
            let a = app.call_as(&client, endpoint, &pairs(&form)).await;
            assert_eq!(
                a.status,
                StatusCode::FORBIDDEN,
                "{who} {endpoint}: {}",
                a.body
            );
            assert_eq!(a.body, "\"Forbidden\"");
        }
        for path in [
            "/journeys".to_owned(),
            "/journeys/new".to_owned(),
            format!("/journeys/{live}"),
            format!("/journeys/{draft}/edit"),
            format!("/journeys/{draft}/steps/{step}"),
            format!("/journeys/{draft}/steps/{step}/remove"),
            format!("/journeys/{live}/retire"),
        ] {
            let page = client
                .get(format!("{}{path}", app.base))
                .header("accept", "text/html")
                .send()
                .await
                .expect("page");
            assert_eq!(page.status(), StatusCode::FORBIDDEN, "{who} {path}");
        }
    }
    assert_eq!(journey_rows(&app).await, before);
    // The nav link is for curators only.
    app.login_ok(EMPLOYEE).await;
    assert!(!app.page("/").await.body.contains("href=\"/journeys\""));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn curators_and_admins_see_the_catalogue_with_every_version() {
    let app = TestApp::spawn().await;
    app.login_ok(CX).await;
    let list = app.call("journeys/list", &[]).await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.body);
    let families: Vec<serde_json::Value> = serde_json::from_str(&list.body).expect("json");
    let lines: Vec<(String, String, i64)> = families
        .iter()
        .map(|f| {
            let v = &f["versions"][0];
            (
                v["title"].as_str().unwrap_or_default().to_owned(),
                v["status"].as_str().unwrap_or_default().to_owned(),
                v["step_count"].as_i64().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        lines,
        [
            (
                "Ik verhuis en wil mijn inboedel meenemen".to_owned(),
                "draft".to_owned(),
                3
            ),
            (
                "Ik wil mijn auto verzekeren".to_owned(),
                "live".to_owned(),
                10
            ),
            (
                "Ik wil mijn verzekering opzeggen".to_owned(),
                "live".to_owned(),
                8
            ),
            ("Ik wil schade melden".to_owned(), "live".to_owned(), 10),
        ]
    );
    let page = app.page("/journeys").await;
    assert_eq!(page.status, StatusCode::OK);
    for text in [
        "Klantreizen",
        "Ik wil schade melden",
        "Concept",
        "Live",
        "Nieuwe klantreis",
    ] {
        assert!(page.body.contains(text), "{text}");
    }
    assert!(app.page("/").await.body.contains("href=\"/journeys\""));

    // The detail groups steps under the five phases and shows promise, channel and team.
    let live = live_id(&app, "Ik wil schade melden").await;
    let detail = app.page(&format!("/journeys/{live}")).await;
    assert_eq!(detail.status, StatusCode::OK);
    let html = scraper::Html::parse_document(&detail.body);
    let h2 = scraper::Selector::parse(".journey-phase h2").expect("selector");
    let phases: Vec<String> = html
        .select(&h2)
        .map(|h| h.text().collect::<String>())
        .collect();
    assert_eq!(
        phases,
        [
            "1Oriëntatie",
            "2Transactie",
            "3Afname",
            "4Service",
            "5Loyaliteit"
        ]
    );
    for text in [
        "Ik meld de schade in de app",
        "Melden in maximaal 10 minuten vanaf mijn telefoon",
        "Klachten &amp; Bezwaar",
        "Nieuwe versie maken",
        "Intrekken",
    ] {
        assert!(detail.body.contains(text), "{text}");
    }
    // A live version has no edit controls.
    assert!(!detail.body.contains("Stap toevoegen"));
    assert!(!detail.body.contains("/steps/"));

    let admin = TestApp::new_client();
    app.call_as(
        &admin,
        "login",
        &[("email", ADMIN), ("password", DEMO_PASSWORD)],
    )
    .await;
    assert_eq!(
        app.call_as(&admin, "journeys/list", &[]).await.status,
        StatusCode::OK
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_journey_with_bad_fields_reports_each_field_and_writes_nothing() {
    let app = TestApp::spawn().await;
    app.login_ok(CX).await;
    let before = journey_rows(&app).await;
    let mut bad = journey_form("  ", "1999");
    bad.retain(|(k, _)| *k != "form[rules]");
    bad.push(("form[rules]", String::new()));
    let a = app.call("journeys/create", &pairs(&bad)).await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.body);
    assert_eq!(
        field_error(&a.body, "title").as_deref(),
        Some("error-required")
    );
    assert_eq!(
        field_error(&a.body, "year").as_deref(),
        Some("error-out-of-range")
    );
    assert_eq!(
        field_error(&a.body, "rules").as_deref(),
        Some("error-required")
    );
    assert_eq!(field_error(&a.body, "persona"), None);
    let a = app
        .call(
            "journeys/create",
            &pairs(&journey_form("Ik wil op reis", "twintig")),
        )
        .await;
    assert_eq!(
        field_error(&a.body, "year").as_deref(),
        Some("error-not-a-number")
    );
    assert_eq!(journey_rows(&app).await, before);

    let ok = app
        .call(
            "journeys/create",
            &pairs(&journey_form(" Ik wil op reis ", "2027")),
        )
        .await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
    let id: i64 = ok.body.parse().expect("id");
    let row: (String, i64, i64, String, Option<i64>) = crate::common::sql::row(
        &app.state.pool,
        "select title, version, year, status, created_by from journey where id = $1",
        &[id.into()],
    )
    .await;
    let cx = app.person_id(CX).await;
    assert_eq!(
        row,
        ("Ik wil op reis".into(), 1, 2027, "draft".into(), Some(cx))
    );

    // Editing the draft's fields works, with the same validation.
    let mut edit = journey_form("Ik ga op wereldreis", "2027");
    edit.push(("id", id.to_string()));
    let a = app.call("journeys/update", &pairs(&edit)).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    let mut bad_edit = journey_form("", "2027");
    bad_edit.push(("id", id.to_string()));
    let a = app.call("journeys/update", &pairs(&bad_edit)).await;
    assert_eq!(
        field_error(&a.body, "title").as_deref(),
        Some("error-required")
    );
    let title: String = app
        .scalar("select title from journey where id = $1", &[id.into()])
        .await;
    assert_eq!(title, "Ik ga op wereldreis");
    let mut ghost = journey_form("Spook", "2027");
    ghost.push(("id", "99999".to_owned()));
    assert_eq!(
        app.call("journeys/update", &pairs(&ghost)).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn steps_of_a_draft_are_added_validated_moved_edited_and_removed() {
    let app = TestApp::spawn().await;
    app.login_ok(CX).await;
    let created = app
        .call(
            "journeys/create",
            &pairs(&journey_form("Ik wil op reis", "2026")),
        )
        .await;
    let id: i64 = created.body.parse().expect("id");
    let team = team_id(&app, "Klantcontactcentrum").await.to_string();

    // Bad input: every field reported, nothing written.
    let before = journey_rows(&app).await;
    let mut bad = step_form(id, "nazorg", "", "fax", "9999");
    bad.retain(|(k, _)| *k != "step[service_promise]");
    let a = app.call("journeys/step/add", &pairs(&bad)).await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
    for (field, key) in [
        ("phase", "error-invalid-choice"),
        ("title", "error-required"),
        ("channel", "error-invalid-choice"),
        ("service_promise", "error-required"),
        ("team_id", "error-invalid-choice"),
    ] {
        assert_eq!(field_error(&a.body, field).as_deref(), Some(key), "{field}");
    }
    let a = app
        .call(
            "journeys/step/add",
            &pairs(&step_form(id, "afname", "Polis", "email", "9999")),
        )
        .await;
    assert_eq!(
        field_error(&a.body, "team_id").as_deref(),
        Some("error-invalid-choice")
    );
    assert_eq!(journey_rows(&app).await, before);

    let mut ids = Vec::new();
    for (phase, title, channel) in [
        ("transactie", "Ik sluit af", "website"),
        ("orientatie", "Ik vergelijk", "website"),
        ("orientatie", "Ik bel met een vraag", "phone"),
        ("orientatie", "Ik lees reviews", "social"),
    ] {
        let a = app
            .call(
                "journeys/step/add",
                &pairs(&step_form(id, phase, title, channel, &team)),
            )
            .await;
        assert_eq!(a.status, StatusCode::OK, "{}", a.body);
        ids.push(a.body.parse::<i64>().expect("step id"));
    }
    assert_eq!(
        walking_order(&app, id).await,
        [
            "Ik vergelijk",
            "Ik bel met een vraag",
            "Ik lees reviews",
            "Ik sluit af"
        ]
    );

    let mv = |step: i64, direction: &str| {
        vec![
            ("journey_id", id.to_string()),
            ("step_id", step.to_string()),
            ("direction", direction.to_owned()),
        ]
    };
    // Up within the phase, then against the edge of the phase (nothing moves).
    let a = app
        .call("journeys/step/move", &pairs(&mv(ids[3], "up")))
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    app.call("journeys/step/move", &pairs(&mv(ids[3], "up")))
        .await;
    assert_eq!(
        walking_order(&app, id).await,
        [
            "Ik lees reviews",
            "Ik vergelijk",
            "Ik bel met een vraag",
            "Ik sluit af"
        ]
    );
    let a = app
        .call("journeys/step/move", &pairs(&mv(ids[3], "up")))
        .await;
    assert_eq!(a.status, StatusCode::OK);
    // The last orientation step does not jump into the next phase.
    app.call("journeys/step/move", &pairs(&mv(ids[2], "down")))
        .await;
    app.call("journeys/step/move", &pairs(&mv(ids[1], "down")))
        .await;
    assert_eq!(
        walking_order(&app, id).await,
        [
            "Ik lees reviews",
            "Ik bel met een vraag",
            "Ik vergelijk",
            "Ik sluit af"
        ]
    );
    assert_eq!(
        app.call("journeys/step/move", &pairs(&mv(ids[1], "sideways")))
            .await
            .status,
        StatusCode::BAD_REQUEST
    );

    // Editing a step into another phase puts it at the end of that phase.
    let mut edit = step_form(id, "transactie", "Ik vergelijk prijzen", "app", "");
    edit.push(("step_id", ids[1].to_string()));
    let a = app.call("journeys/step/update", &pairs(&edit)).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    assert_eq!(
        walking_order(&app, id).await,
        [
            "Ik lees reviews",
            "Ik bel met een vraag",
            "Ik sluit af",
            "Ik vergelijk prijzen"
        ]
    );
    let mut bad_edit = step_form(id, "transactie", "", "app", "");
    bad_edit.push(("step_id", ids[1].to_string()));
    let a = app.call("journeys/step/update", &pairs(&bad_edit)).await;
    assert_eq!(
        field_error(&a.body, "title").as_deref(),
        Some("error-required")
    );

    // A step id of another journey is unknown here.
    let (other_draft, other_step) = seeded_draft(&app).await;
    assert_ne!(other_draft, id);
    let foreign = vec![
        ("journey_id", id.to_string()),
        ("step_id", other_step.to_string()),
    ];
    for endpoint in ["journeys/step/remove", "journeys/step/form"] {
        assert_eq!(
            app.call(endpoint, &pairs(&foreign)).await.status,
            StatusCode::NOT_FOUND,
            "{endpoint}"
        );
    }
    let mut foreign_edit = step_form(id, "service", "Stiekem", "app", "");
    foreign_edit.push(("step_id", other_step.to_string()));
    assert_eq!(
        app.call("journeys/step/update", &pairs(&foreign_edit))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.call(
            "journeys/step/move",
            &pairs(&[
                ("journey_id", id.to_string()),
                ("step_id", other_step.to_string()),
                ("direction", "up".to_owned()),
            ])
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.call(
            "journeys/step/add",
            &pairs(&step_form(99999, "service", "X", "app", ""))
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );

    // Removing works on the draft.
    let remove = vec![
        ("journey_id", id.to_string()),
        ("step_id", ids[0].to_string()),
    ];
    let a = app.call("journeys/step/remove", &pairs(&remove)).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    assert_eq!(
        walking_order(&app, id).await,
        [
            "Ik lees reviews",
            "Ik bel met een vraag",
            "Ik vergelijk prijzen"
        ]
    );
    assert_eq!(
        app.call("journeys/step/remove", &pairs(&remove))
            .await
            .status,
        StatusCode::NOT_FOUND
    );

    // The draft's detail page has the step controls with accessible names.
    let page = app.page(&format!("/journeys/{id}")).await;
    assert!(page.body.contains("Stap toevoegen"));
    assert!(
        page.body
            .contains("Omhoog<span class=\"visually-hidden\">(Ik bel met een vraag)</span>")
    );
    assert!(
        page.body
            .contains(&format!("/journeys/{id}/steps/{}/remove", ids[3]))
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_live_journey_is_frozen_and_every_change_is_refused() {
    let app = TestApp::spawn().await;
    app.login_ok(CX).await;
    let live = live_id(&app, "Ik wil mijn auto verzekeren").await;
    let steps_before = step_rows(&app, live).await;
    let step = steps_before[0].0;
    let before = journey_rows(&app).await;

    let mut fields = journey_form("Ik wil mijn auto verzekeren", "2026");
    fields.push(("id", live.to_string()));
    let mut edit_step = step_form(live, "service", "Anders", "app", "");
    edit_step.push(("step_id", step.to_string()));
    let step_ids = vec![
        ("journey_id", live.to_string()),
        ("step_id", step.to_string()),
    ];
    let mut move_step = step_ids.clone();
    move_step.push(("direction", "down".to_owned()));
    let calls: Vec<(&str, Vec<(&str, String)>)> = vec![
        ("journeys/update", fields),
        (
            "journeys/step/add",
            step_form(live, "service", "Nieuw", "app", ""),
        ),
        ("journeys/step/update", edit_step),
        ("journeys/step/remove", step_ids.clone()),
        ("journeys/step/move", move_step),
        ("journeys/step/form", step_ids),
        ("journeys/form", vec![("id", live.to_string())]),
        ("journeys/publish", vec![("id", live.to_string())]),
    ];
    for (endpoint, form) in calls {
        let a = app.call(endpoint, &pairs(&form)).await;
        assert_eq!(a.status, StatusCode::CONFLICT, "{endpoint}: {}", a.body);
        assert_eq!(
            a.body, r#"{"Refused":"journey-error-not-draft"}"#,
            "{endpoint}"
        );
    }
    // Even with bad input the refusal comes first: there is nothing to correct on a live version.
    let mut bad = journey_form("", "1");
    bad.push(("id", live.to_string()));
    assert_eq!(
        app.call("journeys/update", &pairs(&bad)).await.status,
        StatusCode::CONFLICT
    );
    assert_eq!(step_rows(&app, live).await, steps_before);
    assert_eq!(journey_rows(&app).await, before);

    let page = app.page(&format!("/journeys/{live}/edit")).await;
    assert!(
        page.body.contains("staat vast"),
        "refusal shown on the edit page"
    );
    // Unknown journeys are 404, on the API and as pages.
    for endpoint in [
        "journeys/detail",
        "journeys/publish",
        "journeys/new-version",
        "journeys/retire",
    ] {
        assert_eq!(
            app.call(endpoint, &[("id", "99999")]).await.status,
            StatusCode::NOT_FOUND,
            "{endpoint}"
        );
    }
    assert_eq!(
        app.page("/journeys/99999").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.page(&format!("/journeys/{live}/steps/99999"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_version_copies_the_steps_and_publishing_it_retires_the_old_one() {
    let app = TestApp::spawn().await;
    app.login_ok(CX).await;
    let v1 = live_id(&app, "Ik wil schade melden").await;
    let v1_steps = step_rows(&app, v1).await;

    // Daan is walking version 1 and has answered its first step.
    let daan = app.person_id(EMPLOYEE).await;
    let now = chrono::Utc::now();
    let walkthrough: i64 = app.scalar(
        "insert into walkthrough (person_id, journey_id, cycle_year, status, started_at, created_at, updated_at)
         values ($1, $2, 2026, 'in_progress', $3, $4, $5) returning id",
        &[daan.into(), v1.into(), now.into(), now.into(), now.into()],
    ).await;
    for (step, ..) in &v1_steps {
        app.exec(
            "insert into walkthrough_step (walkthrough_id, step_id, created_at, updated_at) values ($1, $2, $3, $4)",
            &[walkthrough.into(), step.into(), now.into(), now.into()],
        ).await;
    }

    let a = app
        .call("journeys/new-version", &[("id", &v1.to_string())])
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    let v2: i64 = a.body.parse().expect("id");
    let (family1, family2, version, year, state): (i64, i64, i64, i64, String) =
        crate::common::sql::row(
            &app.state.pool,
            "select a.family_id, b.family_id, b.version, b.year, b.status
         from journey a, journey b where a.id = $1 and b.id = $2",
            &[v1.into(), v2.into()],
        )
        .await;
    assert_eq!((family2, version, state.as_str()), (family1, 2, "draft"));
    use chrono::Datelike;
    let amsterdam_year = chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Amsterdam)
        .year();
    assert_eq!(year, i64::from(amsterdam_year));
    // Same content, new rows.
    let v2_steps = step_rows(&app, v2).await;
    // Everything but the row id and timestamp.
    let content = |rows: &[StepRow]| -> Vec<StepRow> {
        rows.iter()
            .map(|r| {
                let mut r = r.clone();
                r.0 = 0;
                r.8 = String::new();
                r
            })
            .collect()
    };
    assert_eq!(content(&v2_steps), content(&v1_steps));
    assert!(v2_steps.iter().all(|s| v1_steps.iter().all(|o| o.0 != s.0)));
    assert_eq!(walking_order(&app, v2).await, walking_order(&app, v1).await);

    // One draft at a time, and the old version still can't be edited.
    let again = app
        .call("journeys/new-version", &[("id", &v1.to_string())])
        .await;
    assert_eq!(again.body, r#"{"Refused":"journey-error-draft-exists"}"#);

    // Change the draft thoroughly.
    let first = v2_steps[0].0;
    let a = app
        .call(
            "journeys/step/remove",
            &[
                ("journey_id", &v2.to_string()),
                ("step_id", &first.to_string()),
            ],
        )
        .await;
    assert_eq!(a.status, StatusCode::OK);
    let a = app
        .call(
            "journeys/step/add",
            &pairs(&step_form(
                v2,
                "loyaliteit",
                "Ik beveel Dijkhuis aan",
                "social",
                "",
            )),
        )
        .await;
    assert_eq!(a.status, StatusCode::OK);
    let mut edit = step_form(v2, "transactie", "Ik meld het via de chat", "chat", "");
    edit.push(("step_id", v2_steps[2].0.to_string()));
    assert_eq!(
        app.call("journeys/step/update", &pairs(&edit)).await.status,
        StatusCode::OK
    );
    let mut fields = journey_form("Ik wil autoschade melden", "2027");
    fields.push(("id", v2.to_string()));
    assert_eq!(
        app.call("journeys/update", &pairs(&fields)).await.status,
        StatusCode::OK
    );

    // Version 1 and the walkthrough on it did not notice anything.
    assert_eq!(step_rows(&app, v1).await, v1_steps);
    assert_eq!(status(&app, v1).await, "live");

    // Publishing v2 retires v1 in the same step; there is one live version per journey.
    let a = app
        .call("journeys/publish", &[("id", &v2.to_string())])
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    assert_eq!(status(&app, v1).await, "retired");
    assert_eq!(status(&app, v2).await, "live");
    assert_eq!(
        app.count(&format!(
            "select count(*) from journey where family_id = {family1} and status = 'live'"
        ))
        .await,
        1
    );
    let points_at: i64 = app
        .scalar(
            "select journey_id from walkthrough where id = $1",
            &[walkthrough.into()],
        )
        .await;
    assert_eq!(points_at, v1);
    assert_eq!(step_rows(&app, v1).await, v1_steps);
    assert_eq!(
        app.count(&format!(
            "select count(*) from walkthrough_step ws join journey_step s on s.id = ws.step_id
             where ws.walkthrough_id = {walkthrough} and s.journey_id = {v1}"
        ))
        .await,
        v1_steps.len() as i64
    );
    // The retired version is read-only too, and can no longer be the base of a new version.
    let a = app
        .call(
            "journeys/step/remove",
            &[
                ("journey_id", &v1.to_string()),
                ("step_id", &v1_steps[0].0.to_string()),
            ],
        )
        .await;
    assert_eq!(a.body, r#"{"Refused":"journey-error-not-draft"}"#);
    let a = app
        .call("journeys/new-version", &[("id", &v1.to_string())])
        .await;
    assert_eq!(a.body, r#"{"Refused":"journey-error-not-live"}"#);
    let a = app
        .call("journeys/publish", &[("id", &v2.to_string())])
        .await;
    assert_eq!(a.body, r#"{"Refused":"journey-error-not-draft"}"#);

    // Withdrawing v2 leaves the journey without a live version; a new version can start from it.
    let a = app
        .call("journeys/retire", &[("id", &v2.to_string())])
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    assert_eq!(status(&app, v2).await, "retired");
    let a = app
        .call("journeys/retire", &[("id", &v2.to_string())])
        .await;
    assert_eq!(a.body, r#"{"Refused":"journey-error-not-live"}"#);
    let a = app
        .call("journeys/new-version", &[("id", &v2.to_string())])
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    let v3: i64 = a.body.parse().expect("id");
    let version: i64 = app
        .scalar("select version from journey where id = $1", &[v3.into()])
        .await;
    assert_eq!(version, 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn publishing_needs_steps() {
    let app = TestApp::spawn().await;
    app.login_ok(CX).await;
    let created = app
        .call(
            "journeys/create",
            &pairs(&journey_form("Ik wil op reis", "2026")),
        )
        .await;
    let id = created.body;
    let a = app.call("journeys/publish", &[("id", &id)]).await;
    assert_eq!(a.status, StatusCode::CONFLICT);
    assert_eq!(a.body, r#"{"Refused":"journey-error-no-steps"}"#);
    let id: i64 = id.parse().expect("id");
    app.call(
        "journeys/step/add",
        &pairs(&step_form(
            id,
            "orientatie",
            "Ik zoek een reisverzekering",
            "website",
            "",
        )),
    )
    .await;
    let a = app
        .call("journeys/publish", &[("id", &id.to_string())])
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    assert_eq!(status(&app, id).await, "live");
    let published: Option<chrono::DateTime<chrono::Utc>> = app
        .scalar(
            "select published_at from journey where id = $1",
            &[id.into()],
        )
        .await;
    assert!(published.is_some());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_javascript_a_rejected_journey_comes_back_with_errors_and_values() {
    let app = TestApp::spawn().await;
    app.login_ok(CX).await;
    let before = journey_rows(&app).await;
    let a = app
        .plain_post(
            "journeys/create",
            &pairs(&journey_form("", "2026")),
            "/journeys/new",
        )
        .await;
    assert_eq!(a.status, StatusCode::FOUND);
    let location = a.headers["location"].to_str().expect("location").to_owned();
    assert!(
        location.starts_with(&format!("{}/journeys/new?", app.base)),
        "{location}"
    );
    let page = app.page(location.trim_start_matches(&app.base)).await;
    assert!(page.body.contains("Dit veld is verplicht."));
    assert!(
        page.body
            .contains("Lisa (29), gaat voor het eerst buiten Europa op reis.")
    );
    assert_eq!(journey_rows(&app).await, before);

    // A good post goes on to the new draft.
    let a = app
        .plain_post(
            "journeys/create",
            &pairs(&journey_form("Ik wil op reis", "2026")),
            "/journeys/new",
        )
        .await;
    assert_eq!(a.status, StatusCode::FOUND);
    let id: i64 = app.scalar("select max(id) from journey", &[]).await;
    assert_eq!(
        a.headers["location"],
        format!("/journeys/{id}?created=1").as_str()
    );

    // A rejected step keeps what was typed in the add-step form.
    let referer = format!("/journeys/{id}");
    let a = app
        .plain_post(
            "journeys/step/add",
            &pairs(&step_form(
                id,
                "",
                "Ik vergelijk reisverzekeringen",
                "website",
                "",
            )),
            &referer,
        )
        .await;
    let location = a.headers["location"].to_str().expect("location").to_owned();
    let page = app.page(location.trim_start_matches(&app.base)).await;
    assert!(page.body.contains("Kies een van de mogelijkheden."));
    assert!(
        page.body
            .contains("value=\"Ik vergelijk reisverzekeringen\"")
    );
    assert_eq!(
        app.count(&format!(
            "select count(*) from journey_step where journey_id = {id}"
        ))
        .await,
        0
    );

    // A refused publish (no steps yet) is explained on the page it came from.
    let a = app
        .plain_post("journeys/publish", &[("id", &id.to_string())], &referer)
        .await;
    assert_eq!(a.status, StatusCode::FOUND);
    let location = a.headers["location"].to_str().expect("location").to_owned();
    let page = app.page(location.trim_start_matches(&app.base)).await;
    assert!(page.body.contains("Voeg eerst minstens één stap toe."));
    assert_eq!(status(&app, id).await, "draft");
}
