//! Suggestions while a walker logs a friction: similar frictions and open improvements on the same
//! step or journey, by full text, and what a walker may be shown of them.
//!
//! A walkthrough is private, so another walker's friction is only suggested when the walker could
//! already read it elsewhere: on an included slide of a presented (or confirmed) presentation the
//! library shows them. Then only its title travels — never the reporter, never evidence. A friction
//! that was triaged into an improvement is found through that improvement, whose title and problem
//! everyone signed in may read; the friction itself is not shown for it (the improvement page keeps
//! its frictions for those who manage it). Only open improvements are suggested: a fixed one is
//! asked about on the step itself ("Hier is iets verbeterd"), a "won't fix" one is decided.

use super::ImprovementStatus;
use crate::domain::search_query::{Engine, Words, quoted_prefix};
use serde::{Deserialize, Serialize};

/// At most this many suggestions are shown (frictions and improvements together).
pub const MAX_SUGGESTIONS: usize = 3;
/// Words a search uses at most (a long description would otherwise make a huge query).
const MAX_TERMS: usize = 12;
/// Words too common to say anything about similarity (Dutch and English).
const STOP_WORDS: &[&str] = &[
    "aan", "al", "als", "bij", "dan", "dat", "de", "der", "die", "dit", "door", "een", "en", "er",
    "geen", "heb", "het", "hij", "ik", "in", "is", "je", "kan", "maar", "me", "met", "mijn",
    "naar", "niet", "nog", "of", "om", "ook", "op", "te", "tot", "uit", "van", "voor", "was", "we",
    "wel", "werd", "wordt", "ze", "zijn", "zo", "and", "are", "for", "had", "has", "have", "my",
    "not", "the", "this", "that", "with", "you",
];

/// The words a search uses: each as typed (for FTS5) and as its letters and digits in lower
/// case (for `like`). Stop words and one-letter words are left out, repeats once, at most
/// [`MAX_TERMS`].
fn terms(text: &str) -> Vec<(String, String)> {
    let mut terms: Vec<(String, String)> = Vec::new();
    for word in text.split(|c: char| c.is_whitespace() || c.is_control()) {
        let core: String = word
            .chars()
            .filter(|c| c.is_alphanumeric())
            .collect::<String>()
            .to_lowercase();
        if core.chars().count() < 2
            || STOP_WORDS.contains(&core.as_str())
            || terms.iter().any(|(w, _)| w == word)
        {
            continue;
        }
        terms.push((word.to_owned(), core));
        if terms.len() == MAX_TERMS {
            break;
        }
    }
    terms
}

/// The FTS5 MATCH expression for suggestions from what the walker typed: every word quoted (so
/// nothing is read as an operator, a `"` doubled), the last one as a prefix — the library's style —
/// but joined with OR and ranked, because a description shares some words with a similar one,
/// rarely all. `None` when no word is left.
pub fn similar_query(text: &str) -> Option<String> {
    let terms = terms(text);
    quoted_prefix(
        terms.iter().map(|(w, _)| w.as_str()),
        Engine::Fts5,
        Words::Any,
    )
}

/// [`similar_query`] for PostgreSQL's `to_tsquery('krb_search', …)`: every word a quoted lexeme
/// (`\` and `'` escaped, so `&`, `|`, `!`, `:` and `<->` are only text), joined with ` | `, the
/// last one a prefix (`:*`). A word the parser splits into several tokens becomes a phrase, like
/// FTS5's quoted string. `None` when no word is left.
pub fn similar_tsquery(text: &str) -> Option<String> {
    let terms = terms(text);
    quoted_prefix(
        terms.iter().map(|(w, _)| w.as_str()),
        Engine::Postgres,
        Words::Any,
    )
}

/// The same words for matching improvements' text with `like`: letters and digits, lower case.
pub fn similar_words(text: &str) -> Vec<String> {
    terms(text).into_iter().map(|(_, core)| core).collect()
}

/// What decides whether another walker's friction may be suggested.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FrictionFacts {
    /// It is in the walkthrough being logged (the walker's own, nothing to point at).
    pub same_walkthrough: bool,
    /// It is on an included slide of a presented or confirmed presentation the walker may read
    /// in the library.
    pub presented_to_viewer: bool,
    /// It is on the step being logged or a step of the same journey (any version).
    pub same_step_or_journey: bool,
}

/// Another walker's friction is suggested (its title only) when the walker can read it in the
/// library already, on the same step or journey, and it is not part of the walkthrough itself.
pub fn may_suggest_friction(f: FrictionFacts) -> bool {
    !f.same_walkthrough && f.presented_to_viewer && f.same_step_or_journey
}

/// An improvement is suggested while it is open and about the same journey.
pub fn may_suggest_improvement(status: ImprovementStatus, same_journey: bool) -> bool {
    same_journey && !status.is_closed()
}

