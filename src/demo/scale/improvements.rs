//! Improvements at company scale: a share of the grown walkthroughs' frictions triaged by their
//! team's leads. Frictions are grouped by step, title and cycle year; one group in eight is one
//! big improvement holding every friction of the group (hundreds at 30,000 walkthroughs: the
//! improvement page with 200+ linked frictions), the other groups have 40% of their frictions
//! triaged into improvements of 25. One triaged friction in twenty is closed as "geen actie".
//! Each improvement gets a believable path (older ones mostly fixed), insert-only history,
//! recognitions, later walkers' confirmations of fixes and the reporters' notifications.
//!
//! Every choice is picked from the friction's id, and only untriaged frictions are considered,
//! so a second run adds nothing (new walkthroughs' frictions do get triaged).

use super::{Db, ScaleError, begin_write, mix, now};
use crate::domain::licence::amsterdam_date;
use chrono::{DateTime, Duration, Utc};
use sqlx::{QueryBuilder, Sqlite};
use std::collections::{BTreeMap, HashMap};

/// Improvements per write transaction (with their triage, history and notification rows).
const BATCH: usize = 100;
/// Rows per multi-row insert: at most 17 columns each stays below SQLite's parameter limit.
const ROWS_PER_INSERT: usize = 500;
/// Frictions per improvement in the ordinary groups.
const PER_IMPROVEMENT: usize = 25;
const GAPS: &[&str] = &["knowledge", "specification", "delivery", "communication"];
const PRIORITIES: &[&str] = &["high", "medium", "medium", "low"];
const NO_ACTION_REASON: &str =
    "Dit hoort bij de afspraak met de klant zoals die nu is; we passen hier niets aan.";

/// What [`grow_improvements`] added.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct ImprovementGrowth {
    pub improvements: usize,
    pub linked: usize,
    pub no_action: usize,
    pub largest: usize,
}

/// A friction waiting for triage.
#[derive(Clone, Copy)]
struct Friction {
    id: i64,
    step: i64,
    team: i64,
    family: i64,
    year: i64,
    at: DateTime<Utc>,
    reporter: i64,
}

/// A completed walkthrough that may confirm a fix: (id, person, finished).
type Walk = (i64, i64, DateTime<Utc>);

/// Triages the untriaged frictions of the grown walkthroughs (see the module comment), then
/// recounts the priority counts every bulk write here and in the grown walks left behind.
pub async fn grow_improvements(db: &Db) -> Result<ImprovementGrowth, ScaleError> {
    let growth = triage_grown(db).await?;
    crate::db::improvement::tally::rebuild(db).await?;
    Ok(growth)
}

