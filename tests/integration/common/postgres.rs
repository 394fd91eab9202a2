//! A real PostgreSQL server for the tests, started by the harness itself: one server per test
//! run in a temporary directory (`initdb` + `pg_ctl` from Debian's `postgresql` package, which
//! `scripts/setup.sh test` installs), stopped when the test process exits, and a fresh database
//! per test, copied from a template that already holds the migrations.
//!
//! `initdb` refuses to run as root; as root the server runs as the `postgres` user, in a
//! directory that user owns. Durability settings are off: a test database that is lost in a
//! power cut is simply made again.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU32, Ordering};

/// The running server of this test process.
pub struct Cluster {
    dir: PathBuf,
    port: u16,
}

/// The migrated database new test databases are copied from.
const TEMPLATE: &str = "krb_template";

/// The directory with PostgreSQL's programs (the newest installed version).
fn bin_dir() -> PathBuf {
    let mut versions: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .expect("PostgreSQL is installed (scripts/setup.sh test)")
        .flatten()
        .map(|e| e.path().join("bin"))
        .filter(|p| p.join("initdb").exists())
        .collect();
    versions.sort_by_key(|p| {
        p.parent()
            .and_then(|v| v.file_name())
            .and_then(|v| v.to_str())
            .and_then(|v| v.parse::<u32>().ok())
            .unwrap_or(0)
    });
    versions
        .pop()
        .expect("an initdb under /usr/lib/postgresql/*/bin")
}

fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions.
    unsafe { libc::geteuid() == 0 }
}

/// Runs a PostgreSQL program, as the `postgres` user when this process is root.
fn run(program: &str, args: &[&str]) {
    let path = bin_dir().join(program);
    let output = if is_root() {
        Command::new("runuser")
            .args(["-u", "postgres", "--"])
            .arg(&path)
            .args(args)
            .output()
    } else {
        Command::new(&path).args(args).output()
    }
    .unwrap_or_else(|e| panic!("{} runs: {e}", path.display()));
    assert!(
        output.status.success(),
        "{program} {args:?} failed: {}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

extern "C" fn stop_at_exit() {
    if let Some(cluster) = CLUSTER.get() {
        let data = cluster.dir.join("data");
        let _ = std::panic::catch_unwind(|| {
            run(
                "pg_ctl",
                &["-D", &data.to_string_lossy(), "-m", "immediate", "stop"],
            )
        });
        let _ = std::fs::remove_dir_all(&cluster.dir);
    }
}

static CLUSTER: OnceLock<Cluster> = OnceLock::new();

/// The server of this test process, started (and the template migrated) on first use.
pub async fn cluster() -> &'static Cluster {
    static TEMPLATE_READY: tokio::sync::OnceCell<()> = tokio::sync::OnceCell::const_new();
    let cluster = CLUSTER.get_or_init(start);
    TEMPLATE_READY
        .get_or_init(|| async {
            cluster.admin(&format!("create database {TEMPLATE}")).await;
            let pool = sqlx::PgPool::connect(&cluster.url(TEMPLATE))
                .await
                .expect("template database");
            sqlx::migrate!("./migrations/postgres")
                .run(&pool)
                .await
                .expect("the PostgreSQL migrations apply");
            pool.close().await;
        })
        .await;
    cluster
}

fn start() -> Cluster {
    let dir = std::env::temp_dir().join(format!("krb-test-pg-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("cluster dir");
    if is_root() {
        let status = Command::new("chown")
            .args(["postgres:postgres"])
            .arg(&dir)
            .status()
            .expect("chown");
        assert!(status.success(), "chown the cluster dir to postgres");
    }
    let data = dir.join("data");
    run(
        "initdb",
        &[
            "-D",
            &data.to_string_lossy(),
            "-U",
            "krb",
            "--auth=trust",
            "--encoding=UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        ],
    );
    let port = super::smtp::free_port();
    let options = format!(
        "-p {port} -k {} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off \
         -c full_page_writes=off -c max_connections=400",
        dir.display()
    );
    run(
        "pg_ctl",
        &[
            "-D",
            &data.to_string_lossy(),
            "-o",
            &options,
            "-l",
            &dir.join("server.log").to_string_lossy(),
            "-w",
            "start",
        ],
    );
    // SAFETY: registers a plain function to run when the process exits.
    unsafe { libc::atexit(stop_at_exit) };
    Cluster { dir, port }
}

impl Cluster {
    /// The URL of database `name` on this server.
    pub fn url(&self, name: &str) -> String {
        format!("postgres://krb@127.0.0.1:{}/{name}", self.port)
    }

    /// Runs one statement on the `postgres` database.
    async fn admin(&self, sql: &str) {
        let pool = sqlx::PgPool::connect(&self.url("postgres"))
            .await
            .expect("the test server answers");
        sqlx::query(sql)
            .execute(&pool)
            .await
            .unwrap_or_else(|e| panic!("{sql}: {e}"));
        pool.close().await;
    }

    /// A fresh, migrated database of its own; its URL.
    pub async fn fresh_database(&self) -> String {
        static NEXT: AtomicU32 = AtomicU32::new(1);
        let name = format!("test_{}", NEXT.fetch_add(1, Ordering::Relaxed));
        self.admin(&format!("create database {name} template {TEMPLATE}"))
            .await;
        self.url(&name)
    }

    /// Where the server keeps its files.
    pub fn dir(&self) -> &Path {
        &self.dir
    }
}
