//! The organisation's licence rules (one set for everyone) and how the settings form is checked.
//! Changing them applies to decisions made afterwards; periods already issued keep their dates.

use crate::domain::FieldErrors;
use serde::{Deserialize, Serialize};

/// Where a new period's last valid day comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ExpiryAnchor {
    /// `validity_months` from the sign-off date; renewing early costs the days left.
    SignOff,
    /// Renewing inside the window continues from the old expiry (early renewal never costs days);
    /// after expiry, from the sign-off date.
    PreviousExpiry,
    /// Everyone's licence ends on the same calendar day, at least `min_validity_days` after it
    /// starts. `day` exists in every year (29 February is refused).
    FixedDate { month: u32, day: u32 },
}

impl ExpiryAnchor {
    pub fn code(self) -> &'static str {
        match self {
            ExpiryAnchor::SignOff => "sign_off",
            ExpiryAnchor::PreviousExpiry => "previous_expiry",
            ExpiryAnchor::FixedDate { .. } => "fixed_date",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LicenceSettings {
    pub validity_months: u32,
    pub anchor: ExpiryAnchor,
    pub min_validity_days: u32,
    /// The renewal window opens this many days before the last valid day.
    pub window_days: u32,
    /// Days after the last valid day that count as "in grace".
    pub grace_days: u32,
    /// Whether the dashboard counts people in grace as covered.
    pub grace_counts_as_covered: bool,
    /// Reminder offsets in days before the last valid day, descending (0: on the last day).
    pub reminder_days: Vec<u32>,
    /// After expiry a reminder every this many days (0: none).
    pub expired_every_days: u32,
    /// The manager is copied from this many days before expiry on.
    pub manager_cc_days: u32,
}

impl Default for LicenceSettings {
    fn default() -> Self {
        LicenceSettings {
            validity_months: 12,
            anchor: ExpiryAnchor::PreviousExpiry,
            min_validity_days: 180,
            window_days: 60,
            grace_days: 30,
            grace_counts_as_covered: false,
            reminder_days: vec![60, 30, 7, 0],
            expired_every_days: 7,
            manager_cc_days: 7,
        }
    }
}

/// The settings form as typed (every field text, so a rejected form shows what was typed).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SettingsInput {
    pub validity_months: String,
    /// `sign_off`, `previous_expiry` or `fixed_date`
    pub anchor: String,
    /// `dd-mm` for a fixed date, e.g. `31-12`
    pub fixed_date: String,
    pub min_validity_days: String,
    pub window_days: String,
    pub grace_days: String,
    /// `on` when ticked
    #[serde(default)]
    pub grace_counts_as_covered: Option<String>,
    /// comma-separated days before expiry, e.g. `60, 30, 7, 0`
    pub reminder_days: String,
    pub expired_every_days: String,
    pub manager_cc_days: String,
}

impl SettingsInput {
    /// The form filled with `s` (to edit the current settings).
    pub fn from_settings(s: &LicenceSettings) -> Self {
        let fixed_date = match s.anchor {
            ExpiryAnchor::FixedDate { month, day } => format!("{day:02}-{month:02}"),
            _ => String::new(),
        };
        SettingsInput {
            validity_months: s.validity_months.to_string(),
            anchor: s.anchor.code().to_owned(),
            fixed_date,
            min_validity_days: s.min_validity_days.to_string(),
            window_days: s.window_days.to_string(),
            grace_days: s.grace_days.to_string(),
            grace_counts_as_covered: s.grace_counts_as_covered.then(|| "on".to_owned()),
            reminder_days: s
                .reminder_days
                .iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join(", "),
            expired_every_days: s.expired_every_days.to_string(),
            manager_cc_days: s.manager_cc_days.to_string(),
        }
    }

