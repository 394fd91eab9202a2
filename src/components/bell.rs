//! The notification bell in the site header: a link to the notifications with the unread count,
//! rendered on the server from the count the page's session data already carries.

use crate::i18n::use_i18n;
use crate::routes;
use leptos::prelude::*;

/// A bell icon linking to `/notifications`; the badge shows `count` (99+ above 99) and the
/// accessible name says it in words ("3 ongelezen meldingen").
#[component]
pub fn Bell(count: i64) -> impl IntoView {
    let i18n = use_i18n();
    let label = i18n.t_count("bell-label", count);
    let badge = match count {
        0 => None,
        1..=99 => Some(count.to_string()),
        _ => Some("99+".to_owned()),
    };
    let unread = count > 0;
    view! {
        <a class="bell" class:bell--unread=unread href=routes::NOTIFICATIONS aria-label=label.clone() title=label>
            <svg class="bell__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                <path d="M12 3a6 6 0 0 0-6 6v3.6l-1.6 2.8A1 1 0 0 0 5.3 17h13.4a1 1 0 0 0 .9-1.6L18 12.6V9a6 6 0 0 0-6-6Z"
                    fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round" />
                <path d="M9.5 19.5a2.5 2.5 0 0 0 5 0" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
            </svg>
            {badge.map(|b| view! { <span class="bell__badge" aria-hidden="true">{b}</span> })}
        </a>
    }
}
