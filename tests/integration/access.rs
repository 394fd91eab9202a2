//! Getting in over real HTTP with the real SMTP sink: the invitation a new person gets, its link
//! (once, not after it expired), "wachtwoord vergeten" (the same answer for every address, mail
//! only for real active people, throttled), a reset ending the other sessions, the temporary
//! password an admin types, HR's invitation list and its once-a-day resend, and the way in that
//! a reminder to someone without a password carries.

use crate::common;

use common::smtp::{ReceivedMail, SmtpSink};
use common::*;
use reqwest::StatusCode;

const NEW_PASSWORD: &str = "mijn eigen wachtwoord";

async fn app_with_mail(sink: &SmtpSink) -> TestApp {
    let smtp = sink.url();
    TestApp::spawn_configured(true, |c| c.smtp_url = Some(smtp)).await
}

/// Creates a person as the signed-in admin of `app.client`; returns their id.
async fn create(
    app: &TestApp,
    name: &str,
    email: &str,
    language: &str,
    invite: bool,
    password: &str,
) -> i64 {
    let number = format!("T-{}", email.len() * 7 + name.len());
    let mut form = vec![
        ("form[name]", name),
        ("form[email]", email),
        ("form[employee_number]", number.as_str()),
        ("form[preferred_language]", language),
        ("form[role_employee]", "on"),
        ("form[password]", password),
    ];
    if invite {
        form.push(("form[invite]", "on"));
    }
    let a = app.call("people/create", &form).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    a.body.parse().expect("the new id")
}

/// The token of the set-password link in a message.
fn token_in(mail: &ReceivedMail) -> String {
    let text = mail.text.clone().expect("a text part");
    let at = text.find("/password/").expect("a set-password link") + "/password/".len();
    let token: String = text[at..]
        .chars()
        .take_while(char::is_ascii_hexdigit)
        .collect();
    assert_eq!(token.len(), 64, "{text}");
    token
}

async fn set_password(app: &TestApp, client: &reqwest::Client, token: &str) -> Answer {
    app.call_as(
        client,
        "access/set_password",
        &[
            ("token", token),
            ("new_password", NEW_PASSWORD),
            ("confirm_password", NEW_PASSWORD),
        ],
    )
    .await
}

async fn sign_in(app: &TestApp, email: &str, password: &str) -> (reqwest::Client, StatusCode) {
    let client = TestApp::new_client();
    let a = app
        .call_as(
            &client,
            "login",
            &[("email", email), ("password", password)],
        )
        .await;
    (client, a.status)
}

