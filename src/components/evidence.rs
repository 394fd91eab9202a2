//! Evidence on a walkthrough step: the upload form, the list of photos and PDFs, quick capture and
//! the notice after a post. The forms are plain HTML multipart posts to `/evidence` and
//! `/quick-capture`, so they work on a phone without JavaScript; the server sends the browser back
//! to `return_to` with the outcome in the URL, which `EvidenceNotice` shows.

use crate::api::evidence::evidence_max_bytes;
use crate::components::file_preview::{FilePreview, PreviewText};
use crate::domain::evidence::{self as rules, ACCEPT_ATTRIBUTE, EvidenceKind};
use crate::domain::walkthrough::EvidenceItem;
use crate::i18n::{I18n, use_i18n};
use crate::routes;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// Images only, for the quick-capture photo.
const ACCEPT_IMAGES: &str = "image/jpeg,image/png,image/webp";

/// "JPEG, PNG, WebP of PDF, maximaal 10 MB." Without the size until the server said it (or when
/// it cannot), never wrong.
#[component]
fn AllowedFilesHint(#[prop(optional)] images_only: bool) -> impl IntoView {
    let i18n = use_i18n();
    let max = OnceResource::new(evidence_max_bytes());
    let (with_size, without_size) = if images_only {
        ("evidence-photo-hint", "evidence-photo-hint-types")
    } else {
        ("evidence-file-hint", "evidence-file-hint-types")
    };
    view! {
        <Suspense fallback=move || i18n.t(without_size)>
            {move || Suspend::new(async move {
                match max.await {
                    Ok(bytes) => {
                        i18n.t_with(with_size, &[("size", rules::format_size(bytes, i18n.locale))])
                    }
                    Err(_) => i18n.t(without_size),
                }
            })}
        </Suspense>
    }
}

/// The preview under the file input `input`, once the server's size limit is known.
#[component]
fn Preview(input: String) -> impl IntoView {
    let i18n = use_i18n();
    let max = OnceResource::new(evidence_max_bytes());
    let text = PreviewText {
        too_large: i18n.t_with("evidence-error-too-large", &[("size", "#".to_owned())]),
        unsupported: i18n.t("evidence-error-unsupported"),
        preview_alt: i18n.t("evidence-preview-alt"),
    };
    view! {
        <Suspense>
            {move || {
                let input = input.clone();
                let text = text.clone();
                Suspend::new(async move {
                    max.await.ok().map(|max_bytes| {
                        view! { <FilePreview input max_bytes locale=i18n.locale text /> }
                    })
                })
            }}
        </Suspense>
    }
}

/// Upload a photo, screenshot or PDF to a step (or to one friction on it).
#[component]
pub fn EvidenceUpload(
    walkthrough_id: i64,
    step_id: i64,
    #[prop(optional)] friction_id: Option<i64>,
    #[prop(into)] return_to: String,
) -> impl IntoView {
    let i18n = use_i18n();
    // Several forms can share a page (one per step or friction): ids must stay unique.
    let scope = match friction_id {
        Some(f) => format!("{step_id}-f{f}"),
        None => step_id.to_string(),
    };
    let file_id = format!("evidence-file-{scope}");
    let hint_id = format!("{file_id}-hint");
    let caption_id = format!("evidence-caption-{scope}");
    view! {
        <form
            class="evidence-upload"
            method="post"
            action="/evidence"
            enctype="multipart/form-data"
        >
            // Hidden fields first: the browser sends them before the file, so the server knows
            // where to send the person back even when the file turns out too large.
            <input type="hidden" name="return_to" value=return_to />
            <input type="hidden" name="walkthrough_id" value=walkthrough_id.to_string() />
            <input type="hidden" name="step_id" value=step_id.to_string() />
            {friction_id
                .map(|f| view! { <input type="hidden" name="friction_id" value=f.to_string() /> })}
            <div class="field">
                <label class="field__label" for=file_id.clone()>
                    {i18n.t("evidence-file-label")}
                </label>
                <p class="field__hint" id=hint_id.clone()>
                    <AllowedFilesHint />
                </p>
                <input
                    class="field__input evidence-upload__file"
                    id=file_id.clone()
                    type="file"
                    name="file"
                    accept=ACCEPT_ATTRIBUTE
                    required=true
                    aria-describedby=hint_id
                />
                <Preview input=file_id />
            </div>
            <div class="field">
                <label class="field__label" for=caption_id.clone()>
                    {i18n.t("evidence-caption-label")}
                    " "
                    <span class="field__optional">{i18n.t("optional")}</span>
                </label>
                <input
                    class="field__input"
                    id=caption_id
                    type="text"
                    name="caption"
                    maxlength=rules::CAPTION_MAX_CHARS.to_string()
                    autocomplete="off"
                />
            </div>
            <button type="submit" class="btn btn--secondary">
                {i18n.t("evidence-upload-submit")}
            </button>
        </form>
    }
}

