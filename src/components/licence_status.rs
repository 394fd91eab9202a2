//! A person's licence standing as a panel (status, last valid day, days left, window, grace
//! period) and the renewal checklist with links to where each step is done, worded for who reads it.

use crate::domain::licence::{LicenceStatus, RenewalProgress, Standing, Step};
use crate::i18n::{I18n, use_i18n};
use crate::routes;
use leptos::prelude::*;

/// The status word as a badge, coloured by status (never colour alone: the word is there).
#[component]
pub fn StatusBadge(status: LicenceStatus) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <span class=format!("licence-badge licence-badge--{}", status.code())>{i18n.t(status.label_key())}</span>
    }
}

/// Who reads a licence page: its holder, the holder's manager (who signs off), or HR or an admin.
/// The texts speak to the reader: only the holder is told what to do ("renew now").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reader {
    Holder,
    Manager,
    Hr,
}

impl Reader {
    /// `holder` for the holder, else `other` (the holder's name is `$name` in it).
    fn key(self, holder: &'static str, other: &'static str) -> &'static str {
        if self == Reader::Holder {
            holder
        } else {
            other
        }
    }
}

/// The sentence under the badge: until when, how long, what happens next, worded for `reader`
/// (`name` is the holder's).
pub fn standing_text(i18n: I18n, s: &Standing, reader: Reader, name: &str) -> Vec<String> {
    let day = |d: Option<chrono::NaiveDate>| d.map(|d| i18n.day(d)).unwrap_or_default();
    let through = day(s.valid_through);
    let left = s.days_left.unwrap_or_default().to_string();
    let name = || ("name", name.to_owned());
    let t = |key: &str, args: &[(&str, String)]| {
        let mut args = args.to_vec();
        args.push(name());
        i18n.t_with(key, &args)
    };
    match s.status {
        LicenceStatus::NeverCertified => vec![t(
            match reader {
                Reader::Holder => "licence-text-never",
                Reader::Manager => "licence-text-never-manager",
                Reader::Hr => "licence-text-never-hr",
            },
            &[],
        )],
        LicenceStatus::Valid => vec![
            t("licence-text-valid-through", &[("date", through)]),
            t(
                reader.key("licence-text-days-left", "licence-text-days-left-other"),
                &[("days", left), ("opens", day(s.window_opens))],
            ),
        ],
        LicenceStatus::RenewalDue => vec![
            t("licence-text-valid-through", &[("date", through)]),
            if left == "0" {
                t("licence-text-last-day", &[])
            } else {
                t(
                    match reader {
                        Reader::Holder => "licence-text-renewal-due",
                        Reader::Manager => "licence-text-renewal-due-manager",
                        Reader::Hr => "licence-text-renewal-due-hr",
                    },
                    &[("days", left)],
                )
            },
        ],
        LicenceStatus::InGrace => vec![t(
            reader.key("licence-text-in-grace", "licence-text-in-grace-other"),
            &[("date", through), ("until", day(s.grace_until))],
        )],
        LicenceStatus::Expired => vec![t(
            reader.key("licence-text-expired", "licence-text-expired-other"),
            &[("date", through)],
        )],
        LicenceStatus::Revoked => vec![t(
            reader.key("licence-text-revoked", "licence-text-revoked-other"),
            &[],
        )],
    }
}

/// The status panel.
#[component]
pub fn StandingPanel(
    standing: Standing,
    reader: Reader,
    name: String,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let i18n = use_i18n();
    let lines = standing_text(i18n, &standing, reader, &name);
    view! {
        <section class=format!("card licence-standing licence-standing--{}", standing.status.code())
            aria-labelledby="licence-standing-heading">
            <h2 class="card__title" id="licence-standing-heading">{i18n.t("licence-standing-heading")}</h2>
            <p class="licence-standing__status"><StatusBadge status=standing.status /></p>
            {lines.into_iter().map(|l| view! { <p class="licence-standing__line">{l}</p> }).collect_view()}
            {children.map(|c| c())}
        </section>
    }
}

