//! An improvement's life over HTTP: its page and the overview for every role, status changes with
//! history, audit and the fan-out to reporters and recognisers, the managers' edit with bad input
//! (also without JavaScript), the version check, the insert-only history, and the CSV export.
//!
//! Test setup: improvements are made by the triage in the inbox; these tests make them (and the
//! triage rows linking frictions) with a few SQL inserts on top of the demo data's completed
//! walkthroughs' frictions, so they test the life of an improvement, not how it was born.

use crate::common::{EMPLOYEE, HR, REVIEWER, TestApp};
use chrono::{DateTime, Utc};
use reqwest::StatusCode;

const CX: &str = "wouter.brouwer@dijkhuis.example";
/// A lead (reviewer) of another team than the improvement's.
const OTHER_LEAD: &str = "ahmed.bouzid@dijkhuis.example";

/// An improvement made by the setup, and the people around it.
struct Seeded {
    id: i64,
    team_id: i64,
    frictions: Vec<i64>,
    /// A walker of a linked friction, with no role that manages or reads everything.
    reporter_email: String,
    /// An employee who neither reported nor recognised a linked friction.
    stranger_email: String,
}

/// Test setup: an improvement owned by the demo reviewer's team, linking every friction of
/// completed demo walkthroughs on the step that has the most of them (`limit` at most), with a
/// history row for its creation; and recognitions making the fan-out interesting (an employee,
/// a reporter recognising another's friction, and the CX member who will act).
async fn seed(app: &TestApp, title: &str, limit: i64) -> Seeded {
    let pool = &app.state.pool;
    let lead = app.person_id(REVIEWER).await;
    let team_id: i64 = app
        .scalar("select team_id from person where id = $1", &[lead.into()])
        .await;
    let (step_id, family): (i64, i64) = app
        .rows(
            "select f.step_id, j.family_id from friction f
         join walkthrough w on w.id = f.walkthrough_id
         join journey_step s on s.id = f.step_id join journey j on j.id = s.journey_id
         where w.status = 'completed' and f.kind = 'friction'
           and f.id not in (select friction_id from friction_triage)
         group by f.step_id, j.family_id order by count(*) desc, f.step_id limit 1",
            &[],
        )
        .await
        .into_iter()
        .next()
        .expect("a step with demo frictions");
    let now = chrono::Utc::now();
    let id: i64 = app.scalar("insert into improvement (title, problem, team_id, journey_family_id, step_id, priority,
                                  last_activity_at, created_by, created_at, updated_at)
         values ($1, 'Klanten lopen hier vast.', $2, $3, $4, 'medium', $5, $6, $7, $8) returning id", &[title.into(), team_id.into(), family.into(), step_id.into(), now.into(), lead.into(), now.into(), now.into()]).await;
    app.exec("insert into improvement_history (improvement_id, actor_id, to_status, created_at, updated_at)
         values ($1, $2, 'new', $3, $4)", &[id.into(), lead.into(), now.into(), now.into()]).await;
    let frictions: Vec<i64> = crate::common::sql::column(
        &app.state.pool,
        "select f.id from friction f join walkthrough w on w.id = f.walkthrough_id
         where w.status = 'completed' and f.kind = 'friction' and f.step_id = $1
           and f.id not in (select friction_id from friction_triage)
         order by f.id limit $2",
        &[step_id.into(), limit.into()],
    )
    .await;
    for (i, friction) in frictions.iter().enumerate() {
        let gap = ["delivery", "communication"][i % 2];
        app.exec(
            "insert into friction_triage (friction_id, outcome, improvement_id, gap, triaged_by,
                                          created_at, updated_at)
             values ($1, 'improvement', $2, $3, $4, $5, $6)",
            &[
                friction.into(),
                id.into(),
                gap.into(),
                lead.into(),
                now.into(),
                now.into(),
            ],
        )
        .await;
    }
    let recognise = |friction: i64, person: i64| async move {
        app.exec(
            "insert into friction_recognition (friction_id, person_id, created_at, updated_at)
             values ($1, $2, $3, $4) on conflict do nothing",
            &[friction.into(), person.into(), now.into(), now.into()],
        )
        .await;
    };
    let reporter_email: String = app
        .scalar(
            "select p.email from friction f join walkthrough w on w.id = f.walkthrough_id
         join person p on p.id = w.person_id
         where f.id in (select friction_id from friction_triage where improvement_id = $1)
           and p.active
           and not exists (select 1 from person_role r where r.person_id = p.id
                           and r.role in ('cx', 'hr', 'admin', 'reviewer'))
         order by f.id limit 1",
            &[id.into()],
        )
        .await;
    let reporter = app.person_id(&reporter_email).await;
    let stranger_email: String = app.scalar("select p.email from person p where p.active and p.password_hash is not null
           and not exists (select 1 from person_role r where r.person_id = p.id and r.role <> 'employee')
           and p.id not in (select w.person_id from walkthrough w join friction f on f.walkthrough_id = w.id
                            join friction_triage t on t.friction_id = f.id where t.improvement_id = $1)
           and p.id not in (select r.person_id from friction_recognition r
                            join friction_triage t on t.friction_id = r.friction_id
                            where t.improvement_id = $2)
           and p.email <> $3
         order by p.id limit 1", &[id.into(), id.into(), EMPLOYEE.into()]).await;
    recognise(frictions[0], app.person_id(EMPLOYEE).await).await;
    if let Some(other) = frictions.get(1) {
        recognise(*other, reporter).await;
    }
    recognise(frictions[0], app.person_id(CX).await).await;
    // Rows written straight into the database: count them as seeding in bulk does.
    klantenrijbewijs::db::improvement::tally::rebuild(pool)
        .await
        .expect("recount");
    Seeded {
        id,
        team_id,
        frictions,
        reporter_email,
        stranger_email,
    }
}

async fn version(app: &TestApp, id: i64) -> i64 {
    app.count(&format!("select version from improvement where id = {id}"))
        .await
}

/// Posts a status change through `client` as the app does (JSON answer).
async fn set_status(
    app: &TestApp,
    client: &reqwest::Client,
    id: i64,
    status: &str,
    comment: &str,
) -> crate::common::Answer {
    let v = version(app, id).await.to_string();
    let id = id.to_string();
    app.call_as(
        client,
        "improvements/status",
        &[
            ("form[id]", id.as_str()),
            ("form[version]", v.as_str()),
            ("form[status]", status),
            ("form[comment]", comment),
        ],
    )
    .await
}

async fn page_as(app: &TestApp, client: &reqwest::Client, path: &str) -> crate::common::Answer {
    let res = client
        .get(format!("{}{path}", app.base))
        .header("accept", "text/html")
        .send()
        .await
        .expect("page");
    let status = res.status();
    let headers = res.headers().clone();
    crate::common::Answer {
        status,
        headers,
        body: res.text().await.expect("body"),
    }
}

/// Rows that any change writes; a refused request must leave every one of them as it was.
async fn written(app: &TestApp, id: i64) -> (i64, i64, i64, i64, i64) {
    (
        app.count(&format!(
            "select count(*) from improvement_history where improvement_id = {id}"
        ))
        .await,
        app.count("select count(*) from audit_event").await,
        app.count(&format!(
            "select count(*) from notification where improvement_id = {id}"
        ))
        .await,
        app.count(&format!(
            "select count(*) from improvement_mail where improvement_id = {id}"
        ))
        .await,
        version(app, id).await,
    )
}

#[tokio::test]
async fn the_page_shows_each_role_what_it_may_see() {
    let app = TestApp::spawn().await;
    let s = seed(&app, "Terugbelverzoek aanbieden", 10).await;
    let path = format!("/improvements/{}", s.id);
    let linked = format!("id=\"friction-{}\"", s.frictions[0]);
    let cases = [
        (REVIEWER, true, true),
        (CX, true, true),
        (HR, true, false),
        (OTHER_LEAD, false, false),
        (s.reporter_email.as_str(), false, false),
        (s.stranger_email.as_str(), false, false),
    ];
    for (email, sees_frictions, manages) in cases {
        let client = app.client_for(email).await;
        let page = page_as(&app, &client, &path).await;
        assert_eq!(page.status, StatusCode::OK, "{email}");
        assert!(page.body.contains("Terugbelverzoek aanbieden"), "{email}");
        assert!(
            page.body.contains("Prioriteitsscore"),
            "{email}: score explained"
        );
        assert!(page.body.contains("Geschiedenis"), "{email}: history");
        assert_eq!(
            page.body.contains(&linked),
            sees_frictions,
            "{email}: linked frictions"
        );
        assert_eq!(
            page.body.contains("Gemeld door"),
            sees_frictions,
            "{email}: reporters"
        );
        assert_eq!(
            page.body.contains("improvements/status"),
            manages,
            "{email}: status form"
        );
    }
    let lead = app.client_for(REVIEWER).await;
    let missing = page_as(&app, &lead, "/improvements/999999").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    let anonymous = app.page(&path).await;
    assert!(
        anonymous.status.is_redirection() || !anonymous.body.contains("Terugbelverzoek"),
        "not signed in: nothing shown"
    );
    let data = app
        .call_as(
            &app.client_for(&s.stranger_email).await,
            "improvements/page",
            &[("id", &s.id.to_string())],
        )
        .await;
    assert_eq!(data.status, StatusCode::OK);
    let value: serde_json::Value = serde_json::from_str(&data.body).expect("json");
    assert_eq!(value["frictions"].as_array().map(Vec::len), Some(0));
    assert_eq!(value["reporters"], 0, "a summary never counts the people");
}

#[tokio::test]
async fn only_managers_change_and_a_refusal_writes_nothing() {
    let app = TestApp::spawn().await;
    let s = seed(&app, "Polisnummer in de bevestiging", 10).await;
    let before = written(&app, s.id).await;
    for email in [
        OTHER_LEAD,
        HR,
        s.reporter_email.as_str(),
        s.stranger_email.as_str(),
    ] {
        let client = app.client_for(email).await;
        let a = set_status(&app, &client, s.id, "fixed", "").await;
        assert_eq!(a.status, StatusCode::FORBIDDEN, "{email}: {}", a.body);
        let v = version(&app, s.id).await.to_string();
        let id = s.id.to_string();
        let edit = app
            .call_as(
                &client,
                "improvements/edit",
                &[
                    ("form[id]", id.as_str()),
                    ("form[version]", v.as_str()),
                    ("form[title]", "Overgenomen"),
                    ("form[problem]", "x"),
                    ("form[team]", "1"),
                    ("form[priority]", "high"),
                ],
            )
            .await;
        assert_eq!(edit.status, StatusCode::FORBIDDEN, "{email}: {}", edit.body);
    }
    assert_eq!(written(&app, s.id).await, before, "nothing written");
    let missing = app
        .call_as(
            &app.client_for(CX).await,
            "improvements/status",
            &[
                ("form[id]", "999999"),
                ("form[version]", "0"),
                ("form[status]", "fixed"),
            ],
        )
        .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    // The owner manages it without being a lead or CX.
    let owner = app.person_id(&s.reporter_email).await;
    app.exec(
        "update improvement set owner_id = $1 where id = $2",
        &[owner.into(), s.id.into()],
    )
    .await;
    let client = app.client_for(&s.reporter_email).await;
    let a = set_status(&app, &client, s.id, "planned", "").await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    // The lead of the owning team too.
    let lead = app.client_for(REVIEWER).await;
    let a = set_status(&app, &lead, s.id, "in_progress", "Sprint 3").await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    assert_eq!(
        app.count(&format!(
            "select count(*) from improvement where id = {} and status = 'in_progress'",
            s.id
        ))
        .await,
        1
    );
}

/// `column` (`p.id` or `p.email`) of everyone a closing by CX must tell: the active reporters and
/// recognisers of the linked frictions, never CX itself; in order.
async fn to_be_told<T>(app: &TestApp, id: i64, column: &str) -> Vec<T>
where
    (T,): for<'r> sqlx::FromRow<'r, sqlx::sqlite::SqliteRow>
        + for<'r> sqlx::FromRow<'r, sqlx::postgres::PgRow>
        + Send
        + Unpin,
{
    let actor = app.person_id(CX).await;
    crate::common::sql::column(&app.state.pool, &format!(
        "select distinct {column} from person p where p.active and p.id <> $1 and p.id in (
             select w.person_id from friction_triage t join friction f on f.id = t.friction_id
             join walkthrough w on w.id = f.walkthrough_id where t.improvement_id = $2
             union
             select r.person_id from friction_triage t
             join friction_recognition r on r.friction_id = t.friction_id where t.improvement_id = $3)
         order by {column}"
    ), &[actor.into(), id.into(), id.into()]).await
}

