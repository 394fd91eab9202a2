//! The priority counts kept where they change, so the overview can sort every improvement by its
//! score and the improvement page can explain it without counting 300,000 frictions per request.
//!
//! Invariants (each writer calls the matching function inside its own transaction):
//! - an improvement's `blockers`, `majors`, `papercuts`, `unrated` and `recognitions` are the
//!   counts over its linked frictions: [`refresh_improvement`] after a friction is triaged into
//!   it, [`friction_recognised`] after a "herkenbaar" mark is given or taken back;
//! - `days_to_fix` is `domain::improvement::overview::days_to_fix` while it is fixed, else null:
//!   [`set_days_to_fix`] after every status change;
//! - `step_tally` holds per step the completed walkthroughs that walked it and how many of them
//!   logged a friction on it: [`walkthrough_completed`] in the transaction that completes one
//!   (a completed walkthrough's frictions no longer change);
//! - [`rebuild`] recounts everything (after demo and scale seeding, which write rows in bulk).

use crate::db::Source;
use crate::db::backend::on;
use crate::domain::improvement::ImprovementStatus;
use crate::domain::improvement::overview::days_to_fix;
use crate::domain::improvement::priority::{
    BLOCKER_POINTS, MAJOR_POINTS, PAPERCUT_POINTS, PriorityFacts, RECOGNITION_POINTS,
    UNRATED_POINTS,
};
use chrono::{DateTime, Utc};

/// The stored counts of improvement `i` with its step's tally `st` (left-joined), as the columns
/// [`FactRow`] reads.
pub(super) const FACT_COLUMNS: &str = "i.blockers, i.majors, i.papercuts, i.unrated,
    i.recognitions, coalesce(st.walkers, 0) as step_walkers,
    coalesce(st.reporters, 0) as step_reporters";

/// The join that [`FACT_COLUMNS`] and [`score_sql`] need.
pub(super) const FACT_JOIN: &str = "left join step_tally st on st.step_id = i.step_id";

/// The priority facts of one improvement as [`FACT_COLUMNS`] reads them.
#[derive(sqlx::FromRow)]
pub(super) struct FactRow {
    pub blockers: i64,
    pub majors: i64,
    pub papercuts: i64,
    pub unrated: i64,
    pub recognitions: i64,
    pub step_walkers: i64,
    pub step_reporters: i64,
}

impl From<&FactRow> for PriorityFacts {
    fn from(r: &FactRow) -> Self {
        PriorityFacts {
            blockers: r.blockers,
            majors: r.majors,
            papercuts: r.papercuts,
            unrated: r.unrated,
            recognitions: r.recognitions,
            step_walkers: r.step_walkers,
            step_reporters: r.step_reporters,
        }
    }
}

/// `PriorityFacts::score` as SQL over [`FACT_COLUMNS`]' sources, for sorting in the database
/// (the same whole-number arithmetic; `score_in_sql_matches_the_domain` holds them together).
pub(super) fn score_sql() -> String {
    let base = format!(
        "(i.blockers * {BLOCKER_POINTS} + i.majors * {MAJOR_POINTS}
          + i.papercuts * {PAPERCUT_POINTS} + i.unrated * {UNRATED_POINTS}
          + i.recognitions * {RECOGNITION_POINTS})"
    );
    let walkers = "coalesce(st.walkers, 0)";
    let reporters = format!(
        "(case when coalesce(st.reporters, 0) < 0 then 0
               when coalesce(st.reporters, 0) > {walkers} then {walkers}
               else coalesce(st.reporters, 0) end)"
    );
    format!(
        "(case when {walkers} <= 0 then {base}
               else (2 * {base} * ({walkers} + {reporters}) + {walkers}) / (2 * {walkers}) end)"
    )
}

/// Recounts improvement `id`'s linked frictions and recognitions (after a triage into it).
pub async fn refresh_improvement(src: impl Source<'_>, id: i64) -> Result<(), sqlx::Error> {
    on!(src, |c| {
        sqlx::query(&format!("update improvement set {COUNTS} where id = $1"))
            .bind(id)
            .execute(&mut *c)
            .await?;
    });
    Ok(())
}

