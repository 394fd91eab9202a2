//! `/presentations/:id/edit`: the author's editor. The texts form with its rendered preview is
//! here; the slide list (order, shown or left out, notes, sensitive evidence) is in `slides`.
//! Every form is a plain post that brings the browser back to the part it changed.

mod slides;

use crate::api::presentation::edit::{EditorPage, SaveTexts, load_editor};
use crate::components::errors::LoadError;
use crate::components::form::{ErrorSummary, TextArea, TextField, action_error, field_message};
use crate::components::guard::{RequireRole, any_role};
use crate::components::layout::PageHeader;
use crate::components::walk::RadioScale;
use crate::domain::Refusal;
use crate::domain::presentation::{TITLE_MAX, Visibility};
use crate::domain::text;
use crate::error::AppError;
use crate::i18n::use_i18n;
use crate::pages::id_param;
use crate::routes;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// `/presentations/:id/edit`
#[component]
pub fn PresentationEditPage() -> impl IntoView {
    let id = id_param("id");
    let data = Resource::new(
        move || id.get(),
        |id| async move {
            match id {
                Some(id) => load_editor(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <RequireRole allowed=any_role children=move |_| view! {
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(editor) => view! { <Editor editor /> }.into_any(),
                        Err(AppError::Refused(Refusal::PresentationConfirmed)) => {
                            view! { <Confirmed id=id.get_untracked().unwrap_or_default() /> }.into_any()
                        }
                        Err(error) => view! { <LoadError error /> }.into_any(),
                    }
                })}
            </Suspense>
        } />
    }
}

/// The author of a confirmed presentation: it is final, here is where to read it.
#[component]
fn Confirmed(id: i64) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageHeader title=i18n.t("presentation-edit-title") />
        <div class="alert alert--warning" role="alert">
            <p>{i18n.t("presentation-error-confirmed")}</p>
            <p><a href=routes::presentation(id)>{i18n.t("presentation-edit-open")}</a></p>
        </div>
    }
}

#[component]
fn Editor(editor: EditorPage) -> impl IntoView {
    let i18n = use_i18n();
    let detail = editor.page.detail.clone();
    let id = detail.id;
    let saved = use_query_map().with_untracked(|q| q.get("saved").is_some());
    view! {
        <PageHeader title=i18n.t("presentation-edit-title") lead=detail.title.clone()>
            <a class="btn btn--primary" href=routes::presentation_present(id)>{i18n.t("presentation-edit-present")}</a>
            <a class="btn btn--ghost" href=routes::presentation(id)>{i18n.t("presentation-edit-view")}</a>
        </PageHeader>
        <p class="table__muted">{i18n.t(detail.status.label_key())}</p>
        {saved.then(|| view! { <div class="alert alert--success" role="status">{i18n.t("presentation-edit-saved")}</div> })}
        <div class="pedit">
            <TextsForm editor=editor.clone() />
            <Preview editor=editor.clone() />
            <slides::SlideList editor />
        </div>
    }
}

/// Title, the three Markdown texts and who may read it once presented.
#[component]
fn TextsForm(editor: EditorPage) -> impl IntoView {
    let i18n = use_i18n();
    let save = ServerAction::<SaveTexts>::new();
    let error = action_error(save);
    let d = editor.page.detail;
    // What a rejected post without JavaScript typed wins over what is stored.
    let draft = editor.draft.clone();
    let has_draft = draft.contains_key("title");
    let value = move |k: &str, stored: &str| {
        if has_draft {
            draft.get(k).cloned().unwrap_or_default()
        } else {
            stored.to_owned()
        }
    };
    let visibility = value("visibility", d.visibility.code());
    let options = Visibility::ALL
        .iter()
        .map(|v| (v.code().to_owned(), i18n.t(v.label_key()), None))
        .collect::<Vec<_>>();
    let hint = i18n.t("presentation-markdown-hint");
    view! {
        <section class="card pedit__texts" id="texts" aria-labelledby="pedit-texts-title">
            <h2 class="card__title" id="pedit-texts-title">{i18n.t("presentation-edit-texts")}</h2>
            <ActionForm action=save attr:class="form" attr:novalidate="">
                <input type="hidden" name="form[id]" value=d.id />
                <input type="hidden" name="form[version]" value=d.version />
                <ErrorSummary error />
                <TextField name="form[title]" field="title" label=i18n.t("presentation-field-title") value=value("title", &d.title)
                    required=true autocomplete="off" hint=i18n.t_with("presentation-field-title-hint", &[("max", TITLE_MAX.to_string())])
                    error=field_message(error, "title") />
                <TextArea name="form[introduction]" field="introduction" max=text::LONG rows=6 label=i18n.t("slide-introduction")
                    value=value("introduction", &d.introduction) hint=hint.clone() error=field_message(error, "introduction") />
                <TextArea name="form[key_message]" field="key_message" max=text::LONG rows=3 label=i18n.t("slide-key-message")
                    value=value("key_message", &d.key_message) hint=i18n.t("presentation-field-key-message-hint") error=field_message(error, "key_message") />
                <TextArea name="form[recommendations]" field="recommendations" max=text::LONG rows=6 label=i18n.t("slide-recommendations")
                    value=value("recommendations", &d.recommendations) hint=hint error=field_message(error, "recommendations") />
                <RadioScale name="form[visibility]" field="visibility" legend=i18n.t("presentation-field-visibility")
                    hint=i18n.t("presentation-field-visibility-hint") options selected=visibility error=field_message(error, "visibility") />
                <div class="form__actions">
                    <button type="submit" class="btn btn--primary">{i18n.t("presentation-edit-save-texts")}</button>
                </div>
            </ActionForm>
        </section>
    }
}

/// The Markdown texts as colleagues will see them. The HTML was rendered and sanitised on the
/// server (`crate::markdown`); nothing else is ever inserted as HTML.
#[component]
fn Preview(editor: EditorPage) -> impl IntoView {
    let i18n = use_i18n();
    let html = editor.page.html;
    let empty = i18n.t("presentation-preview-empty");
    let part = move |key: &'static str, body: String| {
        let shown = if body.trim().is_empty() {
            view! { <p class="table__muted">{empty.clone()}</p> }.into_any()
        } else {
            view! { <div class="prose pedit__md" inner_html=body></div> }.into_any()
        };
        view! { <h3>{i18n.t(key)}</h3> {shown} }
    };
    view! {
        <section class="card pedit__preview" aria-labelledby="pedit-preview-title">
            <h2 class="card__title" id="pedit-preview-title">{i18n.t("presentation-preview")}</h2>
            {part("slide-introduction", html.introduction)}
            {part("slide-key-message", html.key_message)}
            {part("slide-recommendations", html.recommendations)}
        </section>
    }
}
