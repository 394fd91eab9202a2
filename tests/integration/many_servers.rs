//! Pages keep rendering while other servers start in the same process. Starting a server lists
//! the app's routes, which once suppressed every page's data loading process-wide: a page that
//! rendered at that moment waited forever (it made the other test files fail now and then).

use crate::common;

use common::*;
use reqwest::StatusCode;
use std::time::Duration;

/// How many servers start while the first one serves pages.
const STARTS: usize = 12;
/// Far above a page's render time, far below the client's own 30 s timeout.
const PAGE_LIMIT: Duration = Duration::from_secs(10);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_render_while_other_servers_start() {
    let app = TestApp::spawn().await;
    app.login_ok(EMPLOYEE).await;
    let starting = tokio::spawn(async {
        for _ in 0..STARTS {
            drop(TestApp::spawn_with(false).await);
        }
    });
    let mut pages = 0;
    while !starting.is_finished() {
        let page = tokio::time::timeout(PAGE_LIMIT, app.page("/"))
            .await
            .expect("the home page rendered while another server started");
        assert_eq!(page.status, StatusCode::OK);
        pages += 1;
    }
    starting.await.expect("servers started");
    assert!(pages > 0, "no page was loaded while servers started");
}
