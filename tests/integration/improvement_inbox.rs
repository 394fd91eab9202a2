//! The owning team's inbox and triage over HTTP, on the demo organisation: Marieke leads
//! Autoschade, which owns steps of "Ik wil schade melden" where Floor, Sem and Zoë logged
//! frictions (three of them the same retyped claim form). Who reads and triages what, the page and
//! every server function per role, bad input per field, one winner when two leads triage the same
//! friction at once, the evidence files, and duplicates merging into one improvement.

use crate::common;

use common::*;
use reqwest::StatusCode;

const LEAD: &str = REVIEWER; // Marieke Jansen, Autoschade
const OTHER_LEAD: &str = "els.vandijk@dijkhuis.example"; // Inkomensverzekeringen, nobody's manager here
const CX: &str = "wouter.brouwer@dijkhuis.example";
const REPORTER: &str = "sem.deboer@dijkhuis.example";
const STRANGER: &str = EMPLOYEE; // Daan Bakker, in Autoschade but not its lead
/// Three reports of the same retyped claim form on an Autoschade step (Floor, Sem, Zoë).
const FORM_FLOOR: &str = "Schadeformulier moet worden overgetypt";
const FORM_SEM: &str = "Schadeformulier overtypen op de telefoon";
const FORM_ZOE: &str = "Formulier helemaal overtypen";
/// Sem's status friction, also on an Autoschade step.
const STATUS_SEM: &str = "'In beoordeling' zonder uitleg";
/// A friction on a Klachten & Bezwaar step: not in Marieke's inbox.
const OTHER_TEAM: &str = "Geen uitleg hoe ik bezwaar maak";

async fn friction(app: &TestApp, title: &str) -> i64 {
    app.scalar("select id from friction where title = $1", &[title.into()])
        .await
}

/// Rows a triage writes, so a refusal can be shown to have written none.
async fn written(app: &TestApp) -> [i64; 5] {
    [
        app.count("select count(*) from friction_triage").await,
        app.count("select count(*) from improvement").await,
        app.count("select count(*) from improvement_history").await,
        app.count("select count(*) from notification where kind in ('improvement_created', 'friction_no_action')")
            .await,
        app.count("select count(*) from audit_event where action in ('improvement_created', 'frictions_linked', 'frictions_closed')")
            .await,
    ]
}

fn new_improvement<'a>(
    frictions: &'a [(String, String)],
    title: &'a str,
) -> Vec<(&'a str, &'a str)> {
    let mut form: Vec<(&str, &str)> = frictions
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    form.extend([
        ("form[action]", "new"),
        ("form[gap]", "specification"),
        ("form[title]", title),
        (
            "form[problem]",
            "Ik moest het hele schadeformulier overtypen.",
        ),
        ("form[priority]", "high"),
    ]);
    form
}

/// `form[frictions][f<id>]=<id>` for each id.
fn ticks(ids: &[i64]) -> Vec<(String, String)> {
    ids.iter()
        .map(|id| (format!("form[frictions][f{id}]"), id.to_string()))
        .collect()
}

