//! `/verify/:code` and `/verify?code=…`: the public check of a licence card, no sign-in. It says
//! the holder's name and whether the licence is valid today (through when), expired (since when)
//! or revoked, and nothing else about them. Unknown and malformed codes get one and the same
//! "unknown code" page with 404; too many lookups from one address get 429. `/verify` alone is a
//! small form that works without JavaScript (a GET to `/verify?code=`).
//!
//! The address holds a code, so these pages are `noindex` and send no referrer.

use crate::api::licence::card::{Verdict, VerifyAnswer, verify_licence};
use crate::components::layout::PageHeader;
use crate::error::AppError;
use crate::i18n::use_i18n;
use crate::routes;
use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::hooks::{use_params_map, use_query_map};

/// `/verify` and `/verify/:code`
#[component]
pub fn VerifyPage() -> impl IntoView {
    #[cfg(feature = "ssr")]
    crate::api::licence::card::ssr::mark_private();
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let code = move || {
        params
            .with(|p| p.get("code"))
            .or_else(|| query.with(|q| q.get("code")))
            .filter(|c| !c.trim().is_empty())
    };
    let answer = Resource::new(code, |code| async move {
        match code {
            None => Ok(None),
            Some(code) => verify_licence(code).await.map(Some),
        }
    });
    view! {
        <Meta name="robots" content="noindex, nofollow" />
        <Meta name="referrer" content="no-referrer" />
        <div class="verify-page">
            <PageHeader title=i18n.t("verify-title") lead=i18n.t("verify-lead") />
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match answer.await {
                        Ok(None) => ().into_any(),
                        Ok(Some(answer)) => view! { <Outcome answer /> }.into_any(),
                        Err(error) => view! { <Refused error /> }.into_any(),
                    }
                })}
            </Suspense>
            <VerifyForm />
        </div>
    }
}

/// The verdict: one calm panel with an icon, a word and one sentence.
#[component]
fn Outcome(answer: VerifyAnswer) -> impl IntoView {
    let i18n = use_i18n();
    let name = answer.name.clone();
    let (kind, heading, text) = match answer.verdict {
        Verdict::Valid { valid_through } => (
            "valid",
            "verify-valid-heading",
            i18n.t_with(
                "verify-valid-text",
                &[("name", name), ("date", i18n.day(valid_through))],
            ),
        ),
        Verdict::Expired { since } => (
            "expired",
            "verify-expired-heading",
            i18n.t_with(
                "verify-expired-text",
                &[("name", name), ("date", i18n.day(since))],
            ),
        ),
        Verdict::Revoked => (
            "revoked",
            "verify-revoked-heading",
            i18n.t_with("verify-revoked-text", &[("name", name)]),
        ),
    };
    view! {
        <Panel kind heading=i18n.t(heading)>
            <p class="verify-result__text">{text}</p>
            <p class="verify-result__checked">
                {i18n.t_with("verify-checked-on", &[("date", i18n.day(answer.checked_on))])}
            </p>
        </Panel>
    }
}

/// Unknown (or malformed) code, over the limit, or a failure: never anything about the code.
#[component]
fn Refused(error: AppError) -> impl IntoView {
    let i18n = use_i18n();
    match error {
        AppError::NotFound => view! {
            <Panel kind="unknown" heading=i18n.t("verify-unknown-heading")>
                <p class="verify-result__text">{i18n.t("verify-unknown-text")}</p>
            </Panel>
        }
        .into_any(),
        AppError::TooManyAttempts => view! {
            <Panel kind="limited" heading=i18n.t("verify-limited-heading")>
                <p class="verify-result__text">{i18n.t("verify-limited-text")}</p>
            </Panel>
        }
        .into_any(),
        other => view! {
            <div class="alert alert--error" role="alert">{i18n.t(other.user_message_key())}</div>
        }
        .into_any(),
    }
}

#[component]
fn Panel(kind: &'static str, heading: String, children: Children) -> impl IntoView {
    // A tick for valid, a cross for revoked and unknown, a clock for expired and waiting.
    let icon = match kind {
        "valid" => "M9 16.5l4.5 4.5L23 11.5",
        "expired" | "limited" => "M16 9v7l4.5 3",
        _ => "M11 11l10 10M21 11L11 21",
    };
    view! {
        <section class=format!("verify-result verify-result--{kind}") aria-labelledby="verify-result-heading">
            <svg class="verify-result__icon" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
                <circle cx="16" cy="16" r="14" fill="none" stroke="currentColor" stroke-width="2.5" />
                <path d=icon fill="none" stroke="currentColor" stroke-width="3" stroke-linecap="round" stroke-linejoin="round" />
            </svg>
            <div class="verify-result__body">
                <h2 class="verify-result__heading" id="verify-result-heading">{heading}</h2>
                {children()}
            </div>
        </section>
    }
}

/// A plain GET form: works without JavaScript and never echoes what was typed.
#[component]
fn VerifyForm() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <form class="verify-form" method="get" action=routes::VERIFY>
            <div class="field">
                <label class="field__label" for="verify-code">{i18n.t("verify-code-label")}</label>
                <p class="field__hint" id="verify-code-hint">{i18n.t("verify-code-hint")}</p>
                <input class="field__input verify-form__input" id="verify-code" name="code" type="text"
                    autocomplete="off" autocapitalize="characters" spellcheck="false" maxlength="40"
                    required aria-describedby="verify-code-hint" />
            </div>
            <button type="submit" class="btn btn--primary">{i18n.t("verify-submit")}</button>
        </form>
    }
}