#[tokio::test]
async fn fixing_tells_every_reporter_and_recogniser_once_and_never_the_actor() {
    let app = TestApp::spawn().await;
    let s = seed(&app, "Foto's bewaren bij vastlopen", 10).await;
    let actor = app.person_id(CX).await;
    let expected: Vec<i64> = to_be_told(&app, s.id, "p.id").await;
    assert!(
        expected.len() >= 3,
        "reporters and recognisers: {expected:?}"
    );
    assert!(
        expected.contains(&app.person_id(EMPLOYEE).await),
        "the recogniser"
    );
    let cx = app.client_for(CX).await;
    let fixed = set_status(&app, &cx, s.id, "fixed", "Terugbelknop staat live.").await;
    assert_eq!(fixed.status, StatusCode::OK, "{}", fixed.body);
    let history_id: i64 = fixed.body.trim().parse().expect("history id");
    for person in &expected {
        let notes = app
            .count(&format!(
                "select count(*) from notification where person_id = {person}
                 and improvement_id = {} and kind = 'improvement_fixed'",
                s.id
            ))
            .await;
        assert_eq!(notes, 1, "person {person}: one notification");
        let mails = app
            .count(&format!(
                "select count(*) from improvement_mail where recipient_id = {person}
                 and improvement_id = {} and event = 'fixed' and period = '{history_id}'",
                s.id
            ))
            .await;
        assert_eq!(mails, 1, "person {person}: one mail row");
    }
    assert_eq!(
        app.count(&format!(
            "select count(*) from notification where improvement_id = {}",
            s.id
        ))
        .await,
        expected.len() as i64
    );
    assert_eq!(
        app.count(&format!(
            "select count(*) from improvement_mail where improvement_id = {}",
            s.id
        ))
        .await,
        expected.len() as i64
    );
    for table in [
        "notification where person_id",
        "improvement_mail where recipient_id",
    ] {
        assert_eq!(
            app.count(&format!("select count(*) from {table} = {actor}"))
                .await,
            0,
            "the actor is not told"
        );
    }
    let (fixed_at, closed_at): (Option<DateTime<Utc>>, Option<DateTime<Utc>>) = app
        .rows(
            "select fixed_at, closed_at from improvement where id = $1",
            &[s.id.into()],
        )
        .await
        .into_iter()
        .next()
        .expect("dates");
    assert!(fixed_at.is_some() && closed_at.is_some());
    assert_eq!(
        app.count(&format!(
            "select count(*) from improvement_history where id = {history_id}
             and from_status = 'new' and to_status = 'fixed' and actor_id = {actor}
             and comment = 'Terugbelknop staat live.'"
        ))
        .await,
        1
    );
    assert_eq!(
        app.count("select count(*) from audit_event where action = 'improvement_status_changed'")
            .await,
        1
    );
    // The reporter reads it in the app.
    let reporter = app.client_for(&s.reporter_email).await;
    let mine = page_as(&app, &reporter, &format!("/improvements/{}", s.id)).await;
    assert!(mine.body.contains("Opgelost"), "the reporter sees it fixed");

    // Reopening clears closed_at and tells nobody; won't fix tells everyone again, once.
    let silent = set_status(&app, &cx, s.id, "in_progress", "").await;
    assert_eq!(silent.status, StatusCode::UNPROCESSABLE_ENTITY);
    let reopened = set_status(&app, &cx, s.id, "in_progress", "Twee lopers zien het nog.").await;
    assert_eq!(reopened.status, StatusCode::OK, "{}", reopened.body);
    let closed: Option<DateTime<Utc>> = app
        .scalar(
            "select closed_at from improvement where id = $1",
            &[s.id.into()],
        )
        .await;
    assert_eq!(closed, None);
    let before = app
        .count(&format!(
            "select count(*) from notification where improvement_id = {}",
            s.id
        ))
        .await;
    assert_eq!(before, expected.len() as i64, "reopening tells nobody");
    let wont = set_status(
        &app,
        &cx,
        s.id,
        "wont_fix",
        "Wettelijk verplicht formulier.",
    )
    .await;
    assert_eq!(wont.status, StatusCode::OK, "{}", wont.body);
    assert_eq!(
        app.count(&format!(
            "select count(*) from improvement_mail where improvement_id = {} and event = 'wont_fix'",
            s.id
        ))
        .await,
        expected.len() as i64
    );
    assert_eq!(
        app.count(&format!(
            "select count(*) from notification where improvement_id = {} and kind = 'improvement_wont_fix'",
            s.id
        ))
        .await,
        expected.len() as i64
    );
}

