//! One finding slide: a friction, delight or question with where it happened and its evidence.

use crate::domain::evidence::EvidenceKind;
use crate::domain::presentation::PresentationDetail;
use crate::domain::walkthrough::{Friction, Severity};
use crate::i18n::use_i18n;
use crate::routes;
use leptos::prelude::*;

fn severity_key(s: Severity) -> &'static str {
    match s {
        Severity::Blocker => "severity-blocker-short",
        Severity::Major => "severity-major",
        Severity::Papercut => "severity-papercut",
    }
}

/// Kind and severity, title, what happened, the suggestion, Watkinson's principles, the step and
/// phase, then the photos (loaded eagerly, so a deck that lost its network still shows them) and
/// PDFs as links.
#[component]
pub fn FindingSlide(detail: PresentationDetail, friction: Friction) -> impl IntoView {
    let i18n = use_i18n();
    let f = friction;
    let place = detail
        .walk
        .steps
        .iter()
        .enumerate()
        .find(|(_, s)| s.step.id == f.step_id)
        .map(|(i, s)| {
            i18n.t_with(
                "present-step-phase",
                &[
                    ("number", (i + 1).to_string()),
                    ("step", s.step.title.clone()),
                    ("phase", i18n.t(s.step.phase.label_key())),
                ],
            )
        });
    let evidence: Vec<_> = detail
        .walk
        .steps
        .iter()
        .flat_map(|s| &s.evidence)
        .filter(|e| e.friction_id == Some(f.id))
        .cloned()
        .collect();
    let (photos, files): (Vec<_>, Vec<_>) = evidence.into_iter().partition(|e| {
        !matches!(
            EvidenceKind::from_content_type(&e.content_type),
            Some(EvidenceKind::Pdf) | None
        )
    });
    let has_photos = !photos.is_empty();
    let photo_count = photos.len();
    view! {
        <div class="slide__content slide__content--finding" class:slide__content--with-photos=has_photos>
            <div class="slide__text">
                <p class="slide__badges">
                    <span class="badge" data-kind=f.kind.code()>{i18n.t(f.kind.label_key())}</span>
                    {f.severity.map(|s| view! { <span class="badge" data-severity=s.code()>{i18n.t(severity_key(s))}</span> })}
                </p>
                <h2 class="slide__title">{f.title.clone()}</h2>
                {place.map(|p| view! { <p class="slide__meta">{p}</p> })}
                {(!f.what_happened.trim().is_empty()).then(|| view! { <p class="slide__happened">{f.what_happened.clone()}</p> })}
                {(!f.suggestion.trim().is_empty()).then(|| view! {
                    <p class="slide__suggestion"><strong>{i18n.t("walk-suggestion")} ": "</strong>{f.suggestion.clone()}</p>
                })}
                {(!f.principles.is_empty()).then(|| view! {
                    <ul class="badge-list" aria-label=i18n.t("present-principles")>
                        {f.principles.iter().map(|p| view! { <li class="badge badge--tag">{i18n.t(p.tag_key())}</li> }).collect_view()}
                    </ul>
                })}
                {(!files.is_empty()).then(|| view! {
                    <ul class="slide__files">
                        {files.into_iter().map(|e| {
                            let name = if e.caption.is_empty() { e.original_name.clone() } else { e.caption.clone() };
                            view! { <li><a href=routes::evidence(e.id)>{format!("{} ({})", name, i18n.t("evidence-kind-pdf"))}</a></li> }
                        }).collect_view()}
                    </ul>
                })}
            </div>
            {has_photos.then(|| view! {
                <div class="slide__photos" data-count=photo_count>
                    {photos.into_iter().map(|e| {
                        let alt = if e.caption.is_empty() { e.original_name.clone() } else { e.caption.clone() };
                        let caption = (!e.caption.is_empty()).then(|| e.caption.clone());
                        view! {
                            <figure class="slide__photo">
                                <img src=routes::evidence(e.id) alt=alt loading="eager" decoding="sync" />
                                {caption.map(|c| view! { <figcaption>{c}</figcaption> })}
                            </figure>
                        }
                    }).collect_view()}
                </div>
            })}
        </div>
    }
}
