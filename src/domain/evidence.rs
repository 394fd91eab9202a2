//! Evidence files: which types are accepted (decided by content, never by name), size limits,
//! safe display names, the page to return to, and the translation keys of every refusal.

use super::Locale;
use super::text;

/// 10 MB, the default largest upload (see `EVIDENCE_MAX_BYTES`).
pub const DEFAULT_MAX_BYTES: u64 = 10 * 1024 * 1024;
/// Longest side of a thumbnail, in pixels.
pub const THUMBNAIL_MAX_SIDE: u32 = 320;
/// Longest side of a stored image: larger photos are scaled down to this before re-encoding
/// (sharp on any screen, a fraction of a 12-megapixel photo's bytes).
pub const STORED_MAX_SIDE: u32 = 2560;
/// 50 megapixels, the default largest image accepted (see `EVIDENCE_MAX_PIXELS`): decoded, an image
/// takes 3-4 bytes per pixel, so this bounds one decode to about 200 MB.
pub const DEFAULT_MAX_PIXELS: u64 = 50_000_000;
pub const CAPTION_MAX_CHARS: usize = 200;
pub const QUICK_TITLE_MAX_CHARS: usize = 120;
/// What the file input offers; the server checks the content again, whatever the browser sent.
pub const ACCEPT_ATTRIBUTE: &str = "image/jpeg,image/png,image/webp,application/pdf";

pub const ERROR_TOO_LARGE: &str = "evidence-error-too-large";
pub const ERROR_UNSUPPORTED: &str = "evidence-error-unsupported";
pub const ERROR_EMPTY: &str = "evidence-error-empty";
pub const ERROR_NO_FILE: &str = "evidence-error-no-file";
pub const ERROR_UNREADABLE: &str = "evidence-error-unreadable";
pub const ERROR_TOO_MANY_PIXELS: &str = "evidence-error-too-many-pixels";
pub const ERROR_CAPTION_TOO_LONG: &str = "evidence-error-caption-too-long";
pub const ERROR_TITLE_REQUIRED: &str = "evidence-error-title-required";
pub const ERROR_TITLE_TOO_LONG: &str = "evidence-error-title-too-long";
/// Too many uploads are being received or processed at once; nothing was saved, try again.
pub const ERROR_BUSY: &str = "evidence-error-busy";

/// Every key `?evidence_error=` may carry; anything else in the URL is ignored, so a crafted link
/// cannot make the page show an arbitrary text.
pub const ERROR_KEYS: [&str; 15] = [
    ERROR_TOO_LARGE,
    ERROR_UNSUPPORTED,
    ERROR_EMPTY,
    ERROR_NO_FILE,
    ERROR_UNREADABLE,
    ERROR_TOO_MANY_PIXELS,
    ERROR_CAPTION_TOO_LONG,
    ERROR_TITLE_REQUIRED,
    ERROR_TITLE_TOO_LONG,
    ERROR_BUSY,
    "error-unauthenticated",
    "error-forbidden",
    "error-not-found",
    "error-bad-request",
    "error-internal",
];

/// `?evidence=` values after success, with their message keys.
pub const NOTICES: [(&str, &str); 3] = [
    ("ok", "evidence-notice-ok"),
    ("captured", "evidence-notice-captured"),
    ("deleted", "evidence-notice-deleted"),
];

/// The accepted kinds of evidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EvidenceKind {
    Jpeg,
    Png,
    Webp,
    Pdf,
}

impl EvidenceKind {
    pub const ALL: [EvidenceKind; 4] = [
        EvidenceKind::Jpeg,
        EvidenceKind::Png,
        EvidenceKind::Webp,
        EvidenceKind::Pdf,
    ];

