//! Typed configuration, read once from the environment at start-up (see `.env.example`): every
//! value is checked, and one that does not parse stops the app naming it (and, for a value from
//! `.env`, the file and line: [`env_file`]). [`Config::summary`] is the one start-up log line
//! saying what the app runs with, without passwords.

pub mod env_file;
mod summary;

use std::net::SocketAddr;

#[derive(Debug, Clone)]
pub struct Config {
    /// SQLite URL; the file and its directory are created when missing.
    pub database_url: String,
    /// Address the HTTP server binds to.
    pub addr: SocketAddr,
    /// Load the demo organisation into an empty database at start-up.
    pub demo_data: bool,
    /// Send the session cookie only over HTTPS. Off for local http, on behind TLS.
    pub cookie_secure: bool,
    /// The address people use to reach the app (`https://krb.example.nl`), as an origin without
    /// a trailing slash. Form posts whose `Origin` is this are accepted as same-site (see
    /// `security::csrf`); unset, only the browser's `Sec-Fetch-Site` can vouch for a post.
    pub public_url: Option<String>,
    /// A session ends after this many minutes without a request.
    pub session_idle_minutes: i64,
    /// A session ends this many hours after sign-in, however active.
    pub session_max_hours: i64,
    /// Directory holding the built site (`pkg/` with wasm, JS and CSS).
    pub site_root: String,
    /// Directory for uploaded evidence (photos, screenshots, PDFs); created when missing.
    pub evidence_dir: std::path::PathBuf,
    /// Largest evidence file accepted, in bytes.
    pub evidence_max_bytes: u64,
    /// Largest image accepted, in pixels (width x height as its header says, checked before
    /// decoding).
    pub evidence_max_pixels: u64,
    /// Bytes of evidence uploads being received and checked at once, all requests together; an
    /// upload reserves its size (at most `evidence_max_bytes`) before its file is read.
    pub evidence_upload_budget_bytes: u64,
    /// Images decoded at the same time (each holds its pixels in memory); default: the cores.
    pub evidence_decodes: usize,
    /// Public licence verification (`/verify`): lookups a minute from one client address, and
    /// how many may come at once. Over it the visitor gets 429 with `Retry-After`.
    pub verify_per_minute: u32,
    pub verify_burst: u32,
    // --- mail and licence reminders (see `mail`, `reminders`) ---
    /// The SMTP server for outgoing mail (`smtp://127.0.0.1:2525`, `smtps://user:pass@host`,
    /// `smtp://host?tls=required`); unset: no e-mail is sent (reminders still appear in the app).
    pub smtp_url: Option<String>,
    /// The sender of outgoing mail, e.g. `Klantenrijbewijs <noreply@krb.example.nl>`.
    pub mail_from: String,
    /// Seconds between two runs of the reminder scheduler (it also runs once at start-up);
    /// 0 switches the scheduler off.
    pub reminder_interval_secs: u64,
    /// How log lines are written (`LOG_FORMAT`): text for people, JSON lines for a log collector.
    pub log_format: LogFormat,
    /// Seconds requests in flight may take to finish after SIGTERM before the app stops anyway
    /// (`SHUTDOWN_GRACE_SECS`).
    pub shutdown_grace_secs: u64,
    /// Who may read `GET /metrics` (`METRICS_TOKEN`, `METRICS_ALLOW`); neither set: nobody.
    pub metrics_access: crate::monitoring::access::MetricsAccess,
    /// Days an invitation link works (`INVITE_VALID_DAYS`).
    pub invite_valid_days: i64,
    /// Days an open improvement may go untouched before its owner and team leads are reminded
    /// (`IMPROVEMENT_STALE_DAYS`), once per such stretch.
    pub improvement_stale_days: i64,
    /// How many later walkers must say a fixed improvement is still a problem before it reopens
    /// itself (`IMPROVEMENT_REOPEN_AFTER`).
    pub improvement_reopen_after: i64,
    /// The start of links in e-mail, worked out once from `public_url` and `addr` (see
    /// [`Config::link_base`]).
    link_base: std::sync::OnceLock<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{name} has an invalid value {value:?}: {reason}")]
    Invalid {
        name: &'static str,
        value: String,
        reason: &'static str,
    },
    #[error("{name} is not valid UTF-8 text")]
    NotUnicode { name: String },
    #[error("{name} must be set: {reason}")]
    Missing {
        name: &'static str,
        reason: &'static str,
    },
}

