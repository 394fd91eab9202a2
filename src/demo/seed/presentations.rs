//! Demo presentations: the demo walkthroughs (`walks.rs`) turned into presentations at every stage,
//! with meetings, reviews, comments and recognitions, so the library tells a story on first run.
//!
//! Reserved for the browser tests (completed walkthrough, NO presentation; do not give them one):
//! noa.claassen@ (end2end/presentation-edit.spec.ts), jesse.kok@
//! (end2end/presentation-present.spec.ts), zoe.vos@ (end2end/presentation-meeting.spec.ts).

use super::walks::{DemoWalk, WALKS};
use crate::db::backend::on;
use crate::db::notification::{NotificationKind, notify};
use crate::db::{Db, presentation, walkthrough};
use crate::domain::walkthrough::Access;
use crate::error::AppError;
use chrono::{Duration, Utc};
use std::collections::HashMap;

/// Where a demo presentation stands.
enum Stage {
    Presented,
    Confirmed,
    /// sent back with the reviewer's comment
    SentBack(&'static str),
}

struct DemoPresentation {
    email: &'static str,
    title: &'static str,
    key_message: &'static str,
    recommendations: &'static str,
    visibility: &'static str,
    stage: Stage,
    presented_days_ago: i64,
    audience: &'static str,
    attendees: &'static [&'static str],
}

const PRESENTATIONS: &[DemoPresentation] = &[
    DemoPresentation {
        email: "floor.janssen@dijkhuis.example",
        title: "Schade melden met een app die het opgeeft",
        key_message: "Op het moment dat een klant het meest gestrest is, **mag de app geen werk weggooien**.",
        recommendations: "- Bewaar een melding na elke stap, ook zonder verbinding.\n- Laat een foto van het schadeformulier volstaan.\n- Zet de naam van de behandelaar in de bevestiging.",
        visibility: "organisation",
        stage: Stage::Confirmed,
        presented_days_ago: 30,
        audience: "Teamoverleg Schadebehandeling Particulier, met gasten van Website & App",
        attendees: &[
            "emma.devries@dijkhuis.example",
            "bram.willems@dijkhuis.example",
            "julia.meijer@dijkhuis.example",
        ],
    },
    DemoPresentation {
        email: "rick.vanleeuwen@dijkhuis.example",
        title: "Opzeggen: netjes geregeld, slecht te vinden",
        key_message: "Wie wil vertrekken, onthoudt vooral **hoe het afscheid ging**. Maak opzeggen net zo makkelijk als afsluiten.",
        recommendations: "- Opzeggen in het menu van de polis.\n- In de chat eerst de vraag beantwoorden, daarna pas een aanbod.\n- De rekensom van de teruggave in de brief.",
        visibility: "organisation",
        stage: Stage::Confirmed,
        presented_days_ago: 14,
        audience: "Werkoverleg Klantcontactcentrum",
        attendees: &[
            "sophie.peters@dijkhuis.example",
            "kevin.lin@dijkhuis.example",
            "iris.koster@dijkhuis.example",
        ],
    },
    DemoPresentation {
        email: "mila.hoekstra@dijkhuis.example",
        title: "Een autoverzekering afsluiten kan in minuten, wijzigen niet",
        key_message: "De app maakt afsluiten makkelijk; **wijzigen moet net zo makkelijk worden**.",
        recommendations: "- Kilometers aanpassen in de app.\n- Voorbeelden bij de dekkingen.\n- Terugbelverzoek na twee minuten wachten.",
        visibility: "team",
        stage: Stage::Presented,
        presented_days_ago: 2,
        audience: "Sprintreview Website & App",
        attendees: &["julia.meijer@dijkhuis.example", "lars.bos@dijkhuis.example"],
    },
    DemoPresentation {
        email: "tim.verbeek@dijkhuis.example",
        title: "Vriendelijk aan de telefoon, stroef online",
        key_message: "Onze mensen maken het goed; **onze formulieren maken het weer stuk**.",
        recommendations: "- Eén adres vragen.\n- Kilometers online wijzigen.",
        visibility: "organisation",
        stage: Stage::Confirmed,
        presented_days_ago: 360,
        audience: "Kwartaalbijeenkomst Inkomensverzekeringen",
        attendees: &[
            "priya.ramdin@dijkhuis.example",
            "thomas.vermeulen@dijkhuis.example",
        ],
    },
    DemoPresentation {
        email: "sem.deboer@dijkhuis.example",
        title: "Bezwaar maken na een schade",
        key_message: "Een klant die het oneens is, wil **gehoord worden**, niet wachten.",
        recommendations: "- Uitleg over bezwaar in elke afwijzing.",
        visibility: "organisation",
        stage: Stage::SentBack(
            "Goed verhaal, maar je liet de bezwaarstap alleen kort zien. Laat in een nieuwe sessie met Klachten & Bezwaar zien wat we concreet anders kunnen doen.",
        ),
        presented_days_ago: 10,
        audience: "Teamoverleg Klachten & Bezwaar",
        attendees: &["mohamed.amrani@dijkhuis.example"],
    },
];