/// The checklist towards the next sign-off (or the first licence). Only the holder gets links
/// that lead them to do each step; finished steps link for everyone.
#[component]
pub fn Checklist(
    progress: RenewalProgress,
    standing: Standing,
    reviewer_name: Option<String>,
    reader: Reader,
    name: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let reviewer = reviewer_name.unwrap_or_else(|| {
        i18n.t(reader.key("licence-reviewer-unknown", "licence-reviewer-unknown-other"))
    });
    let who = [("name", name.clone())];
    let note = match standing.status {
        LicenceStatus::Valid => Some(
            i18n.t_with(
                reader.key("licence-checklist-window", "licence-checklist-window-other"),
                &[(
                    "opens",
                    standing
                        .window_opens
                        .map(|d| i18n.day(d))
                        .unwrap_or_default(),
                )],
            ),
        ),
        LicenceStatus::NeverCertified => Some(i18n.t_with(
            reader.key("licence-checklist-first", "licence-checklist-first-other"),
            &who,
        )),
        _ => None,
    };
    let items = progress.checklist().map(|(step, done)| {
        let (label, detail, href) = step_line(i18n, step, &progress, &standing, &reviewer, reader);
        (step, done, label, capitalised(detail), href)
    });
    view! {
        <section class="card" aria-labelledby="licence-checklist-heading">
            <h2 class="card__title" id="licence-checklist-heading">{i18n.t("licence-checklist-heading")}</h2>
            {note.map(|note| view! { <p class="licence-checklist__note">{note}</p> })}
            <ol class="licence-checklist">
                {items.into_iter().map(|(step, done, label, detail, href)| {
                    let state = if done { i18n.t("licence-step-done") } else { i18n.t("licence-step-open") };
                    view! {
                        <li class="licence-checklist__item" class:licence-checklist__item--done=done data-step=format!("{step:?}").to_lowercase()>
                            <span class="licence-checklist__mark" aria-hidden="true">{if done { "✓" } else { "" }}</span>
                            <div>
                                <p class="licence-checklist__label">
                                    {label} <span class="visually-hidden">" (" {state} ")"</span>
                                </p>
                                <p class="licence-checklist__detail">
                                    {match href {
                                        Some(href) => view! { <a href=href>{detail}</a> }.into_any(),
                                        None => view! { <span>{detail}</span> }.into_any(),
                                    }}
                                </p>
                            </div>
                        </li>
                    }
                }).collect_view()}
            </ol>
        </section>
    }
}

/// A line that starts with a name ("de leidinggevende tekent af …") starts with a capital.
fn capitalised(text: String) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) if first.is_lowercase() => first.to_uppercase().chain(chars).collect(),
        _ => text,
    }
}

