//! People and their validated fields. Each newtype's `parse` is the only way in, so a value in hand is valid.

use serde::{Deserialize, Serialize};

/// One problem with one form field; `key` is a translation key so the browser shows it in the user's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub key: String,
}

/// All problems found in one submitted form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldErrors(pub Vec<FieldError>);

impl FieldErrors {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn single(field: &str, key: &str) -> Self {
        let mut errors = Self::new();
        errors.add(field, key);
        errors
    }

    pub fn add(&mut self, field: &str, key: &str) {
        self.0.push(FieldError {
            field: field.to_owned(),
            key: key.to_owned(),
        });
    }

    /// Collects the error of a `parse` result under `field` and returns the value if it was valid.
    pub fn check<T>(&mut self, field: &str, result: Result<T, &'static str>) -> Option<T> {
        match result {
            Ok(v) => Some(v),
            Err(key) => {
                self.add(field, key);
                None
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The translation key of the first error on `field`, if any.
    pub fn for_field(&self, field: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.key.as_str())
    }
}

/// An e-mail address, trimmed and lower-cased so uniqueness does not depend on capitals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Email(String);

impl Email {
    pub fn parse(raw: &str) -> Result<Email, &'static str> {
        let value = raw.trim().to_lowercase();
        if value.is_empty() {
            return Err("error-required");
        }
        if value.chars().count() > 254 {
            return Err("error-email-invalid");
        }
        let Some((local, domain)) = value.split_once('@') else {
            return Err("error-email-invalid");
        };
        let domain_ok = domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && domain
                .chars()
                .all(|c| c.is_alphanumeric() || c == '.' || c == '-');
        let local_ok =
            !local.is_empty() && !local.contains(char::is_whitespace) && !local.contains('@');
        if !domain_ok || !local_ok {
            return Err("error-email-invalid");
        }
        Ok(Email(value))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_inner(self) -> String {
        self.0
    }
}

/// A person's display name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonName(String);

impl PersonName {
    pub fn parse(raw: &str) -> Result<PersonName, &'static str> {
        let value = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        match value.chars().count() {
            0 => Err("error-required"),
            1 => Err("error-name-too-short"),
            n if n > 100 => Err("error-too-long"),
            _ => Ok(PersonName(value)),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The number HR knows an employee by: letters, digits and dashes, stored upper-case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmployeeNumber(String);

impl EmployeeNumber {
    pub fn parse(raw: &str) -> Result<EmployeeNumber, &'static str> {
        let value = raw.trim().to_uppercase();
        if value.is_empty() {
            return Err("error-required");
        }
        if value.len() > 20 || !value.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
            return Err("error-employee-number-invalid");
        }
        Ok(EmployeeNumber(value))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A department or team name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamName(String);

impl TeamName {
    pub fn parse(raw: &str) -> Result<TeamName, &'static str> {
        let value = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        match value.chars().count() {
            0 => Err("error-required"),
            n if n > 80 => Err("error-too-long"),
            _ => Ok(TeamName(value)),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A new password. Length is what matters (NIST 800-63B); composition rules only annoy people.
#[derive(Clone, PartialEq, Eq)]
pub struct Password(String);

impl Password {
    pub const MIN_LEN: usize = 10;
    pub const MAX_LEN: usize = 128;

    pub fn parse(raw: &str) -> Result<Password, &'static str> {
        let n = raw.chars().count();
        if n == 0 {
            return Err("error-required");
        }
        if n < Self::MIN_LEN {
            return Err("error-password-too-short");
        }
        if n > Self::MAX_LEN {
            return Err("error-too-long");
        }
        if raw.trim().is_empty() {
            return Err("error-password-too-short");
        }
        Ok(Password(raw.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(***)")
    }
}

/// Parses an optional numeric id from a form select, where the empty string means "none".
pub fn parse_optional_id(raw: &str) -> Result<Option<i64>, &'static str> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    raw.parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .map(Some)
        .ok_or("error-invalid-choice")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_is_normalised() {
        let e = Email::parse("  Anna.De.Vries@Example.NL ").expect("valid");
        assert_eq!(e.as_str(), "anna.de.vries@example.nl");
    }

    #[test]
    fn email_rejects_bad_shapes() {
        for bad in [
            "",
            "   ",
            "anna",
            "anna@",
            "@example.nl",
            "anna@example",
            "an na@example.nl",
            "a@b..nl",
            "a@.nl",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad:?} should be rejected");
        }
        assert_eq!(Email::parse(""), Err("error-required"));
        assert_eq!(Email::parse("x"), Err("error-email-invalid"));
    }

    #[test]
    fn name_collapses_whitespace_and_checks_length() {
        assert_eq!(
            PersonName::parse("  Jan   de  Boer ")
                .expect("valid")
                .as_str(),
            "Jan de Boer"
        );
        assert_eq!(PersonName::parse(" "), Err("error-required"));
        assert_eq!(PersonName::parse("J"), Err("error-name-too-short"));
        assert_eq!(PersonName::parse(&"a".repeat(101)), Err("error-too-long"));
        assert!(PersonName::parse("Zoë Ağaoğlu").is_ok());
    }

    #[test]
    fn employee_number_is_upper_case_and_restricted() {
        assert_eq!(
            EmployeeNumber::parse(" dv-1042 ").expect("valid").as_str(),
            "DV-1042"
        );
        assert_eq!(
            EmployeeNumber::parse("10 42"),
            Err("error-employee-number-invalid")
        );
        assert_eq!(EmployeeNumber::parse(""), Err("error-required"));
        assert_eq!(
            EmployeeNumber::parse(&"1".repeat(21)),
            Err("error-employee-number-invalid")
        );
    }

    #[test]
    fn password_length_rules() {
        assert_eq!(Password::parse("").err(), Some("error-required"));
        assert_eq!(
            Password::parse("short").err(),
            Some("error-password-too-short")
        );
        assert_eq!(
            Password::parse("          ").err(),
            Some("error-password-too-short")
        );
        assert!(Password::parse("lang genoeg wachtwoord").is_ok());
        assert_eq!(
            Password::parse(&"x".repeat(129)).err(),
            Some("error-too-long")
        );
        assert_eq!(
            format!("{:?}", Password::parse("geheim-wachtwoord").expect("valid")),
            "Password(***)"
        );
    }

    #[test]
    fn optional_id_from_select() {
        assert_eq!(parse_optional_id(""), Ok(None));
        assert_eq!(parse_optional_id("12"), Ok(Some(12)));
        assert_eq!(parse_optional_id("-3"), Err("error-invalid-choice"));
        assert_eq!(parse_optional_id("abc"), Err("error-invalid-choice"));
    }

    #[test]
    fn field_errors_collect() {
        let mut errors = FieldErrors::new();
        assert_eq!(errors.check("email", Email::parse("nope")), None);
        assert!(
            errors
                .check("name", PersonName::parse("Jan Jansen"))
                .is_some()
        );
        assert_eq!(errors.for_field("email"), Some("error-email-invalid"));
        assert_eq!(errors.for_field("name"), None);
    }
}
