//! The inbox's reads: frictions of completed walkthroughs on the steps a team owns or tagged with
//! it, newest first, one page at a time; what each shows (principles, recognitions, evidence not
//! marked sensitive, the walker's links, the triage), and the facts the evidence routes need to
//! let a lead or CX read a friction's files. The forms' choices are in `inbox_choices`.

use crate::db::Source;
use crate::db::backend::on;
use crate::domain::improvement::Gap;
use crate::domain::improvement::access::FrictionFacts;
use crate::domain::improvement::inbox::{
    FrictionOutcome, InboxEvidence, InboxFilter, InboxFriction, SimilarLink, TriageRecord,
    TriageState,
};
use crate::domain::improvement::triage::TriageOutcome;
use crate::domain::journey::Phase;
use crate::domain::paging::Paged;
use crate::domain::walkthrough::{Principle, Severity};
use chrono::{DateTime, Utc};
use sqlx::{Database, Encode, QueryBuilder, Type};
use std::collections::HashMap;

/// Whose frictions: every team's (CX), or one team's (its lead, or CX choosing a team).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    All,
    Team(i64),
}

use crate::domain::improvement::inbox::COUNT_CAP;

/// The joins a candidate row needs: the walkthrough always (only completed ones count), the step,
/// its journey and the triage only when the filter or the range asks about them, since each is
/// one more lookup for every row a range reads.
fn push_joins<DB: Database>(q: &mut QueryBuilder<'_, DB>, filter: &InboxFilter, needs_step: bool) {
    q.push(
        " from friction f
          join walkthrough w on w.id = f.walkthrough_id and w.status = 'completed'",
    );
    if needs_step || filter.phase.is_some() || filter.journey.is_some() {
        q.push(" join journey_step s on s.id = f.step_id");
    }
    if filter.journey.is_some() {
        q.push(" join journey j on j.id = s.journey_id");
    }
    if filter.state != TriageState::All {
        q.push(" left join friction_triage t on t.friction_id = f.id");
    }
    q.push(" where f.kind = 'friction'");
}

/// One way into the frictions, each served by its own ordered index (kind, created_at, id).
#[derive(Debug, Clone, Copy)]
enum Range {
    /// Every friction (CX without a team filter).
    All,
    /// The frictions on one step the team owns.
    Step(i64),
    /// The frictions tagged with the team.
    Tagged(i64),
}

/// The filter's conditions, the same for every range.
fn push_filter<'a, DB>(q: &mut QueryBuilder<'a, DB>, filter: &InboxFilter)
where
    DB: Database,
    i64: Encode<'a, DB> + Type<DB>,
    &'a str: Encode<'a, DB> + Type<DB>,
{
    if let Some(family) = filter.journey {
        q.push(" and j.family_id = ").push_bind(family);
    }
    if let Some(step) = filter.step {
        q.push(" and f.step_id = ").push_bind(step);
    }
    if let Some(phase) = filter.phase {
        q.push(" and s.phase = ").push_bind(phase.code());
    }
    if let Some(severity) = filter.severity {
        q.push(" and f.severity = ").push_bind(severity.code());
    }
    if let Some(principle) = filter.principle {
        q.push(" and exists (select 1 from friction_principle fp where fp.friction_id = f.id and fp.principle = ")
            .push_bind(principle.code())
            .push(")");
    }
    if let Some(year) = filter.year {
        q.push(" and w.cycle_year = ").push_bind(year);
    }
    match filter.state {
        TriageState::Open => {
            q.push(" and t.friction_id is null");
        }
        TriageState::Triaged => {
            q.push(" and t.friction_id is not null");
        }
        TriageState::All => {}
    }
}

/// `select id, created_at from (…newest first… limit n) as r<i>` for each range. Each range walks its
/// index newest first and stops after `limit` matches, so a page never reads a team's whole
/// history and a team with nothing logged reads nothing. A friction on the team's own step that
/// is also tagged with the team is in two ranges: the page joins them with `union` (one row
/// each); the count (`disjoint`) leaves the team's own steps out of the tag's range and joins
/// with `union all`, so an outer limit can stop early. Measured on the grown database: the
/// exclusion makes the page's tag range read every tagged friction (70 ms), the union makes the
/// count read every range to its limit (28 ms); each way is fast where it is used (3–4 ms).
fn push_candidates<'a, DB>(
    q: &mut QueryBuilder<'a, DB>,
    ranges: &[Range],
    filter: &InboxFilter,
    limit: i64,
    disjoint: bool,
) where
    DB: Database,
    i64: Encode<'a, DB> + Type<DB>,
    &'a str: Encode<'a, DB> + Type<DB>,
{
    for (i, range) in ranges.iter().enumerate() {
        if i > 0 {
            q.push(if disjoint { " union all " } else { " union " });
        }
        q.push("select id, created_at from (select f.id, f.created_at");
        push_joins(q, filter, disjoint && matches!(range, Range::Tagged(_)));
        match range {
            Range::All => {}
            Range::Step(step) => {
                q.push(" and f.step_id = ").push_bind(*step);
            }
            Range::Tagged(team) => {
                q.push(" and f.team_id = ").push_bind(*team);
                if disjoint {
                    q.push(" and (s.team_id is null or s.team_id <> ")
                        .push_bind(*team)
                        .push(")");
                }
            }
        }
        push_filter(q, filter);
        q.push(" order by f.created_at desc, f.id desc limit ")
            .push_bind(limit)
            .push(format_args!(") as r{i}"));
    }
}

