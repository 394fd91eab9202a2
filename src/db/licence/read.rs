//! What the licence pages read: the renewal checklist, a person's history of periods and
//! decisions, a reviewer's team with where each stands, and the public verification lookup.

use super::{REVOKED, current, start_of_day};
use crate::db::Source;
use crate::db::backend::on;
use crate::domain::licence::{
    Current, DecisionRecord, LicenceSettings, PeriodRecord, RenewalProgress, TeamMember,
    Verification, cycle_start, standing,
};
use chrono::{DateTime, NaiveDate, Utc};

/// The walkthrough that can earn the next period: completed since `since` (None: any time), not
/// used for an earlier period, newest first. Binds: `$1` person, `$2` since.
const ELIGIBLE_WALK: &str = "select w.id from walkthrough w
    where w.person_id = $1 and w.status = 'completed'
      and not exists (select 1 from licence_period used where used.walkthrough_id = w.id)
      and ($2 is null or w.finished_at >= $2)
    order by (select count(*) from presentation cp where cp.walkthrough_id = w.id and cp.status = 'confirmed') desc,
             w.finished_at desc, w.id desc
    limit 1";

/// What is still needed for `person_id`'s next sign-off, given their `current` period (the
/// caller has read it already: it also decides the standing).
pub async fn progress(
    src: impl Source<'_>,
    person_id: i64,
    current: Option<Current>,
    settings: &LicenceSettings,
) -> Result<RenewalProgress, sqlx::Error> {
    let since: Option<DateTime<Utc>> = cycle_start(current, settings).map(start_of_day);
    let (completed, in_progress, presentation) = on!(src, |c| {
        let completed: Option<i64> = sqlx::query_scalar(ELIGIBLE_WALK)
            .bind(person_id)
            .bind(since)
            .fetch_optional(&mut *c)
            .await?;
        let in_progress: Option<i64> = sqlx::query_scalar(
            "select id from walkthrough where person_id = $1 and status = 'in_progress'
             order by id desc limit 1",
        )
        .bind(person_id)
        .fetch_optional(&mut *c)
        .await?;
        let presentation: Option<(i64, String)> = match completed {
            Some(walk) => {
                sqlx::query_as("select id, status from presentation where walkthrough_id = $1")
                    .bind(walk)
                    .fetch_optional(&mut *c)
                    .await?
            }
            None => None,
        };
        (completed, in_progress, presentation)
    });
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
    src: impl Source<'_>,
    person_id: i64,
    current: Option<Current>,
    settings: &LicenceSettings,
) -> Result<Option<i64>, sqlx::Error> {
    let p = progress(src, person_id, current, settings).await?;
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
    src: impl Source<'_>,
    person_id: i64,
) -> Result<Vec<PeriodRecord>, sqlx::Error> {
    let sql = format!(
        "{} where lp.person_id = $1 order by lp.id desc",
        period_select()
    );
    Ok(on!(src, |c| {
        sqlx::query_as::<_, PeriodRecord>(&sql)
            .bind(person_id)
            .fetch_all(&mut *c)
            .await?
    }))
}

pub async fn decisions(
    src: impl Source<'_>,
    person_id: i64,
) -> Result<Vec<DecisionRecord>, sqlx::Error> {
    Ok(on!(src, |c| {
        sqlx::query_as::<_, DecisionRecord>(
            "select d.id, d.period_id, d.decision, p.name as decided_by_name, d.comment,
                    d.created_at
             from licence_decision d join person p on p.id = d.decided_by
             where d.person_id = $1 order by d.id desc",
        )
        .bind(person_id)
        .fetch_all(&mut *c)
        .await?
    }))
}

/// The active direct reports of `reviewer_id`, by name, with where each stands on `today`.
/// A team is a handful of people, so each member's progress is its own few queries.
pub async fn team(
    src: impl Source<'_>,
    reviewer_id: i64,
    settings: &LicenceSettings,
    today: NaiveDate,
) -> Result<Vec<TeamMember>, sqlx::Error> {
    Ok(on!(src, |c| {
        let people: Vec<(i64, String)> = sqlx::query_as(
            "select id, name from person where manager_id = $1 and active
             order by name, id limit 500",
        )
        .bind(reviewer_id)
        .fetch_all(&mut *c)
        .await?;
        let mut out = Vec::with_capacity(people.len());
        for (person_id, name) in people {
            let current = current(&mut *c, person_id).await?.map(|c| c.current());
            let progress = progress(&mut *c, person_id, current, settings).await?;
            out.push(TeamMember {
                person_id,
                name,
                standing: standing(current, settings, today),
                progress,
            });
        }
        out
    }))
}

pub async fn verify(
    src: impl Source<'_>,
    code: &str,
    settings: &LicenceSettings,
    today: NaiveDate,
) -> Result<Option<Verification>, sqlx::Error> {
    let sql = format!(
        "select lp.person_id, p.name, lp.valid_through, {REVOKED}
         from licence_period lp join person p on p.id = lp.person_id
         where lp.verification_code = $1"
    );
    let found = on!(src, |c| {
        let row: Option<(i64, String, NaiveDate, bool)> = sqlx::query_as(&sql)
            .bind(code)
            .fetch_optional(&mut *c)
            .await?;
        match row {
            Some((person_id, name, card_valid_through, card_revoked)) => {
                let current = current(&mut *c, person_id).await?;
                Some((name, card_valid_through, card_revoked, current))
            }
            None => None,
        }
    });
    Ok(found.map(
        |(name, card_valid_through, card_revoked, current)| Verification {
            name,
            card_valid_through,
            card_revoked,
            standing: standing(current.map(|c| c.current()), settings, today),
        },
    ))
}

/// A licence holder's name and manager.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Holder {
    pub name: String,
    pub manager_id: Option<i64>,
    pub manager_name: Option<String>,
}

pub async fn holder(src: impl Source<'_>, person_id: i64) -> Result<Option<Holder>, sqlx::Error> {
    Ok(on!(src, |c| {
        sqlx::query_as::<_, Holder>(
            "select p.name, p.manager_id, m.name as manager_name
             from person p left join person m on m.id = p.manager_id where p.id = $1",
        )
        .bind(person_id)
        .fetch_optional(&mut *c)
        .await?
    }))
}
