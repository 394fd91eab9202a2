//! Server-side sessions (tower-sessions, stored in the database) and the role checks every server function uses.

use super::CurrentUser;
use crate::db;
use crate::error::AppError;
use crate::state::AppState;
use tower_sessions::Session;

/// Session key holding the signed-in person's id.
pub const PERSON_KEY: &str = "person_id";

/// The signed-in, active person, or None. A deactivated person's session is ended on their next request.
pub async fn current_user(
    state: &AppState,
    session: &Session,
) -> Result<Option<CurrentUser>, AppError> {
    let id = session
        .get::<i64>(PERSON_KEY)
        .await
        .map_err(|e| AppError::internal("session read", e))?;
    let Some(id) = id else { return Ok(None) };
    match db::person::session_person(&state.pool, id).await? {
        Some((person, roles)) if person.active => Ok(Some(CurrentUser {
            id: person.id,
            name: person.name,
            email: person.email,
            roles,
            locale: crate::domain::Locale::parse(&person.preferred_language).unwrap_or_default(),
        })),
        _ => {
            session
                .flush()
                .await
                .map_err(|e| AppError::internal("session flush", e))?;
            Ok(None)
        }
    }
}

/// Starts a signed-in session with a fresh id, so a session id planted before sign-in is worthless.
pub async fn sign_in(session: &Session, person_id: i64) -> Result<(), AppError> {
    session
        .cycle_id()
        .await
        .map_err(|e| AppError::internal("session cycle", e))?;
    session
        .insert(PERSON_KEY, person_id)
        .await
        .map_err(|e| AppError::internal("session insert", e))
}

pub async fn sign_out(session: &Session) -> Result<(), AppError> {
    session
        .flush()
        .await
        .map_err(|e| AppError::internal("session flush", e))
}
