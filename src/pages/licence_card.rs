//! `/licence/card`: the signed-in person's licence card, ready to show or print on one A4 page.
//! `?period=<id>` opens another of their cards; `?person=<id>` someone else's (HR and admins
//! anyone's, a manager their direct reports'; the server function decides). Without a licence:
//! a short note linking to `/licence`.

use crate::api::licence::card::{CardPage, load_licence_card};
use crate::components::guard::{RequireRole, any_role};
use crate::components::layout::PageHeader;
use crate::components::licence_card::LicenceCardView;
use crate::components::load::Loaded;
use crate::error::AppError;
use crate::i18n::use_i18n;
use crate::routes;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// Shows the print button (hidden without JavaScript, where the browser's own print is the way).
const PRINT_SCRIPT: &str = "(()=>{const b=document.getElementById('card-print');if(b){b.hidden=false;b.addEventListener('click',()=>window.print());}})();";

/// `/licence/card`
#[component]
pub fn LicenceCardPage() -> impl IntoView {
    let query = use_query_map();
    let data = Resource::new(
        move || query.with(|q| (q.get("person"), q.get("period"))),
        |(person, period)| async move {
            // A present but unreadable id names no card.
            let parse = |raw: Option<String>| match raw {
                None => Ok(None),
                Some(raw) => raw.parse::<i64>().map(Some).map_err(|_| AppError::NotFound),
            };
            load_licence_card(parse(person)?, parse(period)?).await
        },
    );
    view! {
        <RequireRole allowed=any_role children=move |_| view! {
            <Loaded resource=data children=move |page| view! { <CardScreen page /> } />
        } />
    }
}

#[component]
fn CardScreen(page: CardPage) -> impl IntoView {
    let i18n = use_i18n();
    let title = if page.own {
        i18n.t("card-title")
    } else {
        i18n.t_with("card-title-other", &[("name", page.holder_name.clone())])
    };
    let person = (!page.own).then_some(page.holder_id);
    let Some(card) = page.card.clone() else {
        let text = if page.own {
            i18n.t("card-empty-text")
        } else {
            i18n.t_with("card-empty-other", &[("name", page.holder_name.clone())])
        };
        return view! {
            <PageHeader title=title />
            <section class="empty-state licence-card-empty">
                <h2>{i18n.t("card-empty-title")}</h2>
                <p>{text}</p>
                {page.own.then(|| view! {
                    <p><a class="btn btn--primary" href=routes::MY_LICENCE>{i18n.t("card-empty-link")}</a></p>
                })}
            </section>
        }
        .into_any();
    };
    let periods = (page.periods.len() > 1).then(|| {
        let items = page
            .periods
            .iter()
            .map(|p| {
                let label = i18n.t_with(
                    "card-period",
                    &[
                        ("from", i18n.day(p.valid_from)),
                        ("through", i18n.day(p.valid_through)),
                    ],
                );
                let status = i18n.t(p.status.label_key());
                if p.shown {
                    view! {
                        <li aria-current="page">
                            <strong>{label}</strong>" · "{status}" · "{i18n.t("card-shown")}
                        </li>
                    }
                    .into_any()
                } else {
                    view! {
                        <li><a href=routes::licence_card(person, Some(p.id))>{label}</a>" · "{status}</li>
                    }
                    .into_any()
                }
            })
            .collect_view();
        view! {
            <nav class="licence-card-periods" aria-labelledby="card-periods-title">
                <h2 id="card-periods-title">{i18n.t("card-periods")}</h2>
                <ul>{items}</ul>
            </nav>
        }
    });
    view! {
        <div class="licence-card-page">
            <PageHeader title=title lead=i18n.t("card-lead")>
                <button type="button" id="card-print" class="btn btn--primary" hidden>{i18n.t("card-print")}</button>
            </PageHeader>
            <script nonce=leptos::nonce::use_nonce() inner_html=PRINT_SCRIPT></script>
            <LicenceCardView card holder_name=page.holder_name.clone() />
            <div class="licence-card-page__extra">
                <p class="licence-card-page__hint">{i18n.t("card-print-hint")}</p>
                {periods}
                {page.own.then(|| view! { <p><a href=routes::MY_LICENCE>{i18n.t("card-back")}</a></p> })}
            </div>
        </div>
    }
    .into_any()
}
