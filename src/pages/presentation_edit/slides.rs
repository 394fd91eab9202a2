//! The editor's slide list: each slide with its kind, the finding it shows and that finding's
//! photos, buttons to move it or leave it out, and its speaker notes. Each control is its own
//! small form; after a post the browser comes back at `#slide-<id>`, so focus and scroll stay put.

use crate::api::presentation::edit::{
    EditorPage, MoveSlide, SaveSlideNotes, SetEvidenceSensitive, SetSlideIncluded,
};
use crate::components::char_count::CharCount;
use crate::components::form::{ErrorSummary, action_error};
use crate::domain::presentation::{Move, PresentationDetail, Slide, SlideKind, move_slide};
use crate::domain::text;
use crate::domain::walkthrough::{EvidenceItem, Friction, Severity};
use crate::i18n::use_i18n;
use crate::routes;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The short severity word for a finding's line ("Blokkade", "Groot", "Klein ongemak").
fn severity_key(severity: Severity) -> &'static str {
    match severity {
        Severity::Blocker => "severity-blocker-short",
        other => other.label_key(),
    }
}

/// The forms' shared actions: one per kind of change, used by every slide.
#[derive(Clone, Copy)]
struct Actions {
    moved: ServerAction<MoveSlide>,
    included: ServerAction<SetSlideIncluded>,
    notes: ServerAction<SaveSlideNotes>,
    sensitive: ServerAction<SetEvidenceSensitive>,
}

#[component]
pub fn SlideList(editor: EditorPage) -> impl IntoView {
    let i18n = use_i18n();
    let actions = Actions {
        moved: ServerAction::new(),
        included: ServerAction::new(),
        notes: ServerAction::new(),
        sensitive: ServerAction::new(),
    };
    let notes_saved = use_query_map().with_untracked(|q| {
        q.get("notes_saved")
            .and_then(|v| v.parse::<i64>().ok())
    });
    let detail = editor.page.detail;
    let order: Vec<i64> = detail.slides.iter().map(|s| s.id).collect();
    let draft_slide = editor
        .draft
        .get("slide_id")
        .and_then(|v| v.parse::<i64>().ok());
    let draft_notes = editor.draft.get("notes").cloned();
    let items = detail
        .slides
        .iter()
        .enumerate()
        .map(|(i, slide)| {
            let notes = match (draft_slide, &draft_notes) {
                (Some(s), Some(n)) if s == slide.id => n.clone(),
                _ => slide.notes.clone(),
            };
            view! {
                <SlideItem number=i + 1 slide=slide.clone() detail=detail.clone() actions
                    can_up=move_slide(&order, slide.id, Move::Up).is_some()
                    can_down=move_slide(&order, slide.id, Move::Down).is_some()
                    notes notes_saved=notes_saved == Some(slide.id) />
            }
        })
        .collect_view();
    view! {
        <section class="pedit__slides" id="slides" aria-labelledby="pedit-slides-title">
            <h2 id="pedit-slides-title">{i18n.t("presentation-edit-slides")}</h2>
            <p class="table__muted">{i18n.t("presentation-edit-slides-lead")}</p>
            <ErrorSummary error=action_error(actions.moved) />
            <ErrorSummary error=action_error(actions.included) />
            <ErrorSummary error=action_error(actions.notes) />
            <ErrorSummary error=action_error(actions.sensitive) />
            <ol class="pslides">{items}</ol>
        </section>
    }
}

