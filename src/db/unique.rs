//! Which unique constraint a write broke, by name, so a caller can tell "this e-mail is taken"
//! from any other clash without reading an error's text itself.
//!
//! PostgreSQL reports the constraint's name. SQLite reports none: its message names a unique
//! index on an expression (`index 'department_name_lower_key'`), or else the table and columns.
//! From those the name PostgreSQL gives the same constraint is made: `<table>_pkey` for a primary
//! key, `<table>_<columns>_key` for a `unique` column or table constraint (PostgreSQL's default
//! naming), and for the few named unique indexes on plain columns the index's own name, from
//! [`NAMED_COLUMN_INDEXES`] (a test checks that list against the schema). This module is the one
//! place that reads a database error's text.

/// SQLite's extended result code for a primary key violation (`SQLITE_CONSTRAINT_PRIMARYKEY`).
const SQLITE_PRIMARY_KEY: &str = "1555";

/// Unique indexes created by name on plain columns, which SQLite reports by their columns:
/// (`table.column, table.column` as SQLite says it, the index name).
pub(crate) const NAMED_COLUMN_INDEXES: [(&str, &str); 4] = [
    ("journey.family_id", "journey_one_live_idx"),
    (
        "walkthrough.person_id, walkthrough.cycle_year",
        "walkthrough_one_active_idx",
    ),
    (
        "presentation_slide.presentation_id, presentation_slide.friction_id",
        "presentation_slide_friction_idx",
    ),
    (
        "licence_decision.period_id",
        "licence_decision_one_revocation_idx",
    ),
];

/// The name of the unique constraint, primary key or unique index `err` violated, as PostgreSQL
/// names it; None for any other error.
pub fn violated_unique(err: &sqlx::Error) -> Option<String> {
    let db = err.as_database_error()?;
    if !db.is_unique_violation() {
        return None;
    }
    if let Some(name) = db.constraint() {
        return Some(name.to_owned());
    }
    let primary_key = db.code().as_deref() == Some(SQLITE_PRIMARY_KEY);
    sqlite_name(db.message(), primary_key)
}

/// True when `err` broke the unique constraint (or index) called `name`.
pub fn is_violation_of(err: &sqlx::Error, name: &str) -> bool {
    violated_unique(err).as_deref() == Some(name)
}

