//! A data table that scrolls sideways on a phone. The scrolling box is a focusable region named
//! for the table (keyboard users can scroll it, and axe-core asks for exactly that), and the table
//! carries a visually hidden caption for screen readers. One place for that rule.

use leptos::prelude::*;

/// `label` names the scrolling region; `caption` (default: the label) is the table's caption;
/// `class` adds classes to the table. The children are its `thead` and `tbody`.
#[component]
pub fn ScrollTable(
    label: String,
    #[prop(optional, into)] caption: Option<String>,
    #[prop(optional)] class: &'static str,
    children: Children,
) -> impl IntoView {
    let caption = caption.unwrap_or_else(|| label.clone());
    let class = if class.is_empty() {
        "table".to_owned()
    } else {
        format!("table {class}")
    };
    view! {
        <div class="table-wrap" tabindex="0" role="region" aria-label=label>
            <table class=class>
                <caption class="visually-hidden">{caption}</caption>
                {children()}
            </table>
        </div>
    }
}