impl ConfigError {
    /// The variable the error is about.
    pub fn variable(&self) -> Option<&str> {
        match self {
            ConfigError::Invalid { name, .. } | ConfigError::Missing { name, .. } => Some(name),
            ConfigError::NotUnicode { name } => Some(name),
        }
    }
}

pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/klantenrijbewijs.db";
pub const DEFAULT_EVIDENCE_DIR: &str = "data/evidence";
/// 10 MB: a phone photo fits, a video does not.
pub const DEFAULT_EVIDENCE_MAX_BYTES: u64 = crate::domain::evidence::DEFAULT_MAX_BYTES;
/// Bounds for EVIDENCE_MAX_BYTES: below 1 KiB nothing useful fits; above 100 MiB a single upload
/// would hold too much memory while it is checked and re-encoded.
const EVIDENCE_MAX_BYTES_RANGE: std::ops::RangeInclusive<u64> = 1024..=100 * 1024 * 1024;
/// 50 megapixels; see `domain::evidence::DEFAULT_MAX_PIXELS`.
pub const DEFAULT_EVIDENCE_MAX_PIXELS: u64 = crate::domain::evidence::DEFAULT_MAX_PIXELS;
/// 1 to 100 megapixels: a 100-megapixel image already takes 300-400 MB decoded.
const EVIDENCE_MAX_PIXELS_RANGE: std::ops::RangeInclusive<u64> = 1_000_000..=100_000_000;
/// 128 MB: a dozen of the largest uploads at once, or some 40 phone photos.
pub const DEFAULT_EVIDENCE_UPLOAD_BUDGET_BYTES: u64 = 128 * 1024 * 1024;
/// Up to 16 GB; it must hold at least one upload of `EVIDENCE_MAX_BYTES`.
const EVIDENCE_UPLOAD_BUDGET_MAX: u64 = 16 * 1024 * 1024 * 1024;
/// The sender when MAIL_FROM is unset.
pub use crate::mail::DEFAULT_MAIL_FROM;
/// The reminder scheduler runs hourly by default: reminders go out within the hour of midnight.
pub const DEFAULT_REMINDER_INTERVAL_SECS: u64 = 3600;
/// A load balancer's usual drain time is 30 s; in-flight requests get most of it.
pub const DEFAULT_SHUTDOWN_GRACE_SECS: u64 = 20;
/// A month without any change on an open improvement is worth a reminder.
pub const DEFAULT_IMPROVEMENT_STALE_DAYS: i64 = 30;
/// One walker may have had a bad day; two saying the same is a signal.
pub const DEFAULT_IMPROVEMENT_REOPEN_AFTER: i64 = 2;

/// 30 verification lookups a minute per address: a receptionist checking a queue of cards is
/// never stopped, a script walking the 80-bit code space gets nowhere.
pub const DEFAULT_VERIFY_PER_MINUTE: u32 = 30;
/// At most 10 lookups at once from one address.
pub const DEFAULT_VERIFY_BURST: u32 = 10;

impl Config {
    /// From the process environment. A variable that is set but not UTF-8 is an error, not unset.
    pub fn from_env() -> Result<Config, ConfigError> {
        let not_unicode = std::cell::RefCell::new(None);
        let config = Self::from_lookup(|name| match std::env::var(name) {
            Ok(value) => Some(value),
            Err(std::env::VarError::NotPresent) => None,
            Err(std::env::VarError::NotUnicode(_)) => {
                not_unicode
                    .borrow_mut()
                    .get_or_insert_with(|| name.to_owned());
                None
            }
        });
        match not_unicode.into_inner() {
            Some(name) => Err(ConfigError::NotUnicode { name }),
            None => config,
        }
    }

