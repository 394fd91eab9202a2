//! The step form as an island: the fields are rendered on the server (the island's children); the
//! island adds what needs the browser — autosave with its status line, the save buttons, and the
//! leave-page guard. Everything it shows arrives translated in its props, so the browser bundle
//! carries no translations.

use crate::components::autosave::StepAutosave;
use crate::domain::autosave::SaveStatus;
use crate::error::AppError;
use crate::routes;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The form's element id (the autosave reads the form by it).
pub const STEP_FORM_ID: &str = "step-form";

/// What the island needs to know about the step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StepSetup {
    pub walk_id: i64,
    /// 1-based position of this step, and how many there are.
    pub number: usize,
    pub total: usize,
    /// The answer version the page was rendered with.
    pub version: i64,
    /// Where the form posts without JavaScript.
    pub action: String,
    pub text: StepFormText,
}

/// The island's words, translated on the server.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StepFormText {
    /// Status line per `SaveStatus::message_key`.
    pub statuses: Vec<(String, String)>,
    pub load_latest: String,
    pub prev: String,
    pub save: String,
    pub next: String,
    pub finish: String,
    /// Field name → its label, and error key → message, for errors of a save made by the island.
    pub field_labels: Vec<(String, String)>,
    pub messages: Vec<(String, String)>,
}

impl StepFormText {
    fn lookup<'a>(pairs: &'a [(String, String)], key: &str) -> Option<&'a str> {
        pairs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    fn status(&self, status: SaveStatus) -> String {
        status
            .message_key()
            .and_then(|key| Self::lookup(&self.statuses, key))
            .unwrap_or_default()
            .to_owned()
    }

    /// "Label: message" lines for the fields a save was refused for; the refusal itself otherwise.
    fn error_lines(&self, error: &AppError) -> Vec<String> {
        let message = |key: &str| Self::lookup(&self.messages, key).unwrap_or(key).to_owned();
        match error.field_errors() {
            Some(fields) => fields
                .0
                .iter()
                .map(|f| {
                    let label = Self::lookup(&self.field_labels, &f.field).unwrap_or(&f.field);
                    format!("{label}: {}", message(&f.key))
                })
                .collect(),
            None => vec![message(error.user_message_key())],
        }
    }
}

/// The step form with autosave. `children` are the server-rendered fields.
#[island]
pub fn StepForm(setup: StepSetup, children: Children) -> impl IntoView {
    let StepSetup {
        walk_id,
        number,
        total,
        version,
        action,
        text,
    } = setup;
    let autosave = StepAutosave::new(version, STEP_FORM_ID);
    autosave.guard_leaving();
    let state = autosave.status();
    let error = autosave.error();
    let step_href = move |n: usize| routes::walk_step(walk_id, n);
    let on_input = {
        let autosave = autosave.clone();
        move |_| autosave.typed()
    };
    let on_change = {
        let autosave = autosave.clone();
        move |ev: leptos::ev::Event| {
            // Text fields also fire `change` when left; only choices save at once.
            if !is_text_field(&ev) {
                autosave.chose();
            }
        }
    };
    let on_submit = {
        let autosave = autosave.clone();
        move |ev: leptos::ev::SubmitEvent| {
            // With JavaScript the island saves; without it the form posts and the server redirects.
            ev.prevent_default();
            match submitter_value(&ev).as_str() {
                "next" => autosave.leave(step_href(number + 1)),
                "prev" => autosave.leave(step_href(number.saturating_sub(1).max(1))),
                "finish" => autosave.leave(routes::walk_finish(walk_id)),
                _ => autosave.save_now(),
            }
        }
    };
    let status_text = {
        let text = text.clone();
        move || text.status(state.get())
    };
    let error_view = {
        let text = text.clone();
        move || {
            error.get().map(|e| {
                view! {
                    <div class="alert alert--error" role="alert">
                        <ul class="error-list">
                            {text.error_lines(&e).into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
                        </ul>
                    </div>
                }
            })
        }
    };
    let load_latest = text.load_latest.clone();
    view! {
        <form id=STEP_FORM_ID class="form step-form" method="post" action=action autocomplete="off"
            on:submit=on_submit on:input=on_input on:change=on_change>
            {children()}
            {error_view}
            <p class="save-status" role="status" aria-live="polite" data-state=move || state.get().name()>
                {status_text}
                {move || (state.get() == SaveStatus::Conflict).then(|| view! {
                    " " <a href=step_href(number) data-discard="">{load_latest.clone()}</a>
                })}
            </p>
            <div class="form__actions step-form__actions">
                {(number > 1).then(|| view! {
                    <button class="btn btn--ghost" type="submit" name="form[go]" value="prev">{text.prev.clone()}</button>
                })}
                <button class="btn btn--secondary" type="submit" name="form[go]" value="stay">{text.save.clone()}</button>
                {if number < total {
                    view! { <button class="btn btn--primary" type="submit" name="form[go]" value="next">{text.next.clone()}</button> }.into_any()
                } else {
                    view! { <button class="btn btn--primary" type="submit" name="form[go]" value="finish">{text.finish.clone()}</button> }.into_any()
                }}
            </div>
        </form>
    }
}

/// Which submit button sent the form (`next`, `prev`, `finish`; `stay` for Enter or the save button).
fn submitter_value(ev: &leptos::ev::SubmitEvent) -> String {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        ev.submitter()
            .and_then(|s| s.dyn_into::<web_sys::HtmlButtonElement>().ok())
            .map(|b| b.value())
            .unwrap_or_else(|| "stay".to_owned())
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = ev;
        "stay".to_owned()
    }
}

/// True when a `change` event came from a text box (saved after typing stops, not at once).
fn is_text_field(ev: &leptos::ev::Event) -> bool {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        ev.target().is_some_and(|t| {
            t.dyn_ref::<web_sys::HtmlTextAreaElement>().is_some()
                || t.dyn_ref::<web_sys::HtmlInputElement>()
                    .is_some_and(|i| !matches!(i.type_().as_str(), "radio" | "checkbox"))
        })
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = ev;
        false
    }
}
