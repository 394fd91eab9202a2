//! The dry run of an employee import: the checked rows against each other and against the people
//! already in the database — duplicates within the file, unknown managers, manager loops (also
//! through people not in the file), who is created, updated (with what changes) and, for a full
//! export, deactivated, and which departments and teams are new. Pure and O(n): hash maps only.
//!
//! Nobody is locked out: an administrator and the person importing are never deactivated (they
//! are listed as kept, with the reason), the admin role is never granted or taken by a file, and
//! the importer's own roles are never reduced.

use super::import::Column;
use super::import::{ImportRow, RawRow, RowError, check_row};
use super::{EmployeeNumber, Role, RoleSet};
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
    pub roles: RoleSet,
}

/// How to plan: what the upload form said and who is importing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlanOptions {
    /// The file lists everyone: active people missing from it leave.
    pub full_export: bool,
    pub actor_id: i64,
    /// Everyone named as someone's manager gets the reviewer role.
    pub managers_review: bool,
}

/// Someone the file would deactivate who stays active, and the translation key saying why.
#[derive(Debug, Clone, PartialEq)]
pub struct Kept {
    pub person: Existing,
    pub line: u64,
    pub reason: &'static str,
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
    /// Administrators and the importer the file would have deactivated: they stay active.
    pub kept: Vec<Kept>,
    /// Per row (parallel to `rows`): the roles to set, or `None` to leave them as they are.
    pub roles: Vec<Option<RoleSet>>,
    /// People not in the file whose roles change (named as a manager: they become reviewers).
    pub role_only: Vec<(i64, RoleSet)>,
    /// New departments (names as in the file).
    pub new_departments: Vec<String>,
    /// New teams as (department, team).
    pub new_teams: Vec<(String, String)>,
    pub errors: Vec<RowError>,
}

fn fold(s: &str) -> String {
    s.trim().to_lowercase()
}

/// Why `e` may not be deactivated by an import, if so.
fn keep_reason(e: &Existing, actor_id: i64) -> Option<&'static str> {
    if e.id == actor_id {
        Some("import-kept-self")
    } else if e.roles.has(Role::Admin) {
        Some("import-kept-admin")
    } else {
        None
    }
}

/// The roles a row gives a person who has `old` (none when new): the file's roles (or the old
/// ones, or employee for someone new), never adding or taking the admin role, plus reviewer for
/// a manager; the importer keeps at least what they had.
fn roles_for(
    file: Option<&RoleSet>,
    old: Option<&RoleSet>,
    manager: bool,
    is_actor: bool,
) -> RoleSet {
    let old_admin = old.is_some_and(|o| o.has(Role::Admin));
    let mut roles: Vec<Role> = match (file, old) {
        (Some(f), _) => f.iter().filter(|r| *r != Role::Admin).collect(),
        (None, Some(o)) => o.iter().collect(),
        (None, None) => vec![Role::Employee],
    };
    if old_admin {
        roles.push(Role::Admin);
    }
    if manager {
        roles.push(Role::Reviewer);
    }
    if is_actor && let Some(o) = old {
        roles.extend(o.iter());
    }
    if roles.is_empty() {
        roles = old.map_or(vec![Role::Employee], |o| o.iter().collect());
        if roles.is_empty() {
            roles.push(Role::Employee);
        }
    }
    RoleSet::new(roles)
}

/// The roles as shown in a change: role label keys, comma-separated.
fn role_keys(roles: &RoleSet) -> String {
    roles
        .iter()
        .map(Role::label_key)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Plans the import of `raw` rows against `existing` people and the `teams` (department, team)
/// that exist. With a full export every active person not in the file is deactivated, except
/// administrators and the person importing (kept, with the reason).
pub fn plan(
    raw: &[RawRow],
    existing: &[Existing],
    teams: &[(String, String)],
    options: PlanOptions,
) -> ImportPlan {
    let PlanOptions {
        full_export,
        actor_id,
        managers_review,
    } = options;
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

    let managers: HashSet<&str> = if managers_review {
        keep.iter()
            .filter_map(|(row, _)| row.manager.as_ref().map(|m| m.as_str()))
            .collect()
    } else {
        HashSet::new()
    };
    let mut role_only = Vec::new();
    for (row, found) in &keep {
        let (mut row, found) = (row.clone(), *found);
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
        let manager = managers.contains(row.email.as_str());
        match found {
            None => {
                p.creates.push(index);
                p.roles
                    .push(Some(roles_for(row.roles.as_ref(), None, manager, false)));
            }
            Some(e) => {
                p.matched.insert(index, e.id);
                if !row.active
                    && e.active
                    && let Some(reason) = keep_reason(e, actor_id)
                {
                    row.active = true;
                    p.kept.push(Kept {
                        person: e.clone(),
                        line: row.line,
                        reason,
                    });
                }
                let roles = roles_for(
                    row.roles.as_ref(),
                    Some(&e.roles),
                    manager,
                    e.id == actor_id,
                );
                let mut changes =
                    changes(e, &row, e.manager_id.and_then(email_of).map(str::to_owned));
                if roles != e.roles {
                    changes.push(Change {
                        field: "field-roles".to_owned(),
                        before: role_keys(&e.roles),
                        after: role_keys(&roles),
                    });
                    p.roles.push(Some(roles));
                } else {
                    p.roles.push(None);
                }
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

    // Managers who are in the database but not in the file become reviewers as well.
    let in_file: HashSet<i64> = p.matched.values().copied().collect();
    for e in existing {
        if managers.contains(e.email.as_str())
            && !in_file.contains(&e.id)
            && !e.roles.has(Role::Reviewer)
        {
            let roles = RoleSet::new(e.roles.iter().chain([Role::Reviewer]));
            p.updates.push(PlannedUpdate {
                line: 0,
                id: e.id,
                name: e.name.clone(),
                changes: vec![Change {
                    field: "field-roles".to_owned(),
                    before: role_keys(&e.roles),
                    after: role_keys(&roles),
                }],
            });
            role_only.push((e.id, roles));
        }
    }
    p.role_only = role_only;

    if full_export {
        for e in existing
            .iter()
            .filter(|e| e.active && !mentioned.contains(&e.id))
        {
            match keep_reason(e, actor_id) {
                Some(reason) => p.kept.push(Kept {
                    person: e.clone(),
                    line: 0,
                    reason,
                }),
                None => p.deactivations.push(e.clone()),
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
