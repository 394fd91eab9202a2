//! The library's full-text index and its search: one row per presentation that colleagues can
//! read (presented or confirmed), kept by [`reindex`] after every write that changes what it says.
//! SQLite: an FTS5 table searched with `match`; PostgreSQL: a table with a generated `tsvector`
//! (configuration `krb_search`) searched with `@@ to_tsquery`. Both fold case and accents and
//! match the last word as a prefix.

use crate::db::backend::on;
use crate::db::{Dialect, Source};
use crate::domain::presentation::{
    Cursor, LIBRARY_PAGE_SIZE, LibraryCard, LibraryChoices, LibraryFilter, LibraryResults,
    LibraryViewer, PresentationStatus,
};
use chrono::{DateTime, Utc};
use sqlx::{Database, Encode, QueryBuilder, Type};

/// Writes the search row of `presentation_id` (rowid = its id) from its title, journey, author,
/// texts and included findings when it is in the library, and removes it otherwise. Callers run it
/// in the transaction of their write, so the index never tells something the library does not.
pub async fn reindex(src: impl Source<'_>, presentation_id: i64) -> Result<(), sqlx::Error> {
    on!(src, |c, dialect| {
        sqlx::query("delete from presentation_search where rowid = $1")
            .bind(presentation_id)
            .execute(&mut *c)
            .await?;
        let findings = match dialect {
            Dialect::Sqlite => {
                "group_concat(f.title || ' ' || f.what_happened || ' ' || f.suggestion, ' ')"
            }
            Dialect::Postgres => {
                "string_agg(f.title || ' ' || f.what_happened || ' ' || f.suggestion, ' ' order by s.position)"
            }
        };
        sqlx::query(&format!(
            "insert into presentation_search (rowid, title, body)
             select pr.id, pr.title,
                    j.title || ' ' || p.name || ' ' || pr.introduction || ' ' || pr.key_message || ' '
                    || pr.recommendations || ' '
                    || coalesce((select {findings}
                                 from presentation_slide s join friction f on f.id = s.friction_id
                                 where s.presentation_id = pr.id and s.included), '')
             from presentation pr
             join walkthrough w on w.id = pr.walkthrough_id
             join journey j on j.id = w.journey_id
             join person p on p.id = pr.person_id
             where pr.id = $1 and pr.status in ('presented', 'confirmed')"
        ))
        .bind(presentation_id)
        .execute(&mut *c)
        .await?;
    });
    Ok(())
}

#[derive(sqlx::FromRow)]
struct CardRow {
    id: i64,
    title: String,
    author_name: String,
    team_name: Option<String>,
    department_name: Option<String>,
    journey_title: String,
    presented_at: DateTime<Utc>,
    status: String,
    comments: i64,
    recognitions: i64,
    top_friction: Option<String>,
}

/// Adds the viewer's visibility to a query over `pr` (presentation) and `p` (its author): the
/// library shows presented and confirmed presentations only, to HR all of them, to everyone else
/// their own, their reports' (reviewers), the organisation-wide ones and their team's.
pub(crate) fn push_visible<'a, DB: Database>(q: &mut QueryBuilder<'a, DB>, viewer: &LibraryViewer)
where
    i64: Encode<'a, DB> + Type<DB>,
{
    q.push(" pr.status in ('presented', 'confirmed')");
    if viewer.hr {
        return;
    }
    q.push(" and (pr.person_id = ").push_bind(viewer.id);
    if viewer.reviewer {
        q.push(" or p.manager_id = ").push_bind(viewer.id);
    }
    q.push(" or pr.visibility = 'organisation'");
    if let Some(team) = viewer.team_id {
        q.push(" or (pr.visibility = 'team' and p.team_id = ")
            .push_bind(team)
            .push(")");
    }
    q.push(")");
}

