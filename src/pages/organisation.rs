//! Departments and their teams: admins add, rename, merge and remove them here (plain forms that
//! work without JavaScript; a refused one keeps what was chosen and typed); people are placed in
//! teams on the person form.

use crate::api::org::{
    CreateDepartment, CreateTeam, MergeOrgUnit, RemoveOrgUnit, RenameOrgUnit, org_drafts,
    org_overview,
};
use crate::components::form::{
    ErrorSummary, OptionGroup, SelectField, TextField, action_error, field_message,
};
use crate::components::guard::RequireRole;
use crate::components::layout::PageHeader;
use crate::components::load::Loaded;
use crate::domain::RoleSet;
use crate::domain::org::{Department, OrgUnit};
use crate::error::AppError;
use crate::i18n::{I18n, use_i18n};
use crate::routes;
use leptos::prelude::*;
use std::collections::BTreeMap;

#[component]
pub fn OrganisationPage() -> impl IntoView {
    view! { <RequireRole allowed=RoleSet::can_admin_people children=|_| view! { <Organisation /> } /> }
}

/// Every department and team as choices: one group per department, the whole department first.
fn unit_choices(i18n: I18n, departments: &[Department]) -> Vec<OptionGroup> {
    departments
        .iter()
        .map(|d| {
            let whole = (
                OrgUnit::Department(d.id).value(),
                i18n.t_with("org-whole-department", &[("name", d.name.clone())]),
            );
            let teams = d
                .teams
                .iter()
                .map(|t| (OrgUnit::Team(t.id).value(), t.name.clone()));
            (
                d.name.clone(),
                std::iter::once(whole).chain(teams).collect(),
            )
        })
        .collect()
}

