//! The signed-in person's own account: profile facts and changing their password.

use crate::api::session::ChangePassword;
use crate::components::form::{
    ErrorSummary, SuccessNotice, TextField, action_error, field_message,
};
use crate::components::guard::{RequireRole, any_role};
use crate::components::layout::PageHeader;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn AccountPage() -> impl IntoView {
    view! { <RequireRole allowed=any_role children=|user| view! { <Account email=user.email.clone() temporary=user.must_change_password /> } /> }
}

#[component]
fn Account(email: String, temporary: bool) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<ChangePassword>::new();
    let error = action_error(action);
    // The form posts and comes back here: `?saved=1` after a change (with empty fields).
    let saved = use_query_map().with_untracked(|q| q.get("saved").is_some())
        && error.with_untracked(Option::is_none);

    view! {
        <PageHeader title=i18n.t("account-title") lead=i18n.t_with("account-lead", &[("email", email)]) />
        <section class="card" aria-labelledby="password-heading">
            <h2 class="card__title" id="password-heading">{i18n.t("account-password-title")}</h2>
            // An admin typed the password: every other page waits until it is replaced.
            {temporary.then(|| view! { <div class="alert alert--warning" role="alert">{i18n.t("account-password-temporary")}</div> })}
            <SuccessNotice show=Signal::stored(saved) message=i18n.t("account-password-saved") />
            <ErrorSummary error />
            <ActionForm action attr:class="form" attr:novalidate="">
                <TextField name="current_password" field="current_password" label=i18n.t("field-current-password")
                    kind="password" autocomplete="current-password" required=true
                    error=field_message(error, "current_password") />
                <TextField name="new_password" field="new_password" label=i18n.t("field-new-password")
                    kind="password" autocomplete="new-password" required=true
                    hint=i18n.t("password-hint")
                    error=field_message(error, "new_password") />
                <TextField name="confirm_password" field="confirm_password" label=i18n.t("field-confirm-password")
                    kind="password" autocomplete="new-password" required=true
                    error=field_message(error, "confirm_password") />
                <div class="form__actions">
                    <button type="submit" class="btn btn--primary">{i18n.t("account-password-submit")}</button>
                </div>
            </ActionForm>
        </section>
    }
}
