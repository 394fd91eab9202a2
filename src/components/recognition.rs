//! "Herkenbaar / Dit zag ik ook" per friction of a presentation: the count and colleagues' notes for
//! everyone who reads it, and for colleagues other than the author a plain form to recognise it
//! (with an optional line) or take that back.

use crate::api::presentation::social::{RecogniseFriction, UnrecogniseFriction};
use crate::components::form::{ErrorSummary, field_message};
use crate::domain::presentation::Recognition;
use crate::domain::walkthrough::Friction;
use crate::i18n::use_i18n;
use leptos::prelude::*;

#[component]
pub fn Recognitions(
    presentation_id: i64,
    viewer_id: i64,
    may_recognise: bool,
    frictions: Vec<Friction>,
    recognitions: Vec<Recognition>,
) -> impl IntoView {
    let i18n = use_i18n();
    if frictions.is_empty() {
        return ().into_any();
    }
    view! {
        <section class="recognitions" aria-labelledby="recognitions-heading">
            <h2 id="recognitions-heading">{i18n.t("recognition-title")}</h2>
            <p class="recognitions__lead">{i18n.t("recognition-lead")}</p>
            <ul class="recognitions__list" role="list">
                {frictions.into_iter().map(|f| {
                    let mine: Vec<Recognition> = recognitions.iter().filter(|r| r.friction_id == f.id).cloned().collect();
                    view! { <FrictionRecognition presentation_id viewer_id may_recognise friction=f recognitions=mine /> }
                }).collect_view()}
            </ul>
        </section>
    }
    .into_any()
}

#[component]
fn FrictionRecognition(
    presentation_id: i64,
    viewer_id: i64,
    may_recognise: bool,
    friction: Friction,
    recognitions: Vec<Recognition>,
) -> impl IntoView {
    let i18n = use_i18n();
    let recognise = ServerAction::<RecogniseFriction>::new();
    let undo = ServerAction::<UnrecogniseFriction>::new();
    let error = Signal::derive(move || recognise.value().get().and_then(|r| r.err()));
    let count = recognitions.len() as i64;
    let mine = recognitions
        .iter()
        .find(|r| r.person_id == viewer_id)
        .cloned();
    let note_id = format!("recognition-{}-note", friction.id);
    let severity = friction
        .severity
        .map(|s| i18n.t(&format!("library-severity-{}", s.code())));
    let form = may_recognise.then(|| {
        let own_note = mine.as_ref().map(|r| r.note.clone()).unwrap_or_default();
        let button = if mine.is_some() {
            i18n.t("recognition-update")
        } else {
            i18n.t("recognition-submit")
        };
        view! {
            <ActionForm action=recognise attr:class="recognition__form">
                <input type="hidden" name="presentation_id" value=presentation_id />
                <input type="hidden" name="friction_id" value=friction.id />
                <ErrorSummary error=error />
                <div class="field">
                    <label class="field__label" for=note_id.clone()>{i18n.t("recognition-note")}</label>
                    <input class="field__input" id=note_id.clone() name="note" type="text" value=own_note
                        aria-invalid=move || field_message(error, "note").get().is_some().then_some("true") />
                    {move || field_message(error, "note").get().map(|m| view! { <p class="field__error">{m}</p> })}
                </div>
                <button class="btn btn--secondary btn--small" type="submit">{button}</button>
            </ActionForm>
            {mine.is_some().then(|| view! {
                <ActionForm action=undo attr:class="recognition__undo">
                    <input type="hidden" name="presentation_id" value=presentation_id />
                    <input type="hidden" name="friction_id" value=friction.id />
                    <button class="btn btn--ghost btn--small" type="submit">{i18n.t("recognition-undo")}</button>
                </ActionForm>
            })}
        }
    });
    view! {
        <li class="recognition" id=format!("friction-{}", friction.id)>
            <h3 class="recognition__title">
                {friction.title.clone()}
                {severity.map(|s| view! { " " <span class="badge">{s}</span> })}
            </h3>
            <p class="recognition__count">{i18n.t_count("library-recognitions", count)}</p>
            {(!recognitions.is_empty()).then(|| view! {
                <ul class="recognition__notes" role="list">
                    {recognitions.into_iter().map(|r| view! {
                        <li>
                            <strong>{r.person_name}</strong>
                            {(!r.note.is_empty()).then(|| view! { ": " {r.note} })}
                        </li>
                    }).collect_view()}
                </ul>
            })}
            {form}
        </li>
    }
}
