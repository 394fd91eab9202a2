//! Improvements on the walk screens, server-rendered plain forms (no script, no island): the
//! question "Hier is iets verbeterd: … Klopt dat?" on a step — a form of its own beside the step
//! form, so answering never touches the step's autosave — and the similar findings in the friction
//! form ("Zoek vergelijkbare" re-renders the form with suggestions, keeping everything typed).

use crate::api::improvement::walker::{
    ConfirmFix, FixedQuestion, SearchSimilar, SimilarState, fixed_here,
};
use crate::components::form::plain_post_error;
use crate::components::load::Loaded;
use crate::domain::improvement::ConfirmationAnswer;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_query_map;

fn answer_key(answer: ConfirmationAnswer) -> String {
    format!("walker-answer-{}", answer.code())
}

/// The fixed improvements met at this step, each with its question (nothing when there are none).
#[component]
pub fn FixQuestions(walk_id: i64, step_id: i64, number: usize) -> impl IntoView {
    let questions = Resource::new(|| (), move |_| fixed_here(walk_id, step_id));
    view! {
        <Loaded resource=questions children=move |list| {
            list.into_iter()
                .map(|q| view! { <FixQuestion walk_id step_id number question=q /> })
                .collect_view()
        } />
    }
}

#[component]
fn FixQuestion(
    walk_id: i64,
    step_id: i64,
    number: usize,
    question: FixedQuestion,
) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let id = question.improvement_id;
    let just_answered = query.with_untracked(|q| q.get("answered")) == Some(id.to_string());
    let error = plain_post_error::<ConfirmFix>();
    let heading_id = format!("fix-{id}-title");
    let labelled_by = heading_id.clone();
    let error_id = format!("fix-{id}-error");
    let selected = question.answer.map(|a| a.code()).unwrap_or_default();
    view! {
        <section class="card stack" id=format!("fix-{id}") aria-labelledby=labelled_by data-fix=id>
            <h2 class="card__title" id=heading_id>{i18n.t_with("walker-fixed-question", &[("title", question.title.clone())])}</h2>
            <p class="field__hint">{i18n.t("walker-fixed-lead")}</p>
            {just_answered.then(|| view! { <div class="alert alert--success" role="status">{i18n.t("walker-answer-saved")}</div> })}
            <form class="form" method="post" action=ConfirmFix::url()>
                <input type="hidden" name="walkthrough_id" value=walk_id />
                <input type="hidden" name="step_id" value=step_id />
                <input type="hidden" name="number" value=number />
                <input type="hidden" name="improvement_id" value=id />
                <fieldset class="fieldset" class:field--invalid=move || error.with(Option::is_some)
                    aria-describedby=move || error.with(Option::is_some).then(|| error_id.clone())>
                    <legend class="visually-hidden">{i18n.t_with("walker-fixed-question", &[("title", question.title.clone())])}</legend>
                    <div class="checkbox-list">
                        {ConfirmationAnswer::ALL.into_iter().map(|a| {
                            let input_id = format!("fix-{id}-{}", a.code());
                            let label_for = input_id.clone();
                            view! {
                                <label class="checkbox" for=label_for>
                                    <input type="radio" id=input_id name="answer" value=a.code() checked=a.code() == selected />
                                    {i18n.t(&answer_key(a))}
                                </label>
                            }
                        }).collect_view()}
                    </div>
                    {move || error.get().map(|e| {
                        let key = e.field_errors().and_then(|f| f.for_field("answer").map(str::to_owned))
                            .unwrap_or_else(|| e.user_message_key().to_owned());
                        view! { <p class="field__error" id=format!("fix-{id}-error")>{i18n.message(&key)}</p> }
                    })}
                </fieldset>
                {question.answer.map(|a| view! {
                    <p class="table__muted">{i18n.t_with("walker-answer-current", &[("answer", i18n.t(&answer_key(a)))])}</p>
                })}
                <div class="form__actions">
                    <button class="btn btn--secondary" type="submit">
                        {if question.answer.is_some() { i18n.t("walker-answer-change") } else { i18n.t("walker-answer-send") }}
                    </button>
                </div>
            </form>
        </section>
    }
}

/// Inside the friction form: the "Zoek vergelijkbare" button (posts the form elsewhere, which
/// keeps what was typed and comes back), and after a search the suggestions to link to.
#[component]
pub fn SimilarPicker(state: SimilarState, selected: String) -> impl IntoView {
    let i18n = use_i18n();
    let searched = state.typed.is_some();
    let typed_nothing = state.typed.as_ref().is_some_and(|t| {
        ["title", "what_happened"]
            .iter()
            .all(|k| t.get(*k).is_none_or(|v| v.trim().is_empty()))
    });
    let suggestions = state.suggestions.clone();
    view! {
        <div class="stack" id="similar">
            {state.linked.clone().map(|(_, title, improvement)| view! {
                <p class="alert alert--info" data-linked="">
                    {if improvement {
                        i18n.t_with("walker-similar-linked-improvement", &[("title", title)])
                    } else {
                        i18n.t_with("walker-similar-linked", &[("title", title)])
                    }}
                </p>
            })}
            <p class="field__hint" id="similar-hint">{i18n.t("walker-similar-hint")}</p>
            <p>
                <button class="btn btn--secondary" type="submit" formaction=SearchSimilar::url() formnovalidate=true
                    aria-describedby="similar-hint">{i18n.t("walker-similar-search")}</button>
            </p>
            {searched.then(|| {
                if suggestions.is_empty() {
                    let key = if typed_nothing { "walker-similar-empty" } else { "walker-similar-none" };
                    view! { <p class="empty-state" role="status">{i18n.t(key)}</p> }.into_any()
                } else {
                    view! {
                        <fieldset class="fieldset">
                            <legend class="fieldset__legend">{i18n.t("walker-similar-legend")}</legend>
                            <div class="checkbox-list">
                                {suggestions.clone().into_iter().enumerate().map(|(n, s)| {
                                    let input_id = format!("similar-{n}");
                                    let label_for = input_id.clone();
                                    let kind = if s.improvement { i18n.t("walker-similar-improvement") } else { i18n.t("walker-similar-friction") };
                                    let place = if s.same_step { i18n.t("walker-similar-this-step") } else { i18n.t("walker-similar-elsewhere") };
                                    view! {
                                        <label class="checkbox" for=label_for>
                                            <input type="radio" id=input_id name="form[similar]" value=s.code.clone() checked=s.code == selected />
                                            <span>
                                                <strong>{s.title.clone()}</strong>
                                                <span class="table__muted">{format!(" · {kind} · {place}")}</span>
                                                {(!s.detail.is_empty()).then(|| view! { <br /><span class="table__muted">{s.detail.clone()}</span> })}
                                            </span>
                                        </label>
                                    }
                                }).collect_view()}
                                <label class="checkbox" for="similar-none">
                                    <input type="radio" id="similar-none" name="form[similar]" value="none" checked=selected == "none" />
                                    {i18n.t("walker-similar-choose-none")}
                                </label>
                            </div>
                        </fieldset>
                    }.into_any()
                }
            })}
        </div>
    }
}
