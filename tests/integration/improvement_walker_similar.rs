//! Similar findings while logging a friction ("Zoek vergelijkbare", a plain form post): only
//! open improvements of the journey and frictions the walker may already read in the library are
//! suggested (a title only, never the reporter), choosing one stores the link, and a bad choice
//! is refused per field with everything typed kept.

use crate::common;
use crate::improvement_walker::{FLOOR, MILA, improvement, walk_in_progress};

use chrono::Utc;
use common::{EMPLOYEE, TestApp, completed_walkthrough, draft_presentation, field_error};
use reqwest::StatusCode;

async fn friction_in(app: &TestApp, walk: i64, step: i64, title: &str) -> i64 {
    let now = Utc::now();
    app.scalar(
        "insert into friction (walkthrough_id, step_id, kind, severity, title, what_happened,
                created_at, updated_at)
         values ($1, $2, 'friction', 'major', $3, 'Het ging mis.', $4, $4) returning id",
        &[walk.into(), step.into(), title.into(), now.into()],
    )
    .await
}

/// What the suggestions can and cannot draw from, on the walker's first step.
struct Found {
    walk: i64,
    step: i64,
    presented: i64,
    private: i64,
    left_out: i64,
    open: i64,
    decided: i64,
}

async fn setup(app: &TestApp) -> Found {
    let (walk, steps) = walk_in_progress(app, EMPLOYEE).await;
    let step = steps[0].0;
    // Floor presented her walk to the whole organisation: one slide shown, one left out.
    let floor = completed_walkthrough(app, FLOOR).await;
    let presentation = draft_presentation(app, &floor).await;
    let presented = friction_in(app, floor.id, step, "Zwoegelfoto uploaden mislukt").await;
    let left_out = friction_in(app, floor.id, step, "Zwoegelfoto uploaden onleesbaar").await;
    app.exec(
        "update presentation set status = 'presented', visibility = 'organisation', presented_at = $1
         where id = $2",
        &[Utc::now().into(), presentation.into()],
    )
    .await;
    app.exec(
        "insert into presentation_slide (presentation_id, kind, friction_id, position, included,
                created_at, updated_at)
         select $1, 'finding', f.id, 100 + f.id, f.id = $2, $3, $3 from friction f where f.id in ($2, $4)",
        &[
            presentation.into(),
            presented.into(),
            Utc::now().into(),
            left_out.into(),
        ],
    )
    .await;
    // Mila's walk is private: never presented.
    let mila = completed_walkthrough(app, MILA).await;
    let private = friction_in(app, mila.id, step, "Zwoegelfoto uploaden traag").await;
    let open = improvement(
        app,
        step,
        "Zwoegelfoto uploaden faalt op telefoon",
        "planned",
        None,
    )
    .await;
    let decided = improvement(app, step, "Zwoegelfoto limiet", "wont_fix", None).await;
    Found {
        walk,
        step,
        presented,
        private,
        left_out,
        open,
        decided,
    }
}

fn friction_form<'a>(
    f: &Found,
    title: &'a str,
    what: &'a str,
    similar: &'a str,
) -> Vec<(&'static str, String)> {
    vec![
        ("form[walkthrough_id]", f.walk.to_string()),
        ("form[step_id]", f.step.to_string()),
        ("form[number]", "1".to_owned()),
        ("form[friction_id]", String::new()),
        ("form[kind]", "friction".to_owned()),
        ("form[severity]", "major".to_owned()),
        ("form[title]", title.to_owned()),
        ("form[what_happened]", what.to_owned()),
        ("form[suggestion]", String::new()),
        ("form[team_id]", String::new()),
        ("form[similar]", similar.to_owned()),
    ]
}

fn pairs<'a>(form: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    form.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

