//! The HTTP side of monitoring: [`track`] times every request and counts it under its route's
//! pattern, and [`metrics`] answers `GET /metrics` to whoever [`super::access`] lets in.
//!
//! Routing happens inside the layers, so the pattern is not known where a request starts:
//! [`mark_route`] (a route layer, running after the match) puts it on the response, where the
//! outer [`track`] reads it. Static files and unknown addresses have no pattern and count as
//! `unmatched`.

use crate::state::AppState;
use axum::extract::{ConnectInfo, MatchedPath, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::net::SocketAddr;
use std::time::Instant;

/// The route of a response, carried from [`mark_route`] to [`track`].
#[derive(Clone)]
struct Route(MatchedPath);

/// Times and counts every request (the outermost layer).
pub async fn track(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().as_str().to_owned();
    let response = next.run(request).await;
    let route = response
        .extensions()
        .get::<Route>()
        .map_or("unmatched", |r| r.0.as_str());
    super::request(
        route,
        &method,
        response.status().as_u16(),
        started.elapsed(),
    );
    response
}

/// Puts the matched route's pattern on the response (a route layer).
pub async fn mark_route(request: Request, next: Next) -> Response {
    let matched = request.extensions().get::<MatchedPath>().cloned();
    let mut response = next.run(request).await;
    if let Some(path) = matched {
        response.extensions_mut().insert(Route(path));
    }
    response
}

/// `GET /metrics`: the Prometheus text format, or 404 when metrics are off and 403 to anyone
/// else.
pub async fn metrics(State(state): State<AppState>, request: Request) -> Response {
    let access = &state.config.metrics_access;
    if !access.is_enabled() {
        return StatusCode::NOT_FOUND.into_response();
    }
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip());
    let authorization = request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok());
    if !access.permits(peer, authorization) {
        return StatusCode::FORBIDDEN.into_response();
    }
    let pool = crate::db::pool_use(&state.pool);
    super::pool(pool.in_use, pool.idle, pool.max);
    let handle = super::handle();
    handle.run_upkeep();
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/plain; version=0.0.4; charset=utf-8"),
        )],
        handle.render(),
    )
        .into_response()
}
