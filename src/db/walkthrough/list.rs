//! Lists of walkthroughs: one person's own, and the paged, filtered list of those someone may
//! read (HR all, reviewers their reports'); the summary row they share with the log's header.

use crate::db::backend::on;
use crate::db::numbered;
use crate::domain::walkthrough::{WalkthroughStatus, WalkthroughSummary};
use chrono::{DateTime, Utc};

/// A walkthrough as lists (and the log's header) show it.
#[derive(sqlx::FromRow)]
pub(super) struct SummaryRow {
    id: i64,
    journey_id: i64,
    journey_title: String,
    journey_version: i64,
    person_name: String,
    cycle_year: i64,
    status: String,
    steps_total: i64,
    steps_answered: i64,
    started_at: DateTime<Utc>,
    finished_at: Option<DateTime<Utc>>,
}

impl TryFrom<SummaryRow> for WalkthroughSummary {
    type Error = sqlx::Error;
    fn try_from(r: SummaryRow) -> Result<Self, Self::Error> {
        Ok(WalkthroughSummary {
            id: r.id,
            journey_id: r.journey_id,
            journey_title: r.journey_title,
            journey_version: r.journey_version,
            person_name: r.person_name,
            cycle_year: r.cycle_year,
            status: WalkthroughStatus::parse(&r.status).ok_or_else(|| {
                sqlx::Error::Decode(format!("unknown walkthrough status {}", r.status).into())
            })?,
            steps_total: r.steps_total,
            steps_answered: r.steps_answered,
            started_at: r.started_at,
            finished_at: r.finished_at,
        })
    }
}

pub(super) const SUMMARY_SELECT: &str = "select w.id, w.journey_id, j.title as journey_title, j.version as journey_version,
        p.name as person_name, w.cycle_year, w.status,
        (select count(*) from walkthrough_step ws where ws.walkthrough_id = w.id) as steps_total,
        (select count(*) from walkthrough_step ws where ws.walkthrough_id = w.id and ws.outcome is not null) as steps_answered,
        w.started_at, w.finished_at
     from walkthrough w join journey j on j.id = w.journey_id join person p on p.id = w.person_id";

/// One person's walkthroughs, newest first.
pub async fn list_for_person(
    db: &crate::db::Db,
    person_id: i64,
) -> Result<Vec<WalkthroughSummary>, sqlx::Error> {
    let sql =
        format!("{SUMMARY_SELECT} where w.person_id = $1 order by w.started_at desc, w.id desc");
    on!(db, |c| {
        sqlx::query_as::<_, SummaryRow>(&sql)
            .bind(person_id)
            .fetch_all(&mut *c)
            .await?
    })
    .into_iter()
    .map(WalkthroughSummary::try_from)
    .collect()
}

/// Filters of the readable-walkthroughs list: text in the person's name or the journey's title,
/// status and cycle year; empty means "all".
#[derive(Debug, Clone, Default)]
pub struct ReadableFilter {
    pub text: String,
    pub status: Option<WalkthroughStatus>,
    pub year: Option<i64>,
}

/// Walkthroughs someone may read besides their own: all for HR, their reports' for a reviewer.
/// One page (1-based), newest first, with the total matching.
pub async fn list_readable(
    db: &crate::db::Db,
    viewer_id: i64,
    all: bool,
    filter: &ReadableFilter,
    page: i64,
    page_size: i64,
) -> Result<crate::domain::paging::Paged<WalkthroughSummary>, sqlx::Error> {
    const WHERE: &str = "where (? or p.manager_id = ?) and w.person_id <> ?
           and (? = '' or lower(p.name) like ? escape '\\' or lower(j.title) like ? escape '\\')
           and (? is null or w.status = ?)
           and (? is null or w.cycle_year = ?)";
    let text = filter.text.trim().to_lowercase();
    // `%` and `_` are dropped, `\` is escaped (PostgreSQL's default LIKE escape, made explicit).
    let pattern = format!("%{}%", text.replace(['%', '_'], "").replace('\\', "\\\\"));
    let status = filter.status.map(|s| s.code());
    macro_rules! bind {
        ($q:expr) => {
            $q.bind(all)
                .bind(viewer_id)
                .bind(viewer_id)
                .bind(&text)
                .bind(&pattern)
                .bind(&pattern)
                .bind(status)
                .bind(status)
                .bind(filter.year)
                .bind(filter.year)
        };
    }
    let count_sql = format!(
        "select count(*) from walkthrough w join journey j on j.id = w.journey_id
         join person p on p.id = w.person_id {WHERE}"
    );
    let count_sql = numbered(&count_sql);
    let sql =
        format!("{SUMMARY_SELECT} {WHERE} order by w.started_at desc, w.id desc limit ? offset ?");
    let sql = numbered(&sql);
    let offset = crate::domain::paging::Paged::<WalkthroughSummary>::offset(page, page_size);
    let (total, rows) = on!(db, |c| {
        let total = bind!(sqlx::query_scalar::<_, i64>(&count_sql))
            .fetch_one(&mut *c)
            .await?;
        let rows = bind!(sqlx::query_as::<_, SummaryRow>(&sql))
            .bind(page_size)
            .bind(offset)
            .fetch_all(&mut *c)
            .await?;
        (total, rows)
    });
    let items = rows
        .into_iter()
        .map(WalkthroughSummary::try_from)
        .collect::<Result<Vec<_>, _>>()?;
    Ok(crate::domain::paging::Paged {
        items,
        page,
        page_size,
        total,
    })
}
