//! The HTML shell, the session context every page reads, and the route table.

use crate::auth::SessionInfo;
use crate::components::layout::SiteHeader;
use crate::domain::Locale;
use crate::i18n::I18n;
use crate::pages;
use crate::session_context::SessionContext;
use leptos::prelude::*;
use leptos_meta::{Html, Link, MetaTags, Stylesheet, Title, provide_meta_context};
use leptos_router::{
    SsrMode,
    components::{Route, Router, Routes},
    path,
};

/// Gives every `requestIdleCallback` without a deadline one of 500 ms, so the islands wake up
/// within half a second of loading even when the page never goes idle.
const IDLE_DEADLINE_SCRIPT: &str = "(()=>{const r=window.requestIdleCallback;if(r){window.requestIdleCallback=(c,o)=>r.call(window,c,Object.assign({timeout:500},o));}})();";

pub fn shell(options: LeptosOptions) -> impl IntoView {
    // Before anything renders a script: every inline script of this page carries the nonce.
    #[cfg(feature = "ssr")]
    crate::security::headers::provide_page_nonce();
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="theme-color" content="#0b4f6c" />
                <AutoReload options=options.clone() />
                // Must run before the islands script: it waits for an idle moment to wake the
                // islands, and a busy phone (or test machine) may not have one for many seconds.
                <script nonce=leptos::nonce::use_nonce() inner_html=IDLE_DEADLINE_SCRIPT></script>
                <HydrationScripts options islands=true />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    // Loaded by the server before rendering (server::attach_session_info), so every component
    // knows the user and language synchronously. Pages render only on the server (islands): the
    // browser never runs this, it only wakes the islands inside the page.
    let anonymous = || SessionInfo {
        user: None,
        locale: Locale::Nl,
        demo: false,
        unread_notifications: 0,
    };
    #[cfg(feature = "ssr")]
    let info = use_context::<axum::http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<SessionInfo>().cloned())
        .unwrap_or_else(anonymous);
    #[cfg(not(feature = "ssr"))]
    let info = anonymous();
    let i18n = I18n::new(info.locale);
    provide_context(i18n);
    provide_context(SessionContext {
        user: info.user,
        demo: info.demo,
        unread_notifications: info.unread_notifications,
    });

    // Content-hashed in a release build (assets::SiteAssets, read once at start-up).
    #[cfg(feature = "ssr")]
    let stylesheet = crate::assets::stylesheet_href();
    #[cfg(not(feature = "ssr"))]
    let stylesheet = "/pkg/klantenrijbewijs.css".to_owned();

    view! {
        <Stylesheet id="leptos" href=stylesheet />
        <Link rel="icon" type_="image/svg+xml" href="/favicon.svg" />
        <Html attr:lang=i18n.locale.code() />
        <Title formatter=move |page: String| {
            if page.is_empty() { i18n.t("app-name") } else { format!("{page} · {}", i18n.t("app-name")) }
        } />
        <Router>
            <div class="app-shell">
                <a class="skip-link" href="#main">{i18n.t("skip-to-content")}</a>
                <SiteHeader />
                <main id="main" class="page" tabindex="-1">
                    <Routes fallback=crate::components::errors::NotFound>
                        <Route path=path!("/") view=pages::home::HomePage ssr=SsrMode::Async />
                        <Route path=path!("/login") view=pages::login::LoginPage ssr=SsrMode::Async />
                        <Route path=path!("/account") view=pages::account::AccountPage ssr=SsrMode::Async />
                        // Getting in: forgotten password, invitation and reset links, HR's invitation list.
                        <Route path=path!("/forgot-password") view=pages::password::ForgotPasswordPage ssr=SsrMode::Async />
                        <Route path=path!("/password/:token") view=pages::password::SetPasswordPage ssr=SsrMode::Async />
                        <Route path=path!("/hr/invitations") view=pages::hr_invitations::InvitationsPage ssr=SsrMode::Async />
                        <Route path=path!("/hr/people") view=pages::people::HrPeoplePage ssr=SsrMode::Async />
                        // HR (issue 12): employee import and the audit log.
                        <Route path=path!("/hr/import") view=pages::hr_import::ImportPage ssr=SsrMode::Async />
                        <Route path=path!("/hr/import/:token") view=pages::hr_import::ImportPreviewPage ssr=SsrMode::Async />
                        <Route path=path!("/hr/import/licences/:token") view=pages::hr_licence_import::LicenceImportPreviewPage ssr=SsrMode::Async />
                        <Route path=path!("/hr/audit") view=pages::hr_audit::AuditPage ssr=SsrMode::Async />
                        // HR dashboard (issue 12): coverage, drill-down, nudge confirmation.
                        <Route path=path!("/hr") view=pages::hr_dashboard::DashboardPage ssr=SsrMode::Async />
                        <Route path=path!("/hr/coverage") view=pages::hr_dashboard_people::CoveragePeoplePage ssr=SsrMode::Async />
                        <Route path=path!("/hr/coverage/nudge") view=pages::hr_dashboard_people::NudgeConfirmPage ssr=SsrMode::Async />
                        <Route path=path!("/admin/people") view=pages::people::AdminPeoplePage ssr=SsrMode::Async />
                        <Route path=path!("/admin/people/new") view=pages::person_form::NewPersonPage ssr=SsrMode::Async />
                        <Route path=path!("/admin/people/:id") view=pages::person_form::EditPersonPage ssr=SsrMode::Async />
                        <Route path=path!("/admin/organisation") view=pages::organisation::OrganisationPage ssr=SsrMode::Async />
                        <Route path=path!("/walk") view=pages::walk::WalkHomePage ssr=SsrMode::Async />
                        <Route path=path!("/walk/start/:journey_id") view=pages::walk::StartWalkPage ssr=SsrMode::Async />
                        <Route path=path!("/walkthroughs") view=pages::walk::ReadableWalkthroughsPage ssr=SsrMode::Async />
                        <Route path=path!("/walkthroughs/:id") view=pages::walk_log::WalkLogPage ssr=SsrMode::Async />
                        <Route path=path!("/walkthroughs/:id/finish") view=pages::walk_log::FinishPage ssr=SsrMode::Async />
                        <Route path=path!("/walkthroughs/:id/steps/:n") view=pages::walk_step::WalkStepPage ssr=SsrMode::Async />
                        <Route path=path!("/walkthroughs/:id/steps/:n/frictions/new") view=pages::walk_step::FrictionPage ssr=SsrMode::Async />
                        <Route path=path!("/walkthroughs/:id/steps/:n/frictions/:fid") view=pages::walk_step::FrictionPage ssr=SsrMode::Async />
                        <Route path=path!("/presentations/:id/present") view=pages::presentation_present::PresentPage ssr=SsrMode::Async />
                        <Route path=path!("/presentations/:id/edit") view=pages::presentation_edit::PresentationEditPage ssr=SsrMode::Async />
                        <Route path=path!("/presentations") view=pages::library::LibraryPage ssr=SsrMode::Async />
                        <Route path=path!("/presentations/journey/:family") view=pages::library::JourneyPresentationsPage ssr=SsrMode::Async />
                        <Route path=path!("/presentations/:id") view=pages::presentation::PresentationPage ssr=SsrMode::Async />
                        <Route path=path!("/journeys") view=pages::journeys::JourneysPage ssr=SsrMode::Async />
                        <Route path=path!("/journeys/new") view=pages::journey_edit::NewJourneyPage ssr=SsrMode::Async />
                        <Route path=path!("/journeys/:id") view=pages::journeys::JourneyDetailPage ssr=SsrMode::Async />
                        <Route path=path!("/journeys/:id/edit") view=pages::journey_edit::EditJourneyPage ssr=SsrMode::Async />
                        <Route path=path!("/journeys/:id/retire") view=pages::journeys::RetireJourneyPage ssr=SsrMode::Async />
                        <Route path=path!("/journeys/:id/steps/:step") view=pages::journey_edit::EditStepPage ssr=SsrMode::Async />
                        <Route path=path!("/journeys/:id/steps/:step/remove") view=pages::journey_edit::RemoveStepPage ssr=SsrMode::Async />
                        <Route path=path!("/presentations/:id/meeting") view=pages::presentation_meeting::MeetingPage ssr=SsrMode::Async />
                        <Route path=path!("/notifications") view=pages::notifications::NotificationsPage ssr=SsrMode::Async />
                        <Route path=path!("/improvements/inbox") view=pages::improvement_inbox::ImprovementInboxPage ssr=SsrMode::Async />
                        <Route path=path!("/licence") view=pages::licence::MyLicencePage ssr=SsrMode::Async />
                        <Route path=path!("/licence/team") view=pages::licence_team::TeamLicencesPage ssr=SsrMode::Async />
                        <Route path=path!("/licence/people/:id") view=pages::licence::PersonLicencePage ssr=SsrMode::Async />
                        <Route path=path!("/admin/licence-settings") view=pages::licence_settings::LicenceSettingsPage ssr=SsrMode::Async />
                        // licence card and public verification
                        <Route path=path!("/licence/card") view=pages::licence_card::LicenceCardPage ssr=SsrMode::Async />
                        <Route path=path!("/verify") view=pages::verify::VerifyPage ssr=SsrMode::Async />
                        <Route path=path!("/verify/:code") view=pages::verify::VerifyPage ssr=SsrMode::Async />
                        <Route path=path!("/improvements") view=pages::improvements::ImprovementsPage ssr=SsrMode::Async />
                        <Route path=path!("/improvements/:id") view=pages::improvement::ImprovementDetailPage ssr=SsrMode::Async />
                    </Routes>
                </main>
                <crate::components::layout::SiteFooter />
            </div>
        </Router>
    }
}