#[tokio::test]
async fn bad_input_names_every_field_and_writes_nothing() {
    let app = TestApp::spawn().await;
    let s = seed(&app, "Kenteken twee keer", 5).await;
    let lead = app.client_for(REVIEWER).await;
    let before = written(&app, s.id).await;
    let a = set_status(&app, &lead, s.id, "wont_fix", "   ").await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        crate::common::field_error(&a.body, "comment").as_deref(),
        Some("improvement-life-error-reason")
    );
    let a = set_status(&app, &lead, s.id, "done", "").await;
    assert_eq!(
        crate::common::field_error(&a.body, "status").as_deref(),
        Some("improvement-error-status")
    );
    let a = set_status(&app, &lead, s.id, "new", "").await;
    assert_eq!(
        crate::common::field_error(&a.body, "status").as_deref(),
        Some("improvement-life-error-move")
    );
    let long = "x".repeat(4001);
    let id = s.id.to_string();
    let v = version(&app, s.id).await.to_string();
    let edit = app
        .call_as(
            &lead,
            "improvements/edit",
            &[
                ("form[id]", id.as_str()),
                ("form[version]", v.as_str()),
                ("form[title]", " "),
                ("form[problem]", long.as_str()),
                ("form[team]", "geen"),
                ("form[owner]", "niemand"),
                ("form[due_on]", "31-02-2027"),
                ("form[priority]", "urgent"),
            ],
        )
        .await;
    assert_eq!(
        edit.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        edit.body
    );
    for (field, key) in [
        ("title", "error-required"),
        ("problem", "error-too-long"),
        ("team", "improvement-life-error-team"),
        ("owner", "improvement-life-error-owner"),
        ("due_on", "improvement-life-error-date"),
        ("priority", "improvement-error-priority"),
    ] {
        assert_eq!(
            crate::common::field_error(&edit.body, field).as_deref(),
            Some(key),
            "{field}"
        );
    }
    let unknown = app
        .call_as(
            &lead,
            "improvements/edit",
            &[
                ("form[id]", id.as_str()),
                ("form[version]", v.as_str()),
                ("form[title]", "Kenteken één keer vragen"),
                ("form[problem]", "Klanten typen hun kenteken twee keer."),
                ("form[team]", "999999"),
                ("form[owner]", "onbekend@dijkhuis.example"),
                ("form[priority]", "high"),
            ],
        )
        .await;
    assert_eq!(
        crate::common::field_error(&unknown.body, "owner").as_deref(),
        Some("improvement-life-error-owner-unknown")
    );
    assert_eq!(
        crate::common::field_error(&unknown.body, "team").as_deref(),
        Some("improvement-life-error-team")
    );
    assert_eq!(written(&app, s.id).await, before, "nothing written");
}

