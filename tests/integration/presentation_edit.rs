//! The presentation editor: only the author changes texts, slides, notes and sensitive evidence,
//! and only until the reviewer confirmed; texts are validated per field and version-checked;
//! slides move without ever passing the title; the Markdown never reaches a page unsanitised.

use crate::common;

use common::*;
use reqwest::StatusCode;

/// A completed walkthrough of EMPLOYEE with its presentation made; returns (walk, presentation).
async fn presentation(app: &TestApp) -> (CompletedWalk, i64) {
    let walk = completed_walkthrough(app, EMPLOYEE).await;
    app.login_ok(EMPLOYEE).await;
    let a = app
        .call(
            "presentations/create",
            &[("walkthrough_id", &walk.id.to_string())],
        )
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    let id = a.body.trim().parse().expect("presentation id");
    (walk, id)
}

/// The slide ids in their order.
async fn order(app: &TestApp, id: i64) -> Vec<i64> {
    crate::common::sql::column(
        &app.state.pool,
        "select id from presentation_slide where presentation_id = $1 order by position, id",
        &[id.into()],
    )
    .await
}

/// A piece of evidence (a PNG) on `friction` of walkthrough `walk`, straight in the database.
async fn evidence(app: &TestApp, walk: i64, friction: i64, owner: i64) -> i64 {
    app.scalar(
        "insert into evidence (walkthrough_id, step_id, friction_id, storage_name, content_type,
                               byte_size, original_name, created_by, created_at, updated_at)
         select f.walkthrough_id, f.step_id, f.id, 'test-' || f.id || '-' || abs(random()), 'image/png',
                10, 'brief.png', $1, $4, $4
         from friction f where f.id = $2 and f.walkthrough_id = $3
         returning id",
        &[owner.into(), friction.into(), walk.into(), chrono::Utc::now().into()],
    ).await
}

/// A colleague in EMPLOYEE's team.
async fn teammate(app: &TestApp) -> String {
    app.scalar(
        "select email from person where team_id = (select team_id from person where email = $1)
           and email <> $2 and active = true order by id limit 1",
        &[EMPLOYEE.into(), EMPLOYEE.into()],
    )
    .await
}

/// One valid call of every edit server function on presentation `id`.
fn calls(
    id: &str,
    slide: &str,
    evidence: &str,
) -> Vec<(&'static str, Vec<(&'static str, String)>)> {
    vec![
        (
            "presentations/save_texts",
            vec![
                ("form[id]", id.to_owned()),
                ("form[version]", "0".to_owned()),
                ("form[title]", "Schade melden".to_owned()),
                ("form[introduction]", "Intro".to_owned()),
                ("form[key_message]", String::new()),
                ("form[recommendations]", String::new()),
                ("form[visibility]", "team".to_owned()),
            ],
        ),
        (
            "presentations/slide_included",
            vec![
                ("id", id.to_owned()),
                ("slide_id", slide.to_owned()),
                ("included", "false".to_owned()),
            ],
        ),
        (
            "presentations/move_slide",
            vec![
                ("id", id.to_owned()),
                ("slide_id", slide.to_owned()),
                ("direction", "down".to_owned()),
            ],
        ),
        (
            "presentations/slide_notes",
            vec![
                ("id", id.to_owned()),
                ("slide_id", slide.to_owned()),
                ("notes", "Rustig beginnen.".to_owned()),
            ],
        ),
        (
            "presentations/evidence_sensitive",
            vec![
                ("id", id.to_owned()),
                ("evidence_id", evidence.to_owned()),
                ("sensitive", "true".to_owned()),
            ],
        ),
    ]
}

