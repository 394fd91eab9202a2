//! What an operations team watches, in the Prometheus text format at `GET /metrics`: requests by
//! route and status with their latency, the database pool, write retries, autosave conflicts,
//! sign-in failures and throttling, e-mail sent and failed by kind, uploads refused by reason.
//!
//! The `metrics` facade with `metrics-exporter-prometheus` as its recorder: code anywhere counts
//! through the functions below (every metric's name is written here once), and the recorder is
//! the process's global one, installed by the first [`handle`] call (the server does it at start).
//! Before that, counting is a no-op. Several app instances in one process (the integration tests)
//! share it. Who may read it: [`access`]; the HTTP side: [`http`].

pub mod access;
pub mod http;

use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};
use std::sync::OnceLock;
use std::time::Duration;

/// Histogram buckets in seconds: a page in a few milliseconds up to a slow export.
const BUCKETS: [f64; 12] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0,
];

/// The recorder's handle, installing the recorder the first time.
pub fn handle() -> &'static PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE.get_or_init(|| {
        let builder = PrometheusBuilder::new();
        // The buckets are constants that are valid (non-empty): a failure would be a bug here.
        let builder = builder
            .set_buckets(&BUCKETS)
            .unwrap_or_else(|_| PrometheusBuilder::new());
        let recorder = builder.build_recorder();
        let handle = recorder.handle();
        if metrics::set_global_recorder(recorder).is_err() {
            tracing::warn!("another metrics recorder was installed first; /metrics stays empty");
        }
        describe();
        handle
    })
}

/// The help texts Prometheus shows next to each metric.
fn describe() {
    use metrics::{describe_counter, describe_gauge, describe_histogram};
    describe_counter!(
        REQUESTS,
        "HTTP requests answered, by route, method and status"
    );
    describe_histogram!(
        REQUEST_SECONDS,
        "Time to answer an HTTP request, by route and method"
    );
    describe_gauge!(POOL, "Database connections, by state (in_use, idle)");
    describe_gauge!(POOL_MAX, "The most database connections the pool opens");
    describe_histogram!(
        ACQUIRE_SECONDS,
        "Time a transaction waited for a database connection"
    );
    describe_counter!(
        BUSY_RETRIES,
        "Write transactions asked again after the database was busy"
    );
    describe_counter!(
        AUTOSAVE_CONFLICTS,
        "Step saves refused because another save came first"
    );
    describe_counter!(
        SIGN_IN_FAILURES,
        "Sign-ins with a wrong e-mail address or password"
    );
    describe_counter!(
        SIGN_IN_THROTTLED,
        "Sign-ins refused by the throttle, by what was throttled"
    );
    describe_counter!(MAIL, "E-mail messages by kind and outcome (sent, failed)");
    describe_counter!(UPLOADS_REFUSED, "Evidence uploads refused, by reason");
}

const REQUESTS: &str = "krb_http_requests_total";
const REQUEST_SECONDS: &str = "krb_http_request_duration_seconds";
const POOL: &str = "krb_db_pool_connections";
const POOL_MAX: &str = "krb_db_pool_max_connections";
const ACQUIRE_SECONDS: &str = "krb_db_acquire_seconds";
const BUSY_RETRIES: &str = "krb_db_busy_retries_total";
const AUTOSAVE_CONFLICTS: &str = "krb_autosave_conflicts_total";
const SIGN_IN_FAILURES: &str = "krb_sign_in_failures_total";
const SIGN_IN_THROTTLED: &str = "krb_sign_in_throttled_total";
const MAIL: &str = "krb_mail_total";
const UPLOADS_REFUSED: &str = "krb_uploads_refused_total";

/// One answered request. `route` is the route's pattern (`/walk/{id}`), never the concrete path,
/// so the number of series stays bounded.
pub fn request(route: &str, method: &str, status: u16, elapsed: Duration) {
    metrics::counter!(REQUESTS, "route" => route.to_owned(), "method" => method.to_owned(),
        "status" => status.to_string())
    .increment(1);
    metrics::histogram!(REQUEST_SECONDS, "route" => route.to_owned(), "method" => method.to_owned())
        .record(elapsed.as_secs_f64());
}

/// The pool's state, set when metrics are read.
pub fn pool(in_use: u64, idle: u64, max: u64) {
    metrics::gauge!(POOL, "state" => "in_use").set(in_use as f64);
    metrics::gauge!(POOL, "state" => "idle").set(idle as f64);
    metrics::gauge!(POOL_MAX).set(max as f64);
}

/// How long a transaction waited for its connection.
pub fn acquire_wait(elapsed: Duration) {
    metrics::histogram!(ACQUIRE_SECONDS).record(elapsed.as_secs_f64());
}

/// A write transaction asked again after "busy".
pub fn busy_retry() {
    metrics::counter!(BUSY_RETRIES).increment(1);
}

/// A step save refused because its version was stale.
pub fn autosave_conflict() {
    metrics::counter!(AUTOSAVE_CONFLICTS).increment(1);
}

/// A sign-in with a wrong address or password.
pub fn sign_in_failed() {
    metrics::counter!(SIGN_IN_FAILURES).increment(1);
}

/// A sign-in refused by the throttle: `scope` is what was throttled (`account`, `address`).
pub fn sign_in_throttled(scope: &'static str) {
    metrics::counter!(SIGN_IN_THROTTLED, "scope" => scope).increment(1);
}

/// One e-mail message of `kind` (`licence_reminder`, `invitation`, …): sent or failed.
pub fn mail(kind: &'static str, sent: bool) {
    let outcome = if sent { "sent" } else { "failed" };
    metrics::counter!(MAIL, "kind" => kind, "outcome" => outcome).increment(1);
}

/// An evidence upload refused; `reason` is its translation key (`error-evidence-too-large`, …).
pub fn upload_refused(reason: &'static str) {
    metrics::counter!(UPLOADS_REFUSED, "reason" => reason).increment(1);
}
