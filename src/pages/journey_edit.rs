//! Forms of the journey catalogue: a journey's fields (new or draft), and editing or removing a
//! draft's step. The add-step form on the detail page reuses `StepFields` from here.

use crate::api::journeys::{
    CreateJourney, JourneyForm, JourneyFormData, RemoveJourneyStep, StepForm, StepFormData,
    UpdateJourney, UpdateJourneyStep, load_journey_form, load_step_form,
};
use crate::components::errors::LoadError;
use crate::components::form::{
    ErrorSummary, SelectField, TextArea, TextField, action_error, field_message,
};
use crate::components::guard::RequireRole;
use crate::components::layout::PageHeader;
use crate::components::load::Loaded;
use crate::domain::RoleSet;
use crate::domain::journey::{Channel, Phase};
use crate::domain::org::Team;
use crate::domain::text;
use crate::error::AppError;
use crate::i18n::use_i18n;
use crate::pages::id_param;
use crate::routes;
use leptos::prelude::*;

#[component]
pub fn NewJourneyPage() -> impl IntoView {
    view! { <RequireRole allowed=RoleSet::can_curate_journeys children=|_| view! { <JourneyEditor id=None /> } /> }
}

#[component]
pub fn EditJourneyPage() -> impl IntoView {
    let id = id_param("id");
    view! {
        <RequireRole allowed=RoleSet::can_curate_journeys children=move |_| move || match id.get() {
            Some(id) => view! { <JourneyEditor id=Some(id) /> }.into_any(),
            None => view! { <LoadError error=AppError::NotFound /> }.into_any(),
        } />
    }
}

#[component]
fn JourneyEditor(id: Option<i64>) -> impl IntoView {
    let data = Resource::new(move || id, load_journey_form);
    let back = id.map_or_else(|| routes::JOURNEYS.to_owned(), routes::journey);
    view! { <Loaded resource=data back children=|d| view! { <JourneyFormView data=d /> } /> }
}

#[component]
fn JourneyFormView(data: JourneyFormData) -> impl IntoView {
    let i18n = use_i18n();
    let create = ServerAction::<CreateJourney>::new();
    let update = ServerAction::<UpdateJourney>::new();
    let journey_id = data.journey.as_ref().map(|j| j.id);
    let error = Signal::derive(move || {
        if journey_id.is_some() {
            update.value().get().and_then(|r| r.err())
        } else {
            create.value().get().and_then(|r| r.err())
        }
    });

    // What was typed before a rejected post without JavaScript wins over the stored values.
    let values = data
        .draft
        .clone()
        .or_else(|| data.journey.as_ref().map(JourneyForm::from_detail))
        .unwrap_or_else(|| JourneyForm {
            year: data.current_year.to_string(),
            ..JourneyForm::default()
        });
    let title = match &data.journey {
        Some(j) => i18n.t_with(
            "journey-edit-title",
            &[
                ("title", j.title.clone()),
                ("version", j.version.to_string()),
            ],
        ),
        None => i18n.t("journey-new-title"),
    };
    let lead = i18n.t("journey-form-lead");
    let cancel = journey_id.map_or_else(|| "/journeys".to_owned(), routes::journey);

    let fields = view! {
        <TextField name="form[title]" field="title" label=i18n.t("journey-field-title") value=values.title
            hint=i18n.t("journey-field-title-hint") required=true autocomplete="off" error=field_message(error, "title") />
        <div class="field__row">
            <TextField name="form[product_line]" field="product_line" label=i18n.t("journey-field-product-line") value=values.product_line
                hint=i18n.t("journey-field-product-line-hint") required=true autocomplete="off" error=field_message(error, "product_line") />
            <TextField name="form[year]" field="year" label=i18n.t("journey-field-year") value=values.year kind="number"
                hint=i18n.t("journey-field-year-hint") required=true autocomplete="off" error=field_message(error, "year") />
        </div>
        <TextArea required=true name="form[persona]" field="persona" max=text::SHORT label=i18n.t("journey-field-persona") value=values.persona
            hint=i18n.t("journey-field-persona-hint") error=field_message(error, "persona") />
        <TextArea required=true name="form[goal]" field="goal" max=text::SHORT label=i18n.t("journey-field-goal") value=values.goal rows=3
            hint=i18n.t("journey-field-goal-hint") error=field_message(error, "goal") />
        <TextArea required=true name="form[scenario]" field="scenario" max=text::LONG label=i18n.t("journey-field-scenario") value=values.scenario rows=6
            hint=i18n.t("journey-field-scenario-hint") error=field_message(error, "scenario") />
        <TextArea required=true name="form[rules]" field="rules" max=text::LONG label=i18n.t("journey-field-rules") value=values.rules rows=6
            hint=i18n.t("journey-field-rules-hint") error=field_message(error, "rules") />
        <div class="form__actions">
            <button type="submit" class="btn btn--primary">
                {if journey_id.is_some() { i18n.t("save") } else { i18n.t("journey-create") }}
            </button>
            <a class="btn btn--ghost" href=cancel>{i18n.t("cancel")}</a>
        </div>
    };
    let form = match journey_id {
        Some(id) => view! {
            <ActionForm action=update attr:class="form journey-form" attr:novalidate="">
                <input type="hidden" name="id" value=id.to_string() />
                {fields}
            </ActionForm>
        }
        .into_any(),
        None => view! { <ActionForm action=create attr:class="form journey-form" attr:novalidate="">{fields}</ActionForm> }
            .into_any(),
    };

    view! {
        <nav class="journey-crumbs" aria-label=i18n.t("journey-crumbs-label")>
            <a href="/journeys">{i18n.t("journeys-title")}</a>
        </nav>
        <PageHeader title lead />
        <ErrorSummary error />
        <section class="card">{form}</section>
    }
}