async fn audit_count(app: &TestApp, action: &str, person: i64) -> i64 {
    app.count(&format!(
        "select count(*) from audit_event where action = '{action}' and subject_person_id = {person}"
    ))
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_invitation_arrives_in_the_persons_language_and_its_link_sets_a_password_and_signs_in() {
    let sink = SmtpSink::start();
    let app = app_with_mail(&sink).await;
    app.login_ok(ADMIN).await;
    let id = create(
        &app,
        "Nina Visser",
        "nina.visser@dijkhuis.example",
        "en",
        true,
        "",
    )
    .await;
    let mails = sink.wait_for(1).await;
    assert_eq!(mails.len(), 1);
    let mail = &mails[0];
    assert_eq!(mail.to, ["nina.visser@dijkhuis.example"]);
    assert_eq!(
        mail.subject,
        "Welcome to Klantenrijbewijs: choose your password"
    );
    assert!(
        mail.text
            .as_deref()
            .unwrap_or("")
            .contains("Dear Nina Visser,")
    );
    let token = token_in(mail);
    // Only the hash is stored.
    let stored = app
        .count(&format!(
            "select count(*) from access_token where person_id = {id} and token_hash = '{token}'"
        ))
        .await;
    assert_eq!(stored, 0);
    assert_eq!(audit_count(&app, "invitation_sent", id).await, 1);

    let browser = TestApp::new_client();
    let page = browser
        .get(format!("{}/password/{token}", app.base))
        .send()
        .await
        .expect("page");
    let body = page.text().await.expect("body");
    assert!(body.contains("Welkom, Nina Visser"), "{body}");
    let done = set_password(&app, &browser, &token).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    assert_eq!(
        app.signed_in_as(&browser).await.as_deref(),
        Some("Nina Visser")
    );
    let (_, status) = sign_in(&app, "nina.visser@dijkhuis.example", NEW_PASSWORD).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(audit_count(&app, "invitation_accepted", id).await, 1);

    // A Dutch colleague reads Dutch.
    create(
        &app,
        "Bram Kok",
        "bram.kok@dijkhuis.example",
        "nl",
        true,
        "",
    )
    .await;
    let mails = sink.wait_for(2).await;
    assert_eq!(
        mails[1].subject,
        "Welkom bij Klantenrijbewijs: kies je wachtwoord"
    );
    // Unticked, nobody is mailed.
    create(&app, "Cor Kok", "cor.kok@dijkhuis.example", "nl", false, "").await;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert_eq!(sink.messages().len(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_invitation_link_works_once_and_not_after_it_expires() {
    let sink = SmtpSink::start();
    let app = app_with_mail(&sink).await;
    app.login_ok(ADMIN).await;
    create(
        &app,
        "Eva Smit",
        "eva.smit@dijkhuis.example",
        "nl",
        true,
        "",
    )
    .await;
    let first = token_in(&sink.wait_for(1).await[0]);
    let browser = TestApp::new_client();
    assert_eq!(
        set_password(&app, &browser, &first).await.status,
        StatusCode::OK
    );
    let again = set_password(&app, &TestApp::new_client(), &first).await;
    assert_eq!(again.status, StatusCode::CONFLICT, "{}", again.body);
    assert!(
        again.body.contains("access-error-link-invalid"),
        "{}",
        again.body
    );
    let dead = app.page(&format!("/password/{first}")).await;
    assert!(
        dead.body.contains("Deze link werkt niet meer"),
        "{}",
        dead.body
    );

    let id = create(
        &app,
        "Finn Smit",
        "finn.smit@dijkhuis.example",
        "nl",
        true,
        "",
    )
    .await;
    let second = token_in(&sink.wait_for(2).await[1]);
    // Fourteen days and a minute later.
    app.exec(
        "update access_token set expires_at = $1, created_at = $2 where person_id = $3",
        &[
            (chrono::Utc::now() - chrono::Duration::minutes(1)).into(),
            (chrono::Utc::now() - chrono::Duration::days(14) - chrono::Duration::minutes(1)).into(),
            id.into(),
        ],
    )
    .await;
    let late = set_password(&app, &TestApp::new_client(), &second).await;
    assert_eq!(late.status, StatusCode::CONFLICT, "{}", late.body);
    let (_, status) = sign_in(&app, "finn.smit@dijkhuis.example", NEW_PASSWORD).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    // A made-up token says the same.
    let made_up = set_password(&app, &TestApp::new_client(), &"ab".repeat(32)).await;
    assert_eq!(made_up.status, StatusCode::CONFLICT);
}

/// Posts the forgot-password form without JavaScript; returns where it sends the browser.
async fn forgot(app: &TestApp, email: &str) -> (StatusCode, String) {
    let a = app
        .plain_post("access/forgot", &[("email", email)], "/forgot-password")
        .await;
    let location = a
        .headers
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    (a.status, location)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forgot_password_answers_the_same_for_every_address_and_a_reset_ends_other_sessions() {
    let sink = SmtpSink::start();
    let app = app_with_mail(&sink).await;
    let old_session = app.client_for(EMPLOYEE).await;
    let known = forgot(&app, EMPLOYEE).await;
    let unknown = forgot(&app, "nobody@dijkhuis.example").await;
    let inactive = forgot(&app, INACTIVE).await;
    assert_eq!(
        known,
        (StatusCode::FOUND, "/forgot-password?sent=1".to_owned())
    );
    assert_eq!(unknown, known);
    assert_eq!(inactive, known);
    let json_known = app.call("access/forgot", &[("email", EMPLOYEE)]).await;
    let json_unknown = app
        .call("access/forgot", &[("email", "x@dijkhuis.example")])
        .await;
    assert_eq!(
        (json_known.status, &json_known.body),
        (json_unknown.status, &json_unknown.body)
    );
    let page = app.page("/forgot-password?sent=1").await;
    assert!(
        page.body.contains("Als dit adres bij een account hoort"),
        "{}",
        page.body
    );

    sink.wait_for(2).await;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    let mails = sink.messages();
    assert_eq!(
        mails.len(),
        2,
        "only the known active address is mailed, twice"
    );
    assert!(mails.iter().all(|m| m.to == [EMPLOYEE.to_owned()]));
    assert_eq!(mails[0].subject, "Nieuw wachtwoord voor Klantenrijbewijs");
    let daan = app.person_id(EMPLOYEE).await;
    assert_eq!(audit_count(&app, "password_reset_requested", daan).await, 2);

    let token = token_in(&mails[0]);
    let browser = TestApp::new_client();
    assert_eq!(
        set_password(&app, &browser, &token).await.status,
        StatusCode::OK
    );
    assert_eq!(audit_count(&app, "password_reset_completed", daan).await, 1);
    // The session signed in before the reset is over; the new one and the new password work.
    assert_eq!(app.signed_in_as(&old_session).await, None);
    assert_eq!(
        app.signed_in_as(&browser).await.as_deref(),
        Some("Daan Bakker")
    );
    assert_eq!(
        sign_in(&app, EMPLOYEE, DEMO_PASSWORD).await.1,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        sign_in(&app, EMPLOYEE, NEW_PASSWORD).await.1,
        StatusCode::OK
    );
    // Setting the password used up the other reset link too.
    let other = token_in(&mails[1]);
    assert_eq!(
        set_password(&app, &TestApp::new_client(), &other)
            .await
            .status,
        StatusCode::CONFLICT
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forgot_password_is_throttled_per_account_and_per_address() {
    let sink = SmtpSink::start();
    let app = app_with_mail(&sink).await;
    for _ in 0..5 {
        assert_eq!(forgot(&app, EMPLOYEE).await.0, StatusCode::FOUND);
    }
    sink.wait_for(3).await;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert_eq!(
        sink.messages().len(),
        3,
        "three reset mails an hour per account"
    );
    // The address: 30 requests at once, then refused (visibly: it tells nothing about accounts).
    let mut refused_at = None;
    for n in 6..=40 {
        let a = app
            .call("access/forgot", &[("email", "someone@dijkhuis.example")])
            .await;
        if a.status == StatusCode::TOO_MANY_REQUESTS {
            refused_at = Some(n);
            break;
        }
        assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    }
    assert_eq!(refused_at, Some(31));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_password_an_admin_types_must_be_changed_before_anything_else_works() {
    let app = TestApp::spawn().await;
    app.login_ok(ADMIN).await;
    let temporary = "tijdelijk-wachtwoord-1";
    let id = create(
        &app,
        "Gijs Mol",
        "gijs.mol@dijkhuis.example",
        "nl",
        true,
        temporary,
    )
    .await;
    assert_eq!(audit_count(&app, "password_set_by_admin", id).await, 1);
    let (gijs, status) = sign_in(&app, "gijs.mol@dijkhuis.example", temporary).await;
    assert_eq!(status, StatusCode::OK);
    for path in [
        "/",
        "/licence",
        "/walk",
        "/hr/people/export.csv",
        "/notifications",
    ] {
        let page = gijs
            .get(format!("{}{path}", app.base))
            .header("accept", "text/html")
            .send()
            .await
            .expect("page");
        assert_eq!(page.status(), StatusCode::SEE_OTHER, "{path}");
        assert_eq!(page.headers()["location"], "/account?change=1", "{path}");
    }
    let me = app.call_as(&gijs, "people/me", &[]).await;
    assert_eq!(me.status, StatusCode::CONFLICT, "{}", me.body);
    assert!(me.body.contains("access-error-change-password"));
    let account = gijs
        .get(format!("{}/account?change=1", app.base))
        .send()
        .await
        .expect("account");
    assert_eq!(account.status(), StatusCode::OK);
    assert!(account.text().await.expect("body").contains("tijdelijk"));
    // The temporary password itself is not accepted as the new one.
    let same = app
        .call_as(
            &gijs,
            "change_password",
            &[
                ("current_password", temporary),
                ("new_password", temporary),
                ("confirm_password", temporary),
            ],
        )
        .await;
    assert_eq!(
        field_error(&same.body, "new_password").as_deref(),
        Some("access-error-same-password")
    );
    let changed = app
        .call_as(
            &gijs,
            "change_password",
            &[
                ("current_password", temporary),
                ("new_password", NEW_PASSWORD),
                ("confirm_password", NEW_PASSWORD),
            ],
        )
        .await;
    assert_eq!(changed.status, StatusCode::OK, "{}", changed.body);
    assert_eq!(
        app.call_as(&gijs, "people/me", &[]).await.status,
        StatusCode::OK
    );
    let home = gijs
        .get(format!("{}/licence", app.base))
        .send()
        .await
        .expect("page");
    assert_eq!(home.status(), StatusCode::OK);

    // An admin who types their own password keeps using the app.
    let admin = app.person_id(ADMIN).await;
    let detail: serde_json::Value = serde_json::from_str(
        &app.call("people/form", &[("id", &admin.to_string())])
            .await
            .body,
    )
    .expect("form");
    let p = &detail["person"];
    let number = p["employee_number"].as_str().expect("number").to_owned();
    let own = app
        .call(
            "people/update",
            &[
                ("id", &admin.to_string()),
                ("form[name]", p["name"].as_str().expect("name")),
                ("form[email]", ADMIN),
                ("form[employee_number]", &number),
                ("form[preferred_language]", "nl"),
                ("form[role_admin]", "on"),
                ("form[role_employee]", "on"),
                ("form[active]", "on"),
                ("form[password]", NEW_PASSWORD),
            ],
        )
        .await;
    assert_eq!(own.status, StatusCode::OK, "{}", own.body);
    assert_eq!(app.call("people/me", &[]).await.status, StatusCode::OK);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hr_sees_who_has_not_set_a_password_and_resends_once_a_day() {
    let sink = SmtpSink::start();
    let app = app_with_mail(&sink).await;
    app.login_ok(ADMIN).await;
    let id = create(
        &app,
        "Hanna Berg",
        "hanna.berg@dijkhuis.example",
        "nl",
        false,
        "",
    )
    .await;
    let hr = app.client_for(HR).await;
    let list = app
        .call_as(&hr, "access/invitations", &[("status", "never")])
        .await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.body);
    assert!(list.body.contains("Hanna Berg"), "{}", list.body);
    let page = hr
        .get(format!("{}/hr/invitations", app.base))
        .send()
        .await
        .expect("page");
    let body = page.text().await.expect("body");
    assert!(
        body.contains("Hanna Berg") && body.contains("Nooit uitgenodigd"),
        "{body}"
    );
    // An employee may not look.
    let daan = app.client_for(EMPLOYEE).await;
    assert_eq!(
        app.call_as(&daan, "access/invitations", &[]).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.call_as(&daan, "access/resend", &[("person_id", &id.to_string())])
            .await
            .status,
        StatusCode::FORBIDDEN
    );

    let id_text = id.to_string();
    let form = [("person_id", id_text.as_str())];
    let resend = || app.call_as(&hr, "access/resend", &form);
    assert_eq!(resend().await.status, StatusCode::OK);
    assert_eq!(sink.wait_for(1).await.len(), 1);
    let again = resend().await;
    assert_eq!(again.status, StatusCode::CONFLICT, "{}", again.body);
    assert!(
        again.body.contains("access-error-invited-today"),
        "{}",
        again.body
    );
    assert_eq!(audit_count(&app, "invitation_sent", id).await, 1);
    let pending = app
        .call_as(&hr, "access/invitations", &[("status", "pending")])
        .await;
    assert!(pending.body.contains("Hanna Berg"), "{}", pending.body);
    // Without JavaScript the refusal comes back to the list, translated.
    let plain = hr
        .post(format!("{}/api/access/resend", app.base))
        .header("accept", "text/html")
        .header("referer", format!("{}/hr/invitations", app.base))
        .form(&[("person_id", id.to_string())])
        .send()
        .await
        .expect("post");
    let back = plain.headers()["location"]
        .to_str()
        .expect("location")
        .to_owned();
    let back = if back.starts_with("http") {
        back
    } else {
        format!("{}{back}", app.base)
    };
    let shown = hr.get(&back).send().await.expect("page");
    let shown = shown.text().await.expect("body");
    assert!(
        shown.contains("de afgelopen 24 uur al een uitnodiging"),
        "{back}: {shown}"
    );

    // A day later it may go again.
    app.exec(
        "update access_token set created_at = $1 where person_id = $2",
        &[
            (chrono::Utc::now() - chrono::Duration::hours(25)).into(),
            id.into(),
        ],
    )
    .await;
    assert_eq!(resend().await.status, StatusCode::OK);
    assert_eq!(sink.wait_for(2).await.len(), 2);
    // Someone with a password is not invited.
    let daan_id = app.person_id(EMPLOYEE).await;
    let has = app
        .call_as(&hr, "access/resend", &[("person_id", &daan_id.to_string())])
        .await;
    assert!(
        has.body.contains("access-error-has-password"),
        "{}",
        has.body
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reminder_to_someone_without_a_password_carries_their_way_in_but_not_the_managers_copy() {
    use common::reminders::{day, mailer, manager_email, morning, period, scheduler};
    use klantenrijbewijs::reminders::TestClock;
    let sink = SmtpSink::start();
    let app = TestApp::spawn().await;
    // Daan never set a password (as after an import).
    app.exec(
        "update person set password_hash = null where email = $1",
        &[EMPLOYEE.into()],
    )
    .await;
    period(&app, EMPLOYEE, day(0)).await;
    let clock = TestClock::at(morning(day(-7)));
    let report = scheduler(&app, mailer(&sink.url()), &clock)
        .run_once()
        .await
        .expect("run");
    assert!(report.sent >= 1, "{report:?}");
    let manager = manager_email(&app, EMPLOYEE).await;
    let mails = sink.wait_for(2).await;
    let own = mails
        .iter()
        .find(|m| m.to == [EMPLOYEE.to_owned()])
        .expect("Daan's reminder");
    assert!(own.cc.is_empty(), "the way in is Daan's alone");
    let token = token_in(own);
    let copy = mails
        .iter()
        .find(|m| m.to == [manager.clone()])
        .expect("the manager's copy");
    assert!(!copy.text.as_deref().unwrap_or("").contains("/password/"));
    assert!(copy.text.as_deref().unwrap_or("").contains("/licence"));
    let browser = TestApp::new_client();
    assert_eq!(
        set_password(&app, &browser, &token).await.status,
        StatusCode::OK
    );
    assert_eq!(
        app.signed_in_as(&browser).await.as_deref(),
        Some("Daan Bakker")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_nudge_to_someone_without_a_password_carries_their_way_in() {
    let sink = SmtpSink::start();
    let app = app_with_mail(&sink).await;
    let floor = "floor.janssen@dijkhuis.example";
    app.exec(
        "update person set password_hash = null where email = $1",
        &[floor.into()],
    )
    .await;
    app.login_ok(HR).await;
    let id = app.person_id(floor).await;
    let one = app
        .call("dashboard/nudge", &[("form[person_id]", &id.to_string())])
        .await;
    assert_eq!(one.status, StatusCode::OK, "{}", one.body);
    let mails = sink.wait_for(1).await;
    assert_eq!(mails.len(), 1);
    let token = token_in(&mails[0]);
    assert!(
        !mails[0]
            .text
            .as_deref()
            .unwrap_or("")
            .contains("/licence\n")
    );
    let audited = app
        .count(&format!(
            "select count(*) from audit_event where action = 'invitation_sent'
             and subject_person_id = {id} and detail like '%with_reminder%'"
        ))
        .await;
    assert_eq!(audited, 1);
    let browser = TestApp::new_client();
    assert_eq!(
        set_password(&app, &browser, &token).await.status,
        StatusCode::OK
    );
    assert!(app.signed_in_as(&browser).await.is_some());
}

/// Uploads `content` as the signed-in HR/admin of `app.client`; returns the dry run's token.
async fn import_upload(app: &TestApp, content: &str) -> String {
    let part = reqwest::multipart::Part::bytes(content.as_bytes().to_vec())
        .file_name("hr-export.csv")
        .mime_str("text/csv")
        .expect("mime");
    let res = app
        .client
        .post(format!("{}/hr/import/upload", app.base))
        .multipart(reqwest::multipart::Form::new().part("file", part))
        .send()
        .await
        .expect("upload");
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let location = res.headers()["location"].to_str().expect("location");
    location.rsplit('/').next().expect("token").to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_import_invites_the_people_it_creates_once_and_only_when_asked() {
    let sink = SmtpSink::start();
    let app = app_with_mail(&sink).await;
    app.login_ok(HR).await;
    let with_invites = "\u{feff}Personeelsnummer;Naam;E-mail\r\n\
        IMP-1;Iris Import;iris.import@dijkhuis.example\r\n\
        IMP-2;Ivo Import;ivo.import@dijkhuis.example\r\n";
    let token = import_upload(&app, with_invites).await;
    let applied = app
        .call(
            "import/apply",
            &[("token", token.as_str()), ("invite", "on")],
        )
        .await;
    assert_eq!(applied.status, StatusCode::OK, "{}", applied.body);
    let mails = sink.wait_for(2).await;
    let mut to: Vec<_> = mails.iter().flat_map(|m| m.to.clone()).collect();
    to.sort();
    assert_eq!(
        to,
        [
            "iris.import@dijkhuis.example",
            "ivo.import@dijkhuis.example"
        ]
    );
    for mail in &mails {
        assert_eq!(token_in(mail).len(), 64);
    }
    let iris = app.person_id("iris.import@dijkhuis.example").await;
    assert_eq!(audit_count(&app, "invitation_sent", iris).await, 1);

    // Not ticked: the people are created and nobody is mailed.
    let without =
        "Personeelsnummer;Naam;E-mail\r\nIMP-3;Isa Import;isa.import@dijkhuis.example\r\n";
    let token = import_upload(&app, without).await;
    let applied = app.call("import/apply", &[("token", token.as_str())]).await;
    assert_eq!(applied.status, StatusCode::OK, "{}", applied.body);
    let isa = app.person_id("isa.import@dijkhuis.example").await;
    // Give a background send the time it would need, then count again.
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert_eq!(sink.messages().len(), 2);
    assert_eq!(audit_count(&app, "invitation_sent", isa).await, 0);
}
