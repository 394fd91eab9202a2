//! The start page after sign-in: who you are, what the licence is about, and where your role can go.

use crate::api::people::my_profile;
use crate::components::guard::{RequireRole, any_role};
use crate::components::layout::PageHeader;
use crate::components::load::Loaded;
use crate::components::people_table::RoleBadges;
use crate::i18n::use_i18n;
use leptos::prelude::*;

#[component]
pub fn HomePage() -> impl IntoView {
    view! { <RequireRole allowed=any_role children=|user| view! { <Home name=user.name.clone() /> } /> }
}

#[component]
fn Home(name: String) -> impl IntoView {
    let i18n = use_i18n();
    let profile = Resource::new(|| (), |_| my_profile());
    view! {
        <PageHeader title=i18n.t_with("home-welcome", &[("name", name)]) lead=i18n.t("home-lead") />
        <div class="stack">
            <section class="card welcome" aria-labelledby="licence-steps">
                <h2 class="card__title" id="licence-steps">{i18n.t("home-steps-title")}</h2>
                <ol class="steps">
                    <li>{i18n.t("home-step-walk")}</li>
                    <li>{i18n.t("home-step-record")}</li>
                    <li>{i18n.t("home-step-present")}</li>
                    <li>{i18n.t("home-step-renew")}</li>
                </ol>
            </section>
            <Loaded resource=profile children=move |p| view! {
                            <section class="card" aria-labelledby="profile-heading">
                                <h2 class="card__title" id="profile-heading">{i18n.t("home-profile-title")}</h2>
                                <dl class="meta-list">
                                    <div><dt>{i18n.t("field-employee-number")}</dt><dd>{p.employee_number.clone()}</dd></div>
                                    <div><dt>{i18n.t("field-team")}</dt><dd>{p.team_name.clone().unwrap_or_else(|| "—".into())}</dd></div>
                                    <div><dt>{i18n.t("field-department")}</dt><dd>{p.department_name.clone().unwrap_or_else(|| "—".into())}</dd></div>
                                    <div><dt>{i18n.t("field-manager")}</dt><dd>{p.manager_name.clone().unwrap_or_else(|| "—".into())}</dd></div>
                                    <div><dt>{i18n.t("field-roles")}</dt><dd><RoleBadges roles=p.roles.iter().collect() /></dd></div>
                                </dl>
                            </section>
                            <RoleCards roles=p.roles.clone() />
            } />
        </div>
    }
}

#[component]
fn RoleCards(roles: crate::domain::RoleSet) -> impl IntoView {
    let i18n = use_i18n();
    let mut cards = Vec::new();
    if roles.can_walk() {
        cards.push(("/walk", i18n.t("nav-walk"), i18n.t("home-card-walk")));
    }
    if roles.has_any(&[crate::domain::Role::Reviewer, crate::domain::Role::Hr]) {
        cards.push((
            "/walkthroughs",
            i18n.t("nav-walkthroughs"),
            i18n.t("home-card-walkthroughs"),
        ));
    }
    if roles.can_curate_journeys() {
        cards.push((
            "/journeys",
            i18n.t("nav-journeys"),
            i18n.t("home-card-journeys"),
        ));
    }
    if roles.can_view_people_overview() {
        cards.push((
            "/hr/people",
            i18n.t("nav-people-overview"),
            i18n.t("home-card-people-overview"),
        ));
    }
    if roles.can_admin_people() {
        cards.push((
            "/admin/people",
            i18n.t("nav-admin-people"),
            i18n.t("home-card-admin-people"),
        ));
        cards.push((
            "/admin/organisation",
            i18n.t("nav-organisation"),
            i18n.t("home-card-organisation"),
        ));
    }
    cards.push((
        "/account",
        i18n.t("nav-account"),
        i18n.t("home-card-account"),
    ));
    view! {
        <section aria-labelledby="shortcuts-heading">
            <h2 id="shortcuts-heading">{i18n.t("home-shortcuts")}</h2>
            <ul class="card-grid role-cards">
                {cards.into_iter().map(|(href, title, text)| view! {
                    <li class="card">
                        <h3 class="card__title"><a href=href>{title}</a></h3>
                        <p>{text}</p>
                    </li>
                }).collect_view()}
            </ul>
        </section>
    }
}