/// "Zoek vergelijkbare" without JavaScript: the form comes back with what was typed and the
/// suggestions — the open improvement and the presented friction's title; never the private
/// friction, the slide left out, the decided improvement, or who reported anything.
#[tokio::test]
async fn suggestions_show_only_what_the_walker_may_read() {
    let app = TestApp::spawn().await;
    let f = setup(&app).await;
    app.login_ok(EMPLOYEE).await;
    let form = friction_form(&f, "Zwoegelfoto", "zwoegelfoto zwoegelfoto", "");
    let search = app
        .plain_post(
            "improvement/similar-search",
            &pairs(&form),
            &format!(
                "/walkthroughs/{}/steps/1/frictions/new?kind=friction",
                f.walk
            ),
        )
        .await;
    assert_eq!(search.status, StatusCode::FOUND, "{}", search.body);
    let to = search.headers["location"]
        .to_str()
        .expect("location")
        .to_owned();
    assert_eq!(
        to,
        format!(
            "/walkthroughs/{}/steps/1/frictions/new?kind=friction&similar=1#similar",
            f.walk
        )
    );
    let page = app.page(&to).await;
    assert_eq!(page.status, StatusCode::OK);
    let body = &page.body;
    assert!(
        body.contains("zwoegelfoto zwoegelfoto"),
        "typed text kept: {body}"
    );
    assert!(body.contains("value=\"Zwoegelfoto\""), "{body}");
    assert!(
        body.contains("Zwoegelfoto uploaden faalt op telefoon"),
        "{body}"
    );
    assert!(body.contains("Zwoegelfoto uploaden mislukt"), "{body}");
    for hidden in [
        "Zwoegelfoto uploaden traag",
        "Zwoegelfoto uploaden onleesbaar",
        "Zwoegelfoto limiet",
        "Floor Janssen",
        "Mila Hoekstra",
        "Het ging mis.",
    ] {
        assert!(!body.contains(hidden), "{hidden} shown");
    }
    assert!(body.contains(&format!("value=\"i:{}\"", f.open)));
    assert!(body.contains(&format!("value=\"f:{}\"", f.presented)));

    // The same over the server function, with exactly what it found.
    let state = app
        .call(
            "improvement/similar",
            &[
                ("walkthrough_id", &f.walk.to_string()),
                ("step_id", &f.step.to_string()),
                ("friction_id", ""),
                ("searched", "true"),
            ],
        )
        .await;
    assert_eq!(state.status, StatusCode::OK, "{}", state.body);
    let value: serde_json::Value = serde_json::from_str(&state.body).expect("json");
    let codes: Vec<&str> = value["suggestions"]
        .as_array()
        .expect("suggestions")
        .iter()
        .filter_map(|s| s["code"].as_str())
        .collect();
    assert_eq!(
        codes,
        [format!("i:{}", f.open), format!("f:{}", f.presented)]
    );
    assert!(!state.body.contains("Floor"), "{}", state.body);

    // Someone else cannot read the walker's search or suggestions.
    let other = app.client_for(FLOOR).await;
    let refused = app
        .call_as(
            &other,
            "improvement/similar",
            &[
                ("walkthrough_id", &f.walk.to_string()),
                ("step_id", &f.step.to_string()),
                ("searched", "true"),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
}

/// Choosing a suggestion stores the link with the walker's own words; a choice they may not link
/// to (a private friction, a decided improvement) is refused on that field and nothing is written.
#[tokio::test]
async fn choosing_one_links_the_new_friction() {
    let app = TestApp::spawn().await;
    let f = setup(&app).await;
    app.login_ok(EMPLOYEE).await;
    let before = app.count_own("count(*)", "friction").await;
    for refused in [
        format!("f:{}", f.private),
        format!("f:{}", f.left_out),
        format!("i:{}", f.decided),
        "x:1".to_owned(),
    ] {
        let form = friction_form(&f, "Foto lukt niet", "Eigen woorden", &refused);
        let a = app.call("walk/friction", &pairs(&form)).await;
        assert_eq!(
            a.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{refused}: {}",
            a.body
        );
        assert_eq!(
            field_error(&a.body, "similar").as_deref(),
            Some("error-invalid-choice")
        );
    }
    assert_eq!(
        app.count_own("count(*)", "friction").await,
        before,
        "nothing written"
    );

    let linked = |column: &'static str, id: i64| {
        let pool = app.state.pool.clone();
        async move {
            let rows: Vec<(Option<i64>, String)> = common::sql::rows(
                &pool,
                &format!("select {column}, what_happened from friction where id = $1"),
                &[id.into()],
            )
            .await;
            rows.into_iter().next().expect("friction")
        }
    };
    let form = friction_form(
        &f,
        "Foto lukt niet",
        "Mijn eigen woorden",
        &format!("f:{}", f.presented),
    );
    let a = app.call("walk/friction", &pairs(&form)).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    let new: i64 = a.body.trim().parse().expect("id");
    assert_eq!(
        linked("similar_friction_id", new).await,
        (Some(f.presented), "Mijn eigen woorden".to_owned())
    );

    let form = friction_form(
        &f,
        "Foto lukt weer niet",
        "Nog eens",
        &format!("i:{}", f.open),
    );
    let a = app.call("walk/friction", &pairs(&form)).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    let second: i64 = a.body.trim().parse().expect("id");
    assert_eq!(
        linked("similar_improvement_id", second).await.0,
        Some(f.open)
    );
    // Editing it shows the link; "none of these" clears it.
    let page = app
        .page(&format!(
            "/walkthroughs/{}/steps/1/frictions/{second}",
            f.walk
        ))
        .await;
    assert!(
        page.body
            .contains("Gekoppeld aan verbetering: Zwoegelfoto uploaden faalt op telefoon"),
        "{}",
        page.body
    );
    let mut form = friction_form(&f, "Foto lukt weer niet", "Nog eens", "none");
    form[3].1 = second.to_string();
    assert_eq!(
        app.call("walk/friction", &pairs(&form)).await.status,
        StatusCode::OK
    );
    assert_eq!(linked("similar_improvement_id", second).await.0, None);
}

/// Without JavaScript a refused save comes back with a message per bad field — the title and
/// the choice together — and with everything typed.
#[tokio::test]
async fn bad_input_is_reported_per_field_and_kept() {
    let app = TestApp::spawn().await;
    let f = setup(&app).await;
    app.login_ok(EMPLOYEE).await;
    let before = app.count_own("count(*)", "friction").await;
    let back = format!(
        "/walkthroughs/{}/steps/1/frictions/new?kind=friction",
        f.walk
    );
    let form = friction_form(&f, "", "Wat ik typte blijft staan", "f:abc");
    let a = app.plain_post("walk/friction", &pairs(&form), &back).await;
    assert_eq!(a.status, StatusCode::FOUND);
    let to = a.headers["location"].to_str().expect("location").to_owned();
    assert!(to.contains("__err="), "{to}");
    let page = app.page(to.trim_start_matches(&app.base)).await;
    assert!(
        page.body.contains("Wat ik typte blijft staan"),
        "{}",
        page.body
    );
    let errors = page.body.matches("class=\"field__error\"").count();
    assert!(errors >= 2, "title and choice both reported: {}", page.body);
    assert_eq!(app.count_own("count(*)", "friction").await, before);
}
