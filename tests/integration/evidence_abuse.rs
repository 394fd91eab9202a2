//! Uploads under abuse, over real HTTP: an oversized body is refused the moment it passes the limit
//! and never kept; strangers are refused before their file is read; a global budget answers
//! "busy, try again" instead of falling over; decompression bombs are refused from their header
//! and large photos stored scaled down; files a crash left behind are swept at start-up.
//!
//! Several tests write the request by hand over TCP (`RawPost`), so that they decide when — and
//! whether — the bytes of the file are sent, and can watch the server while the client is still
//! sending.

use crate::common;

use common::*;
use image::{DynamicImage, GenericImageView, ImageFormat, Rgb, RgbImage};
use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};
use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const COLLEAGUE: &str = "lotte.smit@dijkhuis.example";
const RETURN_TO: &str = "/walkthroughs/1?step=2#stap-2";
const MIB: u64 = 1024 * 1024;

// ---------------------------------------------------------------------------------------------
// Set-up: a journey with one step and a walkthrough of it, straight in the database.

struct Walk {
    id: i64,
    step: i64,
}

async fn walkthrough(app: &TestApp, email: &str, status: &str) -> Walk {
    let pool = &app.state.pool;
    let now = chrono::Utc::now();
    let team_id: i64 =
        crate::common::sql::scalar(pool, "select id from team order by id limit 1", &[]).await;
    let family: i64 = crate::common::sql::scalar(
        pool,
        "insert into journey_family (created_at, updated_at) values ($1, $2) returning id",
        &[now.into(), now.into()],
    )
    .await;
    let journey: i64 = crate::common::sql::scalar(
        pool,
        "insert into journey (family_id, version, year, title, product_line, persona, goal,
                              scenario, rules, status, created_at, updated_at)
         values ($1, 1, 2026, 'Schade melden', 'Autoverzekering', 'Starter', 'Schade melden',
                 'Na een aanrijding', 'Gebruik je eigen gegevens', 'live', $2, $3) returning id",
        &[family.into(), now.into(), now.into()],
    )
    .await;
    let step: i64 = crate::common::sql::scalar(
        pool,
        "insert into journey_step (journey_id, position, phase, title, instructions, channel,
                                   service_promise, team_id, created_at, updated_at)
         values ($1, 1, 'service', 'Stap 1', 'Doe het', 'website', 'Binnen een dag', $2, $3, $4)
         returning id",
        &[journey.into(), team_id.into(), now.into(), now.into()],
    )
    .await;
    let id: i64 = crate::common::sql::scalar(
        pool,
        "insert into walkthrough (person_id, journey_id, cycle_year, status, started_at,
                                  created_at, updated_at)
         values ($1, $2, 2026, $3, $4, $5, $6) returning id",
        &[
            (app.person_id(email).await).into(),
            journey.into(),
            status.into(),
            now.into(),
            now.into(),
            now.into(),
        ],
    )
    .await;
    crate::common::sql::exec(
        pool,
        "insert into walkthrough_step (walkthrough_id, step_id, created_at, updated_at)
         values ($1, $2, $3, $4)",
        &[id.into(), step.into(), now.into(), now.into()],
    )
    .await;
    Walk { id, step }
}

/// The session cookie (`krb_session=...`) of a fresh sign-in, for hand-written requests.
async fn cookie_for(app: &TestApp, email: &str) -> String {
    let client = TestApp::new_client();
    let a = app
        .call_as(
            &client,
            "login",
            &[("email", email), ("password", DEMO_PASSWORD)],
        )
        .await;
    assert_eq!(a.status, StatusCode::OK, "sign-in as {email}: {}", a.body);
    let cookie = session_cookie(&a.headers).expect("session cookie");
    cookie.split(';').next().expect("name=value").to_owned()
}

fn incoming_files(app: &TestApp) -> Vec<(String, u64)> {
    files_with_sizes(&app.state.config.evidence_dir.join(".incoming"))
}

fn stored_files(app: &TestApp) -> Vec<String> {
    files_with_sizes(&app.state.config.evidence_dir)
        .into_iter()
        .map(|(name, _)| name)
        .collect()
}