async fn triage_grown(db: &Db) -> Result<ImprovementGrowth, ScaleError> {
    // SQLite only (seed-scale refuses PostgreSQL up front): its bulk SQL is SQLite's.
    let pool = db.sqlite()?;
    let mut leads: HashMap<i64, Vec<i64>> = HashMap::new();
    for (team, id) in sqlx::query_as::<_, (i64, i64)>(
        "select p.team_id, p.id from person p
         join person_role r on r.person_id = p.id and r.role = 'reviewer'
         where p.active = true and p.team_id is not null order by p.team_id, p.id",
    )
    .fetch_all(pool)
    .await?
    {
        leads.entry(team).or_default().push(id);
    }
    let rows = sqlx::query_as::<_, (i64, i64, i64, i64, i64, String, DateTime<Utc>, i64)>(
        "select f.id, f.step_id, s.team_id, j.family_id, w.cycle_year, f.title, f.created_at, w.person_id
         from friction f
         join walkthrough w on w.id = f.walkthrough_id and w.status = 'completed'
         join person p on p.id = w.person_id
         join journey_step s on s.id = f.step_id
         join journey j on j.id = s.journey_id
         where p.email like 'medewerker%@dijkhuis.example' and f.kind = 'friction'
           and s.team_id is not null
           and not exists (select 1 from friction_triage t where t.friction_id = f.id)
         order by f.id",
    )
    .fetch_all(pool)
    .await?;
    // (step, title, year) -> frictions, in a fixed order
    let mut groups: BTreeMap<(i64, String, i64), Vec<Friction>> = BTreeMap::new();
    for (id, step, team, family, year, title, at, reporter) in rows {
        if leads.contains_key(&team) {
            let f = Friction {
                id,
                step,
                team,
                family,
                year,
                at,
                reporter,
            };
            groups.entry((step, title, year)).or_default().push(f);
        }
    }
    let mut plans = Vec::new();
    let mut no_action = Vec::new();
    for ((step, title, year), frictions) in groups {
        let key = mix(title
            .bytes()
            .fold(step as u64 ^ ((year as u64) << 32), |h, b| {
                h.wrapping_mul(31).wrapping_add(u64::from(b))
            }));
        if key.is_multiple_of(8) {
            plans.push((title, frictions));
            continue;
        }
        let chosen: Vec<Friction> = frictions
            .into_iter()
            .filter(|f| mix(f.id as u64) % 10 < 4)
            .collect();
        let (closed, linked): (Vec<Friction>, Vec<Friction>) = chosen
            .into_iter()
            .partition(|f| mix(f.id as u64 ^ 0x5eed).is_multiple_of(20));
        no_action.extend(closed);
        plans.extend(
            linked
                .chunks(PER_IMPROVEMENT)
                .map(|c| (title.clone(), c.to_vec())),
        );
    }
    let walks = walks_by_family(db).await?;
    let people: Vec<i64> = sqlx::query_scalar(
        "select id from person where email like 'medewerker%@dijkhuis.example' and active = true order by id",
    )
    .fetch_all(pool)
    .await?;
    let mut growth = ImprovementGrowth {
        no_action: no_action.len(),
        ..ImprovementGrowth::default()
    };
    let mut next: i64 = sqlx::query_scalar("select coalesce(max(id), 0) + 1 from improvement")
        .fetch_one(pool)
        .await?;
    for batch in plans.chunks(BATCH) {
        let mut rows = Rows::default();
        for (title, frictions) in batch {
            rows.plan(next, title, frictions, &leads, &walks, &people);
            growth.improvements += 1;
            growth.linked += frictions.len();
            growth.largest = growth.largest.max(frictions.len());
            next += 1;
        }
        let mut tx = begin_write(db).await?;
        rows.insert(&mut tx).await?;
        tx.commit().await?;
    }
    for batch in no_action.chunks(BATCH * PER_IMPROVEMENT) {
        let mut rows = Rows::default();
        for f in batch {
            let lead = pick(&leads[&f.team], f.id as u64);
            let at = (f.at + Duration::days(2)).min(now());
            rows.triage.push((f.id, None, None, lead, at));
            rows.notify(f.reporter, "friction_no_action", None, Some(f.id), lead, at);
        }
        let mut tx = begin_write(db).await?;
        rows.insert(&mut tx).await?;
        tx.commit().await?;
    }
    Ok(growth)
}

fn pick(from: &[i64], h: u64) -> i64 {
    from[(h % from.len() as u64) as usize]
}

/// Completed walkthroughs per journey family, by when they finished.
async fn walks_by_family(db: &Db) -> Result<HashMap<i64, Vec<Walk>>, sqlx::Error> {
    // SQLite only (seed-scale refuses PostgreSQL up front): its bulk SQL is SQLite's.
    let pool = db.sqlite()?;
    let mut out: HashMap<i64, Vec<Walk>> = HashMap::new();
    for (family, id, person, at) in sqlx::query_as::<_, (i64, i64, i64, DateTime<Utc>)>(
        "select j.family_id, w.id, w.person_id, w.finished_at from walkthrough w
         join journey j on j.id = w.journey_id
         where w.status = 'completed' and w.finished_at is not null
         order by w.finished_at, w.id",
    )
    .fetch_all(pool)
    .await?
    {
        out.entry(family).or_default().push((id, person, at));
    }
    Ok(out)
}

