//! The meeting page's server functions: the author records when and to whom they presented, the
//! author's reviewer confirms it or sends it back, and both read the history.

use crate::domain::presentation::{PresentationAccess, PresentationStatus};
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

// The rows the db layer returns are domain types; re-exported for the pages.
pub use crate::domain::presentation::{AwaitingReview, MeetingRecord, PersonOption, ReviewRecord};

/// What the meeting form shows: typed values (from a search round-trip or a refused post) or
/// the defaults (today in Amsterdam, the author's team).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MeetingDraft {
    pub held_on: String,
    pub audience: String,
    pub team_id: String,
    pub attendees: Vec<i64>,
    pub comment: String,
}

/// Everything the meeting page shows to this viewer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MeetingPage {
    pub presentation_id: i64,
    pub title: String,
    pub author_name: String,
    pub status: PresentationStatus,
    pub access: PresentationAccess,
    /// The author may record a meeting now (draft or sent back).
    pub can_record: bool,
    /// The reviewer may decide now (a meeting waits).
    pub can_review: bool,
    pub meetings: Vec<MeetingRecord>,
    pub teams: Vec<PersonOption>,
    /// People to tick: the author's team, those already ticked, and the search hits.
    pub people: Vec<PersonOption>,
    pub q: String,
    /// How many people the search found (at most `SEARCH_LIMIT`); `None` without a search.
    pub found: Option<usize>,
    pub today: String,
    pub draft: MeetingDraft,
}

/// At most this many people from the author's team and from a search are listed.
pub const TEAM_LIMIT: i64 = 60;
pub const SEARCH_LIMIT: i64 = 20;

/// The meeting form as posted. Attendees are ticked as `form[attendees][p<id>]=<id>`: a map
/// decodes the same with any number of boxes, and survives the search round-trip as a query.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MeetingForm {
    pub presentation_id: i64,
    #[serde(default)]
    pub held_on: String,
    #[serde(default)]
    pub audience: String,
    #[serde(default)]
    pub team_id: String,
    #[serde(default)]
    pub attendees: BTreeMap<String, String>,
}

impl MeetingForm {
    fn attendee_list(&self) -> Vec<String> {
        self.attendees.values().cloned().collect()
    }

    pub fn draft_fields(&self) -> Vec<(&'static str, String)> {
        vec![
            ("held_on", self.held_on.clone()),
            ("audience", self.audience.clone()),
            ("team_id", self.team_id.clone()),
            ("attendees", self.attendee_list().join(",")),
        ]
    }
}

/// The reviewer's decision as posted.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ReviewForm {
    pub presentation_id: i64,
    #[serde(default)]
    pub decision: String,
    #[serde(default)]
    pub comment: String,
}

/// The meeting page of presentation `id`; `search` is the page's query string (`?q=` and the
/// form's fields when the author searched for more people).
#[server(endpoint = "presentations/meeting")]
pub async fn load_meeting_page(id: i64, search: String) -> Result<MeetingPage, AppError> {
    super::super::ssr::serve(async |ctx| {
        let user = ctx.require_user().await?;
        let (access, facts, _) = super::ssr::access_for(ctx, &user, id).await?;
        if !matches!(
            access,
            PresentationAccess::Edit | PresentationAccess::Review | PresentationAccess::ReadAll
        ) {
            return Err(AppError::Forbidden);
        }
        let pool = &ctx.state.pool;
        let detail = crate::db::presentation::detail(pool, id, access)
            .await?
            .ok_or(AppError::NotFound)?;
        let meetings = crate::db::presentation::meeting::history(pool, id).await?;
        let can_record = access.can_edit()
            && matches!(
                facts.status,
                PresentationStatus::Draft | PresentationStatus::SentBack
            );
        let can_review = access.can_review() && facts.status == PresentationStatus::Presented;
        let today = ssr::today().format("%Y-%m-%d").to_string();
        let query = ssr::parse_query(&search);
        let mut draft = ssr::draft_from(&query);
        let stored = ctx.draft("meeting").await?;
        if !stored.is_empty() {
            draft = ssr::draft_from_stored(&stored);
        }
        draft.comment = ctx
            .draft("review")
            .await?
            .get("comment")
            .cloned()
            .unwrap_or_default();
        let q = query
            .iter()
            .find(|(k, _)| k == "q")
            .map(|(_, v)| v.trim().to_owned())
            .unwrap_or_default();
        let (mut teams, mut people, mut found) = (Vec::new(), Vec::new(), None);
        if can_record {
            use crate::db::presentation::meeting as m;
            teams = m::teams(pool).await?;
            if draft.held_on.is_empty() && draft.audience.is_empty() {
                draft.held_on.clone_from(&today);
                draft.team_id = facts
                    .author_team_id
                    .map(|t| t.to_string())
                    .unwrap_or_default();
            }
            if let Some(team) = facts.author_team_id {
                people = m::team_people(pool, team, user.id, TEAM_LIMIT).await?;
            }
            people.extend(m::people_named(pool, &draft.attendees).await?);
            if !q.is_empty() {
                let hits = m::search_people(pool, &q, SEARCH_LIMIT).await?;
                found = Some(hits.len());
                people.extend(hits);
            }
            let mut seen = std::collections::HashSet::new();
            people.retain(|p| p.id != user.id && seen.insert(p.id));
        }
        Ok(MeetingPage {
            presentation_id: id,
            title: detail.title,
            author_name: detail.author_name,
            status: facts.status,
            access,
            can_record,
            can_review,
            meetings,
            teams,
            people,
            q,
            found,
            today,
            draft,
        })
    })
    .await
}

