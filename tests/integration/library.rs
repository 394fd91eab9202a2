//! The library: demo data that tells a story, who sees which presentation (list, search, page,
//! server functions, evidence files), search and its filters, and keyset paging.

use crate::common;

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
    assert_eq!(app.count(&search_count(&app, "foto")).await, 1);
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

use klantenrijbewijs::db;
use reqwest::StatusCode;

const TEAMMATE: &str = "lotte.smit@dijkhuis.example";
const OTHER_TEAM: &str = "emma.devries@dijkhuis.example";

/// A presentation by `email` made from a fresh completed walkthrough, put in `status` with
/// `visibility`, presented at `presented_at` and indexed as the app does.
async fn presentation(
    app: &TestApp,
    email: &str,
    status: &str,
    visibility: &str,
    presented_at: chrono::DateTime<chrono::Utc>,
) -> (i64, CompletedWalk) {
    let pool = &app.state.pool;
    let walk = completed_walkthrough(app, email).await;
    let id = draft_presentation(app, &walk).await;
    crate::common::sql::exec(
        pool,
        "update presentation set status = $1, visibility = $2, presented_at = $3 where id = $4",
        &[
            status.into(),
            visibility.into(),
            presented_at.into(),
            id.into(),
        ],
    )
    .await;
    db::presentation::search::reindex(pool, id)
        .await
        .expect("reindex");
    (id, walk)
}

async fn get_as(app: &TestApp, client: &reqwest::Client, path: &str) -> StatusCode {
    client
        .get(format!("{}{path}", app.base))
        .header("accept", "text/html")
        .send()
        .await
        .expect("request")
        .status()
}