    /// Reads the configuration through `lookup`, so tests need not touch the process environment.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Config, ConfigError> {
        let get = |name: &str| lookup(name).filter(|v| !v.trim().is_empty());
        let addr_raw = get("APP_ADDR")
            .or_else(|| get("LEPTOS_SITE_ADDR"))
            .unwrap_or_else(|| "127.0.0.1:3000".to_owned());
        let addr: SocketAddr = addr_raw.parse().map_err(|_| ConfigError::Invalid {
            name: "APP_ADDR",
            value: addr_raw.clone(),
            reason: "expected host:port, e.g. 127.0.0.1:3000",
        })?;
        let session_idle_minutes = parse_number(
            "SESSION_IDLE_MINUTES",
            get("SESSION_IDLE_MINUTES"),
            30,
            1..=24 * 60,
            "expected a whole number of minutes between 1 and 1440",
        )?;
        let session_max_hours = parse_number(
            "SESSION_MAX_HOURS",
            get("SESSION_MAX_HOURS"),
            12,
            1..=24 * 7,
            "expected a whole number of hours between 1 and 168",
        )?;
        let public_url = match get("PUBLIC_URL") {
            None => None,
            Some(raw) => Some(origin_of(&raw).ok_or(ConfigError::Invalid {
                name: "PUBLIC_URL",
                value: raw.clone(),
                reason: "expected an http(s) address without a path, e.g. https://krb.example.nl",
            })?),
        };
        let max_raw =
            get("EVIDENCE_MAX_BYTES").unwrap_or_else(|| DEFAULT_EVIDENCE_MAX_BYTES.to_string());
        let evidence_max_bytes = max_raw
            .trim()
            .parse::<u64>()
            .ok()
            .filter(|n| EVIDENCE_MAX_BYTES_RANGE.contains(n))
            .ok_or(ConfigError::Invalid {
                name: "EVIDENCE_MAX_BYTES",
                value: max_raw.clone(),
                reason: "expected a number of bytes between 1024 and 104857600",
            })?;
        let evidence_max_pixels = parse_number(
            "EVIDENCE_MAX_PIXELS",
            get("EVIDENCE_MAX_PIXELS"),
            DEFAULT_EVIDENCE_MAX_PIXELS,
            EVIDENCE_MAX_PIXELS_RANGE,
            "expected a number of pixels between 1000000 and 100000000",
        )?;
        let evidence_upload_budget_bytes = parse_number(
            "EVIDENCE_UPLOAD_BUDGET_BYTES",
            get("EVIDENCE_UPLOAD_BUDGET_BYTES"),
            // Above the largest EVIDENCE_MAX_BYTES (100 MB), so the default always fits one upload.
            DEFAULT_EVIDENCE_UPLOAD_BUDGET_BYTES,
            evidence_max_bytes..=EVIDENCE_UPLOAD_BUDGET_MAX,
            "expected a number of bytes of at least EVIDENCE_MAX_BYTES and at most 17179869184",
        )?;
        let evidence_decodes = parse_number(
            "EVIDENCE_DECODES",
            get("EVIDENCE_DECODES"),
            default_decodes(),
            1..=64,
            "expected a whole number of images between 1 and 64",
        )?;
        let verify_per_minute = parse_number(
            "VERIFY_PER_MINUTE",
            get("VERIFY_PER_MINUTE"),
            DEFAULT_VERIFY_PER_MINUTE,
            1..=10_000,
            "expected a whole number of lookups a minute between 1 and 10000",
        )?;
        let verify_burst = parse_number(
            "VERIFY_BURST",
            get("VERIFY_BURST"),
            DEFAULT_VERIFY_BURST,
            1..=10_000,
            "expected a whole number of lookups between 1 and 10000",
        )?;
        let (smtp_url, mail_from) = mail_settings(&get)?;
        if smtp_url.is_some() && public_url.is_none() && addr.ip().is_unspecified() {
            // Links would point at 0.0.0.0 or at this machine's loopback: wrong for everyone.
            return Err(ConfigError::Missing {
                name: "PUBLIC_URL",
                reason: "mail is on (SMTP_URL) and APP_ADDR listens on every interface, so links \
                         in e-mail need the address people use, e.g. https://krb.example.nl",
            });
        }
        let demo_data = parse_bool("DEMO_DATA", get("DEMO_DATA"), false)?;
        let demo_allow_public = parse_bool(
            "DEMO_DATA_ALLOW_PUBLIC",
            get("DEMO_DATA_ALLOW_PUBLIC"),
            false,
        )?;
        if demo_data && !addr.ip().is_loopback() && !demo_allow_public {
            // Every demo account, administrators included, signs in with the password printed
            // in the README: reachable from other machines, anyone could.
            return Err(ConfigError::Invalid {
                name: "DEMO_DATA",
                value: "true".to_owned(),
                reason: "the demo accounts share a published password and APP_ADDR is reachable \
                         from other machines, so anyone could sign in as an administrator; use \
                         DEMO_DATA=false, listen on 127.0.0.1, or set DEMO_DATA_ALLOW_PUBLIC=true \
                         for a demonstration server on purpose",
            });
        }
        let reminder_interval_secs = parse_number(
            "REMINDER_INTERVAL_SECS",
            get("REMINDER_INTERVAL_SECS"),
            DEFAULT_REMINDER_INTERVAL_SECS,
            0..=86_400,
            "expected a number of seconds between 0 (off) and 86400",
        )?;
        let invite_valid_days = parse_number(
            "INVITE_VALID_DAYS",
            get("INVITE_VALID_DAYS"),
            crate::domain::access::DEFAULT_INVITE_VALID_DAYS,
            1..=365,
            "expected a whole number of days between 1 and 365",
        )?;
        let improvement_stale_days = parse_number(
            "IMPROVEMENT_STALE_DAYS",
            get("IMPROVEMENT_STALE_DAYS"),
            DEFAULT_IMPROVEMENT_STALE_DAYS,
            1..=365,
            "expected a whole number of days between 1 and 365",
        )?;
        let improvement_reopen_after = parse_number(
            "IMPROVEMENT_REOPEN_AFTER",
            get("IMPROVEMENT_REOPEN_AFTER"),
            DEFAULT_IMPROVEMENT_REOPEN_AFTER,
            1..=100,
            "expected a whole number of walkers between 1 and 100",
        )?;
        let shutdown_grace_secs = parse_number(
            "SHUTDOWN_GRACE_SECS",
            get("SHUTDOWN_GRACE_SECS"),
            DEFAULT_SHUTDOWN_GRACE_SECS,
            1..=600,
            "expected a number of seconds between 1 and 600",
        )?;
        let metrics_access = crate::monitoring::access::MetricsAccess::from_settings(
            get("METRICS_TOKEN").as_deref(),
            get("METRICS_ALLOW").as_deref(),
        )
        .map_err(|e| ConfigError::Invalid {
            name: e.name,
            value: e.value,
            reason: e.reason,
        })?;
        let log_format = match get("LOG_FORMAT").as_deref().map(str::trim) {
            None | Some("") | Some("text") => LogFormat::Text,
            Some("json") => LogFormat::Json,
            Some(other) => {
                return Err(ConfigError::Invalid {
                    name: "LOG_FORMAT",
                    value: other.to_owned(),
                    reason: "expected text or json",
                });
            }
        };
        Ok(Config {
            metrics_access,
            log_format,
            shutdown_grace_secs,
            invite_valid_days,
            improvement_stale_days,
            improvement_reopen_after,
            smtp_url,
            mail_from,
            reminder_interval_secs,
            database_url: database_url(get("DATABASE_URL"))?,
            addr,
            demo_data,
            cookie_secure: parse_bool("COOKIE_SECURE", get("COOKIE_SECURE"), false)?,
            public_url,
            session_idle_minutes,
            session_max_hours,
            site_root: get("LEPTOS_SITE_ROOT").unwrap_or_else(|| "target/site".to_owned()),
            evidence_dir: get("EVIDENCE_DIR")
                .unwrap_or_else(|| DEFAULT_EVIDENCE_DIR.to_owned())
                .into(),
            evidence_max_bytes,
            evidence_max_pixels,
            evidence_upload_budget_bytes,
            // In range 1..=64 by `parse_number`.
            evidence_decodes: usize::try_from(evidence_decodes).unwrap_or(1),
            verify_per_minute,
            verify_burst,
            link_base: Default::default(),
        })
    }
}

