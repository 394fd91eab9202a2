//! Improvements from the walker's side over HTTP: the "klopt dat?" question on a step (who may
//! answer, a finished walk refused, the reopening at the threshold exactly once also when walkers
//! answer at the same moment), and similar findings while logging a friction (only what the walker
//! may read, the link stored, bad input kept). Improvements and walks are test setup, inserted
//! straight into the database; the mail and escalations are in `improvement_walker_mail`.

use crate::common;

use chrono::{DateTime, Duration, Utc};
use common::{EMPLOYEE, HR, REVIEWER, TestApp, field_error};
use reqwest::StatusCode;

pub const GRACE: &str = "grace.okafor@dijkhuis.example";
pub const FLOOR: &str = "floor.janssen@dijkhuis.example";
pub const MILA: &str = "mila.hoekstra@dijkhuis.example";

/// A walkthrough in progress of the first live demo journey by `email`, and its steps in the
/// order the walk screen numbers them: (id, title).
pub async fn walk_in_progress(app: &TestApp, email: &str) -> (i64, Vec<(i64, String)>) {
    let pool = &app.state.pool;
    let person = app.person_id(email).await;
    let journey: i64 = app
        .scalar(
            "select id from journey where status = 'live' order by id limit 1",
            &[],
        )
        .await;
    // A far cycle, so a demo walkthrough in progress of this year never stands in the way.
    let id = klantenrijbewijs::db::walkthrough::start(pool, person, journey, 2090)
        .await
        .expect("walkthrough started");
    let detail = klantenrijbewijs::db::walkthrough::detail(
        pool,
        id,
        klantenrijbewijs::domain::walkthrough::Access::Edit,
    )
    .await
    .expect("detail")
    .expect("walk");
    let steps = detail
        .steps
        .iter()
        .map(|s| (s.step.id, s.step.title.clone()))
        .collect();
    (id, steps)
}

/// An improvement about `step_id`'s journey and step, of Marieke Jansen's team, owned by her.
pub async fn improvement(
    app: &TestApp,
    step_id: i64,
    title: &str,
    status: &str,
    fixed_at: Option<DateTime<Utc>>,
) -> i64 {
    let owner = app.person_id(REVIEWER).await;
    let now = Utc::now();
    // `fixed_at` (and `closed_at`) is the moment when given, else null: `case` without `else`.
    app.scalar(
        "insert into improvement (title, problem, team_id, owner_id, journey_family_id, step_id,
                priority, status, fixed_at, closed_at, last_activity_at, created_by, created_at,
                updated_at)
         select $1, 'De klant raakt ingevulde gegevens kwijt.', p.team_id, p.id, j.family_id, s.id,
                'high', $2, case when $3 then $4 end, case when $3 then $4 end, $5, p.id, $5, $5
         from journey_step s join journey j on j.id = s.journey_id, person p
         where s.id = $6 and p.id = $7 returning id",
        &[
            title.into(),
            status.into(),
            fixed_at.is_some().into(),
            fixed_at.unwrap_or(now).into(),
            now.into(),
            step_id.into(),
            owner.into(),
        ],
    )
    .await
}

async fn confirm(
    app: &TestApp,
    client: &reqwest::Client,
    walk: i64,
    step: i64,
    improvement: i64,
    answer: &str,
) -> common::Answer {
    app.call_as(
        client,
        "improvement/confirm",
        &[
            ("walkthrough_id", &walk.to_string()),
            ("step_id", &step.to_string()),
            ("number", "1"),
            ("improvement_id", &improvement.to_string()),
            ("answer", answer),
        ],
    )
    .await
}

async fn answers(app: &TestApp, improvement: i64) -> Vec<(i64, String)> {
    app.rows(
        "select walkthrough_id, answer from improvement_confirmation where improvement_id = $1 order by walkthrough_id",
        &[improvement.into()],
    )
    .await
}

