//! Mail work the app lets finish when it stops. A reminder row is claimed (its try counted) before
//! its message goes out and marked sent after the SMTP server accepted it; stopping in between
//! would send it again on the next start. So on SIGTERM the senders are told to stop *between*
//! messages ([`InFlight::is_stopping`]), the message in flight is finished and recorded, and the
//! app waits for that (within the shutdown grace) before it exits.

use std::future::Future;
use std::time::Duration;
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;

/// The mail tasks running and whether the app is stopping. Cheap to clone (shared).
#[derive(Clone, Debug, Default)]
pub struct InFlight {
    stop: CancellationToken,
    tasks: TaskTracker,
}

impl InFlight {
    /// Runs `work` in the background, counted as mail in flight.
    pub fn spawn<F>(&self, work: F) -> tokio::task::JoinHandle<()>
    where
        F: Future<Output = ()> + Send + 'static,
    {
        self.tasks.spawn(work)
    }

    /// True once the app is stopping: take on no next message.
    pub fn is_stopping(&self) -> bool {
        self.stop.is_cancelled()
    }

    /// Resolves when the app starts stopping.
    pub async fn stopping(&self) {
        self.stop.cancelled().await;
    }

    /// From now on no next message is taken on.
    pub fn stop(&self) {
        self.stop.cancel();
    }

    /// Stops taking on messages and waits, at most `within`, for the ones in flight; false when
    /// some were still running at the end.
    pub async fn finish(&self, within: Duration) -> bool {
        self.stop.cancel();
        self.tasks.close();
        tokio::time::timeout(within, self.tasks.wait())
            .await
            .is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicU32, Ordering};

    #[tokio::test]
    async fn finishing_waits_for_the_message_in_flight_but_no_next_one() {
        let in_flight = InFlight::default();
        let sent = Arc::new(AtomicU32::new(0));
        let (worker, counted) = (in_flight.clone(), sent.clone());
        in_flight.spawn(async move {
            while !worker.is_stopping() {
                tokio::time::sleep(Duration::from_millis(50)).await;
                counted.fetch_add(1, Ordering::SeqCst);
            }
        });
        tokio::time::sleep(Duration::from_millis(120)).await;
        assert!(in_flight.finish(Duration::from_secs(5)).await);
        let at_end = sent.load(Ordering::SeqCst);
        assert!((2..=4).contains(&at_end), "{at_end}");
        tokio::time::sleep(Duration::from_millis(120)).await;
        assert_eq!(sent.load(Ordering::SeqCst), at_end, "nothing after the end");
    }

    #[tokio::test]
    async fn finishing_gives_up_after_its_bound() {
        let in_flight = InFlight::default();
        in_flight.spawn(async { tokio::time::sleep(Duration::from_secs(60)).await });
        assert!(!in_flight.finish(Duration::from_millis(50)).await);
    }
}
