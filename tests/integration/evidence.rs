//! Evidence uploads over real HTTP: metadata is stripped, types are decided by content, limits hold,
//! only the right people see or change files, and quick capture is all-or-nothing.

use crate::common;

use common::*;
use image::{DynamicImage, GenericImageView, ImageFormat, Rgb, RgbImage, Rgba, RgbaImage};
use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};
use std::io::Cursor;

const COLLEAGUE: &str = "lotte.smit@dijkhuis.example";
const OTHER_REVIEWER: &str = "ahmed.bouzid@dijkhuis.example";
const RETURN_TO: &str = "/walkthroughs/1?step=2#stap-2";

// ---------------------------------------------------------------------------------------------
// Set-up: a journey with steps and a walkthrough of it, straight in the database.

struct Walk {
    id: i64,
    steps: Vec<i64>,
    team_id: i64,
}

async fn journey(app: &TestApp, title: &str, steps: usize) -> (i64, Vec<i64>, i64) {
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
    let journey_id: i64 = crate::common::sql::scalar(
        pool,
        "insert into journey (family_id, version, year, title, product_line, persona, goal,
                              scenario, rules, status, created_at, updated_at)
         values ($1, 1, 2026, $2, 'Autoverzekering', 'Starter', 'Schade melden', 'Na een aanrijding',
                 'Gebruik je eigen gegevens', 'live', $3, $4) returning id",
        &[family.into(), title.into(), now.into(), now.into()],
    ).await;
    let mut ids = Vec::new();
    for position in 1..=steps {
        let id: i64 = crate::common::sql::scalar(
            pool,
            "insert into journey_step (journey_id, position, phase, title, instructions, channel,
                                       service_promise, team_id, created_at, updated_at)
             values ($1, $2, 'service', $3, 'Doe het', 'website', 'Binnen een dag', $4, $5, $6)
             returning id",
            &[
                journey_id.into(),
                (position as i64).into(),
                format!("Stap {position}").into(),
                team_id.into(),
                now.into(),
                now.into(),
            ],
        )
        .await;
        ids.push(id);
    }
    (journey_id, ids, team_id)
}

async fn walkthrough(app: &TestApp, email: &str, status: &str, cycle_year: i64) -> Walk {
    let (journey_id, steps, team_id) = journey(app, "Schade melden", 3).await;
    let pool = &app.state.pool;
    let now = chrono::Utc::now();
    let person = app.person_id(email).await;
    let id: i64 = crate::common::sql::scalar(
        pool,
        "insert into walkthrough (person_id, journey_id, cycle_year, status, started_at,
                                  created_at, updated_at)
         values ($1, $2, $3, $4, $5, $6, $7) returning id",
        &[
            person.into(),
            journey_id.into(),
            cycle_year.into(),
            status.into(),
            now.into(),
            now.into(),
            now.into(),
        ],
    )
    .await;
    for step in &steps {
        crate::common::sql::exec(
            pool,
            "insert into walkthrough_step (walkthrough_id, step_id, created_at, updated_at)
             values ($1, $2, $3, $4)",
            &[id.into(), step.into(), now.into(), now.into()],
        )
        .await;
    }
    Walk { id, steps, team_id }
}

// ---------------------------------------------------------------------------------------------
// Test files

fn photo(width: u32, height: u32) -> DynamicImage {
    DynamicImage::ImageRgb8(RgbImage::from_fn(width, height, |x, y| {
        Rgb([(x % 256) as u8, (y % 256) as u8, ((x + y) % 256) as u8])
    }))
}

fn encoded(img: &DynamicImage, format: ImageFormat) -> Vec<u8> {
    let mut out = Vec::new();
    img.write_to(&mut Cursor::new(&mut out), format)
        .expect("encode test image");
    out
}

/// A big-endian TIFF block as inside an EXIF APP1 segment: IFD0 with Orientation = 6 (turn 90°
/// clockwise to view) and a GPS IFD with latitude N 52° 22' 12.34".
fn exif_with_gps() -> Vec<u8> {
    let mut t = Vec::new();
    t.extend_from_slice(b"MM\x00\x2A");
    t.extend_from_slice(&8u32.to_be_bytes());
    // IFD0 at 8: two entries, then the next-IFD offset.
    t.extend_from_slice(&2u16.to_be_bytes());
    t.extend_from_slice(&[0x01, 0x12, 0x00, 0x03, 0, 0, 0, 1, 0x00, 0x06, 0, 0]);
    t.extend_from_slice(&[0x88, 0x25, 0x00, 0x04, 0, 0, 0, 1]);
    t.extend_from_slice(&38u32.to_be_bytes());
    t.extend_from_slice(&0u32.to_be_bytes());
    assert_eq!(t.len(), 38);
    // GPS IFD at 38: latitude ref (ASCII "N") and latitude (3 rationals at offset 68).
    t.extend_from_slice(&2u16.to_be_bytes());
    t.extend_from_slice(&[0x00, 0x01, 0x00, 0x02, 0, 0, 0, 2, b'N', 0, 0, 0]);
    t.extend_from_slice(&[0x00, 0x02, 0x00, 0x05, 0, 0, 0, 3]);
    t.extend_from_slice(&68u32.to_be_bytes());
    t.extend_from_slice(&0u32.to_be_bytes());
    assert_eq!(t.len(), 68);
    for (num, den) in [(52u32, 1u32), (22, 1), (1234, 100)] {
        t.extend_from_slice(&num.to_be_bytes());
        t.extend_from_slice(&den.to_be_bytes());
    }
    t
}

