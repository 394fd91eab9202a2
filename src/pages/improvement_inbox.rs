//! `/improvements/inbox`: the owning team's inbox of frictions from completed walkthroughs, and
//! the triage form under it — tick one or more, then make an improvement, add them to an open
//! one, or close them as "geen actie". Server-rendered; the filter is a GET form and the triage a
//! plain form post, so all of it works without JavaScript. Also the note a walker reads beside
//! their own friction on the walkthrough log once it was triaged.

use crate::api::improvement::inbox::{InboxPage, improvement_inbox};
use crate::api::improvement::triage::TriageFrictions;
use crate::components::form::{ErrorSummary, SelectField, TextArea, TextField, field_message};
use crate::components::guard::RequireRole;
use crate::components::layout::PageHeader;
use crate::components::load::Loaded;
use crate::components::pager::{Pager, page_href};
use crate::components::walk::RadioScale;
use crate::domain::improvement::inbox::{FrictionOutcome, InboxFriction, InboxOption, TriageState};
use crate::domain::improvement::triage::TriageOutcome;
use crate::domain::improvement::{Gap, LeadPriority};
use crate::domain::journey::Phase;
use crate::domain::walkthrough::{Principle, Severity};
use crate::domain::{Role, RoleSet, text};
use crate::error::AppError;
use crate::i18n::use_i18n;
use crate::pages::walk_step::severity_short_key;
use crate::routes;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use std::collections::BTreeMap;

/// The page guard only (the server function decides): CX and team leads.
fn inbox_roles(roles: &RoleSet) -> bool {
    roles.has_any(&[Role::Cx, Role::Reviewer])
}

const FILTER_KEYS: [&str; 9] = [
    "journey",
    "step",
    "phase",
    "severity",
    "principle",
    "year",
    "state",
    "team",
    "page",
];

#[component]
pub fn ImprovementInboxPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let params = move || query.with(|q| FILTER_KEYS.map(|k| q.get(k).unwrap_or_default()));
    let data = Resource::new(
        params,
        |[
            journey,
            step,
            phase,
            severity,
            principle,
            year,
            state,
            team,
            page,
        ]| {
            improvement_inbox(
                journey, step, phase, severity, principle, year, state, team, page,
            )
        },
    );
    view! {
        <RequireRole allowed=inbox_roles children=move |_| view! {
            <PageHeader title=i18n.t("inbox-title") lead=i18n.t("inbox-lead") />
            <TriagedNotice />
            <Loaded resource=data children=move |page| view! { <Inbox page /> } />
        } />
    }
}

/// What the last triage did, from `?triaged=new-<id>|joined-<id>|closed`.
#[component]
fn TriagedNotice() -> impl IntoView {
    let i18n = use_i18n();
    let triaged = use_query_map().with_untracked(|q| q.get("triaged"));
    triaged.map(|t| {
        let link = |key: &str, id: &str| {
            id.parse::<i64>().ok().map(|id| {
                view! {
                    " " <a href=routes::improvement(id)>{i18n.t(key)}</a>
                }
            })
        };
        let (message, link) = match t.split_once('-') {
            Some(("new", id)) => (i18n.t("inbox-done-new"), link("inbox-open-improvement", id)),
            Some(("joined", id)) => (
                i18n.t("inbox-done-joined"),
                link("inbox-open-improvement", id),
            ),
            _ => (i18n.t("inbox-done-closed"), None),
        };
        view! { <div class="alert alert--success" role="status">{message}{link}</div> }
    })
}

