//! Queries on departments and teams.

use crate::domain::TeamName;
use crate::domain::org::{Department, Team};

use super::backend::on;
use super::{Db, Source, now};

pub async fn teams(db: &Db) -> Result<Vec<Team>, sqlx::Error> {
    let rows = on!(db, |c| {
        sqlx::query_as::<_, (i64, i64, String, String, i64)>(
            "select t.id, t.department_id, t.name, d.name,
                    (select count(*) from person p where p.team_id = t.id and p.active = true)
             from team t join department d on d.id = t.department_id
             order by d.name, t.name",
        )
        .fetch_all(&mut *c)
        .await?
    });
    Ok(rows
        .into_iter()
        .map(
            |(id, department_id, name, department_name, people_count)| Team {
                id,
                department_id,
                name,
                department_name,
                people_count,
            },
        )
        .collect())
}

pub async fn departments(db: &Db) -> Result<Vec<Department>, sqlx::Error> {
    let rows = on!(db, |c| {
        sqlx::query_as::<_, (i64, String)>("select id, name from department order by name")
            .fetch_all(&mut *c)
            .await?
    });
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

pub async fn team_exists(src: impl Source<'_>, id: i64) -> Result<bool, sqlx::Error> {
    let n = on!(src, |c| {
        sqlx::query_scalar::<_, i64>("select count(*) from team where id = $1")
            .bind(id)
            .fetch_one(&mut *c)
            .await?
    });
    Ok(n > 0)
}

pub async fn department_exists(src: impl Source<'_>, id: i64) -> Result<bool, sqlx::Error> {
    let n = on!(src, |c| {
        sqlx::query_scalar::<_, i64>("select count(*) from department where id = $1")
            .bind(id)
            .fetch_one(&mut *c)
            .await?
    });
    Ok(n > 0)
}

pub async fn insert_department(src: impl Source<'_>, name: &TeamName) -> Result<i64, sqlx::Error> {
    let ts = now();
    Ok(on!(src, |c| {
        sqlx::query_scalar::<_, i64>(
            "insert into department (name, created_at, updated_at) values ($1, $2, $2)
             returning id",
        )
        .bind(name.as_str())
        .bind(ts)
        .fetch_one(&mut *c)
        .await?
    }))
}

pub async fn insert_team(
    src: impl Source<'_>,
    department_id: i64,
    name: &TeamName,
) -> Result<i64, sqlx::Error> {
    let ts = now();
    Ok(on!(src, |c| {
        sqlx::query_scalar::<_, i64>(
            "insert into team (department_id, name, created_at, updated_at) values ($1, $2, $3, $3)
             returning id",
        )
        .bind(department_id)
        .bind(name.as_str())
        .bind(ts)
        .fetch_one(&mut *c)
        .await?
    }))
}
