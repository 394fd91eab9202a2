//! Demo improvements: what the teams did with the frictions of the demo walkthroughs, dated
//! relative to the day the demo is loaded. Every status across six teams, each with an owner,
//! due date and lead priority; several merged from more than one friction (with all four
//! SERVQUAL gaps); one fixed and confirmed by later walkers (on step 3 of "Ik wil schade melden",
//! where the next walker is asked "Klopt dat?"), one fixed and reported again, one reopened by
//! the app after two later walkers, one overdue; a "geen actie" with its reason; the notifications
//! the reporters got; and fresh untriaged frictions in every lead's inbox (Marieke Jansen's
//! Autoschade has eight, three of them about the form an improvement is already open for).
//!
//! Teams whose leads the browser tests count unread notifications of (Autoschade, Klachten &
//! Bezwaar) only have improvements that are neither overdue nor stale on the day of loading.

use super::later_walks::LATER_WALKS;
use super::walks::DemoWalk;
use crate::db::backend::on;
use crate::db::notification::ImprovementNews;
use crate::db::{Db, Source, Tx};
use crate::domain::licence::amsterdam_date;
use crate::error::AppError;
use chrono::{DateTime, Datelike, Duration, Utc};
use std::collections::HashMap;

/// One triaged friction: (reporter, friction title, SERVQUAL gap, triaged days ago, by whom).
type Linked = (&'static str, &'static str, &'static str, i64, &'static str);
/// One status change: (days ago, who — None when the app reopened it, to status, comment).
/// The first is the creation (to `new`).
type Change = (i64, Option<&'static str>, &'static str, &'static str);

struct Story {
    title: &'static str,
    problem: &'static str,
    team: &'static str,
    owner: &'static str,
    journey: &'static str,
    /// index of the step in the journey
    step: usize,
    priority: &'static str,
    /// the due date in days from today (negative: past)
    due_in_days: i64,
    frictions: &'static [Linked],
    path: &'static [Change],
    /// (later walker, answer) on their latest walkthrough of the journey, after the fix
    confirmations: &'static [(&'static str, &'static str)],
}

const SCHADE: &str = super::walks::SCHADE;
const AUTO: &str = super::walks::AUTO;
const OPZEGGEN: &str = super::walks::OPZEGGEN;

const NAOMI: &str = "naomi.tjin@dijkhuis.example";
const RUUD: &str = "ruud.hendriks@dijkhuis.example";
const WOUTER: &str = "wouter.brouwer@dijkhuis.example";
const JULIA: &str = "julia.meijer@dijkhuis.example";
const LARS: &str = "lars.bos@dijkhuis.example";
const FLOOR: &str = "floor.janssen@dijkhuis.example";
const GRACE: &str = "grace.okafor@dijkhuis.example";
const TIM: &str = "tim.verbeek@dijkhuis.example";
const MILA: &str = "mila.hoekstra@dijkhuis.example";
const PIETER: &str = "pieter.degroot@dijkhuis.example";
const RICK: &str = "rick.vanleeuwen@dijkhuis.example";
const SEM: &str = "sem.deboer@dijkhuis.example";
const ELS: &str = "els.vandijk@dijkhuis.example";
const KEVIN: &str = "kevin.lin@dijkhuis.example";
const MARIEKE: &str = "marieke.jansen@dijkhuis.example";

const STORIES: &[Story] = &[
    Story {
        title: "Schademelding in de app blijft bewaard na elke foto",
        problem: "Ik was halverwege mijn melding en bij de derde foto sloot de app af. Alles was weg en ik moest opnieuw beginnen, terwijl ik net een aanrijding had gehad.",
        team: "Website & App",
        owner: JULIA,
        journey: SCHADE,
        step: 2,
        priority: "high",
        due_in_days: -10,
        frictions: &[
            (
                GRACE,
                "The app closed while I added photos",
                "delivery",
                38,
                NAOMI,
            ),
            (
                FLOOR,
                "App verliest de melding bij de derde foto",
                "delivery",
                38,
                NAOMI,
            ),
        ],
        path: &[
            (
                38,
                Some(NAOMI),
                "new",
                "Twee meldingen van hetzelfde probleem samengevoegd.",
            ),
            (36, Some(NAOMI), "planned", "Opgepakt in sprint 48."),
            (
                33,
                Some(JULIA),
                "in_progress",
                "Melding wordt nu na elke stap op het toestel bewaard.",
            ),
            (
                21,
                Some(JULIA),
                "fixed",
                "De melding wordt na elke foto bewaard; foto's gaan één voor één, met voortgang.",
            ),
        ],
        confirmations: &[
            (SEM, "not_seen"),
            ("lotte.smit@dijkhuis.example", "fixed"),
            (KEVIN, "fixed"),
        ],
    },
    Story {
        title: "Gegevens uit de premieberekening overnemen in de aanvraag",
        problem: "Wat ik bij de berekening al had ingevuld, moest ik in de aanvraag opnieuw typen: mijn adres zelfs drie keer.",
        team: "Website & App",
        owner: LARS,
        journey: AUTO,
        step: 3,
        priority: "medium",
        due_in_days: -150,
        frictions: &[(TIM, "Adres drie keer invullen", "specification", 370, NAOMI)],
        path: &[
            (370, Some(NAOMI), "new", ""),
            (
                340,
                Some(NAOMI),
                "planned",
                "Mee in de vernieuwing van het aanvraagformulier.",
            ),
            (250, Some(LARS), "in_progress", ""),
            (
                120,
                Some(LARS),
                "fixed",
                "Adres en kenteken gaan nu mee van de berekening naar de aanvraag.",
            ),
        ],
        confirmations: &[(PIETER, "fixed"), (MILA, "still_problem")],
    },
    Story {
        title: "Kilometers zelf aanpassen in de app",
        problem: "Ik wilde mijn jaarkilometers verhogen, maar dat kon alleen door te bellen. Online kreeg ik een foutmelding.",
        team: "Website & App",
        owner: LARS,
        journey: AUTO,
        step: 7,
        priority: "high",
        due_in_days: 21,
        // Tim's and Mila's frictions about the same thing still wait in Naomi's inbox.
        frictions: &[
            (
                ELS,
                "Kilometers alleen telefonisch te wijzigen",
                "specification",
                145,
                NAOMI,
            ),
            (
                PIETER,
                "Kilometers wijzigen: 'probeer het later opnieuw'",
                "delivery",
                18,
                NAOMI,
            ),
        ],
        path: &[
            (145, Some(NAOMI), "new", ""),
            (
                140,
                Some(NAOMI),
                "planned",
                "Na de nieuwe polisadministratie.",
            ),
            (120, Some(LARS), "in_progress", ""),
            (
                50,
                Some(LARS),
                "fixed",
                "Kilometers aanpassen staat nu in de app, met de nieuwe premie vooraf.",
            ),
            (
                9,
                None,
                "in_progress",
                "Twee lopers zeiden na de oplossing dat het nog steeds een probleem is.",
            ),
        ],
        confirmations: &[(PIETER, "still_problem"), (MILA, "still_problem")],
    },
    Story {
        title: "Opzeggen zichtbaar in het menu van de polis",
        problem: "Ik wilde opzeggen, maar onder 'Mijn polissen' stond alleen wijzigen en uitbreiden. Pas via de zoekfunctie vond ik het.",
        team: "Website & App",
        owner: MILA,
        journey: OPZEGGEN,
        step: 0,
        priority: "medium",
        due_in_days: 30,
        frictions: &[(
            RICK,
            "Opzeggen is niet te vinden in het menu",
            "knowledge",
            20,
            NAOMI,
        )],
        path: &[
            (20, Some(NAOMI), "new", ""),
            (
                16,
                Some(NAOMI),
                "planned",
                "Mee in de menu-herziening van januari.",
            ),
        ],
        confirmations: &[],
    },
    Story {
        title: "Schadelijn in het Engels",
        problem: "The phone menu of the claims line was in Dutch only. I could not find an option for English.",
        team: "Klantcontactcentrum",
        owner: RUUD,
        journey: SCHADE,
        step: 1,
        priority: "low",
        due_in_days: -20,
        frictions: &[(
            GRACE,
            "The claims line only speaks Dutch",
            "knowledge",
            50,
            RUUD,
        )],
        path: &[
            (50, Some(RUUD), "new", ""),
            (
                40,
                Some(RUUD),
                "wont_fix",
                "Een Engelstalig keuzemenu vraagt een eigen wachtrij die we niet dag en nacht kunnen bemensen. Wie 'English' zegt, wordt wel doorverbonden met een collega die Engels spreekt; dat staat nu op de schadepagina.",
            ),
        ],
        confirmations: &[],
    },
    Story {
        title: "In de chat eerst de vraag beantwoorden, daarna pas een aanbod",
        problem: "Ik vroeg in de chat naar mijn opzegdatum en kreeg eerst een korting aangeboden. Pas toen ik die had afgeslagen, kreeg ik antwoord.",
        team: "Klantcontactcentrum",
        owner: "sophie.peters@dijkhuis.example",
        journey: OPZEGGEN,
        step: 1,
        priority: "high",
        due_in_days: 40,
        frictions: &[(RICK, "Chat begint met een aanbieding", "delivery", 5, RUUD)],
        path: &[(5, Some(RUUD), "new", "")],
        confirmations: &[],
    },
    Story {
        title: "Terugbelverzoek aanbieden als de wachtrij oploopt",
        problem: "Voor een vraag van één minuut stond ik twaalf minuten in de wachtrij, zonder te weten hoe lang het nog zou duren.",
        team: "Klantcontactcentrum",
        owner: KEVIN,
        journey: AUTO,
        step: 2,
        priority: "medium",
        due_in_days: -20,
        frictions: &[
            (
                ELS,
                "Twaalf minuten in de wachtrij van de chat",
                "specification",
                140,
                RUUD,
            ),
            (
                MILA,
                "Twaalf minuten in de wacht voor een korte vraag",
                "specification",
                7,
                RUUD,
            ),
        ],
        path: &[
            (140, Some(RUUD), "new", ""),
            (
                130,
                Some(RUUD),
                "planned",
                "Wacht op de nieuwe telefooncentrale.",
            ),
        ],
        confirmations: &[],
    },
    Story {
        title: "Gegevens van de tegenpartij overnemen uit het schadeformulier",
        problem: "Ik stuurde het ingevulde schadeformulier mee en moest daarna toch naam en kenteken van de tegenpartij zelf overtypen, op mijn telefoon.",
        team: "Autoschade",
        owner: "lotte.smit@dijkhuis.example",
        journey: SCHADE,
        step: 3,
        priority: "high",
        due_in_days: 60,
        // Floor's, Sem's and Zoë's frictions about the same form still wait in the inbox, to be
        // merged into this one.
        frictions: &[(
            KEVIN,
            "Formulier toch deels overtypen",
            "specification",
            5,
            MARIEKE,
        )],
        path: &[(5, Some(MARIEKE), "new", "")],
        confirmations: &[],
    },
    Story {
        title: "Erkende herstellers op een kaart",
        problem: "Op de site vond ik geen erkende hersteller; ik moest de schadelijn bellen om er een te vinden.",
        team: "Schadebehandeling Particulier",
        owner: "emma.devries@dijkhuis.example",
        journey: SCHADE,
        step: 5,
        priority: "medium",
        due_in_days: 30,
        frictions: &[(
            KEVIN,
            "Hersteller alleen via de telefoon te vinden",
            "specification",
            5,
            "ahmed.bouzid@dijkhuis.example",
        )],
        path: &[
            (5, Some("ahmed.bouzid@dijkhuis.example"), "new", ""),
            (
                2,
                Some("emma.devries@dijkhuis.example"),
                "in_progress",
                "De kaart uit de app komt ook op de schadepagina.",
            ),
        ],
        confirmations: &[],
    },
    Story {
        title: "Rekensom van de teruggave in de eindafrekening",
        problem: "De brief noemde het bedrag dat ik terugkrijg, maar niet hoe het is berekend. Ik kon het niet nagaan.",
        team: "Klantcommunicatie",
        owner: "anouk.dekker@dijkhuis.example",
        journey: OPZEGGEN,
        step: 4,
        priority: "low",
        due_in_days: 45,
        frictions: &[(
            RICK,
            "Teruggave zonder berekening",
            "communication",
            20,
            WOUTER,
        )],
        path: &[
            (20, Some(WOUTER), "new", ""),
            (
                14,
                Some("anouk.dekker@dijkhuis.example"),
                "in_progress",
                "De rekensom komt in de nieuwe briefversie.",
            ),
        ],
        confirmations: &[],
    },
    Story {
        title: "Persoonlijk contact binnen twee werkdagen bij bezwaar",
        problem: "Ik was het niet eens met de beslissing en kreeg alleen een automatisch antwoord: tien werkdagen wachten, zonder te weten hoe ik bezwaar maak of wie het oppakt.",
        team: "Klachten & Bezwaar",
        owner: "mohamed.amrani@dijkhuis.example",
        journey: SCHADE,
        step: 7,
        priority: "high",
        due_in_days: 20,
        frictions: &[(
            FLOOR,
            "Bezwaar krijgt een automatisch antwoord van tien werkdagen",
            "communication",
            12,
            "joost.mulder@dijkhuis.example",
        )],
        path: &[
            (12, Some("joost.mulder@dijkhuis.example"), "new", ""),
            (10, Some("joost.mulder@dijkhuis.example"), "planned", ""),
            (
                4,
                Some("mohamed.amrani@dijkhuis.example"),
                "in_progress",
                "Nieuwe standaardtekst met naam en termijn in de maak.",
            ),
        ],
        confirmations: &[],
    },
];

/// Frictions closed as "geen actie": (reporter, friction title, by whom, days ago, reason).
const NO_ACTION: &[(&str, &str, &str, i64, &str)] = &[(
    PIETER,
    "Tevredenheidsmail in de spam",
    WOUTER,
    15,
    "Het testaccount heeft een strenge spamfilter. Bij klanten komt deze mail in 99% van de gevallen aan (meting van november), dus hier doen we niets aan.",
)];

/// Notifications older than this were read by the time the demo starts.
const READ_AFTER_DAYS: i64 = 14;

fn bad(what: &str, detail: impl std::fmt::Display) -> AppError {
    AppError::internal("demo improvements", format!("{what}: {detail}"))
}

/// Loads the later walks and the improvements; runs after the demo walkthroughs, presentations
/// and licences. `people` maps demo e-mails to person ids.
pub(super) async fn load(db: &Db, people: &HashMap<&str, i64>) -> Result<(), AppError> {
    let now = Utc::now();
    for walk in LATER_WALKS {
        let person = *people
            .get(walk.email)
            .ok_or_else(|| bad("unknown person", walk.email))?;
        let demo = DemoWalk {
            email: walk.email,
            journey: walk.journey,
            cycle_year: i64::from(amsterdam_date(now - Duration::days(walk.days_ago)).year()),
            days_ago: walk.days_ago,
            recommend: walk.recommend,
            summary: walk.summary,
            pros: walk.pros,
            cons: walk.cons,
            answers: walk.answers,
            findings: walk.findings,
        };
        super::presentations::insert_walk(db, person, &demo).await?;
    }
    let id_of = |email: &str| {
        people
            .get(email)
            .copied()
            .ok_or_else(|| bad("unknown person", email))
    };
    let ago = |days: i64| now - Duration::days(days);
    let mut tx = crate::db::begin(db).await?;
    for story in STORIES {
        load_story(&mut tx, story, &id_of, &ago, now).await?;
    }
    for (reporter, title, by, days, reason) in NO_ACTION {
        let (friction, person, _) = friction_of(&mut tx, reporter, title).await?;
        let by = id_of(by)?;
        on!(&mut tx, |c| {
            sqlx::query(
                "insert into friction_triage (friction_id, outcome, reason, triaged_by, created_at, updated_at)
                 values ($1, 'no_action', $2, $3, $4, $4)",
            )
            .bind(friction)
            .bind(reason)
            .bind(by)
            .bind(ago(*days))
            .execute(&mut *c)
            .await?;
        });
        let news = (ImprovementNews::NoAction, None, Some(friction));
        tell(&mut tx, person, news, Some(by), ago(*days), now).await?;
    }
    tx.commit().await?;
    tracing::info!(
        walks = LATER_WALKS.len(),
        improvements = STORIES.len(),
        "demo improvements loaded"
    );
    Ok(())
}

async fn load_story(
    tx: &mut Tx,
    story: &Story,
    id_of: &impl Fn(&str) -> Result<i64, AppError>,
    ago: &impl Fn(i64) -> DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let (created_days, Some(creator), "new", _) = *story
        .path
        .first()
        .ok_or_else(|| bad("no path", story.title))?
    else {
        return Err(bad("the first change must create it", story.title));
    };
    let last = story.path[story.path.len() - 1];
    let status = last.2;
    let fixed_at = story
        .path
        .iter()
        .rev()
        .find(|c| c.2 == "fixed")
        .map(|c| ago(c.0));
    let closed_at = matches!(status, "fixed" | "wont_fix").then(|| ago(last.0));
    let last_triage = story
        .frictions
        .iter()
        .map(|f| f.3)
        .min()
        .unwrap_or(created_days);
    let last_activity = ago(last.0.min(last_triage));
    on!(tx, |c| {
        let (step_id, family_id): (i64, i64) = sqlx::query_as(
            "select s.id, j.family_id from journey_step s join journey j on j.id = s.journey_id
             where j.title = $1 and j.status = 'live' order by s.position, s.id limit 1 offset $2",
        )
        .bind(story.journey)
        .bind(i64::try_from(story.step).unwrap_or_default())
        .fetch_optional(&mut *c)
        .await?
        .ok_or_else(|| bad("no such step", story.title))?;
        let team: i64 = sqlx::query_scalar("select id from team where name = $1")
            .bind(story.team)
            .fetch_optional(&mut *c)
            .await?
            .ok_or_else(|| bad("no such team", story.team))?;
        let changes = story.path.len() + story.frictions.len() - 2;
        let id: i64 = sqlx::query_scalar(
            "insert into improvement (title, problem, team_id, owner_id, journey_family_id, step_id, due_on,
                                      priority, status, status_reason, fixed_at, closed_at, last_activity_at,
                                      version, created_by, created_at, updated_at)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) returning id",
        )
        .bind(story.title)
        .bind(story.problem)
        .bind(team)
        .bind(id_of(story.owner)?)
        .bind(family_id)
        .bind(step_id)
        .bind(amsterdam_date(now + Duration::days(story.due_in_days)))
        .bind(story.priority)
        .bind(status)
        .bind(last.3)
        .bind(fixed_at)
        .bind(closed_at)
        .bind(last_activity)
        .bind(i64::try_from(changes).unwrap_or_default())
        .bind(id_of(creator)?)
        .bind(ago(created_days))
        .bind(last_activity)
        .fetch_one(&mut *c)
        .await?;
        let mut from = None;
        for (days, who, to, comment) in story.path {
            let actor = who.map(id_of).transpose()?;
            sqlx::query(
                "insert into improvement_history (improvement_id, actor_id, from_status, to_status, comment, created_at, updated_at)
                 values ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(id)
            .bind(actor)
            .bind(from)
            .bind(to)
            .bind(comment)
            .bind(ago(*days))
            .bind(ago(*days))
            .execute(&mut *c)
            .await?;
            from = Some(*to);
        }
        // Who reported a linked friction, when it was linked, and who recognised it.
        let mut heard = Vec::new();
        for (reporter, title, gap, days, by) in story.frictions {
            let (friction, person, finished) = friction_of(&mut *c, reporter, title).await?;
            if finished > ago(*days) {
                return Err(bad("triaged before it was walked", title));
            }
            let by = id_of(by)?;
            sqlx::query(
                "insert into friction_triage (friction_id, outcome, improvement_id, gap, triaged_by, created_at, updated_at)
                 values ($1, 'improvement', $2, $3, $4, $5, $6)",
            )
            .bind(friction)
            .bind(id)
            .bind(gap)
            .bind(by)
            .bind(ago(*days))
            .bind(ago(*days))
            .execute(&mut *c)
            .await?;
            let news = (ImprovementNews::Created, Some(id), Some(friction));
            tell(&mut *c, person, news, Some(by), ago(*days), now).await?;
            heard.push((person, ago(*days)));
            let recognisers: Vec<i64> = sqlx::query_scalar(
                "select person_id from friction_recognition where friction_id = $1",
            )
            .bind(friction)
            .fetch_all(&mut *c)
            .await?;
            heard.extend(recognisers.into_iter().map(|p| (p, ago(*days))));
        }
        // Everyone linked by then hears that it was fixed or closed; the owner hears of a reopening.
        for (days, who, to, _) in story.path {
            let at = ago(*days);
            let actor = who.map(id_of).transpose()?;
            let news = match (*to, actor) {
                ("fixed", _) => ImprovementNews::Fixed,
                ("wont_fix", _) => ImprovementNews::WontFix,
                (_, None) => {
                    let news = (ImprovementNews::Reopened, Some(id), None);
                    tell(&mut *c, id_of(story.owner)?, news, None, at, now).await?;
                    continue;
                }
                _ => continue,
            };
            let mut told = Vec::new();
            for (person, since) in &heard {
                if *since <= at && !told.contains(person) {
                    told.push(*person);
                    tell(&mut *c, *person, (news, Some(id), None), actor, at, now).await?;
                }
            }
        }
        for (walker, answer) in story.confirmations {
            let (walk, person, finished): (i64, i64, DateTime<Utc>) = sqlx::query_as(
                "select w.id, w.person_id, w.finished_at from walkthrough w
                 join journey j on j.id = w.journey_id
                 join person p on p.id = w.person_id
                 where p.email = $1 and j.family_id = $2 and w.status = 'completed'
                 order by w.finished_at desc limit 1",
            )
            .bind(walker)
            .bind(family_id)
            .fetch_optional(&mut *c)
            .await?
            .ok_or_else(|| bad("no later walk", walker))?;
            if fixed_at.is_none_or(|fixed| finished <= fixed) {
                return Err(bad("confirmed before the fix", walker));
            }
            sqlx::query(
                "insert into improvement_confirmation (improvement_id, walkthrough_id, person_id, answer, created_at, updated_at)
                 values ($1, $2, $3, $4, $5, $6)",
            )
            .bind(id)
            .bind(walk)
            .bind(person)
            .bind(answer)
            .bind(finished)
            .bind(finished)
            .execute(&mut *c)
            .await?;
        }
    });
    Ok(())
}

