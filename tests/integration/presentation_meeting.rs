//! The meeting and the reviewer's decision: only the author records a meeting (validated, one
//! transaction, the reviewer told), only the author's manager-reviewer decides, once per meeting,
//! and the history is never rewritten.

use crate::common;

use common::*;
use reqwest::StatusCode;

const OTHER_REVIEWER: &str = "ahmed.bouzid@dijkhuis.example";
const COLLEAGUE: &str = "lotte.smit@dijkhuis.example";

/// Daan's presentation, made by Daan (signed in on `app.client`).
async fn presentation(app: &TestApp) -> i64 {
    let walk: CompletedWalk = completed_walkthrough(app, EMPLOYEE).await;
    app.login_ok(EMPLOYEE).await;
    let id = walk.id.to_string();
    let a = app
        .call("presentations/create", &[("walkthrough_id", id.as_str())])
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    a.body.trim().parse().expect("id")
}

fn today() -> String {
    chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Amsterdam)
        .date_naive()
        .format("%Y-%m-%d")
        .to_string()
}

async fn record(
    app: &TestApp,
    client: &reqwest::Client,
    id: i64,
    held_on: &str,
    team: &str,
    attendees: &[i64],
) -> Answer {
    let id = id.to_string();
    let keys: Vec<String> = attendees
        .iter()
        .map(|a| format!("form[attendees][p{a}]"))
        .collect();
    let values: Vec<String> = attendees.iter().map(i64::to_string).collect();
    let mut form = vec![
        ("form[presentation_id]", id.as_str()),
        ("form[held_on]", held_on),
        ("form[audience]", "Team Schade Noord, weekstart"),
        ("form[team_id]", team),
    ];
    for (k, v) in keys.iter().zip(&values) {
        form.push((k.as_str(), v.as_str()));
    }
    app.call_as(client, "presentations/meeting/record", &form)
        .await
}

async fn review(
    app: &TestApp,
    client: &reqwest::Client,
    id: i64,
    decision: &str,
    comment: &str,
) -> Answer {
    let id = id.to_string();
    app.call_as(
        client,
        "presentations/meeting/review",
        &[
            ("form[presentation_id]", id.as_str()),
            ("form[decision]", decision),
            ("form[comment]", comment),
        ],
    )
    .await
}

async fn meetings(app: &TestApp, id: i64) -> i64 {
    app.count(&format!(
        "select count(*) from presentation_meeting where presentation_id = {id}"
    ))
    .await
}

