//! Making a presentation from a completed walkthrough: only its owner, only when completed, once;
//! the draft is filled in from the log in the agreed order.

use crate::common;

use common::*;
use reqwest::StatusCode;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn owner_makes_one_filled_in_presentation_from_a_completed_walkthrough() {
    let app = TestApp::spawn().await;
    let walk = completed_walkthrough(&app, EMPLOYEE).await;

    // Someone else (even their reviewer) cannot make it.
    let reviewer = app.client_for(REVIEWER).await;
    let id = walk.id.to_string();
    let a = app
        .call_as(
            &reviewer,
            "presentations/create",
            &[("walkthrough_id", id.as_str())],
        )
        .await;
    assert_eq!(a.status, StatusCode::FORBIDDEN, "{}", a.body);

    app.login_ok(EMPLOYEE).await;
    let a = app
        .call("presentations/create", &[("walkthrough_id", id.as_str())])
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    let presentation: i64 = a.body.trim().parse().expect("id");
    // A second click opens the same one.
    let again = app
        .call("presentations/create", &[("walkthrough_id", id.as_str())])
        .await;
    assert_eq!(again.body.trim(), presentation.to_string());
    // The demo data has presentations of its own: count this walkthrough's only.
    assert_eq!(
        app.count(&format!(
            "select count(*) from presentation where walkthrough_id = {id}"
        ))
        .await,
        1
    );

    let kinds: Vec<(String, Option<i64>, bool)> = app
        .rows(
            "select kind, friction_id, included from presentation_slide
         where presentation_id = $1 order by position",
            &[presentation.into()],
        )
        .await;
    let f = &walk.findings; // papercut, delight, blocker, question, major
    let findings: Vec<_> = kinds
        .iter()
        .filter_map(|(_, f, inc)| f.map(|f| (f, *inc)))
        .collect();
    assert_eq!(
        findings,
        vec![
            (f[2], true),
            (f[4], true),
            (f[0], true),
            (f[1], true),
            (f[3], false)
        ]
    );
    assert_eq!(kinds.first().map(|k| k.0.as_str()), Some("title"));
    assert_eq!(kinds.last().map(|k| k.0.as_str()), Some("recommendations"));

    let page = app
        .call("presentations/get", &[("id", &presentation.to_string())])
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("Melden ging, maar het kostte moeite."));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_presentation_from_a_walkthrough_in_progress_or_unknown() {
    let app = TestApp::spawn().await;
    let walk = completed_walkthrough(&app, EMPLOYEE).await;
    app.exec(
        "update walkthrough set status = 'in_progress' where id = $1",
        &[walk.id.into()],
    )
    .await;
    app.login_ok(EMPLOYEE).await;
    let a = app
        .call(
            "presentations/create",
            &[("walkthrough_id", &walk.id.to_string())],
        )
        .await;
    assert_eq!(a.status, StatusCode::CONFLICT, "{}", a.body);
    assert!(
        a.body.contains("presentation-error-walk-not-completed"),
        "{}",
        a.body
    );
    let a = app
        .call("presentations/create", &[("walkthrough_id", "99999")])
        .await;
    assert_eq!(a.status, StatusCode::NOT_FOUND);
    // Nothing was made beyond the demo data's presentations (all by other people).
    assert_eq!(
        app.count(&format!(
            "select count(*) from presentation where person_id = {}",
            app.person_id(EMPLOYEE).await
        ))
        .await,
        0
    );
}
