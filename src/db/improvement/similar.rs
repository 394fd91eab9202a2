//! Similar frictions and open improvements for a friction being logged, and storing the walker's
//! choice. Frictions by the full-text index `friction_search` (title, what happened: FTS5 on
//! SQLite, a `tsvector` with `to_tsquery` on PostgreSQL); improvements by
//! `like` on their title and problem: an open improvement is one of few per journey (the family
//! index narrows it to dozens), so a scan of those beats a second index that every improvement
//! write (triage, status changes) would have to keep in step. What may be shown is the rule in
//! `domain::improvement::similar`: another walker's friction only from an included slide of a
//! presentation the walker may read in the library, and then its title only.

use crate::db::backend::on;
use crate::db::presentation::search::push_visible;
use crate::db::{Db, Dialect, Source, WriteError};
use crate::domain::improvement::similar::{
    FrictionFacts, MAX_SUGGESTIONS, SimilarChoice, Suggestion, may_suggest_friction, similar_query,
    similar_tsquery, similar_words,
};
use crate::domain::presentation::LibraryViewer;
use sqlx::{Database, Encode, QueryBuilder, Type};

/// SQL (for the library's `push_visible`): friction `f` is on an included slide of a presented or
/// confirmed presentation `pr` by `p` that the viewer may read.
fn push_presented<'a, DB: Database>(q: &mut QueryBuilder<'a, DB>, viewer: &LibraryViewer)
where
    i64: Encode<'a, DB> + Type<DB>,
{
    q.push(
        "exists (select 1 from presentation_slide sl
                 join presentation pr on pr.id = sl.presentation_id
                 join person p on p.id = pr.person_id
                 where sl.friction_id = f.id and sl.included and",
    );
    push_visible(q, viewer);
    q.push(")");
}

/// The journey family of `step_id` when it is a step of walkthrough `walkthrough_id`'s journey.
async fn family_of(
    db: &Db,
    walkthrough_id: i64,
    step_id: i64,
) -> Result<Option<(i64, String)>, sqlx::Error> {
    Ok(on!(db, |c| {
        sqlx::query_as(
            "select j.family_id, s.title from walkthrough w
             join journey j on j.id = w.journey_id
             join journey_step s on s.journey_id = j.id
             where w.id = $1 and s.id = $2",
        )
        .bind(walkthrough_id)
        .bind(step_id)
        .fetch_optional(&mut *c)
        .await?
    }))
}

/// Up to [`MAX_SUGGESTIONS`] suggestions for `text` typed on `step_id` of walkthrough
/// `walkthrough_id`: open improvements of the journey first (the team is on it already), then
/// frictions the viewer may read; the same step before the rest of the journey, then by relevance.
pub async fn suggestions(
    db: &Db,
    viewer: &LibraryViewer,
    walkthrough_id: i64,
    step_id: i64,
    text: &str,
) -> Result<Vec<Suggestion>, sqlx::Error> {
    let Some((family, step_title)) = family_of(db, walkthrough_id, step_id).await? else {
        return Ok(Vec::new());
    };
    let mut found = improvements(db, family, step_id, &step_title, text).await?;
    let room = MAX_SUGGESTIONS.saturating_sub(found.len());
    if room > 0
        && let Some((fts, ts)) = similar_query(text).zip(similar_tsquery(text))
    {
        let rows: Vec<(i64, String, bool)> = on!(db, |c, dialect| {
            let mut q = QueryBuilder::new("select f.id, f.title, f.step_id = ");
            q.push_bind(step_id).push(
                " as same_step from friction_search fs
                 join friction f on f.id = fs.rowid
                 join journey_step fst on fst.id = f.step_id
                 join journey fj on fj.id = fst.journey_id
                 where ",
            );
            // FTS5: `match` and its bm25 `rank` (smaller is better); PostgreSQL: `@@` and
            // `ts_rank` (bigger is better), the query bound twice.
            match dialect {
                Dialect::Sqlite => q.push("friction_search match ").push_bind(fts.clone()),
                Dialect::Postgres => q
                    .push("fs.document @@ to_tsquery('krb_search', ")
                    .push_bind(ts.clone())
                    .push(")"),
            };
            q.push(" and f.kind = 'friction' and f.walkthrough_id <> ")
                .push_bind(walkthrough_id)
                .push(" and fj.family_id = ")
                .push_bind(family)
                .push(" and ");
            push_presented(&mut q, viewer);
            match dialect {
                Dialect::Sqlite => q.push(" order by same_step desc, fs.rank"),
                Dialect::Postgres => q
                    .push(
                        " order by same_step desc, ts_rank(fs.document, to_tsquery('krb_search', ",
                    )
                    .push_bind(ts.clone())
                    .push(")) desc"),
            };
            q.push(" limit ")
                .push_bind(i64::try_from(room).unwrap_or(0));
            q.build_query_as().fetch_all(&mut *c).await?
        });
        found.extend(rows.into_iter().filter_map(|(id, title, same_step)| {
            // The query already holds to the rule; the rule says it once more, in one place.
            may_suggest_friction(FrictionFacts {
                same_walkthrough: false,
                presented_to_viewer: true,
                same_step_or_journey: true,
            })
            .then(|| Suggestion {
                code: SimilarChoice::Friction(id).code(),
                improvement: false,
                title,
                detail: String::new(),
                same_step,
            })
        }));
    }
    Ok(found)
}

