//! `/presentations/:id/meeting`: the author records when and to whom they presented, their
//! reviewer confirms it or sends it back, and both read the history. Plain forms throughout.

use crate::api::presentation::meeting::{
    MeetingPage as Data, MeetingRecord, RecordMeeting, ReviewPresentation, load_meeting_page,
};
use crate::components::form::{
    ErrorSummary, SuccessNotice, TextArea, TextField, action_error, field_message,
};
use crate::components::guard::{RequireRole, any_role};
use crate::components::layout::PageHeader;
use crate::components::load::Loaded;
use crate::domain::presentation::{PresentationAccess, PresentationStatus};
use crate::domain::{Locale, text};
use crate::error::AppError;
use crate::i18n::{I18n, use_i18n};
use crate::pages::id_param;
use crate::routes;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_query_map};

/// `/presentations/:id/meeting`
#[component]
pub fn MeetingPage() -> impl IntoView {
    let id = id_param("id");
    let search = use_location().search;
    let data = Resource::new(
        move || (id.get(), search.get()),
        |(id, search)| async move {
            match id {
                Some(id) => load_meeting_page(id, search).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <RequireRole allowed=any_role children=move |_| view! {
            <Loaded resource=data children=move |page| view! { <MeetingScreen page /> } />
        } />
    }
}

/// A calendar date the way each language writes it.
fn held_on(i18n: I18n, date: chrono::NaiveDate) -> String {
    match i18n.locale {
        Locale::Nl => date.format("%d-%m-%Y").to_string(),
        Locale::En => date.format("%d %b %Y").to_string(),
    }
}

#[component]
fn MeetingScreen(page: Data) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let recorded = query.with_untracked(|q| q.get("recorded").is_some());
    let decided = query.with_untracked(|q| q.get("decided").is_some());
    let lead = i18n.t_with(
        "meeting-lead",
        &[
            ("title", page.title.clone()),
            ("author", page.author_name.clone()),
        ],
    );
    let status = i18n.t_with(
        "meeting-status",
        &[("status", i18n.t(page.status.label_key()))],
    );
    let waiting =
        page.access == PresentationAccess::Edit && page.status == PresentationStatus::Presented;
    let confirmed = page.status == PresentationStatus::Confirmed;
    let decided_text = i18n.t_with("meeting-decided", &[("author", page.author_name.clone())]);
    let presentation_link = routes::presentation(page.presentation_id);
    let history = page.meetings.clone();
    view! {
        <PageHeader title=i18n.t("meeting-title") lead=lead>
            <a class="btn btn--ghost" href=presentation_link>{i18n.t("meeting-open-presentation")}</a>
        </PageHeader>
        <div class="stack meeting">
            <SuccessNotice show=recorded message=i18n.t("meeting-recorded") />
            <SuccessNotice show=decided message=decided_text />
            <p class="meeting__status"><span class="badge" data-status=page.status.code()>{status}</span></p>
            {waiting.then(|| view! { <p class="alert alert--info">{i18n.t("meeting-waiting")}</p> })}
            {confirmed.then(|| view! { <p class="alert alert--success">{i18n.t("meeting-confirmed-note")}</p> })}
            {page.can_record.then(|| view! { <RecordForm page=page.clone() /> })}
            {page.can_review.then(|| view! { <ReviewForm id=page.presentation_id comment=page.draft.comment.clone() /> })}
            <History meetings=history />
        </div>
    }
}

#[component]
fn RecordForm(page: Data) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<RecordMeeting>::new();
    let error = action_error(action);
    let draft = page.draft;
    let here = routes::presentation_meeting(page.presentation_id);
    let attendees_error = field_message(error, "attendees");
    let team_error = field_message(error, "team_id");
    let found = page
        .found
        .map(|n| i18n.t_count("meeting-search-found", n as i64));
    let teams = page.teams;
    let selected_team = draft.team_id.clone();
    view! {
        <section class="card" aria-labelledby="record-heading">
            <h2 class="card__title" id="record-heading">{i18n.t("meeting-record-heading")}</h2>
            <p>{i18n.t("meeting-record-lead")}</p>
            <ActionForm action attr:class="form" attr:id="meeting-form">
                <input type="hidden" name="form[presentation_id]" value=page.presentation_id />
                <ErrorSummary error />
                <TextField name="form[held_on]" field="held_on" kind="date" label=i18n.t("meeting-held-on")
                    value=draft.held_on.clone() required=true error=field_message(error, "held_on") />
                <TextField name="form[audience]" field="audience" label=i18n.t("meeting-audience")
                    value=draft.audience.clone() hint=i18n.t("meeting-audience-hint") required=true
                    error=field_message(error, "audience") />
                <div class="field" class:field--invalid=move || team_error.with(Option::is_some)>
                    <label class="field__label" for="field-team-id">
                        {i18n.t("meeting-team")} " " <span class="field__optional">{i18n.t("meeting-optional")}</span>
                    </label>
                    <select class="field__input" id="field-team-id" name="form[team_id]"
                        aria-invalid=move || team_error.with(Option::is_some).then_some("true")>
                        <option value="">{i18n.t("meeting-team-none")}</option>
                        {teams.into_iter().map(|t| {
                            let selected = t.id.to_string() == selected_team;
                            view! { <option value=t.id selected=selected>{t.name}</option> }
                        }).collect_view()}
                    </select>
                    {move || team_error.get().map(|m| view! { <p class="field__error">{m}</p> })}
                </div>
                <fieldset class="fieldset" class:field--invalid=move || attendees_error.with(Option::is_some)
                    aria-describedby=move || attendees_error.with(Option::is_some).then_some("attendees-error")>
                    <legend class="fieldset__legend">{i18n.t("meeting-attendees")}</legend>
                    {page.people.is_empty().then(|| view! { <p class="field__hint">{i18n.t("meeting-attendees-none")}</p> })}
                    <div class="checkbox-list attendee-list">
                        {page.people.into_iter().map(|p| {
                            let checked = draft.attendees.contains(&p.id);
                            let id = format!("attendee-{}", p.id);
                            let label_for = id.clone();
                            view! {
                                <label class="checkbox" for=label_for>
                                    <input type="checkbox" id=id name=format!("form[attendees][p{}]", p.id) value=p.id checked=checked />
                                    <span>{p.name}</span>
                                </label>
                            }
                        }).collect_view()}
                    </div>
                    {move || attendees_error.get().map(|m| view! { <p class="field__error" id="attendees-error">{m}</p> })}
                    <div class="attendee-search">
                        <label class="field__label" for="attendee-q">{i18n.t("meeting-search")}</label>
                        <p class="field__hint" id="attendee-q-hint">{i18n.t("meeting-search-hint")}</p>
                        <div class="attendee-search__row">
                            <input class="field__input" type="search" id="attendee-q" name="q" value=page.q.clone()
                                aria-describedby="attendee-q-hint" />
                            // Sends the whole form to this page as a query: what was typed and
                            // ticked comes back, with the people found added to the list.
                            <button class="btn btn--secondary" type="submit" formmethod="get" formaction=here.clone()
                                formnovalidate=true>{i18n.t("meeting-search-submit")}</button>
                        </div>
                        {found.map(|f| view! { <p class="field__hint" role="status">{f}</p> })}
                    </div>
                </fieldset>
                <div class="form__actions">
                    <button class="btn btn--primary" type="submit">{i18n.t("meeting-record-submit")}</button>
                </div>
            </ActionForm>
        </section>
    }
}

