//! Outgoing e-mail over SMTP (server only): `lettre` on tokio with rustls (no OpenSSL), configured
//! by `SMTP_URL` and `MAIL_FROM`. Without `SMTP_URL` the [`Mailer`] is disabled: callers record
//! that nothing was mailed and the in-app notification is all the person gets.
//!
//! Messages are `multipart/alternative` with a plain-text part and an HTML part; every text that
//! goes into the HTML part is escaped ([`escape_html`]). The texts themselves come from Fluent
//! (`locales/<lang>/mail.ftl`) in the recipient's language, see [`reminder`].

pub mod access;
pub mod first_licence;
pub mod improvement;
pub mod in_flight;
pub mod nudge;
pub mod reminder;

use lettre::message::{Mailbox, MultiPart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::time::Duration;

/// How long one SMTP conversation may take before it counts as failed.
const SMTP_TIMEOUT: Duration = Duration::from_secs(20);

/// Subject and bodies of one message, already in the recipient's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailContent {
    pub subject: String,
    /// The plain-text part (always present).
    pub text: String,
    /// The HTML part: built from escaped text only.
    pub html: String,
}

/// A name and an address as stored on a person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recipient {
    pub name: String,
    pub email: String,
}

/// Why a message was not handed to the SMTP server.
#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("mail is disabled (SMTP_URL is not set)")]
    Disabled,
    #[error("invalid recipient address {0:?}")]
    Address(String),
    #[error("message could not be built: {0}")]
    Build(#[from] lettre::error::Error),
    #[error("SMTP: {0}")]
    Smtp(#[from] lettre::transport::smtp::Error),
}

/// The sender when `MAIL_FROM` is not set.
pub const DEFAULT_MAIL_FROM: &str = "Klantenrijbewijs <noreply@localhost>";

/// Sends mail, or does nothing when mail is disabled. Cheap to clone (the transport is shared).
#[derive(Clone)]
pub struct Mailer {
    transport: Option<AsyncSmtpTransport<Tokio1Executor>>,
    from: Mailbox,
    /// Mail being sent in the background, let finish when the app stops.
    pub in_flight: in_flight::InFlight,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mailer")
            .field("enabled", &self.is_enabled())
            .field("from", &self.from.to_string())
            .finish()
    }
}

impl Mailer {
    /// The mailer for `smtp_url` (None: disabled) sending as `from`. Both were checked when the
    /// configuration was read; a bad value still fails here rather than at the first message.
    pub fn new(smtp_url: Option<&str>, from: &str) -> Result<Mailer, String> {
        let from = parse_mailbox(from).ok_or_else(|| format!("MAIL_FROM {from:?} is invalid"))?;
        let transport = match smtp_url {
            None => None,
            Some(url) => Some(
                AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                    .map_err(|e| format!("SMTP_URL {}: {e}", redact_url(url)))?
                    .timeout(Some(SMTP_TIMEOUT))
                    .build(),
            ),
        };
        Ok(Mailer {
            transport,
            from,
            in_flight: Default::default(),
        })
    }

    /// From the app's configuration (`SMTP_URL`, `MAIL_FROM`). Whether mail is on and where it
    /// goes is in the start-up summary (`Config::summary`).
    pub fn from_settings(smtp_url: Option<&str>, mail_from: &str) -> Result<Mailer, String> {
        Mailer::new(smtp_url, mail_from)
    }

    /// A mailer that sends nothing.
    pub fn disabled() -> Mailer {
        Mailer {
            transport: None,
            // A constant, checked by the configuration tests.
            from: parse_mailbox(DEFAULT_MAIL_FROM).expect("the default sender is a valid address"),
            in_flight: Default::default(),
        }
    }

    pub fn is_enabled(&self) -> bool {
        self.transport.is_some()
    }

    /// Checks an `SMTP_URL` the way [`Mailer::new`] will read it.
    pub fn check_url(url: &str) -> Result<(), String> {
        AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map(|_| ())
            .map_err(|e| e.to_string())
    }

    /// Sends one message of `kind` (`licence_reminder`, `invitation`, …: the label it is
    /// counted under in the metrics) to `to`, copying `cc`.
    pub async fn send(
        &self,
        kind: &'static str,
        to: &[Recipient],
        cc: &[Recipient],
        content: &MailContent,
    ) -> Result<(), MailError> {
        let Some(transport) = &self.transport else {
            return Err(MailError::Disabled);
        };
        let sent = match self.build(to, cc, content) {
            Ok(message) => transport
                .send(message)
                .await
                .map(drop)
                .map_err(MailError::from),
            Err(e) => Err(e),
        };
        crate::monitoring::mail(kind, sent.is_ok());
        sent
    }

