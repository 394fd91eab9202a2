//! Test harness: the real app on port 0 with a fresh SQLite database in a temporary directory.

pub mod binary;
pub mod postgres;
pub mod reminders;
pub mod smtp;
pub mod sql;
mod walks;
// Not every test file makes walkthroughs.
#[allow(unused_imports)]
pub use walks::{
    CompletedWalk, completed_walkthrough, draft_presentation, step_form, step_form_saying,
};

use klantenrijbewijs::config::Config;
use klantenrijbewijs::state::AppState;
use reqwest::StatusCode;

pub const DEMO_PASSWORD: &str = "demo-wachtwoord";
pub const ADMIN: &str = "sanne.visser@dijkhuis.example";
pub const HR: &str = "fatima.elamrani@dijkhuis.example";
pub const REVIEWER: &str = "marieke.jansen@dijkhuis.example";
pub const EMPLOYEE: &str = "daan.bakker@dijkhuis.example";
pub const INACTIVE: &str = "henk.postma@dijkhuis.example";

pub struct TestApp {
    pub base: String,
    pub state: AppState,
    pub client: reqwest::Client,
    /// The highest walkthrough id of the demo data (its presentations' walkthroughs): rows of a
    /// test's own walkthroughs come after it.
    pub demo_walkthroughs: i64,
    _dir: tempfile::TempDir,
}

pub struct Answer {
    pub status: StatusCode,
    pub body: String,
    pub headers: reqwest::header::HeaderMap,
}

impl TestApp {
    /// A running app with the demo organisation loaded.
    pub async fn spawn() -> TestApp {
        Self::spawn_with(true).await
    }

    pub async fn spawn_with(demo_data: bool) -> TestApp {
        Self::spawn_configured(demo_data, |_| {}).await
    }

    /// A running app whose configuration `adjust` may change first (e.g. a small upload limit).
    pub async fn spawn_configured(demo_data: bool, adjust: impl FnOnce(&mut Config)) -> TestApp {
        let dir = tempfile::tempdir().expect("temp dir");
        // Defaults as in production, then what a test needs; new settings need no change here.
        let mut config = Config::from_lookup(|_| None).expect("default configuration");
        config.database_url = database_url(dir.path()).await;
        config.addr = "127.0.0.1:0".parse().expect("addr");
        config.demo_data = demo_data;
        config.site_root = dir.path().join("site").display().to_string();
        config.evidence_dir = dir.path().join("evidence");
        // The reminder scheduler runs only in tests that start one (tests/reminders.rs).
        config.reminder_interval_secs = 0;
        adjust(&mut config);
        let (router, state) = klantenrijbewijs::server::build(config)
            .await
            .expect("app starts");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let port = listener.local_addr().expect("local addr").port();
        tokio::spawn(klantenrijbewijs::server::serve(
            listener,
            router,
            std::time::Duration::from_secs(5),
            state.mailer.in_flight.clone(),
        ));
        let demo_walkthroughs = klantenrijbewijs::db::number(
            &state.pool,
            "select coalesce(max(id), 0) from walkthrough",
        )
        .await
        .expect("demo walkthroughs");
        TestApp {
            demo_walkthroughs,
            base: format!("http://127.0.0.1:{port}"),
            state,
            client: Self::new_client(),
            _dir: dir,
        }
    }

    /// A separate browser: its own cookie jar, no redirects followed. Like a browser on one of
    /// the app's pages, it says its requests come from this site (`Sec-Fetch-Site`).
    pub fn new_client() -> reqwest::Client {
        let mut same_site = reqwest::header::HeaderMap::new();
        same_site.insert(
            "sec-fetch-site",
            reqwest::header::HeaderValue::from_static("same-origin"),
        );
        Self::client_with(same_site)
    }

    /// A client that sends exactly `headers` by default (e.g. none: a request with no evidence
    /// of where it came from, or a page on another site).
    pub fn client_with(headers: reqwest::header::HeaderMap) -> reqwest::Client {
        reqwest::Client::builder()
            .default_headers(headers)
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            // A stuck request fails the test with its step instead of stalling the whole run.
            .timeout(std::time::Duration::from_secs(30))
            .build()
            .expect("client")
    }

    async fn answer(res: reqwest::Response) -> Answer {
        let status = res.status();
        let headers = res.headers().clone();
        let body = res.text().await.expect("body");
        Answer {
            status,
            body,
            headers,
        }
    }

    /// Calls a server function the way the hydrated app does (URL-encoded form, JSON answer).
    pub async fn call(&self, endpoint: &str, form: &[(&str, &str)]) -> Answer {
        self.call_as(&self.client, endpoint, form).await
    }

    pub async fn call_as(
        &self,
        client: &reqwest::Client,
        endpoint: &str,
        form: &[(&str, &str)],
    ) -> Answer {
        let res = client
            .post(format!("{}/api/{endpoint}", self.base))
            .header("accept", "application/json")
            .form(form)
            .send()
            .await
            .expect("request");
        Self::answer(res).await
    }

    /// Posts a form the way a browser without JavaScript does.
    pub async fn plain_post(&self, endpoint: &str, form: &[(&str, &str)], referer: &str) -> Answer {
        let res = self
            .client
            .post(format!("{}/api/{endpoint}", self.base))
            .header("accept", "text/html,application/xhtml+xml")
            .header("referer", format!("{}{referer}", self.base))
            .form(form)
            .send()
            .await
            .expect("request");
        Self::answer(res).await
    }

