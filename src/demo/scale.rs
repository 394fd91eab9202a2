//! Grows a demo database to company size (thousands of employees) for load tests and benchmarks.
//!
//! [`grow_people`] adds active employees `medewerker00001@dijkhuis.example`, `…00002`, … numbered
//! after the highest such address already present, so calling it twice adds new people instead of
//! failing on a duplicate. The `seed-scale` command compares [`employee_count`] with its target
//! first, so running that command twice adds nobody the second time.

mod import_bench;
mod improvements;
mod licences;
mod walks;

pub use import_bench::{ImportTimings, sample_file, time_import};
pub use improvements::{ImprovementGrowth, grow_improvements};
pub use licences::{assign_leads, grow_licences};
pub use walks::{grow_walkthroughs, walkthrough_count};

use crate::db::backend::on;
use crate::db::{Db, WriteTx, begin, begin_write, now};
use crate::domain::{Password, Role};
use crate::error::AppError;

/// People inserted per write transaction: large enough to be quick, small enough that a running
/// server's writers are not locked out for long.
const BATCH: usize = 500;

/// Names are only for a believable people list; the e-mail address carries uniqueness.
const FIRST_NAMES: &[&str] = &[
    "Lisa", "Jeroen", "Sara", "Mehmet", "Anne", "Sem", "Noor", "Rik", "Ayla", "Bas", "Eva", "Tim",
];
const LAST_NAMES: &[&str] = &[
    "de Boer",
    "Jacobs",
    "Yilmaz",
    "van Leeuwen",
    "Hoekstra",
    "Pinas",
    "Kuipers",
    "Wang",
    "van den Berg",
    "Öztürk",
    "Schouten",
    "Vos",
];

#[derive(Debug, thiserror::Error)]
pub enum ScaleError {
    #[error("database: {0}")]
    Db(#[from] sqlx::Error),
    #[error("hashing the demo password failed: {0}")]
    Hash(AppError),
    #[error("the database has no teams yet; load the demo organisation first")]
    NoTeams,
    #[error("no grown employees to give walkthroughs; grow the people first")]
    NoPeople,
    #[error("no live journey with steps to walk")]
    NoJourneys,
    #[error("the demo HR person is missing; load the demo organisation first")]
    NoHr,
    #[error("import: {0}")]
    Import(String),
}

/// A fixed scramble of `x` (splitmix64): spreads the seeded data the same way on every run, so
/// a second run recognises what the first one did.
fn mix(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Active people with the employee role: who could walk a journey.
pub async fn employee_count(db: &Db) -> Result<i64, sqlx::Error> {
    let count = on!(db, |c| {
        sqlx::query_scalar::<_, i64>(
            "select count(*) from person p
             join person_role r on r.person_id = p.id and r.role = $1
             where p.active = true",
        )
        .bind(Role::Employee.code())
        .fetch_one(&mut *c)
        .await?
    });
    Ok(count)
}

/// Adds `count` active employees spread round-robin over the existing teams, all with the demo
/// password. Returns their e-mail addresses in the order they were added. Runs on either
/// database (tests grow the people on both); the rest of the scale seeder is SQLite's.
pub async fn grow_people(db: &Db, count: usize) -> Result<Vec<String>, ScaleError> {
    if count == 0 {
        return Ok(Vec::new());
    }
    let teams = teams_with_manager(db).await?;
    if teams.is_empty() {
        return Err(ScaleError::NoTeams);
    }
    let password = Password::parse(super::seed::DEMO_PASSWORD)
        .map_err(|key| ScaleError::Hash(AppError::internal("demo password", key)))?;
    // One argon2 hash for everyone: hashing each of 10,000 rows would take minutes.
    let hash = crate::auth::password::hash(&password)
        .await
        .map_err(ScaleError::Hash)?;
    let first = next_number(db).await?;
    let mut emails = Vec::with_capacity(count);
    let numbers: Vec<i64> = (first..).take(count).collect();
    for batch in numbers.chunks(BATCH) {
        let mut tx = begin(db).await?;
        let ts = now();
        on!(&mut tx, |c| {
            for &n in batch {
                let index = usize::try_from(n).unwrap_or_default();
                let (team_id, manager_id) = teams[index % teams.len()];
                let email = format!("medewerker{n:05}@dijkhuis.example");
                let name = format!(
                    "{} {}",
                    FIRST_NAMES[index % FIRST_NAMES.len()],
                    LAST_NAMES[(index / FIRST_NAMES.len()) % LAST_NAMES.len()]
                );
                let id = sqlx::query_scalar::<_, i64>(
                    "insert into person (email, name, employee_number, team_id, manager_id, active,
                                         preferred_language, password_hash, created_at, updated_at)
                     values ($1, $2, $3, $4, $5, true, 'nl', $6, $7, $7) returning id",
                )
                .bind(&email)
                .bind(&name)
                .bind(format!("DV-M{n:05}"))
                .bind(team_id)
                .bind(manager_id)
                .bind(&hash)
                .bind(ts)
                .fetch_one(&mut *c)
                .await?;
                sqlx::query(
                    "insert into person_role (person_id, role, created_at) values ($1, $2, $3)",
                )
                .bind(id)
                .bind(Role::Employee.code())
                .bind(ts)
                .execute(&mut *c)
                .await?;
                emails.push(email);
            }
        });
        tx.commit().await?;
    }
    Ok(emails)
}

/// Every team with the manager its new members get: the team's reviewer (team lead), or else the
/// manager most of the team already reports to (e.g. HR reports to its head), or none.
async fn teams_with_manager(db: &Db) -> Result<Vec<(i64, Option<i64>)>, sqlx::Error> {
    let teams = on!(db, |c| {
        sqlx::query_as::<_, (i64, Option<i64>)>(
            "select t.id, coalesce(
                 (select p.id from person p
                  join person_role r on r.person_id = p.id and r.role = 'reviewer'
                  where p.team_id = t.id and p.active = true
                  order by p.id limit 1),
                 (select p.manager_id from person p
                  where p.team_id = t.id and p.active = true and p.manager_id is not null
                  group by p.manager_id
                  order by count(*) desc, p.manager_id limit 1))
             from team t
             order by t.id",
        )
        .fetch_all(&mut *c)
        .await?
    });
    Ok(teams)
}

/// The number after the highest `medewerkerNNNNN@dijkhuis.example` already in the database.
async fn next_number(db: &Db) -> Result<i64, sqlx::Error> {
    let emails = on!(db, |c| {
        sqlx::query_scalar::<_, String>(
            "select email from person where email like 'medewerker%@dijkhuis.example'",
        )
        .fetch_all(&mut *c)
        .await?
    });
    // The digits after `medewerker`, read as SQLite's `cast(… as integer)` reads them (the
    // leading digits, or 0).
    let number = |email: &str| -> i64 {
        let digits: String = email
            .get("medewerker".len()..)
            .unwrap_or_default()
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        digits.parse().unwrap_or(0)
    };
    Ok(emails.iter().map(|e| number(e)).max().unwrap_or(0) + 1)
}
