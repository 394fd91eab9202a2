//! `/hr`: the coverage dashboard. HR and admins see the organisation, filtered by department,
//! team and manager (a GET form, no JavaScript needed); reviewers see their direct reports.
//! Every count links to the people behind it; the trend shows the last 12 months.

use crate::api::dashboard::{
    Counts, CoverageFilter, Dashboard, FilterChoices, load_dashboard, percent,
};
use crate::components::coverage_chart::CoverageChart;
use crate::components::guard::RequireRole;
use crate::components::layout::PageHeader;
use crate::components::load::Loaded;
use crate::components::pager::page_href;
use crate::components::table::ScrollTable;
use crate::domain::RoleSet;
use crate::domain::licence::LicenceStatus;
use crate::i18n::use_i18n;
use crate::routes;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// HR, admins and reviewers (scoped on the server).
pub fn can_see(roles: &RoleSet) -> bool {
    roles.can_view_people_overview() || roles.can_review()
}

#[component]
pub fn DashboardPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let params = move || {
        query.with(|q| ["department", "team", "manager"].map(|k| q.get(k).unwrap_or_default()))
    };
    let data = Resource::new(params, |[d, t, m]| load_dashboard(d, t, m));
    view! {
        <RequireRole allowed=can_see children=move |_| view! {
            <PageHeader title=i18n.t("dash-title") lead=i18n.t("dash-lead") />
            <Loaded resource=data children=move |dash| {
                let [d, t, m] = params();
                let filter = CoverageFilter::parse(&d, &t, &m, "", "", "");
                view! { <Body dash filter /> }
            } />
        } />
    }
}

/// The link behind a count: the drill-down list with this filter and `status`.
fn drill(filter: &CoverageFilter, status: Option<LicenceStatus>) -> String {
    page_href(routes::HR_COVERAGE, &filter.with_status(status).pairs(), 1)
}

#[component]
fn Body(dash: Dashboard, filter: CoverageFilter) -> impl IntoView {
    let i18n = use_i18n();
    let grace = dash.grace_counts_as_covered;
    let total = dash.total.clone();
    let covered = percent(total.covered(grace), total.total());
    let pct_text = covered.map_or_else(|| "—".to_owned(), |p| format!("{p}%"));
    let organisation = dash.organisation;
    view! {
        {organisation.then(|| view! {
            <p class="dash-links">
                <a href=routes::HR_IMPORT>{i18n.t("dash-link-import")}</a>
                " · "
                <a href=routes::HR_AUDIT>{i18n.t("dash-link-audit")}</a>
            </p>
        })}
        {(!organisation).then(|| view! { <p class="dash-scope">{i18n.t("dash-scope-team")}</p> })}
        <DashFilters choices=dash.choices.clone() filter=filter.clone() organisation />
        <section class="card" aria-labelledby="dash-summary-heading">
            <h2 class="card__title" id="dash-summary-heading">{i18n.t("dash-summary")}</h2>
            <p class="dash-covered">
                <span class="dash-covered__pct">{pct_text}</span>" "
                {i18n.t_with("dash-covered-of", &[("covered", total.covered(grace).to_string()), ("total", total.total().to_string())])}
            </p>
            <p class="dash-note">{i18n.t(if grace { "dash-grace-counts" } else { "dash-grace-not" })}</p>
            <ul class="dash-counts">
                {LicenceStatus::ALL.into_iter().map(|s| view! {
                    <li class=format!("dash-count dash-count--{}", s.code())>
                        <a href=drill(&filter, Some(s)) data-status=s.code()>
                            <span class="dash-count__n">{total.get(s)}</span>
                            <span class="dash-count__label">{i18n.t(s.label_key())}</span>
                        </a>
                    </li>
                }).collect_view()}
            </ul>
            <p><a href=drill(&filter, None)>{i18n.t_with("dash-all-people", &[("total", total.total().to_string())])}</a></p>
        </section>
        <TeamTable dash=dash.clone() filter=filter.clone() />
        <section class="card" aria-labelledby="dash-trend-heading">
            <h2 class="card__title" id="dash-trend-heading">{i18n.t("dash-trend-title")}</h2>
            <CoverageChart points=dash.trend />
        </section>
    }
}

