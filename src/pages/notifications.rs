//! `/notifications`: the signed-in person's notifications, newest first, 50 a page, each marked
//! read on its own or all at once; reviewers also see what waits for their confirmation.

use crate::api::notification::{
    MarkAllNotificationsRead, MarkNotificationRead, NotificationItem, NotificationsPage as Data,
    load_notifications,
};
use crate::api::presentation::meeting::AwaitingReview;
use crate::components::guard::{RequireRole, any_role};
use crate::components::layout::PageHeader;
use crate::components::load::Loaded;
use crate::i18n::{I18n, use_i18n};
use crate::routes;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// `/notifications`, `?before=<id>` for older ones.
#[component]
pub fn NotificationsPage() -> impl IntoView {
    let query = use_query_map();
    let before = Memo::new(move |_| {
        query
            .with(|q| q.get("before"))
            .and_then(|b| b.parse::<i64>().ok())
    });
    let data = Resource::new(move || before.get(), load_notifications);
    let i18n = use_i18n();
    view! {
        <RequireRole allowed=any_role children=move |_| view! {
            <PageHeader title=i18n.t("notifications-title") />
            <Loaded resource=data children=move |page| view! { <Notifications page paged=before.get_untracked().is_some() /> } />
        } />
    }
}

/// The sentence of one notification and where it leads.
fn describe(i18n: I18n, n: &NotificationItem) -> (String, String) {
    let args = |extra: Option<(&'static str, String)>| {
        let mut a = vec![("name", n.actor_name.clone()), ("title", n.title.clone())];
        a.extend(extra);
        a
    };
    let id = n.presentation_id.unwrap_or_default();
    if n.kind.starts_with("licence_") {
        // A reminder with someone else in it is the copy for the holder's manager.
        let href =
            if n.kind == "licence_reminder" && !n.actor_name.is_empty() && n.detail != "nudge" {
                routes::TEAM_LICENCES
            } else {
                routes::MY_LICENCE
            };
        return (describe_licence(i18n, n), href.to_owned());
    }
    if let Some(described) = describe_improvement(i18n, n) {
        return described;
    }
    match n.kind.as_str() {
        "comment" => (
            i18n.t_with("notification-comment", &args(None)),
            routes::presentation(id),
        ),
        "recognition" => (
            i18n.t_with("notification-recognition", &args(None)),
            routes::presentation(id),
        ),
        "confirmed" => (
            i18n.t_with("notification-confirmed", &args(None)),
            routes::presentation_meeting(id),
        ),
        "sent_back" => (
            i18n.t_with(
                "notification-sent-back",
                &args(Some(("comment", n.comment.clone()))),
            ),
            routes::presentation_meeting(id),
        ),
        _ => (
            i18n.t_with("notification-meeting", &args(None)),
            routes::presentation_meeting(id),
        ),
    }
}

/// The sentence of an improvement notification and its link: the improvement's page, or for a
/// friction closed without action the reporter's walkthrough log, which shows the reason.
fn describe_improvement(i18n: I18n, n: &NotificationItem) -> Option<(String, String)> {
    let key = match n.kind.as_str() {
        "improvement_created" => "notification-improvement-created",
        "improvement_fixed" => "notification-improvement-fixed",
        "improvement_wont_fix" => "notification-improvement-wont-fix",
        "improvement_reopened" => "notification-improvement-reopened",
        "improvement_overdue" => "notification-improvement-overdue",
        "improvement_stale" => "notification-improvement-stale",
        "friction_no_action" => "notification-friction-no-action",
        _ => return None,
    };
    let text = i18n.t_with(
        key,
        &[("name", n.actor_name.clone()), ("title", n.title.clone())],
    );
    let href = match (n.improvement_id, n.walkthrough_id) {
        (Some(id), _) => routes::improvement(id),
        (None, Some(walk)) => routes::walkthrough(walk),
        (None, None) => routes::NOTIFICATIONS.to_owned(),
    };
    Some((text, href))
}