/// The walker is asked on the step of a fixed improvement (also a later journey version's step
/// with the same title); only they may answer, once per walkthrough (answering again changes it),
/// only while walking; anyone else is refused and nothing is written.
#[tokio::test]
async fn only_the_walker_answers_while_walking() {
    let app = TestApp::spawn().await;
    // The demo's later walkers already answered about its fixed improvements.
    let answers_before = app
        .count("select count(*) from improvement_confirmation")
        .await;
    let (walk, steps) = walk_in_progress(&app, EMPLOYEE).await;
    let (step, _) = steps[0].clone();
    let yesterday = Utc::now() - Duration::days(1);
    let fixed = improvement(
        &app,
        step,
        "Formulier bewaart gegevens",
        "fixed",
        Some(yesterday),
    )
    .await;
    let open = improvement(&app, step, "Nog niet af", "in_progress", None).await;
    let elsewhere = improvement(&app, steps[1].0, "Andere stap", "fixed", Some(yesterday)).await;

    app.login_ok(EMPLOYEE).await;
    let page = app.page(&format!("/walkthroughs/{walk}/steps/1")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body
            .contains("Hier is iets verbeterd: Formulier bewaart gegevens. Klopt dat?"),
        "{}",
        page.body
    );
    assert!(!page.body.contains("Nog niet af") && !page.body.contains("Andere stap"));
    // The question is a form of its own, never part of the autosaved step form.
    let form_start = page.body.find("id=\"step-form\"").expect("step form");
    let question = page.body.find("data-fix=").expect("question");
    assert!(
        question < form_start,
        "the question sits before the step form"
    );

    // Other people: another walker, the walker's team lead, HR — refused, nothing written.
    for email in [GRACE, REVIEWER, HR] {
        let other = app.client_for(email).await;
        let refused = confirm(&app, &other, walk, step, fixed, "fixed").await;
        assert_eq!(
            refused.status,
            StatusCode::FORBIDDEN,
            "{email}: {}",
            refused.body
        );
    }
    assert!(answers(&app, fixed).await.is_empty());

    // Bad input, and improvements not asked about here.
    let bad = confirm(&app, &app.client, walk, step, fixed, "misschien").await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        field_error(&bad.body, "answer").as_deref(),
        Some("improvement-error-answer")
    );
    for other in [open, elsewhere] {
        let refused = confirm(&app, &app.client, walk, step, other, "fixed").await;
        assert_eq!(refused.status, StatusCode::NOT_FOUND, "{}", refused.body);
    }
    assert_eq!(
        app.count("select count(*) from improvement_confirmation")
            .await,
        answers_before
    );

    // The walker answers, then changes the answer: one row.
    assert_eq!(
        confirm(&app, &app.client, walk, step, fixed, "fixed")
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(answers(&app, fixed).await, [(walk, "fixed".to_owned())]);
    let tally = klantenrijbewijs::db::improvement::confirm::tally(&app.state.pool, fixed)
        .await
        .expect("tally");
    assert_eq!(tally.confirmed_of(), Some((1, 1)));
    assert_eq!(
        confirm(&app, &app.client, walk, step, fixed, "not_seen")
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(answers(&app, fixed).await, [(walk, "not_seen".to_owned())]);
    let page = app.page(&format!("/walkthroughs/{walk}/steps/1")).await;
    assert!(
        page.body.contains("Je antwoord: Niet tegengekomen"),
        "{}",
        page.body
    );

    // Without JavaScript: a plain form post comes back to the step with the thanks.
    let plain = app
        .plain_post(
            "improvement/confirm",
            &[
                ("walkthrough_id", &walk.to_string()),
                ("step_id", &step.to_string()),
                ("number", "1"),
                ("improvement_id", &fixed.to_string()),
                ("answer", "fixed"),
            ],
            &format!("/walkthroughs/{walk}/steps/1"),
        )
        .await;
    assert_eq!(plain.status, StatusCode::FOUND);
    let to = plain.headers["location"].to_str().expect("location");
    assert_eq!(
        to,
        format!("/walkthroughs/{walk}/steps/1?answered={fixed}#fix-{fixed}")
    );
    let back = app.page(to).await;
    assert!(
        back.body.contains("Dank je, je antwoord is bewaard."),
        "{}",
        back.body
    );

    // Without JavaScript and without a choice: back to the step, told which field, nothing changed.
    let empty = app
        .plain_post(
            "improvement/confirm",
            &[
                ("walkthrough_id", &walk.to_string()),
                ("step_id", &step.to_string()),
                ("number", "1"),
                ("improvement_id", &fixed.to_string()),
            ],
            &format!("/walkthroughs/{walk}/steps/1"),
        )
        .await;
    assert_eq!(empty.status, StatusCode::FOUND);
    let to = empty.headers["location"]
        .to_str()
        .expect("location")
        .to_owned();
    assert!(to.contains("__err="), "{to}");
    let told = app.page(to.trim_start_matches(&app.base)).await;
    assert!(told.body.contains("Kies een antwoord."), "{}", told.body);
    assert_eq!(answers(&app, fixed).await, [(walk, "fixed".to_owned())]);

    // A finished walk is refused and nothing changes.
    app.exec(
        "update walkthrough set status = 'completed', finished_at = $1 where id = $2",
        &[Utc::now().into(), walk.into()],
    )
    .await;
    let late = confirm(&app, &app.client, walk, step, fixed, "still_problem").await;
    assert_eq!(late.status, StatusCode::CONFLICT, "{}", late.body);
    assert_eq!(answers(&app, fixed).await, [(walk, "fixed".to_owned())]);
}

/// How many times `improvement` reopened, and what came with it.
async fn reopen_trail(app: &TestApp, improvement: i64) -> (String, i64, i64, i64, i64) {
    let status: String = app
        .scalar(
            "select status from improvement where id = $1",
            &[improvement.into()],
        )
        .await;
    let history = app
        .count(&format!(
            "select count(*) from improvement_history where improvement_id = {improvement}
             and actor_id is null and from_status = 'fixed' and to_status = 'in_progress'"
        ))
        .await;
    let audit = app
        .count(&format!(
            "select count(*) from audit_event where action = 'improvement_reopened'
             and detail like '%\"improvement_id\":{improvement},%'"
        ))
        .await;
    let notified = app
        .count(&format!(
            "select count(*) from notification where kind = 'improvement_reopened'
             and improvement_id = {improvement}"
        ))
        .await;
    let mails = app
        .count(&format!(
            "select count(*) from improvement_mail m join improvement_history h
               on cast(h.id as text) = m.period and h.improvement_id = m.improvement_id
             where m.improvement_id = {improvement} and m.event = 'reopened'"
        ))
        .await;
    (status, history, audit, notified, mails)
}

/// Two later walkers saying "still a problem" reopen the improvement (the default threshold):
/// in progress, no longer closed, a history row by the app, an audit event, the owner told in the
/// app and by a mail claim — and a walker who first said "fixed" and changes their mind counts.
#[tokio::test]
async fn two_later_walkers_reopen_it() {
    let app = TestApp::spawn().await;
    let (walk_a, steps) = walk_in_progress(&app, EMPLOYEE).await;
    let (walk_b, _) = walk_in_progress(&app, GRACE).await;
    let step = steps[0].0;
    let fixed = improvement(
        &app,
        step,
        "Terugbellen werkt",
        "fixed",
        Some(Utc::now() - Duration::days(3)),
    )
    .await;
    // Written straight into the database: counted as seeding does, so it has its days to fix.
    klantenrijbewijs::db::improvement::tally::rebuild(&app.state.pool)
        .await
        .expect("recount");
    let days_to_fix =
        format!("select count(*) from improvement where id = {fixed} and days_to_fix is not null");
    assert_eq!(app.count(&days_to_fix).await, 1);
    let a = app.client_for(EMPLOYEE).await;
    let b = app.client_for(GRACE).await;

    assert_eq!(
        confirm(&app, &a, walk_a, step, fixed, "still_problem")
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(
        reopen_trail(&app, fixed).await,
        ("fixed".to_owned(), 0, 0, 0, 0)
    );
    assert_eq!(
        confirm(&app, &b, walk_b, step, fixed, "fixed").await.status,
        StatusCode::OK
    );
    assert_eq!(reopen_trail(&app, fixed).await.0, "fixed");
    assert_eq!(
        confirm(&app, &b, walk_b, step, fixed, "still_problem")
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(
        reopen_trail(&app, fixed).await,
        ("in_progress".to_owned(), 1, 1, 1, 1)
    );
    // No longer fixed: it leaves the median days to fix.
    assert_eq!(app.count(&days_to_fix).await, 0);
    let (closed, reason): (Option<DateTime<Utc>>, String) = app
        .rows(
            "select closed_at, status_reason from improvement where id = $1",
            &[fixed.into()],
        )
        .await
        .into_iter()
        .next()
        .expect("improvement");
    assert_eq!(closed, None);
    assert!(reason.contains("2 latere lopers"), "{reason}");
    let owner = app.person_id(REVIEWER).await;
    assert_eq!(
        app.count(&format!(
            "select count(*) from improvement_mail where improvement_id = {fixed} and recipient_id = {owner}"
        ))
        .await,
        1
    );
    // No longer fixed: the question is gone, and an answer now is refused.
    let page = {
        app.login_ok(EMPLOYEE).await;
        app.page(&format!("/walkthroughs/{walk_a}/steps/1")).await
    };
    assert!(!page.body.contains("Terugbellen werkt"), "{}", page.body);
    assert_eq!(
        confirm(&app, &a, walk_a, step, fixed, "still_problem")
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        reopen_trail(&app, fixed).await,
        ("in_progress".to_owned(), 1, 1, 1, 1)
    );
}

/// Walkers answering at the same moment reopen it exactly once (a threshold of two, one answer
/// in already, three more at once).
#[tokio::test]
async fn concurrent_answers_reopen_it_once() {
    let app = TestApp::spawn().await;
    let mut walkers = Vec::new();
    for email in [EMPLOYEE, GRACE, FLOOR, MILA] {
        let (walk, steps) = walk_in_progress(&app, email).await;
        walkers.push((app.client_for(email).await, walk, steps[0].0));
    }
    let step = walkers[0].2;
    let fixed = improvement(
        &app,
        step,
        "Polis direct zichtbaar",
        "fixed",
        Some(Utc::now() - Duration::days(2)),
    )
    .await;
    let (first, walk, _) = &walkers[0];
    assert_eq!(
        confirm(&app, first, *walk, step, fixed, "still_problem")
            .await
            .status,
        StatusCode::OK
    );
    let mut tasks = tokio::task::JoinSet::new();
    for (client, walk, _) in &walkers[1..] {
        let (client, url) = (
            client.clone(),
            format!("{}/api/improvement/confirm", app.base),
        );
        let form = [
            ("walkthrough_id", walk.to_string()),
            ("step_id", step.to_string()),
            ("number", "1".to_owned()),
            ("improvement_id", fixed.to_string()),
            ("answer", "still_problem".to_owned()),
        ];
        tasks.spawn(async move {
            let res = client
                .post(url)
                .header("accept", "application/json")
                .form(&form)
                .send()
                .await
                .expect("request");
            (res.status(), res.text().await.expect("body"))
        });
    }
    // The first to reach the threshold reopens it; the others then find it no longer fixed.
    let mut statuses: Vec<u16> = tasks
        .join_all()
        .await
        .into_iter()
        .map(|(status, _)| status.as_u16())
        .collect();
    statuses.sort();
    assert_eq!(statuses, [200, 404, 404]);
    assert_eq!(
        reopen_trail(&app, fixed).await,
        ("in_progress".to_owned(), 1, 1, 1, 1)
    );
}

/// A threshold of one (`IMPROVEMENT_REOPEN_AFTER`) reopens at the first "still a problem".
#[tokio::test]
async fn the_threshold_is_a_setting() {
    let app = TestApp::spawn_configured(true, |c| c.improvement_reopen_after = 1).await;
    let (walk, steps) = walk_in_progress(&app, EMPLOYEE).await;
    let step = steps[0].0;
    let fixed = improvement(
        &app,
        step,
        "Eén is genoeg",
        "fixed",
        Some(Utc::now() - Duration::days(2)),
    )
    .await;
    app.login_ok(EMPLOYEE).await;
    assert_eq!(
        confirm(&app, &app.client, walk, step, fixed, "not_seen")
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(reopen_trail(&app, fixed).await.0, "fixed");
    assert_eq!(
        confirm(&app, &app.client, walk, step, fixed, "still_problem")
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(
        reopen_trail(&app, fixed).await,
        ("in_progress".to_owned(), 1, 1, 1, 1)
    );
}
