//! The real binary as its own process, for what an in-process server cannot show: a SIGKILL, a
//! restart on the same files, the `backup` and `restore` commands beside a running app.

use super::{DEMO_PASSWORD, TestApp};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_klantenrijbewijs");

/// Where one app keeps its database and evidence: `dir/krb.db` (or a PostgreSQL database),
/// `dir/evidence`.
pub struct Place {
    pub dir: PathBuf,
    /// `DATABASE_URL` when not the SQLite file in `dir`.
    database_url: Option<String>,
}

impl Place {
    pub fn new(dir: &Path) -> Place {
        Place {
            dir: dir.to_owned(),
            database_url: None,
        }
    }

    /// A place whose database is a fresh one on the test run's PostgreSQL server.
    pub async fn on_postgres(dir: &Path) -> Place {
        let url = super::postgres::cluster().await.fresh_database().await;
        Place {
            dir: dir.to_owned(),
            database_url: Some(url),
        }
    }

    /// The place's `DATABASE_URL`.
    pub fn database_url(&self) -> String {
        self.database_url
            .clone()
            .unwrap_or_else(|| format!("sqlite://{}", self.database().display()))
    }

    /// The place's database beside a running server, whichever backend it is.
    pub async fn db(&self) -> klantenrijbewijs::db::Db {
        klantenrijbewijs::db::connect(&self.database_url())
            .await
            .expect("the place's database")
    }

    pub fn database(&self) -> PathBuf {
        self.dir.join("krb.db")
    }

    /// The binary with `args`, this place's settings and only PATH from the environment.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(BIN);
        cmd.args(args)
            .current_dir(&self.dir)
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("DATABASE_URL", self.database_url())
            .env("EVIDENCE_DIR", self.dir.join("evidence"))
            .env("LEPTOS_SITE_ROOT", self.dir.join("site"))
            .env("COOKIE_SECURE", "false")
            .env("REMINDER_INTERVAL_SECS", "0")
            .env("RUST_LOG", "warn")
            .env("NO_COLOR", "1");
        cmd
    }

    /// Runs a command of the binary to its end.
    pub fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().expect("the binary runs")
    }

    /// Serves this place on `port` (demo data when `demo`), its log in `dir/server-<n>.log`.
    pub async fn serve(&self, port: u16, demo: bool, n: u32) -> Server {
        self.serve_with(port, demo, n, &[]).await
    }

    /// [`Place::serve`] with more settings.
    pub async fn serve_with(&self, port: u16, demo: bool, n: u32, env: &[(&str, &str)]) -> Server {
        let log = std::fs::File::create(self.dir.join(format!("server-{n}.log"))).expect("log");
        let mut child = self
            .command(&["serve"])
            .envs(env.iter().copied())
            .env("APP_ADDR", format!("127.0.0.1:{port}"))
            .env("DEMO_DATA", if demo { "true" } else { "false" })
            .stdout(log.try_clone().expect("log"))
            .stderr(Stdio::from(log))
            .spawn()
            .expect("the binary starts");
        let base = format!("http://127.0.0.1:{port}");
        let client = TestApp::new_client();
        let until = Instant::now() + Duration::from_secs(60);
        loop {
            if let Ok(res) = client.get(format!("{base}/healthz")).send().await
                && res.status() == 200
            {
                break;
            }
            if let Ok(Some(status)) = child.try_wait() {
                panic!("the server stopped while starting: {status}");
            }
            assert!(Instant::now() < until, "the server did not become ready");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Server { child, base }
    }

    /// A read-only look at this place's database (beside a running server).
    pub async fn read(&self) -> sqlx::SqlitePool {
        sqlx::SqlitePool::connect(&format!("sqlite://{}?mode=ro", self.database().display()))
            .await
            .expect("the database, read-only")
    }
}

pub struct Server {
    child: Child,
    pub base: String,
}

impl Drop for Server {
    /// A test that fails half-way leaves no server behind.
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    /// SIGTERM, as a service manager or an orchestrator stops the app.
    pub fn terminate(&self) {
        let pid = libc::pid_t::try_from(self.child.id()).expect("a pid");
        // SAFETY: kill only sends a signal to the process this test started.
        let sent = unsafe { libc::kill(pid, libc::SIGTERM) };
        assert_eq!(sent, 0, "SIGTERM sent");
    }

