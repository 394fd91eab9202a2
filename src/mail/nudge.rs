//! The e-mail an HR nudge sends ("send the reminder now" on the dashboard), in the recipient's
//! language: who asked, then the same wording as the scheduled reminder for the days actually
//! left, or, for someone without a valid licence (never certified, revoked), how to get one.

use super::MailContent;
use super::reminder::{render, wording};
use crate::domain::Locale;
use crate::domain::licence::LicenceStatus;
use crate::domain::licence::reminder::ReminderKind;
use crate::i18n::I18n;
use chrono::NaiveDate;

/// What a nudge message says.
#[derive(Debug, Clone)]
pub struct NudgeText<'a> {
    pub locale: Locale,
    pub name: &'a str,
    pub status: LicenceStatus,
    /// The last valid day of the current period, if there is one.
    pub valid_through: Option<NaiveDate>,
    /// The day the message goes out (Europe/Amsterdam).
    pub today: NaiveDate,
    /// The full address of the "my licence" page.
    pub link: &'a str,
    /// The HR colleague who sent the nudge.
    pub requested_by: &'a str,
}

/// Subject, plain text and HTML of one nudge.
pub fn compose(n: &NudgeText<'_>) -> MailContent {
    let i18n = I18n::new(n.locale);
    let asked = i18n.t_with("mail-nudge-asked", &[("name", n.requested_by.to_owned())]);
    let licensed = !matches!(
        n.status,
        LicenceStatus::NeverCertified | LicenceStatus::Revoked
    );
    let (subject, mut paragraphs) = match n.valid_through {
        Some(through) if licensed => wording(&i18n, ReminderKind::Before(0), through, n.today),
        _ => (
            i18n.t("mail-nudge-none-subject"),
            vec![
                i18n.t("mail-nudge-none-lead"),
                i18n.t("mail-reminder-renew"),
            ],
        ),
    };
    paragraphs.insert(0, asked);
    render(&i18n, n.name, subject, &paragraphs, n.link)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    fn nudge(locale: Locale, status: LicenceStatus, through: Option<NaiveDate>) -> MailContent {
        compose(&NudgeText {
            locale,
            name: "Daan <b>Bakker</b>",
            status,
            valid_through: through,
            today: d(2027, 3, 1),
            link: "https://krb.example.nl/licence",
            requested_by: "Fatima El Amrani",
        })
    }

    #[test]
    fn a_licence_holder_reads_the_days_left_and_who_asked() {
        let m = nudge(Locale::Nl, LicenceStatus::RenewalDue, Some(d(2027, 3, 31)));
        assert_eq!(m.subject, "Je klantenrijbewijs verloopt over 30 dagen");
        assert!(
            m.text
                .starts_with("Beste Daan <b>Bakker</b>,\n\nFatima El Amrani (HR)"),
            "{}",
            m.text
        );
        assert!(m.text.contains("https://krb.example.nl/licence"));
        assert!(m.html.contains("Daan &lt;b&gt;Bakker&lt;/b&gt;"));
        let expired = nudge(Locale::En, LicenceStatus::Expired, Some(d(2027, 2, 1)));
        assert_eq!(expired.subject, "Your customer licence has expired");
        assert!(
            expired.text.contains("Fatima El Amrani (HR) asks"),
            "{}",
            expired.text
        );
    }

    #[test]
    fn someone_without_a_valid_licence_reads_how_to_get_one() {
        for status in [LicenceStatus::NeverCertified, LicenceStatus::Revoked] {
            let nl = nudge(Locale::Nl, status, Some(d(2027, 6, 1)));
            assert_eq!(nl.subject, "Haal je klantenrijbewijs");
            assert!(!nl.text.contains("geldig t/m"), "{}", nl.text);
            let en = nudge(Locale::En, status, None);
            assert_eq!(en.subject, "Get your customer licence");
        }
    }
}
