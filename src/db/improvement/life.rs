//! One improvement's life in the database: its page (facts, priority counts, linked frictions
//! paged, history) and the two changes a manager makes — a status change and an edit of its own
//! fields. Each change is one write transaction (`db::begin`) that checks the version and who may
//! manage inside the update itself, writes an insert-only history row, an audit event and
//! `last_activity_at`; closing it (fixed, won't fix) also tells every reporter and recogniser, in
//! the app and through one `improvement_mail` row each, in the same transaction.

use super::numbered_list;
use super::tally::{FACT_COLUMNS, FACT_JOIN, FactRow};
use crate::db::audit::{AuditAction, record};
use crate::db::backend::on;
use crate::db::notification::ImprovementNews;
use crate::db::{Db, Source, WriteError, begin};
use crate::domain::FieldErrors;
use crate::domain::improvement::life::{
    EditInput, EditableFields, HistoryEntry, ImprovementDetail, LinkedFriction,
};
use crate::domain::improvement::priority::PriorityFacts;
use crate::domain::improvement::status::StatusChange;
use crate::domain::improvement::{Gap, ImprovementStatus, LeadPriority};
use crate::domain::walkthrough::{EvidenceItem, Severity};
use chrono::{DateTime, NaiveDate, Utc};
use serde_json::json;
use std::collections::HashMap;

/// Who may manage an improvement, as SQL inside the statement that changes it (binds the actor
/// three times, `?`: the finished statement goes through `db::numbered`): its owner, anyone with the CX role, a lead (reviewer) of its team. The same rule
/// as `domain::improvement::access::improvement_access` giving `Manage`.
const MANAGES: &str = "(improvement.owner_id = ?
    or exists (select 1 from person_role r where r.person_id = ? and r.role = 'cx')
    or exists (select 1 from person p join person_role r on r.person_id = p.id
               where p.id = ? and r.role = 'reviewer' and p.team_id = improvement.team_id))";

pub(super) fn status(code: &str) -> ImprovementStatus {
    ImprovementStatus::parse(code).unwrap_or(ImprovementStatus::New)
}

pub(super) fn priority(code: &str) -> LeadPriority {
    LeadPriority::parse(code).unwrap_or(LeadPriority::Medium)
}

/// The team of `person_id` (a lead leads the team they belong to).
pub async fn viewer_team(src: impl Source<'_>, person_id: i64) -> Result<Option<i64>, sqlx::Error> {
    let team = on!(src, |c| {
        sqlx::query_scalar::<_, Option<i64>>("select team_id from person where id = $1")
            .bind(person_id)
            .fetch_optional(&mut *c)
            .await?
    });
    Ok(team.flatten())
}

/// The owning team and owner of an improvement, for the access rule; None if there is none.
pub async fn access_facts(
    src: impl Source<'_>,
    id: i64,
) -> Result<Option<(i64, Option<i64>)>, sqlx::Error> {
    Ok(on!(src, |c| {
        sqlx::query_as::<_, (i64, Option<i64>)>(
            "select team_id, owner_id from improvement where id = $1",
        )
        .bind(id)
        .fetch_optional(&mut *c)
        .await?
    }))
}

#[derive(sqlx::FromRow)]
struct DetailRow {
    id: i64,
    title: String,
    problem: String,
    team_id: i64,
    team_name: String,
    owner_id: Option<i64>,
    owner_name: Option<String>,
    owner_email: Option<String>,
    journey_title: String,
    step_title: String,
    due_on: Option<NaiveDate>,
    priority: String,
    status: String,
    status_reason: String,
    fixed_at: Option<DateTime<Utc>>,
    closed_at: Option<DateTime<Utc>>,
    created_at: DateTime<Utc>,
    created_by_name: String,
    version: i64,
    #[sqlx(flatten)]
    facts: FactRow,
}

