//! The people list at company size: one page at a time with the filter applied in SQL, the
//! total for "1–50 of 10,000", and every matching row for the CSV export.

use super::{SUMMARY_SELECT, SummaryRow, to_summary};
use crate::db::backend::on;
use crate::db::{Db, Dialect, numbered};
use crate::domain::org::{PeopleFilter, PersonSummary};
use crate::domain::paging::Paged;
use crate::domain::{Role, RoleSet};
use std::collections::HashMap;

/// The filter as SQL: `p` is the person, `t` their team. Bound by [`bind_filter`] in this order.
const FILTER_SQL: &str =
    "where (? = '' or lower(p.name) like ? or p.email like ? or lower(p.employee_number) like ?)
           and (? is null or p.team_id = ?)
           and (? is null or t.department_id = ?)
           and (? is null or p.active = ?)";

fn pattern(filter: &PeopleFilter) -> (String, String) {
    let query = filter.query.trim().to_lowercase();
    let pattern = format!("%{}%", query.replace(['%', '_'], ""));
    (query, pattern)
}

macro_rules! bind_filter {
    ($q:expr, $filter:expr, $query:expr, $pattern:expr) => {
        $q.bind($query)
            .bind($pattern)
            .bind($pattern)
            .bind($pattern)
            .bind($filter.team_id)
            .bind($filter.team_id)
            .bind($filter.department_id)
            .bind($filter.department_id)
            .bind($filter.active)
            .bind($filter.active)
    };
}

/// Page `page` (1-based) of the people matching `filter`, by name.
pub async fn list(
    db: &Db,
    filter: &PeopleFilter,
    page: i64,
    page_size: i64,
) -> Result<Paged<PersonSummary>, sqlx::Error> {
    let (query, pattern) = pattern(filter);
    let count_sql =
        format!("select count(*) from person p left join team t on t.id = p.team_id {FILTER_SQL}");
    let count_sql = numbered(&count_sql);
    let sql = format!("{SUMMARY_SELECT} {FILTER_SQL} order by p.name, p.id limit ? offset ?");
    let sql = numbered(&sql);
    let (total, rows) = on!(db, |c| {
        let total = bind_filter!(
            sqlx::query_scalar::<_, i64>(&count_sql),
            filter,
            &query,
            &pattern
        )
        .fetch_one(&mut *c)
        .await?;
        let rows = bind_filter!(
            sqlx::query_as::<_, SummaryRow>(&sql),
            filter,
            &query,
            &pattern
        )
        .bind(page_size)
        .bind(Paged::<PersonSummary>::offset(page, page_size))
        .fetch_all(&mut *c)
        .await?;
        (total, rows)
    });
    let mut roles = roles_of_many(db, rows.iter().map(|r| r.id)).await?;
    let items = rows
        .into_iter()
        .map(|r| {
            let person_roles = roles.remove(&r.id).unwrap_or_default();
            to_summary(r, person_roles)
        })
        .collect();
    Ok(Paged {
        items,
        page,
        page_size,
        total,
    })
}

/// The roles of the people in `ids` (one page: at most a few hundred ids).
async fn roles_of_many(
    db: &Db,
    ids: impl Iterator<Item = i64>,
) -> Result<HashMap<i64, Vec<Role>>, sqlx::Error> {
    let ids: Vec<i64> = ids.collect();
    let mut map: HashMap<i64, Vec<Role>> = HashMap::new();
    if ids.is_empty() {
        return Ok(map);
    }
    let marks = vec!["?"; ids.len()].join(", ");
    let sql = format!("select person_id, role from person_role where person_id in ({marks})");
    let sql = numbered(&sql);
    let rows = on!(db, |c| {
        let mut q = sqlx::query_as::<_, (i64, String)>(&sql);
        for id in &ids {
            q = q.bind(id);
        }
        q.fetch_all(&mut *c).await?
    });
    for (id, code) in rows {
        if let Some(role) = Role::parse(&code) {
            map.entry(id).or_default().push(role);
        }
    }
    Ok(map)
}

/// One exported person: the columns of the employee import plus roles and last sign-in, so an
/// export can be edited and imported again.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ExportRow {
    pub employee_number: String,
    pub name: String,
    pub email: String,
    pub department_name: Option<String>,
    pub team_name: Option<String>,
    pub manager_email: Option<String>,
    pub active: bool,
    /// Comma-separated role codes.
    pub roles: Option<String>,
    pub last_login_at: Option<String>,
}

/// Every person matching `filter`, by name (the export: all pages, not one).
pub async fn export_rows(db: &Db, filter: &PeopleFilter) -> Result<Vec<ExportRow>, sqlx::Error> {
    let (query, pattern) = pattern(filter);
    Ok(on!(db, |c, d| {
        // The roles joined by commas, and the last sign-in as RFC 3339 text (as SQLite stores it).
        let (roles, last_login) = match d {
            Dialect::Sqlite => ("group_concat(r.role, ',')", "p.last_login_at"),
            Dialect::Postgres => (
                "string_agg(r.role, ',')",
                "to_char(p.last_login_at at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')",
            ),
        };
        let sql = format!(
            "select p.employee_number, p.name, p.email, d.name as department_name,
                    t.name as team_name, m.email as manager_email, p.active,
                    (select {roles} from person_role r where r.person_id = p.id) as roles,
                    {last_login} as last_login_at
             from person p
             left join team t on t.id = p.team_id
             left join department d on d.id = t.department_id
             left join person m on m.id = p.manager_id
             {FILTER_SQL}
             order by p.name, p.id"
        );
        bind_filter!(
            sqlx::query_as::<_, ExportRow>(&numbered(&sql)),
            filter,
            &query,
            &pattern
        )
        .fetch_all(&mut *c)
        .await?
    }))
}

/// The role set of an exported row.
pub fn export_roles(row: &ExportRow) -> RoleSet {
    RoleSet::new(
        row.roles
            .as_deref()
            .unwrap_or_default()
            .split(',')
            .filter_map(Role::parse),
    )
}
