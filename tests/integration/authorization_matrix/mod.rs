//! The authorization matrix: every endpoint the app serves (server functions, pages and its other
//! HTTP routes, each listed by the app itself, never by hand) called as eight people — nobody,
//! the employee who owns the objects, a colleague, another team's lead, the owner's own lead, HR,
//! CX and an administrator — and each answer held to what the product says that person may do
//! (`rules`). An endpoint without a rule fails the test by name, so a new one cannot be added
//! without deciding who may call it; so does a rule for an endpoint that is gone. Every mismatch
//! is collected and reported at once.
//!
//! Files: `actors` (the eight people and how they sign in), `fixture` (the owner's objects, made
//! through the app where it can), `rules` (the table), this file (listing, calling, judging).
//! Only `TestApp::spawn*` knows which database runs underneath.

mod actors;
mod fixture;
mod rules;

use crate::common::{Answer, TestApp};
use actors::Actor;
use axum::http::Method;
use klantenrijbewijs::domain::Role;
use reqwest::StatusCode;
use std::collections::{BTreeMap, BTreeSet};

/// Where an endpoint comes from: that decides how it is called and what nobody gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// A server function: a form post; not signed in is 401.
    ServerFn,
    /// A page: a GET; not signed in is sent to the sign-in page.
    Page,
    /// Any other HTTP route (files, exports, uploads, health): each says what nobody gets.
    Route,
}

/// Who may call an endpoint. Everyone else is refused.
#[derive(Debug, Clone, Copy)]
pub enum Who {
    /// Anyone, signed in or not.
    Open,
    /// Anyone signed in.
    SignedIn,
    /// Whoever holds one of these roles.
    Roles(&'static [Role]),
    /// These people only (their relation to the owner's objects decides, not a role).
    Only(&'static [Actor]),
}

impl Who {
    fn allows(self, actor: Actor) -> bool {
        match self {
            Who::Open => true,
            Who::SignedIn => actor != Actor::Anonymous,
            Who::Roles(roles) => actor.roles().iter().any(|r| roles.contains(r)),
            Who::Only(actors) => actors.contains(&actor),
        }
    }
}

/// What one person gets from one call.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// 200, and the body shows this text of the owner's (when given).
    Read(Option<String>),
    /// 200, and the body does not show this text (a list scoped to someone else's people).
    ReadWithout(String),
    /// Passed the authorization: exactly this status (a harmless refusal of the arguments, a
    /// redirect on, or a real success).
    Status(u16),
    /// Passed the authorization and sent on: a redirect to an address starting with this.
    Redirect(String),
    /// Refused: exactly this status (401, 403 or 404).
    Refused(u16),
    /// Sent to the sign-in page (3xx with `Location: /login…`).
    ToLogin,
}

impl Outcome {
    fn judge(&self, got: &Answer) -> bool {
        let status = got.status.as_u16();
        match self {
            Outcome::Read(marker) => {
                status == 200
                    && marker
                        .as_ref()
                        .is_none_or(|m| got.body.contains(m.as_str()))
            }
            Outcome::ReadWithout(text) => status == 200 && !got.body.contains(text.as_str()),
            Outcome::Status(s) | Outcome::Refused(s) => status == *s,
            Outcome::Redirect(to) => got.status.is_redirection() && location(got).starts_with(to),
            Outcome::ToLogin => got.status.is_redirection() && location(got).starts_with("/login"),
        }
    }