impl Config {
    /// The address links in e-mail start with: `PUBLIC_URL`; unset, the address the app listens
    /// on (`http://127.0.0.1:3000` locally, `http://192.168.1.10:3000` on a network address,
    /// which [`Config::warnings`] warns about). Listening on every interface (0.0.0.0) with mail
    /// on and no `PUBLIC_URL` is refused at start-up; without mail this machine's loopback address
    /// is all that remains for the few links that need one.
    pub fn link_base(&self) -> &str {
        self.link_base.get_or_init(|| match &self.public_url {
            Some(url) => url.clone(),
            // This machine, at least (only without mail, see `from_lookup`).
            None if self.addr.ip().is_unspecified() => {
                format!("http://127.0.0.1:{}", self.addr.port())
            }
            None => format!("http://{}", self.addr),
        })
    }
}

/// `DATABASE_URL`: `sqlite://…` (the default) or `postgres://user:password@host:port/database`
/// (`postgresql://` too). Anything else stops the app rather than becoming the name of a new
/// SQLite file, and a PostgreSQL URL must name its host and database.
fn database_url(raw: Option<String>) -> Result<String, ConfigError> {
    let Some(raw) = raw else {
        return Ok(DEFAULT_DATABASE_URL.to_owned());
    };
    let url = raw.trim();
    if url.starts_with("sqlite:") && url.len() > "sqlite:".len() {
        return Ok(url.to_owned());
    }
    let invalid = |reason| ConfigError::Invalid {
        name: "DATABASE_URL",
        value: crate::mail::redact_url(url),
        reason,
    };
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        let parsed = url::Url::parse(url)
            .map_err(|_| invalid("expected postgres://user:password@host:5432/database"))?;
        let database = parsed.path().trim_start_matches('/');
        if parsed.host_str().is_none_or(str::is_empty) || database.is_empty() {
            return Err(invalid(
                "a PostgreSQL URL names its host and database: postgres://user:password@host:5432/database",
            ));
        }
        return Ok(url.to_owned());
    }
    Err(invalid(
        "expected a SQLite URL such as sqlite://data/klantenrijbewijs.db, or a PostgreSQL URL such as postgres://krb:secret@db.example.nl:5432/krb",
    ))
}

