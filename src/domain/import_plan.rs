//! The dry run of an employee import: the checked rows against each other and against the people
//! already in the database — duplicates within the file, unknown managers, manager loops (also
//! through people not in the file), who is created, updated (with what changes) and, for a full
//! export, deactivated, and which departments and teams are new. Pure and O(n): hash maps only.

use super::EmployeeNumber;
use super::import::Column;
use super::import::{ImportRow, RawRow, RowError, check_row};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// A person already in the database, as the import compares them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Existing {
    pub id: i64,
    pub number: String,
    pub name: String,
    pub email: String,
    pub department: Option<String>,
    pub team: Option<String>,
    pub manager_id: Option<i64>,
    pub active: bool,
}

/// One changed field of an update; `active` values are translation keys (`import-yes`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    pub field: String,
    pub before: String,
    pub after: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlannedUpdate {
    pub line: u64,
    pub id: i64,
    pub name: String,
    pub changes: Vec<Change>,
}

/// What the import would do. `rows` are the checked rows in file order; `creates` and `updates`
/// point into them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportPlan {
    pub rows: Vec<ImportRow>,
    /// Indexes into `rows` of the people to create.
    pub creates: Vec<usize>,
    /// Per index into `rows`: the existing person it matches (updated or unchanged).
    pub matched: HashMap<usize, i64>,
    pub updates: Vec<PlannedUpdate>,
    pub unchanged: usize,
    pub deactivations: Vec<Existing>,
    /// New departments (names as in the file).
    pub new_departments: Vec<String>,
    /// New teams as (department, team).
    pub new_teams: Vec<(String, String)>,
    pub errors: Vec<RowError>,
}

fn fold(s: &str) -> String {
    s.trim().to_lowercase()
}

