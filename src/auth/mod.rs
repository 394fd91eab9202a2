//! Who is signed in. `CurrentUser` is shared with the browser; hashing and session access are server-only.

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
