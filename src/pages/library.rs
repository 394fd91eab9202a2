//! The library: every presentation the viewer may read, searched and filtered by a plain GET form
//! (works without JavaScript, bookmarkable), newest first, paged by an "older" link; and one
//! journey's presentations with the frictions colleagues recognised most.

use crate::api::presentation::library::{journey_presentations, search_library};
use crate::components::guard::{RequireRole, any_role};
use crate::components::layout::PageHeader;
use crate::components::load::Loaded;
use crate::domain::journey::Phase;
use crate::domain::presentation::{LibraryCard, LibraryChoices, LibraryFilter, RecognisedFriction};
use crate::domain::walkthrough::Severity;
use crate::i18n::use_i18n;
use crate::pages::id_param;
use crate::routes;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// `/presentations`
#[component]
pub fn LibraryPage() -> impl IntoView {
    let query = use_query_map();
    let params = move || {
        query.with(|q| {
            [
                "q",
                "journey",
                "phase",
                "department",
                "year",
                "severity",
                "after",
            ]
            .map(|k| q.get(k).unwrap_or_default())
        })
    };
    let data = Resource::new(
        params,
        |[q, journey, phase, department, year, severity, after]| {
            search_library(q, journey, phase, department, year, severity, after)
        },
    );
    let i18n = use_i18n();
    view! {
        <RequireRole allowed=any_role children=move |_| view! {
            <PageHeader title=i18n.t("library-title") lead=i18n.t("library-lead") />
            <Loaded resource=data children=move |page| {
                let next = page.results.next.map(|c| older_link(&page.filter, &c.encode()));
                view! {
                    <LibraryFilters filter=page.filter.clone() choices=page.choices />
                    <CardList cards=page.results.cards />
                    {next.map(|href| view! {
                        <nav class="library__paging" aria-label=i18n.t("library-paging")>
                            <a class="btn btn--secondary" href=href rel="external">{i18n.t("library-older")}</a>
                        </nav>
                    })}
                }
            } />
        } />
    }
}

/// The library URL of the same search, one page further.
fn older_link(filter: &LibraryFilter, after: &str) -> String {
    let mut pairs: Vec<(&str, String)> = vec![("q", filter.text.clone())];
    pairs.push((
        "journey",
        filter.journey.map(|v| v.to_string()).unwrap_or_default(),
    ));
    pairs.push((
        "phase",
        filter
            .phase
            .map(|v| v.code().to_owned())
            .unwrap_or_default(),
    ));
    pairs.push((
        "department",
        filter.department.map(|v| v.to_string()).unwrap_or_default(),
    ));
    pairs.push((
        "year",
        filter.year.map(|v| v.to_string()).unwrap_or_default(),
    ));
    pairs.push((
        "severity",
        filter
            .severity
            .map(|v| v.code().to_owned())
            .unwrap_or_default(),
    ));
    pairs.push(("after", after.to_owned()));
    let query = pairs
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", crate::components::guard::urlencode(&v)))
        .collect::<Vec<_>>()
        .join("&");
    format!("{}?{query}", routes::LIBRARY)
}

