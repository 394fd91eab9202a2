//! Argon2id password hashing, run on the blocking pool so sign-ins never stall the async runtime.

use crate::domain::Password;
use crate::error::AppError;
use argon2::password_hash::{SaltString, rand_core::OsRng};
use argon2::{Argon2, PasswordHash, PasswordHasher, PasswordVerifier};
use std::sync::LazyLock;

/// Verified against when the e-mail is unknown, so both failures cost the same time.
static DUMMY_HASH: LazyLock<String> =
    LazyLock::new(|| hash_blocking("timing-equaliser-not-a-real-password").unwrap_or_default());

fn hash_blocking(password: &str) -> Result<String, argon2::password_hash::Error> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
}

pub async fn hash(password: &Password) -> Result<String, AppError> {
    let password = password.expose().to_owned();
    tokio::task::spawn_blocking(move || hash_blocking(&password))
        .await
        .map_err(|e| AppError::internal("password hash task", e))?
        .map_err(|e| AppError::internal("password hash", e))
}

/// True only when `stored` exists and matches. A missing hash still runs a full verification.
pub async fn verify(password: String, stored: Option<String>) -> Result<bool, AppError> {
    tokio::task::spawn_blocking(move || {
        let real = stored.is_some();
        let phc = stored.unwrap_or_else(|| DUMMY_HASH.clone());
        let matches = PasswordHash::new(&phc)
            .map(|parsed| {
                Argon2::default()
                    .verify_password(password.as_bytes(), &parsed)
                    .is_ok()
            })
            .unwrap_or(false);
        real && matches
    })
    .await
    .map_err(|e| AppError::internal("password verify task", e))
}

/// Warms the dummy hash at start-up so the first unknown-e-mail sign-in is not faster than the rest.
pub fn warm_up() {
    LazyLock::force(&DUMMY_HASH);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hash_then_verify() {
        let pw = Password::parse("correct horse battery").expect("valid");
        let stored = hash(&pw).await.expect("hash");
        assert!(stored.starts_with("$argon2id$"));
        assert!(
            verify("correct horse battery".into(), Some(stored.clone()))
                .await
                .expect("verify")
        );
        assert!(
            !verify("wrong horse battery".into(), Some(stored))
                .await
                .expect("verify")
        );
        assert!(
            !verify("anything at all".into(), None)
                .await
                .expect("verify")
        );
    }
}
