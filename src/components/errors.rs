//! Error views: the 404 and 403 pages (on the server they also set the HTTP status) and the
//! message shown when a page's data could not be loaded.

use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_meta::Title;

#[cfg(feature = "ssr")]
fn set_status(code: u16) {
    if let (Some(options), Ok(status)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        axum::http::StatusCode::from_u16(code),
    ) {
        options.set_status(status);
    }
}

#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    set_status(404);
    view! { <ErrorPage code="404" title_key="not-found-title" text_key="not-found-text" /> }
}

#[component]
pub fn Forbidden() -> impl IntoView {
    #[cfg(feature = "ssr")]
    set_status(403);
    view! { <ErrorPage code="403" title_key="forbidden-title" text_key="forbidden-text" /> }
}

#[component]
fn ErrorPage(code: &'static str, title_key: &'static str, text_key: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=i18n.t(title_key) />
        <section class="error-page">
            <p class="error-page__code" aria-hidden="true">{code}</p>
            <h1 class="error-page__title">{i18n.t(title_key)}</h1>
            <p class="error-page__text">{i18n.t(text_key)}</p>
            <a class="btn btn--primary" href=crate::routes::HOME>{i18n.t("back-home")}</a>
        </section>
    }
}

/// Shown when loading a page's data failed; the message is translated and never raw. A refusal
/// (say, editing a journey that is no longer a draft) links `back` when given.
#[component]
pub fn LoadError(
    error: crate::error::AppError,
    #[prop(optional_no_strip)] back: Option<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    match error {
        crate::error::AppError::NotFound => view! { <NotFound /> }.into_any(),
        crate::error::AppError::Forbidden => view! { <Forbidden /> }.into_any(),
        crate::error::AppError::Refused(reason) => view! {
            <div class="alert alert--warning" role="alert">
                <p>{i18n.t(reason.key())}</p>
                {back.map(|href| view! { <p><a href=href>{i18n.t("journey-back-to-journey")}</a></p> })}
            </div>
        }
        .into_any(),
        other => view! { <div class="alert alert--error" role="alert">{i18n.t(other.user_message_key())}</div> }.into_any(),
    }
}
