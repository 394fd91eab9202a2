//! `/improvements`: every improvement for CX and HR (a team lead sees their own team's part) —
//! filtered by team, journey, status, gap and year, sorted by the computed priority or by age,
//! with the counts per team and status above the list, paged on the server, and the same filter
//! as CSV. Server-rendered; the filter is a plain GET form.

use crate::api::improvement::overview::{OverviewPage, load_improvements};
use crate::components::guard::{RequireRole, any_role};
use crate::components::layout::PageHeader;
use crate::components::load::Loaded;
use crate::components::pager::{Pager, page_href};
use crate::components::table::ScrollTable;
use crate::domain::improvement::overview::{OverviewFilter, PAGE_SIZE, Sort, Summary};
use crate::domain::improvement::{Gap, ImprovementStatus};
use crate::i18n::use_i18n;
use crate::routes;
use chrono::Datelike;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

const FIELDS: [&str; 7] = ["team", "journey", "status", "gap", "year", "sort", "page"];

#[component]
pub fn ImprovementsPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let params = move || query.with(|q| FIELDS.map(|k| q.get(k).unwrap_or_default()));
    let data = Resource::new(params, |[team, journey, status, gap, year, sort, page]| {
        load_improvements(team, journey, status, gap, year, sort, page)
    });
    view! {
        <RequireRole allowed=any_role children=move |_| view! {
            <PageHeader title=i18n.t("improvement-life-overview-title") lead=i18n.t("improvement-life-overview-lead") />
            <Loaded resource=data children=move |page| {
                let [team, journey, status, gap, year, sort, _] = params();
                let filter = OverviewFilter::parse(&team, &journey, &status, &gap, &year, &sort);
                view! { <Overview page filter /> }
            } />
        } />
    }
}