    pub fn content_type(self) -> &'static str {
        match self {
            EvidenceKind::Jpeg => "image/jpeg",
            EvidenceKind::Png => "image/png",
            EvidenceKind::Webp => "image/webp",
            EvidenceKind::Pdf => "application/pdf",
        }
    }

    pub fn from_content_type(content_type: &str) -> Option<EvidenceKind> {
        EvidenceKind::ALL
            .into_iter()
            .find(|k| k.content_type() == content_type)
    }

    /// File extension of the stored file (chosen by us, never taken from the upload).
    pub fn extension(self) -> &'static str {
        match self {
            EvidenceKind::Jpeg => "jpg",
            EvidenceKind::Png => "png",
            EvidenceKind::Webp => "webp",
            EvidenceKind::Pdf => "pdf",
        }
    }

    pub fn is_image(self) -> bool {
        self != EvidenceKind::Pdf
    }
}

/// Decides the type from the first bytes of the file. The file name and the content type the
/// browser sent are never consulted: a text file called foto.jpg is still a text file.
pub fn sniff(head: &[u8]) -> Result<EvidenceKind, &'static str> {
    if head.is_empty() {
        return Err(ERROR_EMPTY);
    }
    if head.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Ok(EvidenceKind::Jpeg)
    } else if head.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
        Ok(EvidenceKind::Png)
    } else if head.len() >= 12 && head.starts_with(b"RIFF") && &head[8..12] == b"WEBP" {
        Ok(EvidenceKind::Webp)
    } else if head.starts_with(b"%PDF-") {
        Ok(EvidenceKind::Pdf)
    } else {
        Err(ERROR_UNSUPPORTED)
    }
}

/// Whether a file of `len` bytes may be stored under a limit of `max` bytes.
pub fn check_size(len: u64, max: u64) -> Result<(), &'static str> {
    match len {
        0 => Err(ERROR_EMPTY),
        n if n > max => Err(ERROR_TOO_LARGE),
        _ => Ok(()),
    }
}

/// Whether an image of `width` x `height` (as its header says, before any pixel is decoded) stays
/// within `max_pixels`.
pub fn check_pixels(width: u32, height: u32, max_pixels: u64) -> Result<(), &'static str> {
    if u64::from(width) * u64::from(height) > max_pixels {
        Err(ERROR_TOO_MANY_PIXELS)
    } else {
        Ok(())
    }
}

/// The size an image is stored at: unchanged when its longest side is at most `max_side`, else
/// scaled down to that, keeping the proportions (rounded, never below 1 pixel).
pub fn fit_within(width: u32, height: u32, max_side: u32) -> (u32, u32) {
    let longest = width.max(height);
    if longest <= max_side || longest == 0 {
        return (width, height);
    }
    let scale = |side: u32| {
        let scaled =
            (u64::from(side) * u64::from(max_side) + u64::from(longest) / 2) / u64::from(longest);
        u32::try_from(scaled).unwrap_or(max_side).max(1)
    };
    (scale(width), scale(height))
}

/// A size in bytes as people read it: "850 kB", "2,5 MB" (Dutch) or "2.5 MB" (English).
/// Decimal-free when whole, so the default limit reads "10 MB". Binary units (1 MB = 1024 kB), as
/// the limit is configured in those.
pub fn format_size(bytes: u64, locale: Locale) -> String {
    const KB: u64 = 1024;
    const MB: u64 = 1024 * 1024;
    let (value, unit) = if bytes >= MB {
        (bytes as f64 / MB as f64, "MB")
    } else {
        ((bytes as f64 / KB as f64).max(1.0), "kB")
    };
    let rounded = (value * 10.0).round() / 10.0;
    let text = if rounded.fract() == 0.0 || rounded >= 100.0 {
        format!("{}", rounded.round() as u64)
    } else {
        format!("{rounded:.1}")
    };
    let text = match locale {
        Locale::Nl => text.replace('.', ","),
        Locale::En => text,
    };
    format!("{text} {unit}")
}

