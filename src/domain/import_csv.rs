//! Reading an HR system's CSV export (server only): UTF-8 with or without a byte-order mark, `;`
//! or `,` (whichever the header line uses more), header names mapped by `Column::from_header`.
//! The rows come out with their line numbers for `import_plan::plan`; a licence register file's
//! for `licence_import::plan_licences`.

use super::import::{Column, RawRow};
use super::licence_import::{LICENCE_HEADERS, LicenceColumn, LicenceRawRow};

/// Why a file cannot be read at all (as opposed to a bad row).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileError {
    /// Not UTF-8 (e.g. saved as "CSV (Windows)"); the key tells how to fix it.
    Encoding,
    Empty,
    /// Required columns the header lacks.
    MissingColumns(Vec<Column>),
    /// Required columns a licence register file lacks.
    MissingLicenceColumns(Vec<LicenceColumn>),
    /// Two headers that mean the same thing (or a whole name beside its parts): the import
    /// does not guess which one is meant.
    Ambiguous(String, String),
    /// The CSV itself is broken (an unclosed quote), at this line.
    Malformed(u64),
}

impl FileError {
    pub fn key(&self) -> &'static str {
        match self {
            FileError::Encoding => "import-error-encoding",
            FileError::Empty => "import-error-empty",
            FileError::MissingColumns(_) | FileError::MissingLicenceColumns(_) => {
                "import-error-columns"
            }
            FileError::Ambiguous(_, _) => "import-error-ambiguous",
            FileError::Malformed(_) => "import-error-malformed",
        }
    }
}

/// `;` or `,`: whichever the first line has more of (outside quotes); `;` on a tie.
pub fn detect_separator(text: &str) -> u8 {
    let first = text.lines().next().unwrap_or_default();
    let (mut semicolons, mut commas, mut quoted) = (0, 0, false);
    for c in first.chars() {
        match c {
            '"' => quoted = !quoted,
            ';' if !quoted => semicolons += 1,
            ',' if !quoted => commas += 1,
            _ => {}
        }
    }
    if commas > semicolons { b',' } else { b';' }
}

/// Where each [`Column`] is in the header line. Refused: two headers for one column, a whole
/// name beside name parts, and a missing required column (a last name stands in for the name).
pub fn columns<'a>(
    headers: impl Iterator<Item = &'a str>,
) -> Result<[Option<usize>; Column::COUNT], FileError> {
    let mut at: [Option<usize>; Column::COUNT] = [None; Column::COUNT];
    let headers: Vec<&str> = headers.collect();
    let clean = |h: &str| h.trim_start_matches('\u{feff}').trim().to_owned();
    for (i, h) in headers.iter().enumerate() {
        if let Some(column) = Column::from_header(h) {
            if let Some(first) = at[column.index()] {
                return Err(FileError::Ambiguous(clean(headers[first]), clean(h)));
            }
            at[column.index()] = Some(i);
        }
    }
    let parts = [Column::FirstName, Column::Infix, Column::LastName];
    if let (Some(name), Some(part)) = (
        at[Column::Name.index()],
        parts.iter().find_map(|c| at[c.index()]),
    ) {
        return Err(FileError::Ambiguous(
            clean(headers[name]),
            clean(headers[part]),
        ));
    }
    let missing: Vec<Column> = Column::REQUIRED
        .into_iter()
        .filter(|c| at[c.index()].is_none())
        .filter(|c| *c != Column::Name || at[Column::LastName.index()].is_none())
        .collect();
    if !missing.is_empty() {
        return Err(FileError::MissingColumns(missing));
    }
    Ok(at)
}

/// The data rows of `bytes`, each with its line number and its cells per column.
pub fn read(bytes: &[u8]) -> Result<Vec<RawRow>, FileError> {
    let (headers, records) = read_table(bytes)?;
    let at = columns(headers.iter())?;
    Ok(records
        .into_iter()
        .map(|(line, record)| RawRow {
            line,
            cells: at
                .iter()
                .map(|i| i.and_then(|i| record.get(i)).unwrap_or_default().to_owned())
                .collect(),
        })
        .collect())
}

/// The rows of a licence register export: holder, valid from, valid through and reason (all
/// four required; two headers for one column refused).
pub fn read_licences(bytes: &[u8]) -> Result<Vec<LicenceRawRow>, FileError> {
    let (headers, records) = read_table(bytes)?;
    let mut at: [Option<usize>; 4] = [None; 4];
    let clean = |h: &str| h.trim_start_matches('\u{feff}').trim().to_owned();
    for (i, h) in headers.iter().enumerate() {
        if let Some(column) = LicenceColumn::from_header(h) {
            if let Some(first) = at[column.index()] {
                return Err(FileError::Ambiguous(
                    clean(headers.get(first).unwrap_or_default()),
                    clean(h),
                ));
            }
            at[column.index()] = Some(i);
        }
    }
    let missing: Vec<LicenceColumn> = LICENCE_HEADERS
        .iter()
        .map(|(c, _)| *c)
        .filter(|c| at[c.index()].is_none())
        .collect();
    if !missing.is_empty() {
        return Err(FileError::MissingLicenceColumns(missing));
    }
    Ok(records
        .into_iter()
        .map(|(line, record)| LicenceRawRow {
            line,
            cells: at.map(|i| i.and_then(|i| record.get(i)).unwrap_or_default().to_owned()),
        })
        .collect())
}