    fn is_refusal(&self) -> bool {
        matches!(self, Outcome::Refused(_) | Outcome::ToLogin)
    }
}

fn location(answer: &Answer) -> &str {
    answer
        .headers
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
}

/// How an endpoint is called (the URL with the owner's ids in it, and the arguments).
#[derive(Debug, Clone)]
pub enum Call {
    /// A server function: its arguments, form-encoded, posted to its path.
    Fn(Vec<(String, String)>),
    /// GET this address (a page or a route).
    Get(String),
    /// POST these form fields to this address (a route).
    Post(String, Vec<(String, String)>),
    /// POST these multipart text fields to this address (an upload without its file).
    Multipart(String, Vec<(String, String)>),
}

/// One row of the table: an endpoint, how to call it and who may.
pub struct Entry {
    pub method: Method,
    /// As the app lists it: `/api/walk/load`, `/walkthroughs/{id}`, `/evidence/{id}`.
    pub path: &'static str,
    pub call: Call,
    pub who: Who,
    /// What an allowed person gets.
    pub ok: Outcome,
    /// What a signed-in person who may not gets.
    pub no: u16,
    /// What nobody gets, when it differs from what the kind says.
    pub anonymous: Option<Outcome>,
    /// Exceptions for one person (e.g. an admin who passes the role check but finds no upload
    /// of theirs), each with the reason in the table.
    pub except: Vec<(Actor, Outcome)>,
    /// A count that a refused call must leave as it was (checked before the allowed ones run).
    pub unchanged: Option<String>,
}

impl Entry {
    fn new(method: Method, path: &'static str, call: Call) -> Entry {
        Entry {
            method,
            path,
            call,
            who: Who::SignedIn,
            ok: Outcome::Read(None),
            no: 403,
            anonymous: None,
            except: Vec::new(),
            unchanged: None,
        }
    }

    pub fn who(mut self, who: Who) -> Self {
        self.who = who;
        self
    }

    /// Allowed people get a 200 showing `marker`.
    pub fn reads(mut self, marker: impl Into<String>) -> Self {
        self.ok = Outcome::Read(Some(marker.into()));
        self
    }

    /// Allowed people are sent on to an address starting with `to`.
    pub fn redirects(mut self, to: impl Into<String>) -> Self {
        self.ok = Outcome::Redirect(to.into());
        self
    }

    /// Allowed people get exactly `status` (a write with harmless arguments).
    pub fn answers(mut self, status: u16) -> Self {
        assert!(
            ![401, 403, 404].contains(&status),
            "{}: an allowed answer cannot be a refusal",
            self.path
        );
        self.ok = Outcome::Status(status);
        self
    }

    /// Refused signed-in people get `status` (403 by default).
    pub fn refused(mut self, status: u16) -> Self {
        self.no = status;
        self
    }

    pub fn anonymous(mut self, outcome: Outcome) -> Self {
        self.anonymous = Some(outcome);
        self
    }

    pub fn except(mut self, actor: Actor, outcome: Outcome) -> Self {
        self.except.push((actor, outcome));
        self
    }

    /// `actor` is allowed but sees nothing of `marker` (a list scoped to his own people, an
    /// upload that is someone else's).
    pub fn hidden_from(self, actor: Actor, marker: &str) -> Self {
        self.except(actor, Outcome::ReadWithout(marker.to_owned()))
    }

    /// A refusal must leave `select count(*) …` as it was.
    pub fn unchanged(mut self, count_sql: impl Into<String>) -> Self {
        self.unchanged = Some(count_sql.into());
        self
    }

    /// A refusal that still shows what allowed people read of the owner's (his own pages show
    /// his name in the header, so the owner is left out).
    fn leaks_to(&self, actor: Actor, outcome: &Outcome, got: &Answer) -> bool {
        match (&self.ok, outcome) {
            (Outcome::Read(Some(marker)), Outcome::Refused(_) | Outcome::ToLogin) => {
                actor != Actor::Owner && got.body.contains(marker.as_str())
            }
            _ => false,
        }
    }

