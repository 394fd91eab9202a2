//! Finishing a walkthrough, and the read-only log with the emotion curve that reviewers and HR read.

use crate::api::presentation::CreatePresentation;
use crate::api::walkthrough::{FinishWalkthrough, WalkthroughPage, load_walkthrough};
use crate::components::evidence::EvidenceList;
use crate::components::form::{ErrorSummary, TextArea, field_message};
use crate::components::guard::{RequireRole, any_role};
use crate::components::layout::PageHeader;
use crate::components::load::Loaded;
use crate::components::table::ScrollTable;
use crate::components::walk::{EmotionCurve, RadioScale};
use crate::domain::journey::Phase;
use crate::domain::text;
use crate::domain::walkthrough::{
    Access, WalkthroughStatus, completion_problems, emotion_label_key,
};
use crate::error::AppError;
use crate::i18n::use_i18n;
use crate::pages::id_param;
use crate::pages::walk_step::FrictionList;
use crate::routes;
use leptos::prelude::*;
use leptos_router::components::Redirect;

fn walk_resource() -> Resource<Result<WalkthroughPage, AppError>> {
    let id = id_param("id");
    Resource::new(
        move || id.get(),
        |id| async move {
            match id {
                Some(id) => load_walkthrough(id).await,
                None => Err(AppError::NotFound),
            }
        },
    )
}

/// `/walkthroughs/:id/finish`
#[component]
pub fn FinishPage() -> impl IntoView {
    let data = walk_resource();
    view! {
        <RequireRole allowed=any_role children=move |_| view! {
            <Loaded resource=data children=move |page| {
                if page.detail.access != Access::Edit {
                    view! { <Redirect path=routes::walkthrough(page.detail.summary.id) /> }.into_any()
                } else {
                    view! { <FinishForm page=page /> }.into_any()
                }
            } />
        } />
    }
}

#[component]
fn FinishForm(page: WalkthroughPage) -> impl IntoView {
    let i18n = use_i18n();
    let detail = page.detail;
    let walk_id = detail.summary.id;
    let finish = ServerAction::<FinishWalkthrough>::new();
    let error = Signal::derive(move || finish.value().get().and_then(|r| r.err()));
    let problems = completion_problems(
        detail.unanswered(),
        detail.delights(),
        detail.incomplete_frictions(),
    );
    let draft = page.draft;
    let value = move |k: &str| draft.get(k).cloned().unwrap_or_default();
    let result_options = vec![
        (
            "completed".to_owned(),
            i18n.t("walk-result-completed"),
            None,
        ),
        (
            "abandoned".to_owned(),
            i18n.t("walk-result-abandoned"),
            None,
        ),
    ];
    let score_options = (0..=10)
        .map(|n| {
            let extra = match n {
                0 => Some(i18n.t("walk-recommend-0")),
                10 => Some(i18n.t("walk-recommend-10")),
                _ => None,
            };
            (n.to_string(), n.to_string(), extra)
        })
        .collect::<Vec<_>>();
    let first_open = detail
        .steps
        .iter()
        .position(|s| s.answer.outcome.is_none())
        .map(|i| i + 1);
    view! {
        <PageHeader title=i18n.t("walk-finish-title") lead=detail.journey_title.clone() />
        {(!problems.is_empty()).then(|| view! {
            <div class="alert alert--warning">
                <p>{i18n.t("walk-finish-open")}</p>
                <ul>
                    {problems.iter().map(|key| view! { <li>{i18n.message(key)}</li> }).collect_view()}
                </ul>
                {first_open.map(|n| view! { <a href=routes::walk_step(walk_id, n) rel="external">{i18n.t("walk-finish-goto-open")}</a> })}
            </div>
        })}
        <ActionForm action=finish attr:class="form">
            <input type="hidden" name="form[walkthrough_id]" value=walk_id />
            <ErrorSummary error=error />
            <RadioScale name="form[result]" field="result" legend=i18n.t("walk-result") options=result_options
                selected=value("result") error=field_message(error, "result") />
            <TextArea name="form[abandon_reason]" field="abandon_reason" max=text::MEDIUM label=i18n.t("walk-abandon-reason") value=value("abandon_reason")
                hint=i18n.t("walk-abandon-reason-hint") rows=2 error=field_message(error, "abandon_reason") />
            <RadioScale name="form[recommend_score]" field="recommend_score" legend=i18n.t("walk-recommend") options=score_options
                selected=value("recommend_score") error=field_message(error, "recommend_score") compact=true />
            <TextArea name="form[summary]" field="summary" max=text::LONG label=i18n.t("walk-summary") value=value("summary") rows=4
                required=true hint=i18n.t("walk-summary-hint") error=field_message(error, "summary") />
            <TextArea name="form[pros]" field="pros" max=text::LONG label=i18n.t("walk-pros") value=value("pros") error=field_message(error, "pros") />
            <TextArea name="form[cons]" field="cons" max=text::LONG label=i18n.t("walk-cons") value=value("cons") error=field_message(error, "cons") />
            <div class="form__actions">
                <button class="btn btn--primary" type="submit">{i18n.t("walk-finish-submit")}</button>
                <a class="btn btn--ghost" href=routes::walk_step(walk_id, 1) rel="external">{i18n.t("walk-back-to-steps")}</a>
            </div>
        </ActionForm>
    }
}