/// The header and the non-blank records of a CSV file, each with its line number.
fn read_table(
    bytes: &[u8],
) -> Result<(csv::StringRecord, Vec<(u64, csv::StringRecord)>), FileError> {
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|_| FileError::Encoding)?;
    if text.trim().is_empty() {
        return Err(FileError::Empty);
    }
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(detect_separator(text))
        .flexible(true)
        .has_headers(true)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|_| FileError::Malformed(1))?
        .clone();
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    // Line numbers as a text editor or spreadsheet shows them (the header is line 1), counted
    // from the byte where each record starts: the reader's own line count skips blank lines.
    let mut counted = (0usize, 1u64);
    let mut line_at = |byte: u64| {
        // The reader's position is where it stopped after the previous record, which can be
        // before that record's line end and any blank lines: step over them to the record.
        let mut byte = usize::try_from(byte).unwrap_or(usize::MAX).min(text.len());
        while matches!(text.as_bytes().get(byte), Some(b'\r' | b'\n')) {
            byte += 1;
        }
        if byte > counted.0 {
            counted.1 += text.as_bytes()[counted.0..byte]
                .iter()
                .filter(|b| **b == b'\n')
                .count() as u64;
            counted.0 = byte;
        }
        counted.1
    };
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                if record.iter().all(|c| c.trim().is_empty()) {
                    continue;
                }
                let line = record.position().map_or(0, |p| line_at(p.byte()));
                rows.push((line, record.clone()));
            }
            Err(e) => {
                let line = e.position().map_or(0, |p| line_at(p.byte()));
                return Err(FileError::Malformed(line));
            }
        }
    }
    Ok((headers, rows))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dutch_headers_semicolons_and_a_bom() {
        let file = "\u{feff}Personeelsnummer;Naam;E-mail;Afdeling;Team;E-mail leidinggevende;Actief\r\n\
                    1001;Anna de Vries;anna@x.nl;Schade;Team A;;ja\r\n\
                    \r\n\
                    1002;\"Vries, Bas de\";bas@x.nl;Schade;Team A;anna@x.nl;nee\r\n";
        let rows = read(file.as_bytes()).expect("readable");
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].line, 2);
        assert_eq!(rows[1].line, 4);
        assert_eq!(rows[1].cell(Column::Name), "Vries, Bas de");
        assert_eq!(rows[1].cell(Column::Manager), "anna@x.nl");
    }

    #[test]
    fn english_headers_commas_in_another_order_and_missing_optional_columns() {
        let file = "email,name,employee number\nanna@x.nl,Anna,1001\n";
        let rows = read(file.as_bytes()).expect("readable");
        assert_eq!(rows[0].cell(Column::Email), "anna@x.nl");
        assert_eq!(rows[0].cell(Column::Number), "1001");
        assert_eq!(rows[0].cell(Column::Team), "");
    }

    #[test]
    fn an_hr_system_export_with_name_parts_and_a_business_email() {
        let file = "\u{feff}Personeelsnummer;Voornaam;Tussenvoegsel;Achternaam;Zakelijk e-mailadres;Afdeling;Team;E-mail leidinggevende\r\n\
                    1001;Jan;van der;Berg;jan@x.nl;Schade;Team A;\r\n";
        let rows = read(file.as_bytes()).expect("readable");
        assert_eq!(rows[0].name(), "Jan van der Berg");
        assert_eq!(rows[0].cell(Column::Email), "jan@x.nl");
    }

    #[test]
    fn two_headers_for_one_column_are_refused_naming_both() {
        assert_eq!(
            read("Personeelsnummer;Naam;E-mail;Leidinggevende;E-mail leidinggevende\n1;A;a@x.nl;Bas;b@x.nl\n".as_bytes())
                .unwrap_err(),
            FileError::Ambiguous("Leidinggevende".to_owned(), "E-mail leidinggevende".to_owned())
        );
        assert_eq!(
            read("Nummer;Naam;Voornaam;Achternaam;E-mail\n".as_bytes()).unwrap_err(),
            FileError::Ambiguous("Naam".to_owned(), "Voornaam".to_owned())
        );
        assert_eq!(
            read("Nummer;Naam;E-mail;Zakelijk e-mailadres\n".as_bytes()).unwrap_err(),
            FileError::Ambiguous("E-mail".to_owned(), "Zakelijk e-mailadres".to_owned())
        );
    }

    #[test]
    fn unreadable_files() {
        assert_eq!(read(b"").unwrap_err(), FileError::Empty);
        assert_eq!(read(&[0xff, 0xfe, 0x41]).unwrap_err(), FileError::Encoding);
        assert_eq!(
            read(b"naam;afdeling\nAnna;Schade\n").unwrap_err(),
            FileError::MissingColumns(vec![Column::Number, Column::Email])
        );
        // A first name alone is not a name.
        assert_eq!(
            read(b"nummer;voornaam;e-mail\n1;Anna;a@x.nl\n").unwrap_err(),
            FileError::MissingColumns(vec![Column::Name])
        );
    }
}