/// (presentation's author, commenter, comment)
const COMMENTS: &[(&str, &str, &str)] = &[
    (
        "floor.janssen@dijkhuis.example",
        "julia.meijer@dijkhuis.example",
        "Herkenbaar. We zien in de app-logs dat veel meldingen bij de foto's afbreken. Ik zet tussentijds bewaren op de backlog.",
    ),
    (
        "floor.janssen@dijkhuis.example",
        "sophie.peters@dijkhuis.example",
        "Aan de telefoon horen we dit wekelijks: klanten die bellen omdat de app hun melding kwijt is.",
    ),
    (
        "floor.janssen@dijkhuis.example",
        "floor.janssen@dijkhuis.example",
        "Dank jullie! Ik loop in januari mee met het app-team om het te testen.",
    ),
    (
        "rick.vanleeuwen@dijkhuis.example",
        "anouk.dekker@dijkhuis.example",
        "De brief over de eindafrekening is van ons. We nemen de rekensom mee in de nieuwe versie.",
    ),
    (
        "rick.vanleeuwen@dijkhuis.example",
        "mohamed.amrani@dijkhuis.example",
        "Veel klachten over opzeggen beginnen precies bij die chat. Goed dat dit op tafel ligt.",
    ),
    (
        "mila.hoekstra@dijkhuis.example",
        "lars.bos@dijkhuis.example",
        "Die foutmelding bij kilometers is een bekende bug. Ik pak hem deze sprint op.",
    ),
    (
        "tim.verbeek@dijkhuis.example",
        "priya.ramdin@dijkhuis.example",
        "Het adres drie keer invullen zit ook in onze inkomensaanvraag.",
    ),
];

