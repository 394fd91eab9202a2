//! Getting in (server only): invitations, password resets and the link that mail to someone
//! without a password carries. A link holds a random 256-bit token; the database keeps only its
//! SHA-256 (`db::access`). Links are made and audited inside a transaction; the e-mail goes out in
//! a background task after the commit (like the HR nudge), so no page waits for the SMTP server.
//!
//! Whoever creates people calls [`invite`] after their transaction (the person form, the import).

use crate::db::audit::{AuditAction, record};
use crate::db::{self, Db};
use crate::domain::Locale;
use crate::domain::access::{RESEND_EVERY, RESET_SPAN, TokenPurpose, expires_at, may_resend};
use crate::domain::{Refusal, licence::amsterdam_date};
use crate::error::AppError;
use crate::mail::access::{InvitationText, invitation, reset};
use crate::mail::{MailContent, Mailer, Recipient};
use crate::state::AppState;
use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};

/// A fresh random token (64 hex characters) and the hash that is stored for it.
pub fn new_token() -> (String, String) {
    let bytes: [u8; 32] = rand::random();
    let token = hex(&bytes);
    let hash = hash_token(&token);
    (token, hash)
}

/// What the database keeps of a token.
pub fn hash_token(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The full address of the set-password page for `token`.
pub fn password_link(link_base: &str, token: &str) -> String {
    format!(
        "{}{}",
        link_base.trim_end_matches('/'),
        crate::routes::set_password(token)
    )
}

/// An invitation made in a transaction, to be mailed after its commit.
#[derive(Debug, Clone)]
pub struct Issued {
    pub person_id: i64,
    pub token: String,
    pub expires_at: DateTime<Utc>,
}

/// How an invitation came about, for its audit event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Occasion {
    /// Right after the person was created (person form, import).
    Created,
    /// HR resent it: refused when one went out in the last day.
    Resent,
    /// A reminder or nudge to someone without a password carries it.
    WithReminder,
}

/// Makes (and audits) an invitation for an active person without a password, inside the
/// transaction `tx`. None when they are not one, or, for [`Occasion::Resent`], when one went out in
/// the last day.
pub async fn issue_invitation(
    tx: &mut db::Tx,
    person_id: i64,
    actor_id: Option<i64>,
    occasion: Occasion,
    valid_days: i64,
    now: DateTime<Utc>,
) -> Result<Option<Issued>, sqlx::Error> {
    let (token, hash) = new_token();
    let expires = expires_at(TokenPurpose::Invite, now, valid_days);
    let new = db::access::NewToken {
        person_id,
        hash: &hash,
        expires_at: expires,
        created_by: actor_id,
        now,
    };
    let made = match occasion {
        Occasion::Resent => db::access::insert_resend(&mut *tx, &new, now - RESEND_EVERY).await?,
        _ => db::access::insert_invitation(&mut *tx, &new).await?,
    };
    if !made {
        return Ok(None);
    }
    let mut detail = serde_json::json!({
        "valid_until": amsterdam_date(expires).format("%Y-%m-%d").to_string(),
    });
    match occasion {
        Occasion::Resent => detail["resent"] = true.into(),
        Occasion::WithReminder => detail["with_reminder"] = true.into(),
        Occasion::Created => {}
    }
    record(
        tx,
        actor_id,
        AuditAction::InvitationSent,
        Some(person_id),
        &detail,
    )
    .await?;
    Ok(Some(Issued {
        person_id,
        token,
        expires_at: expires,
    }))
}

/// Invites `person_ids` (new people: active, no password yet) by e-mail in their language, by
/// `actor_id` (None: the system). Call it after the transaction that created them. Returns how
/// many invitations went out; with mail off (no `SMTP_URL`) none do, and HR's invitation list
/// keeps showing them as never invited.
pub async fn invite(
    state: &AppState,
    actor_id: Option<i64>,
    person_ids: &[i64],
) -> Result<usize, AppError> {
    if !state.mailer.is_enabled() {
        tracing::info!(
            people = person_ids.len(),
            "mail disabled: no invitations sent"
        );
        return Ok(0);
    }
    let now = db::now();
    let mut tx = db::begin(&state.pool).await?;
    let mut issued = Vec::new();
    for id in person_ids {
        if let Some(i) = issue_invitation(
            &mut tx,
            *id,
            actor_id,
            Occasion::Created,
            state.config.invite_valid_days,
            now,
        )
        .await?
        {
            issued.push(i);
        }
    }
    tx.commit().await?;
    let count = issued.len();
    mail_invitations(state, issued);
    Ok(count)
}

