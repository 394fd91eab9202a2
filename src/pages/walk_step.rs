//! The guided, one-step-at-a-time walkthrough screen (phone first) and the friction form.
//! Answers save as the employee goes (with JavaScript) or with the save buttons (without); a version
//! check stops two tabs from silently overwriting each other.

use crate::api::improvement::walker::{SimilarState, load_similar};
use crate::api::walkthrough::{
    DeleteFriction, FrictionForm, PrincipleTicks, SaveFriction, SaveStep, WalkthroughPage,
    load_walkthrough,
};
use crate::components::errors::LoadError;
use crate::components::evidence::{EvidenceList, EvidenceNotice, EvidenceUpload, QuickCapture};
use crate::components::form::{
    ErrorSummary, SelectField, TextArea, TextField, field_message, plain_post_error,
};
use crate::components::guard::{RequireRole, any_role};
use crate::components::improvement_walker::{FixQuestions, SimilarPicker};
use crate::components::load::Loaded;
use crate::components::step_form::{StepForm, StepFormText, StepSetup};
use crate::components::walk::{PhaseProgress, RadioScale, emotion_options};
use crate::domain::autosave::SaveStatus;
use crate::domain::journey::Phase;
use crate::domain::text;
use crate::domain::walkthrough::{Access, FrictionKind, Outcome, Principle, Severity, WalkedStep};
use crate::error::AppError;
use crate::i18n::use_i18n;
use crate::pages::id_param;
use crate::routes;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_query_map;

