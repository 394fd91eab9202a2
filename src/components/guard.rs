//! Page guards: send anonymous visitors to sign-in and show a 403 page to people without the role.
//! They only decide what to render; every server function checks the role again.

use crate::auth::CurrentUser;
use crate::components::errors::Forbidden;
use crate::domain::RoleSet;
use crate::routes;
use crate::session_context::use_session;
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_location;

/// Renders `children` with the signed-in user if `allowed` accepts their roles.
#[component]
pub fn RequireRole<F, IV>(allowed: fn(&RoleSet) -> bool, children: F) -> impl IntoView
where
    F: Fn(CurrentUser) -> IV + Send + Sync + 'static,
    IV: IntoView + 'static,
{
    let session = use_session();
    match session.user {
        None => {
            let location = use_location();
            let here = format!(
                "{}{}",
                location.pathname.get_untracked(),
                location.search.get_untracked()
            );
            let next = (here != "/" && !here.is_empty()).then(|| urlencode(&here));
            view! { <Redirect path=routes::login(next.as_deref()) /> }.into_any()
        }
        Some(user) if allowed(&user.roles) => children(user).into_view().into_any(),
        Some(_) => view! { <Forbidden /> }.into_any(),
    }
}

pub use crate::domain::role::any_role;

pub use crate::routes::urlencode;

#[cfg(test)]
mod tests {
    use super::urlencode;

    #[test]
    fn encodes_query_characters() {
        assert_eq!(
            urlencode("/admin/people?q=a b&x=1"),
            "/admin/people%3Fq%3Da%20b%26x%3D1"
        );
    }
}
