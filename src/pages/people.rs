//! People lists: the HR overview (read-only) and the admin list (with links to edit). Both are
//! paged on the server (at most `paging::PAGE_SIZE` rows) and filtered by search text,
//! department, team and status; HR and admins can export the current filter as CSV.

use crate::api::org::org_overview;
use crate::api::people::list_people;
use crate::components::guard::RequireRole;
use crate::components::layout::PageHeader;
use crate::components::load::Loaded;
use crate::components::pager::{Pager, page_href};
use crate::components::people_table::{PeopleFilters, PeopleTable};
use crate::domain::RoleSet;
use crate::i18n::use_i18n;
use crate::routes;
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

/// The list's GET form fields, as read from the URL.
#[derive(Debug, Clone, PartialEq)]
struct Params {
    q: String,
    team: String,
    department: String,
    status: String,
    page: String,
}

impl Params {
    /// The filter fields (without the page), for links to other pages and the export.
    fn pairs(&self) -> Vec<(&'static str, String)> {
        vec![
            ("q", self.q.clone()),
            ("department", self.department.clone()),
            ("team", self.team.clone()),
            ("status", self.status.clone()),
        ]
    }
}

#[component]
fn PeopleList(editable: bool) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let params = move || {
        query.with(|q| Params {
            q: q.get("q").unwrap_or_default(),
            team: q.get("team").unwrap_or_default(),
            department: q.get("department").unwrap_or_default(),
            status: q.get("status").unwrap_or_default(),
            page: q.get("page").unwrap_or_default(),
        })
    };
    // The filter's choices come with the list; without them the filter still works.
    let data = Resource::new(params, |p| async move {
        let people = list_people(p.q, p.team, p.status, p.department, p.page).await?;
        let departments = org_overview().await.unwrap_or_default();
        Ok((people, departments))
    });
    let (title, lead) = if editable {
        (i18n.t("admin-people-title"), i18n.t("admin-people-lead"))
    } else {
        (
            i18n.t("people-overview-title"),
            i18n.t("people-overview-lead"),
        )
    };
    let path = if editable {
        routes::ADMIN_PEOPLE
    } else {
        routes::PEOPLE_OVERVIEW
    };

    view! {
        <PageHeader title lead>
            {editable.then(|| view! { <a class="btn btn--primary" href=routes::person_new()>{i18n.t("admin-people-new")}</a> })}
            <a class="btn btn--secondary" href=routes::HR_INVITATIONS>{i18n.t("invitations-link")}</a>
        </PageHeader>
        <Loaded resource=data children=move |(list, departments)| {
            let p = params();
            let pairs = p.pairs();
            let previous = list.has_previous().then(|| page_href(path, &pairs, list.page - 1));
            let next = list.has_next().then(|| page_href(path, &pairs, list.page + 1));
            let (first, last) = list.shown();
            let (page, pages, total) = (list.page, list.pages(), list.total);
            let export = page_href(routes::PEOPLE_EXPORT, &pairs, 1);
            let export_comma = routes::with_query(&export, "sep", "comma");
            view! {
                <PeopleFilters query=p.q team=p.team department=p.department status=p.status departments />
                <p class="export-links">
                    <a class="btn btn--ghost" href=export download="">{i18n.t("people-export-csv")}</a>
                    " "
                    <a class="btn btn--ghost" href=export_comma download="">{i18n.t("people-export-csv-comma")}</a>
                </p>
                <PeopleTable people=list.items editable total />
                <Pager previous next page pages first last total />
            }
        } />
    }
}
