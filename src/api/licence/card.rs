//! The licence card (`/licence/card`) and the public verification (`/verify/<code>`).
//!
//! A card is one licence period of one person: its holder sees their own (the one valid today,
//! else the latest; `period` picks an earlier one), HR and admins anyone's, a manager their
//! direct reports' (the licence pages' rule, `licence::ssr::may_read`). Everyone else is
//! refused before anything about the person's licence is read.
//!
//! Verification needs no sign-in and says only the holder's name and whether the licence holds
//! today (valid through, expired since, revoked). Unknown and malformed codes get the same
//! answer (404), and every lookup counts against the client address's limit
//! (`VERIFY_PER_MINUTE`, `VERIFY_BURST`; over it 429 with `Retry-After`).

use crate::error::AppError;
use chrono::NaiveDate;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Where one card's period stands today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CardStatus {
    Valid,
    /// Renewed early: this period starts after today.
    NotYetValid,
    Expired,
    Revoked,
}

impl CardStatus {
    pub fn of(
        valid_from: NaiveDate,
        valid_through: NaiveDate,
        revoked: bool,
        today: NaiveDate,
    ) -> Self {
        if revoked {
            CardStatus::Revoked
        } else if today > valid_through {
            CardStatus::Expired
        } else if today < valid_from {
            CardStatus::NotYetValid
        } else {
            CardStatus::Valid
        }
    }

    pub fn label_key(self) -> &'static str {
        match self {
            CardStatus::Valid => "card-status-valid",
            CardStatus::NotYetValid => "card-status-not-yet-valid",
            CardStatus::Expired => "card-status-expired",
            CardStatus::Revoked => "card-status-revoked",
        }
    }

    /// Stable class suffix for the status colour.
    pub fn code(self) -> &'static str {
        match self {
            CardStatus::Valid => "valid",
            CardStatus::NotYetValid => "upcoming",
            CardStatus::Expired => "expired",
            CardStatus::Revoked => "revoked",
        }
    }
}

/// One card: what is printed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LicenceCard {
    pub period_id: i64,
    pub valid_from: NaiveDate,
    /// Inclusive: the last day the licence counts.
    pub valid_through: NaiveDate,
    pub issued_on: NaiveDate,
    /// The journey walked; None for a manual certification.
    pub journey_title: Option<String>,
    /// The reviewer who signed off, or HR who certified.
    pub issued_by: String,
    /// The verification code as printed (groups of four).
    pub code: String,
    /// `<PUBLIC_URL>/verify/<code>`, what the QR code holds.
    pub verify_url: String,
    /// The QR code as inline SVG, drawn on the server.
    pub qr_svg: String,
    pub status: CardStatus,
}

/// Another period of the same person, to open its card.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PeriodLink {
    pub id: i64,
    pub valid_from: NaiveDate,
    pub valid_through: NaiveDate,
    pub status: CardStatus,
    /// The card shown now.
    pub shown: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CardPage {
    pub holder_id: i64,
    pub holder_name: String,
    /// The signed-in person's own card.
    pub own: bool,
    /// None: no licence yet.
    pub card: Option<LicenceCard>,
    /// Every period, newest first.
    pub periods: Vec<PeriodLink>,
}

/// The card of `person` (default: the signed-in person), period `period` (default: the latest if
/// it was revoked, else the one valid today, else the latest).
#[server(endpoint = "licence/card")]
pub async fn load_licence_card(
    person: Option<i64>,
    period: Option<i64>,
) -> Result<CardPage, AppError> {
    let host = ssr::request_host();
    crate::api::ssr::serve(async move |ctx| {
        let user = ctx.require(crate::domain::role::any_role).await?;
        let (holder_id, holder_name) = ssr::holder(ctx, &user, person).await?;
        let base = ssr::public_base(&ctx.state.config, host.as_deref());
        ssr::card_page(
            ctx,
            holder_id,
            holder_name,
            holder_id == user.id,
            period,
            &base,
        )
        .await
    })
    .await
}

/// What the public verification page says about a code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Verdict {
    /// Valid today, through `valid_through` (inclusive).
    Valid {
        valid_through: NaiveDate,
    },
    /// Not valid since `since` (the day after the last valid day; grace is not validity).
    Expired {
        since: NaiveDate,
    },
    Revoked,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerifyAnswer {
    pub name: String,
    pub verdict: Verdict,
    pub checked_on: NaiveDate,
}