/// (presentation's author, friction title, who recognises it, note)
const RECOGNITIONS: &[(&str, &str, &str, &str)] = &[
    (
        "floor.janssen@dijkhuis.example",
        "App verliest de melding bij de derde foto",
        "sophie.peters@dijkhuis.example",
        "Klanten bellen ons hier elke week over.",
    ),
    (
        "floor.janssen@dijkhuis.example",
        "App verliest de melding bij de derde foto",
        "julia.meijer@dijkhuis.example",
        "",
    ),
    (
        "floor.janssen@dijkhuis.example",
        "App verliest de melding bij de derde foto",
        "kevin.lin@dijkhuis.example",
        "Zelf meegemaakt met mijn eigen autoschade.",
    ),
    (
        "floor.janssen@dijkhuis.example",
        "Schadeformulier moet worden overgetypt",
        "emma.devries@dijkhuis.example",
        "Wij typen het daarna nog een keer over.",
    ),
    (
        "floor.janssen@dijkhuis.example",
        "Bezwaar krijgt een automatisch antwoord van tien werkdagen",
        "mohamed.amrani@dijkhuis.example",
        "",
    ),
    (
        "rick.vanleeuwen@dijkhuis.example",
        "Opzeggen is niet te vinden in het menu",
        "lars.bos@dijkhuis.example",
        "Zoektermen als 'stoppen' staan bovenaan in onze zoekstatistiek.",
    ),
    (
        "rick.vanleeuwen@dijkhuis.example",
        "Chat begint met een aanbieding",
        "iris.koster@dijkhuis.example",
        "",
    ),
    (
        "rick.vanleeuwen@dijkhuis.example",
        "Chat begint met een aanbieding",
        "grace.okafor@dijkhuis.example",
        "Same in my own walkthrough last year.",
    ),
    (
        "mila.hoekstra@dijkhuis.example",
        "Kilometers aanpassen geeft een foutmelding",
        "julia.meijer@dijkhuis.example",
        "",
    ),
    (
        "tim.verbeek@dijkhuis.example",
        "Kilometerstand alleen telefonisch aan te passen",
        "thomas.vermeulen@dijkhuis.example",
        "Nog steeds zo bij mijn eigen polis.",
    ),
];

fn bad(what: &str, detail: impl std::fmt::Display) -> AppError {
    AppError::internal("demo presentations", format!("{what}: {detail}"))
}

