//! The employee import's rules, pure and wasm-safe: which header names mean which column (Dutch
//! or English, reasonable variants), what counts as "active", one row checked on its own, and the
//! types of a dry run. The plan against the database (creates, updates, deactivations, manager
//! loops) is in `import_plan`; reading the CSV file itself in `import_csv` (server only).

use super::{Email, EmployeeNumber, PersonName, TeamName};
use serde::{Deserialize, Serialize};

/// The columns of an HR system's export the import understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Column {
    Number,
    Name,
    Email,
    Department,
    Team,
    Manager,
    Active,
}

impl Column {
    pub const ALL: [Column; 7] = [
        Column::Number,
        Column::Name,
        Column::Email,
        Column::Department,
        Column::Team,
        Column::Manager,
        Column::Active,
    ];

    /// Columns a file must have; the others may be left out (no team, no manager, all active).
    pub const REQUIRED: [Column; 3] = [Column::Number, Column::Name, Column::Email];

    /// The translation key of the column's usual header (`import-col-number`).
    pub fn label_key(self) -> &'static str {
        match self {
            Column::Number => "import-col-number",
            Column::Name => "import-col-name",
            Column::Email => "import-col-email",
            Column::Department => "import-col-department",
            Column::Team => "import-col-team",
            Column::Manager => "import-col-manager",
            Column::Active => "import-col-active",
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }

    /// The column a header names, ignoring case, spaces, dashes, dots and underscores:
    /// `Personeelsnummer`, `employee_number`, `E-mail leidinggevende`, `Manager e-mail`, …
    pub fn from_header(raw: &str) -> Option<Column> {
        let key: String = raw
            .trim_start_matches('\u{feff}')
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect();
        let column = match key.as_str() {
            "personeelsnummer" | "personeelsnr" | "medewerkernummer" | "medewerkernr"
            | "werknemernummer" | "nummer" | "employeenumber" | "employeeno" | "employeenr"
            | "employeeid" | "empno" | "number" | "staffnumber" | "personnelnumber" => {
                Column::Number
            }
            "naam" | "volledigenaam" | "medewerker" | "name" | "fullname" | "employeename" => {
                Column::Name
            }
            "email" | "emailadres" | "mail" | "mailadres" | "emailaddress" | "werkemail"
            | "workemail" => Column::Email,
            "afdeling" | "department" | "dept" => Column::Department,
            "team" | "teamnaam" | "teamname" => Column::Team,
            "emailleidinggevende"
            | "leidinggevende"
            | "leidinggevendeemail"
            | "emailmanager"
            | "manageremail"
            | "manager"
            | "managermail"
            | "mailleidinggevende" => Column::Manager,
            "actief" | "active" | "status" | "indienst" | "isactive" | "employed" => Column::Active,
            _ => return None,
        };
        Some(column)
    }
}

/// "Active" as HR systems write it: `ja`/`nee`, `yes`/`no`, `1`/`0`, `true`/`false`,
/// `actief`/`inactief`, `in dienst`/`uit dienst`, … An empty cell means active.
pub fn parse_active(raw: &str) -> Option<bool> {
    let key: String = raw
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    match key.as_str() {
        "" | "ja" | "j" | "yes" | "y" | "1" | "true" | "waar" | "actief" | "active"
        | "indienst" | "employed" => Some(true),
        "nee" | "n" | "no" | "0" | "false" | "onwaar" | "inactief" | "inactive" | "uitdienst"
        | "leaver" | "left" => Some(false),
        _ => None,
    }
}

/// One data row as read from the file: its line number (the header is line 1) and one cell per
/// [`Column`] (empty when the file has no such column).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RawRow {
    pub line: u64,
    pub cells: [String; 7],
}

impl RawRow {
    pub fn cell(&self, column: Column) -> &str {
        self.cells[column.index()].trim()
    }
}

/// A row that passed its own checks (the plan still checks it against the others).
#[derive(Debug, Clone, PartialEq)]
pub struct ImportRow {
    pub line: u64,
    pub number: EmployeeNumber,
    pub name: PersonName,
    pub email: Email,
    /// Department and team names, both or neither.
    pub team: Option<(TeamName, TeamName)>,
    pub manager: Option<Email>,
    pub active: bool,
}

/// What is wrong with a row: the line, a translation key and the value it is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowError {
    pub line: u64,
    pub key: String,
    pub value: String,
}

impl RowError {
    pub fn new(line: u64, key: &str, value: impl Into<String>) -> RowError {
        RowError {
            line,
            key: key.to_owned(),
            value: value.into(),
        }
    }
}