/// The counts over the linked frictions, for `update improvement set …`.
const COUNTS: &str = "
    blockers = (select count(*) from friction_triage ft join friction f on f.id = ft.friction_id
                where ft.improvement_id = improvement.id and f.severity = 'blocker'),
    majors = (select count(*) from friction_triage ft join friction f on f.id = ft.friction_id
              where ft.improvement_id = improvement.id and f.severity = 'major'),
    papercuts = (select count(*) from friction_triage ft join friction f on f.id = ft.friction_id
                 where ft.improvement_id = improvement.id and f.severity = 'papercut'),
    unrated = (select count(*) from friction_triage ft join friction f on f.id = ft.friction_id
               where ft.improvement_id = improvement.id and f.severity is null),
    recognitions = (select count(*) from friction_triage ft
                    join friction_recognition r on r.friction_id = ft.friction_id
                    where ft.improvement_id = improvement.id)";

/// Sets improvement `id`'s `days_to_fix` from its status and dates (after a status change).
pub async fn set_days_to_fix(src: impl Source<'_>, id: i64) -> Result<(), sqlx::Error> {
    on!(src, |c| {
        let row = sqlx::query_as::<
            _,
            (
                String,
                DateTime<Utc>,
                Option<DateTime<Utc>>,
                Option<DateTime<Utc>>,
            ),
        >(
            "select status, created_at, fixed_at, closed_at from improvement where id = $1"
        )
        .bind(id)
        .fetch_optional(&mut *c)
        .await?;
        let Some((status, created_at, fixed_at, closed_at)) = row else {
            return Ok(());
        };
        let days = (ImprovementStatus::parse(&status) == Ok(ImprovementStatus::Fixed))
            .then(|| closed_at.or(fixed_at).map(|at| days_to_fix(created_at, at)))
            .flatten();
        sqlx::query("update improvement set days_to_fix = $1 where id = $2")
            .bind(days)
            .bind(id)
            .execute(&mut *c)
            .await?;
    });
    Ok(())
}

/// After a "herkenbaar" mark on friction `friction_id` was given or taken back: the recognitions
/// of the improvement it is triaged into, if any.
pub async fn friction_recognised(
    src: impl Source<'_>,
    friction_id: i64,
) -> Result<(), sqlx::Error> {
    on!(src, |c| {
        sqlx::query(
            "update improvement set recognitions =
                 (select count(*) from friction_triage ft
                  join friction_recognition r on r.friction_id = ft.friction_id
                  where ft.improvement_id = improvement.id)
             where id = (select improvement_id from friction_triage where friction_id = $1)",
        )
        .bind(friction_id)
        .execute(&mut *c)
        .await?;
    });
    Ok(())
}

/// Walkthrough `walkthrough_id` has just been completed: one more walker on each step it walked,
/// one more reporter on each step it logged a friction on.
pub async fn walkthrough_completed(
    src: impl Source<'_>,
    walkthrough_id: i64,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    on!(src, |c| {
        sqlx::query(
            "insert into step_tally (step_id, walkers, reporters, created_at, updated_at)
             select step_id, sum(walked), sum(reported), $1, $1
             from (select ws.step_id, 1 as walked, 0 as reported from walkthrough_step ws
                   where ws.walkthrough_id = $2
                   union all
                   select distinct f.step_id, 0, 1 from friction f
                   where f.walkthrough_id = $2 and f.kind = 'friction') counted
             where true
             group by step_id
             on conflict (step_id) do update set walkers = step_tally.walkers + excluded.walkers,
                 reporters = step_tally.reporters + excluded.reporters,
                 updated_at = excluded.updated_at",
        )
        .bind(now)
        .bind(walkthrough_id)
        .execute(&mut *c)
        .await?;
    });
    Ok(())
}

/// Recounts every step and every improvement from the rows (after seeding in bulk).
pub async fn rebuild(db: &crate::db::Db) -> Result<(), sqlx::Error> {
    let now = crate::db::now();
    let mut tx = crate::db::begin(db).await?;
    on!(&mut tx, |c| {
        sqlx::query("delete from step_tally")
            .execute(&mut *c)
            .await?;
        sqlx::query(
            "insert into step_tally (step_id, walkers, reporters, created_at, updated_at)
             select s.id,
                    (select count(*) from walkthrough_step ws
                     join walkthrough w on w.id = ws.walkthrough_id
                     where ws.step_id = s.id and w.status = 'completed'),
                    (select count(distinct f.walkthrough_id) from friction f
                     join walkthrough w on w.id = f.walkthrough_id
                     where f.step_id = s.id and w.status = 'completed' and f.kind = 'friction'),
                    $1, $1
             from journey_step s",
        )
        .bind(now)
        .execute(&mut *c)
        .await?;
        sqlx::query(&format!("update improvement set {COUNTS}"))
            .execute(&mut *c)
            .await?;
        let fixed: Vec<i64> = sqlx::query_scalar(
            "select id from improvement where status = 'fixed' or days_to_fix is not null",
        )
        .fetch_all(&mut *c)
        .await?;
        for id in fixed {
            set_days_to_fix(&mut *c, id).await?;
        }
    });
    tx.commit().await
}

