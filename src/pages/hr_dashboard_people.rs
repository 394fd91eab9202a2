//! `/hr/coverage`: the people behind a dashboard count — filtered, sorted and paged on the
//! server, exported as CSV, and (HR, admin) reminded now, one by one or the whole list after
//! `/hr/coverage/nudge` asked "N people get a reminder". Plain forms and links throughout.

use crate::api::dashboard::{
    CoverageFilter, Nudge, NudgeForm, NudgeOutcome, PersonSort, load_coverage_people, nudge_count,
};
use crate::components::form::{ErrorSummary, SuccessNotice, action_error};
use crate::components::guard::RequireRole;
use crate::components::layout::PageHeader;
use crate::components::licence_status::StatusBadge;
use crate::components::load::Loaded;
use crate::components::pager::{Pager, page_href};
use crate::components::table::ScrollTable;
use crate::domain::RoleSet;
use crate::domain::licence::LicenceStatus;
use crate::i18n::use_i18n;
use crate::routes;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

const KEYS: [&str; 7] = [
    "department",
    "team",
    "manager",
    "status",
    "q",
    "sort",
    "page",
];

fn read_params() -> impl Fn() -> [String; 7] + Copy {
    let query = use_query_map();
    move || query.with(|q| KEYS.map(|k| q.get(k).unwrap_or_default()))
}

/// The hidden fields that carry a filter into the nudge form.
#[component]
fn FilterFields(filter: CoverageFilter) -> impl IntoView {
    filter
        .pairs()
        .into_iter()
        .filter(|(k, _)| *k != "sort")
        .map(|(k, v)| view! { <input type="hidden" name=format!("form[{k}]") value=v /> })
        .collect_view()
}

/// What a nudge did, in words: the in-app reminders, then the e-mails the SMTP server accepted,
/// those that failed (in the app only) and those still on their way.
fn nudge_message(i18n: crate::i18n::I18n, n: &NudgeOutcome) -> String {
    let count = |key: &str, count: usize| i18n.t_with_count(key, count as i64, &[]);
    let mut parts = vec![count("nudge-done-reminded", n.reminded)];
    if !n.mail_enabled {
        parts.push(i18n.t("nudge-done-mail-off"));
    } else {
        parts.push(count("nudge-done-mailed", n.mailed));
        if n.failed > 0 {
            parts.push(count("nudge-done-failed", n.failed));
        }
        if n.pending > 0 {
            parts.push(count("nudge-done-pending", n.pending));
        }
    }
    parts.join(" ")
}

