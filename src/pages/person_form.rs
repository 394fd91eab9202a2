//! Create and edit a person: details, team, manager, language, roles, active flag and password.

use crate::api::people::{
    CreatePerson, PersonForm, PersonFormData, UpdatePerson, load_person_form,
};
use crate::components::errors::LoadError;
use crate::components::form::{
    ErrorSummary, FieldError, SelectField, SuccessNotice, TextField, field_message,
};
use crate::components::guard::RequireRole;
use crate::components::layout::PageHeader;
use crate::components::load::Loaded;
use crate::domain::{Locale, Role, RoleSet};
use crate::error::AppError;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn NewPersonPage() -> impl IntoView {
    view! { <RequireRole allowed=RoleSet::can_admin_people children=|_| view! { <PersonEditor id=None /> } /> }
}

#[component]
pub fn EditPersonPage() -> impl IntoView {
    let params = use_params_map();
    let id = params
        .with_untracked(|p| p.get("id"))
        .and_then(|s| s.parse::<i64>().ok());
    view! {
        <RequireRole allowed=RoleSet::can_admin_people children=move |_| match id {
            Some(id) => view! { <PersonEditor id=Some(id) /> }.into_any(),
            None => view! { <LoadError error=AppError::NotFound /> }.into_any(),
        } />
    }
}

#[component]
fn PersonEditor(id: Option<i64>) -> impl IntoView {
    let data = Resource::new(move || id, load_person_form);
    view! {
        <Loaded resource=data children=move |d| view! { <PersonFormView data=d /> } />
    }
}

