//! The `.env` file (server only): found in the working directory or a parent, read line by line so
//! a line that cannot be read stops the app with the file, the line number and why, instead of
//! being dropped together with every line after it. Variables already set in the environment win
//! over the file. Values are never repeated in an error (a line may hold a password).

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// A `.env` file that was read: where it is and on which line each variable stood.
#[derive(Debug, Clone)]
pub struct EnvFile {
    pub path: PathBuf,
    lines: HashMap<String, usize>,
    /// Variables of the file that the environment had already set (the file's value unused).
    outside: HashSet<String>,
}

impl EnvFile {
    /// The line (1-based) a variable was set on in this file, if it was.
    pub fn line_of(&self, name: &str) -> Option<usize> {
        self.lines.get(name).copied()
    }

    /// `error` with the file and line of the variable it names, when the value came from here
    /// (and not from the environment, which wins over the file).
    pub fn locate(&self, error: &super::ConfigError) -> String {
        let line = error
            .variable()
            .filter(|name| !self.outside.contains(*name))
            .and_then(|name| self.line_of(name));
        match line {
            Some(line) => format!("{} line {line}: {error}", self.path.display()),
            None => error.to_string(),
        }
    }
}

/// A `.env` file that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum EnvFileError {
    #[error("{path} line {line}: {reason}")]
    Line {
        path: String,
        line: usize,
        reason: String,
    },
    #[error("{path}: cannot be read: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
}

/// Why one line of a `.env` file could not be read, with its 1-based number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineError {
    pub line: usize,
    pub reason: String,
}

/// `.env` in `start` or the nearest parent directory that has one.
pub fn find(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .map(|dir| dir.join(".env"))
        .find(|p| p.is_file())
}

/// Reads the `.env` file nearest to the working directory (if any) into the environment; a
/// variable already set keeps its value. `Ok(None)`: there is no file.
pub fn load() -> Result<Option<EnvFile>, EnvFileError> {
    let Some(path) = std::env::current_dir().ok().and_then(|d| find(&d)) else {
        return Ok(None);
    };
    let shown = path.display().to_string();
    let content = std::fs::read_to_string(&path).map_err(|source| EnvFileError::Read {
        path: shown.clone(),
        source,
    })?;
    let (mut lines, mut outside) = (HashMap::new(), HashSet::new());
    parse(&content, |key, value, line| {
        if lines.contains_key(&key) {
            // A repeated variable: the first one counts, as with dotenvy.
            return;
        }
        if std::env::var_os(&key).is_some() {
            outside.insert(key.clone());
        } else {
            // SAFETY: `main` reads the file before it starts the runtime: no other thread exists
            // that could read the environment at the same time.
            unsafe { std::env::set_var(&key, value) };
        }
        lines.insert(key, line);
    })
    .map_err(|e| EnvFileError::Line {
        path: shown,
        line: e.line,
        reason: e.reason,
    })?;
    Ok(Some(EnvFile {
        path,
        lines,
        outside,
    }))
}

/// Parses `.env` text with dotenvy's rules, calling `found(key, value, line)` for every variable
/// in order. A quoted value may run over several lines; any other line that does not parse is
/// an error naming its number.
pub fn parse(content: &str, mut found: impl FnMut(String, String, usize)) -> Result<(), LineError> {
    let content = content.strip_prefix('\u{feff}').unwrap_or(content);
    let lines: Vec<&str> = content.lines().collect();
    let mut i = 0;
    while i < lines.len() {
        let first = parse_chunk(lines[i]);
        let (items, used) = match first {
            Ok(items) => (items, 1),
            Err(first_error) => {
                // A quoted value over several lines: the shortest run of lines that parses.
                let mut joined = None;
                if lines[i].contains(['"', '\'']) {
                    for end in i + 1..lines.len() {
                        if let Ok(items) = parse_chunk(&lines[i..=end].join("\n")) {
                            joined = Some((items, end + 1 - i));
                            break;
                        }
                    }
                }
                joined.ok_or_else(|| LineError {
                    line: i + 1,
                    reason: explain(lines[i], first_error),
                })?
            }
        };
        for (key, value) in items {
            found(key, value, i + 1);
        }
        i += used;
    }
    Ok(())
}

/// The variables of one (possibly multi-line) entry, or the position dotenvy stopped at.
fn parse_chunk(text: &str) -> Result<Vec<(String, String)>, usize> {
    dotenvy::from_read_iter(text.as_bytes())
        .map(|item| {
            item.map_err(|e| match e {
                dotenvy::Error::LineParse(_, at) => at,
                _ => 0,
            })
        })
        .collect()
}

