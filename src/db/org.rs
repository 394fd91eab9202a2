//! Queries on departments and teams.

use crate::domain::TeamName;
use crate::domain::org::{Department, Team};
use sqlx::{SqliteConnection, SqliteExecutor};

use super::{Db, now};

pub async fn teams(db: &Db) -> Result<Vec<Team>, sqlx::Error> {
    sqlx::query_as::<_, (i64, i64, String, String, i64)>(
        "select t.id, t.department_id, t.name, d.name,
                (select count(*) from person p where p.team_id = t.id and p.active = true)
         from team t join department d on d.id = t.department_id
         order by d.name, t.name",
    )
    .fetch_all(db)
    .await
    .map(|rows| {
        rows.into_iter()
            .map(
                |(id, department_id, name, department_name, people_count)| Team {
                    id,
                    department_id,
                    name,
                    department_name,
                    people_count,
                },
            )
            .collect()
    })
}

pub async fn departments(db: &Db) -> Result<Vec<Department>, sqlx::Error> {
    let rows = sqlx::query_as::<_, (i64, String)>("select id, name from department order by name")
        .fetch_all(db)
        .await?;
    let teams = teams(db).await?;
    Ok(rows
        .into_iter()
        .map(|(id, name)| {
            let teams: Vec<Team> = teams
                .iter()
                .filter(|t| t.department_id == id)
                .cloned()
                .collect();
            Department {
                people_count: teams.iter().map(|t| t.people_count).sum(),
                id,
                name,
                teams,
            }
        })
        .collect())
}

pub async fn team_exists(db: impl SqliteExecutor<'_>, id: i64) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar::<_, i64>("select count(*) from team where id = ?")
        .bind(id)
        .fetch_one(db)
        .await
        .map(|n| n > 0)
}

pub async fn department_exists(db: impl SqliteExecutor<'_>, id: i64) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar::<_, i64>("select count(*) from department where id = ?")
        .bind(id)
        .fetch_one(db)
        .await
        .map(|n| n > 0)
}

pub async fn insert_department(
    conn: &mut SqliteConnection,
    name: &TeamName,
) -> Result<i64, sqlx::Error> {
    let ts = now();
    sqlx::query_scalar::<_, i64>(
        "insert into department (name, created_at, updated_at) values (?, ?, ?) returning id",
    )
    .bind(name.as_str())
    .bind(ts)
    .bind(ts)
    .fetch_one(conn)
    .await
}

pub async fn insert_team(
    conn: &mut SqliteConnection,
    department_id: i64,
    name: &TeamName,
) -> Result<i64, sqlx::Error> {
    let ts = now();
    sqlx::query_scalar::<_, i64>(
        "insert into team (department_id, name, created_at, updated_at) values (?, ?, ?, ?) returning id",
    )
    .bind(department_id)
    .bind(name.as_str())
    .bind(ts)
    .bind(ts)
    .fetch_one(conn)
    .await
}
