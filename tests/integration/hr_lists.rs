//! The long lists at company size: the people list and the readable walkthroughs are paged on
//! the server (every row exactly once over the pages), filtered on the server, page links work
//! without JavaScript, the people export writes the current filter as CSV, and authorization is
//! unchanged.

use crate::common;

use common::{EMPLOYEE, HR, REVIEWER, TestApp};
use reqwest::StatusCode;
use std::collections::HashSet;

fn page_of(body: &str) -> serde_json::Value {
    serde_json::from_str(body).expect("json page")
}

fn ids(page: &serde_json::Value) -> Vec<i64> {
    page["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|p| p["id"].as_i64().expect("id"))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn people_pages_cover_every_person_exactly_once() {
    let app = TestApp::spawn().await;
    klantenrijbewijs::demo::scale::grow_people(&app.state.pool, 130)
        .await
        .expect("grow");
    let all = app.count("select count(*) from person").await;
    assert!(all > 150, "{all}");
    app.login_ok(HR).await;
    let mut seen = HashSet::new();
    let mut page = 1;
    loop {
        let p = page.to_string();
        let answer = app.call("people/list", &[("page", p.as_str())]).await;
        assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
        let body = page_of(&answer.body);
        assert_eq!(body["total"], all);
        let got = ids(&body);
        assert!(got.len() <= 50, "at most one page of rows");
        for id in got {
            assert!(seen.insert(id), "person {id} on two pages");
        }
        if seen.len() as i64 >= all {
            break;
        }
        page += 1;
        assert!(page < 10, "paging does not end");
    }
    assert_eq!(seen.len() as i64, all);
    assert!(page > 1, "more than one page");
    // Past the end: an empty page, not an error.
    let beyond = app.call("people/list", &[("page", "999")]).await;
    assert_eq!(ids(&page_of(&beyond.body)).len(), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn people_filters_by_department_and_the_page_links_keep_the_filter() {
    let app = TestApp::spawn().await;
    klantenrijbewijs::demo::scale::grow_people(&app.state.pool, 130)
        .await
        .expect("grow");
    app.login_ok(HR).await;
    let department: i64 = app
        .scalar(
            "select id from department where name = 'Klantenservice'",
            &[],
        )
        .await;
    let expected = app
        .count(&format!(
            "select count(*) from person p join team t on t.id = p.team_id where t.department_id = {department} and p.active"
        ))
        .await;
    let d = department.to_string();
    let answer = app
        .call("people/list", &[("department", &d), ("status", "active")])
        .await;
    assert_eq!(page_of(&answer.body)["total"], expected);
    let none = app.call("people/list", &[("query", "zzzz-niemand")]).await;
    assert_eq!(page_of(&none.body)["total"], 0);

    // The server-rendered page shows 50 rows and a plain link to the next page with the filter.
    let html = app.page("/hr/people?status=active").await;
    assert_eq!(html.status, StatusCode::OK);
    let doc = scraper::Html::parse_document(&html.body);
    let rows = scraper::Selector::parse("table tbody tr").expect("selector");
    assert_eq!(doc.select(&rows).count(), 50);
    let next = scraper::Selector::parse("a[rel=next]").expect("selector");
    let href = doc
        .select(&next)
        .next()
        .and_then(|a| a.value().attr("href"))
        .expect("a next link");
    assert_eq!(href, "/hr/people?status=active&page=2");
    let second = app.page(href).await;
    assert_eq!(second.status, StatusCode::OK);
    assert!(second.body.contains("rel=\"prev\""), "a previous link");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_people_export_is_the_current_filter_as_csv_with_formulas_neutralised() {
    let app = TestApp::spawn().await;
    app.exec(
        "update person set name = '=HYPERLINK(\"x\")' where email = $1",
        &[EMPLOYEE.into()],
    )
    .await;
    app.login_ok(HR).await;
    let res = app
        .client
        .get(format!("{}/hr/people/export.csv?status=active", app.base))
        .send()
        .await
        .expect("export");
    assert_eq!(res.status(), StatusCode::OK);
    assert!(
        res.headers()["content-type"]
            .to_str()
            .unwrap_or_default()
            .starts_with("text/csv")
    );
    let bytes = res.bytes().await.expect("body");
    assert!(bytes.starts_with("\u{feff}".as_bytes()), "UTF-8 BOM");
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(&bytes[3..]);
    let header = reader.headers().expect("header").clone();
    assert_eq!(&header[0], "Personeelsnummer");
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    let active = app.count("select count(*) from person where active").await;
    assert_eq!(rows.len() as i64, active);
    assert!(
        rows.iter().any(|r| &r[1] == "'=HYPERLINK(\"x\")"),
        "neutralised"
    );
    assert!(rows.iter().all(|r| &r[6] == "ja"), "only active people");

    // Commas on request.
    let comma = app
        .client
        .get(format!(
            "{}/hr/people/export.csv?sep=comma&q=bakker",
            app.base
        ))
        .send()
        .await
        .expect("export")
        .bytes()
        .await
        .expect("body");
    let mut reader = csv::ReaderBuilder::new().from_reader(&comma[3..]);
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    assert_eq!(rows.len(), 1);
    assert_eq!(&rows[0][2], EMPLOYEE);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lists_and_export_stay_closed_to_others() {
    let app = TestApp::spawn().await;
    let anonymous = app.page("/hr/people/export.csv").await;
    assert_eq!(anonymous.status, StatusCode::FOUND);
    assert!(
        anonymous.headers["location"]
            .to_str()
            .unwrap_or_default()
            .starts_with("/login?next=")
    );
    app.login_ok(EMPLOYEE).await;
    assert_eq!(
        app.page("/hr/people/export.csv").await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.page("/hr/audit/export.csv").await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.call("people/list", &[]).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.call("walk/readable", &[]).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(app.page("/hr/people").await.status, StatusCode::FORBIDDEN);
    let reviewer = app.client_for(REVIEWER).await;
    assert_eq!(
        app.call_as(&reviewer, "people/list", &[]).await.status,
        StatusCode::FORBIDDEN
    );
}

/// Inserts `n` completed walkthroughs of the first live journey, one per grown employee.
async fn many_walkthroughs(app: &TestApp, n: usize) {
    let people = klantenrijbewijs::demo::scale::grow_people(&app.state.pool, n)
        .await
        .expect("grow");
    let journey: i64 = app
        .scalar("select min(id) from journey where status = 'live'", &[])
        .await;
    for (i, email) in people.iter().enumerate() {
        let year = if i % 2 == 0 { 2025 } else { 2026 };
        app.exec(
            "insert into walkthrough (person_id, journey_id, cycle_year, status, started_at, finished_at, created_at, updated_at)
             select id, $1, $2, 'completed', '2026-01-01T10:00:00Z', '2026-01-01T11:00:00Z', '2026-01-01T10:00:00Z', '2026-01-01T10:00:00Z'
             from person where email = $3",
            &[journey.into(), year.into(), email.into()],
        ).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn readable_walkthroughs_are_paged_and_filtered_on_the_server() {
    let app = TestApp::spawn().await;
    many_walkthroughs(&app, 120).await;
    let hr_id = app.person_id(HR).await;
    let all = app
        .count(&format!(
            "select count(*) from walkthrough where person_id <> {hr_id}"
        ))
        .await;
    assert!(all > 100);
    app.login_ok(HR).await;
    let mut seen = HashSet::new();
    for page in 1..=5 {
        let p = page.to_string();
        let body = page_of(
            &app.call("walk/readable", &[("page", p.as_str())])
                .await
                .body,
        );
        assert_eq!(body["total"], all);
        for id in ids(&body) {
            assert!(seen.insert(id), "walkthrough {id} on two pages");
        }
    }
    assert_eq!(seen.len() as i64, all);

    let in_2025 = app
        .count(&format!(
            "select count(*) from walkthrough where person_id <> {hr_id} and cycle_year = 2025 and status = 'completed'"
        ))
        .await;
    let filtered = page_of(
        &app.call(
            "walk/readable",
            &[("year", "2025"), ("status", "completed")],
        )
        .await
        .body,
    );
    assert_eq!(filtered["total"], in_2025);
    let by_name = page_of(&app.call("walk/readable", &[("q", "medewerker")]).await.body);
    // Names of grown employees do not contain the word; journey titles do not either.
    assert_eq!(by_name["total"], 0);
    let by_journey = page_of(
        &app.call("walk/readable", &[("q", "auto verzekeren")])
            .await
            .body,
    );
    assert!(by_journey["total"].as_i64().unwrap_or_default() > 0);

    // A reviewer still sees only their own reports.
    let reviewer = app.client_for(REVIEWER).await;
    let reviewer_id = app.person_id(REVIEWER).await;
    let theirs = app
        .count(&format!(
            "select count(*) from walkthrough w join person p on p.id = w.person_id where p.manager_id = {reviewer_id} and w.person_id <> {reviewer_id}"
        ))
        .await;
    let page = page_of(&app.call_as(&reviewer, "walk/readable", &[]).await.body);
    assert_eq!(page["total"], theirs);
    let html = app.page("/walkthroughs?status=completed").await;
    assert_eq!(html.status, StatusCode::OK);
    assert!(html.body.contains("page=2"), "a link to the next page");
}
