//! The text of a licence reminder e-mail, in the holder's language, from `locales/*/mail.ftl`.
//!
//! The wording follows the real number of days left on the day the message goes out, not the
//! nominal kind: a reminder caught up after downtime (or retried after an SMTP failure) never
//! claims "30 days left" when there are 23. The kind adds the renewal invitation when the window
//! opens. The manager's copy is the same message (a Cc), so it is in the holder's language.

use super::{MailContent, escape_html};
use crate::domain::Locale;
use crate::domain::licence::reminder::ReminderKind;
use crate::i18n::I18n;
use chrono::NaiveDate;

/// What a reminder message says.
#[derive(Debug, Clone)]
pub struct ReminderText<'a> {
    pub locale: Locale,
    pub holder_name: &'a str,
    pub kind: ReminderKind,
    pub valid_through: NaiveDate,
    /// The day the message goes out (Europe/Amsterdam).
    pub today: NaiveDate,
    /// The full address of the "my licence" page.
    pub link: &'a str,
    /// The manager's name when they are copied.
    pub manager_name: Option<&'a str>,
}

/// Subject, plain text and HTML of one reminder.
pub fn compose(r: &ReminderText<'_>) -> MailContent {
    let i18n = I18n::new(r.locale);
    let (subject, mut paragraphs) = wording(&i18n, r.kind, r.valid_through, r.today);
    if let Some(manager) = r.manager_name {
        paragraphs.push(i18n.t_with("mail-reminder-cc", &[("manager", manager.to_owned())]));
    }
    render(&i18n, r.holder_name, subject, &paragraphs, r.link)
}

/// Subject and paragraphs for a licence valid through `valid_through`, seen on `today`: the real
/// number of days left decides (see the module doc); `kind` only adds the window invitation.
pub(super) fn wording(
    i18n: &I18n,
    kind: ReminderKind,
    valid_through: NaiveDate,
    today: NaiveDate,
) -> (String, Vec<String>) {
    let date = i18n.day(valid_through);
    let days_left = (valid_through - today).num_days();
    let with_date =
        |key: &str, count: i64| i18n.t_with_count(key, count, &[("date", date.clone())]);
    if days_left < 0 {
        (
            i18n.t("mail-reminder-expired-subject"),
            vec![
                with_date("mail-reminder-expired-lead", -days_left),
                i18n.t("mail-reminder-renew"),
            ],
        )
    } else if days_left == 0 {
        (
            i18n.t("mail-reminder-expiry-subject"),
            vec![
                with_date("mail-reminder-expiry-lead", 0),
                i18n.t("mail-reminder-renew"),
            ],
        )
    } else if kind == ReminderKind::WindowOpen {
        (
            i18n.t("mail-reminder-window-subject"),
            vec![
                with_date("mail-reminder-window-lead", days_left),
                i18n.t("mail-reminder-window-next"),
            ],
        )
    } else {
        (
            i18n.t_with_count("mail-reminder-before-subject", days_left, &[]),
            vec![
                with_date("mail-reminder-before-lead", days_left),
                i18n.t("mail-reminder-renew"),
            ],
        )
    }
}

/// The message around `paragraphs`: greeting, the link to "my licence", the footer; the HTML
/// part from escaped text only.
pub(super) fn render(
    i18n: &I18n,
    name: &str,
    subject: String,
    paragraphs: &[String],
    link: &str,
) -> MailContent {
    let keys = ("mail-reminder-link", "mail-reminder-link-label");
    render_linked(i18n, name, subject, paragraphs, link, keys)
}

