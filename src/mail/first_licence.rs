//! The day-one e-mail: the invitation to earn a first licence and its reminders, in the
//! newcomer's language (`locales/*/mail.ftl`). Like the licence reminder, the wording follows the
//! real number of days until the first licence is due on the day the message goes out, so a
//! caught-up reminder never claims more time than is left; the first message a person gets is
//! always worded as the invitation (the welcome and how to start).

use super::MailContent;
use super::reminder::render;
use crate::domain::Locale;
use crate::domain::licence::reminder::first::FirstKind;
use crate::i18n::I18n;
use chrono::NaiveDate;

/// What a day-one message says.
#[derive(Debug, Clone)]
pub struct FirstText<'a> {
    pub locale: Locale,
    pub name: &'a str,
    pub kind: FirstKind,
    /// The day the first licence is due.
    pub due: NaiveDate,
    /// The day the message goes out (Europe/Amsterdam).
    pub today: NaiveDate,
    /// The full address of the "my licence" page.
    pub link: &'a str,
    /// The manager's name when they are copied.
    pub manager_name: Option<&'a str>,
}

/// Subject, plain text and HTML of one day-one message.
pub fn compose(f: &FirstText<'_>) -> MailContent {
    let i18n = I18n::new(f.locale);
    let date = i18n.day(f.due);
    let days_left = (f.due - f.today).num_days();
    let with_date =
        |key: &str, count: i64| i18n.t_with_count(key, count, &[("date", date.clone())]);
    let subject = match f.kind {
        FirstKind::Invite => i18n.t("mail-first-invite-subject"),
        _ if days_left > 0 => i18n.t_with_count("mail-first-before-subject", days_left, &[]),
        _ if days_left == 0 => i18n.t("mail-first-due-subject"),
        _ => i18n.t("mail-first-overdue-subject"),
    };
    let when = if days_left > 0 {
        with_date("mail-first-lead", days_left)
    } else if days_left == 0 {
        with_date("mail-first-today", 0)
    } else {
        with_date("mail-first-overdue", -days_left)
    };
    let mut paragraphs = vec![
        i18n.t("mail-first-welcome"),
        when,
        i18n.t("mail-first-start"),
    ];
    if let Some(manager) = f.manager_name {
        paragraphs.push(i18n.t_with("mail-reminder-cc", &[("manager", manager.to_owned())]));
    }
    render(&i18n, f.name, subject, &paragraphs, f.link)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    fn text(locale: Locale, kind: FirstKind, today: NaiveDate) -> MailContent {
        compose(&FirstText {
            locale,
            name: "Nina <b>Hoekstra</b>",
            kind,
            due: d(2027, 3, 5),
            today,
            link: "https://krb.example.nl/licence",
            manager_name: None,
        })
    }

    #[test]
    fn the_invitation_and_its_reminders_read_right_in_both_languages() {
        let invite = text(Locale::Nl, FirstKind::Invite, d(2027, 1, 4));
        assert_eq!(invite.subject, "Welkom: haal je eerste klantenrijbewijs");
        assert!(
            invite.text.contains("uiterlijk 05-03-2027: nog 60 dagen."),
            "{}",
            invite.text
        );
        assert!(invite.text.contains("echte klantreis"), "{}", invite.text);
        assert!(invite.html.contains("Nina &lt;b&gt;Hoekstra&lt;/b&gt;"));
        assert!(
            invite
                .html
                .contains("href=\"https://krb.example.nl/licence\"")
        );
        let en = text(Locale::En, FirstKind::Invite, d(2027, 1, 4));
        assert_eq!(en.subject, "Welcome: earn your first customer licence");
        let week = text(Locale::En, FirstKind::Before(7), d(2027, 2, 26));
        assert_eq!(week.subject, "7 days left for your first customer licence");
        let one = text(Locale::Nl, FirstKind::Before(1), d(2027, 3, 4));
        assert_eq!(one.subject, "Nog 1 dag voor je eerste klantenrijbewijs");
        let due = text(Locale::Nl, FirstKind::Due, d(2027, 3, 5));
        assert_eq!(due.subject, "Vandaag: je eerste klantenrijbewijs");
        let late = text(Locale::En, FirstKind::Overdue(1), d(2027, 3, 12));
        assert_eq!(late.subject, "Your first customer licence is still open");
        assert!(
            late.text.contains("planned for 05 Mar 2027, 7 days ago."),
            "{}",
            late.text
        );
    }

    #[test]
    fn the_copy_to_the_manager_is_announced() {
        let m = compose(&FirstText {
            locale: Locale::En,
            name: "Nina",
            kind: FirstKind::Before(7),
            due: d(2027, 3, 5),
            today: d(2027, 2, 26),
            link: "https://krb.example.nl/licence",
            manager_name: Some("Marieke Jansen"),
        });
        assert!(m.text.contains("Marieke Jansen"), "{}", m.text);
    }
}
