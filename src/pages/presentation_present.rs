//! `/presentations/:id/present`: the slides as a full-screen deck (with `?notes=1`, the speaker's
//! window that follows it). Anyone who may read the presentation may present it; the server
//! decides (`load_presentation`), and redacts notes for all but the author.

use crate::api::presentation::{PresentationPage, load_presentation};
use crate::components::guard::{RequireRole, any_role};
use crate::components::load::Loaded;
use crate::components::present::{PresentControls, PresentText};
use crate::components::slides::SlideDeck;
use crate::error::AppError;
use crate::i18n::use_i18n;
use crate::pages::id_param;
use crate::routes;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// `/presentations/:id/present`
#[component]
pub fn PresentPage() -> impl IntoView {
    let id = id_param("id");
    let data: Resource<Result<PresentationPage, AppError>> = Resource::new(
        move || id.get(),
        |id| async move {
            match id {
                Some(id) => load_presentation(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    let notes_window = use_query_map().with_untracked(|q| q.get("notes").as_deref() == Some("1"));
    view! {
        <RequireRole allowed=any_role children=move |_| view! {
            <Loaded resource=data children=move |page| view! { <Present page=page notes_window=notes_window /> } />
        } />
    }
}

#[component]
fn Present(page: PresentationPage, notes_window: bool) -> impl IntoView {
    let i18n = use_i18n();
    let id = page.detail.id;
    let total = page.detail.included_slides().count();
    let has_notes = page
        .detail
        .included_slides()
        .any(|s| !s.notes.trim().is_empty());
    let title = page.detail.title.clone();
    let text = PresentText {
        previous: i18n.t("present-previous"),
        next: i18n.t("present-next"),
        fullscreen: i18n.t("present-fullscreen"),
        notes: i18n.t("present-notes-toggle"),
        notes_window: i18n.t("present-notes-window"),
        back: i18n.t("present-back"),
        controls: i18n.t("present-controls"),
        counter: i18n.t_with(
            "present-slide-label",
            &[("number", "#".to_owned()), ("total", "#".to_owned())],
        ),
    };
    let heading = if notes_window {
        i18n.t_with("present-notes-window-title", &[("title", title.clone())])
    } else {
        title.clone()
    };
    view! {
        <leptos_meta::Title text=heading.clone() />
        <div class="present" id="present" data-notes-window=notes_window.then_some("")>
            <header class="present__head">
                <h1 class="present__title">{heading}</h1>
                <p class="present__hint">{i18n.t("present-hint")}</p>
                <p><a href=routes::presentation(id)>{i18n.t("present-back")}</a></p>
            </header>
            <SlideDeck page=page notes=true links=true />
            <PresentControls
                total=total
                has_notes=has_notes
                notes_window=notes_window
                channel=format!("krb-present-{id}")
                notes_href=format!("{}?notes=1", routes::presentation_present(id))
                back_href=routes::presentation(id)
                text=text
            />
        </div>
    }
}
