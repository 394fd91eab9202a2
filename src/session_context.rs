//! Who is looking at the page: the signed-in person (if any) and whether demo data is on. The
//! shell provides it once per request (`app::App`); pages and components read it with
//! [`use_session`] without importing the shell.

use crate::auth::CurrentUser;
use leptos::prelude::*;

/// Who is signed in (None on the sign-in page), provided to every page.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionContext {
    pub user: Option<CurrentUser>,
    pub demo: bool,
    /// Unread notifications, shown on the bell.
    pub unread_notifications: i64,
}

pub fn use_session() -> SessionContext {
    use_context::<SessionContext>().unwrap_or(SessionContext {
        user: None,
        demo: false,
        unread_notifications: 0,
    })
}