impl Verdict {
    /// The verdict for a card: revoked when this card's period was revoked or the holder's
    /// latest period is; otherwise where the holder stands today (a renewed licence keeps an older
    /// card's holder valid, the renewed period's last day is the one that counts).
    pub fn of(
        card_revoked: bool,
        card_valid_through: NaiveDate,
        standing: &crate::domain::licence::Standing,
    ) -> Verdict {
        use crate::domain::licence::LicenceStatus;
        if card_revoked || standing.status == LicenceStatus::Revoked {
            return Verdict::Revoked;
        }
        let last = standing.valid_through.unwrap_or(card_valid_through);
        if standing.status.is_valid_today() {
            Verdict::Valid {
                valid_through: last,
            }
        } else {
            Verdict::Expired {
                since: last.succ_opt().unwrap_or(last),
            }
        }
    }
}

/// Looks a typed code up. No sign-in. Answers 404 for unknown and malformed codes alike, 429
/// with `Retry-After` when this address looked up too many.
#[server(endpoint = "verify")]
pub async fn verify_licence(code: String) -> Result<VerifyAnswer, AppError> {
    ssr::mark_private();
    let response = use_context::<leptos_axum::ResponseOptions>();
    crate::api::ssr::serve(async move |ctx| {
        if let Some(address) = ctx.client_address()
            && let Err(wait) = ctx.state.verify_limiter.check(address)
        {
            tracing::warn!(%address, "licence verification refused: too many lookups from this address");
            ssr::retry_after(response.as_ref(), wait);
            return Err(AppError::TooManyAttempts);
        }
        let Some(code) = crate::domain::licence::normalize_code(&code) else {
            return Err(AppError::NotFound);
        };
        let pool = &ctx.state.pool;
        let settings = crate::db::licence::settings(pool).await?;
        let today = crate::db::licence::today();
        let found = crate::db::licence::verify(pool, &code, &settings, today).await?;
        let found = found.ok_or(AppError::NotFound)?;
        Ok(VerifyAnswer {
            verdict: Verdict::of(found.card_revoked, found.card_valid_through, &found.standing),
            name: found.name,
            checked_on: today,
        })
    })
    .await
}

#[cfg(feature = "ssr")]
pub(crate) mod ssr {
    use super::{CardPage, CardStatus, LicenceCard, PeriodLink};
    use crate::api::ssr::Ctx;
    use crate::auth::CurrentUser;
    use crate::config::Config;
    use crate::error::AppError;
    use axum::http::{HeaderValue, header};
    use leptos::prelude::*;