    /// The message as it goes out (also what the unit tests look at).
    pub fn build(
        &self,
        to: &[Recipient],
        cc: &[Recipient],
        content: &MailContent,
    ) -> Result<Message, MailError> {
        // A unique Message-ID in the sender's domain (mail without one looks like spam).
        let message_id = format!(
            "<{:032x}@{}>",
            rand::random::<u128>(),
            self.from.email.domain()
        );
        let mut builder = Message::builder()
            .from(self.from.clone())
            .message_id(Some(message_id))
            .subject(content.subject.clone());
        for r in to {
            builder = builder.to(mailbox(r)?);
        }
        for r in cc {
            builder = builder.cc(mailbox(r)?);
        }
        let body = MultiPart::alternative_plain_html(content.text.clone(), content.html.clone());
        Ok(builder.multipart(body)?)
    }
}

fn mailbox(r: &Recipient) -> Result<Mailbox, MailError> {
    let address = r
        .email
        .parse::<lettre::Address>()
        .map_err(|_| MailError::Address(r.email.clone()))?;
    Ok(Mailbox::new(Some(r.name.clone()), address))
}

/// `Name <address>` or a bare address; `None` when it is not one.
pub fn parse_mailbox(raw: &str) -> Option<Mailbox> {
    raw.trim().parse::<Mailbox>().ok()
}

/// The URL with any password replaced, for logs and error messages.
pub fn redact_url(raw: &str) -> String {
    match (raw.split_once("://"), raw.rfind('@')) {
        (Some((scheme, rest)), Some(_)) => {
            let (userinfo, host) = rest.rsplit_once('@').unwrap_or(("", rest));
            let user = userinfo.split(':').next().unwrap_or("");
            format!("{scheme}://{user}:***@{host}")
        }
        _ => raw.to_owned(),
    }
}

/// Escapes text for HTML element content and attribute values.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn content() -> MailContent {
        MailContent {
            subject: "Je klantenrijbewijs verloopt — over 7 dagen".to_owned(),
            text: "Beste Daan,\nTekst.".to_owned(),
            html: "<p>Beste Daan,</p>".to_owned(),
        }
    }

    #[test]
    fn a_message_has_plain_and_html_parts_and_the_copy() {
        let mailer = Mailer::new(
            Some("smtp://127.0.0.1:2525"),
            "KRB <noreply@krb.example.nl>",
        )
        .expect("mailer");
        assert!(mailer.is_enabled());
        let to = [Recipient {
            name: "Daan Bakker".into(),
            email: "daan@example.nl".into(),
        }];
        let cc = [Recipient {
            name: "Marieke Jansen".into(),
            email: "marieke@example.nl".into(),
        }];
        let raw = String::from_utf8(
            mailer
                .build(&to, &cc, &content())
                .expect("built")
                .formatted(),
        )
        .expect("utf8");
        assert!(raw.contains("From: KRB <noreply@krb.example.nl>"), "{raw}");
        assert!(
            raw.contains("To: \"Daan Bakker\" <daan@example.nl>"),
            "{raw}"
        );
        assert!(
            raw.contains("Cc: \"Marieke Jansen\" <marieke@example.nl>"),
            "{raw}"
        );
        assert!(raw.contains("multipart/alternative"));
        assert!(raw.contains("Message-ID: <"), "{raw}");
        assert!(raw.contains("@krb.example.nl>\r\n"), "{raw}");
        assert!(raw.contains("text/plain; charset=utf-8"));
        assert!(raw.contains("text/html; charset=utf-8"));
    }

    #[test]
    fn bad_addresses_and_a_disabled_mailer_refuse() {
        let mailer = Mailer::disabled();
        assert!(!mailer.is_enabled());
        let to = [Recipient {
            name: "X".into(),
            email: "not an address".into(),
        }];
        assert!(matches!(
            mailer.build(&to, &[], &content()),
            Err(MailError::Address(_))
        ));
        assert!(Mailer::new(None, "nonsense").is_err());
        assert!(Mailer::check_url("smtp://localhost:25").is_ok());
        assert!(Mailer::check_url("imap://localhost").is_err());
    }

    #[test]
    fn escaping_and_redaction() {
        assert_eq!(
            escape_html("<a href=\"x\">'&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
        assert_eq!(
            redact_url("smtps://user:secret@mail.example.nl"),
            "smtps://user:***@mail.example.nl"
        );
        assert_eq!(redact_url("smtp://127.0.0.1:2525"), "smtp://127.0.0.1:2525");
    }
}
