//! Completed walkthroughs at company scale: each with every step answered and on average ten
//! findings (frictions, delights, questions), spread over the grown employees, the live
//! journeys and the last three cycle years. Rows go in with multi-row inserts, one write
//! transaction per [`BATCH`] walkthroughs, so a running server's writers wait briefly at most.

use super::{Db, ScaleError, begin_write, mix};
use crate::domain::licence::amsterdam_date;
use chrono::{Datelike, Duration, NaiveDate, Utc};
use sqlx::{QueryBuilder, Sqlite};

/// Walkthroughs per write transaction (with their ~10 steps and ~10 findings each).
const BATCH: usize = 500;
/// Rows per multi-row insert: 9 columns each stays far below SQLite's bound-parameter limit.
const ROWS_PER_INSERT: usize = 1000;

const OUTCOMES: &[&str] = &["done", "done", "done", "partly", "failed", "skipped"];
const KINDS: &[&str] = &["friction", "friction", "friction", "delight", "question"];
const SEVERITIES: &[&str] = &["blocker", "major", "papercut", "papercut"];
const TITLES: &[&str] = &[
    "Formulier vergat mijn gegevens",
    "Wachttijd aan de telefoon te lang",
    "Bevestiging kwam niet per e-mail",
    "Onduidelijke foutmelding bij uploaden",
    "Vriendelijke en snelle medewerker",
    "Waarom moet ik dit twee keer invullen?",
    "Knop onvindbaar op de telefoon",
    "Brief spreekt de website tegen",
];

/// A live journey with its steps (id, owning team) in walking order.
struct Journey {
    id: i64,
    steps: Vec<(i64, Option<i64>)>,
}

/// Completed walkthroughs in the database (all people).
pub async fn walkthrough_count(db: &Db) -> Result<i64, sqlx::Error> {
    // SQLite only (seed-scale refuses PostgreSQL up front): its bulk SQL is SQLite's.
    let pool = db.sqlite()?;
    sqlx::query_scalar("select count(*) from walkthrough where status = 'completed'")
        .fetch_one(pool)
        .await
}

/// Adds completed walkthroughs until the database holds `target` of them. Returns how many
/// walkthroughs and findings were added.
pub async fn grow_walkthroughs(db: &Db, target: i64) -> Result<(i64, i64), ScaleError> {
    // SQLite only (seed-scale refuses PostgreSQL up front): its bulk SQL is SQLite's.
    let pool = db.sqlite()?;
    let existing = walkthrough_count(db).await?;
    let missing = target.saturating_sub(existing);
    if missing <= 0 {
        return Ok((0, 0));
    }
    let people: Vec<i64> = sqlx::query_scalar(
        "select id from person
         where email like 'medewerker%@dijkhuis.example' and active = true
         order by id",
    )
    .fetch_all(pool)
    .await?;
    if people.is_empty() {
        return Err(ScaleError::NoPeople);
    }
    let journeys = live_journeys(db).await?;
    if journeys.is_empty() {
        return Err(ScaleError::NoJourneys);
    }
    let today = amsterdam_date(Utc::now());
    let mut findings = 0;
    let numbers: Vec<i64> = (existing..existing + missing).collect();
    for batch in numbers.chunks(BATCH) {
        let mut tx = begin_write(db).await?;
        let mut steps: Vec<StepRow> = Vec::new();
        let mut found: Vec<FindingRow> = Vec::new();
        for &k in batch {
            let h = mix(k as u64);
            let per_person = people.len() as i64;
            let person = people[(k % per_person) as usize];
            // a person's n-th walkthrough falls in another of the last three cycle years than
            // their previous one, and people start in different years
            let round = k / per_person;
            let journey = &journeys[((k + round) % journeys.len() as i64) as usize];
            let year = today.year() - ((round + k % per_person) % 3) as i32;
            let finished = finished_on(year, today, h);
            let started = finished - Duration::minutes(60 + (h % 60) as i64);
            let id: i64 = sqlx::query_scalar(
                "insert into walkthrough (person_id, journey_id, cycle_year, status, recommend_score,
                                          summary, pros, cons, started_at, finished_at, created_at, updated_at)
                 values (?, ?, ?, 'completed', ?, ?, ?, ?, ?, ?, ?, ?) returning id",
            )
            .bind(person)
            .bind(journey.id)
            .bind(year)
            .bind((h % 11) as i64)
            .bind("Als klant liep ik de reis van begin tot eind; een paar stappen kunnen beter.")
            .bind("Duidelijke taal en snelle bevestiging.")
            .bind("Te veel dubbele vragen.")
            .bind(started)
            .bind(finished)
            .bind(started)
            .bind(finished)
            .fetch_one(&mut *tx)
            .await?;
            for (i, &(step, _)) in journey.steps.iter().enumerate() {
                let s = mix(h ^ i as u64);
                steps.push(StepRow {
                    walkthrough: id,
                    step,
                    outcome: OUTCOMES[(s % OUTCOMES.len() as u64) as usize],
                    minutes: (s % 30) as i64 + 1,
                    emotion: (s / 7 % 5) as i64 - 2,
                    effort: (s / 11 % 7) as i64 + 1,
                    at: finished,
                });
            }
            // 5 to 15 findings: ten on average
            for j in 0..(5 + h % 11) {
                let f = mix(h.rotate_left(17) ^ j);
                let (step, team) = journey.steps[(f % journey.steps.len() as u64) as usize];
                let kind = KINDS[(f / 3 % KINDS.len() as u64) as usize];
                found.push(FindingRow {
                    walkthrough: id,
                    step,
                    kind,
                    severity: (kind == "friction")
                        .then(|| SEVERITIES[(f / 5 % SEVERITIES.len() as u64) as usize]),
                    title: TITLES[(f / 13 % TITLES.len() as u64) as usize],
                    team,
                    at: finished,
                });
            }
        }
        for chunk in steps.chunks(ROWS_PER_INSERT) {
            insert_steps(&mut tx, chunk).await?;
        }
        for chunk in found.chunks(ROWS_PER_INSERT) {
            insert_findings(&mut tx, chunk).await?;
        }
        findings += found.len() as i64;
        let done = batch.last().map_or(0, |k| k - existing + 1);
        if done % 5000 == 0 || done == missing {
            tracing::info!(done, of = missing, findings, "walkthroughs added");
        }
        // Every third finding of this batch touches one of Watkinson's principles.
        sqlx::query(
            "insert into friction_principle (friction_id, principle)
             select f.id, case f.id % 5 when 0 then 'effortless' when 1 then 'expectations'
                                        when 2 then 'control' when 3 then 'stress' else 'needs' end
             from friction f
             where f.walkthrough_id in (select w.id from walkthrough w where w.id >= ? and w.id <= ?)
               and f.id % 3 = 0",
        )
        .bind(first_id(&steps, &found))
        .bind(last_id(&steps, &found))
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
    }
    Ok((missing, findings))
}

