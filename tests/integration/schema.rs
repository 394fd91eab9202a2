//! The two sets of migrations build the same database: the same tables with the same columns in
//! the same order, of the same kind of type and nullability, and the same unique constraints
//! under the names `db::unique` reports for them. The differences made on purpose (full-text
//! search is a different machine in each) are listed here with their reason.

use crate::common::postgres;
use std::collections::{BTreeMap, BTreeSet};

/// SQLite's full-text tables and their internals; PostgreSQL's counterparts are compared apart.
const SEARCH: [&str; 2] = ["presentation_search", "friction_search"];

/// Columns only PostgreSQL has: (table, column, why).
const ONLY_POSTGRES: [(&str, &str, &str); 1] = [(
    "friction",
    "search_document",
    "the stored tsvector PostgreSQL searches, where SQLite keeps an FTS5 index",
)];

/// (column name, type class, not null), in table order.
type Columns = Vec<(String, &'static str, bool)>;

fn sqlite_class(declared: &str) -> &'static str {
    match declared.trim().to_lowercase().as_str() {
        d if d.contains("int") => "integer",
        "boolean" => "boolean",
        "blob" => "bytes",
        "real" => "float",
        // SQLite keeps times and days as text; PostgreSQL types them (checked below)
        _ => "text",
    }
}

fn postgres_class(data_type: &str) -> &'static str {
    match data_type {
        "bigint" => "integer",
        // sqlx decodes an i64 only from bigint: a 32-bit column would fail at run time
        "integer" | "smallint" => "32-bit integer",
        "boolean" => "boolean",
        "bytea" => "bytes",
        "double precision" => "float",
        "text" | "timestamp with time zone" | "date" => "text",
        _ => "other",
    }
}

async fn sqlite_schema() -> (BTreeMap<String, Columns>, BTreeSet<String>) {
    let dir = tempfile::tempdir().expect("dir");
    let url = format!("sqlite://{}", dir.path().join("schema.db").display());
    let db = klantenrijbewijs::db::connect(&url).await.expect("sqlite");
    klantenrijbewijs::db::migrate(&db).await.expect("migrate");
    let db = db.sqlite().expect("a SQLite database").clone();
    let tables: Vec<(String, String)> = sqlx::query_as(
        "select name, coalesce(sql, '') from sqlite_master where type = 'table'
         and name not like 'sqlite_%' and name <> '_sqlx_migrations' and name <> 'session'",
    )
    .fetch_all(&db)
    .await
    .expect("tables");
    let is_search = |name: &str| SEARCH.iter().any(|s| name.starts_with(s));
    let mut schema = BTreeMap::new();
    let mut uniques = BTreeSet::new();
    for (table, _) in tables.iter().filter(|(name, _)| !is_search(name)) {
        let columns: Vec<(String, String, bool, i64)> = sqlx::query_as(&format!(
            "select name, type, \"notnull\", pk from pragma_table_info('{table}') order by cid"
        ))
        .fetch_all(&db)
        .await
        .expect("columns");
        let columns = columns
            .into_iter()
            // a primary key column is never null, whether or not SQLite says so
            .map(|(name, ty, not_null, pk)| (name, sqlite_class(&ty), not_null || pk > 0))
            .collect();
        schema.insert(table.clone(), columns);
        let indexes: Vec<(String, bool, String)> = sqlx::query_as(&format!(
            "select name, \"unique\", origin from pragma_index_list('{table}')"
        ))
        .fetch_all(&db)
        .await
        .expect("indexes");
        for (index, unique, origin) in indexes.into_iter().filter(|(_, u, _)| *u) {
            let _ = unique;
            let columns: Vec<Option<String>> = sqlx::query_scalar(&format!(
                "select name from pragma_index_info('{index}') order by seqno"
            ))
            .fetch_all(&db)
            .await
            .expect("index columns");
            uniques.insert(match origin.as_str() {
                "pk" => format!("{table}_pkey"),
                "u" => {
                    let columns: Vec<String> = columns.into_iter().flatten().collect();
                    format!("{table}_{}_key", columns.join("_"))
                }
                _ => index,
            });
        }
        // an integer primary key is the rowid: no index, still a primary key
        let rowid_pk: i64 = sqlx::query_scalar(&format!(
            "select count(*) from pragma_table_info('{table}') where pk > 0"
        ))
        .fetch_one(&db)
        .await
        .expect("pk");
        if rowid_pk > 0 {
            uniques.insert(format!("{table}_pkey"));
        }
    }
    db.close().await;
    (schema, uniques)
}

