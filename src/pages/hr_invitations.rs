//! `/hr/invitations`: the people who have not set a password yet (HR and admins) — invited and
//! waiting, invitation expired, or never invited — paged on the server, filtered by status and
//! text, each with a button that resends their invitation (at most once a day).

use crate::api::access::{ResendInvitation, list_invitations};
use crate::components::form::{ErrorSummary, SuccessNotice, action_error};
use crate::components::guard::RequireRole;
use crate::components::layout::PageHeader;
use crate::components::load::Loaded;
use crate::components::pager::{Pager, page_href};
use crate::components::table::ScrollTable;
use crate::domain::RoleSet;
use crate::domain::access::{InvitationRow, InvitationStatus};
use crate::i18n::use_i18n;
use crate::routes;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn InvitationsPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let params =
        move || query.with(|q| ["status", "q", "page"].map(|k| q.get(k).unwrap_or_default()));
    let data = Resource::new(params, |[status, q, page]| {
        list_invitations(status, q, page)
    });
    let resent = query.with_untracked(|q| q.get("resent").is_some());
    let action = ServerAction::<ResendInvitation>::new();
    let error = action_error(action);
    let resent = Signal::derive(move || resent && error.with(Option::is_none));
    view! {
        <RequireRole allowed=RoleSet::can_view_people_overview children=move |_| view! {
            <PageHeader title=i18n.t("invitations-title") lead=i18n.t("invitations-lead") />
            <SuccessNotice show=resent message=i18n.t("invitations-resent") />
            <ErrorSummary error />
            <Loaded resource=data children=move |list| {
                let [status, q, _] = params();
                let pairs = vec![("status", status.clone()), ("q", q.clone())];
                let previous = list.has_previous().then(|| page_href(routes::HR_INVITATIONS, &pairs, list.page - 1));
                let next = list.has_next().then(|| page_href(routes::HR_INVITATIONS, &pairs, list.page + 1));
                let (first, last) = list.shown();
                let (page, pages, total) = (list.page, list.pages(), list.total);
                view! {
                    <Filters status q />
                    <InvitationTable rows=list.items action />
                    <Pager previous next page pages first last total />
                }
            } />
        } />
    }
}

#[component]
fn Filters(status: String, q: String) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <form class="filters" method="get" action=routes::HR_INVITATIONS role="search" aria-label=i18n.t("filter-label")>
            <div class="field">
                <label class="field__label" for="inv-q">{i18n.t("filter-search")}</label>
                <input class="field__input" id="inv-q" type="search" name="q" value=q />
            </div>
            <div class="field">
                <label class="field__label" for="inv-status">{i18n.t("invitations-col-status")}</label>
                <select class="field__input" id="inv-status" name="status">
                    <option value="">{i18n.t("invitations-status-all")}</option>
                    {InvitationStatus::ALL.into_iter().map(|s| view! {
                        <option value=s.code() selected=s.code() == status>{i18n.t(s.label_key())}</option>
                    }).collect_view()}
                </select>
            </div>
            <button type="submit" class="btn btn--secondary">{i18n.t("filter-apply")}</button>
        </form>
    }
}

#[component]
fn InvitationTable(
    rows: Vec<InvitationRow>,
    action: ServerAction<ResendInvitation>,
) -> impl IntoView {
    let i18n = use_i18n();
    if rows.is_empty() {
        return view! { <p class="empty-state">{i18n.t("invitations-empty")}</p> }.into_any();
    }
    view! {
        <ScrollTable label=i18n.t("invitations-title")>
            <thead>
                <tr>
                    <th scope="col">{i18n.t("field-name")}</th>
                    <th scope="col">{i18n.t("invitations-col-status")}</th>
                    <th scope="col">{i18n.t("invitations-col-action")}</th>
                </tr>
            </thead>
            <tbody>
                {rows.into_iter().map(|r| {
                    let sent = match (r.sent_at, r.expires_at) {
                        (Some(sent), Some(until)) => Some(i18n.t_with(
                            "invitations-sent-until",
                            &[("sent", i18n.datetime(sent)), ("until", i18n.datetime(until))],
                        )),
                        _ => None,
                    };
                    let label = i18n.t_with("invitations-resend-label", &[("name", r.name.clone())]);
                    view! {
                        <tr>
                            <th scope="row">
                                {r.name.clone()}
                                <br />
                                <span class="table__muted">{r.email.clone()}</span>
                                {r.team_name.clone().map(|t| view! { <br /><span class="table__muted">{t}</span> })}
                            </th>
                            <td>
                                {i18n.t(r.status.label_key())}
                                {sent.map(|s| view! { <br /><span class="table__muted">{s}</span> })}
                            </td>
                            <td>
                                <ActionForm action attr:class="form form--inline">
                                    <input type="hidden" name="person_id" value=r.person_id.to_string() />
                                    <button class="btn btn--ghost btn--small" type="submit" aria-label=label>
                                        {i18n.t("invitations-resend")}
                                    </button>
                                </ActionForm>
                            </td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </ScrollTable>
    }
    .into_any()
}