/// The sentence of a licence notification: reminders by their kind with the last valid day, and
/// decisions with who made them.
fn describe_licence(i18n: I18n, n: &NotificationItem) -> String {
    use crate::domain::licence::reminder::first::PREFIX as FIRST;
    let args = vec![
        (
            "date",
            n.valid_through.map(|d| i18n.day(d)).unwrap_or_default(),
        ),
        ("name", n.actor_name.clone()),
    ];
    // A nudge is sent by HR (the actor) to the holder; manager copies of reminders name the holder.
    let team = !n.actor_name.is_empty() && n.detail != "nudge";
    let key = match (n.kind.as_str(), n.detail.as_str()) {
        ("licence_reminder", "nudge") => "notification-licence-nudge",
        // Day-one reminders: never certified, so no date to name.
        ("licence_reminder", d) if d.starts_with(FIRST) && team => {
            "notification-licence-team-first"
        }
        ("licence_reminder", d) if d.starts_with(FIRST) => "notification-licence-first",
        ("licence_reminder", "expiry") if team => "notification-licence-team-expiry",
        ("licence_reminder", d) if team && d.starts_with("expired-") => {
            "notification-licence-team-expired"
        }
        ("licence_reminder", _) if team => "notification-licence-team-before",
        ("licence_window", _) => "notification-licence-window",
        ("licence_reminder", "expiry") => "notification-licence-expiry",
        ("licence_reminder", d) if d.starts_with("expired-") => "notification-licence-expired",
        ("licence_reminder", _) => "notification-licence-before",
        // Decisions about the licence, by the reviewer or HR.
        ("licence_signed", _) => "notification-licence-signed",
        ("licence_sent_back", _) => "notification-licence-sent-back",
        ("licence_certified", _) => "notification-licence-certified",
        ("licence_revoked", _) => "notification-licence-revoked",
        _ => "notification-licence-other",
    };
    i18n.t_with(key, &args)
}

#[component]
fn Notifications(page: Data, paged: bool) -> impl IntoView {
    let i18n = use_i18n();
    let all = ServerAction::<MarkAllNotificationsRead>::new();
    let empty = page.items.is_empty();
    view! {
        <div class="stack notifications">
            {(!page.to_review.is_empty()).then(|| view! { <ToReview items=page.to_review.clone() /> })}
            {(page.unread > 0).then(|| view! {
                <ActionForm action=all attr:class="notifications__all">
                    <button class="btn btn--secondary" type="submit">{i18n.t("notifications-mark-all")}</button>
                </ActionForm>
            })}
            {empty.then(|| view! { <p>{i18n.t("notifications-empty")}</p> })}
            <ul class="notification-list">
                {page.items.into_iter().map(|n| view! { <Notification n /> }).collect_view()}
            </ul>
            <p class="notifications__paging">
                {paged.then(|| view! { <a href=routes::NOTIFICATIONS>{i18n.t("notifications-newest")}</a> " " })}
                {page.older.map(|older| view! {
                    <a href=routes::with_query(routes::NOTIFICATIONS, "before", older) rel="next">{i18n.t("notifications-older")}</a>
                })}
            </p>
        </div>
    }
}

#[component]
fn Notification(n: NotificationItem) -> impl IntoView {
    let i18n = use_i18n();
    let (text, href) = describe(i18n, &n);
    let read = ServerAction::<MarkNotificationRead>::new();
    let unread = !n.read;
    view! {
        <li class="notification" class:notification--unread=unread>
            <p class="notification__text">
                {unread.then(|| view! { <span class="visually-hidden">{i18n.t("notifications-unread")} " "</span> })}
                <a href=href>{text}</a>
            </p>
            <p class="notification__meta">
                <time datetime=n.at.to_rfc3339()>{i18n.datetime(n.at)}</time>
            </p>
            {unread.then(|| view! {
                <ActionForm action=read attr:class="notification__read">
                    <input type="hidden" name="id" value=n.id />
                    <button class="btn btn--ghost btn--small" type="submit">{i18n.t("notifications-mark-read")}</button>
                </ActionForm>
            })}
        </li>
    }
}

#[component]
fn ToReview(items: Vec<AwaitingReview>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="card card--warning to-review" aria-labelledby="to-review-heading">
            <h2 class="card__title" id="to-review-heading">{i18n.t("to-review-heading")}</h2>
            <p>{i18n.t("to-review-lead")}</p>
            <ul class="to-review__list">
                {items.into_iter().map(|p| {
                    let text = i18n.t_with("to-review-item", &[("name", p.author_name), ("title", p.title)]);
                    view! {
                        <li>
                            <a href=routes::presentation_meeting(p.presentation_id)>{text}</a>
                            {p.presented_at.map(|at| view! { " · " <time datetime=at.to_rfc3339()>{i18n.date(at)}</time> })}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}
