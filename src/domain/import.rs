//! The employee import's rules, pure and wasm-safe: which header names mean which column (Dutch
//! or English, reasonable variants), what counts as "active", one row checked on its own, and the
//! types of a dry run. The plan against the database (creates, updates, deactivations, manager
//! loops) is in `import_plan`; reading the CSV file itself in `import_csv` (server only).

use super::{Email, EmployeeNumber, PersonName, Role, RoleSet, TeamName};
use serde::{Deserialize, Serialize};

/// The columns of an HR system's export the import understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Column {
    Number,
    /// The whole name in one cell; or the three parts below, combined ("Jan van der Berg").
    Name,
    FirstName,
    Infix,
    LastName,
    Email,
    Department,
    Team,
    Manager,
    Active,
    Roles,
}

/// Every header name the import accepts, per column, as shown on the import page. Headers are
/// compared ignoring case, spaces, dashes, dots and underscores ([`header_key`]), so
/// "employee_number" and "E-mail adres" match too. The one place this rule lives: the parser
/// and the page's list both read it.
pub const HEADERS: [(Column, &[&str]); 11] = [
    (
        Column::Number,
        &[
            "Personeelsnummer",
            "Personeelsnr",
            "Medewerkernummer",
            "Medewerkernr",
            "Werknemernummer",
            "Nummer",
            "Employee number",
            "Employee no",
            "Employee nr",
            "Employee ID",
            "Emp no",
            "Number",
            "Staff number",
            "Personnel number",
        ],
    ),
    (
        Column::Name,
        &[
            "Naam",
            "Volledige naam",
            "Medewerker",
            "Name",
            "Full name",
            "Employee name",
        ],
    ),
    (
        Column::FirstName,
        &["Voornaam", "Roepnaam", "First name", "Given name"],
    ),
    (
        Column::Infix,
        &[
            "Tussenvoegsel",
            "Tussenvoegsels",
            "Voorvoegsel",
            "Infix",
            "Name prefix",
        ],
    ),
    (
        Column::LastName,
        &[
            "Achternaam",
            "Familienaam",
            "Last name",
            "Surname",
            "Family name",
        ],
    ),
    (
        Column::Email,
        &[
            "E-mail",
            "E-mailadres",
            "Mail",
            "Mailadres",
            "Zakelijk e-mailadres",
            "Zakelijke e-mail",
            "Werk e-mail",
            "E-mail werk",
            "Email address",
            "Work e-mail",
            "Business e-mail",
            "Business e-mail address",
        ],
    ),
    (Column::Department, &["Afdeling", "Department", "Dept"]),
    (Column::Team, &["Team", "Teamnaam", "Team name"]),
    (
        Column::Manager,
        &[
            "E-mail leidinggevende",
            "Leidinggevende",
            "Leidinggevende e-mail",
            "Mail leidinggevende",
            "Zakelijk e-mailadres leidinggevende",
            "Manager e-mail",
            "E-mail manager",
            "Manager",
            "Manager mail",
            "Manager e-mail address",
        ],
    ),
    (
        Column::Active,
        &[
            "Actief",
            "Active",
            "Status",
            "In dienst",
            "Is active",
            "Employed",
        ],
    ),
    (Column::Roles, &["Rollen", "Rol", "Roles", "Role"]),
];

