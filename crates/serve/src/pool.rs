//! The bounded worker pool: at most `workers` conversions run at once, each
//! on a blocking thread with its own stop flag; at most `queue` more wait for
//! a worker; the rest are refused at once (503). A request is admitted
//! before its upload is read, so a waiting request holds its connection and
//! not its file; only `2 × workers` uploads are in memory at once (one
//! converting and one read ahead per worker). A conversion past the time
//! limit is answered 504 and its stop flag set; the readers see it at their
//! next checkpoint and return, and only then is its worker free again, so
//! the workers bound the threads (and the memory) at work.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use gongkai::ir::watch::{self, StopFlag};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio::time::Instant;

/// Why a job was not run to its end.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Refused {
    /// The queue is full, or the wait for a worker ran past the time limit.
    #[error("busy: {0}")]
    Busy(String),
    /// The job ran past the time limit and was stopped.
    #[error("timed out after {0} s")]
    TimedOut(f64),
    /// The job panicked outside the readers' own panic guard.
    #[error("internal error: the conversion panicked")]
    Panicked,
}

/// The worker pool.
#[derive(Debug)]
pub struct Pool {
    workers: Arc<Semaphore>,
    /// Permits for running and waiting jobs together.
    admitted: Arc<Semaphore>,
    /// Permits for uploads held in memory (being converted or read ahead).
    uploads: Arc<Semaphore>,
    timeout: Option<Duration>,
    worker_count: usize,
    queue_len: usize,
    running: Arc<AtomicUsize>,
}

/// A request let into the pool: it holds a place among the running and
/// waiting ones until it is dropped, and the time limit runs from here.
#[derive(Debug)]
pub struct Admission {
    admitted: OwnedSemaphorePermit,
    upload: Option<OwnedSemaphorePermit>,
    deadline: Option<Instant>,
}

/// What `/healthz` tells of the pool.
#[derive(Debug, Clone, Copy, serde::Serialize)]
pub struct Load {
    /// Conversions at once.
    pub workers: usize,
    /// Requests that may wait.
    pub queue: usize,
    /// Conversions running now.
    pub running: usize,
    /// Requests waiting now.
    pub waiting: usize,
}

impl Pool {
    /// A pool of `workers` (at least one) and a queue of `queue` requests.
    pub fn new(workers: usize, queue: usize, timeout: Option<Duration>) -> Self {
        let workers = workers.max(1);
        Pool {
            workers: Arc::new(Semaphore::new(workers)),
            admitted: Arc::new(Semaphore::new(workers.saturating_add(queue))),
            uploads: Arc::new(Semaphore::new(workers.saturating_mul(2))),
            timeout,
            worker_count: workers,
            queue_len: queue,
            running: Arc::new(AtomicUsize::new(0)),
        }
    }

    /// How busy the pool is.
    pub fn load(&self) -> Load {
        let admitted = self
            .worker_count
            .saturating_add(self.queue_len)
            .saturating_sub(self.admitted.available_permits());
        let running = self.running.load(Ordering::Relaxed);
        Load {
            workers: self.worker_count,
            queue: self.queue_len,
            running,
            waiting: admitted.saturating_sub(running),
        }
    }

    /// Let a request in, or refuse it at once when the queue is full.
    pub fn admit(&self) -> Result<Admission, Refused> {
        let Ok(admitted) = self.admitted.clone().try_acquire_owned() else {
            return Err(Refused::Busy(format!(
                "{} conversions running and {} waiting; try again later",
                self.worker_count, self.queue_len
            )));
        };
        Ok(Admission {
            admitted,
            upload: None,
            deadline: self.timeout.map(|t| Instant::now() + t),
        })
    }

    /// Wait (within the time limit) until the admitted request may read its
    /// upload into memory.
    pub async fn may_upload(&self, admission: &mut Admission) -> Result<(), Refused> {
        if admission.upload.is_none() {
            let permit = self
                .within(admission.deadline, self.uploads.clone().acquire_owned())
                .await?;
            admission.upload = Some(permit);
        }
        Ok(())
    }

    /// Run `job` on a worker: refused when the queue is full, or when the
    /// wait plus the run exceed the time limit.
    pub async fn run<T, F>(&self, job: F) -> Result<T, Refused>
    where
        T: Send + 'static,
        F: FnOnce() -> T + Send + 'static,
    {
        let admission = self.admit()?;
        self.run_admitted(admission, job).await
    }

