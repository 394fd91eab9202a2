//! A real SMTP server for tests: Python's `aiosmtpd` (tests/integration/smtp_sink.py) as a child process on a
//! free local port, writing every message it receives to a temporary directory, and helpers to
//! read what arrived (parsed with `mail-parser`). `scripts/setup.sh test` installs aiosmtpd.

use mail_parser::{MessageParser, MimeHeaders};
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

/// A running SMTP sink; stopped when dropped.
pub struct SmtpSink {
    child: Child,
    pub port: u16,
    dir: tempfile::TempDir,
}

/// A port nothing listens on right now (bound once, then released).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}

/// The `SMTP_URL` of a server on `port` (plain SMTP on loopback).
pub fn url(port: u16) -> String {
    format!("smtp://127.0.0.1:{port}")
}

impl SmtpSink {
    /// A sink on a free port.
    pub fn start() -> SmtpSink {
        Self::start_on(free_port())
    }

    /// A sink on `port` (e.g. one a test first used while nothing listened there).
    pub fn start_on(port: u16) -> SmtpSink {
        Self::start_with(port, 0.0)
    }

    /// A slow sink: it waits `delay_secs` before accepting each message.
    pub fn start_slow(delay_secs: f64) -> SmtpSink {
        Self::start_with(free_port(), delay_secs)
    }

    fn start_with(port: u16, delay_secs: f64) -> SmtpSink {
        let dir = tempfile::tempdir().expect("temp dir");
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/integration/smtp_sink.py");
        let mut child = Command::new("python3")
            .arg(script)
            .arg("--port")
            .arg(port.to_string())
            .arg("--dir")
            .arg(dir.path())
            .arg("--delay")
            .arg(delay_secs.to_string())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("python3 runs tests/integration/smtp_sink.py (scripts/setup.sh test installs aiosmtpd)");
        let stdout = child.stdout.take().expect("sink stdout");
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("sink says it is ready");
        assert_eq!(
            line.trim(),
            format!("READY {port}"),
            "the SMTP sink did not start"
        );
        SmtpSink { child, port, dir }
    }

    pub fn url(&self) -> String {
        url(self.port)
    }

    /// Every message received once there are at least `n` (or after 20 s, whatever arrived):
    /// for mail the app sends in the background.
    pub async fn wait_for(&self, n: usize) -> Vec<ReceivedMail> {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        loop {
            let mails = self.messages();
            if mails.len() >= n || std::time::Instant::now() > deadline {
                return mails;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
    }

    /// Every message received so far, in arrival order.
    pub fn messages(&self) -> Vec<ReceivedMail> {
        let mut names: Vec<_> = std::fs::read_dir(self.dir.path())
            .expect("sink dir")
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "eml"))
            .collect();
        names.sort();
        names.iter().map(|p| ReceivedMail::read(p)).collect()
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One message as it arrived.
#[derive(Debug, Clone)]
pub struct ReceivedMail {
    pub raw: String,
    /// RCPT TO of the SMTP envelope (holder and copied manager).
    pub rcpt_to: Vec<String>,
    pub subject: String,
    /// Addresses in the To and Cc headers.
    pub to: Vec<String>,
    pub cc: Vec<String>,
    /// The decoded `text/plain` part, if the message has one.
    pub text: Option<String>,
    /// The decoded `text/html` part, if any.
    pub html: Option<String>,
    /// The top-level content type, e.g. `multipart/alternative`.
    pub content_type: String,
}

impl ReceivedMail {
    fn read(path: &Path) -> ReceivedMail {
        let bytes = std::fs::read(path).expect("message file");
        let envelope: serde_json::Value = serde_json::from_slice(
            &std::fs::read(path.with_extension("json")).expect("envelope file"),
        )
        .expect("envelope json");
        let rcpt_to = envelope["rcpt_tos"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default();
        let message = MessageParser::default()
            .parse(&bytes)
            .expect("a parseable message");
        let addresses = |a: Option<&mail_parser::Address<'_>>| -> Vec<String> {
            a.map(|a| {
                a.iter()
                    .filter_map(|x| x.address().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
        };
        let part_of = |ctype: &str, subtype: &str| -> Option<String> {
            message.parts.iter().find_map(|p| {
                let ct = p.content_type()?;
                (ct.ctype() == ctype && ct.subtype() == Some(subtype))
                    .then(|| p.text_contents().map(str::to_owned))
                    .flatten()
            })
        };
        let content_type = message
            .content_type()
            .map(|c| format!("{}/{}", c.ctype(), c.subtype().unwrap_or("")))
            .unwrap_or_default();
        ReceivedMail {
            raw: String::from_utf8_lossy(&bytes).into_owned(),
            rcpt_to,
            subject: message.subject().unwrap_or_default().to_owned(),
            to: addresses(message.to()),
            cc: addresses(message.cc()),
            text: part_of("text", "plain"),
            html: part_of("text", "html"),
            content_type,
        }
    }
}
