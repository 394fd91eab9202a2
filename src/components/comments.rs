//! Comments under a presentation: read by everyone who may read it, plain text (Leptos escapes
//! it), newest last; the writer edits or deletes their own. Plain form posts, no JavaScript needed.

use crate::api::presentation::social::{AddComment, DeleteComment, EditComment};
use crate::components::form::{ErrorSummary, TextArea, field_message};
use crate::domain::presentation::Comment;
use crate::domain::text;
use crate::i18n::use_i18n;
use leptos::prelude::*;

#[component]
pub fn Comments(
    presentation_id: i64,
    viewer_id: i64,
    comments: Vec<Comment>,
    /// what a rejected plain post typed
    draft: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let add = ServerAction::<AddComment>::new();
    let error = Signal::derive(move || add.value().get().and_then(|r| r.err()));
    let count = comments.len() as i64;
    view! {
        <section class="comments" id="comments" aria-labelledby="comments-heading">
            <h2 id="comments-heading">{i18n.t_count("library-comments", count)}</h2>
            {comments.is_empty().then(|| view! { <p class="empty-state">{i18n.t("comment-empty")}</p> })}
            <ol class="comments__list" role="list">
                {comments.into_iter().map(|c| {
                    let own = c.person_id == viewer_id;
                    view! { <CommentItem comment=c own /> }
                }).collect_view()}
            </ol>
            <ActionForm action=add attr:class="form comments__form">
                <input type="hidden" name="presentation_id" value=presentation_id />
                <ErrorSummary error=error />
                <TextArea name="body" field="body" label=i18n.t("comment-new") value=draft rows=3 required=true
                    max=text::SHORT error=field_message(error, "body") />
                <div class="form__actions">
                    <button class="btn btn--primary" type="submit">{i18n.t("comment-submit")}</button>
                </div>
            </ActionForm>
        </section>
    }
}

#[component]
fn CommentItem(comment: Comment, own: bool) -> impl IntoView {
    let i18n = use_i18n();
    let edit = ServerAction::<EditComment>::new();
    let delete = ServerAction::<DeleteComment>::new();
    let edit_error = Signal::derive(move || edit.value().get().and_then(|r| r.err()));
    let field = format!("comment-{}-body", comment.id);
    let when = i18n.datetime(comment.created_at);
    view! {
        <li class="comment" id=format!("comment-{}", comment.id)>
            <p class="comment__meta">
                <strong>{comment.author_name.clone()}</strong>" "
                <span>{when}</span>
                {comment.edited.then(|| view! { " " <span class="comment__edited">{i18n.t("comment-edited")}</span> })}
            </p>
            <p class="comment__body">{comment.body.clone()}</p>
            {own.then(|| view! {
                <details class="comment__edit">
                    <summary>{i18n.t("comment-edit")}</summary>
                    <ActionForm action=edit attr:class="form">
                        <input type="hidden" name="comment_id" value=comment.id />
                        <ErrorSummary error=edit_error />
                        <div class="field">
                            <label class="field__label" for=field.clone()>{i18n.t("comment-edit-label")}</label>
                            <textarea class="field__input field__input--area" id=field.clone() name="body" rows="3"
                                required=true>{comment.body.clone()}</textarea>
                        </div>
                        <button class="btn btn--secondary btn--small" type="submit">{i18n.t("comment-save")}</button>
                    </ActionForm>
                </details>
                <ActionForm action=delete attr:class="comment__delete">
                    <input type="hidden" name="comment_id" value=comment.id />
                    <button class="btn btn--ghost btn--small" type="submit">{i18n.t("comment-delete")}</button>
                </ActionForm>
            })}
        </li>
    }
}
