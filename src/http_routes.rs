//! The app's own HTTP routes (everything that is neither a page nor a server function: file
//! uploads and downloads, CSV exports, health checks) are added through [`Listed`], which
//! remembers each method and path as it routes it. The router and the list the authorization
//! matrix test walks are so one and the same: a route cannot be added without being listed.

use axum::Router;
use axum::handler::Handler;
use axum::http::Method;

/// A router that knows its routes.
pub struct Listed<S> {
    router: Router<S>,
    endpoints: Vec<(Method, &'static str)>,
}

impl<S: Clone + Send + Sync + 'static> Default for Listed<S> {
    fn default() -> Self {
        Listed {
            router: Router::new(),
            endpoints: Vec::new(),
        }
    }
}

impl<S: Clone + Send + Sync + 'static> Listed<S> {
    /// Routes `GET path` to `handler`.
    pub fn get<H: Handler<T, S>, T: 'static>(mut self, path: &'static str, handler: H) -> Self {
        self.router = self.router.route(path, axum::routing::get(handler));
        self.endpoints.push((Method::GET, path));
        self
    }

    /// Routes `POST path` to `handler`.
    pub fn post<H: Handler<T, S>, T: 'static>(mut self, path: &'static str, handler: H) -> Self {
        self.router = self.router.route(path, axum::routing::post(handler));
        self.endpoints.push((Method::POST, path));
        self
    }

    /// Wraps the routes added so far, e.g. in a layer; the list stays as it is.
    pub fn map_router(mut self, f: impl FnOnce(Router<S>) -> Router<S>) -> Self {
        self.router = f(self.router);
        self
    }

    /// Adds another list's routes.
    pub fn merge(mut self, other: Listed<S>) -> Self {
        self.router = self.router.merge(other.router);
        self.endpoints.extend(other.endpoints);
        self
    }

    /// Every method and path routed.
    pub fn endpoints(&self) -> &[(Method, &'static str)] {
        &self.endpoints
    }

    /// The router.
    pub fn into_router(self) -> Router<S> {
        self.router
    }
}
