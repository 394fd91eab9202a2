//! The scale seed (`seed-scale --people N --walkthroughs M`) at a small size: the counts it
//! promises, complete walkthroughs with findings over three cycle years, a lead with the
//! reviewer role for everyone, licences in every status (judged by the domain's own status
//! rule), and a second run that adds nothing. Plus the import benchmark's file: it dry-runs
//! without a single row error and applies completely.

use crate::common;

use chrono::{NaiveDate, Utc};
use common::{HR, TestApp};
use klantenrijbewijs::demo::scale;
use klantenrijbewijs::domain::licence::{
    Current, LicenceSettings, LicenceStatus, amsterdam_date, standing,
};
use std::collections::HashMap;

const PEOPLE: usize = 200;
const WALKS: i64 = 300;
/// The scale seeder writes through the SQLite pool only: on PostgreSQL these tests say so and
/// pass without running.
fn sqlite_only(app: &TestApp) -> bool {
    let postgres = app.state.pool.dialect() == klantenrijbewijs::db::Dialect::Postgres;
    if postgres {
        eprintln!("skipped on PostgreSQL: the scale seeder runs on SQLite only");
    }
    postgres
}

const GROWN: &str = "email like 'medewerker%@dijkhuis.example'";

/// Row counts of every table the scale seed writes.
async fn counts(app: &TestApp) -> Vec<(&'static str, i64)> {
    let mut out = Vec::new();
    for table in [
        "person",
        "person_role",
        "walkthrough",
        "walkthrough_step",
        "friction",
        "friction_principle",
        "licence_period",
        "licence_decision",
    ] {
        out.push((
            table,
            app.count(&format!("select count(*) from {table}")).await,
        ));
    }
    out
}

async fn seed(app: &TestApp, walks: i64) -> (usize, (usize, usize), (i64, i64), usize) {
    let pool = &app.state.pool;
    let have = scale::employee_count(pool).await.expect("count");
    let missing = PEOPLE.saturating_sub(usize::try_from(have).expect("count"));
    let added = scale::grow_people(pool, missing).await.expect("people");
    let leads = scale::assign_leads(pool).await.expect("leads");
    let grown = scale::grow_walkthroughs(pool, walks).await.expect("walks");
    let issued = scale::grow_licences(pool).await.expect("licences");
    (added.len(), leads, grown, issued)
}

