//! How the site's files and pages are served, over real HTTP: content-hashed assets are cached for
//! a year, plain names are revalidated, the brotli or gzip file built beside an asset is sent to a
//! browser that accepts it, and pages are compressed but never stored.

use crate::common;

use common::*;
use reqwest::StatusCode;
use reqwest::header::{CACHE_CONTROL, CONTENT_ENCODING, VARY};
use std::io::Read;
use std::path::PathBuf;

const HASH: &str = "0123456789abcdef";

/// Fills the test app's (empty) site root the way `scripts/build-site.sh` does: a hashed release
/// glue file with its `.br` and `.gz` copies, and a plain debug-style one. The contents only need
/// to be told apart.
fn fill_site(app: &TestApp) -> PathBuf {
    let pkg = PathBuf::from(&app.state.config.site_root).join("pkg");
    std::fs::create_dir_all(&pkg).expect("pkg dir");
    let write = |name: &str, body: &[u8]| std::fs::write(pkg.join(name), body).expect("write");
    write(
        &format!("klantenrijbewijs.{HASH}.js"),
        b"export const plain = 1;",
    );
    write(&format!("klantenrijbewijs.{HASH}.js.br"), b"BROTLI BYTES");
    write(&format!("klantenrijbewijs.{HASH}.js.gz"), b"GZIP BYTES");
    write(
        &format!("klantenrijbewijs.{HASH}.wasm"),
        b"\0asm wasm bytes",
    );
    write("klantenrijbewijs.js", b"export const debug = 1;");
    pkg
}

async fn get(
    app: &TestApp,
    path: &str,
    accept_encoding: Option<&str>,
) -> (StatusCode, reqwest::header::HeaderMap, Vec<u8>) {
    let mut req = app.client.get(format!("{}{path}", app.base));
    if let Some(enc) = accept_encoding {
        req = req.header("accept-encoding", enc);
    }
    let res = req.send().await.expect("request");
    let status = res.status();
    let headers = res.headers().clone();
    let body = res.bytes().await.expect("body").to_vec();
    (status, headers, body)
}

