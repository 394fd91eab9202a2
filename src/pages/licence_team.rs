//! `/licence/team`: a reviewer's direct reports — who waits for sign-off (one click from here),
//! and everyone's status, last valid day and progress towards renewal.

use crate::api::licence::{TeamMember, TeamPage as Data, load_team_licences};
use crate::components::form::SuccessNotice;
use crate::components::guard::RequireRole;
use crate::components::layout::PageHeader;
use crate::components::licence_decisions::SignOffForm;
use crate::components::licence_status::StatusBadge;
use crate::components::load::Loaded;
use crate::components::table::ScrollTable;
use crate::domain::RoleSet;
use crate::domain::licence::LicenceStatus;
use crate::i18n::use_i18n;
use crate::routes;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

fn reviewer(roles: &RoleSet) -> bool {
    roles.can_review()
}

/// `/licence/team`
#[component]
pub fn TeamLicencesPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| load_team_licences());
    let i18n = use_i18n();
    view! {
        <RequireRole allowed=reviewer children=move |_| view! {
            <PageHeader title=i18n.t("licence-team-title") lead=i18n.t("licence-team-lead") />
            <Loaded resource=data children=move |page| view! { <Team page /> } />
        } />
    }
}

/// Ready for sign-off now: a completed walkthrough with a confirmed presentation, and the
/// window open (or no valid licence).
fn waiting(m: &TeamMember) -> bool {
    m.progress.ready_for_sign_off() && m.standing.status != LicenceStatus::Valid
}

#[component]
fn Team(page: Data) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let notice = query.with_untracked(|q| {
        ["signed", "sent-back"]
            .into_iter()
            .find(|n| q.get(n).is_some())
    });
    let ready: Vec<TeamMember> = page
        .members
        .iter()
        .filter(|m| waiting(m))
        .cloned()
        .collect();
    let back = routes::TEAM_LICENCES.to_owned();
    view! {
        {notice.map(|n| view! { <SuccessNotice show=true message=i18n.t(&format!("licence-notice-{n}")) /> })}
        <section class="card card--warning" aria-labelledby="team-waiting-heading">
            <h2 class="card__title" id="team-waiting-heading">{i18n.t("licence-team-waiting")}</h2>
            {ready.is_empty().then(|| view! { <p>{i18n.t("licence-team-waiting-none")}</p> })}
            <ul class="team-waiting">
                {ready.into_iter().map(|m| {
                    let back = back.clone();
                    view! {
                        <li class="team-waiting__item">
                            <p class="team-waiting__name"><a href=routes::person_licence(m.person_id)>{m.name.clone()}</a></p>
                            <div class="team-waiting__actions">
                                <SignOffForm person_id=m.person_id name=m.name.clone() back />
                                <a class="btn btn--ghost" href=routes::at(&routes::person_licence(m.person_id), "send-back")>
                                    {i18n.t("licence-team-send-back")}
                                </a>
                            </div>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
        <section class="card" aria-labelledby="team-all-heading">
            <h2 class="card__title" id="team-all-heading">{i18n.t("licence-team-all")}</h2>
            {page.members.is_empty().then(|| view! { <p>{i18n.t("licence-team-empty")}</p> })}
            <ScrollTable label=i18n.t("licence-team-table") caption=i18n.t("licence-team-all") class="team-licences">
                <thead><tr>
                    <th scope="col">{i18n.t("licence-col-name")}</th>
                    <th scope="col">{i18n.t("licence-col-status")}</th>
                    <th scope="col">{i18n.t("licence-col-through")}</th>
                    <th scope="col">{i18n.t("licence-col-progress")}</th>
                </tr></thead>
                <tbody>
                    {page.members.into_iter().map(|m| {
                        let (done, total) = m.progress.steps_done();
                        let progress = i18n.t_with("licence-team-progress", &[("done", done.to_string()), ("total", total.to_string())]);
                        view! {
                            <tr>
                                <th scope="row"><a href=routes::person_licence(m.person_id)>{m.name}</a></th>
                                <td><StatusBadge status=m.standing.status /></td>
                                <td>{m.standing.valid_through.map(|d| i18n.day(d)).unwrap_or_else(|| "—".to_owned())}</td>
                                <td>{progress}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </ScrollTable>
        </section>
    }
}
