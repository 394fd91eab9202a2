//! The audit log: role changes are recorded with before and after in the same transaction, HR
//! and admins read and filter it (page and CSV), employees cannot, and nobody can change or
//! delete an event — not even through the database pool (triggers).

use crate::common;

use common::{ADMIN, EMPLOYEE, HR, TestApp};
use reqwest::StatusCode;

/// The person form of Daan with the given roles ticked.
async fn daan_form(app: &TestApp, roles: &[&'static str]) -> Vec<(&'static str, String)> {
    let (name, email, number): (String, String, String) = crate::common::sql::row(
        &app.state.pool,
        "select name, email, employee_number from person where email = $1",
        &[EMPLOYEE.into()],
    )
    .await;
    let mut form = vec![
        ("form[name]", name),
        ("form[email]", email),
        ("form[employee_number]", number),
        ("form[active]", "on".to_owned()),
    ];
    for role in roles {
        form.push((role, "on".to_owned()));
    }
    form
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn role_changes_are_recorded_and_readable_by_hr() {
    let app = TestApp::spawn().await;
    app.login_ok(ADMIN).await;
    let daan = app.person_id(EMPLOYEE).await;
    let form = daan_form(&app, &["form[role_employee]", "form[role_reviewer]"]).await;
    let mut fields: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let id = daan.to_string();
    fields.push(("id", &id));
    let saved = app.call("people/update", &fields).await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    // Saving again without a change records nothing more.
    assert_eq!(
        app.call("people/update", &fields).await.status,
        StatusCode::OK
    );
    let rows: Vec<(String, Option<i64>, String)> = app.rows(
        "select action, subject_person_id, detail from audit_event where action = 'role_changed'",
        &[],
    ).await;
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0].0, "role_changed");
    assert_eq!(rows[0].1, Some(daan));
    let detail: serde_json::Value = serde_json::from_str(&rows[0].2).expect("json");
    assert_eq!(detail["before"], serde_json::json!(["employee"]));
    assert_eq!(detail["after"], serde_json::json!(["employee", "reviewer"]));

    let hr = app.client_for(HR).await;
    let list = app
        .call_as(
            &hr,
            "audit/list",
            &[("action", "role_changed"), ("subject", "bakker")],
        )
        .await;
    assert_eq!(list.status, StatusCode::OK);
    let page: serde_json::Value = serde_json::from_str(&list.body).expect("json");
    assert_eq!(page["entries"].as_array().map(Vec::len), Some(1));
    assert_eq!(page["entries"][0]["actor_name"], "Sanne Visser");
    let none = app.call_as(&hr, "audit/list", &[("action", "nudge")]).await;
    let none: serde_json::Value = serde_json::from_str(&none.body).expect("json");
    assert_eq!(none["entries"].as_array().map(Vec::len), Some(0));
    let html = hr
        .get(format!("{}/hr/audit", app.base))
        .send()
        .await
        .expect("page");
    assert_eq!(html.status(), StatusCode::OK);
    let body = html.text().await.expect("body");
    // The roles before and after in words, not the stored JSON.
    assert!(
        body.contains("Rollen gewijzigd") && body.contains("Beoordelaar (teamleider)"),
        "readable detail"
    );
    assert!(
        !body.contains("[\"employee\"") && !body.contains("&quot;reviewer&quot;"),
        "no JSON in the page"
    );
    let csv = hr
        .get(format!(
            "{}/hr/audit/export.csv?action=role_changed",
            app.base
        ))
        .send()
        .await
        .expect("export")
        .bytes()
        .await
        .expect("body");
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(&csv[3..]);
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    assert_eq!(rows.len(), 1);
    assert_eq!(&rows[0][1], "Rollen gewijzigd");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_audit_log_pages_newest_first_by_keyset() {
    let app = TestApp::spawn().await;
    for n in 0..120 {
        klantenrijbewijs::db::audit::record(
            &app.state.pool,
            None,
            klantenrijbewijs::db::audit::AuditAction::Nudge,
            None,
            &serde_json::json!({ "n": n }),
        )
        .await
        .expect("record");
    }
    app.login_ok(HR).await;
    let mut seen = Vec::new();
    let mut after = String::new();
    loop {
        // The 120 nudges (the demo data's licence decisions are in the log too).
        let page = app
            .call(
                "audit/list",
                &[("action", "nudge"), ("after", after.as_str())],
            )
            .await;
        let page: serde_json::Value = serde_json::from_str(&page.body).expect("json");
        for e in page["entries"].as_array().expect("entries") {
            seen.push(e["id"].as_i64().expect("id"));
        }
        match page["next"].as_object() {
            Some(next) => {
                after = format!(
                    "{}_{}",
                    next["id"],
                    next["created_at"].as_str().unwrap_or_default()
                );
            }
            None => break,
        }
    }
    assert_eq!(seen.len(), 120);
    let mut sorted = seen.clone();
    sorted.sort_unstable_by(|a, b| b.cmp(a));
    assert_eq!(seen, sorted, "newest first, each once");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn events_cannot_be_changed_or_deleted_and_employees_cannot_read_them() {
    let app = TestApp::spawn().await;
    klantenrijbewijs::db::audit::record(
        &app.state.pool,
        None,
        klantenrijbewijs::db::audit::AuditAction::SettingsChanged,
        None,
        &serde_json::json!({}),
    )
    .await
    .expect("record");
    let update = crate::common::sql::try_exec(
        &app.state.pool,
        "update audit_event set action = 'nudge'",
        &[],
    )
    .await;
    assert!(update.is_err(), "update refused");
    let delete =
        crate::common::sql::try_exec(&app.state.pool, "delete from audit_event", &[]).await;
    assert!(delete.is_err(), "delete refused");
    assert_eq!(
        app.count("select count(*) from audit_event where action = 'settings_changed'")
            .await,
        1
    );
    app.login_ok(EMPLOYEE).await;
    assert_eq!(
        app.call("audit/list", &[]).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(app.page("/hr/audit").await.status, StatusCode::FORBIDDEN);
}