#[component]
pub fn CoveragePeoplePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = read_params();
    let data = Resource::new(params, |[d, t, m, s, q, sort, page]| {
        load_coverage_people(d, t, m, s, q, sort, page)
    });
    let nudged = use_query_map().with_untracked(|q| NudgeOutcome::from_query(|k| q.get(k)));
    view! {
        <RequireRole allowed=crate::pages::hr_dashboard::can_see children=move |_| view! {
            <PageHeader title=i18n.t("dash-people-title") lead=i18n.t("dash-people-lead") />
            <p><a href=routes::HR_DASHBOARD>{i18n.t("dash-back")}</a></p>
            {nudged.map(|n| view! { <SuccessNotice show=true message=nudge_message(i18n, &n) /> })}
            <Loaded resource=data children=move |page| {
                let [d, t, m, s, q, sort, _] = params();
                let filter = CoverageFilter::parse(&d, &t, &m, &s, &q, &sort);
                let pairs = filter.pairs();
                let list = page.people;
                let previous = list.has_previous().then(|| page_href(routes::HR_COVERAGE, &pairs, list.page - 1));
                let next = list.has_next().then(|| page_href(routes::HR_COVERAGE, &pairs, list.page + 1));
                let (first, last) = list.shown();
                let (pg, pages, total) = (list.page, list.pages(), list.total);
                let export = page_href(routes::HR_COVERAGE_EXPORT, &pairs, 1);
                let export_comma = routes::with_query(&export, "sep", "comma");
                let confirm = page_href(routes::HR_COVERAGE_NUDGE, &pairs, 1);
                let can_nudge = page.can_nudge;
                view! {
                    <PeopleFilters filter=filter.clone() choices=page.choices />
                    <p class="export-links">
                        <a class="btn btn--ghost" href=export download="">{i18n.t("people-export-csv")}</a>
                        " "
                        <a class="btn btn--ghost" href=export_comma download="">{i18n.t("people-export-csv-comma")}</a>
                        {(can_nudge && total > 0).then(|| view! { " " <a class="btn btn--secondary" href=confirm>{i18n.t("dash-nudge-all")}</a> })}
                    </p>
                    <ScrollTable label=i18n.t("dash-people-title") class="dash-people">
                        <thead><tr>
                            <th scope="col">{i18n.t("licence-col-name")}</th>
                            <th scope="col">{i18n.t("field-team")}</th>
                            <th scope="col">{i18n.t("dash-manager")}</th>
                            <th scope="col">{i18n.t("licence-col-status")}</th>
                            <th scope="col">{i18n.t("licence-col-through")}</th>
                            {can_nudge.then(|| view! { <th scope="col">{i18n.t("dash-col-action")}</th> })}
                        </tr></thead>
                        <tbody>
                            {list.items.into_iter().map(|p| {
                                let f = filter.clone();
                                view! {
                                    <tr>
                                        <th scope="row"><a href=routes::person_licence(p.id)>{p.name.clone()}</a></th>
                                        <td>{p.team_name}</td>
                                        <td>{p.manager_name}</td>
                                        <td><StatusBadge status=p.status /></td>
                                        <td>{p.valid_through.map(|d| i18n.day(d)).unwrap_or_else(|| "—".to_owned())}</td>
                                        {can_nudge.then(|| view! { <td><NudgeOne person_id=p.id name=p.name filter=f /></td> })}
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </ScrollTable>
                    <Pager previous next page=pg pages first last total />
                }
            } />
        } />
    }
}

#[component]
fn NudgeOne(person_id: i64, name: String, filter: CoverageFilter) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<Nudge>::new();
    let label = i18n.t_with("dash-nudge-one", &[("name", name)]);
    view! {
        <ActionForm action attr:class="form form--inline">
            <input type="hidden" name="form[person_id]" value=person_id />
            <FilterFields filter />
            <button class="btn btn--ghost btn--small" type="submit" aria-label=label.clone()>{i18n.t("dash-nudge")}</button>
        </ActionForm>
    }
}

#[component]
fn PeopleFilters(
    filter: CoverageFilter,
    choices: crate::api::dashboard::FilterChoices,
) -> impl IntoView {
    let i18n = use_i18n();
    let status = filter.status;
    view! {
        <form class="filters" method="get" action=routes::HR_COVERAGE role="search" aria-label=i18n.t("filter-label")>
            <div class="field">
                <label class="field__label" for="cov-q">{i18n.t("filter-search")}</label>
                <input class="field__input" id="cov-q" type="search" name="q" value=filter.query.clone() />
            </div>
            <div class="field">
                <label class="field__label" for="cov-status">{i18n.t("licence-col-status")}</label>
                <select class="field__input" id="cov-status" name="status">
                    <option value="">{i18n.t("dash-status-all")}</option>
                    {LicenceStatus::ALL.into_iter().map(|s| view! { <option value=s.code() selected=Some(s) == status>{i18n.t(s.label_key())}</option> }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label class="field__label" for="cov-department">{i18n.t("field-department")}</label>
                <select class="field__input" id="cov-department" name="department">
                    <option value="">{i18n.t("filter-department-all")}</option>
                    {choices.departments.into_iter().map(|(id, n)| view! { <option value=id.to_string() selected=Some(id) == filter.department_id>{n}</option> }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label class="field__label" for="cov-team">{i18n.t("field-team")}</label>
                <select class="field__input" id="cov-team" name="team">
                    <option value="">{i18n.t("filter-team-all")}</option>
                    {choices.teams.into_iter().map(|(id, n)| view! { <option value=id.to_string() selected=Some(id) == filter.team_id>{n}</option> }).collect_view()}
                </select>
            </div>
            {filter.manager_id.map(|m| view! { <input type="hidden" name="manager" value=m.to_string() /> })}
            <div class="field">
                <label class="field__label" for="cov-sort">{i18n.t("dash-sort")}</label>
                <select class="field__input" id="cov-sort" name="sort">
                    {PersonSort::ALL.into_iter().map(|s| view! { <option value=s.code() selected=s == filter.sort>{i18n.t(&format!("dash-sort-{}", s.code()))}</option> }).collect_view()}
                </select>
            </div>
            <button type="submit" class="btn btn--secondary">{i18n.t("filter-apply")}</button>
        </form>
    }
}

/// `/hr/coverage/nudge`: "N people get a reminder" and the button that sends it.
#[component]
pub fn NudgeConfirmPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = read_params();
    let data = Resource::new(params, |[d, t, m, s, q, _, _]| {
        nudge_count(NudgeForm {
            person_id: String::new(),
            department: d,
            team: t,
            manager: m,
            status: s,
            q,
        })
    });
    view! {
        <RequireRole allowed=RoleSet::can_view_people_overview children=move |_| view! {
            <PageHeader title=i18n.t("dash-nudge-title") />
            <Loaded resource=data children=move |count| {
                let [d, t, m, s, q, sort, _] = params();
                let filter = CoverageFilter::parse(&d, &t, &m, &s, &q, &sort);
                let back = page_href(routes::HR_COVERAGE, &filter.pairs(), 1);
                let action = ServerAction::<Nudge>::new();
                let error = action_error(action);
                view! {
                    <section class="card">
                        <p class="dash-nudge-count">{i18n.t_with("dash-nudge-confirm", &[("count", count.to_string())])}</p>
                        <ActionForm action attr:class="form">
                            <ErrorSummary error />
                            <FilterFields filter />
                            <div class="form__actions">
                                <button class="btn btn--primary" type="submit" disabled=count == 0>{i18n.t("dash-nudge-send")}</button>
                                <a class="btn btn--ghost" href=back>{i18n.t("dash-cancel")}</a>
                            </div>
                        </ActionForm>
                    </section>
                }
            } />
        } />
    }
}
