//! Licences moved over from an old register, in bulk: which header names mean which column, one
//! row checked on its own (holder, dates, reason), and the rows checked against each other and
//! against the periods people already hold (no overlap). Pure and wasm-safe; reading the CSV is
//! `import_csv`'s job, the writing `db::licence_import`'s.

use super::import::{RowError, header_key};
use super::licence::{NewPeriod, parse_reason};
use chrono::NaiveDate;
use std::collections::HashMap;

/// The columns of a licence register export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LicenceColumn {
    /// Employee number or e-mail address of the holder.
    Holder,
    ValidFrom,
    ValidThrough,
    Reason,
}

/// Every accepted header per column (compared like the employee import's, by [`header_key`]).
pub const LICENCE_HEADERS: [(LicenceColumn, &[&str]); 4] = [
    (
        LicenceColumn::Holder,
        &[
            "Houder",
            "Medewerker",
            "Personeelsnummer",
            "E-mail",
            "Holder",
            "Employee",
            "Employee number",
            "Email address",
        ],
    ),
    (
        LicenceColumn::ValidFrom,
        &[
            "Geldig vanaf",
            "Vanaf",
            "Begindatum",
            "Valid from",
            "From",
            "Start date",
        ],
    ),
    (
        LicenceColumn::ValidThrough,
        &[
            "Geldig tot en met",
            "Geldig tot",
            "Tot en met",
            "Einddatum",
            "Valid through",
            "Valid until",
            "Through",
            "End date",
        ],
    ),
    (
        LicenceColumn::Reason,
        &["Reden", "Opmerking", "Reason", "Note"],
    ),
];

impl LicenceColumn {
    pub fn from_header(raw: &str) -> Option<LicenceColumn> {
        let key = header_key(raw);
        LICENCE_HEADERS
            .iter()
            .find(|(_, names)| names.iter().any(|n| header_key(n) == key))
            .map(|(c, _)| *c)
    }

    pub fn index(self) -> usize {
        self as usize
    }

    /// The translation key of the column's usual header.
    pub fn label_key(self) -> &'static str {
        match self {
            LicenceColumn::Holder => "licence-import-col-holder",
            LicenceColumn::ValidFrom => "licence-import-col-from",
            LicenceColumn::ValidThrough => "licence-import-col-through",
            LicenceColumn::Reason => "licence-import-col-reason",
        }
    }
}

/// A date as registers write it: `2025-03-01`, `1-3-2025`, `01/03/2025` or `1.3.2025`
/// (day before month, as in the Netherlands).
pub fn parse_date(raw: &str) -> Option<NaiveDate> {
    let raw = raw.trim();
    NaiveDate::parse_from_str(raw, "%Y-%m-%d").ok().or_else(|| {
        let parts: Vec<&str> = raw.split(['-', '/', '.']).collect();
        match parts.as_slice() {
            [d, m, y] if y.len() == 4 => {
                NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
            }
            _ => None,
        }
    })
}

/// One row as read: its line and the four cells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LicenceRawRow {
    pub line: u64,
    pub cells: [String; 4],
}

impl LicenceRawRow {
    pub fn cell(&self, column: LicenceColumn) -> &str {
        self.cells[column.index()].trim()
    }
}

/// A row that passed its own checks; `holder` is the cell as given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LicenceRow {
    pub line: u64,
    pub holder: String,
    pub period: NewPeriod,
    pub reason: String,
}

/// Checks one row: a holder, two real dates in order, a reason. Every problem is reported.
pub fn check_licence_row(row: &LicenceRawRow) -> Result<LicenceRow, Vec<RowError>> {
    let mut errors = Vec::new();
    let line = row.line;
    let holder = row.cell(LicenceColumn::Holder);
    if holder.is_empty() {
        errors.push(RowError::new(
            line,
            "licence-import-error-holder-missing",
            "",
        ));
    }
    let mut date = |column: LicenceColumn| {
        let raw = row.cell(column);
        let parsed = parse_date(raw);
        if parsed.is_none() {
            errors.push(RowError::new(line, "licence-import-error-date", raw));
        }
        parsed
    };
    let from = date(LicenceColumn::ValidFrom);
    let through = date(LicenceColumn::ValidThrough);
    if let (Some(f), Some(t)) = (from, through)
        && t < f
    {
        errors.push(RowError::new(
            line,
            "licence-import-error-order",
            format!("{f} > {t}"),
        ));
    }
    let reason = parse_reason(row.cell(LicenceColumn::Reason))
        .map_err(|key| errors.push(RowError::new(line, key, "")))
        .ok();
    match (from, through, reason) {
        (Some(valid_from), Some(valid_through), Some(reason)) if errors.is_empty() => {
            Ok(LicenceRow {
                line,
                holder: holder.to_owned(),
                period: NewPeriod {
                    valid_from,
                    valid_through,
                },
                reason,
            })
        }
        _ => Err(errors),
    }
}

/// What the bulk import would write: (person id, row) per period, and every row error.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LicencePlan {
    pub periods: Vec<(i64, LicenceRow)>,
    pub errors: Vec<RowError>,
}

fn overlaps(a: &NewPeriod, b: &NewPeriod) -> bool {
    a.valid_from <= b.valid_through && b.valid_from <= a.valid_through
}

