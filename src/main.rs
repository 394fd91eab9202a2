//! Command line: `serve` (default) runs the web app; `create-admin` makes the first administrator;
//! `migrate` only applies database migrations; `seed-scale` grows a demo database for load tests.

/// mimalloc for the server's own allocations: it keeps per-thread free lists instead of locking
/// glibc's shared arenas, measured on the 10,000-employee database at 0.38 → 0.24 ms of CPU per
/// sign-in page and 3.5–4.7 → 2.8–3.0 ms per inbox page; C code (SQLite) still uses glibc's
/// malloc, tuned below.
#[cfg(feature = "ssr")]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[cfg(feature = "ssr")]
fn main() -> std::process::ExitCode {
    tune_allocator();
    // Before the runtime starts any thread: reading `.env` sets environment variables.
    let env_file = match klantenrijbewijs::config::env_file::load() {
        Ok(file) => file,
        Err(e) => {
            eprintln!("configuration error: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime.block_on(cli::run(env_file)),
        Err(e) => {
            eprintln!("cannot start the runtime: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

/// glibc's malloc now serves only C code (SQLite's page cache and statements). Its defaults were
/// measured badly for this server when it served everything: a mapping threshold that rises after
/// a large block is freed, a 128 KB trim threshold that gave memory back and took it again on
/// every page, and sixteen arenas each holding freed memory; the fixed values below kept the peak
/// at 80 instead of 102 MB in scripts/bench.sh, and they still bound what SQLite's threads keep.
#[cfg(feature = "ssr")]
fn tune_allocator() {
    // SAFETY: mallopt only sets allocator parameters; it is called before the server starts.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 1024 * 1024);
        libc::mallopt(libc::M_TRIM_THRESHOLD, 16 * 1024 * 1024);
        libc::mallopt(libc::M_ARENA_MAX, 2);
    }
}

#[cfg(not(feature = "ssr"))]
fn main() {}

#[cfg(feature = "ssr")]
mod cli {
    use clap::{Parser, Subcommand};
    use klantenrijbewijs::config::Config;
    use klantenrijbewijs::{db, demo};
    use std::process::ExitCode;

    #[derive(Parser)]
    #[command(name = "klantenrijbewijs", version, about = "Klantenrijbewijs web app")]
    struct Cli {
        #[command(subcommand)]
        command: Option<Command>,
    }

    #[derive(Subcommand)]
    enum Command {
        /// Run the web app (the default).
        Serve,
        /// Apply database migrations and exit.
        Migrate,
        /// Create an administrator, for a real deployment without demo data; on an existing
        /// person (same e-mail or employee number) reactivate them, make them an administrator
        /// and set the new password (break-glass).
        CreateAdmin {
            #[arg(long)]
            email: String,
            #[arg(long)]
            name: String,
            #[arg(long)]
            employee_number: String,
            /// Read from KRB_ADMIN_PASSWORD, or asked for on the terminal.
            #[arg(long, env = "KRB_ADMIN_PASSWORD", hide_env_values = true)]
            password: Option<String>,
            /// Also give the employee role (an administrator is not counted as staff otherwise).
            #[arg(long)]
            employee: bool,
            /// Language of the messages: nl or en (default: from LANG, else nl).
            #[arg(long)]
            lang: Option<String>,
        },
        /// Fill a database for load tests: the demo organisation (when empty) grown to N employees.
        SeedScale {
            /// Active employees the database should have afterwards (existing ones count).
            #[arg(long)]
            people: usize,
            /// Completed walkthroughs the database should have afterwards (with ~10 findings
            /// each); with any, also ~400 team leads, improvements triaged from a share of the
            /// frictions, and licences in every status.
            #[arg(long, default_value_t = 0)]
            walkthroughs: i64,
        },
        /// Copy the database (consistent, while the app runs) and the evidence files it names into
        /// a new or empty directory.
        Backup { dir: std::path::PathBuf },
        /// Put a backup made by `backup` in the place of the stopped app's database and evidence.
        Restore {
            dir: std::path::PathBuf,
            /// Replace the database and evidence that are there (otherwise refused).
            #[arg(long)]
            replace: bool,
        },
        /// Benchmark (not a test): times reading, dry-running and applying an employee import of
        /// N generated rows against a temporary demo database.
        BenchImport {
            #[arg(long, default_value_t = 10_000)]
            rows: usize,
        },
        /// Benchmark (not a test): grows a temporary database to N library presentations and
        /// prints p50/p95 timings of typical library searches.
        BenchLibrary {
            #[arg(long, default_value_t = 5000)]
            presentations: i64,
        },
    }

    pub async fn run(env_file: Option<klantenrijbewijs::config::env_file::EnvFile>) -> ExitCode {
        let cli = Cli::parse();
        let config = match Config::from_env() {
            Ok(c) => c,
            Err(e) => {
                let message = match &env_file {
                    Some(file) => file.locate(&e),
                    None => e.to_string(),
                };
                eprintln!("configuration error: {message}");
                return ExitCode::FAILURE;
            }
        };
        init_logging(config.log_format);
        let result = match cli.command.unwrap_or(Command::Serve) {
            Command::Serve => serve(config).await,
            Command::Migrate => migrate(config).await,
            Command::CreateAdmin {
                email,
                name,
                employee_number,
                password,
                employee,
                lang,
            } => {
                // Prints its own translated messages, each once.
                let args = admin::Args {
                    email,
                    name,
                    employee_number,
                    password,
                    employee,
                    lang,
                };
                return admin::create_admin(config, args).await;
            }
            Command::SeedScale {
                people,
                walkthroughs,
            } => seed_scale(config, people, walkthroughs).await,
            Command::Backup { dir } => klantenrijbewijs::backup::backup(&config, &dir)
                .await
                .map(|summary| println!("backed up to {}: {summary}", dir.display())),
            Command::Restore { dir, replace } => {
                klantenrijbewijs::backup::restore(&config, &dir, replace)
                    .await
                    .map(|summary| println!("restored from {}: {summary}", dir.display()))
            }
            Command::BenchImport { rows } => bench::import(rows).await,
            Command::BenchLibrary { presentations } => bench::library(presentations).await,
        };
        match result {
            Ok(()) => ExitCode::SUCCESS,
            Err(message) => {
                tracing::error!("{message}");
                eprintln!("error: {message}");
                ExitCode::FAILURE
            }
        }
    }

    /// Log lines to standard output, filtered by `RUST_LOG`: text (colour codes only for a person
    /// watching; log files and journald get plain text) or JSON lines.
    fn init_logging(format: klantenrijbewijs::config::LogFormat) {
        use std::io::IsTerminal;
        let subscriber = tracing_subscriber::fmt().with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,sqlx=warn,tower_sessions=warn".into()),
        );
        match format {
            klantenrijbewijs::config::LogFormat::Text => {
                subscriber.with_ansi(std::io::stdout().is_terminal()).init()
            }
            klantenrijbewijs::config::LogFormat::Json => subscriber.json().init(),
        }
    }

    async fn serve(config: Config) -> Result<(), String> {
        tracing::info!("{}", config.summary());
        for warning in config.warnings() {
            tracing::warn!("{warning}");
        }
        let addr = config.addr;
        let grace = std::time::Duration::from_secs(config.shutdown_grace_secs);
        let (router, state) = klantenrijbewijs::server::build(config)
            .await
            .map_err(|e| e.to_string())?;
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|e| format!("cannot listen on {addr}: {e}"))?;
        tracing::info!("listening on http://{addr}");
        klantenrijbewijs::server::serve(listener, router, grace, state.mailer.in_flight.clone())
            .await
            .map_err(|e| e.to_string())
    }

    async fn migrate(config: Config) -> Result<(), String> {
        let pool = db::connect(&config.database_url)
            .await
            .map_err(|e| e.to_string())?;
        db::migrate(&pool).await.map_err(|e| e.to_string())?;
        println!(
            "migrations applied to {}",
            klantenrijbewijs::mail::redact_url(&config.database_url)
        );
        Ok(())
    }

    mod bench {
        use klantenrijbewijs::domain::presentation::{LibraryFilter, LibraryViewer};
        use klantenrijbewijs::{db, demo};
        use std::time::Instant;

        pub async fn import(rows: usize) -> Result<(), String> {
            let dir = std::env::temp_dir().join(format!("krb-bench-import-{}", std::process::id()));
            std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
            let url = format!("sqlite://{}?mode=rwc", dir.join("bench.db").display());
            let result = async {
                let pool = db::connect(&url).await.map_err(|e| e.to_string())?;
                db::migrate(&pool).await.map_err(|e| e.to_string())?;
                demo::seed::load_demo(&pool)
                    .await
                    .map_err(|e| e.to_string())?;
                let (hr, _) = demo::seed::demo_person(&pool, "fatima.elamrani@dijkhuis.example")
                    .await
                    .map_err(|e| e.to_string())?;
                let t = demo::scale::time_import(&pool, rows, hr)
                    .await
                    .map_err(|e| e.to_string())?;
                println!(
                    "import of {} rows ({} KB): generate {:.0} ms, parse {:.0} ms, dry run {:.0} ms, \
                     apply {:.0} ms ({} created, {} errors)",
                    t.rows,
                    t.bytes / 1024,
                    t.generate_ms,
                    t.parse_ms,
                    t.dry_run_ms,
                    t.apply_ms,
                    t.created,
                    t.errors
                );
                pool.close().await;
                Ok(())
            }
            .await;
            let _ = std::fs::remove_dir_all(&dir);
            result
        }

        pub async fn library(presentations: i64) -> Result<(), String> {
            let dir = std::env::temp_dir().join(format!("krb-bench-{}", std::process::id()));
            std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
            let url = format!("sqlite://{}?mode=rwc", dir.join("bench.db").display());
            let result = run(&url, presentations).await;
            let _ = std::fs::remove_dir_all(&dir);
            result
        }

        async fn run(url: &str, presentations: i64) -> Result<(), String> {
            let pool = db::connect(url).await.map_err(|e| e.to_string())?;
            db::migrate(&pool).await.map_err(|e| e.to_string())?;
            demo::seed::load_demo(&pool)
                .await
                .map_err(|e| e.to_string())?;
            let started = Instant::now();
            let added = demo::library::grow_library(&pool, presentations)
                .await
                .map_err(|e| e.to_string())?;
            println!(
                "grew the library by {added} presentations in {:.1} s",
                started.elapsed().as_secs_f64()
            );
            // An employee in a team (sees organisation-wide and their team's) and HR (sees all).
            let (employee, team) = demo::seed::demo_person(&pool, "daan.bakker@dijkhuis.example")
                .await
                .map_err(|e| e.to_string())?;
            let viewer = LibraryViewer {
                id: employee,
                team_id: team,
                hr: false,
                reviewer: false,
            };
            let first =
                db::presentation::search::library(&pool, &viewer, &LibraryFilter::default())
                    .await
                    .map_err(|e| e.to_string())?;
            let mut deep = LibraryFilter::default();
            let mut cursor = first.next;
            for _ in 0..100 {
                deep.after = cursor;
                cursor = db::presentation::search::library(&pool, &viewer, &deep)
                    .await
                    .map_err(|e| e.to_string())?
                    .next;
            }
            deep.after = cursor;
            let cases = [
                ("no filter, first page", LibraryFilter::default()),
                (
                    "text 'foto'",
                    LibraryFilter::parse("foto", "", "", "", "", "", ""),
                ),
                (
                    "text 'app formulier'",
                    LibraryFilter::parse("app formulier", "", "", "", "", "", ""),
                ),
                (
                    "text + severity + year + phase",
                    LibraryFilter::parse("formulier", "", "transactie", "", "2025", "major", ""),
                ),
                ("page 101 (keyset)", deep),
            ];
            for (label, filter) in cases {
                let mut times = Vec::new();
                let mut found = 0;
                for _ in 0..50 {
                    let t = Instant::now();
                    let r = db::presentation::search::library(&pool, &viewer, &filter)
                        .await
                        .map_err(|e| e.to_string())?;
                    times.push(t.elapsed().as_secs_f64() * 1000.0);
                    found = r.cards.len();
                }
                times.sort_by(f64::total_cmp);
                println!(
                    "{label:<34} p50 {:>7.2} ms  p95 {:>7.2} ms  ({found} cards)",
                    times[times.len() / 2],
                    times[times.len() * 95 / 100]
                );
            }
            pool.close().await;
            Ok(())
        }
    }

    /// Never for a real deployment: every added person signs in with the public demo password.
    async fn seed_scale(config: Config, people: usize, walkthroughs: i64) -> Result<(), String> {
        let pool = db::connect(&config.database_url)
            .await
            .map_err(|e| e.to_string())?;
        if pool.dialect() != db::Dialect::Sqlite {
            pool.close().await;
            return Err(
                "seed-scale grows SQLite databases only (its bulk SQL is written for \
                        SQLite); point DATABASE_URL at a sqlite:// database"
                    .to_string(),
            );
        }
        db::migrate(&pool).await.map_err(|e| e.to_string())?;
        if demo::seed::load_demo(&pool)
            .await
            .map_err(|e| format!("demo data: {e}"))?
        {
            println!("demo organisation loaded into the empty database");
        }
        let before = demo::scale::employee_count(&pool)
            .await
            .map_err(|e| e.to_string())?;
        let missing = people.saturating_sub(usize::try_from(before).unwrap_or(usize::MAX));
        let started = std::time::Instant::now();
        let added = demo::scale::grow_people(&pool, missing)
            .await
            .map_err(|e| e.to_string())?;
        match (added.first(), added.last()) {
            (Some(first), Some(last)) => println!(
                "{} employees added ({first} … {last}, password {}) in {:.1} s; {} employees now",
                added.len(),
                demo::seed::DEMO_PASSWORD,
                started.elapsed().as_secs_f64(),
                before + i64::try_from(added.len()).unwrap_or(i64::MAX),
            ),
            _ => println!("{before} employees already, none added"),
        }
        if walkthroughs > 0 {
            grow_history(&pool, walkthroughs).await?;
        }
        pool.close().await;
        Ok(())
    }

    /// Team leads, walkthroughs with findings, and licences, each step timed.
    async fn grow_history(pool: &db::Db, walkthroughs: i64) -> Result<(), String> {
        let t = std::time::Instant::now();
        let (leads, moved) = demo::scale::assign_leads(pool)
            .await
            .map_err(|e| e.to_string())?;
        println!(
            "{leads} team leads (reviewers), {moved} managers changed in {:.1} s",
            t.elapsed().as_secs_f64()
        );
        let t = std::time::Instant::now();
        let (walks, findings) = demo::scale::grow_walkthroughs(pool, walkthroughs)
            .await
            .map_err(|e| e.to_string())?;
        println!(
            "{walks} completed walkthroughs with {findings} findings added in {:.1} s",
            t.elapsed().as_secs_f64()
        );
        let t = std::time::Instant::now();
        let grown = demo::scale::grow_improvements(pool)
            .await
            .map_err(|e| e.to_string())?;
        println!(
            "{} improvements with {} triaged frictions (largest {}), {} closed without action, added in {:.1} s",
            grown.improvements,
            grown.linked,
            grown.largest,
            grown.no_action,
            t.elapsed().as_secs_f64()
        );
        let t = std::time::Instant::now();
        let issued = demo::scale::grow_licences(pool)
            .await
            .map_err(|e| e.to_string())?;
        println!(
            "{issued} licence periods issued in {:.1} s",
            t.elapsed().as_secs_f64()
        );
        Ok(())
    }

    mod admin {
        use klantenrijbewijs::config::Config;
        use klantenrijbewijs::db;
        use klantenrijbewijs::db::person::AdminOutcome;
        use klantenrijbewijs::domain::{Email, EmployeeNumber, Locale, Password, PersonName};
        use klantenrijbewijs::i18n::I18n;
        use std::process::ExitCode;

        pub struct Args {
            pub email: String,
            pub name: String,
            pub employee_number: String,
            pub password: Option<String>,
            pub employee: bool,
            pub lang: Option<String>,
        }

        /// `--lang`, else the language of `LANG` (`en_GB.UTF-8`), else Dutch.
        fn locale(lang: Option<&str>) -> Locale {
            let env = std::env::var("LANG").ok();
            lang.or(env.as_deref())
                .and_then(|l| Locale::parse(&l.get(..2).unwrap_or(l).to_lowercase()))
                .unwrap_or(Locale::Nl)
        }

        /// Creates or restores the administrator; every message is translated and printed once.
        pub async fn create_admin(config: Config, args: Args) -> ExitCode {
            let i18n = I18n::new(locale(args.lang.as_deref()));
            match run(&i18n, config, args).await {
                Ok(message) => {
                    println!("{message}");
                    ExitCode::SUCCESS
                }
                Err(message) => {
                    eprintln!("{message}");
                    ExitCode::FAILURE
                }
            }
        }

        async fn run(i18n: &I18n, config: Config, args: Args) -> Result<String, String> {
            let invalid = |field: &str, key: &str| {
                i18n.t_with(
                    "cli-admin-invalid",
                    &[("field", i18n.t(field)), ("message", i18n.t(key))],
                )
            };
            let failed = |e: &dyn std::fmt::Display| {
                i18n.t_with("cli-admin-failed", &[("reason", e.to_string())])
            };
            let email = Email::parse(&args.email).map_err(|k| invalid("field-email", k))?;
            let name = PersonName::parse(&args.name).map_err(|k| invalid("field-name", k))?;
            let number = EmployeeNumber::parse(&args.employee_number)
                .map_err(|k| invalid("field-employee-number", k))?;
            let raw = match args.password {
                Some(p) => p,
                None => rpassword::prompt_password(format!(
                    "{} ",
                    i18n.t("cli-admin-password-prompt").trim_end()
                ))
                .map_err(|e| failed(&e))?,
            };
            let password = Password::parse(&raw).map_err(|k| invalid("field-password", k))?;
            let pool = db::connect(&config.database_url)
                .await
                .map_err(|e| failed(&e))?;
            db::migrate(&pool).await.map_err(|e| failed(&e))?;
            let hash = klantenrijbewijs::auth::password::hash(&password)
                .await
                .map_err(|e| failed(&e))?;
            let fields = db::person::PersonFields {
                name,
                email: email.clone(),
                employee_number: number,
                team_id: None,
                manager_id: None,
                active: true,
                preferred_language: i18n.locale,
            };
            let outcome = db::person::restore_admin(&pool, &fields, &hash, args.employee)
                .await
                .map_err(|e| match e {
                    db::person::PersonWriteError::Db(e) => failed(&e),
                    db::person::PersonWriteError::LastAdmin => i18n.t("error-last-admin"),
                })?;
            pool.close().await;
            let email = email.as_str().to_owned();
            match outcome {
                AdminOutcome::Created { id } => Ok(i18n.t_with(
                    "cli-admin-created",
                    &[("email", email), ("id", id.to_string())],
                )),
                AdminOutcome::Restored { id, .. } => Ok(i18n.t_with(
                    "cli-admin-restored",
                    &[("email", email), ("id", id.to_string())],
                )),
                AdminOutcome::Conflict {
                    email_id,
                    number_id,
                } => Err(i18n.t_with(
                    "cli-admin-conflict",
                    &[
                        ("email_id", email_id.to_string()),
                        ("number_id", number_id.to_string()),
                    ],
                )),
            }
        }
    }
}
