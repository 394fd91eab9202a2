//! The HR dashboard over real HTTP: employees are refused everywhere (pages, server functions,
//! export); a reviewer sees their direct reports only; HR sees everyone; the counts equal the
//! domain's standing of every demo person (and the SQL status rule equals the domain rule); the
//! filters narrow; a sign-off moves one person from never certified to valid; the drill-down
//! pages cover each person once; a nudge writes N notifications and one audit event, and a
//! refused nudge writes nothing, and it mails each person once (real SMTP server); the export
//! parses back as CSV; the figures the server keeps between changes follow every change.

use crate::common;

use common::*;
use klantenrijbewijs::domain::licence::{LicenceStatus, amsterdam_date, standing};
use reqwest::StatusCode;
use std::collections::{HashMap, HashSet};

const FLOOR: &str = "floor.janssen@dijkhuis.example";
const AHMED: &str = "ahmed.bouzid@dijkhuis.example";

fn json(body: &str) -> serde_json::Value {
    serde_json::from_str(body).unwrap_or_else(|e| panic!("json ({e}): {body}"))
}

/// The counts of a dashboard answer by status code.
fn counts(dash: &serde_json::Value) -> HashMap<&'static str, i64> {
    let by = dash["total"]["by_status"].as_array().expect("by_status");
    LicenceStatus::ALL
        .iter()
        .zip(by)
        .map(|(s, n)| (s.code(), n.as_i64().expect("count")))
        .collect()
}

/// Every person's status by the domain rule, today.
async fn domain_statuses(app: &TestApp) -> HashMap<i64, LicenceStatus> {
    let db = &app.state.pool;
    let settings = klantenrijbewijs::db::licence::settings(db)
        .await
        .expect("settings");
    let today = amsterdam_date(chrono::Utc::now());
    let ids: Vec<i64> = crate::common::sql::column(db, "select id from person", &[]).await;
    let mut map = HashMap::new();
    for id in ids {
        let current = klantenrijbewijs::db::licence::current(db, id)
            .await
            .expect("current");
        map.insert(
            id,
            standing(current.map(|c| c.current()), &settings, today).status,
        );
    }
    map
}

