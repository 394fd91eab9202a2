//! Argon2id password hashing, run on the blocking pool so sign-ins never stall the async runtime.
//! At most `SLOTS` hashes run at once: each takes ~19 MiB, so a flood of sign-ins queues here
//! instead of exhausting memory.

use crate::domain::Password;
use crate::error::AppError;
use argon2::password_hash::{SaltString, rand_core::OsRng};
use argon2::{Argon2, PasswordHash, PasswordHasher, PasswordVerifier};
use std::sync::LazyLock;
use std::sync::atomic::{AtomicUsize, Ordering};
use tokio::sync::Semaphore;

/// Hashes allowed to run at the same time (4 × 19 MiB).
pub const SLOTS: usize = 4;
static HASH_SLOTS: Semaphore = Semaphore::const_new(SLOTS);
static RUNNING: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

/// The most hashes that ever ran at once in this process (never more than `SLOTS`).
pub fn peak_concurrent() -> usize {
    PEAK.load(Ordering::Relaxed)
}

/// Runs one argon2 computation on the blocking pool once a slot is free.
async fn in_slot<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, AppError> {
    let _slot = HASH_SLOTS
        .acquire()
        .await
        .map_err(|e| AppError::internal("password slot", e))?;
    tokio::task::spawn_blocking(move || {
        let now = RUNNING.fetch_add(1, Ordering::SeqCst) + 1;
        PEAK.fetch_max(now, Ordering::SeqCst);
        let out = work();
        RUNNING.fetch_sub(1, Ordering::SeqCst);
        out
    })
    .await
    .map_err(|e| AppError::internal("password task", e))
}

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
    in_slot(move || hash_blocking(&password))
        .await?
        .map_err(|e| AppError::internal("password hash", e))
}

/// True only when `stored` exists and matches. A missing hash still runs a full verification.
pub async fn verify(password: String, stored: Option<String>) -> Result<bool, AppError> {
    in_slot(move || {
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
}

/// Warms the dummy hash at start-up so the first unknown-e-mail sign-in is not faster than the rest.
pub fn warm_up() {
    LazyLock::force(&DUMMY_HASH);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn a_flood_of_verifications_runs_at_most_slots_at_once() {
        let tasks: Vec<_> = (0..24)
            .map(|i| tokio::spawn(verify(format!("guess {i}"), None)))
            .collect();
        for t in tasks {
            assert!(!t.await.expect("task").expect("verify"));
        }
        let peak = peak_concurrent();
        assert!((1..=SLOTS).contains(&peak), "peak {peak}");
    }

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
