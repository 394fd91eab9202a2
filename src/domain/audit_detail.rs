//! An audit event's stored detail (JSON) as labelled lines of text for people: every label and
//! every known value (roles, licence statuses, the expiry anchor, yes/no) is a translation key,
//! days are written the reader's way, a settings change lists only what changed
//! ("before → after"), nested values become text. Nothing of the JSON syntax reaches the page.

use super::audit::detail_label_key;
use super::licence::LicenceStatus;
use super::role::Role;
use serde_json::{Map, Value};

/// A piece of text: translated, shown as stored, or built from other pieces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Text {
    /// A translation key.
    Key(String),
    /// Shown as it is (names, numbers, reasons).
    Raw(String),
    /// A calendar day, written the reader's way.
    Day(chrono::NaiveDate),
    /// Pieces joined by ", ".
    List(Vec<Text>),
    /// "label: value".
    Pair(Box<Text>, Box<Text>),
    /// "before → after".
    Change(Box<Text>, Box<Text>),
}

impl Text {
    fn key(key: impl Into<String>) -> Text {
        Text::Key(key.into())
    }

    /// The text in one language: `t` translates a key, `day` writes a day.
    pub fn render(
        &self,
        t: &dyn Fn(&str) -> String,
        day: &dyn Fn(chrono::NaiveDate) -> String,
    ) -> String {
        let r = |text: &Text| text.render(t, day);
        match self {
            Text::Key(key) => t(key),
            Text::Raw(text) => text.clone(),
            Text::Day(d) => day(*d),
            Text::List(items) => items.iter().map(r).collect::<Vec<_>>().join(", "),
            Text::Pair(label, value) => format!("{}: {}", r(label), r(value)),
            Text::Change(before, after) => format!("{} → {}", r(before), r(after)),
        }
    }
}

/// The settings fields of a licence-rules change and the form labels that name them.
const SETTINGS_LABELS: [(&str, &str); 9] = [
    ("validity_months", "licence-settings-months"),
    ("anchor", "licence-settings-anchor"),
    ("min_validity_days", "licence-settings-min-validity"),
    ("window_days", "licence-settings-window"),
    ("grace_days", "licence-settings-grace"),
    ("grace_counts_as_covered", "licence-settings-grace-covered"),
    ("reminder_days", "licence-settings-reminder-days"),
    ("expired_every_days", "licence-settings-every"),
    ("manager_cc_days", "licence-settings-cc"),
];

/// Keys of a nudge's filter and of other nested objects the app writes.
const NESTED_LABELS: [(&str, &str); 5] = [
    ("department", "audit-filter-department"),
    ("team", "audit-filter-team"),
    ("manager", "audit-filter-manager"),
    ("status", "audit-filter-status"),
    ("q", "audit-filter-q"),
];

/// Every translation key this module may ask for besides `audit-key-*` and the role and status
/// labels (a test holds each one in both languages).
pub fn label_keys() -> impl Iterator<Item = &'static str> {
    NESTED_LABELS
        .iter()
        .chain(SETTINGS_LABELS.iter())
        .map(|(_, key)| *key)
        .chain([
            "licence-anchor-sign-off",
            "licence-anchor-previous-expiry",
            "licence-anchor-fixed-date",
            "import-yes",
            "import-no",
        ])
}

fn label(field: &str) -> Text {
    detail_label_key(field)
        .or_else(|| {
            NESTED_LABELS
                .iter()
                .chain(SETTINGS_LABELS.iter())
                .find(|(f, _)| *f == field)
                .map(|(_, key)| (*key).to_owned())
        })
        .map_or_else(|| Text::Raw(field.to_owned()), Text::Key)
}

/// A value as text: codes the app writes are translated, everything else is shown as stored.
fn value(v: &Value) -> Text {
    match v {
        Value::Null => Text::Raw("—".to_owned()),
        Value::Bool(b) => Text::key(if *b { "import-yes" } else { "import-no" }),
        Value::Number(n) => Text::Raw(n.to_string()),
        Value::String(s) => code(s)
            .or_else(|| {
                chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
                    .ok()
                    .map(Text::Day)
            })
            .unwrap_or_else(|| Text::Raw(s.clone())),
        Value::Array(items) if items.is_empty() => Text::Raw("—".to_owned()),
        Value::Array(items) => Text::List(items.iter().map(value).collect()),
        Value::Object(map) => object(map),
    }
}

/// A role, a licence status or an expiry anchor the app stored by its code.
fn code(s: &str) -> Option<Text> {
    if let Some(role) = Role::parse(s) {
        return Some(Text::key(role.label_key()));
    }
    if let Some(status) = LicenceStatus::parse(s) {
        return Some(Text::key(status.label_key()));
    }
    match s {
        "SignOff" => Some(Text::key("licence-anchor-sign-off")),
        "PreviousExpiry" => Some(Text::key("licence-anchor-previous-expiry")),
        _ => None,
    }
}

fn object(map: &Map<String, Value>) -> Text {
    // The fixed-date anchor is stored as {"FixedDate": {"month": 12, "day": 31}}.
    if let Some(Value::Object(date)) = map.get("FixedDate") {
        let part = |k: &str| date.get(k).and_then(Value::as_u64).unwrap_or_default();
        return Text::List(vec![
            Text::key("licence-anchor-fixed-date"),
            Text::Raw(format!("{:02}-{:02}", part("day"), part("month"))),
        ]);
    }
    Text::List(
        map.iter()
            .map(|(k, v)| Text::Pair(Box::new(label(k)), Box::new(value(v))))
            .collect(),
    )
}

