//! The browser side of the step form's autosave: feeds form events into `domain::autosave`,
//! carries out its commands (send the form, retry, leave with a full page load) and warns before
//! unsaved work is left behind.
//!
//! State lives in `Arc`s, not in reactive-arena values: a timer or a server answer that arrives
//! after the page was left must find nothing disposed (reading a disposed signal panics). Leaving
//! the step page is always a full page load, so no step's form is ever reused for another step.

use crate::domain::autosave::{Autosave, Command, SaveStatus};
use crate::error::AppError;
use leptos::prelude::*;
use std::sync::{Arc, Mutex};

/// Wait this long after the last keystroke before saving.
#[cfg(feature = "hydrate")]
const QUIET: std::time::Duration = std::time::Duration::from_millis(1500);
/// Try again this long after a save did not arrive.
#[cfg(feature = "hydrate")]
const RETRY: std::time::Duration = std::time::Duration::from_secs(5);

/// Autosave for one step form (the `<form>` with id `form_id`).
#[derive(Clone)]
pub struct StepAutosave {
    machine: Arc<Mutex<Autosave>>,
    status: ArcRwSignal<SaveStatus>,
    error: ArcRwSignal<Option<AppError>>,
    #[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
    form_id: &'static str,
}

impl StepAutosave {
    pub fn new(version: i64, form_id: &'static str) -> StepAutosave {
        StepAutosave {
            machine: Arc::new(Mutex::new(Autosave::new(version))),
            status: ArcRwSignal::new(SaveStatus::Idle),
            error: ArcRwSignal::new(None),
            form_id,
        }
    }

    pub fn status(&self) -> Signal<SaveStatus> {
        self.status.clone().into()
    }

    /// The error of the last save (field errors are shown next to their fields).
    pub fn error(&self) -> Signal<Option<AppError>> {
        self.error.clone().into()
    }

    /// The answer version the next save carries (kept in the form for plain posts).
    pub fn version(&self) -> i64 {
        self.with(|m| m.version())
    }

    /// Runs `f` on the state machine and shows the resulting status.
    fn with<T>(&self, f: impl FnOnce(&mut Autosave) -> T) -> T {
        let mut machine = self.machine.lock().unwrap_or_else(|e| e.into_inner());
        let out = f(&mut machine);
        let status = machine.status();
        drop(machine);
        if self.status.get_untracked() != status {
            self.status.set(status);
        }
        out
    }

    pub fn has_unsaved(&self) -> bool {
        self.with(|m| m.has_unsaved())
    }

    /// Something was typed: save after a quiet moment.
    pub fn typed(&self) {
        let seen = self.with(|m| {
            m.typed();
            m.edits()
        });
        #[cfg(feature = "hydrate")]
        {
            let this = self.clone();
            set_timeout(move || this.run(this.with(|m| m.quiet(seen))), QUIET);
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = seen;
    }

    /// A choice was made: save now.
    pub fn chose(&self) {
        let command = self.with(Autosave::chose);
        self.run(command);
    }

    /// The save button.
    pub fn save_now(&self) {
        let command = self.with(Autosave::save_now);
        self.run(command);
    }

    /// Go to `target` once everything typed is saved.
    pub fn leave(&self, target: String) {
        let command = self.with(|m| m.leave(target));
        self.run(command);
    }

    fn run(&self, command: Command) {
        match command {
            Command::Nothing => {}
            Command::Leave(target) => load_page(&target),
            Command::Send { version } => self.send(version),
        }
    }

    #[cfg(feature = "hydrate")]
    fn send(&self, version: i64) {
        use crate::api::walkthrough::{SaveStep, SavedStep};
        use server_fn::ServerFn;
        use wasm_bindgen::JsCast;
        let form = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(self.form_id))
            .and_then(|e| e.dyn_into::<web_sys::HtmlFormElement>().ok());
        let Some(data) = form.and_then(|f| web_sys::FormData::new_with_form(&f).ok()) else {
            // The form is gone (the page changed): nothing left to send from here.
            self.with(Autosave::failed);
            return;
        };
        // The same fields a plain post sends, but stay on this step and carry the version
        // this save is based on.
        let _ = data.set_with_str("form[go]", "stay");
        let _ = data.set_with_str("form[version]", &version.to_string());
        let this = self.clone();
        leptos::task::spawn_local(async move {
            let result = super::post::post_form::<SavedStep>(SaveStep::PATH, &data).await;
            this.answered(result);
        });
    }

