//! Mail about improvements over the real SMTP sink: a claimed row (as a status change or a
//! reopening leaves it) goes out once in its recipient's language with a link to the improvement,
//! a failure stays pending; escalations of overdue and quiet improvements reach the owner and the
//! owning team's leads exactly once per period, also with two schedulers running at once.

use crate::common;
use crate::improvement_walker::{GRACE, improvement, walk_in_progress};

use chrono::{DateTime, Duration, NaiveDate, Utc};
use common::reminders::{LINK_BASE, mailer, morning, scheduler};
use common::smtp::{ReceivedMail, SmtpSink, free_port, url};
use common::{EMPLOYEE, REVIEWER, TestApp};
use klantenrijbewijs::reminders::improvement::send_pending;
use klantenrijbewijs::reminders::{Scheduler, TestClock};

async fn mail_row(app: &TestApp, improvement: i64, email: &str, event: &str, period: &str) -> i64 {
    let person = app.person_id(email).await;
    app.scalar(
        "insert into improvement_mail (improvement_id, recipient_id, event, period, created_at,
                updated_at)
         values ($1, $2, $3, $4, $5, $5) returning id",
        &[
            improvement.into(),
            person.into(),
            event.into(),
            period.into(),
            Utc::now().into(),
        ],
    )
    .await
}

fn to<'a>(mails: &'a [ReceivedMail], email: &str) -> Vec<&'a ReceivedMail> {
    mails
        .iter()
        .filter(|m| m.to.iter().any(|t| t == email))
        .collect()
}

/// A fixed event's rows: one message per recipient, Dutch for Daan and English for Grace, with
/// the link to the improvement; sent once. A failed send stays pending with its error and goes
/// out on the next try.
#[tokio::test]
async fn a_claimed_row_is_mailed_once_in_the_recipients_language() {
    let app = TestApp::spawn().await;
    let (_, steps) = walk_in_progress(&app, EMPLOYEE).await;
    let id = improvement(
        &app,
        steps[0].0,
        "Schadeformulier <bewaart> alles",
        "fixed",
        Some(Utc::now()),
    )
    .await;
    let daan = mail_row(&app, id, EMPLOYEE, "fixed", "1").await;
    mail_row(&app, id, GRACE, "fixed", "1").await;
    let sink = SmtpSink::start();
    let report = send_pending(&app.state.pool, &mailer(&sink.url()), LINK_BASE)
        .await
        .expect("send");
    assert_eq!((report.sent, report.failed), (2, 0));
    let again = send_pending(&app.state.pool, &mailer(&sink.url()), LINK_BASE)
        .await
        .expect("send again");
    assert_eq!((again.sent, again.failed), (0, 0));
    let mails = sink.messages();
    assert_eq!(mails.len(), 2);
    let link = format!("{LINK_BASE}/improvements/{id}");
    let nl = to(&mails, EMPLOYEE);
    assert_eq!(nl.len(), 1);
    assert_eq!(nl[0].subject, "Opgelost: Schadeformulier <bewaart> alles");
    assert!(
        nl[0]
            .text
            .as_deref()
            .is_some_and(|t| t.contains(&link) && t.contains("Beste Daan Bakker"))
    );
    let html = nl[0].html.as_deref().expect("html part");
    assert!(
        html.contains(&format!("href=\"{link}\"")) && html.contains("&lt;bewaart&gt;"),
        "{html}"
    );
    let en = to(&mails, GRACE);
    assert_eq!(en.len(), 1);
    assert_eq!(en[0].subject, "Fixed: Schadeformulier <bewaart> alles");
    assert!(en[0].text.as_deref().is_some_and(|t| t.contains(&link)));
    let sent: i64 = app
        .scalar(
            "select count(*) from improvement_mail where sent_at is not null and attempts = 1",
            &[],
        )
        .await;
    assert_eq!(sent, 2);

    // The SMTP server is down: counted, kept pending with its error, then sent once it is up.
    app.exec(
        "update improvement set status = 'wont_fix', status_reason = 'Wettelijk verplicht' where id = $1",
        &[id.into()],
    )
    .await;
    let row = mail_row(&app, id, EMPLOYEE, "wont_fix", "2").await;
    let down = send_pending(&app.state.pool, &mailer(&url(free_port())), LINK_BASE)
        .await
        .expect("send");
    assert_eq!((down.sent, down.failed), (0, 1));
    let (attempts, sent_at, error): (i64, Option<DateTime<Utc>>, Option<String>) = app
        .rows(
            "select attempts, sent_at, last_error from improvement_mail where id = $1",
            &[row.into()],
        )
        .await
        .into_iter()
        .next()
        .expect("row");
    assert_eq!((attempts, sent_at), (1, None));
    assert!(error.is_some_and(|e| !e.is_empty()));
    let up = send_pending(&app.state.pool, &mailer(&sink.url()), LINK_BASE)
        .await
        .expect("send");
    assert_eq!((up.sent, up.failed), (1, 0));
    let mails = sink.messages();
    assert_eq!(mails.len(), 3);
    let decided = mails.last().expect("third");
    assert!(
        decided.subject.starts_with("Besloten:"),
        "{}",
        decided.subject
    );
    assert!(
        decided
            .text
            .as_deref()
            .is_some_and(|t| t.contains("Wettelijk verplicht"))
    );
    assert_ne!(daan, row);
}

