//! Shared server state handed to every request and server function.

use crate::config::Config;
use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use std::sync::Arc;

#[derive(Clone)]
pub struct AppState {
    pub pool: crate::db::Db,
    pub config: Arc<Config>,
    pub leptos_options: LeptosOptions,
    /// Sign-in attempts per client address (`security::throttle`).
    pub sign_in_limiter: Arc<crate::security::address_limit::AddressLimiter>,
    /// "Wachtwoord vergeten?" requests per client address (`security::throttle::check_reset`).
    pub reset_limiter: Arc<crate::security::address_limit::AddressLimiter>,
    /// Licence verification lookups per client address (`VERIFY_PER_MINUTE`, `VERIFY_BURST`).
    pub verify_limiter: Arc<crate::security::address_limit::AddressLimiter>,
    /// Outgoing mail (`SMTP_URL`; disabled without it), shared with the reminder scheduler.
    pub mailer: crate::mail::Mailer,
    /// The HR dashboard's figures between data changes (`db::coverage::cache`).
    pub coverage_cache: Arc<crate::db::coverage::cache::CoverageCache>,
    /// CSV exports built at once (`export::routes::permit`): each holds its rows and file.
    pub exports: Arc<tokio::sync::Semaphore>,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}
