//! The slides of a presentation, rendered on the server: stacked as a document on the read page and
//! one at a time in present mode (the stylesheet decides). Use `<SlideDeck page=... />`.

mod finding;

use crate::api::presentation::PresentationPage;
use crate::components::walk::EmotionCurve;
use crate::domain::presentation::{PresentationDetail, Slide, SlideKind, suggestions};
use crate::i18n::{I18n, use_i18n};
use leptos::prelude::*;

pub use finding::FindingSlide;

/// The anchor of slide `number` (1-based): present mode links and the island use the same ids.
pub fn slide_anchor(number: usize) -> String {
    format!("slide-{number}")
}

/// Every included slide in order, each a `<section class="slide" id="slide-N">` with its number
/// read out ("Dia 3 van 12"). With `notes`, the speaker notes the viewer may see (only the author
/// gets them from the server) follow each slide in an `aside`, hidden until present mode shows them.
/// With `links`, each slide ends in links to the previous and next one (present mode without
/// JavaScript).
#[component]
pub fn SlideDeck(
    page: PresentationPage,
    #[prop(optional)] notes: bool,
    #[prop(optional)] links: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let slides: Vec<Slide> = page.detail.included_slides().cloned().collect();
    let total = slides.len();
    let detail = page.detail.clone();
    let html = page.html;
    view! {
        <div class="deck__slides">
            {slides.into_iter().enumerate().map(|(i, slide)| {
                let number = i + 1;
                let label = i18n.t_with(
                    "present-slide-label",
                    &[("number", number.to_string()), ("total", total.to_string())],
                );
                let body = slide_body(i18n, &detail, &slide, &html);
                let note = (notes && !slide.notes.trim().is_empty()).then(|| view! {
                    <aside class="slide__notes" aria-label=i18n.t("present-notes")>
                        <p class="slide__notes-text">{slide.notes.clone()}</p>
                    </aside>
                });
                let nav = links.then(|| view! {
                    <nav class="slide__nav" aria-label=i18n.t_with("present-slide-nav", &[("number", number.to_string())])>
                        {(number > 1).then(|| view! { <a href=format!("#{}", slide_anchor(number - 1))>{i18n.t("present-previous")}</a> })}
                        {(number < total).then(|| view! { <a href=format!("#{}", slide_anchor(number + 1))>{i18n.t("present-next")}</a> })}
                    </nav>
                });
                view! {
                    <section class="slide" id=slide_anchor(number) aria-label=label data-kind=slide.kind.code()
                        data-number=number>
                        <div class="slide__frame">
                            {body}
                            <p class="slide__number" aria-hidden="true">{format!("{number} / {total}")}</p>
                        </div>
                        {note}
                        {nav}
                    </section>
                }
            }).collect_view()}
        </div>
    }
}

/// What one slide shows, by kind.
fn slide_body(
    i18n: I18n,
    detail: &PresentationDetail,
    slide: &Slide,
    html: &crate::api::presentation::RenderedTexts,
) -> AnyView {
    match slide.kind {
        SlideKind::Title => {
            let finished = detail.walk.summary.finished_at.map(|at| i18n.date(at));
            view! {
                <div class="slide__content slide__content--title">
                    <p class="slide__eyebrow">{detail.walk.journey_title.clone()}</p>
                    <h2 class="slide__title slide__title--big">{detail.title.clone()}</h2>
                    <p class="slide__byline">{detail.author_name.clone()}</p>
                    {finished.map(|d| view! {
                        <p class="slide__meta">{i18n.t_with("present-walked-on", &[("date", d)])}</p>
                    })}
                </div>
            }
            .into_any()
        }
        SlideKind::Introduction => markdown_slide(i18n, slide.kind, html.introduction.clone()),
        SlideKind::KeyMessage => markdown_slide(i18n, slide.kind, html.key_message.clone()),
        SlideKind::Recommendations => {
            markdown_slide(i18n, slide.kind, html.recommendations.clone())
        }
        SlideKind::Scenario => {
            let w = &detail.walk;
            view! {
                <div class="slide__content">
                    <h2 class="slide__title">{i18n.t("slide-scenario")}</h2>
                    <dl class="slide__facts">
                        <dt>{i18n.t("journey-field-persona")}</dt><dd>{w.persona.clone()}</dd>
                        <dt>{i18n.t("journey-field-goal")}</dt><dd>{w.goal.clone()}</dd>
                        <dt>{i18n.t("journey-field-scenario")}</dt><dd>{w.scenario.clone()}</dd>
                    </dl>
                </div>
            }
            .into_any()
        }
        SlideKind::Curve => view! {
            <div class="slide__content slide__content--curve">
                <h2 class="slide__title">{i18n.t("slide-curve")}</h2>
                <EmotionCurve steps=detail.walk.steps.clone() />
            </div>
        }
        .into_any(),
        SlideKind::Finding => match slide.friction_id.and_then(|id| detail.friction(id)) {
            Some(f) => {
                view! { <FindingSlide detail=detail.clone() friction=f.clone() /> }.into_any()
            }
            // The friction is gone from a frozen walkthrough only if the data is broken: say so
            // on the slide rather than fail the whole presentation.
            None => view! {
                <div class="slide__content">
                    <h2 class="slide__title">{i18n.t("slide-finding")}</h2>
                    <p>{i18n.t("present-finding-missing")}</p>
                </div>
            }
            .into_any(),
        },
        SlideKind::Suggestions => {
            let items: Vec<(String, String)> = suggestions(detail.included_findings())
                .into_iter()
                .map(|f| (f.title.clone(), f.suggestion.clone()))
                .collect();
            view! {
                <div class="slide__content">
                    <h2 class="slide__title">{i18n.t("slide-suggestions")}</h2>
                    {if items.is_empty() {
                        view! { <p class="slide__muted">{i18n.t("present-suggestions-none")}</p> }.into_any()
                    } else {
                        view! {
                            <ul class="slide__suggestions">
                                {items.into_iter().map(|(title, suggestion)| view! {
                                    <li><strong>{title}</strong><span>{suggestion}</span></li>
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                </div>
            }
            .into_any()
        }
    }
}

/// A slide with the author's Markdown, rendered and sanitised on the server (`crate::markdown`).
fn markdown_slide(i18n: I18n, kind: SlideKind, html: String) -> AnyView {
    view! {
        <div class="slide__content">
            <h2 class="slide__title">{i18n.t(kind.label_key())}</h2>
            <div class="slide__prose prose" inner_html=html></div>
        </div>
    }
    .into_any()
}