/// The ids the library lists for `client` with the form `query`.
async fn listed(
    app: &TestApp,
    client: &reqwest::Client,
    query: &[(&str, &str)],
) -> (Vec<i64>, Option<String>) {
    let a = app.call_as(client, "presentations/library", query).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    let v: serde_json::Value = serde_json::from_str(&a.body).expect("json");
    let ids = v["results"]["cards"]
        .as_array()
        .expect("cards")
        .iter()
        .map(|c| c["id"].as_i64().expect("id"))
        .collect();
    let next = v["results"]["next"].as_object().map(|n| {
        let at: chrono::DateTime<chrono::Utc> =
            serde_json::from_value(n["presented_at"].clone()).expect("time");
        klantenrijbewijs::domain::presentation::Cursor {
            presented_at: at,
            id: n["id"].as_i64().expect("id"),
        }
        .encode()
    });
    (ids, next)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn who_sees_which_presentation_in_list_search_page_functions_and_files() {
    let app = TestApp::spawn().await;
    let now = chrono::Utc::now();
    let (team_only, walk) = presentation(&app, EMPLOYEE, "presented", "team", now).await;
    let (org_wide, _) = presentation(
        &app,
        "yusuf.kaya@dijkhuis.example",
        "confirmed",
        "organisation",
        now,
    )
    .await;
    let (draft, _) = presentation(
        &app,
        "bram.willems@dijkhuis.example",
        "draft",
        "organisation",
        now,
    )
    .await;
    let (sent_back, _) = presentation(
        &app,
        "priya.ramdin@dijkhuis.example",
        "sent_back",
        "organisation",
        now,
    )
    .await;

    // A file on a step of the team-only presentation.
    let evidence = evidence_on(&app, walk.id, walk.person_id).await;

    let teammate = app.client_for(TEAMMATE).await;
    let other = app.client_for(OTHER_TEAM).await;
    let hr = app.client_for(HR).await;
    let reviewer = app.client_for(REVIEWER).await;

    let (ids, _) = listed(&app, &teammate, &[]).await;
    assert!(ids.contains(&team_only) && ids.contains(&org_wide));
    assert!(!ids.contains(&draft) && !ids.contains(&sent_back));
    let (ids, _) = listed(&app, &other, &[]).await;
    assert!(!ids.contains(&team_only), "other team sees a team-only one");
    assert!(ids.contains(&org_wide));
    let (ids, _) = listed(&app, &other, &[("q", "Formulier wist")]).await;
    assert!(!ids.contains(&team_only), "search leaks a team-only one");
    let (ids, _) = listed(&app, &teammate, &[("q", "Formulier wist")]).await;
    assert!(ids.contains(&team_only), "{ids:?}");
    let (ids, _) = listed(&app, &hr, &[]).await;
    assert!(ids.contains(&team_only) && ids.contains(&org_wide));

    // The page and every server function: 403 for the other team, for draft and sent back too.
    for (id, readers, outsiders) in [
        (team_only, vec![&teammate, &hr, &reviewer], vec![&other]),
        (draft, vec![&hr], vec![&other, &teammate]),
        (sent_back, vec![&hr], vec![&other, &teammate]),
        (org_wide, vec![&other, &teammate], vec![]),
    ] {
        let path = format!("/presentations/{id}");
        let sid = id.to_string();
        for c in &readers {
            assert_eq!(get_as(&app, c, &path).await, StatusCode::OK, "{path}");
            let a = app
                .call_as(c, "presentations/social", &[("id", &sid)])
                .await;
            assert_eq!(a.status, StatusCode::OK, "{}", a.body);
        }
        for c in &outsiders {
            assert_eq!(
                get_as(&app, c, &path).await,
                StatusCode::FORBIDDEN,
                "{path}"
            );
            for (endpoint, form) in [
                ("presentations/get", vec![("id", sid.as_str())]),
                ("presentations/social", vec![("id", sid.as_str())]),
                (
                    "presentations/comments/add",
                    vec![("presentation_id", sid.as_str()), ("body", "Hoi")],
                ),
                (
                    "presentations/recognise",
                    vec![("presentation_id", sid.as_str()), ("friction_id", "1")],
                ),
                (
                    "presentations/unrecognise",
                    vec![("presentation_id", sid.as_str()), ("friction_id", "1")],
                ),
            ] {
                let a = app.call_as(c, endpoint, &form).await;
                assert_eq!(
                    a.status,
                    StatusCode::FORBIDDEN,
                    "{endpoint} {id}: {}",
                    a.body
                );
            }
        }
    }

    // Evidence files: a reader of the presentation fetches them, an outsider does not.
    let file = format!("/evidence/{evidence}");
    let a = app
        .call_as(
            &teammate,
            "presentations/get",
            &[("id", &team_only.to_string())],
        )
        .await;
    assert!(a.body.contains("brief.pdf"), "not yet sensitive: shown");
    assert_eq!(get_as(&app, &teammate, &file).await, StatusCode::OK);
    assert_eq!(get_as(&app, &other, &file).await, StatusCode::FORBIDDEN);
    // Marked sensitive: colleagues no longer, the reviewer and HR still.
    app.exec(
        "insert into presentation_sensitive_evidence (presentation_id, evidence_id, created_at) values ($1, $2, $3)",
        &[team_only.into(), evidence.into(), now.into()],
    ).await;
    assert_eq!(get_as(&app, &teammate, &file).await, StatusCode::FORBIDDEN);
    assert_eq!(get_as(&app, &other, &file).await, StatusCode::FORBIDDEN);
    assert_eq!(get_as(&app, &reviewer, &file).await, StatusCode::OK);
    assert_eq!(get_as(&app, &hr, &file).await, StatusCode::OK);
    let a = app
        .call_as(
            &teammate,
            "presentations/get",
            &[("id", &team_only.to_string())],
        )
        .await;
    assert!(
        !a.body.contains("brief.pdf"),
        "sensitive evidence in the colleague's detail"
    );
    let a = app
        .call_as(
            &reviewer,
            "presentations/get",
            &[("id", &team_only.to_string())],
        )
        .await;
    assert!(
        a.body.contains("brief.pdf"),
        "the reviewer sees sensitive evidence"
    );
}

/// A stored PDF on the walkthrough's first step, written straight to disk and database.
async fn evidence_on(app: &TestApp, walkthrough_id: i64, person_id: i64) -> i64 {
    let name = format!("{:032x}.pdf", rand_name(walkthrough_id));
    std::fs::create_dir_all(&app.state.config.evidence_dir).expect("dir");
    std::fs::write(
        app.state.config.evidence_dir.join(&name),
        b"%PDF-1.4\n%%EOF\n",
    )
    .expect("file");
    let now = chrono::Utc::now();
    app.scalar(
        "insert into evidence (walkthrough_id, step_id, storage_name, content_type, byte_size, original_name,
                               created_by, created_at, updated_at)
         select $1, step_id, $2, 'application/pdf', 15, 'brief.pdf', $3, $4, $5
         from walkthrough_step where walkthrough_id = $6 order by id limit 1 returning id",
        &[
            walkthrough_id.into(),
            name.as_str().into(),
            person_id.into(),
            now.into(),
            now.into(),
            walkthrough_id.into(),
        ],
    )
    .await
}

