//! Translations from `locales/<lang>/*.ftl` (Project Fluent), embedded at compile time, and date formatting in Europe/Amsterdam.

use crate::domain::Locale;
use chrono::{DateTime, Utc};
use chrono_tz::Europe::Amsterdam;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use leptos::prelude::*;
use std::sync::LazyLock;

// One file per area, so features can be translated side by side; joined into one resource per language.
const NL_SOURCE: &str = concat!(
    include_str!("../locales/nl/main.ftl"),
    "\n",
    include_str!("../locales/nl/journey.ftl"),
    "\n",
    include_str!("../locales/nl/walkthrough.ftl"),
    "\n",
    include_str!("../locales/nl/evidence.ftl"),
    "\n",
    include_str!("../locales/nl/presentation.ftl"),
    "\n",
    include_str!("../locales/nl/meeting.ftl"),
    "\n",
    include_str!("../locales/nl/library.ftl"),
);
const EN_SOURCE: &str = concat!(
    include_str!("../locales/en/main.ftl"),
    "\n",
    include_str!("../locales/en/journey.ftl"),
    "\n",
    include_str!("../locales/en/walkthrough.ftl"),
    "\n",
    include_str!("../locales/en/evidence.ftl"),
    "\n",
    include_str!("../locales/en/presentation.ftl"),
    "\n",
    include_str!("../locales/en/meeting.ftl"),
    "\n",
    include_str!("../locales/en/library.ftl"),
);

// Texts of pages that render only on the server and are never used by an island (HR: paged
// lists, import, export, audit log, dashboard; the licence pages, card and verification; e-mail):
// left out of the browser bundle, whose first-load budget is
// nearly spent.
#[cfg(not(target_arch = "wasm32"))]
const NL_SERVER_SOURCE: &str = concat!(
    include_str!("../locales/nl/hr.ftl"),
    "\n",
    include_str!("../locales/nl/hr_dashboard.ftl"),
    "\n",
    include_str!("../locales/nl/licence.ftl"),
    "\n",
    include_str!("../locales/nl/licence_card.ftl"),
    "\n",
    include_str!("../locales/nl/mail.ftl"),
    "\n",
    include_str!("../locales/nl/access.ftl"),
    "\n",
    include_str!("../locales/nl/import.ftl"),
    "\n",
    include_str!("../locales/nl/org.ftl"),
    "\n",
    include_str!("../locales/nl/licence_import.ftl"),
    "\n",
    include_str!("../locales/nl/screens.ftl"),
    "\n",
    include_str!("../locales/nl/improvement.ftl"),
    "\n",
    include_str!("../locales/nl/improvement_inbox.ftl"),
    "\n",
    include_str!("../locales/nl/improvement_life.ftl"),
    "\n",
    include_str!("../locales/nl/improvement_walker.ftl"),
    "\n",
    include_str!("../locales/nl/improvement_data.ftl"),
);
#[cfg(not(target_arch = "wasm32"))]
const EN_SERVER_SOURCE: &str = concat!(
    include_str!("../locales/en/hr.ftl"),
    "\n",
    include_str!("../locales/en/hr_dashboard.ftl"),
    "\n",
    include_str!("../locales/en/licence.ftl"),
    "\n",
    include_str!("../locales/en/licence_card.ftl"),
    "\n",
    include_str!("../locales/en/mail.ftl"),
    "\n",
    include_str!("../locales/en/access.ftl"),
    "\n",
    include_str!("../locales/en/import.ftl"),
    "\n",
    include_str!("../locales/en/org.ftl"),
    "\n",
    include_str!("../locales/en/licence_import.ftl"),
    "\n",
    include_str!("../locales/en/screens.ftl"),
    "\n",
    include_str!("../locales/en/improvement.ftl"),
    "\n",
    include_str!("../locales/en/improvement_inbox.ftl"),
    "\n",
    include_str!("../locales/en/improvement_life.ftl"),
    "\n",
    include_str!("../locales/en/improvement_walker.ftl"),
    "\n",
    include_str!("../locales/en/improvement_data.ftl"),
);
#[cfg(target_arch = "wasm32")]
const NL_SERVER_SOURCE: &str = "";
#[cfg(target_arch = "wasm32")]
const EN_SERVER_SOURCE: &str = "";

struct Bundles {
    nl: FluentBundle<FluentResource>,
    en: FluentBundle<FluentResource>,
}

fn bundle(lang: unic_langid::LanguageIdentifier, source: &str) -> FluentBundle<FluentResource> {
    let mut bundle = FluentBundle::new_concurrent(vec![lang]);
    // Unicode isolation marks around arguments confuse tests and screen readers more than they help here.
    bundle.set_use_isolating(false);
    match FluentResource::try_new(source.to_owned()) {
        Ok(resource) => {
            if let Err(errors) = bundle.add_resource(resource) {
                leptos::logging::error!("duplicate translation keys: {errors:?}");
            }
        }
        Err((resource, errors)) => {
            leptos::logging::error!("translation file has errors: {errors:?}");
            let _ = bundle.add_resource(resource);
        }
    }
    bundle
}