/// The uploader's file name, made safe to keep and show: the last path segment only, no control
/// characters, at most 120 characters (the extension is kept). Empty becomes "bestand".
pub fn display_name(raw: &str) -> String {
    let last = raw.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = last
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '"' | '<' | '>' | '\u{202E}' | '\u{202D}'))
        .collect();
    let cleaned = cleaned.trim().trim_start_matches('.').trim().to_owned();
    if cleaned.is_empty() {
        return "bestand".to_owned();
    }
    const MAX: usize = 120;
    if cleaned.chars().count() <= MAX {
        return cleaned;
    }
    let (stem, ext) = match cleaned.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() && ext.chars().count() <= 10 => {
            (stem.to_owned(), format!(".{ext}"))
        }
        _ => (cleaned.clone(), String::new()),
    };
    let keep = MAX - ext.chars().count();
    format!("{}{ext}", stem.chars().take(keep).collect::<String>())
}

/// An ASCII-only version of a display name for the `filename="..."` of a download; the full name
/// goes in `filename*` (RFC 6266).
pub fn ascii_file_name(name: &str) -> String {
    let ascii: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | ' ' | '(' | ')') {
                c
            } else {
                '_'
            }
        })
        .collect();
    if ascii.trim_matches(['_', '.', ' ']).is_empty() {
        "bestand".to_owned()
    } else {
        ascii
    }
}

/// Percent-encodes a name for `filename*=UTF-8''...` (RFC 5987: only attr-chars stay as they are).
pub fn rfc5987_encode(name: &str) -> String {
    let mut out = String::new();
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The page to send a browser back to after a form post: a same-site path only (no open
/// redirect to another site, no header injection). `None` when `raw` is not such a path.
pub fn safe_return_to(raw: &str) -> Option<&str> {
    crate::routes::safe_local_path(raw)
}

/// `path` with `name=value` in its query, replacing an earlier `evidence`/`evidence_error`
/// parameter (so repeated uploads do not pile them up) and keeping a `#fragment` at the end.
pub fn with_result_param(path: &str, name: &str, value: &str) -> String {
    let (before_fragment, fragment) = match path.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (path, None),
    };
    let (base, query) = before_fragment
        .split_once('?')
        .unwrap_or((before_fragment, ""));
    let mut pairs: Vec<String> = query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .filter(|pair| {
            let key = pair.split('=').next().unwrap_or_default();
            key != "evidence" && key != "evidence_error"
        })
        .map(str::to_owned)
        .collect();
    pairs.push(format!("{}={}", encode_query(name), encode_query(value)));
    let mut out = format!("{base}?{}", pairs.join("&"));
    if let Some(fragment) = fragment {
        out.push('#');
        out.push_str(fragment);
    }
    out
}

fn encode_query(value: &str) -> String {
    let mut out = String::new();
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The optional caption of an upload.
pub fn parse_caption(raw: &str) -> Result<String, &'static str> {
    match text::optional(raw, CAPTION_MAX_CHARS) {
        Ok(caption) => Ok(caption.unwrap_or_default()),
        Err(_) => Err(ERROR_CAPTION_TOO_LONG),
    }
}

/// The one-line title of a quick capture. Line breaks (pasted text) become spaces.
pub fn parse_quick_title(raw: &str) -> Result<String, &'static str> {
    let one_line = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    match text::required(&one_line, QUICK_TITLE_MAX_CHARS) {
        Ok(title) => Ok(title),
        Err("error-required") => Err(ERROR_TITLE_REQUIRED),
        Err(_) => Err(ERROR_TITLE_TOO_LONG),
    }
}

/// The message key for a `?evidence_error=` value, if it is one we send.
pub fn known_error_key(value: &str) -> Option<&'static str> {
    ERROR_KEYS.into_iter().find(|k| *k == value)
}