/// The recipients of an escalation about `id`: the owner and the owning team's active leads.
async fn recipients(app: &TestApp, id: i64) -> Vec<String> {
    common::sql::column(
        &app.state.pool,
        "select p.email from person p join improvement i on i.id = $1
         where p.active = true and (p.id = i.owner_id or (p.team_id = i.team_id and exists
             (select 1 from person_role r where r.person_id = p.id and r.role = 'reviewer')))
         order by p.email",
        &[id.into()],
    )
    .await
}

/// A scheduler as the app runs it: escalating after the default 30 days.
fn escalating(mut scheduler: Scheduler) -> Scheduler {
    scheduler.improvement_stale_days = Some(30);
    scheduler
}

/// Runs two schedulers at the same moment, as two app servers would.
async fn two_schedulers(app: &TestApp, sink: &SmtpSink, clock: &TestClock) {
    let a = escalating(scheduler(app, mailer(&sink.url()), clock));
    let b = escalating(scheduler(app, mailer(&sink.url()), clock));
    let (ra, rb) = tokio::join!(
        tokio::spawn(async move { a.run_once().await }),
        tokio::spawn(async move { b.run_once().await })
    );
    ra.expect("task").expect("run a");
    rb.expect("task").expect("run b");
}

/// Mails about improvement `title`, per recipient address.
fn about(sink: &SmtpSink, title: &str) -> Vec<(String, String)> {
    let mut found: Vec<(String, String)> = sink
        .messages()
        .into_iter()
        .filter(|m| m.subject.contains(title))
        .map(|m| (m.to.join(","), m.subject))
        .collect();
    found.sort();
    found
}

