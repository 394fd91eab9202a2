//! Demo licences in every status, dated relative to the day the demo is loaded, so the first
//! run tells a story: managers and HR hold valid licences, some employees are due for renewal,
//! one is in grace, two expired, one revoked, one valid licence earned with a demo walkthrough,
//! and two people wait for their manager's sign-off (a confirmed presentation, no licence for
//! it yet). Everyone else has never been certified. Every decision is in the audit log too, at
//! its own date.

use crate::db::Db;
use crate::db::audit::{AuditAction, record_at};
use crate::db::backend::on;
use crate::db::licence::{
    certified_detail, insert_decision_row, insert_period_row, revoked_detail, signed_off_detail,
};
use crate::domain::licence::{amsterdam_date, first_day_of_term, shift};
use crate::error::AppError;
use chrono::Utc;
use std::collections::HashMap;

/// How a demo period came about.
enum Source {
    /// Moved over from the previous register by HR (Fatima).
    Register,
    /// Signed off by the person's manager with their demo walkthrough.
    SignOff,
}

struct DemoLicence {
    email: &'static str,
    /// The last valid day, in days from today (negative: in the past).
    through_in_days: i64,
    source: Source,
    revoked: Option<&'static str>,
}

const HR: &str = "fatima.elamrani@dijkhuis.example";
const REGISTER: &str = "Overgenomen uit het register van de vorige leeromgeving.";

const LICENCES: &[DemoLicence] = &[
    // managers, HR and CX: valid, from the old register
    DemoLicence {
        email: "sanne.visser@dijkhuis.example",
        through_in_days: 240,
        source: Source::Register,
        revoked: None,
    },
    DemoLicence {
        email: "fatima.elamrani@dijkhuis.example",
        through_in_days: 300,
        source: Source::Register,
        revoked: None,
    },
    DemoLicence {
        email: "pieter.degroot@dijkhuis.example",
        through_in_days: 150,
        source: Source::Register,
        revoked: None,
    },
    // an earlier period that expired, then the current one
    DemoLicence {
        email: "marieke.jansen@dijkhuis.example",
        through_in_days: -200,
        source: Source::Register,
        revoked: None,
    },
    DemoLicence {
        email: "marieke.jansen@dijkhuis.example",
        through_in_days: 200,
        source: Source::Register,
        revoked: None,
    },
    DemoLicence {
        email: "ahmed.bouzid@dijkhuis.example",
        through_in_days: 120,
        source: Source::Register,
        revoked: None,
    },
    DemoLicence {
        email: "els.vandijk@dijkhuis.example",
        through_in_days: 280,
        source: Source::Register,
        revoked: None,
    },
    DemoLicence {
        email: "ruud.hendriks@dijkhuis.example",
        through_in_days: 90,
        source: Source::Register,
        revoked: None,
    },
    DemoLicence {
        email: "naomi.tjin@dijkhuis.example",
        through_in_days: 45,
        source: Source::Register,
        revoked: None,
    },
    DemoLicence {
        email: "joost.mulder@dijkhuis.example",
        through_in_days: 310,
        source: Source::Register,
        revoked: None,
    },
    // renewal due (the window is open)
    DemoLicence {
        email: "daan.bakker@dijkhuis.example",
        through_in_days: 25,
        source: Source::Register,
        revoked: None,
    },
    DemoLicence {
        email: "lotte.smit@dijkhuis.example",
        through_in_days: 5,
        source: Source::Register,
        revoked: None,
    },
    // renewal due and ready: a confirmed presentation waits for Ruud's sign-off
    DemoLicence {
        email: "rick.vanleeuwen@dijkhuis.example",
        through_in_days: 20,
        source: Source::Register,
        revoked: None,
    },
    // in grace, expired
    DemoLicence {
        email: "emma.devries@dijkhuis.example",
        through_in_days: -10,
        source: Source::Register,
        revoked: None,
    },
    DemoLicence {
        email: "bram.willems@dijkhuis.example",
        through_in_days: -90,
        source: Source::Register,
        revoked: None,
    },
    DemoLicence {
        email: "priya.ramdin@dijkhuis.example",
        through_in_days: -200,
        source: Source::Register,
        revoked: None,
    },
    // revoked
    DemoLicence {
        email: "thomas.vermeulen@dijkhuis.example",
        through_in_days: 160,
        source: Source::Register,
        revoked: Some("Ingetrokken: het logboek bleek van een collega overgenomen."),
    },
    // earned with the demo walkthrough of last year and its confirmed presentation; renewal due
    DemoLicence {
        email: "tim.verbeek@dijkhuis.example",
        through_in_days: 330,
        source: Source::SignOff,
        revoked: None,
    },
];

fn bad(what: &str, detail: impl std::fmt::Display) -> AppError {
    AppError::internal("demo licences", format!("{what}: {detail}"))
}

/// Loads the demo licences; runs after the demo walkthroughs and presentations.
pub(super) async fn load(db: &Db, people: &HashMap<&str, i64>) -> Result<(), AppError> {
    let id_of = |email: &str| {
        people
            .get(email)
            .copied()
            .ok_or_else(|| bad("unknown person", email))
    };
    let now = Utc::now();
    let today = amsterdam_date(now);
    let hr = id_of(HR)?;
    let mut tx = crate::db::begin(db).await?;
    for demo in LICENCES {
        let person = id_of(demo.email)?;
        let through = shift(today, demo.through_in_days);
        let from = first_day_of_term(through, 12);
        let (source, walk, issuer, decision, comment) = match demo.source {
            Source::Register => ("manual", None, hr, "certified", REGISTER),
            Source::SignOff => {
                let (walk, manager) = on!(&mut tx, |c| {
                    let walk: i64 = sqlx::query_scalar(
                        "select id from walkthrough where person_id = $1 and status = 'completed' order by id desc limit 1",
                    )
                    .bind(person)
                    .fetch_one(&mut *c)
                    .await?;
                    let manager: i64 =
                        sqlx::query_scalar("select manager_id from person where id = $1")
                            .bind(person)
                            .fetch_one(&mut *c)
                            .await?;
                    (walk, manager)
                });
                ("sign_off", Some(walk), manager, "signed_off", "")
            }
        };
        let issued_at = crate::db::licence::start_of_day(from) + chrono::Duration::hours(10);
        let period = insert_period_row(
            &mut tx, person, from, through, source, walk, issuer, issued_at,
        )
        .await?;
        insert_decision_row(
            &mut tx, person, period, decision, issuer, comment, issued_at,
        )
        .await?;
        // The audit log tells the same history, as the real decisions write it.
        let (action, detail) = match walk {
            Some(walk) => (
                AuditAction::LicenceSignedOff,
                signed_off_detail(period, from, through, walk),
            ),
            None => (
                AuditAction::LicenceCertified,
                certified_detail(period, from, through, comment),
            ),
        };
        record_at(
            &mut tx,
            issued_at,
            Some(issuer),
            action,
            Some(person),
            &detail,
        )
        .await?;
        if let Some(reason) = demo.revoked {
            let at = now - chrono::Duration::days(3);
            insert_decision_row(&mut tx, person, period, "revoked", hr, reason, at).await?;
            let detail = revoked_detail(period, through, reason);
            record_at(
                &mut tx,
                at,
                Some(hr),
                AuditAction::LicenceRevoked,
                Some(person),
                &detail,
            )
            .await?;
        }
    }
    tx.commit().await?;
    Ok(())
}