#[component]
fn PersonFormView(data: PersonFormData) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let create = ServerAction::<CreatePerson>::new();
    let update = ServerAction::<UpdatePerson>::new();
    let person = data.person.clone();
    let editing = person.is_some();

    let error = Signal::derive(move || {
        if editing {
            update.value().get().and_then(|r| r.err())
        } else {
            create.value().get().and_then(|r| r.err())
        }
    });
    let saved = Signal::derive(move || {
        query.with(|q| q.get("saved").is_some()) && error.with(Option::is_none)
            || matches!(update.value().get(), Some(Ok(())))
    });

    let title = match &person {
        Some(p) => i18n.t_with("person-edit-title", &[("name", p.name.clone())]),
        None => i18n.t("person-new-title"),
    };
    // A draft (kept after a rejected post without JavaScript) wins over the stored values.
    let stored = person.as_ref().map(|p| PersonForm {
        name: p.name.clone(),
        email: p.email.clone(),
        employee_number: p.employee_number.clone(),
        team_id: p.team_id.map(|t| t.to_string()).unwrap_or_default(),
        manager_id: p.manager_id.map(|t| t.to_string()).unwrap_or_default(),
        preferred_language: p.preferred_language.code().to_owned(),
        role_employee: p.roles.has(Role::Employee).then(String::new),
        role_reviewer: p.roles.has(Role::Reviewer).then(String::new),
        role_hr: p.roles.has(Role::Hr).then(String::new),
        role_admin: p.roles.has(Role::Admin).then(String::new),
        role_cx: p.roles.has(Role::Cx).then(String::new),
        active: p.active.then(String::new),
        password: String::new(),
        invite: None,
    });
    let values = data.draft.clone().or(stored).unwrap_or_else(|| PersonForm {
        role_employee: Some(String::new()),
        active: Some(String::new()),
        invite: Some(String::new()),
        ..PersonForm::default()
    });
    let name = values.name.clone();
    let email = values.email.clone();
    let number = values.employee_number.clone();
    let team = values.team_id.clone();
    let manager = values.manager_id.clone();
    let language = Locale::parse(&values.preferred_language).unwrap_or_default();
    let roles = RoleSet::new(
        [
            (Role::Employee, &values.role_employee),
            (Role::Reviewer, &values.role_reviewer),
            (Role::Hr, &values.role_hr),
            (Role::Admin, &values.role_admin),
            (Role::Cx, &values.role_cx),
        ]
        .into_iter()
        .filter(|(_, v)| v.is_some())
        .map(|(r, _)| r),
    );
    let active = values.active.is_some();
    let invite = values.invite.is_some();
    let has_password = person.as_ref().is_some_and(|p| p.has_password);
    let self_id = person.as_ref().map(|p| p.id);

    let mut team_options = vec![(String::new(), i18n.t("choice-none"))];
    team_options.extend(data.teams.iter().map(|t| {
        (
            t.id.to_string(),
            format!("{} — {}", t.department_name, t.name),
        )
    }));
    let mut manager_options = vec![(String::new(), i18n.t("choice-none"))];
    manager_options.extend(
        data.managers
            .iter()
            .filter(|m| Some(m.id) != self_id)
            .map(|m| {
                (
                    m.id.to_string(),
                    match &m.team_name {
                        Some(t) => format!("{} ({t})", m.name),
                        None => m.name.clone(),
                    },
                )
            }),
    );
    let language_options: Vec<(String, String)> = Locale::ALL
        .iter()
        .map(|l| {
            (
                l.code().to_owned(),
                i18n.t(&format!("language-{}", l.code())),
            )
        })
        .collect();

    let roles_error = field_message(error, "roles");
    let active_error = field_message(error, "active");
    let fields = view! {
        <TextField name="form[name]" field="name" label=i18n.t("field-name") value=name autocomplete="off" required=true error=field_message(error, "name") />
        <TextField name="form[email]" field="email" label=i18n.t("field-email") value=email kind="email" autocomplete="off" required=true error=field_message(error, "email") />
        <TextField name="form[employee_number]" field="employee_number" label=i18n.t("field-employee-number") value=number
            hint=i18n.t("employee-number-hint") required=true error=field_message(error, "employee_number") />
        <div class="field__row">
            <SelectField name="form[team_id]" field="team_id" label=i18n.t("field-team") options=team_options selected=team error=field_message(error, "team_id") />
            <SelectField name="form[manager_id]" field="manager_id" label=i18n.t("field-manager") options=manager_options selected=manager error=field_message(error, "manager_id") />
        </div>
        <SelectField name="form[preferred_language]" field="preferred_language" label=i18n.t("field-language") options=language_options selected=language.code().to_owned() error=field_message(error, "preferred_language") />
        <fieldset class="fieldset" aria-describedby=move || roles_error.with(Option::is_some).then_some("field-roles-error")>
            <legend class="fieldset__legend">{i18n.t("field-roles")}</legend>
            <div class="checkbox-list">
                {Role::ALL.into_iter().map(|role| {
                    let id = format!("role-{}", role.code());
                    let label_for = id.clone();
                    view! {
                        <label class="checkbox" for=label_for>
                            <input type="checkbox" id=id name=format!("form[role_{}]", role.code()) checked=roles.has(role) />
                            {i18n.t(role.label_key())}
                        </label>
                    }
                }).collect_view()}
            </div>
            <FieldError id="field-roles-error".to_owned() error=roles_error />
        </fieldset>
        {editing.then(|| view! {
            <div class="field" class:field--invalid=move || active_error.with(Option::is_some)>
                <label class="checkbox" for="field-active">
                    <input type="checkbox" id="field-active" name="form[active]" checked=active
                        aria-describedby="field-active-hint" />
                    {i18n.t("field-active")}
                </label>
                <p class="field__hint" id="field-active-hint">{i18n.t("active-hint")}</p>
                <FieldError id="field-active-error".to_owned() error=active_error />
            </div>
        })}
        {(!editing).then(|| view! {
            <div class="field">
                <label class="checkbox" for="field-invite">
                    <input type="checkbox" id="field-invite" name="form[invite]" checked=invite
                        aria-describedby="field-invite-hint" />
                    {i18n.t("person-invite")}
                </label>
                <p class="field__hint" id="field-invite-hint">{i18n.t("person-invite-hint")}</p>
            </div>
        })}
        <TextField name="form[password]" field="password"
            label=if editing { i18n.t("field-new-password") } else { i18n.t("field-initial-password") }
            optional_label=i18n.t("optional")
            kind="password" autocomplete="new-password"
            hint=if has_password { i18n.t("person-password-temporary-hint") } else { i18n.t("person-password-initial-temporary-hint") }
            error=field_message(error, "password") />
        <div class="form__actions">
            <button type="submit" class="btn btn--primary">{if editing { i18n.t("save") } else { i18n.t("person-create") }}</button>
            <a class="btn btn--ghost" href="/admin/people">{i18n.t("cancel")}</a>
        </div>
    };

    let form = match self_id {
        Some(id) => view! {
            <ActionForm action=update attr:class="form" attr:novalidate="">
                <input type="hidden" name="id" value=id.to_string() />
                {fields}
            </ActionForm>
        }
        .into_any(),
        None => view! { <ActionForm action=create attr:class="form" attr:novalidate="">{fields}</ActionForm> }.into_any(),
    };

    view! {
        <PageHeader title />
        <SuccessNotice show=saved message=i18n.t("person-saved") />
        <ErrorSummary error />
        <section class="card">{form}</section>
        {person.map(|p| view! {
            <p class="table__muted">
                {i18n.t_with("person-timestamps", &[("created", i18n.datetime(p.created_at)), ("updated", i18n.datetime(p.updated_at))])}
            </p>
        })}
    }
}