#[tokio::test]
async fn without_javascript_a_refused_form_comes_back_with_what_was_typed() {
    let app = TestApp::spawn().await;
    let s = seed(&app, "Eigen risico zoeken", 5).await;
    app.login_ok(REVIEWER).await;
    let page = format!("/improvements/{}", s.id);
    let id = s.id.to_string();
    let v = version(&app, s.id).await.to_string();
    let posted = app
        .plain_post(
            "improvements/edit",
            &[
                ("form[id]", id.as_str()),
                ("form[version]", v.as_str()),
                ("form[title]", "Eigen risico <meteen> tonen"),
                ("form[problem]", "Klanten zoeken het eigen risico."),
                ("form[team]", &s.team_id.to_string()),
                ("form[owner]", ""),
                ("form[due_on]", "morgen"),
                ("form[priority]", "high"),
            ],
            &page,
        )
        .await;
    assert!(posted.status.is_redirection(), "{}", posted.status);
    let location = posted.headers["location"]
        .to_str()
        .expect("location")
        .to_owned();
    let back = app.page(&location.replace(&app.base, "")).await;
    assert!(
        back.body.contains("Eigen risico &lt;meteen&gt; tonen"),
        "typed title kept"
    );
    assert!(
        back.body.contains("Vul een geldige datum in"),
        "the date's error"
    );
    assert!(back.body.contains("value=\"morgen\""), "typed date kept");
    let status = app
        .plain_post(
            "improvements/status",
            &[
                ("form[id]", id.as_str()),
                ("form[version]", v.as_str()),
                ("form[status]", "wont_fix"),
                ("form[comment]", ""),
            ],
            &page,
        )
        .await;
    let location = status.headers["location"]
        .to_str()
        .expect("location")
        .to_owned();
    let back = app.page(&location.replace(&app.base, "")).await;
    assert!(
        back.body
            .contains("Geef de reden waarom dit niet wordt opgelost")
    );
    assert_eq!(version(&app, s.id).await.to_string(), v, "nothing written");
    // A good post goes back to the page with a notice.
    let ok = app
        .plain_post(
            "improvements/status",
            &[
                ("form[id]", id.as_str()),
                ("form[version]", v.as_str()),
                ("form[status]", "planned"),
                ("form[comment]", "Q1"),
            ],
            &page,
        )
        .await;
    let location = ok.headers["location"].to_str().expect("location");
    assert!(
        location.ends_with(&format!("{page}?status-changed=1")),
        "{location}"
    );
}