/// HR resends the invitation of `person_id`: refused (translated) when one went out in the last
/// day, when the person already has a password or is inactive, or when mail is off.
pub async fn resend(state: &AppState, actor_id: i64, person_id: i64) -> Result<(), AppError> {
    if !state.mailer.is_enabled() {
        return Err(AppError::Refused(Refusal::AccessMailOff));
    }
    let now = db::now();
    let mut tx = db::begin(&state.pool).await?;
    let issued = issue_invitation(
        &mut tx,
        person_id,
        Some(actor_id),
        Occasion::Resent,
        state.config.invite_valid_days,
        now,
    )
    .await?;
    let Some(issued) = issued else {
        // Why not, read in the same transaction the insert saw.
        let person = db::access::addressees(&state.pool, &[person_id]).await?;
        let last = db::access::last_invitation(&mut tx, person_id).await?;
        return Err(match person.first() {
            None => AppError::NotFound,
            Some(p) if p.has_password => AppError::Refused(Refusal::AccessHasPassword),
            Some(_) if !may_resend(last, now) => AppError::Refused(Refusal::AccessInvitedToday),
            Some(_) => AppError::Conflict,
        });
    };
    tx.commit().await?;
    mail_invitations(state, vec![issued]);
    Ok(())
}

/// Mails made invitations in the background, each in its person's language.
pub fn mail_invitations(state: &AppState, issued: Vec<Issued>) {
    if issued.is_empty() {
        return;
    }
    let db = state.pool.clone();
    let mailer = state.mailer.clone();
    let base = state.config.link_base().to_owned();
    state.mailer.in_flight.spawn(async move {
        let ids: Vec<i64> = issued.iter().map(|i| i.person_id).collect();
        let people = match db::access::addressees(&db, &ids).await {
            Ok(p) => p,
            Err(e) => {
                tracing::error!(error = %e, "invitation mail: addresses could not be read");
                return;
            }
        };
        let sign_in = format!(
            "{}{}",
            base.trim_end_matches('/'),
            crate::routes::login(None)
        );
        let (mut sent, mut failed) = (0, 0);
        for i in &issued {
            if mailer.in_flight.is_stopping() {
                break;
            }
            let Some(to) = people.iter().find(|p| p.id == i.person_id) else {
                continue;
            };
            let content = invitation(&InvitationText {
                locale: Locale::parse(&to.preferred_language).unwrap_or_default(),
                name: &to.name,
                link: &password_link(&base, &i.token),
                expires_at: i.expires_at,
                sign_in: &sign_in,
            });
            if deliver("invitation", &mailer, &to.name, &to.email, &content, to.id).await {
                sent += 1;
            } else {
                failed += 1;
            }
        }
        tracing::info!(sent, failed, "invitations mailed");
    });
}

async fn deliver(
    kind: &'static str,
    mailer: &Mailer,
    name: &str,
    email: &str,
    content: &MailContent,
    id: i64,
) -> bool {
    let to = Recipient {
        name: name.to_owned(),
        email: email.to_owned(),
    };
    match mailer.send(kind, &[to], &[], content).await {
        Ok(()) => true,
        Err(e) => {
            tracing::warn!(person = id, error = %e, "access mail not delivered");
            false
        }
    }
}