static BUNDLES: LazyLock<Bundles> = LazyLock::new(|| Bundles {
    nl: bundle(
        unic_langid::langid!("nl-NL"),
        &format!("{NL_SOURCE}\n{NL_SERVER_SOURCE}"),
    ),
    en: bundle(
        unic_langid::langid!("en-GB"),
        &format!("{EN_SOURCE}\n{EN_SERVER_SOURCE}"),
    ),
});

fn format(locale: Locale, key: &str, args: Option<&FluentArgs>) -> String {
    let bundle = match locale {
        Locale::Nl => &BUNDLES.nl,
        Locale::En => &BUNDLES.en,
    };
    let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
        leptos::logging::warn!("missing translation {key} for {locale}");
        return key.to_owned();
    };
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, args, &mut errors);
    text.into_owned()
}

/// The active language plus lookup helpers, provided as context to every component.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct I18n {
    pub locale: Locale,
}

impl I18n {
    pub fn new(locale: Locale) -> Self {
        I18n { locale }
    }

    pub fn t(&self, key: &str) -> String {
        format(self.locale, key, None)
    }

    /// A message whose key came with an error, possibly through the page's URL (a form post
    /// without JavaScript is sent back with its error there): translated when the key is one of
    /// ours, otherwise the generic "check the form" message, so no text from outside ever shows.
    pub fn message(&self, key: &str) -> String {
        let bundle = match self.locale {
            Locale::Nl => &BUNDLES.nl,
            Locale::En => &BUNDLES.en,
        };
        if bundle.has_message(key) {
            self.t(key)
        } else {
            leptos::logging::warn!("unknown message key {key:?} ignored");
            self.t("error-validation")
        }
    }

    /// Translation with named arguments, e.g. `t_with("welcome", &[("name", name)])`.
    pub fn t_with(&self, key: &str, args: &[(&str, String)]) -> String {
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(*name, FluentValue::from(value.clone()));
        }
        format(self.locale, key, Some(&fluent_args))
    }

    /// Translation with a count, so Fluent can choose singular or plural.
    pub fn t_count(&self, key: &str, count: i64) -> String {
        let mut fluent_args = FluentArgs::new();
        fluent_args.set("count", FluentValue::from(count));
        format(self.locale, key, Some(&fluent_args))
    }

    /// Translation with a count (Fluent chooses singular or plural) and named text arguments.
    pub fn t_with_count(&self, key: &str, count: i64, args: &[(&str, String)]) -> String {
        let mut fluent_args = FluentArgs::new();
        fluent_args.set("count", FluentValue::from(count));
        for (name, value) in args {
            fluent_args.set(*name, FluentValue::from(value.clone()));
        }
        format(self.locale, key, Some(&fluent_args))
    }

    /// Date and time in Europe/Amsterdam, written the way each language expects.
    pub fn datetime(&self, at: DateTime<Utc>) -> String {
        let local = at.with_timezone(&Amsterdam);
        match self.locale {
            Locale::Nl => local.format("%d-%m-%Y %H:%M").to_string(),
            Locale::En => local.format("%d %b %Y, %H:%M").to_string(),
        }
    }

    /// Calendar date in Europe/Amsterdam.
    pub fn date(&self, at: DateTime<Utc>) -> String {
        let local = at.with_timezone(&Amsterdam);
        match self.locale {
            Locale::Nl => local.format("%d-%m-%Y").to_string(),
            Locale::En => local.format("%d %b %Y").to_string(),
        }
    }

    /// A calendar date that is already a date in Amsterdam (a licence's last valid day).
    pub fn day(&self, day: chrono::NaiveDate) -> String {
        match self.locale {
            Locale::Nl => day.format("%d-%m-%Y").to_string(),
            Locale::En => day.format("%d %b %Y").to_string(),
        }
    }
}

/// The I18n of the current page; Dutch when none was provided.
pub fn use_i18n() -> I18n {
    use_context::<I18n>().unwrap_or_default()
}