/// The message key for a `?evidence=` value, if it is one we send.
pub fn notice_key(value: &str) -> Option<&'static str> {
    NOTICES
        .into_iter()
        .find(|(v, _)| *v == value)
        .map(|(_, key)| key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_are_recognised_by_their_magic_bytes() {
        assert_eq!(
            sniff(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]),
            Ok(EvidenceKind::Jpeg)
        );
        assert_eq!(
            sniff(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            Ok(EvidenceKind::Png)
        );
        assert_eq!(sniff(b"RIFF\x24\0\0\0WEBPVP8 "), Ok(EvidenceKind::Webp));
        assert_eq!(sniff(b"%PDF-1.7\n%\xe2\xe3"), Ok(EvidenceKind::Pdf));
    }

    #[test]
    fn everything_else_is_refused_whatever_it_is_called() {
        // Text, GIF, SVG, HTML, a WAV (RIFF but not WebP), a truncated PNG signature.
        for bad in [
            &b"Dit is geen foto, al heet het foto.jpg"[..],
            b"GIF89a\x01\0\x01\0",
            b"<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"/>",
            b"<svg onload=alert(1)>",
            b"<!DOCTYPE html><html>",
            b"RIFF\x24\0\0\0WAVEfmt ",
            b"RIFF\x24\0\0\0WEB",
            b"\x89PNG\r\n",
            b"\xFF\xD8",
            b" %PDF-1.4",
        ] {
            assert_eq!(sniff(bad), Err(ERROR_UNSUPPORTED), "{bad:?}");
        }
        assert_eq!(sniff(b""), Err(ERROR_EMPTY));
    }

    #[test]
    fn size_limit_is_inclusive() {
        let max = DEFAULT_MAX_BYTES;
        assert_eq!(max, 10_485_760);
        assert_eq!(check_size(max, max), Ok(()));
        assert_eq!(check_size(1, max), Ok(()));
        assert_eq!(check_size(max + 1, max), Err(ERROR_TOO_LARGE));
        assert_eq!(check_size(0, max), Err(ERROR_EMPTY));
    }

    #[test]
    fn pixel_limit_is_inclusive_and_does_not_overflow() {
        assert_eq!(check_pixels(10_000, 5_000, DEFAULT_MAX_PIXELS), Ok(()));
        assert_eq!(
            check_pixels(10_000, 5_001, DEFAULT_MAX_PIXELS),
            Err(ERROR_TOO_MANY_PIXELS)
        );
        assert_eq!(
            check_pixels(u32::MAX, u32::MAX, DEFAULT_MAX_PIXELS),
            Err(ERROR_TOO_MANY_PIXELS)
        );
        assert_eq!(check_pixels(0, 0, 1), Ok(()));
    }

    #[test]
    fn large_images_are_fitted_within_the_stored_side() {
        assert_eq!(fit_within(4000, 3000, STORED_MAX_SIDE), (2560, 1920));
        assert_eq!(fit_within(3000, 4000, STORED_MAX_SIDE), (1920, 2560));
        assert_eq!(fit_within(2560, 100, STORED_MAX_SIDE), (2560, 100));
        assert_eq!(fit_within(800, 600, STORED_MAX_SIDE), (800, 600));
        assert_eq!(fit_within(30_000, 2, 2560), (2560, 1));
        assert_eq!(fit_within(0, 0, 2560), (0, 0));
    }

    #[test]
    fn sizes_read_naturally_in_both_languages() {
        assert_eq!(format_size(DEFAULT_MAX_BYTES, Locale::Nl), "10 MB");
        assert_eq!(format_size(2_621_440, Locale::Nl), "2,5 MB");
        assert_eq!(format_size(2_621_440, Locale::En), "2.5 MB");
        assert_eq!(format_size(870_400, Locale::En), "850 kB");
        assert_eq!(format_size(10, Locale::Nl), "1 kB");
        assert_eq!(format_size(64 * 1024, Locale::Nl), "64 kB");
    }

    #[test]
    fn display_names_lose_paths_and_control_characters() {
        assert_eq!(display_name("C:\\Users\\daan\\brief.pdf"), "brief.pdf");
        assert_eq!(display_name("../../etc/passwd"), "passwd");
        assert_eq!(display_name("foto\r\n\"x\".jpg"), "fotox.jpg");
        assert_eq!(display_name("..."), "bestand");
        assert_eq!(display_name(""), "bestand");
        assert_eq!(display_name(".htaccess"), "htaccess");
        assert_eq!(display_name("rekening\u{202E}gpj.exe"), "rekeninggpj.exe");
        let long = format!("{}.pdf", "é".repeat(300));
        let shown = display_name(&long);
        assert_eq!(shown.chars().count(), 120);
        assert!(shown.ends_with(".pdf"));
    }

    #[test]
    fn download_names_are_ascii_with_an_encoded_original() {
        assert_eq!(ascii_file_name("Polis été 2026.pdf"), "Polis _t_ 2026.pdf");
        assert_eq!(ascii_file_name("ééé"), "bestand");
        assert_eq!(rfc5987_encode("été a.pdf"), "%C3%A9t%C3%A9%20a.pdf");
    }

    #[test]
    fn return_paths_stay_on_this_site() {
        assert_eq!(
            safe_return_to("/walkthroughs/3?step=2#s2"),
            Some("/walkthroughs/3?step=2#s2")
        );
        for bad in [
            "https://evil.example/",
            "//evil.example/",
            "/\\evil.example",
            "walkthroughs/3",
            "",
            "/a\r\nSet-Cookie: x=1",
            "/a b",
        ] {
            assert_eq!(safe_return_to(bad), None, "{bad}");
        }
    }

    #[test]
    fn result_parameters_are_appended_once_and_before_the_fragment() {
        assert_eq!(
            with_result_param("/walk/3", "evidence", "ok"),
            "/walk/3?evidence=ok"
        );
        assert_eq!(
            with_result_param("/walk/3?step=2#stap-2", "evidence_error", ERROR_TOO_LARGE),
            "/walk/3?step=2&evidence_error=evidence-error-too-large#stap-2"
        );
        assert_eq!(
            with_result_param(
                "/walk/3?evidence_error=x&step=2&evidence=ok",
                "evidence",
                "ok"
            ),
            "/walk/3?step=2&evidence=ok"
        );
    }

    #[test]
    fn captions_and_quick_titles() {
        assert_eq!(parse_caption("  "), Ok(String::new()));
        assert_eq!(parse_caption(" Wachtrij "), Ok("Wachtrij".to_owned()));
        assert_eq!(parse_caption(&"x".repeat(200)).map(|c| c.len()), Ok(200));
        assert_eq!(parse_caption(&"x".repeat(201)), Err(ERROR_CAPTION_TOO_LONG));
        assert_eq!(parse_quick_title(" \n "), Err(ERROR_TITLE_REQUIRED));
        assert_eq!(
            parse_quick_title("Formulier\r\nweigert  postcode"),
            Ok("Formulier weigert postcode".to_owned())
        );
        assert_eq!(
            parse_quick_title(&"x".repeat(121)),
            Err(ERROR_TITLE_TOO_LONG)
        );
    }

    #[test]
    fn only_known_keys_come_through_the_url() {
        assert_eq!(known_error_key(ERROR_UNSUPPORTED), Some(ERROR_UNSUPPORTED));
        assert_eq!(known_error_key("nav-home"), None);
        assert_eq!(notice_key("ok"), Some("evidence-notice-ok"));
        assert_eq!(notice_key("whatever"), None);
        assert_eq!(
            EvidenceKind::from_content_type("application/pdf"),
            Some(EvidenceKind::Pdf)
        );
        assert_eq!(EvidenceKind::from_content_type("image/gif"), None);
        assert!(!EvidenceKind::Pdf.is_image());
    }
}
