//! `/hr/audit`: the audit log for HR and admins — newest first, filtered by action, actor,
//! subject and date range, older pages by keyset, the current filter as CSV. Read only.

use crate::api::audit::audit_log;
use crate::components::guard::RequireRole;
use crate::components::layout::PageHeader;
use crate::components::load::Loaded;
use crate::components::pager::page_href;
use crate::components::table::ScrollTable;
use crate::domain::RoleSet;
use crate::domain::audit::{ACTIONS, AuditEntry, AuditFilter, action_key};
use crate::domain::audit_detail::detail_lines;
use crate::i18n::use_i18n;
use crate::routes;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn AuditPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let params = move || {
        query.with(|q| {
            ["action", "actor", "subject", "from", "to", "after"]
                .map(|k| q.get(k).unwrap_or_default())
        })
    };
    let data = Resource::new(params, |[action, actor, subject, from, to, after]| {
        audit_log(action, actor, subject, from, to, after)
    });
    view! {
        <RequireRole allowed=RoleSet::can_view_people_overview children=move |_| view! {
            <PageHeader title=i18n.t("audit-title") lead=i18n.t("audit-lead") />
            <Loaded resource=data children=move |page| {
                let [action, actor, subject, from, to, after] = params();
                let filter = AuditFilter::parse(&action, &actor, &subject, &from, &to);
                let pairs = filter.pairs();
                let newest = (!after.is_empty()).then(|| page_href(routes::HR_AUDIT, &pairs, 1));
                let older = page.next.map(|c| {
                    let mut with_cursor = pairs.clone();
                    with_cursor.push(("after", c.encode()));
                    page_href(routes::HR_AUDIT, &with_cursor, 1)
                });
                let export = page_href(routes::AUDIT_EXPORT, &pairs, 1);
                view! {
                    <AuditFilters filter />
                    <p class="export-links">
                        <a class="btn btn--ghost" href=export download="">{i18n.t("people-export-csv")}</a>
                    </p>
                    <AuditTable entries=page.entries />
                    <nav class="pager" aria-label=i18n.t("paging-label")>
                        <div class="pager__links">
                            {newest.map(|href| view! { <a class="btn btn--secondary" href=href>{i18n.t("audit-newest")}</a> })}
                            {older.map(|href| view! { <a class="btn btn--secondary" rel="next" href=href>{i18n.t("audit-older")}</a> })}
                        </div>
                    </nav>
                }
            } />
        } />
    }
}

#[component]
fn AuditFilters(filter: AuditFilter) -> impl IntoView {
    let i18n = use_i18n();
    let day = |d: Option<chrono::NaiveDate>| {
        d.map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default()
    };
    let selected = filter.action.clone().unwrap_or_default();
    view! {
        <form class="filters" method="get" role="search" aria-label=i18n.t("filter-label")>
            <div class="field">
                <label class="field__label" for="audit-action">{i18n.t("audit-col-action")}</label>
                <select class="field__input" id="audit-action" name="action">
                    <option value="">{i18n.t("audit-action-all")}</option>
                    {ACTIONS.into_iter().map(|a| view! {
                        <option value=a selected=a == selected>{i18n.t(&action_key(a))}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label class="field__label" for="audit-actor">{i18n.t("audit-col-actor")}</label>
                <input class="field__input" id="audit-actor" type="search" name="actor" value=filter.actor.clone() />
            </div>
            <div class="field">
                <label class="field__label" for="audit-subject">{i18n.t("audit-col-subject")}</label>
                <input class="field__input" id="audit-subject" type="search" name="subject" value=filter.subject.clone() />
            </div>
            <div class="field">
                <label class="field__label" for="audit-from">{i18n.t("audit-from")}</label>
                <input class="field__input" id="audit-from" type="date" name="from" value=day(filter.from) />
            </div>
            <div class="field">
                <label class="field__label" for="audit-to">{i18n.t("audit-to")}</label>
                <input class="field__input" id="audit-to" type="date" name="to" value=day(filter.to) />
            </div>
            <button type="submit" class="btn btn--secondary">{i18n.t("filter-apply")}</button>
        </form>
    }
}

#[component]
fn AuditTable(entries: Vec<AuditEntry>) -> impl IntoView {
    let i18n = use_i18n();
    if entries.is_empty() {
        return view! { <p class="empty-state">{i18n.t("audit-empty")}</p> }.into_any();
    }
    view! {
        <ScrollTable label=i18n.t("audit-caption")>
            <thead>
                <tr>
                    <th scope="col">{i18n.t("audit-col-when")}</th>
                    <th scope="col">{i18n.t("audit-col-action")}</th>
                    <th scope="col">{i18n.t("audit-col-actor")}</th>
                    <th scope="col">{i18n.t("audit-col-subject")}</th>
                    <th scope="col">{i18n.t("audit-col-detail")}</th>
                </tr>
            </thead>
            <tbody>
                {entries.into_iter().map(|e| {
                    let lines = detail_lines(&e.detail);
                    view! {
                        <tr>
                            <td>{i18n.datetime(e.created_at)}</td>
                            <th scope="row">{i18n.t(&action_key(&e.action))}</th>
                            <td>{e.actor_name.clone().unwrap_or_else(|| i18n.t("audit-system"))}</td>
                            <td>{e.subject_name.clone().unwrap_or_else(|| "—".to_owned())}</td>
                            <td>
                                <dl class="audit-detail">
                                    {lines.into_iter().map(|(label, value)| {
                                        let (t, day) = (|key: &str| i18n.t(key), |d| i18n.day(d));
                                        view! { <dt>{label.render(&t, &day)}</dt><dd>{value.render(&t, &day)}</dd> }
                                    }).collect_view()}
                                </dl>
                            </td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </ScrollTable>
    }
    .into_any()
}