/// [`render`] with another link line and label (`(line_key, label_key)`; the line takes `$link`).
pub(super) fn render_linked(
    i18n: &I18n,
    name: &str,
    subject: String,
    paragraphs: &[String],
    link: &str,
    (line_key, label_key): (&str, &str),
) -> MailContent {
    let greeting = i18n.t_with("mail-reminder-greeting", &[("name", name.to_owned())]);
    let link_line = i18n.t_with(line_key, &[("link", link.to_owned())]);
    let footer = i18n.t("mail-reminder-footer");

    let mut text = format!("{greeting}\n\n");
    for p in paragraphs {
        text.push_str(p);
        text.push_str("\n\n");
    }
    text.push_str(&format!("{link_line}\n\n-- \n{footer}\n"));

    let mut html = format!(
        "<!doctype html><html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title></head>\
         <body style=\"font-family:system-ui,sans-serif;line-height:1.5;color:#1f2937\">\
         <p>{}</p>",
        i18n.locale.code(),
        escape_html(&subject),
        escape_html(&greeting)
    );
    for p in paragraphs {
        html.push_str(&format!("<p>{}</p>", escape_html(p)));
    }
    html.push_str(&format!(
        "<p><a href=\"{}\">{}</a></p><p style=\"color:#6b7280;font-size:0.875em\">{}</p></body></html>",
        escape_html(link),
        escape_html(&i18n.t(label_key)),
        escape_html(&footer)
    ));
    MailContent {
        subject,
        text,
        html,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    fn text(locale: Locale, kind: ReminderKind, today: NaiveDate) -> MailContent {
        compose(&ReminderText {
            locale,
            holder_name: "Daan <b>Bakker</b>",
            kind,
            valid_through: d(2027, 3, 31),
            today,
            link: "https://krb.example.nl/licence",
            manager_name: None,
        })
    }

    #[test]
    fn each_kind_reads_right_in_both_languages() {
        let window = text(Locale::Nl, ReminderKind::WindowOpen, d(2027, 1, 30));
        assert_eq!(
            window.subject,
            "Je klantenrijbewijs: het vernieuwingsvenster is open"
        );
        assert!(
            window.text.contains("geldig t/m 31-03-2027 (nog 60 dagen)"),
            "{}",
            window.text
        );
        assert!(window.text.contains("Loop opnieuw een klantreis"));
        let before = text(Locale::En, ReminderKind::Before(30), d(2027, 3, 1));
        assert_eq!(before.subject, "Your customer licence expires in 30 days");
        assert!(
            before
                .text
                .contains("valid through 31 Mar 2027: 30 days left."),
            "{}",
            before.text
        );
        let tomorrow = text(Locale::Nl, ReminderKind::Before(1), d(2027, 3, 30));
        assert_eq!(tomorrow.subject, "Je klantenrijbewijs verloopt morgen");
        let last = text(Locale::En, ReminderKind::Expiry, d(2027, 3, 31));
        assert_eq!(
            last.subject,
            "Today is the last day of your customer licence"
        );
        assert!(
            last.text.contains("today is the last day it counts"),
            "{}",
            last.text
        );
        let expired = text(Locale::Nl, ReminderKind::Expired(1), d(2027, 4, 7));
        assert_eq!(expired.subject, "Je klantenrijbewijs is verlopen");
        assert!(
            expired.text.contains("sinds 7 dagen verlopen"),
            "{}",
            expired.text
        );
        for m in [window, before, last, expired] {
            assert!(m.text.contains("https://krb.example.nl/licence"));
            assert!(m.html.contains("href=\"https://krb.example.nl/licence\""));
        }
    }

    /// A late (caught-up) 30-day reminder states the real days left.
    #[test]
    fn the_wording_follows_the_real_days_left() {
        let late = text(Locale::En, ReminderKind::Before(30), d(2027, 3, 8));
        assert_eq!(late.subject, "Your customer licence expires in 23 days");
        let after = text(Locale::En, ReminderKind::Before(7), d(2027, 4, 1));
        assert_eq!(after.subject, "Your customer licence has expired");
        assert!(after.text.contains("expired 1 day ago"), "{}", after.text);
    }

    #[test]
    fn names_are_escaped_in_html_and_the_copy_is_announced() {
        let m = compose(&ReminderText {
            locale: Locale::En,
            holder_name: "Daan <b>Bakker</b>",
            kind: ReminderKind::Before(7),
            valid_through: d(2027, 3, 31),
            today: d(2027, 3, 24),
            link: "https://krb.example.nl/licence?a=1&b=\"2\"",
            manager_name: Some("Marieke <script>"),
        });
        assert!(m.text.starts_with("Dear Daan <b>Bakker</b>,\n"));
        assert!(
            m.text
                .contains("Your manager, Marieke <script>, receives a copy")
        );
        assert!(
            m.html.contains("Dear Daan &lt;b&gt;Bakker&lt;/b&gt;,"),
            "{}",
            m.html
        );
        assert!(m.html.contains("Marieke &lt;script&gt;"));
        assert!(
            m.html
                .contains("href=\"https://krb.example.nl/licence?a=1&amp;b=&quot;2&quot;\"")
        );
        assert!(!m.html.contains("<script>") && !m.html.contains("<b>"));
    }
}
