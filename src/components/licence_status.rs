//! A person's licence standing as a panel (status, last valid day, days left, window, grace) and
//! the renewal checklist with links to where each step is done.

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

/// The sentence under the badge: until when, how long, what happens next.
pub fn standing_text(i18n: I18n, s: &Standing) -> Vec<String> {
    let day = |d: Option<chrono::NaiveDate>| d.map(|d| i18n.day(d)).unwrap_or_default();
    let through = day(s.valid_through);
    let left = s.days_left.unwrap_or_default();
    match s.status {
        LicenceStatus::NeverCertified => vec![i18n.t("licence-text-never")],
        LicenceStatus::Valid => vec![
            i18n.t_with("licence-text-valid-through", &[("date", through)]),
            i18n.t_with(
                "licence-text-days-left",
                &[("days", left.to_string()), ("opens", day(s.window_opens))],
            ),
        ],
        LicenceStatus::RenewalDue => vec![
            i18n.t_with("licence-text-valid-through", &[("date", through)]),
            if left == 0 {
                i18n.t("licence-text-last-day")
            } else {
                i18n.t_with("licence-text-renewal-due", &[("days", left.to_string())])
            },
        ],
        LicenceStatus::InGrace => vec![i18n.t_with(
            "licence-text-in-grace",
            &[("date", through), ("until", day(s.grace_until))],
        )],
        LicenceStatus::Expired => vec![i18n.t_with("licence-text-expired", &[("date", through)])],
        LicenceStatus::Revoked => vec![i18n.t("licence-text-revoked")],
    }
}

/// The status panel.
#[component]
pub fn StandingPanel(
    standing: Standing,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let i18n = use_i18n();
    let lines = standing_text(i18n, &standing);
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

/// The checklist towards the next sign-off. `own`: the links lead the person to do each step.
#[component]
pub fn Checklist(
    progress: RenewalProgress,
    standing: Standing,
    reviewer_name: Option<String>,
    own: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let reviewer = reviewer_name.unwrap_or_else(|| i18n.t("licence-reviewer-unknown"));
    let window_closed = standing.status == LicenceStatus::Valid;
    let items = progress.checklist().map(|(step, done)| {
        let (label, detail, href) = step_line(i18n, step, &progress, &standing, &reviewer, own);
        (step, done, label, detail, href)
    });
    view! {
        <section class="card" aria-labelledby="licence-checklist-heading">
            <h2 class="card__title" id="licence-checklist-heading">{i18n.t("licence-checklist-heading")}</h2>
            {window_closed.then(|| view! {
                <p class="licence-checklist__note">{i18n.t_with("licence-checklist-window", &[
                    ("opens", standing.window_opens.map(|d| i18n.day(d)).unwrap_or_default()),
                ])}</p>
            })}
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

/// One checklist line: its name, what to do or what was done, and where.
fn step_line(
    i18n: I18n,
    step: Step,
    p: &RenewalProgress,
    standing: &Standing,
    reviewer: &str,
    own: bool,
) -> (String, String, Option<String>) {
    let link = |href: String| own.then_some(href);
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
                    i18n.t("licence-step-walkthrough-continue"),
                    link(routes::walkthrough(id)),
                ),
                (None, None) => (
                    label,
                    i18n.t("licence-step-walkthrough-start"),
                    link(routes::walk_home()),
                ),
            }
        }
        Step::Presentation => {
            let label = i18n.t("licence-step-presentation");
            match (&p.presentation, p.walkthrough_completed) {
                (Some((id, status)), _) if status == "draft" || status == "sent_back" => (
                    label,
                    i18n.t("licence-step-presentation-draft"),
                    link(routes::presentation_edit(id)),
                ),
                (Some((id, _)), _) => (
                    label,
                    i18n.t("licence-step-presentation-done"),
                    Some(routes::presentation(id)),
                ),
                (None, Some(walk)) => (
                    label,
                    i18n.t("licence-step-presentation-make"),
                    link(routes::walkthrough(walk)),
                ),
                (None, None) => (label, i18n.t("licence-step-presentation-after-walk"), None),
            }
        }
        Step::Confirmation => {
            let label = i18n.t("licence-step-confirmation");
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
                    i18n.t("licence-step-confirmation-record"),
                    link(routes::presentation_meeting(id)),
                ),
                None => (label, i18n.t("licence-step-confirmation-later"), None),
            }
        }
        Step::SignOff => {
            let label = i18n.t("licence-step-sign-off");
            let detail = if !p.ready_for_sign_off() {
                i18n.t_with(
                    "licence-step-sign-off-later",
                    &[("name", reviewer.to_owned())],
                )
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