/// An improvement's own facts and its priority counts.
pub async fn detail(
    src: impl Source<'_>,
    id: i64,
) -> Result<Option<ImprovementDetail>, sqlx::Error> {
    let sql = format!(
        "select i.id, i.title, i.problem, i.team_id, t.name as team_name, i.owner_id,
                o.name as owner_name, o.email as owner_email, j.title as journey_title,
                s.title as step_title, i.due_on, i.priority, i.status, i.status_reason,
                i.fixed_at, i.closed_at, i.created_at, c.name as created_by_name, i.version,
                {FACT_COLUMNS}
         from improvement i
         join team t on t.id = i.team_id
         join journey_step s on s.id = i.step_id
         join journey j on j.id = s.journey_id
         join person c on c.id = i.created_by
         left join person o on o.id = i.owner_id
         {FACT_JOIN}
         where i.id = $1"
    );
    let row = on!(src, |c| {
        sqlx::query_as::<_, DetailRow>(&sql)
            .bind(id)
            .fetch_optional(&mut *c)
            .await?
    });
    Ok(row.map(|r| ImprovementDetail {
        facts: PriorityFacts::from(&r.facts),
        id: r.id,
        title: r.title,
        problem: r.problem,
        team_id: r.team_id,
        team_name: r.team_name,
        owner_id: r.owner_id,
        owner_name: r.owner_name,
        owner_email: r.owner_email,
        journey_title: r.journey_title,
        step_title: r.step_title,
        due_on: r.due_on,
        priority: priority(&r.priority),
        status: status(&r.status),
        status_reason: r.status_reason,
        fixed_at: r.fixed_at,
        closed_at: r.closed_at,
        created_at: r.created_at,
        created_by_name: r.created_by_name,
        version: r.version,
    }))
}

#[derive(sqlx::FromRow)]
struct LinkedRow {
    id: i64,
    walkthrough_id: i64,
    title: String,
    what_happened: String,
    suggestion: String,
    severity: Option<String>,
    gap: Option<String>,
    reporter_name: String,
    created_at: DateTime<Utc>,
}

/// One page of the linked frictions, newest first, with their reporters, recognisers and the
/// evidence their walkers did not mark sensitive.
pub async fn linked_frictions(
    src: impl Source<'_>,
    id: i64,
    limit: i64,
    offset: i64,
) -> Result<Vec<LinkedFriction>, sqlx::Error> {
    type EvidenceRow = (i64, i64, Option<i64>, String, i64, bool, String, String);
    let (rows, recognised, files) = on!(src, |c| {
        let rows = sqlx::query_as::<_, LinkedRow>(
            "select f.id, f.walkthrough_id, f.title, f.what_happened, f.suggestion, f.severity,
                    ft.gap, p.name as reporter_name, f.created_at
             from friction_triage ft
             join friction f on f.id = ft.friction_id
             join walkthrough w on w.id = f.walkthrough_id
             join person p on p.id = w.person_id
             where ft.improvement_id = $1
             order by f.created_at desc, f.id desc
             limit $2 offset $3",
        )
        .bind(id)
        .bind(limit)
        .bind(offset)
        .fetch_all(&mut *c)
        .await?;
        if rows.is_empty() {
            return Ok(Vec::new());
        }
        let list = numbered_list(1, rows.len());
        let sql = format!(
            "select r.friction_id, p.name from friction_recognition r
             join person p on p.id = r.person_id
             where r.friction_id in {list} order by p.name"
        );
        let mut q = sqlx::query_as::<_, (i64, String)>(&sql);
        for r in &rows {
            q = q.bind(r.id);
        }
        let recognised = q.fetch_all(&mut *c).await?;
        let sql = format!(
            "select e.id, e.step_id, e.friction_id, e.content_type, e.byte_size,
                    e.thumbnail_name is not null as has_thumbnail, e.original_name, e.caption
             from evidence e
             where not exists (select 1 from presentation_sensitive_evidence s
                               where s.evidence_id = e.id)
               and e.friction_id in {list}
             order by e.id"
        );
        let mut q = sqlx::query_as::<_, EvidenceRow>(&sql);
        for r in &rows {
            q = q.bind(r.id);
        }
        let files = q.fetch_all(&mut *c).await?;
        (rows, recognised, files)
    });
    let mut recognisers: HashMap<i64, Vec<String>> = HashMap::new();
    for (friction, name) in recognised {
        recognisers.entry(friction).or_default().push(name);
    }
    let mut evidence: HashMap<i64, Vec<EvidenceItem>> = HashMap::new();
    for (
        id,
        step_id,
        friction_id,
        content_type,
        byte_size,
        has_thumbnail,
        original_name,
        caption,
    ) in files
    {
        if let Some(friction) = friction_id {
            evidence.entry(friction).or_default().push(EvidenceItem {
                id,
                step_id,
                friction_id,
                content_type,
                byte_size,
                has_thumbnail,
                original_name,
                caption,
            });
        }
    }
    Ok(rows
        .into_iter()
        .map(|r| LinkedFriction {
            recognisers: recognisers.remove(&r.id).unwrap_or_default(),
            evidence: evidence.remove(&r.id).unwrap_or_default(),
            id: r.id,
            walkthrough_id: r.walkthrough_id,
            title: r.title,
            what_happened: r.what_happened,
            suggestion: r.suggestion,
            severity: r
                .severity
                .as_deref()
                .and_then(|s| Severity::ALL.into_iter().find(|x| x.code() == s)),
            gap: r.gap.as_deref().and_then(|g| Gap::parse(g).ok()),
            reporter_name: r.reporter_name,
            created_at: r.created_at,
        })
        .collect())
}

