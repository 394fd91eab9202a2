//! Builds the HTTP server: database, sessions, health check, Leptos routes and static files.

use crate::app::{App, shell};
use crate::assets::{SiteAssets, hash_file_path, is_content_hashed};
use crate::config::Config;
use crate::http_routes::Listed;
use crate::state::AppState;
use crate::{db, demo, error::AppError};
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use leptos::config::LeptosOptions;
use leptos::prelude::*;
use leptos_axum::{AxumRouteListing, LeptosRoutes, generate_route_list};
use std::sync::Arc;
use tower_sessions::cookie::SameSite;
use tower_sessions::{ExpiredDeletion, Expiry, SessionManagerLayer};

/// How often expired session rows are deleted (also once at start-up).
const SESSION_SWEEP: std::time::Duration = std::time::Duration::from_secs(15 * 60);

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("cannot open database {url}: {source}")]
    Database { url: String, source: sqlx::Error },
    #[error("database migrations failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("session store set-up failed: {0}")]
    Sessions(sqlx::Error),
    #[error("loading demo data failed")]
    Demo(AppError),
    #[error("mail configuration: {0}")]
    Mail(String),
}

/// Leptos options from the environment cargo-leptos sets, falling back to this crate's defaults
/// so the binary also runs when built without cargo-leptos (as the build scripts do).
///
/// `hash_files` is switched on when a `hash.txt` lies next to the running binary (see
/// [`SiteAssets`]), whatever the environment says, so the page links exactly the built files.
pub fn leptos_options(config: &Config) -> LeptosOptions {
    let from_cargo_leptos = std::env::var_os("LEPTOS_OUTPUT_NAME").is_some()
        || option_env!("LEPTOS_OUTPUT_NAME").is_some();
    let fallback = || {
        LeptosOptions::builder()
            .output_name("klantenrijbewijs")
            .build()
    };
    let mut options = if from_cargo_leptos {
        leptos::config::get_configuration(None)
            .map(|c| c.leptos_options)
            .unwrap_or_else(|_| fallback())
    } else {
        fallback()
    };
    options.site_root = config.site_root.clone().into();
    options.site_addr = config.addr;
    options.hash_files = hash_file_path(&options).is_some_and(|p| p.is_file());
    options
}

const CACHE_IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// `/pkg/*`: the built wasm, JS and CSS from `<site root>/pkg`, as the brotli or gzip file built
/// beside it when the browser accepts one (`scripts/build-site.sh release` makes them).
/// Content-hashed names are kept by browsers for a year without asking again; plain names (debug
/// builds) are revalidated on every use.
fn pkg_service(options: &LeptosOptions) -> Router<AppState> {
    let dir = std::path::Path::new(options.site_root.as_ref()).join(options.site_pkg_dir.as_ref());
    let files = tower_http::services::ServeDir::new(dir)
        .precompressed_br()
        .precompressed_gzip();
    Router::new()
        .fallback_service(files)
        .layer(axum::middleware::from_fn(pkg_cache_control))
}

async fn pkg_cache_control(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let hashed = request
        .uri()
        .path()
        .rsplit('/')
        .next()
        .is_some_and(is_content_hashed);
    let mut response = next.run(request).await;
    let status = response.status();
    if status.is_success() || status == StatusCode::NOT_MODIFIED {
        use axum::http::{HeaderValue, header};
        let value = if hashed { CACHE_IMMUTABLE } else { "no-cache" };
        let headers = response.headers_mut();
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
        // The body depends on Accept-Encoding (a .br or .gz file, or the plain one).
        let varies = headers.get_all(header::VARY).iter().any(|v| {
            v.to_str()
                .is_ok_and(|v| v.to_ascii_lowercase().contains("accept-encoding"))
        });
        if !varies {
            headers.append(header::VARY, HeaderValue::from_static("accept-encoding"));
        }
    }
    response
}