/// The (value, label) choices of the step form's selects.
fn phase_options() -> Vec<(String, String)> {
    let i18n = use_i18n();
    std::iter::once((String::new(), i18n.t("journey-choose-phase")))
        .chain(
            Phase::ALL
                .iter()
                .map(|p| (p.code().to_owned(), i18n.t(p.label_key()))),
        )
        .collect()
}

fn channel_options() -> Vec<(String, String)> {
    let i18n = use_i18n();
    std::iter::once((String::new(), i18n.t("journey-choose-channel")))
        .chain(
            Channel::ALL
                .iter()
                .map(|c| (c.code().to_owned(), i18n.t(c.label_key()))),
        )
        .collect()
}

fn team_options(teams: &[Team]) -> Vec<(String, String)> {
    let i18n = use_i18n();
    std::iter::once((String::new(), i18n.t("journey-no-team")))
        .chain(teams.iter().map(|t| {
            (
                t.id.to_string(),
                format!("{} ({})", t.name, t.department_name),
            )
        }))
        .collect()
}

/// The fields of a step (inputs named `step[...]`), for adding and for editing.
#[component]
pub fn StepFields(
    values: StepForm,
    teams: Vec<Team>,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="field__row">
            <SelectField name="step[phase]" field="phase" label=i18n.t("journey-step-phase") options=phase_options()
                selected=values.phase error=field_message(error, "phase") />
            <SelectField name="step[channel]" field="channel" label=i18n.t("journey-step-channel") options=channel_options()
                selected=values.channel error=field_message(error, "channel") />
        </div>
        <TextField name="step[title]" field="title" label=i18n.t("journey-step-title") value=values.title
            hint=i18n.t("journey-step-title-hint") required=true autocomplete="off" error=field_message(error, "title") />
        <TextArea required=true name="step[instructions]" field="instructions" max=text::MEDIUM label=i18n.t("journey-step-instructions") value=values.instructions
            hint=i18n.t("journey-step-instructions-hint") error=field_message(error, "instructions") />
        <TextArea required=true name="step[service_promise]" field="service_promise" max=text::SHORT label=i18n.t("journey-step-promise") value=values.service_promise rows=3
            hint=i18n.t("journey-step-promise-hint") error=field_message(error, "service_promise") />
        <SelectField name="step[team_id]" field="team_id" label=i18n.t("journey-step-team") options=team_options(&teams)
            selected=values.team_id error=field_message(error, "team_id") />
    }
}

#[component]
pub fn EditStepPage() -> impl IntoView {
    let id = id_param("id");
    let step = id_param("step");
    view! {
        <RequireRole allowed=RoleSet::can_curate_journeys children=move |_| move || match (id.get(), step.get()) {
            (Some(id), Some(step)) => view! { <StepEditor journey_id=id step_id=step remove=false /> }.into_any(),
            _ => view! { <LoadError error=AppError::NotFound /> }.into_any(),
        } />
    }
}