/// How many distinct people reported a linked friction, and how many recognised one.
pub async fn people_counts(src: impl Source<'_>, id: i64) -> Result<(i64, i64), sqlx::Error> {
    Ok(on!(src, |c| {
        sqlx::query_as::<_, (i64, i64)>(
            "select
                (select count(distinct w.person_id) from friction_triage ft
                 join friction f on f.id = ft.friction_id
                 join walkthrough w on w.id = f.walkthrough_id
                 where ft.improvement_id = $1),
                (select count(distinct r.person_id) from friction_triage ft
                 join friction_recognition r on r.friction_id = ft.friction_id
                 where ft.improvement_id = $1)",
        )
        .bind(id)
        .fetch_one(&mut *c)
        .await?
    }))
}

#[derive(sqlx::FromRow)]
struct HistoryRow {
    id: i64,
    actor_name: Option<String>,
    from_status: Option<String>,
    to_status: String,
    comment: String,
    changed: String,
    created_at: DateTime<Utc>,
}

/// The history, newest first.
pub async fn history(src: impl Source<'_>, id: i64) -> Result<Vec<HistoryEntry>, sqlx::Error> {
    let rows = on!(src, |c| {
        sqlx::query_as::<_, HistoryRow>(
            "select h.id, p.name as actor_name, h.from_status, h.to_status, h.comment, h.changed,
                    h.created_at
             from improvement_history h left join person p on p.id = h.actor_id
             where h.improvement_id = $1
             order by h.id desc",
        )
        .bind(id)
        .fetch_all(&mut *c)
        .await?
    });
    Ok(rows
        .into_iter()
        .map(|r| HistoryEntry {
            id: r.id,
            actor_name: r.actor_name,
            from: r.from_status.as_deref().map(status),
            to: status(&r.to_status),
            comment: r.comment,
            changed: r
                .changed
                .split(',')
                .filter(|c| !c.is_empty())
                .map(str::to_owned)
                .collect(),
            created_at: r.created_at,
        })
        .collect())
}

/// Why a change did not happen: a field the database knows is wrong (the move no longer fits
/// the status, an unknown owner or team), or a guarded write refused.
#[derive(Debug)]
pub enum ChangeError {
    Invalid(FieldErrors),
    Write(WriteError),
}

impl From<sqlx::Error> for ChangeError {
    fn from(e: sqlx::Error) -> Self {
        ChangeError::Write(WriteError::Db(e))
    }
}

impl From<WriteError> for ChangeError {
    fn from(e: WriteError) -> Self {
        ChangeError::Write(e)
    }
}

/// What a status change did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatusOutcome {
    pub history_id: i64,
    /// People told in the app and queued for an e-mail (reporters and recognisers).
    pub told: usize,
}

/// The status and version as they are now, inside the transaction.
async fn current(
    src: impl Source<'_>,
    id: i64,
) -> Result<(ImprovementStatus, i64, String), WriteError> {
    let row = on!(src, |c| {
        sqlx::query_as::<_, (String, i64, String)>(
            "select status, version, title from improvement where id = $1",
        )
        .bind(id)
        .fetch_optional(&mut *c)
        .await?
    })
    .ok_or(WriteError::NotFound)?;
    Ok((status(&row.0), row.1, row.2))
}

async fn insert_history(
    src: impl Source<'_>,
    id: i64,
    actor_id: i64,
    (from, to): (ImprovementStatus, ImprovementStatus),
    comment: &str,
    changed: &str,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    Ok(on!(src, |c| {
        sqlx::query_scalar(
            "insert into improvement_history (improvement_id, actor_id, from_status, to_status,
                                              comment, changed, created_at, updated_at)
             values ($1, $2, $3, $4, $5, $6, $7, $7) returning id",
        )
        .bind(id)
        .bind(actor_id)
        .bind(from.code())
        .bind(to.code())
        .bind(comment)
        .bind(changed)
        .bind(now)
        .fetch_one(&mut *c)
        .await?
    }))
}