/// One page of the library for `viewer`, newest first by (presented_at, id), starting after the
/// filter's cursor.
pub async fn library(
    db: &super::super::Db,
    viewer: &LibraryViewer,
    filter: &LibraryFilter,
) -> Result<LibraryResults, sqlx::Error> {
    let rows = on!(db, |c, dialect| {
        let mut q = QueryBuilder::new(
            "select pr.id, pr.title, p.name as author_name, t.name as team_name, d.name as department_name,
                    j.title as journey_title, pr.presented_at, pr.status,
                    (select count(*) from presentation_comment c where c.presentation_id = pr.id) as comments,
                    (select count(*) from friction_recognition r join presentation_slide rs
                        on rs.friction_id = r.friction_id and rs.presentation_id = pr.id and rs.included) as recognitions,
                    (select f.title from presentation_slide s join friction f on f.id = s.friction_id
                      where s.presentation_id = pr.id and s.included and f.kind = 'friction'
                      order by case f.severity when 'blocker' then 0 when 'major' then 1 else 2 end, s.position
                      limit 1) as top_friction
             from presentation pr
             join person p on p.id = pr.person_id
             left join team t on t.id = p.team_id
             left join department d on d.id = t.department_id
             join walkthrough w on w.id = pr.walkthrough_id
             join journey j on j.id = w.journey_id
             where",
        );
        push_visible(&mut q, viewer);
        match dialect {
            Dialect::Sqlite => {
                if let Some(text) = filter.fts_query() {
                    q.push(
                        " and pr.id in (select rowid from presentation_search where presentation_search match ",
                    )
                    .push_bind(text)
                    .push(")");
                }
            }
            Dialect::Postgres => {
                if let Some(text) = filter.ts_query() {
                    q.push(
                        " and pr.id in (select rowid from presentation_search
                           where document @@ to_tsquery('krb_search', ",
                    )
                    .push_bind(text)
                    .push("))");
                }
            }
        }
        if let Some(family) = filter.journey {
            q.push(" and j.family_id = ").push_bind(family);
        }
        if let Some(department) = filter.department {
            q.push(" and t.department_id = ").push_bind(department);
        }
        if let Some(year) = filter.year {
            q.push(" and w.cycle_year = ").push_bind(year);
        }
        if let Some(phase) = filter.phase {
            q.push(
                " and exists (select 1 from presentation_slide s join friction f on f.id = s.friction_id
                    join journey_step js on js.id = f.step_id
                    where s.presentation_id = pr.id and s.included and js.phase = ",
            )
            .push_bind(phase.code())
            .push(")");
        }
        if let Some(severity) = filter.severity {
            q.push(
                " and exists (select 1 from presentation_slide s join friction f on f.id = s.friction_id
                    where s.presentation_id = pr.id and s.included and f.kind = 'friction' and f.severity = ",
            )
            .push_bind(severity.code())
            .push(")");
        }
        if let Some(after) = filter.after {
            q.push(" and (pr.presented_at < ")
                .push_bind(after.presented_at)
                .push(" or (pr.presented_at = ")
                .push_bind(after.presented_at)
                .push(" and pr.id < ")
                .push_bind(after.id)
                .push("))");
        }
        q.push(" order by pr.presented_at desc, pr.id desc limit ")
            .push_bind(LIBRARY_PAGE_SIZE + 1);
        let rows: Vec<CardRow> = q.build_query_as().fetch_all(&mut *c).await?;
        rows
    });
    let more = rows.len() > LIBRARY_PAGE_SIZE as usize;
    let cards = rows
        .into_iter()
        .take(LIBRARY_PAGE_SIZE as usize)
        .map(|r| {
            Ok(LibraryCard {
                status: PresentationStatus::parse(&r.status).ok_or_else(|| {
                    sqlx::Error::Decode(format!("unknown presentation status {}", r.status).into())
                })?,
                id: r.id,
                title: r.title,
                author_name: r.author_name,
                team_name: r.team_name,
                department_name: r.department_name,
                journey_title: r.journey_title,
                presented_at: r.presented_at,
                comments: r.comments,
                recognitions: r.recognitions,
                top_friction: r.top_friction,
            })
        })
        .collect::<Result<Vec<_>, sqlx::Error>>()?;
    let next = if more {
        cards.last().map(|c| Cursor {
            presented_at: c.presented_at,
            id: c.id,
        })
    } else {
        None
    };
    Ok(LibraryResults { cards, next })
}

/// The choices of the filter selects: journeys that have presentations, every department, and
/// the years walked.
pub async fn choices(db: &super::super::Db) -> Result<LibraryChoices, sqlx::Error> {
    let (journeys, departments, years) = on!(db, |c| {
        let journeys = sqlx::query_as::<_, (i64, String)>(
            "select j.family_id, j.title from journey j
             where j.version = (select max(j2.version) from journey j2 where j2.family_id = j.family_id)
               and exists (select 1 from journey j3 join walkthrough w on w.journey_id = j3.id
                           join presentation pr on pr.walkthrough_id = w.id where j3.family_id = j.family_id)
             order by j.title",
        )
        .fetch_all(&mut *c)
        .await?;
        let departments =
            sqlx::query_as::<_, (i64, String)>("select id, name from department order by name")
                .fetch_all(&mut *c)
                .await?;
        let years = sqlx::query_scalar::<_, i64>(
            "select distinct w.cycle_year from walkthrough w join presentation pr on pr.walkthrough_id = w.id
             order by w.cycle_year desc",
        )
        .fetch_all(&mut *c)
        .await?;
        (journeys, departments, years)
    });
    Ok(LibraryChoices {
        journeys,
        departments,
        years,
    })
}

/// The title of a journey's newest version, `None` for an unknown family.
pub async fn journey_title(
    db: &super::super::Db,
    family_id: i64,
) -> Result<Option<String>, sqlx::Error> {
    Ok(on!(db, |c| {
        sqlx::query_scalar(
            "select title from journey where family_id = $1 order by version desc limit 1",
        )
        .bind(family_id)
        .fetch_optional(&mut *c)
        .await?
    }))
}