/// Each grown person's status today by the domain rule (latest period, revocation).
async fn statuses(app: &TestApp) -> HashMap<LicenceStatus, usize> {
    let rows: Vec<(i64, Option<NaiveDate>, Option<NaiveDate>, bool)> = app
        .rows(
            &format!(
                "select p.id, l.valid_from, l.valid_through,
                exists (select 1 from licence_decision d where d.period_id = l.id and d.decision = 'revoked')
         from person p
         left join licence_period l on l.id = (select max(x.id) from licence_period x where x.person_id = p.id)
         where p.{GROWN}"
            ),
            &[],
        )
        .await;
    let today = amsterdam_date(Utc::now());
    let settings = LicenceSettings::default();
    let mut out = HashMap::new();
    for (_, from, through, revoked) in rows {
        let current = from
            .zip(through)
            .map(|(valid_from, valid_through)| Current {
                valid_from,
                valid_through,
                revoked,
            });
        *out.entry(standing(current, &settings, today).status)
            .or_insert(0) += 1;
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn scale_seed_fills_every_table_and_a_second_run_adds_nothing() {
    let app = TestApp::spawn().await;
    if sqlite_only(&app) {
        return;
    }
    let demo_walks = scale::walkthrough_count(&app.state.pool)
        .await
        .expect("count");
    let target = demo_walks + WALKS;
    let (people, (leads, _), (walks, findings), issued) = seed(&app, target).await;
    assert!(people > 0 && people <= PEOPLE, "{people}");
    assert_eq!(
        scale::employee_count(&app.state.pool).await.expect("count"),
        PEOPLE as i64
    );
    assert_eq!(walks, WALKS);
    assert_eq!(
        app.count("select count(*) from walkthrough where status = 'completed'")
            .await,
        target
    );

    // every walkthrough of a grown person is complete: all steps of its journey answered
    let unanswered = app
        .count(&format!(
            "select count(*) from walkthrough w join person p on p.id = w.person_id
             where p.{GROWN} and (
               (select count(*) from walkthrough_step s where s.walkthrough_id = w.id and s.outcome is not null)
               <> (select count(*) from journey_step j where j.journey_id = w.journey_id)
               or w.finished_at is null or w.recommend_score is null)"
        ))
        .await;
    assert_eq!(unanswered, 0);
    // ~10 findings each, in the database as reported, over three cycle years
    let stored = app
        .count(&format!(
            "select count(*) from friction f join walkthrough w on w.id = f.walkthrough_id
             join person p on p.id = w.person_id where p.{GROWN}"
        ))
        .await;
    assert_eq!(stored, findings);
    assert!((8 * WALKS..=12 * WALKS).contains(&findings), "{findings}");
    let years = app
        .count(&format!(
            "select count(distinct w.cycle_year) from walkthrough w join person p on p.id = w.person_id
             where p.{GROWN}"
        ))
        .await;
    assert_eq!(years, 3);
    assert!(app.count("select count(*) from friction_principle").await > 0);

    // everyone grown has a manager with the reviewer role; one lead per 25 of a team at most
    let without_lead = app
        .count(&format!(
            "select count(*) from person p where p.{GROWN}
             and not exists (select 1 from person_role r where r.person_id = p.id and r.role = 'reviewer')
             and not exists (
               select 1 from person_role r where r.person_id = p.manager_id and r.role = 'reviewer')"
        ))
        .await;
    assert_eq!(without_lead, 0);
    let grown = app
        .count(&format!("select count(*) from person where {GROWN}"))
        .await as usize;
    let unmanaged = app
        .count(&format!(
            "select count(*) from person where {GROWN} and manager_id is null"
        ))
        .await;
    assert_eq!(unmanaged, 0);
    assert!(
        leads >= grown / 25 && leads < grown / 5,
        "{leads} of {grown}"
    );

    // licences in every status, each period with its decision
    let found = statuses(&app).await;
    for status in LicenceStatus::ALL {
        assert!(
            found.get(&status).copied().unwrap_or(0) > 0,
            "{status:?} missing: {found:?}"
        );
    }
    let grown_periods = app
        .count(&format!(
            "select count(*) from licence_period l join person p on p.id = l.person_id where p.{GROWN}"
        ))
        .await;
    assert_eq!(grown_periods, issued as i64);
    let undecided = app
        .count(
            "select count(*) from licence_period l where not exists (
               select 1 from licence_decision d where d.period_id = l.id
               and d.decision in ('certified', 'signed_off'))",
        )
        .await;
    assert_eq!(undecided, 0);
    let valid = found.get(&LicenceStatus::Valid).copied().unwrap_or(0);
    assert!(
        valid * 2 > grown && valid * 4 < grown * 3,
        "{found:?} of {grown}"
    );

    // the second run: nothing added, nothing changed
    let before = counts(&app).await;
    let again = seed(&app, target).await;
    assert_eq!(again.0, 0);
    assert_eq!(again.1.1, 0, "managers changed on the second run");
    assert_eq!(again.2, (0, 0));
    assert_eq!(again.3, 0);
    assert_eq!(counts(&app).await, before);
    assert_eq!(statuses(&app).await, found);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_import_benchmark_file_dry_runs_clean_and_applies_completely() {
    let app = TestApp::spawn().await;
    if sqlite_only(&app) {
        return;
    }
    let hr = app.person_id(HR).await;
    let before = app.count("select count(*) from person").await;
    let timings = scale::time_import(&app.state.pool, 120, hr)
        .await
        .expect("import");
    assert_eq!(timings.errors, 0);
    assert_eq!(timings.created, 120);
    assert_eq!(app.count("select count(*) from person").await, before + 120);
    // the file's leads manage the rest of their team
    let managed = app
        .count(
            "select count(*) from person p join person m on m.id = p.manager_id
             where p.email like 'import%' and m.email like 'import%'",
        )
        .await;
    assert!(managed > 0, "{managed}");
}
