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
    let go_prev = go.clone();
    let go_next = go;
    view! {
        <div class="present__bar" role="toolbar" aria-label=text.controls hidden=move || !live.get()>
            <button type="button" class="present__btn" on:click=move |_| go_prev(current.get_untracked().saturating_sub(1).max(1))
                disabled=move || current.get() <= 1>
                <span aria-hidden="true">"‹ "</span>{text.previous}
            </button>
            <p class="present__counter" aria-live="polite">
                <span aria-hidden="true">{move || format!("{} / {total}", current.get())}</span>
                <span class="visually-hidden">{spoken}</span>
            </p>
            <button type="button" class="present__btn" on:click=move |_| go_next((current.get_untracked() + 1).min(total.max(1)))
                disabled=move || current.get() >= total>
                {text.next}<span aria-hidden="true">" ›"</span>
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
mod browser {
    //! The browser side: listeners on the window and the deck, kept for the page's lifetime.

    use super::{slide_after_key, slide_from_hash, swipe_direction};
    use leptos::prelude::*;
    use std::cell::Cell;
    use std::rc::Rc;
    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::prelude::JsValue;

    fn prop(target: &JsValue, name: &str) -> JsValue {
        js_sys::Reflect::get(target, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
    }

    fn call(target: &JsValue, method: &str, args: &[JsValue]) {
        if let Ok(f) = prop(target, method).dyn_into::<js_sys::Function>() {
            let args: js_sys::Array = args.iter().collect();
            let _ = f.apply(target, &args);
        }
    }

    fn root() -> Option<web_sys::Element> {
        document().get_element_by_id("present")
    }

    fn show(number: usize, previous: usize) {
        let doc = document();
        if let Some(old) = doc.get_element_by_id(&format!("slide-{previous}")) {
            let _ = old.remove_attribute("data-current");
        }
        if let Some(new) = doc.get_element_by_id(&format!("slide-{number}")) {
            let _ = new.set_attribute("data-current", "");
        }
        // The address follows without a history entry per slide, so a reload stays on it.
        let history = prop(&window().into(), "history");
        call(
            &history,
            "replaceState",
            &[JsValue::NULL, JsValue::from_str(""), JsValue::from_str(&format!("#slide-{number}"))],
        );
    }

    pub fn toggle_fullscreen() {
        let doc = document();
        if doc.fullscreen_element().is_some() {
            doc.exit_fullscreen();
        } else if let Some(el) = doc.document_element() {
            let _ = el.request_fullscreen();
        }
    }

    pub fn open_window(href: &str) {
        let _ = window().open_with_url_and_target_and_features(href, "krb-notes", "popup,width=900,height=640");
    }

    /// A `BroadcastChannel` named `name`, if the browser has one.
    fn channel(name: &str) -> Option<JsValue> {
        let ctor = prop(&window().into(), "BroadcastChannel")
            .dyn_into::<js_sys::Function>()
            .ok()?;
        let args: js_sys::Array = std::iter::once(JsValue::from_str(name)).collect();
        js_sys::Reflect::construct(&ctor, &args).ok()
    }

    /// Wires everything up and returns the function that moves to a slide (and tells the other
    /// window).
    #[allow(clippy::too_many_arguments)]
    pub fn start(
        total: usize,
        notes_window: bool,
        channel_name: String,
        back_href: String,
        current: RwSignal<usize>,
        live: RwSignal<bool>,
        notes_open: RwSignal<bool>,
        full: RwSignal<bool>,
    ) -> impl Fn(usize) + Clone + 'static {
        let bc = channel(&channel_name);
        let shown = Rc::new(Cell::new(0usize));
        let local = {
            let shown = shown.clone();
            move |n: usize| {
                let previous = shown.replace(n);
                if previous != n {
                    show(n, previous);
                    current.set(n);
                }
            }
        };
        let go = {
            let local = local.clone();
            let bc = bc.clone();
            move |n: usize| {
                local(n);
                if let Some(bc) = &bc {
                    call(bc, "postMessage", &[JsValue::from_f64(n as f64)]);
                }
            }
        };
        let start = slide_from_hash(&window().location().hash().unwrap_or_default(), total).unwrap_or(1);
        if let Some(r) = root() {
            let _ = r.set_attribute("data-live", "");
        }
        local(start);
        live.set(true);

        Effect::new(move |_| {
            if let Some(r) = root() {
                let _ = if notes_open.get() {
                    r.set_attribute("data-notes-open", "")
                } else {
                    r.remove_attribute("data-notes-open")
                };
            }
        });

        // The other window moved: follow without echoing back.
        if let Some(bc) = &bc {
            let local = local.clone();
            let on_message = Closure::<dyn Fn(JsValue)>::new(move |e: JsValue| {
                if let Some(n) = prop(&e, "data").as_f64() {
                    local((n as usize).clamp(1, total.max(1)));
                }
            });
            let _ = js_sys::Reflect::set(bc, &JsValue::from_str("onmessage"), on_message.as_ref());
            on_message.forget();
        }

        let on_key = Closure::<dyn Fn(web_sys::Event)>::new({
            let go = go.clone();
            move |e: web_sys::Event| {
                let ev: &JsValue = e.as_ref();
                if ["ctrlKey", "altKey", "metaKey"].iter().any(|m| prop(ev, m).is_truthy()) {
                    return;
                }
                let key = prop(ev, "key").as_string().unwrap_or_default();
                // Space and Enter on a focused button or link press it; do not also move.
                let on_control = e
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                    .is_some_and(|t| matches!(t.tag_name().as_str(), "BUTTON" | "A"));
                if key == " " && on_control {
                    return;
                }
                if key == "Escape" {
                    if document().fullscreen_element().is_none() && !notes_window {
                        let _ = window().location().set_href(&back_href);
                    }
                    return;
                }
                if (key == "n" || key == "N") && !notes_window {
                    notes_open.update(|o| *o = !*o);
                    return;
                }
                if let Some(n) = slide_after_key(&key, current.get_untracked(), total) {
                    e.prevent_default();
                    go(n);
                }
            }
        });
        let _ = window().add_event_listener_with_callback("keydown", on_key.as_ref().unchecked_ref());
        on_key.forget();

        let on_fullscreen = Closure::<dyn Fn()>::new(move || {
            full.set(document().fullscreen_element().is_some());
        });
        let _ = document()
            .add_event_listener_with_callback("fullscreenchange", on_fullscreen.as_ref().unchecked_ref());
        on_fullscreen.forget();

        // Swipe: where the pointer went down, compared where it came up.
        if let Some(deck) = root() {
            let down = Rc::new(Cell::new(None::<(f64, f64)>));
            let on_down = Closure::<dyn Fn(web_sys::MouseEvent)>::new({
                let down = down.clone();
                move |e: web_sys::MouseEvent| down.set(Some((e.client_x() as f64, e.client_y() as f64)))
            });
            let on_up = Closure::<dyn Fn(web_sys::MouseEvent)>::new({
                let go = go.clone();
                move |e: web_sys::MouseEvent| {
                    if let Some((x, y)) = down.take() {
                        let step = swipe_direction(e.client_x() as f64 - x, e.client_y() as f64 - y);
                        let now = current.get_untracked();
                        match step {
                            1 => go((now + 1).min(total.max(1))),
                            -1 => go(now.saturating_sub(1).max(1)),
                            _ => {}
                        }
                    }
                }
            });
            let _ = deck.add_event_listener_with_callback("pointerdown", on_down.as_ref().unchecked_ref());
            let _ = deck.add_event_listener_with_callback("pointerup", on_up.as_ref().unchecked_ref());
            on_down.forget();
            on_up.forget();
        }
        go
    }
}

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