/// "Wachtwoord vergeten?": makes a reset link for the active person with `email`, if there is
/// one and they got fewer than three in the last hour, and mails it in the background. Says
/// nothing about whether it did: the caller answers the same either way.
pub async fn request_reset(state: &AppState, email: &str) -> Result<(), AppError> {
    if !state.mailer.is_enabled() {
        tracing::warn!("password reset asked for while mail is disabled");
        return Ok(());
    }
    let now = db::now();
    let (token, hash) = new_token();
    let mut tx = db::begin(&state.pool).await?;
    let new = db::access::NewToken {
        person_id: 0,
        hash: &hash,
        expires_at: expires_at(TokenPurpose::Reset, now, 0),
        created_by: None,
        now,
    };
    let Some(person_id) = db::access::insert_reset(&mut tx, email, &new, now - RESET_SPAN).await?
    else {
        tx.commit().await?;
        tracing::info!(
            "password reset asked for: no mail (no such active account, or its hourly limit)"
        );
        return Ok(());
    };
    record(
        &mut tx,
        Some(person_id),
        AuditAction::PasswordResetRequested,
        Some(person_id),
        &serde_json::json!({}),
    )
    .await?;
    tx.commit().await?;
    let db = state.pool.clone();
    let mailer = state.mailer.clone();
    let link = password_link(state.config.link_base(), &token);
    state.mailer.in_flight.spawn(async move {
        match db::access::addressees(&db, &[person_id]).await {
            Ok(people) => {
                if let Some(to) = people.first() {
                    let locale = Locale::parse(&to.preferred_language).unwrap_or_default();
                    let content = reset(locale, &to.name, &link);
                    deliver(
                        "password_reset",
                        &mailer,
                        &to.name,
                        &to.email,
                        &content,
                        to.id,
                    )
                    .await;
                }
            }
            Err(e) => tracing::error!(error = %e, "reset mail: address could not be read"),
        }
    });
    Ok(())
}

/// A link that still works: what it is for and whose it is.
#[derive(Debug, Clone)]
pub struct UsableLink {
    pub purpose: TokenPurpose,
    pub name: String,
}

/// The link `token` if it still works at `now` (unused, unexpired, person active).
pub async fn usable_link(
    db: &Db,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Option<UsableLink>, AppError> {
    use crate::domain::access::{TokenState, token_state};
    let Some(row) = db::access::lookup(db, &hash_token(token)).await? else {
        return Ok(None);
    };
    let usable = row.active && token_state(row.expires_at, row.used_at, now) == TokenState::Usable;
    Ok(TokenPurpose::parse(&row.purpose)
        .filter(|_| usable)
        .map(|purpose| UsableLink {
            purpose,
            name: row.name,
        }))
}

/// Sets the password (already hashed) through link `token`: uses the link up (with every other
/// unused link of the person), ends the person's other sessions (a new session epoch), clears a
/// temporary password and audits it. Returns the person and their new epoch; refused when the
/// link no longer works.
pub async fn set_password_by_link(
    state: &AppState,
    token: &str,
    password_hash: &str,
) -> Result<(i64, i64), AppError> {
    let now = db::now();
    let mut tx = db::begin(&state.pool).await?;
    let Some((person_id, purpose)) = db::access::consume(&mut tx, &hash_token(token), now).await?
    else {
        return Err(AppError::Refused(Refusal::AccessLinkInvalid));
    };
    let epoch = db::person::set_password_hash(&mut tx, person_id, password_hash).await?;
    db::access::set_temporary(&mut tx, person_id, false).await?;
    db::access::use_up_all(&mut tx, person_id, now).await?;
    let action = match TokenPurpose::parse(&purpose) {
        Some(TokenPurpose::Invite) => AuditAction::InvitationAccepted,
        _ => AuditAction::PasswordResetCompleted,
    };
    record(
        &mut tx,
        Some(person_id),
        action,
        Some(person_id),
        &serde_json::json!({}),
    )
    .await?;
    tx.commit().await?;
    Ok((person_id, epoch))
}

/// The link a mail to `person_id` should carry: for an active person who never set a password,
/// a fresh invitation (they could not open `fallback`); otherwise `fallback`.
pub async fn way_in(
    db: &Db,
    link_base: &str,
    invite_valid_days: i64,
    person_id: i64,
    fallback: &str,
) -> Result<String, sqlx::Error> {
    let needs = db::access::addressees(db, &[person_id])
        .await?
        .first()
        .is_some_and(|p| !p.has_password);
    if !needs {
        return Ok(fallback.to_owned());
    }
    let mut tx = db::begin(db).await?;
    let issued = issue_invitation(
        &mut tx,
        person_id,
        None,
        Occasion::WithReminder,
        invite_valid_days,
        db::now(),
    )
    .await?;
    tx.commit().await?;
    Ok(issued.map_or_else(
        || fallback.to_owned(),
        |i| password_link(link_base, &i.token),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_and_only_their_hash_is_kept() {
        let (a, hash_a) = new_token();
        let (b, _) = new_token();
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
        assert_eq!(hash_token(&a), hash_a);
        assert_ne!(hash_a, a);
        assert_eq!(
            hash_token("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(
            password_link("https://krb.example.nl/", "t0k"),
            "https://krb.example.nl/password/t0k"
        );
    }
}
