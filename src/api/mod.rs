//! Server functions: thin wrappers that authorize, validate through `domain`, and call `db`.

pub mod access;
pub mod audit;
pub mod dashboard;
#[cfg(feature = "ssr")]
pub mod dashboard_export;
pub mod evidence;
pub mod import;
#[cfg(feature = "ssr")]
pub mod import_upload;
pub mod improvement;
pub mod journeys;
pub mod licence;
pub mod licence_import;
pub mod notification;
pub mod org;
pub mod people;
pub mod presentation;
pub mod session;
pub mod walkthrough;

#[cfg(feature = "ssr")]
pub(crate) mod ssr {
    use crate::auth::CurrentUser;
    use crate::error::AppError;
    use crate::state::AppState;
    use axum::http::header::{LOCATION, SET_COOKIE};
    use axum::http::request::Parts;
    use axum::http::{HeaderValue, StatusCode};
    use leptos::prelude::*;
    use leptos_axum::ResponseOptions;
    use std::collections::BTreeMap;
    use tower_sessions::Session;

    /// What a server function needs from its request. Captured once, before the first `.await`:
    /// while a page renders on the server, context lookups after an await are not reliable.
    pub struct Ctx {
        pub state: AppState,
        pub session: Session,
        /// A browser form post without JavaScript: answered with a redirect, never an error status.
        plain_form: bool,
        /// The page a rejected plain form post was sent back to (its URL carries the error).
        error_page: bool,
        /// The signed-in user the page middleware already loaded for this request, if it ran.
        page_user: Option<Option<CurrentUser>>,
        response: Option<ResponseOptions>,
        /// Where the request came from (the TCP peer), for the sign-in throttle.
        address: Option<std::net::IpAddr>,
    }

    /// The request context of the running server function. `#[track_caller]`: when a piece of
    /// the context is missing, the log names the server function that asked for it.
    #[track_caller]
    pub fn ctx() -> Result<Ctx, AppError> {
        let Some(state) = use_context::<AppState>() else {
            // Nothing in the context at all: the browser went away while its page rendered and
            // the page's owner was disposed; this load's answer has nobody to go to.
            if use_context::<Parts>().is_none() {
                tracing::info!(
                    at = %std::panic::Location::caller(),
                    "server function of an abandoned page render"
                );
                return Err(AppError::Internal);
            }
            return Err(AppError::internal(
                "server function",
                "AppState missing from context",
            ));
        };
        let Some(parts) = use_context::<Parts>() else {
            return Err(AppError::internal(
                "server function",
                "request parts missing from context",
            ));
        };
        let Some(session) = parts.extensions.get::<Session>().cloned() else {
            return Err(AppError::internal(
                "server function",
                "session layer missing",
            ));
        };
        let plain_form = crate::error::is_plain_form(&parts);
        let error_page = parts.uri.query().is_some_and(|q| q.contains("__err="));
        let page_user = parts
            .extensions
            .get::<crate::auth::SessionInfo>()
            .map(|info| info.user.clone());
        Ok(Ctx {
            state,
            session,
            plain_form,
            error_page,
            page_user,
            response: use_context::<ResponseOptions>(),
            address: parts
                .extensions
                .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
                .map(|info| info.0.ip()),
        })
    }