#[component]
pub fn RemoveStepPage() -> impl IntoView {
    let id = id_param("id");
    let step = id_param("step");
    view! {
        <RequireRole allowed=RoleSet::can_curate_journeys children=move |_| move || match (id.get(), step.get()) {
            (Some(id), Some(step)) => view! { <StepEditor journey_id=id step_id=step remove=true /> }.into_any(),
            _ => view! { <LoadError error=AppError::NotFound /> }.into_any(),
        } />
    }
}

#[component]
fn StepEditor(journey_id: i64, step_id: i64, remove: bool) -> impl IntoView {
    let data = Resource::new(move || (journey_id, step_id), |(j, s)| load_step_form(j, s));
    view! {
        <Loaded resource=data back=routes::journey(journey_id) children=move |d| {
            if remove {
                view! { <RemoveStepView data=d /> }.into_any()
            } else {
                view! { <StepFormView data=d /> }.into_any()
            }
        } />
    }
}

#[component]
fn StepFormView(data: StepFormData) -> impl IntoView {
    let i18n = use_i18n();
    let update = ServerAction::<UpdateJourneyStep>::new();
    let error = action_error(update);
    let journey_id = data.journey_id;
    let step_id = data.step.id;
    let values = data
        .draft
        .clone()
        .unwrap_or_else(|| StepForm::from_step(&data.step));
    let back = format!("{}#step-{step_id}", routes::journey(journey_id));
    view! {
        <nav class="journey-crumbs" aria-label=i18n.t("journey-crumbs-label")>
            <a href="/journeys">{i18n.t("journeys-title")}</a>
            <span aria-hidden="true">" / "</span>
            <a href=routes::journey(journey_id)>
                {i18n.t_with("journey-title-version", &[("title", data.journey_title.clone()), ("version", data.journey_version.to_string())])}
            </a>
        </nav>
        <PageHeader title=i18n.t("journey-step-edit-title") lead=data.step.title.clone() />
        <ErrorSummary error />
        <section class="card">
            <ActionForm action=update attr:class="form journey-form" attr:novalidate="">
                <input type="hidden" name="journey_id" value=journey_id.to_string() />
                <input type="hidden" name="step_id" value=step_id.to_string() />
                <StepFields values teams=data.teams.clone() error />
                <div class="form__actions">
                    <button type="submit" class="btn btn--primary">{i18n.t("save")}</button>
                    <a class="btn btn--ghost" href=back>{i18n.t("cancel")}</a>
                </div>
            </ActionForm>
        </section>
    }
}

/// Confirmation before removing a step; a plain page, so it works without JavaScript too.
#[component]
fn RemoveStepView(data: StepFormData) -> impl IntoView {
    let i18n = use_i18n();
    let remove = ServerAction::<RemoveJourneyStep>::new();
    let error = action_error(remove);
    let journey_id = data.journey_id;
    let step = data.step.clone();
    view! {
        <nav class="journey-crumbs" aria-label=i18n.t("journey-crumbs-label")>
            <a href="/journeys">{i18n.t("journeys-title")}</a>
            <span aria-hidden="true">" / "</span>
            <a href=routes::journey(journey_id)>
                {i18n.t_with("journey-title-version", &[("title", data.journey_title.clone()), ("version", data.journey_version.to_string())])}
            </a>
        </nav>
        <PageHeader title=i18n.t("journey-step-remove-title") />
        <ErrorSummary error />
        <section class="card journey-confirm">
            <dl class="meta-list">
                <div><dt>{i18n.t("journey-step-title")}</dt><dd>{step.title.clone()}</dd></div>
                <div><dt>{i18n.t("journey-step-phase")}</dt><dd>{i18n.t(step.phase.label_key())}</dd></div>
                <div><dt>{i18n.t("journey-step-channel")}</dt><dd>{i18n.t(step.channel.label_key())}</dd></div>
            </dl>
            <p>{i18n.t("journey-step-remove-text")}</p>
            <ActionForm action=remove attr:class="form__actions">
                <input type="hidden" name="journey_id" value=journey_id.to_string() />
                <input type="hidden" name="step_id" value=step.id.to_string() />
                <button type="submit" class="btn btn--danger">{i18n.t("journey-step-remove-confirm")}</button>
                <a class="btn btn--ghost" href=format!("{}#step-{}", routes::journey(journey_id), step.id)>{i18n.t("cancel")}</a>
            </ActionForm>
        </section>
    }
}
