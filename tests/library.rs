//! The library: demo data that tells a story, who sees which presentation (list, search, page,
//! server functions, evidence files), search and its filters, and keyset paging.

mod common;

use common::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_data_fills_the_library_and_keeps_walkthroughs_for_the_browser_tests() {
    let app = TestApp::spawn().await;
    assert_eq!(app.count("select count(*) from presentation").await, 5);
    for (status, n) in [("confirmed", 3), ("presented", 1), ("sent_back", 1)] {
        let sql = format!("select count(*) from presentation where status = '{status}'");
        assert_eq!(app.count(&sql).await, n, "{status}");
    }
    // Only presented and confirmed ones are searchable.
    assert_eq!(
        app.count("select count(*) from presentation_search").await,
        4
    );
    assert_eq!(
        app.count(
            "select count(*) from presentation_search where presentation_search match 'foto'"
        )
        .await,
        1
    );
    assert!(app.count("select count(*) from presentation_comment").await >= 5);
    assert!(app.count("select count(*) from friction_recognition").await >= 8);
    // The reserved walkthroughs: completed, with every kind of friction, and no presentation.
    for email in [
        "noa.claassen@dijkhuis.example",
        "jesse.kok@dijkhuis.example",
        "zoe.vos@dijkhuis.example",
    ] {
        let person = app.person_id(email).await;
        let sql = format!(
            "select count(*) from walkthrough w where w.person_id = {person} and w.status = 'completed'
               and not exists (select 1 from presentation p where p.walkthrough_id = w.id)
               and (select count(distinct severity) from friction f where f.walkthrough_id = w.id) = 3"
        );
        assert_eq!(app.count(&sql).await, 1, "{email}");
    }
    // The sent-back one carries the reviewer's comment.
    assert_eq!(
        app.count("select count(*) from presentation_review where decision = 'sent_back' and comment <> ''")
            .await,
        1
    );
}