fn kind_label(i18n: I18n, item: &EvidenceItem) -> String {
    match EvidenceKind::from_content_type(&item.content_type) {
        Some(EvidenceKind::Pdf) => i18n.t("evidence-kind-pdf"),
        _ => i18n.t("evidence-kind-image"),
    }
}

/// The evidence of a step: thumbnails that open the full photo, PDFs as download links with their
/// size, and a delete button per item for the owner while the walkthrough is in progress.
#[component]
pub fn EvidenceList(
    items: Vec<EvidenceItem>,
    #[prop(optional)] can_delete: bool,
    #[prop(into)] return_to: String,
) -> impl IntoView {
    let i18n = use_i18n();
    if items.is_empty() {
        return None;
    }
    let rows = items
        .into_iter()
        .map(|item| {
            let href = routes::evidence(item.id);
            let name = if item.caption.is_empty() {
                item.original_name.clone()
            } else {
                item.caption.clone()
            };
            let size = rules::format_size(item.byte_size.max(0) as u64, i18n.locale);
            let body = if item.has_thumbnail {
                let thumb = routes::evidence_thumbnail(item.id);
                let caption = (!item.caption.is_empty()).then(|| item.caption.clone());
                view! {
                    <a class="evidence-item__thumb" href=href>
                        <img src=thumb alt=name.clone() loading="lazy" decoding="async" />
                    </a>
                    {caption.map(|c| view! { <p class="evidence-item__caption">{c}</p> })}
                }
                .into_any()
            } else {
                let meta = format!("{}, {size}", kind_label(i18n, &item));
                let caption = (!item.caption.is_empty()).then(|| item.caption.clone());
                view! {
                    <a class="evidence-item__file" href=href>
                        <svg
                            class="evidence-item__icon"
                            viewBox="0 0 24 24"
                            aria-hidden="true"
                            focusable="false"
                        >
                            <path
                                d="M6 2h8l6 6v14H6z M14 2v6h6"
                                fill="none"
                                stroke="currentColor"
                                stroke-width="1.5"
                                stroke-linejoin="round"
                            />
                        </svg>
                        <span class="evidence-item__name">{item.original_name.clone()}</span>
                    </a>
                    <p class="evidence-item__meta">{meta}</p>
                    {caption.map(|c| view! { <p class="evidence-item__caption">{c}</p> })}
                }
                .into_any()
            };
            let delete = can_delete.then(|| {
                view! {
                    <form
                        class="evidence-item__delete"
                        method="post"
                        action=routes::evidence_delete(item.id)
                    >
                        <input type="hidden" name="return_to" value=return_to.clone() />
                        <button
                            type="submit"
                            class="btn btn--ghost btn--small"
                            aria-label=i18n.t_with("evidence-delete-named", &[("name", name.clone())])
                        >
                            {i18n.t("evidence-delete")}
                        </button>
                    </form>
                }
            });
            view! { <li class="evidence-item">{body} {delete}</li> }
        })
        .collect_view();
    Some(view! {
        <ul class="evidence-list" aria-label=i18n.t("evidence-list-label")>
            {rows}
        </ul>
    })
}

/// Note something in the moment: one line and optionally a photo. It becomes a friction marked
/// incomplete; its details are filled in later.
#[component]
pub fn QuickCapture(
    walkthrough_id: i64,
    step_id: i64,
    #[prop(into)] return_to: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let title_id = format!("quick-capture-title-{step_id}");
    let title_hint_id = format!("{title_id}-hint");
    let photo_id = format!("quick-capture-photo-{step_id}");
    let photo_hint_id = format!("{photo_id}-hint");
    view! {
        <form
            class="quick-capture"
            method="post"
            action="/quick-capture"
            enctype="multipart/form-data"
        >
            <input type="hidden" name="return_to" value=return_to />
            <input type="hidden" name="walkthrough_id" value=walkthrough_id.to_string() />
            <input type="hidden" name="step_id" value=step_id.to_string() />
            <div class="field quick-capture__title">
                <label class="field__label" for=title_id.clone()>
                    {i18n.t("quick-capture-title-label")}
                </label>
                <p class="field__hint" id=title_hint_id.clone()>
                    {i18n.t("quick-capture-title-hint")}
                </p>
                <input
                    class="field__input"
                    id=title_id
                    type="text"
                    name="title"
                    required=true
                    maxlength=rules::QUICK_TITLE_MAX_CHARS.to_string()
                    autocomplete="off"
                    enterkeyhint="send"
                    aria-describedby=title_hint_id
                />
            </div>
            <div class="field quick-capture__photo">
                <label class="field__label" for=photo_id.clone()>
                    {i18n.t("quick-capture-photo-label")}
                    " "
                    <span class="field__optional">{i18n.t("optional")}</span>
                </label>
                <p class="field__hint" id=photo_hint_id.clone()>
                    <AllowedFilesHint images_only=true />
                </p>
                <input
                    class="field__input"
                    id=photo_id.clone()
                    type="file"
                    name="file"
                    accept=ACCEPT_IMAGES
                    aria-describedby=photo_hint_id
                />
                <Preview input=photo_id />
            </div>
            <button type="submit" class="btn btn--primary">
                {i18n.t("quick-capture-submit")}
            </button>
        </form>
    }
}