/// Maps a violation of one of `constraints` — (constraint name, form field, message key) — to an
/// error on that field; any other database error becomes an opaque internal error.
#[track_caller]
pub fn to_field_error(
    err: sqlx::Error,
    constraints: &[(&'static str, &'static str, &'static str)],
) -> crate::error::AppError {
    let violated = violated_unique(&err);
    match constraints
        .iter()
        .find(|(name, _, _)| violated.as_deref() == Some(*name))
    {
        Some((_, field, key)) => crate::error::AppError::field(field, key),
        None => crate::error::AppError::from(err),
    }
}

/// The PostgreSQL name for SQLite's "UNIQUE constraint failed: …" message.
fn sqlite_name(message: &str, primary_key: bool) -> Option<String> {
    let what = message.strip_prefix("UNIQUE constraint failed: ")?.trim();
    if let Some(index) = what.strip_prefix("index '") {
        return index.strip_suffix('\'').map(str::to_owned);
    }
    if let Some((_, name)) = NAMED_COLUMN_INDEXES.iter().find(|(cols, _)| *cols == what) {
        return Some((*name).to_owned());
    }
    let mut table = None;
    let mut columns = Vec::new();
    for qualified in what.split(", ") {
        let (t, column) = qualified.split_once('.')?;
        if table.is_some_and(|known| known != t) {
            return None;
        }
        table = Some(t);
        columns.push(column);
    }
    let table = table?;
    Some(if primary_key {
        format!("{table}_pkey")
    } else {
        format!("{table}_{}_key", columns.join("_"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_messages_become_postgresql_names() {
        let name = |m: &str| sqlite_name(m, false);
        assert_eq!(
            name("UNIQUE constraint failed: person.email").as_deref(),
            Some("person_email_key")
        );
        assert_eq!(
            name("UNIQUE constraint failed: team.department_id, team.name").as_deref(),
            Some("team_department_id_name_key")
        );
        assert_eq!(
            name("UNIQUE constraint failed: index 'department_name_lower_key'").as_deref(),
            Some("department_name_lower_key")
        );
        assert_eq!(
            name("UNIQUE constraint failed: walkthrough.person_id, walkthrough.cycle_year")
                .as_deref(),
            Some("walkthrough_one_active_idx")
        );
        assert_eq!(
            sqlite_name("UNIQUE constraint failed: triage.friction_id", true).as_deref(),
            Some("triage_pkey")
        );
        assert_eq!(name("NOT NULL constraint failed: person.email"), None);
        assert_eq!(name("UNIQUE constraint failed: a.x, b.y"), None);
    }
}

#[cfg(test)]
mod schema_tests {
    use super::*;

    async fn migrated() -> sqlx::SqlitePool {
        let db = sqlx::SqlitePool::connect("sqlite::memory:")
            .await
            .expect("memory db");
        crate::db::migrate(&crate::db::Db::Sqlite(db.clone()))
            .await
            .expect("migrate");
        db
    }

    /// Every unique index named on plain columns is in the list SQLite's messages are read with;
    /// one added without an entry would be reported under a name PostgreSQL does not use.
    #[tokio::test]
    async fn the_list_of_named_column_indexes_matches_the_schema() {
        let db = migrated().await;
        let indexes: Vec<(String, String)> = sqlx::query_as(
            "select m.tbl_name, m.name from sqlite_master m
             where m.type = 'index' and m.sql is not null and lower(m.sql) like 'create unique index%'
             order by m.name",
        )
        .fetch_all(&db)
        .await
        .expect("indexes");
        let mut on_columns = Vec::new();
        for (table, index) in indexes {
            let columns: Vec<(i64, Option<String>)> = sqlx::query_as(&format!(
                "select cid, name from pragma_index_info('{index}')"
            ))
            .fetch_all(&db)
            .await
            .expect("index info");
            // an expression column has cid -2 and no name: SQLite reports those by index name
            if columns
                .iter()
                .all(|(cid, name)| *cid >= 0 && name.is_some())
            {
                let said = columns
                    .iter()
                    .filter_map(|(_, name)| name.as_ref().map(|n| format!("{table}.{n}")))
                    .collect::<Vec<_>>()
                    .join(", ");
                on_columns.push((said, index));
            }
        }
        let mut listed: Vec<(String, String)> = NAMED_COLUMN_INDEXES
            .iter()
            .map(|(said, name)| ((*said).to_owned(), (*name).to_owned()))
            .collect();
        listed.sort_by(|a, b| a.1.cmp(&b.1));
        assert_eq!(on_columns, listed);
    }

    /// Real violations on the real schema come back under their constraint's name.
    #[tokio::test]
    async fn real_violations_are_named() {
        let db = migrated().await;
        let now = "2026-12-07T10:00:00Z";
        sqlx::query(
            "insert into department (name, created_at, updated_at) values ('Schade', $1, $1)",
        )
        .bind(now)
        .execute(&db)
        .await
        .expect("department");
        let clash = sqlx::query(
            "insert into department (name, created_at, updated_at) values ('SCHADE', $1, $1)",
        )
        .bind(now)
        .execute(&db)
        .await
        .expect_err("same name in other case");
        assert!(
            is_violation_of(&clash, "department_name_lower_key"),
            "{clash}"
        );
        let same = sqlx::query(
            "insert into department (name, created_at, updated_at) values ('Schade', $1, $1)",
        )
        .bind(now)
        .execute(&db)
        .await
        .expect_err("same name");
        assert!(
            matches!(
                violated_unique(&same).as_deref(),
                Some("department_name_key" | "department_name_lower_key")
            ),
            "{same}"
        );
        for (email, number) in [
            ("a@example.nl", "1"),
            ("a@example.nl", "2"),
            ("b@example.nl", "1"),
        ] {
            let result = sqlx::query(
                "insert into person (email, name, employee_number, created_at, updated_at)
                 values ($1, 'A', $2, $3, $3)",
            )
            .bind(email)
            .bind(number)
            .bind(now)
            .execute(&db)
            .await;
            match (email, number) {
                ("a@example.nl", "1") => assert!(result.is_ok()),
                ("a@example.nl", _) => {
                    assert!(is_violation_of(
                        &result.expect_err("email"),
                        "person_email_key"
                    ))
                }
                _ => assert!(is_violation_of(
                    &result.expect_err("number"),
                    "person_employee_number_key"
                )),
            }
        }
        let role =
            "insert into person_role (person_id, role, created_at) values (1, 'employee', $1)";
        sqlx::query(role)
            .bind(now)
            .execute(&db)
            .await
            .expect("role");
        let twice = sqlx::query(role)
            .bind(now)
            .execute(&db)
            .await
            .expect_err("twice");
        assert!(is_violation_of(&twice, "person_role_pkey"), "{twice}");
    }
}
