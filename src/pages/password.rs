//! Getting in without a password handed out: "Wachtwoord vergeten?" (ask for a reset link) and
//! the page an invitation or reset link leads to (choose a password). Plain form posts that work
//! without JavaScript, shaped like the sign-in page.

use crate::api::access::{ForgotPassword, SetPassword, forgot_draft, link_info};
use crate::components::form::{ErrorSummary, TextField, action_error, field_message};
use crate::components::load::Loaded;
use crate::domain::access::TokenPurpose;
use crate::i18n::use_i18n;
use crate::routes;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// `/forgot-password`: the e-mail address, then always the same answer.
#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    let sent = use_query_map().with_untracked(|q| q.get("sent").is_some());
    let draft = Resource::new(|| (), |_| forgot_draft());
    let action = ServerAction::<ForgotPassword>::new();
    let error = action_error(action);
    let sent = Signal::derive(move || {
        (sent && error.with(Option::is_none)) || matches!(action.value().get(), Some(Ok(())))
    });
    view! {
        <Title text=i18n.t("forgot-title") />
        <div class="auth-layout">
            <section class="auth-card card" aria-labelledby="forgot-heading">
                <h1 class="auth-card__title" id="forgot-heading">{i18n.t("forgot-title")}</h1>
                {move || if sent.get() {
                    view! {
                        <div class="alert alert--success" role="status">{i18n.t("forgot-sent")}</div>
                    }.into_any()
                } else {
                    view! { <p class="page__lead">{i18n.t("forgot-lead")}</p> }.into_any()
                }}
                <ErrorSummary error />
                <ActionForm action attr:class="form" attr:novalidate="">
                    <Suspense fallback=|| ()>
                    {move || Suspend::new(async move {
                        let typed = draft.await.unwrap_or_default();
                        view! {
                            <TextField name="email" field="email" label=i18n.t("field-email") value=typed
                                kind="email" autocomplete="username" required=true
                                error=field_message(error, "email") />
                        }
                    })}
                    </Suspense>
                    <div class="form__actions">
                        <button type="submit" class="btn btn--primary">{i18n.t("forgot-submit")}</button>
                        <a class="btn btn--ghost" href=routes::login(None)>{i18n.t("forgot-back")}</a>
                    </div>
                </ActionForm>
            </section>
        </div>
    }
}

/// `/password/:token`: choose a password through an invitation or reset link.
#[component]
pub fn SetPasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    let token = use_params_map()
        .with_untracked(|p| p.get("token"))
        .unwrap_or_default();
    let link = Resource::new(move || token.clone(), link_info);
    view! {
        <Title text=i18n.t("set-password-title") />
        <div class="auth-layout">
            <section class="auth-card card" aria-labelledby="set-password-heading">
                <Loaded resource=link children=move |info| match info {
                    Some(info) => view! { <SetPasswordForm purpose=info.purpose name=info.name /> }.into_any(),
                    None => view! {
                        <h1 class="auth-card__title" id="set-password-heading">{i18n.t("set-password-dead-title")}</h1>
                        <p class="page__lead">{i18n.t("access-error-link-invalid")}</p>
                        <p><a class="btn btn--primary" href=routes::FORGOT_PASSWORD>{i18n.t("set-password-new-link")}</a></p>
                    }.into_any(),
                } />
            </section>
        </div>
    }
}

#[component]
fn SetPasswordForm(purpose: TokenPurpose, name: String) -> impl IntoView {
    let i18n = use_i18n();
    let token = use_params_map()
        .with_untracked(|p| p.get("token"))
        .unwrap_or_default();
    let action = ServerAction::<SetPassword>::new();
    let error = action_error(action);
    let (title, lead) = match purpose {
        TokenPurpose::Invite => ("set-password-welcome", "set-password-welcome-lead"),
        TokenPurpose::Reset => ("set-password-title", "set-password-lead"),
    };
    view! {
        <h1 class="auth-card__title" id="set-password-heading">{i18n.t_with(title, &[("name", name)])}</h1>
        <p class="page__lead">{i18n.t(lead)}</p>
        <ErrorSummary error />
        <ActionForm action attr:class="form" attr:novalidate="">
            <input type="hidden" name="token" value=token />
            <TextField name="new_password" field="new_password" label=i18n.t("field-new-password")
                kind="password" autocomplete="new-password" required=true
                hint=i18n.t("password-hint")
                error=field_message(error, "new_password") />
            <TextField name="confirm_password" field="confirm_password" label=i18n.t("field-confirm-password")
                kind="password" autocomplete="new-password" required=true
                error=field_message(error, "confirm_password") />
            <div class="form__actions">
                <button type="submit" class="btn btn--primary">{i18n.t("set-password-submit")}</button>
            </div>
        </ActionForm>
    }
}
