//! The employee import over HTTP: upload (multipart) → dry run (writes nothing) → apply (one
//! transaction, all or nothing, one audit event). Malformed rows, duplicates, unknown managers,
//! manager loops, BOM and semicolons, Dutch and English headers, 10,000 rows, leavers keep their
//! walkthroughs, and only HR and admins may do any of it.

use crate::common;

use common::{EMPLOYEE, HR, TestApp};
use reqwest::StatusCode;

const NL_HEADER: &str = "Personeelsnummer;Naam;E-mail;Afdeling;Team;E-mail leidinggevende;Actief";

/// Uploads `content`; returns the dry-run path the server sends the browser to.
/// Audit events of applied imports (the demo data has its licence decisions in the log).
const IMPORT_EVENTS: &str = "select count(*) from audit_event where action = 'import_applied'";

async fn upload(
    app: &TestApp,
    client: &reqwest::Client,
    content: &str,
    full: bool,
) -> reqwest::Response {
    let mut form = reqwest::multipart::Form::new();
    if full {
        form = form.text("full_export", "on");
    }
    let part = reqwest::multipart::Part::bytes(content.as_bytes().to_vec())
        .file_name("hr-export.csv")
        .mime_str("text/csv")
        .expect("mime");
    client
        .post(format!("{}/hr/import/upload", app.base))
        .multipart(form.part("file", part))
        .send()
        .await
        .expect("upload")
}

async fn dry_run(app: &TestApp, content: &str, full: bool) -> (String, serde_json::Value) {
    let res = upload(app, &app.client, content, full).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let location = res.headers()["location"]
        .to_str()
        .expect("location")
        .to_owned();
    let token = location.rsplit('/').next().expect("token").to_owned();
    let preview = app.call("import/preview", &[("token", &token)]).await;
    assert_eq!(preview.status, StatusCode::OK, "{}", preview.body);
    (token, serde_json::from_str(&preview.body).expect("json"))
}