/// `/walkthroughs/:id/steps/:n`
#[component]
pub fn WalkStepPage() -> impl IntoView {
    let id = id_param("id");
    let number = id_param("n");
    let data = Resource::new(
        move || (id.get(), number.get()),
        |(id, _)| async move {
            match id {
                Some(id) => load_walkthrough(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <RequireRole allowed=any_role children=move |_| view! {
            <Loaded resource=data children=move |page| {
                let n = number.get().unwrap_or(1);
                let count = page.detail.steps.len() as i64;
                if page.detail.access != Access::Edit {
                    view! { <Redirect path=routes::walkthrough(page.detail.summary.id) /> }.into_any()
                } else if n < 1 || n > count {
                    view! { <LoadError error=AppError::NotFound /> }.into_any()
                } else {
                    view! { <StepView page=page index=(n - 1) as usize /> }.into_any()
                }
            } />
        } />
    }
}

#[component]
fn StepView(page: WalkthroughPage, index: usize) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let detail = page.detail.clone();
    let walk_id = detail.summary.id;
    let steps = detail.steps.clone();
    let total = steps.len();
    let number = index + 1;
    let Some(walked) = steps.get(index).cloned() else {
        return view! { <LoadError error=AppError::NotFound /> }.into_any();
    };
    let step = walked.step.clone();
    let answer = walked.answer.clone();

    // What a rejected plain post left behind wins over the stored answer, but only for this step.
    let draft = page
        .draft
        .get("step_id")
        .is_some_and(|s| *s == step.id.to_string())
        .then(|| page.draft.clone());
    let value = |field: &str, stored: Option<String>| -> String {
        match &draft {
            Some(d) => d.get(field).cloned().unwrap_or_default(),
            None => stored.unwrap_or_default(),
        }
    };
    let outcome = value("outcome", answer.outcome.map(|o| o.code().to_owned()));
    let skip_reason = value("skip_reason", answer.skip_reason.clone());
    let minutes = value("minutes", answer.minutes.map(|m| m.to_string()));
    let emotion = value("emotion", answer.emotion.map(|m| m.to_string()));
    let effort = value("effort", answer.effort.map(|m| m.to_string()));
    let expected = value("expected", answer.expected.clone());
    let happened = value("happened", answer.happened.clone());
    let notes = value("notes", answer.notes.clone());

    // Without JavaScript a refused save comes back here with its error in the URL.
    let error = plain_post_error::<SaveStep>();
    let text = step_form_text();
    let notice = query.with_untracked(|q| q.get("saved"));

    let outcome_options = Outcome::ALL
        .into_iter()
        .map(|o| (o.code().to_owned(), i18n.t(o.label_key()), None))
        .collect::<Vec<_>>();
    let effort_options = (1..=7)
        .map(|n| {
            let extra = match n {
                1 => Some(i18n.t("walk-effort-1")),
                4 => Some(i18n.t("walk-effort-4")),
                7 => Some(i18n.t("walk-effort-7")),
                _ => None,
            };
            (n.to_string(), n.to_string(), extra)
        })
        .collect::<Vec<_>>();
    let frictions = walked.frictions.clone();
    let title = step.title.clone();
    // Evidence and quick-capture posts come back here.
    let here = routes::walk_step(walk_id, number);

    view! {
        <leptos_meta::Title text=format!("{} · {}", title, detail.journey_title) />
        <div class="walk-step">
            <p class="walk-step__journey"><a href="/walk">{detail.journey_title.clone()}</a></p>
            <PhaseProgress steps=steps.clone() current=index />
            <header class="walk-step__header">
                <p class="walk-step__count">
                    {i18n.t_with("walk-step-of", &[("number", number.to_string()), ("total", total.to_string())])}
                    " · " {i18n.t(step.phase.label_key())}
                </p>
                <h1 class="page__title">{title}</h1>
            </header>
            {match notice.as_deref() {
                Some("friction") => Some(view! { <div class="alert alert--success" role="status">{i18n.t("walk-friction-saved")}</div> }),
                Some("deleted") => Some(view! { <div class="alert alert--success" role="status">{i18n.t("walk-friction-deleted")}</div> }),
                Some(_) => Some(view! { <div class="alert alert--success" role="status">{i18n.t("walk-save-saved")}</div> }),
                None => None,
            }}
            <EvidenceNotice />
            <QuickCapture walkthrough_id=walk_id step_id=step.id return_to=here.clone() />
            <section class="card step-brief" aria-labelledby="step-brief-title">
                <h2 class="visually-hidden" id="step-brief-title">{i18n.t("walk-step-brief")}</h2>
                <p><span class="badge">{i18n.t(step.channel.label_key())}</span>
                    {step.team_name.clone().map(|t| view! { <span class="table__muted">{format!(" · {t}")}</span> })}</p>
                <p class="prose">{step.instructions.clone()}</p>
                <div class="step-brief__promise">
                    <h3>{i18n.t("walk-promise")}</h3>
                    <p>{step.service_promise.clone()}</p>
                </div>
            </section>
            <FixQuestions walk_id=walk_id step_id=step.id number=number />

            <StepForm setup=StepSetup {
                walk_id,
                number,
                total,
                version: answer.version,
                action: SaveStep::url().to_owned(),
                text,
            }>
                <input type="hidden" name="form[walkthrough_id]" value=walk_id />
                <input type="hidden" name="form[step_id]" value=step.id />
                <input type="hidden" name="form[number]" value=number />
                <input type="hidden" name="form[version]" value=answer.version />
                <ErrorSummary error=error />
                <RadioScale name="form[outcome]" field="outcome" legend=i18n.t("walk-outcome") options=outcome_options
                    selected=outcome error=field_message(error, "outcome") />
                <TextArea name="form[skip_reason]" field="skip_reason" max=text::SHORT label=i18n.t("walk-skip-reason") value=skip_reason rows=2
                    hint=i18n.t("walk-skip-reason-hint") error=field_message(error, "skip_reason") />
                <TextField name="form[minutes]" field="minutes" label=i18n.t("walk-minutes") value=minutes kind="number"
                    error=field_message(error, "minutes") />
                <RadioScale name="form[emotion]" field="emotion" legend=i18n.t("walk-emotion") hint=i18n.t("walk-emotion-hint")
                    options=emotion_options() selected=emotion error=field_message(error, "emotion") faces=true />
                <RadioScale name="form[effort]" field="effort" legend=i18n.t("walk-effort") hint=i18n.t("walk-effort-hint")
                    options=effort_options selected=effort error=field_message(error, "effort") compact=true />
                <div class="gap-pair">
                    <TextArea name="form[expected]" field="expected" max=text::LONG label=i18n.t("walk-expected") value=expected
                        placeholder=step.service_promise.clone() error=field_message(error, "expected") />
                    <TextArea name="form[happened]" field="happened" max=text::LONG label=i18n.t("walk-happened") value=happened
                        hint=i18n.t("walk-objective-hint") error=field_message(error, "happened") />
                </div>
                <TextArea name="form[notes]" field="notes" max=text::LONG label=i18n.t("walk-notes") value=notes error=field_message(error, "notes") />
            </StepForm>

            <section class="stack step-frictions" aria-labelledby="step-frictions-title">
                <h2 id="step-frictions-title">{i18n.t("walk-frictions-title")}</h2>
                <p class="field__hint">{i18n.t("walk-frictions-lead")}</p>
                <FrictionList walk_id=walk_id number=number frictions=frictions editable=true />
                <div class="cluster">
                    <a class="btn btn--secondary" href=routes::friction_new(walk_id, number, "friction")>{i18n.t("walk-add-friction")}</a>
                    <a class="btn btn--secondary" href=routes::friction_new(walk_id, number, "delight")>{i18n.t("walk-add-delight")}</a>
                    <a class="btn btn--ghost" href=routes::friction_new(walk_id, number, "question")>{i18n.t("walk-add-question")}</a>
                </div>
            </section>

            <section class="stack step-evidence" aria-labelledby="step-evidence-title">
                <h2 id="step-evidence-title">{i18n.t("walk-evidence-title")}</h2>
                <EvidenceList items=walked.evidence.clone() can_delete=true return_to=here.clone() />
                <EvidenceUpload walkthrough_id=walk_id step_id=step.id return_to=here.clone() />
            </section>

            <StepIndex walk_id=walk_id steps=steps current=index />
            <p><a class="btn btn--ghost" href=routes::walk_finish(walk_id)>{i18n.t("walk-go-finish")}</a></p>
        </div>
    }
    .into_any()
}

/// The frictions, delights and questions logged on one step.
#[component]
pub fn FrictionList(
    walk_id: i64,
    number: usize,
    frictions: Vec<crate::domain::walkthrough::Friction>,
    editable: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    if frictions.is_empty() {
        // In the read-only log an empty step simply has nothing to add.
        return editable
            .then(|| view! { <p class="empty-state">{i18n.t("walk-frictions-none")}</p> })
            .into_any();
    }
    view! {
        <ul class="friction-list">
            {frictions.into_iter().map(|f| view! {
                <li class="friction" id=format!("friction-{}", f.id) data-kind=f.kind.code()>
                    <p class="friction__meta">
                        <span class="badge" data-kind=f.kind.code()>{i18n.t(f.kind.label_key())}</span>
                        {f.severity.map(|s| view! { <span class="badge" data-severity=s.code()>{i18n.t(severity_short_key(s))}</span> })}
                        {f.incomplete.then(|| view! { <span class="badge" data-state="incomplete">{i18n.t("walk-friction-incomplete")}</span> })}
                    </p>
                    <h3 class="friction__title">{f.title.clone()}</h3>
                    {(!f.what_happened.is_empty()).then(|| view! { <p>{f.what_happened.clone()}</p> })}
                    {(!f.suggestion.is_empty()).then(|| view! { <p><strong>{i18n.t("walk-suggestion")} ": "</strong>{f.suggestion.clone()}</p> })}
                    {(!f.principles.is_empty()).then(|| view! {
                        <ul class="badge-list" aria-label=i18n.t("walk-principles")>
                            {f.principles.iter().map(|p| view! { <li class="badge badge--tag">{i18n.t(p.tag_key())}</li> }).collect_view()}
                        </ul>
                    })}
                    {f.team_name.clone().map(|t| view! { <p class="table__muted">{i18n.t("walk-owning-team")} ": " {t}</p> })}
                    {editable.then(|| view! {
                        <a class="btn btn--small btn--ghost" href=routes::friction(walk_id, number, f.id)
                            aria-label=i18n.t_with("walk-edit-friction-aria", &[("title", f.title.clone())])>
                            {if f.incomplete { i18n.t("walk-complete-friction") } else { i18n.t("walk-edit") }}
                        </a>
                    })}
                </li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}

pub(crate) fn severity_short_key(s: Severity) -> &'static str {
    match s {
        Severity::Blocker => "severity-blocker-short",
        Severity::Major => "severity-major",
        Severity::Papercut => "severity-papercut",
    }
}

/// All steps grouped by phase, to jump around; answered ones are marked.
#[component]
fn StepIndex(walk_id: i64, steps: Vec<WalkedStep>, current: usize) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <details class="step-index">
            <summary>{i18n.t("walk-all-steps")}</summary>
            {Phase::ALL.into_iter().filter_map(|phase| {
                let in_phase: Vec<(usize, WalkedStep)> = steps.iter().cloned().enumerate().filter(|(_, s)| s.step.phase == phase).collect();
                (!in_phase.is_empty()).then(|| view! {
                    <h3 class="step-index__phase">{i18n.t(phase.label_key())}</h3>
                    <ol class="step-index__list">
                        {in_phase.into_iter().map(|(i, s)| view! {
                            <li value=i + 1>
                                <a href=routes::walk_step(walk_id, i + 1) aria-current=(i == current).then_some("page")>{s.step.title.clone()}</a>
                                {s.answer.outcome.map(|o| view! { <span class="table__muted">{format!(" · {}", i18n.t(o.label_key()))}</span> })}
                            </li>
                        }).collect_view()}
                    </ol>
                })
            }).collect_view()}
        </details>
    }
}

/// `/walkthroughs/:id/steps/:n/frictions/new?kind=…` and `/walkthroughs/:id/steps/:n/frictions/:fid`
#[component]
pub fn FrictionPage() -> impl IntoView {
    let id = id_param("id");
    let number = id_param("n");
    let friction = id_param("fid");
    let query = use_query_map();
    let data = Resource::new(
        move || id.get(),
        |id| async move {
            match id {
                Some(id) => load_walkthrough(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <RequireRole allowed=any_role children=move |_| view! {
            <Loaded resource=data children=move |page| {
                let n = number.get().unwrap_or(0);
                if page.detail.access != Access::Edit {
                    return view! { <LoadError error=AppError::Forbidden /> }.into_any();
                }
                let Some(walked) = usize::try_from(n - 1).ok().and_then(|i| page.detail.steps.get(i)).cloned() else {
                    return view! { <LoadError error=AppError::NotFound /> }.into_any();
                };
                let existing = match friction.get() {
                    Some(fid) => match walked.frictions.iter().find(|f| f.id == fid) {
                        Some(f) => Some(f.clone()),
                        None => return view! { <LoadError error=AppError::NotFound /> }.into_any(),
                    },
                    None => None,
                };
                // Similar findings: after "Zoek vergelijkbare" (`?similar`), and the link of an entry.
                let searched = query.with_untracked(|q| q.get("similar").is_some());
                let (walk_id, step_id) = (page.detail.summary.id, walked.step.id);
                let fid = existing.as_ref().map(|f| f.id.to_string()).unwrap_or_default();
                let similar = Resource::new(|| (), move |_| load_similar(walk_id, step_id, fid.clone(), searched));
                view! {
                    <Loaded resource=similar children=move |state| view! {
                        <FrictionEditor page=page.clone() walked=walked.clone() number=n as usize existing=existing.clone() similar=state />
                    } />
                }.into_any()
            } />
        } />
    }
}

#[component]
fn FrictionEditor(
    page: WalkthroughPage,
    walked: WalkedStep,
    number: usize,
    existing: Option<crate::domain::walkthrough::Friction>,
    similar: SimilarState,
) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let walk_id = page.detail.summary.id;
    let save = ServerAction::<SaveFriction>::new();
    let delete = ServerAction::<DeleteFriction>::new();
    let error = Signal::derive(move || {
        save.value()
            .get()
            .and_then(|r| r.err())
            .or_else(|| delete.value().get().and_then(|r| r.err()))
    });
    let back = routes::walk_step(walk_id, number);
    let kind_from_query = query
        .with_untracked(|q| q.get("kind"))
        .unwrap_or_else(|| "friction".to_owned());
    let stored = existing.as_ref().map(|f| FrictionForm {
        friction_id: f.id.to_string(),
        kind: f.kind.code().to_owned(),
        severity: f.severity.map(|s| s.code().to_owned()).unwrap_or_default(),
        title: f.title.clone(),
        what_happened: f.what_happened.clone(),
        suggestion: f.suggestion.clone(),
        tags: PrincipleTicks::from_codes(
            &f.principles
                .iter()
                .map(|p| p.code().to_owned())
                .collect::<Vec<_>>(),
        ),
        team_id: f.team_id.map(|t| t.to_string()).unwrap_or_default(),
        ..FrictionForm::default()
    });
    let friction_id = existing
        .as_ref()
        .map(|f| f.id.to_string())
        .unwrap_or_default();
    let draft = (page.draft.get("friction_id").map(String::as_str) == Some(friction_id.as_str())
        && page.draft.contains_key("kind"))
    .then(|| FrictionForm::from_draft(&page.draft));
    // What was typed before "Zoek vergelijkbare" comes back after it (a refused save wins).
    let searched = similar.typed.as_ref().map(FrictionForm::from_draft);
    let values = draft
        .or(searched)
        .or(stored)
        .unwrap_or_else(|| FrictionForm {
            kind: kind_from_query,
            team_id: walked
                .step
                .team_id
                .map(|t| t.to_string())
                .unwrap_or_default(),
            ..FrictionForm::default()
        });
    let ticked = values.tags.codes();
    let title_key = if existing.is_some() {
        "walk-friction-edit-title"
    } else {
        "walk-friction-new-title"
    };
    // Teams grouped by department: the option shows just the team name, so it fits a phone.
    let team_options = vec![(String::new(), i18n.t("walk-team-none"))];
    let team_groups = page
        .teams
        .chunk_by(|a, b| a.department_id == b.department_id)
        .map(|teams| {
            (
                teams[0].department_name.clone(),
                teams
                    .iter()
                    .map(|t| (t.id.to_string(), t.name.clone()))
                    .collect(),
            )
        })
        .collect::<Vec<_>>();
    let kind_options = FrictionKind::ALL
        .into_iter()
        .map(|k| (k.code().to_owned(), i18n.t(k.label_key()), None))
        .collect::<Vec<_>>();
    let severity_options = Severity::ALL
        .into_iter()
        .map(|s| (s.code().to_owned(), i18n.t(s.label_key()), None))
        .collect::<Vec<_>>();
    view! {
        <leptos_meta::Title text=i18n.t(title_key) />
        <div class="walk-step">
            <p class="walk-step__journey"><a href=back.clone() rel="external">{format!("← {}", walked.step.title)}</a></p>
            <h1 class="page__title">{i18n.t(title_key)}</h1>
            <p class="alert alert--info">{i18n.t("walk-objective-prompt")}</p>
            <ActionForm action=save attr:class="form friction-form">
                <input type="hidden" name="form[walkthrough_id]" value=walk_id />
                <input type="hidden" name="form[step_id]" value=walked.step.id />
                <input type="hidden" name="form[number]" value=number />
                <input type="hidden" name="form[friction_id]" value=friction_id.clone() />
                <ErrorSummary error=error />
                <RadioScale name="form[kind]" field="kind" legend=i18n.t("walk-kind") options=kind_options selected=values.kind.clone()
                    error=field_message(error, "kind") />
                // Shown for frictions only (style/main.css, `:has`): no script needed.
                <div class="severity-group">
                    <RadioScale name="form[severity]" field="severity" legend=i18n.t("walk-severity") options=severity_options
                        selected=values.severity.clone() error=field_message(error, "severity") hint=i18n.t("walk-severity-hint") />
                </div>
                <TextField name="form[title]" field="title" label=i18n.t("walk-friction-title") value=values.title.clone() required=true
                    hint=i18n.t("walk-friction-title-hint") error=field_message(error, "title") />
                <TextArea name="form[what_happened]" field="what_happened" max=text::LONG label=i18n.t("walk-what-happened") value=values.what_happened.clone()
                    hint=i18n.t("walk-objective-hint") rows=4 error=field_message(error, "what_happened") />
                <SimilarPicker state=similar.clone() selected=values.similar.clone() />
                {move || field_message(error, "similar").get().map(|m| view! { <p class="field__error">{m}</p> })}
                <TextArea name="form[suggestion]" field="suggestion" max=text::LONG label=i18n.t("walk-suggestion") value=values.suggestion.clone()
                    error=field_message(error, "suggestion") />
                <fieldset class="fieldset">
                    <legend class="fieldset__legend">{i18n.t("walk-principles")}</legend>
                    <p class="field__hint">{i18n.t("walk-principles-hint")}</p>
                    <div class="checkbox-list">
                        {Principle::ALL.into_iter().map(|p| {
                            let id = format!("tag-{}", p.code());
                            let label_for = id.clone();
                            view! {
                                <label class="checkbox" for=label_for>
                                    <input type="checkbox" id=id name=format!("form[tags][{}]", p.code()) checked=ticked.iter().any(|c| c == p.code()) />
                                    {i18n.t(p.tag_key())}
                                </label>
                            }
                        }).collect_view()}
                    </div>
                    {move || field_message(error, "principles").get().map(|m| view! { <p class="field__error">{m}</p> })}
                </fieldset>
                <SelectField name="form[team_id]" field="team_id" label=i18n.t("walk-owning-team") options=team_options groups=team_groups
                    selected=values.team_id.clone() error=field_message(error, "team_id") />
                <div class="form__actions">
                    <button class="btn btn--primary" type="submit">{i18n.t("walk-friction-save")}</button>
                    <a class="btn btn--ghost" href=back.clone() rel="external">{i18n.t("walk-cancel")}</a>
                </div>
            </ActionForm>
            {existing.clone().map(|f| {
                let here = routes::friction(walk_id, number, f.id);
                let items: Vec<_> = walked.evidence.iter().filter(|e| e.friction_id == Some(f.id)).cloned().collect();
                view! {
                    <section class="stack" aria-labelledby="friction-evidence-title">
                        <h2 id="friction-evidence-title">{i18n.t("walk-evidence-title")}</h2>
                        <EvidenceNotice />
                        <EvidenceList items=items can_delete=true return_to=here.clone() />
                        <EvidenceUpload walkthrough_id=walk_id step_id=walked.step.id friction_id=f.id return_to=here />
                    </section>
                }
            })}
            {existing.map(|f| view! {
                <ActionForm action=delete attr:class="form form--inline danger-zone">
                    <input type="hidden" name="walkthrough_id" value=walk_id />
                    <input type="hidden" name="friction_id" value=f.id />
                    <input type="hidden" name="number" value=number />
                    <button class="btn btn--danger btn--small" type="submit">{i18n.t("walk-friction-delete")}</button>
                </ActionForm>
            })}
        </div>
    }
}

/// The step form island's words, translated here on the server.
fn step_form_text() -> StepFormText {
    let i18n = use_i18n();
    let pairs = |keys: &[&str]| -> Vec<(String, String)> {
        keys.iter().map(|k| ((*k).to_owned(), i18n.t(k))).collect()
    };
    let statuses: Vec<&str> = SaveStatus::SHOWN
        .into_iter()
        .filter_map(SaveStatus::message_key)
        .collect();
    let fields = [
        ("outcome", "walk-outcome"),
        ("skip_reason", "walk-skip-reason"),
        ("minutes", "walk-minutes"),
        ("emotion", "walk-emotion"),
        ("effort", "walk-effort"),
        ("expected", "walk-expected"),
        ("happened", "walk-happened"),
        ("notes", "walk-notes"),
    ];
    StepFormText {
        statuses: pairs(&statuses),
        load_latest: i18n.t("walk-load-latest"),
        prev: i18n.t("walk-prev"),
        save: i18n.t("walk-save"),
        next: i18n.t("walk-save-next"),
        finish: i18n.t("walk-save-finish"),
        field_labels: fields
            .iter()
            .map(|(f, k)| ((*f).to_owned(), i18n.t(k)))
            .collect(),
        // Every message a refused step save can carry (domain::walkthrough::StepAnswerInput and
        // the access rules).
        messages: pairs(&[
            "error-too-long",
            "error-out-of-range",
            "error-not-a-number",
            "error-invalid-choice",
            "walk-error-skip-reason",
            crate::domain::Refusal::WalkNotEditable.key(),
            "error-forbidden",
            "error-not-found",
            "error-unauthenticated",
            "error-bad-request",
            "error-validation",
        ]),
    }
}
