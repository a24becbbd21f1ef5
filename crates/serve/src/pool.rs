//! The bounded worker pool: at most `workers` conversions run at once, each
//! on a blocking thread with its own stop flag; at most `queue` more wait for
//! a worker; the rest are refused at once (503). A conversion past the time
//! limit is answered 504 and its stop flag set; the readers see it at their
//! next checkpoint and return, and only then is its worker free again, so
//! the workers bound the threads (and the memory) at work.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use gongkai::ir::watch::{self, StopFlag};
use tokio::sync::Semaphore;

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
    timeout: Option<Duration>,
    worker_count: usize,
    queue_len: usize,
    running: Arc<AtomicUsize>,
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

    /// Run `job` on a worker: refused when the queue is full, or when the
    /// wait plus the run exceed the time limit.
    pub async fn run<T, F>(&self, job: F) -> Result<T, Refused>
    where
        T: Send + 'static,
        F: FnOnce() -> T + Send + 'static,
    {
        let Ok(admitted) = self.admitted.clone().try_acquire_owned() else {
            return Err(Refused::Busy(format!(
                "{} conversions running and {} waiting; try again later",
                self.worker_count, self.queue_len
            )));
        };
        let started = tokio::time::Instant::now();
        let deadline = self.timeout.map(|t| started + t);
        let acquire = self.workers.clone().acquire_owned();
        let worker = match deadline {
            Some(d) => match tokio::time::timeout_at(d, acquire).await {
                Ok(w) => w,
                Err(_) => {
                    return Err(Refused::Busy(format!(
                        "no worker was free within {} s; try again later",
                        self.seconds()
                    )))
                }
            },
            None => acquire.await,
        };
        // The semaphore is never closed.
        let Ok(worker) = worker else {
            return Err(Refused::Panicked);
        };
        let flag = StopFlag::new();
        let job_flag = flag.clone();
        let running = self.running.clone();
        running.fetch_add(1, Ordering::Relaxed);
        let handle = tokio::task::spawn_blocking(move || {
            // Held until the job returns, even after a time-out was answered.
            let _held = (worker, admitted);
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