#[tokio::test]
async fn a_stale_version_is_refused_and_nothing_is_overwritten() {
    let app = TestApp::spawn().await;
    let s = seed(&app, "Status bleef op ontvangen", 5).await;
    let lead = app.client_for(REVIEWER).await;
    let cx = app.client_for(CX).await;
    let seen = version(&app, s.id).await.to_string();
    let id = s.id.to_string();
    let team = s.team_id.to_string();
    let edit = |client: reqwest::Client, title: &'static str| {
        let (app, id, seen, team) = (&app, id.clone(), seen.clone(), team.clone());
        async move {
            app.call_as(
                &client,
                "improvements/edit",
                &[
                    ("form[id]", id.as_str()),
                    ("form[version]", seen.as_str()),
                    ("form[title]", title),
                    ("form[problem]", "De status bleef twee dagen staan."),
                    ("form[team]", team.as_str()),
                    ("form[owner]", REVIEWER),
                    ("form[due_on]", "2027-03-01"),
                    ("form[priority]", "high"),
                ],
            )
            .await
        }
    };
    let first = edit(lead, "Status live bijwerken").await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.body);
    let second = edit(cx.clone(), "Statusmail sturen").await;
    assert_eq!(second.status, StatusCode::CONFLICT, "{}", second.body);
    assert!(second.body.contains("Conflict"));
    let title: String = app
        .scalar(
            "select title from improvement where id = $1",
            &[s.id.into()],
        )
        .await;
    assert_eq!(title, "Status live bijwerken");
    let stale = app
        .call_as(
            &cx,
            "improvements/status",
            &[
                ("form[id]", id.as_str()),
                ("form[version]", seen.as_str()),
                ("form[status]", "fixed"),
                ("form[comment]", ""),
            ],
        )
        .await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    assert_eq!(
        app.count(&format!(
            "select count(*) from improvement_history where improvement_id = {} and changed <> ''",
            s.id
        ))
        .await,
        1,
        "the edit's history row"
    );
    assert_eq!(
        app.count("select count(*) from audit_event where action = 'improvement_edited'")
            .await,
        1
    );
}