/// Loads the demo walkthroughs and presentations; runs right after the demo organisation and
/// journeys are committed. `people` maps demo e-mails to person ids.
pub(super) async fn load(db: &Db, people: &HashMap<&str, i64>) -> Result<(), AppError> {
    let id_of = |email: &str| {
        people
            .get(email)
            .copied()
            .ok_or_else(|| bad("unknown person", email))
    };
    let mut walks = HashMap::new();
    let mut frictions = HashMap::new();
    for walk in WALKS {
        let (walk_id, titles) = insert_walk(db, id_of(walk.email)?, walk).await?;
        walks.insert(walk.email, walk_id);
        for (title, id) in titles {
            frictions.insert((walk.email, title), id);
        }
    }
    let now = Utc::now();
    for demo in PRESENTATIONS {
        let author = id_of(demo.email)?;
        let walk_id = *walks
            .get(demo.email)
            .ok_or_else(|| bad("no demo walk", demo.email))?;
        let walk = walkthrough::detail(db, walk_id, Access::Read)
            .await?
            .ok_or_else(|| bad("demo walk vanished", demo.email))?;
        let draft = crate::domain::presentation::draft_presentation(&walk);
        let id = presentation::create(db, walk_id, author, &draft)
            .await
            .map_err(|e| bad("create", format!("{e:?}")))?;
        let reviewer = walk_reviewer(db, author).await?;
        let presented = now - Duration::days(demo.presented_days_ago);
        let status = match demo.stage {
            Stage::Presented => "presented",
            Stage::Confirmed => "confirmed",
            Stage::SentBack(_) => "sent_back",
        };
        let held_on = crate::domain::licence::amsterdam_date(presented);
        let review = match demo.stage {
            Stage::Presented => None,
            Stage::Confirmed => Some(("confirmed", "", NotificationKind::Confirmed)),
            Stage::SentBack(comment) => Some(("sent_back", comment, NotificationKind::SentBack)),
        };
        let in_library = !matches!(demo.stage, Stage::SentBack(_));
        let mut tx = crate::db::begin(db).await?;
        on!(&mut tx, |c| {
            sqlx::query(
                "update presentation set title = $1, key_message = $2, recommendations = $3,
                        visibility = $4, status = $5, presented_at = $6, version = version + 1,
                        updated_at = $6
                 where id = $7",
            )
            .bind(demo.title)
            .bind(demo.key_message)
            .bind(demo.recommendations)
            .bind(demo.visibility)
            .bind(status)
            .bind(presented)
            .bind(id)
            .execute(&mut *c)
            .await?;
            let meeting: i64 = sqlx::query_scalar(
                "insert into presentation_meeting (presentation_id, held_on, audience, team_id, recorded_by, created_at, updated_at)
                 select $1, $2, $3, team_id, id, $4, $4 from person where id = $5 returning id",
            )
            .bind(id)
            .bind(held_on)
            .bind(demo.audience)
            .bind(presented)
            .bind(author)
            .fetch_one(&mut *c)
            .await?;
            for email in demo.attendees {
                sqlx::query(
                    "insert into presentation_attendee (meeting_id, person_id, created_at) values ($1, $2, $3)",
                )
                .bind(meeting)
                .bind(id_of(email)?)
                .bind(presented)
                .execute(&mut *c)
                .await?;
            }
            if let (Some((decision, comment, kind)), Some(reviewer)) = (review, reviewer) {
                let at = presented + Duration::days(1);
                sqlx::query(
                    "insert into presentation_review (presentation_id, meeting_id, reviewer_id, decision, comment, created_at, updated_at)
                     values ($1, $2, $3, $4, $5, $6, $6)",
                )
                .bind(id)
                .bind(meeting)
                .bind(reviewer)
                .bind(decision)
                .bind(comment)
                .bind(at)
                .execute(&mut *c)
                .await?;
                notify(&mut *c, author, kind, Some(id), Some(reviewer)).await?;
            }
            for (n, (_, commenter, body)) in
                (1_i64..).zip(COMMENTS.iter().filter(|c| c.0 == demo.email))
            {
                let at = presented + Duration::hours(3 * n);
                let commenter = id_of(commenter)?;
                sqlx::query(
                    "insert into presentation_comment (presentation_id, person_id, body, created_at, updated_at)
                     values ($1, $2, $3, $4, $4)",
                )
                .bind(id)
                .bind(commenter)
                .bind(body)
                .bind(at)
                .execute(&mut *c)
                .await?;
                notify(
                    &mut *c,
                    author,
                    NotificationKind::Comment,
                    Some(id),
                    Some(commenter),
                )
                .await?;
            }
            for (_, title, who, note) in RECOGNITIONS
                .iter()
                .filter(|r| r.0 == demo.email && in_library)
            {
                let friction = frictions
                    .get(&(demo.email, *title))
                    .copied()
                    .ok_or_else(|| bad("unknown demo friction", title))?;
                let who = id_of(who)?;
                sqlx::query(
                    "insert into friction_recognition (friction_id, person_id, note, created_at, updated_at)
                     values ($1, $2, $3, $4, $4)",
                )
                .bind(friction)
                .bind(who)
                .bind(note)
                .bind(presented)
                .execute(&mut *c)
                .await?;
                notify(
                    &mut *c,
                    author,
                    NotificationKind::Recognition,
                    Some(id),
                    Some(who),
                )
                .await?;
            }
            presentation::search::reindex(&mut *c, id).await?;
        });
        tx.commit().await?;
    }
    tracing::info!(
        walks = WALKS.len(),
        presentations = PRESENTATIONS.len(),
        "demo presentations loaded"
    );
    Ok(())
}

/// The author's manager, who reviews their presentation.
async fn walk_reviewer(db: &Db, person_id: i64) -> Result<Option<i64>, sqlx::Error> {
    let manager = on!(db, |c| {
        sqlx::query_scalar::<_, Option<i64>>("select manager_id from person where id = $1")
            .bind(person_id)
            .fetch_one(&mut *c)
            .await?
    });
    Ok(manager)
}

