//! The journey catalogue for curators: the list of journeys and their versions, one version's
//! detail (steps per phase; for a draft the step controls and publishing), and withdrawing.

use crate::api::journeys::{
    AddJourneyStep, JourneyFamily, JourneyPage, MoveJourneyStep, NewJourneyVersion, PublishJourney,
    RetireJourney, list_journeys, load_journey,
};
use crate::components::focus::FocusOnLoad;
use crate::components::form::{ErrorSummary, action_error};
use crate::components::guard::RequireRole;
use crate::components::layout::PageHeader;
use crate::components::load::Loaded;
use crate::domain::RoleSet;
use crate::domain::journey::{JourneyStatus, JourneyStep, Phase};
use crate::error::AppError;
use crate::i18n::use_i18n;
use crate::pages::id_param;
use crate::pages::journey_edit::StepFields;
use crate::routes;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The status as a badge; the text carries the meaning, the colour only supports it.
#[component]
pub fn JourneyStatusBadge(status: JourneyStatus) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <span class=format!("badge journey-badge journey-badge--{}", status.code())>
            {i18n.t(status.label_key())}
        </span>
    }
}

#[component]
pub fn JourneysPage() -> impl IntoView {
    view! { <RequireRole allowed=RoleSet::can_curate_journeys children=|_| view! { <Catalogue /> } /> }
}

#[component]
fn Catalogue() -> impl IntoView {
    let i18n = use_i18n();
    let families = Resource::new(|| (), |_| list_journeys());
    view! {
        <PageHeader title=i18n.t("journeys-title") lead=i18n.t("journeys-lead")>
            <a class="btn btn--primary" href="/journeys/new">{i18n.t("journeys-new")}</a>
        </PageHeader>
        <Loaded resource=families children=move |list| {
            if list.is_empty() {
                view! { <div class="empty-state"><p>{i18n.t("journeys-empty")}</p></div> }.into_any()
            } else {
                view! {
                    <ul class="journey-families">
                        {list.into_iter().map(|f| view! { <FamilyCard family=f /> }).collect_view()}
                    </ul>
                }.into_any()
            }
        } />
    }
}

#[component]
fn FamilyCard(family: JourneyFamily) -> impl IntoView {
    let i18n = use_i18n();
    let Some(newest) = family.newest().cloned() else {
        return ().into_any();
    };
    // The title links to what curators mostly want: the live version, else the newest.
    let main = family
        .versions
        .iter()
        .find(|v| v.status == JourneyStatus::Live)
        .unwrap_or(&newest)
        .id;
    let heading_id = format!("journey-family-{}", family.family_id);
    let labelled_by = heading_id.clone();
    view! {
        <li class="card journey-family" aria-labelledby=labelled_by>
            <h2 class="journey-family__title" id=heading_id>
                <a href=routes::journey(main)>{newest.title.clone()}</a>
            </h2>
            <p class="journey-family__product">{newest.product_line.clone()}</p>
            <ul class="journey-versions" aria-label=i18n.t_with("journey-versions-of", &[("title", newest.title.clone())])>
                {family.versions.into_iter().map(|v| view! {
                    <li class="journey-version">
                        <a class="journey-version__link" href=routes::journey(v.id)>
                            {i18n.t_with("journey-version", &[("version", v.version.to_string())])}
                        </a>
                        <JourneyStatusBadge status=v.status />
                        <span class="journey-version__meta">{v.year.to_string()}</span>
                        <span class="journey-version__meta">{i18n.t_count("journey-step-count", v.step_count)}</span>
                        <span class="journey-version__meta">
                            {i18n.t_with("journey-last-change", &[("at", i18n.datetime(v.updated_at))])}
                        </span>
                    </li>
                }).collect_view()}
            </ul>
        </li>
    }
    .into_any()
}

#[component]
pub fn JourneyDetailPage() -> impl IntoView {
    let id = id_param("id");
    view! {
        <RequireRole allowed=RoleSet::can_curate_journeys children=move |_| view! { <JourneyDetail id /> } />
    }
}