    /// Wait for a worker within what is left of the time limit.
    async fn within(
        &self,
        deadline: Option<Instant>,
        acquire: impl std::future::Future<
            Output = Result<OwnedSemaphorePermit, tokio::sync::AcquireError>,
        >,
    ) -> Result<OwnedSemaphorePermit, Refused> {
        let permit = match deadline {
            Some(d) => match tokio::time::timeout_at(d, acquire).await {
                Ok(p) => p,
                Err(_) => {
                    return Err(Refused::Busy(format!(
                        "no worker was free within {} s; try again later",
                        self.seconds()
                    )))
                }
            },
            None => acquire.await,
        };
        // The semaphores are never closed.
        permit.map_err(|_| Refused::Panicked)
    }

    /// Run `job` for an admitted request on a worker, within what is left
    /// of its time limit.
    pub async fn run_admitted<T, F>(&self, admission: Admission, job: F) -> Result<T, Refused>
    where
        T: Send + 'static,
        F: FnOnce() -> T + Send + 'static,
    {
        let deadline = admission.deadline;
        let worker = self
            .within(deadline, self.workers.clone().acquire_owned())
            .await?;
        let flag = StopFlag::new();
        let job_flag = flag.clone();
        let running = self.running.clone();
        running.fetch_add(1, Ordering::Relaxed);
        let handle = tokio::task::spawn_blocking(move || {
            // Held until the job returns, even after a time-out was answered.
            let _held = (worker, admission.admitted, admission.upload);
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                watch::watching(&job_flag, job)
            }));
            running.fetch_sub(1, Ordering::Relaxed);
            result
        });
        let joined = match deadline {
            Some(d) => match tokio::time::timeout_at(d, handle).await {
                Ok(j) => j,
                Err(_) => {
                    flag.stop();
                    return Err(Refused::TimedOut(self.seconds()));
                }
            },
            None => handle.await,
        };
        match joined {
            Ok(Ok(done)) => Ok(done),
            _ => Err(Refused::Panicked),
        }
    }

    fn seconds(&self) -> f64 {
        self.timeout.map(|t| t.as_secs_f64()).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn runtime() -> tokio::runtime::Runtime {
        tokio::runtime::Builder::new_multi_thread()
            .enable_time()
            .build()
            .unwrap()
    }

    #[test]
    fn a_full_queue_refuses_at_once() {
        runtime().block_on(async {
            let pool = Arc::new(Pool::new(1, 1, None));
            let gate = Arc::new(std::sync::Barrier::new(2));
            let g = gate.clone();
            let p = pool.clone();
            let first = tokio::spawn(async move { p.run(move || g.wait()).await.is_ok() });
            while pool.load().running == 0 {
                tokio::time::sleep(Duration::from_millis(1)).await;
            }
            let p = pool.clone();
            let second = tokio::spawn(async move { p.run(|| 2).await });
            while pool.load().waiting == 0 {
                tokio::time::sleep(Duration::from_millis(1)).await;
            }
            let third = pool.run(|| 3).await;
            assert!(matches!(third, Err(Refused::Busy(_))), "{third:?}");
            gate.wait();
            assert!(first.await.unwrap());
            assert_eq!(second.await.unwrap(), Ok(2));
        });
    }

    #[test]
    fn admitted_requests_read_two_uploads_per_worker_and_the_rest_wait() {
        runtime().block_on(async {
            let pool = Pool::new(1, 5, Some(Duration::from_millis(50)));
            let mut first = pool.admit().unwrap();
            let mut second = pool.admit().unwrap();
            let mut third = pool.admit().unwrap();
            assert_eq!(pool.may_upload(&mut first).await, Ok(()));
            assert_eq!(pool.may_upload(&mut second).await, Ok(()));
            // A third upload waits for one of the two, here past the limit.
            let waited = pool.may_upload(&mut third).await;
            assert!(matches!(waited, Err(Refused::Busy(_))), "{waited:?}");
            drop(first);
            let mut fourth = pool.admit().unwrap();
            assert_eq!(pool.may_upload(&mut fourth).await, Ok(()));
            assert_eq!(pool.run_admitted(fourth, || 4).await, Ok(4));
        });
    }

    #[test]
    fn a_slow_job_times_out_and_is_asked_to_stop() {
        runtime().block_on(async {
            let pool = Pool::new(1, 0, Some(Duration::from_millis(50)));
            let result = pool
                .run(|| loop {
                    if watch::checkpoint().is_err() {
                        return "stopped";
                    }
                    std::thread::sleep(Duration::from_millis(1));
                })
                .await;
            assert_eq!(result, Err(Refused::TimedOut(0.05)));
            // The worker is free again once the job saw its flag.
            while pool.load().running > 0 {
                tokio::time::sleep(Duration::from_millis(1)).await;
            }
            assert_eq!(pool.run(|| 1).await, Ok(1));
        });
    }
}