fn first_id(steps: &[StepRow], found: &[FindingRow]) -> i64 {
    let a = steps.iter().map(|s| s.walkthrough).min();
    let b = found.iter().map(|f| f.walkthrough).min();
    a.into_iter().chain(b).min().unwrap_or(0)
}

fn last_id(steps: &[StepRow], found: &[FindingRow]) -> i64 {
    let a = steps.iter().map(|s| s.walkthrough).max();
    let b = found.iter().map(|f| f.walkthrough).max();
    a.into_iter().chain(b).max().unwrap_or(-1)
}

/// A moment in cycle `year` at or before today, picked by `h`.
fn finished_on(year: i32, today: NaiveDate, h: u64) -> chrono::DateTime<Utc> {
    let last = if year == today.year() {
        today.ordinal()
    } else {
        365
    };
    let day = NaiveDate::from_yo_opt(year, 1 + (h / 17 % u64::from(last)) as u32).unwrap_or(today);
    crate::db::licence::start_of_day(day) + Duration::hours(9 + (h / 3 % 8) as i64)
}

async fn live_journeys(db: &Db) -> Result<Vec<Journey>, sqlx::Error> {
    // SQLite only (seed-scale refuses PostgreSQL up front): its bulk SQL is SQLite's.
    let pool = db.sqlite()?;
    let ids: Vec<i64> =
        sqlx::query_scalar("select id from journey where status = 'live' order by id")
            .fetch_all(pool)
            .await?;
    let mut journeys = Vec::with_capacity(ids.len());
    for id in ids {
        let steps = sqlx::query_as::<_, (i64, Option<i64>)>(
            "select id, team_id from journey_step where journey_id = ? order by position, id",
        )
        .bind(id)
        .fetch_all(pool)
        .await?;
        if !steps.is_empty() {
            journeys.push(Journey { id, steps });
        }
    }
    Ok(journeys)
}

struct StepRow {
    walkthrough: i64,
    step: i64,
    outcome: &'static str,
    minutes: i64,
    emotion: i64,
    effort: i64,
    at: chrono::DateTime<Utc>,
}

struct FindingRow {
    walkthrough: i64,
    step: i64,
    kind: &'static str,
    severity: Option<&'static str>,
    title: &'static str,
    team: Option<i64>,
    at: chrono::DateTime<Utc>,
}

async fn insert_steps(tx: &mut super::WriteTx, rows: &[StepRow]) -> Result<(), sqlx::Error> {
    let mut q: QueryBuilder<Sqlite> = QueryBuilder::new(
        "insert into walkthrough_step (walkthrough_id, step_id, outcome, minutes, emotion, effort,
                                       happened, version, created_at, updated_at) ",
    );
    q.push_values(rows, |mut b, r| {
        b.push_bind(r.walkthrough)
            .push_bind(r.step)
            .push_bind(r.outcome)
            .push_bind(r.minutes)
            .push_bind(r.emotion)
            .push_bind(r.effort)
            .push_bind("Zoals een klant het zou meemaken.")
            .push_bind(1_i64)
            .push_bind(r.at)
            .push_bind(r.at);
    });
    q.build().execute(&mut **tx).await.map(|_| ())
}

async fn insert_findings(tx: &mut super::WriteTx, rows: &[FindingRow]) -> Result<(), sqlx::Error> {
    let mut q: QueryBuilder<Sqlite> = QueryBuilder::new(
        "insert into friction (walkthrough_id, step_id, kind, severity, title, what_happened,
                               suggestion, team_id, incomplete, created_at, updated_at) ",
    );
    q.push_values(rows, |mut b, r| {
        b.push_bind(r.walkthrough)
            .push_bind(r.step)
            .push_bind(r.kind)
            .push_bind(r.severity)
            .push_bind(r.title)
            .push_bind("Gebeurde tijdens het doorlopen van de stap.")
            .push_bind("Maak het de klant makkelijker.")
            .push_bind(r.team)
            .push_bind(false)
            .push_bind(r.at)
            .push_bind(r.at);
    });
    q.build().execute(&mut **tx).await.map(|_| ())
}
