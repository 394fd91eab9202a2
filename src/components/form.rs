//! Labelled form fields that show their own translated error, and the form-level error summary.

use crate::components::char_count::{CharCount, CountText};
use crate::error::AppError;
use crate::i18n::{I18n, use_i18n};
use leptos::prelude::*;

/// The error of the latest submission of an action, if it failed.
pub fn action_error<I, O>(action: ServerAction<I>) -> Signal<Option<AppError>>
where
    I: leptos::server_fn::ServerFn<Output = O, Error = AppError> + Clone + Send + Sync + 'static,
    O: Clone + Send + Sync + 'static,
{
    Signal::derive(move || action.value().get().and_then(|r| r.err()))
}

/// Without JavaScript a refused form post comes back as a page whose URL carries the error; Leptos
/// puts it in context for the server function it belongs to (server-rendered pages only).
pub fn plain_post_error<S>() -> Signal<Option<AppError>>
where
    S: leptos::server_fn::ServerFn<Error = AppError>,
{
    use leptos::server::ServerActionError;
    use leptos::server_fn::error::ServerFnUrlError;
    let error = use_context::<ServerActionError>()
        .filter(|e| e.path() == S::PATH)
        .map(|e| ServerFnUrlError::<AppError>::decode_err(e.err()));
    Signal::stored(error)
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
                .map(|key| i18n.message(key))
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

/// The `aria-describedby` of a field: its hint, if any, and its error while there is one.
pub fn described_by(
    hint_id: Option<String>,
    error: Signal<Option<String>>,
    error_id: String,
) -> impl Fn() -> Option<String> + Send + Sync + 'static {
    move || {
        let mut ids: Vec<&str> = hint_id.iter().map(String::as_str).collect();
        let has_error = error.with(Option::is_some);
        if has_error {
            ids.push(&error_id);
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    }
}

/// The counter's words in the page's language.
pub fn count_text(i18n: I18n) -> CountText {
    let n = || [("n", "#".to_owned())];
    CountText {
        left_one: i18n.t("char-count-left-one"),
        left: i18n.t_with("char-count-left", &n()),
        over_one: i18n.t("char-count-over-one"),
        over: i18n.t_with("char-count-over", &n()),
        group: i18n.t("number-group-separator"),
    }
}

/// A labelled multi-line field, shaped like `TextField` (hint, error and their ARIA links).
#[component]
pub fn TextArea(
    #[prop(into)] name: String,
    field: &'static str,
    label: String,
    #[prop(optional, into)] value: String,
    #[prop(optional)] hint: Option<String>,
    #[prop(optional)] placeholder: Option<String>,
    #[prop(default = 3)] rows: u32,
    #[prop(optional)] required: bool,
    /// The most characters the server accepts: shows a counter (never `maxlength`).
    #[prop(optional)]
    max: Option<usize>,
    #[prop(optional, into)] error: Option<Signal<Option<String>>>,
) -> impl IntoView {
    let error = error.unwrap_or_else(|| Signal::derive(|| None));
    let id = field_id(field);
    let counter = max.map(|max| {
        let used = crate::domain::text::length(&value);
        view! { <CharCount field=id.clone() max used text=count_text(use_i18n()) /> }
    });
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described = described_by(
        hint.is_some().then(|| hint_id.clone()),
        error,
        error_id.clone(),
    );
    view! {
        <div class="field" class:field--invalid=move || error.with(Option::is_some)>
            <label class="field__label" for=id.clone()>{label}</label>
            {hint.map(|h| view! { <p class="field__hint" id=hint_id.clone()>{h}</p> })}
            <textarea class="field__input field__input--area" id=id name=name rows=rows placeholder=placeholder
                required=required aria-invalid=move || error.with(Option::is_some).then_some("true")
                aria-describedby=described>{value}</textarea>
            {counter}
            <FieldError id=error_id error />
        </div>
    }
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
    let described = described_by(
        hint.is_some().then(|| hint_id.clone()),
        error,
        error_id.clone(),
    );
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

/// Options of a select under one heading: the `<optgroup>` label and its (value, label) pairs.
pub type OptionGroup = (String, Vec<(String, String)>);

/// A labelled select; `options` are (value, label) pairs and `selected` the chosen value.
/// `groups` follow the plain options as `<optgroup>`s, so an option can show just its own
/// name (a team) while the group names what it belongs to (the department).
#[component]
pub fn SelectField(
    name: &'static str,
    field: &'static str,
    label: String,
    options: Vec<(String, String)>,
    #[prop(optional)] groups: Vec<OptionGroup>,
    #[prop(optional, into)] selected: String,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let id = field_id(field);
    let error_id = format!("{id}-error");
    let option = move |(value, text): (String, String), selected: &str| {
        let is_selected = value == selected;
        view! { <option value=value selected=is_selected>{text}</option> }
    };
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
                {options.into_iter().map(|o| option(o, &selected)).collect_view()}
                {groups
                    .into_iter()
                    .map(|(group, options)| {
                        view! {
                            <optgroup label=group>
                                {options.into_iter().map(|o| option(o, &selected)).collect_view()}
                            </optgroup>
                        }
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