/// Inserts one completed walkthrough with its answers and findings; returns its id and the
/// findings' (title, id).
pub(super) async fn insert_walk(
    db: &Db,
    person_id: i64,
    walk: &DemoWalk,
) -> Result<(i64, Vec<(&'static str, i64)>), AppError> {
    let mut tx = crate::db::begin(db).await?;
    let result = on!(&mut tx, |c| {
        let journey: i64 =
            sqlx::query_scalar("select id from journey where title = $1 and status = 'live'")
                .bind(walk.journey)
                .fetch_optional(&mut *c)
                .await?
                .ok_or_else(|| bad("no live journey", walk.journey))?;
        let steps = sqlx::query_as::<_, (i64, Option<i64>)>(
            "select id, team_id from journey_step where journey_id = $1 order by position, id",
        )
        .bind(journey)
        .fetch_all(&mut *c)
        .await?;
        let finished = Utc::now() - Duration::days(walk.days_ago);
        let started = finished - Duration::minutes(75);
        let walk_id: i64 = sqlx::query_scalar(
            "insert into walkthrough (person_id, journey_id, cycle_year, status, recommend_score, summary, pros, cons,
                                      started_at, finished_at, created_at, updated_at)
             values ($1, $2, $3, 'completed', $4, $5, $6, $7, $8, $9, $10, $11) returning id",
        )
        .bind(person_id)
        .bind(journey)
        .bind(walk.cycle_year)
        .bind(walk.recommend)
        .bind(walk.summary)
        .bind(walk.pros)
        .bind(walk.cons)
        .bind(started)
        .bind(finished)
        .bind(started)
        .bind(finished)
        .fetch_one(&mut *c)
        .await?;
        let answers: Vec<&str> = walk.answers.lines().collect();
        if answers.len() != steps.len() {
            return Err(bad("answers do not match the steps", walk.email));
        }
        for ((step, _), line) in steps.iter().zip(answers) {
            let f: Vec<&str> = line.split('|').collect();
            let [outcome, minutes, emotion, effort, happened] = f[..] else {
                return Err(bad("answer line", line));
            };
            let num = |v: &str| v.parse::<i64>().map_err(|e| bad(line, e));
            sqlx::query(
                "insert into walkthrough_step (walkthrough_id, step_id, outcome, minutes, emotion, effort, happened,
                                               version, created_at, updated_at)
                 values ($1, $2, $3, $4, $5, $6, $7, 1, $8, $9)",
            )
            .bind(walk_id)
            .bind(step)
            .bind(outcome)
            .bind(num(minutes)?)
            .bind(num(emotion)?)
            .bind(num(effort)?)
            .bind(happened)
            .bind(started)
            .bind(finished)
            .execute(&mut *c)
            .await?;
        }
        let mut titles = Vec::new();
        for line in walk.findings.lines() {
            let f: Vec<&str> = line.split('|').collect();
            let [step, kind, severity, title, what, suggestion, principles] = f[..] else {
                return Err(bad("finding line", line));
            };
            let index: usize = step.parse().map_err(|e| bad(line, e))?;
            let (step_id, team) = *steps.get(index).ok_or_else(|| bad("finding step", line))?;
            let id: i64 = sqlx::query_scalar(
                "insert into friction (walkthrough_id, step_id, kind, severity, title, what_happened, suggestion, team_id,
                                       incomplete, created_at, updated_at)
                 values ($1, $2, $3, $4, $5, $6, $7, $8, false, $9, $10) returning id",
            )
            .bind(walk_id)
            .bind(step_id)
            .bind(kind)
            .bind((severity != "-").then_some(severity))
            .bind(title)
            .bind(what)
            .bind(suggestion)
            .bind(team)
            .bind(started)
            .bind(finished)
            .fetch_one(&mut *c)
            .await?;
            for principle in principles.split(',').filter(|p| !p.is_empty()) {
                sqlx::query(
                    "insert into friction_principle (friction_id, principle) values ($1, $2)",
                )
                .bind(id)
                .bind(principle)
                .execute(&mut *c)
                .await?;
            }
            titles.push((title, id));
        }
        (walk_id, titles)
    });
    tx.commit().await?;
    Ok(result)
}