/// One select of the filter form: `options` are (value, label); the empty value means "all".
#[component]
fn FilterSelect(
    name: &'static str,
    label: String,
    all: String,
    options: Vec<(String, String)>,
    selected: String,
) -> impl IntoView {
    let id = format!("library-{name}");
    view! {
        <div class="field">
            <label class="field__label" for=id.clone()>{label}</label>
            <select class="field__input" id=id name=name>
                <option value="">{all}</option>
                {options.into_iter().map(|(value, label)| {
                    let is = value == selected;
                    view! { <option value=value selected=is>{label}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}

#[component]
fn LibraryFilters(filter: LibraryFilter, choices: LibraryChoices) -> impl IntoView {
    let i18n = use_i18n();
    let opt = |v: Option<String>| v.unwrap_or_default();
    view! {
        <form class="filters library__filters" method="get" action=routes::LIBRARY role="search" aria-label=i18n.t("library-search-label")>
            <div class="field library__text">
                <label class="field__label" for="library-q">{i18n.t("library-search")}</label>
                <input class="field__input" id="library-q" type="search" name="q" value=filter.text.clone()
                    placeholder=i18n.t("library-search-placeholder") />
            </div>
            <FilterSelect name="journey" label=i18n.t("library-journey") all=i18n.t("library-all-journeys")
                options=choices.journeys.into_iter().map(|(id, t)| (id.to_string(), t)).collect()
                selected=opt(filter.journey.map(|v| v.to_string())) />
            <FilterSelect name="phase" label=i18n.t("library-phase") all=i18n.t("library-all-phases")
                options=Phase::ALL.iter().map(|p| (p.code().to_owned(), i18n.t(p.label_key()))).collect()
                selected=opt(filter.phase.map(|v| v.code().to_owned())) />
            <FilterSelect name="department" label=i18n.t("library-department") all=i18n.t("library-all-departments")
                options=choices.departments.into_iter().map(|(id, t)| (id.to_string(), t)).collect()
                selected=opt(filter.department.map(|v| v.to_string())) />
            <FilterSelect name="year" label=i18n.t("library-year") all=i18n.t("library-all-years")
                options=choices.years.into_iter().map(|y| (y.to_string(), y.to_string())).collect()
                selected=opt(filter.year.map(|v| v.to_string())) />
            <FilterSelect name="severity" label=i18n.t("library-severity") all=i18n.t("library-all-severities")
                options=Severity::ALL.iter().map(|s| (s.code().to_owned(), i18n.t(&format!("library-severity-{}", s.code())))).collect()
                selected=opt(filter.severity.map(|v| v.code().to_owned())) />
            <div class="library__actions">
                <button type="submit" class="btn btn--primary">{i18n.t("library-apply")}</button>
                <a class="btn btn--ghost" href=routes::LIBRARY rel="external">{i18n.t("library-reset")}</a>
            </div>
        </form>
    }
}

/// The result cards, or a calm empty state.
#[component]
pub fn CardList(cards: Vec<LibraryCard>) -> impl IntoView {
    let i18n = use_i18n();
    if cards.is_empty() {
        return view! { <p class="empty-state" role="status">{i18n.t("library-empty")}</p> }
            .into_any();
    }
    view! {
        <ul class="library__cards" role="list">
            {cards.into_iter().map(|card| view! { <li><Card card /></li> }).collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
fn Card(card: LibraryCard) -> impl IntoView {
    let i18n = use_i18n();
    let team = [card.team_name.clone(), card.department_name.clone()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ");
    view! {
        <article class="library-card">
            <h2 class="library-card__title">
                <a href=routes::presentation(card.id)>{card.title.clone()}</a>
            </h2>
            <p class="library-card__meta">
                <span>{card.author_name.clone()}</span>
                {(!team.is_empty()).then(|| view! { <span>{team}</span> })}
            </p>
            <p class="library-card__meta">
                <span>{card.journey_title.clone()}</span>
                <span>{i18n.t_with("library-presented-on", &[("date", i18n.date(card.presented_at))])}</span>
                <span class="badge">{i18n.t(card.status.label_key())}</span>
            </p>
            {card.top_friction.clone().map(|t| view! {
                <p class="library-card__friction">
                    <span class="library-card__label">{i18n.t("library-top-friction")}</span>" "{t}
                </p>
            })}
            <p class="library-card__counts">
                <span>{i18n.t_count("library-comments", card.comments)}</span>
                <span>{i18n.t_count("library-recognitions", card.recognitions)}</span>
            </p>
        </article>
    }
}

/// `/presentations/journey/:family`
#[component]
pub fn JourneyPresentationsPage() -> impl IntoView {
    let family = id_param("family");
    let query = use_query_map();
    let after = move || query.with(|q| q.get("after").unwrap_or_default());
    let data = Resource::new(
        move || (family.get(), after()),
        |(family, after)| async move {
            match family {
                Some(family) => journey_presentations(family, after).await,
                None => Err(crate::error::AppError::NotFound),
            }
        },
    );
    let i18n = use_i18n();
    view! {
        <RequireRole allowed=any_role children=move |_| view! {
            <Loaded resource=data children=move |page| {
                let next = page.results.next.map(|c| {
                    format!("{}?after={}", routes::journey_presentations(page.family), c.encode())
                });
                view! {
                    <PageHeader title=i18n.t("library-journey-title") lead=page.title.clone() />
                    <section class="library__top" aria-labelledby="library-top-heading">
                        <h2 id="library-top-heading">{i18n.t("library-journey-top")}</h2>
                        <TopFrictions top=page.top.clone() />
                    </section>
                    <section aria-labelledby="library-list-heading">
                        <h2 id="library-list-heading">{i18n.t("library-journey-list")}</h2>
                        <CardList cards=page.results.cards.clone() />
                    </section>
                    {next.map(|href| view! {
                        <nav class="library__paging" aria-label=i18n.t("library-paging")>
                            <a class="btn btn--secondary" href=href rel="external">{i18n.t("library-older")}</a>
                        </nav>
                    })}
                }
            } />
        } />
    }
}

#[component]
fn TopFrictions(top: Vec<RecognisedFriction>) -> impl IntoView {
    let i18n = use_i18n();
    if top.is_empty() {
        return view! { <p class="empty-state">{i18n.t("library-journey-top-empty")}</p> }
            .into_any();
    }
    view! {
        <ol class="library__top-list">
            {top.into_iter().map(|f| view! {
                <li>
                    <span class="library__top-count">{i18n.t_count("library-recognitions", f.recognitions)}</span>
                    <strong>{f.friction_title}</strong>
                    <span class="library__top-from">
                        {i18n.t("library-journey-from")}" "
                        <a href=routes::presentation(f.presentation_id)>{f.presentation_title}</a>
                    </span>
                </li>
            }).collect_view()}
        </ol>
    }
    .into_any()
}