/// Checks the rows against each other and the database: `holders` maps an employee number or a
/// lower-case e-mail address to an active person's id; `inactive` holds those of people who left;
/// `existing` the periods each person holds (revoked ones left out).
pub fn plan_licences(
    rows: &[LicenceRawRow],
    holders: &HashMap<String, i64>,
    inactive: &HashMap<String, i64>,
    existing: &HashMap<i64, Vec<NewPeriod>>,
) -> LicencePlan {
    let mut plan = LicencePlan::default();
    let mut taken: HashMap<i64, Vec<(u64, NewPeriod)>> = HashMap::new();
    for raw in rows {
        let row = match check_licence_row(raw) {
            Ok(row) => row,
            Err(errors) => {
                plan.errors.extend(errors);
                continue;
            }
        };
        let key = row.holder.to_lowercase();
        let Some(&person) = holders.get(&row.holder).or_else(|| holders.get(&key)) else {
            let error = if inactive.contains_key(&row.holder) || inactive.contains_key(&key) {
                "licence-import-error-holder-inactive"
            } else {
                "licence-import-error-holder-unknown"
            };
            plan.errors.push(RowError::new(row.line, error, row.holder));
            continue;
        };
        if let Some(p) = existing
            .get(&person)
            .and_then(|periods| periods.iter().find(|p| overlaps(p, &row.period)))
        {
            plan.errors.push(RowError::new(
                row.line,
                "licence-import-error-overlap",
                format!("{} – {}", p.valid_from, p.valid_through),
            ));
            continue;
        }
        let earlier = taken.entry(person).or_default();
        if let Some((line, _)) = earlier.iter().find(|(_, p)| overlaps(p, &row.period)) {
            plan.errors.push(RowError::new(
                row.line,
                "licence-import-error-overlap-file",
                line.to_string(),
            ));
            continue;
        }
        earlier.push((row.line, row.period));
        plan.periods.push((person, row));
    }
    plan
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    fn raw(line: u64, holder: &str, from: &str, through: &str, reason: &str) -> LicenceRawRow {
        LicenceRawRow {
            line,
            cells: [holder, from, through, reason].map(str::to_owned),
        }
    }

    #[test]
    fn every_listed_header_maps_to_its_column() {
        for (column, names) in LICENCE_HEADERS {
            for name in names {
                assert_eq!(LicenceColumn::from_header(name), Some(column), "{name}");
            }
        }
        assert_eq!(
            LicenceColumn::from_header("valid_through"),
            Some(LicenceColumn::ValidThrough)
        );
        assert_eq!(LicenceColumn::from_header("Geboortedatum"), None);
    }

    #[test]
    fn dates_as_registers_write_them() {
        assert_eq!(parse_date("2025-03-01"), Some(d(2025, 3, 1)));
        assert_eq!(parse_date("1-3-2025"), Some(d(2025, 3, 1)));
        assert_eq!(parse_date("01/03/2025"), Some(d(2025, 3, 1)));
        assert_eq!(parse_date("31.12.2024"), Some(d(2024, 12, 31)));
        assert_eq!(parse_date("31-02-2025"), None);
        assert_eq!(parse_date("maart"), None);
    }

    #[test]
    fn a_row_needs_a_holder_real_dates_in_order_and_a_reason() {
        let errors =
            check_licence_row(&raw(4, "", "2025-13-01", "2024-01-01", " ")).expect_err("invalid");
        let keys: Vec<&str> = errors.iter().map(|e| e.key.as_str()).collect();
        assert_eq!(
            keys,
            vec![
                "licence-import-error-holder-missing",
                "licence-import-error-date",
                "licence-error-reason-required",
            ]
        );
        let errors = check_licence_row(&raw(5, "1001", "2025-06-01", "2025-05-31", "oud register"))
            .expect_err("through before from");
        assert_eq!(errors[0].key, "licence-import-error-order");
        let ok = check_licence_row(&raw(6, "1001", "1-1-2023", "31-12-2023", "oud register"))
            .expect("valid, though long expired");
        assert_eq!(ok.period.valid_through, d(2023, 12, 31));
    }

    #[test]
    fn holders_must_exist_and_periods_may_not_overlap() {
        let holders = HashMap::from([("1001".to_owned(), 1), ("bas@x.nl".to_owned(), 2)]);
        let inactive = HashMap::from([("1003".to_owned(), 3)]);
        let existing = HashMap::from([(
            2,
            vec![NewPeriod {
                valid_from: d(2025, 1, 1),
                valid_through: d(2025, 12, 31),
            }],
        )]);
        let rows = [
            raw(2, "1001", "2023-01-01", "2023-12-31", "register"),
            raw(3, "1001", "2024-01-01", "2024-12-31", "register"),
            raw(4, "1001", "2024-06-01", "2025-05-31", "register"),
            raw(5, "BAS@x.nl", "2025-06-01", "2026-05-31", "register"),
            raw(6, "bas@x.nl", "2024-01-01", "2024-12-31", "register"),
            raw(7, "9999", "2024-01-01", "2024-12-31", "register"),
            raw(8, "1003", "2024-01-01", "2024-12-31", "register"),
        ];
        let plan = plan_licences(&rows, &holders, &inactive, &existing);
        let errors: Vec<(u64, &str)> = plan
            .errors
            .iter()
            .map(|e| (e.line, e.key.as_str()))
            .collect();
        assert_eq!(
            errors,
            vec![
                (4, "licence-import-error-overlap-file"),
                (5, "licence-import-error-overlap"),
                (7, "licence-import-error-holder-unknown"),
                (8, "licence-import-error-holder-inactive"),
            ]
        );
        let planned: Vec<(i64, u64)> = plan.periods.iter().map(|(p, r)| (*p, r.line)).collect();
        assert_eq!(planned, vec![(1, 2), (1, 3), (2, 6)]);
    }
}