/// One checklist line: its name, what to do or what was done, and where.
fn step_line(
    i18n: I18n,
    step: Step,
    p: &RenewalProgress,
    standing: &Standing,
    reviewer: &str,
    reader: Reader,
) -> (String, String, Option<String>) {
    let own = reader == Reader::Holder;
    let link = |href: String| own.then_some(href);
    let k = |holder: &'static str, other: &'static str| i18n.t(reader.key(holder, other));
    match step {
        Step::Walkthrough => {
            let label = i18n.t("licence-step-walkthrough");
            match (p.walkthrough_completed, p.walkthrough_in_progress) {
                (Some(id), _) => (
                    label,
                    i18n.t("licence-step-walkthrough-done"),
                    Some(routes::walkthrough(id)),
                ),
                (None, Some(id)) => (
                    label,
                    k(
                        "licence-step-walkthrough-continue",
                        "licence-step-walkthrough-continue-other",
                    ),
                    link(routes::walkthrough(id)),
                ),
                (None, None) => (
                    label,
                    k(
                        "licence-step-walkthrough-start",
                        "licence-step-walkthrough-start-other",
                    ),
                    link(routes::walk_home()),
                ),
            }
        }
        Step::Presentation => {
            let label = i18n.t("licence-step-presentation");
            match (&p.presentation, p.walkthrough_completed) {
                (Some((id, status)), _) if status == "draft" || status == "sent_back" => (
                    label,
                    k(
                        "licence-step-presentation-draft",
                        "licence-step-presentation-draft-other",
                    ),
                    link(routes::presentation_edit(id)),
                ),
                (Some((id, _)), _) => (
                    label,
                    i18n.t("licence-step-presentation-done"),
                    Some(routes::presentation(id)),
                ),
                (None, Some(walk)) => (
                    label,
                    k(
                        "licence-step-presentation-make",
                        "licence-step-presentation-make-other",
                    ),
                    link(routes::walkthrough(walk)),
                ),
                (None, None) => (label, i18n.t("licence-step-presentation-after-walk"), None),
            }
        }
        Step::Confirmation => {
            let label = k(
                "licence-step-confirmation",
                "licence-step-confirmation-other",
            );
            match &p.presentation {
                _ if p.confirmed => (label, i18n.t("licence-step-confirmation-done"), None),
                Some((id, status)) if status == "presented" => (
                    label,
                    i18n.t_with(
                        "licence-step-confirmation-waiting",
                        &[("name", reviewer.to_owned())],
                    ),
                    Some(routes::presentation_meeting(id)),
                ),
                Some((id, _)) => (
                    label,
                    k(
                        "licence-step-confirmation-record",
                        "licence-step-confirmation-record-other",
                    ),
                    link(routes::presentation_meeting(id)),
                ),
                None => (label, i18n.t("licence-step-confirmation-later"), None),
            }
        }
        Step::SignOff => {
            let label = i18n.t("licence-step-sign-off");
            let manager = reader == Reader::Manager;
            let detail = if !p.ready_for_sign_off() {
                if manager {
                    i18n.t("licence-step-sign-off-later-manager")
                } else {
                    i18n.t_with(
                        "licence-step-sign-off-later",
                        &[("name", reviewer.to_owned())],
                    )
                }
            } else if standing.status == LicenceStatus::Valid {
                i18n.t_with(
                    "licence-step-sign-off-window",
                    &[(
                        "opens",
                        standing
                            .window_opens
                            .map(|d| i18n.day(d))
                            .unwrap_or_default(),
                    )],
                )
            } else if manager {
                i18n.t("licence-step-sign-off-ready-manager")
            } else {
                i18n.t_with(
                    "licence-step-sign-off-ready",
                    &[("name", reviewer.to_owned())],
                )
            };
            (label, detail, None)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Locale;
    use chrono::NaiveDate;

    fn standing(status: LicenceStatus) -> Standing {
        let day = NaiveDate::from_ymd_opt(2027, 1, 31);
        Standing {
            status,
            valid_through: day,
            days_left: Some(20),
            window_opens: day,
            grace_until: day,
        }
    }

    fn text(locale: Locale, status: LicenceStatus, reader: Reader) -> String {
        standing_text(
            I18n::new(locale),
            &standing(status),
            reader,
            "Ilse de Vries",
        )
        .join(" ")
    }

    #[test]
    fn only_the_holder_is_told_to_renew_now() {
        let due = LicenceStatus::RenewalDue;
        assert!(text(Locale::Nl, due, Reader::Holder).contains("verleng nu"));
        assert!(text(Locale::En, due, Reader::Holder).contains("renew now"));
        for reader in [Reader::Manager, Reader::Hr] {
            for locale in [Locale::Nl, Locale::En] {
                let t = text(locale, due, reader).to_lowercase();
                assert!(!t.contains("verleng nu") && !t.contains("renew now"), "{t}");
                assert!(!t.contains(" je ") && !t.contains(" your licence"), "{t}");
            }
        }
        assert!(text(Locale::Nl, due, Reader::Manager).contains("jij tekent af"));
        assert!(text(Locale::Nl, due, Reader::Hr).contains("de leidinggevende tekent af"));
    }

    #[test]
    fn the_never_certified_earn_their_first_licence_and_are_not_told_to_renew() {
        for reader in [Reader::Holder, Reader::Manager, Reader::Hr] {
            let nl = text(Locale::Nl, LicenceStatus::NeverCertified, reader);
            let en = text(Locale::En, LicenceStatus::NeverCertified, reader);
            assert!(
                !nl.contains("verleng") && !en.contains("renew"),
                "{nl} / {en}"
            );
            assert!(nl.contains("eerste") && en.contains("first"), "{nl} / {en}");
        }
    }

    #[test]
    fn a_line_that_starts_with_a_name_starts_with_a_capital() {
        assert_eq!(
            capitalised("de leidinggevende tekent af".into()),
            "De leidinggevende tekent af"
        );
        assert_eq!(capitalised("Ilse".into()), "Ilse");
        assert_eq!(capitalised(String::new()), "");
    }

    #[test]
    fn others_read_about_the_holder_by_name() {
        for status in [
            LicenceStatus::InGrace,
            LicenceStatus::Expired,
            LicenceStatus::Revoked,
        ] {
            for reader in [Reader::Manager, Reader::Hr] {
                let nl = text(Locale::Nl, status, reader);
                assert!(nl.contains("Ilse de Vries") && !nl.contains(" je "), "{nl}");
            }
            assert!(!text(Locale::Nl, status, Reader::Holder).contains("Ilse"));
        }
    }
}
