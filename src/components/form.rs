//! Labelled form fields that show their own translated error, and the form-level error summary.

use crate::error::AppError;
use crate::i18n::use_i18n;
use leptos::prelude::*;

/// The error of the latest submission of an action, if it failed.
pub fn action_error<I, O>(action: ServerAction<I>) -> Signal<Option<AppError>>
where
    I: leptos::server_fn::ServerFn<Output = O, Error = AppError> + Clone + Send + Sync + 'static,
    O: Clone + Send + Sync + 'static,
{
    Signal::derive(move || action.value().get().and_then(|r| r.err()))
}

/// The translated message for one field of a failed submission.
pub fn field_message(
    error: Signal<Option<AppError>>,
    field: &'static str,
) -> Signal<Option<String>> {
    let i18n = use_i18n();
    Signal::derive(move || {
        error.with(|e| {
            e.as_ref()
                .and_then(|e| e.field_errors())
                .and_then(|f| f.for_field(field))
                .map(|key| i18n.t(key))
        })
    })
}

/// A form-level alert for a failed submission; announced to screen readers.
#[component]
pub fn ErrorSummary(error: Signal<Option<AppError>>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        error.get().map(|e| {
            view! {
                <div class="alert alert--error" role="alert">
                    {i18n.t(e.user_message_key())}
                </div>
            }
        })
    }
}

/// A success notice, shown when `show` is true.
#[component]
pub fn SuccessNotice(#[prop(into)] show: Signal<bool>, message: String) -> impl IntoView {
    move || {
        show.get().then(
            || view! { <div class="alert alert--success" role="status">{message.clone()}</div> },
        )
    }
}

fn field_id(field: &str) -> String {
    format!("field-{}", field.replace('_', "-"))
}

/// A labelled input. `name` is the submitted name (e.g. `form[email]`), `field` the key errors use.
#[component]
pub fn TextField(
    name: &'static str,
    field: &'static str,
    label: String,
    #[prop(optional, into)] value: String,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] hint: Option<String>,
    #[prop(optional)] required: bool,
    #[prop(optional)] optional_label: Option<String>,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let id = field_id(field);
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described = {
        let hint_id = hint_id.clone();
        let error_id = error_id.clone();
        let has_hint = hint.is_some();
        move || {
            let mut ids = Vec::new();
            if has_hint {
                ids.push(hint_id.clone());
            }
            if error.with(Option::is_some) {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="field" class:field--invalid=move || error.with(Option::is_some)>
            <label class="field__label" for=id.clone()>
                {label}
                {optional_label.map(|o| view! { " " <span class="field__optional">{o}</span> })}
            </label>
            {hint.map(|h| view! { <p class="field__hint" id=hint_id.clone()>{h}</p> })}
            <input
                class="field__input"
                id=id.clone()
                name=name
                type=kind
                value=value
                autocomplete=autocomplete
                required=required
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                aria-describedby=described
            />
            <FieldError id=error_id error />
        </div>
    }
}

/// A labelled select; `options` are (value, label) pairs and `selected` the chosen value.
#[component]
pub fn SelectField(
    name: &'static str,
    field: &'static str,
    label: String,
    options: Vec<(String, String)>,
    #[prop(optional, into)] selected: String,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let id = field_id(field);
    let error_id = format!("{id}-error");
    view! {
        <div class="field" class:field--invalid=move || error.with(Option::is_some)>
            <label class="field__label" for=id.clone()>{label}</label>
            <select
                class="field__input"
                id=id.clone()
                name=name
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                aria-describedby={
                    let error_id = error_id.clone();
                    move || error.with(Option::is_some).then(|| error_id.clone())
                }
            >
                {options
                    .into_iter()
                    .map(|(value, text)| {
                        let is_selected = value == selected;
                        view! { <option value=value selected=is_selected>{text}</option> }
                    })
                    .collect_view()}
            </select>
            <FieldError id=error_id error />
        </div>
    }
}

/// The message under a field; its id is referenced by the field's aria-describedby.
#[component]
pub fn FieldError(id: String, #[prop(into)] error: Signal<Option<String>>) -> impl IntoView {
    move || {
        error
            .get()
            .map(|message| view! { <p class="field__error" id=id.clone()>{message}</p> })
    }
}