#[component]
fn Inbox(page: InboxPage) -> impl IntoView {
    let i18n = use_i18n();
    let filter = page.filter.clone();
    let pairs = filter.pairs();
    let path = routes::IMPROVEMENT_INBOX;
    let rows = page.rows.clone();
    let previous = rows
        .has_previous()
        .then(|| page_href(path, &pairs, rows.page - 1));
    let next = rows
        .has_next()
        .then(|| page_href(path, &pairs, rows.page + 1));
    let (first, last) = rows.shown();
    // Beyond the count's cap the heading says "more than …" and the pager stops at the cap.
    let cap = crate::domain::improvement::inbox::COUNT_CAP;
    let (number, pages, total) = (rows.page, rows.pages(), rows.total.min(cap));
    let heading = if rows.total > cap {
        i18n.t_count("inbox-count-many", cap)
    } else {
        i18n.t_count("inbox-count", total)
    };
    let back = page_href(path, &pairs, rows.page);
    let ticked: Vec<String> = page
        .draft
        .get("frictions")
        .map(|f| f.split(',').map(str::to_owned).collect())
        .unwrap_or_default();
    let open_rows = rows.items.iter().any(|f| f.triage.is_none());
    let triage = ServerAction::<TriageFrictions>::new();
    let error = Signal::derive(move || triage.value().get().and_then(|r| r.err()));
    view! {
        <Filters page=page.clone() />
        {if rows.items.is_empty() {
            view! { <p class="empty-state">{i18n.t("inbox-empty")}</p> }.into_any()
        } else {
            view! {
                <ActionForm action=triage attr:class="form stack inbox">
                    <input type="hidden" name="form[back]" value=back />
                    <h2 id="inbox-list-title">{heading}</h2>
                    <ul class="friction-list" aria-labelledby="inbox-list-title">
                        {rows.items.into_iter().map(|f| {
                            let checked = ticked.iter().any(|t| *t == f.id.to_string());
                            view! { <FrictionCard f checked /> }
                        }).collect_view()}
                    </ul>
                    <Pager previous next page=number pages first last total />
                    {move || field_message(error, "frictions").get().map(|m| view! { <p class="field__error" role="alert">{m}</p> })}
                    {open_rows.then(|| view! { <TriagePanel page=page.clone() error /> })}
                </ActionForm>
            }.into_any()
        }}
    }
}

/// The GET filter form, folded away on a phone until opened (open while a filter is set).
#[component]
fn Filters(page: InboxPage) -> impl IntoView {
    let i18n = use_i18n();
    let f = page.filter;
    let active = f.pairs().iter().any(|(_, v)| !v.is_empty());
    let n = |v: Option<i64>| v.map(|v| v.to_string()).unwrap_or_default();
    let code = |v: Option<&'static str>| v.unwrap_or_default().to_owned();
    let select = |id: &'static str,
                  label: String,
                  all: String,
                  options: Vec<(String, String)>,
                  selected: String| {
        view! {
            <div class="field">
                <label class="field__label" for=format!("inbox-{id}")>{label}</label>
                <select class="field__input" id=format!("inbox-{id}") name=id>
                    <option value="">{all}</option>
                    {options.into_iter().map(|(v, l)| {
                        let is = v == selected;
                        view! { <option value=v selected=is>{l}</option> }
                    }).collect_view()}
                </select>
            </div>
        }
    };
    let options = |list: &[InboxOption]| -> Vec<(String, String)> {
        list.iter()
            .map(|o| {
                let label = if o.group.is_empty() {
                    o.label.clone()
                } else {
                    format!("{} — {}", o.group, o.label)
                };
                (o.id.to_string(), label)
            })
            .collect()
    };
    let all = i18n.t("inbox-filter-all");
    view! {
        <details class="card inbox-filters" open=active>
            <summary>{i18n.t("inbox-filters")}</summary>
            <form class="filters" method="get" role="search" aria-label=i18n.t("inbox-filters")>
                {page.is_cx.then(|| select("team", i18n.t("inbox-filter-team"), i18n.t("inbox-filter-all-teams"),
                    page.teams.iter().map(|(id, name)| (id.to_string(), name.clone())).collect(), n(f.team)))}
                {select("journey", i18n.t("inbox-filter-journey"), all.clone(), options(&page.journeys), n(f.journey))}
                {select("step", i18n.t("inbox-filter-step"), all.clone(), options(&page.steps), n(f.step))}
                {select("phase", i18n.t("inbox-filter-phase"), all.clone(),
                    Phase::ALL.iter().map(|p| (p.code().to_owned(), i18n.t(p.label_key()))).collect(), code(f.phase.map(|p| p.code())))}
                {select("severity", i18n.t("inbox-filter-severity"), all.clone(),
                    Severity::ALL.iter().map(|s| (s.code().to_owned(), i18n.t(s.label_key()))).collect(), code(f.severity.map(|s| s.code())))}
                {select("principle", i18n.t("inbox-filter-principle"), all.clone(),
                    Principle::ALL.iter().map(|p| (p.code().to_owned(), i18n.t(p.tag_key()))).collect(), code(f.principle.map(|p| p.code())))}
                <div class="field">
                    <label class="field__label" for="inbox-year">{i18n.t("inbox-filter-year")}</label>
                    <input class="field__input" id="inbox-year" type="number" inputmode="numeric" min="2000" max="2100" name="year" value=n(f.year) />
                </div>
                <div class="field">
                    <label class="field__label" for="inbox-state">{i18n.t("inbox-filter-state")}</label>
                    <select class="field__input" id="inbox-state" name="state">
                        {TriageState::ALL.into_iter().map(|s| view! {
                            <option value=s.code() selected=s == f.state>{i18n.t(s.label_key())}</option>
                        }).collect_view()}
                    </select>
                </div>
                <button type="submit" class="btn btn--secondary">{i18n.t("filter-apply")}</button>
            </form>
        </details>
    }
}