async fn postgres_schema() -> (
    BTreeMap<String, Columns>,
    BTreeSet<String>,
    Vec<(String, String, String)>,
) {
    let cluster = postgres::cluster().await;
    let db = sqlx::PgPool::connect(&cluster.fresh_database().await)
        .await
        .expect("postgres");
    let columns: Vec<(String, String, String, String)> = sqlx::query_as(
        "select c.table_name::text, c.column_name::text, c.data_type::text, c.is_nullable::text
         from information_schema.columns c
         join information_schema.tables t
           on t.table_schema = c.table_schema and t.table_name = c.table_name
         where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
           and c.table_name <> '_sqlx_migrations'
         order by c.table_name, c.ordinal_position",
    )
    .fetch_all(&db)
    .await
    .expect("columns");
    let mut schema: BTreeMap<String, Columns> = BTreeMap::new();
    let mut typed = Vec::new();
    for (table, column, ty, nullable) in columns {
        if SEARCH.contains(&table.as_str())
            || ONLY_POSTGRES
                .iter()
                .any(|(t, c, _)| *t == table && *c == column)
        {
            continue;
        }
        if ty == "timestamp with time zone" || ty == "date" {
            typed.push((table.clone(), column.clone(), ty.clone()));
        }
        schema
            .entry(table)
            .or_default()
            .push((column, postgres_class(&ty), nullable == "NO"));
    }
    let uniques: Vec<String> = sqlx::query_scalar(
        "select c.conname::text from pg_constraint c
         join pg_class t on t.oid = c.conrelid
         join pg_namespace n on n.oid = t.relnamespace
         where n.nspname = 'public' and c.contype in ('p', 'u')
           and t.relname not in ('presentation_search', '_sqlx_migrations')
         union
         select x.relname::text from pg_index i
         join pg_class x on x.oid = i.indexrelid
         join pg_namespace n on n.oid = x.relnamespace
         where n.nspname = 'public' and i.indisunique
           and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)",
    )
    .fetch_all(&db)
    .await
    .expect("uniques");
    db.close().await;
    (schema, uniques.into_iter().collect(), typed)
}

#[tokio::test]
async fn both_migrations_build_the_same_tables_columns_and_unique_constraints() {
    let (sqlite, sqlite_uniques) = sqlite_schema().await;
    let (postgres, postgres_uniques, typed) = postgres_schema().await;
    assert_eq!(
        sqlite.keys().collect::<Vec<_>>(),
        postgres.keys().collect::<Vec<_>>(),
        "the same tables"
    );
    for (table, columns) in &sqlite {
        assert_eq!(columns, &postgres[table], "the columns of {table}");
    }
    assert_eq!(
        sqlite_uniques, postgres_uniques,
        "the same unique constraints by name"
    );
    // The calendar days the code reads as dates are `date`; every other typed column is a
    // moment in time.
    const DAYS: [&str; 4] = ["valid_from", "valid_through", "held_on", "due_on"];
    for (table, column, ty) in &typed {
        let expected = if DAYS.contains(&column.as_str()) {
            "date"
        } else {
            "timestamp with time zone"
        };
        assert_eq!(ty, expected, "{table}.{column}");
    }
    assert!(typed.len() > 80, "{} typed columns", typed.len());
}