/// The detail as (label, value) lines in the stored order. `before` and `after` objects (a
/// settings change) become one "before → after" line per field that changed. Detail that is not
/// a JSON object is one unlabelled line as stored.
pub fn detail_lines(detail: &str) -> Vec<(Text, Text)> {
    let Ok(Value::Object(map)) = serde_json::from_str::<Value>(detail) else {
        return vec![(Text::Raw(String::new()), Text::Raw(detail.to_owned()))];
    };
    if let (Some(Value::Object(before)), Some(Value::Object(after))) =
        (map.get("before"), map.get("after"))
    {
        let mut lines: Vec<(Text, Text)> = after
            .iter()
            .filter(|(k, v)| before.get(*k) != Some(*v))
            .map(|(k, v)| {
                let old = before.get(k).map_or(Text::Raw("—".to_owned()), value);
                (label(k), Text::Change(Box::new(old), Box::new(value(v))))
            })
            .collect();
        lines.extend(
            map.iter()
                .filter(|(k, _)| *k != "before" && *k != "after")
                .map(|(k, v)| (label(k), value(v))),
        );
        return lines;
    }
    map.iter().map(|(k, v)| (label(k), value(v))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Renders with a fake translation that marks keys, so the test sees what was translated.
    fn lines(detail: &str) -> Vec<(String, String)> {
        let t = |k: &str| format!("<{k}>");
        let day = |d: chrono::NaiveDate| d.format("%d-%m-%Y").to_string();
        detail_lines(detail)
            .into_iter()
            .map(|(l, v)| (l.render(&t, &day), v.render(&t, &day)))
            .collect()
    }

    fn no_json(lines: &[(String, String)]) {
        for (l, v) in lines {
            for c in ['{', '}', '[', ']', '"'] {
                assert!(!l.contains(c) && !v.contains(c), "JSON syntax in {l}: {v}");
            }
        }
    }

    #[test]
    fn a_settings_change_lists_only_what_changed_in_words() {
        let detail = r#"{"before":{"validity_months":12,"anchor":"PreviousExpiry","reminder_days":[60,30],"grace_counts_as_covered":false},
                         "after":{"validity_months":12,"anchor":"SignOff","reminder_days":[60,30,7],"grace_counts_as_covered":true}}"#;
        let mut l = lines(detail);
        no_json(&l);
        l.sort();
        assert_eq!(
            l,
            [
                (
                    "<licence-settings-anchor>".to_owned(),
                    "<licence-anchor-previous-expiry> → <licence-anchor-sign-off>".to_owned()
                ),
                (
                    "<licence-settings-grace-covered>".to_owned(),
                    "<import-no> → <import-yes>".to_owned()
                ),
                (
                    "<licence-settings-reminder-days>".to_owned(),
                    "60, 30 → 60, 30, 7".to_owned()
                ),
            ]
        );
    }

    #[test]
    fn every_field_of_the_licence_rules_has_a_label() {
        use crate::domain::licence::{ExpiryAnchor, LicenceSettings};
        let before = LicenceSettings::default();
        let after = LicenceSettings {
            anchor: ExpiryAnchor::FixedDate { month: 3, day: 1 },
            validity_months: 24,
            ..before.clone()
        };
        let detail = serde_json::json!({ "before": before, "after": after }).to_string();
        let l = lines(&detail);
        no_json(&l);
        assert_eq!(l.len(), 2, "{l:?}");
        let Ok(Value::Object(fields)) = serde_json::to_value(&before) else {
            panic!("settings are an object");
        };
        for field in fields.keys() {
            assert!(matches!(label(field), Text::Key(_)), "{field} has no label");
        }
    }

    #[test]
    fn a_fixed_date_anchor_reads_as_a_day() {
        let l = lines(
            r#"{"before":{"anchor":"SignOff"},"after":{"anchor":{"FixedDate":{"month":12,"day":31}}}}"#,
        );
        no_json(&l);
        assert_eq!(
            l[0].1,
            "<licence-anchor-sign-off> → <licence-anchor-fixed-date>, 31-12"
        );
    }

    #[test]
    fn roles_filters_and_plain_fields_are_labelled_text() {
        let l = lines(
            r#"{"before":["employee"],"after":["employee","reviewer"],"count":3,
                "filter":{"status":"expired","department":"4"},"full_export":true,"reason":"Register 2025"}"#,
        );
        no_json(&l);
        assert!(l.contains(&("<audit-key-before>".into(), "<role-employee>".into())));
        assert!(l.contains(&(
            "<audit-key-after>".into(),
            "<role-employee>, <role-reviewer>".into()
        )));
        assert!(l.contains(&(
            "<audit-key-filter>".into(),
            "<audit-filter-department>: 4, <audit-filter-status>: <licence-status-expired>".into()
        )));
        assert!(l.contains(&("<audit-key-full_export>".into(), "<import-yes>".into())));
        assert!(l.contains(&("<audit-key-reason>".into(), "Register 2025".into())));
        assert!(l.contains(&("<audit-key-count>".into(), "3".into())));
        let l = lines(r#"{"valid_from":"2026-10-14","period_id":4}"#);
        assert!(l.contains(&("<audit-key-valid_from>".into(), "14-10-2026".into())));
    }

    #[test]
    fn what_is_not_an_object_is_shown_as_stored() {
        assert_eq!(lines("not json"), [(String::new(), "not json".to_owned())]);
        assert_eq!(lines(r#"{"x":null}"#), [("x".to_owned(), "—".to_owned())]);
    }
}
