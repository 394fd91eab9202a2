//! Present mode in the browser: one slide at a time, keyboard, swipe, full screen and speaker
//! notes (toggled in the slide, or in a second window that follows along over a
//! `BroadcastChannel`). The slides themselves are server-rendered (`components::slides`) and all in
//! the page, so once loaded nothing here needs the network. Without JavaScript this island renders
//! nothing visible and the page stays a stack of slides with anchor links.
//!
//! It drives the page through attributes the stylesheet reads: `data-live` on `#present` (one
//! slide at a time), `data-current` on the shown `.slide`, `data-notes-open` for the notes. Only
//! web_sys/js_sys, no serde_json: the island stays small.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The island's words, translated on the server.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PresentText {
    pub previous: String,
    pub next: String,
    pub fullscreen: String,
    pub notes: String,
    pub notes_window: String,
    pub back: String,
    pub controls: String,
    /// "Dia # van #", the counter read out.
    pub counter: String,
}

/// The next slide number after `key` was pressed on slide `current` of `total`, if `key` moves.
pub fn slide_after_key(key: &str, current: usize, total: usize) -> Option<usize> {
    let last = total.max(1);
    match key {
        "ArrowRight" | "ArrowDown" | " " | "Spacebar" | "PageDown" => Some((current + 1).min(last)),
        "ArrowLeft" | "ArrowUp" | "PageUp" => Some(current.saturating_sub(1).max(1)),
        "Home" => Some(1),
        "End" => Some(last),
        _ => None,
    }
}

/// A horizontal swipe of `dx` by `dy` pixels: -1 back, +1 on, 0 no swipe (too short or vertical).
pub fn swipe_direction(dx: f64, dy: f64) -> i8 {
    const THRESHOLD: f64 = 50.0;
    if dx.abs() < THRESHOLD || dx.abs() < dy.abs() * 1.5 {
        0
    } else if dx < 0.0 {
        1
    } else {
        -1
    }
}

/// The slide number in a `#slide-N` address, if any.
pub fn slide_from_hash(hash: &str, total: usize) -> Option<usize> {
    hash.strip_prefix("#slide-")
        .and_then(|n| n.parse::<usize>().ok())
        .filter(|n| (1..=total).contains(n))
}

/// The controls of present mode for a deck of `total` slides. `channel` names the
/// `BroadcastChannel` shared with the notes window; `notes_window` is true in that window.
#[island]
pub fn PresentControls(
    total: usize,
    has_notes: bool,
    notes_window: bool,
    channel: String,
    notes_href: String,
    back_href: String,
    text: PresentText,
) -> impl IntoView {
    let current = RwSignal::new(1usize);
    let live = RwSignal::new(false);
    let notes_open = RwSignal::new(notes_window);
    let full = RwSignal::new(false);
    #[cfg(feature = "hydrate")]
    let go = browser::start(
        total,
        notes_window,
        channel,
        back_href.clone(),
        current,
        live,
        notes_open,
        full,
    );
    #[cfg(not(feature = "hydrate"))]
    let go = move |_: usize| {};
    #[cfg(not(feature = "hydrate"))]
    let _ = (channel, notes_window);
    #[cfg(feature = "hydrate")]
    let toggle_full = browser::toggle_fullscreen;
    #[cfg(not(feature = "hydrate"))]
    let toggle_full = || {};
    #[cfg(feature = "hydrate")]
    let open_notes = move || browser::open_window(&notes_href);
    #[cfg(not(feature = "hydrate"))]
    let open_notes = move || drop(notes_href.clone());
    let counter = text.counter.clone();
    let spoken = move || {
        counter
            .replacen('#', &current.get().to_string(), 1)
            .replacen('#', &total.to_string(), 1)
    };
    // Copy on the server; in the bundle a closure over browser handles, which is not.
    #[allow(clippy::clone_on_copy)]
    let go_prev = go.clone();
    let go_next = go;
    view! {
        <div class="present__bar" role="group" aria-label=text.controls hidden=move || !live.get()>
            <button type="button" class="present__btn" on:click=move |_| go_prev(current.get_untracked().saturating_sub(1).max(1))
                disabled=move || { current.get() <= 1 }>
                <span aria-hidden="true">"‹"</span>{text.previous}
            </button>
            <p class="present__counter" aria-live="polite">
                <span aria-hidden="true">{move || format!("{} / {total}", current.get())}</span>
                <span class="visually-hidden">{spoken}</span>
            </p>
            <button type="button" class="present__btn" on:click=move |_| go_next((current.get_untracked() + 1).min(total.max(1)))
                disabled=move || { current.get() >= total }>
                {text.next}<span aria-hidden="true">"›"</span>
            </button>
            <span class="present__spacer"></span>
            {(has_notes && !notes_window).then(|| view! {
                <button type="button" class="present__btn present__btn--quiet" aria-pressed=move || notes_open.get().to_string()
                    aria-keyshortcuts="N" on:click=move |_| notes_open.update(|o| *o = !*o)>
                    {text.notes.clone()}
                </button>
                <button type="button" class="present__btn present__btn--quiet" on:click=move |_| open_notes()>
                    {text.notes_window.clone()}
                </button>
            })}
            {(!notes_window).then(|| view! {
                <button type="button" class="present__btn present__btn--quiet" aria-pressed=move || full.get().to_string()
                    on:click=move |_| toggle_full()>
                    {text.fullscreen.clone()}
                </button>
            })}
            <a class="present__btn present__btn--quiet" href=back_href>{text.back}</a>
        </div>
    }
}

#[cfg(feature = "hydrate")]
mod browser;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_move_within_the_deck() {
        assert_eq!(slide_after_key("ArrowRight", 1, 5), Some(2));
        assert_eq!(slide_after_key(" ", 5, 5), Some(5));
        assert_eq!(slide_after_key("PageDown", 2, 5), Some(3));
        assert_eq!(slide_after_key("ArrowLeft", 1, 5), Some(1));
        assert_eq!(slide_after_key("PageUp", 3, 5), Some(2));
        assert_eq!(slide_after_key("End", 1, 5), Some(5));
        assert_eq!(slide_after_key("Home", 4, 5), Some(1));
        assert_eq!(slide_after_key("a", 4, 5), None);
    }

    #[test]
    fn only_a_long_horizontal_move_is_a_swipe() {
        assert_eq!(swipe_direction(-120.0, 10.0), 1);
        assert_eq!(swipe_direction(120.0, -10.0), -1);
        assert_eq!(swipe_direction(-30.0, 0.0), 0);
        assert_eq!(swipe_direction(-80.0, 90.0), 0);
    }

    #[test]
    fn reads_the_slide_from_the_address() {
        assert_eq!(slide_from_hash("#slide-3", 5), Some(3));
        assert_eq!(slide_from_hash("#slide-9", 5), None);
        assert_eq!(slide_from_hash("#main", 5), None);
        assert_eq!(slide_from_hash("", 5), None);
    }
}