/// A demo friction by its reporter and title: (id, reporter's id, when its walkthrough finished).
async fn friction_of(
    src: impl Source<'_>,
    reporter: &str,
    title: &str,
) -> Result<(i64, i64, DateTime<Utc>), AppError> {
    let found = on!(src, |c| {
        sqlx::query_as(
            "select f.id, w.person_id, w.finished_at from friction f
         join walkthrough w on w.id = f.walkthrough_id
         join person p on p.id = w.person_id
         where p.email = $1 and f.title = $2 and w.status = 'completed'",
        )
        .bind(reporter)
        .bind(title)
        .fetch_optional(&mut *c)
        .await?
    });
    found.ok_or_else(|| bad("no such friction", format!("{reporter}: {title}")))
}

/// A notification as `notify_improvement` writes it, at `at` (read a day later when older than
/// two weeks). Nobody is told about their own action.
async fn tell(
    src: impl Source<'_>,
    person: i64,
    (news, improvement, friction): (ImprovementNews, Option<i64>, Option<i64>),
    actor: Option<i64>,
    at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    if actor == Some(person) {
        return Ok(());
    }
    let read = (now - at > Duration::days(READ_AFTER_DAYS)).then(|| at + Duration::days(1));
    on!(src, |c| {
        sqlx::query(
        "insert into notification (person_id, kind, improvement_id, friction_id, actor_id, read_at, created_at, updated_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(person)
    .bind(news.code())
    .bind(improvement)
    .bind(friction)
    .bind(actor)
    .bind(read)
    .bind(at)
    .bind(read.unwrap_or(at))
    .execute(&mut *c)
    .await?;
    });
    Ok(())
}