/// Fills `days_to_fix` where a fixed improvement lacks it (those fixed before it was kept);
/// nothing to do on later starts.
pub async fn backfill(db: &crate::db::Db) -> Result<(), sqlx::Error> {
    let missing: Vec<i64> = on!(db, |c| {
        sqlx::query_scalar(
            "select id from improvement where status = 'fixed' and days_to_fix is null",
        )
        .fetch_all(&mut *c)
        .await?
    });
    if missing.is_empty() {
        return Ok(());
    }
    let mut tx = crate::db::begin(db).await?;
    for id in &missing {
        set_days_to_fix(&mut tx, *id).await?;
    }
    tx.commit().await?;
    tracing::info!(improvements = missing.len(), "days to fix filled in");
    Ok(())
}

/// Reads the stored counts of one improvement (for tests and checks).
pub async fn stored_facts(
    src: impl Source<'_>,
    id: i64,
) -> Result<Option<PriorityFacts>, sqlx::Error> {
    let sql = format!("select {FACT_COLUMNS} from improvement i {FACT_JOIN} where i.id = $1");
    let row = on!(src, |c| {
        sqlx::query_as::<_, FactRow>(&sql)
            .bind(id)
            .fetch_optional(&mut *c)
            .await?
    });
    Ok(row.as_ref().map(Into::into))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::improvement::priority::PriorityFacts;

    /// The score the database sorts by is the score the page shows, for every kind of count.
    #[tokio::test]
    async fn score_in_sql_matches_the_domain() {
        let db = sqlx::SqlitePool::connect("sqlite::memory:").await.unwrap();
        sqlx::query(
            "create table improvement (id integer primary key, step_id integer, blockers integer,
                 majors integer, papercuts integer, unrated integer, recognitions integer)",
        )
        .execute(&db)
        .await
        .unwrap();
        sqlx::query("create table step_tally (step_id integer primary key, walkers integer, reporters integer)")
            .execute(&db)
            .await
            .unwrap();
        let mut cases = Vec::new();
        for (n, (b, m, p, u, r, w, rep)) in [
            (0, 0, 0, 0, 0, 0, 0),
            (1, 0, 0, 0, 0, 0, 0),
            (1, 1, 1, 1, 4, 10, 3),
            (0, 2, 0, 0, 0, 10, 10),
            (3, 0, 7, 2, 9, 7, 2),
            (0, 0, 1, 0, 0, 2, 5),
            (2, 5, 11, 0, 33, 9998, 5293),
            (0, 0, 0, 3, 1, 3, 1),
        ]
        .into_iter()
        .enumerate()
        {
            let id = n as i64 + 1;
            sqlx::query("insert into improvement values (?, ?, ?, ?, ?, ?, ?)")
                .bind(id)
                .bind(id)
                .bind(b)
                .bind(m)
                .bind(p)
                .bind(u)
                .bind(r)
                .execute(&db)
                .await
                .unwrap();
            sqlx::query("insert into step_tally values (?, ?, ?)")
                .bind(id)
                .bind(w)
                .bind(rep)
                .execute(&db)
                .await
                .unwrap();
            let facts = PriorityFacts {
                blockers: b,
                majors: m,
                papercuts: p,
                unrated: u,
                recognitions: r,
                step_walkers: w,
                step_reporters: rep,
            };
            cases.push((id, facts.score()));
        }
        let sql = format!(
            "select i.id, {} from improvement i {FACT_JOIN} order by i.id",
            score_sql()
        );
        let scores: Vec<(i64, i64)> = sqlx::query_as(&sql).fetch_all(&db).await.unwrap();
        assert_eq!(scores, cases);
    }
}
