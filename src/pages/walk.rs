//! The employee's walkthrough home, the brief before starting a journey, and the readers' list.

use crate::api::walkthrough::{
    StartWalkthrough, journey_brief, readable_walkthroughs, walk_overview,
};
use crate::components::errors::LoadError;
use crate::components::form::ErrorSummary;
use crate::components::guard::RequireRole;
use crate::components::layout::PageHeader;
use crate::components::load::Loaded;
use crate::components::pager::{Pager, page_href};
use crate::components::table::ScrollTable;
use crate::domain::journey::JourneyDetail;
use crate::domain::walkthrough::{WalkthroughStatus, WalkthroughSummary};
use crate::domain::{Role, RoleSet};
use crate::error::AppError;
use crate::i18n::use_i18n;
use crate::routes;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

fn can_read_others(roles: &RoleSet) -> bool {
    roles.has_any(&[Role::Reviewer, Role::Hr])
}

/// Where a walkthrough opens: the log when finished, else the first step without an outcome.
pub fn walkthrough_href(w: &WalkthroughSummary) -> String {
    if w.status == WalkthroughStatus::InProgress {
        let next = (w.steps_answered + 1).min(w.steps_total.max(1));
        routes::walk_step(w.id, next)
    } else {
        routes::walkthrough(w.id)
    }
}

/// `/walk`: my walkthroughs and the live journeys I can start.
#[component]
pub fn WalkHomePage() -> impl IntoView {
    let i18n = use_i18n();
    let data = Resource::new(|| (), |_| walk_overview());
    view! {
        <RequireRole allowed=RoleSet::can_walk children=move |_| view! {
            <PageHeader title=i18n.t("walk-home-title") lead=i18n.t("walk-home-lead") />
            <Loaded resource=data children=move |home| {
                let in_progress = home.in_progress;
                let current = home.mine.iter().find(|w| Some(w.id) == in_progress).cloned();
                view! {
                    {current.map(|w| view! {
                        <section class="card walk-current" aria-labelledby="walk-current-title">
                            <h2 class="card__title" id="walk-current-title">{i18n.t("walk-current-title")}</h2>
                            <p class="walk-current__journey">{w.journey_title.clone()}</p>
                            <p>{i18n.t_with("walk-progress-summary", &[("answered", w.steps_answered.to_string()), ("total", w.steps_total.to_string())])}</p>
                            <progress class="walk-current__bar" max=w.steps_total value=w.steps_answered aria-label=i18n.t("walk-progress-label")></progress>
                            <a class="btn btn--primary" href=walkthrough_href(&w) rel="external">{i18n.t("walk-continue")}</a>
                        </section>
                    })}
                    <section aria-labelledby="walk-journeys-title" class="stack">
                        <h2 id="walk-journeys-title">{i18n.t_with("walk-journeys-title", &[("year", home.cycle_year.to_string())])}</h2>
                        {in_progress.is_some().then(|| view! { <p class="alert alert--info">{i18n.t(crate::domain::Refusal::WalkAlreadyInProgress.key())}</p> })}
                        {if home.live.is_empty() {
                            view! { <p class="empty-state">{i18n.t("walk-no-journeys")}</p> }.into_any()
                        } else {
                            view! {
                                <ul class="card-grid journey-cards">
                                    {home.live.into_iter().map(|j| view! {
                                        <li class="card journey-card">
                                            <p class="journey-card__product">{j.product_line.clone()}</p>
                                            <h3 class="card__title">{j.title.clone()}</h3>
                                            <p class="table__muted">{i18n.t_count("walk-step-count", j.step_count)}</p>
                                            {in_progress.is_none().then(|| view! {
                                                <a class="btn btn--secondary" href=routes::walk_start(j.id)
                                                    aria-label=i18n.t_with("walk-start-aria", &[("title", j.title.clone())])>
                                                    {i18n.t("walk-start")}
                                                </a>
                                            })}
                                            <a class="journey-card__library" href=routes::journey_presentations(j.family_id)
                                                aria-label=i18n.t_with("library-journey-link-aria", &[("title", j.title.clone())])>
                                                {i18n.t("library-journey-link")}
                                            </a>
                                        </li>
                                    }).collect_view()}
                                </ul>
                            }.into_any()
                        }}
                    </section>
                    <section aria-labelledby="walk-mine-title" class="stack">
                        <h2 id="walk-mine-title">{i18n.t("walk-mine-title")}</h2>
                        <WalkthroughTable items=home.mine show_person=false />
                    </section>
                }.into_any()
            } />
        } />
    }
}

