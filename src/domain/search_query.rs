//! The text of a full-text query from words a person typed, for either search engine: every word
//! quoted, so nothing in it is read as an operator, and the last one matched as a prefix, so
//! results appear while a word is half typed. SQLite's FTS5 quotes with `"` (a `"` inside
//! doubled) and marks a prefix with `*`; PostgreSQL's `to_tsquery` quotes with `'` (`'` doubled,
//! `\` escaped; a word its parser splits into several tokens becomes a phrase) and marks it `:*`.

/// Which engine reads the query.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Fts5,
    Postgres,
}

/// Whether a match needs every word or any of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Words {
    All,
    Any,
}

/// The query over `words`; `None` when there are none.
pub fn quoted_prefix<'a>(
    words: impl IntoIterator<Item = &'a str>,
    engine: Engine,
    join: Words,
) -> Option<String> {
    let quoted: Vec<String> = words
        .into_iter()
        .map(|w| match engine {
            Engine::Fts5 => format!("\"{}\"", w.replace('"', "\"\"")),
            Engine::Postgres => format!("'{}'", w.replace('\\', "\\\\").replace('\'', "''")),
        })
        .collect();
    let (last, rest) = quoted.split_last()?;
    let separator = match (engine, join) {
        (Engine::Fts5, Words::All) => " ",
        (Engine::Fts5, Words::Any) => " OR ",
        (Engine::Postgres, Words::All) => " & ",
        (Engine::Postgres, Words::Any) => " | ",
    };
    let mut query = rest.join(separator);
    if !query.is_empty() {
        query.push_str(separator);
    }
    query.push_str(last);
    query.push_str(match engine {
        Engine::Fts5 => "*",
        Engine::Postgres => ":*",
    });
    Some(query)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_engine_gets_its_quotes_joiner_and_prefix() {
        let words = ["app", "foto's"];
        assert_eq!(
            quoted_prefix(words, Engine::Fts5, Words::Any).as_deref(),
            Some("\"app\" OR \"foto's\"*")
        );
        assert_eq!(
            quoted_prefix(words, Engine::Postgres, Words::Any).as_deref(),
            Some("'app' | 'foto''s':*")
        );
        assert_eq!(quoted_prefix([], Engine::Postgres, Words::All), None);
    }
}