/// Plans the import of `raw` rows against `existing` people and the `teams` (department, team)
/// that exist. With `full_export` every active person not in the file is deactivated — except
/// `actor_id`, the person importing (an error instead: nobody locks themselves out).
pub fn plan(
    raw: &[RawRow],
    existing: &[Existing],
    teams: &[(String, String)],
    full_export: bool,
    actor_id: i64,
) -> ImportPlan {
    let mut p = ImportPlan::default();
    let by_number: HashMap<&str, &Existing> =
        existing.iter().map(|e| (e.number.as_str(), e)).collect();
    let by_email: HashMap<&str, &Existing> =
        existing.iter().map(|e| (e.email.as_str(), e)).collect();
    let by_id: HashMap<i64, &Existing> = existing.iter().map(|e| (e.id, e)).collect();
    // People a row of the file names (even an invalid row): never listed as leavers.
    let mut mentioned: HashSet<i64> = HashSet::new();
    let mut seen_email: HashMap<String, u64> = HashMap::new();
    let mut seen_number: HashMap<String, u64> = HashMap::new();
    let mut bad_rows: HashSet<u64> = HashSet::new();

    for r in raw {
        let number_key =
            EmployeeNumber::parse(r.cell(Column::Number)).map(|n| n.as_str().to_owned());
        let email_key = fold(r.cell(Column::Email));
        if let Some(e) = number_key
            .as_deref()
            .ok()
            .and_then(|n| by_number.get(n))
            .or_else(|| by_email.get(email_key.as_str()))
        {
            mentioned.insert(e.id);
        }
        let row = match check_row(r) {
            Ok(row) => row,
            Err(errors) => {
                bad_rows.insert(r.line);
                p.errors.extend(errors);
                continue;
            }
        };
        let mut ok = true;
        if let Some(first) = seen_email.insert(row.email.as_str().to_owned(), row.line) {
            p.errors.push(RowError::new(
                row.line,
                "import-error-duplicate-email",
                format!("{} ({first})", row.email.as_str()),
            ));
            ok = false;
        }
        if let Some(first) = seen_number.insert(row.number.as_str().to_owned(), row.line) {
            p.errors.push(RowError::new(
                row.line,
                "import-error-duplicate-number",
                format!("{} ({first})", row.number.as_str()),
            ));
            ok = false;
        }
        if ok {
            p.rows.push(row);
        } else {
            bad_rows.insert(r.line);
        }
    }

    // Match every row to an existing person: by employee number, else by e-mail.
    let mut claimed: HashMap<i64, u64> = HashMap::new();
    let mut keep = Vec::with_capacity(p.rows.len());
    for row in std::mem::take(&mut p.rows) {
        let found = by_number
            .get(row.number.as_str())
            .or_else(|| by_email.get(row.email.as_str()))
            .copied();
        let mut ok = true;
        if let Some(e) = found {
            if let Some(other) = by_email.get(row.email.as_str())
                && other.id != e.id
            {
                p.errors.push(RowError::new(
                    row.line,
                    "import-error-email-taken",
                    row.email.as_str(),
                ));
                ok = false;
            }
            if let Some(first) = claimed.insert(e.id, row.line) {
                p.errors.push(RowError::new(
                    row.line,
                    "import-error-same-person",
                    format!("{} ({first})", e.name),
                ));
                ok = false;
            }
        }
        if ok {
            keep.push((row, found));
        } else {
            bad_rows.insert(row.line);
        }
    }

    // The reporting line after the import, by e-mail: the file's rows, then everyone else in
    // the database as they are (their manager under the e-mail the file gives them, if any).
    let new_email_of: HashMap<i64, &str> = keep
        .iter()
        .filter_map(|(row, e)| e.map(|e| (e.id, row.email.as_str())))
        .collect();
    let email_of = |id: i64| {
        new_email_of
            .get(&id)
            .copied()
            .or_else(|| by_id.get(&id).map(|e| e.email.as_str()))
    };
    let mut manager_of: HashMap<&str, Option<&str>> = HashMap::new();
    for e in existing {
        if !new_email_of.contains_key(&e.id) {
            manager_of.insert(e.email.as_str(), e.manager_id.and_then(email_of));
        }
    }
    for (row, _) in &keep {
        manager_of.insert(row.email.as_str(), row.manager.as_ref().map(|m| m.as_str()));
    }
    let in_loop = loops(&manager_of);

    for (row, found) in &keep {
        let (row, found) = (row.clone(), *found);
        let mut ok = true;
        if let Some(m) = &row.manager
            && !manager_of.contains_key(m.as_str())
        {
            p.errors.push(RowError::new(
                row.line,
                "import-error-unknown-manager",
                m.as_str(),
            ));
            ok = false;
        }
        if let Some(cycle) = in_loop.get(row.email.as_str()) {
            p.errors.push(RowError::new(
                row.line,
                "import-error-manager-loop",
                cycle.clone(),
            ));
            ok = false;
        }
        if !ok {
            bad_rows.insert(row.line);
            continue;
        }
        let index = p.rows.len();
        match found {
            None => p.creates.push(index),
            Some(e) => {
                p.matched.insert(index, e.id);
                let changes = changes(e, &row, e.manager_id.and_then(email_of).map(str::to_owned));
                if changes.is_empty() {
                    p.unchanged += 1;
                } else {
                    p.updates.push(PlannedUpdate {
                        line: row.line,
                        id: e.id,
                        name: row.name.as_str().to_owned(),
                        changes,
                    });
                }
            }
        }
        p.rows.push(row);
    }

    if full_export {
        for e in existing
            .iter()
            .filter(|e| e.active && !mentioned.contains(&e.id))
        {
            if e.id == actor_id {
                p.errors.push(RowError::new(
                    0,
                    "import-error-deactivate-self",
                    e.email.clone(),
                ));
            } else {
                p.deactivations.push(e.clone());
            }
        }
    }

    let known_departments: HashSet<String> = teams.iter().map(|(d, _)| fold(d)).collect();
    let known_teams: HashSet<(String, String)> =
        teams.iter().map(|(d, t)| (fold(d), fold(t))).collect();
    let (mut new_d, mut new_t) = (HashSet::new(), HashSet::new());
    for row in &p.rows {
        if let Some((d, t)) = &row.team {
            if !known_departments.contains(&fold(d.as_str())) && new_d.insert(fold(d.as_str())) {
                p.new_departments.push(d.as_str().to_owned());
            }
            let key = (fold(d.as_str()), fold(t.as_str()));
            if !known_teams.contains(&key) && new_t.insert(key) {
                p.new_teams
                    .push((d.as_str().to_owned(), t.as_str().to_owned()));
            }
        }
    }
    p.errors.sort_by_key(|e| e.line);
    p
}

