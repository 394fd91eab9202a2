//! The reading page of a presentation (`/presentations/:id`): its slides as one document, then the
//! frictions colleagues recognise and the comments. Access is decided by the server functions.

use crate::api::presentation::load_presentation;
use crate::api::presentation::social::load_social;
use crate::components::comments::Comments;
use crate::components::guard::{RequireRole, any_role};
use crate::components::layout::PageHeader;
use crate::components::load::Loaded;
use crate::components::recognition::Recognitions;
use crate::components::slides::SlideDeck;
use crate::domain::walkthrough::FrictionKind;
use crate::i18n::use_i18n;
use crate::pages::id_param;
use crate::routes;
use leptos::prelude::*;

/// `/presentations/:id`
#[component]
pub fn PresentationPage() -> impl IntoView {
    let id = id_param("id");
    let data = Resource::new(
        move || id.get(),
        |id| async move {
            let Some(id) = id else {
                return Err(crate::error::AppError::NotFound);
            };
            Ok((load_presentation(id).await?, load_social(id).await?))
        },
    );
    let i18n = use_i18n();
    view! {
        <RequireRole allowed=any_role children=move |_| view! {
            <Loaded resource=data back=routes::LIBRARY.to_owned() children=move |(page, social)| {
                let detail = page.detail.clone();
                let frictions: Vec<_> = detail
                    .included_findings()
                    .into_iter()
                    .filter(|f| f.kind == FrictionKind::Friction)
                    .cloned()
                    .collect();
                let lead = i18n.t_with(
                    "library-reading-lead",
                    &[
                        ("author", detail.author_name.clone()),
                        ("journey", detail.walk.journey_title.clone()),
                    ],
                );
                let draft = social.draft.get("body").cloned().unwrap_or_default();
                view! {
                    <PageHeader title=detail.title.clone() lead=lead>
                        <p class="reading__status"><span class="badge">{i18n.t(detail.status.label_key())}</span>
                            {detail.presented_at.map(|at| view! { " " {i18n.t_with("library-presented-on", &[("date", i18n.date(at))])} })}
                        </p>
                        {detail.access.can_edit().then(|| view! {
                            <a class="btn btn--secondary" href=routes::presentation_edit(detail.id)>{i18n.t("library-edit")}</a>
                        })}
                    </PageHeader>
                    <div class="reading deck deck--document">
                        <SlideDeck page=page.clone() />
                    </div>
                    <Recognitions presentation_id=detail.id viewer_id=social.viewer_id may_recognise=social.may_recognise
                        frictions recognitions=social.recognitions.clone() />
                    <Comments presentation_id=detail.id viewer_id=social.viewer_id comments=social.comments.clone() draft />
                    <p><a href=routes::LIBRARY>{i18n.t("library-back")}</a></p>
                }
            } />
        } />
    }
}