/// What the walker chose among the suggestions (`form[similar]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SimilarChoice {
    /// Nothing chosen: an existing link stays as it is.
    Keep,
    /// "None of these": no link.
    Clear,
    Friction(i64),
    Improvement(i64),
}

impl SimilarChoice {
    /// `""` keep, `none`, `f:<id>`, `i:<id>`; anything else is an invalid choice.
    pub fn parse(raw: &str) -> Result<SimilarChoice, &'static str> {
        let raw = raw.trim();
        let id = |s: &str| s.parse::<i64>().ok().filter(|id| *id > 0);
        match raw.split_once(':') {
            None if raw.is_empty() => Some(SimilarChoice::Keep),
            None if raw == "none" => Some(SimilarChoice::Clear),
            Some(("f", n)) => id(n).map(SimilarChoice::Friction),
            Some(("i", n)) => id(n).map(SimilarChoice::Improvement),
            _ => None,
        }
        .ok_or("error-invalid-choice")
    }

    pub fn code(self) -> String {
        match self {
            SimilarChoice::Keep => String::new(),
            SimilarChoice::Clear => "none".to_owned(),
            SimilarChoice::Friction(id) => format!("f:{id}"),
            SimilarChoice::Improvement(id) => format!("i:{id}"),
        }
    }
}

/// One suggestion as the walker sees it: a friction's title only, or an improvement's title and
/// problem; `code` is its [`SimilarChoice`] code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggestion {
    pub code: String,
    pub improvement: bool,
    pub title: String,
    /// The improvement's problem (empty for a friction).
    pub detail: String,
    /// On the very step being logged (else elsewhere in the journey).
    pub same_step: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_query_quotes_words_joins_them_with_or_and_prefixes_the_last() {
        assert_eq!(similar_query(" "), None);
        assert_eq!(similar_query("de en het"), None);
        assert_eq!(similar_query("foto"), Some("\"foto\"*".into()));
        assert_eq!(
            similar_query("De app crasht bij het uploaden van een foto"),
            Some("\"app\" OR \"crasht\" OR \"uploaden\" OR \"foto\"*".into())
        );
        // Operators are only text, quotes are doubled, punctuation-only words dropped.
        assert_eq!(
            similar_query("NEAR( OR \"xy\" * -"),
            Some("\"NEAR(\" OR \"OR\" OR \"\"\"xy\"\"\"*".into())
        );
        // Repeated words once, and never more than the limit.
        let long = (0..40)
            .map(|i| format!("woord{i}"))
            .collect::<Vec<_>>()
            .join(" ");
        assert_eq!(
            similar_query(&long).map(|q| q.matches(" OR ").count()),
            Some(11)
        );
        assert_eq!(similar_query("foto foto"), Some("\"foto\"*".into()));
    }

    #[test]
    fn the_tsquery_quotes_every_word_and_prefixes_the_last() {
        assert_eq!(similar_tsquery("de en het"), None);
        assert_eq!(similar_tsquery("foto"), Some("'foto':*".into()));
        assert_eq!(
            similar_tsquery("De app crasht bij foto's"),
            Some("'app' | 'crasht' | 'foto''s':*".into())
        );
        assert_eq!(
            similar_tsquery("a\\b & !xy"),
            Some("'a\\\\b' | '!xy':*".into())
        );
    }

    #[test]
    fn the_like_words_are_the_query_words() {
        assert_eq!(
            similar_words("De App crasht, bij uploaden"),
            ["app", "crasht", "uploaden"]
        );
        assert!(similar_words("").is_empty());
    }

    #[test]
    fn another_walkers_friction_only_when_the_library_shows_it_already() {
        let shown = FrictionFacts {
            same_walkthrough: false,
            presented_to_viewer: true,
            same_step_or_journey: true,
        };
        assert!(may_suggest_friction(shown));
        // Private: not presented, or presented to others only (team visibility elsewhere).
        assert!(!may_suggest_friction(FrictionFacts {
            presented_to_viewer: false,
            ..shown
        }));
        // The walker's own entry of this walkthrough, or another journey.
        assert!(!may_suggest_friction(FrictionFacts {
            same_walkthrough: true,
            ..shown
        }));
        assert!(!may_suggest_friction(FrictionFacts {
            same_step_or_journey: false,
            ..shown
        }));
    }

    #[test]
    fn only_open_improvements_of_the_journey() {
        for status in ImprovementStatus::ALL {
            assert_eq!(may_suggest_improvement(status, true), !status.is_closed());
            assert!(!may_suggest_improvement(status, false));
        }
    }

    #[test]
    fn choices_read_back() {
        for c in [
            SimilarChoice::Keep,
            SimilarChoice::Clear,
            SimilarChoice::Friction(7),
            SimilarChoice::Improvement(12),
        ] {
            assert_eq!(SimilarChoice::parse(&c.code()), Ok(c));
        }
        for bad in ["f:", "i:x", "x:1", "f:-3", "f:0", "friction"] {
            assert!(SimilarChoice::parse(bad).is_err(), "{bad}");
        }
    }
}
