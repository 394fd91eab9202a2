//! Fixtures for the licence reminder tests (tests/reminders.rs, tests/reminder_delivery.rs):
//! licence periods inserted straight into the test database, simulated days far ahead of the
//! demo data, schedulers over a test clock, and what was recorded.

use super::TestApp;
use super::smtp::ReceivedMail;
use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use klantenrijbewijs::mail::Mailer;
use klantenrijbewijs::reminders::{Scheduler, TestClock};
use std::sync::Arc;

/// Grace Okafor prefers English (Daan Bakker, `EMPLOYEE`, Dutch).
pub const ENGLISH: &str = "grace.okafor@dijkhuis.example";
pub const LINK_BASE: &str = "https://krb.example.nl";

/// Far ahead of the demo data, whose own periods are then long out of the scheduler's range.
pub fn vt() -> NaiveDate {
    NaiveDate::from_ymd_opt(2031, 6, 30).expect("date")
}

pub fn day(offset: i64) -> NaiveDate {
    vt() + Duration::days(offset)
}

/// 07:00 in Amsterdam on `date`.
pub fn morning(date: NaiveDate) -> DateTime<Utc> {
    chrono_tz::Europe::Amsterdam
        .from_local_datetime(&date.and_hms_opt(7, 0, 0).expect("time"))
        .single()
        .expect("unambiguous")
        .with_timezone(&Utc)
}

pub fn mailer(smtp_url: &str) -> Mailer {
    Mailer::new(Some(smtp_url), "Klantenrijbewijs <noreply@krb.example.nl>").expect("mailer")
}

/// A fresh scheduler (as after a restart) over the app's database.
pub fn scheduler(app: &TestApp, mailer: Mailer, clock: &TestClock) -> Scheduler {
    Scheduler {
        db: app.state.pool.clone(),
        mailer,
        clock: Arc::new(clock.clone()),
        link_base: LINK_BASE.to_owned(),
        invite_valid_days: 14,
        // The licence reminder tests count every message: improvements (the demo data's are
        // overdue in their simulated years) are left to tests/integration/improvement_walker_mail.rs.
        improvement_stale_days: None,
    }
}

/// A licence period for `email` ending on `valid_through`, issued a year before it.
pub async fn period(app: &TestApp, email: &str, valid_through: NaiveDate) -> i64 {
    let person = app.person_id(email).await;
    let issuer = app.person_id(super::HR).await;
    let issued = morning(valid_through - Duration::days(365));
    let code = format!(
        "{:016X}",
        std::hash::BuildHasher::hash_one(&std::collections::hash_map::RandomState::new(), person)
    );
    app.scalar(
        "insert into licence_period (person_id, valid_from, valid_through, source, issued_by,
                verification_code, created_at, updated_at)
         values ($1, $2, $3, 'manual', $4, $5, $6, $7) returning id",
        &[
            person.into(),
            (valid_through - Duration::days(364)).into(),
            valid_through.into(),
            issuer.into(),
            code.into(),
            issued.into(),
            issued.into(),
        ],
    )
    .await
}

pub async fn revoke(app: &TestApp, period_id: i64) {
    let hr = app.person_id(super::HR).await;
    app.exec(
        "insert into licence_decision (person_id, period_id, decision, decided_by, comment,
                created_at, updated_at)
         select person_id, id, 'revoked', $1, 'test', created_at, created_at
         from licence_period where id = $2",
        &[hr.into(), period_id.into()],
    )
    .await;
}

pub async fn manager_email(app: &TestApp, email: &str) -> String {
    app.scalar(
        "select m.email from person p join person m on m.id = p.manager_id where p.email = $1",
        &[email.into()],
    )
    .await
}

/// (kind, role, sent, last_error) of a period's reminder rows.
pub async fn rows(app: &TestApp, period_id: i64) -> Vec<(String, String, bool, Option<String>)> {
    app.rows(
        "select kind, role, sent_at is not null, last_error from licence_reminder
         where period_id = $1 order by id",
        &[period_id.into()],
    )
    .await
}

pub async fn notifications(app: &TestApp, email: &str) -> Vec<(String, String)> {
    app.rows(
        "select n.kind, n.detail from notification n join person p on p.id = n.person_id
         where p.email = $1 and n.licence_period_id is not null order by n.id",
        &[email.into()],
    )
    .await
}

pub fn to_of<'a>(mails: &'a [ReceivedMail], email: &str) -> Vec<&'a ReceivedMail> {
    mails
        .iter()
        .filter(|m| m.to == [email.to_owned()])
        .collect()
}
