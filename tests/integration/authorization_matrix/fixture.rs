//! The owner's objects the matrix points every endpoint at, made through the app wherever it
//! can be (the common helpers make the completed walkthroughs and draft presentations): a
//! completed walkthrough with findings and a photo on a friction, its presentation still a
//! draft, a walkthrough in progress with two frictions, an improvement made from one of his
//! frictions, a comment, a notification, his licence waiting for his manager's sign-off (renewal
//! due; a second completed walkthrough whose presentation she confirmed) and HR's two uploads
//! waiting for their dry run. Besides: a colleague's friction linked to the improvement, to probe
//! with.

use super::actors::{Actor, People};
use crate::common::{CompletedWalk, EMPLOYEE, TestApp, completed_walkthrough, draft_presentation};
use reqwest::StatusCode;

/// A text of the completed walkthrough (a finding's title) its readers see.
pub const DONE_MARKER: &str = "Knop valt buiten beeld";
/// The title of a friction on the walkthrough in progress, which its readers see.
pub const OPEN_MARKER: &str = "Betaalknop reageert niet";
/// The owner's name, on everything about him.
pub const OWNER_NAME: &str = "Daan Bakker";
/// The improvement's title.
pub const IMPROVEMENT_TITLE: &str = "Korter in de wacht bij de klantenservice";
/// The title of an untriaged friction of the completed walkthrough, waiting in CX's inbox.
pub const UNTRIAGED_MARKER: &str = "Formulier wist alles bij een fout";
/// The owner's comment on his draft presentation.
pub const COMMENT_MARKER: &str = "Ik ben benieuwd wat jullie ervan vinden.";
/// The first live journey (walked by both walkthroughs) and the demo draft journey.
pub const LIVE_TITLE: &str = "Ik wil mijn auto verzekeren";
pub const DRAFT_TITLE: &str = "Ik verhuis en wil mijn inboedel meenemen";

pub struct Fixture {
    pub owner_id: i64,
    /// Daan's team (Autoschade), which Marieke leads.
    pub team_id: i64,
    /// Completed, with findings; `evidence` hangs on its first friction.
    pub done: CompletedWalk,
    pub evidence: i64,
    /// The draft presentation made from `done`, a slide of it showing a friction, and a comment
    /// of Daan's on it.
    pub presentation: i64,
    pub slide: i64,
    pub slide_friction: i64,
    pub comment: i64,
    /// In progress, with two frictions on its first step: `kept` stays, `doomed` is deleted by
    /// the owner in the matrix.
    pub open: i64,
    pub open_step: i64,
    pub kept: i64,
    pub doomed: i64,
    /// A friction of the colleague's own walkthrough in progress, linked to `improvement`.
    pub foreign_friction: i64,
    /// Made by CX from one of Daan's frictions, owned by his team.
    pub improvement: i64,
    pub improvement_version: i64,
    pub notification: i64,
    pub verification_code: String,
    pub live_journey: i64,
    pub live_step: i64,
    pub draft_journey: i64,
    pub draft_step: i64,
    pub family: i64,
    /// HR's uploads (people, licences), each readable by its uploader only.
    pub people_upload: String,
    pub licence_upload: String,
}

fn json(answer: &crate::common::Answer) -> serde_json::Value {
    serde_json::from_str(&answer.body)
        .unwrap_or_else(|_| panic!("JSON answer, got {} {}", answer.status, answer.body))
}

fn ok(answer: &crate::common::Answer, what: &str) -> serde_json::Value {
    assert_eq!(answer.status, StatusCode::OK, "{what}: {}", answer.body);
    json(answer)
}

/// A small PNG photo.
fn photo() -> Vec<u8> {
    let img = image::RgbImage::from_pixel(40, 30, image::Rgb([200, 80, 40]));
    let mut bytes = std::io::Cursor::new(Vec::new());
    image::DynamicImage::ImageRgb8(img)
        .write_to(&mut bytes, image::ImageFormat::Png)
        .expect("png");
    bytes.into_inner()
}

/// Posts a multipart form with its text fields first and then a file.
async fn upload(
    app: &TestApp,
    client: &reqwest::Client,
    path: &str,
    fields: &[(&str, String)],
    file: (&str, &str, Vec<u8>),
) -> reqwest::Response {
    let mut form = reqwest::multipart::Form::new();
    for (k, v) in fields {
        form = form.text((*k).to_owned(), v.clone());
    }
    let part = reqwest::multipart::Part::bytes(file.2)
        .file_name(file.0.to_owned())
        .mime_str(file.1)
        .expect("mime");
    client
        .post(format!("{}{path}", app.base))
        .header("accept", "application/json")
        .multipart(form.part("file", part))
        .send()
        .await
        .expect("upload")
}

/// The token at the end of an upload's redirect to its dry run.
fn token_of(res: &reqwest::Response) -> String {
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "upload");
    let location = res.headers()["location"].to_str().expect("location");
    location.rsplit('/').next().expect("token").to_owned()
}

