//! The import never locks anyone out and sets up roles: a full export without the administrator
//! (uploaded by that admin or by HR) keeps them active; the last active administrator cannot be
//! deactivated by hand either (db layer, and two admins deactivating each other over HTTP held
//! at the write lock so only the rule inside the statement can decide); the Roles column the
//! export writes is read back; managers become reviewers unless the upload form says otherwise;
//! realistic HR headers; `create-admin` restores an existing, deactivated person.

use crate::common;

use common::{ADMIN, DEMO_PASSWORD, EMPLOYEE, HR, TestApp};
use reqwest::StatusCode;

/// Uploads `content` with the form's checkboxes; returns the token and the dry run.
async fn dry_run(
    app: &TestApp,
    client: &reqwest::Client,
    content: &str,
    full: bool,
    managers_review: bool,
) -> (String, serde_json::Value) {
    let mut form = reqwest::multipart::Form::new().text("managers_review_sent", "1");
    if full {
        form = form.text("full_export", "on");
    }
    if managers_review {
        form = form.text("managers_review", "on");
    }
    let part = reqwest::multipart::Part::bytes(content.as_bytes().to_vec())
        .file_name("hr.csv")
        .mime_str("text/csv")
        .expect("mime");
    let res = client
        .post(format!("{}/hr/import/upload", app.base))
        .multipart(form.part("file", part))
        .send()
        .await
        .expect("upload");
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let token = res.headers()["location"]
        .to_str()
        .expect("location")
        .rsplit('/')
        .next()
        .expect("token")
        .to_owned();
    let preview = app
        .call_as(client, "import/preview", &[("token", &token)])
        .await;
    assert_eq!(preview.status, StatusCode::OK, "{}", preview.body);
    (token, serde_json::from_str(&preview.body).expect("json"))
}

/// The people export as `client` downloads it, without the people of `leave_out` (e-mails).
async fn export_without(app: &TestApp, client: &reqwest::Client, leave_out: &[&str]) -> String {
    let text = client
        .get(format!("{}/hr/people/export.csv", app.base))
        .send()
        .await
        .expect("export")
        .text()
        .await
        .expect("body");
    text.split("\r\n")
        .filter(|line| !leave_out.contains(&line.split(';').nth(2).unwrap_or_default()))
        .collect::<Vec<_>>()
        .join("\r\n")
}

async fn active(app: &TestApp, email: &str) -> bool {
    app.scalar(
        "select active from person where email = $1",
        &[email.into()],
    )
    .await
}

