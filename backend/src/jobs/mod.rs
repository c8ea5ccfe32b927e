//! The background jobs of a replica, in one place: the mail worker, housekeeping, the
//! messenger's upkeep (and those the next issues add). One shutdown signal reaches every job; a
//! job that panics or ends before shutdown is logged, reported by `/readyz` and started again
//! with a back-off; shutdown waits for every job to end. A job that must run in one replica at a
//! time takes `db::lock::once_across_replicas` for each round of its work.

pub mod housekeeping;

use std::collections::BTreeMap;
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use futures_util::FutureExt;
use tokio::sync::watch;
use tokio::task::JoinHandle;

/// The first wait before a job that stopped is started again; it doubles up to [`RESTART_MAX`].
const RESTART_FIRST: Duration = Duration::from_secs(1);
const RESTART_MAX: Duration = Duration::from_secs(60);
/// A run this long counts as healthy: the next stop waits [`RESTART_FIRST`] again.
const HEALTHY: Duration = Duration::from_secs(600);

/// What a job watches to know it should end.
#[derive(Clone)]
pub struct Shutdown(watch::Receiver<bool>);

impl Shutdown {
    /// Whether shutdown has begun (for blocking jobs, which look now and then).
    pub fn is_set(&self) -> bool {
        *self.0.borrow()
    }

    /// Resolves when shutdown begins.
    pub async fn wait(&mut self) {
        while !*self.0.borrow_and_update() {
            if self.0.changed().await.is_err() {
                return;
            }
        }
    }

    /// Sleep for `period`; `false` when shutdown began meanwhile (then the job should end).
    pub async fn sleep(&mut self, period: Duration) -> bool {
        tokio::select! {
            () = tokio::time::sleep(period) => !self.is_set(),
            () = self.wait() => false,
        }
    }

    /// The underlying channel, for code that takes one.
    pub fn receiver(&self) -> watch::Receiver<bool> {
        self.0.clone()
    }
}

/// Every job of this replica: which run, the one shutdown signal, their tasks.
pub struct Jobs {
    shutdown: watch::Sender<bool>,
    running: Mutex<BTreeMap<&'static str, bool>>,
    /// How often each stopped and was started again (for `/metrics`).
    restarts: Mutex<BTreeMap<&'static str, u64>>,
    tasks: Mutex<Vec<JoinHandle<()>>>,
}

impl Default for Jobs {
    fn default() -> Self {
        Self {
            shutdown: watch::channel(false).0,
            running: Mutex::default(),
            restarts: Mutex::default(),
            tasks: Mutex::default(),
        }
    }
}

impl Jobs {
    pub fn new() -> Arc<Self> {
        Arc::new(Self::default())
    }

    fn shutdown(&self) -> Shutdown {
        Shutdown(self.shutdown.subscribe())
    }

    fn set_running(&self, name: &'static str, running: bool) {
        self.running.lock().unwrap_or_else(PoisonError::into_inner).insert(name, running);
    }

