//! The in-app notifications of the signed-in person: the count for the bell, the list (newest
//! first, paged by id), marking one or all read; and, for reviewers, what waits for them.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

// The rows the db layer returns are domain types; re-exported for the pages.
pub use crate::domain::notification::NotificationItem;

/// One page of notifications and, for a reviewer, the presentations waiting for them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NotificationsPage {
    pub items: Vec<NotificationItem>,
    /// The id to page on for older ones, when there are more.
    pub older: Option<i64>,
    pub unread: i64,
    pub to_review: Vec<crate::domain::presentation::AwaitingReview>,
}

/// Notifications per page.
pub const PAGE_SIZE: i64 = 50;
/// At most this many presentations are listed as waiting for the reviewer.
pub const TO_REVIEW_LIMIT: i64 = 20;

/// How many unread notifications the signed-in person has.
#[server(endpoint = "notifications/unread")]
pub async fn unread_notifications() -> Result<i64, AppError> {
    super::ssr::serve(async |ctx| {
        let user = ctx.require_user().await?;
        Ok(crate::db::notification::unread_count(&ctx.state.pool, user.id).await?)
    })
    .await
}

/// The signed-in person's notifications older than `before` (an id), newest first.
#[server(endpoint = "notifications/list")]
pub async fn load_notifications(before: Option<i64>) -> Result<NotificationsPage, AppError> {
    super::ssr::serve(async |ctx| {
        let user = ctx.require_user().await?;
        let pool = &ctx.state.pool;
        let mut items = crate::db::notification::list(pool, user.id, before, PAGE_SIZE + 1).await?;
        let older = if items.len() as i64 > PAGE_SIZE {
            items.truncate(PAGE_SIZE as usize);
            items.last().map(|n| n.id)
        } else {
            None
        };
        let to_review = if user.roles.has(crate::domain::Role::Reviewer) {
            crate::db::presentation::meeting::awaiting_review(pool, user.id, TO_REVIEW_LIMIT)
                .await?
        } else {
            Vec::new()
        };
        Ok(NotificationsPage {
            items,
            older,
            unread: crate::db::notification::unread_count(pool, user.id).await?,
            to_review,
        })
    })
    .await
}

/// Marks one of the signed-in person's notifications read; someone else's is NotFound.
#[server(endpoint = "notifications/read")]
pub async fn mark_notification_read(id: i64) -> Result<(), AppError> {
    super::ssr::Serve::new()
        .redirect(|_| crate::routes::NOTIFICATIONS.to_owned())
        .run(async |ctx| {
            let user = ctx.require_user().await?;
            if crate::db::notification::mark_read(&ctx.state.pool, user.id, id).await? {
                Ok(())
            } else {
                Err(AppError::NotFound)
            }
        })
        .await
}

/// Marks all of the signed-in person's notifications read.
#[server(endpoint = "notifications/read-all")]
pub async fn mark_all_notifications_read() -> Result<u64, AppError> {
    super::ssr::Serve::new()
        .redirect(|_| crate::routes::NOTIFICATIONS.to_owned())
        .run(async |ctx| {
            let user = ctx.require_user().await?;
            Ok(crate::db::notification::mark_all_read(&ctx.state.pool, user.id).await?)
        })
        .await
}