async fn roles(app: &TestApp, email: &str) -> Vec<String> {
    crate::common::sql::column(
        &app.state.pool,
        "select r.role from person_role r join person p on p.id = r.person_id
         where p.email = $1 order by r.role",
        &[email.into()],
    )
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_export_by_an_admin_who_is_not_in_the_file_applies_and_keeps_them() {
    let app = TestApp::spawn().await;
    let admin = app.client_for(ADMIN).await;
    let file = export_without(&app, &admin, &[ADMIN, EMPLOYEE]).await;
    let (token, preview) = dry_run(&app, &admin, &file, true, true).await;
    assert_eq!(preview["error_count"], 0, "{}", preview["errors"]);
    assert_eq!(preview["kept"][0]["email"], ADMIN);
    assert_eq!(preview["kept"][0]["note"], "import-kept-self");
    let leavers: Vec<&str> = preview["deactivations"]
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|p| p["email"].as_str())
        .collect();
    assert_eq!(leavers, vec![EMPLOYEE]);
    let page = app
        .call_as(&admin, "import/apply", &[("token", &token)])
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(active(&app, ADMIN).await);
    assert!(!active(&app, EMPLOYEE).await);
    // The export's own roles came back unchanged: the admin is still an admin.
    assert!(roles(&app, ADMIN).await.contains(&"admin".to_owned()));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hr_s_full_export_without_the_admin_keeps_the_admin_active() {
    let app = TestApp::spawn().await;
    let hr = app.client_for(HR).await;
    let file = export_without(&app, &hr, &[ADMIN, HR]).await;
    let (token, preview) = dry_run(&app, &hr, &file, true, true).await;
    assert_eq!(preview["error_count"], 0, "{}", preview["errors"]);
    let mut kept: Vec<(String, String)> = preview["kept"]
        .as_array()
        .expect("kept")
        .iter()
        .map(|p| (p["email"].to_string(), p["note"].to_string()))
        .collect();
    kept.sort();
    assert_eq!(
        kept,
        vec![
            (format!("\"{HR}\""), "\"import-kept-self\"".to_owned()),
            (format!("\"{ADMIN}\""), "\"import-kept-admin\"".to_owned()),
        ]
    );
    assert!(
        !preview["deactivations"].to_string().contains(ADMIN),
        "the admin is not under 'Wordt op inactief gezet'"
    );
    // The dry run page says why, in Dutch.
    let page = hr
        .get(format!("{}/hr/import/{token}", app.base))
        .header("accept", "text/html")
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("body");
    assert!(page.contains("Blijft actief: beheerder"), "kept note shown");
    let applied = app.call_as(&hr, "import/apply", &[("token", &token)]).await;
    assert_eq!(applied.status, StatusCode::OK, "{}", applied.body);
    assert!(active(&app, ADMIN).await);
    assert!(active(&app, HR).await);
    // Still signed in and able to work.
    assert_eq!(
        app.call_as(
            &app.client_for(ADMIN).await,
            "people/list",
            &[("query", ""), ("team", ""), ("status", "")]
        )
        .await
        .status,
        StatusCode::OK
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_roles_column_is_honoured_but_never_gives_or_takes_admin() {
    let app = TestApp::spawn().await;
    let hr = app.client_for(HR).await;
    let daan: (String, String) = crate::common::sql::row(
        &app.state.pool,
        "select employee_number, name from person where email = $1",
        &[EMPLOYEE.into()],
    )
    .await;
    let file = format!(
        "Personeelsnummer;Naam;E-mail;Rollen\r\n\
         {};{};{EMPLOYEE};Medewerker, HR, Beheerder\r\n\
         R-1;Rita Nieuw;rita@dijkhuis.example;Employee, Reviewer (team lead)\r\n\
         R-2;Ruud Nieuw;ruud@dijkhuis.example;\r\n\
         DV-1001;Sanne Visser;{ADMIN};Medewerker\r\n",
        daan.0, daan.1
    );
    let (token, preview) = dry_run(&app, &hr, &file, false, true).await;
    assert_eq!(preview["error_count"], 0, "{}", preview["errors"]);
    let applied = app.call_as(&hr, "import/apply", &[("token", &token)]).await;
    assert_eq!(applied.status, StatusCode::OK, "{}", applied.body);
    assert_eq!(roles(&app, EMPLOYEE).await, vec!["employee", "hr"]);
    assert_eq!(
        roles(&app, "rita@dijkhuis.example").await,
        vec!["employee", "reviewer"]
    );
    assert_eq!(roles(&app, "ruud@dijkhuis.example").await, vec!["employee"]);
    assert!(roles(&app, ADMIN).await.contains(&"admin".to_owned()));
    // An unknown role is a row error naming it.
    let (_, bad) = dry_run(
        &app,
        &hr,
        "Personeelsnummer;Naam;E-mail;Rollen\r\nR-3;Rob Nieuw;rob@dijkhuis.example;Koning\r\n",
        false,
        true,
    )
    .await;
    assert_eq!(bad["errors"][0]["key"], "import-error-role");
    assert_eq!(bad["errors"][0]["value"], "Koning");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn managers_become_reviewers_unless_the_form_says_not_to() {
    let app = TestApp::spawn().await;
    let hr = app.client_for(HR).await;
    // A realistic HR export: BOM, semicolons, name parts, business e-mail.
    let file = "\u{feff}Personeelsnummer;Voornaam;Tussenvoegsel;Achternaam;Zakelijk e-mailadres;Afdeling;Team;E-mail leidinggevende\r\n\
                M-1;Jan;van der;Berg;jan.berg@dijkhuis.example;Service;Team Noord;\r\n\
                M-2;Lies;;Smit;lies.smit@dijkhuis.example;Service;Team Noord;jan.berg@dijkhuis.example\r\n";
    let (token, preview) = dry_run(&app, &hr, file, false, true).await;
    assert_eq!(preview["error_count"], 0, "{}", preview["errors"]);
    let lies = &preview["creates"][1];
    assert_eq!(lies["name"], "Lies Smit");
    assert_eq!(lies["team"], "Service / Team Noord");
    // A manager who is in the file too is named, not only addressed.
    assert_eq!(
        lies["manager"],
        "Jan van der Berg (jan.berg@dijkhuis.example)"
    );
    assert_eq!(preview["creates"][0]["name"], "Jan van der Berg");
    let applied = app.call_as(&hr, "import/apply", &[("token", &token)]).await;
    assert_eq!(applied.status, StatusCode::OK, "{}", applied.body);
    let summary: serde_json::Value = serde_json::from_str(&applied.body).expect("json");
    assert_eq!(summary["created_ids"].as_array().map(Vec::len), Some(2));
    assert_eq!(
        roles(&app, "jan.berg@dijkhuis.example").await,
        vec!["employee", "reviewer"]
    );
    assert_eq!(
        roles(&app, "lies.smit@dijkhuis.example").await,
        vec!["employee"]
    );

    // Unticked: a new manager stays an employee only.
    let file = "Personeelsnummer;Naam;E-mail;E-mail leidinggevende\r\n\
                M-3;Kees Baas;kees@dijkhuis.example;\r\n\
                M-4;Karin Lid;karin@dijkhuis.example;kees@dijkhuis.example\r\n";
    let (token, preview) = dry_run(&app, &hr, file, false, false).await;
    assert_eq!(preview["managers_review"], false);
    let applied = app.call_as(&hr, "import/apply", &[("token", &token)]).await;
    assert_eq!(applied.status, StatusCode::OK, "{}", applied.body);
    assert_eq!(roles(&app, "kees@dijkhuis.example").await, vec!["employee"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_columns_for_one_thing_are_refused_naming_both() {
    let app = TestApp::spawn().await;
    let hr = app.client_for(HR).await;
    let file = "Personeelsnummer;Naam;E-mail;Leidinggevende;E-mail leidinggevende\r\n\
                A-1;Anna;anna@x.nl;Bas de Baas;bas@x.nl\r\n";
    let (token, preview) = dry_run(&app, &hr, file, false, true).await;
    assert_eq!(preview["file_error"], "import-error-ambiguous");
    let page = hr
        .get(format!("{}/hr/import/{token}", app.base))
        .header("accept", "text/html")
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("body");
    assert!(
        page.contains("“Leidinggevende”, “E-mail leidinggevende”"),
        "both headers named"
    );
    // The import page lists the accepted names, Dutch and English.
    let form = app.call_as(&hr, "import/preview", &[("token", "x")]).await;
    assert_eq!(form.status, StatusCode::NOT_FOUND);
    let page = hr
        .get(format!("{}/hr/import", app.base))
        .header("accept", "text/html")
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("body");
    for name in [
        "Zakelijk e-mailadres",
        "Business e-mail",
        "Tussenvoegsel",
        "Rollen",
    ] {
        assert!(page.contains(name), "{name} listed");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_last_active_admin_cannot_be_deactivated_in_the_db_layer() {
    use klantenrijbewijs::db::person::{PersonFields, PersonWriteError, set_roles, update};
    use klantenrijbewijs::domain::{Email, EmployeeNumber, Locale, PersonName, Role, RoleSet};
    let app = TestApp::spawn().await;
    let admin = app.person_id(ADMIN).await;
    let fields = PersonFields {
        name: PersonName::parse("Sanne Visser").expect("name"),
        email: Email::parse(ADMIN).expect("email"),
        employee_number: EmployeeNumber::parse("DV-1001").expect("number"),
        team_id: None,
        manager_id: None,
        active: false,
        preferred_language: Locale::Nl,
    };
    let mut tx = klantenrijbewijs::db::begin(&app.state.pool)
        .await
        .expect("tx");
    let refused = update(&mut tx, admin, &fields).await;
    assert!(
        matches!(refused, Err(PersonWriteError::LastAdmin)),
        "{refused:?}"
    );
    let dropped = set_roles(&mut tx, admin, &RoleSet::new([Role::Employee])).await;
    assert!(
        matches!(dropped, Err(PersonWriteError::LastAdmin)),
        "{dropped:?}"
    );
    drop(tx);
    // With a second active admin both are allowed.
    let hr = app.person_id(HR).await;
    app.exec(
        "insert into person_role (person_id, role, created_at) values ($1, 'admin', '2026-01-01T00:00:00Z')",
        &[hr.into()],
    ).await;
    let mut tx = klantenrijbewijs::db::begin(&app.state.pool)
        .await
        .expect("tx");
    update(&mut tx, admin, &fields).await.expect("deactivated");
    // Now HR is the last active admin.
    let dropped = set_roles(&mut tx, hr, &RoleSet::new([Role::Hr])).await;
    assert!(
        matches!(dropped, Err(PersonWriteError::LastAdmin)),
        "{dropped:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_admins_deactivating_each_other_at_once_leave_one_admin() {
    let app = TestApp::spawn().await;
    let hr_id = app.person_id(HR).await;
    app.exec(
        "insert into person_role (person_id, role, created_at) values ($1, 'admin', '2026-01-01T00:00:00Z')",
        &[hr_id.into()],
    ).await;
    let (sanne, fatima) = (app.client_for(ADMIN).await, app.client_for(HR).await);
    let (sanne_id, fatima_id) = (app.person_id(ADMIN).await.to_string(), hr_id.to_string());
    let form = |id: &str, name: &'static str, email: &'static str, number: &'static str| {
        vec![
            ("id", id.to_owned()),
            ("form[name]", name.to_owned()),
            ("form[email]", email.to_owned()),
            ("form[employee_number]", number.to_owned()),
            ("form[team_id]", String::new()),
            ("form[manager_id]", String::new()),
            ("form[preferred_language]", "nl".to_owned()),
            ("form[role_employee]", "on".to_owned()),
            ("form[role_admin]", "on".to_owned()),
            ("form[password]", String::new()),
        ]
    };
    let number_of = |email: &'static str| {
        let pool = app.state.pool.clone();
        async move {
            crate::common::sql::scalar::<String>(
                &pool,
                "select employee_number from person where email = $1",
                &[email.into()],
            )
            .await
        }
    };
    let (sanne_no, fatima_no) = (number_of(ADMIN).await, number_of(HR).await);
    let mut off_fatima = form(&fatima_id, "Fatima El Amrani", HR, "");
    off_fatima[3].1 = fatima_no;
    let mut off_sanne = form(&sanne_id, "Sanne Visser", ADMIN, "");
    off_sanne[3].1 = sanne_no;
    let as_refs = |v: &Vec<(&'static str, String)>| {
        v.iter().map(|(k, v)| (*k, v.clone())).collect::<Vec<_>>()
    };
    let (a, b) = (as_refs(&off_fatima), as_refs(&off_sanne));
    let base = app.base.clone();
    let send = move |client: reqwest::Client, form: Vec<(&'static str, String)>| {
        let url = format!("{base}/api/people/update");
        async move {
            client
                .post(url)
                .header("accept", "application/json")
                .form(&form)
                .send()
                .await
                .expect("request")
                .status()
        }
    };
    // Hold the write lock until both requests have passed their sign-in check and wait for
    // it: then only the rule inside the writing statement can stop the second one.
    let lock = klantenrijbewijs::db::begin(&app.state.pool)
        .await
        .expect("lock");
    let requests = tokio::spawn(async move { tokio::join!(send(sanne, a), send(fatima, b)) });
    tokio::time::sleep(std::time::Duration::from_millis(700)).await;
    lock.rollback().await.expect("release");
    let (first, second) = requests.await.expect("requests");
    let mut statuses = [first.as_u16(), second.as_u16()];
    statuses.sort_unstable();
    assert_eq!(
        statuses,
        [200, 422],
        "one deactivation, one refused as the last admin"
    );
    assert!(
        app.count(
            "select count(*) from person p join person_role r on r.person_id = p.id
             where r.role = 'admin' and p.active"
        )
        .await
            >= 1,
        "an active admin remains ({first}, {second})"
    );
    assert!(
        first.is_success() != second.is_success(),
        "exactly one succeeded: {first}, {second}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn create_admin_restores_an_existing_deactivated_person() {
    let app = TestApp::spawn().await;
    app.exec(
        "update person set active = false where email = $1",
        &[EMPLOYEE.into()],
    )
    .await;
    let number: String = app
        .scalar(
            "select employee_number from person where email = $1",
            &[EMPLOYEE.into()],
        )
        .await;
    let url = app.state.config.database_url.clone();
    let dir = tempfile::tempdir().expect("dir");
    let run = |args: &[&str], lang: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_klantenrijbewijs"))
            .current_dir(dir.path())
            .env("DATABASE_URL", &url)
            .env("KRB_ADMIN_PASSWORD", "een lang nieuw wachtwoord")
            .env("LANG", lang)
            .arg("create-admin")
            .args(args)
            .output()
            .expect("runs")
    };
    let out = run(
        &[
            "--email",
            EMPLOYEE,
            "--name",
            "Daan Bakker",
            "--employee-number",
            &number,
        ],
        "en_GB.UTF-8",
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout} {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(stdout.matches("restored").count(), 1, "once: {stdout}");
    assert!(active(&app, EMPLOYEE).await);
    assert!(roles(&app, EMPLOYEE).await.contains(&"admin".to_owned()));
    assert_eq!(
        app.count("select count(*) from audit_event where action = 'admin_restored'")
            .await,
        1
    );
    let login = app
        .call_as(
            &TestApp::new_client(),
            "login",
            &[
                ("email", EMPLOYEE),
                ("password", "een lang nieuw wachtwoord"),
            ],
        )
        .await;
    assert_eq!(login.status, StatusCode::OK, "{}", login.body);
    let old = app
        .call_as(
            &TestApp::new_client(),
            "login",
            &[("email", EMPLOYEE), ("password", DEMO_PASSWORD)],
        )
        .await;
    assert_eq!(old.status, StatusCode::UNAUTHORIZED);

    // A new administrator without --employee has only the admin role; bad input is one
    // translated line (Dutch by default), never a raw key.
    let out = run(
        &[
            "--email",
            "it@dijkhuis.example",
            "--name",
            "I T",
            "--employee-number",
            "IT-1",
        ],
        "C",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("aangemaakt"));
    assert_eq!(roles(&app, "it@dijkhuis.example").await, vec!["admin"]);
    let out = run(
        &[
            "--email",
            "x@dijkhuis.example",
            "--name",
            "X",
            "--employee-number",
            "X-1",
        ],
        "C",
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert_eq!(
        stderr.trim(),
        "Naam: Vul een volledige naam in.",
        "{stderr}"
    );
}