/// Past its due date: the owner (Daan) and the team's leads get one reminder each, in their
/// language, with an in-app notification — once, though two schedulers run at once and again
/// later that day. A month of silence later: one "stale" reminder each, once. A closed
/// improvement is never escalated.
#[tokio::test]
async fn escalations_reach_owner_and_leads_once_per_period() {
    let app = TestApp::spawn().await;
    let sink = SmtpSink::start();
    let today = NaiveDate::from_ymd_opt(2031, 6, 30).expect("date");
    let clock = TestClock::at(morning(today));
    let (_, steps) = walk_in_progress(&app, EMPLOYEE).await;
    let title = "Terugbelverzoek komt nooit aan";
    let id = improvement(&app, steps[0].0, title, "planned", None).await;
    let closed = improvement(&app, steps[0].0, "Al besloten en te laat", "wont_fix", None).await;
    let daan = app.person_id(EMPLOYEE).await;
    let touched = morning(today) - Duration::days(2);
    for improvement in [id, closed] {
        app.exec(
            "update improvement set owner_id = $1, due_on = $2, last_activity_at = $3 where id = $4",
            &[
                daan.into(),
                (today - Duration::days(1)).into(),
                touched.into(),
                improvement.into(),
            ],
        )
        .await;
    }
    let people = recipients(&app, id).await;
    assert!(
        people.contains(&EMPLOYEE.to_owned()) && people.contains(&REVIEWER.to_owned()),
        "{people:?}"
    );

    two_schedulers(&app, &sink, &clock).await;
    clock.advance(Duration::hours(5));
    two_schedulers(&app, &sink, &clock).await;
    let overdue = about(&sink, title);
    assert_eq!(
        overdue.iter().map(|(to, _)| to.clone()).collect::<Vec<_>>(),
        people,
        "exactly one per recipient: {overdue:?}"
    );
    let daan_mail = overdue
        .iter()
        .find(|(to, _)| to == EMPLOYEE)
        .expect("owner");
    assert_eq!(daan_mail.1, format!("Over de streefdatum: {title}"));
    let notified = |kind: &str| {
        let sql = format!(
            "select count(*) from notification where improvement_id = {id} and kind = '{kind}'"
        );
        let app = &app;
        async move { app.count(&sql).await }
    };
    assert_eq!(notified("improvement_overdue").await, people.len() as i64);
    assert!(
        about(&sink, "Al besloten").is_empty(),
        "closed improvements are not escalated"
    );

    // Thirty days without a change (two before the first run, 29 since): the stale reminder.
    clock.set(morning(today + Duration::days(28)));
    two_schedulers(&app, &sink, &clock).await;
    let stale: Vec<_> = about(&sink, title)
        .into_iter()
        .filter(|(_, subject)| !subject.starts_with("Over de streefdatum"))
        .collect();
    let rows: Vec<(i64, String, String)> = app
        .rows(
            "select recipient_id, event, period from improvement_mail where improvement_id = $1 order by id",
            &[id.into()],
        )
        .await;
    assert_eq!(stale.len(), people.len(), "{stale:?} {rows:?}");
    assert!(
        stale
            .iter()
            .any(|(to, s)| to == EMPLOYEE && s == &format!("Al een tijd stil: {title}"))
    );
    assert_eq!(notified("improvement_stale").await, people.len() as i64);
    clock.advance(Duration::days(3));
    two_schedulers(&app, &sink, &clock).await;
    assert_eq!(
        about(&sink, title).len(),
        2 * people.len(),
        "nothing more in the same period"
    );
    let periods: Vec<(String, String)> = app
        .rows(
            "select distinct event, period from improvement_mail where improvement_id = $1 order by event",
            &[id.into()],
        )
        .await;
    assert_eq!(
        periods,
        [
            (
                "overdue".to_owned(),
                (today - Duration::days(1)).to_string()
            ),
            ("stale".to_owned(), (today + Duration::days(28)).to_string()),
        ]
    );
}

/// The reopening by later walkers mails the owner at once, in their language, with the link.
#[tokio::test]
async fn the_owner_hears_of_a_reopening_by_mail() {
    let sink = SmtpSink::start();
    let smtp = sink.url();
    let app = TestApp::spawn_configured(true, |c| c.smtp_url = Some(smtp)).await;
    let (walk_a, steps) = walk_in_progress(&app, EMPLOYEE).await;
    let (walk_b, _) = walk_in_progress(&app, GRACE).await;
    let step = steps[0].0;
    let id = improvement(
        &app,
        step,
        "Polis meteen in de app",
        "fixed",
        Some(Utc::now()),
    )
    .await;
    for (email, walk) in [(EMPLOYEE, walk_a), (GRACE, walk_b)] {
        let client = app.client_for(email).await;
        let answered = app
            .call_as(
                &client,
                "improvement/confirm",
                &[
                    ("walkthrough_id", &walk.to_string()),
                    ("step_id", &step.to_string()),
                    ("number", "1"),
                    ("improvement_id", &id.to_string()),
                    ("answer", "still_problem"),
                ],
            )
            .await;
        assert_eq!(
            answered.status,
            reqwest::StatusCode::OK,
            "{}",
            answered.body
        );
    }
    let mails = sink.wait_for(1).await;
    assert_eq!(mails.len(), 1, "only the owner");
    assert_eq!(mails[0].to, [REVIEWER]);
    assert_eq!(mails[0].subject, "Heropend: Polis meteen in de app");
    assert!(
        mails[0]
            .text
            .as_deref()
            .is_some_and(|t| t.contains(&format!("/improvements/{id}")))
    );
    let sent: i64 = app
        .scalar(
            "select count(*) from improvement_mail where improvement_id = $1 and sent_at is not null",
            &[id.into()],
        )
        .await;
    assert_eq!(sent, 1);
}
