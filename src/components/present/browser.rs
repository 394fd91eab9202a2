//! Present mode's browser side: listeners on the window and the deck, kept for the page's
//! lifetime, and the `BroadcastChannel` to the notes window (reached through js_sys, so the
//! bundle needs no more web_sys features).

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
        &[
            JsValue::NULL,
            JsValue::from_str(""),
            JsValue::from_str(&format!("#slide-{number}")),
        ],
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
    let _ = window().open_with_url_and_target_and_features(
        href,
        "krb-notes",
        "popup,width=900,height=640",
    );
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
    // After hydration (an effect), so the server's markup is claimed first and then changed.
    Effect::new({
        let local = local.clone();
        move |_| {
            let hash = window().location().hash().unwrap_or_default();
            if let Some(r) = root() {
                let _ = r.set_attribute("data-live", "");
            }
            local(slide_from_hash(&hash, total).unwrap_or(1));
            live.set(true);
        }
    });

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
            if ["ctrlKey", "altKey", "metaKey"]
                .iter()
                .any(|m| prop(ev, m).is_truthy())
            {
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
                // In full screen the browser's Esc only leaves full screen; `full` is still
                // set while that key arrives (the change event comes after it).
                let in_full = full.get_untracked() || document().fullscreen_element().is_some();
                if !in_full && !notes_window {
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
    let _ = document().add_event_listener_with_callback(
        "fullscreenchange",
        on_fullscreen.as_ref().unchecked_ref(),
    );
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
        let _ =
            deck.add_event_listener_with_callback("pointerdown", on_down.as_ref().unchecked_ref());
        let _ = deck.add_event_listener_with_callback("pointerup", on_up.as_ref().unchecked_ref());
        on_down.forget();
        on_up.forget();
    }
    go
}