/// The outcome of the last evidence post, read from the URL (`?evidence=ok` or
/// `?evidence_error=<key>`). Only keys the server sends are shown; anything else is ignored.
#[component]
pub fn EvidenceNotice() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    move || {
        let (notice, error) = query.with(|q| {
            (
                q.get("evidence").and_then(|v| rules::notice_key(&v)),
                q.get("evidence_error")
                    .and_then(|v| rules::known_error_key(&v)),
            )
        });
        if let Some(key) = error {
            let message = if key == rules::ERROR_TOO_LARGE {
                view! { <TooLargeMessage /> }.into_any()
            } else {
                i18n.t(key).into_any()
            };
            Some(view! { <div class="alert alert--error" role="alert">{message}</div> }.into_any())
        } else {
            notice.map(|key| {
                view! { <div class="alert alert--success" role="status">{i18n.t(key)}</div> }
                    .into_any()
            })
        }
    }
}

#[component]
fn TooLargeMessage() -> impl IntoView {
    let i18n = use_i18n();
    let max = OnceResource::new(evidence_max_bytes());
    view! {
        <Suspense fallback=move || i18n.t("evidence-error-too-large-plain")>
            {move || Suspend::new(async move {
                match max.await {
                    Ok(bytes) => {
                        i18n.t_with(
                            rules::ERROR_TOO_LARGE,
                            &[("size", rules::format_size(bytes, i18n.locale))],
                        )
                    }
                    Err(_) => i18n.t("evidence-error-too-large-plain"),
                }
            })}
        </Suspense>
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;
    use crate::domain::Locale;

    fn item(id: i64, content_type: &str, thumb: bool, name: &str, caption: &str) -> EvidenceItem {
        EvidenceItem {
            id,
            step_id: 1,
            friction_id: None,
            content_type: content_type.to_owned(),
            byte_size: 2_621_440,
            has_thumbnail: thumb,
            original_name: name.to_owned(),
            caption: caption.to_owned(),
        }
    }

    fn render_list(items: Vec<EvidenceItem>, can_delete: bool) -> String {
        Owner::new().with(|| {
            provide_context(I18n::new(Locale::Nl));
            view! { <EvidenceList items can_delete return_to="/walk/1?step=2" /> }.to_html()
        })
    }

    #[test]
    fn list_shows_thumbnails_with_alt_text_and_pdfs_with_their_size() {
        let html = render_list(
            vec![
                item(7, "image/jpeg", true, "IMG_1.jpg", "Wachtrij"),
                item(8, "image/png", true, "scherm.png", ""),
                item(9, "application/pdf", false, "brief.pdf", ""),
            ],
            false,
        );
        assert!(html.contains(r#"href="/evidence/7""#), "{html}");
        assert!(html.contains(r#"src="/evidence/7/thumb""#));
        assert!(html.contains(r#"alt="Wachtrij""#));
        assert!(html.contains(r#"alt="scherm.png""#));
        assert!(html.contains(r#"href="/evidence/9""#));
        assert!(html.contains("PDF, 2,5 MB"));
        assert!(!html.contains("/delete"), "no delete without permission");
    }

    #[test]
    fn delete_buttons_post_back_with_a_named_label_and_names_are_escaped() {
        let html = render_list(
            vec![item(
                3,
                "application/pdf",
                false,
                "<script>x</script>.pdf",
                "",
            )],
            true,
        );
        assert!(html.contains(r#"action="/evidence/3/delete""#), "{html}");
        assert!(html.contains(r#"method="post""#));
        assert!(html.contains(r#"name="return_to" value="/walk/1?step=2""#));
        assert!(html.contains("&lt;script&gt;x&lt;/script&gt;.pdf verwijderen"));
        assert!(!html.contains("<script>x"));
    }

    #[test]
    fn an_empty_list_renders_nothing() {
        assert_eq!(render_list(vec![], true).replace("<!>", ""), "");
    }
}