/// The app's routes, listed once per process. Listing them renders the app with every resource
/// load suppressed by a process-wide flag; a page rendering at that moment in another server of
/// the same process (the integration tests start many) would wait for its data forever
/// (leptos-rs/leptos#4773).
fn route_list() -> Vec<AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<AxumRouteListing>> = std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// The app's pages, as listed from the route table in `app.rs`.
pub fn page_routes() -> Vec<AxumRouteListing> {
    route_list()
}

/// Every HTTP route that is neither a page, a server function nor a static file.
pub fn http_routes(config: &Config) -> Listed<AppState> {
    Listed::default()
        .get("/healthz", healthz)
        .get("/readyz", readyz)
        .get("/metrics", crate::monitoring::http::metrics)
        .merge(crate::evidence::routes(config))
        .merge(crate::export::routes::routes())
        .merge(crate::api::dashboard_export::routes())
        .merge(crate::api::improvement::overview::routes())
        .merge(crate::api::import_upload::routes())
}

/// Opens and migrates the database, loads demo data if asked, and returns the router.
pub async fn build(config: Config) -> Result<(Router, AppState), StartError> {
    let pool = db::connect(&config.database_url)
        .await
        .map_err(|source| StartError::Database {
            url: crate::mail::redact_url(&config.database_url),
            source,
        })?;
    // Counting starts with the first request.
    crate::monitoring::handle();
    db::migrate(&pool).await?;
    crate::evidence::sweep_orphans(&pool, &config.evidence_dir).await;
    let store = db::session_store(&pool)
        .await
        .map_err(StartError::Sessions)?;
    if config.demo_data {
        demo::seed::load_demo(&pool)
            .await
            .map_err(StartError::Demo)?;
    }
    crate::auth::password::warm_up();

    let session_layer = SessionManagerLayer::new(store.clone())
        .with_name("krb_session")
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(config.cookie_secure)
        .with_expiry(Expiry::OnInactivity(time::Duration::minutes(
            config.session_idle_minutes,
        )));
    sweep_sessions(&store).await;
    tokio::spawn(async move {
        let mut every = tokio::time::interval(SESSION_SWEEP);
        every.tick().await; // completes at once: the sweep above was the first
        loop {
            every.tick().await;
            sweep_sessions(&store).await;
        }
    });

    let mailer = crate::mail::Mailer::from_settings(config.smtp_url.as_deref(), &config.mail_from)
        .map_err(StartError::Mail)?;
    start_reminders(&pool, &config, &mailer);

    let leptos_options = leptos_options(&config);
    let assets = SiteAssets::load(&leptos_options);
    let verify_limiter = Arc::new(crate::security::address_limit::AddressLimiter::per_minute(
        config.verify_per_minute,
        config.verify_burst,
    ));
    let state = AppState {
        pool,
        config: Arc::new(config),
        leptos_options: leptos_options.clone(),
        sign_in_limiter: Arc::new(crate::security::address_limit::AddressLimiter::new()),
        reset_limiter: Arc::new(crate::security::throttle::reset_limiter()),
        verify_limiter,
        mailer,
        coverage_cache: Default::default(),
        exports: Arc::new(tokio::sync::Semaphore::new(crate::export::routes::AT_ONCE)),
    };
    let routes = route_list();
    let fallback_state = state.clone();
    let page_assets = assets.clone();
    let mut router = http_routes(&state.config).into_router();
    // Benchmarks only (scripts/bench.sh): a fixed page through the same layers, as the ceiling
    // the real pages are compared with. Off unless BENCH_STATIC=1.
    if std::env::var("BENCH_STATIC").is_ok_and(|v| v == "1") {
        router = router.route(BENCH_STATIC_PATH, get(bench_static));
    }
    let router = router
        .nest("/pkg", pkg_service(&leptos_options))
        .leptos_routes_with_context(
            &state,
            routes,
            move || provide_context(page_assets.clone()),
            {
                let options = leptos_options.clone();
                move || shell(options.clone())
            },
        )
        // After the routes above (a route layer sees the matched route): marks each answer with
        // its route's pattern for the request metrics.
        .route_layer(axum::middleware::from_fn(
            crate::monitoring::http::mark_route,
        ))
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(
            move || {
                provide_context(fallback_state.clone());
                provide_context(assets.clone());
            },
            shell,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            attach_session_info,
        ))
        .layer(session_layer)
        // Before the session is read and any handler runs: cross-site posts stop here.
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::security::csrf::guard,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::security::headers::add,
        ))
        .layer(tower_http::trace::TraceLayer::new_for_http())
        // Pages, server-function answers and files without a precompressed copy: gzip or brotli
        // on the fly (already compressed answers, images and tiny bodies are left alone).
        .layer(
            tower_http::compression::CompressionLayer::new()
                // Level 2: pages are made per request, so a little size is worth less than the
                // time (the big static files are compressed at build time). zlib-rs' level 1
                // uses fixed Huffman codes: pages only halved.
                .quality(tower_http::CompressionLevel::Precise(2)),
        )
        // Outermost: the time a request takes includes every layer.
        .layer(axum::middleware::from_fn(crate::monitoring::http::track))
        .with_state(state.clone());
    Ok((router, state))
}