    /// Marks the answer as one search engines must not keep and whose address (it holds a code)
    /// must not travel on as a referrer.
    pub fn mark_private() {
        if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
            response.insert_header(
                header::HeaderName::from_static("x-robots-tag"),
                HeaderValue::from_static("noindex, nofollow"),
            );
            response.insert_header(
                header::REFERRER_POLICY,
                HeaderValue::from_static("no-referrer"),
            );
        }
    }

    /// `Retry-After` in whole seconds (at least 1).
    pub fn retry_after(response: Option<&leptos_axum::ResponseOptions>, wait: std::time::Duration) {
        let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
        if let Some(response) = response
            && let Ok(value) = HeaderValue::from_str(&seconds.max(1).to_string())
        {
            response.insert_header(header::RETRY_AFTER, value);
        }
    }

    /// The `Host` the request named, read before the first await.
    pub fn request_host() -> Option<String> {
        use_context::<axum::http::request::Parts>()
            .and_then(|parts| parts.headers.get(header::HOST).cloned())
            .and_then(|v| v.to_str().ok().map(str::to_owned))
    }

    /// Where verification links point: `PUBLIC_URL`, else the address the page was opened at
    /// (when it is a plain host), else the address the server listens on.
    pub fn public_base(config: &Config, host: Option<&str>) -> String {
        if let Some(url) = &config.public_url {
            return url.clone();
        }
        host.and_then(|h| crate::config::origin_of(&format!("http://{h}")))
            .unwrap_or_else(|| format!("http://{}", config.addr))
    }

    /// Who the card is of, if `user` may see it: the same rule as the licence pages
    /// (`licence::ssr::may_read`: themselves, their manager, HR and admins).
    pub async fn holder(
        ctx: &Ctx,
        user: &CurrentUser,
        person: Option<i64>,
    ) -> Result<(i64, String), AppError> {
        let target = person.unwrap_or(user.id);
        if target == user.id {
            return Ok((user.id, user.name.clone()));
        }
        let holder = super::super::ssr::may_read(ctx, user, target).await?;
        Ok((target, holder.name))
    }

    pub async fn card_page(
        ctx: &Ctx,
        holder_id: i64,
        holder_name: String,
        own: bool,
        period: Option<i64>,
        base: &str,
    ) -> Result<CardPage, AppError> {
        let rows = crate::db::licence::periods(&ctx.state.pool, holder_id).await?;
        let today = crate::db::licence::today();
        let status = |r: &crate::domain::licence::PeriodRecord| {
            CardStatus::of(r.valid_from, r.valid_through, r.revoked, today)
        };
        let chosen = match period {
            Some(id) => Some(rows.iter().find(|r| r.id == id).ok_or(AppError::NotFound)?),
            // A revoked latest period is the one that counts, even while an older one would
            // still run; otherwise the one valid today (a renewal may not have started yet).
            None => match rows.first() {
                Some(latest) if latest.revoked => Some(latest),
                latest => rows
                    .iter()
                    .find(|r| status(r) == CardStatus::Valid)
                    .or(latest),
            },
        };
        let card = match chosen {
            None => None,
            Some(row) => {
                let verify_url = format!("{base}{}", crate::routes::verify(&row.verification_code));
                Some(LicenceCard {
                    period_id: row.id,
                    valid_from: row.valid_from,
                    valid_through: row.valid_through,
                    issued_on: crate::domain::licence::amsterdam_date(row.created_at),
                    journey_title: row.journey_title.clone(),
                    issued_by: row.issued_by_name.clone(),
                    code: crate::domain::licence::display_code(&row.verification_code),
                    qr_svg: qr_svg(&verify_url)?,
                    verify_url,
                    status: status(row),
                })
            }
        };
        let shown = card.as_ref().map(|c| c.period_id);
        Ok(CardPage {
            holder_id,
            holder_name,
            own,
            periods: rows
                .iter()
                .map(|r| PeriodLink {
                    id: r.id,
                    valid_from: r.valid_from,
                    valid_through: r.valid_through,
                    status: status(r),
                    shown: Some(r.id) == shown,
                })
                .collect(),
            card,
        })
    }

    /// `text` as a QR code in SVG (error correction M, the standard quiet zone of four modules;
    /// one unit per module, the page sizes it), without the XML declaration so it can sit
    /// inside the page, and hidden from screen readers (the page says what it holds).
    pub fn qr_svg(text: &str) -> Result<String, AppError> {
        use qrcode::render::svg;
        let code = qrcode::QrCode::with_error_correction_level(text.as_bytes(), qrcode::EcLevel::M)
            .map_err(|e| AppError::internal("licence card QR code", e))?;
        let image = code
            .render::<svg::Color>()
            .quiet_zone(true)
            .module_dimensions(1, 1)
            .dark_color(svg::Color("#000"))
            .light_color(svg::Color("#fff"))
            .build();
        let start = image.find("<svg").unwrap_or(0);
        Ok(image[start..].replacen(
            "<svg ",
            "<svg class=\"qr\" aria-hidden=\"true\" focusable=\"false\" ",
            1,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::licence::{LicenceStatus, Standing};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    fn standing(status: LicenceStatus, through: NaiveDate) -> Standing {
        Standing {
            status,
            valid_through: Some(through),
            days_left: None,
            window_opens: None,
            grace_until: None,
        }
    }

    #[test]
    fn a_card_is_valid_from_its_first_to_its_last_day() {
        let (from, through) = (d(2026, 1, 1), d(2026, 12, 31));
        assert_eq!(
            CardStatus::of(from, through, false, d(2025, 12, 31)),
            CardStatus::NotYetValid
        );
        assert_eq!(
            CardStatus::of(from, through, false, from),
            CardStatus::Valid
        );
        assert_eq!(
            CardStatus::of(from, through, false, through),
            CardStatus::Valid
        );
        assert_eq!(
            CardStatus::of(from, through, false, d(2027, 1, 1)),
            CardStatus::Expired
        );
        assert_eq!(
            CardStatus::of(from, through, true, from),
            CardStatus::Revoked
        );
    }

    #[test]
    fn the_verdict_says_valid_expired_or_revoked() {
        let through = d(2026, 12, 31);
        for status in [LicenceStatus::Valid, LicenceStatus::RenewalDue] {
            assert_eq!(
                Verdict::of(false, through, &standing(status, through)),
                Verdict::Valid {
                    valid_through: through
                }
            );
        }
        // grace is not validity: expired since the day after the last valid day
        for status in [LicenceStatus::InGrace, LicenceStatus::Expired] {
            assert_eq!(
                Verdict::of(false, through, &standing(status, through)),
                Verdict::Expired {
                    since: d(2027, 1, 1)
                }
            );
        }
        assert_eq!(
            Verdict::of(true, through, &standing(LicenceStatus::Valid, through)),
            Verdict::Revoked
        );
        // an old card of someone whose latest period was revoked
        assert_eq!(
            Verdict::of(
                false,
                d(2025, 12, 31),
                &standing(LicenceStatus::Revoked, through)
            ),
            Verdict::Revoked
        );
        // an old card of someone who renewed: valid through the renewed period's last day
        assert_eq!(
            Verdict::of(
                false,
                d(2025, 12, 31),
                &standing(LicenceStatus::Valid, through)
            ),
            Verdict::Valid {
                valid_through: through
            }
        );
    }
}
