//! `/improvements/:id`: one improvement — its facts, the computed priority explained, the
//! managers' status and edit forms (plain forms that work without JavaScript), the linked
//! frictions with their reporters, recognisers and evidence (managers and HR; paged), and the
//! history. Server-rendered.

use crate::api::improvement::life::{
    ChangeImprovementStatus, EditImprovement, ImprovementPage as Data, load_improvement,
};
use crate::components::evidence::EvidenceList;
use crate::components::form::{
    ErrorSummary, SelectField, SuccessNotice, TextArea, TextField, action_error, field_message,
};
use crate::components::guard::{RequireRole, any_role};
use crate::components::layout::PageHeader;
use crate::components::load::Loaded;
use crate::components::pager::{Pager, page_href};
use crate::domain::improvement::life::{
    FRICTIONS_PER_PAGE, HistoryEntry, LinkedFriction, PROBLEM_MAX,
};
use crate::domain::improvement::priority::{
    BLOCKER_POINTS, MAJOR_POINTS, PAPERCUT_POINTS, PriorityFacts,
};
use crate::domain::improvement::status::{COMMENT_MAX, next_statuses};
use crate::domain::improvement::{ImprovementStatus, LeadPriority};
use crate::error::AppError;
use crate::i18n::use_i18n;
use crate::pages::id_param;
use crate::routes;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// `/improvements/:id`
#[component]
pub fn ImprovementDetailPage() -> impl IntoView {
    let id = id_param("id");
    let query = use_query_map();
    let data = Resource::new(
        move || (id.get(), query.with(|q| q.get("page").unwrap_or_default())),
        |(id, page)| async move {
            match id {
                Some(id) => load_improvement(id, page).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <RequireRole allowed=any_role children=move |_| view! {
            <Loaded resource=data children=move |page| view! { <Screen page /> } />
        } />
    }
}

#[component]
fn Screen(page: Data) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let notice = query.with_untracked(|q| {
        ["saved", "status-changed"]
            .into_iter()
            .find(|n| q.get(n).is_some())
    });
    let d = page.detail.clone();
    let lead = format!("{} · {} — {}", d.team_name, d.journey_title, d.step_title);
    let overdue = !d.status.is_closed() && d.due_on.is_some_and(|due| due < page.today);
    view! {
        <PageHeader title=d.title.clone() lead />
        {notice.map(|n| view! { <SuccessNotice show=true message=i18n.t(&format!("improvement-life-notice-{n}")) /> })}
        <div class="stack">
            <section class="card" aria-labelledby="facts-heading">
                <h2 class="card__title" id="facts-heading">{i18n.t("improvement-life-facts")}</h2>
                <dl class="meta-list">
                    <dt>{i18n.t("improvement-life-status")}</dt>
                    <dd><span class="badge" data-status=d.status.code()>{i18n.t(d.status.label_key())}</span></dd>
                    <dt>{i18n.t("improvement-life-priority")}</dt>
                    <dd>{i18n.t(d.priority.label_key())}</dd>
                    <dt>{i18n.t("improvement-life-score")}</dt>
                    <dd><a href="#score-heading">{d.facts.score()}</a></dd>
                    <dt>{i18n.t("improvement-life-team")}</dt>
                    <dd>{d.team_name.clone()}</dd>
                    <dt>{i18n.t("improvement-life-owner")}</dt>
                    <dd>{d.owner_name.clone().unwrap_or_else(|| i18n.t("improvement-life-no-owner"))}</dd>
                    <dt>{i18n.t("improvement-life-due")}</dt>
                    <dd>
                        {d.due_on.map(|due| i18n.day(due)).unwrap_or_else(|| "—".to_owned())}
                        {overdue.then(|| view! { " " <span class="badge" data-state="overdue">{i18n.t("improvement-life-overdue")}</span> })}
                    </dd>
                    <dt>{i18n.t("improvement-life-created")}</dt>
                    <dd>{i18n.t_with("improvement-life-created-by", &[("name", d.created_by_name.clone()), ("date", i18n.date(d.created_at))])}</dd>
                    {d.fixed_at.map(|at| view! { <dt>{i18n.t("improvement-life-fixed-at")}</dt><dd>{i18n.date(at)}</dd> })}
                    {page.confirmed.map(|(confirmed, of)| view! {
                        <dt>{i18n.t("improvement-life-later-walkers")}</dt>
                        <dd>{i18n.t_with_count("improvement-confirmed-by", of, &[("confirmed", confirmed.to_string())])}</dd>
                    })}
                </dl>
                {(d.status.is_closed() && !d.status_reason.is_empty()).then(|| {
                    let label = if d.status == ImprovementStatus::WontFix { "improvement-life-reason" } else { "improvement-life-comment" };
                    view! { <p><strong>{i18n.t(label)} ": "</strong>{d.status_reason.clone()}</p> }
                })}
            </section>
            <section class="card" aria-labelledby="problem-heading">
                <h2 class="card__title" id="problem-heading">{i18n.t("improvement-life-problem")}</h2>
                <p class="prose">{d.problem.clone()}</p>
            </section>
            <ScoreExplained facts=d.facts />
            {page.can_manage.then(|| view! {
                <StatusForm page=page.clone() />
                <EditForm page=page.clone() />
            })}
            <Frictions page=page.clone() />
            <History entries=page.history.clone() />
        </div>
    }
}

/// The score and how it is made, with this improvement's own numbers.
#[component]
fn ScoreExplained(facts: PriorityFacts) -> impl IntoView {
    let i18n = use_i18n();
    let severity = format!(
        "{} × {BLOCKER_POINTS} + {} × {MAJOR_POINTS} + {} × {PAPERCUT_POINTS} + {} × 1 = {}",
        facts.blockers,
        facts.majors,
        facts.papercuts,
        facts.unrated,
        facts.severity_points()
    );
    let n = |v: i64| v.to_string();
    view! {
        <section class="card" aria-labelledby="score-heading">
            <h2 class="card__title" id="score-heading">{i18n.t_with("improvement-life-score-heading", &[("score", n(facts.score()))])}</h2>
            <p>{i18n.t("improvement-life-score-formula")}</p>
            <dl class="meta-list">
                <dt>{i18n.t_with("improvement-life-score-reports", &[("n", n(facts.reports()))])}</dt>
                <dd>{severity}</dd>
                <dt>{i18n.t("improvement-life-score-recognitions")}</dt>
                <dd>{format!("+ {}", facts.recognitions)}</dd>
                <dt>{i18n.t("improvement-life-score-step")}</dt>
                <dd>{i18n.t_with("improvement-life-score-step-value", &[
                    ("reporters", n(facts.step_reporters)),
                    ("walkers", n(facts.step_walkers)),
                    ("percent", n(facts.reporting_percent())),
                ])}</dd>
                <dt>{i18n.t("improvement-life-score")}</dt>
                <dd>{format!("{} × (1 + {}%) = {}", facts.base(), facts.reporting_percent(), facts.score())}</dd>
            </dl>
        </section>
    }
}

/// The hidden fields both forms carry: which improvement, at which version.
#[component]
fn Target(id: i64, version: i64) -> impl IntoView {
    view! {
        <input type="hidden" name="form[id]" value=id />
        <input type="hidden" name="form[version]" value=version />
    }
}

#[component]
fn StatusForm(page: Data) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<ChangeImprovementStatus>::new();
    let error = action_error(action);
    let (id, version) = (page.detail.id, page.detail.version);
    let drafts = page.drafts.status;
    let draft = |k: &str| drafts.get(k).cloned().unwrap_or_default();
    let (status, comment) = (draft("status"), draft("comment"));
    let choose = (String::new(), i18n.t("improvement-life-choose"));
    let options: Vec<(String, String)> = std::iter::once(choose)
        .chain(
            next_statuses(page.detail.status)
                .iter()
                .map(|s| (s.code().to_owned(), i18n.t(s.label_key()))),
        )
        .collect();
    view! {
        <section class="card" aria-labelledby="status-heading">
            <h2 class="card__title" id="status-heading">{i18n.t("improvement-life-status-heading")}</h2>
            <ActionForm action attr:class="form">
                <Target id version />
                <ErrorSummary error />
                <SelectField name="form[status]" field="status" label=i18n.t("improvement-life-status-to")
                    options selected=status error=field_message(error, "status") />
                <TextArea name="form[comment]" field="comment" max=COMMENT_MAX
                    label=i18n.t("improvement-life-comment") hint=i18n.t("improvement-life-comment-hint")
                    value=comment error=field_message(error, "comment") />
                <div class="form__actions">
                    <button class="btn btn--primary" type="submit">{i18n.t("improvement-life-status-button")}</button>
                </div>
            </ActionForm>
        </section>
    }
}