/// `SMTP_URL` (checked by the mail transport's own URL rules) and `MAIL_FROM` (a mailbox).
fn mail_settings(
    get: &impl Fn(&str) -> Option<String>,
) -> Result<(Option<String>, String), ConfigError> {
    let smtp_url = match get("SMTP_URL") {
        None => None,
        Some(raw) => {
            let raw = raw.trim().to_owned();
            crate::mail::Mailer::check_url(&raw).map_err(|_| ConfigError::Invalid {
                name: "SMTP_URL",
                // Never echo a password from the URL into logs.
                value: crate::mail::redact_url(&raw),
                reason: "expected smtp://host[:port], smtps://user:password@host or smtp://host?tls=required",
            })?;
            Some(raw)
        }
    };
    let mail_from = get("MAIL_FROM").unwrap_or_else(|| DEFAULT_MAIL_FROM.to_owned());
    if crate::mail::parse_mailbox(&mail_from).is_none() {
        return Err(ConfigError::Invalid {
            name: "MAIL_FROM",
            value: mail_from,
            reason: "expected an address, e.g. Klantenrijbewijs <noreply@krb.example.nl>",
        });
    }
    Ok((smtp_url, mail_from.trim().to_owned()))
}

/// One image decode per core: decoding is CPU-bound, more at once only adds memory.
fn default_decodes() -> i64 {
    std::thread::available_parallelism()
        .map(|n| i64::try_from(n.get()).unwrap_or(1))
        .unwrap_or(1)
        .clamp(1, 64)
}

/// A whole number setting within `range`; unset means `default`.
fn parse_number<T: std::str::FromStr + PartialOrd>(
    name: &'static str,
    value: Option<String>,
    default: T,
    range: std::ops::RangeInclusive<T>,
    reason: &'static str,
) -> Result<T, ConfigError> {
    let Some(raw) = value else { return Ok(default) };
    raw.trim()
        .parse::<T>()
        .ok()
        .filter(|n| range.contains(n))
        .ok_or(ConfigError::Invalid {
            name,
            value: raw,
            reason,
        })
}

/// `scheme://host[:port]` of an http(s) address given without a path (a trailing `/` is fine),
/// lower-cased, as browsers send it in `Origin`.
pub fn origin_of(raw: &str) -> Option<String> {
    let raw = raw.trim().trim_end_matches('/').to_ascii_lowercase();
    let (scheme, rest) = raw.split_once("://")?;
    let host_ok = !rest.is_empty()
        && rest
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'));
    (matches!(scheme, "http" | "https") && host_ok).then_some(raw)
}

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    /// One readable line per event (colours only on a terminal).
    Text,
    /// One JSON object per line, with the event's fields, for a log collector.
    Json,
}