fn pairs<'a>(form: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    form.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_the_author_edits_and_only_until_confirmed() {
    let app = TestApp::spawn().await;
    let (walk, id) = presentation(&app).await;
    let slides = order(&app, id).await;
    let slide = slides[4].to_string(); // the first finding
    let ev = evidence(&app, walk.id, walk.findings[2], walk.person_id)
        .await
        .to_string();
    let id_s = id.to_string();
    let mate = teammate(&app).await;
    for who in [REVIEWER, HR, ADMIN, mate.as_str()] {
        let client = app.client_for(who).await;
        for (endpoint, form) in calls(&id_s, &slide, &ev) {
            let a = app.call_as(&client, endpoint, &pairs(&form)).await;
            assert_eq!(
                a.status,
                StatusCode::FORBIDDEN,
                "{who} {endpoint}: {}",
                a.body
            );
        }
    }
    assert_eq!(
        app.count(&format!(
            "select count(*) from presentation where version > 0 and id = {id}"
        ))
        .await,
        0
    );
    assert_eq!(
        app.count(&format!(
            "select count(*) from presentation_sensitive_evidence where presentation_id = {id}"
        ))
        .await,
        0
    );
    assert_eq!(
        app.count(&format!(
            "select count(*) from presentation_slide where notes <> '' and presentation_id = {id}"
        ))
        .await,
        0
    );
    assert_eq!(order(&app, id).await, slides, "nothing moved");

    // Unknown presentation: 404 for the author too.
    for (endpoint, form) in calls("99999", &slide, &ev) {
        let a = app.call(endpoint, &pairs(&form)).await;
        assert_eq!(a.status, StatusCode::NOT_FOUND, "{endpoint}: {}", a.body);
    }

    for (endpoint, form) in calls(&id_s, &slide, &ev) {
        let a = app.call(endpoint, &pairs(&form)).await;
        assert_eq!(a.status, StatusCode::OK, "author {endpoint}: {}", a.body);
    }
    assert_eq!(
        app.count(&format!(
            "select count(*) from presentation_sensitive_evidence where presentation_id = {id}"
        ))
        .await,
        1
    );

    app.exec(
        "update presentation set status = 'confirmed' where id = $1",
        &[id.into()],
    )
    .await;
    for (endpoint, form) in calls(&id_s, &slide, &ev) {
        let form: Vec<_> = form
            .into_iter()
            .map(|(k, v)| {
                if k == "form[version]" {
                    (k, "1".to_owned())
                } else {
                    (k, v)
                }
            })
            .collect();
        let a = app.call(endpoint, &pairs(&form)).await;
        assert_eq!(
            a.status,
            StatusCode::CONFLICT,
            "confirmed {endpoint}: {}",
            a.body
        );
        assert!(
            a.body.contains("presentation-error-confirmed"),
            "{}",
            a.body
        );
    }
    // The editor page says so and links the presentation.
    let page = app.page(&format!("/presentations/{id}/edit")).await;
    assert!(page.body.contains("bevestigd"), "{}", page.body);
    assert!(page.body.contains(&format!("href=\"/presentations/{id}\"")));
    // Others get the 403 page.
    let reviewer = app.client_for(REVIEWER).await;
    let res = reviewer
        .get(format!("{}/presentations/{id}/edit", app.base))
        .header("accept", "text/html")
        .send()
        .await
        .expect("page");
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn texts_are_checked_per_field_and_version() {
    let app = TestApp::spawn().await;
    let (_, id) = presentation(&app).await;
    let id_s = id.to_string();
    let long = "x".repeat(klantenrijbewijs::domain::text::LONG + 1);
    let texts = |version: &'static str, title: &'static str, intro: String| {
        vec![
            ("form[id]", id_s.clone()),
            ("form[version]", version.to_owned()),
            ("form[title]", title.to_owned()),
            ("form[introduction]", intro),
            ("form[key_message]", "Luister naar de klant.".to_owned()),
            ("form[recommendations]", "- Terugbellen".to_owned()),
            ("form[visibility]", "organisation".to_owned()),
        ]
    };
    let before: (String, String) = crate::common::sql::row(
        &app.state.pool,
        "select title, introduction from presentation where id = $1",
        &[id.into()],
    )
    .await;

    let a = app
        .call(
            "presentations/save_texts",
            &pairs(&texts("0", "  ", long.clone())),
        )
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.body);
    assert_eq!(
        field_error(&a.body, "title").as_deref(),
        Some("error-required")
    );
    assert_eq!(
        field_error(&a.body, "introduction").as_deref(),
        Some("error-too-long")
    );
    let after: (String, String) = crate::common::sql::row(
        &app.state.pool,
        "select title, introduction from presentation where id = $1",
        &[id.into()],
    )
    .await;
    assert_eq!(before, after, "nothing written");

    // Without JavaScript the page comes back with what was typed.
    let edit = format!("/presentations/{id}/edit");
    let a = app
        .plain_post(
            "presentations/save_texts",
            &pairs(&texts("0", "  ", format!("Mijn eigen intro {long}"))),
            &edit,
        )
        .await;
    assert_eq!(a.status, StatusCode::FOUND);
    let back = a.headers["location"].to_str().expect("location").to_owned();
    assert!(back.contains("__err="), "{back}");
    let page = app.page(&back.replace(&app.base, "")).await;
    assert!(page.body.contains("Mijn eigen intro"), "draft kept");
    assert!(page.body.contains("field-title-error"), "title error shown");

    // A save, then a second save from a tab that loaded version 0: refused, first one kept.
    let a = app
        .call(
            "presentations/save_texts",
            &pairs(&texts("0", "Eerste", "A".into())),
        )
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    assert_eq!(a.body.trim(), "1");
    let a = app
        .call(
            "presentations/save_texts",
            &pairs(&texts("0", "Tweede", "B".into())),
        )
        .await;
    assert_eq!(a.status, StatusCode::CONFLICT, "{}", a.body);
    let saved: (String, String, String, i64) = crate::common::sql::row(
        &app.state.pool,
        "select title, introduction, visibility, version from presentation where id = $1",
        &[id.into()],
    )
    .await;
    assert_eq!(
        saved,
        ("Eerste".into(), "A".into(), "organisation".into(), 1)
    );

    // Once in the library, a save updates its search row in the same transaction.
    app.exec(
        "update presentation set status = 'presented', presented_at = $2 where id = $1",
        &[id.into(), chrono::Utc::now().into()],
    )
    .await;
    let a = app
        .call(
            "presentations/save_texts",
            &pairs(&texts("1", "Eerste", "Klantvriendelijkheidsdrempel".into())),
        )
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    assert_eq!(
        app.count(&super::library::search_count(
            &app,
            "klantvriendelijkheidsdrempel"
        ))
        .await,
        1
    );

    // A plain post that succeeds goes back to the editor's texts.
    let a = app
        .plain_post(
            "presentations/save_texts",
            &pairs(&texts("2", "Derde", "C".into())),
            &edit,
        )
        .await;
    assert_eq!(a.status, StatusCode::FOUND);
    assert_eq!(
        a.headers["location"],
        format!("/presentations/{id}/edit?saved=1#texts").as_str()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slides_move_within_the_ends_and_never_past_the_title() {
    let app = TestApp::spawn().await;
    let (_, id) = presentation(&app).await;
    let id_s = id.to_string();
    let start = order(&app, id).await;
    let mv = |slide: i64, direction: &'static str| {
        vec![
            ("id", id_s.clone()),
            ("slide_id", slide.to_string()),
            ("direction", direction.to_owned()),
        ]
    };

    // The second finding goes up, then back down.
    let a = app
        .call("presentations/move_slide", &pairs(&mv(start[5], "up")))
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    let mut expected = start.clone();
    expected.swap(4, 5);
    assert_eq!(order(&app, id).await, expected);
    let a = app
        .call("presentations/move_slide", &pairs(&mv(start[5], "down")))
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    assert_eq!(order(&app, id).await, start);

    // The title never moves and is never passed; the last slide does not go further down.
    for (slide, direction) in [
        (start[0], "down"),
        (start[0], "up"),
        (start[1], "up"),
        (start[start.len() - 1], "down"),
    ] {
        let a = app
            .call("presentations/move_slide", &pairs(&mv(slide, direction)))
            .await;
        assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.body);
        assert_eq!(
            field_error(&a.body, "direction").as_deref(),
            Some("presentation-error-cannot-move")
        );
    }
    let a = app
        .call(
            "presentations/move_slide",
            &pairs(&mv(start[3], "sideways")),
        )
        .await;
    assert_eq!(
        field_error(&a.body, "direction").as_deref(),
        Some("error-invalid-choice")
    );
    // A slide of no presentation of this author.
    let a = app
        .call("presentations/move_slide", &pairs(&mv(999_999, "up")))
        .await;
    assert_eq!(a.status, StatusCode::NOT_FOUND);
    assert_eq!(order(&app, id).await, start);

    // Without JavaScript the browser comes back at the moved slide.
    let a = app
        .plain_post(
            "presentations/move_slide",
            &pairs(&mv(start[6], "up")),
            &format!("/presentations/{id}/edit"),
        )
        .await;
    assert_eq!(a.status, StatusCode::FOUND);
    assert_eq!(
        a.headers["location"],
        format!("/presentations/{id}/edit#slide-{}", start[6]).as_str()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slides_are_left_out_and_get_notes() {
    let app = TestApp::spawn().await;
    let (_, id) = presentation(&app).await;
    let id_s = id.to_string();
    let slides = order(&app, id).await;
    let include = |slide: i64, included: &'static str| {
        vec![
            ("id", id_s.clone()),
            ("slide_id", slide.to_string()),
            ("included", included.to_owned()),
        ]
    };
    let included = |slide: i64| {
        let pool = app.state.pool.clone();
        async move {
            crate::common::sql::scalar::<bool>(
                &pool,
                "select included from presentation_slide where id = $1",
                &[slide.into()],
            )
            .await
        }
    };
    let a = app
        .call(
            "presentations/slide_included",
            &pairs(&include(slides[4], "false")),
        )
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    assert!(!included(slides[4]).await);
    let a = app
        .call(
            "presentations/slide_included",
            &pairs(&include(slides[4], "true")),
        )
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    assert!(included(slides[4]).await);
    // The title slide is always shown.
    let a = app
        .call(
            "presentations/slide_included",
            &pairs(&include(slides[0], "false")),
        )
        .await;
    assert_eq!(a.status, StatusCode::NOT_FOUND, "{}", a.body);
    assert!(included(slides[0]).await);

    let notes = |text: String| {
        vec![
            ("id", id_s.clone()),
            ("slide_id", slides[2].to_string()),
            ("notes", text),
        ]
    };
    let a = app
        .call(
            "presentations/slide_notes",
            &pairs(&notes("Eerst de wachttijd noemen.".into())),
        )
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    let too_long = "n".repeat(klantenrijbewijs::domain::text::MEDIUM + 1);
    let a = app
        .call("presentations/slide_notes", &pairs(&notes(too_long)))
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        field_error(&a.body, "notes").as_deref(),
        Some("error-too-long")
    );
    let stored: String = app
        .scalar(
            "select notes from presentation_slide where id = $1",
            &[slides[2].into()],
        )
        .await;
    assert_eq!(stored, "Eerst de wachttijd noemen.");
    // The author sees their notes in the editor.
    let page = app.page(&format!("/presentations/{id}/edit")).await;
    assert!(page.body.contains("Eerst de wachttijd noemen."));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_evidence_of_this_walkthrough_is_marked_sensitive() {
    let app = TestApp::spawn().await;
    let (walk, id) = presentation(&app).await;
    let mine = evidence(&app, walk.id, walk.findings[0], walk.person_id).await;
    let mate = teammate(&app).await;
    let other_walk = completed_walkthrough(&app, &mate).await;
    let theirs = evidence(
        &app,
        other_walk.id,
        other_walk.findings[0],
        other_walk.person_id,
    )
    .await;
    let mark = |evidence: i64, sensitive: Option<&'static str>| {
        let mut form = vec![
            ("id", id.to_string()),
            ("evidence_id", evidence.to_string()),
        ];
        form.extend(sensitive.map(|s| ("sensitive", s.to_owned())));
        form
    };
    let a = app
        .call(
            "presentations/evidence_sensitive",
            &pairs(&mark(mine, Some("true"))),
        )
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    // Twice is still once.
    let a = app
        .call(
            "presentations/evidence_sensitive",
            &pairs(&mark(mine, Some("on"))),
        )
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    let a = app
        .call(
            "presentations/evidence_sensitive",
            &pairs(&mark(theirs, Some("true"))),
        )
        .await;
    assert_eq!(a.status, StatusCode::NOT_FOUND, "{}", a.body);
    let marked: Vec<i64> = crate::common::sql::column(
        &app.state.pool,
        "select evidence_id from presentation_sensitive_evidence where presentation_id = $1",
        &[id.into()],
    )
    .await;
    assert_eq!(marked, vec![mine]);
    // The editor shows the box ticked; an unticked box (no field) unmarks.
    let page = app.page(&format!("/presentations/{id}/edit")).await;
    assert!(
        page.body
            .contains(&format!("id=\"sensitive-{mine}\" checked")),
        "{}",
        page.body
    );
    let a = app
        .call(
            "presentations/evidence_sensitive",
            &pairs(&mark(mine, None)),
        )
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    assert_eq!(
        app.count(&format!(
            "select count(*) from presentation_sensitive_evidence where presentation_id = {id}"
        ))
        .await,
        0
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn markdown_never_reaches_a_page_unsanitised() {
    let app = TestApp::spawn().await;
    let (_, id) = presentation(&app).await;
    let evil = "# Kop\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1)) \
                <img src=x onerror=alert(1)> <scr<script>ipt>alert(2)</scr</script>ipt>\n\n\
                <a href=\"JaVaScRiPt:alert(3)\">y</a> <svg onload=alert(4)></svg> \
                <iframe src=\"javascript:alert(5)\"></iframe> [z](  javascript&#58;alert(6))\n\n\
                </textarea><b id=\"escaped\">uit het veld</b>";
    let a = app
        .call(
            "presentations/save_texts",
            &[
                ("form[id]", &id.to_string()),
                ("form[version]", "0"),
                ("form[title]", "Veilig"),
                ("form[introduction]", evil),
                ("form[key_message]", evil),
                ("form[recommendations]", evil),
                ("form[visibility]", "team"),
            ],
        )
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);

    let loaded = app
        .call("presentations/get", &[("id", &id.to_string())])
        .await;
    assert_eq!(loaded.status, StatusCode::OK);
    let value: serde_json::Value = serde_json::from_str(&loaded.body).expect("json");
    for field in ["introduction", "key_message", "recommendations"] {
        let html = value["html"][field].as_str().expect("html").to_lowercase();
        assert!(html.contains("<h1>kop</h1>"), "Markdown rendered: {html}");
        assert_unsafe_free(&html);
    }
    let page = app.page(&format!("/presentations/{id}/edit")).await;
    assert_eq!(page.status, StatusCode::OK);
    // The page's own scripts carry the CSP nonce; anything else would be an injected one.
    let body = page.body.to_lowercase();
    let preview = body
        .split("pedit__preview")
        .nth(1)
        .and_then(|rest| rest.split("pedit__slides").next())
        .expect("the preview is on the page");
    assert!(preview.contains("<h1>kop</h1>"), "{preview}");
    assert_unsafe_free(preview);
    // The typed text stays inside its field: a `</textarea>` in it does not end the field.
    assert!(
        !body.contains("<b id=\"escaped\">"),
        "markup escaped the text area"
    );
    assert!(body.contains("&lt;/textarea&gt;&lt;b id=\"escaped\"&gt;"));
    // Every script element on the page is the app's own, carrying the CSP nonce.
    for (i, _) in body.match_indices("<script") {
        let tag = &body[i..body[i..].find('>').map_or(body.len(), |end| i + end)];
        assert!(
            tag.contains("nonce="),
            "stray script: {tag} after {}",
            &body[i.saturating_sub(300)..i]
        );
    }
}