/// One friction: where, what, how bad, who recognises it, its evidence, who reported it, and —
/// once decided — what became of it. A tick box chooses it for triage while it is open.
#[component]
fn FrictionCard(f: InboxFriction, checked: bool) -> impl IntoView {
    let i18n = use_i18n();
    let pick = format!("pick-{}", f.id);
    let pick_for = pick.clone();
    let title_id = format!("friction-{}", f.id);
    let title = if f.triage.is_none() {
        view! {
            <h3 class="friction__title" id=title_id>
                <label class="checkbox" for=pick_for>
                    <input type="checkbox" id=pick name=format!("form[frictions][f{}]", f.id) value=f.id checked=checked />
                    {f.title.clone()}
                </label>
            </h3>
        }
        .into_any()
    } else {
        view! { <h3 class="friction__title" id=title_id>{f.title.clone()}</h3> }.into_any()
    };
    let recognised = i18n.t_count("inbox-recognised", f.recognitions);
    let reported = i18n.t_with(
        "inbox-reported-by",
        &[
            ("name", f.reporter_name.clone()),
            ("date", i18n.date(f.created_at)),
        ],
    );
    view! {
        <li class="friction" data-kind="friction">
            <p class="friction__meta">
                {f.severity.map(|s| view! { <span class="badge" data-severity=s.code()>{i18n.t(severity_short_key(s))}</span> })}
                <span class="badge">{i18n.t(f.phase.label_key())}</span>
                {(f.recognitions > 0).then(|| view! { <span class="badge badge--tag">{recognised.clone()}</span> })}
            </p>
            {title}
            <p class="table__muted">{format!("{} · {} · {}", f.journey_title, f.step_title, f.cycle_year)}</p>
            {(!f.what_happened.is_empty()).then(|| view! { <p>{f.what_happened.clone()}</p> })}
            {(!f.suggestion.is_empty()).then(|| view! { <p><strong>{i18n.t("walk-suggestion")} ": "</strong>{f.suggestion.clone()}</p> })}
            {(!f.principles.is_empty()).then(|| view! {
                <ul class="badge-list" aria-label=i18n.t("walk-principles")>
                    {f.principles.iter().map(|p| view! { <li class="badge badge--tag">{i18n.t(p.tag_key())}</li> }).collect_view()}
                </ul>
            })}
            {(!f.evidence.is_empty()).then(|| view! {
                <ul class="evidence-list" aria-label=i18n.t("evidence-list-label")>
                    {f.evidence.iter().map(|e| {
                        let name = if e.caption.is_empty() { e.original_name.clone() } else { e.caption.clone() };
                        let body = if e.has_thumbnail {
                            view! { <img src=routes::evidence_thumbnail(e.id) alt=name loading="lazy" decoding="async" /> }.into_any()
                        } else {
                            view! { <span class="evidence-item__name">{name}</span> }.into_any()
                        };
                        view! { <li class="evidence-item"><a class="evidence-item__thumb" href=routes::evidence(e.id)>{body}</a></li> }
                    }).collect_view()}
                </ul>
            })}
            {f.similar_friction.clone().map(|s| view! {
                <p class="table__muted">{i18n.t_with("inbox-similar-friction", &[("title", s.title)])}</p>
            })}
            {f.similar_improvement.clone().map(|s| view! {
                <p class="table__muted">{i18n.t("inbox-similar-improvement")} " " <a href=routes::improvement(s.id)>{s.title}</a></p>
            })}
            <p class="table__muted">{reported}</p>
            {f.triage.clone().map(|t| {
                let gap = t.gap.map(|g| format!(" · {}", i18n.t(g.label_key())));
                let by = i18n.t_with("inbox-triaged-by", &[("name", t.triaged_by.clone()), ("date", i18n.date(t.triaged_at))]);
                match (t.outcome, t.improvement_id) {
                    (TriageOutcome::Improvement, Some(id)) => view! {
                        <p class="alert alert--info">{i18n.t("inbox-became")} " "
                            <a href=routes::improvement(id)>{t.improvement_title.clone().unwrap_or_default()}</a>
                            {gap}" · "{by}</p>
                    }.into_any(),
                    _ => view! {
                        <p class="alert alert--info">{i18n.t("inbox-closed")} ": " {t.reason.clone()}{gap}" · "{by}</p>
                    }.into_any(),
                }
            })}
        </li>
    }
}

