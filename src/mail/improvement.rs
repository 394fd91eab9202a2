//! The e-mail about an improvement, in the recipient's language (`locales/*/improvement_walker.ftl`):
//! fixed or closed as "won't fix" (to those who reported or recognised a linked friction), reopened
//! by later walkers (to the owner), overdue or quiet for too long (to the owner and the owning
//! team's leads). Each links to the improvement's page.

use super::MailContent;
use super::reminder::render_linked;
use crate::domain::Locale;
use crate::i18n::I18n;
use chrono::NaiveDate;

/// Why the message goes out (the `improvement_mail.event`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MailEvent {
    Fixed,
    WontFix,
    Reopened,
    Overdue,
    Stale,
}

impl MailEvent {
    pub const ALL: [MailEvent; 5] = [
        MailEvent::Fixed,
        MailEvent::WontFix,
        MailEvent::Reopened,
        MailEvent::Overdue,
        MailEvent::Stale,
    ];

    pub fn code(self) -> &'static str {
        match self {
            MailEvent::Fixed => "fixed",
            MailEvent::WontFix => "wont_fix",
            MailEvent::Reopened => "reopened",
            MailEvent::Overdue => "overdue",
            MailEvent::Stale => "stale",
        }
    }

    pub fn parse(code: &str) -> Option<MailEvent> {
        Self::ALL.into_iter().find(|e| e.code() == code)
    }

    /// The stem of its translation keys: `<stem>-subject`, `<stem>-lead`.
    fn key(self) -> &'static str {
        match self {
            MailEvent::Fixed => "mail-improvement-fixed",
            MailEvent::WontFix => "mail-improvement-wont-fix",
            MailEvent::Reopened => "mail-improvement-reopened",
            MailEvent::Overdue => "mail-improvement-overdue",
            MailEvent::Stale => "mail-improvement-stale",
        }
    }
}

/// What one improvement message says.
#[derive(Debug, Clone)]
pub struct ImprovementText<'a> {
    pub locale: Locale,
    pub recipient_name: &'a str,
    pub event: MailEvent,
    pub title: &'a str,
    /// The reason it will not be fixed (used for `WontFix`).
    pub reason: &'a str,
    /// The due date (used for `Overdue`).
    pub due_on: Option<NaiveDate>,
    /// The day of its last change (used for `Stale`).
    pub quiet_since: NaiveDate,
    /// The full address of the improvement's page.
    pub link: &'a str,
}

/// Subject, plain text and HTML of one message.
pub fn compose(m: &ImprovementText<'_>) -> MailContent {
    let i18n = I18n::new(m.locale);
    let stem = m.event.key();
    let args = [
        ("title", m.title.to_owned()),
        ("reason", m.reason.to_owned()),
        (
            "date",
            m.due_on
                .map(|d| i18n.day(d))
                .unwrap_or_else(|| "–".to_owned()),
        ),
        ("since", i18n.day(m.quiet_since)),
    ];
    let subject = i18n.t_with(&format!("{stem}-subject"), &args);
    let mut paragraphs = vec![i18n.t_with(&format!("{stem}-lead"), &args)];
    paragraphs.push(i18n.t(&format!("{stem}-next")));
    render_linked(
        &i18n,
        m.recipient_name,
        subject,
        &paragraphs,
        m.link,
        ("mail-improvement-link", "mail-improvement-link-label"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2027, m, day).expect("date")
    }

    fn mail(locale: Locale, event: MailEvent) -> MailContent {
        compose(&ImprovementText {
            locale,
            recipient_name: "Daan <b>Bakker</b>",
            event,
            title: "Schademelding <script>",
            reason: "Wettelijk verplicht & zo",
            due_on: Some(d(3, 1)),
            quiet_since: d(1, 15),
            link: "https://krb.example.nl/improvements/7",
        })
    }

    #[test]
    fn every_event_reads_in_both_languages_with_the_link() {
        for event in MailEvent::ALL {
            assert_eq!(MailEvent::parse(event.code()), Some(event));
            for locale in [Locale::Nl, Locale::En] {
                let m = mail(locale, event);
                assert!(
                    m.subject.contains("Schademelding <script>"),
                    "{}",
                    m.subject
                );
                assert!(m.text.contains("https://krb.example.nl/improvements/7"));
                assert!(
                    m.html
                        .contains("href=\"https://krb.example.nl/improvements/7\"")
                );
                // Nothing a person typed reaches the HTML unescaped.
                assert!(!m.html.contains("<script>"), "{}", m.html);
                assert!(m.html.contains("Daan &lt;b&gt;Bakker&lt;/b&gt;"));
                assert!(!m.text.contains("mail-improvement"), "{}", m.text);
            }
        }
        assert_eq!(MailEvent::parse("done"), None);
    }

    #[test]
    fn each_event_says_its_own_thing() {
        let fixed = mail(Locale::Nl, MailEvent::Fixed);
        assert!(fixed.subject.starts_with("Opgelost"), "{}", fixed.subject);
        let wont = mail(Locale::En, MailEvent::WontFix);
        assert!(
            wont.text.contains("Wettelijk verplicht & zo"),
            "{}",
            wont.text
        );
        assert!(wont.html.contains("Wettelijk verplicht &amp; zo"));
        let overdue = mail(Locale::Nl, MailEvent::Overdue);
        assert!(overdue.text.contains("01-03-2027"), "{}", overdue.text);
        let stale = mail(Locale::En, MailEvent::Stale);
        assert!(stale.text.contains("15 Jan 2027"), "{}", stale.text);
        let reopened = mail(Locale::En, MailEvent::Reopened);
        assert!(
            reopened.subject.starts_with("Reopened"),
            "{}",
            reopened.subject
        );
    }
}
