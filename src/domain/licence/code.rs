//! Verification codes printed on a licence card: 80 random bits (the server draws them) written
//! as 16 Crockford base-32 characters in groups of four. Typing is forgiving: lower case,
//! missing or extra dashes and spaces, and the letters O, I and L (read as 0, 1, 1) are accepted.

/// Crockford's alphabet: no I, L, O or U, so codes are not misread or read as words.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// Characters of a code (16 × 5 bits = 80 bits of randomness).
pub const CODE_LEN: usize = 16;

/// The code for 10 random bytes, e.g. `7KQ2-M9XD-C4HT-0ZRA` without dashes.
pub fn encode(bytes: [u8; 10]) -> String {
    let mut bits: u128 = 0;
    for b in bytes {
        bits = (bits << 8) | u128::from(b);
    }
    (0..CODE_LEN)
        .rev()
        .map(|i| ALPHABET[((bits >> (i * 5)) & 0x1f) as usize] as char)
        .collect()
}

/// A typed code in its stored form, or None if it cannot be one.
pub fn normalize(typed: &str) -> Option<String> {
    let mut out = String::with_capacity(CODE_LEN);
    for c in typed.chars() {
        let c = match c.to_ascii_uppercase() {
            '-' | ' ' => continue,
            'O' => '0',
            'I' | 'L' => '1',
            c => c,
        };
        if !c.is_ascii() || !ALPHABET.contains(&(c as u8)) {
            return None;
        }
        out.push(c);
        if out.len() > CODE_LEN {
            return None;
        }
    }
    (out.len() == CODE_LEN).then_some(out)
}

/// The code as printed: groups of four joined by dashes.
pub fn display(code: &str) -> String {
    code.as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_80_bits_in_16_characters() {
        assert_eq!(encode([0; 10]), "0000000000000000");
        assert_eq!(encode([0xff; 10]), "ZZZZZZZZZZZZZZZZ");
        let code = encode([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
        assert_eq!(code.len(), CODE_LEN);
        assert_eq!(normalize(&code), Some(code.clone()));
        // different inputs, different codes (every bit counts)
        assert_ne!(encode([0, 0, 0, 0, 0, 0, 0, 0, 0, 1]), encode([0; 10]));
        assert_ne!(encode([0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0]), encode([0; 10]));
    }

    #[test]
    fn typing_is_forgiving_but_strict_about_length_and_alphabet() {
        assert_eq!(display("7KQ2M9XDC4HT0ZRA"), "7KQ2-M9XD-C4HT-0ZRA");
        assert_eq!(
            normalize("7kq2-m9xd c4ht-ozra").as_deref(),
            Some("7KQ2M9XDC4HT0ZRA")
        );
        assert_eq!(
            normalize("IL00-0000-0000-0000").as_deref(),
            Some("1100000000000000")
        );
        for bad in [
            "",
            "7KQ2",
            "7KQ2M9XDC4HT0ZRAX",
            "7KQ2M9XDC4HT0ZRU",
            "7KQ2M9XDC4HT0ZR%",
            "ÄKQ2M9XDC4HT0ZRA",
            "../../etc/passwd",
        ] {
            assert_eq!(normalize(bad), None, "{bad}");
        }
    }
}