fn files_with_sizes(dir: &Path) -> Vec<(String, u64)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<(String, u64)> = entries
        .flatten()
        .filter_map(|e| {
            let meta = e.metadata().ok()?;
            meta.is_file()
                .then(|| (e.file_name().to_string_lossy().into_owned(), meta.len()))
        })
        .collect();
    files.sort();
    files
}

async fn wait_until(what: &str, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while !done() {
        assert!(Instant::now() < deadline, "timed out waiting until {what}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

fn json(body: &str) -> serde_json::Value {
    serde_json::from_str(body).unwrap_or_else(|_| panic!("JSON body, got {body:?}"))
}

// ---------------------------------------------------------------------------------------------
// A multipart post written by hand

const BOUNDARY: &str = "krb-abuse-test-boundary";
const PDF_HEAD: &[u8] = b"%PDF-1.4\n";

struct RawAnswer {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
    /// When the status line arrived.
    at: Instant,
}

impl RawAnswer {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

struct RawPost {
    writer: tokio::net::tcp::OwnedWriteHalf,
    answer: tokio::task::JoinHandle<Option<RawAnswer>>,
    file_len: u64,
    /// File bytes sent so far.
    sent: u64,
}

struct RawRequest<'a> {
    path: &'a str,
    cookie: Option<&'a str>,
    json: bool,
    fields: Vec<(&'a str, String)>,
    extra_headers: Vec<(&'a str, &'a str)>,
    /// The file is a PDF of this many bytes.
    file_len: u64,
}

impl<'a> RawRequest<'a> {
    fn upload(walk: &Walk, cookie: Option<&'a str>, file_len: u64) -> RawRequest<'a> {
        RawRequest {
            path: "/evidence",
            cookie,
            json: true,
            fields: vec![
                ("return_to", RETURN_TO.to_owned()),
                ("walkthrough_id", walk.id.to_string()),
                ("step_id", walk.step.to_string()),
            ],
            extra_headers: Vec::new(),
            file_len,
        }
    }

    /// Sends the request head and every field up to the first byte of the file.
    async fn start(self, app: &TestApp) -> RawPost {
        let mut preamble = String::new();
        for (name, value) in &self.fields {
            preamble.push_str(&format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            ));
        }
        preamble.push_str(&format!(
            "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"groot.pdf\"\r\nContent-Type: application/pdf\r\n\r\n"
        ));
        let length = preamble.len() as u64 + self.file_len + epilogue().len() as u64;
        let host = app.base.trim_start_matches("http://");
        let accept = if self.json {
            "application/json"
        } else {
            "text/html"
        };
        let mut head = format!(
            "POST {} HTTP/1.1\r\nHost: {host}\r\nAccept: {accept}\r\nContent-Type: multipart/form-data; boundary={BOUNDARY}\r\nContent-Length: {length}\r\n",
            self.path
        );
        if let Some(cookie) = self.cookie {
            head.push_str(&format!("Cookie: {cookie}\r\n"));
        }
        // Like a browser on the app's own page, unless the test says otherwise.
        if !self
            .extra_headers
            .iter()
            .any(|(name, _)| name.eq_ignore_ascii_case("sec-fetch-site"))
        {
            head.push_str("Sec-Fetch-Site: same-origin\r\n");
        }
        for (name, value) in &self.extra_headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str("\r\n");
        let stream = tokio::net::TcpStream::connect(host).await.expect("connect");
        let (reader, mut writer) = stream.into_split();
        writer.write_all(head.as_bytes()).await.expect("head");
        writer.write_all(preamble.as_bytes()).await.expect("fields");
        RawPost {
            writer,
            answer: tokio::spawn(read_answer(reader)),
            file_len: self.file_len,
            sent: 0,
        }
    }
}

fn epilogue() -> String {
    format!("\r\n--{BOUNDARY}--\r\n")
}

impl RawPost {
    /// Sends up to `n` more bytes of the file; `false` once the server stopped taking them.
    async fn send(&mut self, n: u64) -> bool {
        let end = (self.sent + n).min(self.file_len);
        while self.sent < end {
            let len = (end - self.sent).min(64 * 1024) as usize;
            let mut chunk = vec![b'%'; len];
            for (i, byte) in chunk.iter_mut().enumerate() {
                if let Some(b) = PDF_HEAD.get(self.sent as usize + i) {
                    *byte = *b;
                }
            }
            if self.writer.write_all(&chunk).await.is_err() {
                return false;
            }
            self.sent += len as u64;
        }
        true
    }

    /// Sends the rest of the file and the end of the form.
    async fn finish(&mut self) {
        assert!(self.send(self.file_len).await, "server took the whole file");
        self.writer
            .write_all(epilogue().as_bytes())
            .await
            .expect("end of form");
    }

    fn answered(&self) -> bool {
        self.answer.is_finished()
    }

    async fn answer(self) -> RawAnswer {
        let RawPost { writer, answer, .. } = self;
        let answer = tokio::time::timeout(Duration::from_secs(10), answer)
            .await
            .expect("an answer while the client still holds the rest of its body")
            .expect("reader task")
            .expect("an HTTP answer");
        drop(writer);
        answer
    }
}

async fn read_answer(mut reader: tokio::net::tcp::OwnedReadHalf) -> Option<RawAnswer> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 8192];
    let header_end = loop {
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i;
        }
        match reader.read(&mut chunk).await {
            Ok(0) | Err(_) => return None,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
        }
    };
    let at = Instant::now();
    let head = String::from_utf8_lossy(&buf[..header_end]).into_owned();
    let mut lines = head.split("\r\n");
    let status = lines.next()?.split(' ').nth(1)?.parse().ok()?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let length: usize = headers
        .iter()
        .find(|(n, _)| n == "content-length")
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let mut body = buf[header_end + 4..].to_vec();
    while body.len() < length {
        match reader.read(&mut chunk).await {
            Ok(0) | Err(_) => break,
            Ok(n) => body.extend_from_slice(&chunk[..n]),
        }
    }
    Some(RawAnswer {
        status,
        headers,
        body: String::from_utf8_lossy(&body).into_owned(),
        at,
    })
}

// ---------------------------------------------------------------------------------------------
// 1. Too large: streamed to disk within the limit, refused the moment it passes it

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_50_mb_body_streams_to_a_temporary_file_and_is_refused_the_moment_it_passes_1_mb() {
    let limit = MIB;
    let app = TestApp::spawn_configured(true, |c| c.evidence_max_bytes = limit).await;
    let walk = walkthrough(&app, EMPLOYEE, "in_progress").await;
    let cookie = cookie_for(&app, EMPLOYEE).await;

    for as_json in [true, false] {
        let mut request = RawRequest::upload(&walk, Some(&cookie), 50 * MIB);
        request.json = as_json;
        let mut post = request.start(&app).await;
        // Half the limit: it is on disk in `.incoming/` as it arrives, not gathered in memory.
        assert!(post.send(limit / 2).await);
        wait_until("the received half is in a temporary file", || {
            incoming_files(&app)
                .first()
                .is_some_and(|(_, size)| *size >= limit / 4)
        })
        .await;
        assert_eq!(incoming_files(&app).len(), 1);
        assert!(!post.answered(), "no answer while within the limit");

        // Then the client goes on to send all 50 MB.
        let passing = Instant::now();
        let all_taken = post.send(50 * MIB).await;
        let sent = post.sent;
        let answer = post.answer().await;
        let answered_after = answer.at.saturating_duration_since(passing);
        println!(
            "json={as_json}: answered {} ms after passing the limit; the client got {:.1} MB of 50 out",
            answered_after.as_millis(),
            sent as f64 / MIB as f64
        );
        assert!(
            answered_after < Duration::from_secs(3),
            "refused quickly: {answered_after:?}"
        );
        assert!(
            !all_taken && sent < 50 * MIB,
            "the server stopped taking the body ({sent} bytes sent)"
        );
        if as_json {
            assert_eq!(answer.status, 413, "{}", answer.body);
            let body = json(&answer.body);
            assert_eq!(body["error"], "evidence-error-too-large");
            assert_eq!(body["max_bytes"], limit);
        } else {
            assert_eq!(answer.status, 303);
            assert_eq!(
                answer.header("location"),
                Some("/walkthroughs/1?step=2&evidence_error=evidence-error-too-large#stap-2")
            );
        }
        assert_eq!(answer.header("connection"), Some("close"));
        // The partial file went before the answer did; nothing was stored.
        assert_eq!(incoming_files(&app), Vec::new());
        assert_eq!(stored_files(&app), Vec::<String>::new());
    }
    assert_eq!(app.count("select count(*) from evidence").await, 0);
    // The app is fine afterwards.
    let res = reqwest::get(format!("{}/healthz", app.base))
        .await
        .expect("health");
    assert_eq!(res.status(), StatusCode::OK);
}

// ---------------------------------------------------------------------------------------------
// 4. Rights before the body

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn strangers_are_refused_before_their_file_is_read() {
    let app = TestApp::spawn().await;
    let walk = walkthrough(&app, EMPLOYEE, "in_progress").await;
    let finished = walkthrough(&app, EMPLOYEE, "completed").await;
    let owner = cookie_for(&app, EMPLOYEE).await;
    let stranger = cookie_for(&app, COLLEAGUE).await;

    // The key of the evidence route's own JSON answer; `None` where the perimeter's cross-site
    // check (security::csrf) answers before the route runs at all.
    let cases: Vec<(&str, RawRequest, u16, Option<&str>)> = vec![
        (
            "a colleague, on someone else's walkthrough",
            RawRequest::upload(&walk, Some(&stranger), 8 * MIB),
            403,
            Some("error-forbidden"),
        ),
        (
            "nobody signed in",
            RawRequest::upload(&walk, None, 8 * MIB),
            401,
            Some("error-unauthenticated"),
        ),
        (
            "the owner, from another site",
            RawRequest {
                extra_headers: vec![("Sec-Fetch-Site", "cross-site")],
                ..RawRequest::upload(&walk, Some(&owner), 8 * MIB)
            },
            403,
            None,
        ),
        (
            "the owner, on a finished walkthrough",
            RawRequest::upload(&finished, Some(&owner), 8 * MIB),
            409,
            Some("walk-error-not-editable"),
        ),
    ];
    for (who, request, status, key) in cases {
        let mut post = request.start(&app).await;
        // The first 64 KB of 8 MB; the client then waits, holding the rest. (The perimeter may
        // already have answered and closed before those 64 KB are out.)
        let sent = post.send(64 * 1024).await;
        assert!(
            sent || key.is_none(),
            "{who}: the server stopped reading early"
        );
        let answer = post.answer().await;
        assert_eq!(answer.status, status, "{who}: {}", answer.body);
        if let Some(key) = key {
            assert_eq!(json(&answer.body)["error"], key, "{who}");
            assert_eq!(answer.header("connection"), Some("close"), "{who}");
        }
        assert_eq!(
            incoming_files(&app),
            Vec::new(),
            "{who}: no file was received"
        );
    }
    assert_eq!(app.count("select count(*) from evidence").await, 0);
    assert_eq!(stored_files(&app), Vec::<String>::new());
}

// ---------------------------------------------------------------------------------------------
// 2. The global budget

fn pdf(len: usize) -> Vec<u8> {
    let mut bytes = PDF_HEAD.to_vec();
    bytes.resize(len, b'%');
    bytes
}

fn upload_form(walk: &Walk, name: &str, content_type: &str, bytes: Vec<u8>) -> Form {
    Form::new()
        .text("return_to", RETURN_TO)
        .text("walkthrough_id", walk.id.to_string())
        .text("step_id", walk.step.to_string())
        .part(
            "file",
            Part::bytes(bytes)
                .file_name(name.to_owned())
                .mime_str(content_type)
                .expect("mime"),
        )
}

async fn post_upload(
    base: &str,
    client: &reqwest::Client,
    form: Form,
    json: bool,
) -> (StatusCode, reqwest::header::HeaderMap, String) {
    let res = client
        .post(format!("{base}/evidence"))
        .header(
            "accept",
            if json {
                "application/json"
            } else {
                "text/html"
            },
        )
        .multipart(form)
        .send()
        .await
        .expect("upload");
    let status = res.status();
    let headers = res.headers().clone();
    (status, headers, res.text().await.expect("body"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn when_the_upload_budget_is_spent_uploads_are_told_to_try_again() {
    let limit = 256 * 1024;
    let app = TestApp::spawn_configured(true, |c| {
        c.evidence_max_bytes = limit;
        c.evidence_upload_budget_bytes = 2 * limit;
    })
    .await;
    let walk = walkthrough(&app, EMPLOYEE, "in_progress").await;
    let cookie = cookie_for(&app, EMPLOYEE).await;
    let daan = app.client_for(EMPLOYEE).await;

    // Two slow uploads of the largest size take the whole budget and hold it.
    let mut slow = Vec::new();
    for _ in 0..2 {
        let mut post = RawRequest::upload(&walk, Some(&cookie), limit)
            .start(&app)
            .await;
        assert!(post.send(16 * 1024).await);
        slow.push(post);
    }
    wait_until("both slow uploads are being received", || {
        incoming_files(&app).len() == 2
    })
    .await;

    // A third is told, after a short wait, that it is busy: as JSON, and as a page to go back to.
    let started = Instant::now();
    let (status, headers, body) = post_upload(
        &app.base,
        &daan,
        upload_form(&walk, "a.pdf", "application/pdf", pdf(1000)),
        true,
    )
    .await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
    assert_eq!(json(&body)["error"], "evidence-error-busy");
    assert_eq!(headers["retry-after"], "5");
    assert!(
        started.elapsed() >= Duration::from_millis(1500),
        "it waited its turn first"
    );
    let (status, headers, _) = post_upload(
        &app.base,
        &daan,
        upload_form(&walk, "a.pdf", "application/pdf", pdf(1000)),
        false,
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(
        headers["location"],
        "/walkthroughs/1?step=2&evidence_error=evidence-error-busy#stap-2"
    );

    // One slow upload completes, the other gives up: their budget comes back.
    let mut done = slow.remove(0);
    done.finish().await;
    let answer = done.answer().await;
    assert_eq!(answer.status, 201, "{}", answer.body);
    drop(slow);
    wait_until("the abandoned upload's temporary file is removed", || {
        incoming_files(&app).is_empty()
    })
    .await;
    let (status, _, body) = post_upload(
        &app.base,
        &daan,
        upload_form(&walk, "b.pdf", "application/pdf", pdf(1000)),
        true,
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(app.count("select count(*) from evidence").await, 2);
}

/// A photo with detail, so its JPEG is not tiny.
fn photo(width: u32, height: u32) -> DynamicImage {
    DynamicImage::ImageRgb8(RgbImage::from_fn(width, height, |x, y| {
        let n = x.wrapping_mul(7919) ^ y.wrapping_mul(104_729);
        Rgb([(x % 256) as u8, (y % 256) as u8, (n % 256) as u8])
    }))
}

fn encoded(img: &DynamicImage, format: ImageFormat) -> Vec<u8> {
    let mut out = Vec::new();
    img.write_to(&mut Cursor::new(&mut out), format)
        .expect("encode test image");
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn twenty_uploads_at_once_each_succeed_or_are_told_to_try_again() {
    let jpeg = encoded(&photo(3000, 2000), ImageFormat::Jpeg);
    // Room for two or three of these at a time, and one decode.
    let budget = 3 * jpeg.len() as u64;
    let app = TestApp::spawn_configured(true, |c| {
        c.evidence_max_bytes = 8 * MIB;
        c.evidence_upload_budget_bytes = budget;
        c.evidence_decodes = 1;
    })
    .await;
    let walk = walkthrough(&app, EMPLOYEE, "in_progress").await;
    let daan = app.client_for(EMPLOYEE).await;
    println!("each upload: a {} KB JPEG", jpeg.len() / 1024);

    let mut uploads = tokio::task::JoinSet::new();
    for i in 0..20 {
        let (base, client, bytes) = (app.base.clone(), daan.clone(), jpeg.clone());
        let form = upload_form(&walk, &format!("foto-{i}.jpg"), "image/jpeg", bytes);
        uploads.spawn(async move { post_upload(&base, &client, form, true).await });
    }
    let (mut created, mut busy) = (0, 0);
    while let Some(result) = uploads.join_next().await {
        let (status, _, body) = result.expect("upload task");
        match status {
            StatusCode::CREATED => created += 1,
            StatusCode::SERVICE_UNAVAILABLE => {
                assert_eq!(json(&body)["error"], "evidence-error-busy");
                busy += 1;
            }
            other => panic!("every upload succeeds or is told to try again, got {other}: {body}"),
        }
    }
    println!("20 uploads at once: {created} stored, {busy} told to try again");
    assert!(created >= 1);
    assert_eq!(
        app.count("select count(*) from evidence").await,
        created as i64
    );
    // A photo and its thumbnail per upload, no temporary file left.
    assert_eq!(stored_files(&app).len(), 2 * created);
    assert_eq!(incoming_files(&app), Vec::new());
    // The app is up and takes the next upload.
    let res = reqwest::get(format!("{}/healthz", app.base))
        .await
        .expect("health");
    assert_eq!(res.status(), StatusCode::OK);
    let (status, _, body) = post_upload(
        &app.base,
        &daan,
        upload_form(&walk, "na.jpg", "image/jpeg", jpeg),
        true,
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
}

// ---------------------------------------------------------------------------------------------
// 3. Pixels

fn png_chunk(png: &mut Vec<u8>, kind: &[u8], data: &[u8]) {
    let mut crc = flate2::Crc::new();
    crc.update(kind);
    crc.update(data);
    png.extend_from_slice(&(data.len() as u32).to_be_bytes());
    png.extend_from_slice(kind);
    png.extend_from_slice(data);
    png.extend_from_slice(&crc.sum().to_be_bytes());
}

/// A valid PNG of `width` x `height` black pixels at 1 bit per pixel: every row is zeros, which
/// compress about a thousand to one. `rows` limits how many rows of data it really carries.
fn png_bomb(width: u32, height: u32, rows: u32) -> Vec<u8> {
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&width.to_be_bytes());
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[1, 0, 0, 0, 0]); // 1 bit, greyscale
    png_chunk(&mut png, b"IHDR", &ihdr);
    let row = 1 + width.div_ceil(8) as usize; // filter byte + pixels
    let mut zlib = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    let zeros = vec![0u8; row];
    for _ in 0..rows {
        zlib.write_all(&zeros).expect("compress");
    }
    png_chunk(&mut png, b"IDAT", &zlib.finish().expect("compress"));
    png_chunk(&mut png, b"IEND", &[]);
    png
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn decompression_bombs_are_refused_from_their_header_without_decoding() {
    let app = TestApp::spawn().await;
    let walk = walkthrough(&app, EMPLOYEE, "in_progress").await;
    let daan = app.client_for(EMPLOYEE).await;

    // 20000 x 20000 (400 megapixels) in a few hundred bytes, and a complete, valid 10000 x 6000
    // image (60 megapixels: within the decoder's side limit, over the 50-megapixel default) in a
    // few kilobytes.
    let claims = png_bomb(20_000, 20_000, 8);
    let complete = png_bomb(10_000, 6_000, 6_000);
    assert!(
        claims.len() < 1024 && complete.len() < 64 * 1024,
        "tiny files"
    );
    for (what, bomb) in [("claims", claims), ("complete", complete)] {
        let started = Instant::now();
        let (status, _, body) = post_upload(
            &app.base,
            &daan,
            upload_form(&walk, "bom.png", "image/png", bomb.clone()),
            true,
        )
        .await;
        println!(
            "{what}: {} bytes refused in {} ms",
            bomb.len(),
            started.elapsed().as_millis()
        );
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{what}: {body}");
        assert_eq!(json(&body)["error"], "evidence-error-too-many-pixels");
        assert_eq!(json(&body)["field"], "file");
        let (status, headers, _) = post_upload(
            &app.base,
            &daan,
            upload_form(&walk, "bom.png", "image/png", bomb),
            false,
        )
        .await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        assert_eq!(
            headers["location"],
            "/walkthroughs/1?step=2&evidence_error=evidence-error-too-many-pixels#stap-2"
        );
    }
    assert_eq!(app.count("select count(*) from evidence").await, 0);
    assert_eq!(stored_files(&app), Vec::<String>::new());
    assert_eq!(incoming_files(&app), Vec::new());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_4000_by_3000_photo_is_stored_at_most_2560_px_on_its_longest_side() {
    let app = TestApp::spawn().await;
    let walk = walkthrough(&app, EMPLOYEE, "in_progress").await;
    let daan = app.client_for(EMPLOYEE).await;
    let (status, _, body) = post_upload(
        &app.base,
        &daan,
        upload_form(
            &walk,
            "groot.jpg",
            "image/jpeg",
            encoded(&photo(4000, 3000), ImageFormat::Jpeg),
        ),
        true,
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let id = json(&body)["id"].as_i64().expect("id");
    let (name, width, height): (String, i64, i64) = crate::common::sql::row(
        &app.state.pool,
        "select storage_name, width, height from evidence where id = $1",
        &[id.into()],
    )
    .await;
    assert_eq!((width, height), (2560, 1920));
    let stored = std::fs::read(app.state.config.evidence_dir.join(name)).expect("stored file");
    let decoded = image::load_from_memory(&stored).expect("stored photo decodes");
    assert_eq!(decoded.dimensions(), (2560, 1920));
}

// ---------------------------------------------------------------------------------------------
// 5. The start-up sweep

fn age(path: &Path) {
    let hour_ago = SystemTime::now() - Duration::from_secs(3600);
    std::fs::File::options()
        .write(true)
        .open(path)
        .and_then(|f| f.set_modified(hour_ago))
        .expect("age the file");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn orphaned_files_are_swept_when_the_app_starts_and_referenced_ones_stay() {
    let dir = tempfile::tempdir().expect("temp dir");
    let database_url = format!("sqlite://{}", dir.path().join("krb.db").display());
    let evidence_dir: PathBuf = dir.path().join("evidence");
    let configure = |c: &mut klantenrijbewijs::config::Config| {
        c.database_url = database_url.clone();
        c.evidence_dir = evidence_dir.clone();
    };
    let first = TestApp::spawn_configured(true, configure).await;
    let walk = walkthrough(&first, EMPLOYEE, "in_progress").await;
    let daan = first.client_for(EMPLOYEE).await;
    let mut ids = Vec::new();
    for form in [
        upload_form(&walk, "brief.pdf", "application/pdf", pdf(5000)),
        upload_form(
            &walk,
            "foto.jpg",
            "image/jpeg",
            encoded(&photo(200, 100), ImageFormat::Jpeg),
        ),
    ] {
        let (status, _, body) = post_upload(&first.base, &daan, form, true).await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        ids.push(json(&body)["id"].as_i64().expect("id"));
    }
    let referenced = stored_files(&first);
    assert_eq!(referenced.len(), 3, "a PDF, a photo and its thumbnail");

    // What a crash leaves behind: a file whose row was never committed, a thumbnail, a half
    // received upload. Plus a fresh orphan (an upload in progress elsewhere) and a file that is
    // not ours.
    let at = |name: &str| evidence_dir.join(name);
    let orphan = "0123456789abcdef0123456789abcdef.jpg";
    let orphan_thumb = "0123456789abcdef0123456789abcdef-thumb.jpg";
    let fresh = "fedcba9876543210fedcba9876543210.pdf";
    let foreign = "LEESMIJ.txt";
    for name in [orphan, orphan_thumb, fresh, foreign] {
        std::fs::write(at(name), b"x").expect("write");
    }
    let half = evidence_dir
        .join(".incoming")
        .join("0000000000000000000000000000000a.part");
    std::fs::create_dir_all(evidence_dir.join(".incoming")).expect("temp dir");
    std::fs::write(&half, b"half").expect("write");
    for name in referenced
        .iter()
        .map(String::as_str)
        .chain([orphan, orphan_thumb, foreign])
    {
        age(&at(name));
    }
    age(&half);

    let second = TestApp::spawn_configured(true, configure).await;
    let mut left = stored_files(&second);
    left.sort();
    let mut expected: Vec<String> = referenced.clone();
    expected.extend([fresh.to_owned(), foreign.to_owned()]);
    expected.sort();
    assert_eq!(left, expected, "old orphans gone, the rest untouched");
    assert!(!half.exists(), "the half-received upload is gone");
    // The files still serve.
    let daan = second.client_for(EMPLOYEE).await;
    for id in ids {
        let res = daan
            .get(format!("{}/evidence/{id}", second.base))
            .send()
            .await
            .expect("download");
        assert_eq!(res.status(), StatusCode::OK);
    }
}