    fn expected(&self, kind: Kind, actor: Actor) -> Outcome {
        if let Some((_, outcome)) = self.except.iter().find(|(a, _)| *a == actor) {
            return outcome.clone();
        }
        if self.who.allows(actor) {
            return self.ok.clone();
        }
        if actor == Actor::Anonymous {
            return self.anonymous.clone().unwrap_or(match kind {
                Kind::ServerFn => Outcome::Refused(401),
                Kind::Page | Kind::Route => Outcome::ToLogin,
            });
        }
        Outcome::Refused(self.no)
    }
}

/// A server function (posted to its path with these arguments).
pub fn server_fn(path: &'static str, args: &[(&str, String)]) -> Entry {
    let args = args.iter().map(|(k, v)| ((*k).to_owned(), v.clone()));
    Entry::new(Method::POST, path, Call::Fn(args.collect()))
}

/// A page, opened at `url` (its path with the owner's ids in it).
pub fn page(path: &'static str, url: impl Into<String>) -> Entry {
    Entry::new(Method::GET, path, Call::Get(url.into()))
}

/// A GET route, opened at `url`.
pub fn get(path: &'static str, url: impl Into<String>) -> Entry {
    Entry::new(Method::GET, path, Call::Get(url.into()))
}

/// A POST route taking a form.
pub fn post(path: &'static str, url: impl Into<String>, fields: &[(&str, String)]) -> Entry {
    let fields = fields.iter().map(|(k, v)| ((*k).to_owned(), v.clone()));
    Entry::new(Method::POST, path, Call::Post(url.into(), fields.collect()))
}

/// A POST route taking a multipart form (sent without a file).
pub fn multipart(path: &'static str, url: impl Into<String>, fields: &[(&str, String)]) -> Entry {
    let fields = fields.iter().map(|(k, v)| ((*k).to_owned(), v.clone()));
    Entry::new(
        Method::POST,
        path,
        Call::Multipart(url.into(), fields.collect()),
    )
}

/// Every endpoint the app serves, as it lists them itself.
fn listed_endpoints(app: &TestApp) -> BTreeMap<(String, String), Kind> {
    let mut all = BTreeMap::new();
    let mut add = |method: &Method, path: &str, kind: Kind| {
        let before = all.insert((method.to_string(), path.to_owned()), kind);
        assert!(before.is_none(), "{method} {path} is listed twice");
    };
    for (path, method) in server_fn::axum::server_fn_paths() {
        add(&method, path, Kind::ServerFn);
    }
    // Listed once per process (see `route_list` in src/server.rs), after an app was built.
    for route in klantenrijbewijs::server::page_routes() {
        add(&Method::GET, route.path(), Kind::Page);
    }
    for (method, path) in klantenrijbewijs::server::http_routes(&app.state.config).endpoints() {
        add(method, path, Kind::Route);
    }
    all
}

/// One call as one person.
async fn call(base: &str, client: &reqwest::Client, path: &str, how: &Call) -> Answer {
    let request = match how {
        Call::Fn(args) => client
            .post(format!("{base}{path}"))
            .header("accept", "application/json")
            .form(args),
        Call::Get(url) => client
            .get(format!("{base}{url}"))
            .header("accept", "text/html"),
        Call::Post(url, fields) => client
            .post(format!("{base}{url}"))
            .header("accept", "application/json")
            .form(fields),
        Call::Multipart(url, fields) => {
            let form = fields
                .iter()
                .fold(reqwest::multipart::Form::new(), |form, (k, v)| {
                    form.text(k.clone(), v.clone())
                });
            client
                .post(format!("{base}{url}"))
                .header("accept", "application/json")
                .multipart(form)
        }
    };
    let res = request.send().await.expect("request");
    let status = res.status();
    let headers = res.headers().clone();
    // Files (evidence) are not text; a lossy reading is enough to report them.
    let bytes = res.bytes().await.expect("body");
    Answer {
        status,
        headers,
        body: String::from_utf8_lossy(&bytes).into_owned(),
    }
}

/// One wrong answer, as the report lists it.
struct Mismatch {
    /// The status was right, but the body shows the owner's data all the same.
    leak: bool,
    endpoint: String,
    actor: Actor,
    expected: Outcome,
    status: StatusCode,
    location: Option<String>,
    body: String,
}

impl std::fmt::Display for Mismatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let body: String = self.body.chars().take(200).collect();
        write!(
            f,
            "{} as {:?}: expected {:?}{}, got {}{} {:?}",
            self.endpoint,
            self.actor,
            self.expected,
            if self.leak {
                " without the owner's data"
            } else {
                ""
            },
            self.status.as_u16(),
            self.location
                .as_deref()
                .map(|l| format!(" → {l}"))
                .unwrap_or_default(),
            body
        )
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn every_endpoint_answers_each_person_as_the_product_says() {
    let started = std::time::Instant::now();
    // Verification lookups are limited per address; the matrix makes a few dozen from one.
    let app = TestApp::spawn_configured(true, |c| {
        c.verify_burst = 1_000;
        c.verify_per_minute = 1_000;
    })
    .await;
    let people = actors::sign_in(&app).await;
    let fixture = fixture::Fixture::make(&app, &people).await;
    let entries = rules::entries(&fixture);

    // The table and the app must name the same endpoints.
    let listed = listed_endpoints(&app);
    let mut kinds = BTreeMap::new();
    let mut problems = Vec::new();
    let mut seen = BTreeSet::new();
    for entry in &entries {
        let key = (entry.method.to_string(), entry.path.to_owned());
        if !seen.insert(key.clone()) {
            problems.push(format!("{} {}: two entries", key.0, key.1));
        }
        match listed.get(&key) {
            Some(kind) => {
                kinds.insert(key, *kind);
            }
            None => problems.push(format!(
                "{} {}: in the table but the app no longer serves it",
                key.0, key.1
            )),
        }
    }
    for (key, kind) in &listed {
        if !seen.contains(key) {
            problems.push(format!(
                "{} {} ({kind:?}): no entry in tests/integration/authorization_matrix/rules.rs \
                 — decide who may call it",
                key.0, key.1
            ));
        }
    }

    let mut mismatches = Vec::new();
    let mut calls = 0;
    for entry in &entries {
        let key = (entry.method.to_string(), entry.path.to_owned());
        let Some(kind) = kinds.get(&key).copied() else {
            continue;
        };
        let expected: Vec<(Actor, Outcome)> = Actor::ALL
            .iter()
            .map(|a| (*a, entry.expected(kind, *a)))
            .collect();
        // Refused people first, all at once: only then may an allowed call really write.
        let (refused, allowed): (Vec<_>, Vec<_>) =
            expected.into_iter().partition(|(_, o)| o.is_refusal());
        let before = match &entry.unchanged {
            Some(sql) => Some(app.count(sql).await),
            None => None,
        };
        for group in [refused, allowed] {
            let answers = call_all(&app, &people, entry, &group).await;
            calls += answers.len();
            for ((actor, outcome), got) in group.iter().zip(answers) {
                let leak = entry.leaks_to(*actor, outcome, &got);
                if !outcome.judge(&got) || leak {
                    mismatches.push(Mismatch {
                        leak,
                        endpoint: format!("{} {}", entry.method, entry.path),
                        actor: *actor,
                        expected: outcome.clone(),
                        status: got.status,
                        location: got
                            .headers
                            .get("location")
                            .and_then(|v| v.to_str().ok())
                            .map(str::to_owned),
                        body: got.body,
                    });
                }
            }
            if let (Some(sql), Some(before)) = (&entry.unchanged, before)
                && group.iter().all(|(_, o)| o.is_refusal())
            {
                let after = app.count(sql).await;
                if after != before {
                    problems.push(format!(
                        "{} {}: a refused call changed `{sql}` from {before} to {after}",
                        entry.method, entry.path
                    ));
                }
            }
        }
    }

    let by_kind = |k: Kind| listed.values().filter(|v| **v == k).count();
    println!(
        "authorization matrix: {} server functions, {} pages, {} routes; {calls} calls in {:.1?}",
        by_kind(Kind::ServerFn),
        by_kind(Kind::Page),
        by_kind(Kind::Route),
        started.elapsed()
    );
    let mut report: Vec<String> = problems;
    report.extend(mismatches.iter().map(ToString::to_string));
    assert!(
        report.is_empty(),
        "{} problems:\n{}",
        report.len(),
        report.join("\n")
    );
}

/// Calls `entry` as each person of `group` at once; answers in the group's order.
async fn call_all(
    app: &TestApp,
    people: &actors::People,
    entry: &Entry,
    group: &[(Actor, Outcome)],
) -> Vec<Answer> {
    let mut tasks = tokio::task::JoinSet::new();
    for (i, (actor, _)) in group.iter().enumerate() {
        let client = people.client(*actor).clone();
        let base = app.base.clone();
        let path = entry.path;
        let how = entry.call.clone();
        tasks.spawn(async move { (i, call(&base, &client, path, &how).await) });
    }
    let mut answers: Vec<(usize, Answer)> = tasks.join_all().await;
    answers.sort_by_key(|(i, _)| *i);
    answers.into_iter().map(|(_, a)| a).collect()
}
