//! Comments and "Herkenbaar" recognitions: who may write them, their limits, that comments are
//! escaped on the page, that only the writer changes their comment, and that the author is told.

use crate::common;

use common::*;
use reqwest::StatusCode;

const TEAMMATE: &str = "lotte.smit@dijkhuis.example";
const OTHER_TEAM: &str = "emma.devries@dijkhuis.example";

/// A team-only presented presentation by EMPLOYEE, with its walk.
async fn presented(app: &TestApp) -> (i64, CompletedWalk) {
    let pool = &app.state.pool;
    let walk = completed_walkthrough(app, EMPLOYEE).await;
    let id = draft_presentation(app, &walk).await;
    crate::common::sql::exec(
        pool,
        "update presentation set status = 'presented', visibility = 'team', presented_at = $1 where id = $2",
        &[(chrono::Utc::now()).into(), id.into()],
    ).await;
    (id, walk)
}

fn notifications(kind: &str, presentation: i64) -> String {
    format!(
        "select count(*) from notification where kind = '{kind}' and presentation_id = {presentation}"
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn comments_are_checked_escaped_owned_and_notify_the_author() {
    let app = TestApp::spawn().await;
    let (id, _) = presented(&app).await;
    let sid = id.to_string();
    let teammate = app.client_for(TEAMMATE).await;
    let other = app.client_for(OTHER_TEAM).await;

    let a = app
        .call_as(
            &teammate,
            "presentations/comments/add",
            &[("presentation_id", &sid), ("body", "  ")],
        )
        .await;
    assert_eq!(
        field_error(&a.body, "body").as_deref(),
        Some("error-required"),
        "{}",
        a.body
    );
    let long = "x".repeat(5000);
    let a = app
        .call_as(
            &teammate,
            "presentations/comments/add",
            &[("presentation_id", &sid), ("body", &long)],
        )
        .await;
    assert_eq!(
        field_error(&a.body, "body").as_deref(),
        Some("error-too-long"),
        "{}",
        a.body
    );
    assert_eq!(app.count(&notifications("comment", id)).await, 0);

    let body = "<script>alert(1)</script> Dit zag ik ook & meer";
    let a = app
        .call_as(
            &teammate,
            "presentations/comments/add",
            &[("presentation_id", &sid), ("body", body)],
        )
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    let comment: i64 = a.body.trim().parse().expect("comment id");
    let cid = comment.to_string();
    assert_eq!(app.count(&notifications("comment", id)).await, 1);
    let author = app.person_id(EMPLOYEE).await;
    assert_eq!(
        app.count(&format!(
            "select count(*) from notification where person_id = {author} and kind = 'comment'"
        ))
        .await,
        1
    );

    // Escaped on the page.
    app.login_ok(EMPLOYEE).await;
    let page = app.page(&format!("/presentations/{id}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "not escaped"
    );
    assert!(!page.body.contains("<script>alert(1)"));

    // Only the writer edits or deletes; the author of the presentation cannot either.
    for c in [&app.client, &other] {
        let a = app
            .call_as(
                c,
                "presentations/comments/edit",
                &[("comment_id", &cid), ("body", "Anders")],
            )
            .await;
        assert_eq!(a.status, StatusCode::FORBIDDEN, "{}", a.body);
        let a = app
            .call_as(c, "presentations/comments/delete", &[("comment_id", &cid)])
            .await;
        assert_eq!(a.status, StatusCode::FORBIDDEN, "{}", a.body);
    }
    let a = app
        .call_as(
            &teammate,
            "presentations/comments/edit",
            &[("comment_id", &cid), ("body", "")],
        )
        .await;
    assert_eq!(
        field_error(&a.body, "body").as_deref(),
        Some("error-required")
    );
    let a = app
        .call_as(
            &teammate,
            "presentations/comments/edit",
            &[("comment_id", &cid), ("body", "Aangepast")],
        )
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    assert_eq!(
        app.count("select count(*) from presentation_comment where body = 'Aangepast'")
            .await,
        1
    );
    let a = app
        .call_as(
            &teammate,
            "presentations/comments/delete",
            &[("comment_id", &cid)],
        )
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    assert_eq!(
        app.count(&format!(
            "select count(*) from presentation_comment where id = {comment}"
        ))
        .await,
        0
    );

    // Without JavaScript: a plain post goes back to the reading page's comments.
    let teammate_plain = app.client_for(TEAMMATE).await;
    let res = teammate_plain
        .post(format!("{}/api/presentations/comments/add", app.base))
        .header("accept", "text/html")
        .header("referer", format!("{}/presentations/{id}", app.base))
        .form(&[
            ("presentation_id", sid.as_str()),
            ("body", "Zonder JavaScript"),
        ])
        .send()
        .await
        .expect("post");
    assert!(
        res.status().is_redirection() || res.status().is_success(),
        "{}",
        res.status()
    );
    assert_eq!(
        app.count("select count(*) from presentation_comment where body = 'Zonder JavaScript'")
            .await,
        1
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn recognitions_once_per_colleague_never_by_the_author_nor_outsiders() {
    let app = TestApp::spawn().await;
    let (id, walk) = presented(&app).await;
    let sid = id.to_string();
    let blocker = walk.findings[2].to_string();
    let delight = walk.findings[1].to_string();
    let question = walk.findings[3].to_string(); // left out of the draft
    let teammate = app.client_for(TEAMMATE).await;
    let reviewer = app.client_for(REVIEWER).await;
    let other = app.client_for(OTHER_TEAM).await;
    app.login_ok(EMPLOYEE).await;

    let form = |f: &str, note: &str| {
        vec![
            ("presentation_id", sid.clone()),
            ("friction_id", f.to_owned()),
            ("note", note.to_owned()),
        ]
    };
    let post = async |c: &reqwest::Client, endpoint: &str, form: Vec<(&str, String)>| {
        let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
        app.call_as(c, endpoint, &form).await
    };

    // Not the author's own friction; not an outsider; not a delight or a left-out finding.
    let a = post(&app.client, "presentations/recognise", form(&blocker, "")).await;
    assert_eq!(a.status, StatusCode::FORBIDDEN, "{}", a.body);
    let a = post(&other, "presentations/recognise", form(&blocker, "")).await;
    assert_eq!(a.status, StatusCode::FORBIDDEN, "{}", a.body);
    for f in [&delight, &question] {
        let a = post(&teammate, "presentations/recognise", form(f, "")).await;
        assert_eq!(a.status, StatusCode::NOT_FOUND, "{}", a.body);
    }
    let a = post(
        &teammate,
        "presentations/recognise",
        form(&blocker, &"x".repeat(201)),
    )
    .await;
    assert_eq!(
        field_error(&a.body, "note").as_deref(),
        Some("error-too-long"),
        "{}",
        a.body
    );
    assert_eq!(
        app.count(&format!(
            "select count(*) from friction_recognition where friction_id = {blocker}"
        ))
        .await,
        0
    );

    // Twice by the same colleague: one row, the note updated, the author told once.
    let a = post(
        &teammate,
        "presentations/recognise",
        form(&blocker, "Zelf meegemaakt"),
    )
    .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    let a = post(
        &teammate,
        "presentations/recognise",
        form(&blocker, "Zelf   meegemaakt,\nvorige week"),
    )
    .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    let a = post(&reviewer, "presentations/recognise", form(&blocker, "")).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    let count = format!("select count(*) from friction_recognition where friction_id = {blocker}");
    assert_eq!(app.count(&count).await, 2);
    assert_eq!(
        app.count(&format!("select count(*) from friction_recognition where friction_id = {blocker} and note = 'Zelf meegemaakt, vorige week'")).await,
        1
    );
    assert_eq!(app.count(&notifications("recognition", id)).await, 2);

    // Everyone who reads it sees the count and the notes.
    let social = app.call("presentations/social", &[("id", &sid)]).await;
    assert_eq!(social.status, StatusCode::OK);
    assert!(social.body.contains("Zelf meegemaakt, vorige week"));
    assert!(
        social.body.contains("\"may_recognise\":false"),
        "the author may not recognise"
    );
    let page = app.page(&format!("/presentations/{id}")).await;
    assert!(page.body.contains("2 keer herkend"), "count on the page");

    // Taken back.
    let a = post(
        &teammate,
        "presentations/unrecognise",
        vec![
            ("presentation_id", sid.clone()),
            ("friction_id", blocker.clone()),
        ],
    )
    .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    assert_eq!(app.count(&count).await, 1);
    let a = post(
        &other,
        "presentations/unrecognise",
        vec![
            ("presentation_id", sid.clone()),
            ("friction_id", blocker.clone()),
        ],
    )
    .await;
    assert_eq!(a.status, StatusCode::FORBIDDEN);
}