/// `(select count(*) …)` of the matching frictions, counted up to one past the cap (the page says
/// "more than COUNT_CAP" beyond it); the outer limit stops reading the ranges as soon as that many
/// are found.
fn push_count<'a, DB>(q: &mut QueryBuilder<'a, DB>, ranges: &[Range], filter: &InboxFilter)
where
    DB: Database,
    i64: Encode<'a, DB> + Type<DB>,
    &'a str: Encode<'a, DB> + Type<DB>,
{
    q.push("(select count(*) from (select 1 from (");
    push_candidates(q, ranges, filter, COUNT_CAP + 1, true);
    q.push(") as candidates limit ")
        .push_bind(COUNT_CAP + 1)
        .push(") as counted)");
}

/// The ranges of a scope: every friction, or the team's steps and its tag.
async fn ranges(src: impl Source<'_>, scope: Scope) -> Result<Vec<Range>, sqlx::Error> {
    Ok(match scope {
        Scope::All => vec![Range::All],
        Scope::Team(team) => {
            let steps: Vec<i64> = on!(src, |c| {
                sqlx::query_scalar("select id from journey_step where team_id = $1 order by id")
                    .bind(team)
                    .fetch_all(&mut *c)
                    .await?
            });
            steps
                .into_iter()
                .map(Range::Step)
                .chain([Range::Tagged(team)])
                .collect()
        }
    })
}

#[derive(sqlx::FromRow)]
struct Row {
    total: i64,
    id: i64,
    step_id: i64,
    step_title: String,
    phase: String,
    family_id: i64,
    journey_title: String,
    cycle_year: i64,
    severity: Option<String>,
    title: String,
    what_happened: String,
    suggestion: String,
    reporter_name: String,
    created_at: DateTime<Utc>,
    similar_friction_id: Option<i64>,
    similar_improvement_id: Option<i64>,
    similar_improvement_title: Option<String>,
    outcome: Option<String>,
    improvement_id: Option<i64>,
    improvement_title: Option<String>,
    reason: Option<String>,
    gap: Option<String>,
    triaged_by: Option<String>,
    triaged_at: Option<DateTime<Utc>>,
}

fn decode<T>(what: &str, value: &str, parsed: Option<T>) -> Result<T, sqlx::Error> {
    parsed.ok_or_else(|| sqlx::Error::Decode(format!("unknown {what} {value}").into()))
}

impl Row {
    fn into_friction(self) -> Result<InboxFriction, sqlx::Error> {
        let triage = match (self.outcome, self.triaged_by, self.triaged_at) {
            (Some(outcome), Some(triaged_by), Some(triaged_at)) => Some(TriageRecord {
                outcome: decode("outcome", &outcome, TriageOutcome::parse(&outcome))?,
                improvement_id: self.improvement_id,
                improvement_title: self.improvement_title,
                reason: self.reason.unwrap_or_default(),
                gap: self.gap.as_deref().and_then(|g| Gap::parse(g).ok()),
                triaged_by,
                triaged_at,
            }),
            _ => None,
        };
        Ok(InboxFriction {
            id: self.id,
            step_id: self.step_id,
            step_title: self.step_title,
            phase: decode("phase", &self.phase, Phase::parse(&self.phase).ok())?,
            journey_family_id: self.family_id,
            journey_title: self.journey_title,
            cycle_year: self.cycle_year,
            severity: self
                .severity
                .as_deref()
                .and_then(|s| Severity::parse(s).ok()),
            title: self.title,
            what_happened: self.what_happened,
            suggestion: self.suggestion,
            principles: Vec::new(),
            recognitions: 0,
            evidence: Vec::new(),
            reporter_name: self.reporter_name,
            created_at: self.created_at,
            similar_friction: None,
            similar_improvement: self
                .similar_improvement_id
                .zip(self.similar_improvement_title)
                .map(|(id, title)| SimilarLink { id, title }),
            triage,
        })
    }
}