/// Moves improvement `id` (at `version`, as the actor saw it) to the status `check` allows from
/// the status it has now. `check` is the domain rule (`status::check_change`) with the posted
/// target and comment.
pub async fn change_status(
    db: &Db,
    actor_id: i64,
    id: i64,
    version: i64,
    check: impl FnOnce(ImprovementStatus) -> Result<StatusChange, FieldErrors>,
    now: DateTime<Utc>,
) -> Result<StatusOutcome, ChangeError> {
    let mut tx = begin(db).await?;
    let (from, seen_version, title) = current(&mut tx, id).await?;
    if seen_version != version {
        return Err(WriteError::Conflict.into());
    }
    let change = check(from).map_err(ChangeError::Invalid)?;
    let sql = crate::db::numbered(&format!(
        "update improvement set status = ?, status_reason = ?,
             fixed_at = case when ? then ? else fixed_at end,
             closed_at = case when ? then ? else null end,
             last_activity_at = ?, version = version + 1, updated_at = ?
         where id = ? and version = ? and {MANAGES}"
    ))
    .into_owned();
    let outcome = on!(&mut tx, |c| {
        let updated = sqlx::query(&sql)
            .bind(change.to.code())
            .bind(&change.comment)
            .bind(change.sets_fixed_at())
            .bind(now)
            .bind(change.closes())
            .bind(now)
            .bind(now)
            .bind(now)
            .bind(id)
            .bind(version)
            .bind(actor_id)
            .bind(actor_id)
            .bind(actor_id)
            .execute(&mut *c)
            .await?
            .rows_affected();
        if updated != 1 {
            return Err(WriteError::NotFound.into());
        }
        super::tally::set_days_to_fix(&mut *c, id).await?;
        let history_id = insert_history(
            &mut *c,
            id,
            actor_id,
            (from, change.to),
            &change.comment,
            "",
            now,
        )
        .await?;
        let detail = json!({
            "improvement_id": id,
            "name": title,
            "before": from.code(),
            "after": change.to.code(),
            "comment": change.comment,
        });
        record(
            &mut *c,
            Some(actor_id),
            AuditAction::ImprovementStatusChanged,
            None,
            &detail,
        )
        .await?;
        let told = match change.news_event() {
            Some(event) => fan_out(&mut *c, id, actor_id, event, history_id, now).await?,
            None => 0,
        };
        StatusOutcome { history_id, told }
    });
    tx.commit().await?;
    Ok(outcome)
}

/// Tells every distinct active person who reported a linked friction or marked one herkenbaar,
/// except the actor: one notification and one `improvement_mail` row (period = the history row)
/// each. Returns how many were told.
async fn fan_out(
    src: impl Source<'_>,
    id: i64,
    actor_id: i64,
    event: &'static str,
    history_id: i64,
    now: DateTime<Utc>,
) -> Result<usize, sqlx::Error> {
    let news = if event == "fixed" {
        ImprovementNews::Fixed
    } else {
        ImprovementNews::WontFix
    };
    Ok(on!(src, |c| {
        let people: Vec<i64> = sqlx::query_scalar(
            "select p.id from person p
             where p.active and p.id <> $1
               and (p.id in (select w.person_id from friction_triage ft
                             join friction f on f.id = ft.friction_id
                             join walkthrough w on w.id = f.walkthrough_id
                             where ft.improvement_id = $2)
                    or p.id in (select r.person_id from friction_triage ft
                                join friction_recognition r on r.friction_id = ft.friction_id
                                where ft.improvement_id = $2))
             order by p.id",
        )
        .bind(actor_id)
        .bind(id)
        .fetch_all(&mut *c)
        .await?;
        for person in &people {
            super::mail::tell_of_change(
                &mut *c,
                id,
                *person,
                event,
                news,
                history_id,
                Some(actor_id),
                now,
            )
            .await?;
        }
        people.len()
    }))
}

#[derive(sqlx::FromRow)]
struct EditableRow {
    title: String,
    problem: String,
    team_id: i64,
    owner_id: Option<i64>,
    due_on: Option<NaiveDate>,
    priority: String,
    status: String,
    version: i64,
}

