//! Team leads and licences at company scale. Every 25th grown employee of a team becomes a team
//! lead with the reviewer role and manages the next 24 of that team (about 400 leads for 10,000
//! people). Each grown employee without a licence gets one period by a fixed share — about 60%
//! valid, 10% renewal due, 5% in grace, 10% expired, 3% revoked — and the rest stay never
//! certified. The share is picked from the person's id, so a second run changes nothing.

use super::{Db, ScaleError, begin_write, mix, now};
use crate::db::licence::{insert_decision_row, insert_period_row};
use crate::domain::licence::{amsterdam_date, first_day_of_term, shift};
use chrono::Utc;
use std::collections::BTreeMap;

/// Team members per lead (the lead included).
const TEAM_SIZE: usize = 25;
/// Rows per write transaction.
const BATCH: usize = 1000;
const HR: &str = "fatima.elamrani@dijkhuis.example";

/// Makes team leads (reviewers) among the grown employees and points everyone at their lead.
/// Returns (leads, people whose manager changed).
pub async fn assign_leads(db: &Db) -> Result<(usize, usize), ScaleError> {
    // SQLite only (seed-scale refuses PostgreSQL up front): its bulk SQL is SQLite's.
    let pool = db.sqlite()?;
    let people = sqlx::query_as::<_, (i64, Option<i64>)>(
        "select id, team_id from person
         where email like 'medewerker%@dijkhuis.example' and active = true
         order by id",
    )
    .fetch_all(pool)
    .await?;
    let mut by_team: BTreeMap<Option<i64>, Vec<i64>> = BTreeMap::new();
    for (id, team) in people {
        by_team.entry(team).or_default().push(id);
    }
    // (person, their lead) for everyone but the leads themselves; leads keep the team's manager
    let mut leads = Vec::new();
    let mut managed = Vec::new();
    for members in by_team.values() {
        for group in members.chunks(TEAM_SIZE) {
            let Some((&lead, rest)) = group.split_first() else {
                continue;
            };
            leads.push(lead);
            managed.extend(rest.iter().map(|&p| (p, lead)));
        }
    }
    let mut changed = 0;
    for batch in leads.chunks(BATCH) {
        let mut tx = begin_write(db).await?;
        let ts = now();
        for &lead in batch {
            sqlx::query(
                "insert into person_role (person_id, role, created_at) values (?, 'reviewer', ?)
                 on conflict (person_id, role) do nothing",
            )
            .bind(lead)
            .bind(ts)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
    }
    for batch in managed.chunks(BATCH) {
        let mut tx = begin_write(db).await?;
        let ts = now();
        for &(person, lead) in batch {
            changed += sqlx::query(
                "update person set manager_id = ?, updated_at = ?
                 where id = ? and (manager_id is null or manager_id <> ?)",
            )
            .bind(lead)
            .bind(ts)
            .bind(person)
            .bind(lead)
            .execute(&mut *tx)
            .await?
            .rows_affected() as usize;
        }
        tx.commit().await?;
    }
    Ok((leads.len(), changed))
}

/// The status a grown employee is given, by a fixed share picked from `person`.
fn planned(person: i64) -> Option<(&'static str, i64)> {
    let h = mix(person as u64 ^ 0x5eed);
    let spread = ((h >> 8) % 1_000_000) as i64;
    match h % 100 {
        // last valid day more than 60 days ahead: valid
        0..60 => Some(("valid", 61 + spread % 300)),
        // 0..=60 days ahead: the renewal window is open
        60..70 => Some(("renewal_due", spread % 61)),
        // 1..=30 days ago: in grace
        70..75 => Some(("in_grace", -1 - spread % 30)),
        75..85 => Some(("expired", -31 - spread % 400)),
        85..88 => Some(("revoked", 30 + spread % 300)),
        _ => None,
    }
}

/// Gives grown employees without any licence period their planned licence. Returns how many
/// periods were issued.
pub async fn grow_licences(db: &Db) -> Result<usize, ScaleError> {
    // SQLite only (seed-scale refuses PostgreSQL up front): its bulk SQL is SQLite's.
    let pool = db.sqlite()?;
    let hr: i64 = sqlx::query_scalar("select id from person where email = ?")
        .bind(HR)
        .fetch_optional(pool)
        .await?
        .ok_or(ScaleError::NoHr)?;
    // the latest walkthrough not yet behind a licence, to sign off with
    let people = sqlx::query_as::<_, (i64, Option<i64>, Option<i64>)>(
        "select p.id, p.manager_id,
                (select max(w.id) from walkthrough w
                 where w.person_id = p.id and w.status = 'completed'
                   and not exists (select 1 from licence_period l where l.walkthrough_id = w.id))
         from person p
         where p.email like 'medewerker%@dijkhuis.example'
           and not exists (select 1 from licence_period l where l.person_id = p.id)
         order by p.id",
    )
    .fetch_all(pool)
    .await?;
    let today = amsterdam_date(Utc::now());
    let mut issued = 0;
    for batch in people.chunks(BATCH) {
        let mut tx = begin_write(db).await?;
        for &(person, manager, walk) in batch {
            let Some((status, through_in)) = planned(person) else {
                continue;
            };
            let through = shift(today, through_in);
            let from = first_day_of_term(through, 12);
            // half signed off by the lead with a walkthrough, half certified by HR
            let signed = person % 2 == 0 && walk.is_some() && manager.is_some();
            let (source, walk, issuer, decision) = if signed {
                ("sign_off", walk, manager.unwrap_or(hr), "signed_off")
            } else {
                ("manual", None, hr, "certified")
            };
            let at =
                crate::db::licence::start_of_day(from.min(today)) + chrono::Duration::hours(10);
            let period =
                insert_period_row(&mut tx, person, from, through, source, walk, issuer, at).await?;
            insert_decision_row(&mut tx, person, period, decision, issuer, "", at).await?;
            if status == "revoked" {
                let at = now() - chrono::Duration::days(1 + person % 90);
                let reason = "Ingetrokken: het logboek bleek niet zelf doorlopen.";
                insert_decision_row(&mut tx, person, period, "revoked", hr, reason, at).await?;
            }
            issued += 1;
        }
        tx.commit().await?;
    }
    Ok(issued)
}

#[cfg(test)]
mod tests {
    use super::planned;

    #[test]
    fn the_shares_come_close_to_the_plan() {
        let mut counts = std::collections::HashMap::new();
        for id in 0..10_000 {
            *counts.entry(planned(id).map(|p| p.0)).or_insert(0) += 1;
        }
        let share = |k: Option<&str>| counts.get(&k).copied().unwrap_or(0);
        assert!((5700..6300).contains(&share(Some("valid"))), "{counts:?}");
        assert!(
            (800..1200).contains(&share(Some("renewal_due"))),
            "{counts:?}"
        );
        assert!((350..650).contains(&share(Some("in_grace"))), "{counts:?}");
        assert!((800..1200).contains(&share(Some("expired"))), "{counts:?}");
        assert!((200..400).contains(&share(Some("revoked"))), "{counts:?}");
        assert!((1000..1400).contains(&share(None)), "{counts:?}");
    }

    #[test]
    fn the_days_fit_the_status() {
        for id in 0..5_000 {
            match planned(id) {
                Some(("valid", d)) => assert!(d > 60, "{d}"),
                Some(("renewal_due", d)) => assert!((0..=60).contains(&d), "{d}"),
                Some(("in_grace", d)) => assert!((-30..=-1).contains(&d), "{d}"),
                Some(("expired", d)) => assert!(d < -30, "{d}"),
                Some(("revoked", d)) => assert!(d > 0, "{d}"),
                Some(other) => panic!("unplanned {other:?}"),
                None => {}
            }
        }
    }
}
