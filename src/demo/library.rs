//! Grows a database to many library presentations for the search benchmark (`klantenrijbewijs
//! bench-library`): copies of the demo walkthroughs with their findings, presented by people all
//! over the organisation on spread-out dates, each indexed like a real one. Never for production.

use crate::db::Db;
use crate::db::backend::on;
use chrono::{Duration, Utc};

/// Adds presentations until the library holds `target`; returns how many were added.
pub async fn grow_library(db: &Db, target: i64) -> Result<i64, sqlx::Error> {
    let (have, templates, people) = on!(db, |c| {
        let have: i64 = sqlx::query_scalar("select count(*) from presentation")
            .fetch_one(&mut *c)
            .await?;
        let templates: Vec<(i64, i64)> = sqlx::query_as(
            "select pr.id, pr.walkthrough_id from presentation pr where pr.status in ('presented', 'confirmed') order by pr.id",
        )
        .fetch_all(&mut *c)
        .await?;
        let people: Vec<i64> = sqlx::query_scalar("select id from person where active order by id")
            .fetch_all(&mut *c)
            .await?;
        (have, templates, people)
    });
    if templates.is_empty() || people.is_empty() {
        return Ok(0);
    }
    let missing = (target - have).max(0);
    let now = Utc::now();
    let mut added = 0;
    while added < missing {
        let mut tx = crate::db::begin(db).await?;
        for _ in 0..500.min(missing - added) {
            let n = have + added;
            let idx = usize::try_from(n).unwrap_or(0);
            let (template, walk) = templates[idx % templates.len()];
            let person = people[idx % people.len()];
            let at = now - Duration::minutes(n * 97 % (3 * 365 * 24 * 60));
            let id = on!(&mut tx, |c| {
                let new_walk: i64 = sqlx::query_scalar(
                    "insert into walkthrough (person_id, journey_id, cycle_year, status, recommend_score, summary,
                                              pros, cons, started_at, finished_at, created_at, updated_at)
                     select $1, journey_id, $2, 'completed', recommend_score, summary, pros, cons, $3, $3, $3, $3
                     from walkthrough where id = $4 returning id",
                )
                .bind(person)
                .bind(2024 + n % 3)
                .bind(at)
                .bind(walk)
                .fetch_one(&mut *c)
                .await?;
                let id: i64 = sqlx::query_scalar(
                    "insert into presentation (walkthrough_id, person_id, title, introduction, key_message, recommendations,
                                               visibility, status, presented_at, version, created_at, updated_at)
                     select $1, $2, title || ' #' || $3, introduction, key_message, recommendations,
                            case when $4 % 3 = 0 then 'team' else 'organisation' end, 'confirmed', $5, 1, $5, $5
                     from presentation where id = $6 returning id",
                )
                .bind(new_walk)
                .bind(person)
                .bind(n.to_string())
                .bind(n)
                .bind(at)
                .bind(template)
                .fetch_one(&mut *c)
                .await?;
                // The findings are copied and the slides point at the copies.
                let frictions: Vec<i64> = sqlx::query_scalar(
                    "select id from friction where walkthrough_id = $1 order by id",
                )
                .bind(walk)
                .fetch_all(&mut *c)
                .await?;
                for old in frictions {
                    let copy: i64 = sqlx::query_scalar(
                        "insert into friction (walkthrough_id, step_id, kind, severity, title, what_happened, suggestion,
                                               team_id, incomplete, created_at, updated_at)
                         select $1, step_id, kind, severity, title, what_happened, suggestion, team_id, incomplete, $2, $2
                         from friction where id = $3 returning id",
                    )
                    .bind(new_walk)
                    .bind(at)
                    .bind(old)
                    .fetch_one(&mut *c)
                    .await?;
                    sqlx::query(
                        "insert into presentation_slide (presentation_id, position, kind, friction_id, included, notes, created_at, updated_at)
                         select $1, position, kind, $2, included, '', $3, $3 from presentation_slide
                         where presentation_id = $4 and friction_id = $5",
                    )
                    .bind(id)
                    .bind(copy)
                    .bind(at)
                    .bind(template)
                    .bind(old)
                    .execute(&mut *c)
                    .await?;
                }
                id
            });
            crate::db::presentation::search::reindex(&mut tx, id).await?;
            added += 1;
        }
        tx.commit().await?;
    }
    Ok(added)
}
