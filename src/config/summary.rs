//! The start-up summary: one log line saying what the app runs with (never a password), and
//! warnings about settings that work but probably not as meant.

use super::Config;

impl Config {
    /// Settings that work but probably not as meant, one sentence each, for the start-up log.
    pub fn warnings(&self) -> Vec<String> {
        let mut warnings = Vec::new();
        if self.public_url.is_none() && !self.addr.ip().is_loopback() {
            warnings.push(format!(
                "PUBLIC_URL is unset while the app listens on {}: links in e-mail start with {} \
                 and will be wrong if people reach the app by another address; set PUBLIC_URL",
                self.addr,
                self.link_base()
            ));
        }
        warnings
    }

    /// One line saying what the app runs with: version, database, demo data, public address,
    /// cookies, mail and reminders. Never a password.
    pub fn summary(&self) -> String {
        let on = |b: bool| if b { "on" } else { "off" };
        let public = match &self.public_url {
            Some(url) => url.clone(),
            None => format!("unset (links in e-mail: {})", self.link_base()),
        };
        let mail = match &self.smtp_url {
            Some(url) => format!("on via {} from {}", smtp_server(url), self.mail_from),
            None => "off (reminders in the app only)".to_owned(),
        };
        let reminders = match self.reminder_interval_secs {
            0 => "off".to_owned(),
            n => format!("every {n} s"),
        };
        format!(
            "klantenrijbewijs {version}: listening on {addr}; database {database}; demo data {demo}; \
             public URL {public}; secure cookies {cookies}; mail {mail}; reminder scheduler {reminders}; \
             improvements stale after {stale} days, reopened after {reopen} walkers; metrics {metrics}",
            version = env!("CARGO_PKG_VERSION"),
            addr = self.addr,
            database = database_location(&self.database_url),
            demo = on(self.demo_data),
            cookies = on(self.cookie_secure),
            stale = self.improvement_stale_days,
            reopen = self.improvement_reopen_after,
            metrics = self.metrics_access.describe(),
        )
    }
}

/// "SQLite <file>" of a SQLite URL (the absolute path when it is relative), without its options;
/// "PostgreSQL <host:port/database> as <user>" of a PostgreSQL URL, never its password.
fn database_location(url: &str) -> String {
    if url.starts_with("postgres") {
        return match url::Url::parse(url) {
            Ok(u) => format!(
                "PostgreSQL {}:{}{} as {}",
                u.host_str().unwrap_or(""),
                u.port().unwrap_or(5432),
                u.path(),
                if u.username().is_empty() {
                    "(default user)"
                } else {
                    u.username()
                }
            ),
            Err(_) => "PostgreSQL".to_owned(),
        };
    }
    let path = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
        .unwrap_or(url);
    let path = path.split('?').next().unwrap_or(path);
    let path = std::path::Path::new(path);
    let shown = if path.is_relative() && path != std::path::Path::new(":memory:") {
        std::env::current_dir()
            .map(|d| d.join(path))
            .unwrap_or_else(|_| path.to_path_buf())
    } else {
        path.to_path_buf()
    };
    format!("SQLite {}", shown.display())
}

/// `host:port` of an SMTP URL (the port its scheme defaults to when none is given), and the user
/// it signs in as; never the password.
fn smtp_server(url: &str) -> String {
    let (scheme, rest) = url.split_once("://").unwrap_or(("smtp", url));
    let (rest, query) = rest.split_once('?').unwrap_or((rest, ""));
    let (user, host) = match rest.rsplit_once('@') {
        Some((userinfo, host)) => (userinfo.split(':').next(), host),
        None => (None, rest),
    };
    // A path is the name the app greets the server with, not part of the address.
    let host = host.split('/').next().unwrap_or(host);
    let starttls = query.contains("tls=required") || query.contains("tls=opportunistic");
    let port = if host
        .rsplit_once(':')
        .is_some_and(|(_, p)| p.parse::<u16>().is_ok())
    {
        String::new()
    } else if scheme == "smtps" {
        ":465".to_owned()
    } else if starttls {
        ":587".to_owned()
    } else {
        ":25".to_owned()
    };
    let tls = match (scheme, starttls) {
        ("smtps", _) => "TLS",
        (_, true) => "STARTTLS",
        _ => "no TLS",
    };
    match user.filter(|u| !u.is_empty()) {
        Some(user) => format!("{host}{port} ({tls}, user {user})"),
        None => format!("{host}{port} ({tls})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(pairs: &[(&str, &str)]) -> Result<Config, super::super::ConfigError> {
        let map: std::collections::HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Config::from_lookup(|k| map.get(k).cloned())
    }

    /// One start-up line with everything an administrator checks first, and no password.
    #[test]
    fn the_summary_says_what_the_app_runs_with_without_passwords() {
        let c = config(&[
            ("DATABASE_URL", "sqlite:///var/lib/krb/krb.db?mode=rwc"),
            ("APP_ADDR", "0.0.0.0:8080"),
            ("PUBLIC_URL", "https://krb.example.nl"),
            ("COOKIE_SECURE", "true"),
            ("SMTP_URL", "smtps://krb:hunter2@mail.example.nl"),
            ("MAIL_FROM", "Klantenrijbewijs <noreply@krb.example.nl>"),
            ("REMINDER_INTERVAL_SECS", "900"),
        ])
        .expect("valid");
        let line = c.summary();
        for part in [
            concat!("klantenrijbewijs ", env!("CARGO_PKG_VERSION")),
            "listening on 0.0.0.0:8080",
            "database SQLite /var/lib/krb/krb.db;",
            "demo data off",
            "public URL https://krb.example.nl",
            "secure cookies on",
            "mail on via mail.example.nl:465 (TLS, user krb) from Klantenrijbewijs <noreply@krb.example.nl>",
            "reminder scheduler every 900 s",
            "improvements stale after 30 days, reopened after 2 walkers",
        ] {
            assert!(line.contains(part), "{part:?} missing from {line}");
        }
        assert!(!line.contains("hunter2"), "{line}");
        assert!(!line.contains('\n'), "one line: {line}");
        let local = config(&[("DEMO_DATA", "true"), ("REMINDER_INTERVAL_SECS", "0")])
            .expect("defaults")
            .summary();
        assert!(local.contains("demo data on"), "{local}");
        assert!(local.contains("mail off"), "{local}");
        assert!(local.contains("reminder scheduler off"), "{local}");
        assert!(
            local.contains("public URL unset (links in e-mail: http://127.0.0.1:3000)"),
            "{local}"
        );
        assert!(local.contains("klantenrijbewijs.db"), "{local}");
        let postgres = config(&[("DATABASE_URL", "postgres://krb:hunter2@db.example.nl/krb")])
            .expect("postgres")
            .summary();
        assert!(
            postgres.contains("database PostgreSQL db.example.nl:5432/krb as krb;"),
            "{postgres}"
        );
        assert!(!postgres.contains("hunter2"), "{postgres}");
    }

    #[test]
    fn the_mail_server_is_shown_with_its_port_and_encryption() {
        assert_eq!(
            smtp_server("smtp://127.0.0.1:2525"),
            "127.0.0.1:2525 (no TLS)"
        );
        assert_eq!(
            smtp_server("smtp://u:p@mail.example.nl?tls=required"),
            "mail.example.nl:587 (STARTTLS, user u)"
        );
        assert_eq!(
            smtp_server("smtps://mail.example.nl/krb.example.nl"),
            "mail.example.nl:465 (TLS)"
        );
        assert_eq!(smtp_server("smtp://relay"), "relay:25 (no TLS)");
    }
}
