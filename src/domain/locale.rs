//! The languages the product speaks. Dutch is the default: the practice and its vocabulary are Dutch.

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Locale {
    #[default]
    Nl,
    En,
}

impl Locale {
    pub const ALL: [Locale; 2] = [Locale::Nl, Locale::En];

    pub fn code(self) -> &'static str {
        match self {
            Locale::Nl => "nl",
            Locale::En => "en",
        }
    }

    /// Parses a stored or submitted language code; anything unknown is `None` so callers choose the fallback.
    pub fn parse(code: &str) -> Option<Locale> {
        match code.trim().to_ascii_lowercase().as_str() {
            "nl" | "nl-nl" | "nl-be" => Some(Locale::Nl),
            "en" | "en-gb" | "en-us" => Some(Locale::En),
            _ => None,
        }
    }

    /// Picks the first supported language from an `Accept-Language` header value.
    pub fn from_accept_language(header: &str) -> Option<Locale> {
        header
            .split(',')
            .filter_map(|part| part.split(';').next())
            .find_map(|tag| {
                let primary = tag.trim().split('-').next().unwrap_or_default();
                Locale::parse(primary)
            })
    }
}

impl fmt::Display for Locale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_codes_case_insensitively() {
        assert_eq!(Locale::parse("NL"), Some(Locale::Nl));
        assert_eq!(Locale::parse(" en "), Some(Locale::En));
        assert_eq!(Locale::parse("de"), None);
    }

    #[test]
    fn accept_language_takes_first_supported() {
        assert_eq!(
            Locale::from_accept_language("de-DE,de;q=0.9,en-US;q=0.8,nl;q=0.5"),
            Some(Locale::En)
        );
        assert_eq!(Locale::from_accept_language("nl-NL,nl;q=0.9"), Some(Locale::Nl));
        assert_eq!(Locale::from_accept_language("fr"), None);
    }
}