    /// Loads a page as a browser does.
    pub async fn page(&self, path: &str) -> Answer {
        let res = self
            .client
            .get(format!("{}{path}", self.base))
            .header("accept", "text/html")
            .send()
            .await
            .expect("request");
        Self::answer(res).await
    }

    pub async fn login(&self, email: &str) -> Answer {
        self.call("login", &[("email", email), ("password", DEMO_PASSWORD)])
            .await
    }

    pub async fn login_ok(&self, email: &str) {
        let a = self.login(email).await;
        assert_eq!(
            a.status,
            StatusCode::OK,
            "sign-in as {email} failed: {}",
            a.body
        );
    }

    /// A separate browser (its own cookie jar) signed in as `email`, for tests with several people.
    pub async fn client_for(&self, email: &str) -> reqwest::Client {
        let client = Self::new_client();
        let a = self
            .call_as(
                &client,
                "login",
                &[("email", email), ("password", DEMO_PASSWORD)],
            )
            .await;
        assert_eq!(a.status, StatusCode::OK, "sign-in as {email}: {}", a.body);
        client
    }

    pub async fn person_id(&self, email: &str) -> i64 {
        self.scalar("select id from person where email = $1", &[email.into()])
            .await
    }

    /// Runs a statement on the app's database ([`sql`]); the rows it changed.
    pub async fn exec(&self, sql: &str, args: &[sql::Arg]) -> u64 {
        sql::exec(&self.state.pool, sql, args).await
    }

    /// The first column of the one row `sql` answers ([`sql`]).
    pub async fn scalar<T>(&self, sql: &str, args: &[sql::Arg]) -> T
    where
        (T,): sql::Decoded,
    {
        sql::scalar(&self.state.pool, sql, args).await
    }

    /// Every row of `sql`, each as `T` ([`sql`]).
    pub async fn rows<T>(&self, sql: &str, args: &[sql::Arg]) -> Vec<T>
    where
        T: sql::Decoded,
    {
        sql::rows(&self.state.pool, sql, args).await
    }

    /// Moves every live stored session `minutes` into the past, as if that long had gone by
    /// without a request: its expiry and the sign-in and last-seen times kept in it.
    pub async fn age_sessions(&self, minutes: i64) {
        use tower_sessions::SessionStore;
        let store = klantenrijbewijs::db::session_store(&self.state.pool)
            .await
            .expect("session store");
        let ids: Vec<String> = sql::column(&self.state.pool, "select id from session", &[]).await;
        for id in ids {
            let id = id.parse().expect("session id");
            let Some(mut record) = store.load(&id).await.expect("load session") else {
                continue; // already expired
            };
            record.expiry_date -= time::Duration::minutes(minutes);
            let key = klantenrijbewijs::auth::session::SIGNED_IN_KEY;
            if let Some(signed_in) = record.data.get_mut(key) {
                for field in ["signed_in_at", "seen_at"] {
                    let at = signed_in[field].as_i64().expect(field);
                    signed_in[field] = (at - minutes * 60).into();
                }
            }
            store.save(&record).await.expect("save session");
        }
    }

    /// Who the server thinks `client` is: the signed-in person's name, or None.
    pub async fn signed_in_as(&self, client: &reqwest::Client) -> Option<String> {
        let info = self.call_as(client, "session_info", &[]).await;
        assert_eq!(info.status, StatusCode::OK, "{}", info.body);
        let value: serde_json::Value = serde_json::from_str(&info.body).expect("session info");
        value["user"]["name"].as_str().map(str::to_owned)
    }

    /// `select <what> from <table>` over the rows of walkthroughs this test made (not the demo
    /// data's): `table` is walkthrough, or one with a walkthrough_id column.
    pub async fn count_own(&self, what: &str, table: &str) -> i64 {
        let column = if table == "walkthrough" {
            "id"
        } else {
            "walkthrough_id"
        };
        self.count(&format!(
            "select coalesce({what}, 0) from {table} where {column} > {}",
            self.demo_walkthroughs
        ))
        .await
    }

    pub async fn count(&self, sql: &str) -> i64 {
        klantenrijbewijs::db::number(&self.state.pool, sql)
            .await
            .expect("count")
    }
}

/// The database a test's app runs on: a fresh SQLite file in `dir`, or with
/// `KRB_TEST_DATABASE=postgres` a fresh database on the test run's own PostgreSQL server.
pub async fn database_url(dir: &std::path::Path) -> String {
    match std::env::var("KRB_TEST_DATABASE").as_deref() {
        Ok("postgres") => postgres::cluster().await.fresh_database().await,
        _ => format!("sqlite://{}", dir.join("test.db").display()),
    }
}

/// The field error key in a JSON `AppError::Validation` body, if any.
pub fn field_error(body: &str, field: &str) -> Option<String> {
    let value: serde_json::Value = serde_json::from_str(body).ok()?;
    value["Validation"]
        .as_array()?
        .iter()
        .find(|e| e["field"] == field)
        .and_then(|e| e["key"].as_str())
        .map(str::to_owned)
}

/// The session cookie's value in a response, if it set one.
pub fn session_cookie(headers: &reqwest::header::HeaderMap) -> Option<String> {
    headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("krb_session="))
        .map(str::to_owned)
}
