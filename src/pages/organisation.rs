//! Departments and their teams: admins add them here; people are placed in teams on the person form.

use crate::api::org::{CreateDepartment, CreateTeam, org_overview};
use crate::components::form::{ErrorSummary, SelectField, TextField, action_error, field_message};
use crate::components::guard::RequireRole;
use crate::components::layout::PageHeader;
use crate::components::load::Loaded;
use crate::domain::RoleSet;
use crate::i18n::use_i18n;
use crate::routes;
use leptos::prelude::*;

#[component]
pub fn OrganisationPage() -> impl IntoView {
    view! { <RequireRole allowed=RoleSet::can_admin_people children=|_| view! { <Organisation /> } /> }
}

#[component]
fn Organisation() -> impl IntoView {
    let i18n = use_i18n();
    let add_department = ServerAction::<CreateDepartment>::new();
    let add_team = ServerAction::<CreateTeam>::new();
    let org = Resource::new(
        // Refetch only after a success: a failed submission must keep what the admin typed.
        move || {
            (
                add_department.value().get().and_then(Result::ok),
                add_team.value().get().and_then(Result::ok),
            )
        },
        |_| org_overview(),
    );
    let department_error = action_error(add_department);
    let team_error = action_error(add_team);

    view! {
        <PageHeader title=i18n.t("org-title") lead=i18n.t("org-lead") />
        <Loaded resource=org children={move |departments: Vec<crate::domain::org::Department>| {
                        let department_options: Vec<(String, String)> = std::iter::once((String::new(), i18n.t("choice-select")))
                            .chain(departments.iter().map(|d| (d.id.to_string(), d.name.clone())))
                            .collect();
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
                        }
        }} />
    }
}
