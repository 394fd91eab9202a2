//! Sign-in. A plain form post that works without JavaScript; with JavaScript the page reloads into the app.

use crate::api::session::{Login, login_draft};
use crate::components::form::{ErrorSummary, TextField, action_error, field_message};
use crate::i18n::use_i18n;
use crate::session_context::use_session;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_query_map;

/// Demo accounts shown on the sign-in page when demo data is loaded: (role key, e-mail).
const DEMO_ACCOUNTS: &[(&str, &str)] = &[
    ("role-admin", "sanne.visser@dijkhuis.example"),
    ("role-hr", "fatima.elamrani@dijkhuis.example"),
    ("role-reviewer", "marieke.jansen@dijkhuis.example"),
    ("role-employee", "daan.bakker@dijkhuis.example"),
    ("role-cx", "wouter.brouwer@dijkhuis.example"),
];

#[component]
pub fn LoginPage() -> impl IntoView {
    let session = use_session();
    if session.user.is_some() {
        return view! { <Redirect path="/" /> }.into_any();
    }
    let i18n = use_i18n();
    let query = use_query_map();
    let next = query.with_untracked(|q| q.get("next")).unwrap_or_default();
    // Only set after a rejected sign-in without JavaScript: the e-mail that was typed.
    let draft = Resource::new(|| (), |_| login_draft());
    let action = ServerAction::<Login>::new();
    let error = action_error(action);

    view! {
        <Title text=i18n.t("login-title") />
        <div class="auth-layout">
            <section class="auth-card card" aria-labelledby="login-heading">
                <h1 class="auth-card__title" id="login-heading">{i18n.t("login-title")}</h1>
                <p class="page__lead">{i18n.t("login-lead")}</p>
                <ErrorSummary error />
                <ActionForm action attr:class="form" attr:novalidate="">
                    <input type="hidden" name="next" value=next />
                    <Suspense fallback=|| ()>
                    {move || Suspend::new(async move {
                    let typed = draft.await.unwrap_or_default();
                    view! {
                    <TextField
                        name="email"
                        field="email"
                        label=i18n.t("field-email")
                        value=typed
                        kind="email"
                        autocomplete="username"
                        required=true
                        error=field_message(error, "email")
                    />
                    }
                    })}
                    </Suspense>
                    <TextField
                        name="password"
                        field="password"
                        label=i18n.t("field-password")
                        kind="password"
                        autocomplete="current-password"
                        required=true
                        error=field_message(error, "password")
                    />
                    <div class="form__actions">
                        <button type="submit" class="btn btn--primary" aria-busy=move || action.pending().get().then_some("true")>
                            {i18n.t("login-submit")}
                        </button>
                        <a class="btn btn--ghost" href=crate::routes::FORGOT_PASSWORD>{i18n.t("login-forgot")}</a>
                    </div>
                </ActionForm>
                {session.demo.then(|| view! {
                    <section class="demo-accounts" aria-labelledby="demo-heading">
                        <h2 id="demo-heading">{i18n.t("demo-accounts-title")}</h2>
                        <p>{i18n.t_with("demo-accounts-password", &[("password", "demo-wachtwoord".to_owned())])}</p>
                        <ul>
                            {DEMO_ACCOUNTS.iter().map(|(role, email)| view! {
                                <li><strong>{i18n.t(role)}</strong>": "<code>{*email}</code></li>
                            }).collect_view()}
                        </ul>
                    </section>
                })}
            </section>
        </div>
    }
    .into_any()
}