/// Starts the licence reminder scheduler (`reminders`): a first run at once catches up on what
/// was missed while the app was down, then one every `REMINDER_INTERVAL_SECS`; 0 leaves it off.
fn start_reminders(pool: &db::Db, config: &Config, mailer: &crate::mail::Mailer) {
    if config.reminder_interval_secs == 0 {
        // Said in the start-up summary.
        return;
    }
    crate::reminders::Scheduler {
        db: pool.clone(),
        mailer: mailer.clone(),
        clock: Arc::new(crate::reminders::SystemClock),
        link_base: config.link_base().to_owned(),
        invite_valid_days: config.invite_valid_days,
        improvement_stale_days: Some(config.improvement_stale_days),
    }
    .spawn(std::time::Duration::from_secs(
        config.reminder_interval_secs,
    ));
}

/// Deletes expired session rows (they are never loaded again); a failed sweep is logged and the
/// next one tries again.
async fn sweep_sessions(store: &db::SessionStore) {
    if let Err(e) = store.delete_expired().await {
        tracing::warn!(error = %e, "deleting expired sessions failed");
    }
}

/// Loads who is signed in (and the language) once per page request, before rendering starts, so
/// the whole page renders synchronously with it (see `app::App`). API and asset requests skip it.
///
/// Pages and server-function answers are marked `no-store`: they show a person's current answers,
/// and a copy kept by the browser would come back with the back button showing a step as it was
/// before the last save (static assets and evidence files set their own caching).
async fn attach_session_info(
    State(state): State<AppState>,
    mut request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let path = request.uri().path();
    let is_api = path.starts_with("/api/");
    let is_page = !(is_api
        || path.starts_with("/pkg/")
        || path == "/healthz"
        || path == "/readyz"
        || path == "/favicon.svg"
        || path == BENCH_STATIC_PATH);
    let open_to_temporary = crate::domain::access::open_while_password_temporary(path);
    if is_page
        && let Some(session) = request
            .extensions()
            .get::<tower_sessions::Session>()
            .cloned()
    {
        match crate::auth::session::load_session_info(&state, &session, request.headers()).await {
            // A temporary password (an admin typed it): every page but changing it waits.
            Ok(info)
                if info.user.as_ref().is_some_and(|u| u.must_change_password)
                    && !open_to_temporary =>
            {
                return change_password_first();
            }
            Ok(info) => {
                request.extensions_mut().insert(info);
            }
            Err(_) => {
                // Already logged with context; the page renders as for an anonymous visitor.
            }
        }
    }
    let mut response = next.run(request).await;
    if is_page || is_api {
        response
            .headers_mut()
            .entry(axum::http::header::CACHE_CONTROL)
            .or_insert(axum::http::HeaderValue::from_static("no-store"));
    }
    response
}

