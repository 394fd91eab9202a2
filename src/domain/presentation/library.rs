//! The library's search: the filters as typed in the URL, a safe full-text query made from the
//! free text, the keyset cursor, and what one result card shows.

use super::status::PresentationStatus;
use crate::domain::journey::Phase;
use crate::domain::search_query::{Engine, Words, quoted_prefix};
use crate::domain::walkthrough::Severity;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Results per library page.
pub const LIBRARY_PAGE_SIZE: i64 = 20;

/// Longest free text taken into a search; the rest is ignored.
const MAX_QUERY_CHARS: usize = 200;
/// Most search terms used; more words only narrow a search that already found little.
const MAX_TERMS: usize = 12;

/// Where the next page starts: after this (presented_at, id), newest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cursor {
    pub presented_at: DateTime<Utc>,
    pub id: i64,
}

impl Cursor {
    /// The form used in the "older" link: `<unix nanoseconds>-<id>` (nanoseconds, so the
    /// timestamp compares equal to the stored one and rows sharing it are neither lost nor repeated).
    pub fn encode(&self) -> String {
        let nanos = self.presented_at.timestamp_nanos_opt().unwrap_or(i64::MAX);
        format!("{nanos}-{}", self.id)
    }

    pub fn decode(text: &str) -> Option<Cursor> {
        let (nanos, id) = text.trim().split_once('-')?;
        Some(Cursor {
            presented_at: DateTime::from_timestamp_nanos(nanos.parse().ok()?),
            id: id.parse().ok()?,
        })
    }
}

/// The library's filters, parsed leniently: an unknown or empty value means "no filter", so an
/// old bookmark or a hand-edited URL still shows results instead of an error.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LibraryFilter {
    /// The free text as typed (shown back in the form).
    pub text: String,
    pub journey: Option<i64>,
    pub phase: Option<Phase>,
    pub department: Option<i64>,
    pub year: Option<i64>,
    pub severity: Option<Severity>,
    pub after: Option<Cursor>,
}

impl LibraryFilter {
    pub fn parse(
        text: &str,
        journey: &str,
        phase: &str,
        department: &str,
        year: &str,
        severity: &str,
        after: &str,
    ) -> LibraryFilter {
        let id = |v: &str| v.trim().parse::<i64>().ok().filter(|n| *n > 0);
        LibraryFilter {
            text: text.chars().take(MAX_QUERY_CHARS).collect(),
            journey: id(journey),
            phase: Phase::parse(phase).ok(),
            department: id(department),
            year: id(year).filter(|y| (2000..=2100).contains(y)),
            severity: Severity::parse(severity).ok(),
            after: Cursor::decode(after),
        }
    }

    /// The FTS5 MATCH expression for the free text, or `None` when there is nothing to search.
    pub fn fts_query(&self) -> Option<String> {
        fts_query(&self.text)
    }

    /// The same search as a PostgreSQL `to_tsquery` text, or `None` when there is nothing to search.
    pub fn ts_query(&self) -> Option<String> {
        ts_query(&self.text)
    }
}

/// The words a search uses: split on white space, punctuation-only words dropped, at most
/// [`MAX_TERMS`].
fn search_words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| c.is_whitespace() || c.is_control())
        // A word of punctuation only tokenizes to nothing (FTS5 rejects an empty phrase).
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .take(MAX_TERMS)
}

/// Makes a MATCH expression that FTS5 can never misread: every word becomes a quoted string (a
/// `"` inside is doubled), so `OR`, `NEAR(`, `*`, `:` and `-` are only text; the words must all
/// occur, and the last one matches as a prefix, so results appear while a word is half typed.
pub fn fts_query(text: &str) -> Option<String> {
    quoted_prefix(search_words(text), Engine::Fts5, Words::All)
}

/// [`fts_query`] for PostgreSQL's `to_tsquery('krb_search', …)`: every word becomes a quoted
/// lexeme (`\\` and `'` escaped), so `&`, `|`, `!`, `:` and `<->` are only text; the words must
/// all occur (` & `), and the last one matches as a prefix (`:*`). A word the parser splits into
/// several tokens becomes a phrase, like FTS5's quoted string.
pub fn ts_query(text: &str) -> Option<String> {
    quoted_prefix(search_words(text), Engine::Postgres, Words::All)
}

/// One result in the library.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LibraryCard {
    pub id: i64,
    pub title: String,
    pub author_name: String,
    pub team_name: Option<String>,
    pub department_name: Option<String>,
    pub journey_title: String,
    pub presented_at: DateTime<Utc>,
    pub status: PresentationStatus,
    pub comments: i64,
    pub recognitions: i64,
    /// The worst included friction's title.
    pub top_friction: Option<String>,
}

/// One page of results and where the next one starts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LibraryResults {
    pub cards: Vec<LibraryCard>,
    pub next: Option<Cursor>,
}

/// The choices of the library's filter selects.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LibraryChoices {
    /// (journey family, title of its newest version)
    pub journeys: Vec<(i64, String)>,
    pub departments: Vec<(i64, String)>,
    pub years: Vec<i64>,
}

/// Who is searching: decides which presentations the library lists (the same rule as
/// `presentation_access`, written as SQL in the db layer).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LibraryViewer {
    pub id: i64,
    pub team_id: Option<i64>,
    /// HR reads every presentation.
    pub hr: bool,
    /// A reviewer reads their reports' presentations.
    pub reviewer: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fts_query_quotes_every_word_and_prefixes_the_last() {
        assert_eq!(fts_query("  "), None);
        assert_eq!(fts_query("foto"), Some("\"foto\"*".into()));
        assert_eq!(fts_query("app foto's"), Some("\"app\" \"foto's\"*".into()));
        assert_eq!(
            fts_query("a OR b NEAR( \"x"),
            Some("\"a\" \"OR\" \"b\" \"NEAR(\" \"\"\"x\"*".into())
        );
        // Punctuation-only words are dropped instead of becoming an empty phrase.
        assert_eq!(fts_query("* \" -"), None);
        assert_eq!(
            fts_query(&"w ".repeat(50)).map(|q| q.matches('"').count()),
            Some(24)
        );
    }

    #[test]
    fn ts_query_quotes_every_word_and_prefixes_the_last() {
        assert_eq!(ts_query("  "), None);
        assert_eq!(ts_query("foto"), Some("'foto':*".into()));
        assert_eq!(ts_query("app foto's"), Some("'app' & 'foto''s':*".into()));
        assert_eq!(
            ts_query("a | b:* !c \\x"),
            Some("'a' & 'b:*' & '!c' & '\\\\x':*".into())
        );
        assert_eq!(ts_query("* ' -"), None);
        assert_eq!(
            ts_query(&"w ".repeat(50)).map(|q| q.matches('\'').count()),
            Some(24)
        );
    }

    #[test]
    fn filters_ignore_what_they_do_not_understand() {
        let f = LibraryFilter::parse("x", "3", "afname", "abc", "1999", "blocker", "bad");
        assert_eq!(f.journey, Some(3));
        assert_eq!(f.phase, Some(Phase::Afname));
        assert_eq!(f.department, None);
        assert_eq!(f.year, None);
        assert_eq!(f.severity, Some(Severity::Blocker));
        assert_eq!(f.after, None);
    }

    #[test]
    fn cursor_round_trips() {
        let c = Cursor {
            presented_at: DateTime::from_timestamp_nanos(1_764_000_000_123_456_789),
            id: 42,
        };
        assert_eq!(Cursor::decode(&c.encode()), Some(c));
        assert_eq!(Cursor::decode("12-x"), None);
    }
}