/// The decision on the ticked frictions: the SERVQUAL gap, then one of three ways, each with its
/// own button (the button pressed is the `action`).
#[component]
fn TriagePanel(page: InboxPage, error: Signal<Option<AppError>>) -> impl IntoView {
    let i18n = use_i18n();
    let d = |k: &str| page.draft.get(k).cloned().unwrap_or_default();
    let action = d("action");
    let priority = Some(d("priority"))
        .filter(|p| !p.is_empty())
        .unwrap_or_else(|| LeadPriority::Medium.code().to_owned());
    let priorities = LeadPriority::ALL
        .into_iter()
        .map(|p| (p.code().to_owned(), i18n.t(p.label_key()), None))
        .collect::<Vec<_>>();
    let with_default = |default: String, list: &[InboxOption]| {
        let mut options = vec![(String::new(), default)];
        options.extend(list.iter().map(|o| {
            let label = if o.group.is_empty() {
                o.label.clone()
            } else {
                format!("{} ({})", o.label, o.group)
            };
            (o.id.to_string(), label)
        }));
        options
    };
    let teams = with_default(
        i18n.t("inbox-team-default"),
        &page
            .teams
            .iter()
            .map(|(id, name)| InboxOption {
                id: *id,
                label: name.clone(),
                group: String::new(),
            })
            .collect::<Vec<_>>(),
    );
    let owners = with_default(i18n.t("inbox-owner-default"), &page.owners);
    let improvements = with_default(i18n.t("inbox-improvement-choose"), &page.improvements);
    let has_improvements = !page.improvements.is_empty();
    let button = |value: &'static str, key: &str| {
        view! { <div class="form__actions"><button class="btn btn--primary" type="submit" name="form[action]" value=value>{i18n.t(key)}</button></div> }
    };
    view! {
        <section class="card stack" aria-labelledby="triage-title">
            <h2 class="card__title" id="triage-title">{i18n.t("inbox-triage-title")}</h2>
            <p class="field__hint">{i18n.t("inbox-triage-hint")}</p>
            <ErrorSummary error=error />
            <GapChoice selected=d("gap") error=field_message(error, "gap") />
            {move || field_message(error, "action").get().map(|m| view! { <p class="field__error">{m}</p> })}
            <details class="inbox__way" open=action == "new" || action.is_empty()>
                <summary>{i18n.t("inbox-way-new")}</summary>
                <div class="stack">
                    <TextField name="form[title]" field="title" label=i18n.t("inbox-new-title") value=d("title")
                        error=field_message(error, "title") />
                    <TextArea name="form[problem]" field="problem" label=i18n.t("inbox-new-problem") value=d("problem") max=text::MEDIUM
                        hint=i18n.t("inbox-new-problem-hint") rows=3 error=field_message(error, "problem") />
                    <SelectField name="form[team_id]" field="team_id" label=i18n.t("inbox-new-team") options=teams
                        selected=d("team_id") error=field_message(error, "team_id") />
                    <SelectField name="form[owner_id]" field="owner_id" label=i18n.t("inbox-new-owner") options=owners
                        selected=d("owner_id") error=field_message(error, "owner_id") />
                    <TextField name="form[due_on]" field="due_on" kind="date" label=i18n.t("inbox-new-due") value=d("due_on")
                        optional_label=i18n.t("inbox-optional") error=field_message(error, "due_on") />
                    <RadioScale name="form[priority]" field="priority" legend=i18n.t("inbox-new-priority") options=priorities
                        selected=priority compact=true error=field_message(error, "priority") />
                    {button("new", "inbox-submit-new")}
                </div>
            </details>
            <details class="inbox__way" open=action == "existing">
                <summary>{i18n.t("inbox-way-existing")}</summary>
                <div class="stack">
                    {(!has_improvements).then(|| view! { <p class="field__hint">{i18n.t("inbox-no-improvements")}</p> })}
                    <SelectField name="form[improvement_id]" field="improvement_id" label=i18n.t("inbox-existing") options=improvements
                        selected=d("improvement_id") error=field_message(error, "improvement_id") />
                    {button("existing", "inbox-submit-existing")}
                </div>
            </details>
            <details class="inbox__way" open=action == "no_action">
                <summary>{i18n.t("inbox-way-none")}</summary>
                <div class="stack">
                    <TextArea name="form[reason]" field="reason" label=i18n.t("inbox-none-reason") value=d("reason") max=text::MEDIUM
                        hint=i18n.t("inbox-none-reason-hint") rows=3 error=field_message(error, "reason") />
                    {button("no_action", "inbox-submit-none")}
                </div>
            </details>
        </section>
    }
}