fn header(headers: &reqwest::header::HeaderMap, name: reqwest::header::HeaderName) -> &str {
    headers
        .get(&name)
        .map(|v| v.to_str().expect("ascii header"))
        .unwrap_or("")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hashed_assets_are_immutable_and_plain_names_are_revalidated() {
    let app = TestApp::spawn_with(false).await;
    fill_site(&app);

    for path in [
        format!("/pkg/klantenrijbewijs.{HASH}.js"),
        format!("/pkg/klantenrijbewijs.{HASH}.wasm"),
    ] {
        let (status, headers, _) = get(&app, &path, None).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert_eq!(
            header(&headers, CACHE_CONTROL),
            "public, max-age=31536000, immutable",
            "{path}"
        );
    }

    // A debug build's plain name may change under the same URL: the browser asks every time.
    let (status, headers, body) = get(&app, "/pkg/klantenrijbewijs.js", None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(header(&headers, CACHE_CONTROL), "no-cache");
    assert_eq!(body, b"export const debug = 1;");

    // A missing file is a plain 404 that nobody caches for a year.
    let (status, headers, _) = get(&app, "/pkg/klantenrijbewijs.fedcba9876543210.js", None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(!header(&headers, CACHE_CONTROL).contains("immutable"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn precompressed_assets_follow_accept_encoding() {
    let app = TestApp::spawn_with(false).await;
    fill_site(&app);
    let path = format!("/pkg/klantenrijbewijs.{HASH}.js");

    let (_, headers, body) = get(&app, &path, Some("gzip, deflate, br")).await;
    assert_eq!(header(&headers, CONTENT_ENCODING), "br");
    assert_eq!(body, b"BROTLI BYTES");
    assert_eq!(
        header(&headers, CACHE_CONTROL),
        "public, max-age=31536000, immutable"
    );
    assert!(
        header(&headers, VARY)
            .to_ascii_lowercase()
            .contains("accept-encoding"),
        "{headers:?}"
    );

    let (_, headers, body) = get(&app, &path, Some("gzip")).await;
    assert_eq!(header(&headers, CONTENT_ENCODING), "gzip");
    assert_eq!(body, b"GZIP BYTES");

    // A browser preferring gzip gets gzip, one accepting neither gets the file itself.
    let (_, headers, _) = get(&app, &path, Some("br;q=0.5, gzip;q=1")).await;
    assert_eq!(header(&headers, CONTENT_ENCODING), "gzip");
    for accept in [None, Some("identity")] {
        let (status, headers, body) = get(&app, &path, accept).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(header(&headers, CONTENT_ENCODING), "", "{accept:?}");
        assert_eq!(body, b"export const plain = 1;", "{accept:?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_are_compressed_and_never_stored() {
    let app = TestApp::spawn().await;
    for path in ["/login", "/", "/journeys"] {
        if path == "/" {
            app.login_ok(ADMIN).await;
        }
        let res = app
            .client
            .get(format!("{}{path}", app.base))
            .header("accept", "text/html")
            .header("accept-encoding", "gzip")
            .send()
            .await
            .expect("request");
        assert_eq!(res.status(), StatusCode::OK, "{path}");
        let headers = res.headers().clone();
        assert_eq!(header(&headers, CONTENT_ENCODING), "gzip", "{path}");
        assert_eq!(header(&headers, CACHE_CONTROL), "no-store", "{path}");
        assert!(
            header(&headers, VARY)
                .to_ascii_lowercase()
                .contains("accept-encoding"),
            "{path}: {headers:?}"
        );
        let compressed = res.bytes().await.expect("body");
        let mut html = String::new();
        flate2::read::GzDecoder::new(&compressed[..])
            .read_to_string(&mut html)
            .expect("valid gzip");
        assert!(html.starts_with("<!DOCTYPE html>"), "{path}: {html:.80}");
        assert!(
            compressed.len() * 2 < html.len(),
            "{path}: {} compressed bytes for {} bytes of HTML",
            compressed.len(),
            html.len()
        );
    }

    // Brotli too, for browsers that offer it.
    let res = app
        .client
        .get(format!("{}/login", app.base))
        .header("accept", "text/html")
        .header("accept-encoding", "br")
        .send()
        .await
        .expect("request");
    assert_eq!(header(res.headers(), CONTENT_ENCODING), "br");
    assert_eq!(header(res.headers(), CACHE_CONTROL), "no-store");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_hash_file_pages_link_the_plain_names() {
    // The test binary has no hash.txt beside it, like a debug build.
    let app = TestApp::spawn_with(false).await;
    let page = app.page("/login").await;
    assert_eq!(page.status, StatusCode::OK);
    for link in [
        "href=\"/pkg/klantenrijbewijs.css\"",
        "/pkg/klantenrijbewijs.js",
        "/pkg/klantenrijbewijs_bg.wasm",
    ] {
        assert!(page.body.contains(link), "{link} missing in {}", page.body);
    }
}

#[test]
fn hash_file_names_the_stylesheet() {
    use klantenrijbewijs::assets::SiteAssets;
    let assets = SiteAssets::from_hash_file(
        "klantenrijbewijs",
        "js: 1111111111111111\nwasm: 2222222222222222\ncss: 3333333333333333\n",
    )
    .expect("css line");
    assert_eq!(
        assets.stylesheet,
        "/pkg/klantenrijbewijs.3333333333333333.css"
    );
    assert_eq!(
        SiteAssets::from_hash_file("klantenrijbewijs", "js: 1\nwasm: 2\n"),
        None
    );
    assert_eq!(
        SiteAssets::unhashed("klantenrijbewijs").stylesheet,
        "/pkg/klantenrijbewijs.css"
    );
}

#[test]
fn content_hashed_names_are_recognised() {
    use klantenrijbewijs::assets::is_content_hashed;
    for hashed in [
        "klantenrijbewijs.0123456789abcdef.js",
        "klantenrijbewijs.0123456789abcdef.wasm",
        "klantenrijbewijs.deadbeef.css",
    ] {
        assert!(is_content_hashed(hashed), "{hashed}");
    }
    for plain in [
        "klantenrijbewijs.js",
        "klantenrijbewijs_bg.wasm",
        "klantenrijbewijs.css",
        "0123456789abcdef.js",
        "klantenrijbewijs.not-a-hash.js",
        "favicon.svg",
    ] {
        assert!(!is_content_hashed(plain), "{plain}");
    }
}

/// Every block in the stylesheet is closed where it was meant to be: a lost `}` after an
/// `@media print {` once put the whole HR dashboard's styles inside it (Lightning CSS closes
/// blocks at the end of the file without a word, so the page rendered unstyled).
#[test]
fn the_stylesheet_closes_every_block() {
    let css = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/style/main.css"))
        .expect("style/main.css");
    let mut depth = 0i32;
    let mut in_comment = false;
    let bytes = css.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match (in_comment, bytes[i], bytes.get(i + 1)) {
            (false, b'/', Some(b'*')) => {
                in_comment = true;
                i += 1;
            }
            (true, b'*', Some(b'/')) => {
                in_comment = false;
                i += 1;
            }
            (false, b'{', _) => depth += 1,
            (false, b'}', _) => {
                depth -= 1;
                assert!(depth >= 0, "a '}}' without its '{{' at byte {i}");
            }
            // A top-level rule starts at the beginning of a line; nested ones are indented.
            (false, b'\n', _) if depth > 0 => {
                let next = bytes.get(i + 1).copied();
                assert!(
                    !matches!(next, Some(b'.' | b'#' | b'@' | b':')),
                    "line {} starts a rule at column 0 inside an open block",
                    css[..=i].lines().count() + 1
                );
            }
            _ => {}
        }
        i += 1;
    }
    assert_eq!(depth, 0, "unclosed blocks at the end of style/main.css");
}
