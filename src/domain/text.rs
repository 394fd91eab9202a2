//! Free-text fields: trimmed, length-limited, with translation keys as errors.

/// Limits of the free-text fields, one per kind of text, so a form's counter and the rule that
/// refuses a too-long text read the same number.
/// A story: what happened, a scenario, a summary.
pub const LONG: usize = 4000;
/// Instructions, a reason for giving up.
pub const MEDIUM: usize = 2000;
/// A persona, a goal, a service promise, why a step was skipped.
pub const SHORT: usize = 1000;

/// The text as it is kept: trimmed, line breaks as `\n` (a form post sends `\r\n`; the
/// character counter in the browser sees `\n`, and both must count the same).
fn clean(raw: &str) -> String {
    raw.trim().replace("\r\n", "\n")
}

/// How many characters of `raw` count against a limit: the measure behind `required`,
/// `optional` and the character counter.
pub fn length(raw: &str) -> usize {
    clean(raw).chars().count()
}

/// `n` with a separator between groups of three digits: 4000 → "4.000" (nl) or "4,000" (en).
pub fn group_thousands(n: usize, separator: &str) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(separator);
        }
        out.push(c);
    }
    out
}

/// A required text of at most `max` characters (after trimming).
pub fn required(raw: &str, max: usize) -> Result<String, &'static str> {
    let value = clean(raw);
    match value.chars().count() {
        0 => Err("error-required"),
        n if n > max => Err("error-too-long"),
        _ => Ok(value),
    }
}

/// An optional text of at most `max` characters; empty means absent.
pub fn optional(raw: &str, max: usize) -> Result<Option<String>, &'static str> {
    let value = clean(raw);
    match value.chars().count() {
        0 => Ok(None),
        n if n > max => Err("error-too-long"),
        _ => Ok(Some(value)),
    }
}

/// A whole number typed into a form, within `min..=max`; empty means absent.
pub fn optional_number(raw: &str, min: i64, max: i64) -> Result<Option<i64>, &'static str> {
    let value = raw.trim();
    if value.is_empty() {
        return Ok(None);
    }
    match value.parse::<i64>() {
        Ok(n) if (min..=max).contains(&n) => Ok(Some(n)),
        Ok(_) => Err("error-out-of-range"),
        Err(_) => Err("error-not-a-number"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn required_text_is_trimmed_and_limited() {
        assert_eq!(required("  hoi ", 10), Ok("hoi".to_owned()));
        assert_eq!(required("   ", 10), Err("error-required"));
        assert_eq!(required(&"é".repeat(11), 10), Err("error-too-long"));
        assert_eq!(required(&"é".repeat(10), 10), Ok("é".repeat(10)));
    }

    #[test]
    fn optional_text_treats_blank_as_absent() {
        assert_eq!(optional(" ", 5), Ok(None));
        assert_eq!(optional("abc", 5), Ok(Some("abc".to_owned())));
        assert_eq!(optional("abcdef", 5), Err("error-too-long"));
    }

    #[test]
    fn line_breaks_count_once_however_they_were_sent() {
        // Posted forms send \r\n, the textarea in the browser holds \n: same count, same text.
        assert_eq!(length(" a\r\nb "), 3);
        assert_eq!(length("a\nb"), 3);
        assert_eq!(required("a\r\nb", 3), Ok("a\nb".to_owned()));
        assert_eq!(
            optional(&"x\r\n".repeat(3), 5),
            Ok(Some("x\nx\nx".to_owned()))
        );
    }

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(group_thousands(0, "."), "0");
        assert_eq!(group_thousands(999, "."), "999");
        assert_eq!(group_thousands(4000, "."), "4.000");
        assert_eq!(group_thousands(1234567, ","), "1,234,567");
    }

    #[test]
    fn numbers_are_checked_for_range_and_form() {
        assert_eq!(optional_number("", 0, 10), Ok(None));
        assert_eq!(optional_number(" 7 ", 0, 10), Ok(Some(7)));
        assert_eq!(optional_number("11", 0, 10), Err("error-out-of-range"));
        assert_eq!(optional_number("-1", 0, 10), Err("error-out-of-range"));
        assert_eq!(optional_number("zeven", 0, 10), Err("error-not-a-number"));
    }
}