#[tokio::test]
async fn history_is_insert_only() {
    let app = TestApp::spawn().await;
    let s = seed(&app, "Wachtmuziek", 3).await;
    let update = crate::common::sql::try_exec(
        &app.state.pool,
        "update improvement_history set comment = 'anders' where improvement_id = $1",
        &[s.id.into()],
    )
    .await;
    assert!(update.is_err(), "an update is refused");
    let delete = crate::common::sql::try_exec(
        &app.state.pool,
        "delete from improvement_history where improvement_id = $1",
        &[s.id.into()],
    )
    .await;
    assert!(delete.is_err(), "a delete is refused");
}

#[tokio::test]
async fn linked_frictions_are_paged() {
    let app = TestApp::spawn().await;
    let s = seed(&app, "Veel meldingen", 200).await;
    let pool = &app.state.pool;
    // Test setup: 60 more triaged frictions on the improvement's step, from one test walkthrough.
    let walk = crate::common::completed_walkthrough(&app, EMPLOYEE).await;
    let step: i64 = app
        .scalar(
            "select step_id from improvement where id = $1",
            &[s.id.into()],
        )
        .await;
    let now = chrono::Utc::now();
    for n in 0..60 {
        let friction: i64 = app.scalar("insert into friction (walkthrough_id, step_id, kind, severity, title, created_at, updated_at)
             values ($1, $2, 'friction', 'papercut', $3, $4, $5) returning id", &[walk.id.into(), step.into(), format!("Extra melding {n:02}").into(), now.into(), now.into()]).await;
        app.exec("insert into friction_triage (friction_id, outcome, improvement_id, triaged_by, created_at, updated_at)
             values ($1, 'improvement', $2, $3, $4, $5)", &[friction.into(), s.id.into(), walk.person_id.into(), now.into(), now.into()]).await;
    }
    klantenrijbewijs::db::improvement::tally::rebuild(pool)
        .await
        .expect("recount");
    let total = 60 + s.frictions.len();
    let cx = app.client_for(CX).await;
    let first = page_as(&app, &cx, &format!("/improvements/{}", s.id)).await;
    assert_eq!(first.body.matches("class=\"friction\"").count(), 50);
    let pages = total.div_ceil(50);
    let last = page_as(&app, &cx, &format!("/improvements/{}?page={pages}", s.id)).await;
    assert_eq!(
        last.body.matches("class=\"friction\"").count(),
        total - 50 * (pages - 1)
    );
}

#[tokio::test]
async fn the_overview_shows_each_role_its_part_with_counts_and_filters() {
    let app = TestApp::spawn().await;
    let mine = seed(&app, "Autoschade fotos", 4).await;
    let other = seed(&app, "Ander team: wachttijd", 4).await;
    let other_team = app
        .count(&format!(
            "select team_id from person where email = '{OTHER_LEAD}'"
        ))
        .await;
    app.exec(
        "update improvement set team_id = $1, due_on = '2020-01-01' where id = $2",
        &[other_team.into(), other.id.into()],
    )
    .await;
    for (email, sees_mine, sees_other) in [
        (CX, true, true),
        (HR, true, true),
        (REVIEWER, true, false),
        (OTHER_LEAD, false, true),
    ] {
        let client = app.client_for(email).await;
        let page = page_as(&app, &client, "/improvements").await;
        assert_eq!(page.status, StatusCode::OK, "{email}");
        assert_eq!(page.body.contains("Autoschade fotos"), sees_mine, "{email}");
        assert_eq!(
            page.body.contains("Ander team: wachttijd"),
            sees_other,
            "{email}"
        );
    }
    for email in [mine.stranger_email.as_str(), mine.reporter_email.as_str()] {
        let client = app.client_for(email).await;
        let page = page_as(&app, &client, "/improvements").await;
        assert_eq!(page.status, StatusCode::FORBIDDEN, "{email}");
        assert!(!page.body.contains("Ander team"));
    }
    let cx = app.client_for(CX).await;
    let overview = |client: reqwest::Client, filter: Vec<(&'static str, String)>| {
        let app = &app;
        async move {
            let pairs: Vec<(&str, &str)> = filter.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let a = app.call_as(&client, "improvements/overview", &pairs).await;
            assert_eq!(a.status, StatusCode::OK, "{}", a.body);
            serde_json::from_str::<serde_json::Value>(&a.body).expect("json")
        }
    };
    let ids = |value: &serde_json::Value| -> Vec<i64> {
        value["rows"]
            .as_array()
            .expect("rows")
            .iter()
            .filter_map(|r| r["id"].as_i64())
            .collect()
    };
    // The demo data may hold improvements of its own: the counts are compared with theirs.
    let everything = overview(cx.clone(), vec![]).await;
    let demo_new = everything["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .filter(|r| r["id"] != mine.id && r["id"] != other.id && r["status"] == "new")
        .count() as i64;
    let new = overview(cx.clone(), vec![("status", "new".into())]).await;
    assert_eq!(new["total"], demo_new + 2);
    assert!(ids(&new).contains(&mine.id) && ids(&new).contains(&other.id));
    assert!(everything["summary"]["total"]["open"].as_i64() >= Some(2));
    let other_team_counts = everything["summary"]["teams"]
        .as_array()
        .expect("teams")
        .iter()
        .find(|t| t["team_id"] == other_team)
        .cloned()
        .expect("the other team's counts");
    assert!(
        other_team_counts["overdue"].as_i64() >= Some(1),
        "due in 2020"
    );
    let filtered = overview(
        cx.clone(),
        vec![("team", other_team.to_string()), ("gap", "delivery".into())],
    )
    .await;
    assert!(ids(&filtered).contains(&other.id));
    assert!(!ids(&filtered).contains(&mine.id), "another team");
    let fixed = overview(cx.clone(), vec![("status", "fixed".into())]).await;
    assert!(!ids(&fixed).contains(&mine.id) && !ids(&fixed).contains(&other.id));
    let last_year = (chrono::Utc::now()
        .format("%Y")
        .to_string()
        .parse::<i32>()
        .expect("year")
        - 1)
    .to_string();
    let old = overview(cx.clone(), vec![("year", last_year)]).await;
    assert!(!ids(&old).contains(&mine.id), "made this year");
    // A lead asking for another team's part still gets only their own.
    let lead = app.client_for(REVIEWER).await;
    let sneaky = overview(lead, vec![("team", other_team.to_string())]).await;
    assert!(!ids(&sneaky).contains(&other.id));
    assert!(
        sneaky["rows"]
            .as_array()
            .expect("rows")
            .iter()
            .all(|r| r["team_id"] == mine.team_id)
    );
}

#[tokio::test]
async fn the_export_has_the_filter_neutralises_formulas_and_is_audited() {
    let app = TestApp::spawn().await;
    let s = seed(&app, "=HYPERLINK(\"http://evil.example\")", 4).await;
    let cx = app.client_for(CX).await;
    let res = cx
        .get(format!("{}/improvements/export.csv?status=new", app.base))
        .send()
        .await
        .expect("export");
    assert_eq!(res.status(), StatusCode::OK);
    assert!(
        res.headers()["content-type"]
            .to_str()
            .expect("type")
            .starts_with("text/csv")
    );
    let bytes = res.bytes().await.expect("bytes");
    assert!(bytes.starts_with("\u{feff}".as_bytes()), "BOM");
    let text = String::from_utf8(bytes[3..].to_vec()).expect("utf-8");
    let mut lines = text.lines();
    let header = lines.next().expect("header");
    assert!(header.starts_with("Nummer;Titel;Team;"), "{header}");
    let row = lines
        .find(|l| l.starts_with(&format!("{};", s.id)))
        .expect("the improvement's row");
    assert!(
        row.starts_with(&format!("{};\"'=HYPERLINK(", s.id)),
        "{row}"
    );
    assert!(row.contains(";Nieuw;"), "{row}");
    assert!(lines.all(|l| l.contains(";Nieuw;")), "only new ones");
    assert_eq!(
        app.count("select count(*) from audit_event where action = 'improvements_exported'")
            .await,
        1
    );
    let fixed = cx
        .get(format!("{}/improvements/export.csv?status=fixed", app.base))
        .send()
        .await
        .expect("export")
        .text()
        .await
        .expect("text");
    assert!(!fixed.contains("HYPERLINK"), "not a fixed one");
    let stranger = app.client_for(&s.stranger_email).await;
    let refused = stranger
        .get(format!("{}/improvements/export.csv", app.base))
        .send()
        .await
        .expect("export");
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    let other = app.client_for(OTHER_LEAD).await;
    let theirs = other
        .get(format!("{}/improvements/export.csv", app.base))
        .send()
        .await
        .expect("export")
        .text()
        .await
        .expect("text");
    assert!(
        !theirs.contains("HYPERLINK"),
        "another team's lead exports only their own"
    );
    let anonymous = app
        .client
        .get(format!("{}/improvements/export.csv", app.base))
        .send()
        .await
        .expect("export");
    assert!(anonymous.status().is_redirection());
    assert_eq!(
        app.count("select count(*) from audit_event where action = 'improvements_exported'")
            .await,
        3,
        "every export that ran is audited, refusals are not"
    );
}

#[tokio::test]
async fn evidence_marked_sensitive_never_reaches_the_improvement_page() {
    let app = TestApp::spawn().await;
    let s = seed(&app, "Formulier wist alles", 3).await;
    // Test setup: a test walkthrough's blocker linked to the improvement, with two photos, one of
    // which its walker marked sensitive on their presentation.
    let walk = crate::common::completed_walkthrough(&app, EMPLOYEE).await;
    let friction = walk.findings[2];
    let presentation = crate::common::draft_presentation(&app, &walk).await;
    let now = chrono::Utc::now();
    app.exec("insert into friction_triage (friction_id, outcome, improvement_id, triaged_by, created_at, updated_at)
         values ($1, 'improvement', $2, $3, $4, $5)", &[friction.into(), s.id.into(), walk.person_id.into(), now.into(), now.into()]).await;
    let mut photos = Vec::new();
    for name in ["scherm.png", "polis-met-bsn.png"] {
        let id: i64 = app.scalar("insert into evidence (walkthrough_id, step_id, friction_id, storage_name, content_type,
                                   byte_size, thumbnail_name, original_name, created_by, created_at,
                                   updated_at)
             select $1, step_id, id, $2, 'image/png', 1000, $3, $4, $5, $6, $7 from friction where id = $8
             returning id", &[walk.id.into(), format!("store-{name}").into(), format!("thumb-{name}").into(), name.into(), walk.person_id.into(), now.into(), now.into(), friction.into()]).await;
        photos.push(id);
    }
    app.exec(
        "insert into presentation_sensitive_evidence (presentation_id, evidence_id, created_at)
         values ($1, $2, $3)",
        &[presentation.into(), photos[1].into(), now.into()],
    )
    .await;
    let path = format!("/improvements/{}", s.id);
    for email in [CX, HR, REVIEWER] {
        let page = page_as(&app, &app.client_for(email).await, &path).await;
        assert!(
            page.body
                .contains(&format!("/evidence/{}/thumb", photos[0])),
            "{email}: the photo"
        );
        assert!(
            !page.body.contains(&format!("/evidence/{}", photos[1])),
            "{email}: never the sensitive one"
        );
        assert!(!page.body.contains("polis-met-bsn"), "{email}");
    }
    let summary = page_as(&app, &app.client_for(OTHER_LEAD).await, &path).await;
    assert!(
        !summary.body.contains("/evidence/"),
        "a summary shows no evidence"
    );
}

/// Fixing it over HTTP mails every reporter and recogniser once, in the background, through the
/// real SMTP sink: the status change answers before the mail is out, and the mail carries the
/// improvement's title and its link; every row ends up sent and nothing goes out twice.
#[tokio::test]
async fn fixing_mails_every_reporter_and_recogniser_once_over_smtp() {
    let sink = crate::common::smtp::SmtpSink::start();
    let smtp = sink.url();
    let app = TestApp::spawn_configured(true, |c| c.smtp_url = Some(smtp)).await;
    let s = seed(&app, "Foto's bewaren bij vastlopen", 10).await;
    let expected: Vec<String> = to_be_told(&app, s.id, "p.email").await;
    assert!(expected.len() >= 3, "{expected:?}");
    let cx = app.client_for(CX).await;
    let fixed = set_status(&app, &cx, s.id, "fixed", "Terugbelknop staat live.").await;
    assert_eq!(fixed.status, StatusCode::OK, "{}", fixed.body);

    let mails = sink.wait_for(expected.len()).await;
    let mut to: Vec<String> = mails.iter().flat_map(|m| m.to.clone()).collect();
    to.sort();
    assert_eq!(to, expected, "one message each, never the actor");
    for mail in &mails {
        let text = mail.text.as_deref().unwrap_or_default();
        assert!(
            text.contains(&format!("/improvements/{}", s.id)),
            "link in {text}"
        );
        assert!(
            mail.subject.contains("Foto's bewaren bij vastlopen"),
            "{}",
            mail.subject
        );
    }
    // Every row ends up marked sent (just after the SMTP server accepted it).
    let unsent = format!(
        "select count(*) from improvement_mail where improvement_id = {} and sent_at is null",
        s.id
    );
    for _ in 0..50 {
        if app.count(&unsent).await == 0 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(app.count(&unsent).await, 0, "every row marked sent");
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(sink.messages().len(), expected.len(), "nothing sent twice");
}