/// The SERVQUAL gap: four native radios, each with what it means.
#[component]
fn GapChoice(selected: String, error: Signal<Option<String>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <fieldset class="fieldset" class:field--invalid=move || error.with(Option::is_some)
            aria-describedby=move || error.with(Option::is_some).then_some("field-gap-error")>
            <legend class="fieldset__legend">{i18n.t("inbox-gap")}</legend>
            <p class="field__hint">{i18n.t("inbox-gap-hint")}</p>
            <div class="checkbox-list">
                {Gap::ALL.into_iter().map(|g| {
                    let id = format!("gap-{}", g.code());
                    let label_for = id.clone();
                    view! {
                        <label class="checkbox" for=label_for>
                            <input type="radio" id=id name="form[gap]" value=g.code() checked=selected == g.code() />
                            <span>
                                <strong>{i18n.t(g.label_key())}</strong>" "
                                <span class="table__muted">{i18n.t(&format!("{}-hint", g.label_key()))}</span>
                            </span>
                        </label>
                    }
                }).collect_view()}
            </div>
            {move || error.get().map(|m| view! { <p class="field__error" id="field-gap-error">{m}</p> })}
        </fieldset>
    }
}

/// Beside a walker's own frictions on their log: what the owning team decided.
#[component]
pub fn FrictionOutcomeNote(
    outcomes: Vec<FrictionOutcome>,
    titles: BTreeMap<i64, String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let notes = outcomes
        .into_iter()
        .filter_map(|o| titles.get(&o.friction_id).map(|t| (t.clone(), o)))
        .map(|(title, o)| match (o.outcome, o.improvement_id) {
            (TriageOutcome::Improvement, Some(id)) => view! {
                <li>{i18n.t_with("inbox-log-became", &[("title", title)])} " "
                    <a href=routes::improvement(id)>{o.improvement_title.unwrap_or_default()}</a></li>
            }
            .into_any(),
            _ => view! {
                <li>{i18n.t_with("inbox-log-closed", &[("title", title)])} " " {o.reason}</li>
            }
            .into_any(),
        })
        .collect::<Vec<_>>();
    (!notes.is_empty()).then(|| {
        view! {
            <div class="alert alert--info">
                <p><strong>{i18n.t("inbox-log-heading")}</strong></p>
                <ul>{notes}</ul>
            </div>
        }
    })
}
