//! The priority counts kept where they change (`db::improvement::tally`), over real HTTP: a
//! triage, a "herkenbaar" given and taken back, a walkthrough completed, a fix and its page; after
//! each the kept counts are what a recount from the rows says, and the overview sorts by them.

use crate::common::*;
use reqwest::StatusCode;

const CX: &str = "wouter.brouwer@dijkhuis.example";
/// In EMPLOYEE's team: reads their team-only presentation and may recognise its frictions.
const TEAMMATE: &str = "lotte.smit@dijkhuis.example";

/// Everything the tally keeps: per improvement its counts and days to fix, per step its walkers
/// and reporters.
async fn kept(
    app: &TestApp,
) -> (
    Vec<(i64, i64, i64, i64, i64, i64, Option<i64>)>,
    Vec<(i64, i64, i64)>,
) {
    let improvements = app
        .rows(
            "select id, blockers, majors, papercuts, unrated, recognitions, days_to_fix
         from improvement order by id",
            &[],
        )
        .await;
    let steps = app
        .rows(
            "select step_id, walkers, reporters from step_tally where walkers > 0 or reporters > 0
         order by step_id",
            &[],
        )
        .await;
    (improvements, steps)
}

/// The kept counts equal a recount from the rows.
async fn assert_kept_equals_recount(app: &TestApp, when: &str) {
    let before = kept(app).await;
    klantenrijbewijs::db::improvement::tally::rebuild(&app.state.pool)
        .await
        .expect("recount");
    assert_eq!(
        before,
        kept(app).await,
        "{when}: kept counts differ from a recount"
    );
}

