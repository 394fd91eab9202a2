//! The employee-import benchmark (a measurement, never a timed test): builds an HR export of N
//! rows — the demo organisation's departments and teams, a lead per 25 people as manager —
//! and times reading it, the dry run against the database, and applying it in one write
//! transaction, the way `/hr/import` does.

use super::{Db, ScaleError};
use std::fmt::Write as _;
use std::time::Instant;

/// Milliseconds per phase of one import.
#[derive(Debug, Clone, Copy)]
pub struct ImportTimings {
    pub rows: usize,
    pub bytes: usize,
    pub generate_ms: f64,
    pub parse_ms: f64,
    pub dry_run_ms: f64,
    pub apply_ms: f64,
    pub created: usize,
    pub errors: usize,
}

/// An HR export of `rows` new employees over the existing teams, `;`-separated with a BOM and
/// Dutch headers, as a Dutch Excel saves it.
pub async fn sample_file(db: &Db, rows: usize) -> Result<String, ScaleError> {
    // SQLite only (seed-scale refuses PostgreSQL up front): its bulk SQL is SQLite's.
    let pool = db.sqlite()?;
    let teams = sqlx::query_as::<_, (String, String)>(
        "select d.name, t.name from team t join department d on d.id = t.department_id order by t.id",
    )
    .fetch_all(pool)
    .await?;
    if teams.is_empty() {
        return Err(ScaleError::NoTeams);
    }
    let mut out = String::with_capacity(rows * 110);
    out.push_str(
        "\u{feff}Personeelsnummer;Naam;E-mail;Afdeling;Team;E-mail leidinggevende;Actief\r\n",
    );
    for i in 0..rows {
        let (department, team) = &teams[i % teams.len()];
        // the first of every 25 in a team leads the others (a row further up the file)
        let lead = i - (i / teams.len() % 25) * teams.len();
        let manager = if lead == i {
            String::new()
        } else {
            format!("import{lead:05}@dijkhuis.example")
        };
        let _ = write!(
            out,
            "IMP{i:05};Medewerker {i};import{i:05}@dijkhuis.example;{department};{team};{manager};ja\r\n"
        );
    }
    Ok(out)
}

fn options(actor_id: i64) -> crate::domain::import_plan::PlanOptions {
    crate::domain::import_plan::PlanOptions {
        full_export: false,
        actor_id,
        managers_review: true,
    }
}

/// Times an import of `rows` generated rows by HR into `db` (which gets them: use a temporary
/// database).
pub async fn time_import(db: &Db, rows: usize, actor_id: i64) -> Result<ImportTimings, ScaleError> {
    let t = Instant::now();
    let file = sample_file(db, rows).await?;
    let generate_ms = ms(t);
    let t = Instant::now();
    let raw = crate::domain::import_csv::read(file.as_bytes())
        .map_err(|e| ScaleError::Import(e.key().to_owned()))?;
    let parse_ms = ms(t);
    let mut conn = db.sqlite()?.acquire().await?;
    let t = Instant::now();
    let plan = crate::db::import::dry_run(&mut *conn, &raw, options(actor_id)).await?;
    let dry_run_ms = ms(t);
    drop(conn);
    let errors = plan.errors.len();
    if errors > 0 {
        return Err(ScaleError::Import(format!(
            "{errors} row errors, first {:?}",
            plan.errors.first()
        )));
    }
    // applying re-plans inside the write transaction, as `/hr/import/apply` does
    let t = Instant::now();
    let mut tx = super::begin_write(db).await?;
    let plan = crate::db::import::dry_run(&mut tx, &raw, options(actor_id)).await?;
    let applied = crate::db::import::apply(&mut tx, &plan).await?;
    tx.commit().await?;
    let apply_ms = ms(t);
    Ok(ImportTimings {
        rows,
        bytes: file.len(),
        generate_ms,
        parse_ms,
        dry_run_ms,
        apply_ms,
        created: applied.created,
        errors,
    })
}

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1000.0
}
