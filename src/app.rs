//! The HTML shell, the session context every page reads, and the route table.

use crate::api::session::{SessionInfo, get_session_info};
use crate::auth::CurrentUser;
use crate::components::layout::SiteHeader;
use crate::domain::Locale;
use crate::i18n::I18n;
use crate::pages;
use leptos::prelude::*;
use leptos_meta::{Html, Link, MetaTags, Stylesheet, Title, provide_meta_context};
use leptos_router::{
    SsrMode,
    components::{Route, Router, Routes},
    path,
};

pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="theme-color" content="#0b4f6c" />
                <AutoReload options=options.clone() />
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// Who is signed in (None on the sign-in page), provided to every page.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionContext {
    pub user: Option<CurrentUser>,
    pub demo: bool,
}

pub fn use_session() -> SessionContext {
    use_context::<SessionContext>().unwrap_or(SessionContext {
        user: None,
        demo: false,
    })
}

/// The session resource, shared so every part of the page waits on the same request.
#[derive(Clone, Copy)]
struct SessionResource(Resource<Result<SessionInfo, crate::error::AppError>>);

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    // Blocking: the first byte waits for it, so status codes (403, 404) and the language are known in time.
    let session = Resource::new_blocking(|| (), |_| get_session_info());
    provide_context(SessionResource(session));

    view! {
        <Stylesheet id="leptos" href="/pkg/klantenrijbewijs.css" />
        <Link rel="icon" type_="image/svg+xml" href="/favicon.svg" />
        <Router>
            <div class="app-shell">
                <WithSession>
                    <Chrome />
                </WithSession>
                <main id="main" class="page" tabindex="-1">
                    <Routes fallback=|| page(pages::errors::NotFound)>
                        <Route path=path!("/") view=|| page(pages::home::HomePage) ssr=SsrMode::Async />
                        <Route path=path!("/login") view=|| page(pages::login::LoginPage) ssr=SsrMode::Async />
                        <Route path=path!("/account") view=|| page(pages::account::AccountPage) ssr=SsrMode::Async />
                        <Route path=path!("/hr/people") view=|| page(pages::people::HrPeoplePage) ssr=SsrMode::Async />
                        <Route path=path!("/admin/people") view=|| page(pages::people::AdminPeoplePage) ssr=SsrMode::Async />
                        <Route path=path!("/admin/people/new") view=|| page(pages::person_form::NewPersonPage) ssr=SsrMode::Async />
                        <Route path=path!("/admin/people/:id") view=|| page(pages::person_form::EditPersonPage) ssr=SsrMode::Async />
                        <Route path=path!("/admin/organisation") view=|| page(pages::organisation::OrganisationPage) ssr=SsrMode::Async />
                    </Routes>
                </main>
                <WithSession>
                    <crate::components::layout::SiteFooter />
                </WithSession>
            </div>
        </Router>
    }
}

/// A routed page, rendered once the session (user and language) is known.
fn page<F, IV>(component: F) -> impl IntoView
where
    F: Fn() -> IV + Send + Sync + Copy + 'static,
    IV: IntoView + 'static,
{
    view! { <WithSession>{move || component()}</WithSession> }
}

/// Waits for the session, then provides the language and the signed-in user to `children`.
#[component]
fn WithSession(children: ChildrenFn) -> impl IntoView {
    let SessionResource(session) = expect_context::<SessionResource>();
    let children = StoredValue::new(children);
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let info = session.await.unwrap_or(SessionInfo { user: None, locale: Locale::Nl, demo: false });
                provide_context(I18n::new(info.locale));
                provide_context(SessionContext { user: info.user, demo: info.demo });
                children.with_value(|c| c())
            })}
        </Suspense>
    }
}

/// Document language and title, skip link and header.
#[component]
fn Chrome() -> impl IntoView {
    let i18n = crate::i18n::use_i18n();
    view! {
        <Html attr:lang=i18n.locale.code() />
        <Title formatter=move |page: String| {
            if page.is_empty() { i18n.t("app-name") } else { format!("{page} · {}", i18n.t("app-name")) }
        } />
        <a class="skip-link" href="#main">{i18n.t("skip-to-content")}</a>
        <SiteHeader />
    }
}
