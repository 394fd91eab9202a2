//! Crash safety: the real binary is killed with SIGKILL while a walker's steps are being saved,
//! then started again on the same files (SQLite) or database (PostgreSQL). Every save answered 200 before the kill must be there (or
//! a later save of the same answer that was in flight), and the server must start cleanly.

use crate::common::binary::{Place, SaveStream, save_number};
use crate::common::{EMPLOYEE, smtp::free_port};

/// Steps saved at once, each by its own task.
const STEPS: usize = 4;
/// Acknowledged saves before the kill: enough that it lands in a steady stream.
const SAVES_BEFORE_KILL: usize = 60;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_acknowledged_save_survives_a_sigkill_and_the_server_starts_again() {
    let dir = tempfile::tempdir().expect("dir");
    kill_in_a_stream_of_saves(&Place::new(dir.path())).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_postgresql_every_acknowledged_save_survives_a_sigkill_too() {
    let dir = tempfile::tempdir().expect("dir");
    kill_in_a_stream_of_saves(&Place::on_postgres(dir.path()).await).await;
}

/// Kills the server in a stream of saves, starts it again on the same database and evidence, and
/// finds every acknowledged save.
async fn kill_in_a_stream_of_saves(place: &Place) {
    let port = free_port();
    let server = place.serve(port, true, 1).await;
    let client = server.signed_in(EMPLOYEE).await;
    let (walk, steps) = server.start_walk(place, &client, STEPS).await;

    let stream = SaveStream::start(&server, &client, walk, &steps);
    stream.until_acknowledged(SAVES_BEFORE_KILL).await;
    server.kill();
    let last = stream.finish().await;

    // The same files, a new process: it must start as after a clean stop.
    let server = place.serve(port, true, 2).await;
    let db = place.db().await;
    if let Ok(sqlite) = db.sqlite() {
        let integrity: String = sqlx::query_scalar("pragma integrity_check")
            .fetch_one(sqlite)
            .await
            .expect("integrity check");
        assert_eq!(integrity, "ok");
    }
    for &(step, acknowledged) in &last {
        let stored: String = crate::common::sql::scalar(
            &db,
            "select happened from walkthrough_step where walkthrough_id = $1 and step_id = $2",
            &[walk.into(), step.into()],
        )
        .await;
        // A save in flight at the kill may have committed without its answer arriving: later is
        // fine, earlier than what was acknowledged is a lost save.
        assert!(
            save_number(&stored) >= acknowledged,
            "step {step}: save #{acknowledged} was acknowledged, the database holds {stored:?}"
        );
    }
    // The restarted server serves it: a new sign-in, and the walker's step shows the last text.
    let client = server.signed_in(EMPLOYEE).await;
    let html = server
        .page_ok(&client, &format!("/walkthroughs/{walk}/steps/1"))
        .await;
    assert!(
        html.contains(&format!("Opslag {} #", steps[0])),
        "the step shows its saved answer"
    );
    server.kill();
    let log = std::fs::read_to_string(place.dir.join("server-2.log")).expect("log");
    assert!(
        !log.contains("ERROR"),
        "the restarted server logged an error:\n{log}"
    );
}