#[component]
fn JourneyDetail(id: Memo<Option<i64>>) -> impl IntoView {
    let query = use_query_map();
    let add = ServerAction::<AddJourneyStep>::new();
    let mover = ServerAction::<MoveJourneyStep>::new();
    let publish = ServerAction::<PublishJourney>::new();
    let fork = ServerAction::<NewJourneyVersion>::new();
    // Every change is a form post answered with a redirect back here; the address says which
    // change succeeded (the notice), a refused one comes back with its error.
    let flag = move |q: &leptos_router::params::ParamsMap| {
        [
            ("created", "journey-created"),
            ("saved", "journey-saved"),
            ("published", "journey-published"),
            ("drafted", "journey-drafted"),
            ("retired", "journey-retired"),
            ("removed", "journey-step-removed"),
            ("added", "journey-step-added"),
        ]
        .into_iter()
        .find(|(k, _)| q.get(k).is_some())
        .map(|(_, key)| key)
    };
    let notice = RwSignal::new(query.with_untracked(flag));
    let data = Resource::new(
        move || id.get(),
        |id| async move {
            match id {
                Some(id) => load_journey(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );

    // The error of a refused page-level action (publish, new version, move), from the address.
    let page_error = RwSignal::new(
        [
            publish.value().get_untracked(),
            fork.value().get_untracked().map(|r| r.map(|_| ())),
            mover.value().get_untracked(),
        ]
        .into_iter()
        .flatten()
        .find_map(Result::err),
    );

    view! {
        <Loaded resource=data children=move |page| view! {
            <JourneyView page notice page_error add mover publish fork />
        } />
    }
}

#[component]
fn JourneyView(
    page: JourneyPage,
    notice: RwSignal<Option<&'static str>>,
    page_error: RwSignal<Option<AppError>>,
    add: ServerAction<AddJourneyStep>,
    mover: ServerAction<MoveJourneyStep>,
    publish: ServerAction<PublishJourney>,
    fork: ServerAction<NewJourneyVersion>,
) -> impl IntoView {
    let i18n = use_i18n();
    let j = page.journey.clone();
    let id = j.id;
    let status = j.status;
    let draft = status == JourneyStatus::Draft;
    let live_other = page
        .versions
        .iter()
        .find(|v| v.status == JourneyStatus::Live && v.id != id)
        .map(|v| v.version);
    let status_text = match status {
        JourneyStatus::Draft => match live_other {
            Some(v) => i18n.t_with("journey-draft-replaces", &[("version", v.to_string())]),
            None => i18n.t("journey-draft-explained"),
        },
        JourneyStatus::Live => i18n.t("journey-live-explained"),
        JourneyStatus::Retired => i18n.t("journey-retired-explained"),
    };
    let title_text = i18n.t_with(
        "journey-title-version",
        &[
            ("title", j.title.clone()),
            ("version", j.version.to_string()),
        ],
    );

    let actions = match status {
        JourneyStatus::Draft => view! {
            <a class="btn btn--secondary" href=routes::journey_edit(id)>{i18n.t("journey-edit-fields")}</a>
            <ActionForm action=publish attr:class="journey-inline-form">
                <input type="hidden" name="id" value=id.to_string() />
                <button type="submit" class="btn btn--primary">{i18n.t("journey-publish")}</button>
            </ActionForm>
        }
        .into_any(),
        JourneyStatus::Live | JourneyStatus::Retired => view! {
            {page.can_fork.then(|| view! {
                <ActionForm action=fork attr:class="journey-inline-form">
                    <input type="hidden" name="id" value=id.to_string() />
                    <button type="submit" class="btn btn--primary">{i18n.t("journey-new-version")}</button>
                </ActionForm>
            })}
            {page.open_draft.map(|d| view! {
                <a class="btn btn--secondary" href=routes::journey(d)>{i18n.t("journey-open-draft")}</a>
            })}
            {(status == JourneyStatus::Live).then(|| view! {
                <a class="btn btn--ghost" href=routes::journey_retire(id)>{i18n.t("journey-retire")}</a>
            })}
        }
        .into_any(),
    };

    // Steps come in walking order; their number runs through the whole journey.
    let numbered: Vec<(usize, JourneyStep)> = j
        .steps
        .iter()
        .cloned()
        .enumerate()
        .map(|(i, s)| (i + 1, s))
        .collect();
    let phases = Phase::ALL.map(|phase| {
        let steps: Vec<(usize, JourneyStep)> = numbered
            .iter()
            .filter(|(_, s)| s.phase == phase)
            .cloned()
            .collect();
        (phase, steps)
    });

    view! {
        <leptos_meta::Title text=title_text.clone() />
        <nav class="journey-crumbs" aria-label=i18n.t("journey-crumbs-label")>
            <a href="/journeys">{i18n.t("journeys-title")}</a>
        </nav>
        <div class="page__header journey-header">
            <div>
                <h1 class="page__title">{j.title.clone()}</h1>
                <p class="journey-header__meta">
                    <JourneyStatusBadge status />
                    <span>{i18n.t_with("journey-version", &[("version", j.version.to_string())])}</span>
                    <span>{j.year.to_string()}</span>
                    <span>{j.product_line.clone()}</span>
                    <span>{i18n.t_with("journey-last-change", &[("at", i18n.datetime(page.updated_at))])}</span>
                </p>
            </div>
            <div class="page__actions">{actions}</div>
        </div>
        {move || notice.get().map(|key| view! { <div class="alert alert--success" role="status">{i18n.t(key)}</div> })}
        <ErrorSummary error=page_error.into() />
        <p class=format!("alert journey-status-note journey-status-note--{}", status.code())>{status_text}</p>

        <section class="card journey-brief" aria-labelledby="journey-brief-heading">
            <h2 class="card__title" id="journey-brief-heading">{i18n.t("journey-brief")}</h2>
            <dl class="meta-list">
                <div><dt>{i18n.t("journey-field-product-line")}</dt><dd>{j.product_line.clone()}</dd></div>
                <div><dt>{i18n.t("journey-field-year")}</dt><dd>{j.year.to_string()}</dd></div>
                <div><dt>{i18n.t("journey-field-persona")}</dt><dd class="journey-text">{j.persona.clone()}</dd></div>
                <div><dt>{i18n.t("journey-field-goal")}</dt><dd class="journey-text">{j.goal.clone()}</dd></div>
                <div><dt>{i18n.t("journey-field-scenario")}</dt><dd class="journey-text">{j.scenario.clone()}</dd></div>
                <div><dt>{i18n.t("journey-field-rules")}</dt><dd class="journey-text">{j.rules.clone()}</dd></div>
            </dl>
        </section>

        <div class="journey-phases">
            {phases.into_iter().map(|(phase, steps)| {
                let heading = format!("phase-{}", phase.code());
                let labelled_by = heading.clone();
                let count = steps.len();
                view! {
                    <section class="journey-phase" aria-labelledby=labelled_by>
                        <h2 class="journey-phase__title" id=heading>
                            <span class="journey-phase__rank" aria-hidden="true">{(phase.rank() + 1).to_string()}</span>
                            {i18n.t(phase.label_key())}
                        </h2>
                        {if steps.is_empty() {
                            view! { <p class="journey-phase__empty">{i18n.t("journey-phase-empty")}</p> }.into_any()
                        } else {
                            view! {
                                <ol class="journey-steps">
                                    {steps.into_iter().enumerate().map(|(i, (number, step))| view! {
                                        <StepItem journey_id=id number step draft first=i == 0 last=i + 1 == count mover />
                                    }).collect_view()}
                                </ol>
                            }.into_any()
                        }}
                    </section>
                }
            }).collect_view()}
        </div>

        {draft.then(|| view! { <AddStep journey_id=id page=page.clone() add /> })}

        <section class="card journey-history" aria-labelledby="journey-versions-heading">
            <h2 class="card__title" id="journey-versions-heading">{i18n.t("journey-versions")}</h2>
            <ul class="journey-versions">
                {page.versions.iter().map(|v| {
                    let current = v.id == id;
                    view! {
                        <li class="journey-version">
                            <a class="journey-version__link" href=routes::journey(v.id)
                                aria-current=current.then_some("page")>
                                {i18n.t_with("journey-version", &[("version", v.version.to_string())])}
                            </a>
                            <JourneyStatusBadge status=v.status />
                            <span class="journey-version__meta">{v.year.to_string()}</span>
                            <span class="journey-version__meta">{i18n.t_count("journey-step-count", v.step_count)}</span>
                            <span class="journey-version__meta">
                                {i18n.t_with("journey-last-change", &[("at", i18n.datetime(v.updated_at))])}
                            </span>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
#[allow(clippy::too_many_arguments)]
fn StepItem(
    journey_id: i64,
    number: usize,
    step: JourneyStep,
    draft: bool,
    first: bool,
    last: bool,
    mover: ServerAction<MoveJourneyStep>,
) -> impl IntoView {
    let i18n = use_i18n();
    let sid = step.id;
    let item_id = format!("step-{sid}");
    let (has_up, has_down) = (draft && !first, draft && !last);
    // Right after this step was moved, keyboard focus returns to the same button, or the other one
    // when the step reached the edge of its phase, or else the step itself.
    let moved = use_query_map().with_untracked(|q| q.get("moved"));
    let focus_on = moved
        .as_deref()
        .and_then(|m| m.strip_prefix(&format!("{sid}-")))
        .map(|dir| match (dir, has_up, has_down) {
            ("up", true, _) | (_, true, false) => "up",
            ("down", _, true) | (_, false, true) => "down",
            (_, true, true) => "up",
            _ => "item",
        });
    let focus_target = focus_on.map(|on| match on {
        "item" => format!("step-{sid}"),
        dir => format!("step-{sid}-{dir}"),
    });
    let move_up = has_up.then(|| {
        view! { <MoveButton journey_id step_id=sid title=step.title.clone() up=true mover autofocus=focus_on == Some("up") /> }
    });
    let move_down = has_down.then(|| {
        view! { <MoveButton journey_id step_id=sid title=step.title.clone() up=false mover autofocus=focus_on == Some("down") /> }
    });
    let title = step.title.clone();
    view! {
        <li class="journey-step" id=item_id tabindex="-1" autofocus=focus_on == Some("item") aria-labelledby=format!("step-{sid}-title")>
            <h3 class="journey-step__title" id=format!("step-{sid}-title")>
                <span class="journey-step__number">{i18n.t_with("journey-step-number", &[("number", number.to_string())])}</span>
                " "
                {step.title.clone()}
            </h3>
            <p class="journey-step__instructions journey-text">{step.instructions.clone()}</p>
            {focus_target.map(|target| view! { <FocusOnLoad target /> })}
            <dl class="journey-step__facts">
                <div class="journey-step__fact">
                    <dt>{i18n.t("journey-step-channel")}</dt>
                    <dd><span class="journey-channel">{i18n.t(step.channel.label_key())}</span></dd>
                </div>
                <div class="journey-step__fact journey-step__fact--promise">
                    <dt>{i18n.t("journey-step-promise")}</dt>
                    <dd>{step.service_promise.clone()}</dd>
                </div>
                <div class="journey-step__fact">
                    <dt>{i18n.t("journey-step-team")}</dt>
                    <dd>{step.team_name.clone().unwrap_or_else(|| i18n.t("journey-no-team-set"))}</dd>
                </div>
            </dl>
            {draft.then(|| view! {
                <div class="journey-step__actions">
                    {move_up}
                    {move_down}
                    <a class="btn btn--small btn--ghost" href=routes::journey_step(journey_id, sid)>
                        {i18n.t("journey-step-edit")}<span class="visually-hidden">{format!("({title})")}</span>
                    </a>
                    <a class="btn btn--small btn--ghost journey-step__remove" href=routes::journey_step_remove(journey_id, sid)>
                        {i18n.t("journey-step-remove")}<span class="visually-hidden">{format!("({title})")}</span>
                    </a>
                </div>
            })}
        </li>
    }
}

/// Moves a step one place within its phase. The visible text says which way; the hidden part
/// names the step, so a screen reader hears "Omhoog (Ik wil weten wat het kost)".
#[component]
fn MoveButton(
    journey_id: i64,
    step_id: i64,
    title: String,
    up: bool,
    mover: ServerAction<MoveJourneyStep>,
    autofocus: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let (direction, arrow, label) = if up {
        ("up", "↑ ", "journey-step-up")
    } else {
        ("down", "↓ ", "journey-step-down")
    };
    view! {
        <ActionForm action=mover attr:class="journey-inline-form">
            <input type="hidden" name="journey_id" value=journey_id.to_string() />
            <input type="hidden" name="step_id" value=step_id.to_string() />
            <input type="hidden" name="direction" value=direction />
            <button type="submit" class="btn btn--small btn--secondary" id=format!("step-{step_id}-{direction}")
                autofocus=autofocus>
                <span aria-hidden="true">{arrow}</span>
                {i18n.t(label)}
                <span class="visually-hidden">{format!("({title})")}</span>
            </button>
        </ActionForm>
    }
}

#[component]
fn AddStep(journey_id: i64, page: JourneyPage, add: ServerAction<AddJourneyStep>) -> impl IntoView {
    let i18n = use_i18n();
    let error = action_error(add);
    let values = page.step_draft.clone().unwrap_or_default();
    view! {
        <section class="card journey-add-step" aria-labelledby="add-step-heading">
            <h2 class="card__title" id="add-step-heading">{i18n.t("journey-add-step")}</h2>
            <p class="field__hint">{i18n.t("journey-add-step-lead")}</p>
            <ErrorSummary error />
            <ActionForm action=add attr:class="form journey-form" attr:novalidate="">
                <input type="hidden" name="journey_id" value=journey_id.to_string() />
                <StepFields values teams=page.teams.clone() error />
                <div class="form__actions">
                    <button type="submit" class="btn btn--primary">{i18n.t("journey-add-step-submit")}</button>
                </div>
            </ActionForm>
        </section>
    }
}

#[component]
pub fn RetireJourneyPage() -> impl IntoView {
    let id = id_param("id");
    view! {
        <RequireRole allowed=RoleSet::can_curate_journeys children=move |_| view! { <RetireConfirm id /> } />
    }
}

/// Confirmation before withdrawing a live version; a plain page, so it works without JavaScript.
#[component]
fn RetireConfirm(id: Memo<Option<i64>>) -> impl IntoView {
    let i18n = use_i18n();
    let retire = ServerAction::<RetireJourney>::new();
    let error = action_error(retire);
    let data = Resource::new(
        move || id.get(),
        |id| async move {
            match id {
                Some(id) => load_journey(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Loaded resource=data children=move |page| {
            let j = page.journey;
            let back = routes::journey(j.id);
            let name = i18n.t_with("journey-title-version", &[("title", j.title.clone()), ("version", j.version.to_string())]);
            view! {
                <nav class="journey-crumbs" aria-label=i18n.t("journey-crumbs-label")>
                    <a href="/journeys">{i18n.t("journeys-title")}</a>
                    <span aria-hidden="true">" / "</span>
                    <a href=back.clone()>{name.clone()}</a>
                </nav>
                <PageHeader title=i18n.t("journey-retire-title") lead=name.clone() />
                <ErrorSummary error />
                {if j.status == JourneyStatus::Live {
                    view! {
                        <section class="card journey-confirm">
                            <p>{i18n.t("journey-retire-text")}</p>
                            <ActionForm action=retire attr:class="form__actions">
                                <input type="hidden" name="id" value=j.id.to_string() />
                                <button type="submit" class="btn btn--danger">{i18n.t("journey-retire-confirm")}</button>
                                <a class="btn btn--ghost" href=back>{i18n.t("cancel")}</a>
                            </ActionForm>
                        </section>
                    }.into_any()
                } else {
                    view! {
                        <div class="alert alert--warning" role="alert">
                            <p>{i18n.t(crate::domain::Refusal::JourneyNotLive.key())}</p>
                            <p><a href=back>{i18n.t("journey-back-to-journey")}</a></p>
                        </div>
                    }.into_any()
                }}
            }.into_any()
        } />
    }
}