async fn status(app: &TestApp, id: i64) -> (String, Option<String>) {
    crate::common::sql::row(
        &app.state.pool,
        "select status, cast(presented_at as text) from presentation where id = $1",
        &[id.into()],
    )
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_the_author_records_a_valid_meeting_and_the_reviewer_is_told() {
    let app = TestApp::spawn().await;
    let id = presentation(&app).await;
    let lotte = app.person_id(COLLEAGUE).await;
    let marieke = app.person_id(REVIEWER).await;
    let today = today();

    // Invalid: a future date, no attendees, an unknown team; every field at once, nothing written.
    let a = record(&app, &app.client, id, "2999-01-01", "999999", &[]).await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.body);
    assert_eq!(
        field_error(&a.body, "held_on").as_deref(),
        Some("presentation-error-meeting-in-future")
    );
    assert_eq!(
        field_error(&a.body, "attendees").as_deref(),
        Some("presentation-error-no-attendees")
    );
    let a = record(&app, &app.client, id, &today, "999999", &[lotte]).await;
    assert_eq!(
        field_error(&a.body, "team_id").as_deref(),
        Some("error-invalid-choice"),
        "{}",
        a.body
    );
    assert_eq!(meetings(&app, id).await, 0);
    assert_eq!(
        app.count(&format!(
            "select count(*) from notification where presentation_id = {id}"
        ))
        .await,
        0
    );
    assert_eq!(status(&app, id).await, ("draft".to_owned(), None));

    // The reviewer, HR and a colleague may not record it.
    for email in [REVIEWER, HR, COLLEAGUE] {
        let other = app.client_for(email).await;
        let a = record(&app, &other, id, &today, "", &[lotte]).await;
        assert_eq!(a.status, StatusCode::FORBIDDEN, "{email}: {}", a.body);
    }
    assert_eq!(meetings(&app, id).await, 0);

    let team: i64 = app
        .scalar("select team_id from person where id = $1", &[lotte.into()])
        .await;
    let a = record(
        &app,
        &app.client,
        id,
        &today,
        &team.to_string(),
        &[lotte, marieke],
    )
    .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    let (st, presented_at) = status(&app, id).await;
    assert_eq!(st, "presented");
    let first = presented_at.expect("presented_at set");
    assert_eq!(
        app.count(&format!(
            "select count(*) from presentation_attendee a join presentation_meeting m
             on m.id = a.meeting_id where m.presentation_id = {id}"
        ))
        .await,
        2
    );
    let told: Vec<(i64, String)> = app
        .rows(
            "select person_id, kind from notification where presentation_id = $1",
            &[id.into()],
        )
        .await;
    assert_eq!(told, vec![(marieke, "meeting".to_owned())]);

    // While it waits for the reviewer it is not replaced.
    let a = record(&app, &app.client, id, &today, "", &[lotte]).await;
    assert_eq!(a.status, StatusCode::CONFLICT, "{}", a.body);
    assert!(
        a.body.contains("presentation-error-awaiting-review"),
        "{}",
        a.body
    );

    // After a send-back a new meeting is recorded; presented_at stays the first time.
    let marieke_client = app.client_for(REVIEWER).await;
    let a = review(
        &app,
        &marieke_client,
        id,
        "sent_back",
        "Graag ook met team Noord",
    )
    .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    assert_eq!(status(&app, id).await.0, "sent_back");
    let a = record(&app, &app.client, id, &today, "", &[lotte]).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    assert_eq!(
        status(&app, id).await,
        ("presented".to_owned(), Some(first))
    );
    assert_eq!(meetings(&app, id).await, 2);

    // The meeting page shows the history to the author and the reviewer.
    let page = app.page(&format!("/presentations/{id}/meeting")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("Graag ook met team Noord"),
        "history with the comment"
    );
    assert!(page.body.contains("Lotte"), "attendees listed");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_the_managing_reviewer_decides_once() {
    let app = TestApp::spawn().await;
    let id = presentation(&app).await;
    let lotte = app.person_id(COLLEAGUE).await;
    let daan = app.person_id(EMPLOYEE).await;
    let marieke_id = app.person_id(REVIEWER).await;
    let marieke = app.client_for(REVIEWER).await;

    // Nothing to review before a meeting.
    let a = review(&app, &marieke, id, "confirmed", "").await;
    assert_eq!(a.status, StatusCode::CONFLICT, "{}", a.body);
    assert!(a.body.contains("presentation-error-nothing-to-review"));

    let a = record(&app, &app.client, id, &today(), "", &[lotte]).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);

    // Another reviewer, HR and the author themselves may not decide.
    for (who, client) in [
        ("other reviewer", app.client_for(OTHER_REVIEWER).await),
        ("hr", app.client_for(HR).await),
        ("author", app.client.clone()),
    ] {
        let a = review(&app, &client, id, "confirmed", "").await;
        assert_eq!(a.status, StatusCode::FORBIDDEN, "{who}: {}", a.body);
    }
    // Sending back needs a comment.
    let a = review(&app, &marieke, id, "sent_back", "  ").await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.body);
    assert_eq!(
        field_error(&a.body, "comment").as_deref(),
        Some("error-required")
    );
    assert_eq!(
        app.count(&format!(
            "select count(*) from presentation_review where presentation_id = {id}"
        ))
        .await,
        0
    );

    let a = review(&app, &marieke, id, "confirmed", "Mooi gedaan").await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    assert_eq!(status(&app, id).await.0, "confirmed");
    let told: Vec<(i64, String, Option<i64>)> = app
        .rows(
            "select person_id, kind, actor_id from notification where person_id = $1 order by id",
            &[daan.into()],
        )
        .await;
    assert_eq!(told, vec![(daan, "confirmed".to_owned(), Some(marieke_id))]);

    // A second decision (another tab) is refused with a clear reason, and nothing changes.
    let before: Vec<(i64, String, String, String)> = app
        .rows(
            "select id, decision, comment, cast(updated_at as text) from presentation_review
         where presentation_id = $1 order by id",
            &[id.into()],
        )
        .await;
    for decision in ["confirmed", "sent_back"] {
        let a = review(&app, &marieke, id, decision, "Nog een keer").await;
        assert_eq!(a.status, StatusCode::CONFLICT, "{}", a.body);
        assert!(
            a.body.contains("presentation-error-already-reviewed"),
            "{}",
            a.body
        );
    }
    let after: Vec<(i64, String, String, String)> = app
        .rows(
            "select id, decision, comment, cast(updated_at as text) from presentation_review
         where presentation_id = $1 order by id",
            &[id.into()],
        )
        .await;
    assert_eq!(before, after, "history rows are never updated");
    assert_eq!(status(&app, id).await.0, "confirmed");

    // A confirmed presentation never gets another meeting.
    let a = record(&app, &app.client, id, &today(), "", &[lotte]).await;
    assert_eq!(a.status, StatusCode::CONFLICT, "{}", a.body);
    assert!(
        a.body.contains("presentation-error-confirmed"),
        "{}",
        a.body
    );

    // The licence reads the confirmation for Daan's cycle.
    let cycle: i64 = app.scalar(
        "select w.cycle_year from walkthrough w join presentation p on p.walkthrough_id = w.id where p.id = $1",
        &[id.into()],
    ).await;
    let cycle = i32::try_from(cycle).expect("a year");
    let at =
        klantenrijbewijs::db::presentation::meeting::confirmed_at(&app.state.pool, daan, cycle)
            .await
            .expect("query");
    assert!(at.is_some());
    let none =
        klantenrijbewijs::db::presentation::meeting::confirmed_at(&app.state.pool, daan, cycle - 1)
            .await
            .expect("query");
    assert!(none.is_none());
    assert!(
        klantenrijbewijs::db::presentation::meeting::confirmed_at(&app.state.pool, lotte, cycle)
            .await
            .expect("query")
            .is_none()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_javascript_a_refused_meeting_keeps_what_was_typed() {
    let app = TestApp::spawn().await;
    let id = presentation(&app).await;
    let page = format!("/presentations/{id}/meeting");
    let id_s = id.to_string();
    let a = app
        .plain_post(
            "presentations/meeting/record",
            &[
                ("form[presentation_id]", id_s.as_str()),
                ("form[held_on]", "2999-01-01"),
                ("form[audience]", "Weekstart Zuid"),
                ("form[team_id]", ""),
            ],
            &page,
        )
        .await;
    assert!(a.status.is_redirection(), "{}", a.status);
    let location = a.headers["location"].to_str().expect("location").to_owned();
    let back = app.page(&location.replace(&app.base, "")).await;
    assert!(back.body.contains("Weekstart Zuid"), "draft kept");
    assert!(
        back.body.contains("Die datum ligt in de toekomst."),
        "error shown"
    );
    assert_eq!(meetings(&app, id).await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_presented_presentation_is_searchable_and_leaves_the_index_when_sent_back() {
    let app = TestApp::spawn().await;
    let id = presentation(&app).await;
    let lotte = app.person_id(COLLEAGUE).await;
    let indexed = |app: &TestApp| {
        let sql = format!("select count(*) from presentation_search where rowid = {id}");
        let pool = app.state.pool.clone();
        async move { crate::common::sql::scalar::<i64>(&pool, &sql, &[]).await }
    };
    assert_eq!(indexed(&app).await, 0);
    let a = record(&app, &app.client, id, &today(), "", &[lotte]).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    assert_eq!(indexed(&app).await, 1, "presented: in the search index");
    let marieke = app.client_for(REVIEWER).await;
    let a = review(&app, &marieke, id, "sent_back", "Nog niet").await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    assert_eq!(indexed(&app).await, 0, "sent back: out of the library");
}