#[component]
fn DashFilters(
    choices: FilterChoices,
    filter: CoverageFilter,
    organisation: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let picker = move |id: &'static str,
                       name: &'static str,
                       label: String,
                       all: String,
                       options: Vec<(i64, String)>,
                       chosen: Option<i64>| {
        view! {
            <div class="field">
                <label class="field__label" for=id>{label}</label>
                <select class="field__input" id=id name=name>
                    <option value="">{all}</option>
                    {options.into_iter().map(|(v, text)| view! {
                        <option value=v.to_string() selected=Some(v) == chosen>{text}</option>
                    }).collect_view()}
                </select>
            </div>
        }
    };
    view! {
        <form class="filters" method="get" action=routes::HR_DASHBOARD role="search" aria-label=i18n.t("filter-label")>
            {picker("dash-department", "department", i18n.t("field-department"), i18n.t("filter-department-all"), choices.departments, filter.department_id)}
            {picker("dash-team", "team", i18n.t("field-team"), i18n.t("filter-team-all"), choices.teams, filter.team_id)}
            {organisation.then(|| picker("dash-manager", "manager", i18n.t("dash-manager"), i18n.t("dash-manager-all"), choices.managers, filter.manager_id))}
            <button type="submit" class="btn btn--secondary">{i18n.t("filter-apply")}</button>
        </form>
    }
}

/// Counts per team, with the department around it; every number links to its people.
#[component]
fn TeamTable(dash: Dashboard, filter: CoverageFilter) -> impl IntoView {
    let i18n = use_i18n();
    let grace = dash.grace_counts_as_covered;
    let row = move |label: String,
                    department: Option<i64>,
                    team: Option<i64>,
                    counts: Counts,
                    strong: bool| {
        let mut f = filter.clone();
        if department.is_some() {
            f.department_id = department;
        }
        if team.is_some() {
            f.team_id = team;
        }
        let pct = percent(counts.covered(grace), counts.total())
            .map_or_else(|| "—".to_owned(), |p| format!("{p}%"));
        view! {
            <tr class=if strong { "dash-table__department" } else { "" }>
                <th scope="row">{label}</th>
                {LicenceStatus::ALL.into_iter().map(|s| {
                    let n = counts.get(s);
                    let href = drill(&f, Some(s));
                    view! { <td class="num">{if n > 0 { view! { <a href=href>{n}</a> }.into_any() } else { view! { <span>"0"</span> }.into_any() }}</td> }
                }).collect_view()}
                <td class="num">{counts.total()}</td>
                <td class="num">{pct}</td>
            </tr>
        }
    };
    // Department subtotals before their teams.
    let mut rows = Vec::new();
    let mut i = 0;
    let teams = dash.teams;
    while i < teams.len() {
        let dept = teams[i].department_id;
        let mut sub = Counts::default();
        let start = i;
        while i < teams.len() && teams[i].department_id == dept {
            sub.merge(&teams[i].counts);
            i += 1;
        }
        let name = if dept.is_some() {
            teams[start].department_name.clone()
        } else {
            i18n.t("dash-no-team")
        };
        rows.push(row(name, dept, None, sub, true));
        if dept.is_some() {
            for t in &teams[start..i] {
                rows.push(row(
                    format!("\u{2003}{}", t.team_name),
                    dept,
                    t.team_id,
                    t.counts.clone(),
                    false,
                ));
            }
        }
    }
    view! {
        <section class="card" aria-labelledby="dash-teams-heading">
            <h2 class="card__title" id="dash-teams-heading">{i18n.t("dash-teams")}</h2>
            <ScrollTable label=i18n.t("dash-teams-table") caption=i18n.t("dash-teams") class="dash-table">
                <thead><tr>
                    <th scope="col">{i18n.t("dash-col-team")}</th>
                    {LicenceStatus::ALL.into_iter().map(|s| view! { <th scope="col" class="num">{i18n.t(s.label_key())}</th> }).collect_view()}
                    <th scope="col" class="num">{i18n.t("dash-col-people")}</th>
                    <th scope="col" class="num">{i18n.t("dash-col-percent")}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </ScrollTable>
        </section>
    }
}
