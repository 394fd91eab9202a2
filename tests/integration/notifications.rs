//! Notifications: the unread count, marking one (only one's own) and all read, and paging 50 at
//! a time, newest first.

use crate::common;

use common::*;
use klantenrijbewijs::db::notification::{NotificationKind, notify};
use reqwest::StatusCode;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn counts_marking_and_paging() {
    let app = TestApp::spawn().await;
    let daan = app.person_id(EMPLOYEE).await;
    let marieke = app.person_id(REVIEWER).await;
    let pool = &app.state.pool;
    for _ in 0..53 {
        notify(pool, daan, NotificationKind::Comment, None, Some(marieke))
            .await
            .expect("notify");
    }
    notify(pool, marieke, NotificationKind::Meeting, None, Some(daan))
        .await
        .expect("notify");
    // Nobody is told about their own action.
    notify(pool, daan, NotificationKind::Comment, None, Some(daan))
        .await
        .expect("notify");
    let of = |who: i64| format!("select count(*) from notification where person_id = {who}");
    assert_eq!(app.count(&of(daan)).await, 53);
    assert_eq!(app.count(&of(marieke)).await, 1);

    app.login_ok(EMPLOYEE).await;
    let a = app.call("notifications/unread", &[]).await;
    assert_eq!(a.body.trim(), "53", "{}", a.body);
    // The bell on every page says it in words.
    let home = app.page("/").await;
    assert!(home.body.contains("53 ongelezen meldingen"), "bell label");

    // Paging: 50 newest first, then the 3 older ones.
    let first: serde_json::Value =
        serde_json::from_str(&app.call("notifications/list", &[]).await.body).expect("json");
    let items = first["items"].as_array().expect("items");
    assert_eq!(items.len(), 50);
    let ids: Vec<i64> = items
        .iter()
        .map(|i| i["id"].as_i64().expect("id"))
        .collect();
    assert!(ids.windows(2).all(|w| w[0] > w[1]), "newest first");
    let older = first["older"].as_i64().expect("older link");
    let older_s = older.to_string();
    let second: serde_json::Value = serde_json::from_str(
        &app.call("notifications/list", &[("before", older_s.as_str())])
            .await
            .body,
    )
    .expect("json");
    assert_eq!(second["items"].as_array().expect("items").len(), 3);
    assert!(second["older"].is_null());
    assert_eq!(first["unread"].as_i64(), Some(53));

    // Someone else's notification is not found and stays unread.
    let theirs: i64 = app
        .scalar(
            "select id from notification where person_id = $1",
            &[marieke.into()],
        )
        .await;
    let theirs_s = theirs.to_string();
    let a = app
        .call("notifications/read", &[("id", theirs_s.as_str())])
        .await;
    assert_eq!(a.status, StatusCode::NOT_FOUND, "{}", a.body);
    assert_eq!(
        app.count(&format!(
            "select count(*) from notification where read_at is null and person_id = {marieke}"
        ))
        .await,
        1
    );

    // One of mine.
    let mine = ids[0].to_string();
    let a = app
        .call("notifications/read", &[("id", mine.as_str())])
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    assert_eq!(
        app.call("notifications/unread", &[]).await.body.trim(),
        "52"
    );

    // All of mine; Marieke's stays unread.
    let a = app.call("notifications/read-all", &[]).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    assert_eq!(a.body.trim(), "52");
    assert_eq!(app.call("notifications/unread", &[]).await.body.trim(), "0");
    assert_eq!(
        app.count(&format!(
            "select count(*) from notification where read_at is null and person_id in ({daan}, {marieke})"
        ))
        .await,
        1
    );

    // Without JavaScript the buttons are plain posts that come back to the list.
    let a = app
        .plain_post("notifications/read-all", &[], "/notifications")
        .await;
    assert!(a.status.is_redirection(), "{}", a.status);
    let page = app.page("/notifications").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("reageerde op"), "{}", page.body.len());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_reviewer_sees_what_waits_for_them() {
    let app = TestApp::spawn().await;
    let walk: CompletedWalk = completed_walkthrough(&app, EMPLOYEE).await;
    app.login_ok(EMPLOYEE).await;
    let wid = walk.id.to_string();
    let id = app
        .call("presentations/create", &[("walkthrough_id", wid.as_str())])
        .await
        .body;
    let lotte = app
        .person_id("lotte.smit@dijkhuis.example")
        .await
        .to_string();
    let today = chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Amsterdam)
        .date_naive()
        .format("%Y-%m-%d")
        .to_string();
    let a = app
        .call(
            "presentations/meeting/record",
            &[
                ("form[presentation_id]", id.trim()),
                ("form[held_on]", today.as_str()),
                ("form[audience]", "Weekstart"),
                ("form[attendees][p1]", lotte.as_str()),
            ],
        )
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    app.login_ok(REVIEWER).await;
    let page = app.page("/notifications").await;
    assert!(page.body.contains("Te bevestigen"));
    assert!(
        page.body
            .contains(&format!("/presentations/{}/meeting", id.trim()))
    );
    assert!(page.body.contains("1 ongelezen melding"));
    assert!(page.body.contains("vraagt je dat te bevestigen"));
}
