//! Puts keyboard focus on one element once the page is in the browser: after a form post that
//! changed a list (moving a journey step), focus returns to where the person was. The server also
//! marks that element `autofocus`, but browsers do not reliably honour it after a redirect.

use leptos::prelude::*;

/// Focuses the element with id `target` when the island wakes up.
#[island]
pub fn FocusOnLoad(target: String) -> impl IntoView {
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        use wasm_bindgen::JsCast;
        if let Some(el) = document()
            .get_element_by_id(&target)
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = el.focus();
        }
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = target;
}