/// Why `line` does not parse, without repeating its value.
fn explain(line: &str, at: usize) -> String {
    let column = line.get(..at).map_or(at, |s| s.chars().count()) + 1;
    let Some((key, value)) = line.split_once('=') else {
        return format!(
            "cannot be read at character {column}: expected NAME=value (a comment starts with #)"
        );
    };
    let key = key.trim().trim_start_matches("export ").trim();
    let value = value.trim();
    let quoted = value.starts_with('"') || value.starts_with('\'');
    if !quoted && value.contains(|c: char| c.is_whitespace() || matches!(c, '<' | '>')) {
        format!(
            "the value of {key} cannot be read at character {column}: a value with spaces or < > \
             must be in double quotes, e.g. {key}=\"Klantenrijbewijs <noreply@example.nl>\""
        )
    } else if quoted {
        format!("the value of {key} cannot be read at character {column}: its quote is not closed")
    } else {
        format!("the value of {key} cannot be read at character {column}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(content: &str) -> Result<Vec<(String, String, usize)>, LineError> {
        let mut found = Vec::new();
        parse(content, |k, v, l| found.push((k, v, l)))?;
        Ok(found)
    }

    #[test]
    fn values_comments_quotes_and_multiple_lines_are_read_with_their_line() {
        let found = read(
            "\u{feff}# comment\n\nAPP_ADDR=127.0.0.1:3000\nMAIL_FROM=\"Klantenrijbewijs <noreply@example.nl>\"\n\
             export DEMO_DATA=true # trailing comment\nNOTE=\"two\nlines\"\nLAST='x y'\n",
        )
        .expect("valid");
        assert_eq!(
            found,
            [
                ("APP_ADDR".into(), "127.0.0.1:3000".into(), 3),
                (
                    "MAIL_FROM".into(),
                    "Klantenrijbewijs <noreply@example.nl>".into(),
                    4
                ),
                ("DEMO_DATA".into(), "true".into(), 5),
                ("NOTE".into(), "two\nlines".into(), 6),
                ("LAST".into(), "x y".into(), 8),
            ]
        );
    }

    /// The trap of the old `.env.example`: an unquoted sender. The line is named, with how to
    /// write it, and its value is not repeated (a line may hold a password).
    #[test]
    fn an_unquoted_value_with_spaces_names_its_line_and_the_fix() {
        let err = read("APP_ADDR=127.0.0.1:3000\n# mail\nMAIL_FROM=Dijkhuis <noreply@dijkhuis.nl>\nREMINDER_INTERVAL_SECS=60\n")
            .expect_err("unquoted");
        assert_eq!(err.line, 3);
        assert!(err.reason.contains("MAIL_FROM"), "{}", err.reason);
        assert!(err.reason.contains("double quotes"), "{}", err.reason);
        assert!(!err.reason.contains("dijkhuis"), "{}", err.reason);
        let err = read("SMTP_URL=smtps://u:hunter2 secret@mail.example.nl\n").expect_err("space");
        assert!(!err.reason.contains("hunter2"), "{}", err.reason);
    }

    #[test]
    fn an_unclosed_quote_and_a_line_without_equals_are_errors() {
        let err = read("A=1\nB=\"open\nC=2\n").expect_err("open quote");
        assert_eq!(err.line, 2);
        assert!(err.reason.contains("not closed"), "{}", err.reason);
        let err = read("A=1\nJUST_A_WORD\n").expect_err("no =");
        assert_eq!(err.line, 2);
        assert!(err.reason.contains("NAME=value"), "{}", err.reason);
    }

    #[test]
    fn the_nearest_file_is_found() {
        let dir = tempfile::tempdir().expect("dir");
        let inner = dir.path().join("a/b");
        std::fs::create_dir_all(&inner).expect("dirs");
        std::fs::write(dir.path().join("a/.env"), "A=1\n").expect("file");
        assert_eq!(find(&inner), Some(dir.path().join("a/.env")));
    }

    /// `.env.example` reads as it is and with every commented-out setting switched on.
    #[test]
    fn the_example_file_reads_with_every_setting_uncommented() {
        let example = include_str!("../../.env.example");
        let count = |text: &str| read(text).expect("reads").len();
        let uncommented: String = example
            .lines()
            .map(|l| match l.strip_prefix("# ") {
                Some(rest)
                    if rest.split_once('=').is_some_and(|(k, _)| {
                        !k.is_empty() && k.bytes().all(|b| b.is_ascii_uppercase() || b == b'_')
                    }) =>
                {
                    rest
                }
                _ => l,
            })
            .collect::<Vec<_>>()
            .join("\n");
        assert!(count(&uncommented) > count(example) + 3);
        let found = read(&uncommented).expect("reads");
        assert!(
            found
                .iter()
                .any(|(k, v, _)| k == "MAIL_FROM" && v.contains('<') && v.contains(' ')),
            "{found:?}"
        );
    }
}
