//! Free-text fields: trimmed, length-limited, with translation keys as errors.

/// A required text of at most `max` characters (after trimming).
pub fn required(raw: &str, max: usize) -> Result<String, &'static str> {
    let value = raw.trim();
    match value.chars().count() {
        0 => Err("error-required"),
        n if n > max => Err("error-too-long"),
        _ => Ok(value.to_owned()),
    }
}

/// An optional text of at most `max` characters; empty means absent.
pub fn optional(raw: &str, max: usize) -> Result<Option<String>, &'static str> {
    let value = raw.trim();
    match value.chars().count() {
        0 => Ok(None),
        n if n > max => Err("error-too-long"),
        _ => Ok(Some(value.to_owned())),
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
    fn numbers_are_checked_for_range_and_form() {
        assert_eq!(optional_number("", 0, 10), Ok(None));
        assert_eq!(optional_number(" 7 ", 0, 10), Ok(Some(7)));
        assert_eq!(optional_number("11", 0, 10), Err("error-out-of-range"));
        assert_eq!(optional_number("-1", 0, 10), Err("error-out-of-range"));
        assert_eq!(optional_number("zeven", 0, 10), Err("error-not-a-number"));
    }
}