/// `/walkthroughs/:id`: the whole log per phase with the emotion curve; read-only for everyone.
#[component]
pub fn WalkLogPage() -> impl IntoView {
    let data = walk_resource();
    view! {
        <RequireRole allowed=any_role children=move |user| view! {
            <Loaded resource=data children=move |page| view! { <WalkLog page=page viewer=user.id /> } />
        } />
    }
}

/// What the owning teams decided about this walkthrough's frictions (a new improvement, or
/// "geen actie" with the reason), read by its walker.
#[component]
fn TriageOutcomes(walk_id: i64, titles: std::collections::BTreeMap<i64, String>) -> impl IntoView {
    let outcomes = Resource::new(
        move || walk_id,
        crate::api::improvement::triage::friction_outcomes,
    );
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let titles = titles.clone();
                Suspend::new(async move {
                    outcomes.await.ok().map(|outcomes| view! {
                        <crate::pages::improvement_inbox::FrictionOutcomeNote outcomes titles />
                    })
                })
            }}
        </Suspense>
    }
}

#[component]
fn WalkLog(page: WalkthroughPage, viewer: i64) -> impl IntoView {
    let i18n = use_i18n();
    let d = page.detail;
    // The owner of a completed walkthrough makes its presentation here, or opens it.
    let presentation = (d.owner_id == viewer
        && d.summary.status == WalkthroughStatus::Completed)
        .then(|| view! { <PresentationAction walk_id=d.summary.id presentation_id=page.presentation_id /> });
    let walk_id = d.summary.id;
    let steps = d.steps.clone();
    let frictions: usize = steps
        .iter()
        .map(|s| {
            s.frictions
                .iter()
                .filter(|f| f.kind == crate::domain::walkthrough::FrictionKind::Friction)
                .count()
        })
        .sum();
    let minutes: i64 = steps.iter().filter_map(|s| s.answer.minutes).sum();
    let lead = format!(
        "{} · {} · v{}",
        d.summary.person_name,
        i18n.t(d.summary.status.label_key()),
        d.summary.journey_version
    );
    view! {
        <PageHeader title=d.journey_title.clone() lead=lead>
            {(d.access == Access::Edit).then(|| view! {
                <a class="btn btn--primary" href=routes::walk_step(walk_id, 1) rel="external">{i18n.t("walk-continue")}</a>
            })}
            {presentation}
        </PageHeader>
        <dl class="meta-list walk-facts">
            <dt>{i18n.t("walk-col-started")}</dt><dd>{i18n.datetime(d.summary.started_at)}</dd>
            {d.summary.finished_at.map(|f| view! { <dt>{i18n.t("walk-finished-at")}</dt><dd>{i18n.datetime(f)}</dd> })}
            <dt>{i18n.t("walk-col-progress")}</dt><dd>{format!("{}/{}", d.summary.steps_answered, d.summary.steps_total)}</dd>
            <dt>{i18n.t("walk-total-minutes")}</dt><dd>{minutes}</dd>
            <dt>{i18n.t("walk-friction-count")}</dt><dd>{frictions}</dd>
            {d.recommend_score.map(|s| view! { <dt>{i18n.t("walk-recommend")}</dt><dd>{format!("{s}/10")}</dd> })}
        </dl>
        {(d.summary.status != WalkthroughStatus::InProgress).then(|| view! {
            <section class="card stack" aria-labelledby="walk-summary-title">
                <h2 class="card__title" id="walk-summary-title">{i18n.t("walk-summary")}</h2>
                {d.abandon_reason.clone().map(|r| view! { <p><strong>{i18n.t("walk-abandon-reason")} ": "</strong>{r}</p> })}
                <p class="prose">{d.summary_text.clone().unwrap_or_default()}</p>
                <div class="gap-pair">
                    <div><h3>{i18n.t("walk-pros")}</h3><p class="prose">{d.pros.clone().unwrap_or_default()}</p></div>
                    <div><h3>{i18n.t("walk-cons")}</h3><p class="prose">{d.cons.clone().unwrap_or_default()}</p></div>
                </div>
            </section>
        })}
        <TriageOutcomes walk_id=walk_id titles=steps.iter().flat_map(|s| s.frictions.iter()).map(|f| (f.id, f.title.clone())).collect() />
        <CurveSection steps=steps.clone() />
        <PhaseLog walk_id=walk_id steps=steps />
    }
}