/// One page of the inbox (1-based), newest first, with the total matching.
pub async fn list(
    src: impl Source<'_>,
    scope: Scope,
    filter: &InboxFilter,
    page: i64,
    page_size: i64,
) -> Result<Paged<InboxFriction>, sqlx::Error> {
    let offset = Paged::<InboxFriction>::offset(page, page_size);
    // One connection for the page's reads: sixteen leads at once would otherwise queue for the
    // pool between every read.
    let (items, total) = on!(src, |c| {
        let ranges = ranges(&mut *c, scope).await?;
        // The total rides on every row of the page (a subquery SQLite runs once), saving the
        // count its own round trip to the connection's thread; only a page past the end counts
        // alone.
        let mut q = QueryBuilder::new("select ");
        push_count(&mut q, &ranges, filter);
        q.push(
            " as total, f.id, f.step_id, s.title as step_title, s.phase, j.family_id,
                    j.title as journey_title, w.cycle_year, f.severity, f.title, f.what_happened,
                    f.suggestion, p.name as reporter_name, f.created_at, f.similar_friction_id,
                    f.similar_improvement_id,
                    (select si.title from improvement si where si.id = f.similar_improvement_id)
                        as similar_improvement_title,
                    t.outcome, t.improvement_id,
                    (select i.title from improvement i where i.id = t.improvement_id)
                        as improvement_title,
                    t.reason, t.gap,
                    (select tp.name from person tp where tp.id = t.triaged_by) as triaged_by,
                    t.created_at as triaged_at
             from (",
        );
        // The page's rows are chosen before their details are joined: every range reads up to
        // offset + page size candidates, and only the page's own need the six lookups.
        q.push("select id, created_at from (");
        push_candidates(&mut q, &ranges, filter, offset + page_size, false);
        q.push(") as candidates order by created_at desc, id desc limit ")
            .push_bind(page_size)
            .push(" offset ")
            .push_bind(offset);
        q.push(
            ") c
             join friction f on f.id = c.id
             join walkthrough w on w.id = f.walkthrough_id
             join journey_step s on s.id = f.step_id
             join journey j on j.id = s.journey_id
             join person p on p.id = w.person_id
             left join friction_triage t on t.friction_id = f.id
             order by c.created_at desc, c.id desc",
        );
        let rows: Vec<Row> = q.build_query_as().fetch_all(&mut *c).await?;
        let similar: Vec<(i64, i64)> = rows
            .iter()
            .filter_map(|r| r.similar_friction_id.map(|s| (r.id, s)))
            .collect();
        let total = match rows.first() {
            Some(row) => row.total,
            None if page <= 1 => 0,
            None => {
                let mut count = QueryBuilder::new("select ");
                push_count(&mut count, &ranges, filter);
                count.build_query_scalar().fetch_one(&mut *c).await?
            }
        };
        let mut items = rows
            .into_iter()
            .map(Row::into_friction)
            .collect::<Result<Vec<_>, _>>()?;
        fill_details(&mut *c, scope, &mut items, &similar).await?;
        (items, total)
    });
    Ok(Paged {
        items,
        page,
        page_size,
        total,
    })
}

/// Principles, recognition counts, evidence (never what the walker marked sensitive) and the
/// titles of linked frictions this scope may read, for the frictions of one page.
async fn fill_details(
    src: impl Source<'_>,
    scope: Scope,
    items: &mut [InboxFriction],
    similar: &[(i64, i64)],
) -> Result<(), sqlx::Error> {
    if items.is_empty() {
        return Ok(());
    }
    let ids: Vec<i64> = items.iter().map(|f| f.id).collect();
    // The same numbered list in all three parts (bound once).
    let list = super::numbered_list(1, ids.len());
    // One statement for the three (each is a round trip to the connection's thread): principles
    // by code, the recognition count, evidence in upload order.
    let sql = format!(
        "select friction_id, 'principle' as part, cast(0 as bigint) as n,
                cast(0 as bigint) as thumb, principle as a, '' as b
         from friction_principle where friction_id in {list}
         union all
         select friction_id, 'recognitions', count(*), 0, '', ''
         from friction_recognition where friction_id in {list} group by friction_id
         union all
         select e.friction_id, 'evidence', e.id,
                case when e.thumbnail_name is null then 0 else 1 end, e.original_name, e.caption
         from evidence e where e.friction_id in {list}
           and not exists (select 1 from presentation_sensitive_evidence pse where pse.evidence_id = e.id)
         order by 1, 2, 3, 5"
    );
    let mut principles: HashMap<i64, Vec<Principle>> = HashMap::new();
    let mut recognitions: HashMap<i64, i64> = HashMap::new();
    let mut evidence: HashMap<i64, Vec<InboxEvidence>> = HashMap::new();
    let mut similar_titles: HashMap<i64, SimilarLink> = HashMap::new();
    on!(src, |c| {
        let mut q = sqlx::query_as::<_, (i64, String, i64, i64, String, String)>(&sql);
        for id in &ids {
            q = q.bind(id);
        }
        for (friction, part, n, thumb, a, b) in q.fetch_all(&mut *c).await? {
            match part.as_str() {
                "principle" => {
                    if let Ok(p) = Principle::parse(&a) {
                        principles.entry(friction).or_default().push(p);
                    }
                }
                "recognitions" => {
                    recognitions.insert(friction, n);
                }
                _ => evidence.entry(friction).or_default().push(InboxEvidence {
                    id: n,
                    has_thumbnail: thumb == 1,
                    original_name: a,
                    caption: b,
                }),
            }
        }
        for (friction, other) in similar {
            if let Some((facts, title)) = titled_facts(&mut *c, *other).await?
                && in_scope(scope, facts)
            {
                similar_titles.insert(*friction, SimilarLink { id: *other, title });
            }
        }
    });
    for f in items.iter_mut() {
        f.principles = principles.remove(&f.id).unwrap_or_default();
        f.recognitions = recognitions.get(&f.id).copied().unwrap_or(0);
        f.evidence = evidence.remove(&f.id).unwrap_or_default();
        f.similar_friction = similar_titles.remove(&f.id);
    }
    Ok(())
}

/// Whether a friction with `facts` is in `scope` (and its walkthrough completed).
fn in_scope(scope: Scope, facts: FrictionFacts) -> bool {
    facts.walkthrough_completed
        && match scope {
            Scope::All => true,
            Scope::Team(team) => {
                facts.step_team_id == Some(team) || facts.tagged_team_id == Some(team)
            }
        }
}

/// The facts that decide who reads friction `id` outside its walkthrough; None when there is no
/// such friction (delights and questions stay in their walkthrough: None too).
pub async fn friction_facts(
    src: impl Source<'_>,
    id: i64,
) -> Result<Option<FrictionFacts>, sqlx::Error> {
    Ok(titled_facts(src, id).await?.map(|(facts, _)| facts))
}

/// [`friction_facts`] with the friction's title, in the same read.
async fn titled_facts(
    src: impl Source<'_>,
    id: i64,
) -> Result<Option<(FrictionFacts, String)>, sqlx::Error> {
    let row = on!(src, |c| {
        sqlx::query_as::<_, (Option<i64>, Option<i64>, bool, String)>(
            "select s.team_id, f.team_id, w.status = 'completed', f.title
             from friction f
             join walkthrough w on w.id = f.walkthrough_id
             join journey_step s on s.id = f.step_id
             where f.id = $1 and f.kind = 'friction'",
        )
        .bind(id)
        .fetch_optional(&mut *c)
        .await?
    });
    Ok(row.map(
        |(step_team_id, tagged_team_id, walkthrough_completed, title)| {
            let facts = FrictionFacts {
                step_team_id,
                tagged_team_id,
                walkthrough_completed,
            };
            (facts, title)
        },
    ))
}

/// The friction evidence `id` belongs to, and whether its walker marked it sensitive on a
/// presentation; None for evidence of a step rather than a friction.
pub async fn evidence_friction(
    src: impl Source<'_>,
    id: i64,
) -> Result<Option<(i64, bool)>, sqlx::Error> {
    Ok(on!(src, |c| {
        sqlx::query_as::<_, (i64, bool)>(
            "select e.friction_id,
                    exists (select 1 from presentation_sensitive_evidence pse
                            where pse.evidence_id = e.id)
             from evidence e where e.id = $1 and e.friction_id is not null",
        )
        .bind(id)
        .fetch_optional(&mut *c)
        .await?
    }))
}

/// What became of the triaged frictions of walkthrough `walkthrough_id`, for its log.
pub async fn outcomes(
    db: &crate::db::Db,
    walkthrough_id: i64,
) -> Result<Vec<FrictionOutcome>, sqlx::Error> {
    let rows = on!(db, |c| {
        sqlx::query_as::<_, (i64, String, Option<i64>, Option<String>, String)>(
            "select t.friction_id, t.outcome, t.improvement_id, i.title, t.reason
             from friction_triage t
             join friction f on f.id = t.friction_id
             left join improvement i on i.id = t.improvement_id
             where f.walkthrough_id = $1
             order by t.friction_id",
        )
        .bind(walkthrough_id)
        .fetch_all(&mut *c)
        .await?
    });
    rows.into_iter()
        .map(
            |(friction_id, outcome, improvement_id, improvement_title, reason)| {
                Ok(FrictionOutcome {
                    friction_id,
                    outcome: decode("outcome", &outcome, TriageOutcome::parse(&outcome))?,
                    improvement_id,
                    improvement_title,
                    reason,
                })
            },
        )
        .collect()
}
