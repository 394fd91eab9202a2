//! `backup` while the app runs and saves stream in, then `restore` into a fresh place: the
//! restored app (no demo data of its own) signs the walker in and shows their walkthrough, its
//! answers and their photo. A backup never goes into a used directory, a restore never over a
//! database unless told to replace it.

use crate::common::binary::{Place, SaveStream, save_number};
use crate::common::{EMPLOYEE, smtp::free_port};
use image::{DynamicImage, ImageFormat, Rgb, RgbImage};
use reqwest::multipart::{Form, Part};
use std::io::Cursor;

const ANSWER: &str = "Bewaard voor de back-up: de premie kwam na zes minuten";

fn png() -> Vec<u8> {
    let img = DynamicImage::ImageRgb8(RgbImage::from_fn(300, 200, |x, y| {
        Rgb([(x % 256) as u8, (y % 256) as u8, 90])
    }));
    let mut out = Vec::new();
    img.write_to(&mut Cursor::new(&mut out), ImageFormat::Png)
        .expect("png");
    out
}

async fn get_bytes(client: &reqwest::Client, url: &str) -> (u16, Vec<u8>) {
    let res = client.get(url).send().await.expect("request");
    let status = res.status().as_u16();
    (status, res.bytes().await.expect("body").to_vec())
}

fn text(out: &std::process::Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_taken_during_saves_restores_into_a_working_app() {
    let live_dir = tempfile::tempdir().expect("dir");
    let live = Place::new(live_dir.path());
    let server = live.serve(free_port(), true, 1).await;
    let client = server.signed_in(EMPLOYEE).await;
    let (walk, steps) = server.start_walk(&live, &client, 4).await;
    let (walk_text, first) = (walk.to_string(), steps[0].to_string());

    // One answer and one photo before the backup.
    let form = crate::common::step_form_saying(&walk_text, &first, "0", ANSWER);
    let (status, body) = server
        .post(&client, "walk/step", &form)
        .await
        .expect("answer");
    assert_eq!(status, 200, "{body}");
    let upload = Form::new()
        .text("return_to", format!("/walkthroughs/{walk}/steps/1"))
        .text("walkthrough_id", walk_text.clone())
        .text("step_id", first.clone())
        .text("caption", "Het premiescherm")
        .part(
            "file",
            Part::bytes(png())
                .file_name("scherm.png")
                .mime_str("image/png")
                .expect("mime"),
        );
    let res = client
        .post(format!("{}/evidence", server.base))
        .header("accept", "application/json")
        .multipart(upload)
        .send()
        .await
        .expect("upload");
    let status = res.status();
    let body = res.text().await.expect("body");
    assert_eq!(status, 201, "upload: {body}");
    let evidence: serde_json::Value = serde_json::from_str(&body).expect("json");
    let evidence = evidence["id"].as_i64().expect("evidence id");
    let (status, photo) = get_bytes(&client, &format!("{}/evidence/{evidence}", server.base)).await;
    assert_eq!(status, 200);

    // The backup runs while the other steps are saved again and again.
    let stream = SaveStream::start(&server, &client, walk, &steps[1..]);
    stream.until_acknowledged(20).await;
    let backup_dir = tempfile::tempdir().expect("dir");
    let target = backup_dir.path().join("nacht");
    let target_arg = target.display().to_string();
    let out = live.run(&["backup", &target_arg]);
    assert!(out.status.success(), "backup: {}", text(&out));
    assert!(text(&out).contains("backed up to"), "{}", text(&out));
    stream.until_acknowledged(40).await;
    let sent = stream.finish().await;
    server.kill();
    // A second backup into the same directory is refused: nothing is overwritten.
    let again = live.run(&["backup", &target_arg]);
    assert!(!again.status.success());
    assert!(text(&again).contains("not empty"), "{}", text(&again));

    // Restore into a fresh place and start the app there without demo data.
    let new_dir = tempfile::tempdir().expect("dir");
    let restored = Place::new(new_dir.path());
    let out = restored.run(&["restore", &target_arg]);
    assert!(out.status.success(), "restore: {}", text(&out));
    assert!(
        text(&out).contains("2 files"),
        "photo and thumbnail: {}",
        text(&out)
    );
    let server = restored.serve(free_port(), false, 1).await;
    let client = server.signed_in(EMPLOYEE).await;
    let html = server
        .page_ok(&client, &format!("/walkthroughs/{walk}/steps/1"))
        .await;
    assert!(
        html.contains(ANSWER),
        "the restored walkthrough shows its answer"
    );
    assert!(html.contains("Het premiescherm"), "and its photo's caption");
    let (status, restored_photo) =
        get_bytes(&client, &format!("{}/evidence/{evidence}", server.base)).await;
    assert_eq!(status, 200, "the photo is served by the restored app");
    assert_eq!(restored_photo, photo, "the same file");
    let (status, _) = get_bytes(
        &client,
        &format!("{}/evidence/{evidence}/thumb", server.base),
    )
    .await;
    assert_eq!(status, 200, "and its thumbnail");
    // The streamed steps hold one moment's saves: never a number that was not sent.
    let db = restored.read().await;
    for (step, last_acknowledged) in sent {
        let stored: Option<String> = sqlx::query_scalar(
            "select happened from walkthrough_step where walkthrough_id = ? and step_id = ?",
        )
        .bind(walk)
        .bind(step)
        .fetch_optional(&db)
        .await
        .expect("step");
        if let Some(stored) = stored.filter(|s| s.starts_with("Opslag")) {
            assert!(save_number(&stored) <= last_acknowledged, "{stored:?}");
        }
    }
    db.close().await;
    server.kill();

    // A restore over a place in use is refused unless told to replace it, which then works.
    let refused = restored.run(&["restore", &target_arg]);
    assert!(!refused.status.success());
    assert!(text(&refused).contains("--replace"), "{}", text(&refused));
    let replaced = restored.run(&["restore", "--replace", &target_arg]);
    assert!(replaced.status.success(), "{}", text(&replaced));

    // A damaged copy is refused before anything is put in place.
    let file = target.join("krb.db");
    let mut bytes = std::fs::read(&file).expect("copy");
    let middle = bytes.len() / 2;
    bytes[middle..middle + 4096].fill(0xA5);
    std::fs::write(&file, bytes).expect("damage");
    let empty_dir = tempfile::tempdir().expect("dir");
    let empty = Place::new(empty_dir.path());
    let damaged = empty.run(&["restore", &target_arg]);
    assert!(!damaged.status.success(), "{}", text(&damaged));
    assert!(!empty.database().exists(), "nothing put in place");
}