#[component]
fn Organisation() -> impl IntoView {
    let i18n = use_i18n();
    let add_department = ServerAction::<CreateDepartment>::new();
    let add_team = ServerAction::<CreateTeam>::new();
    let rename = ServerAction::<RenameOrgUnit>::new();
    let merge = ServerAction::<MergeOrgUnit>::new();
    let remove = ServerAction::<RemoveOrgUnit>::new();
    let org = Resource::new(
        // Refetch only after a success: a failed submission must keep what the admin typed.
        move || {
            (
                add_department.value().get().and_then(Result::ok),
                add_team.value().get().and_then(Result::ok),
                rename.value().get().and_then(Result::ok),
                merge.value().get().and_then(Result::ok),
                remove.value().get().and_then(Result::ok),
            )
        },
        |_| async move {
            let departments = org_overview().await?;
            let drafts = org_drafts().await.unwrap_or_default();
            Ok::<_, AppError>((departments, drafts))
        },
    );
    let department_error = action_error(add_department);
    let team_error = action_error(add_team);
    let (rename_error, merge_error, remove_error) = (
        action_error(rename),
        action_error(merge),
        action_error(remove),
    );
    let saved = leptos_router::hooks::use_query_map().with_untracked(|q| q.get("saved").is_some());
    let done = Signal::derive(move || {
        saved
            || matches!(rename.value().get(), Some(Ok(())))
            || matches!(merge.value().get(), Some(Ok(_)))
            || matches!(remove.value().get(), Some(Ok(())))
    });

    view! {
        <PageHeader title=i18n.t("org-title") lead=i18n.t("org-lead") />
        {move || done.get().then(|| view! { <div class="alert alert--success" role="status">{i18n.t("org-saved")}</div> })}
        <Loaded resource=org children={move |(departments, drafts): (Vec<Department>, BTreeMap<String, String>)| {
                        let draft = move |k: &str| drafts.get(k).cloned().unwrap_or_default();
                        let (d_rename, d_name, d_source, d_into, d_remove) = (
                            draft("rename_target"), draft("rename_name"), draft("merge_source"),
                            draft("merge_into"), draft("remove_target"),
                        );
                        let department_options: Vec<(String, String)> = std::iter::once((String::new(), i18n.t("choice-select")))
                            .chain(departments.iter().map(|d| (d.id.to_string(), d.name.clone())))
                            .collect();
                        let choose = vec![(String::new(), i18n.t("choice-select"))];
                        let units = unit_choices(i18n, &departments);
                        let (choose1, choose2, choose3) = (choose.clone(), choose.clone(), choose.clone());
                        let (units1, units2, units3) = (units.clone(), units.clone(), units.clone());
                        view! {
                            <div class="card-grid">
                                {departments.into_iter().map(|d| view! {
                                    <section class="card org-department">
                                        <h2 class="org-department__title">{d.name.clone()}</h2>
                                        <p class="table__muted">{i18n.t_count("people-count", d.people_count)}</p>
                                        <ul class="org-teams">
                                            {d.teams.into_iter().map(|t| view! {
                                                <li class="org-team">
                                                    <a href=routes::people_in_team(t.id)>{t.name.clone()}</a>
                                                    <span class="table__muted">{i18n.t_count("people-count", t.people_count)}</span>
                                                </li>
                                            }).collect_view()}
                                        </ul>
                                    </section>
                                }).collect_view()}
                            </div>
                            <div class="card-grid">
                                <section class="card" aria-labelledby="add-team-heading">
                                    <h2 class="card__title" id="add-team-heading">{i18n.t("org-add-team")}</h2>
                                    <ErrorSummary error=team_error />
                                    <ActionForm action=add_team attr:class="form" attr:novalidate="">
                                        <SelectField name="department_id" field="department_id" label=i18n.t("field-department")
                                            options=department_options error=field_message(team_error, "department_id") />
                                        <TextField name="name" field="team_name" label=i18n.t("field-team-name") required=true
                                            error=field_message(team_error, "team_name") />
                                        <div class="form__actions">
                                            <button type="submit" class="btn btn--primary">{i18n.t("org-add-team-submit")}</button>
                                        </div>
                                    </ActionForm>
                                </section>
                                <section class="card" aria-labelledby="add-department-heading">
                                    <h2 class="card__title" id="add-department-heading">{i18n.t("org-add-department")}</h2>
                                    <ErrorSummary error=department_error />
                                    <ActionForm action=add_department attr:class="form" attr:novalidate="">
                                        <TextField name="name" field="department_name" label=i18n.t("field-department-name") required=true
                                            error=field_message(department_error, "department_name") />
                                        <div class="form__actions">
                                            <button type="submit" class="btn btn--secondary">{i18n.t("org-add-department-submit")}</button>
                                        </div>
                                    </ActionForm>
                                </section>
                            </div>
                            <h2 id="org-upkeep">{i18n.t("org-upkeep-title")}</h2>
                            <div class="card-grid">
                                <section class="card" aria-labelledby="org-rename-heading">
                                    <h3 class="card__title" id="org-rename-heading">{i18n.t("org-rename")}</h3>
                                    <ErrorSummary error=rename_error />
                                    <ActionForm action=rename attr:class="form" attr:novalidate="">
                                        <SelectField name="rename_target" field="rename_target" label=i18n.t("org-rename-target")
                                            options=choose1 groups=units1 selected=d_rename
                                            error=field_message(rename_error, "rename_target") />
                                        <TextField name="rename_name" field="rename_name" label=i18n.t("org-rename-name") required=true
                                            value=d_name error=field_message(rename_error, "rename_name") />
                                        <div class="form__actions">
                                            <button type="submit" class="btn btn--secondary">{i18n.t("org-rename-submit")}</button>
                                        </div>
                                    </ActionForm>
                                </section>
                                <section class="card" aria-labelledby="org-merge-heading">
                                    <h3 class="card__title" id="org-merge-heading">{i18n.t("org-merge")}</h3>
                                    <p class="field__hint">{i18n.t("org-merge-hint")}</p>
                                    <ErrorSummary error=merge_error />
                                    <ActionForm action=merge attr:class="form" attr:novalidate="">
                                        <SelectField name="merge_source" field="merge_source" label=i18n.t("org-merge-source")
                                            options=choose2 groups=units2 selected=d_source
                                            error=field_message(merge_error, "merge_source") />
                                        <SelectField name="merge_into" field="merge_into" label=i18n.t("org-merge-into")
                                            options=choose3 groups=units3 selected=d_into
                                            error=field_message(merge_error, "merge_into") />
                                        <div class="form__actions">
                                            <button type="submit" class="btn btn--secondary">{i18n.t("org-merge-submit")}</button>
                                        </div>
                                    </ActionForm>
                                </section>
                                <section class="card" aria-labelledby="org-remove-heading">
                                    <h3 class="card__title" id="org-remove-heading">{i18n.t("org-remove")}</h3>
                                    <p class="field__hint">{i18n.t("org-remove-hint")}</p>
                                    <ErrorSummary error=remove_error />
                                    <ActionForm action=remove attr:class="form" attr:novalidate="">
                                        <SelectField name="remove_target" field="remove_target" label=i18n.t("org-remove-target")
                                            options=choose groups=units selected=d_remove
                                            error=field_message(remove_error, "remove_target") />
                                        <div class="form__actions">
                                            <button type="submit" class="btn btn--secondary">{i18n.t("org-remove-submit")}</button>
                                        </div>
                                    </ActionForm>
                                </section>
                            </div>
                        }
        }} />
    }
}