/// Open improvements of journey `family` whose title or problem has words of `text`, the most
/// matching words first (those of this step before the rest).
async fn improvements(
    db: &Db,
    family: i64,
    step_id: i64,
    step_title: &str,
    text: &str,
) -> Result<Vec<Suggestion>, sqlx::Error> {
    let words = similar_words(text);
    if words.is_empty() {
        return Ok(Vec::new());
    }
    let rows: Vec<(i64, String, String, bool, i64)> = on!(db, |c| {
        let mut q = QueryBuilder::new("select i.id, i.title, i.problem, (i.step_id = ");
        q.push_bind(step_id)
            .push(" or lower(st.title) = lower(")
            .push_bind(step_title.to_owned())
            .push(")) as same_step, (cast(0 as bigint)");
        for word in &words {
            // The words are letters and digits only: no `%`, `_` or `\` to escape.
            q.push(" + case when lower(i.title || ' ' || i.problem) like ")
                .push_bind(format!("%{word}%"))
                .push(" then 1 else 0 end");
        }
        q.push(
            ") as score from improvement i join journey_step st on st.id = i.step_id
             where i.journey_family_id = ",
        )
        .push_bind(family)
        .push(
            " and i.status in ('new', 'planned', 'in_progress')
             order by score desc, same_step desc, i.id desc limit ",
        )
        .push_bind(i64::try_from(MAX_SUGGESTIONS).unwrap_or(3));
        q.build_query_as().fetch_all(&mut *c).await?
    });
    Ok(rows
        .into_iter()
        .filter(|r| r.4 > 0)
        .map(|(id, title, problem, same_step, _)| Suggestion {
            code: SimilarChoice::Improvement(id).code(),
            improvement: true,
            title,
            detail: problem,
            same_step,
        })
        .collect())
}

/// What friction `friction_id` is linked to, as a choice code and a title, if anything.
pub async fn linked(
    db: &Db,
    friction_id: i64,
) -> Result<Option<(String, String, bool)>, sqlx::Error> {
    Ok(on!(db, |c| {
        sqlx::query_as(
            "select case when f.similar_improvement_id is not null
                         then 'i:' || f.similar_improvement_id
                         else 'f:' || f.similar_friction_id end,
                    coalesce(i.title, o.title), f.similar_improvement_id is not null
             from friction f
             left join improvement i on i.id = f.similar_improvement_id
             left join friction o on o.id = f.similar_friction_id
             where f.id = $1
               and (f.similar_improvement_id is not null or f.similar_friction_id is not null)",
        )
        .bind(friction_id)
        .fetch_optional(&mut *c)
        .await?
    }))
}

/// Saves a friction (as `db::walkthrough::save_friction`) and points it at `choice` in the same
/// transaction; `None` when the choice is not one the walker may link to (nothing is written).
#[allow(clippy::too_many_arguments)]
pub async fn save_linked(
    db: &Db,
    viewer: &LibraryViewer,
    walkthrough_id: i64,
    step_id: i64,
    friction_id: Option<i64>,
    input: &crate::domain::walkthrough::FrictionInput,
    choice: SimilarChoice,
) -> Result<Option<i64>, WriteError> {
    let mut tx = crate::db::begin(db).await?;
    let id = crate::db::walkthrough::save_friction_in(
        &mut tx,
        viewer.id,
        walkthrough_id,
        step_id,
        friction_id,
        input,
    )
    .await?;
    if !link(&mut tx, viewer, id, choice).await? {
        return Ok(None);
    }
    tx.commit().await?;
    Ok(Some(id))
}

/// Points friction `friction_id` (just saved in `tx` by its walker) at `choice`; `false` when
/// refused. The rule is inside the writing statement: a friction the viewer may be suggested
/// (another walkthrough, the same journey family, presented to them) or an open improvement of
/// the journey.
async fn link(
    src: impl Source<'_>,
    viewer: &LibraryViewer,
    friction_id: i64,
    choice: SimilarChoice,
) -> Result<bool, sqlx::Error> {
    let family = "(select j.family_id from journey_step s join journey j on j.id = s.journey_id
                   where s.id = friction.step_id)";
    Ok(on!(src, |c| {
        let mut q = QueryBuilder::new("update friction set ");
        match choice {
            SimilarChoice::Keep => return Ok(true),
            SimilarChoice::Clear => {
                q.push("similar_friction_id = null, similar_improvement_id = null where id = ")
                    .push_bind(friction_id);
            }
            SimilarChoice::Friction(other) => {
                q.push("similar_friction_id = ")
                    .push_bind(other)
                    .push(", similar_improvement_id = null where id = ")
                    .push_bind(friction_id)
                    .push(
                        " and exists (select 1 from friction f
                           join journey_step fst on fst.id = f.step_id
                           join journey fj on fj.id = fst.journey_id
                           where f.id = ",
                    )
                    .push_bind(other)
                    .push(" and f.kind = 'friction' and f.walkthrough_id <> friction.walkthrough_id and fj.family_id = ")
                    .push(family)
                    .push(" and ");
                push_presented(&mut q, viewer);
                q.push(")");
            }
            SimilarChoice::Improvement(improvement) => {
                q.push("similar_improvement_id = ")
                    .push_bind(improvement)
                    .push(", similar_friction_id = null where id = ")
                    .push_bind(friction_id)
                    .push(" and exists (select 1 from improvement i where i.id = ")
                    .push_bind(improvement)
                    .push(
                        " and i.status in ('new', 'planned', 'in_progress') and i.journey_family_id = ",
                    )
                    .push(family)
                    .push(")");
            }
        }
        q.build().execute(&mut *c).await?.rows_affected() == 1
    }))
}