#[component]
fn EditForm(page: Data) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<EditImprovement>::new();
    let error = action_error(action);
    let d = page.detail;
    let typed = page.drafts.edit;
    let open = !typed.is_empty();
    let value = |k: &str, current: String| typed.get(k).cloned().unwrap_or(current);
    let teams: Vec<(String, String)> = page
        .teams
        .iter()
        .map(|(id, name)| (id.to_string(), name.clone()))
        .collect();
    let priorities: Vec<(String, String)> = LeadPriority::ALL
        .iter()
        .map(|p| (p.code().to_owned(), i18n.t(p.label_key())))
        .collect();
    let due = d
        .due_on
        .map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default();
    let title = value("title", d.title.clone());
    let problem = value("problem", d.problem.clone());
    let team = value("team", d.team_id.to_string());
    let owner = value("owner", d.owner_email.clone().unwrap_or_default());
    let due = value("due_on", due);
    let priority = value("priority", d.priority.code().to_owned());
    let (id, version) = (d.id, d.version);
    view! {
        <details class="card" open=open>
            <summary>{i18n.t("improvement-life-edit-heading")}</summary>
            <ActionForm action attr:class="form">
                <Target id version />
                <ErrorSummary error />
                <TextField name="form[title]" field="title" label=i18n.t("improvement-life-col-title") required=true
                    value=title error=field_message(error, "title") />
                <TextArea name="form[problem]" field="problem" max=PROBLEM_MAX required=true rows=4
                    label=i18n.t("improvement-life-problem") hint=i18n.t("improvement-life-problem-hint")
                    value=problem error=field_message(error, "problem") />
                <SelectField name="form[team]" field="team" label=i18n.t("improvement-life-team") options=teams
                    selected=team error=field_message(error, "team") />
                <TextField name="form[owner]" field="owner" kind="email" label=i18n.t("improvement-life-owner-email")
                    hint=i18n.t("improvement-life-owner-hint")
                    value=owner error=field_message(error, "owner") />
                <TextField name="form[due_on]" field="due_on" kind="date" label=i18n.t("improvement-life-due")
                    value=due error=field_message(error, "due_on") />
                <SelectField name="form[priority]" field="priority" label=i18n.t("improvement-life-priority")
                    options=priorities selected=priority
                    error=field_message(error, "priority") />
                <div class="form__actions">
                    <button class="btn btn--secondary" type="submit">{i18n.t("improvement-life-edit-button")}</button>
                </div>
            </ActionForm>
        </details>
    }
}

