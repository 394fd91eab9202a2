//! The texts of the invitation and the password-reset e-mail, in the recipient's language
//! (`locales/*/access.ftl`). What an invitation asks the person to do is decided in one place,
//! [`invitation_steps`]: today that is "set your password with this link"; once single sign-on
//! exists, its variant ("sign in with your company account") goes there.

use super::{MailContent, escape_html};
use crate::domain::Locale;
use crate::i18n::I18n;
use chrono::{DateTime, Utc};

/// What an invitation says.
#[derive(Debug, Clone)]
pub struct InvitationText<'a> {
    pub locale: Locale,
    pub name: &'a str,
    /// The full address of the set-password page with the token.
    pub link: &'a str,
    pub expires_at: DateTime<Utc>,
    /// The app's address, for signing in later.
    pub sign_in: &'a str,
}

/// What the invitation asks the person to do, and the label of its link.
fn invitation_steps(i18n: &I18n, t: &InvitationText<'_>) -> (Vec<String>, String) {
    (
        vec![
            i18n.t("mail-invite-lead"),
            i18n.t_with(
                "mail-invite-steps",
                &[("date", i18n.datetime(t.expires_at))],
            ),
            i18n.t_with("mail-invite-later", &[("link", t.sign_in.to_owned())]),
        ],
        i18n.t("mail-invite-button"),
    )
}

/// Subject, plain text and HTML of an invitation.
pub fn invitation(t: &InvitationText<'_>) -> MailContent {
    let i18n = I18n::new(t.locale);
    let (paragraphs, button) = invitation_steps(&i18n, t);
    render(
        &i18n,
        t.name,
        i18n.t("mail-invite-subject"),
        &paragraphs,
        t.link,
        &button,
    )
}

/// Subject, plain text and HTML of a reset link (valid for an hour).
pub fn reset(locale: Locale, name: &str, link: &str) -> MailContent {
    let i18n = I18n::new(locale);
    let paragraphs = [i18n.t("mail-reset-lead"), i18n.t("mail-reset-ignore")];
    render(
        &i18n,
        name,
        i18n.t("mail-reset-subject"),
        &paragraphs,
        link,
        &i18n.t("mail-reset-button"),
    )
}

/// The message around `paragraphs`: greeting, the link (written out in the text part), footer;
/// the HTML part from escaped text only.
fn render(
    i18n: &I18n,
    name: &str,
    subject: String,
    paragraphs: &[String],
    link: &str,
    button: &str,
) -> MailContent {
    let greeting = i18n.t_with("mail-reminder-greeting", &[("name", name.to_owned())]);
    let footer = i18n.t("mail-reminder-footer");
    let mut text = format!("{greeting}\n\n");
    for p in paragraphs {
        text.push_str(p);
        text.push_str("\n\n");
    }
    text.push_str(&format!("{button}: {link}\n\n-- \n{footer}\n"));
    let mut html = format!(
        "<!doctype html><html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title></head>\
         <body style=\"font-family:system-ui,sans-serif;line-height:1.5;color:#1f2937\"><p>{}</p>",
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
        escape_html(button),
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
    use chrono::TimeZone;

    fn text(locale: Locale) -> MailContent {
        invitation(&InvitationText {
            locale,
            name: "Daan <b>Bakker</b>",
            link: "https://krb.example.nl/password/abc",
            expires_at: Utc
                .with_ymd_and_hms(2026, 12, 21, 9, 0, 0)
                .single()
                .expect("time"),
            sign_in: "https://krb.example.nl/login",
        })
    }

    #[test]
    fn an_invitation_reads_in_the_persons_language_with_its_link() {
        let nl = text(Locale::Nl);
        assert_eq!(
            nl.subject,
            "Welkom bij Klantenrijbewijs: kies je wachtwoord"
        );
        assert!(
            nl.text.starts_with("Beste Daan <b>Bakker</b>,"),
            "{}",
            nl.text
        );
        assert!(nl.text.contains("https://krb.example.nl/password/abc"));
        assert!(nl.text.contains("21-12-2026"), "{}", nl.text);
        let en = text(Locale::En);
        assert_eq!(
            en.subject,
            "Welcome to Klantenrijbewijs: choose your password"
        );
        assert!(
            en.html
                .contains("href=\"https://krb.example.nl/password/abc\"")
        );
        assert!(en.html.contains("Daan &lt;b&gt;Bakker"));
    }

    #[test]
    fn a_reset_says_it_can_be_ignored() {
        let m = reset(Locale::En, "Daan", "https://krb.example.nl/password/xyz");
        assert_eq!(m.subject, "Reset your Klantenrijbewijs password");
        assert!(m.text.contains("https://krb.example.nl/password/xyz"));
        assert!(m.text.contains("ignore"), "{}", m.text);
    }
}