/// Checks one row on its own: number, name, e-mail, department with team, manager's e-mail and
/// the active value. Every problem is reported, not only the first.
pub fn check_row(row: &RawRow) -> Result<ImportRow, Vec<RowError>> {
    let mut errors = Vec::new();
    let line = row.line;
    let mut field = |column: Column, key_if_empty: &str| {
        let value = row.cell(column);
        if value.is_empty() {
            errors.push(RowError::new(line, key_if_empty, ""));
        }
        value
    };
    let number_raw = field(Column::Number, "import-error-number-missing");
    let name_raw = field(Column::Name, "import-error-name-missing");
    let email_raw = field(Column::Email, "import-error-email-missing");
    let number = (!number_raw.is_empty())
        .then(|| EmployeeNumber::parse(number_raw))
        .and_then(|r| {
            r.map_err(|_| errors.push(RowError::new(line, "import-error-number", number_raw)))
                .ok()
        });
    let name = (!name_raw.is_empty())
        .then(|| PersonName::parse(name_raw))
        .and_then(|r| {
            r.map_err(|_| errors.push(RowError::new(line, "import-error-name", name_raw)))
                .ok()
        });
    let email = (!email_raw.is_empty())
        .then(|| Email::parse(email_raw))
        .and_then(|r| {
            r.map_err(|_| errors.push(RowError::new(line, "import-error-email", email_raw)))
                .ok()
        });
    let (department, team) = (row.cell(Column::Department), row.cell(Column::Team));
    let team = match (department.is_empty(), team.is_empty()) {
        (true, true) => None,
        (false, true) => {
            errors.push(RowError::new(line, "import-error-team-missing", department));
            None
        }
        (true, false) => {
            errors.push(RowError::new(line, "import-error-department-missing", team));
            None
        }
        (false, false) => match (TeamName::parse(department), TeamName::parse(team)) {
            (Ok(d), Ok(t)) => Some((d, t)),
            _ => {
                errors.push(RowError::new(
                    line,
                    "import-error-team-name",
                    format!("{department} / {team}"),
                ));
                None
            }
        },
    };
    let manager_raw = row.cell(Column::Manager);
    let manager = if manager_raw.is_empty() {
        None
    } else {
        Email::parse(manager_raw)
            .map_err(|_| {
                errors.push(RowError::new(
                    line,
                    "import-error-manager-email",
                    manager_raw,
                ))
            })
            .ok()
    };
    let active_raw = row.cell(Column::Active);
    let active = parse_active(active_raw);
    if active.is_none() {
        errors.push(RowError::new(line, "import-error-active", active_raw));
    }
    match (number, name, email, active, errors.is_empty()) {
        (Some(number), Some(name), Some(email), Some(active), true) => Ok(ImportRow {
            line,
            number,
            name,
            email,
            team,
            manager,
            active,
        }),
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn raw(line: u64, cells: [&str; 7]) -> RawRow {
        RawRow {
            line,
            cells: cells.map(str::to_owned),
        }
    }

    #[test]
    fn headers_in_dutch_and_english() {
        for (header, column) in [
            ("Personeelsnummer", Column::Number),
            ("\u{feff}personeelsnummer", Column::Number),
            ("Employee number", Column::Number),
            ("employee_id", Column::Number),
            ("Naam", Column::Name),
            ("Full name", Column::Name),
            ("E-mail", Column::Email),
            ("e-mailadres", Column::Email),
            ("Afdeling", Column::Department),
            ("Department", Column::Department),
            ("Team", Column::Team),
            ("E-mail leidinggevende", Column::Manager),
            ("Manager e-mail", Column::Manager),
            ("Actief", Column::Active),
            ("Active", Column::Active),
        ] {
            assert_eq!(Column::from_header(header), Some(column), "{header}");
        }
        assert_eq!(Column::from_header("Geboortedatum"), None);
    }

    #[test]
    fn active_values() {
        for yes in ["", "ja", "Ja", "yes", "1", "TRUE", "actief", "In dienst"] {
            assert_eq!(parse_active(yes), Some(true), "{yes}");
        }
        for no in ["nee", "No", "0", "false", "inactief", "uit dienst"] {
            assert_eq!(parse_active(no), Some(false), "{no}");
        }
        assert_eq!(parse_active("misschien"), None);
    }

    #[test]
    fn a_good_row_passes() {
        let row = raw(
            2,
            [
                "1001",
                "Anna de Vries",
                "Anna@Example.nl",
                "Schade",
                "Team A",
                "baas@example.nl",
                "ja",
            ],
        );
        let ok = check_row(&row).expect("valid");
        assert_eq!(ok.email.as_str(), "anna@example.nl");
        assert_eq!(
            ok.manager.map(|m| m.as_str().to_owned()).as_deref(),
            Some("baas@example.nl")
        );
        assert!(ok.active);
    }

    #[test]
    fn every_problem_of_a_row_is_reported_with_its_line() {
        let row = raw(
            7,
            [
                "",
                "",
                "geen-mail",
                "Schade",
                "",
                "ook geen mail",
                "misschien",
            ],
        );
        let errors = check_row(&row).expect_err("invalid");
        let keys: Vec<&str> = errors.iter().map(|e| e.key.as_str()).collect();
        assert!(errors.iter().all(|e| e.line == 7));
        for key in [
            "import-error-number-missing",
            "import-error-name-missing",
            "import-error-email",
            "import-error-team-missing",
            "import-error-manager-email",
            "import-error-active",
        ] {
            assert!(keys.contains(&key), "{key} in {keys:?}");
        }
    }
}
