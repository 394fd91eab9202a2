//! What the licence pages read: the renewal checklist, a person's history of periods and
//! decisions, a reviewer's team with where each stands, and the public verification lookup.

use super::{REVOKED, current, start_of_day};
use crate::domain::licence::{
    Current, DecisionRecord, LicenceSettings, PeriodRecord, RenewalProgress, TeamMember,
    Verification, cycle_start, standing,
};
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::SqliteConnection;

/// The walkthrough that can earn the next period: completed since `since` (None: any time), not
/// used for an earlier period, newest first. `?` binds: person, since, since.
const ELIGIBLE_WALK: &str = "select w.id from walkthrough w
    where w.person_id = ? and w.status = 'completed'
      and not exists (select 1 from licence_period used where used.walkthrough_id = w.id)
      and (? is null or w.finished_at >= ?)
    order by (select count(*) from presentation cp where cp.walkthrough_id = w.id and cp.status = 'confirmed') desc,
             w.finished_at desc, w.id desc
    limit 1";

/// What is still needed for `person_id`'s next sign-off, given their `current` period (the
/// caller has read it already: it also decides the standing).
pub async fn progress(
    conn: &mut SqliteConnection,
    person_id: i64,
    current: Option<Current>,
    settings: &LicenceSettings,
) -> Result<RenewalProgress, sqlx::Error> {
    let since: Option<DateTime<Utc>> = cycle_start(current, settings).map(start_of_day);
    let completed: Option<i64> = sqlx::query_scalar(ELIGIBLE_WALK)
        .bind(person_id)
        .bind(since)
        .bind(since)
        .fetch_optional(&mut *conn)
        .await?;
    let in_progress: Option<i64> = sqlx::query_scalar(
        "select id from walkthrough where person_id = ? and status = 'in_progress' order by id desc limit 1",
    )
    .bind(person_id)
    .fetch_optional(&mut *conn)
    .await?;
    let presentation: Option<(i64, String)> = match completed {
        Some(walk) => {
            sqlx::query_as("select id, status from presentation where walkthrough_id = ?")
                .bind(walk)
                .fetch_optional(&mut *conn)
                .await?
        }
        None => None,
    };
    let confirmed = presentation
        .as_ref()
        .is_some_and(|(_, status)| status == "confirmed");
    Ok(RenewalProgress {
        walkthrough_in_progress: in_progress,
        walkthrough_completed: completed,
        presentation,
        confirmed,
    })
}

/// The walkthrough a sign-off now would use, if the person is ready.
pub(super) async fn eligible_walkthrough(
    conn: &mut SqliteConnection,
    person_id: i64,
    current: Option<Current>,
    settings: &LicenceSettings,
) -> Result<Option<i64>, sqlx::Error> {
    let p = progress(conn, person_id, current, settings).await?;
    Ok(p.ready_for_sign_off()
        .then_some(p.walkthrough_completed)
        .flatten())
}

const PERIOD_SELECT: &str = "select lp.id, lp.valid_from, lp.valid_through, lp.source,
        ib.name as issued_by_name, j.title as journey_title, lp.walkthrough_id,
        lp.verification_code, {REVOKED} as revoked, lp.created_at
     from licence_period lp
     join person ib on ib.id = lp.issued_by
     left join walkthrough w on w.id = lp.walkthrough_id
     left join journey j on j.id = w.journey_id";

fn period_select() -> String {
    PERIOD_SELECT.replace("{REVOKED}", REVOKED)
}

pub async fn periods(
    conn: &mut SqliteConnection,
    person_id: i64,
) -> Result<Vec<PeriodRecord>, sqlx::Error> {
    sqlx::query_as::<_, PeriodRecord>(&format!(
        "{} where lp.person_id = ? order by lp.id desc",
        period_select()
    ))
    .bind(person_id)
    .fetch_all(conn)
    .await
}

pub async fn decisions(
    conn: &mut SqliteConnection,
    person_id: i64,
) -> Result<Vec<DecisionRecord>, sqlx::Error> {
    sqlx::query_as::<_, DecisionRecord>(
        "select d.id, d.period_id, d.decision, p.name as decided_by_name, d.comment, d.created_at
         from licence_decision d join person p on p.id = d.decided_by
         where d.person_id = ? order by d.id desc",
    )
    .bind(person_id)
    .fetch_all(conn)
    .await
}

/// The active direct reports of `reviewer_id`, by name, with where each stands on `today`.
/// A team is a handful of people, so each member's progress is its own few queries.
pub async fn team(
    conn: &mut SqliteConnection,
    reviewer_id: i64,
    settings: &LicenceSettings,
    today: NaiveDate,
) -> Result<Vec<TeamMember>, sqlx::Error> {
    let people: Vec<(i64, String)> = sqlx::query_as(
        "select id, name from person where manager_id = ? and active order by name, id limit 500",
    )
    .bind(reviewer_id)
    .fetch_all(&mut *conn)
    .await?;
    let mut out = Vec::with_capacity(people.len());
    for (person_id, name) in people {
        let current = current(&mut *conn, person_id).await?.map(|c| c.current());
        let progress = progress(conn, person_id, current, settings).await?;
        out.push(TeamMember {
            person_id,
            name,
            standing: standing(current, settings, today),
            progress,
        });
    }
    Ok(out)
}

pub async fn verify(
    conn: &mut SqliteConnection,
    code: &str,
    settings: &LicenceSettings,
    today: NaiveDate,
) -> Result<Option<Verification>, sqlx::Error> {
    let row: Option<(i64, String, NaiveDate, bool)> = sqlx::query_as(&format!(
        "select lp.person_id, p.name, lp.valid_through, {REVOKED}
         from licence_period lp join person p on p.id = lp.person_id
         where lp.verification_code = ?"
    ))
    .bind(code)
    .fetch_optional(&mut *conn)
    .await?;
    let Some((person_id, name, card_valid_through, card_revoked)) = row else {
        return Ok(None);
    };
    let current = current(&mut *conn, person_id).await?;
    Ok(Some(Verification {
        name,
        card_valid_through,
        card_revoked,
        standing: standing(current.map(|c| c.current()), settings, today),
    }))
}

/// A licence holder's name and manager.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Holder {
    pub name: String,
    pub manager_id: Option<i64>,
    pub manager_name: Option<String>,
}

pub async fn holder(
    conn: &mut SqliteConnection,
    person_id: i64,
) -> Result<Option<Holder>, sqlx::Error> {
    sqlx::query_as::<_, Holder>(
        "select p.name, p.manager_id, m.name as manager_name
         from person p left join person m on m.id = p.manager_id where p.id = ?",
    )
    .bind(person_id)
    .fetch_optional(conn)
    .await
}