/// A header as compared: letters and digits only, lower case, without a byte-order mark.
pub fn header_key(raw: &str) -> String {
    raw.trim_start_matches('\u{feff}')
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

impl Column {
    pub const COUNT: usize = 11;

    pub const ALL: [Column; Column::COUNT] = [
        Column::Number,
        Column::Name,
        Column::FirstName,
        Column::Infix,
        Column::LastName,
        Column::Email,
        Column::Department,
        Column::Team,
        Column::Manager,
        Column::Active,
        Column::Roles,
    ];

    /// Columns a file must have; the others may be left out (no team, no manager, all active).
    /// Instead of a name column the file may have a last name (with a first name and infix).
    pub const REQUIRED: [Column; 3] = [Column::Number, Column::Name, Column::Email];

    /// The translation key of the column's usual header (`import-col-number`).
    pub fn label_key(self) -> &'static str {
        match self {
            Column::Number => "import-col-number",
            Column::Name => "import-col-name",
            Column::FirstName => "import-col-first-name",
            Column::Infix => "import-col-infix",
            Column::LastName => "import-col-last-name",
            Column::Email => "import-col-email",
            Column::Department => "import-col-department",
            Column::Team => "import-col-team",
            Column::Manager => "import-col-manager",
            Column::Active => "import-col-active",
            Column::Roles => "export-col-roles",
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }

    /// The header names this column accepts (from [`HEADERS`]).
    pub fn headers(self) -> &'static [&'static str] {
        HEADERS
            .iter()
            .find(|(c, _)| *c == self)
            .map_or(&[], |(_, names)| *names)
    }

    /// The column a header names: `Personeelsnummer`, `employee_number`, `Zakelijk e-mailadres`,
    /// `Manager e-mail`, … (see [`HEADERS`]).
    pub fn from_header(raw: &str) -> Option<Column> {
        let key = header_key(raw);
        HEADERS
            .iter()
            .find(|(_, names)| names.iter().any(|n| header_key(n) == key))
            .map(|(c, _)| *c)
    }
}

/// A role as written in a "Rollen"/"Roles" cell: the labels the export writes (Dutch or English,
/// "Beoordelaar (teamleider)"), the role codes, and the usual short forms.
pub fn parse_role(raw: &str) -> Option<Role> {
    let role = match header_key(raw).as_str() {
        "employee" | "medewerker" | "werknemer" => Role::Employee,
        "reviewer"
        | "beoordelaar"
        | "beoordelaarteamleider"
        | "reviewerteamlead"
        | "teamleider"
        | "teamlead"
        | "leidinggevende"
        | "manager" => Role::Reviewer,
        "hr" | "personeelszaken" => Role::Hr,
        "admin" | "beheerder" | "administrator" | "applicatiebeheerder" => Role::Admin,
        "cx"
        | "klantbelevingcx"
        | "customerexperiencecx"
        | "klantbeleving"
        | "customerexperience" => Role::Cx,
        _ => return None,
    };
    Some(role)
}

/// The roles of a cell, separated by commas (as the export writes them), semicolons or slashes.
/// An empty cell is `Ok(None)`: the roles stay as they are. An unknown role is the error value.
pub fn parse_roles(raw: &str) -> Result<Option<RoleSet>, String> {
    if raw.trim().is_empty() {
        return Ok(None);
    }
    let mut roles = Vec::new();
    for part in raw
        .split([',', ';', '/', '|'])
        .filter(|p| !p.trim().is_empty())
    {
        roles.push(parse_role(part).ok_or_else(|| part.trim().to_owned())?);
    }
    Ok(Some(RoleSet::new(roles)))
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
    pub cells: Vec<String>,
}

impl RawRow {
    /// A row with the given cells (the other columns empty).
    pub fn new(line: u64, cells: &[(Column, &str)]) -> RawRow {
        let mut row = RawRow {
            line,
            cells: vec![String::new(); Column::COUNT],
        };
        for (column, value) in cells {
            row.cells[column.index()] = (*value).to_owned();
        }
        row
    }

    pub fn cell(&self, column: Column) -> &str {
        self.cells.get(column.index()).map_or("", |c| c.trim())
    }