#[component]
fn ReviewForm(id: i64, comment: String) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<ReviewPresentation>::new();
    let error = action_error(action);
    view! {
        <section class="card" aria-labelledby="review-heading">
            <h2 class="card__title" id="review-heading">{i18n.t("meeting-review-heading")}</h2>
            <p>{i18n.t("meeting-review-lead")}</p>
            <ActionForm action attr:class="form">
                <input type="hidden" name="form[presentation_id]" value=id />
                <ErrorSummary error />
                <TextArea name="form[comment]" field="comment" max=text::MEDIUM label=i18n.t("meeting-review-comment")
                    value=comment hint=i18n.t("meeting-review-comment-hint") error=field_message(error, "comment") />
                <div class="form__actions">
                    <button class="btn btn--primary" type="submit" name="form[decision]" value="confirmed">
                        {i18n.t("meeting-review-confirm")}
                    </button>
                    <button class="btn btn--secondary" type="submit" name="form[decision]" value="sent_back">
                        {i18n.t("meeting-review-send-back")}
                    </button>
                </div>
            </ActionForm>
        </section>
    }
}

#[component]
fn History(meetings: Vec<MeetingRecord>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="card" aria-labelledby="history-heading">
            <h2 class="card__title" id="history-heading">{i18n.t("meeting-history")}</h2>
            {meetings.is_empty().then(|| view! { <p>{i18n.t("meeting-history-empty")}</p> })}
            <ol class="meeting-history">
                {meetings.into_iter().map(|m| {
                    let held = i18n.t_with("meeting-held", &[("date", held_on(i18n, m.held_on))]);
                    let by = i18n.t_with("meeting-recorded-by", &[("name", m.recorded_by.clone()), ("at", i18n.datetime(m.recorded_at))]);
                    view! {
                        <li class="meeting-history__item">
                            <h3 class="meeting-history__title">{held}</h3>
                            <p class="meeting-history__audience">{m.audience}</p>
                            <dl class="meeting-history__facts">
                                {m.team_name.map(|t| view! { <dt>{i18n.t("meeting-team-label")}</dt><dd>{t}</dd> })}
                                <dt>{i18n.t("meeting-attendees-label")}</dt>
                                <dd>{m.attendees.join(", ")}</dd>
                            </dl>
                            <p class="meeting-history__meta">{by}</p>
                            {m.reviews.into_iter().map(|r| {
                                let key = if r.decision == "confirmed" { "meeting-review-confirmed" } else { "meeting-review-sent-back" };
                                let line = i18n.t_with(key, &[("name", r.reviewer_name), ("at", i18n.datetime(r.at))]);
                                view! {
                                    <div class="meeting-decision" data-decision=r.decision>
                                        <p class="meeting-decision__line">{line}</p>
                                        {(!r.comment.is_empty()).then(|| view! { <blockquote class="meeting-decision__comment">{r.comment}</blockquote> })}
                                    </div>
                                }
                            }).collect_view()}
                        </li>
                    }
                }).collect_view()}
            </ol>
        </section>
    }
}