#[component]
fn Frictions(page: Data) -> impl IntoView {
    let i18n = use_i18n();
    let facts = page.detail.facts;
    if !page.sees_frictions {
        return view! {
            <section class="card" aria-labelledby="frictions-heading">
                <h2 class="card__title" id="frictions-heading">{i18n.t("improvement-life-frictions")}</h2>
                <p>{i18n.t_with("improvement-life-summary-only", &[("n", facts.reports().to_string())])}</p>
            </section>
        }
        .into_any();
    }
    let here = routes::improvement(page.detail.id);
    let total = facts.reports();
    let first = (page.friction_page - 1) * FRICTIONS_PER_PAGE + 1;
    let last = (first + page.frictions.len() as i64 - 1).max(0);
    let link = |n: i64| routes::at(&page_href(&here, &[], n), "frictions-heading");
    let previous = (page.friction_page > 1).then(|| link(page.friction_page - 1));
    let next = (page.friction_page < page.friction_pages).then(|| link(page.friction_page + 1));
    let counts = i18n.t_with(
        "improvement-life-frictions-counts",
        &[
            ("reports", total.to_string()),
            ("reporters", page.reporters.to_string()),
            ("recognitions", facts.recognitions.to_string()),
            ("recognisers", page.recognisers.to_string()),
        ],
    );
    view! {
        <section class="card" aria-labelledby="frictions-heading">
            <h2 class="card__title" id="frictions-heading">{i18n.t("improvement-life-frictions")}</h2>
            <p>{counts}</p>
            <ul class="friction-list">
                {page.frictions.into_iter().map(|f| view! { <Friction friction=f back=here.clone() /> }).collect_view()}
            </ul>
            {(page.friction_pages > 1).then(|| view! {
                <Pager previous next page=page.friction_page pages=page.friction_pages first last total />
            })}
        </section>
    }
    .into_any()
}