fn error_keys(preview: &serde_json::Value) -> Vec<(i64, String)> {
    preview["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .map(|e| {
            (
                e["line"].as_i64().unwrap_or(-1),
                e["key"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bad_file_shows_every_row_error_with_its_line_and_writes_nothing() {
    let app = TestApp::spawn().await;
    app.login_ok(HR).await;
    let before = app.count("select count(*) from person").await;
    let file = format!(
        "\u{feff}{NL_HEADER}\r\n\
         N-1;Anna Nieuw;anna.nieuw@dijkhuis.example;Schade & Inkomen;Autoschade;;ja\r\n\
         N-2;Bas Nieuw;geen-email;Schade & Inkomen;Autoschade;;ja\r\n\
         N-3;Cor Nieuw;anna.nieuw@dijkhuis.example;;;;ja\r\n\
         N-1;Dirk Nieuw;dirk.nieuw@dijkhuis.example;;;;ja\r\n\
         N-5;Eva Nieuw;eva.nieuw@dijkhuis.example;;;onbekend@dijkhuis.example;ja\r\n\
         N-6;Fien Nieuw;fien.nieuw@dijkhuis.example;;;gijs.nieuw@dijkhuis.example;ja\r\n\
         N-7;Gijs Nieuw;gijs.nieuw@dijkhuis.example;;;fien.nieuw@dijkhuis.example;ja\r\n\
         N-8;Hans Nieuw;hans.nieuw@dijkhuis.example;;;;misschien\r\n"
    );
    let (token, preview) = dry_run(&app, &file, false).await;
    let keys = error_keys(&preview);
    for expected in [
        (3, "import-error-email"),
        (4, "import-error-duplicate-email"),
        (5, "import-error-duplicate-number"),
        (6, "import-error-unknown-manager"),
        (7, "import-error-manager-loop"),
        (8, "import-error-manager-loop"),
        (9, "import-error-active"),
    ] {
        assert!(
            keys.contains(&(expected.0, expected.1.to_owned())),
            "{expected:?} in {keys:?}"
        );
    }
    assert_eq!(preview["created"], 1);
    // The page shows the errors with their lines.
    let page = app.page(&format!("/hr/import/{token}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("Ongeldig e-mailadres."),
        "translated error"
    );
    assert!(page.body.contains("Leidinggevenden vormen een kring."));
    // Applying is refused while there are errors; nothing was written.
    let apply = app.call("import/apply", &[("token", &token)]).await;
    assert_eq!(
        apply.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        apply.body
    );
    assert_eq!(app.count("select count(*) from person").await, before);
    assert_eq!(app.count(IMPORT_EVENTS).await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn english_headers_and_commas_create_update_and_audit() {
    let app = TestApp::spawn().await;
    app.login_ok(HR).await;
    let daan_number: String = app
        .scalar(
            "select employee_number from person where email = $1",
            &[EMPLOYEE.into()],
        )
        .await;
    let file = format!(
        "Employee number,Full name,Email,Department,Team,Manager e-mail,Active\n\
         E-1,Nora Nieuw,nora@dijkhuis.example,Nieuwe Afdeling,Team Nieuw,,yes\n\
         E-2,Olaf Nieuw,olaf@dijkhuis.example,Nieuwe Afdeling,Team Nieuw,nora@dijkhuis.example,yes\n\
         {daan_number},Daan Bakker,{EMPLOYEE},Nieuwe Afdeling,Team Nieuw,nora@dijkhuis.example,yes\n"
    );
    let (token, preview) = dry_run(&app, &file, false).await;
    assert_eq!(error_keys(&preview), vec![]);
    assert_eq!(preview["created"], 2);
    assert_eq!(preview["updated"], 1);
    assert_eq!(preview["new_departments"][0], "Nieuwe Afdeling");
    // Nothing written by the dry run.
    assert_eq!(
        app.count("select count(*) from person where email = 'nora@dijkhuis.example'")
            .await,
        0
    );
    let applied = app.call("import/apply", &[("token", &token)]).await;
    assert_eq!(applied.status, StatusCode::OK, "{}", applied.body);
    let nora = app.person_id("nora@dijkhuis.example").await;
    let manager: Option<i64> = app
        .scalar(
            "select manager_id from person where email = $1",
            &[EMPLOYEE.into()],
        )
        .await;
    assert_eq!(manager, Some(nora));
    assert_eq!(
        app.count("select count(*) from department where name = 'Nieuwe Afdeling'")
            .await,
        1
    );
    let detail: String = app
        .scalar(
            "select detail from audit_event where action = 'import_applied'",
            &[],
        )
        .await;
    let detail: serde_json::Value = serde_json::from_str(&detail).expect("json");
    assert_eq!(detail["created"], 2);
    assert_eq!(detail["file"], "hr-export.csv");
    // The token is used up.
    assert_eq!(
        app.call("import/apply", &[("token", &token)]).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn apply_is_all_or_nothing_when_the_database_changed_since_the_dry_run() {
    let app = TestApp::spawn().await;
    app.login_ok(HR).await;
    let file = format!(
        "{NL_HEADER}\nX-1;Piet Nieuw;piet@dijkhuis.example;;;;ja\nX-2;Roos Nieuw;roos@dijkhuis.example;;;piet@dijkhuis.example;ja\n"
    );
    let (token, preview) = dry_run(&app, &file, false).await;
    assert_eq!(preview["created"], 2);
    // Meanwhile Daan gets roos's e-mail address and a colleague her employee number: row 3 now
    // names two different people.
    app.exec(
        "update person set email = 'roos@dijkhuis.example' where email = $1",
        &[EMPLOYEE.into()],
    )
    .await;
    app.exec(
        "update person set employee_number = 'X-2' where email = $1",
        &[common::REVIEWER.into()],
    )
    .await;
    let before = app.count("select count(*) from person").await;
    let apply = app.call("import/apply", &[("token", &token)]).await;
    assert_eq!(
        apply.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        apply.body
    );
    assert_eq!(
        app.count("select count(*) from person").await,
        before,
        "piet not written either"
    );
    assert_eq!(app.count(IMPORT_EVENTS).await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_export_deactivates_leavers_who_keep_their_walkthroughs() {
    let app = TestApp::spawn().await;
    let walk = common::completed_walkthrough(&app, EMPLOYEE).await;
    app.login_ok(HR).await;
    // Everyone but Daan, as the HR system has them.
    let rows: Vec<(String, String, String, bool)> = app
        .rows(
            "select employee_number, name, email, active from person where email <> $1 order by id",
            &[EMPLOYEE.into()],
        )
        .await;
    let mut file = String::from("\u{feff}personeelsnummer;naam;e-mail;actief\n");
    for (number, name, email, active) in rows {
        file.push_str(&format!(
            "{number};{name};{email};{}\n",
            if active { "ja" } else { "nee" }
        ));
    }
    let (token, preview) = dry_run(&app, &file, true).await;
    assert_eq!(error_keys(&preview), vec![]);
    assert_eq!(preview["deactivated"], 1);
    assert_eq!(preview["deactivations"][0]["email"], EMPLOYEE);
    let applied = app.call("import/apply", &[("token", &token)]).await;
    assert_eq!(applied.status, StatusCode::OK, "{}", applied.body);
    let active: bool = app
        .scalar(
            "select active from person where email = $1",
            &[EMPLOYEE.into()],
        )
        .await;
    assert!(!active);
    assert_eq!(
        app.count(&format!(
            "select count(*) from walkthrough where id = {}",
            walk.id
        ))
        .await,
        1,
        "history stays"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ten_thousand_rows_dry_run_and_apply() {
    let app = TestApp::spawn().await;
    app.login_ok(HR).await;
    let mut file = format!("{NL_HEADER}\n");
    for n in 1..=10_000 {
        let manager = if n == 1 {
            String::new()
        } else {
            format!("m{:05}@groot.example", (n - 1) / 10 + 1)
        };
        file.push_str(&format!(
            "G-{n};Medewerker {n};m{n:05}@groot.example;Afdeling {};Team {};{manager};ja\n",
            n % 7,
            n % 40
        ));
    }
    let (token, preview) = dry_run(&app, &file, false).await;
    assert_eq!(preview["error_count"], 0);
    assert_eq!(preview["created"], 10_000);
    assert!(
        preview["creates"].as_array().map_or(0, Vec::len) <= 200,
        "the page lists a few hundred at most"
    );
    let applied = app.call("import/apply", &[("token", &token)]).await;
    assert_eq!(applied.status, StatusCode::OK, "{}", applied.body);
    assert_eq!(
        app.count("select count(*) from person where email like '%@groot.example'")
            .await,
        10_000
    );
    assert_eq!(
        app.count(
            "select count(*) from person where email like '%@groot.example' and manager_id is null"
        )
        .await,
        1
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_hr_and_admins_may_import() {
    let app = TestApp::spawn().await;
    let hr = app.client_for(HR).await;
    let res = upload(
        &app,
        &hr,
        &format!("{NL_HEADER}\nZ-1;Zus Nieuw;zus@dijkhuis.example;;;;ja\n"),
        false,
    )
    .await;
    let token = res.headers()["location"]
        .to_str()
        .expect("location")
        .rsplit('/')
        .next()
        .expect("token")
        .to_owned();
    let employee = app.client_for(EMPLOYEE).await;
    let refused = upload(&app, &employee, "x", false).await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        app.call_as(&employee, "import/preview", &[("token", &token)])
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.call_as(&employee, "import/apply", &[("token", &token)])
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let page = employee
        .get(format!("{}/hr/import", app.base))
        .send()
        .await
        .expect("page");
    assert_eq!(page.status(), StatusCode::FORBIDDEN);
    // Another HR person cannot use someone else's upload.
    let other = app.client_for("pieter.degroot@dijkhuis.example").await;
    assert_eq!(
        app.call_as(&other, "import/preview", &[("token", &token)])
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let anonymous = upload(&app, &TestApp::new_client(), "x", false).await;
    assert_eq!(anonymous.status(), StatusCode::FOUND);
    assert_eq!(
        app.count("select count(*) from person where email = 'zus@dijkhuis.example'")
            .await,
        0
    );
}
