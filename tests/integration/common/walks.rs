//! Completed walkthroughs made straight in the database, for tests that start where walking ends
//! (presentations, the library): one of the demo organisation's live journeys, every step
//! answered, and findings of every kind and severity.

use super::TestApp;

/// A completed walkthrough and what was logged on it.
pub struct CompletedWalk {
    pub id: i64,
    pub person_id: i64,
    /// The frictions, in logging order: papercut, delight, blocker, question, major.
    pub findings: Vec<i64>,
}

/// The findings logged, as (kind, severity, title, suggestion); the step they go on cycles.
const FINDINGS: [(&str, Option<&str>, &str, &str); 5] = [
    (
        "friction",
        Some("papercut"),
        "Knop valt buiten beeld",
        "Knop hoger zetten",
    ),
    ("delight", None, "Vriendelijke medewerker", ""),
    (
        "friction",
        Some("blocker"),
        "Formulier wist alles bij een fout",
        "Ingevulde velden bewaren",
    ),
    ("question", None, "Waarom twee keer mijn polisnummer?", ""),
    (
        "friction",
        Some("major"),
        "Twintig minuten in de wacht",
        "Terugbelverzoek aanbieden",
    ),
];

/// A walkthrough of the first live demo journey by `email`, completed this year.
pub async fn completed_walkthrough(app: &TestApp, email: &str) -> CompletedWalk {
    let pool = &app.state.pool;
    let now = chrono::Utc::now();
    let person_id = app.person_id(email).await;
    let journey_id: i64 = crate::common::sql::scalar(
        pool,
        "select id from journey where status = 'live' order by id limit 1",
        &[],
    )
    .await;
    let steps: Vec<i64> = crate::common::sql::column(
        pool,
        "select id from journey_step where journey_id = $1 order by position",
        &[journey_id.into()],
    )
    .await;
    let id: i64 = crate::common::sql::scalar(
        pool,
        "insert into walkthrough (person_id, journey_id, cycle_year, status, summary, started_at,
                                  finished_at, created_at, updated_at)
         values ($1, $2, $3, 'completed', 'Melden ging, maar het kostte moeite.', $4, $5, $6, $7)
         returning id",
        &[
            person_id.into(),
            journey_id.into(),
            (klantenrijbewijs::domain::walkthrough::cycle_year(now)).into(),
            now.into(),
            now.into(),
            now.into(),
            now.into(),
        ],
    )
    .await;
    for (i, step) in steps.iter().enumerate() {
        let emotion = [1_i64, -1, -2, 0, 2][i % 5];
        crate::common::sql::exec(
            pool,
            "insert into walkthrough_step (walkthrough_id, step_id, outcome, minutes, emotion,
                                           effort, happened, version, created_at, updated_at)
             values ($1, $2, 'done', 5, $3, 3, 'Gedaan.', 1, $4, $5)",
            &[
                id.into(),
                step.into(),
                emotion.into(),
                now.into(),
                now.into(),
            ],
        )
        .await;
    }
    let mut findings = Vec::new();
    for (i, (kind, severity, title, suggestion)) in FINDINGS.iter().enumerate() {
        let friction: i64 = crate::common::sql::scalar(
            pool,
            "insert into friction (walkthrough_id, step_id, kind, severity, title, what_happened,
                                   suggestion, created_at, updated_at)
             values ($1, $2, $3, $4, $5, 'Zo ging het.', $6, $7, $8) returning id",
            &[
                id.into(),
                (steps[i % steps.len()]).into(),
                kind.into(),
                severity.into(),
                title.into(),
                suggestion.into(),
                now.into(),
                now.into(),
            ],
        )
        .await;
        findings.push(friction);
    }
    CompletedWalk {
        id,
        person_id,
        findings,
    }
}

/// The presentation drafted from `walk` (as "Presentatie maken" does), still a draft.
pub async fn draft_presentation(app: &TestApp, walk: &CompletedWalk) -> i64 {
    let pool = &app.state.pool;
    let detail = klantenrijbewijs::db::walkthrough::detail(
        pool,
        walk.id,
        klantenrijbewijs::domain::walkthrough::Access::Read,
    )
    .await
    .expect("walk")
    .expect("walk exists");
    let draft = klantenrijbewijs::domain::presentation::draft_presentation(&detail);
    klantenrijbewijs::db::presentation::create(pool, walk.id, walk.person_id, &draft)
        .await
        .expect("create")
}

/// A step's answer as the walk form posts it (done, 5 minutes, annoyed, effort 5), at `version`.
pub fn step_form<'a>(walk: &'a str, step: &'a str, version: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("form[walkthrough_id]", walk),
        ("form[step_id]", step),
        ("form[version]", version),
        ("form[number]", "1"),
        ("form[outcome]", "done"),
        ("form[minutes]", "5"),
        ("form[emotion]", "-1"),
        ("form[effort]", "5"),
        ("form[expected]", "Binnen 2 minuten een premie"),
        ("form[happened]", "Na 6 minuten nog geen premie"),
        ("form[go]", "stay"),
    ]
}

/// [`step_form`] with `happened` as what happened (a text a test looks for afterwards).
pub fn step_form_saying<'a>(
    walk: &'a str,
    step: &'a str,
    version: &'a str,
    happened: &'a str,
) -> Vec<(&'a str, &'a str)> {
    let mut form = step_form(walk, step, version);
    for field in &mut form {
        if field.0 == "form[happened]" {
            field.1 = happened;
        }
    }
    form
}