/// Domain counts over the active people `sql` selects (a `select id from person ...`).
async fn expected(app: &TestApp, sql: &str) -> HashMap<&'static str, i64> {
    let statuses = domain_statuses(app).await;
    let ids: Vec<i64> = crate::common::sql::column(&app.state.pool, sql, &[]).await;
    let mut map: HashMap<&'static str, i64> =
        LicenceStatus::ALL.iter().map(|s| (s.code(), 0)).collect();
    for id in ids {
        *map.entry(statuses[&id].code()).or_default() += 1;
    }
    map
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_sql_status_rule_equals_the_domain_rule_for_every_demo_person() {
    let app = TestApp::spawn().await;
    let db = &app.state.pool;
    let settings = klantenrijbewijs::db::licence::settings(db)
        .await
        .expect("settings");
    let today = amsterdam_date(chrono::Utc::now());
    let sql = klantenrijbewijs::db::coverage::all_statuses(db, today, &settings)
        .await
        .expect("sql statuses");
    let domain = domain_statuses(&app).await;
    assert_eq!(sql.len(), domain.len());
    let seen: HashSet<LicenceStatus> = sql.iter().map(|(_, s)| *s).collect();
    assert!(seen.len() >= 5, "the demo data has most statuses: {seen:?}");
    for (id, status) in sql {
        assert_eq!(status, domain[&id], "person {id}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn employees_are_refused_everywhere() {
    let app = TestApp::spawn().await;
    app.login_ok(EMPLOYEE).await;
    for page in ["/hr", "/hr/coverage", "/hr/coverage/nudge"] {
        assert_eq!(app.page(page).await.status, StatusCode::FORBIDDEN, "{page}");
    }
    assert_eq!(
        app.page("/hr/coverage/export.csv").await.status,
        StatusCode::FORBIDDEN
    );
    for endpoint in [
        "dashboard/coverage",
        "dashboard/people",
        "dashboard/nudge-count",
        "dashboard/nudge",
    ] {
        assert_eq!(
            app.call(endpoint, &[]).await.status,
            StatusCode::FORBIDDEN,
            "{endpoint}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hr_sees_everyone_and_the_counts_equal_the_domain_standing() {
    let app = TestApp::spawn().await;
    app.login_ok(HR).await;
    let dash = app.call("dashboard/coverage", &[]).await;
    assert_eq!(dash.status, StatusCode::OK, "{}", dash.body);
    let dash = json(&dash.body);
    assert_eq!(dash["organisation"], true);
    let want = expected(&app, "select id from person where active").await;
    assert_eq!(counts(&dash), want);
    let page = app.page("/hr").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("<svg"), "the trend chart");
    assert!(page.body.contains("href=\"/hr/import\""));
    assert!(page.body.contains("href=\"/hr/audit\""));
    assert_eq!(dash["trend"].as_array().expect("trend").len(), 12);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reviewer_sees_only_their_direct_reports() {
    let app = TestApp::spawn().await;
    let ahmed_id = app.person_id(AHMED).await;
    let ahmed = app.client_for(AHMED).await;
    let dash = app.call_as(&ahmed, "dashboard/coverage", &[]).await;
    assert_eq!(dash.status, StatusCode::OK, "{}", dash.body);
    let dash = json(&dash.body);
    assert_eq!(dash["organisation"], false);
    let sql = format!("select id from person where active and manager_id = {ahmed_id}");
    let want = expected(&app, &sql).await;
    assert!(want.values().sum::<i64>() > 0, "Ahmed has reports");
    assert_eq!(counts(&dash), want);
    // Asking for someone else's team through the filter does not widen the scope.
    let all = app
        .call_as(&ahmed, "dashboard/people", &[("status", "")])
        .await;
    let all = json(&all.body);
    let reports: i64 = app
        .count(&format!(
            "select count(*) from person where active and manager_id = {ahmed_id}"
        ))
        .await;
    assert_eq!(all["people"]["total"], reports);
    assert_eq!(all["can_nudge"], false);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_filters_narrow_to_a_department_a_team_and_a_manager() {
    let app = TestApp::spawn().await;
    app.login_ok(HR).await;
    let (department, team): (i64, i64) = crate::common::sql::row(
        &app.state.pool,
        "select t.department_id, t.id from person p join team t on t.id = p.team_id
         where p.active group by t.id order by count(*) desc limit 1",
        &[],
    )
    .await;
    let d = department.to_string();
    let dash = json(
        &app.call("dashboard/coverage", &[("department", &d)])
            .await
            .body,
    );
    let want = expected(
        &app,
        &format!("select p.id from person p join team t on t.id = p.team_id where p.active and t.department_id = {department}"),
    )
    .await;
    assert_eq!(counts(&dash), want);
    let t = team.to_string();
    let dash = json(&app.call("dashboard/coverage", &[("team", &t)]).await.body);
    let want = expected(
        &app,
        &format!("select id from person where active and team_id = {team}"),
    )
    .await;
    assert_eq!(counts(&dash), want);
    let ahmed = app.person_id(AHMED).await.to_string();
    let dash = json(
        &app.call("dashboard/coverage", &[("manager", &ahmed)])
            .await
            .body,
    );
    let want = expected(
        &app,
        &format!("select id from person where active and manager_id = {ahmed}"),
    )
    .await;
    assert_eq!(counts(&dash), want);
    let everyone: i64 = app.count("select count(*) from person where active").await;
    assert!(want.values().sum::<i64>() < everyone, "the filter narrows");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sign_off_moves_one_person_from_never_certified_to_valid() {
    let app = TestApp::spawn().await;
    let hr = app.client_for(HR).await;
    let before = counts(&json(
        &app.call_as(&hr, "dashboard/coverage", &[]).await.body,
    ));
    let ahmed = app.client_for(AHMED).await;
    let floor = app.person_id(FLOOR).await.to_string();
    let signed = app
        .call_as(
            &ahmed,
            "licence/sign-off",
            &[("form[person_id]", floor.as_str()), ("form[comment]", "")],
        )
        .await;
    assert_eq!(signed.status, StatusCode::OK, "{}", signed.body);
    let after = counts(&json(
        &app.call_as(&hr, "dashboard/coverage", &[]).await.body,
    ));
    assert_eq!(after["valid"], before["valid"] + 1);
    assert_eq!(after["never"], before["never"] - 1);
}

/// The server keeps the dashboard's figures between changes (`db::coverage::cache`). Each kind
/// of change it counts, written straight into the database as any write path would, shows on
/// the next load; a sign-in (which writes the person's last sign-in) does not empty the cache.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_kept_dashboard_shows_every_change_it_counts_at_once() {
    let app = TestApp::spawn().await;
    let hr = app.client_for(HR).await;
    let db = &app.state.pool;
    let org = async || {
        let dash = app.call_as(&hr, "dashboard/coverage", &[]).await;
        assert_eq!(dash.status, StatusCode::OK, "{}", dash.body);
        counts(&json(&dash.body))
    };
    let everyone = "select id from person where active";
    assert_eq!(org().await, expected(&app, everyone).await);

    let version = async || {
        klantenrijbewijs::db::coverage::cache::version(db)
            .await
            .expect("version")
    };
    let before_sign_in = version().await;
    app.client_for(AHMED).await;
    assert_eq!(
        version().await,
        before_sign_in,
        "a sign-in keeps the figures"
    );

    let floor = app.person_id(FLOOR).await;
    let hr_id = app.person_id(HR).await;
    let now = chrono::Utc::now();
    let today = amsterdam_date(now);
    let changes: Vec<(&str, &str, Vec<crate::common::sql::Arg>)> = vec![
        (
            "a licence period",
            "insert into licence_period (person_id, valid_from, valid_through, source, issued_by,
                    verification_code, created_at, updated_at)
             values ($1, $2, $3, 'manual', $4, 'CACHETEST01', $5, $6)",
            vec![
                floor.into(),
                today.into(),
                klantenrijbewijs::domain::licence::shift(today, 300).into(),
                hr_id.into(),
                now.into(),
                now.into(),
            ],
        ),
        (
            "a revocation",
            "insert into licence_decision (person_id, period_id, decision, decided_by, comment, created_at, updated_at)
             select person_id, id, 'revoked', $1, 'test', $2, $3 from licence_period
             where verification_code = 'CACHETEST01'",
            vec![hr_id.into(), now.into(), now.into()],
        ),
        (
            "a leaver",
            "update person set active = false where email = $1",
            vec![EMPLOYEE.into()],
        ),
        (
            "the renewal window in the settings",
            "update licence_setting set window_days = 170 where id = 1",
            vec![],
        ),
    ];
    for (what, sql, args) in changes {
        let before = version().await;
        crate::common::sql::exec(db, sql, &args).await;
        assert!(version().await > before, "{what} moves the version");
        assert_eq!(org().await, expected(&app, everyone).await, "after {what}");
    }

    // A person moving team shows in the team's figures.
    let team: i64 = app
        .count(&format!(
            "select min(id) from team where id <> (select team_id from person where id = {floor})"
        ))
        .await;
    let team_count = async || {
        let dash = app
            .call_as(&hr, "dashboard/coverage", &[("team", &team.to_string())])
            .await;
        counts(&json(&dash.body)).values().sum::<i64>()
    };
    let before = team_count().await;
    crate::common::sql::exec(
        db,
        "update person set team_id = $1 where id = $2",
        &[team.into(), floor.into()],
    )
    .await;
    assert_eq!(team_count().await, before + 1, "a team move");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_drill_down_pages_cover_each_person_once_in_order() {
    let app = TestApp::spawn().await;
    let now = chrono::Utc::now();
    for i in 0..70 {
        app.exec(
            "insert into person (email, name, employee_number, active, created_at, updated_at)
             values ($1, $2, $3, true, $4, $5)",
            &[
                format!("grown{i}@dijkhuis.example").into(),
                format!("Grown {i:03}").into(),
                format!("G{i:04}").into(),
                now.into(),
                now.into(),
            ],
        )
        .await;
    }
    // Staff: the dashboard counts people with the employee role.
    app.exec(
        "insert into person_role (person_id, role, created_at)
         select id, 'employee', created_at from person where email like 'grown%'",
        &[],
    )
    .await;
    app.login_ok(HR).await;
    let never = expected(&app, "select id from person where active").await["never"];
    let mut seen = Vec::new();
    for page in 1..=5 {
        let p = page.to_string();
        let answer = app
            .call("dashboard/people", &[("status", "never"), ("page", &p)])
            .await;
        let body = json(&answer.body);
        let items = body["people"]["items"].as_array().expect("items");
        assert!(items.len() <= 50);
        for item in items {
            assert_eq!(item["status"], "NeverCertified");
            seen.push(item["name"].as_str().expect("name").to_owned());
        }
        assert_eq!(body["people"]["total"], never);
    }
    assert_eq!(seen.len() as i64, never);
    let unique: HashSet<&String> = seen.iter().collect();
    assert_eq!(unique.len(), seen.len(), "nobody twice");
    let mut sorted = seen.clone();
    sorted.sort();
    assert_eq!(seen, sorted, "sorted by name on the server");
    // Sorted the other way round, and filtered by text.
    let desc = json(
        &app.call(
            "dashboard/people",
            &[("status", "never"), ("sort", "name-desc")],
        )
        .await
        .body,
    );
    assert_eq!(desc["people"]["items"][0]["name"], seen[seen.len() - 1]);
    let grown = json(
        &app.call("dashboard/people", &[("q", "grown 01")])
            .await
            .body,
    );
    assert_eq!(grown["people"]["total"], 10);
    // The page renders one page only, with a pager.
    let html = app.page("/hr/coverage?status=never").await;
    assert_eq!(html.status, StatusCode::OK);
    assert!(html.body.contains("rel=\"next\""));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_nudge_writes_one_notification_per_person_and_one_audit_event() {
    let app = TestApp::spawn().await;
    let notifications =
        "select count(*) from notification where kind = 'licence_reminder' and detail = 'nudge'";
    let audits = "select count(*) from audit_event where action = 'nudge'";
    // A reviewer may not nudge: refused, nothing written.
    let ahmed = app.client_for(AHMED).await;
    let refused = app
        .call_as(&ahmed, "dashboard/nudge", &[("form[status]", "never")])
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(app.count(notifications).await, 0);
    assert_eq!(app.count(audits).await, 0);

    app.login_ok(HR).await;
    let never = expected(&app, "select id from person where active").await["never"];
    assert!(never > 1);
    let count = app
        .call("dashboard/nudge-count", &[("form[status]", "never")])
        .await;
    assert_eq!(json(&count.body), never);
    let page = app.page("/hr/coverage/nudge?status=never").await;
    assert!(
        page.body
            .contains(&format!("{never} mensen krijgen een herinnering"))
    );
    let sent = app
        .call("dashboard/nudge", &[("form[status]", "never")])
        .await;
    assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
    assert_eq!(json(&sent.body)["reminded"], never);
    assert_eq!(app.count(notifications).await, never);
    assert_eq!(app.count(audits).await, 1);
    let detail: String = app
        .scalar("select detail from audit_event where action = 'nudge'", &[])
        .await;
    let detail = json(&detail);
    assert_eq!(detail["count"], never);
    assert_eq!(detail["filter"]["status"], "never");

    // One person, as a plain form: back to the list with the count.
    let floor = app.person_id(FLOOR).await.to_string();
    let one = app
        .plain_post(
            "dashboard/nudge",
            &[("form[person_id]", floor.as_str())],
            "/hr/coverage",
        )
        .await;
    assert_eq!(one.status, StatusCode::FOUND);
    assert!(
        one.headers["location"]
            .to_str()
            .unwrap_or_default()
            .contains("nudged=1")
    );
    assert_eq!(app.count(notifications).await, never + 1);
    assert_eq!(app.count(audits).await, 2);
    let floor_notes = app
        .count(&format!(
            "select count(*) from notification where person_id = {floor} and detail = 'nudge'"
        ))
        .await;
    assert_eq!(floor_notes, 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_export_is_the_filtered_list_as_csv() {
    let app = TestApp::spawn().await;
    app.login_ok(HR).await;
    let res = app
        .client
        .get(format!("{}/hr/coverage/export.csv?status=valid", app.base))
        .send()
        .await
        .expect("export");
    assert_eq!(res.status(), StatusCode::OK);
    let bytes = res.bytes().await.expect("body");
    assert!(bytes.starts_with("\u{feff}".as_bytes()), "UTF-8 BOM");
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(&bytes[3..]);
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    let valid = expected(&app, "select id from person where active").await["valid"];
    assert_eq!(rows.len() as i64, valid);
    assert!(rows.iter().all(|r| &r[4] == "Geldig"), "{rows:?}");
    // A reviewer's export is their team only.
    let ahmed_id = app.person_id(AHMED).await;
    let ahmed = app.client_for(AHMED).await;
    let bytes = ahmed
        .get(format!("{}/hr/coverage/export.csv?sep=comma", app.base))
        .send()
        .await
        .expect("export")
        .bytes()
        .await
        .expect("body");
    let mut reader = csv::ReaderBuilder::new().from_reader(&bytes[3..]);
    let rows = reader.records().count() as i64;
    let reports = app
        .count(&format!(
            "select count(*) from person where active and manager_id = {ahmed_id}"
        ))
        .await;
    assert_eq!(rows, reports);
}

/// The trend, recomputed in Rust from the stored periods and decisions by the rule: a period
/// covers a day if it started on or before it, ends on or after it (grace included when it
/// counts), was not revoked on or before it, and the person existed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_trend_follows_the_periods_and_revocations_month_by_month() {
    let app = TestApp::spawn().await;
    let db = &app.state.pool;
    let today = amsterdam_date(chrono::Utc::now());
    // History: everyone existed a year and a half ago; one person joined four months ago; an
    // old period that ended five months ago; one revoked two months ago.
    crate::common::sql::exec(
        db,
        "update person set created_at = '2025-01-01T00:00:00+00:00'",
        &[],
    )
    .await;
    let floor = app.person_id(FLOOR).await;
    let hr = app.person_id(HR).await;
    let day = |n: i64| klantenrijbewijs::domain::licence::shift(today, n);
    let old: i64 = crate::common::sql::scalar(
        db,
        "insert into licence_period (person_id, valid_from, valid_through, source, issued_by,
                verification_code, created_at, updated_at)
         values ($1, $2, $3, 'manual', $4, 'TESTCODE01', $5, $6) returning id",
        &[
            floor.into(),
            (day(-300)).into(),
            (day(-150)).into(),
            hr.into(),
            (chrono::Utc::now()).into(),
            (chrono::Utc::now()).into(),
        ],
    )
    .await;
    let revoked_at = chrono::Utc::now() - chrono::Duration::days(60);
    crate::common::sql::exec(
        db,
        "insert into licence_decision (person_id, period_id, decision, decided_by, comment, created_at, updated_at)
         values ($1, $2, 'revoked', $3, 'test', $4, $5)",
        &[floor.into(), old.into(), hr.into(), revoked_at.into(), revoked_at.into()],
    ).await;
    crate::common::sql::exec(
        db,
        "update person set created_at = $1 where email = $2",
        &[
            (chrono::Utc::now() - chrono::Duration::days(120)).into(),
            EMPLOYEE.into(),
        ],
    )
    .await;

    app.login_ok(HR).await;
    let dash = json(&app.call("dashboard/coverage", &[]).await.body);
    let trend = dash["trend"].as_array().expect("trend");
    let settings = klantenrijbewijs::db::licence::settings(db)
        .await
        .expect("settings");
    type Period = (
        i64,
        chrono::NaiveDate,
        chrono::NaiveDate,
        Option<chrono::DateTime<chrono::Utc>>,
    );
    let periods: Vec<Period> = crate::common::sql::rows(
        db,
        "select lp.person_id, lp.valid_from, lp.valid_through,
                (select rd.created_at from licence_decision rd where rd.period_id = lp.id and rd.decision = 'revoked')
         from licence_period lp",
        &[],
    ).await;
    let people: Vec<(i64, chrono::DateTime<chrono::Utc>)> =
        crate::common::sql::rows(db, "select id, created_at from person where active", &[]).await;
    let grace = if settings.grace_counts_as_covered {
        i64::from(settings.grace_days)
    } else {
        0
    };
    let mut moved = HashSet::new();
    for (point, d) in trend
        .iter()
        .zip(klantenrijbewijs::db::coverage::month_ends(today))
    {
        assert_eq!(point["day"], d.format("%Y-%m-%d").to_string());
        let cutoff = klantenrijbewijs::db::licence::start_of_day(
            klantenrijbewijs::domain::licence::shift(d, 1),
        );
        let existing: Vec<i64> = people
            .iter()
            .filter(|(_, c)| *c < cutoff)
            .map(|(id, _)| *id)
            .collect();
        let covered = existing
            .iter()
            .filter(|id| {
                periods.iter().any(|(p, from, through, revoked)| {
                    p == *id
                        && *from <= d
                        && d <= klantenrijbewijs::domain::licence::shift(*through, grace)
                        && revoked.is_none_or(|r| r >= cutoff)
                })
            })
            .count() as i64;
        assert_eq!(point["people"], existing.len() as i64, "people at {d}");
        assert_eq!(point["covered"], covered, "covered at {d}");
        moved.insert((existing.len(), covered));
    }
    assert!(
        moved.len() > 2,
        "the history changes over the year: {moved:?}"
    );
}

/// A nudge also e-mails everyone it reaches, once, in their own language, naming the HR
/// colleague who asked; someone without a licence reads how to get one. Real SMTP server.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_nudge_emails_each_person_once_in_their_language() {
    let sink = common::smtp::SmtpSink::start();
    let smtp = sink.url();
    let app = TestApp::spawn_configured(true, |c| c.smtp_url = Some(smtp)).await;
    app.exec(
        "update person set preferred_language = 'en' where email = 'lotte.smit@dijkhuis.example'",
        &[],
    )
    .await;
    app.login_ok(HR).await;
    let due: HashSet<String> = crate::common::sql::column::<String>(
        &app.state.pool,
        "select p.email from person p where p.active and p.email in
           ('daan.bakker@dijkhuis.example', 'lotte.smit@dijkhuis.example', 'rick.vanleeuwen@dijkhuis.example')",
        &[],
    ).await
    .into_iter()
    .collect();
    let sent = app
        .call("dashboard/nudge", &[("form[status]", "renewal_due")])
        .await;
    assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
    let n = json(&sent.body)["reminded"].as_u64().expect("count") as usize;
    // The answer waits for the SMTP server: every message is already accepted.
    assert_eq!(json(&sent.body)["mailed"], n);
    assert_eq!(json(&sent.body)["failed"], 0);
    assert!(
        n >= due.len(),
        "every renewal-due demo person is reached: {n}"
    );
    let mails = sink.wait_for(n).await;
    assert_eq!(mails.len(), n, "one message per person");
    let to: HashSet<String> = mails.iter().flat_map(|m| m.to.clone()).collect();
    assert_eq!(to.len(), n, "nobody twice");
    assert!(due.is_subset(&to), "{to:?}");
    for mail in &mails {
        assert!(mail.cc.is_empty());
        let text = mail.text.clone().unwrap_or_default();
        if mail.to == ["lotte.smit@dijkhuis.example"] {
            assert_eq!(mail.subject, "Your customer licence expires in 5 days");
            assert!(text.contains("Fatima El Amrani (HR) asks"), "{text}");
        } else {
            assert!(
                mail.subject
                    .starts_with("Je klantenrijbewijs verloopt over"),
                "{}",
                mail.subject
            );
            assert!(text.contains("Fatima El Amrani (HR) vraagt"), "{text}");
        }
        assert!(text.contains("/licence"), "{text}");
    }

    // One person without a licence: the message says how to get one.
    let floor = app.person_id(FLOOR).await.to_string();
    let one = app
        .call("dashboard/nudge", &[("form[person_id]", floor.as_str())])
        .await;
    assert_eq!(json(&one.body)["reminded"], 1);
    let mails = sink.wait_for(n + 1).await;
    assert_eq!(mails.len(), n + 1);
    let last = mails
        .iter()
        .find(|m| m.to == [FLOOR])
        .expect("Floor's message");
    assert_eq!(last.subject, "Haal je klantenrijbewijs");
}