#[component]
fn Friction(friction: LinkedFriction, back: String) -> impl IntoView {
    let i18n = use_i18n();
    let f = friction;
    let log = routes::at(
        &routes::walkthrough(f.walkthrough_id),
        format!("friction-{}", f.id),
    );
    let evidence = f.evidence.clone();
    view! {
        <li class="friction" id=format!("friction-{}", f.id)>
            <p class="friction__meta">
                {f.severity.map(|s| view! { <span class="badge" data-severity=s.code()>{i18n.t(s.label_key())}</span> })}
                {f.gap.map(|g| view! { <span class="badge badge--tag">{i18n.t(g.label_key())}</span> })}
            </p>
            <h3 class="friction__title">{f.title.clone()}</h3>
            {(!f.what_happened.is_empty()).then(|| view! { <p>{f.what_happened.clone()}</p> })}
            {(!f.suggestion.is_empty()).then(|| view! { <p><strong>{i18n.t("improvement-life-suggestion")} ": "</strong>{f.suggestion.clone()}</p> })}
            <p class="table__muted">
                {i18n.t_with("improvement-life-reported-by", &[("name", f.reporter_name.clone()), ("date", i18n.date(f.created_at))])}
                {(!f.recognisers.is_empty()).then(|| format!(" · {}", i18n.t_with("improvement-life-recognised-by", &[("names", f.recognisers.join(", "))])))}
            </p>
            {(!evidence.is_empty()).then(|| view! { <EvidenceList items=evidence return_to=back /> })}
            <p><a href=log>{i18n.t_with("improvement-life-in-log", &[("title", f.title.clone())])}</a></p>
        </li>
    }
}

#[component]
fn History(entries: Vec<HistoryEntry>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="card" aria-labelledby="history-heading">
            <h2 class="card__title" id="history-heading">{i18n.t("improvement-life-history")}</h2>
            <ol class="licence-decisions">
                {entries.into_iter().map(|h| {
                    let who = h.actor_name.clone().unwrap_or_else(|| i18n.t("improvement-life-the-app"));
                    let what = if !h.changed.is_empty() {
                        let fields = h.changed.iter().map(|c| i18n.t(&format!("improvement-life-field-{c}"))).collect::<Vec<_>>().join(", ");
                        i18n.t_with("improvement-life-history-edited", &[("name", who), ("fields", fields)])
                    } else {
                        match h.from {
                            None => i18n.t_with("improvement-life-history-created", &[("name", who)]),
                            Some(from) => i18n.t_with("improvement-life-history-moved", &[
                                ("name", who),
                                ("from", i18n.t(from.label_key())),
                                ("to", i18n.t(h.to.label_key())),
                            ]),
                        }
                    };
                    view! {
                        <li class="licence-decision" data-to=h.to.code()>
                            <p class="licence-decision__line">
                                {what} " · " <time datetime=h.created_at.to_rfc3339()>{i18n.datetime(h.created_at)}</time>
                            </p>
                            {(!h.comment.is_empty()).then(|| view! { <blockquote class="licence-decision__comment">{h.comment.clone()}</blockquote> })}
                        </li>
                    }
                }).collect_view()}
            </ol>
        </section>
    }
}