/// "Presentatie maken" (a plain form post; the server opens the new editor) or, once it
/// exists, a link to its editor.
#[component]
fn PresentationAction(walk_id: i64, presentation_id: Option<i64>) -> impl IntoView {
    let i18n = use_i18n();
    let create = ServerAction::<CreatePresentation>::new();
    let error = Signal::derive(move || create.value().get().and_then(|r| r.err()));
    match presentation_id {
        Some(id) => view! {
            <a class="btn btn--primary" href=routes::presentation_edit(id)>{i18n.t("presentation-open-editor")}</a>
        }
        .into_any(),
        None => view! {
            <ActionForm action=create attr:class="form--inline">
                <input type="hidden" name="walkthrough_id" value=walk_id />
                <button class="btn btn--primary" type="submit">{i18n.t("presentation-create")}</button>
            </ActionForm>
            <ErrorSummary error=error />
        }
        .into_any(),
    }
}

/// The emotion curve with the same numbers as a table.
#[component]
fn CurveSection(steps: Vec<crate::domain::walkthrough::WalkedStep>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="stack" aria-labelledby="walk-curve-heading">
            <h2 id="walk-curve-heading">{i18n.t("walk-curve-title")}</h2>
            <EmotionCurve steps=steps.clone() />
            <ScrollTable label=i18n.t("walk-curve-table")>
                <thead><tr>
                    <th scope="col">"#"</th>
                    <th scope="col">{i18n.t("walk-col-step")}</th>
                    <th scope="col">{i18n.t("walk-col-phase")}</th>
                    <th scope="col">{i18n.t("walk-outcome")}</th>
                    <th scope="col">{i18n.t("walk-emotion")}</th>
                    <th scope="col">{i18n.t("walk-effort-short")}</th>
                    <th scope="col">{i18n.t("walk-minutes")}</th>
                    <th scope="col">{i18n.t("walk-friction-count")}</th>
                </tr></thead>
                <tbody>
                    {steps.iter().enumerate().map(|(i, s)| view! {
                        <tr>
                            <td>{i + 1}</td>
                            <th scope="row">{s.step.title.clone()}</th>
                            <td>{i18n.t(s.step.phase.label_key())}</td>
                            <td>{s.answer.outcome.map(|o| i18n.t(o.label_key())).unwrap_or_else(|| "—".into())}</td>
                            <td>{s.answer.emotion.map(|e| format!("{e:+} {}", i18n.t(emotion_label_key(e))).replace("+0", "0")).unwrap_or_else(|| "—".into())}</td>
                            <td>{s.answer.effort.map(|e| e.to_string()).unwrap_or_else(|| "—".into())}</td>
                            <td>{s.answer.minutes.map(|e| e.to_string()).unwrap_or_else(|| "—".into())}</td>
                            <td>{s.frictions.iter().filter(|f| f.kind == crate::domain::walkthrough::FrictionKind::Friction).count()}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </ScrollTable>
        </section>
    }
    .into_any()
}

/// The log of every step, grouped by phase: promise against what happened, and what was recorded.
#[component]
fn PhaseLog(walk_id: i64, steps: Vec<crate::domain::walkthrough::WalkedStep>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        {Phase::ALL.into_iter().filter_map(|phase| {
            let in_phase: Vec<_> = steps.iter().enumerate().filter(|(_, s)| s.step.phase == phase).map(|(i, s)| (i, s.clone())).collect();
            (!in_phase.is_empty()).then(|| view! {
                <section class="stack log-phase" aria-labelledby=format!("phase-{}", phase.code())>
                    <h2 id=format!("phase-{}", phase.code())>{i18n.t(phase.label_key())}</h2>
                    {in_phase.into_iter().map(|(i, s)| view! {
                        <article class="card log-step">
                            <h3 class="card__title">{format!("{}. {}", i + 1, s.step.title)}</h3>
                            <p class="table__muted">{i18n.t(s.step.channel.label_key())}
                                {s.answer.outcome.map(|o| format!(" · {}", i18n.t(o.label_key())))}
                                {s.answer.minutes.map(|m| format!(" · {m} min"))}
                                {s.answer.emotion.map(|e| format!(" · {}", i18n.t(emotion_label_key(e))))}
                                {s.answer.effort.map(|e| format!(" · CES {e}/7"))}
                            </p>
                            {s.answer.skip_reason.clone().map(|r| view! { <p><strong>{i18n.t("walk-skip-reason")} ": "</strong>{r}</p> })}
                            <div class="gap-pair">
                                <div>
                                    <h4>{i18n.t("walk-promise")}</h4>
                                    <p>{s.step.service_promise.clone()}</p>
                                    {s.answer.expected.clone().map(|e| view! { <p><em>{i18n.t("walk-expected")} ": "</em>{e}</p> })}
                                </div>
                                <div>
                                    <h4>{i18n.t("walk-happened")}</h4>
                                    <p>{s.answer.happened.clone().unwrap_or_else(|| "—".into())}</p>
                                </div>
                            </div>
                            {s.answer.notes.clone().map(|n| view! { <p><strong>{i18n.t("walk-notes")} ": "</strong>{n}</p> })}
                            <FrictionList walk_id=walk_id number=i + 1 frictions=s.frictions.clone() editable=false />
                            <EvidenceList items=s.evidence.clone() return_to=routes::walkthrough(walk_id) />
                        </article>
                    }).collect_view()}
                </section>
            })
        }).collect_view()}
    }
    .into_any()
}
