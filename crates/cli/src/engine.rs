//! Running one job per input across cores: in input order, with a time limit
//! per job and a stop flag set by Ctrl-C.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant};

use rayon::iter::{ParallelBridge, ParallelIterator};

/// How a job on its own thread ended.
pub enum Ended<T> {
    /// It finished.
    Done(T),
    /// It ran past the time limit and was abandoned.
    TimedOut,
    /// Ctrl-C came while it ran; it was abandoned.
    Interrupted,
    /// It panicked outside the readers' own panic guard.
    Panicked,
    /// No thread could be started for it.
    NoThread(String),
}

/// A job for a runner thread.
type Task = Box<dyn FnOnce() + Send + 'static>;

/// A thread that runs jobs one after another. It is kept from one input to
/// the next (starting a thread per input cost more than reading a small
/// report, and the normalizer's per-thread label memos stay warm); a runner
/// whose job ran past its limit is abandoned and a new one started.
struct Runner {
    tasks: mpsc::Sender<Task>,
}

impl Runner {
    fn start() -> std::io::Result<Runner> {
        let (tasks, queue) = mpsc::channel::<Task>();
        std::thread::Builder::new()
            .name("gongkai-convert".into())
            // Readers recurse; give them the main thread's usual stack.
            .stack_size(8 << 20)
            .spawn(move || {
                for task in queue {
                    task();
                }
            })?;
        Ok(Runner { tasks })
    }
}

thread_local! {
    /// The runner of the calling (pool) thread.
    static RUNNER: std::cell::RefCell<Option<Runner>> = const { std::cell::RefCell::new(None) };
}

/// Hands `task` to this thread's runner, starting one if needed (or if the
/// last one died).
fn submit(task: Task) -> Result<(), String> {
    RUNNER.with(|slot| {
        let mut slot = slot.borrow_mut();
        let mut task = task;
        for _ in 0..2 {
            if slot.is_none() {
                *slot = Some(Runner::start().map_err(|e| e.to_string())?);
            }
            match slot.as_ref().map(|r| r.tasks.send(task)) {
                Some(Ok(())) => return Ok(()),
                Some(Err(mpsc::SendError(back))) => {
                    task = back;
                    *slot = None;
                }
                None => return Err("no runner thread".into()),
            }
        }
        Err("the runner thread cannot be started".into())
    })
}

/// Forget this thread's runner: its job is stuck or it died.
fn abandon_runner() {
    RUNNER.with(|slot| *slot.borrow_mut() = None);
}

/// Runs `f` on this thread's runner and waits at most `limit` (`None`: no
/// limit). A job past its limit cannot be killed in Rust: its runner is
/// abandoned, keeps its core until the job finishes, and dies when the
/// process exits.
pub fn with_timeout<T: Send + 'static>(
    limit: Option<Duration>,
    stop: &AtomicBool,
    f: impl FnOnce() -> T + Send + 'static,
) -> Ended<T> {
    let (tx, rx) = mpsc::sync_channel(1);
    if let Err(e) = submit(Box::new(move || {
        let _ = tx.send(f());
    })) {
        return Ended::NoThread(e);
    }
    let deadline = limit.map(|l| Instant::now() + l);
    // Wake up now and then to notice Ctrl-C.
    let slice = Duration::from_millis(50);
    loop {
        let wait = match deadline {
            Some(d) => {
                let now = Instant::now();
                if now >= d {
                    abandon_runner();
                    return Ended::TimedOut;
                }
                (d - now).min(slice)
            }
            None => slice,
        };
        match rx.recv_timeout(wait) {
            Ok(v) => return Ended::Done(v),
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                abandon_runner();
                return Ended::Panicked;
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {
                if stop.load(Ordering::Relaxed) {
                    abandon_runner();
                    return Ended::Interrupted;
                }
            }
        }
    }
}

/// Runs `work(i)` for `i` in `0..n` on `jobs` threads (0: all cores), taking
/// inputs in order, and hands each result to `done` on the calling thread as
/// it completes. Once `stop` is set no new input is started; inputs never
/// started produce no result.
pub fn run<T, W, D>(jobs: usize, n: usize, stop: &Arc<AtomicBool>, work: W, mut done: D)
where
    T: Send,
    W: Fn(usize) -> T + Sync,
    D: FnMut(usize, T),
{
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .thread_name(|i| format!("gongkai-worker-{i}"))
        .build();
    // A bounded channel: workers wait rather than pile up results.
    let (tx, rx) = mpsc::sync_channel::<(usize, T)>(64);
    let produce = |tx: mpsc::SyncSender<(usize, T)>| {
        // `par_bridge` pulls from the iterator one item at a time, so inputs
        // start in order and Ctrl-C stops the dispatch at once.
        (0..n)
            .take_while(|_| !stop.load(Ordering::Relaxed))
            .par_bridge()
            .for_each_with(tx, |tx, i| {
                if stop.load(Ordering::Relaxed) {
                    return;
                }
                let _ = tx.send((i, work(i)));
            });
    };
    std::thread::scope(|s| {
        s.spawn(|| match &pool {
            Ok(pool) => pool.install(|| produce(tx)),
            // Without a pool of our own, rayon's global one still works.
            Err(_) => produce(tx),
        });
        for (i, t) in rx {
            done(i, t);
        }
    });
}

/// Puts results that arrive out of order back in input order, holding only
/// those that arrived early.
pub struct InOrder<T> {
    next: usize,
    early: BTreeMap<usize, T>,
}

impl<T> InOrder<T> {
    /// An empty buffer expecting index 0 first.
    pub fn new() -> Self {
        InOrder {
            next: 0,
            early: BTreeMap::new(),
        }
    }

    /// Takes result `i` and emits every result now in order.
    pub fn push(&mut self, i: usize, t: T, mut emit: impl FnMut(T)) {
        self.early.insert(i, t);
        while let Some(t) = self.early.remove(&self.next) {
            emit(t);
            self.next += 1;
        }
    }

    /// Emits what is left, in order, skipping indices that never came.
    pub fn finish(self, emit: impl FnMut(T)) {
        self.early.into_values().for_each(emit);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_back_in_order_and_all_of_them() {
        let stop = Arc::new(AtomicBool::new(false));
        let mut order = InOrder::new();
        let mut got = Vec::new();
        run(
            3,
            100,
            &stop,
            |i| {
                std::thread::sleep(Duration::from_micros((i as u64 * 7919) % 500));
                i * 2
            },
            |i, v| order.push(i, v, |v| got.push(v)),
        );
        order.finish(|v| got.push(v));
        assert_eq!(got, (0..100).map(|i| i * 2).collect::<Vec<_>>());
    }

    #[test]
    fn a_slow_job_times_out_and_a_panic_is_reported() {
        let stop = AtomicBool::new(false);
        let slow = with_timeout(Some(Duration::from_millis(100)), &stop, || {
            std::thread::sleep(Duration::from_secs(5));
        });
        assert!(matches!(slow, Ended::TimedOut));
        let quick = with_timeout(Some(Duration::from_secs(5)), &stop, || 7);
        assert!(matches!(quick, Ended::Done(7)));
        let panicked = with_timeout(None, &stop, || -> u8 { panic!("boom") });
        assert!(matches!(panicked, Ended::Panicked));
    }
}