fn segment(marker: u8, payload: &[u8]) -> Vec<u8> {
    let mut s = vec![0xFF, marker];
    s.extend_from_slice(&((payload.len() + 2) as u16).to_be_bytes());
    s.extend_from_slice(payload);
    s
}

/// A camera-like JPEG: EXIF (orientation + GPS), XMP and a comment spliced in after the JFIF header.
fn jpeg_with_metadata(width: u32, height: u32) -> Vec<u8> {
    let plain = encoded(&photo(width, height), ImageFormat::Jpeg);
    assert_eq!(&plain[..4], &[0xFF, 0xD8, 0xFF, 0xE0], "JFIF first");
    let app0_end = 4 + u16::from_be_bytes([plain[4], plain[5]]) as usize;
    let mut exif = b"Exif\0\0".to_vec();
    exif.extend_from_slice(&exif_with_gps());
    let mut xmp = b"http://ns.adobe.com/xap/1.0/\0".to_vec();
    xmp.extend_from_slice(
        b"<x:xmpmeta xmlns:x='adobe:ns:meta/'>thuisadres Kerkstraat 1</x:xmpmeta>",
    );
    let mut out = plain[..app0_end].to_vec();
    out.extend(segment(0xE1, &exif));
    out.extend(segment(0xE1, &xmp));
    out.extend(segment(0xFE, b"geheim commentaar"));
    out.extend_from_slice(&plain[app0_end..]);
    out
}

/// The markers of a JPEG's header segments, up to the start of the image data.
fn jpeg_markers(bytes: &[u8]) -> Vec<u8> {
    let mut markers = Vec::new();
    let mut i = 2;
    while i + 4 <= bytes.len() && bytes[i] == 0xFF {
        let marker = bytes[i + 1];
        markers.push(marker);
        if marker == 0xDA {
            break;
        }
        i += 2 + u16::from_be_bytes([bytes[i + 2], bytes[i + 3]]) as usize;
    }
    markers
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

fn pdf(padding: usize) -> Vec<u8> {
    let mut bytes = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n".to_vec();
    bytes.extend(std::iter::repeat_n(b'%', padding));
    bytes.extend_from_slice(b"\n%%EOF\n");
    bytes
}

// ---------------------------------------------------------------------------------------------
// Requests

struct Upload<'a> {
    walkthrough_id: i64,
    step_id: i64,
    friction_id: Option<i64>,
    caption: &'a str,
    file: Option<(&'a str, &'a str, Vec<u8>)>,
}

impl<'a> Upload<'a> {
    fn new(walk: &Walk, name: &'a str, content_type: &'a str, bytes: Vec<u8>) -> Upload<'a> {
        Upload {
            walkthrough_id: walk.id,
            step_id: walk.steps[0],
            friction_id: None,
            caption: "",
            file: Some((name, content_type, bytes)),
        }
    }

    fn form(self) -> Form {
        let mut form = Form::new()
            .text("return_to", RETURN_TO)
            .text("walkthrough_id", self.walkthrough_id.to_string())
            .text("step_id", self.step_id.to_string())
            .text("caption", self.caption.to_owned());
        if let Some(f) = self.friction_id {
            form = form.text("friction_id", f.to_string());
        }
        if let Some((name, content_type, bytes)) = self.file {
            form = form.part(
                "file",
                Part::bytes(bytes)
                    .file_name(name.to_owned())
                    .mime_str(content_type)
                    .expect("mime"),
            );
        }
        form
    }
}

/// Posts a multipart form; `json` asks for a JSON answer, otherwise it is a browser form post.
async fn post_form(
    app: &TestApp,
    client: &reqwest::Client,
    path: &str,
    form: Form,
    json: bool,
) -> Answer {
    let accept = if json {
        "application/json"
    } else {
        "text/html,application/xhtml+xml"
    };
    let res = client
        .post(format!("{}{path}", app.base))
        .header("accept", accept)
        .multipart(form)
        .send()
        .await
        .expect("request");
    answer(res).await
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

async fn upload(app: &TestApp, client: &reqwest::Client, upload: Upload<'_>) -> Answer {
    post_form(app, client, "/evidence", upload.form(), true).await
}

async fn get(
    app: &TestApp,
    client: &reqwest::Client,
    path: &str,
) -> (StatusCode, reqwest::header::HeaderMap, Vec<u8>) {
    let res = client
        .get(format!("{}{path}", app.base))
        .send()
        .await
        .expect("request");
    let status = res.status();
    let headers = res.headers().clone();
    let bytes = res.bytes().await.expect("body").to_vec();
    (status, headers, bytes)
}

fn json(body: &str) -> serde_json::Value {
    serde_json::from_str(body).unwrap_or_else(|_| panic!("JSON body, got {body:?}"))
}

fn created_id(a: &Answer) -> i64 {
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.body);
    json(&a.body)["id"].as_i64().expect("id")
}