/// Sends a person with a temporary password to their account page to choose their own.
fn change_password_first() -> axum::response::Response {
    use axum::http::{HeaderValue, header};
    use axum::response::IntoResponse;
    let mut answer = StatusCode::SEE_OTHER.into_response();
    let to = crate::routes::with_notice(crate::routes::ACCOUNT, "change");
    if let Ok(location) = HeaderValue::from_str(&to) {
        answer.headers_mut().insert(header::LOCATION, location);
    }
    answer
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    answer
}

/// Where the benchmark's static page is served (only with BENCH_STATIC=1).
const BENCH_STATIC_PATH: &str = "/bench/static";

/// A fixed HTML page about the size of a short app page: no session, no database, no rendering.
async fn bench_static() -> axum::response::Html<&'static str> {
    axum::response::Html(concat!(
        "<!DOCTYPE html><html lang=\"nl\"><head><meta charset=\"utf-8\">",
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
        "<title>Klantenrijbewijs</title></head><body><main><h1>Klantenrijbewijs</h1>",
        "<p>Een vaste pagina zonder sessie, database of rendering: het plafond waarmee de ",
        "benchmark de echte pagina's vergelijkt.</p></main></body></html>"
    ))
}

/// 200 after a database round-trip, 503 when the database does not answer.
async fn healthz(State(state): State<AppState>) -> (StatusCode, &'static str) {
    match db::ping(&state.pool).await {
        Ok(()) => (StatusCode::OK, "ok"),
        Err(e) => {
            tracing::error!(error = %e, "health check: database unreachable");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
    }
}

/// Ready to take traffic: the database answers and every migration this binary carries is
/// applied (a load balancer sends nothing to an instance that would serve a schema it does not
/// know); `/healthz` only says the process is alive and reaches its database.
async fn readyz(State(state): State<AppState>) -> (StatusCode, &'static str) {
    match db::pending_migrations(&state.pool).await {
        Ok(0) => (StatusCode::OK, "ready"),
        Ok(pending) => {
            tracing::warn!(pending, "readiness: migrations not applied");
            (StatusCode::SERVICE_UNAVAILABLE, "migrations pending")
        }
        Err(e) => {
            tracing::error!(error = %e, "readiness: database unreachable");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
    }
}

/// Serves on `listener` until Ctrl-C or SIGTERM. From the signal on no connection is accepted and
/// no next e-mail is started; requests in flight and the e-mail being sent get `grace` to finish,
/// then the app stops anyway (a load balancer drains for about that long, and a stuck client must
/// not keep an update waiting).
pub async fn serve(
    listener: tokio::net::TcpListener,
    router: Router,
    grace: std::time::Duration,
    mail: crate::mail::in_flight::InFlight,
) -> std::io::Result<()> {
    let signalled = Arc::new(tokio::sync::Notify::new());
    let stopping = signalled.clone();
    let mail_stops = mail.clone();
    let since = Arc::new(std::sync::OnceLock::new());
    let signal_at = since.clone();
    // The client's address is kept with each request for the sign-in throttle.
    let server = axum::serve(
        listener,
        router.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(async move {
        shutdown_signal().await;
        tracing::info!(
            grace_secs = grace.as_secs(),
            "stopping: requests in flight and the e-mail being sent may finish"
        );
        let _ = signal_at.set(std::time::Instant::now());
        mail_stops.stop();
        stopping.notify_one();
    });
    let served = tokio::select! {
        served = server => served,
        () = async {
            signalled.notified().await;
            tokio::time::sleep(grace).await;
        } => {
            tracing::warn!(grace_secs = grace.as_secs(), "stopped with requests still in flight");
            return Ok(());
        }
    };
    let elapsed = since.get().map_or(grace, std::time::Instant::elapsed);
    if mail.finish(grace.saturating_sub(elapsed)).await {
        tracing::info!("stopped");
    } else {
        tracing::warn!(
            grace_secs = grace.as_secs(),
            "stopped with e-mail still being sent"
        );
    }
    served
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}