async fn facts(app: &TestApp, client: &reqwest::Client, id: i64) -> serde_json::Value {
    let a = app
        .call_as(client, "improvements/overview", &[("status", "new")])
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    let page: serde_json::Value = serde_json::from_str(&a.body).expect("json");
    page["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .find(|r| r["id"] == id)
        .map(|r| r["facts"].clone())
        .unwrap_or_else(|| panic!("improvement {id} among the new ones: {}", a.body))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn triage_recognitions_and_a_fix_keep_the_counts_of_an_improvement() {
    let app = TestApp::spawn().await;
    assert_kept_equals_recount(&app, "demo data").await;
    // EMPLOYEE's walk: papercut, delight, blocker, question, major; presented to the team.
    let walk = completed_walkthrough(&app, EMPLOYEE).await;
    let presentation = draft_presentation(&app, &walk).await;
    app.exec(
        "update presentation set status = 'presented', visibility = 'team', presented_at = $1
         where id = $2",
        &[chrono::Utc::now().into(), presentation.into()],
    )
    .await;
    // The walk was written straight into the database: counted as seeding in bulk does.
    klantenrijbewijs::db::improvement::tally::rebuild(&app.state.pool)
        .await
        .expect("recount");
    let (papercut, blocker, major) = (walk.findings[0], walk.findings[2], walk.findings[4]);
    // A teammate recognised the blocker before anyone triaged it.
    let teammate = app.client_for(TEAMMATE).await;
    let recognise = |friction: i64, endpoint: &'static str| {
        let (app, teammate) = (&app, &teammate);
        async move {
            let (p, f) = (presentation.to_string(), friction.to_string());
            let a = app
                .call_as(
                    teammate,
                    endpoint,
                    &[("presentation_id", p.as_str()), ("friction_id", f.as_str())],
                )
                .await;
            assert_eq!(a.status, StatusCode::OK, "{endpoint}: {}", a.body);
        }
    };
    recognise(blocker, "presentations/recognise").await;

    // CX turns the blocker and the major into one improvement, scored from the kept counts.
    let cx = app.client_for(CX).await;
    let mut form: Vec<(String, String)> = [blocker, major]
        .iter()
        .map(|id| (format!("form[frictions][f{id}]"), id.to_string()))
        .collect();
    for (k, v) in [
        ("form[action]", "new"),
        ("form[gap]", "delivery"),
        ("form[title]", "Formulier bewaart niets"),
        ("form[problem]", "Bij een fout was alles weg."),
        ("form[priority]", "high"),
    ] {
        form.push((k.to_owned(), v.to_owned()));
    }
    let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let made = app.call_as(&cx, "improvements/triage", &pairs).await;
    assert_eq!(made.status, StatusCode::OK, "{}", made.body);
    let id = serde_json::from_str::<serde_json::Value>(&made.body).expect("json")["improvement_id"]
        .as_i64()
        .expect("an improvement");
    let f = facts(&app, &cx, id).await;
    assert_eq!(
        (
            &f["blockers"],
            &f["majors"],
            &f["papercuts"],
            &f["recognitions"]
        ),
        (&1.into(), &1.into(), &0.into(), &1.into()),
        "{f}"
    );
    assert!(f["step_walkers"].as_i64() >= Some(1), "{f}");

    // The papercut joins it; the teammate recognises the major, then takes the blocker's back.
    let p = papercut.to_string();
    let i = id.to_string();
    let join = [
        ("form[frictions][fp]", p.as_str()),
        ("form[action]", "existing"),
        ("form[gap]", "delivery"),
        ("form[improvement_id]", i.as_str()),
    ];
    let joined = app.call_as(&cx, "improvements/triage", &join).await;
    assert_eq!(joined.status, StatusCode::OK, "{}", joined.body);
    recognise(major, "presentations/recognise").await;
    recognise(blocker, "presentations/unrecognise").await;
    let f = facts(&app, &cx, id).await;
    assert_eq!(
        (
            &f["blockers"],
            &f["majors"],
            &f["papercuts"],
            &f["recognitions"]
        ),
        (&1.into(), &1.into(), &1.into(), &1.into()),
        "{f}"
    );
    assert_kept_equals_recount(&app, "after triage and recognitions").await;

    // Fixed today: zero days to fix, and the overview's median counts it.
    let v = app
        .count(&format!("select version from improvement where id = {id}"))
        .await
        .to_string();
    let fixed = app
        .call_as(
            &cx,
            "improvements/status",
            &[
                ("form[id]", i.as_str()),
                ("form[version]", v.as_str()),
                ("form[status]", "fixed"),
                ("form[comment]", "Het formulier bewaart nu alles."),
            ],
        )
        .await;
    assert_eq!(fixed.status, StatusCode::OK, "{}", fixed.body);
    assert_eq!(
        app.count(&format!(
            "select days_to_fix from improvement where id = {id}"
        ))
        .await,
        0
    );
    assert_kept_equals_recount(&app, "after the fix").await;

    // The overview's median days to fix is the middle of the fixed ones' days, per team and in
    // all (the mean of the two middle ones, rounded down, for an even count).
    let median = |mut days: Vec<i64>| {
        days.sort_unstable();
        let n = days.len();
        (n > 0).then(|| {
            if n % 2 == 1 {
                days[n / 2]
            } else {
                (days[n / 2 - 1] + days[n / 2]) / 2
            }
        })
    };
    let all_days: Vec<(i64, i64)> = app
        .rows(
            "select team_id, days_to_fix from improvement where status = 'fixed'",
            &[],
        )
        .await;
    assert!(all_days.len() >= 3, "the demo's fixed ones and this one");
    let a = app.call_as(&cx, "improvements/overview", &[]).await;
    let page: serde_json::Value = serde_json::from_str(&a.body).expect("json");
    let summary = &page["summary"];
    assert_eq!(
        summary["total"]["median_days_to_fix"].as_i64(),
        median(all_days.iter().map(|(_, d)| *d).collect())
    );
    for team in summary["teams"].as_array().expect("teams") {
        let id = team["team_id"].as_i64().expect("team id");
        let days = all_days
            .iter()
            .filter(|(t, _)| *t == id)
            .map(|(_, d)| *d)
            .collect();
        assert_eq!(team["median_days_to_fix"].as_i64(), median(days), "{team}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_completed_walkthrough_counts_on_every_step_it_walked() {
    let app = TestApp::spawn().await;
    let daan = app.client_for(EMPLOYEE).await;
    let journey = app
        .count("select id from journey where status = 'live' order by id limit 1")
        .await;
    let steps: Vec<i64> = crate::common::sql::column(
        &app.state.pool,
        "select id from journey_step where journey_id = $1 order by position, id",
        &[journey.into()],
    )
    .await;
    let tally = |step: i64| {
        let app = &app;
        async move {
            app.rows::<(i64, i64)>(
                "select coalesce(max(walkers), cast(0 as bigint)), coalesce(max(reporters), cast(0 as bigint))
                 from step_tally where step_id = $1",
                &[step.into()],
            )
            .await
            .into_iter()
            .next()
            .expect("tally")
        }
    };
    let mut before = Vec::new();
    for step in &steps {
        before.push(tally(*step).await);
    }
    let walk = app
        .call_as(&daan, "walk/start", &[("journey_id", &journey.to_string())])
        .await
        .body;
    for step in &steps {
        let s = step.to_string();
        let saved = app
            .call_as(&daan, "walk/step", &step_form(&walk, &s, "0"))
            .await;
        assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    }
    let (first, second) = (steps[0].to_string(), steps[1].to_string());
    for form in [
        vec![
            ("form[step_id]", first.as_str()),
            ("form[kind]", "delight"),
            ("form[title]", "Premie zonder inloggen"),
        ],
        vec![
            ("form[step_id]", second.as_str()),
            ("form[kind]", "friction"),
            ("form[severity]", "major"),
            ("form[title]", "Kenteken verplicht"),
            ("form[what_happened]", "Zonder kenteken geen premie."),
        ],
        vec![
            ("form[step_id]", second.as_str()),
            ("form[kind]", "friction"),
            ("form[severity]", "papercut"),
            ("form[title]", "Knop onleesbaar"),
            ("form[what_happened]", "Grijs op grijs."),
        ],
    ] {
        let mut form = form;
        form.extend([
            ("form[walkthrough_id]", walk.as_str()),
            ("form[number]", "1"),
        ]);
        let logged = app.call_as(&daan, "walk/friction", &form).await;
        assert_eq!(logged.status, StatusCode::OK, "{}", logged.body);
    }
    // Still in progress: nothing counted yet.
    assert_eq!(tally(steps[1]).await, before[1]);
    let done = app
        .call_as(
            &daan,
            "walk/finish",
            &[
                ("form[walkthrough_id]", walk.as_str()),
                ("form[result]", "completed"),
                ("form[recommend_score]", "6"),
                ("form[summary]", "Premie snel, polis traag."),
                ("form[pros]", "Vriendelijke chat"),
                ("form[cons]", "Kenteken verplicht"),
            ],
        )
        .await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    for (i, step) in steps.iter().enumerate() {
        let (walkers, reporters) = before[i];
        // One walker more on every step; one reporter more only where a friction was logged
        // (two frictions on one step are one reporter; a delight is none).
        let expected = (walkers + 1, reporters + i64::from(i == 1));
        assert_eq!(tally(*step).await, expected, "step {step}");
    }
    // Finishing again changes nothing.
    let again = app
        .call_as(
            &daan,
            "walk/finish",
            &[
                ("form[walkthrough_id]", walk.as_str()),
                ("form[result]", "completed"),
                ("form[summary]", "Nog eens."),
            ],
        )
        .await;
    assert_ne!(again.status, StatusCode::OK);
    assert_eq!(tally(steps[1]).await, (before[1].0 + 1, before[1].1 + 1));
    assert_kept_equals_recount(&app, "after a walkthrough").await;
}
