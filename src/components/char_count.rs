//! A character counter under a text area with a limit: "Nog 3.980 tekens" while typing, "12
//! tekens te veel" past the limit. The server renders the count for the text it sent (so it is
//! right without JavaScript too); the island keeps it current. The limit is never enforced with
//! `maxlength`, which would silently cut a pasted text: the server refuses too-long text with a
//! field message and keeps what was typed.
//!
//! Screen readers hear the count only when typing pauses (a polite live region updated after a
//! second of quiet), not on every keystroke; the visible line is hidden from them.

use crate::domain::text;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The counter's words, translated on the server; `#` stands for the number.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CountText {
    pub left_one: String,
    pub left: String,
    pub over_one: String,
    pub over: String,
    /// Thousands separator of the page's language ("." or ",").
    pub group: String,
}

impl CountText {
    /// The line for `used` of `max` characters.
    pub fn line(&self, used: usize, max: usize) -> String {
        let (template, n) = match used.cmp(&max) {
            std::cmp::Ordering::Greater => (
                if used - max == 1 {
                    &self.over_one
                } else {
                    &self.over
                },
                used - max,
            ),
            _ => (
                if max - used == 1 {
                    &self.left_one
                } else {
                    &self.left
                },
                max - used,
            ),
        };
        template.replace('#', &text::group_thousands(n, &self.group))
    }
}

/// The counter for the text area with id `field`, holding `used` characters when rendered.
#[island]
pub fn CharCount(field: String, max: usize, used: usize, text: CountText) -> impl IntoView {
    let shown = RwSignal::new(text.line(used, max));
    let spoken = RwSignal::new(String::new());
    let over = RwSignal::new(used > max);
    #[cfg(feature = "hydrate")]
    {
        use std::sync::Arc;
        use std::sync::atomic::{AtomicU64, Ordering};
        use wasm_bindgen::JsCast;
        let edits = Arc::new(AtomicU64::new(0));
        let text = text.clone();
        let area = document()
            .get_element_by_id(&field)
            .and_then(|e| e.dyn_into::<web_sys::HtmlTextAreaElement>().ok());
        if let Some(area) = area {
            let on_input = wasm_bindgen::closure::Closure::<dyn Fn()>::new({
                let area = area.clone();
                move || {
                    let used = text::length(&area.value());
                    let line = text.line(used, max);
                    over.set(used > max);
                    shown.set(line.clone());
                    let seen = edits.fetch_add(1, Ordering::Relaxed) + 1;
                    let edits = edits.clone();
                    set_timeout(
                        move || {
                            if edits.load(Ordering::Relaxed) == seen {
                                spoken.set(line);
                            }
                        },
                        std::time::Duration::from_secs(1),
                    );
                }
            });
            let _ =
                area.add_event_listener_with_callback("input", on_input.as_ref().unchecked_ref());
            // The text area lives as long as the page; so does its listener.
            on_input.forget();
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (&field, &text);
    view! {
        <p class="field__count" class:field__count--over=move || over.get() aria-hidden="true">
            {move || shown.get()}
        </p>
        <p class="visually-hidden" aria-live="polite">{move || spoken.get()}</p>
    }
}
