//! Unit tests of the import plan (kept beside it to keep that file short).

use super::*;

fn raw(line: u64, number: &str, name: &str, email: &str, manager: &str) -> RawRow {
    RawRow::new(
        line,
        &[
            (Column::Number, number),
            (Column::Name, name),
            (Column::Email, email),
            (Column::Department, "Schade"),
            (Column::Team, "Team A"),
            (Column::Manager, manager),
            (Column::Active, "ja"),
        ],
    )
}

fn opts(full_export: bool, actor_id: i64) -> PlanOptions {
    PlanOptions {
        full_export,
        actor_id,
        managers_review: false,
    }
}

fn existing(id: i64, number: &str, email: &str, manager_id: Option<i64>) -> Existing {
    Existing {
        id,
        number: number.to_owned(),
        name: format!("Persoon {id}"),
        email: email.to_owned(),
        department: Some("Schade".to_owned()),
        team: Some("Team A".to_owned()),
        manager_id,
        active: true,
        roles: RoleSet::new([Role::Employee]),
    }
}

fn teams() -> Vec<(String, String)> {
    vec![("Schade".to_owned(), "Team A".to_owned())]
}

fn keys(plan: &ImportPlan) -> Vec<(u64, &str)> {
    plan.errors
        .iter()
        .map(|e| (e.line, e.key.as_str()))
        .collect()
}

#[test]
fn duplicates_within_the_file_name_both_lines() {
    let rows = [
        raw(2, "1", "Anna Bakker", "anna@x.nl", ""),
        raw(3, "2", "Anna Tweede", "ANNA@x.nl", ""),
        raw(4, "1", "Bas Claassen", "bas@x.nl", ""),
    ];
    let plan = plan(&rows, &[], &teams(), opts(false, 0));
    assert_eq!(
        keys(&plan),
        vec![
            (3, "import-error-duplicate-email"),
            (4, "import-error-duplicate-number")
        ]
    );
    assert!(plan.errors[0].value.contains("(2)"), "{:?}", plan.errors);
    assert_eq!(plan.creates.len(), 1);
}

#[test]
fn managers_must_be_in_the_file_or_the_database() {
    let rows = [
        raw(2, "1", "Anna Bakker", "anna@x.nl", "baas@x.nl"),
        raw(3, "2", "Bas Claassen", "bas@x.nl", "anna@x.nl"),
        raw(4, "3", "Cor Dekker", "cor@x.nl", "niemand@x.nl"),
    ];
    let db = [existing(10, "B-1", "baas@x.nl", None)];
    let plan = plan(&rows, &db, &teams(), opts(false, 0));
    assert_eq!(keys(&plan), vec![(4, "import-error-unknown-manager")]);
    assert_eq!(plan.creates.len(), 2);
}

#[test]
fn manager_loops_are_found_in_the_file_and_through_the_database() {
    let rows = [
        raw(2, "1", "Anna Bakker", "a@x.nl", "b@x.nl"),
        raw(3, "2", "Bas Claassen", "b@x.nl", "a@x.nl"),
        raw(4, "3", "Cor Dekker", "c@x.nl", "d@x.nl"),
        raw(5, "4", "Dirk Evers", "d@x.nl", "e@x.nl"),
        raw(6, "5", "Eva Fransen", "e@x.nl", "c@x.nl"),
        raw(7, "6", "Fien Gerrits", "f@x.nl", "f@x.nl"),
        raw(8, "7", "Gijs Haan", "g@x.nl", "a@x.nl"),
        // Through someone only in the database: db@x.nl is managed by h@x.nl.
        raw(9, "8", "Hans Ip", "h@x.nl", "db@x.nl"),
    ];
    let db = [
        existing(20, "H-9", "boss@x.nl", None),
        existing(21, "H-10", "db@x.nl", Some(22)),
        existing(22, "8", "oud-h@x.nl", None),
    ];
    let plan = plan(&rows, &db, &teams(), opts(false, 0));
    let loops: Vec<u64> = plan
        .errors
        .iter()
        .filter(|e| e.key == "import-error-manager-loop")
        .map(|e| e.line)
        .collect();
    // g@x.nl reports into a loop but is not part of it.
    assert_eq!(loops, vec![2, 3, 4, 5, 6, 7, 9]);
    assert!(plan.errors.iter().any(|e| e.value.contains("→")));
}

