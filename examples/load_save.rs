//! Load generator for autosave (a benchmark run by hand through `scripts/load-test.sh`, not a CI
//! test): many grown employees sign in, start walkthroughs and autosave every step at the same
//! time against a running server on 127.0.0.1; then every acknowledged save is looked up in the
//! database file. Exits non-zero on any failed request or missing save.
//!
//! `cargo run --release --features ssr --example load_save -- --base http://127.0.0.1:PORT \
//!    --database sqlite:///tmp/x/load.db --users 200`

#[cfg(feature = "ssr")]
#[tokio::main]
async fn main() -> std::process::ExitCode {
    load::run().await
}

#[cfg(not(feature = "ssr"))]
fn main() {
    eprintln!("load_save needs the server feature: --features ssr");
}

#[cfg(feature = "ssr")]
mod load {
    use clap::Parser;
    use sqlx::SqlitePool;
    use sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions};
    use std::collections::{BTreeMap, HashMap};
    use std::process::ExitCode;
    use std::str::FromStr;
    use std::sync::Arc;
    use std::time::{Duration, Instant};
    use tokio::task::JoinSet;

    #[derive(Parser, Clone)]
    #[command(about = "Autosave load test against a local Klantenrijbewijs server")]
    struct Args {
        /// The server, loopback only, e.g. http://127.0.0.1:3200
        #[arg(long)]
        base: String,
        /// The server's SQLite database (opened read-only): users to pick and saves to verify.
        #[arg(long)]
        database: String,
        /// Employees walking at the same time (taken from the `seed-scale` people).
        #[arg(long, default_value_t = 200)]
        users: usize,
        /// Saves per step in a row, as autosave does while someone types.
        #[arg(long, default_value_t = 3)]
        saves_per_step: i64,
        /// Longest think time before a save, in milliseconds (each pause is 0..=this).
        #[arg(long, default_value_t = 300)]
        max_pause_ms: u64,
        /// No new save is sent after this many seconds of the save phase.
        #[arg(long, default_value_t = 300)]
        max_seconds: u64,
        #[arg(long, default_value = "demo-wachtwoord")]
        password: String,
    }

    /// One walker after starting: their browser, walkthrough and its steps.
    struct Walker {
        client: reqwest::Client,
        walk: i64,
        steps: Vec<i64>,
    }

    /// What one walker's saves came to.
    #[derive(Default)]
    struct Saves {
        /// status code ("200", "500", …, "transport error", "not sent (time limit)") → count
        by_status: BTreeMap<String, usize>,
        /// latencies of acknowledged saves
        latencies: Vec<Duration>,
        /// (walkthrough, step) → last acknowledged (version, text)
        last: HashMap<(i64, i64), (i64, String)>,
        /// an acknowledged save whose answer did not carry a version
        unreadable: usize,
        /// the first few failed answers, to show why
        examples: Vec<String>,
    }

    pub async fn run() -> ExitCode {
        let args = Args::parse();
        match load(args).await {
            Ok(true) => ExitCode::SUCCESS,
            Ok(false) => ExitCode::FAILURE,
            Err(e) => {
                eprintln!("load_save: {e}");
                ExitCode::from(2)
            }
        }
    }

    /// Ok(true) when everything was answered 200 and every acknowledged save is stored.
    async fn load(args: Args) -> Result<bool, String> {
        if !args.base.starts_with("http://127.0.0.1:") {
            return Err(format!(
                "--base must be http://127.0.0.1:PORT, not {}",
                args.base
            ));
        }
        let db = open_read_only(&args.database).await?;
        let emails = pick_users(&db, args.users).await?;
        let journeys = Arc::new(live_journeys(&db).await?);
        let args = Arc::new(args);
        println!(
            "load_save: {} users, {} live journeys, {} saves per step, pauses 0..={} ms, {}",
            emails.len(),
            journeys.len(),
            args.saves_per_step,
            args.max_pause_ms,
            args.base
        );

        // Sign everyone in at once, each with their own cookie jar.
        let t = Instant::now();
        let mut tasks = JoinSet::new();
        for email in emails {
            let args = args.clone();
            tasks.spawn(async move {
                let client = client()?;
                let status = post(
                    &client,
                    &args.base,
                    "login",
                    &[
                        ("email", email.as_str()),
                        ("password", args.password.as_str()),
                    ],
                )
                .await
                .map(|(s, _)| s);
                Ok::<_, String>((client, status))
            });
        }
        let mut clients = Vec::new();
        let mut sign_in_failed = BTreeMap::<String, usize>::new();
        for result in tasks.join_all().await {
            match result? {
                (client, Ok(200)) => clients.push(client),
                (_, status) => *sign_in_failed.entry(label(status)).or_default() += 1,
            }
        }
        println!(
            "sign-ins: {} ok, {} failed {:?} ({:.1} s)",
            clients.len(),
            sign_in_failed.values().sum::<usize>(),
            sign_in_failed,
            t.elapsed().as_secs_f64()
        );

        // Start everyone's walkthrough at once, spread over the live journeys.
        let t = Instant::now();
        let mut tasks = JoinSet::new();
        for (i, client) in clients.into_iter().enumerate() {
            let (args, journeys) = (args.clone(), journeys.clone());
            tasks.spawn(async move {
                let (journey, steps) = journeys[i % journeys.len()].clone();
                let answer = post(
                    &client,
                    &args.base,
                    "walk/start",
                    &[("journey_id", journey.to_string().as_str())],
                )
                .await;
                match answer {
                    Ok((200, body)) => match body.trim().parse::<i64>() {
                        Ok(walk) => Ok(Walker {
                            client,
                            walk,
                            steps,
                        }),
                        Err(_) => Err("200 without an id".to_owned()),
                    },
                    other => Err(label(other.map(|(s, _)| s))),
                }
            });
        }
        let mut walkers = Vec::new();
        let mut start_failed = BTreeMap::<String, usize>::new();
        for result in tasks.join_all().await {
            match result {
                Ok(w) => walkers.push(w),
                Err(why) => *start_failed.entry(why).or_default() += 1,
            }
        }
        println!(
            "starts: {} ok, {} failed {:?} ({:.1} s)",
            walkers.len(),
            start_failed.values().sum::<usize>(),
            start_failed,
            t.elapsed().as_secs_f64()
        );

        // Everyone autosaves every step several times, all at once, with think time in between.
        let t = Instant::now();
        let deadline = t + Duration::from_secs(args.max_seconds);
        let mut tasks = JoinSet::new();
        for (i, walker) in walkers.into_iter().enumerate() {
            let args = args.clone();
            tasks.spawn(async move { autosave(&args, walker, i as u64, deadline).await });
        }
        let mut all = Saves::default();
        for saves in tasks.join_all().await {
            for (status, n) in saves.by_status {
                *all.by_status.entry(status).or_default() += n;
            }
            all.latencies.extend(saves.latencies);
            all.last.extend(saves.last);
            all.unreadable += saves.unreadable;
            let room = 5usize.saturating_sub(all.examples.len());
            all.examples.extend(saves.examples.into_iter().take(room));
        }
        let save_secs = t.elapsed().as_secs_f64();
        let ok = all.by_status.get("200").copied().unwrap_or(0);
        let sent: usize = all
            .by_status
            .iter()
            .filter(|(s, _)| !s.starts_with("not sent"))
            .map(|(_, n)| n)
            .sum();
        println!(
            "saves: {ok} ok, {} failed; by status {:?}",
            all.by_status.values().sum::<usize>() - ok,
            all.by_status
        );
        for example in &all.examples {
            println!("  failed save: {example}");
        }

        let (missing, beyond) = verify(&db, &all.last).await?;
        println!("acknowledged saves missing from the database: {missing}");
        if beyond > 0 {
            println!(
                "steps stored at a newer version than acknowledged (write after a failed answer): {beyond}"
            );
        }
        all.latencies.sort();
        println!(
            "save latency: p50 {} p95 {} p99 {} max {}",
            ms(percentile(&all.latencies, 50.0)),
            ms(percentile(&all.latencies, 95.0)),
            ms(percentile(&all.latencies, 99.0)),
            ms(all.latencies.last().copied()),
        );
        println!(
            "throughput: {:.0} saves/s acknowledged, {:.0} requests/s sent, over {:.1} s (think time included)",
            ok as f64 / save_secs,
            sent as f64 / save_secs,
            save_secs
        );
        db.close().await;
        Ok(sign_in_failed.is_empty()
            && start_failed.is_empty()
            && ok == all.by_status.values().sum::<usize>()
            && all.unreadable == 0
            && missing == 0)
    }

    /// One walker: every step saved `saves_per_step` times in a row with the version it got back.
    async fn autosave(args: &Args, walker: Walker, seed: u64, deadline: Instant) -> Saves {
        let mut saves = Saves::default();
        // Deterministic think times: the same run pauses the same way every time.
        let mut rng = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
        for (i, &step) in walker.steps.iter().enumerate() {
            let mut version = 0;
            for round in 1..=args.saves_per_step {
                rng ^= rng << 13;
                rng ^= rng >> 7;
                rng ^= rng << 17;
                tokio::time::sleep(Duration::from_millis(rng % (args.max_pause_ms + 1))).await;
                if Instant::now() >= deadline {
                    *saves
                        .by_status
                        .entry("not sent (time limit)".to_owned())
                        .or_default() += 1;
                    continue;
                }
                let happened = format!(
                    "Belasting: loop {}, stap {step}, versie {round}",
                    walker.walk
                );
                let form = step_form(walker.walk, step, i + 1, version, &happened);
                let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
                let t = Instant::now();
                let answer = post(&walker.client, &args.base, "walk/step", &form).await;
                let took = t.elapsed();
                if let Ok((200, body)) = &answer {
                    match serde_json::from_str::<serde_json::Value>(body)
                        .ok()
                        .and_then(|v| v["version"].as_i64())
                    {
                        Some(v) => {
                            version = v;
                            saves.last.insert((walker.walk, step), (v, happened));
                        }
                        None => saves.unreadable += 1,
                    }
                    saves.latencies.push(took);
                } else if saves.examples.len() < 3 {
                    saves.examples.push(match &answer {
                        Ok((status, body)) => format!("{status} {body}"),
                        Err(e) => e.clone(),
                    });
                }
                *saves
                    .by_status
                    .entry(label(answer.map(|(s, _)| s)))
                    .or_default() += 1;
            }
        }
        saves
    }

    fn step_form(
        walk: i64,
        step: i64,
        number: usize,
        version: i64,
        happened: &str,
    ) -> Vec<(&'static str, String)> {
        vec![
            ("form[walkthrough_id]", walk.to_string()),
            ("form[step_id]", step.to_string()),
            ("form[version]", version.to_string()),
            ("form[number]", number.to_string()),
            ("form[outcome]", "done".to_owned()),
            ("form[minutes]", "4".to_owned()),
            ("form[emotion]", "1".to_owned()),
            ("form[effort]", "3".to_owned()),
            ("form[expected]", "Binnen 2 minuten klaar".to_owned()),
            ("form[happened]", happened.to_owned()),
            ("form[go]", "stay".to_owned()),
        ]
    }

    /// (missing acknowledged saves, steps stored beyond what was acknowledged)
    async fn verify(
        db: &SqlitePool,
        last: &HashMap<(i64, i64), (i64, String)>,
    ) -> Result<(i64, usize), String> {
        let mut missing = 0;
        let mut beyond = 0;
        for (&(walk, step), (version, happened)) in last {
            let row = sqlx::query_as::<_, (i64, Option<String>)>(
                "select version, happened from walkthrough_step where walkthrough_id = ? and step_id = ?",
            )
            .bind(walk)
            .bind(step)
            .fetch_optional(db)
            .await
            .map_err(|e| format!("verify: {e}"))?;
            match row {
                Some((v, _)) if v > *version => beyond += 1,
                Some((v, text)) if v == *version && text.as_deref() == Some(happened.as_str()) => {}
                // Acknowledged versions per step are 1, 2, …: everything above the stored one is lost.
                Some((v, _)) => missing += (version - v).max(1),
                None => missing += version,
            }
        }
        Ok((missing, beyond))
    }

    async fn open_read_only(url: &str) -> Result<SqlitePool, String> {
        let options = SqliteConnectOptions::from_str(url)
            .map_err(|e| format!("--database {url}: {e}"))?
            .read_only(true);
        SqlitePoolOptions::new()
            .max_connections(2)
            .connect_with(options)
            .await
            .map_err(|e| format!("cannot open {url}: {e}"))
    }

    /// Grown employees without a walkthrough in progress (a re-run picks fresh ones).
    async fn pick_users(db: &SqlitePool, users: usize) -> Result<Vec<String>, String> {
        let emails = sqlx::query_scalar::<_, String>(
            "select p.email from person p
             where p.email like 'medewerker%@dijkhuis.example' and p.active = true
               and not exists (select 1 from walkthrough w
                               where w.person_id = p.id and w.status = 'in_progress')
             order by p.id limit ?",
        )
        .bind(i64::try_from(users).unwrap_or(i64::MAX))
        .fetch_all(db)
        .await
        .map_err(|e| format!("picking users: {e}"))?;
        if emails.len() < users {
            return Err(format!(
                "only {} grown employees are free to walk; run `klantenrijbewijs seed-scale --people N` first",
                emails.len()
            ));
        }
        Ok(emails)
    }

    async fn live_journeys(db: &SqlitePool) -> Result<Vec<(i64, Vec<i64>)>, String> {
        let rows = sqlx::query_as::<_, (i64, i64)>(
            "select j.id, s.id from journey j join journey_step s on s.journey_id = j.id
             where j.status = 'live' order by j.id, s.id",
        )
        .fetch_all(db)
        .await
        .map_err(|e| format!("journeys: {e}"))?;
        let mut journeys: Vec<(i64, Vec<i64>)> = Vec::new();
        for (journey, step) in rows {
            match journeys.last_mut() {
                Some((j, steps)) if *j == journey => steps.push(step),
                _ => journeys.push((journey, vec![step])),
            }
        }
        if journeys.is_empty() {
            return Err("no live journeys; the database needs the demo data".to_owned());
        }
        Ok(journeys)
    }

    fn client() -> Result<reqwest::Client, String> {
        // Like a browser on the app's own pages (the CSRF check wants to know where a post is from).
        let mut same_site = reqwest::header::HeaderMap::new();
        same_site.insert(
            "sec-fetch-site",
            reqwest::header::HeaderValue::from_static("same-origin"),
        );
        reqwest::Client::builder()
            .default_headers(same_site)
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy()
            .timeout(Duration::from_secs(60))
            .build()
            .map_err(|e| format!("http client: {e}"))
    }

    /// Calls a server function as the hydrated app does; (status, body) or a transport error.
    async fn post(
        client: &reqwest::Client,
        base: &str,
        endpoint: &str,
        form: &[(&str, &str)],
    ) -> Result<(u16, String), String> {
        let res = client
            .post(format!("{base}/api/{endpoint}"))
            .header("accept", "application/json")
            .form(form)
            .send()
            .await
            .map_err(|e| e.to_string())?;
        let status = res.status().as_u16();
        let body = res.text().await.map_err(|e| e.to_string())?;
        Ok((status, body))
    }

    fn label(status: Result<u16, String>) -> String {
        match status {
            Ok(code) => code.to_string(),
            Err(_) => "transport error".to_owned(),
        }
    }

    fn percentile(sorted: &[Duration], p: f64) -> Option<Duration> {
        if sorted.is_empty() {
            return None;
        }
        let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
        sorted.get(rank.clamp(1, sorted.len()) - 1).copied()
    }

    fn ms(d: Option<Duration>) -> String {
        d.map_or_else(
            || "-".to_owned(),
            |d| format!("{:.1} ms", d.as_secs_f64() * 1000.0),
        )
    }
}
