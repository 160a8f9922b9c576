//! A bound on expensive blocking work (a password check holds 19 MiB and
//! tens of milliseconds of a core): at most `permits` run at once, at most
//! `waiting` wait their turn, and anything beyond that is refused at once
//! rather than queued without end.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use tokio::sync::Semaphore;

/// The gate.
#[derive(Debug)]
pub struct Gate {
    permits: Arc<Semaphore>,
    permits_total: usize,
    waiting: AtomicUsize,
    max_waiting: usize,
}

/// The gate was full: too many waiting already.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("te veel tegelijk")]
pub struct Full;

/// Counts a waiter for as long as it waits (also when its request is
/// dropped while waiting).
struct Waiting<'a>(&'a AtomicUsize);

impl Drop for Waiting<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

impl Gate {
    /// At most `permits` at once (at least one), `max_waiting` in line.
    pub fn new(permits: usize, max_waiting: usize) -> Gate {
        Gate {
            permits: Arc::new(Semaphore::new(permits.max(1))),
            permits_total: permits.max(1),
            waiting: AtomicUsize::new(0),
            max_waiting,
        }
    }

    /// How many wait for a permit now.
    pub fn waiting(&self) -> usize {
        self.waiting.load(Ordering::SeqCst)
    }

    /// How many run now.
    pub fn running(&self) -> usize {
        self.permits_total - self.permits.available_permits()
    }

    /// Runs `work` on the blocking threads when a permit is free; `Full`
    /// when too many wait already. The permit is held until the work ends,
    /// even when the caller stops waiting for its answer.
    pub async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, Full> {
        let permit = match self.permits.clone().try_acquire_owned() {
            Ok(p) => p,
            Err(_) => {
                if self.waiting.fetch_add(1, Ordering::SeqCst) >= self.max_waiting {
                    self.waiting.fetch_sub(1, Ordering::SeqCst);
                    return Err(Full);
                }
                let _waiting = Waiting(&self.waiting);
                self.permits
                    .clone()
                    .acquire_owned()
                    .await
                    .expect("the gate's semaphore is never closed")
            }
        };
        let handle = tokio::task::spawn_blocking(move || {
            let _permit = permit;
            work()
        });
        match handle.await {
            Ok(v) => Ok(v),
            Err(e) => std::panic::resume_unwind(e.into_panic()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;
    use std::time::Duration;

    /// Lets the other tasks run until `ready` holds.
    async fn until(ready: impl Fn() -> bool) {
        while !ready() {
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn beyond_the_line_is_refused_at_once() {
        let gate = Arc::new(Gate::new(1, 1));
        let (release, hold) = mpsc::channel::<()>();
        let busy = {
            let gate = gate.clone();
            tokio::spawn(async move { gate.run(move || hold.recv().ok()).await })
        };
        until(|| gate.running() == 1).await;
        // One may wait...
        let waiter = {
            let gate = gate.clone();
            tokio::spawn(async move { gate.run(|| 2).await })
        };
        until(|| gate.waiting() == 1).await;
        // ...the next is refused without waiting.
        assert_eq!(gate.run(|| 3).await, Err(Full));
        release.send(()).unwrap();
        assert!(busy.await.unwrap().is_ok());
        assert_eq!(waiter.await.unwrap(), Ok(2));
        assert_eq!(gate.run(|| 4).await, Ok(4));
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_waiter_that_gives_up_leaves_the_line() {
        let gate = Arc::new(Gate::new(1, 1));
        let (release, hold) = mpsc::channel::<()>();
        let busy = {
            let gate = gate.clone();
            tokio::spawn(async move { gate.run(move || hold.recv().ok()).await })
        };
        until(|| gate.running() == 1).await;
        let gave_up = tokio::time::timeout(Duration::from_millis(50), gate.run(|| 1)).await;
        assert!(gave_up.is_err(), "it waited");
        // Its place in line is free again.
        assert_eq!(gate.waiting(), 0);
        let waiter = {
            let gate = gate.clone();
            tokio::spawn(async move { gate.run(|| 2).await })
        };
        until(|| gate.waiting() == 1).await;
        release.send(()).unwrap();
        assert!(busy.await.unwrap().is_ok());
        assert_eq!(waiter.await.unwrap(), Ok(2));
    }
}
