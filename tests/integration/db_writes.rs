//! The write rules of the database layer, below the server functions: a write transaction holds
//! the write lock from its start (SQLite's `begin immediate`, PostgreSQL's advisory lock), and every walkthrough write repeats "only the
//! owner, only while in progress" inside its own statement, so an access check made a moment
//! earlier (another tab finishing the walkthrough, a forged call) cannot be outrun.

use crate::common;

use common::*;
use klantenrijbewijs::db;
use klantenrijbewijs::db::walkthrough::WriteError;
use klantenrijbewijs::domain::walkthrough::{
    FinishInput, FrictionInput, StepAnswerInput, WalkthroughStatus,
};
use std::time::Duration;

/// A walkthrough of `email` in progress, with its first step id.
async fn walkthrough_of(app: &TestApp, email: &str) -> (i64, i64, i64) {
    let owner = app.person_id(email).await;
    let journey: i64 = app
        .scalar(
            "select id from journey where status = 'live' order by id limit 1",
            &[],
        )
        .await;
    let walk = db::walkthrough::start(&app.state.pool, owner, journey, 2026)
        .await
        .expect("started");
    let step: i64 = app
        .scalar(
            "select step_id from walkthrough_step where walkthrough_id = $1 order by step_id limit 1",
            &[walk.into()],
        )
        .await;
    (owner, walk, step)
}

fn answer(text: &str) -> StepAnswerInput {
    StepAnswerInput::parse("done", "", "3", "1", "2", "", text, "").expect("valid answer")
}

fn friction(title: &str) -> FrictionInput {
    FrictionInput::parse("delight", "", title, "", "", &[], "").expect("valid delight")
}

async fn happened(app: &TestApp, walk: i64, step: i64) -> Option<String> {
    app.scalar(
        "select happened from walkthrough_step where walkthrough_id = $1 and step_id = $2",
        &[walk.into(), step.into()],
    )
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_write_transaction_holds_the_write_lock_from_its_first_statement() {
    let app = TestApp::spawn().await;
    let tx = db::begin(&app.state.pool).await.expect("begin");
    // Nothing written yet, but a second writer must already wait for this one (a deferred BEGIN
    // would let it through, and a later write of `tx` would fail or miss what it wrote).
    let pool = app.state.pool.clone();
    let second = tokio::spawn(async move {
        let other = db::begin(&pool).await.expect("second writer");
        other.commit().await.expect("second commit");
    });
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(!second.is_finished(), "the second writer waits");
    tx.commit().await.expect("commit");
    tokio::time::timeout(Duration::from_secs(10), second)
        .await
        .expect("free again after commit")
        .expect("second writer ran");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_the_owner_writes_even_when_the_access_check_is_skipped() {
    let app = TestApp::spawn().await;
    let pool = &app.state.pool;
    let (owner, walk, step) = walkthrough_of(&app, EMPLOYEE).await;
    let stranger = app.person_id("grace.okafor@dijkhuis.example").await;

    let refused = db::walkthrough::save_answer(pool, stranger, walk, step, 0, &answer("vals"))
        .await
        .expect_err("a stranger's save is refused");
    assert!(matches!(refused, WriteError::Refused(_)), "{refused:?}");
    assert_eq!(happened(&app, walk, step).await, None);

    assert!(
        db::walkthrough::save_friction(pool, stranger, walk, step, None, &friction("vals"))
            .await
            .is_err()
    );
    assert_eq!(app.count_own("count(*)", "friction").await, 0);

    let fid = db::walkthrough::save_friction(pool, owner, walk, step, None, &friction("Echt"))
        .await
        .expect("the owner adds one");
    assert!(
        db::walkthrough::save_friction(pool, stranger, walk, step, Some(fid), &friction("vals"))
            .await
            .is_err()
    );
    assert!(
        db::walkthrough::delete_friction(pool, stranger, walk, fid)
            .await
            .is_err()
    );
    let title: String = app
        .scalar("select title from friction where id = $1", &[fid.into()])
        .await;
    assert_eq!(title, "Echt");

    let abandon = FinishInput::parse("abandoned", "Test", "", "Gestopt", "", "").expect("valid");
    assert!(
        db::walkthrough::finish(pool, stranger, walk, &abandon)
            .await
            .is_err()
    );
    assert_eq!(
        app.count(&format!(
            "select count(*) from walkthrough where id = {walk} and status = 'in_progress'"
        ))
        .await,
        1
    );

    // The owner's own save goes through.
    assert_eq!(
        db::walkthrough::save_answer(pool, owner, walk, step, 0, &answer("echt"))
            .await
            .expect("owner saves"),
        1
    );
    assert_eq!(happened(&app, walk, step).await.as_deref(), Some("echt"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nothing_is_written_to_a_walkthrough_once_it_is_finished() {
    let app = TestApp::spawn().await;
    let pool = &app.state.pool;
    let (owner, walk, step) = walkthrough_of(&app, EMPLOYEE).await;
    let fid = db::walkthrough::save_friction(pool, owner, walk, step, None, &friction("Voor"))
        .await
        .expect("added while in progress");

    // Finished in another tab between this tab's access check and its write.
    let abandon = FinishInput::parse("abandoned", "Test", "", "Gestopt", "", "").expect("valid");
    assert_eq!(abandon.status, WalkthroughStatus::Abandoned);
    db::walkthrough::finish(pool, owner, walk, &abandon)
        .await
        .expect("finished");

    let late = db::walkthrough::save_answer(pool, owner, walk, step, 0, &answer("te laat"))
        .await
        .expect_err("no save after finishing");
    assert!(matches!(late, WriteError::Refused(_)), "{late:?}");
    assert_eq!(happened(&app, walk, step).await, None);
    assert!(
        db::walkthrough::save_friction(pool, owner, walk, step, None, &friction("Na"))
            .await
            .is_err()
    );
    assert!(
        db::walkthrough::delete_friction(pool, owner, walk, fid)
            .await
            .is_err()
    );
    assert_eq!(app.count_own("count(*)", "friction").await, 1);
    assert!(
        db::walkthrough::finish(pool, owner, walk, &abandon)
            .await
            .is_err(),
        "finishing twice is refused"
    );
}
