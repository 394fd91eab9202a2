//! CSV for spreadsheets: UTF-8 with a byte-order mark (so Excel reads it as UTF-8), `;` by
//! default (Dutch Excel's list separator) or `,`, and every cell that a spreadsheet would read as
//! a formula neutralised with a leading `'` (formula injection: a name like `=HYPERLINK(…)`
//! typed by an employee must stay text in HR's spreadsheet).

/// The field separator of an export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Separator {
    /// `;`: what Excel expects with Dutch regional settings.
    #[default]
    Semicolon,
    Comma,
}

impl Separator {
    /// `comma` (from `?sep=comma`) is a comma; anything else the default semicolon.
    pub fn from_query(raw: &str) -> Separator {
        if raw.eq_ignore_ascii_case("comma") {
            Separator::Comma
        } else {
            Separator::Semicolon
        }
    }

    fn byte(self) -> u8 {
        match self {
            Separator::Semicolon => b';',
            Separator::Comma => b',',
        }
    }
}

const BOM: &[u8] = "\u{feff}".as_bytes();

/// A cell as a spreadsheet will read it as text: one starting with `=`, `+`, `-`, `@`, a tab or a
/// carriage return gets a leading `'`.
pub fn neutralise(cell: &str) -> std::borrow::Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

/// Writes rows to a byte buffer: the BOM first, then quoted-as-needed, neutralised cells.
pub struct CsvWriter {
    inner: ::csv::Writer<Vec<u8>>,
}

impl CsvWriter {
    pub fn new(separator: Separator) -> CsvWriter {
        let mut buffer = Vec::with_capacity(64 * 1024);
        buffer.extend_from_slice(BOM);
        let inner = ::csv::WriterBuilder::new()
            .delimiter(separator.byte())
            // Excel on Windows expects CRLF line ends.
            .terminator(::csv::Terminator::CRLF)
            .from_writer(buffer);
        CsvWriter { inner }
    }

    /// One row; every cell is neutralised.
    pub fn row<I, S>(&mut self, cells: I) -> Result<(), ::csv::Error>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        self.inner.write_record(
            cells
                .into_iter()
                .map(|c| neutralise(c.as_ref()).into_owned()),
        )
    }

    /// The finished file.
    pub fn finish(self) -> Result<Vec<u8>, ::csv::Error> {
        self.inner
            .into_inner()
            .map_err(|e| ::csv::Error::from(e.into_error()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_back(bytes: &[u8], separator: u8) -> Vec<Vec<String>> {
        assert!(bytes.starts_with(BOM), "starts with the BOM");
        let mut reader = ::csv::ReaderBuilder::new()
            .delimiter(separator)
            .has_headers(false)
            .from_reader(&bytes[BOM.len()..]);
        reader
            .records()
            .map(|r| r.expect("record").iter().map(str::to_owned).collect())
            .collect()
    }

    #[test]
    fn writes_utf8_with_bom_semicolons_and_reads_back() {
        let mut w = CsvWriter::new(Separator::Semicolon);
        w.row(["naam", "afdeling"]).expect("row");
        w.row(["Zoë Öztürk", "Schade; Inkomen"]).expect("row");
        w.row(["Regel\nmet \"quotes\"", ""]).expect("row");
        let bytes = w.finish().expect("finish");
        assert_eq!(
            read_back(&bytes, b';'),
            vec![
                vec!["naam", "afdeling"],
                vec!["Zoë Öztürk", "Schade; Inkomen"],
                vec!["Regel\nmet \"quotes\"", ""],
            ]
        );
        assert!(
            String::from_utf8_lossy(&bytes).contains("\r\n"),
            "CRLF line ends"
        );
    }

    #[test]
    fn comma_is_an_option() {
        assert_eq!(Separator::from_query("comma"), Separator::Comma);
        assert_eq!(Separator::from_query(""), Separator::Semicolon);
        assert_eq!(Separator::from_query("tab"), Separator::Semicolon);
        let mut w = CsvWriter::new(Separator::Comma);
        w.row(["a,b", "c"]).expect("row");
        let bytes = w.finish().expect("finish");
        assert_eq!(read_back(&bytes, b','), vec![vec!["a,b", "c"]]);
    }

    #[test]
    fn formulas_are_neutralised() {
        let mut w = CsvWriter::new(Separator::Semicolon);
        let nasty = [
            "=HYPERLINK(\"http://evil.example\")",
            "+31 6 1234",
            "-2+3",
            "@SUM(A1)",
            "\tx",
            "\rx",
            "a=b",
            "",
        ];
        w.row(nasty).expect("row");
        let bytes = w.finish().expect("finish");
        let back = read_back(&bytes, b';');
        assert_eq!(
            back[0],
            vec![
                "'=HYPERLINK(\"http://evil.example\")",
                "'+31 6 1234",
                "'-2+3",
                "'@SUM(A1)",
                "'\tx",
                "'\rx",
                "a=b",
                "",
            ]
        );
    }
}