/// The fields of `e` that `row` changes.
fn changes(e: &Existing, row: &ImportRow, manager_email: Option<String>) -> Vec<Change> {
    let mut out = Vec::new();
    let mut diff = |field: &str, before: String, after: String, same: bool| {
        if !same {
            out.push(Change {
                field: field.to_owned(),
                before,
                after,
            });
        }
    };
    diff(
        "field-name",
        e.name.clone(),
        row.name.as_str().to_owned(),
        e.name == row.name.as_str(),
    );
    diff(
        "field-email",
        e.email.clone(),
        row.email.as_str().to_owned(),
        e.email == row.email.as_str(),
    );
    diff(
        "field-employee-number",
        e.number.clone(),
        row.number.as_str().to_owned(),
        e.number == row.number.as_str(),
    );
    let before_team = e
        .department
        .as_ref()
        .zip(e.team.as_ref())
        .map(|(d, t)| format!("{d} / {t}"));
    let after_team = row
        .team
        .as_ref()
        .map(|(d, t)| format!("{} / {}", d.as_str(), t.as_str()));
    let same_team = before_team.as_deref().map(fold) == after_team.as_deref().map(fold);
    diff(
        "field-team",
        before_team.unwrap_or_default(),
        after_team.unwrap_or_default(),
        same_team,
    );
    let after_manager = row.manager.as_ref().map(|m| m.as_str().to_owned());
    let same_manager = manager_email == after_manager;
    diff(
        "field-manager",
        manager_email.unwrap_or_default(),
        after_manager.unwrap_or_default(),
        same_manager,
    );
    let yes_no = |b: bool| if b { "import-yes" } else { "import-no" }.to_owned();
    diff(
        "field-status",
        yes_no(e.active),
        yes_no(row.active),
        e.active == row.active,
    );
    out
}

/// Everyone who is part of a management loop (A manages B manages A; also longer, and someone
/// managing themselves), with the loop written out. Each person has at most one manager, so one
/// walk per person with three colours finds every loop in O(n).
fn loops<'a>(manager_of: &HashMap<&'a str, Option<&'a str>>) -> HashMap<&'a str, String> {
    let mut state: HashMap<&str, u8> = HashMap::with_capacity(manager_of.len());
    let mut found = HashMap::new();
    for &start in manager_of.keys() {
        if state.contains_key(start) {
            continue;
        }
        let mut path: Vec<&str> = Vec::new();
        let mut position: HashMap<&str, usize> = HashMap::new();
        let mut current = Some(start);
        while let Some(node) = current {
            match state.get(node) {
                Some(2) => break,
                Some(_) => {
                    if let Some(&at) = position.get(node) {
                        let cycle = &path[at..];
                        let mut text: Vec<&str> = cycle.to_vec();
                        text.push(node);
                        let written = text.iter().take(8).copied().collect::<Vec<_>>().join(" → ");
                        for member in cycle {
                            found.insert(*member, written.clone());
                        }
                    }
                    break;
                }
                None => {
                    state.insert(node, 1);
                    position.insert(node, path.len());
                    path.push(node);
                    current = manager_of.get(node).copied().flatten();
                }
            }
        }
        for node in path {
            state.insert(node, 2);
        }
    }
    found
}

#[cfg(test)]
#[path = "import_plan_tests.rs"]
mod tests;