fn refusal(body: &str) -> Option<String> {
    let v: serde_json::Value = serde_json::from_str(body).ok()?;
    v["Refused"].as_str().map(str::to_owned)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_page_and_its_server_function_per_role() {
    let app = TestApp::spawn().await;
    for (who, status) in [
        (LEAD, StatusCode::OK),
        (OTHER_LEAD, StatusCode::OK),
        (CX, StatusCode::OK),
        (HR, StatusCode::FORBIDDEN),
        (REPORTER, StatusCode::FORBIDDEN),
        (STRANGER, StatusCode::FORBIDDEN),
    ] {
        let client = app.client_for(who).await;
        let page = client
            .get(format!("{}/improvements/inbox", app.base))
            .header("accept", "text/html")
            .send()
            .await
            .expect("page");
        assert_eq!(page.status(), status, "page for {who}");
        let body = page.text().await.expect("body");
        let call = app.call_as(&client, "improvements/inbox", &[]).await;
        assert_eq!(
            call.status, status,
            "server function for {who}: {}",
            call.body
        );
        let mine = body.contains(FORM_ZOE);
        assert_eq!(
            mine,
            who == LEAD || who == CX,
            "Autoschade's frictions shown to {who}"
        );
        assert_eq!(
            body.contains(OTHER_TEAM),
            who == CX,
            "another team's friction shown to {who}"
        );
    }
    // Nothing else of the walkthrough travels: not its summary, not its step answers.
    let lead = app.client_for(LEAD).await;
    let body = app.call_as(&lead, "improvements/inbox", &[]).await.body;
    assert!(
        body.contains("Sem de Boer") || body.contains("Sem"),
        "the reporter's name"
    );
    assert!(
        !body.contains("als je het oneens bent met het besluit"),
        "walkthrough summary stays private"
    );
    // CX filters by team; a lead cannot widen their view with the same parameter.
    let klachten: i64 = app
        .count("select id from team where name = 'Klachten & Bezwaar'")
        .await;
    let cx = app.client_for(CX).await;
    let team = klachten.to_string();
    let only = app
        .call_as(&cx, "improvements/inbox", &[("team", &team)])
        .await
        .body;
    assert!(only.contains(OTHER_TEAM) && !only.contains(FORM_ZOE));
    let widened = app
        .call_as(&lead, "improvements/inbox", &[("team", &team)])
        .await
        .body;
    assert!(!widened.contains(OTHER_TEAM) && widened.contains(FORM_ZOE));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn filters_narrow_the_list_and_the_list_is_paged() {
    let app = TestApp::spawn().await;
    let cx = app.client_for(CX).await;
    let all: serde_json::Value =
        serde_json::from_str(&app.call_as(&cx, "improvements/inbox", &[]).await.body)
            .expect("json");
    let total = all["rows"]["total"].as_i64().expect("total");
    assert!(total > 10, "every team's open frictions: {total}");
    let size = klantenrijbewijs::domain::improvement::inbox::PAGE_SIZE;
    let first: Vec<i64> = all["rows"]["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|f| f["id"].as_i64().expect("id"))
        .collect();
    assert_eq!(first.len() as i64, total.min(size));
    if total > size {
        let next: serde_json::Value = serde_json::from_str(
            &app.call_as(&cx, "improvements/inbox", &[("page", "2")])
                .await
                .body,
        )
        .expect("json");
        let second: Vec<i64> = next["rows"]["items"]
            .as_array()
            .expect("items")
            .iter()
            .map(|f| f["id"].as_i64().expect("id"))
            .collect();
        assert_eq!(second.len() as i64, (total - size).min(size));
        assert!(
            second.iter().all(|id| !first.contains(id)),
            "no friction on two pages"
        );
        assert_eq!(
            next["rows"]["total"], total,
            "every page carries the same total"
        );
    }
    // A page past the end shows nothing but still says how many there are (counted on its own,
    // since no row carries the total).
    let past: serde_json::Value = serde_json::from_str(
        &app.call_as(&cx, "improvements/inbox", &[("page", "999")])
            .await
            .body,
    )
    .expect("json");
    assert_eq!(past["rows"]["items"].as_array().map(Vec::len), Some(0));
    assert_eq!(past["rows"]["total"], total);
    let blockers: serde_json::Value = serde_json::from_str(
        &app.call_as(
            &cx,
            "improvements/inbox",
            &[("severity", "blocker"), ("phase", "transactie")],
        )
        .await
        .body,
    )
    .expect("json");
    let items = blockers["rows"]["items"].as_array().expect("items");
    assert!(!items.is_empty());
    assert!(
        items
            .iter()
            .all(|f| f["severity"] == "blocker" && f["phase"] == "transactie")
    );
    let year: serde_json::Value = serde_json::from_str(
        &app.call_as(&cx, "improvements/inbox", &[("year", "2025")])
            .await
            .body,
    )
    .expect("json");
    assert!(
        year["rows"]["items"]
            .as_array()
            .expect("items")
            .iter()
            .all(|f| f["cycle_year"] == 2025)
    );
    let principle: serde_json::Value = serde_json::from_str(
        &app.call_as(&cx, "improvements/inbox", &[("principle", "expectations")])
            .await
            .body,
    )
    .expect("json");
    let items = principle["rows"]["items"].as_array().expect("items");
    assert!(!items.is_empty());
    assert!(items.iter().all(|f| {
        f["principles"]
            .as_array()
            .expect("p")
            .contains(&"expectations".into())
    }));
    // Newest first.
    let dates: Vec<String> = all["rows"]["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|f| f["created_at"].as_str().expect("date").to_owned())
        .collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn duplicates_merge_into_one_improvement_and_the_counts_add_up() {
    let app = TestApp::spawn().await;
    let (floor, sem, zoe) = (
        friction(&app, FORM_FLOOR).await,
        friction(&app, FORM_SEM).await,
        friction(&app, FORM_ZOE).await,
    );
    let recognised = |app: &TestApp| {
        let sql = format!(
            "select count(*) from friction_recognition where friction_id in ({floor}, {sem}, {zoe})"
        );
        let pool = app.state.pool.clone();
        async move {
            klantenrijbewijs::db::number(&pool, &sql)
                .await
                .expect("count")
        }
    };
    let demo_recognitions = recognised(&app).await;
    // Colleagues recognised them: two more on Floor's, one more on Zoë's.
    for (f, email) in [(floor, HR), (floor, ADMIN), (zoe, HR)] {
        app.exec(
            "insert into friction_recognition (friction_id, person_id, created_at, updated_at)
             select $1, id, $2, $2 from person where email = $3",
            &[f.into(), chrono::Utc::now().into(), email.into()],
        )
        .await;
    }
    let lead = app.client_for(LEAD).await;
    // The inbox shows how many colleagues recognised each.
    let inbox: serde_json::Value =
        serde_json::from_str(&app.call_as(&lead, "improvements/inbox", &[]).await.body)
            .expect("json");
    for f in inbox["rows"]["items"].as_array().expect("items") {
        let id = f["id"].as_i64().expect("id");
        if [floor, sem, zoe].contains(&id) {
            let marks = app
                .count(&format!(
                    "select count(*) from friction_recognition where friction_id = {id}"
                ))
                .await;
            assert_eq!(f["recognitions"].as_i64(), Some(marks), "friction {id}");
        }
    }
    let marieke = app.person_id(LEAD).await;
    let pairs = ticks(&[sem, floor]);
    let made = app
        .call_as(
            &lead,
            "improvements/triage",
            &new_improvement(&pairs, "Schadeformulier niet overtypen"),
        )
        .await;
    assert_eq!(made.status, StatusCode::OK, "{}", made.body);
    let done: serde_json::Value = serde_json::from_str(&made.body).expect("json");
    let id = done["improvement_id"].as_i64().expect("an improvement");
    assert_eq!(done["created"], true);
    let (status, team, owner, step, priority): (String, String, i64, i64, String) = app
        .rows(
            "select i.status, t.name, i.owner_id, i.step_id, i.priority from improvement i
         join team t on t.id = i.team_id where i.id = $1",
            &[id.into()],
        )
        .await
        .into_iter()
        .next()
        .expect("improvement");
    assert_eq!(
        (status.as_str(), team.as_str(), owner, priority.as_str()),
        ("new", "Autoschade", marieke, "high")
    );
    let first_step: i64 = app
        .count(&format!(
            "select step_id from friction where id = {}",
            floor.min(sem)
        ))
        .await;
    assert_eq!(step, first_step, "the step of the first friction");
    let history: (Option<String>, String, i64) = app
        .rows(
            "select from_status, to_status, actor_id from improvement_history where improvement_id = $1",
            &[id.into()],
        )
        .await
        .into_iter()
        .next()
        .expect("history");
    assert_eq!(history, (None, "new".to_owned(), marieke));
    // The reporters hear it; an audit event says who did it.
    let told = app.count(&format!(
        "select count(*) from notification where kind = 'improvement_created' and improvement_id = {id}"
    ))
    .await;
    assert_eq!(told, 2);
    assert_eq!(
        app.count("select count(*) from audit_event where action = 'improvement_created'")
            .await,
        1
    );

    // Zoë's report of the same thing joins it.
    let pairs = ticks(&[zoe]);
    let mut form: Vec<(&str, &str)> = pairs
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let id_s = id.to_string();
    form.extend([
        ("form[action]", "existing"),
        ("form[gap]", "delivery"),
        ("form[improvement_id]", &id_s),
    ]);
    let joined = app.call_as(&lead, "improvements/triage", &form).await;
    assert_eq!(joined.status, StatusCode::OK, "{}", joined.body);
    // Reports and recognitions are read through the triaged frictions: 3 reports, 3 recognitions.
    let reports = app
        .count(&format!(
            "select count(*) from friction_triage where improvement_id = {id}"
        ))
        .await;
    let recognitions = app.count(&format!(
        "select count(*) from friction_recognition r join friction_triage t on t.friction_id = r.friction_id
         where t.improvement_id = {id}"
    ))
    .await;
    assert_eq!((reports, recognitions), (3, demo_recognitions + 3));
    // The kept counts the score is made of say the same.
    let kept = klantenrijbewijs::db::improvement::tally::stored_facts(&app.state.pool, id)
        .await
        .expect("facts")
        .expect("the improvement");
    assert_eq!(
        (kept.reports(), kept.recognitions),
        (3, demo_recognitions + 3)
    );
    assert_eq!(recognised(&app).await, demo_recognitions + 3);
    // The inbox shows them as decided, with their improvement, and no longer as open.
    let open = app.call_as(&lead, "improvements/inbox", &[]).await.body;
    assert!(!open.contains(FORM_ZOE));
    let decided = app
        .call_as(&lead, "improvements/inbox", &[("state", "triaged")])
        .await
        .body;
    assert!(decided.contains(FORM_ZOE) && decided.contains("Schadeformulier niet overtypen"));
    // A friction is triaged once: the same friction again is refused and writes nothing.
    let before = written(&app).await;
    let again = app.call_as(&lead, "improvements/triage", &form).await;
    assert_eq!(again.status, StatusCode::CONFLICT, "{}", again.body);
    assert_eq!(
        refusal(&again.body).as_deref(),
        Some("inbox-error-already-triaged")
    );
    assert_eq!(written(&app).await, before);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn geen_actie_needs_a_reason_which_the_reporter_reads_on_their_log() {
    let app = TestApp::spawn().await;
    let improvements_before = app.count("select count(*) from improvement").await;
    let status = friction(&app, STATUS_SEM).await;
    let lead = app.client_for(LEAD).await;
    let id = status.to_string();
    let key = format!("form[frictions][f{status}]");
    let empty = app
        .call_as(
            &lead,
            "improvements/triage",
            &[
                (key.as_str(), id.as_str()),
                ("form[action]", "no_action"),
                ("form[reason]", " "),
            ],
        )
        .await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        field_error(&empty.body, "reason").as_deref(),
        Some("error-required")
    );
    let reason = "De statusteksten worden in het voorjaar herschreven.";
    let closed = app
        .call_as(
            &lead,
            "improvements/triage",
            &[
                (key.as_str(), id.as_str()),
                ("form[action]", "no_action"),
                ("form[reason]", reason),
            ],
        )
        .await;
    assert_eq!(closed.status, StatusCode::OK, "{}", closed.body);
    let sem = app.person_id(REPORTER).await;
    assert_eq!(
        app.count(&format!(
            "select count(*) from notification where person_id = {sem} and kind = 'friction_no_action' and friction_id = {status}"
        ))
        .await,
        1
    );
    assert_eq!(
        app.count("select count(*) from improvement").await,
        improvements_before,
        "geen actie makes no improvement"
    );
    // Sem reads it beside the friction on their own log; the server function says the same.
    let walk: i64 = app
        .count(&format!(
            "select walkthrough_id from friction where id = {status}"
        ))
        .await;
    let reporter = app.client_for(REPORTER).await;
    let log = reporter
        .get(format!("{}/walkthroughs/{walk}", app.base))
        .header("accept", "text/html")
        .send()
        .await
        .expect("log")
        .text()
        .await
        .expect("body");
    assert!(log.contains(reason), "the reason on the walker's log");
    let outcomes = app
        .call_as(
            &reporter,
            "improvements/friction-outcomes",
            &[("walkthrough_id", &walk.to_string())],
        )
        .await;
    assert_eq!(outcomes.status, StatusCode::OK);
    assert!(outcomes.body.contains(reason));
    let stranger = app.client_for(STRANGER).await;
    let refused = app
        .call_as(
            &stranger,
            "improvements/friction-outcomes",
            &[("walkthrough_id", &walk.to_string())],
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn whoever_may_not_triage_is_refused_and_nothing_is_written() {
    let app = TestApp::spawn().await;
    let floor = friction(&app, FORM_FLOOR).await;
    let pairs = ticks(&[floor]);
    let form = new_improvement(&pairs, "Niet van jou");
    let before = written(&app).await;
    for who in [OTHER_LEAD, HR, REPORTER, STRANGER] {
        let client = app.client_for(who).await;
        let a = app.call_as(&client, "improvements/triage", &form).await;
        assert_eq!(a.status, StatusCode::FORBIDDEN, "{who}: {}", a.body);
        // The same refusal however the rest of the form is filled in.
        let bad = app
            .call_as(
                &client,
                "improvements/triage",
                &pairs
                    .iter()
                    .map(|(k, v)| (k.as_str(), v.as_str()))
                    .collect::<Vec<_>>(),
            )
            .await;
        assert_eq!(
            bad.status,
            StatusCode::FORBIDDEN,
            "{who} with an empty form"
        );
    }
    let anonymous = app.call("improvements/triage", &form).await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
    assert_eq!(written(&app).await, before);
    // An unknown friction is 404; a friction of a walkthrough still in progress stays in it.
    let lead = app.client_for(LEAD).await;
    let unknown = ticks(&[999_999]);
    let a = app
        .call_as(
            &lead,
            "improvements/triage",
            &new_improvement(&unknown, "Onbekend"),
        )
        .await;
    assert_eq!(a.status, StatusCode::NOT_FOUND);
    app.exec(
        "update walkthrough set status = 'in_progress' where id = (select walkthrough_id from friction where id = $1)",
        &[floor.into()],
    )
    .await;
    let cx = app.client_for(CX).await;
    let a = app.call_as(&cx, "improvements/triage", &form).await;
    assert_eq!(a.status, StatusCode::FORBIDDEN, "{}", a.body);
    assert!(
        !app.call_as(&lead, "improvements/inbox", &[])
            .await
            .body
            .contains(FORM_FLOOR)
    );
    assert_eq!(written(&app).await, before);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_input_is_reported_per_field_and_kept_without_javascript() {
    let app = TestApp::spawn().await;
    let zoe = friction(&app, FORM_ZOE).await;
    let lead = app.client_for(LEAD).await;
    let id = zoe.to_string();
    let key = format!("form[frictions][f{zoe}]");
    let a = app
        .call_as(
            &lead,
            "improvements/triage",
            &[
                (key.as_str(), id.as_str()),
                ("form[action]", "new"),
                ("form[title]", ""),
                ("form[due_on]", "gisteren"),
                ("form[priority]", "urgent"),
                ("form[owner_id]", "999999"),
            ],
        )
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
    for (field, key) in [
        ("gap", "inbox-error-gap-required"),
        ("title", "error-required"),
        ("problem", "error-required"),
        ("due_on", "inbox-error-due-date"),
        ("priority", "improvement-error-priority"),
    ] {
        assert_eq!(field_error(&a.body, field).as_deref(), Some(key), "{field}");
    }
    // Valid otherwise, but the owner is nobody: told on the owner field, nothing written.
    let pairs = ticks(&[zoe]);
    let mut form = new_improvement(&pairs, "Formulier");
    form.push(("form[owner_id]", "999999"));
    let before = written(&app).await;
    let a = app.call_as(&lead, "improvements/triage", &form).await;
    assert_eq!(
        field_error(&a.body, "owner_id").as_deref(),
        Some("inbox-error-owner")
    );
    let none = app
        .call_as(&lead, "improvements/triage", &[(key.as_str(), id.as_str())])
        .await;
    assert_eq!(
        field_error(&none.body, "action").as_deref(),
        Some("inbox-error-action")
    );
    let nothing = app
        .call_as(
            &lead,
            "improvements/triage",
            &[("form[action]", "no_action"), ("form[reason]", "x")],
        )
        .await;
    assert_eq!(
        field_error(&nothing.body, "frictions").as_deref(),
        Some("inbox-error-pick")
    );
    assert_eq!(written(&app).await, before);

    // Without JavaScript: back to the inbox with the message, the typed text and the tick kept.
    app.login_ok(LEAD).await;
    let a = app
        .plain_post(
            "improvements/triage",
            &[
                (key.as_str(), id.as_str()),
                ("form[action]", "new"),
                ("form[gap]", "delivery"),
                ("form[title]", "Foto van het formulier laten volstaan"),
                ("form[problem]", ""),
                ("form[priority]", "low"),
                ("form[back]", "/improvements/inbox"),
            ],
            "/improvements/inbox",
        )
        .await;
    assert!(a.status.is_redirection(), "{}", a.status);
    let location = a.headers["location"].to_str().expect("location").to_owned();
    let back = app.page(&location.replace(&app.base, "")).await;
    assert!(
        back.body.contains("Foto van het formulier laten volstaan"),
        "title kept"
    );
    assert!(
        back.body.contains("Dit veld is verplicht") || back.body.contains("verplicht"),
        "error shown"
    );
    assert!(
        back.body.contains(&format!("value=\"{zoe}\" checked")),
        "the tick kept"
    );
    assert_eq!(written(&app).await, before);
    // And once it is right, the plain post lands on the inbox with the news.
    let a = app
        .plain_post(
            "improvements/triage",
            &[
                (key.as_str(), id.as_str()),
                ("form[action]", "new"),
                ("form[gap]", "delivery"),
                ("form[title]", "Foto van het formulier laten volstaan"),
                ("form[problem]", "Ik moest alles overtypen."),
                ("form[priority]", "low"),
                ("form[back]", "/improvements/inbox?severity=blocker"),
            ],
            "/improvements/inbox?severity=blocker",
        )
        .await;
    assert!(a.status.is_redirection(), "{}", a.status);
    let location = a.headers["location"].to_str().expect("location");
    assert!(
        location.starts_with("/improvements/inbox?severity=blocker&triaged=new-"),
        "{location}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_leads_triaging_the_same_friction_at_once_one_wins() {
    let app = TestApp::spawn().await;
    // The demo's own improvements (some merged from several frictions) are the baseline.
    let made_before = app.count("select count(*) from improvement").await;
    let linked_before = app
        .count("select count(*) from friction_triage where outcome = 'improvement'")
        .await;
    // A second lead of Autoschade.
    app.exec(
        "insert into person_role (person_id, role, created_at)
         select id, 'reviewer', $1 from person where email = 'lotte.smit@dijkhuis.example'",
        &[chrono::Utc::now().into()],
    )
    .await;
    let first = app.client_for(LEAD).await;
    let second = app.client_for("lotte.smit@dijkhuis.example").await;
    for title in [FORM_FLOOR, FORM_SEM, FORM_ZOE, STATUS_SEM] {
        let id = friction(&app, title).await;
        let pairs = ticks(&[id]);
        let a_form = new_improvement(&pairs, "Van Marieke");
        let b_key = format!("form[frictions][f{id}]");
        let id_s = id.to_string();
        let b_form = [
            (b_key.as_str(), id_s.as_str()),
            ("form[action]", "no_action"),
            ("form[reason]", "Van Lotte"),
        ];
        let (a, b) = tokio::join!(
            app.call_as(&first, "improvements/triage", &a_form),
            app.call_as(&second, "improvements/triage", &b_form),
        );
        let statuses = [a.status, b.status];
        assert!(
            statuses.contains(&StatusCode::OK),
            "{title}: {statuses:?} {} {}",
            a.body,
            b.body
        );
        assert!(
            statuses.contains(&StatusCode::CONFLICT),
            "{title}: {statuses:?} {} {}",
            a.body,
            b.body
        );
        let loser = if a.status == StatusCode::CONFLICT {
            &a
        } else {
            &b
        };
        assert_eq!(
            refusal(&loser.body).as_deref(),
            Some("inbox-error-already-triaged")
        );
        assert_eq!(
            app.count(&format!(
                "select count(*) from friction_triage where friction_id = {id}"
            ))
            .await,
            1
        );
    }
    // The loser of a new improvement left no improvement behind.
    let made = app.count("select count(*) from improvement").await;
    let linked = app
        .count("select count(*) from friction_triage where outcome = 'improvement'")
        .await;
    assert_eq!(made - made_before, linked - linked_before);
}

/// A PNG and its thumbnail on `friction`, stored as the upload would.
async fn stored_evidence(app: &TestApp, friction: i64, n: u8) -> i64 {
    let stem = format!("{:032x}", u128::from(n) + 0xabc0);
    let dir = &app.state.config.evidence_dir;
    std::fs::create_dir_all(dir).expect("evidence dir");
    std::fs::write(dir.join(format!("{stem}.png")), b"png bytes").expect("file");
    std::fs::write(dir.join(format!("{stem}-thumb.jpg")), b"jpeg bytes").expect("thumb");
    app.scalar(
        "insert into evidence (walkthrough_id, step_id, friction_id, storage_name, content_type, byte_size,
                               thumbnail_name, original_name, created_by, created_at, updated_at)
         select f.walkthrough_id, f.step_id, f.id, $1, 'image/png', 9, $2, 'formulier.png', w.person_id,
                $3, $3
         from friction f join walkthrough w on w.id = f.walkthrough_id where f.id = $4 returning id",
        &[
            format!("{stem}.png").into(),
            format!("{stem}-thumb.jpg").into(),
            chrono::Utc::now().into(),
            friction.into(),
        ],
    )
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn leads_and_cx_get_a_frictions_evidence_unless_it_is_sensitive() {
    let app = TestApp::spawn().await;
    let zoe = friction(&app, FORM_ZOE).await;
    let shown = stored_evidence(&app, zoe, 1).await;
    let hidden = stored_evidence(&app, zoe, 2).await;
    let walk: i64 = app
        .count(&format!(
            "select walkthrough_id from friction where id = {zoe}"
        ))
        .await;
    let person: i64 = app
        .count(&format!(
            "select person_id from walkthrough where id = {walk}"
        ))
        .await;
    let existing: i64 = app
        .count(&format!(
            "select coalesce(max(id), 0) from presentation where walkthrough_id = {walk}"
        ))
        .await;
    let presentation = if existing > 0 {
        existing
    } else {
        draft_presentation(
            &app,
            &CompletedWalk {
                id: walk,
                person_id: person,
                findings: vec![],
            },
        )
        .await
    };
    app.exec(
        "insert into presentation_sensitive_evidence (presentation_id, evidence_id, created_at)
         values ($1, $2, $3)",
        &[
            presentation.into(),
            hidden.into(),
            chrono::Utc::now().into(),
        ],
    )
    .await;
    let get = |client: reqwest::Client, path: String| {
        let url = format!("{}{path}", app.base);
        async move { client.get(url).send().await.expect("file").status() }
    };
    // The inbox lists the shown photo with the friction, never the sensitive one.
    let lead = app.client_for(LEAD).await;
    let inbox: serde_json::Value =
        serde_json::from_str(&app.call_as(&lead, "improvements/inbox", &[]).await.body)
            .expect("json");
    let item = inbox["rows"]["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|f| f["id"] == zoe)
        .cloned()
        .expect("Zoë's friction in the inbox");
    let listed: Vec<i64> = item["evidence"]
        .as_array()
        .expect("evidence")
        .iter()
        .map(|e| e["id"].as_i64().expect("id"))
        .collect();
    assert!(
        listed.contains(&shown) && !listed.contains(&hidden),
        "{listed:?}"
    );
    for who in [LEAD, CX] {
        let client = app.client_for(who).await;
        assert_eq!(
            get(client.clone(), format!("/evidence/{shown}")).await,
            StatusCode::OK,
            "{who}"
        );
        assert_eq!(
            get(client.clone(), format!("/evidence/{shown}/thumb")).await,
            StatusCode::OK,
            "{who}"
        );
        assert_eq!(
            get(client.clone(), format!("/evidence/{hidden}")).await,
            StatusCode::FORBIDDEN,
            "{who}"
        );
        assert_eq!(
            get(client, format!("/evidence/{hidden}/thumb")).await,
            StatusCode::FORBIDDEN,
            "{who}"
        );
    }
    for who in [OTHER_LEAD, STRANGER, REPORTER] {
        let client = app.client_for(who).await;
        assert_eq!(
            get(client.clone(), format!("/evidence/{shown}")).await,
            StatusCode::FORBIDDEN,
            "{who}"
        );
        assert_eq!(
            get(client, format!("/evidence/{shown}/thumb")).await,
            StatusCode::FORBIDDEN,
            "{who}"
        );
    }
    // The inbox shows the thumbnail that may travel and not the other.
    let lead = app.client_for(LEAD).await;
    let page = lead
        .get(format!("{}/improvements/inbox", app.base))
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("body");
    assert!(page.contains(&format!("/evidence/{shown}/thumb")));
    assert!(!page.contains(&format!("/evidence/{hidden}")));
}

/// The forms offer the scope's own choices: a lead the steps and open improvements of their team
/// and its leads and CX members as owners (never the whole team), CX every team's; a chosen
/// journey narrows the steps.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_forms_offer_the_scopes_own_choices() {
    let app = TestApp::spawn().await;
    let ids = |page: &serde_json::Value, list: &str| -> Vec<i64> {
        page[list]
            .as_array()
            .unwrap_or_else(|| panic!("{list}"))
            .iter()
            .map(|o| o["id"].as_i64().expect("id"))
            .collect()
    };
    let load = |client: reqwest::Client, form: Vec<(&'static str, String)>| {
        let app = &app;
        async move {
            let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let a = app.call_as(&client, "improvements/inbox", &pairs).await;
            assert_eq!(a.status, StatusCode::OK, "{}", a.body);
            serde_json::from_str::<serde_json::Value>(&a.body).expect("json")
        }
    };
    let team_of = |sql: String| {
        let app = &app;
        async move { app.count(&sql).await }
    };
    let lead_team = team_of(format!("select team_id from person where email = '{LEAD}'")).await;
    let lead = load(app.client_for(LEAD).await, vec![]).await;
    let steps = ids(&lead, "steps");
    assert!(!steps.is_empty());
    for step in &steps {
        assert_eq!(
            team_of(format!(
                "select team_id from journey_step where id = {step}"
            ))
            .await,
            lead_team,
            "step {step}"
        );
    }
    let owners = ids(&lead, "owners");
    assert!(
        owners.contains(&app.person_id(LEAD).await),
        "the lead themselves"
    );
    assert!(
        !owners.contains(&app.person_id(STRANGER).await),
        "a team member without a lead's role"
    );
    for owner in &owners {
        assert_eq!(
            app.count(&format!(
                "select count(*) from person p where p.id = {owner} and p.team_id = {lead_team}
                   and exists (select 1 from person_role r where r.person_id = p.id
                               and r.role in ('reviewer', 'cx'))"
            ))
            .await,
            1,
            "owner {owner}"
        );
    }
    for improvement in ids(&lead, "improvements") {
        assert_eq!(
            app.count(&format!(
                "select count(*) from improvement where id = {improvement} and team_id = {lead_team}
                   and status not in ('fixed', 'wont_fix')"
            ))
            .await,
            1
        );
    }
    assert_eq!(
        lead["teams"].as_array().expect("teams").len() as i64,
        app.count("select count(*) from team").await
    );
    let cx = load(app.client_for(CX).await, vec![]).await;
    assert_eq!(
        ids(&cx, "steps").len() as i64,
        app.count(
            "select count(*) from journey_step s join journey j on j.id = s.journey_id
             where j.status <> 'draft'"
        )
        .await
    );
    assert_eq!(
        ids(&cx, "improvements").len() as i64,
        app.count("select count(*) from improvement where status not in ('fixed', 'wont_fix')")
            .await
    );
    let journey = ids(&cx, "journeys")[0];
    let narrowed = load(
        app.client_for(CX).await,
        vec![("journey", journey.to_string())],
    )
    .await;
    for step in ids(&narrowed, "steps") {
        assert_eq!(
            app.count(&format!(
                "select j.family_id from journey_step s join journey j on j.id = s.journey_id
                 where s.id = {step}"
            ))
            .await,
            journey
        );
    }
}