/// improvement, actor, from, to, comment, at
type HistoryRow = (
    i64,
    i64,
    Option<&'static str>,
    &'static str,
    &'static str,
    DateTime<Utc>,
);
/// friction, improvement (None: no action), gap, by, at
type TriageRow = (i64, Option<i64>, Option<&'static str>, i64, DateTime<Utc>);
/// person, kind, improvement, friction, actor, at
type NotificationRow = (
    i64,
    &'static str,
    Option<i64>,
    Option<i64>,
    i64,
    DateTime<Utc>,
);

/// The rows of one batch, inserted together.
#[derive(Default)]
struct Rows {
    improvements: Vec<Improvement>,
    history: Vec<HistoryRow>,
    triage: Vec<TriageRow>,
    /// friction, person, at
    recognitions: Vec<(i64, i64, DateTime<Utc>)>,
    /// improvement, walkthrough, person, answer, at
    confirmations: Vec<(i64, i64, i64, &'static str, DateTime<Utc>)>,
    notifications: Vec<NotificationRow>,
}

struct Improvement {
    id: i64,
    title: String,
    team: i64,
    owner: i64,
    family: i64,
    step: i64,
    due: String,
    priority: &'static str,
    status: &'static str,
    fixed: Option<DateTime<Utc>>,
    closed: Option<DateTime<Utc>>,
    last: DateTime<Utc>,
    version: i64,
    created: DateTime<Utc>,
}

impl Rows {
    fn notify(
        &mut self,
        person: i64,
        kind: &'static str,
        improvement: Option<i64>,
        friction: Option<i64>,
        actor: i64,
        at: DateTime<Utc>,
    ) {
        if person != actor {
            self.notifications
                .push((person, kind, improvement, friction, actor, at));
        }
    }

    /// One improvement over `frictions` (at least one, all of one step).
    fn plan(
        &mut self,
        id: i64,
        title: &str,
        frictions: &[Friction],
        leads: &HashMap<i64, Vec<i64>>,
        walks: &HashMap<i64, Vec<Walk>>,
        people: &[i64],
    ) {
        let h = mix(id as u64);
        let first = frictions[0];
        let today = now();
        let owner = pick(&leads[&first.team], h);
        let created = (first.at + Duration::days(3)).min(today);
        let age = (today - created).num_days();
        // older improvements are mostly closed
        let path: &[&'static str] = match (age > 120, h % 10) {
            (true, 0..=6) | (false, 7 | 8) => &["new", "planned", "in_progress", "fixed"],
            (true, 7) | (false, 9) => &["new", "wont_fix"],
            (true, 8) | (false, 5 | 6) => &["new", "planned", "in_progress"],
            (true, _) | (false, 3 | 4) => &["new", "planned"],
            (false, _) => &["new"],
        };
        let span = Duration::days(age.clamp(1, 90));
        let mut at = created;
        let mut from = None;
        for (n, &to) in path.iter().enumerate() {
            if n > 0 {
                at = (created + span * (n as i32) / (path.len() as i32)).min(today);
            }
            let comment = match to {
                "wont_fix" => NO_ACTION_REASON,
                "fixed" => "Opgelost en getest met een klantreis.",
                _ => "",
            };
            self.history.push((id, owner, from, to, comment, at));
            from = Some(to);
        }
        let status = path[path.len() - 1];
        let closed = matches!(status, "fixed" | "wont_fix").then_some(at);
        let fixed = (status == "fixed").then_some(at);
        let mut last = at;
        let mut reporters = Vec::new();
        for f in frictions {
            let t = (f.at + Duration::days(2)).max(created).min(today);
            last = last.max(t);
            let gap = GAPS[(mix(f.id as u64 ^ 0x9a9) % GAPS.len() as u64) as usize];
            self.triage.push((f.id, Some(id), Some(gap), owner, t));
            self.notify(
                f.reporter,
                "improvement_created",
                Some(id),
                Some(f.id),
                owner,
                t,
            );
            if closed.is_none_or(|c| t <= c) && !reporters.contains(&f.reporter) {
                reporters.push(f.reporter);
            }
            let r = mix(f.id as u64 ^ 0x7ec0);
            if r.is_multiple_of(5) {
                for k in 0..1 + r / 5 % 3 {
                    let who = pick(people, r.rotate_left(k as u32 * 13));
                    if who != f.reporter {
                        self.recognitions.push((f.id, who, t));
                    }
                }
            }
        }
        if let Some(c) = closed {
            let kind = if status == "fixed" {
                "improvement_fixed"
            } else {
                "improvement_wont_fix"
            };
            for r in reporters {
                self.notify(r, kind, Some(id), None, owner, c);
            }
        }
        if let (Some(fixed), Some(later)) = (fixed, walks.get(&first.family)) {
            let start = later.partition_point(|w| w.2 <= fixed);
            for (k, &(walk, person, at)) in later[start..].iter().take(4).enumerate() {
                let answer = match mix(h ^ k as u64) % 10 {
                    0..=6 => "fixed",
                    7 => "still_problem",
                    _ => "not_seen",
                };
                self.confirmations.push((id, walk, person, answer, at));
            }
        }
        self.improvements.push(Improvement {
            id,
            title: format!("{title} ({})", first.year),
            team: first.team,
            owner,
            family: first.family,
            step: first.step,
            due: amsterdam_date(created + Duration::days(60)).to_string(),
            priority: PRIORITIES[(h / 7 % PRIORITIES.len() as u64) as usize],
            status,
            fixed,
            closed,
            last,
            version: (path.len() + frictions.len()) as i64 - 2,
            created,
        });
    }

    async fn insert(self, tx: &mut super::WriteTx) -> Result<(), sqlx::Error> {
        for chunk in self.improvements.chunks(ROWS_PER_INSERT) {
            let mut q: QueryBuilder<Sqlite> = QueryBuilder::new(
                "insert into improvement (id, title, problem, team_id, owner_id, journey_family_id, step_id,
                     due_on, priority, status, status_reason, fixed_at, closed_at, last_activity_at,
                     version, created_by, created_at, updated_at) ",
            );
            q.push_values(chunk, |mut b, i| {
                let reason = if i.status == "wont_fix" {
                    NO_ACTION_REASON
                } else {
                    ""
                };
                b.push_bind(i.id)
                    .push_bind(&i.title)
                    .push_bind(format!("Klanten lopen hier vast: {}.", i.title))
                    .push_bind(i.team)
                    .push_bind(i.owner)
                    .push_bind(i.family)
                    .push_bind(i.step)
                    .push_bind(&i.due)
                    .push_bind(i.priority)
                    .push_bind(i.status)
                    .push_bind(reason)
                    .push_bind(i.fixed)
                    .push_bind(i.closed)
                    .push_bind(i.last)
                    .push_bind(i.version)
                    .push_bind(i.owner)
                    .push_bind(i.created)
                    .push_bind(i.last);
            });
            q.build().execute(&mut **tx).await?;
        }
        for chunk in self.history.chunks(ROWS_PER_INSERT) {
            let mut q: QueryBuilder<Sqlite> = QueryBuilder::new(
                "insert into improvement_history (improvement_id, actor_id, from_status, to_status,
                     comment, created_at, updated_at) ",
            );
            q.push_values(chunk, |mut b, r| {
                b.push_bind(r.0)
                    .push_bind(r.1)
                    .push_bind(r.2)
                    .push_bind(r.3)
                    .push_bind(r.4)
                    .push_bind(r.5)
                    .push_bind(r.5);
            });
            q.build().execute(&mut **tx).await?;
        }
        for chunk in self.triage.chunks(ROWS_PER_INSERT) {
            let mut q: QueryBuilder<Sqlite> = QueryBuilder::new(
                "insert into friction_triage (friction_id, outcome, improvement_id, reason, gap,
                     triaged_by, created_at, updated_at) ",
            );
            q.push_values(chunk, |mut b, r| {
                let (outcome, reason) = match r.1 {
                    Some(_) => ("improvement", ""),
                    None => ("no_action", NO_ACTION_REASON),
                };
                b.push_bind(r.0)
                    .push_bind(outcome)
                    .push_bind(r.1)
                    .push_bind(reason)
                    .push_bind(r.2)
                    .push_bind(r.3)
                    .push_bind(r.4)
                    .push_bind(r.4);
            });
            q.build().execute(&mut **tx).await?;
        }
        for chunk in self.recognitions.chunks(ROWS_PER_INSERT) {
            let mut q: QueryBuilder<Sqlite> = QueryBuilder::new(
                "insert into friction_recognition (friction_id, person_id, created_at, updated_at) ",
            );
            q.push_values(chunk, |mut b, r| {
                b.push_bind(r.0)
                    .push_bind(r.1)
                    .push_bind(r.2)
                    .push_bind(r.2);
            });
            q.push(" on conflict (friction_id, person_id) do nothing");
            q.build().execute(&mut **tx).await?;
        }
        for chunk in self.confirmations.chunks(ROWS_PER_INSERT) {
            let mut q: QueryBuilder<Sqlite> = QueryBuilder::new(
                "insert into improvement_confirmation (improvement_id, walkthrough_id, person_id,
                     answer, created_at, updated_at) ",
            );
            q.push_values(chunk, |mut b, r| {
                b.push_bind(r.0)
                    .push_bind(r.1)
                    .push_bind(r.2)
                    .push_bind(r.3)
                    .push_bind(r.4)
                    .push_bind(r.4);
            });
            q.build().execute(&mut **tx).await?;
        }
        let read_before = now() - Duration::days(14);
        for chunk in self.notifications.chunks(ROWS_PER_INSERT) {
            let mut q: QueryBuilder<Sqlite> = QueryBuilder::new(
                "insert into notification (person_id, kind, improvement_id, friction_id, actor_id,
                     read_at, created_at, updated_at) ",
            );
            q.push_values(chunk, |mut b, r| {
                let read = (r.5 < read_before).then(|| r.5 + Duration::days(1));
                b.push_bind(r.0)
                    .push_bind(r.1)
                    .push_bind(r.2)
                    .push_bind(r.3)
                    .push_bind(r.4)
                    .push_bind(read)
                    .push_bind(r.5)
                    .push_bind(read.unwrap_or(r.5));
            });
            q.build().execute(&mut **tx).await?;
        }
        Ok(())
    }
}