    /// Every problem at once, as translation keys per field.
    pub fn parse(&self) -> Result<LicenceSettings, FieldErrors> {
        let mut errors = FieldErrors::new();
        let validity_months = errors.check(
            "validity_months",
            number(
                &self.validity_months,
                1,
                60,
                "licence-settings-error-months",
            ),
        );
        let fixed = match self.anchor.as_str() {
            "fixed_date" => errors
                .check("fixed_date", parse_day_month(&self.fixed_date))
                .map(Some),
            "sign_off" | "previous_expiry" => Some(None),
            _ => {
                errors.add("anchor", "licence-settings-error-anchor");
                None
            }
        };
        let min_validity_days = errors.check(
            "min_validity_days",
            number(
                &self.min_validity_days,
                0,
                366,
                "licence-settings-error-min-validity",
            ),
        );
        let window_days = errors.check(
            "window_days",
            number(&self.window_days, 0, 180, "licence-settings-error-window"),
        );
        let grace_days = errors.check(
            "grace_days",
            number(&self.grace_days, 0, 180, "licence-settings-error-grace"),
        );
        let reminder_days = errors.check(
            "reminder_days",
            super::reminder::parse_offsets(&self.reminder_days),
        );
        let expired_every_days = errors.check(
            "expired_every_days",
            number(
                &self.expired_every_days,
                0,
                90,
                "licence-settings-error-every",
            ),
        );
        let manager_cc_days = errors.check(
            "manager_cc_days",
            number(&self.manager_cc_days, 0, 180, "licence-settings-error-cc"),
        );
        match (
            validity_months,
            fixed,
            min_validity_days,
            window_days,
            grace_days,
            reminder_days,
            expired_every_days,
            manager_cc_days,
        ) {
            (
                Some(validity_months),
                Some(fixed),
                Some(min_validity_days),
                Some(window_days),
                Some(grace_days),
                Some(reminder_days),
                Some(expired_every_days),
                Some(manager_cc_days),
            ) if errors.0.is_empty() => Ok(LicenceSettings {
                validity_months,
                anchor: match (self.anchor.as_str(), fixed) {
                    (_, Some((day, month))) => ExpiryAnchor::FixedDate { month, day },
                    ("sign_off", None) => ExpiryAnchor::SignOff,
                    _ => ExpiryAnchor::PreviousExpiry,
                },
                min_validity_days,
                window_days,
                grace_days,
                grace_counts_as_covered: self.grace_counts_as_covered.is_some(),
                reminder_days,
                expired_every_days,
                manager_cc_days,
            }),
            _ => Err(errors),
        }
    }
}

fn number(raw: &str, min: u32, max: u32, key: &'static str) -> Result<u32, &'static str> {
    raw.trim()
        .parse::<u32>()
        .ok()
        .filter(|n| (min..=max).contains(n))
        .ok_or(key)
}

/// `dd-mm` (or `dd/mm`, `d-m`) as (day, month); a day every year has (no 29 February).
fn parse_day_month(raw: &str) -> Result<(u32, u32), &'static str> {
    const KEY: &str = "licence-settings-error-fixed-date";
    let (day, month) = raw.trim().split_once(['-', '/']).ok_or(KEY)?;
    let day: u32 = day.trim().parse().map_err(|_| KEY)?;
    let month: u32 = month.trim().parse().map_err(|_| KEY)?;
    // 2027 is a common year: a date that exists in it exists every year.
    chrono::NaiveDate::from_ymd_opt(2027, month, day).ok_or(KEY)?;
    Ok((day, month))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid() -> SettingsInput {
        SettingsInput::from_settings(&LicenceSettings::default())
    }

    #[test]
    fn defaults_read_back_through_the_form() {
        assert_eq!(valid().parse(), Ok(LicenceSettings::default()));
        let fixed = LicenceSettings {
            anchor: ExpiryAnchor::FixedDate { month: 12, day: 31 },
            grace_counts_as_covered: true,
            ..LicenceSettings::default()
        };
        let input = SettingsInput::from_settings(&fixed);
        assert_eq!(input.fixed_date, "31-12");
        assert_eq!(input.parse(), Ok(fixed));
    }

    #[test]
    fn every_bad_field_is_reported_at_once() {
        let input = SettingsInput {
            validity_months: "0".into(),
            anchor: "fixed_date".into(),
            fixed_date: "29-02".into(),
            min_validity_days: "-1".into(),
            window_days: "181".into(),
            grace_days: "x".into(),
            grace_counts_as_covered: None,
            reminder_days: "60, 30, 30".into(),
            expired_every_days: "91".into(),
            manager_cc_days: "".into(),
        };
        let errors = input.parse().expect_err("all bad");
        let fields: Vec<_> = errors.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "validity_months",
                "fixed_date",
                "min_validity_days",
                "window_days",
                "grace_days",
                "reminder_days",
                "expired_every_days",
                "manager_cc_days"
            ]
        );
        let bad_anchor = SettingsInput {
            anchor: "tomorrow".into(),
            ..valid()
        };
        assert_eq!(
            bad_anchor.parse().expect_err("anchor").0[0].key,
            "licence-settings-error-anchor"
        );
    }

    #[test]
    fn fixed_dates_must_exist_every_year() {
        assert_eq!(parse_day_month("31-12"), Ok((31, 12)));
        assert_eq!(parse_day_month("1/4"), Ok((1, 4)));
        for bad in ["29-02", "31-04", "12", "", "aa-bb", "0-1"] {
            assert!(parse_day_month(bad).is_err(), "{bad}");
        }
    }
}