#[test]
fn updates_list_their_changes_and_leavers_only_with_a_full_export() {
    let mut same = raw(2, "1", "Persoon 1", "p1@x.nl", "");
    same.cells[Column::Active.index()] = "ja".to_owned();
    let moved = RawRow::new(
        3,
        &[
            (Column::Number, "2"),
            (Column::Name, "Persoon 2"),
            (Column::Email, "nieuw2@x.nl"),
            (Column::Department, "Klantenservice"),
            (Column::Team, "Team Z"),
            (Column::Manager, "p1@x.nl"),
            (Column::Active, "nee"),
        ],
    );
    let db = [
        existing(1, "1", "p1@x.nl", None),
        existing(2, "2", "p2@x.nl", None),
        existing(3, "3", "p3@x.nl", None),
        existing(4, "4", "ik@x.nl", None),
    ];
    let partial = plan(
        &[same.clone(), moved.clone()],
        &db,
        &teams(),
        opts(false, 4),
    );
    assert_eq!(partial.unchanged, 1);
    assert_eq!(partial.updates.len(), 1);
    let fields: Vec<&str> = partial.updates[0]
        .changes
        .iter()
        .map(|c| c.field.as_str())
        .collect();
    assert_eq!(
        fields,
        vec!["field-email", "field-team", "field-manager", "field-status"]
    );
    assert!(partial.deactivations.is_empty());
    assert_eq!(partial.new_departments, vec!["Klantenservice"]);
    assert_eq!(
        partial.new_teams,
        vec![("Klantenservice".to_owned(), "Team Z".to_owned())]
    );

    let full = plan(&[same, moved], &db, &teams(), opts(true, 4));
    let leavers: Vec<i64> = full.deactivations.iter().map(|e| e.id).collect();
    assert_eq!(leavers, vec![3]);
    // The person importing is not deactivated by their own file: kept, and it applies.
    assert!(full.errors.is_empty(), "{:?}", full.errors);
    let kept: Vec<(i64, &str)> = full.kept.iter().map(|k| (k.person.id, k.reason)).collect();
    assert_eq!(kept, vec![(4, "import-kept-self")]);
}

#[test]
fn an_email_of_someone_else_is_refused() {
    let db = [
        existing(1, "1", "p1@x.nl", None),
        existing(2, "2", "p2@x.nl", None),
    ];
    let plan = plan(
        &[raw(2, "1", "Persoon 1", "p2@x.nl", "")],
        &db,
        &teams(),
        opts(false, 0),
    );
    assert_eq!(keys(&plan), vec![(2, "import-error-email-taken")]);
}

#[test]
fn ten_thousand_rows_plan_in_linear_time() {
    // Not a timing test: it proves the plan handles a company-size file with a long reporting
    // chain (each person managed by the previous one) without quadratic blow-up in practice.
    let rows: Vec<RawRow> = (1..=10_000)
        .map(|n| {
            let manager = if n == 1 {
                String::new()
            } else {
                format!("m{}@x.nl", n - 1)
            };
            raw(
                n + 1,
                &format!("N{n}"),
                "Naam Achternaam",
                &format!("m{n}@x.nl"),
                &manager,
            )
        })
        .collect();
    let plan = plan(&rows, &[], &teams(), opts(false, 0));
    assert!(
        plan.errors.is_empty(),
        "{:?}",
        &plan.errors[..plan.errors.len().min(3)]
    );
    assert_eq!(plan.creates.len(), 10_000);
}

