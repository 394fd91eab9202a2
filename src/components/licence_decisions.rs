//! The licence decision forms: sign off and send back (the person's manager), certify by hand
//! and revoke (HR and admins). Plain forms that also work without JavaScript; each returns to
//! `back` (the page it is on).

use crate::api::licence::decide::{CertifyLicence, RevokeLicence, SendBackLicence, SignOffLicence};
use crate::components::form::{ErrorSummary, TextArea, TextField, action_error, field_message};
use crate::domain::licence::REASON_MAX;
use crate::i18n::use_i18n;
use leptos::prelude::*;

/// The hidden fields every decision form carries.
#[component]
fn Target(person_id: i64, back: String) -> impl IntoView {
    view! {
        <input type="hidden" name="form[person_id]" value=person_id />
        <input type="hidden" name="form[back]" value=back />
    }
}

/// One button that signs `name`'s licence off.
#[component]
pub fn SignOffForm(person_id: i64, name: String, back: String) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<SignOffLicence>::new();
    let error = action_error(action);
    let label = i18n.t_with("licence-sign-off-button", &[("name", name)]);
    view! {
        <ActionForm action attr:class="form form--inline licence-sign-off">
            <Target person_id back />
            <ErrorSummary error />
            <button class="btn btn--primary" type="submit">{label}</button>
        </ActionForm>
    }
}

/// Send back with a required comment, folded away until opened.
#[component]
pub fn SendBackForm(person_id: i64, name: String, back: String, comment: String) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<SendBackLicence>::new();
    let error = action_error(action);
    let open = !comment.is_empty();
    let summary = i18n.t_with("licence-send-back-summary", &[("name", name)]);
    view! {
        <details class="licence-send-back" id="send-back" open=open>
            <summary>{summary}</summary>
            <ActionForm action attr:class="form">
                <Target person_id back />
                <ErrorSummary error />
                <TextArea name="form[comment]" field="send_back_comment" max=REASON_MAX required=true
                    label=i18n.t("licence-send-back-comment") hint=i18n.t("licence-send-back-hint")
                    value=comment error=field_message(error, "comment") />
                <div class="form__actions">
                    <button class="btn btn--secondary" type="submit">{i18n.t("licence-send-back-button")}</button>
                </div>
            </ActionForm>
        </details>
    }
}

/// HR's manual certification: an optional start date and a required reason.
#[component]
pub fn CertifyForm(
    person_id: i64,
    back: String,
    valid_from: String,
    reason: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<CertifyLicence>::new();
    let error = action_error(action);
    view! {
        <section class="card" aria-labelledby="certify-heading">
            <h2 class="card__title" id="certify-heading">{i18n.t("licence-certify-heading")}</h2>
            <p>{i18n.t("licence-certify-lead")}</p>
            <ActionForm action attr:class="form">
                <Target person_id back />
                <ErrorSummary error />
                <TextField name="form[valid_from]" field="valid_from" kind="date"
                    label=i18n.t("licence-certify-from") hint=i18n.t("licence-certify-from-hint")
                    value=valid_from error=field_message(error, "valid_from") />
                <TextArea name="form[comment]" field="certify_reason" max=REASON_MAX required=true
                    label=i18n.t("licence-certify-reason") hint=i18n.t("licence-certify-reason-hint")
                    value=reason error=field_message(error, "comment") />
                <div class="form__actions">
                    <button class="btn btn--primary" type="submit">{i18n.t("licence-certify-button")}</button>
                </div>
            </ActionForm>
        </section>
    }
}

/// HR's revocation with a required reason.
#[component]
pub fn RevokeForm(person_id: i64, back: String, reason: String) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<RevokeLicence>::new();
    let error = action_error(action);
    view! {
        <section class="card card--danger" aria-labelledby="revoke-heading">
            <h2 class="card__title" id="revoke-heading">{i18n.t("licence-revoke-heading")}</h2>
            <p>{i18n.t("licence-revoke-lead")}</p>
            <ActionForm action attr:class="form">
                <Target person_id back />
                <ErrorSummary error />
                <TextArea name="form[comment]" field="revoke_reason" max=REASON_MAX required=true
                    label=i18n.t("licence-revoke-reason") value=reason error=field_message(error, "comment") />
                <div class="form__actions">
                    <button class="btn btn--danger" type="submit">{i18n.t("licence-revoke-button")}</button>
                </div>
            </ActionForm>
        </section>
    }
}