#[component]
fn SlideItem(
    number: usize,
    slide: Slide,
    detail: PresentationDetail,
    actions: Actions,
    can_up: bool,
    can_down: bool,
    notes: String,
    notes_saved: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = detail.id;
    let sid = slide.id;
    let friction = slide.friction_id.and_then(|f| detail.friction(f)).cloned();
    let title = match (&friction, slide.kind) {
        (Some(f), _) => f.title.clone(),
        (None, SlideKind::Title) => detail.title.clone(),
        (None, kind) => i18n.t(kind.label_key()),
    };
    let kind_line = match &friction {
        Some(f) => {
            let mut parts = vec![i18n.t(slide.kind.label_key()), i18n.t(f.kind.label_key())];
            parts.extend(f.severity.map(|s| i18n.t(severity_key(s))));
            parts.join(" · ")
        }
        None => i18n.t(slide.kind.label_key()),
    };
    let evidence: Vec<EvidenceItem> = friction
        .as_ref()
        .map(|f| {
            detail
                .walk
                .steps
                .iter()
                .flat_map(|s| &s.evidence)
                .filter(|e| e.friction_id == Some(f.id))
                .cloned()
                .collect()
        })
        .unwrap_or_default();
    let is_title = slide.kind == SlideKind::Title;
    let title_id = format!("slide-{sid}-title");
    let move_form = move |direction: &'static str, enabled: bool, label: String, title: String| {
        let aria = format!("{label}: {title}");
        view! {
            <ActionForm action=actions.moved attr:class="pslide__form">
                <input type="hidden" name="id" value=id />
                <input type="hidden" name="slide_id" value=sid />
                <input type="hidden" name="direction" value=direction />
                <button type="submit" class="btn btn--ghost btn--small" disabled=!enabled
                    data-move=direction aria-label=aria>{label}</button>
            </ActionForm>
        }
    };
    view! {
        <li class="card pslide" class:pslide--out=!slide.included id=format!("slide-{sid}") tabindex="-1"
            aria-labelledby=title_id.clone() data-slide=sid>
            <div class="pslide__head">
                <span class="pslide__number" aria-hidden="true">{number}</span>
                <div class="pslide__what">
                    <p class="pslide__kind">{kind_line}</p>
                    <h3 class="pslide__title" id=title_id.clone()>{title.clone()}</h3>
                    {(!slide.included).then(|| view! { <p class="pslide__out">{i18n.t("presentation-slide-left-out")}</p> })}
                </div>
            </div>
            {friction.map(|f| view! { <FindingEvidence presentation_id=id friction=f evidence sensitive=detail.sensitive_evidence.clone() actions /> })}
            {(!is_title).then(|| view! {
                <div class="pslide__actions">
                    {move_form("up", can_up, i18n.t("presentation-slide-up"), title.clone())}
                    {move_form("down", can_down, i18n.t("presentation-slide-down"), title.clone())}
                    <ActionForm action=actions.included attr:class="pslide__form">
                        <input type="hidden" name="id" value=id />
                        <input type="hidden" name="slide_id" value=sid />
                        <input type="hidden" name="included" value=(!slide.included).to_string() />
                        <button type="submit" class="btn btn--ghost btn--small" aria-label=format!("{}: {}",
                            i18n.t(if slide.included { "presentation-slide-leave-out" } else { "presentation-slide-include" }), title)>
                            {i18n.t(if slide.included { "presentation-slide-leave-out" } else { "presentation-slide-include" })}
                        </button>
                    </ActionForm>
                </div>
            })}
            <NotesForm presentation_id=id slide_id=sid notes saved=notes_saved action=actions.notes />
        </li>
    }
}

/// The photos and documents of one finding, each with its "sensitive" choice.
#[component]
fn FindingEvidence(
    presentation_id: i64,
    friction: Friction,
    evidence: Vec<EvidenceItem>,
    sensitive: Vec<i64>,
    actions: Actions,
) -> impl IntoView {
    let i18n = use_i18n();
    let what = (!friction.what_happened.trim().is_empty())
        .then(|| view! { <p class="pslide__text">{friction.what_happened.clone()}</p> });
    let items = evidence
        .into_iter()
        .map(|e| {
            let name = if e.caption.is_empty() { e.original_name.clone() } else { e.caption.clone() };
            let marked = sensitive.contains(&e.id);
            let check_id = format!("sensitive-{}", e.id);
            let shown = if e.has_thumbnail {
                view! { <img src=routes::evidence_thumbnail(e.id) alt=name.clone() loading="lazy" decoding="async" /> }.into_any()
            } else {
                view! { <span class="pslide__file">{name.clone()}</span> }.into_any()
            };
            view! {
                <li class="pslide__evidence" id=format!("evidence-{}", e.id)>
                    <a href=routes::evidence(e.id) class="pslide__thumb">{shown}</a>
                    <ActionForm action=actions.sensitive attr:class="pslide__sensitive">
                        <input type="hidden" name="id" value=presentation_id />
                        <input type="hidden" name="evidence_id" value=e.id />
                        <input type="checkbox" name="sensitive" value="true" id=check_id.clone() checked=marked />
                        <label for=check_id>{i18n.t("presentation-evidence-sensitive")}</label>
                        <button type="submit" class="btn btn--ghost btn--small"
                            aria-label=format!("{}: {name}", i18n.t("presentation-evidence-sensitive-save"))>
                            {i18n.t("presentation-evidence-sensitive-save")}
                        </button>
                    </ActionForm>
                </li>
            }
        })
        .collect_view();
    view! {
        {what}
        <ul class="pslide__evidence-list" aria-label=i18n.t("evidence-list-label")>{items}</ul>
    }
}

/// Speaker notes of one slide: plain text, shown only to the presenter.
#[component]
fn NotesForm(
    presentation_id: i64,
    slide_id: i64,
    notes: String,
    saved: bool,
    action: ServerAction<SaveSlideNotes>,
) -> impl IntoView {
    let i18n = use_i18n();
    let field = format!("notes-{slide_id}");
    let used = text::length(&notes);
    let count = crate::components::form::count_text(i18n);
    view! {
        <ActionForm action attr:class="pslide__notes">
            <input type="hidden" name="id" value=presentation_id />
            <input type="hidden" name="slide_id" value=slide_id />
            <label class="field__label" for=field.clone()>{i18n.t("presentation-slide-notes")}</label>
            <textarea class="field__input field__input--area" id=field.clone() name="notes" rows="2">{notes}</textarea>
            <CharCount field max=text::MEDIUM used text=count />
            <div class="pslide__notes-actions">
                <button type="submit" class="btn btn--ghost btn--small">{i18n.t("presentation-slide-notes-save")}</button>
                {saved.then(|| view! { <span class="pslide__saved" role="status">{i18n.t("presentation-edit-saved")}</span> })}
            </div>
        </ActionForm>
    }
}