    /// Waits up to `limit` for the process to end; its exit status, or None if it still runs.
    pub async fn exited_within(&mut self, limit: Duration) -> Option<std::process::ExitStatus> {
        let until = Instant::now() + limit;
        while Instant::now() < until {
            if let Some(status) = self.child.try_wait().expect("wait") {
                return Some(status);
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        None
    }

    /// SIGKILL: no shutdown, no flush.
    pub fn kill(mut self) {
        self.child.kill().expect("SIGKILL");
        self.child.wait().expect("the server is gone");
    }

    /// The port this server listens on.
    pub fn port(&self) -> u16 {
        self.base
            .rsplit(':')
            .next()
            .and_then(|p| p.parse().ok())
            .expect("port")
    }

    /// Calls a server function as the hydrated app does: (status, body), None when the server
    /// did not answer.
    pub async fn post(
        &self,
        client: &reqwest::Client,
        endpoint: &str,
        form: &[(&str, &str)],
    ) -> Option<(u16, String)> {
        post(client, &self.base, endpoint, form).await
    }

    /// Loads page `path` as `client`'s browser does; its HTML, which must come with 200.
    pub async fn page_ok(&self, client: &reqwest::Client, path: &str) -> String {
        let page = client
            .get(format!("{}{path}", self.base))
            .header("accept", "text/html")
            .send()
            .await
            .expect("page");
        assert_eq!(page.status(), 200, "{path}");
        page.text().await.expect("html")
    }

    /// A new browser signed in as `email` with the demo password.
    pub async fn signed_in(&self, email: &str) -> reqwest::Client {
        let client = TestApp::new_client();
        let answer = self
            .post(
                &client,
                "login",
                &[("email", email), ("password", DEMO_PASSWORD)],
            )
            .await;
        assert_eq!(answer.map(|(s, _)| s), Some(200), "sign-in as {email}");
        client
    }

    /// Starts a walkthrough of the first live journey; (walkthrough id, its first `steps` step ids).
    pub async fn start_walk(
        &self,
        place: &Place,
        client: &reqwest::Client,
        steps: usize,
    ) -> (i64, Vec<i64>) {
        let db = place.db().await;
        let journey: i64 = super::sql::scalar(
            &db,
            "select id from journey where status = 'live' order by id limit 1",
            &[],
        )
        .await;
        let (status, body) = self
            .post(
                client,
                "walk/start",
                &[("journey_id", journey.to_string().as_str())],
            )
            .await
            .expect("answer");
        assert_eq!(status, 200, "{body}");
        let walk: i64 = body.trim().parse().expect("walkthrough id");
        let ids: Vec<i64> = super::sql::column(
            &db,
            "select id from journey_step where journey_id = $1 order by position limit $2",
            &[journey.into(), (steps as i64).into()],
        )
        .await;
        assert_eq!(ids.len(), steps, "the journey has enough steps");
        db.close().await;
        (walk, ids)
    }
}

async fn post(
    client: &reqwest::Client,
    base: &str,
    endpoint: &str,
    form: &[(&str, &str)],
) -> Option<(u16, String)> {
    let res = client
        .post(format!("{base}/api/{endpoint}"))
        .header("accept", "application/json")
        .form(form)
        .send()
        .await
        .ok()?;
    let status = res.status().as_u16();
    Some((status, res.text().await.ok()?))
}

/// Saves being made while something else happens: one task per step saves it again and again
/// with a rising number in its text (`<label> <step> #<n>`), each with the version it got back.
pub struct SaveStream {
    tasks: Vec<(i64, tokio::task::JoinHandle<Option<u64>>)>,
    acknowledged: Arc<AtomicUsize>,
    stop: Arc<AtomicBool>,
}

impl SaveStream {
    pub fn start(
        server: &Server,
        client: &reqwest::Client,
        walk: i64,
        steps: &[i64],
    ) -> SaveStream {
        let acknowledged = Arc::new(AtomicUsize::new(0));
        let stop = Arc::new(AtomicBool::new(false));
        let tasks = steps
            .iter()
            .map(|&step| {
                let task = tokio::spawn(save_again_and_again(
                    client.clone(),
                    server.base.clone(),
                    walk,
                    step,
                    acknowledged.clone(),
                    stop.clone(),
                ));
                (step, task)
            })
            .collect();
        SaveStream {
            tasks,
            acknowledged,
            stop,
        }
    }

    /// Waits until `n` saves in all were answered 200.
    pub async fn until_acknowledged(&self, n: usize) {
        let until = Instant::now() + Duration::from_secs(60);
        while self.acknowledged.load(Ordering::Relaxed) < n {
            assert!(Instant::now() < until, "the saves did not get going");
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    }

    /// Stops the stream; per step the highest number answered 200.
    pub async fn finish(self) -> Vec<(i64, u64)> {
        self.stop.store(true, Ordering::Relaxed);
        let mut last = Vec::new();
        for (step, task) in self.tasks {
            let n = task
                .await
                .expect("saver")
                .expect("every step had a save acknowledged");
            last.push((step, n));
        }
        last
    }
}

/// The number a stream's save put in a step's text.
pub fn save_number(text: &str) -> u64 {
    text.rsplit('#')
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("not a stream's save: {text:?}"))
}

async fn save_again_and_again(
    client: reqwest::Client,
    base: String,
    walk: i64,
    step: i64,
    acknowledged: Arc<AtomicUsize>,
    stop: Arc<AtomicBool>,
) -> Option<u64> {
    let (walk, step_id) = (walk.to_string(), step.to_string());
    let mut version = 0_i64;
    let mut last = None;
    for n in 1_u64.. {
        if stop.load(Ordering::Relaxed) {
            break;
        }
        let text = format!("Opslag {step} #{n}");
        let version_text = version.to_string();
        let form = super::step_form_saying(&walk, &step_id, &version_text, &text);
        match post(&client, &base, "walk/step", &form).await {
            Some((200, body)) => {
                let answer: serde_json::Value = serde_json::from_str(&body).expect("json");
                version = answer["version"].as_i64().expect("the save's version");
                last = Some(n);
                acknowledged.fetch_add(1, Ordering::Relaxed);
            }
            Some((status, body)) => panic!("save {n} of step {step} answered {status}: {body}"),
            // The server is gone: what was acknowledged is what counts.
            None => break,
        }
    }
    last
}