fn error_key(a: &Answer) -> String {
    json(&a.body)["error"]
        .as_str()
        .expect("error key")
        .to_owned()
}

/// Every file in the evidence directory, and those in its `.incoming/` temporary directory as
/// `.incoming/<name>` (so "no files" also means "no temporary files left behind").
fn stored_files(app: &TestApp) -> Vec<String> {
    let dir = &app.state.config.evidence_dir;
    let mut names = files_in(dir, "");
    names.extend(files_in(&dir.join(".incoming"), ".incoming/"));
    names.sort();
    names
}

fn files_in(dir: &std::path::Path, prefix: &str) -> Vec<String> {
    match std::fs::read_dir(dir) {
        Ok(entries) => entries
            .flatten()
            .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
            .map(|e| format!("{prefix}{}", e.file_name().to_string_lossy()))
            .collect(),
        Err(_) => Vec::new(),
    }
}

async fn row(
    app: &TestApp,
    id: i64,
) -> (
    String,
    Option<String>,
    String,
    String,
    i64,
    Option<i64>,
    Option<i64>,
) {
    crate::common::sql::row(
        &app.state.pool,
        "select storage_name, thumbnail_name, content_type, original_name, byte_size, width, height
         from evidence where id = $1",
        &[id.into()],
    )
    .await
}

fn read_stored(app: &TestApp, name: &str) -> Vec<u8> {
    std::fs::read(app.state.config.evidence_dir.join(name)).expect("stored file")
}