impl Fixture {
    pub async fn make(app: &TestApp, people: &People) -> Fixture {
        let owner = people.client(Actor::Owner);
        let cx = people.client(Actor::Cx);
        let hr = people.client(Actor::Hr);
        let owner_id = app.person_id(EMPLOYEE).await;
        let team_of = |email: &str| format!("select team_id from person where email = '{email}'");
        let team_id = app.count(&team_of(EMPLOYEE)).await;
        let other_team = app.count(&team_of(super::actors::OTHER_REVIEWER)).await;

        // The completed walkthrough. Its findings are on the first live journey, whose steps
        // neither Daan's team nor the other lead's team owns: only CX reads them in an inbox.
        let done = completed_walkthrough(app, EMPLOYEE).await;
        let friction = done.findings[0];
        let step_of = |f: i64| format!("select step_id from friction where id = {f}");
        let step = app.count(&step_of(friction)).await;
        let step_team = app
            .count(&format!(
                "select team_id from journey_step where id = {step}"
            ))
            .await;
        assert!(
            step_team != team_id && step_team != other_team,
            "the evidence's friction must be outside both leads' inboxes"
        );
        // A photo on its first friction, uploaded the way the owner does while walking: the
        // walkthrough is briefly back in progress for it.
        set_status(app, done.id, "in_progress").await;
        let res = upload(
            app,
            owner,
            "/evidence",
            &[
                ("walkthrough_id", done.id.to_string()),
                ("step_id", step.to_string()),
                ("friction_id", friction.to_string()),
                ("caption", "De knop onder de vouw".to_owned()),
            ],
            ("knop.png", "image/png", photo()),
        )
        .await;
        assert_eq!(res.status(), StatusCode::CREATED, "evidence upload");
        let body: serde_json::Value = res.json().await.expect("evidence answer");
        let evidence = body["id"].as_i64().expect("evidence id");
        set_status(app, done.id, "completed").await;

        let presentation = draft_presentation(app, &done).await;
        let editor = ok(
            &app.call_as(
                owner,
                "presentations/editor",
                &[("id", presentation.to_string().as_str())],
            )
            .await,
            "editor",
        );
        let slide = editor["page"]["detail"]["slides"]
            .as_array()
            .expect("slides")
            .iter()
            .find(|s| s["included"] == true && s["friction_id"].is_i64())
            .expect("a slide showing a friction");
        let (slide_friction, slide) = (
            slide["friction_id"].as_i64().expect("friction"),
            slide["id"].as_i64().expect("slide id"),
        );
        let comment = app
            .call_as(
                owner,
                "presentations/comments/add",
                &[
                    ("presentation_id", presentation.to_string().as_str()),
                    ("body", COMMENT_MARKER),
                ],
            )
            .await;
        let comment = ok(&comment, "comment").as_i64().expect("comment id");

        // The journeys of the demo catalogue.
        let live_journey = app
            .count("select min(id) from journey where status = 'live'")
            .await;
        let first_step =
            |journey: i64| format!("select min(id) from journey_step where journey_id = {journey}");
        let live_step = app.count(&first_step(live_journey)).await;
        let draft_journey = app
            .count("select min(id) from journey where status = 'draft'")
            .await;
        let draft_step = app.count(&first_step(draft_journey)).await;
        let family = app
            .count(&format!(
                "select family_id from journey where id = {live_journey}"
            ))
            .await;

        // The walkthrough in progress, started and logged by the owner.
        let started = app
            .call_as(
                owner,
                "walk/start",
                &[("journey_id", live_journey.to_string().as_str())],
            )
            .await;
        let open = ok(&started, "start").as_i64().expect("walkthrough id");
        let open_step = live_step;
        let friction = |title: &'static str| {
            let (open, step) = (open.to_string(), open_step.to_string());
            async move {
                let a = app
                    .call_as(
                        owner,
                        "walk/friction",
                        &[
                            ("form[walkthrough_id]", open.as_str()),
                            ("form[step_id]", step.as_str()),
                            ("form[number]", "1"),
                            ("form[friction_id]", ""),
                            ("form[kind]", "friction"),
                            ("form[severity]", "major"),
                            ("form[title]", title),
                            (
                                "form[what_happened]",
                                "Ik drukte drie keer, er gebeurde niets.",
                            ),
                        ],
                    )
                    .await;
                ok(&a, "friction").as_i64().expect("friction id")
            }
        };
        let kept = friction(OPEN_MARKER).await;
        let doomed = friction("Dubbel gemeld, mag weg").await;

