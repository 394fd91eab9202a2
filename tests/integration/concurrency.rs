//! Many people autosaving at once, over real HTTP: every sign-in, start and save is answered 200 and
//! every acknowledged save is in the database (the bug: "database is locked" 500s when read-then-write
//! transactions began deferred); a stranger racing the owner is refused and changes nothing.

use crate::common;

use common::*;
use reqwest::StatusCode;
use std::sync::Arc;
use tokio::task::JoinSet;

/// Employees added to the demo organisation; all of them walk at the same time.
const PEOPLE: usize = 50;
/// How often each step is saved in a row, as autosave does while someone types.
const SAVES_PER_STEP: i64 = 3;

/// An answer that was not 200, kept so the assertion can show what went wrong.
struct Failure {
    what: String,
    status: StatusCode,
    body: String,
}

/// The last save of one step the server acknowledged: what the database must now hold.
struct Acked {
    walk: i64,
    step: i64,
    version: i64,
    happened: String,
}

fn assert_no_failures(phase: &str, failures: &[Failure]) {
    let first: Vec<String> = failures
        .iter()
        .take(5)
        .map(|f| format!("{}: {} {}", f.what, f.status, f.body))
        .collect();
    assert!(
        failures.is_empty(),
        "{phase}: {} answers were not 200; the first:\n{}",
        failures.len(),
        first.join("\n")
    );
}

async fn live_journeys(app: &TestApp) -> Vec<(i64, Vec<i64>)> {
    let ids = crate::common::sql::column::<i64>(
        &app.state.pool,
        "select id from journey where status = 'live' order by id",
        &[],
    )
    .await;
    let mut journeys = Vec::new();
    for id in ids {
        let steps = crate::common::sql::column::<i64>(
            &app.state.pool,
            "select id from journey_step where journey_id = $1 order by id",
            &[id.into()],
        )
        .await;
        journeys.push((id, steps));
    }
    assert!(!journeys.is_empty(), "the demo data has live journeys");
    journeys
}