/// A manager's edit of improvement `id` (at `version`): the owner is looked up by e-mail (an
/// active person), the team must exist. Writes nothing when nothing changed.
pub async fn edit(
    db: &Db,
    actor_id: i64,
    id: i64,
    version: i64,
    input: &EditInput,
    now: DateTime<Utc>,
) -> Result<Vec<&'static str>, ChangeError> {
    let mut tx = begin(db).await?;
    let sql = crate::db::numbered(&format!(
        "update improvement set title = ?, problem = ?, team_id = ?, owner_id = ?, due_on = ?,
             priority = ?, last_activity_at = ?, version = version + 1, updated_at = ?
         where id = ? and version = ? and {MANAGES}"
    ))
    .into_owned();
    let changed = on!(&mut tx, |c| {
        let row = sqlx::query_as::<_, EditableRow>(
            "select title, problem, team_id, owner_id, due_on, priority, status, version
             from improvement where id = $1",
        )
        .bind(id)
        .fetch_optional(&mut *c)
        .await?
        .ok_or(WriteError::NotFound)?;
        if row.version != version {
            return Err(WriteError::Conflict.into());
        }
        let mut errors = FieldErrors::new();
        let owner_id = match &input.owner_email {
            None => None,
            Some(email) => {
                let found: Option<i64> =
                    sqlx::query_scalar("select id from person where email = $1 and active")
                        .bind(email)
                        .fetch_optional(&mut *c)
                        .await?;
                if found.is_none() {
                    errors.add("owner", "improvement-life-error-owner-unknown");
                }
                found
            }
        };
        let team_exists: bool =
            sqlx::query_scalar("select exists (select 1 from team where id = $1)")
                .bind(input.team_id)
                .fetch_one(&mut *c)
                .await?;
        if !team_exists {
            errors.add("team", "improvement-life-error-team");
        }
        if !errors.is_empty() {
            return Err(ChangeError::Invalid(errors));
        }
        let before = EditableFields {
            title: row.title,
            problem: row.problem,
            team_id: row.team_id,
            owner_id: row.owner_id,
            due_on: row.due_on,
            priority: priority(&row.priority),
        };
        let after = EditableFields {
            title: input.title.clone(),
            problem: input.problem.clone(),
            team_id: input.team_id,
            owner_id,
            due_on: input.due_on,
            priority: input.priority,
        };
        let changed = after.changed_from(&before);
        if changed.is_empty() {
            return Ok(changed);
        }
        let updated = sqlx::query(&sql)
            .bind(&after.title)
            .bind(&after.problem)
            .bind(after.team_id)
            .bind(after.owner_id)
            .bind(after.due_on)
            .bind(after.priority.code())
            .bind(now)
            .bind(now)
            .bind(id)
            .bind(version)
            .bind(actor_id)
            .bind(actor_id)
            .bind(actor_id)
            .execute(&mut *c)
            .await?
            .rows_affected();
        if updated != 1 {
            return Err(WriteError::NotFound.into());
        }
        let now_status = status(&row.status);
        let codes = changed.join(",");
        insert_history(
            &mut *c,
            id,
            actor_id,
            (now_status, now_status),
            "",
            &codes,
            now,
        )
        .await?;
        let due = |d: Option<NaiveDate>| d.map(|d| d.format("%Y-%m-%d").to_string());
        let detail = json!({
            "improvement_id": id,
            "name": after.title,
            "changed": codes,
            "before": {
                "title": before.title, "team_id": before.team_id, "owner_id": before.owner_id,
                "due_on": due(before.due_on), "priority": before.priority.code(),
            },
            "after": {
                "title": after.title, "team_id": after.team_id, "owner_id": after.owner_id,
                "due_on": due(after.due_on), "priority": after.priority.code(),
            },
        });
        record(
            &mut *c,
            Some(actor_id),
            AuditAction::ImprovementEdited,
            None,
            &detail,
        )
        .await?;
        changed
    });
    tx.commit().await?;
    Ok(changed)
}

/// The teams, by name, for the edit form and the overview's filter.
pub async fn teams(src: impl Source<'_>) -> Result<Vec<(i64, String)>, sqlx::Error> {
    Ok(on!(src, |c| {
        sqlx::query_as("select id, name from team order by name, id")
            .fetch_all(&mut *c)
            .await?
    }))
}
