//! People lists: the HR overview (read-only) and the admin list (with links to edit).

use crate::api::org::org_overview;
use crate::api::people::list_people;
use crate::components::guard::RequireRole;
use crate::components::layout::PageHeader;
use crate::components::load::Loaded;
use crate::components::people_table::{PeopleFilters, PeopleTable};
use crate::domain::RoleSet;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn HrPeoplePage() -> impl IntoView {
    view! { <RequireRole allowed=RoleSet::can_view_people_overview children=|_| view! { <PeopleList editable=false /> } /> }
}

#[component]
pub fn AdminPeoplePage() -> impl IntoView {
    view! { <RequireRole allowed=RoleSet::can_admin_people children=|_| view! { <PeopleList editable=true /> } /> }
}

#[component]
fn PeopleList(editable: bool) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let params = move || {
        query.with(|q| {
            (
                q.get("q").unwrap_or_default(),
                q.get("team").unwrap_or_default(),
                q.get("status").unwrap_or_default(),
            )
        })
    };
    // The team filter's choices come with the list; without them the filter still works.
    let data = Resource::new(params, |(q, team, status)| async move {
        let people = list_people(q, team, status).await?;
        let teams: Vec<_> = org_overview()
            .await
            .map(|deps| deps.into_iter().flat_map(|d| d.teams).collect())
            .unwrap_or_default();
        Ok((people, teams))
    });
    let (title, lead) = if editable {
        (i18n.t("admin-people-title"), i18n.t("admin-people-lead"))
    } else {
        (
            i18n.t("people-overview-title"),
            i18n.t("people-overview-lead"),
        )
    };

    view! {
        <PageHeader title lead>
            {editable.then(|| view! { <a class="btn btn--primary" href=crate::routes::person_new()>{i18n.t("admin-people-new")}</a> })}
        </PageHeader>
        <Loaded resource=data children=move |(list, teams)| {
            let (q, team, status) = params();
            view! {
                <PeopleFilters query=q team status teams />
                <PeopleTable people=list editable />
            }
        } />
    }
}