    /// Run `job` on the async workers, supervised: started again when it panics or ends early.
    pub fn spawn<F, Fut>(self: &Arc<Self>, name: &'static str, mut job: F)
    where
        F: FnMut(Shutdown) -> Fut + Send + 'static,
        Fut: Future<Output = ()> + Send + 'static,
    {
        let jobs = Arc::clone(self);
        self.set_running(name, true);
        let task = tokio::spawn(async move {
            let mut shutdown = jobs.shutdown();
            let mut wait = RESTART_FIRST;
            loop {
                jobs.set_running(name, true);
                let started = tokio::time::Instant::now();
                let ended = AssertUnwindSafe(job(jobs.shutdown())).catch_unwind().await;
                jobs.set_running(name, false);
                if shutdown.is_set() {
                    return;
                }
                // A job that ran well for a while starts its back-off afresh.
                if started.elapsed() >= HEALTHY {
                    wait = RESTART_FIRST;
                }
                let how = if ended.is_err() { "panicked" } else { "ended" };
                *jobs.restarts.lock().unwrap_or_else(PoisonError::into_inner).entry(name).or_default() += 1;
                tracing::error!(
                    job = name,
                    how,
                    wait_s = wait.as_secs(),
                    "a background job stopped; it starts again"
                );
                if !shutdown.sleep(wait).await {
                    return;
                }
                wait = (wait * 2).min(RESTART_MAX);
            }
        });
        self.tasks.lock().unwrap_or_else(PoisonError::into_inner).push(task);
    }

    /// Run a blocking `job` (one that waits on a socket, say) on the blocking pool, supervised
    /// the same way. It must look at [`Shutdown::is_set`] often.
    pub fn spawn_blocking<F>(self: &Arc<Self>, name: &'static str, job: F)
    where
        F: Fn(Shutdown) + Send + Sync + 'static,
    {
        let job = Arc::new(job);
        self.spawn(name, move |shutdown| {
            let job = Arc::clone(&job);
            async move {
                // A panic on the blocking thread is raised again here, so that the supervisor
                // reports it as a panic.
                if let Err(err) = tokio::task::spawn_blocking(move || job(shutdown)).await
                    && err.is_panic()
                {
                    std::panic::resume_unwind(err.into_panic());
                }
            }
        });
    }

    /// The jobs not running now (stopped and waiting to start again), by name.
    pub fn down(&self) -> Vec<&'static str> {
        let running = self.running.lock().unwrap_or_else(PoisonError::into_inner);
        running.iter().filter(|(_, up)| !**up).map(|(name, _)| *name).collect()
    }

    /// The jobs running now, by name.
    pub fn running(&self) -> Vec<&'static str> {
        let running = self.running.lock().unwrap_or_else(PoisonError::into_inner);
        running.iter().filter(|(_, up)| **up).map(|(name, _)| *name).collect()
    }

    /// How often each job stopped and was started again, by name (every job named).
    pub fn restarts(&self) -> Vec<(&'static str, u64)> {
        let restarts = self.restarts.lock().unwrap_or_else(PoisonError::into_inner);
        let running = self.running.lock().unwrap_or_else(PoisonError::into_inner);
        running.keys().map(|name| (*name, restarts.get(name).copied().unwrap_or(0))).collect()
    }

    /// Tell every job to end.
    pub fn stop(&self) {
        self.shutdown.send_replace(true);
    }

    /// Tell every job to end, and wait until every one has.
    pub async fn stop_and_wait(&self) {
        self.stop();
        let tasks: Vec<JoinHandle<()>> =
            std::mem::take(&mut *self.tasks.lock().unwrap_or_else(PoisonError::into_inner));
        for task in tasks {
            let _ = task.await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[tokio::test]
    async fn a_job_that_panics_is_reported_and_started_again_and_all_end_at_shutdown() {
        tokio::time::pause();
        let jobs = Jobs::new();
        let starts = Arc::new(AtomicUsize::new(0));
        let counted = Arc::clone(&starts);
        jobs.spawn("flaky", move |mut shutdown| {
            let n = counted.fetch_add(1, Ordering::SeqCst);
            async move {
                assert!(n > 0, "the first run panics");
                shutdown.wait().await;
            }
        });
        jobs.spawn("steady", |mut shutdown| async move { shutdown.wait().await });
        while starts.load(Ordering::SeqCst) == 0 || jobs.down().is_empty() {
            tokio::task::yield_now().await;
        }
        assert_eq!(jobs.down(), ["flaky"], "reported while it waits to start again");
        tokio::time::advance(RESTART_FIRST + Duration::from_millis(10)).await;
        while starts.load(Ordering::SeqCst) < 2 || !jobs.down().is_empty() {
            tokio::task::yield_now().await;
        }
        assert_eq!(jobs.running(), ["flaky", "steady"]);
        jobs.stop_and_wait().await;
        assert!(jobs.running().is_empty(), "every job ended: {:?}", jobs.running());
    }
}
