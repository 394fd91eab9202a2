//! The people table shared by the HR overview and the admin list, with its filter form.

use super::table::ScrollTable;
use crate::domain::Role;
use crate::domain::org::{Department, PersonSummary};
use crate::i18n::use_i18n;
use crate::routes;
use leptos::prelude::*;

/// A GET form, so filters live in the URL, work without JavaScript and can be bookmarked.
#[component]
pub fn PeopleFilters(
    query: String,
    team: String,
    department: String,
    status: String,
    departments: Vec<Department>,
) -> impl IntoView {
    let i18n = use_i18n();
    let status_options = [
        ("", i18n.t("filter-status-all")),
        ("active", i18n.t("filter-status-active")),
        ("inactive", i18n.t("filter-status-inactive")),
    ];
    view! {
        <form class="filters" method="get" role="search" aria-label=i18n.t("filter-label")>
            <div class="field">
                <label class="field__label" for="filter-q">{i18n.t("filter-search")}</label>
                <input class="field__input" id="filter-q" type="search" name="q" value=query />
            </div>
            <div class="field">
                <label class="field__label" for="filter-department">{i18n.t("field-department")}</label>
                <select class="field__input" id="filter-department" name="department">
                    <option value="">{i18n.t("filter-department-all")}</option>
                    {departments.iter().map(|d| {
                        let selected = d.id.to_string() == department;
                        view! { <option value=d.id.to_string() selected=selected>{d.name.clone()}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label class="field__label" for="filter-team">{i18n.t("field-team")}</label>
                <select class="field__input" id="filter-team" name="team">
                    <option value="">{i18n.t("filter-team-all")}</option>
                    {departments.into_iter().flat_map(|d| d.teams).map(|t| {
                        let selected = t.id.to_string() == team;
                        view! { <option value=t.id.to_string() selected=selected>{format!("{} — {}", t.department_name, t.name)}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label class="field__label" for="filter-status">{i18n.t("filter-status")}</label>
                <select class="field__input" id="filter-status" name="status">
                    {status_options.into_iter().map(|(value, label)| view! {
                        <option value=value selected=value == status>{label}</option>
                    }).collect_view()}
                </select>
            </div>
            <button type="submit" class="btn btn--secondary">{i18n.t("filter-apply")}</button>
        </form>
    }
}

#[component]
pub fn RoleBadges(roles: Vec<Role>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <span class="badge-list">
            {roles.into_iter().map(|r| view! { <span class="badge badge--role">{i18n.t(r.label_key())}</span> }).collect_view()}
        </span>
    }
}

#[component]
pub fn PeopleTable(
    people: Vec<PersonSummary>,
    editable: bool,
    /// People matching the filter on all pages together.
    total: i64,
) -> impl IntoView {
    let i18n = use_i18n();
    if people.is_empty() {
        return view! { <p class="empty-state">{i18n.t("people-empty")}</p> }.into_any();
    }
    let count = total;
    view! {
        <p class="table__muted" role="status">{i18n.t_count("people-count", count)}</p>
        // Focusable so keyboard users can scroll the table sideways on a phone.
        <ScrollTable label=i18n.t("people-table-caption")>
            <thead>
                <tr>
                    <th scope="col">{i18n.t("field-name")}</th>
                    <th scope="col">{i18n.t("field-employee-number")}</th>
                    <th scope="col">{i18n.t("field-team")}</th>
                    <th scope="col">{i18n.t("field-manager")}</th>
                    <th scope="col">{i18n.t("field-roles")}</th>
                    <th scope="col">{i18n.t("field-status")}</th>
                    <th scope="col">{i18n.t("field-last-login")}</th>
                </tr>
            </thead>
            <tbody>
                {people.into_iter().map(|p| {
                    let name_cell = if editable {
                        view! { <a href=routes::person(p.id)>{p.name.clone()}</a> }.into_any()
                    } else {
                        view! { <span>{p.name.clone()}</span> }.into_any()
                    };
                    let team = p.team_name.clone().unwrap_or_else(|| "—".to_owned());
                    let department = p.department_name.clone();
                    view! {
                        <tr>
                            <th scope="row">
                                {name_cell}
                                <br />
                                <span class="table__muted">{p.email.clone()}</span>
                            </th>
                            <td>{p.employee_number.clone()}</td>
                            <td>
                                {team}
                                {department.map(|d| view! { <br /><span class="table__muted">{d}</span> })}
                            </td>
                            <td>{p.manager_name.clone().unwrap_or_else(|| "—".to_owned())}</td>
                            <td><RoleBadges roles=p.roles.iter().collect() /></td>
                            <td>
                                {if p.active {
                                    view! { <span class="badge badge--active">{i18n.t("status-active")}</span> }
                                } else {
                                    view! { <span class="badge badge--inactive">{i18n.t("status-inactive")}</span> }
                                }}
                            </td>
                            <td>{p.last_login_at.map(|d| i18n.datetime(d)).unwrap_or_else(|| i18n.t("never"))}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </ScrollTable>
    }
    .into_any()
}
