//! What a person sees after picking a file to upload, before it is sent: the photo itself (or the
//! PDF's name), its size, and at once a message when it is too large or of a kind the server will
//! refuse — on a phone on 4G that saves sending 12 MB only to hear "te groot". The browser also
//! blocks sending such a file (`setCustomValidity`). The server still checks everything itself;
//! this is help, not a rule.

use crate::domain::evidence::{self as rules, EvidenceKind};
use crate::domain::locale::Locale;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The preview's words, translated on the server; `#` stands for a size like "10 MB".
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PreviewText {
    pub too_large: String,
    pub unsupported: String,
    pub preview_alt: String,
}

/// What was picked, as the preview shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Picked {
    pub name: String,
    pub size: String,
    /// An object URL of the photo, when it is one.
    pub image: Option<String>,
    /// Why the server would refuse it.
    pub problem: Option<String>,
}

impl PreviewText {
    /// The problem with a file of `bytes` bytes and type `content_type`, if any.
    pub fn problem(
        &self,
        bytes: u64,
        content_type: &str,
        max: u64,
        locale: Locale,
    ) -> Option<String> {
        // An empty type means the browser does not know it: left to the server, which reads
        // the content anyway.
        if !content_type.is_empty() && EvidenceKind::from_content_type(content_type).is_none() {
            Some(self.unsupported.clone())
        } else if bytes > max {
            Some(
                self.too_large
                    .replace('#', &rules::format_size(max, locale)),
            )
        } else {
            None
        }
    }
}

/// The preview for the file input with id `input`.
#[island]
pub fn FilePreview(
    input: String,
    max_bytes: u64,
    locale: Locale,
    text: PreviewText,
) -> impl IntoView {
    let picked = RwSignal::new(None::<Picked>);
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let field = document()
            .get_element_by_id(&input)
            .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok());
        if let Some(field) = field {
            let text = text.clone();
            let on_change = wasm_bindgen::closure::Closure::<dyn Fn()>::new({
                let field = field.clone();
                move || {
                    // The previous photo's URL is no longer shown: let the browser free it.
                    if let Some(url) = picked.get_untracked().and_then(|p| p.image) {
                        let _ = web_sys::Url::revoke_object_url(&url);
                    }
                    let file = field.files().and_then(|files| files.get(0));
                    let next = file.map(|file| {
                        let bytes = file.size() as u64;
                        let kind = file.type_();
                        let problem = text.problem(bytes, &kind, max_bytes, locale);
                        let image = (problem.is_none() && kind.starts_with("image/"))
                            .then(|| web_sys::Url::create_object_url_with_blob(&file).ok())
                            .flatten();
                        Picked {
                            name: file.name(),
                            size: rules::format_size(bytes, locale),
                            image,
                            problem,
                        }
                    });
                    let message = next
                        .as_ref()
                        .and_then(|p| p.problem.clone())
                        .unwrap_or_default();
                    field.set_custom_validity(&message);
                    picked.set(next);
                }
            });
            let _ = field
                .add_event_listener_with_callback("change", on_change.as_ref().unchecked_ref());
            // The input lives as long as the page; so does its listener.
            on_change.forget();
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (&input, max_bytes, locale);
    let alt = text.preview_alt;
    view! {
        <div class="file-preview" aria-live="polite">
            {move || {
                picked.get().map(|p| {
                    let alt = alt.clone();
                    view! {
                        {p.image.map(|src| view! { <img class="file-preview__image" src=src alt=alt /> })}
                        <p class="file-preview__name">{p.name} " · " {p.size}</p>
                        {p.problem.map(|m| view! { <p class="file-preview__problem" role="alert">{m}</p> })}
                    }
                })
            }}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text() -> PreviewText {
        PreviewText {
            too_large: "te groot, max #".into(),
            unsupported: "kan niet".into(),
            preview_alt: "voorbeeld".into(),
        }
    }

    #[test]
    fn a_file_the_server_would_refuse_is_named_before_it_is_sent() {
        let mb = 1024 * 1024;
        let t = text();
        assert_eq!(t.problem(2 * mb, "image/jpeg", 10 * mb, Locale::Nl), None);
        assert_eq!(
            t.problem(10 * mb, "application/pdf", 10 * mb, Locale::Nl),
            None
        );
        assert_eq!(
            t.problem(10 * mb + 1, "image/png", 10 * mb, Locale::Nl)
                .as_deref(),
            Some("te groot, max 10 MB")
        );
        assert_eq!(
            t.problem(1, "image/heic", 10 * mb, Locale::Nl).as_deref(),
            Some("kan niet")
        );
        assert_eq!(t.problem(1, "", 10 * mb, Locale::Nl), None);
    }
}
