//! The journey catalogue: demo seed, role checks on every journey server function, drafts, steps,
//! publishing and versioning (a live version and what walkthroughs point at never changes).

mod common;

use common::*;

#[tokio::test]
async fn demo_seed_has_three_live_journeys_with_owned_steps_and_a_draft() {
    let app = TestApp::spawn().await;
    let live: Vec<(i64, String, i64, i64)> = sqlx::query_as(
        "select id, title, version, year from journey where status = 'live' order by title",
    )
    .fetch_all(&app.state.pool)
    .await
    .expect("journeys");
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