#[test]
fn administrators_and_the_importer_are_never_deactivated() {
    let mut admin = existing(5, "5", "admin@x.nl", None);
    admin.roles = RoleSet::new([Role::Admin]);
    let mut admin_in_file = existing(6, "6", "admin2@x.nl", None);
    admin_in_file.roles = RoleSet::new([Role::Employee, Role::Admin]);
    let db = [
        existing(1, "1", "p1@x.nl", None),
        existing(2, "2", "leaver@x.nl", None),
        existing(4, "4", "hr@x.nl", None),
        admin,
        admin_in_file,
    ];
    let mut inactive_admin = raw(3, "6", "Persoon 6", "admin2@x.nl", "");
    inactive_admin.cells[Column::Active.index()] = "nee".to_owned();
    let mut inactive_self = raw(4, "4", "Persoon 4", "hr@x.nl", "");
    inactive_self.cells[Column::Active.index()] = "nee".to_owned();
    let rows = [
        raw(2, "1", "Persoon 1", "p1@x.nl", ""),
        inactive_admin,
        inactive_self,
    ];
    let full = plan(&rows, &db, &teams(), opts(true, 4));
    assert!(full.errors.is_empty(), "{:?}", full.errors);
    let leavers: Vec<i64> = full.deactivations.iter().map(|e| e.id).collect();
    assert_eq!(leavers, vec![2]);
    let mut kept: Vec<(i64, u64, &str)> = full
        .kept
        .iter()
        .map(|k| (k.person.id, k.line, k.reason))
        .collect();
    kept.sort();
    assert_eq!(
        kept,
        vec![
            (4, 4, "import-kept-self"),
            (5, 0, "import-kept-admin"),
            (6, 3, "import-kept-admin")
        ]
    );
    // The rows that said "inactive" stay active and change nothing.
    assert!(full.rows.iter().all(|r| r.active));
    assert!(full.updates.is_empty(), "{:?}", full.updates);
}

#[test]
fn roles_from_the_file_and_managers_become_reviewers() {
    let mut admin = existing(1, "1", "admin@x.nl", None);
    admin.roles = RoleSet::new([Role::Employee, Role::Admin]);
    let boss_only_in_db = existing(2, "2", "boss@x.nl", None);
    let db = [admin, boss_only_in_db, existing(3, "3", "hr@x.nl", None)];
    let with_roles = |line, number: &str, email: &str, manager: &str, roles: &str| {
        let mut r = raw(line, number, "Iemand", email, manager);
        r.cells[Column::Roles.index()] = roles.to_owned();
        r
    };
    let rows = [
        // The file takes the admin role away and gives it to someone new: neither happens.
        with_roles(2, "1", "admin@x.nl", "", "Medewerker"),
        with_roles(
            3,
            "10",
            "new@x.nl",
            "boss@x.nl",
            "Medewerker, Beheerder, HR",
        ),
        with_roles(4, "11", "lead@x.nl", "", ""),
        with_roles(5, "12", "member@x.nl", "lead@x.nl", ""),
        // The importer (HR) is not demoted by their own file.
        with_roles(6, "3", "hr@x.nl", "", "Medewerker"),
    ];
    let mut db_hr = db.clone();
    db_hr[2].roles = RoleSet::new([Role::Employee, Role::Hr]);
    let options = PlanOptions {
        full_export: false,
        actor_id: 3,
        managers_review: true,
    };
    let p = plan(&rows, &db_hr, &teams(), options);
    assert!(p.errors.is_empty(), "{:?}", p.errors);
    let roles_of = |email: &str| {
        let i = p
            .rows
            .iter()
            .position(|r| r.email.as_str() == email)
            .expect("row");
        p.roles[i].clone()
    };
    assert_eq!(roles_of("admin@x.nl"), None, "admin keeps the admin role");
    assert_eq!(
        roles_of("new@x.nl"),
        Some(RoleSet::new([Role::Employee, Role::Hr]))
    );
    assert_eq!(
        roles_of("lead@x.nl"),
        Some(RoleSet::new([Role::Employee, Role::Reviewer]))
    );
    assert_eq!(
        roles_of("member@x.nl"),
        Some(RoleSet::new([Role::Employee]))
    );
    assert_eq!(roles_of("hr@x.nl"), None, "the importer keeps HR");
    assert_eq!(
        p.role_only,
        vec![(2, RoleSet::new([Role::Employee, Role::Reviewer]))]
    );
    // Without the setting nobody becomes a reviewer for managing someone.
    let off = plan(
        &rows,
        &db_hr,
        &teams(),
        PlanOptions {
            managers_review: false,
            ..options
        },
    );
    assert!(off.role_only.is_empty());
    let lead = off
        .rows
        .iter()
        .position(|r| r.email.as_str() == "lead@x.nl")
        .expect("row");
    assert_eq!(off.roles[lead], Some(RoleSet::new([Role::Employee])));
}