    #[cfg(not(feature = "hydrate"))]
    fn send(&self, _version: i64) {}

    #[cfg(feature = "hydrate")]
    fn answered(&self, result: Result<crate::api::walkthrough::SavedStep, AppError>) {
        match result {
            Ok(saved) => {
                self.error.set(None);
                let command = self.with(|m| m.saved(saved.version));
                self.run(command);
            }
            Err(AppError::Conflict) => self.with(Autosave::conflict),
            Err(AppError::Network | AppError::Internal) => {
                self.with(Autosave::failed);
                let this = self.clone();
                set_timeout(move || this.run(this.with(Autosave::retry)), RETRY);
            }
            // Field errors, and refusals such as "already submitted": shown, not retried.
            Err(e) => {
                self.with(Autosave::invalid);
                self.error.set(Some(e));
            }
        }
    }

    /// Warns before the page is closed or reloaded with unsaved work, and turns every link click
    /// on the page into "save first, then a full page load".
    pub fn guard_leaving(&self) {
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::JsCast;
            use wasm_bindgen::closure::Closure;
            let this = self.clone();
            let unload = window_event_listener(leptos::ev::beforeunload, move |ev| {
                if this.has_unsaved() {
                    ev.prevent_default();
                    ev.set_return_value("unsaved");
                }
            });
            let this = self.clone();
            let on_click =
                Closure::<dyn Fn(web_sys::MouseEvent)>::new(move |ev: web_sys::MouseEvent| {
                    if let Some((anchor, href)) = same_site_link(&ev) {
                        if anchor.has_attribute("data-discard") {
                            // "Load the latest version": what was typed here is given up on purpose.
                            this.with(Autosave::discard);
                            let _ = anchor.set_attribute("rel", "external");
                        } else if this.has_unsaved() {
                            // Keep the router and the browser out: save, then go.
                            ev.prevent_default();
                            ev.stop_propagation();
                            this.leave(href);
                        } else {
                            // The browser loads the next page itself; the router leaves it alone.
                            let _ = anchor.set_attribute("rel", "external");
                        }
                    }
                });
            let document = web_sys::window().and_then(|w| w.document());
            if let Some(doc) = &document {
                // Capture phase on the document runs before the router's listener on the window.
                let _ = doc.add_event_listener_with_callback_and_bool(
                    "click",
                    on_click.as_ref().unchecked_ref(),
                    true,
                );
            }
            let remove = send_wrapper::SendWrapper::new(move || {
                if let Some(doc) = document {
                    let _ = doc.remove_event_listener_with_callback_and_bool(
                        "click",
                        on_click.as_ref().unchecked_ref(),
                        true,
                    );
                }
            });
            on_cleanup(move || {
                unload.remove();
                (remove.take())();
            });
        }
    }
}

/// Goes to `path` as a whole page load, which starts from what the server holds.
fn load_page(path: &str) {
    #[cfg(feature = "hydrate")]
    if let Some(window) = web_sys::window() {
        let _ = window.location().assign(path);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = path;
}

/// The link a plain left click goes to, if it stays on this site in this tab.
#[cfg(feature = "hydrate")]
fn same_site_link(ev: &web_sys::MouseEvent) -> Option<(web_sys::Element, String)> {
    use wasm_bindgen::JsCast;
    if ev.default_prevented()
        || ev.button() != 0
        || ev.ctrl_key()
        || ev.meta_key()
        || ev.shift_key()
        || ev.alt_key()
    {
        return None;
    }
    let anchor = ev
        .target()?
        .dyn_into::<web_sys::Element>()
        .ok()?
        .closest("a[href]")
        .ok()??;
    if anchor.has_attribute("download")
        || anchor
            .get_attribute("target")
            .is_some_and(|t| !t.is_empty() && t != "_self")
    {
        return None;
    }
    let link = anchor.dyn_ref::<web_sys::HtmlAnchorElement>()?.clone();
    let here = web_sys::window()?.location();
    if link.origin() != here.origin().ok()? {
        return None;
    }
    // A jump within this page is no leaving.
    if link.pathname() == here.pathname().ok()?
        && link.search() == here.search().ok()?
        && !link.hash().is_empty()
    {
        return None;
    }
    Some((anchor, link.href()))
}
