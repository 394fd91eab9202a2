//! The real binary started in a temporary directory with a `.env` file: a line that cannot be
//! read, a database URL that is not SQLite, or demo data on a public address stops it with the
//! reason (and nothing is created); a good file starts it with one summary line and no colour codes in
//! a log that is not a terminal.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_klantenrijbewijs");

/// The binary in `dir` with only PATH from this environment (so no DATABASE_URL or SMTP_URL of
/// the machine running the tests gets in the way).
fn command(dir: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(BIN);
    cmd.args(args)
        .current_dir(dir)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default());
    cmd
}

fn run(dir: &Path, args: &[&str]) -> Output {
    command(dir, args).output().expect("the binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The trap of the old `.env.example`: an unquoted sender on line 3. The app stops naming the
/// file and the line and how to write it; it does not go on without the later lines.
#[test]
fn a_line_of_env_that_cannot_be_read_stops_the_app_with_file_and_line() {
    let dir = tempfile::tempdir().expect("dir");
    std::fs::write(
        dir.path().join(".env"),
        "# mail\nAPP_ADDR=127.0.0.1:0\nMAIL_FROM=Dijkhuis <noreply@dijkhuis.nl>\nDATABASE_URL=sqlite://krb.db\n",
    )
    .expect(".env");
    let out = run(dir.path(), &["migrate"]);
    assert!(!out.status.success(), "it must not start: {out:?}");
    let err = text(&out.stderr);
    let env = dir.path().join(".env").canonicalize().expect("path");
    let named = [
        env.display().to_string(),
        dir.path().join(".env").display().to_string(),
    ];
    assert!(
        named.iter().any(|p| err.contains(&format!("{p} line 3"))),
        "{err}"
    );
    assert!(err.contains("MAIL_FROM"), "{err}");
    assert!(err.contains("double quotes"), "{err}");
    assert!(!dir.path().join("krb.db").exists(), "nothing was created");
    assert!(!dir.path().join("data").exists(), "nothing was created");
}

/// A value that reads as text but is not valid is named with its line too.
#[test]
fn an_invalid_value_in_env_is_named_with_its_line() {
    let dir = tempfile::tempdir().expect("dir");
    std::fs::write(
        dir.path().join(".env"),
        "DATABASE_URL=sqlite://krb.db\nREMINDER_INTERVAL_SECS=hourly\n",
    )
    .expect(".env");
    let out = run(dir.path(), &["migrate"]);
    assert!(!out.status.success());
    let err = text(&out.stderr);
    assert!(err.contains(".env line 2: REMINDER_INTERVAL_SECS"), "{err}");
    assert!(!dir.path().join("krb.db").exists());
}

/// A database URL the app cannot serve stops it with a clear message, from `.env` and from the
/// environment, and no SQLite file named after it appears; a password is never printed. A
/// PostgreSQL URL is served, so one whose server does not answer stops the app saying so.
#[test]
fn a_database_it_cannot_serve_stops_the_app_instead_of_creating_a_file() {
    let dir = tempfile::tempdir().expect("dir");
    std::fs::write(
        dir.path().join(".env"),
        "APP_ADDR=127.0.0.1:0\nDATABASE_URL=mysql://krb:hunter2@localhost/krb\n",
    )
    .expect(".env");
    let out = run(dir.path(), &["migrate"]);
    assert!(!out.status.success());
    let err = text(&out.stderr);
    assert!(err.contains(".env line 2: DATABASE_URL"), "{err}");
    assert!(err.contains("or a PostgreSQL URL"), "{err}");
    assert!(!err.contains("hunter2"), "{err}");

    let bare = tempfile::tempdir().expect("dir");
    let nobody = crate::common::smtp::free_port();
    let out = command(bare.path(), &["serve"])
        .env(
            "DATABASE_URL",
            format!("postgres://krb:hunter2@127.0.0.1:{nobody}/krb"),
        )
        .env("APP_ADDR", "127.0.0.1:0")
        .output()
        .expect("runs");
    assert!(!out.status.success());
    let err = text(&out.stderr);
    assert!(
        err.contains("cannot open database postgres://krb:***@127.0.0.1"),
        "{err}"
    );
    assert!(!err.contains("hunter2"), "{err}");
    for d in [dir.path(), bare.path()] {
        let entries: Vec<_> = std::fs::read_dir(d)
            .expect("dir")
            .map(|e| e.expect("entry").file_name())
            .filter(|n| n != ".env")
            .collect();
        assert!(entries.is_empty(), "created {entries:?}");
    }
}

/// With a good `.env` (the quoted sender included) the app starts: its log says in one line what
/// it runs with (no password) and has no colour codes, since it is not written to a terminal.
#[test]
fn a_good_env_starts_with_one_plain_summary_line() {
    let dir = tempfile::tempdir().expect("dir");
    std::fs::write(
        dir.path().join(".env"),
        "APP_ADDR=127.0.0.1:0\nDATABASE_URL=sqlite://krb.db\n\
         MAIL_FROM=\"Klantenrijbewijs <noreply@dijkhuis.nl>\"\n\
         SMTP_URL=smtp://krb:hunter2@127.0.0.1:1\nREMINDER_INTERVAL_SECS=0\n",
    )
    .expect(".env");
    let mut child = command(dir.path(), &[])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("starts");
    let stdout = child.stdout.take().expect("stdout");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let started = Instant::now();
    let mut log = Vec::new();
    while started.elapsed() < Duration::from_secs(60) {
        match rx.recv_timeout(Duration::from_millis(200)) {
            Ok(line) => {
                let done = line.contains("listening on http://");
                log.push(line);
                if done {
                    break;
                }
            }
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
                if child.try_wait().ok().flatten().is_some() {
                    break;
                }
            }
            Err(_) => break,
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    let all = log.join("\n");
    assert!(all.contains("listening on http://127.0.0.1:"), "{all}");
    let summaries: Vec<_> = log
        .iter()
        .filter(|l| l.contains("secure cookies"))
        .collect();
    assert_eq!(summaries.len(), 1, "{all}");
    for part in [
        "database SQLite ",
        "krb.db",
        "demo data off",
        "public URL unset",
        "mail on via 127.0.0.1:1 (no TLS, user krb) from Klantenrijbewijs <noreply@dijkhuis.nl>",
        "reminder scheduler off",
    ] {
        assert!(summaries[0].contains(part), "{part:?}: {}", summaries[0]);
    }
    assert!(!all.contains("hunter2"), "{all}");
    assert!(
        !all.contains('\u{1b}'),
        "colour codes in a log file: {all:?}"
    );
}

/// Demo data on an address other machines can reach stops the app, saying why and how to allow
/// it on purpose (nothing is created); allowed on purpose, it runs.
#[test]
fn demo_data_on_a_public_address_stops_the_app_unless_allowed() {
    let dir = tempfile::tempdir().expect("dir");
    let out = command(dir.path(), &["migrate"])
        .env("APP_ADDR", "0.0.0.0:0")
        .env("DEMO_DATA", "true")
        .env("DATABASE_URL", "sqlite://data/demo.db")
        .output()
        .expect("runs");
    assert!(!out.status.success());
    let err = text(&out.stderr);
    assert!(err.contains("DEMO_DATA"), "{err}");
    assert!(err.contains("DEMO_DATA_ALLOW_PUBLIC=true"), "{err}");
    assert!(
        std::fs::read_dir(dir.path()).expect("dir").next().is_none(),
        "nothing created"
    );
    let out = command(dir.path(), &["migrate"])
        .env("APP_ADDR", "0.0.0.0:0")
        .env("DEMO_DATA", "true")
        .env("DEMO_DATA_ALLOW_PUBLIC", "true")
        .env("DATABASE_URL", "sqlite://data/demo.db")
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(dir.path().join("data/demo.db").exists());
}