/// Records a meeting (author only). Plain posts go back to the meeting page.
#[server(endpoint = "presentations/meeting/record")]
pub async fn record_meeting(form: MeetingForm) -> Result<i64, AppError> {
    let id = form.presentation_id;
    super::super::ssr::Serve::new()
        .keep_draft("meeting", form.draft_fields())
        .redirect(move |_| {
            crate::routes::with_notice(&crate::routes::presentation_meeting(id), "recorded")
        })
        .run(async |ctx| {
            let user = super::ssr::require_edit(ctx, id).await?;
            let mut input = crate::domain::presentation::MeetingInput::parse(
                &form.held_on,
                &form.audience,
                &form.team_id,
                &form.attendee_list(),
                ssr::today(),
            )
            .map_err(AppError::Validation)?;
            input.attendees.retain(|a| *a != user.id);
            let pool = &ctx.state.pool;
            let (team_ok, people_ok) = crate::db::presentation::meeting::choices_exist(
                pool,
                input.team_id,
                &input.attendees,
            )
            .await?;
            let mut errors = crate::domain::FieldErrors::new();
            if !team_ok {
                errors.add("team_id", "error-invalid-choice");
            }
            if !people_ok {
                errors.add("attendees", "error-invalid-choice");
            } else if input.attendees.is_empty() {
                errors.add("attendees", "presentation-error-no-attendees");
            }
            if !errors.is_empty() {
                return Err(AppError::Validation(errors));
            }
            Ok(crate::db::presentation::meeting::record(pool, id, user.id, &input).await?)
        })
        .await
}

/// The reviewer confirms the latest meeting or sends it back with a comment.
#[server(endpoint = "presentations/meeting/review")]
pub async fn review_presentation(form: ReviewForm) -> Result<i64, AppError> {
    let id = form.presentation_id;
    super::super::ssr::Serve::new()
        .keep_draft("review", vec![("comment", form.comment.clone())])
        .redirect(move |_| {
            crate::routes::with_notice(&crate::routes::presentation_meeting(id), "decided")
        })
        .run(async |ctx| {
            let user = ctx.require_user().await?;
            let (access, _, _) = super::ssr::access_for(ctx, &user, id).await?;
            if !access.can_review() {
                tracing::warn!(person_id = user.id, presentation_id = id, "review refused");
                return Err(AppError::Forbidden);
            }
            let (decision, comment) =
                crate::domain::presentation::parse_review(&form.decision, &form.comment)
                    .map_err(AppError::Validation)?;
            Ok(crate::db::presentation::meeting::decide(
                &ctx.state.pool,
                id,
                user.id,
                decision,
                &comment,
            )
            .await?)
        })
        .await
}

#[cfg(feature = "ssr")]
mod ssr {
    use super::MeetingDraft;
    use std::collections::BTreeMap;

    /// The calendar date in Europe/Amsterdam now.
    pub fn today() -> chrono::NaiveDate {
        chrono::Utc::now()
            .with_timezone(&chrono_tz::Europe::Amsterdam)
            .date_naive()
    }

    /// A query string as decoded (key, value) pairs; `+` is a space.
    pub fn parse_query(raw: &str) -> Vec<(String, String)> {
        raw.trim_start_matches('?')
            .split('&')
            .filter(|p| !p.is_empty())
            .map(|pair| {
                let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
                (decode(k), decode(v))
            })
            .collect()
    }

    fn decode(raw: &str) -> String {
        let bytes = raw.as_bytes();
        let mut out = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'+' => out.push(b' '),
                b'%' if i + 2 < bytes.len() => {
                    let hex = |c: u8| (c as char).to_digit(16);
                    match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                        (Some(hi), Some(lo)) => {
                            out.push((hi * 16 + lo) as u8);
                            i += 2;
                        }
                        _ => out.push(b'%'),
                    }
                }
                b => out.push(b),
            }
            i += 1;
        }
        String::from_utf8_lossy(&out).into_owned()
    }

    fn ids(values: impl Iterator<Item = String>) -> Vec<i64> {
        let mut ids: Vec<i64> = values.filter_map(|v| v.trim().parse().ok()).collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }

    /// The form's fields carried in the page's query by the search button.
    pub fn draft_from(query: &[(String, String)]) -> MeetingDraft {
        let get = |name: &str| {
            query
                .iter()
                .find(|(k, _)| k == &format!("form[{name}]"))
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        };
        MeetingDraft {
            held_on: get("held_on"),
            audience: get("audience"),
            team_id: get("team_id"),
            attendees: ids(query
                .iter()
                .filter(|(k, _)| k.starts_with("form[attendees]"))
                .map(|(_, v)| v.clone())),
            comment: String::new(),
        }
    }

    /// What a refused plain post kept in the session.
    pub fn draft_from_stored(stored: &BTreeMap<String, String>) -> MeetingDraft {
        let get = |k: &str| stored.get(k).cloned().unwrap_or_default();
        MeetingDraft {
            held_on: get("held_on"),
            audience: get("audience"),
            team_id: get("team_id"),
            attendees: ids(get("attendees").split(',').map(str::to_owned)),
            comment: String::new(),
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn the_search_round_trip_keeps_the_form() {
            let q = parse_query(
                "?form%5Bheld_on%5D=2026-12-01&form%5Baudience%5D=Team+Schade%21&form%5Battendees%5D%5Bp7%5D=7&form%5Battendees%5D%5Bp3%5D=3&q=jan%",
            );
            let d = draft_from(&q);
            assert_eq!(d.held_on, "2026-12-01");
            assert_eq!(d.audience, "Team Schade!");
            assert_eq!(d.attendees, vec![3, 7]);
            assert_eq!(q.last().map(|(_, v)| v.as_str()), Some("jan%"));
        }
    }
}