        // CX makes an improvement of one of Daan's frictions, for his team (its lead owns it).
        let triaged = done.findings[4];
        let triage = app
            .call_as(
                cx,
                "improvements/triage",
                &[
                    ("form[action]", "new"),
                    (
                        format!("form[frictions][f{triaged}]").as_str(),
                        triaged.to_string().as_str(),
                    ),
                    ("form[gap]", "delivery"),
                    ("form[title]", IMPROVEMENT_TITLE),
                    ("form[problem]", "Ik hing twintig minuten in de wacht."),
                    ("form[team_id]", team_id.to_string().as_str()),
                    ("form[owner_id]", ""),
                    ("form[due_on]", ""),
                    ("form[priority]", "medium"),
                ],
            )
            .await;
        let improvement = ok(&triage, "triage")["improvement_id"]
            .as_i64()
            .expect("improvement id");
        let improvement_version = ok(
            &app.call_as(
                cx,
                "improvements/page",
                &[("id", improvement.to_string().as_str())],
            )
            .await,
            "improvement",
        )["detail"]["version"]
            .as_i64()
            .expect("version");

        // A colleague walking the same journey links a friction of hers to the improvement.
        let colleague = people.client(Actor::Colleague);
        let hers = ok(
            &app.call_as(
                colleague,
                "walk/start",
                &[("journey_id", live_journey.to_string().as_str())],
            )
            .await,
            "colleague's start",
        )
        .as_i64()
        .expect("walkthrough id");
        let linked = app
            .call_as(
                colleague,
                "walk/friction",
                &[
                    ("form[walkthrough_id]", hers.to_string().as_str()),
                    ("form[step_id]", live_step.to_string().as_str()),
                    ("form[number]", "1"),
                    ("form[friction_id]", ""),
                    ("form[kind]", "friction"),
                    ("form[severity]", "major"),
                    ("form[title]", "Ook ik hing lang in de wacht"),
                    ("form[what_happened]", "Een kwartier muziek."),
                    ("form[similar]", format!("i:{improvement}").as_str()),
                ],
            )
            .await;
        let foreign_friction = ok(&linked, "linked friction")
            .as_i64()
            .expect("friction id");

        // His licence (renewal due) waits for his manager: a second completed walkthrough whose
        // presentation he gave and she confirmed.
        let ready = completed_walkthrough(app, EMPLOYEE).await;
        let confirmed = draft_presentation(app, &ready).await;
        let today = klantenrijbewijs::domain::licence::amsterdam_date(chrono::Utc::now());
        let attendee = app.person_id(super::actors::COLLEAGUE).await;
        let recorded = app
            .call_as(
                owner,
                "presentations/meeting/record",
                &[
                    ("form[presentation_id]", confirmed.to_string().as_str()),
                    (
                        "form[held_on]",
                        today.format("%Y-%m-%d").to_string().as_str(),
                    ),
                    ("form[audience]", "Team Autoschade, weekstart"),
                    ("form[team_id]", team_id.to_string().as_str()),
                    (
                        format!("form[attendees][p{attendee}]").as_str(),
                        attendee.to_string().as_str(),
                    ),
                ],
            )
            .await;
        ok(&recorded, "meeting");
        let reviewed = app
            .call_as(
                people.client(Actor::OwnReviewer),
                "presentations/meeting/review",
                &[
                    ("form[presentation_id]", confirmed.to_string().as_str()),
                    ("form[decision]", "confirmed"),
                    ("form[comment]", ""),
                ],
            )
            .await;
        ok(&reviewed, "confirmation");

        // Told of the confirmation and the triage: a notification of his own.
        let notifications = ok(
            &app.call_as(owner, "notifications/list", &[]).await,
            "notifications",
        );
        let notification = notifications["items"][0]["id"]
            .as_i64()
            .expect("the owner has a notification");

        let card = ok(&app.call_as(owner, "licence/card", &[]).await, "card");
        let verification_code = card["card"]["code"]
            .as_str()
            .expect("the owner holds a licence")
            .to_owned();

        // HR's uploads: files with errors, so applying them is refused after the role check.
        let bad_csv = || ("fout.csv", "text/csv", b"dit;is;geen;bestand\n".to_vec());
        let people_upload = token_of(&upload(app, hr, "/hr/import/upload", &[], bad_csv()).await);
        let licence_upload =
            token_of(&upload(app, hr, "/hr/import/licences/upload", &[], bad_csv()).await);

        Fixture {
            owner_id,
            team_id,
            done,
            evidence,
            presentation,
            slide,
            slide_friction,
            comment,
            open,
            open_step,
            kept,
            doomed,
            foreign_friction,
            improvement,
            improvement_version,
            notification,
            verification_code,
            live_journey,
            live_step,
            draft_journey,
            draft_step,
            family,
            people_upload,
            licence_upload,
        }
    }
}

/// Sets a walkthrough's status: the set-up's one write past the app, in SQL any database takes.
async fn set_status(app: &TestApp, walkthrough: i64, status: &'static str) {
    app.exec(
        &format!("update walkthrough set status = '{status}' where id = {walkthrough}"),
        &[],
    )
    .await;
}