impl Default for I18n {
    fn default() -> Self {
        I18n::new(Locale::Nl)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use std::collections::BTreeSet;

    fn keys(source: &str) -> BTreeSet<String> {
        source
            .lines()
            .filter(|l| !l.starts_with('#') && !l.starts_with(' ') && l.contains(" ="))
            .filter_map(|l| l.split(" =").next())
            .map(|k| k.trim().to_owned())
            .collect()
    }

    #[test]
    fn both_languages_have_the_same_keys() {
        let nl = keys(&format!("{NL_SOURCE}\n{NL_SERVER_SOURCE}"));
        let en = keys(&format!("{EN_SOURCE}\n{EN_SERVER_SOURCE}"));
        let only_nl: Vec<_> = nl.difference(&en).collect();
        let only_en: Vec<_> = en.difference(&nl).collect();
        assert!(
            only_nl.is_empty() && only_en.is_empty(),
            "only nl: {only_nl:?}; only en: {only_en:?}"
        );
        assert!(nl.len() > 50);
    }

    #[test]
    fn every_audit_detail_field_has_a_label() {
        for locale in [Locale::Nl, Locale::En] {
            let i18n = I18n::new(locale);
            for field in crate::domain::audit::DETAIL_FIELDS {
                let key = crate::domain::audit::detail_label_key(field).expect("known field");
                assert_ne!(i18n.t(&key), key, "{field} in {locale:?}");
            }
        }
        for key in crate::domain::audit_detail::label_keys() {
            for locale in [Locale::Nl, Locale::En] {
                assert_ne!(I18n::new(locale).t(key), key, "{key} in {locale:?}");
            }
        }
        assert_eq!(crate::domain::audit::detail_label_key("unknown"), None);
    }

    /// Every reason an action can be refused for has a message in both languages.
    #[test]
    fn every_refusal_has_a_message() {
        let (nl, en) = (
            keys(&format!("{NL_SOURCE}\n{NL_SERVER_SOURCE}")),
            keys(&format!("{EN_SOURCE}\n{EN_SERVER_SOURCE}")),
        );
        for reason in crate::domain::Refusal::every() {
            assert!(nl.contains(reason.key()), "nl lacks {}", reason.key());
            assert!(en.contains(reason.key()), "en lacks {}", reason.key());
        }
    }

    #[test]
    fn messages_from_outside_show_only_when_they_are_ours() {
        let i18n = I18n::new(Locale::Nl);
        assert_eq!(i18n.message("error-required"), i18n.t("error-required"));
        let generic = i18n.t("error-validation");
        for foreign in [
            "Bel 0900-1234 voor hulp",
            "<script>alert(1)</script>",
            "",
            "error-",
        ] {
            assert_eq!(i18n.message(foreign), generic, "{foreign}");
        }
    }

    #[test]
    fn locale_files_parse_cleanly() {
        assert!(FluentResource::try_new(NL_SOURCE.to_owned()).is_ok());
        assert!(FluentResource::try_new(EN_SOURCE.to_owned()).is_ok());
        assert!(FluentResource::try_new(NL_SERVER_SOURCE.to_owned()).is_ok());
        assert!(FluentResource::try_new(EN_SERVER_SOURCE.to_owned()).is_ok());
    }

    /// Every literal key the source code asks for exists, so no screen shows a raw key.
    #[test]
    fn every_key_used_in_code_exists() {
        let nl = keys(&format!("{NL_SOURCE}\n{NL_SERVER_SOURCE}"));
        let mut missing = Vec::new();
        let mut stack = vec![std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/src"
        ))];
        while let Some(path) = stack.pop() {
            if path.is_dir() {
                for entry in std::fs::read_dir(&path).expect("read src").flatten() {
                    stack.push(entry.path());
                }
                continue;
            }
            // This file's own tests use a deliberately missing key.
            if path.ends_with("i18n.rs") {
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("read file");
            for marker in [
                "t(\"",
                "t_with(\"",
                "t_count(\"",
                "key: \"",
                "\"error-",
                "\"role-",
            ] {
                for (pos, _) in text.match_indices(marker) {
                    // `class="error-page"` is markup, not a translation key.
                    if marker.starts_with('"') && text[..pos].ends_with('=') {
                        continue;
                    }
                    let start = pos + marker.len()
                        - if marker.starts_with('"') {
                            marker.len() - 1
                        } else {
                            0
                        };
                    let rest = &text[start..];
                    let key: String = rest
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                        .collect();
                    if key.len() > 2
                        && key.contains('-')
                        && !nl.contains(&key)
                        && !key.ends_with('-')
                    {
                        missing.push(format!("{}: {key}", path.display()));
                    }
                }
            }
        }
        missing.sort();
        missing.dedup();
        assert!(
            missing.is_empty(),
            "keys missing from locales: {missing:#?}"
        );
    }

    #[test]
    fn translates_and_falls_back_to_key() {
        let nl = I18n::new(Locale::Nl);
        let en = I18n::new(Locale::En);
        assert_eq!(nl.t("nav-sign-out"), "Afmelden");
        assert_eq!(en.t("nav-sign-out"), "Sign out");
        assert_eq!(en.t("no-such-key"), "no-such-key");
        assert!(
            nl.t_with("home-welcome", &[("name", "Anna".into())])
                .contains("Anna")
        );
    }

    #[test]
    fn dates_are_shown_in_amsterdam_time() {
        // 23:30 UTC in winter is 00:30 the next day in Amsterdam; in summer 22:30 UTC is 00:30 too.
        let winter = Utc
            .with_ymd_and_hms(2026, 1, 15, 23, 30, 0)
            .single()
            .expect("valid");
        let summer = Utc
            .with_ymd_and_hms(2026, 7, 15, 22, 30, 0)
            .single()
            .expect("valid");
        assert_eq!(I18n::new(Locale::Nl).datetime(winter), "16-01-2026 00:30");
        assert_eq!(I18n::new(Locale::Nl).datetime(summer), "16-07-2026 00:30");
        assert_eq!(I18n::new(Locale::En).date(summer), "16 Jul 2026");
    }
}
