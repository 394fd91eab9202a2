//! The global budget for uploads, one per app and shared by every request: how many bytes may be
//! being received and checked at once, and how many images may be decoded at once.
//!
//! Invariants:
//! - an upload reserves its size before the first byte of its file is read — the request's
//!   `Content-Length` (our forms are small besides the file), at most the file limit — and holds
//!   the reservation until it is answered; the reservations never add up to more than
//!   `EVIDENCE_UPLOAD_BUDGET_BYTES`. So the disk in `.incoming/` and the file bytes in memory are
//!   bounded, whatever number of people send at once;
//! - at most `EVIDENCE_DECODES` images are decoded at once (one per core by default); an image
//!   holds up to `EVIDENCE_MAX_PIXELS` x 4 bytes while it is processed;
//! - when the budget is spent a request waits its turn for a short while (`ADMIT_WAIT`: a burst
//!   of phone photos usually clears in that time) and then gets 503 with `evidence-error-busy`
//!   and `Retry-After`, before its file is read, rather than queueing without end: a person sees
//!   "try again" at once instead of a page that hangs, and nothing is half saved.
//!
//! The reservation happens after the edit check (`guard::require_edit`), so only people who may
//! change the walkthrough can take budget, and an upload that stalls is dropped after
//! `incoming::IDLE`, giving its reservation back.

use super::reply::Failure;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// How long an upload waits for room in the byte budget before it is told to try again.
pub(super) const ADMIT_WAIT: Duration = Duration::from_secs(2);
/// How long a received image waits for a decode slot. Longer than `ADMIT_WAIT`: its bytes are
/// already here, and the byte budget bounds how many can be waiting.
pub(super) const DECODE_WAIT: Duration = Duration::from_secs(30);
/// The byte budget counts in KiB, so that any configured budget fits the semaphore's permits.
const UNIT: u64 = 1024;

/// Room for uploads in flight; see the module invariants.
#[derive(Debug)]
pub(super) struct Budget {
    bytes: Arc<Semaphore>,
    units: u64,
    decodes: Arc<Semaphore>,
    admit_wait: Duration,
    decode_wait: Duration,
}

/// Held while an upload is in flight; gives its share back when dropped.
#[derive(Debug)]
pub(super) struct Reservation {
    _permit: OwnedSemaphorePermit,
}

/// Held while an image is decoded and re-encoded.
#[derive(Debug)]
pub(super) struct DecodeSlot {
    _permit: OwnedSemaphorePermit,
}

impl Budget {
    pub(super) fn new(budget_bytes: u64, decodes: usize) -> Budget {
        Budget::with_waits(budget_bytes, decodes, ADMIT_WAIT, DECODE_WAIT)
    }

    pub(super) fn with_waits(
        budget_bytes: u64,
        decodes: usize,
        admit_wait: Duration,
        decode_wait: Duration,
    ) -> Budget {
        let units = budget_bytes.div_ceil(UNIT).clamp(1, u64::from(u32::MAX));
        Budget {
            bytes: Arc::new(Semaphore::new(usize::try_from(units).unwrap_or(usize::MAX))),
            units,
            decodes: Arc::new(Semaphore::new(decodes.max(1))),
            admit_wait,
            decode_wait,
        }
    }

    /// Reserves `bytes` (rounded up to whole KiB; never more than the whole budget, so every
    /// upload can be admitted eventually), waiting at most the admit wait.
    pub(super) async fn admit(&self, bytes: u64) -> Result<Reservation, Failure> {
        let units = bytes.div_ceil(UNIT).clamp(1, self.units);
        let units = u32::try_from(units).unwrap_or(u32::MAX);
        let wanted = self.bytes.clone().acquire_many_owned(units);
        match tokio::time::timeout(self.admit_wait, wanted).await {
            Ok(Ok(permit)) => Ok(Reservation { _permit: permit }),
            Ok(Err(e)) => {
                tracing::error!(error = %e, "evidence upload budget closed");
                Err(Failure::internal())
            }
            Err(_) => {
                tracing::warn!(
                    wanted_bytes = bytes,
                    free_bytes = self.free_bytes(),
                    "evidence upload refused: upload budget spent"
                );
                Err(Failure::busy())
            }
        }
    }

    /// A turn to decode one image, waiting at most the decode wait.
    pub(super) async fn decode(&self) -> Result<DecodeSlot, Failure> {
        let wanted = self.decodes.clone().acquire_owned();
        match tokio::time::timeout(self.decode_wait, wanted).await {
            Ok(Ok(permit)) => Ok(DecodeSlot { _permit: permit }),
            Ok(Err(e)) => {
                tracing::error!(error = %e, "evidence decode queue closed");
                Err(Failure::internal())
            }
            Err(_) => {
                tracing::warn!("evidence upload refused: no decode slot in time");
                Err(Failure::busy())
            }
        }
    }

    /// Bytes not reserved right now (in whole KiB).
    pub(super) fn free_bytes(&self) -> u64 {
        self.bytes.available_permits() as u64 * UNIT
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::StatusCode;

    const SHORT: Duration = Duration::from_millis(50);

    #[tokio::test]
    async fn the_byte_budget_admits_until_spent_then_says_busy() {
        let budget = Budget::with_waits(100 * 1024, 1, SHORT, SHORT);
        let a = budget.admit(60 * 1024).await.expect("room");
        let b = budget.admit(40 * 1024).await.expect("room for the rest");
        assert_eq!(budget.free_bytes(), 0);
        let busy = budget.admit(1).await.expect_err("spent");
        assert_eq!(busy.status, StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(busy.key, crate::domain::evidence::ERROR_BUSY);
        drop(a);
        assert_eq!(budget.free_bytes(), 60 * 1024);
        drop(b);
        // More than the whole budget is capped to it, so it is admitted when all is free.
        let all = budget.admit(u64::MAX).await.expect("capped");
        assert_eq!(budget.free_bytes(), 0);
        drop(all);
    }

    #[tokio::test]
    async fn a_waiting_upload_gets_in_when_room_is_freed_in_time() {
        let budget = Arc::new(Budget::with_waits(
            10 * 1024,
            1,
            Duration::from_secs(5),
            SHORT,
        ));
        let held = budget.admit(10 * 1024).await.expect("room");
        let waiting = tokio::spawn({
            let budget = budget.clone();
            async move { budget.admit(5 * 1024).await.map(|_| ()) }
        });
        tokio::time::sleep(SHORT).await;
        drop(held);
        assert_eq!(waiting.await.expect("task"), Ok(()));
    }

    #[tokio::test]
    async fn decodes_are_limited_to_the_slots() {
        let budget = Budget::with_waits(1024, 2, SHORT, SHORT);
        let one = budget.decode().await.expect("slot 1");
        let _two = budget.decode().await.expect("slot 2");
        assert_eq!(
            budget.decode().await.expect_err("no third slot").key,
            crate::domain::evidence::ERROR_BUSY
        );
        drop(one);
        budget.decode().await.expect("a slot again");
    }
}
