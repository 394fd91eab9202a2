//! The forms behind licence decisions: a reviewer's send-back comment, HR's reason for a manual
//! certification or a revocation, and the optional start date of a manual certification.

use crate::domain::FieldErrors;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Longest comment or reason, in characters.
pub const REASON_MAX: usize = 1000;

/// A required comment or reason: trimmed, 1..=1000 characters.
pub fn parse_reason(raw: &str) -> Result<String, &'static str> {
    let text = raw.trim();
    if text.is_empty() {
        Err("licence-error-reason-required")
    } else if text.chars().count() > REASON_MAX {
        Err("licence-error-reason-too-long")
    } else {
        Ok(text.to_owned())
    }
}

/// HR's manual certification as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CertifyInput {
    /// `yyyy-mm-dd` (a date input) or empty: the normal rules from today.
    pub valid_from: String,
    pub reason: String,
}

/// A checked manual certification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Certify {
    /// A start in the past (moved over from an older register); None: today, by the rules.
    pub valid_from: Option<NaiveDate>,
    pub reason: String,
}

impl CertifyInput {
    /// A given start must be a real date, not in the future. It may be long ago: a licence moved
    /// over from an older register is recorded with its dates even when it has run out.
    pub fn parse(&self, today: NaiveDate) -> Result<Certify, FieldErrors> {
        let mut errors = FieldErrors::new();
        let valid_from = match self.valid_from.trim() {
            "" => Some(None),
            raw => match NaiveDate::parse_from_str(raw, "%Y-%m-%d") {
                Ok(d) if d > today => {
                    errors.add("valid_from", "licence-error-start-future");
                    None
                }
                Ok(d) => Some(Some(d)),
                Err(_) => {
                    errors.add("valid_from", "licence-error-start-invalid");
                    None
                }
            },
        };
        let reason = errors.check("reason", parse_reason(&self.reason));
        match (valid_from, reason) {
            (Some(valid_from), Some(reason)) if errors.0.is_empty() => {
                Ok(Certify { valid_from, reason })
            }
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    #[test]
    fn reasons_are_required_and_bounded() {
        assert_eq!(
            parse_reason("  uit het oude register  "),
            Ok("uit het oude register".into())
        );
        assert_eq!(parse_reason(" \n "), Err("licence-error-reason-required"));
        assert_eq!(
            parse_reason(&"é".repeat(1000)).map(|r| r.chars().count()),
            Ok(1000)
        );
        assert_eq!(
            parse_reason(&"é".repeat(1001)),
            Err("licence-error-reason-too-long")
        );
    }

    #[test]
    fn start_dates() {
        let today = d(2026, 12, 2);
        let ok = |from: &str| CertifyInput {
            valid_from: from.into(),
            reason: "register".into(),
        };
        assert_eq!(ok("").parse(today).map(|c| c.valid_from), Ok(None));
        assert_eq!(
            ok("2026-05-10").parse(today).map(|c| c.valid_from),
            Ok(Some(d(2026, 5, 10)))
        );
        assert_eq!(
            ok("2026-12-02").parse(today).map(|c| c.valid_from),
            Ok(Some(today))
        );
        let key = |input: CertifyInput| input.parse(today).expect_err("bad").0[0].key.clone();
        assert_eq!(key(ok("2026-12-03")), "licence-error-start-future");
        // 12 months from 3 December 2025 run through 2 December 2026: still valid today.
        assert_eq!(
            ok("2025-12-03").parse(today).map(|c| c.valid_from),
            Ok(Some(d(2025, 12, 3)))
        );
        // Long expired is accepted: moved over from an old register with its dates.
        assert_eq!(
            ok("2023-01-01").parse(today).map(|c| c.valid_from),
            Ok(Some(d(2023, 1, 1)))
        );
        assert_eq!(key(ok("2.12.2026")), "licence-error-start-invalid");
        let both = CertifyInput {
            valid_from: "morgen".into(),
            reason: "".into(),
        };
        assert_eq!(both.parse(today).expect_err("bad").0.len(), 2);
    }
}