    /// Runs a server function's body with its request context and gives errors their HTTP
    /// status. The common case; see [`Serve`] for forms that keep a draft or redirect.
    ///
    /// ```ignore
    /// #[server(endpoint = "things/list")]
    /// pub async fn list_things() -> Result<Vec<Thing>, AppError> {
    ///     super::ssr::serve(async |ctx| {
    ///         ctx.require(|r| r.can_walk()).await?;
    ///         Ok(crate::db::thing::list(&ctx.state.pool).await?)
    ///     })
    ///     .await
    /// }
    /// ```
    #[track_caller]
    pub fn serve<'a, T: 'a>(
        body: impl AsyncFnOnce(&Ctx) -> Result<T, AppError> + 'a,
    ) -> impl Future<Output = Result<T, AppError>> + 'a {
        Serve::new().run(body)
    }

    /// What a server function does after its body, declared before it: keep what a rejected plain
    /// form post typed, and where a successful plain form post goes next.
    ///
    /// ```ignore
    /// super::ssr::Serve::new()
    ///     .keep_draft("walk_finish", form.draft_fields())
    ///     .redirect(|_| routes::walkthrough(form.walkthrough_id))
    ///     .run(async |ctx| { /* authorize, validate, write */ Ok(()) })
    ///     .await
    /// ```
    #[must_use = "a Serve does nothing until `run`"]
    pub struct Serve<'a, T> {
        draft: Option<(&'a str, Vec<(&'static str, String)>)>,
        redirect: Option<Redirect<'a, T>>,
    }

    /// Where a successful plain form post goes next, made from the result.
    type Redirect<'a, T> = Box<dyn FnOnce(&T) -> String + Send + 'a>;

    impl<T> Default for Serve<'_, T> {
        fn default() -> Self {
            Serve {
                draft: None,
                redirect: None,
            }
        }
    }

    impl<'a, T: 'a> Serve<'a, T> {
        pub fn new() -> Self {
            Self::default()
        }

        /// Without JavaScript a rejected form comes back as a fresh page: keep `fields` in the
        /// session under `form` on error, forget them on success. Never pass passwords here.
        pub fn keep_draft(mut self, form: &'a str, fields: Vec<(&'static str, String)>) -> Self {
            self.draft = Some((form, fields));
            self
        }

        /// After success, send a plain form post on to the path `to` makes of the result.
        pub fn redirect(mut self, to: impl FnOnce(&T) -> String + Send + 'a) -> Self {
            self.redirect = Some(Box::new(to));
            self
        }

        /// Captures the request context now (before any `.await`), runs `body`, then applies the
        /// declared post-steps and [`Ctx::respond`].
        #[track_caller]
        pub fn run(
            self,
            body: impl AsyncFnOnce(&Ctx) -> Result<T, AppError> + 'a,
        ) -> impl Future<Output = Result<T, AppError>> + 'a {
            let ctx = ctx();
            async move {
                let ctx = ctx?;
                let result = body(&ctx).await;
                if let Some((form, fields)) = &self.draft {
                    ctx.keep_draft_on_error(&result, form, fields).await;
                }
                if let (Ok(value), Some(to)) = (&result, self.redirect) {
                    ctx.redirect_plain_form(&to(value));
                }
                ctx.respond(result)
            }
        }
    }

    /// Session key under which a rejected plain form post keeps what was typed.
    fn draft_key(form: &str) -> String {
        format!("draft:{form}")
    }

    impl Ctx {
        /// The signed-in user; while a page renders, the one its middleware loaded (no second query).
        /// The client's address, when the server was started with connection info.
        pub fn client_address(&self) -> Option<std::net::IpAddr> {
            self.address
        }

        pub async fn user(&self) -> Result<Option<CurrentUser>, AppError> {
            match &self.page_user {
                Some(user) => Ok(user.clone()),
                None => crate::auth::session::current_user(&self.state, &self.session).await,
            }
        }

        /// The signed-in user; refused while their password is temporary (an admin typed it),
        /// so nothing but changing it works until they chose their own.
        pub async fn require_user(&self) -> Result<CurrentUser, AppError> {
            let user = self.require_signed_in().await?;
            if user.must_change_password {
                tracing::info!(
                    person_id = user.id,
                    "refused: temporary password not changed yet"
                );
                return Err(AppError::Refused(
                    crate::domain::Refusal::AccessPasswordChangeRequired,
                ));
            }
            Ok(user)
        }

        /// The signed-in user, also with a temporary password: only for changing it.
        pub async fn require_signed_in(&self) -> Result<CurrentUser, AppError> {
            self.user().await?.ok_or(AppError::Unauthenticated)
        }

        /// The signed-in user if `allowed` accepts their roles, else `Forbidden`.
        pub async fn require(
            &self,
            allowed: impl Fn(&crate::domain::RoleSet) -> bool,
        ) -> Result<CurrentUser, AppError> {
            let user = self.require_user().await?;
            if allowed(&user.roles) {
                Ok(user)
            } else {
                tracing::warn!(person_id = user.id, "forbidden server function call");
                Err(AppError::Forbidden)
            }
        }

        /// Sends plain form posts on to `path` after success; with JavaScript the page navigates itself.
        pub fn redirect_plain_form(&self, path: &str) {
            if self.plain_form
                && let (Some(response), Ok(location)) =
                    (&self.response, HeaderValue::from_str(path))
            {
                response.insert_header(LOCATION, location);
                response.set_status(StatusCode::FOUND);
            }
        }

        pub fn set_cookie(&self, cookie: &str) {
            if let (Some(response), Ok(value)) = (&self.response, HeaderValue::from_str(cookie)) {
                response.append_header(SET_COOKIE, value);
            }
        }

        /// Gives an error answer its HTTP status (403, 422, ...). Plain form posts keep their
        /// redirect, which carries the error back to the form.
        pub fn respond<T>(&self, result: Result<T, AppError>) -> Result<T, AppError> {
            if let Err(err) = &result
                && !self.plain_form
                && let (Some(response), Ok(status)) =
                    (&self.response, StatusCode::from_u16(err.status_code()))
            {
                response.set_status(status);
            }
            result
        }

        /// Without JavaScript a rejected form comes back as a fresh page, so what the person typed
        /// is kept in their session for that page; a success forgets it. Never pass passwords here.
        pub async fn keep_draft_on_error<T>(
            &self,
            result: &Result<T, AppError>,
            form: &str,
            fields: &[(&str, String)],
        ) {
            if !self.plain_form {
                return;
            }
            let stored = if result.is_err() {
                let map: BTreeMap<&str, &String> = fields.iter().map(|(k, v)| (*k, v)).collect();
                self.session.insert(&draft_key(form), map).await
            } else {
                self.session
                    .remove_value(&draft_key(form))
                    .await
                    .map(|_| ())
            };
            if let Err(e) = stored {
                tracing::warn!(form, error = %e, "could not keep form draft");
            }
        }

        /// The draft a rejected plain form post left for `form`, but only on the page it was sent
        /// back to, so a later visit starts empty. It is read, not removed: a page may render twice.
        pub async fn draft(&self, form: &str) -> Result<BTreeMap<String, String>, AppError> {
            if !self.error_page {
                return Ok(BTreeMap::new());
            }
            Ok(self
                .session
                .get::<BTreeMap<String, String>>(&draft_key(form))
                .await
                .map_err(|e| AppError::internal("session draft", e))?
                .unwrap_or_default())
        }
    }
}
