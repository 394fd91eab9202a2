//! The licence card as it is shown and printed: holder, valid through (inclusive), journey,
//! who signed off, issue date, the verification code and its QR code (SVG drawn on the server).
//! A card that does not hold today says so in a banner and loses its colour.

use crate::api::licence::card::{CardStatus, LicenceCard};
use crate::i18n::use_i18n;
use leptos::prelude::*;

#[component]
pub fn LicenceCardView(card: LicenceCard, holder_name: String) -> impl IntoView {
    let i18n = use_i18n();
    let status = card.status;
    let banner = match status {
        CardStatus::Valid => None,
        CardStatus::Expired => Some(i18n.t_with(
            "card-banner-expired",
            &[("date", i18n.day(card.valid_through))],
        )),
        CardStatus::Revoked => Some(i18n.t("card-banner-revoked")),
        CardStatus::NotYetValid => Some(i18n.t_with(
            "card-banner-not-yet-valid",
            &[("date", i18n.day(card.valid_from))],
        )),
    };
    let (journey, issued_by_key) = match card.journey_title.clone() {
        Some(title) => (title, "card-issued-by"),
        None => (i18n.t("card-manual"), "card-certified-by"),
    };
    view! {
        <article class=format!("licence-card licence-card--{}", status.code()) aria-labelledby="licence-card-title">
            {banner.map(|text| view! {
                <p class="licence-card__banner" role="note">
                    <strong>{i18n.t(status.label_key())}</strong>": "{text}
                </p>
            })}
            <header class="licence-card__top">
                <svg class="licence-card__mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
                    <rect x="2" y="6" width="28" height="20" rx="4" fill="none" stroke="currentColor" stroke-width="2" />
                    <circle cx="11" cy="15" r="3.5" fill="currentColor" />
                    <path d="M6 23c1-3 3-4.5 5-4.5s4 1.5 5 4.5" fill="currentColor" />
                    <path d="M19 13h8M19 17h6M19 21h4" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
                </svg>
                <h2 class="licence-card__kind" id="licence-card-title">{i18n.t("card-heading")}</h2>
                <span class="licence-card__status">{i18n.t(status.label_key())}</span>
            </header>
            <div class="licence-card__body">
                <div class="licence-card__main">
                    <p class="licence-card__label">{i18n.t("card-holder")}</p>
                    <p class="licence-card__name">{holder_name}</p>
                    <dl class="licence-card__facts">
                        <div class="licence-card__fact licence-card__fact--through">
                            <dt>{i18n.t("card-valid-through")}</dt>
                            <dd>
                                <span class="licence-card__date">{i18n.day(card.valid_through)}</span>
                                <span class="licence-card__note">{i18n.t("card-valid-through-note")}</span>
                            </dd>
                        </div>
                        <div class="licence-card__fact">
                            <dt>{i18n.t("card-valid-from")}</dt>
                            <dd>{i18n.day(card.valid_from)}</dd>
                        </div>
                        <div class="licence-card__fact">
                            <dt>{i18n.t("card-journey")}</dt>
                            <dd>{journey}</dd>
                        </div>
                        <div class="licence-card__fact">
                            <dt>{i18n.t(issued_by_key)}</dt>
                            <dd>{card.issued_by.clone()}</dd>
                        </div>
                        <div class="licence-card__fact">
                            <dt>{i18n.t("card-issued-on")}</dt>
                            <dd>{i18n.day(card.issued_on)}</dd>
                        </div>
                    </dl>
                </div>
                <div class="licence-card__verify">
                    <div class="licence-card__qr" role="img" aria-label=i18n.t("card-qr-label") inner_html=card.qr_svg.clone()></div>
                    <p class="licence-card__label">{i18n.t("card-code")}</p>
                    <p class="licence-card__code"><code>{card.code.clone()}</code></p>
                </div>
            </div>
            <p class="licence-card__foot">
                {i18n.t("card-verify-at")}" "
                <span class="licence-card__url">{card.verify_url.clone()}</span>
            </p>
        </article>
    }
}