fn step_form(
    walk: i64,
    step: i64,
    number: usize,
    version: i64,
    happened: &str,
) -> Vec<(String, String)> {
    [
        ("form[walkthrough_id]", walk.to_string()),
        ("form[step_id]", step.to_string()),
        ("form[version]", version.to_string()),
        ("form[number]", number.to_string()),
        ("form[outcome]", "done".to_owned()),
        ("form[minutes]", "4".to_owned()),
        ("form[emotion]", "1".to_owned()),
        ("form[effort]", "3".to_owned()),
        ("form[expected]", "Binnen 2 minuten klaar".to_owned()),
        ("form[happened]", happened.to_owned()),
        ("form[go]", "stay".to_owned()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect()
}

async fn save(app: &TestApp, client: &reqwest::Client, form: &[(String, String)]) -> Answer {
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    app.call_as(client, "walk/step", &form).await
}

fn saved_version(body: &str) -> Option<i64> {
    serde_json::from_str::<serde_json::Value>(body).ok()?["version"].as_i64()
}

async fn stored(app: &TestApp, walk: i64, step: i64) -> (i64, Option<String>) {
    crate::common::sql::row::<(i64, Option<String>)>(
        &app.state.pool,
        "select version, happened from walkthrough_step where walkthrough_id = $1 and step_id = $2",
        &[walk.into(), step.into()],
    )
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifty_people_autosaving_at_once_lose_nothing() {
    let app = Arc::new(TestApp::spawn().await);
    let emails = klantenrijbewijs::demo::scale::grow_people(&app.state.pool, PEOPLE)
        .await
        .expect("grow the demo organisation");
    assert_eq!(emails.len(), PEOPLE);
    let journeys = Arc::new(live_journeys(&app).await);
    // The demo data's own walkthroughs (behind its presentations) have saved steps already.
    let saved_before = app
        .count("select count(*) from walkthrough_step where version > 0")
        .await;

    // Everyone signs in at once, each in their own browser (cookie jar).
    let mut tasks = JoinSet::new();
    for email in emails {
        let app = app.clone();
        tasks.spawn(async move {
            let client = TestApp::new_client();
            let a = app
                .call_as(
                    &client,
                    "login",
                    &[("email", email.as_str()), ("password", DEMO_PASSWORD)],
                )
                .await;
            (email, client, a)
        });
    }
    let mut failures = Vec::new();
    let mut clients = Vec::new();
    for (email, client, a) in tasks.join_all().await {
        if a.status == StatusCode::OK {
            clients.push(client);
        } else {
            failures.push(Failure {
                what: format!("sign-in {email}"),
                status: a.status,
                body: a.body,
            });
        }
    }
    assert_no_failures("sign-in", &failures);

    // Everyone starts a walkthrough at once, spread over the live journeys.
    let mut tasks = JoinSet::new();
    for (i, client) in clients.into_iter().enumerate() {
        let (app, journeys) = (app.clone(), journeys.clone());
        tasks.spawn(async move {
            let (journey, steps) = journeys[i % journeys.len()].clone();
            let a = app
                .call_as(
                    &client,
                    "walk/start",
                    &[("journey_id", &journey.to_string())],
                )
                .await;
            (client, steps, a)
        });
    }
    let mut walkers = Vec::new();
    for (client, steps, a) in tasks.join_all().await {
        match (a.status, a.body.parse::<i64>()) {
            (StatusCode::OK, Ok(walk)) => walkers.push((client, walk, steps)),
            _ => failures.push(Failure {
                what: "start".to_owned(),
                status: a.status,
                body: a.body,
            }),
        }
    }
    assert_no_failures("start", &failures);

    // Everyone autosaves every step several times in a row, all at once.
    let expected_steps: usize = walkers.iter().map(|(_, _, steps)| steps.len()).sum();
    let mut tasks = JoinSet::new();
    for (client, walk, steps) in walkers {
        let app = app.clone();
        tasks.spawn(async move {
            let mut acked = Vec::new();
            let mut failures = Vec::new();
            for (i, &step) in steps.iter().enumerate() {
                let mut last: Option<Acked> = None;
                let mut version = 0;
                for round in 1..=SAVES_PER_STEP {
                    let happened = format!("Loop {walk}, stap {step}, versie {round}");
                    let a = save(
                        &app,
                        &client,
                        &step_form(walk, step, i + 1, version, &happened),
                    )
                    .await;
                    match (a.status, saved_version(&a.body)) {
                        (StatusCode::OK, Some(v)) => {
                            version = v;
                            last = Some(Acked {
                                walk,
                                step,
                                version: v,
                                happened,
                            });
                        }
                        _ => failures.push(Failure {
                            what: format!("save walkthrough {walk} step {step} round {round}"),
                            status: a.status,
                            body: a.body,
                        }),
                    }
                }
                acked.extend(last);
            }
            (acked, failures)
        });
    }
    let mut acked = Vec::new();
    for (a, f) in tasks.join_all().await {
        acked.extend(a);
        failures.extend(f);
    }

    // Compare with the database before judging the answers, so a failure reports both.
    let mut missing = Vec::new();
    for a in &acked {
        let (version, happened) = stored(&app, a.walk, a.step).await;
        if version != a.version || happened.as_deref() != Some(a.happened.as_str()) {
            missing.push(format!(
                "walkthrough {} step {}: acknowledged version {} {:?}, stored version {version} {happened:?}",
                a.walk, a.step, a.version, a.happened
            ));
        }
    }
    assert_no_failures(
        &format!("autosave ({} acknowledged saves missing)", missing.len()),
        &failures,
    );
    assert!(
        missing.is_empty(),
        "{} acknowledged saves missing from the database; the first:\n{}",
        missing.len(),
        missing[..missing.len().min(5)].join("\n")
    );
    // Every step was saved exactly SAVES_PER_STEP times, no more (no double writes).
    for a in &acked {
        assert_eq!(a.version, SAVES_PER_STEP);
    }
    assert_eq!(
        acked.len(),
        expected_steps,
        "every step of every walkthrough was saved"
    );
    assert_eq!(
        app.count("select count(*) from walkthrough_step where version > 0")
            .await
            - saved_before,
        i64::try_from(acked.len()).expect("count"),
        "only the acknowledged steps changed"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stranger_racing_the_owner_is_refused_and_changes_nothing() {
    const ROUNDS: i64 = 15;
    let app = Arc::new(TestApp::spawn().await);
    let owner = app.client_for(EMPLOYEE).await;
    // A colleague, and the owner's own team lead, who may read the walkthrough but not change it.
    let strangers = [
        app.client_for("grace.okafor@dijkhuis.example").await,
        app.client_for(REVIEWER).await,
    ];
    let (journey, steps) = live_journeys(&app).await.remove(0);
    let walk: i64 = app
        .call_as(
            &owner,
            "walk/start",
            &[("journey_id", &journey.to_string())],
        )
        .await
        .body
        .parse()
        .expect("walkthrough id");
    let step = steps[0];

    let mut version = 0;
    for round in 1..=ROUNDS {
        let mine = format!("Van de eigenaar, ronde {round}");
        let owner_form = step_form(walk, step, 1, version, &mine);
        // The strangers send the very version the owner sends, and a guess at the next one.
        let theirs: Vec<_> = strangers
            .iter()
            .flat_map(|client| {
                [version, version + 1].map(|v| {
                    (
                        client.clone(),
                        step_form(walk, step, 1, v, &format!("Van een vreemde, ronde {round}")),
                    )
                })
            })
            .collect();
        let mut tasks = JoinSet::new();
        for (client, form) in theirs {
            let app = app.clone();
            tasks.spawn(async move { save(&app, &client, &form).await });
        }
        let mine_answer = save(&app, &owner, &owner_form).await;
        for a in tasks.join_all().await {
            assert_eq!(
                a.status,
                StatusCode::FORBIDDEN,
                "stranger's save: {}",
                a.body
            );
        }
        assert_eq!(
            mine_answer.status,
            StatusCode::OK,
            "owner's save: {}",
            mine_answer.body
        );
        version = saved_version(&mine_answer.body).expect("version");
        assert_eq!(version, round);
        assert_eq!(stored(&app, walk, step).await, (round, Some(mine)));
    }
    assert_eq!(
        app.count("select count(*) from walkthrough_step where happened like 'Van een vreemde%'")
            .await,
        0
    );
    assert_eq!(
        app.count(&format!(
            "select count(*) from walkthrough_step where walkthrough_id = {walk} and version > 0"
        ))
        .await,
        1,
        "only the owner's step changed"
    );
}