/// A table of walkthroughs with status and progress, each linking to where it continues.
#[component]
pub fn WalkthroughTable(items: Vec<WalkthroughSummary>, show_person: bool) -> impl IntoView {
    let i18n = use_i18n();
    if items.is_empty() {
        return view! { <p class="empty-state">{i18n.t("walk-none-yet")}</p> }.into_any();
    }
    view! {
        <ScrollTable label=i18n.t("walk-table-label")>
            <thead>
                <tr>
                    {show_person.then(|| view! { <th scope="col">{i18n.t("walk-col-person")}</th> })}
                    <th scope="col">{i18n.t("walk-col-journey")}</th>
                    <th scope="col">{i18n.t("walk-col-status")}</th>
                    <th scope="col">{i18n.t("walk-col-progress")}</th>
                    <th scope="col">{i18n.t("walk-col-started")}</th>
                </tr>
            </thead>
            <tbody>
                {items.into_iter().map(|w| {
                    let href = if show_person { routes::walkthrough(w.id) } else { walkthrough_href(&w) };
                    view! {
                        <tr>
                            {show_person.then(|| view! { <td>{w.person_name.clone()}</td> })}
                            <td><a href=href rel="external">{w.journey_title.clone()}</a>
                                <span class="table__muted">{format!(" · v{}", w.journey_version)}</span></td>
                            <td><span class="badge" data-status=w.status.code()>{i18n.t(w.status.label_key())}</span></td>
                            <td>{format!("{}/{}", w.steps_answered, w.steps_total)}</td>
                            <td>{i18n.date(w.started_at)}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </ScrollTable>
    }
    .into_any()
}

/// `/walk/start/:journey_id`: the scenario brief and the rules, then the start button.
#[component]
pub fn StartWalkPage() -> impl IntoView {
    let params = use_params_map();
    let id = params
        .with_untracked(|p| p.get("journey_id"))
        .and_then(|s| s.parse::<i64>().ok());
    view! {
        <RequireRole allowed=RoleSet::can_walk children=move |_| match id {
            Some(id) => {
                let brief = Resource::new(move || id, journey_brief);
                view! {
                    <Loaded resource=brief children=move |j| view! { <Brief journey=j /> } />
                }.into_any()
            }
            None => view! { <LoadError error=AppError::NotFound /> }.into_any(),
        } />
    }
}

#[component]
fn Brief(journey: JourneyDetail) -> impl IntoView {
    let i18n = use_i18n();
    let start = ServerAction::<StartWalkthrough>::new();
    let error = Signal::derive(move || start.value().get().and_then(|r| r.err()));
    // Step pages always load whole: each starts from what the server holds for that step.
    let phases: Vec<String> = {
        let mut seen = Vec::new();
        for s in &journey.steps {
            if !seen.contains(&s.phase) {
                seen.push(s.phase);
            }
        }
        seen.into_iter().map(|p| i18n.t(p.label_key())).collect()
    };
    view! {
        <PageHeader title=journey.title.clone() lead=journey.product_line.clone() />
        <div class="brief stack">
            <section class="card" aria-labelledby="brief-scenario">
                <h2 class="card__title" id="brief-scenario">{i18n.t("walk-brief-scenario")}</h2>
                <dl class="meta-list">
                    <dt>{i18n.t("walk-brief-persona")}</dt><dd>{journey.persona.clone()}</dd>
                    <dt>{i18n.t("walk-brief-goal")}</dt><dd>{journey.goal.clone()}</dd>
                </dl>
                <p class="prose">{journey.scenario.clone()}</p>
            </section>
            <section class="card card--warning" aria-labelledby="brief-rules">
                <h2 class="card__title" id="brief-rules">{i18n.t("walk-brief-rules")}</h2>
                <p class="prose">{journey.rules.clone()}</p>
            </section>
            <section class="card" aria-labelledby="brief-steps">
                <h2 class="card__title" id="brief-steps">{i18n.t_count("walk-step-count", journey.steps.len() as i64)}</h2>
                <p>{phases.join(" → ")}</p>
            </section>
            <ErrorSummary error=error />
            <ActionForm action=start attr:class="form__actions">
                <input type="hidden" name="journey_id" value=journey.id />
                <button class="btn btn--primary" type="submit">{i18n.t("walk-start-now")}</button>
                <a class="btn btn--ghost" href="/walk">{i18n.t("walk-back-home")}</a>
            </ActionForm>
        </div>
    }
}

/// `/walkthroughs`: the walkthroughs a reviewer (their team) or HR (everyone) may read, one page
/// at a time, filtered on the server by person or journey, status and year.
#[component]
pub fn ReadableWalkthroughsPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let params = move || {
        query.with(|q| ["q", "status", "year", "page"].map(|k| q.get(k).unwrap_or_default()))
    };
    let data = Resource::new(params, |[q, status, year, page]| {
        readable_walkthroughs(q, status, year, page)
    });
    view! {
        <RequireRole allowed=can_read_others children=move |_| view! {
            <PageHeader title=i18n.t("walk-readable-title") lead=i18n.t("walk-readable-lead") />
            <Loaded resource=data children=move |list| {
                let [q, status, year, _] = params();
                let pairs = [("q", q.clone()), ("status", status.clone()), ("year", year.clone())];
                let path = routes::WALKTHROUGHS;
                let previous = list.has_previous().then(|| page_href(path, &pairs, list.page - 1));
                let next = list.has_next().then(|| page_href(path, &pairs, list.page + 1));
                let (first, last) = list.shown();
                let (page, pages, total) = (list.page, list.pages(), list.total);
                view! {
                    <ReadableFilters q status year />
                    <WalkthroughTable items=list.items show_person=true />
                    <Pager previous next page pages first last total />
                }
            } />
        } />
    }
}

/// The readable list's GET filter form (works without JavaScript, lives in the URL).
#[component]
fn ReadableFilters(q: String, status: String, year: String) -> impl IntoView {
    let i18n = use_i18n();
    let statuses = [
        WalkthroughStatus::InProgress,
        WalkthroughStatus::Completed,
        WalkthroughStatus::Abandoned,
    ];
    view! {
        <form class="filters" method="get" role="search" aria-label=i18n.t("filter-label")>
            <div class="field">
                <label class="field__label" for="walks-q">{i18n.t("walk-readable-search")}</label>
                <input class="field__input" id="walks-q" type="search" name="q" value=q />
            </div>
            <div class="field">
                <label class="field__label" for="walks-status">{i18n.t("filter-status")}</label>
                <select class="field__input" id="walks-status" name="status">
                    <option value="">{i18n.t("filter-status-all")}</option>
                    {statuses.into_iter().map(|s| view! {
                        <option value=s.code() selected=s.code() == status>{i18n.t(s.label_key())}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label class="field__label" for="walks-year">{i18n.t("walk-readable-year")}</label>
                <input class="field__input" id="walks-year" type="number" inputmode="numeric" min="2000" max="2200" name="year" value=year />
            </div>
            <button type="submit" class="btn btn--secondary">{i18n.t("filter-apply")}</button>
        </form>
    }
}
