//! Present mode as the server renders it: every included slide in order with its number, speaker
//! notes only for the author, photos loaded eagerly, and 403/404 for who may not or what is not.

use crate::common;

use common::*;
use reqwest::StatusCode;

async fn make_presentation(app: &TestApp) -> i64 {
    let walk = completed_walkthrough(app, EMPLOYEE).await;
    app.login_ok(EMPLOYEE).await;
    let id = walk.id.to_string();
    let a = app
        .call("presentations/create", &[("walkthrough_id", id.as_str())])
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    a.body.trim().parse().expect("id")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_deck_shows_the_included_slides_and_the_notes_only_to_the_author() {
    let app = TestApp::spawn().await;
    let id = make_presentation(&app).await;
    // A note on the first slide, and one slide left out.
    app.exec(
        "update presentation_slide set notes = 'Begin met de wachtmuziek.'
         where presentation_id = $1 and position = (select min(position) from presentation_slide where presentation_id = $2)",
        &[id.into(), id.into()],
    ).await;
    app.exec(
        "update presentation_slide set included = false
         where presentation_id = $1 and kind = 'scenario'",
        &[id.into()],
    )
    .await;
    let included = app
        .count(&format!(
            "select count(*) from presentation_slide where presentation_id = {id} and included = true"
        ))
        .await;
    assert!(included >= 5, "{included}");

    let path = format!("/presentations/{id}/present");
    let page = app.page(&path).await;
    assert_eq!(page.status, StatusCode::OK);
    let body = page.body;
    assert_eq!(
        body.matches("<section id=\"slide-").count() as i64,
        included
    );
    for n in 1..=included {
        assert!(
            body.contains(&format!(
                "id=\"slide-{n}\" aria-label=\"Dia {n} van {included}\""
            )),
            "slide {n}"
        );
    }
    assert!(!body.contains("data-kind=\"scenario\""), "left out");
    assert!(
        body.contains("Begin met de wachtmuziek."),
        "the author's notes"
    );
    assert!(!body.contains("loading=\"lazy\""), "photos load eagerly");
    // Without JavaScript: links from slide to slide.
    assert!(body.contains("href=\"#slide-2\""));

    // The reviewer may read (and present) it, without the author's notes.
    let reviewer = app.client_for(REVIEWER).await;
    let res = reviewer
        .get(format!("{}{path}", app.base))
        .send()
        .await
        .expect("request");
    assert_eq!(res.status(), StatusCode::OK);
    let body = res.text().await.expect("body");
    assert!(body.contains("id=\"slide-1\""));
    assert!(!body.contains("Begin met de wachtmuziek."));
    assert!(!body.contains("slide__notes"));

    // A colleague may not see a draft; an unknown one is not found.
    let colleague = app.client_for("grace.okafor@dijkhuis.example").await;
    let res = colleague
        .get(format!("{}{path}", app.base))
        .send()
        .await
        .expect("request");
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        app.page("/presentations/999999/present").await.status,
        StatusCode::NOT_FOUND
    );
}
