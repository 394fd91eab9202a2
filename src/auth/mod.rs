//! Who is signed in. `CurrentUser` and `SessionInfo` are shared with the browser; hashing and
//! session access are server-only.

#[cfg(feature = "ssr")]
pub mod password;
#[cfg(feature = "ssr")]
pub mod session;

use crate::domain::{Locale, RoleSet};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CurrentUser {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub roles: RoleSet,
    /// The person's chosen language for the interface.
    pub locale: Locale,
    /// An admin typed the password: nothing but changing it works until they did.
    #[serde(default)]
    pub must_change_password: bool,
}

/// What every page needs to know before rendering: who is signed in and in which language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionInfo {
    pub user: Option<CurrentUser>,
    pub locale: Locale,
    /// Demo data is loaded: the sign-in page lists the demo accounts.
    pub demo: bool,
    /// Unread notifications of the signed-in person, for the bell in the header.
    #[serde(default)]
    pub unread_notifications: i64,
}