fn rand_name(seed: i64) -> u128 {
    (u128::from(seed.unsigned_abs()) << 64) | u128::from(std::process::id())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_finds_words_without_diacritics_filters_and_never_errors_on_syntax() {
    let app = TestApp::spawn().await;
    let client = app.client_for(EMPLOYEE).await;
    // Every word must occur; the demo has one presentation about an app that gives up.
    let (ids, _) = listed(&app, &client, &[("q", "app die het opgeeft")]).await;
    assert_eq!(ids.len(), 1, "{ids:?}");
    // Diacritics: "Zoë" is no author in the library, but "opzeggen" / "opzeg" (prefix) is.
    let (prefix, _) = listed(&app, &client, &[("q", "opzeg")]).await;
    assert!(!prefix.is_empty());
    let now = chrono::Utc::now();
    let (id, _) = presentation(
        &app,
        "yusuf.kaya@dijkhuis.example",
        "confirmed",
        "organisation",
        now,
    )
    .await;
    app.exec(
        "update presentation set key_message = 'Één reünie met de financiële afdeling' where id = $1",
        &[id.into()],
    ).await;
    db::presentation::search::reindex(&app.state.pool, id)
        .await
        .expect("reindex");
    for q in ["reunie", "reünie", "FINANCIELE afdeling", "een"] {
        let (ids, _) = listed(&app, &client, &[("q", q)]).await;
        assert!(ids.contains(&id), "{q}: {ids:?}");
    }
    for q in [
        "\"",
        "*",
        "NEAR(",
        "a OR b",
        "\"reunie",
        "reunie*",
        "-x",
        "title:foto",
        "(",
        "AND",
        "'; drop table person; --",
    ] {
        let a = app
            .call_as(&client, "presentations/library", &[("q", q)])
            .await;
        assert_eq!(a.status, StatusCode::OK, "{q}: {}", a.body);
    }
    // Filters: severity and phase of included findings, year, department, journey.
    let (blockers, _) = listed(&app, &client, &[("severity", "blocker")]).await;
    assert!(blockers.contains(&id));
    let (ids, _) = listed(&app, &client, &[("year", "2025")]).await;
    assert_eq!(ids.len(), 1, "one demo presentation is from 2025");
    let department: i64 = app.scalar(
        "select t.department_id from person p join team t on t.id = p.team_id where p.email = 'yusuf.kaya@dijkhuis.example'",
        &[],
    ).await;
    let (ids, _) = listed(&app, &client, &[("department", &department.to_string())]).await;
    let in_department = app
        .count(&format!(
            "select count(*) from presentation pr join person p on p.id = pr.person_id
             join team t on t.id = p.team_id
             where t.department_id = {department} and pr.status in ('presented', 'confirmed')
               and (pr.visibility = 'organisation' or p.team_id = (select team_id from person where email = '{EMPLOYEE}'))"
        ))
        .await;
    assert!(ids.contains(&id) && in_department > 1, "{ids:?}");
    assert_eq!(ids.len() as i64, in_department);
    let family: i64 = app
        .scalar(
            "select j.family_id from journey j where j.title = 'Ik wil mijn verzekering opzeggen'",
            &[],
        )
        .await;
    let (ids, _) = listed(&app, &client, &[("journey", &family.to_string())]).await;
    assert_eq!(ids.len(), 1, "the demo's one opzeggen presentation");
    let (ids, _) = listed(&app, &client, &[("phase", "loyaliteit"), ("q", "reunie")]).await;
    let phase_has: i64 = app
        .count(&format!(
            "select count(*) from presentation_slide s join friction f on f.id = s.friction_id
             join journey_step js on js.id = f.step_id where s.presentation_id = {id} and s.included and js.phase = 'loyaliteit'"
        ))
        .await;
    assert_eq!(ids.contains(&id), phase_has > 0);
    // The page renders the filter form and the results.
    let page = get_as(&app, &client, "/presentations?q=foto&severity=blocker").await;
    assert_eq!(page, StatusCode::OK);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn keyset_paging_has_no_duplicates_or_gaps_with_equal_presented_at() {
    let app = TestApp::spawn().await;
    let same = chrono::Utc::now() - chrono::Duration::hours(1);
    let mut made = Vec::new();
    for _ in 0..23 {
        let (id, _) = presentation(&app, EMPLOYEE, "confirmed", "organisation", same).await;
        made.push(id);
    }
    let hr = app.client_for(HR).await;
    let mut seen = Vec::new();
    let mut after = String::new();
    loop {
        let (ids, next) = listed(&app, &hr, &[("after", &after)]).await;
        assert!(ids.len() <= 20);
        seen.extend(ids);
        match next {
            Some(n) => after = n,
            None => break,
        }
    }
    let total = app
        .count("select count(*) from presentation where status in ('presented', 'confirmed')")
        .await;
    assert_eq!(seen.len() as i64, total);
    let mut unique = seen.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), seen.len(), "duplicates across pages");
    // Newest first: the 23 made now come first, in descending id order.
    let mut expected = made.clone();
    expected.reverse();
    assert_eq!(seen[..23], expected[..]);
}

/// SQL counting the library's search rows that hold `word` (FTS5 on SQLite, tsvector on PostgreSQL).
pub fn search_count(app: &common::TestApp, word: &str) -> String {
    match app.state.pool.dialect() {
        db::Dialect::Sqlite => {
            format!(
                "select count(*) from presentation_search where presentation_search match '{word}'"
            )
        }
        db::Dialect::Postgres => format!(
            "select count(*) from presentation_search where document @@ to_tsquery('krb_search', '{word}')"
        ),
    }
}
