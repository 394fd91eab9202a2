//! Organisation upkeep over HTTP: departments and teams renamed, merged (people and journey steps
//! move) and removed only when empty; names unique whatever their case and spaces; every action
//! audited; admins only; a plain form post without JavaScript keeps what was chosen.

use crate::common;

use common::{ADMIN, HR, TestApp, field_error};
use reqwest::StatusCode;

async fn team_id(app: &TestApp, name: &str) -> i64 {
    app.scalar("select id from team where name = $1", &[name.into()])
        .await
}

async fn department_id(app: &TestApp, name: &str) -> i64 {
    app.scalar("select id from department where name = $1", &[name.into()])
        .await
}

async fn org_events(app: &TestApp) -> i64 {
    app.count("select count(*) from audit_event where action = 'org_changed'")
        .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn names_are_unique_whatever_their_case_and_spaces() {
    let app = TestApp::spawn().await;
    app.login_ok(ADMIN).await;
    let a = app
        .call("org/department", &[("name", "  klantenSERVICE ")])
        .await;
    assert_eq!(
        field_error(&a.body, "department_name").as_deref(),
        Some("error-name-taken"),
        "{}",
        a.body
    );
    let schade = department_id(&app, "Schade & Inkomen").await.to_string();
    let a = app
        .call(
            "org/team",
            &[("department_id", &schade), ("name", "AUTOSCHADE")],
        )
        .await;
    assert_eq!(
        field_error(&a.body, "team_name").as_deref(),
        Some("error-name-taken")
    );
    // Renaming into another's name is the same field error.
    let target = format!(
        "department:{}",
        department_id(&app, "Digitale Kanalen").await
    );
    let a = app
        .call(
            "org/rename",
            &[
                ("rename_target", &target),
                ("rename_name", "bedrijfsvoering"),
            ],
        )
        .await;
    assert_eq!(
        field_error(&a.body, "rename_name").as_deref(),
        Some("error-name-taken")
    );
    assert_eq!(org_events(&app).await, 0);
    // A team of the same name in another department is fine.
    let a = app
        .call(
            "org/team",
            &[("department_id", &schade), ("name", "Klachten & Bezwaar")],
        )
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rename_merge_and_remove_with_audit_events() {
    let app = TestApp::spawn().await;
    app.login_ok(ADMIN).await;
    let auto = team_id(&app, "Autoschade").await;
    let a = app
        .call(
            "org/rename",
            &[
                ("rename_target", &format!("team:{auto}")),
                ("rename_name", "  Motorrijtuigen  "),
            ],
        )
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    assert_eq!(team_id(&app, "Motorrijtuigen").await, auto);

    // Merge "Schadebehandeling Particulier" into "Motorrijtuigen": its people and steps move.
    let from = team_id(&app, "Schadebehandeling Particulier").await;
    let people_before = app
        .count(&format!(
            "select count(*) from person where team_id in ({auto}, {from})"
        ))
        .await;
    let steps_before = app
        .count(&format!(
            "select count(*) from journey_step where team_id in ({auto}, {from})"
        ))
        .await;
    assert!(
        app.count(&format!(
            "select count(*) from person where team_id = {from}"
        ))
        .await
            > 0
    );
    let a = app
        .call(
            "org/merge",
            &[
                ("merge_source", &format!("team:{from}")),
                ("merge_into", &format!("team:{auto}")),
            ],
        )
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    assert_eq!(
        app.count(&format!("select count(*) from team where id = {from}"))
            .await,
        0
    );
    assert_eq!(
        app.count(&format!(
            "select count(*) from person where team_id = {auto}"
        ))
        .await,
        people_before
    );
    assert_eq!(
        app.count(&format!(
            "select count(*) from journey_step where team_id = {auto}"
        ))
        .await,
        steps_before
    );

    // Removing a team with people is refused with a translated reason; an empty one goes.
    let a = app
        .call("org/remove", &[("remove_target", &format!("team:{auto}"))])
        .await;
    assert_eq!(
        field_error(&a.body, "remove_target").as_deref(),
        Some("org-error-team-not-empty")
    );
    let schade = department_id(&app, "Schade & Inkomen").await;
    let a = app
        .call(
            "org/remove",
            &[("remove_target", &format!("department:{schade}"))],
        )
        .await;
    assert_eq!(
        field_error(&a.body, "remove_target").as_deref(),
        Some("org-error-department-not-empty")
    );
    let empty = app
        .call(
            "org/team",
            &[("department_id", &schade.to_string()), ("name", "Leeg")],
        )
        .await;
    let empty: i64 = serde_json::from_str(&empty.body).expect("id");
    let a = app
        .call("org/remove", &[("remove_target", &format!("team:{empty}"))])
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);

    // Merging a department: its teams move, one of the same name joins the existing team.
    let service = department_id(&app, "Klantenservice").await;
    app.call(
        "org/team",
        &[
            ("department_id", &schade.to_string()),
            ("name", "klachten & bezwaar"),
        ],
    )
    .await;
    let a = app
        .call(
            "org/merge",
            &[
                ("merge_source", &format!("department:{service}")),
                ("merge_into", &format!("department:{schade}")),
            ],
        )
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    assert_eq!(
        app.count(&format!(
            "select count(*) from team where department_id = {schade} and lower(name) = 'klachten & bezwaar'"
        ))
        .await,
        1
    );
    assert_eq!(
        app.count(&format!(
            "select count(*) from department where id = {service}"
        ))
        .await,
        0
    );
    // A team with a department is refused as a merge.
    let a = app
        .call(
            "org/merge",
            &[
                ("merge_source", &format!("team:{auto}")),
                ("merge_into", &format!("department:{schade}")),
            ],
        )
        .await;
    assert_eq!(
        field_error(&a.body, "merge_into").as_deref(),
        Some("org-error-merge-kind")
    );
    // rename, team merge, team removal, department merge
    assert_eq!(org_events(&app).await, 4);
    let kinds: Vec<String> = crate::common::sql::column(
        &app.state.pool,
        "select detail from audit_event where action = 'org_changed' order by id",
        &[],
    )
    .await;
    assert!(kinds[1].contains("\"moved\""), "{}", kinds[1]);
    assert!(
        kinds[0].contains("Schade & Inkomen / Motorrijtuigen"),
        "{}",
        kinds[0]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_admins_maintain_and_a_plain_post_keeps_the_choice() {
    let app = TestApp::spawn().await;
    let hr = app.client_for(HR).await;
    let auto = team_id(&app, "Autoschade").await;
    let a = app
        .call_as(
            &hr,
            "org/remove",
            &[("remove_target", &format!("team:{auto}"))],
        )
        .await;
    assert_eq!(a.status, StatusCode::FORBIDDEN);
    app.login_ok(ADMIN).await;
    let target = format!("team:{auto}");
    let a = app
        .plain_post(
            "org/remove",
            &[("remove_target", &target)],
            "/admin/organisation",
        )
        .await;
    assert!(a.status.is_redirection(), "{}", a.status);
    let back = a.headers["location"].to_str().expect("location").to_owned();
    let page = app.page(&back.replace(&app.base, "")).await;
    assert!(
        page.body.contains("In dit team zitten nog mensen"),
        "translated reason on the page"
    );
    assert!(
        page.body
            .contains(&format!("<option value=\"{target}\" selected")),
        "the choice is kept"
    );
}
