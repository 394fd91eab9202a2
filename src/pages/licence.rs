//! `/licence` (the signed-in person's own licence) and `/licence/people/:id` (a report's licence
//! for their manager, anyone's for HR and admins): where they stand, what is still needed for
//! renewal, the decisions the viewer may take, and the history of periods and decisions.

use crate::api::licence::{
    DecisionRecord, LicencePage as Data, PeriodRecord, load_my_licence, load_person_licence,
};
use crate::components::form::SuccessNotice;
use crate::components::guard::{RequireRole, any_role};
use crate::components::layout::PageHeader;
use crate::components::licence_decisions::{CertifyForm, RevokeForm, SendBackForm, SignOffForm};
use crate::components::licence_status::{Checklist, Reader, StandingPanel};
use crate::components::table::ScrollTable;
use crate::domain::licence::LicenceStatus;
use crate::error::AppError;
use crate::i18n::use_i18n;
use crate::pages::id_param;
use crate::routes;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// `/licence`
#[component]
pub fn MyLicencePage() -> impl IntoView {
    let data = Resource::new(|| (), |_| load_my_licence());
    view! {
        <RequireRole allowed=any_role children=move |_| view! {
            <crate::components::load::Loaded resource=data children=move |page| view! { <LicenceScreen page own=true /> } />
        } />
    }
}

/// `/licence/people/:id`
#[component]
pub fn PersonLicencePage() -> impl IntoView {
    let id = id_param("id");
    let data = Resource::new(
        move || id.get(),
        |id| async move {
            match id {
                Some(id) => load_person_licence(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <RequireRole allowed=any_role children=move |_| view! {
            <crate::components::load::Loaded resource=data children=move |page| view! { <LicenceScreen page own=false /> } />
        } />
    }
}

#[component]
fn LicenceScreen(page: Data, own: bool) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let notice = query.with_untracked(|q| {
        ["signed", "sent-back", "certified", "revoked"]
            .into_iter()
            .find(|n| q.get(n).is_some())
    });
    let title = if own {
        i18n.t("licence-my-title")
    } else {
        i18n.t_with("licence-person-title", &[("name", page.name.clone())])
    };
    let back = if own {
        routes::MY_LICENCE.to_owned()
    } else {
        routes::person_licence(page.person_id)
    };
    let reader = if own {
        Reader::Holder
    } else if page.can_sign_off {
        Reader::Manager
    } else {
        Reader::Hr
    };
    let has_licence = !page.periods.is_empty();
    let ready = page.progress.ready_for_sign_off() && page.standing.status != LicenceStatus::Valid;
    let revocable = page.periods.first().is_some_and(|p| !p.revoked);
    let reviewer = page.reviewer_name.clone();
    let lead_key = if own {
        "licence-lead-reviewer"
    } else {
        "licence-lead-manager"
    };
    let lead = reviewer
        .as_ref()
        .map(|name| i18n.t_with(lead_key, &[("name", name.clone())]));
    view! {
        <PageHeader title lead=lead.unwrap_or_default() />
        {notice.map(|n| view! { <SuccessNotice show=true message=i18n.t(&format!("licence-notice-{n}")) /> })}
        <div class="licence-layout">
            <StandingPanel standing=page.standing reader name=page.name.clone()>
                {(own && has_licence).then(|| view! {
                    <p><a class="btn btn--secondary" href=routes::LICENCE_CARD>{i18n.t("licence-card-link")}</a></p>
                })}
            </StandingPanel>
            <Checklist progress=page.progress.clone() standing=page.standing reviewer_name=reviewer reader name=page.name.clone() />
            {page.can_sign_off.then(|| {
                let name = page.name.clone();
                view! {
                    <section class="card" aria-labelledby="decide-heading">
                        <h2 class="card__title" id="decide-heading">{i18n.t("licence-decide-heading")}</h2>
                        {if ready {
                            view! { <SignOffForm person_id=page.person_id name=name.clone() back=back.clone() /> }.into_any()
                        } else {
                            let key = if page.standing.status == LicenceStatus::NeverCertified {
                                "licence-decide-not-ready-first"
                            } else {
                                "licence-decide-not-ready"
                            };
                            view! { <p>{i18n.t(key)}</p> }.into_any()
                        }}
                        <SendBackForm person_id=page.person_id name back=back.clone() comment=page.drafts.send_back_comment.clone() />
                    </section>
                }
            })}
            {page.can_manage.then(|| view! {
                <CertifyForm person_id=page.person_id back=back.clone() valid_from=page.drafts.certify_from.clone()
                    reason=page.drafts.certify_reason.clone() />
                {revocable.then(|| view! { <RevokeForm person_id=page.person_id back=back.clone() reason=page.drafts.revoke_reason.clone() /> })}
            })}
            <Periods periods=page.periods />
            <Decisions decisions=page.decisions />
        </div>
    }
}

#[component]
fn Periods(periods: Vec<PeriodRecord>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="card" aria-labelledby="licence-periods-heading">
            <h2 class="card__title" id="licence-periods-heading">{i18n.t("licence-periods-heading")}</h2>
            {if periods.is_empty() {
                view! { <p>{i18n.t("licence-periods-empty")}</p> }.into_any()
            } else {
                view! {
                    <ScrollTable label=i18n.t("licence-periods-table") caption=i18n.t("licence-periods-heading") class="licence-periods">
                        <thead><tr>
                            <th scope="col">{i18n.t("licence-col-from")}</th>
                            <th scope="col">{i18n.t("licence-col-through")}</th>
                            <th scope="col">{i18n.t("licence-col-how")}</th>
                            <th scope="col">{i18n.t("licence-col-by")}</th>
                        </tr></thead>
                        <tbody>
                            {periods.into_iter().map(|p| {
                                let how = match (&p.journey_title, p.source.as_str()) {
                                    (Some(journey), _) => journey.clone(),
                                    (None, _) => i18n.t("licence-source-manual"),
                                };
                                view! {
                                    <tr>
                                        <td>{i18n.day(p.valid_from)}</td>
                                        <td>
                                            {i18n.day(p.valid_through)}
                                            {p.revoked.then(|| view! { " " <span class="licence-badge licence-badge--revoked">{i18n.t("licence-status-revoked")}</span> })}
                                        </td>
                                        <td>{how}</td>
                                        <td>{p.issued_by_name}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </ScrollTable>
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn Decisions(decisions: Vec<DecisionRecord>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="card" aria-labelledby="licence-decisions-heading">
            <h2 class="card__title" id="licence-decisions-heading">{i18n.t("licence-decisions-heading")}</h2>
            {decisions.is_empty().then(|| view! { <p>{i18n.t("licence-decisions-empty")}</p> })}
            <ol class="licence-decisions">
                {decisions.into_iter().map(|d| {
                    let line = i18n.t_with(d.label_key(), &[("name", d.decided_by_name.clone())]);
                    view! {
                        <li class="licence-decision" data-decision=d.decision.clone()>
                            <p class="licence-decision__line">
                                {line} " · " <time datetime=d.created_at.to_rfc3339()>{i18n.datetime(d.created_at)}</time>
                            </p>
                            {(!d.comment.is_empty()).then(|| view! { <blockquote class="licence-decision__comment">{d.comment}</blockquote> })}
                        </li>
                    }
                }).collect_view()}
            </ol>
        </section>
    }
}