fn parse_bool(
    name: &'static str,
    value: Option<String>,
    default: bool,
) -> Result<bool, ConfigError> {
    match value.as_deref().map(|v| v.trim().to_ascii_lowercase()) {
        None => Ok(default),
        Some(v) if matches!(v.as_str(), "1" | "true" | "yes" | "on") => Ok(true),
        Some(v) if matches!(v.as_str(), "0" | "false" | "no" | "off") => Ok(false),
        Some(v) => Err(ConfigError::Invalid {
            name,
            value: v,
            reason: "expected true or false",
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn config(pairs: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Config::from_lookup(|k| map.get(k).cloned())
    }

    #[test]
    fn defaults_are_local_and_safe() {
        let c = config(&[]).expect("defaults");
        assert_eq!(c.database_url, DEFAULT_DATABASE_URL);
        assert_eq!(c.addr.to_string(), "127.0.0.1:3000");
        assert!(!c.demo_data);
        assert!(!c.cookie_secure);
        assert_eq!(c.session_idle_minutes, 30);
        assert_eq!(c.session_max_hours, 12);
        assert_eq!(c.public_url, None);
        assert_eq!(c.evidence_dir, std::path::PathBuf::from("data/evidence"));
        assert_eq!(c.evidence_max_bytes, 10 * 1024 * 1024);
        assert_eq!(c.evidence_max_pixels, 50_000_000);
        assert_eq!(c.evidence_upload_budget_bytes, 128 * 1024 * 1024);
        assert!((1..=64).contains(&c.evidence_decodes));
        assert_eq!(c.verify_per_minute, 30);
        assert_eq!(c.verify_burst, 10);
    }

    #[test]
    fn verification_limits_are_read_and_bounded() {
        let c = config(&[("VERIFY_PER_MINUTE", "5"), ("VERIFY_BURST", "2")]).expect("valid");
        assert_eq!((c.verify_per_minute, c.verify_burst), (5, 2));
        for (name, bad) in [
            ("VERIFY_PER_MINUTE", "0"),
            ("VERIFY_PER_MINUTE", "lots"),
            ("VERIFY_BURST", "0"),
            ("VERIFY_BURST", "10001"),
        ] {
            let err = config(&[(name, bad)]).expect_err(bad);
            assert!(err.to_string().contains(name), "{err}");
        }
    }

    #[test]
    fn upload_budget_and_pixel_limit_are_read_and_bounded() {
        let c = config(&[
            ("EVIDENCE_MAX_PIXELS", "24000000"),
            ("EVIDENCE_UPLOAD_BUDGET_BYTES", "20971520"),
            ("EVIDENCE_DECODES", "3"),
        ])
        .expect("valid");
        assert_eq!(c.evidence_max_pixels, 24_000_000);
        assert_eq!(c.evidence_upload_budget_bytes, 20 * 1024 * 1024);
        assert_eq!(c.evidence_decodes, 3);
        for (name, bad) in [
            ("EVIDENCE_MAX_PIXELS", "999999"),
            ("EVIDENCE_MAX_PIXELS", "100000001"),
            ("EVIDENCE_MAX_PIXELS", "50MP"),
            ("EVIDENCE_UPLOAD_BUDGET_BYTES", "-1"),
            ("EVIDENCE_DECODES", "0"),
            ("EVIDENCE_DECODES", "65"),
        ] {
            let err = config(&[(name, bad)]).expect_err(bad);
            assert!(err.to_string().contains(name), "{err}");
        }
        // The budget must hold one upload of the largest size, else no upload could ever start.
        let err = config(&[
            ("EVIDENCE_MAX_BYTES", "10485760"),
            ("EVIDENCE_UPLOAD_BUDGET_BYTES", "10485759"),
        ])
        .expect_err("budget below one upload");
        assert!(err.to_string().contains("EVIDENCE_UPLOAD_BUDGET_BYTES"));
        let c = config(&[("EVIDENCE_MAX_BYTES", "104857600")]).expect("largest file limit");
        assert!(c.evidence_upload_budget_bytes >= c.evidence_max_bytes);
    }

    #[test]
    fn evidence_settings_are_read_and_bounded() {
        let c = config(&[
            ("EVIDENCE_DIR", "/var/lib/krb/evidence"),
            ("EVIDENCE_MAX_BYTES", " 2097152 "),
        ])
        .expect("valid");
        assert_eq!(
            c.evidence_dir,
            std::path::PathBuf::from("/var/lib/krb/evidence")
        );
        assert_eq!(c.evidence_max_bytes, 2 * 1024 * 1024);
        for bad in ["10MB", "-1", "0", "1023", "104857601"] {
            let err = config(&[("EVIDENCE_MAX_BYTES", bad)]).expect_err(bad);
            assert!(err.to_string().contains("EVIDENCE_MAX_BYTES"), "{err}");
        }
        // Empty counts as unset, like every other variable.
        let c = config(&[("EVIDENCE_MAX_BYTES", ""), ("EVIDENCE_DIR", " ")]).expect("defaults");
        assert_eq!(c.evidence_max_bytes, DEFAULT_EVIDENCE_MAX_BYTES);
        assert_eq!(
            c.evidence_dir,
            std::path::PathBuf::from(DEFAULT_EVIDENCE_DIR)
        );
    }

    #[test]
    fn demo_data_only_on_a_loopback_address_unless_allowed() {
        for addr in ["0.0.0.0:3000", "192.168.1.20:3000", "[::]:3000"] {
            let err = config(&[("APP_ADDR", addr), ("DEMO_DATA", "true")])
                .expect_err("demo data on a public address");
            assert_eq!(err.variable(), Some("DEMO_DATA"), "{addr}");
            assert!(err.to_string().contains("DEMO_DATA_ALLOW_PUBLIC"), "{err}");
            assert!(
                !err.to_string().contains("  "),
                "one sentence, no layout: {err}"
            );
            let allowed = config(&[
                ("APP_ADDR", addr),
                ("DEMO_DATA", "true"),
                ("DEMO_DATA_ALLOW_PUBLIC", "true"),
            ]);
            assert!(allowed.is_ok_and(|c| c.demo_data), "{addr}");
            assert!(
                config(&[("APP_ADDR", addr)]).is_ok(),
                "no demo data: {addr}"
            );
        }
        for addr in ["127.0.0.1:3000", "[::1]:3000"] {
            assert!(
                config(&[("APP_ADDR", addr), ("DEMO_DATA", "true")]).is_ok(),
                "{addr}"
            );
        }
        assert!(config(&[("DEMO_DATA_ALLOW_PUBLIC", "maybe")]).is_err());
    }

    #[test]
    fn values_are_parsed() {
        let c = config(&[
            ("APP_ADDR", "0.0.0.0:8080"),
            ("DEMO_DATA", "true"),
            ("DEMO_DATA_ALLOW_PUBLIC", "true"),
            ("SESSION_IDLE_MINUTES", "45"),
            ("SESSION_MAX_HOURS", "8"),
            ("PUBLIC_URL", "https://KRB.example.nl/"),
        ])
        .expect("valid");
        assert_eq!(c.addr.port(), 8080);
        assert!(c.demo_data);
        assert_eq!(c.session_idle_minutes, 45);
        assert_eq!(c.session_max_hours, 8);
        assert_eq!(c.public_url.as_deref(), Some("https://krb.example.nl"));
    }

    #[test]
    fn improvement_settings_are_read_and_checked() {
        let c = config(&[]).expect("defaults");
        assert_eq!(c.improvement_stale_days, 30);
        assert_eq!(c.improvement_reopen_after, 2);
        let c = config(&[
            ("IMPROVEMENT_STALE_DAYS", "14"),
            ("IMPROVEMENT_REOPEN_AFTER", "3"),
        ])
        .expect("valid");
        assert_eq!(
            (c.improvement_stale_days, c.improvement_reopen_after),
            (14, 3)
        );
        for (name, bad) in [
            ("IMPROVEMENT_STALE_DAYS", "0"),
            ("IMPROVEMENT_STALE_DAYS", "a month"),
            ("IMPROVEMENT_REOPEN_AFTER", "0"),
            ("IMPROVEMENT_REOPEN_AFTER", "-2"),
        ] {
            let err = config(&[(name, bad)]).expect_err(bad);
            assert!(err.to_string().contains(name), "{err}");
        }
    }

    #[test]
    fn mail_and_reminder_settings_are_read_and_checked() {
        let c = config(&[]).expect("defaults");
        assert_eq!(c.smtp_url, None);
        assert_eq!(c.mail_from, DEFAULT_MAIL_FROM);
        assert_eq!(c.reminder_interval_secs, 3600);
        assert_eq!(c.link_base(), "http://127.0.0.1:3000");
        for url in [
            "smtp://127.0.0.1:2525",
            "smtps://user:secret@mail.example.nl",
            "smtp://mail.example.nl?tls=required",
        ] {
            let c = config(&[
                ("SMTP_URL", url),
                ("MAIL_FROM", "KRB <noreply@krb.example.nl>"),
            ])
            .expect(url);
            assert_eq!(c.smtp_url.as_deref(), Some(url));
            assert_eq!(c.mail_from, "KRB <noreply@krb.example.nl>");
        }
        let c = config(&[
            ("REMINDER_INTERVAL_SECS", "0"),
            ("PUBLIC_URL", "https://krb.example.nl"),
        ])
        .expect("off");
        assert_eq!(c.reminder_interval_secs, 0);
        assert_eq!(c.link_base(), "https://krb.example.nl");
        for (name, bad) in [
            ("SMTP_URL", "http://mail.example.nl"),
            ("SMTP_URL", "mail.example.nl"),
            ("SMTP_URL", "smtp://host?tls=sometimes"),
            ("MAIL_FROM", "not an address"),
            ("REMINDER_INTERVAL_SECS", "-1"),
            ("REMINDER_INTERVAL_SECS", "86401"),
        ] {
            let err = config(&[(name, bad)]).expect_err(bad);
            assert!(err.to_string().contains(name), "{err}");
        }
        // A password in a refused URL is not repeated in the error.
        let err = config(&[("SMTP_URL", "ftp://user:hunter2@mail.example.nl")]).expect_err("ftp");
        assert!(!err.to_string().contains("hunter2"), "{err}");
    }

    #[test]
    fn bad_values_fail_loudly() {
        assert!(config(&[("APP_ADDR", "localhost")]).is_err());
        assert!(config(&[("DEMO_DATA", "maybe")]).is_err());
        assert!(config(&[("SESSION_IDLE_MINUTES", "0")]).is_err());
        assert!(config(&[("SESSION_MAX_HOURS", "200")]).is_err());
        for bad in [
            "krb.example.nl",
            "ftp://krb.example.nl",
            "https://krb.example.nl/app",
            "https://",
            "javascript:alert(1)",
        ] {
            assert!(config(&[("PUBLIC_URL", bad)]).is_err(), "{bad}");
        }
    }

    /// A PostgreSQL URL (not supported yet) stops the app instead of naming a new SQLite file,
    /// and its password is not repeated.
    #[test]
    fn only_urls_of_the_two_databases_are_accepted() {
        let err = config(&[("DATABASE_URL", "postgres://krb:hunter2@db.example.nl")])
            .expect_err("postgres without a database");
        let text = err.to_string();
        assert!(text.contains("DATABASE_URL"), "{text}");
        assert!(text.contains("names its host and database"), "{text}");
        assert!(!text.contains("hunter2"), "{text}");
        for bad in [
            "data/krb.db",
            "mysql://x",
            "sqlite:",
            "postgres:///krb",
            "postgres://",
        ] {
            assert!(config(&[("DATABASE_URL", bad)]).is_err(), "{bad}");
        }
        for good in [
            "sqlite://data/krb.db",
            "sqlite:///var/lib/krb.db",
            "sqlite::memory:",
            "postgres://krb:hunter2@db.example.nl/krb",
            "postgresql://krb@127.0.0.1:5499/krb?sslmode=require",
        ] {
            assert_eq!(
                config(&[("DATABASE_URL", good)]).expect(good).database_url,
                good
            );
        }
    }

    /// Links in e-mail: PUBLIC_URL, else where the app really listens; on a network address
    /// without PUBLIC_URL a warning, on every interface with mail on a refusal.
    #[test]
    fn links_in_e_mail_never_silently_point_at_the_wrong_machine() {
        let local = config(&[("APP_ADDR", "127.0.0.1:8080")]).expect("local");
        assert_eq!(local.link_base(), "http://127.0.0.1:8080");
        assert!(local.warnings().is_empty());
        let lan = config(&[("APP_ADDR", "192.168.1.10:3000")]).expect("lan");
        assert_eq!(lan.link_base(), "http://192.168.1.10:3000");
        let warnings = lan.warnings();
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].contains("PUBLIC_URL"), "{warnings:?}");
        assert!(
            warnings[0].contains("http://192.168.1.10:3000"),
            "{warnings:?}"
        );
        let everywhere = config(&[("APP_ADDR", "0.0.0.0:3000")]).expect("no mail: a warning");
        assert_eq!(everywhere.warnings().len(), 1);
        let err = config(&[
            ("APP_ADDR", "0.0.0.0:3000"),
            ("SMTP_URL", "smtp://relay:25"),
        ])
        .expect_err("mail without an address to link to");
        assert!(err.to_string().contains("PUBLIC_URL must be set"), "{err}");
        let fine = config(&[
            ("APP_ADDR", "0.0.0.0:3000"),
            ("SMTP_URL", "smtp://relay:25"),
            ("PUBLIC_URL", "https://krb.example.nl"),
        ])
        .expect("with PUBLIC_URL");
        assert_eq!(fine.link_base(), "https://krb.example.nl");
        assert!(fine.warnings().is_empty());
    }
}
