//! Demo data: a believable Dutch insurer, so a newcomer can sign in as every role. Loaded only into an empty database.
//!
//! This file is the loader; the data itself is in `people` (organisation and accounts),
//! `journeys` (the demo catalogue), `walks` (completed walkthroughs), `presentations`,
//! `licences`, and `improvements` (what the teams did with the frictions, with `later_walks`).

mod improvements;
mod journeys;
mod later_walks;
mod licences;
mod people;
mod presentations;
mod walks;

use crate::db::backend::on;
use crate::db::{Db, Tx, org, person};
use crate::domain::journey::{JourneyInput, StepInput};
use crate::domain::{Email, EmployeeNumber, Password, PersonName, RoleSet, TeamName};
use crate::error::AppError;
use journeys::{DEMO_CURATOR, DEMO_JOURNEY_YEAR, JOURNEYS};
use people::{ORGANISATION, PEOPLE};

/// Every demo account signs in with this password (listed in the README).
pub const DEMO_PASSWORD: &str = "demo-wachtwoord";

/// Loads the demo organisation if the database has no people yet. Returns whether anything was loaded.
pub async fn load_demo(db: &Db) -> Result<bool, AppError> {
    if person::count(db).await? > 0 {
        return Ok(false);
    }
    let password =
        Password::parse(DEMO_PASSWORD).map_err(|e| AppError::internal("demo password", e))?;
    // One hash for every demo account keeps start-up fast; real accounts each get their own salt.
    let hash = crate::auth::password::hash(&password).await?;
    let mut tx = crate::db::begin(db).await?;
    let mut teams = std::collections::HashMap::new();
    for (department, team_names) in ORGANISATION {
        let name =
            TeamName::parse(department).map_err(|e| AppError::internal("demo department", e))?;
        let department_id = org::insert_department(&mut tx, &name).await?;
        for team in *team_names {
            let name = TeamName::parse(team).map_err(|e| AppError::internal("demo team", e))?;
            teams.insert(
                *team,
                org::insert_team(&mut tx, department_id, &name).await?,
            );
        }
    }
    let mut ids = std::collections::HashMap::new();
    for demo in PEOPLE {
        let fields = person::PersonFields {
            name: PersonName::parse(demo.name).map_err(|e| AppError::internal("demo name", e))?,
            email: Email::parse(demo.email).map_err(|e| AppError::internal("demo email", e))?,
            employee_number: EmployeeNumber::parse(demo.number)
                .map_err(|e| AppError::internal("demo number", e))?,
            team_id: teams.get(demo.team).copied(),
            manager_id: demo.manager.and_then(|m| ids.get(m).copied()),
            active: demo.active,
            preferred_language: demo.language,
        };
        let id = person::insert(&mut tx, &fields, Some(&hash)).await?;
        person::set_roles(&mut tx, id, &RoleSet::new(demo.roles.iter().copied())).await?;
        ids.insert(demo.email, id);
    }
    // The demo company has existed for years: without this everyone would have joined today and
    // the HR dashboard's 12-month trend (which counts people from the day they joined) would be
    // empty but for this month.
    let joined = crate::db::now() - chrono::Duration::days(3 * 365);
    on!(&mut tx, |c| {
        sqlx::query("update person set created_at = $1")
            .bind(joined)
            .execute(&mut *c)
            .await?;
    });
    load_demo_journeys(&mut tx, &teams, ids.get(DEMO_CURATOR).copied()).await?;
    tx.commit().await?;
    tracing::info!(people = PEOPLE.len(), "demo organisation loaded");
    // After the commit: presentations are made through the db layer, which opens its own
    // transactions.
    presentations::load(db, &ids).await?;
    licences::load(db, &ids).await?;
    improvements::load(db, &ids).await?;
    // The demo rows were written in bulk: count them once for the improvements' priority.
    crate::db::improvement::tally::rebuild(db).await?;
    Ok(true)
}

/// Loads the demo journeys in the seed's transaction. `teams` maps team names to ids.
async fn load_demo_journeys(
    tx: &mut Tx,
    teams: &std::collections::HashMap<&str, i64>,
    curator: Option<i64>,
) -> Result<(), AppError> {
    for demo in JOURNEYS {
        let input = JourneyInput::parse(
            demo.title,
            demo.product_line,
            &DEMO_JOURNEY_YEAR.to_string(),
            demo.persona,
            demo.goal,
            demo.scenario,
            demo.rules,
        )
        .map_err(|e| AppError::internal("demo journey", format!("{}: {e:?}", demo.title)))?;
        let family = crate::db::journey::insert_family(&mut *tx).await?;
        let id =
            crate::db::journey::insert(&mut *tx, family, 1, &input, demo.status, curator).await?;
        for step in demo.steps {
            let team = teams.get(step.team).copied().ok_or_else(|| {
                AppError::internal("demo journey step", format!("unknown team {}", step.team))
            })?;
            let input = StepInput::parse(
                step.phase.code(),
                step.title,
                step.instructions,
                step.channel.code(),
                step.promise,
                &team.to_string(),
            )
            .map_err(|e| {
                AppError::internal("demo journey step", format!("{}: {e:?}", step.title))
            })?;
            crate::db::journey::insert_step(&mut *tx, id, &input).await?;
        }
    }
    Ok(())
}

/// A demo person's id and team by e-mail address, for the benchmarks that act as them.
pub async fn demo_person(db: &Db, email: &str) -> Result<(i64, Option<i64>), sqlx::Error> {
    let person = on!(db, |c| {
        sqlx::query_as("select id, team_id from person where email = $1")
            .bind(email)
            .fetch_one(&mut *c)
            .await?
    });
    Ok(person)
}
