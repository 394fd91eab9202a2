//! The library's full-text index and its search: one FTS5 row per presentation that colleagues can
//! read (presented or confirmed), kept by [`reindex`] after every write that changes what it says.

use sqlx::SqliteConnection;

/// Writes the search row of `presentation_id` (rowid = its id) from its title, journey, author,
/// texts and included findings when it is in the library, and removes it otherwise. Callers run it
/// in the transaction of their write, so the index never tells something the library does not.
pub async fn reindex(conn: &mut SqliteConnection, presentation_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("delete from presentation_search where rowid = ?")
        .bind(presentation_id)
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "insert into presentation_search (rowid, title, body)
         select pr.id, pr.title,
                j.title || ' ' || p.name || ' ' || pr.introduction || ' ' || pr.key_message || ' '
                || pr.recommendations || ' '
                || coalesce((select group_concat(f.title || ' ' || f.what_happened || ' ' || f.suggestion, ' ')
                             from presentation_slide s join friction f on f.id = s.friction_id
                             where s.presentation_id = pr.id and s.included), '')
         from presentation pr
         join walkthrough w on w.id = pr.walkthrough_id
         join journey j on j.id = w.journey_id
         join person p on p.id = pr.person_id
         where pr.id = ? and pr.status in ('presented', 'confirmed')",
    )
    .bind(presentation_id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}