/// No script element, no javascript: link and no event-handler attribute in `html`. Text the
/// sanitiser escaped (`&lt;script&gt;`) is harmless, so only real tags (a literal `<`) are read.
fn assert_unsafe_free(html: &str) {
    for (i, _) in html.match_indices('<') {
        let tag = &html[i..html[i..].find('>').map_or(html.len(), |end| i + end + 1)];
        assert!(!tag.starts_with("<script"), "{tag} in {html}");
        assert!(!tag.starts_with("<iframe"), "{tag} in {html}");
        assert!(!tag.starts_with("<svg"), "{tag} in {html}");
        assert!(!tag.contains("javascript:"), "{tag} in {html}");
        let handler = tag
            .split(|c: char| c.is_whitespace() || c == '/')
            .any(|attr| attr.starts_with("on") && attr.contains('='));
        assert!(!handler, "event handler in {tag}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_log_makes_the_presentation_then_links_its_editor() {
    let app = TestApp::spawn().await;
    let walk = completed_walkthrough(&app, EMPLOYEE).await;
    app.login_ok(EMPLOYEE).await;
    let log = format!("/walkthroughs/{}", walk.id);
    let page = app.page(&log).await;
    assert!(page.body.contains("Presentatie maken"), "{}", page.body);
    assert!(page.body.contains("/api/presentations/create"));
    let a = app
        .plain_post(
            "presentations/create",
            &[("walkthrough_id", &walk.id.to_string())],
            &log,
        )
        .await;
    assert_eq!(a.status, StatusCode::FOUND, "{}", a.body);
    let id: i64 = app
        .count(&format!(
            "select id from presentation where walkthrough_id = {}",
            walk.id
        ))
        .await;
    assert_eq!(
        a.headers["location"],
        format!("/presentations/{id}/edit").as_str()
    );
    let page = app.page(&log).await;
    assert!(page.body.contains("Presentatie bewerken"));
    assert!(!page.body.contains("Presentatie maken"));
    // The editor opens filled in: the title and the findings, the blocker first.
    let editor = app.page(&format!("/presentations/{id}/edit")).await;
    assert_eq!(editor.status, StatusCode::OK);
    let blocker = editor
        .body
        .find("Formulier wist alles bij een fout")
        .expect("blocker");
    let papercut = editor
        .body
        .find("Knop valt buiten beeld")
        .expect("papercut");
    assert!(blocker < papercut);
    // The reviewer reading the log gets no button.
    let reviewer = app.client_for(REVIEWER).await;
    let res = reviewer
        .get(format!("{}{log}", app.base))
        .header("accept", "text/html")
        .send()
        .await
        .expect("log");
    let body = res.text().await.expect("body");
    assert!(!body.contains("Presentatie bewerken") && !body.contains("Presentatie maken"));
}