#[component]
fn Overview(page: OverviewPage, filter: OverviewFilter) -> impl IntoView {
    let i18n = use_i18n();
    let pairs = filter.pairs();
    let export = page_href(routes::IMPROVEMENTS_EXPORT, &pairs, 1);
    let link = |n: i64| page_href(routes::IMPROVEMENTS, &pairs, n);
    let previous = (page.page > 1).then(|| link(page.page - 1));
    let next = (page.page < page.pages).then(|| link(page.page + 1));
    let first = ((page.page - 1) * PAGE_SIZE + 1).min(page.total);
    let last = first + page.rows.len() as i64 - 1;
    let scope = page.scope_team.and_then(|id| {
        page.teams
            .iter()
            .find(|(t, _)| *t == id)
            .map(|(_, name)| name.clone())
    });
    let today = page.today;
    view! {
        {scope.map(|team| view! { <p class="alert alert--info">{i18n.t_with("improvement-life-scope-team", &[("team", team)])}</p> })}
        <Filters filter=filter.clone() page=page.clone() />
        <Counts summary=page.summary.clone() />
        <p class="export-links">
            <a class="btn btn--ghost" href=export download="">{i18n.t("improvement-life-export")}</a>
        </p>
        {if page.rows.is_empty() {
            view! { <p class="empty-state">{i18n.t("improvement-life-overview-empty")}</p> }.into_any()
        } else {
            view! {
                <ScrollTable label=i18n.t("improvement-life-overview-title")>
                    <thead><tr>
                        <th scope="col">{i18n.t("improvement-life-col-title")}</th>
                        <th scope="col">{i18n.t("improvement-life-team")}</th>
                        <th scope="col">{i18n.t("improvement-life-status")}</th>
                        <th scope="col">{i18n.t("improvement-life-score")}</th>
                        <th scope="col">{i18n.t("improvement-life-priority")}</th>
                        <th scope="col">{i18n.t("improvement-life-col-reports")}</th>
                        <th scope="col">{i18n.t("improvement-life-due")}</th>
                        <th scope="col">{i18n.t("improvement-life-col-age")}</th>
                    </tr></thead>
                    <tbody>
                        {page.rows.into_iter().map(|r| {
                            let overdue = r.is_overdue(today);
                            view! {
                                <tr>
                                    <th scope="row">
                                        <a href=routes::improvement(r.id)>{r.title.clone()}</a>
                                        <br /><span class="table__muted">{r.journey_title.clone()}</span>
                                    </th>
                                    <td>{r.team_name.clone()}</td>
                                    <td><span class="badge" data-status=r.status.code()>{i18n.t(r.status.label_key())}</span></td>
                                    <td>{r.score()}</td>
                                    <td>{i18n.t(r.priority.label_key())}</td>
                                    <td>{r.facts.reports()}</td>
                                    <td>
                                        {r.due_on.map(|d| i18n.day(d)).unwrap_or_else(|| "—".to_owned())}
                                        {overdue.then(|| view! { " " <span class="badge" data-state="overdue">{i18n.t("improvement-life-overdue")}</span> })}
                                    </td>
                                    <td>{i18n.t_count("improvement-life-days", r.age_days(today))}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </ScrollTable>
            }.into_any()
        }}
        <Pager previous next page=page.page pages=page.pages first last total=page.total />
    }
}

#[component]
fn Filters(filter: OverviewFilter, page: OverviewPage) -> impl IntoView {
    let i18n = use_i18n();
    let id = |v: Option<i64>| v.map(|v| v.to_string()).unwrap_or_default();
    let (team, journey) = (id(filter.team), id(filter.journey));
    let status = filter.status.map(|s| s.code()).unwrap_or_default();
    let gap = filter.gap.map(|g| g.code()).unwrap_or_default();
    let year = filter.year.map(|y| y.to_string()).unwrap_or_default();
    let this_year = page.today.year();
    let option = |value: String, label: String, chosen: &str| {
        let selected = value == chosen;
        view! { <option value=value selected=selected>{label}</option> }
    };
    view! {
        <form class="filters" method="get" role="search" aria-label=i18n.t("improvement-life-filter-label")>
            {page.scope_team.is_none().then(|| view! {
                <div class="field">
                    <label class="field__label" for="filter-team">{i18n.t("improvement-life-team")}</label>
                    <select class="field__input" id="filter-team" name="team">
                        <option value="">{i18n.t("improvement-life-all")}</option>
                        {page.teams.iter().map(|(v, l)| option(v.to_string(), l.clone(), &team)).collect_view()}
                    </select>
                </div>
            })}
            <div class="field">
                <label class="field__label" for="filter-journey">{i18n.t("improvement-life-journey")}</label>
                <select class="field__input" id="filter-journey" name="journey">
                    <option value="">{i18n.t("improvement-life-all")}</option>
                    {page.journeys.iter().map(|(v, l)| option(v.to_string(), l.clone(), &journey)).collect_view()}
                </select>
            </div>
            <div class="field">
                <label class="field__label" for="filter-status">{i18n.t("improvement-life-status")}</label>
                <select class="field__input" id="filter-status" name="status">
                    <option value="">{i18n.t("improvement-life-all")}</option>
                    {ImprovementStatus::ALL.into_iter().map(|s| option(s.code().to_owned(), i18n.t(s.label_key()), status)).collect_view()}
                </select>
            </div>
            <div class="field">
                <label class="field__label" for="filter-gap">{i18n.t("improvement-life-gap")}</label>
                <select class="field__input" id="filter-gap" name="gap">
                    <option value="">{i18n.t("improvement-life-all")}</option>
                    {Gap::ALL.into_iter().map(|g| option(g.code().to_owned(), i18n.t(g.label_key()), gap)).collect_view()}
                </select>
            </div>
            <div class="field">
                <label class="field__label" for="filter-year">{i18n.t("improvement-life-year")}</label>
                <select class="field__input" id="filter-year" name="year">
                    <option value="">{i18n.t("improvement-life-all")}</option>
                    {(this_year - 4..=this_year).rev().map(|y| option(y.to_string(), y.to_string(), &year)).collect_view()}
                </select>
            </div>
            <div class="field">
                <label class="field__label" for="filter-sort">{i18n.t("improvement-life-sort")}</label>
                <select class="field__input" id="filter-sort" name="sort">
                    {option(String::new(), i18n.t("improvement-life-sort-priority"), if filter.sort == Sort::Age { "age" } else { "" })}
                    {option("age".to_owned(), i18n.t("improvement-life-sort-age"), if filter.sort == Sort::Age { "age" } else { "" })}
                </select>
            </div>
            <button type="submit" class="btn btn--secondary">{i18n.t("filter-apply")}</button>
        </form>
    }
}

#[component]
fn Counts(summary: Summary) -> impl IntoView {
    let i18n = use_i18n();
    let median = move |m: Option<i64>| {
        m.map(|n| i18n.t_count("improvement-life-days", n))
            .unwrap_or_else(|| "—".to_owned())
    };
    let statuses = summary
        .statuses
        .iter()
        .map(|(s, n)| format!("{}: {n}", i18n.t(s.label_key())))
        .collect::<Vec<_>>()
        .join(" · ");
    let total = summary.total.clone();
    view! {
        <div class="stack">
            <h2 id="counts-heading">{i18n.t("improvement-life-counts")}</h2>
            <p>{statuses}</p>
            <ScrollTable label=i18n.t("improvement-life-counts")>
                <thead><tr>
                    <th scope="col">{i18n.t("improvement-life-team")}</th>
                    <th scope="col">{i18n.t("improvement-life-open")}</th>
                    <th scope="col">{i18n.t("improvement-life-overdue")}</th>
                    <th scope="col">{i18n.t("improvement-life-fixed-this-year")}</th>
                    <th scope="col">{i18n.t("improvement-life-median")}</th>
                </tr></thead>
                <tbody>
                    {summary.teams.into_iter().map(|t| view! {
                        <tr>
                            <th scope="row">{t.team_name.clone()}</th>
                            <td>{t.open}</td>
                            <td>{t.overdue}</td>
                            <td>{t.fixed_this_year}</td>
                            <td>{median(t.median_days_to_fix)}</td>
                        </tr>
                    }).collect_view()}
                    <tr>
                        <th scope="row">{i18n.t("improvement-life-total")}</th>
                        <td>{total.open}</td>
                        <td>{total.overdue}</td>
                        <td>{total.fixed_this_year}</td>
                        <td>{median(total.median_days_to_fix)}</td>
                    </tr>
                </tbody>
            </ScrollTable>
        </div>
    }
}
