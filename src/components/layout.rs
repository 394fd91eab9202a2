//! Site header (brand, the navigation of `nav.rs`, language switch, sign-out) and footer.

use crate::api::session::{Logout, SetLocale};
use crate::domain::Locale;
use crate::i18n::use_i18n;
use crate::routes;
use crate::session_context::use_session;
use leptos::prelude::*;

#[component]
pub fn SiteHeader() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let user = session
        .user
        .as_ref()
        .map(|user| (user.roles.clone(), user.name.clone()));
    let signed_in = session.user.is_some();
    let unread = session.unread_notifications;

    view! {
        <header class="site-header">
            <div class="site-header__inner">
                <a class="brand" href=routes::HOME>
                    <svg class="brand__mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
                        <rect x="2" y="6" width="28" height="20" rx="4" fill="currentColor" opacity="0.15" />
                        <rect x="2" y="6" width="28" height="20" rx="4" fill="none" stroke="currentColor" stroke-width="2" />
                        <circle cx="11" cy="15" r="3.5" fill="currentColor" />
                        <path d="M6 23c1-3 3-4.5 5-4.5s4 1.5 5 4.5" fill="currentColor" />
                        <path d="M19 13h8M19 17h6M19 21h4" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
                    </svg>
                    <span class="brand__name">{i18n.t("app-name")}</span>
                </a>
                {signed_in.then(|| view! { <crate::components::bell::Bell count=unread /> })}
                <SiteMenu menu_label=i18n.t("nav-menu") nav_label=i18n.t("nav-label")>
                    {user.map(|(roles, name)| view! { <super::nav::NavLinks roles name /> })}
                    <div class="site-nav__meta">
                        <LanguageSwitch />
                        {signed_in.then(|| view! { <SignOut /> })}
                    </div>
                </SiteMenu>
            </div>
        </header>
    }
}

/// The phone menu button and the navigation it opens (`children`, rendered on the server). Without
/// JavaScript the navigation is simply always shown (`data-state="static"`).
#[island]
fn SiteMenu(menu_label: String, nav_label: String, children: Children) -> impl IntoView {
    let menu = RwSignal::new("static");
    // Runs only in the browser, once the island is awake.
    Effect::new(move |_| {
        if menu.get_untracked() == "static" {
            menu.set("closed");
        }
    });
    let toggle = move |_| menu.update(|m| *m = if *m == "open" { "closed" } else { "open" });
    let expanded = move || {
        if menu.get() == "open" {
            "true"
        } else {
            "false"
        }
    };
    view! {
        <button type="button" class="menu-toggle" aria-controls="site-nav" aria-expanded=expanded on:click=toggle>
            {menu_label}
        </button>
        <nav id="site-nav" class="site-nav" data-state=move || menu.get() aria-label=nav_label>
            {children()}
        </nav>
    }
}

/// Switches the language: a button per other language (one click, and narrow enough for the
/// header's one row), each a plain form post; the server sends the browser back to the same page.
#[component]
fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    Locale::ALL
        .into_iter()
        .filter(|l| *l != i18n.locale)
        .map(|l| {
            let action = ServerAction::<SetLocale>::new();
            view! {
                <ActionForm action attr:class="lang-switch">
                    <input type="hidden" name="locale" value=l.code() />
                    <button type="submit" class="btn btn--ghost btn--small" lang=l.code()>
                        {i18n.t(&format!("language-{}", l.code()))}
                    </button>
                </ActionForm>
            }
        })
        .collect_view()
}

/// Signs out: a plain form post answered with a redirect to the sign-in page.
#[component]
fn SignOut() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<Logout>::new();
    view! {
        <ActionForm action attr:class="signout">
            <button type="submit" class="btn btn--ghost btn--small">{i18n.t("nav-sign-out")}</button>
        </ActionForm>
    }
}

#[component]
pub fn SiteFooter() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <footer class="site-footer">
            <p>{i18n.t("footer-text")}</p>
        </footer>
    }
}

/// Page heading with optional lead text; sets the document title too.
#[component]
pub fn PageHeader(
    title: String,
    #[prop(optional)] lead: Option<String>,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    view! {
        <leptos_meta::Title text=title.clone() />
        <div class="page__header">
            <div>
                <h1 class="page__title">{title}</h1>
                {lead.map(|l| view! { <p class="page__lead">{l}</p> })}
            </div>
            {children.map(|c| view! { <div class="page__actions">{c()}</div> })}
        </div>
    }
}