// ---------------------------------------------------------------------------------------------
// Tests

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_camera_photo_loses_exif_gps_xmp_and_comments_and_gets_a_thumbnail() {
    let app = TestApp::spawn().await;
    let walk = walkthrough(&app, EMPLOYEE, "in_progress", 2026).await;
    let daan = app.client_for(EMPLOYEE).await;
    let original = jpeg_with_metadata(1200, 900);
    assert!(contains(&original, b"Exif\0\0") && contains(&original, b"MM\x00\x2A"));
    assert!(jpeg_markers(&original).contains(&0xE1));

    let mut up = Upload::new(
        &walk,
        "IMG_2041 vakantie.jpg",
        "image/jpeg",
        original.clone(),
    );
    up.caption = "Wachtrij bij de balie";
    let id = created_id(&upload(&app, &daan, up).await);

    let (storage_name, thumb_name, content_type, original_name, byte_size, width, height) =
        row(&app, id).await;
    assert_eq!(content_type, "image/jpeg");
    assert_eq!(original_name, "IMG_2041 vakantie.jpg");
    // Random name, nothing of the uploader's.
    assert!(!storage_name.contains("IMG") && !storage_name.contains("vakantie"));
    assert_eq!(storage_name.len(), 36, "{storage_name}");
    assert!(
        storage_name[..32].bytes().all(|b| b.is_ascii_hexdigit()) && storage_name.ends_with(".jpg")
    );
    // EXIF said "turn 90°": the stored photo is upright, so portrait.
    assert_eq!((width, height), (Some(900), Some(1200)));

    let stored = read_stored(&app, &storage_name);
    assert_eq!(byte_size, stored.len() as i64);
    let markers = jpeg_markers(&stored);
    assert!(
        !markers.contains(&0xE1),
        "no APP1 (EXIF/XMP) segment: {markers:x?}"
    );
    assert!(!markers.contains(&0xFE), "no comment segment: {markers:x?}");
    for leak in [
        &b"Exif"[..],
        b"MM\x00\x2A",
        b"xmpmeta",
        b"Kerkstraat",
        b"geheim",
    ] {
        assert!(
            !contains(&stored, leak),
            "{:?} left in file",
            String::from_utf8_lossy(leak)
        );
    }
    let decoded = image::load_from_memory(&stored).expect("stored photo decodes");
    assert_eq!(decoded.dimensions(), (900, 1200));

    let thumb_name = thumb_name.expect("thumbnail");
    assert!(!thumb_name.contains("vakantie"));
    let thumb = image::load_from_memory(&read_stored(&app, &thumb_name)).expect("thumb decodes");
    assert_eq!(thumb.dimensions(), (240, 320));
    assert!(!contains(&read_stored(&app, &thumb_name), b"Exif"));
    assert_eq!(
        stored_files(&app).len(),
        2,
        "photo and thumbnail, no temporary files"
    );

    // The owner downloads both, with headers that keep the browser from guessing or caching publicly.
    let (status, headers, body) = get(&app, &daan, &format!("/evidence/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body, stored);
    assert_eq!(headers["content-type"], "image/jpeg");
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert_eq!(headers["content-disposition"], "inline");
    assert_eq!(headers["cache-control"], "private, no-store");
    let (status, headers, _) = get(&app, &daan, &format!("/evidence/{id}/thumb")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers["content-type"], "image/jpeg");

    // It is listed for the walkthrough page.
    let items = klantenrijbewijs::db::evidence::list_for_walkthrough(&app.state.pool, walk.id)
        .await
        .expect("list");
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].id, id);
    assert_eq!(items[0].caption, "Wachtrij bij de balie");
    assert!(items[0].has_thumbnail);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn png_webp_and_pdf_are_accepted_and_pdf_is_kept_as_is() {
    let app = TestApp::spawn().await;
    let walk = walkthrough(&app, EMPLOYEE, "in_progress", 2026).await;
    let daan = app.client_for(EMPLOYEE).await;

    let screenshot =
        DynamicImage::ImageRgba8(RgbaImage::from_pixel(800, 400, Rgba([10, 80, 100, 255])));
    let png = created_id(
        &upload(
            &app,
            &daan,
            Upload::new(
                &walk,
                "scherm.png",
                "image/png",
                encoded(&screenshot, ImageFormat::Png),
            ),
        )
        .await,
    );
    let (name, thumb, content_type, ..) = row(&app, png).await;
    assert_eq!(content_type, "image/png");
    assert!(name.ends_with(".png"));
    let thumb = image::load_from_memory(&read_stored(&app, &thumb.expect("thumb"))).expect("thumb");
    assert_eq!(thumb.dimensions(), (320, 160));

    // The browser's content type does not matter either way: a WebP sent as octet-stream is a WebP.
    let webp_bytes = encoded(&photo(300, 200), ImageFormat::WebP);
    let webp = created_id(
        &upload(
            &app,
            &daan,
            Upload::new(&walk, "foto.webp", "application/octet-stream", webp_bytes),
        )
        .await,
    );
    let (name, thumb, content_type, _, _, width, _) = row(&app, webp).await;
    assert_eq!((content_type.as_str(), width), ("image/webp", Some(300)));
    assert!(name.ends_with(".webp") && thumb.is_some());
    assert_eq!(
        image::load_from_memory(&read_stored(&app, &name))
            .expect("webp decodes")
            .dimensions(),
        (300, 200)
    );

    let letter = pdf(2000);
    let pdf_id = created_id(
        &upload(
            &app,
            &daan,
            Upload::new(
                &walk,
                "Brief \"polis\" été.pdf",
                "application/pdf",
                letter.clone(),
            ),
        )
        .await,
    );
    let (name, thumb, content_type, original_name, byte_size, width, _) = row(&app, pdf_id).await;
    assert_eq!(content_type, "application/pdf");
    assert_eq!(original_name, "Brief polis été.pdf");
    assert_eq!((thumb, width, byte_size), (None, None, letter.len() as i64));
    assert_eq!(read_stored(&app, &name), letter);

    let (status, headers, body) = get(&app, &daan, &format!("/evidence/{pdf_id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body, letter);
    assert_eq!(headers["content-type"], "application/pdf");
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert_eq!(
        headers["content-disposition"],
        "attachment; filename=\"Brief polis _t_.pdf\"; filename*=UTF-8''Brief%20polis%20%C3%A9t%C3%A9.pdf"
    );
    let (status, _, _) = get(&app, &daan, &format!("/evidence/{pdf_id}/thumb")).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "PDFs have no thumbnail");
    assert_eq!(app.count_own("count(*)", "evidence").await, 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn too_large_files_are_refused_with_413_and_nothing_is_kept() {
    let limit = 64 * 1024;
    let app = TestApp::spawn_configured(true, |c| c.evidence_max_bytes = limit).await;
    let walk = walkthrough(&app, EMPLOYEE, "in_progress", 2026).await;
    let daan = app.client_for(EMPLOYEE).await;

    // Exactly at the limit is fine; one byte over is not.
    let at_limit = pdf(limit as usize - pdf(0).len());
    assert_eq!(at_limit.len() as u64, limit);
    let ok = created_id(
        &upload(
            &app,
            &daan,
            Upload::new(&walk, "a.pdf", "application/pdf", at_limit),
        )
        .await,
    );
    app.exec("delete from evidence where id = $1", &[ok.into()])
        .await;
    for name in stored_files(&app) {
        std::fs::remove_file(app.state.config.evidence_dir.join(name)).expect("clean file");
    }

    let over = pdf(limit as usize + 1 - pdf(0).len());
    let a = upload(
        &app,
        &daan,
        Upload::new(&walk, "groot.pdf", "application/pdf", over.clone()),
    )
    .await;
    assert_eq!(a.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", a.body);
    assert_eq!(error_key(&a), "evidence-error-too-large");
    assert_eq!(json(&a.body)["max_bytes"], limit);

    // A browser without JavaScript is sent back to its page with the reason.
    let a = post_form(
        &app,
        &daan,
        "/evidence",
        Upload::new(&walk, "groot.pdf", "application/pdf", over).form(),
        false,
    )
    .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER);
    assert_eq!(
        a.headers["location"],
        "/walkthroughs/1?step=2&evidence_error=evidence-error-too-large#stap-2"
    );

    // Far beyond the limit the body itself is cut off; still 413.
    let huge = pdf(3 * 1024 * 1024);
    let a = upload(
        &app,
        &daan,
        Upload::new(&walk, "enorm.pdf", "application/pdf", huge),
    )
    .await;
    assert_eq!(a.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", a.body);
    assert_eq!(error_key(&a), "evidence-error-too-large");

    // A browser gets there too, back to the page in `return_to` (read before the file). Without
    // it (a body cut off before its first field) the page it came from is used; see `reply`.
    let res = daan
        .post(format!("{}/evidence", app.base))
        .header("accept", "text/html")
        .header("referer", format!("{}/walkthroughs/1?step=3", app.base))
        .multipart(Upload::new(&walk, "enorm.pdf", "application/pdf", pdf(3 * 1024 * 1024)).form())
        .send()
        .await
        .expect("huge form post");
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        res.headers()["location"],
        "/walkthroughs/1?step=2&evidence_error=evidence-error-too-large#stap-2"
    );

    assert_eq!(app.count_own("count(*)", "evidence").await, 0);
    assert_eq!(stored_files(&app), Vec::<String>::new());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn disguised_and_unsupported_files_are_refused_by_content() {
    let app = TestApp::spawn().await;
    let walk = walkthrough(&app, EMPLOYEE, "in_progress", 2026).await;
    let daan = app.client_for(EMPLOYEE).await;
    let cases: Vec<(&str, &str, Vec<u8>)> = vec![
        (
            "foto.jpg",
            "image/jpeg",
            b"Dit is tekst, geen foto.\n".to_vec(),
        ),
        (
            "animatie.gif",
            "image/gif",
            b"GIF89a\x01\x00\x01\x00\x80\x00\x00".to_vec(),
        ),
        (
            "logo.svg",
            "image/svg+xml",
            br#"<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>"#.to_vec(),
        ),
        (
            "logo.png",
            "image/png",
            br#"<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>"#.to_vec(),
        ),
        (
            "pagina.pdf",
            "application/pdf",
            b"<html><script>alert(1)</script></html>".to_vec(),
        ),
    ];
    for (name, content_type, bytes) in cases {
        let a = upload(&app, &daan, Upload::new(&walk, name, content_type, bytes)).await;
        assert_eq!(
            a.status,
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "{name}: {}",
            a.body
        );
        assert_eq!(error_key(&a), "evidence-error-unsupported");
    }
    // A real JPEG header with garbage behind it is not an image either.
    let mut broken = vec![0xFF, 0xD8, 0xFF, 0xE0];
    broken.extend_from_slice(&[0x42; 300]);
    let a = upload(
        &app,
        &daan,
        Upload::new(&walk, "kapot.jpg", "image/jpeg", broken),
    )
    .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_key(&a), "evidence-error-unreadable");
    // Without JavaScript the page gets the key to translate.
    let a = post_form(
        &app,
        &daan,
        "/evidence",
        Upload::new(&walk, "foto.jpg", "image/jpeg", b"tekst".to_vec()).form(),
        false,
    )
    .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER);
    assert_eq!(
        a.headers["location"],
        "/walkthroughs/1?step=2&evidence_error=evidence-error-unsupported#stap-2"
    );
    // No file chosen, and a caption over 200 characters.
    let mut none = Upload::new(&walk, "", "", vec![]);
    none.file = None;
    let a = upload(&app, &daan, none).await;
    assert_eq!(
        (a.status, error_key(&a)),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            "evidence-error-no-file".to_owned()
        )
    );
    assert_eq!(json(&a.body)["field"], "file");
    let long = "x".repeat(201);
    let mut up = Upload::new(&walk, "a.pdf", "application/pdf", pdf(10));
    up.caption = &long;
    let a = upload(&app, &daan, up).await;
    assert_eq!(error_key(&a), "evidence-error-caption-too-long");
    assert_eq!(json(&a.body)["field"], "caption");

    assert_eq!(app.count_own("count(*)", "evidence").await, 0);
    assert_eq!(stored_files(&app), Vec::<String>::new());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_the_owner_changes_evidence_and_only_owner_their_reviewer_and_hr_see_it() {
    let app = TestApp::spawn().await;
    let walk = walkthrough(&app, EMPLOYEE, "in_progress", 2026).await;
    let daan = app.client_for(EMPLOYEE).await;
    let jpeg = encoded(&photo(400, 300), ImageFormat::Jpeg);
    let id = created_id(
        &upload(
            &app,
            &daan,
            Upload::new(&walk, "a.jpg", "image/jpeg", jpeg.clone()),
        )
        .await,
    );
    let file = format!("/evidence/{id}");
    let thumb = format!("/evidence/{id}/thumb");

    for email in [REVIEWER, HR] {
        let client = app.client_for(email).await;
        assert_eq!(get(&app, &client, &file).await.0, StatusCode::OK, "{email}");
        assert_eq!(
            get(&app, &client, &thumb).await.0,
            StatusCode::OK,
            "{email}"
        );
        // Reading is not changing.
        let a = upload(
            &app,
            &client,
            Upload::new(&walk, "b.jpg", "image/jpeg", jpeg.clone()),
        )
        .await;
        assert_eq!(a.status, StatusCode::FORBIDDEN, "{email}");
    }
    for email in [COLLEAGUE, OTHER_REVIEWER, ADMIN] {
        let client = app.client_for(email).await;
        let (status, headers, body) = get(&app, &client, &file).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{email}");
        assert!(!contains(&body, &jpeg[..64]));
        assert_eq!(headers["cache-control"], "no-store");
        assert_eq!(
            get(&app, &client, &thumb).await.0,
            StatusCode::FORBIDDEN,
            "{email}"
        );
        let a = upload(
            &app,
            &client,
            Upload::new(&walk, "b.jpg", "image/jpeg", jpeg.clone()),
        )
        .await;
        assert_eq!(
            (a.status, error_key(&a)),
            (StatusCode::FORBIDDEN, "error-forbidden".to_owned())
        );
        let res = client
            .post(format!("{}/evidence/{id}/delete", app.base))
            .header("accept", "application/json")
            .form(&[("return_to", "/")])
            .send()
            .await
            .expect("delete");
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{email}");
    }

    let anonymous = TestApp::new_client();
    assert_eq!(
        get(&app, &anonymous, &file).await.0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        get(&app, &anonymous, &thumb).await.0,
        StatusCode::UNAUTHORIZED
    );
    let a = upload(
        &app,
        &anonymous,
        Upload::new(&walk, "b.jpg", "image/jpeg", jpeg.clone()),
    )
    .await;
    assert_eq!(
        (a.status, error_key(&a)),
        (StatusCode::UNAUTHORIZED, "error-unauthenticated".to_owned())
    );
    assert_eq!(
        get(&app, &daan, "/evidence/999999").await.0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        get(&app, &daan, "/evidence/..%2F..%2Fetc%2Fpasswd").await.0,
        StatusCode::NOT_FOUND
    );

    // A form from another site is refused even with the owner's cookies.
    let res = daan
        .post(format!("{}/evidence", app.base))
        .header("accept", "application/json")
        .header("sec-fetch-site", "cross-site")
        .multipart(Upload::new(&walk, "b.jpg", "image/jpeg", jpeg.clone()).form())
        .send()
        .await
        .expect("cross-site post");
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert_eq!(app.count_own("count(*)", "evidence").await, 1);
    assert_eq!(stored_files(&app).len(), 2);

    // Once the walkthrough is finished the owner still reads but no longer changes anything, and
    // is told why: the same 409 the server functions answer (`domain::walkthrough::may_edit`).
    app.exec(
        "update walkthrough set status = 'completed' where id = $1",
        &[walk.id.into()],
    )
    .await;
    assert_eq!(get(&app, &daan, &file).await.0, StatusCode::OK);
    let a = upload(&app, &daan, Upload::new(&walk, "c.jpg", "image/jpeg", jpeg)).await;
    assert_eq!(a.status, StatusCode::CONFLICT);
    assert_eq!(error_key(&a), "walk-error-not-editable");
    let res = daan
        .post(format!("{}/evidence/{id}/delete", app.base))
        .form(&[("return_to", "/")])
        .send()
        .await
        .expect("delete");
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        res.headers()["location"],
        "/?evidence_error=walk-error-not-editable"
    );
    assert_eq!(app.count_own("count(*)", "evidence").await, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_owner_deletes_evidence_with_its_files() {
    let app = TestApp::spawn().await;
    let walk = walkthrough(&app, EMPLOYEE, "in_progress", 2026).await;
    let daan = app.client_for(EMPLOYEE).await;
    let id = created_id(
        &upload(
            &app,
            &daan,
            Upload::new(
                &walk,
                "a.png",
                "image/png",
                encoded(&photo(50, 50), ImageFormat::Png),
            ),
        )
        .await,
    );
    assert_eq!(stored_files(&app).len(), 2);
    let res = daan
        .post(format!("{}/evidence/{id}/delete", app.base))
        .header("accept", "text/html")
        .form(&[("return_to", RETURN_TO)])
        .send()
        .await
        .expect("delete");
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        res.headers()["location"],
        "/walkthroughs/1?step=2&evidence=deleted#stap-2"
    );
    assert_eq!(app.count_own("count(*)", "evidence").await, 0);
    assert_eq!(stored_files(&app), Vec::<String>::new());
    assert_eq!(
        get(&app, &daan, &format!("/evidence/{id}")).await.0,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn steps_and_frictions_must_belong_to_the_walkthrough() {
    let app = TestApp::spawn().await;
    let walk = walkthrough(&app, EMPLOYEE, "in_progress", 2026).await;
    // Someone else's walkthrough of another journey, with a friction on it.
    let other = walkthrough(&app, COLLEAGUE, "in_progress", 2026).await;
    let now = chrono::Utc::now();
    let foreign_friction: i64 = app
        .scalar(
            "insert into friction (walkthrough_id, step_id, kind, severity, title, created_at, updated_at)
         values ($1, $2, 'friction', 'major', 'Elders', $3, $4) returning id",
            &[other.id.into(), other.steps[0].into(), now.into(), now.into()],
        )
        .await;
    let daan = app.client_for(EMPLOYEE).await;
    let pdf = pdf(100);

    let mut up = Upload::new(&walk, "a.pdf", "application/pdf", pdf.clone());
    up.step_id = 987_654;
    assert_eq!(
        upload(&app, &daan, up).await.status,
        StatusCode::NOT_FOUND,
        "unknown step"
    );
    let mut up = Upload::new(&walk, "a.pdf", "application/pdf", pdf.clone());
    up.step_id = other.steps[1];
    assert_eq!(
        upload(&app, &daan, up).await.status,
        StatusCode::NOT_FOUND,
        "step of another journey"
    );
    let mut up = Upload::new(&walk, "a.pdf", "application/pdf", pdf.clone());
    up.walkthrough_id = 987_654;
    assert_eq!(
        upload(&app, &daan, up).await.status,
        StatusCode::NOT_FOUND,
        "unknown walkthrough"
    );
    let mut up = Upload::new(&walk, "a.pdf", "application/pdf", pdf.clone());
    up.friction_id = Some(foreign_friction);
    assert_eq!(
        upload(&app, &daan, up).await.status,
        StatusCode::NOT_FOUND,
        "friction of another walkthrough"
    );

    // Its own friction is fine, and the link is kept.
    let own_friction: i64 = app
        .scalar(
            "insert into friction (walkthrough_id, step_id, kind, severity, title, created_at, updated_at)
         values ($1, $2, 'friction', 'major', 'Hier', $3, $4) returning id",
            &[walk.id.into(), walk.steps[0].into(), now.into(), now.into()],
        )
        .await;
    let mut up = Upload::new(&walk, "a.pdf", "application/pdf", pdf);
    up.friction_id = Some(own_friction);
    let id = created_id(&upload(&app, &daan, up).await);
    let items = klantenrijbewijs::db::evidence::list_for_walkthrough(&app.state.pool, walk.id)
        .await
        .expect("list");
    assert_eq!(items.len(), 1);
    assert_eq!(
        (items[0].id, items[0].friction_id),
        (id, Some(own_friction))
    );
    assert_eq!(app.count_own("count(*)", "evidence").await, 1);
}

fn quick_form(walk: &Walk, title: &str, file: Option<(&str, &str, Vec<u8>)>) -> Form {
    let form = Form::new()
        .text("return_to", RETURN_TO)
        .text("walkthrough_id", walk.id.to_string())
        .text("step_id", walk.steps[1].to_string())
        .text("title", title.to_owned());
    match file {
        Some((name, content_type, bytes)) => form.part(
            "file",
            Part::bytes(bytes)
                .file_name(name.to_owned())
                .mime_str(content_type)
                .expect("mime"),
        ),
        // What a browser sends for a file input left empty.
        None => form.part(
            "file",
            Part::bytes(Vec::new())
                .file_name("")
                .mime_str("application/octet-stream")
                .expect("mime"),
        ),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn quick_capture_creates_an_incomplete_friction_and_its_photo_together() {
    let app = TestApp::spawn().await;
    let walk = walkthrough(&app, EMPLOYEE, "in_progress", 2026).await;
    let daan = app.client_for(EMPLOYEE).await;
    let photo_bytes = jpeg_with_metadata(640, 480);

    let a = post_form(
        &app,
        &daan,
        "/quick-capture",
        quick_form(
            &walk,
            "  Formulier weigert\nmijn postcode ",
            Some(("scherm.jpg", "image/jpeg", photo_bytes)),
        ),
        true,
    )
    .await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.body);
    let body = json(&a.body);
    let friction_id = body["friction_id"].as_i64().expect("friction id");
    let evidence_id = body["id"].as_i64().expect("evidence id");
    let (kind, severity, title, incomplete, team_id, step_id): (
        String,
        Option<String>,
        String,
        bool,
        Option<i64>,
        i64,
    ) = crate::common::sql::row(
        &app.state.pool,
        "select kind, severity, title, incomplete, team_id, step_id from friction where id = $1",
        &[friction_id.into()],
    )
    .await;
    assert_eq!(kind, "friction");
    assert_eq!(severity, None);
    assert_eq!(title, "Formulier weigert mijn postcode");
    assert!(incomplete);
    assert_eq!(team_id, Some(walk.team_id));
    assert_eq!(step_id, walk.steps[1]);
    let linked: Option<i64> = app
        .scalar(
            "select friction_id from evidence where id = $1",
            &[evidence_id.into()],
        )
        .await;
    assert_eq!(linked, Some(friction_id));
    let (name, ..) = row(&app, evidence_id).await;
    assert!(!contains(&read_stored(&app, &name), b"Exif"));

    // Without a photo, from a browser without JavaScript.
    let a = post_form(
        &app,
        &daan,
        "/quick-capture",
        quick_form(&walk, "Geen bevestigingsmail", None),
        false,
    )
    .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER);
    assert_eq!(
        a.headers["location"],
        "/walkthroughs/1?step=2&evidence=captured#stap-2"
    );
    assert_eq!(
        app.count("select count(*) from friction where incomplete")
            .await,
        2
    );
    assert_eq!(app.count_own("count(*)", "evidence").await, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn quick_capture_writes_nothing_when_anything_is_wrong() {
    let app = TestApp::spawn().await;
    let walk = walkthrough(&app, EMPLOYEE, "in_progress", 2026).await;
    let daan = app.client_for(EMPLOYEE).await;
    let jpeg = encoded(&photo(100, 100), ImageFormat::Jpeg);

    let a = post_form(
        &app,
        &daan,
        "/quick-capture",
        quick_form(&walk, " \n ", Some(("a.jpg", "image/jpeg", jpeg.clone()))),
        true,
    )
    .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_key(&a), "evidence-error-title-required");
    assert_eq!(json(&a.body)["field"], "title");
    let a = post_form(
        &app,
        &daan,
        "/quick-capture",
        quick_form(&walk, "", None),
        false,
    )
    .await;
    assert_eq!(
        a.headers["location"],
        "/walkthroughs/1?step=2&evidence_error=evidence-error-title-required#stap-2"
    );
    let a = post_form(
        &app,
        &daan,
        "/quick-capture",
        quick_form(&walk, &"x".repeat(121), None),
        true,
    )
    .await;
    assert_eq!(error_key(&a), "evidence-error-title-too-long");
    // A good title with a bad file: no friction either.
    let a = post_form(
        &app,
        &daan,
        "/quick-capture",
        quick_form(
            &walk,
            "Wachtrij",
            Some(("a.jpg", "image/jpeg", b"geen foto".to_vec())),
        ),
        true,
    )
    .await;
    assert_eq!(a.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    // Someone else cannot capture on this walkthrough.
    let lotte = app.client_for(COLLEAGUE).await;
    let a = post_form(
        &app,
        &lotte,
        "/quick-capture",
        quick_form(&walk, "Stiekem", Some(("a.jpg", "image/jpeg", jpeg))),
        true,
    )
    .await;
    assert_eq!(a.status, StatusCode::FORBIDDEN);

    assert_eq!(app.count_own("count(*)", "friction").await, 0);
    assert_eq!(app.count_own("count(*)", "evidence").await, 0);
    assert_eq!(stored_files(&app), Vec::<String>::new());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_size_hint_comes_from_the_configuration() {
    let app = TestApp::spawn_configured(true, |c| c.evidence_max_bytes = 5 * 1024 * 1024).await;
    let a = app.call("evidence/limits", &[]).await;
    assert_eq!(a.status, StatusCode::OK);
    assert_eq!(a.body, (5 * 1024 * 1024).to_string());
}

/// Not a test of behaviour: prints how long a 12-megapixel phone photo takes, for the README.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_12_megapixel_photo_is_processed_in_reasonable_time() {
    let app = TestApp::spawn().await;
    let walk = walkthrough(&app, EMPLOYEE, "in_progress", 2026).await;
    let daan = app.client_for(EMPLOYEE).await;
    let big = jpeg_with_metadata(4000, 3000);
    let started = std::time::Instant::now();
    let id = created_id(
        &upload(
            &app,
            &daan,
            Upload::new(&walk, "groot.jpg", "image/jpeg", big.clone()),
        )
        .await,
    );
    let elapsed = started.elapsed();
    let (name, thumb, _, _, size, width, height) = row(&app, id).await;
    let thumb_bytes = read_stored(&app, &thumb.expect("thumb")).len();
    println!(
        "4000x3000 JPEG: upload {} bytes, stored {size} bytes ({:?}x{:?}), thumbnail {thumb_bytes} bytes, {} ms",
        big.len(),
        width,
        height,
        elapsed.as_millis()
    );
    // Upright (EXIF said turn), and scaled down to 2560 px on the longest side.
    assert_eq!((width, height), (Some(1920), Some(2560)));
    assert!(read_stored(&app, &name).len() as i64 == size);
    assert!(
        thumb_bytes < 64 * 1024,
        "thumbnail stays small: {thumb_bytes}"
    );
}