    /// The name: the name cell, or first name, infix and last name joined ("Jan van der Berg").
    pub fn name(&self) -> String {
        let whole = self.cell(Column::Name);
        if !whole.is_empty() {
            return whole.to_owned();
        }
        [Column::FirstName, Column::Infix, Column::LastName]
            .into_iter()
            .map(|c| self.cell(c))
            .filter(|part| !part.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
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
    /// The roles the file gives, if it has a roles column with something in it.
    pub roles: Option<RoleSet>,
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
    let email_raw = field(Column::Email, "import-error-email-missing");
    let name_owned = row.name();
    let name_raw = name_owned.as_str();
    if name_raw.is_empty() {
        errors.push(RowError::new(line, "import-error-name-missing", ""));
    }
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
    let roles = parse_roles(row.cell(Column::Roles))
        .map_err(|unknown| errors.push(RowError::new(line, "import-error-role", unknown)))
        .ok()
        .flatten();
    match (number, name, email, active, errors.is_empty()) {
        (Some(number), Some(name), Some(email), Some(active), true) => Ok(ImportRow {
            line,
            number,
            name,
            email,
            team,
            manager,
            active,
            roles,
        }),
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A row of the seven classic columns (number, name, e-mail, department, team, manager, active).
    pub(crate) fn raw(line: u64, cells: [&str; 7]) -> RawRow {
        let columns = [
            Column::Number,
            Column::Name,
            Column::Email,
            Column::Department,
            Column::Team,
            Column::Manager,
            Column::Active,
        ];
        let pairs: Vec<(Column, &str)> = columns.into_iter().zip(cells).collect();
        RawRow::new(line, &pairs)
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
    fn every_listed_header_maps_to_its_column_and_no_name_is_listed_twice() {
        let mut seen = std::collections::HashMap::new();
        for (column, names) in HEADERS {
            assert!(!names.is_empty(), "{column:?}");
            for name in names {
                assert_eq!(Column::from_header(name), Some(column), "{name}");
                assert_eq!(Column::from_header(&name.to_uppercase()), Some(column));
                let again = seen.insert(header_key(name), column);
                assert!(again.is_none(), "{name} listed twice");
            }
        }
        assert_eq!(HEADERS.len(), Column::ALL.len());
        for column in Column::ALL {
            assert!(!column.headers().is_empty(), "{column:?} has no header");
        }
        for (header, column) in [
            ("Zakelijk e-mailadres", Column::Email),
            ("business_email_address", Column::Email),
            ("Voornaam", Column::FirstName),
            ("Tussenvoegsel", Column::Infix),
            ("Achternaam", Column::LastName),
            ("Rollen", Column::Roles),
        ] {
            assert_eq!(Column::from_header(header), Some(column), "{header}");
        }
    }

    #[test]
    fn first_name_infix_and_last_name_make_the_name() {
        let row = RawRow::new(
            2,
            &[
                (Column::FirstName, " Jan "),
                (Column::Infix, "van der"),
                (Column::LastName, "Berg"),
            ],
        );
        assert_eq!(row.name(), "Jan van der Berg");
        let no_infix = RawRow::new(
            3,
            &[(Column::FirstName, "Anna"), (Column::LastName, "Bakker")],
        );
        assert_eq!(no_infix.name(), "Anna Bakker");
        let whole = RawRow::new(4, &[(Column::Name, "Bas de Vries")]);
        assert_eq!(whole.name(), "Bas de Vries");
    }

    #[test]
    fn roles_as_the_export_writes_them_in_both_languages() {
        let all = RoleSet::new(Role::ALL);
        for cell in [
            "Medewerker, Beoordelaar (teamleider), HR, Beheerder, Klantbeleving (CX)",
            "Employee, Reviewer (team lead), HR, Administrator, Customer experience (CX)",
            "employee;reviewer;hr;admin;cx",
        ] {
            assert_eq!(parse_roles(cell), Ok(Some(all.clone())), "{cell}");
        }
        assert_eq!(parse_roles("  "), Ok(None));
        assert_eq!(parse_roles("Medewerker, Koning"), Err("Koning".to_owned()));
    }

    #[test]
    fn an_unknown_role_is_a_row_error() {
        let mut row = raw(5, ["1", "Anna", "a@x.nl", "", "", "", "ja"]);
        row.cells[Column::Roles.index()] = "Medewerker, Koning".to_owned();
        let errors = check_row(&row).expect_err("invalid");
        assert_eq!(
            errors,
            vec![RowError::new(5, "import-error-role", "Koning")]
        );
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
