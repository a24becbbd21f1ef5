//! Running one job per input across cores: in input order, with a time limit
//! per job and a stop flag set by Ctrl-C.
//!
//! Each worker thread runs its jobs itself (no hand-off to another thread per
//! input: on small reports the wake-ups cost as much as the conversion). The
//! calling thread collects results and watches the clock; a worker whose job
//! runs past its limit is abandoned: its job's stop flag is set, the readers
//! see it at their next checkpoint and return, and the worker leaves. Only
//! then does a new worker take its place, so `-j N` bounds the threads (and
//! the memory) at work; a job that ignores its flag for [`GRACE`] is left
//! behind and replaced anyway, so that one stuck reader cannot stall a batch.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{mpsc, Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use gongkai::ir::watch::{self, StopFlag};

use crate::messages::{say_in, Lang, Msg};

/// How long an abandoned job may take to notice its stop flag before its
/// worker is replaced anyway.
const GRACE: Duration = Duration::from_secs(2);

/// How one job ended.
pub enum Ended<T> {
    /// It finished.
    Done(T),
    /// It ran past the time limit and was abandoned.
    TimedOut,
    /// It ran past the time limit after its claim, while making its result
    /// visible (writing its outputs), and was abandoned.
    TimedOutClaimed,
    /// Ctrl-C came while it ran; it was abandoned.
    Interrupted,
    /// It panicked outside the readers' own panic guard.
    Panicked,
    /// No thread could be started for it.
    NoThread(String),
}

impl<T> Ended<T> {
    /// Why a job that neither finished nor was interrupted failed, in one
    /// line; `None` for those two.
    pub fn failure(&self, lang: Lang, limit: Option<Duration>) -> Option<String> {
        let secs = limit.map(|l| l.as_secs_f64()).unwrap_or_default();
        match self {
            Ended::Done(_) | Ended::Interrupted => None,
            Ended::TimedOut => Some(say_in(lang, Msg::TimedOut, &[("secs", &secs)])),
            Ended::TimedOutClaimed => Some(say_in(lang, Msg::TimedOutWriting, &[("secs", &secs)])),
            Ended::Panicked => Some(say_in(lang, Msg::Panicked, &[])),
            Ended::NoThread(e) => Some(say_in(lang, Msg::NoThread, &[("e", e)])),
        }
    }
}

/// What the watcher knows of one worker.
#[derive(Default)]
struct WorkerState {
    /// The input it runs and since when.
    running: Option<(usize, Instant)>,
    /// The watcher gave up on it: its result, if any, is dropped.
    abandoned: bool,
    /// Its running job took its [`Claim`]: Ctrl-C lets it finish.
    claimed: bool,
    /// It took its last input and left.
    exited: bool,
    /// The running job's stop flag, set when the job is abandoned.
    stop: StopFlag,
}

type Slot = Arc<Mutex<WorkerState>>;

/// What a worker tells the collector: a job's ending, or `None` when it
/// leaves.
type Event<T> = Option<(usize, Ended<T>)>;

/// A running job's right to make its result visible (write files): asked
/// for once the work is done, so that a job already reported as timed out
/// or interrupted leaves nothing behind.
pub struct Claim<'a> {
    slot: &'a Mutex<WorkerState>,
    limit: Option<Duration>,
}

impl Claim<'_> {
    /// True when the job is still wanted; from then on Ctrl-C lets it
    /// finish (a write is short), and only the time limit ends it, reported
    /// as such. False when it was abandoned.
    pub fn take(&self) -> bool {
        let mut state = lock(self.slot);
        if state.abandoned || past(state.running, self.limit, Instant::now()) {
            return false;
        }
        state.claimed = true;
        true
    }
}

/// Whether a job started at `running` has run past `limit` at `now`: the
/// one rule for the collector's look and for the job's own claim, so a job
/// longer than the limit is timed out however soon after it ends.
fn past(running: Option<(usize, Instant)>, limit: Option<Duration>, now: Instant) -> bool {
    match (running, limit) {
        (Some((_, started)), Some(limit)) => now.duration_since(started) >= limit,
        _ => false,
    }
}

fn lock(slot: &Mutex<WorkerState>) -> MutexGuard<'_, WorkerState> {
    // Nothing panics while holding the lock; a poisoned one is still sound.
    slot.lock().unwrap_or_else(|e| e.into_inner())
}

/// What all workers share.
struct Shared<W> {
    work: W,
    next: AtomicUsize,
    n: usize,
    stop: Arc<AtomicBool>,
    limit: Option<Duration>,
}

impl<W> Shared<W> {
    /// The next input to start, if any and if not stopped.
    fn take(&self) -> Option<usize> {
        if self.stop.load(Ordering::Relaxed) {
            return None;
        }
        let i = self.next.fetch_add(1, Ordering::Relaxed);
        (i < self.n).then_some(i)
    }
}

fn spawn_worker<T, W>(shared: &Arc<Shared<W>>, tx: &mpsc::Sender<Event<T>>) -> std::io::Result<Slot>
where
    T: Send + 'static,
    W: Fn(usize, &Claim) -> T + Send + Sync + 'static,
{
    let slot = Slot::default();
    let (mine, shared, tx) = (slot.clone(), shared.clone(), tx.clone());
    std::thread::Builder::new()
        .name("gongkai-worker".into())
        // Readers recurse; give them the main thread's usual stack.
        .stack_size(8 << 20)
        .spawn(move || worker(&shared, &mine, &tx))?;
    Ok(slot)
}

fn worker<T, W>(shared: &Shared<W>, slot: &Mutex<WorkerState>, tx: &mpsc::Sender<Event<T>>)
where
    W: Fn(usize, &Claim) -> T,
{
    while let Some(i) = shared.take() {
        {
            let mut state = lock(slot);
            if state.abandoned {
                return;
            }
            state.running = Some((i, Instant::now()));
            state.claimed = false;
            state.stop = StopFlag::new();
        }
        let flag = lock(slot).stop.clone();
        let mut ended = match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            watch::watching(&flag, || {
                (shared.work)(
                    i,
                    &Claim {
                        slot,
                        limit: shared.limit,
                    },
                )
            })
        })) {
            Ok(t) => Ended::Done(t),
            Err(_) => Ended::Panicked,
        };
        {
            let mut state = lock(slot);
            if state.abandoned {
                state.exited = true;
                drop(state);
                let _ = tx.send(None);
                return;
            }
            // Past the limit and not claimed (its result not made
            // visible): timed out, as the collector would say at its next
            // look; reported here so it cannot pass for finished.
            if !state.claimed && past(state.running, shared.limit, Instant::now()) {
                ended = Ended::TimedOut;
            }
            state.running = None;
        }
        if tx.send(Some((i, ended))).is_err() {
            break;
        }
    }
    lock(slot).exited = true;
    // Wake the collector: without this it would notice only at its next
    // tick, up to 20 ms after the batch is done.
    let _ = tx.send(None);
}

/// Runs `work(i)` for `i` in `0..n` on `jobs` threads (0: all cores), taking
/// inputs in order, and hands each ending to `done` on the calling thread as
/// it comes. A job running longer than `limit` ends as `TimedOut`; once `stop`
/// is set, running jobs end as `Interrupted` and no new input is started
/// (inputs never started produce nothing). A job past its [`Claim`] is not
/// interrupted, and past the limit ends as `TimedOutClaimed`. An abandoned
/// job's stop flag is set ([`watch::checkpoint`] then fails in its readers);
/// its worker is replaced when it has left, or after [`GRACE`].
pub fn run<T, W, D>(
    jobs: usize,
    n: usize,
    limit: Option<Duration>,
    stop: &Arc<AtomicBool>,
    work: W,
    mut done: D,
) where
    T: Send + 'static,
    W: Fn(usize, &Claim) -> T + Send + Sync + 'static,
    D: FnMut(usize, Ended<T>),
{
    if n == 0 {
        return;
    }
    let cores = std::thread::available_parallelism().map_or(1, |c| c.get());
    let workers = if jobs == 0 { cores } else { jobs }.clamp(1, n);
    let shared = Arc::new(Shared {
        work,
        next: AtomicUsize::new(0),
        n,
        stop: stop.clone(),
        limit,
    });
    let (tx, rx) = mpsc::channel();
    let mut slots: Vec<Slot> = Vec::with_capacity(workers);
    // Abandoned workers not yet gone, with when they were abandoned.
    let mut leaving: Vec<(Slot, Instant)> = Vec::new();
    let mut no_thread: Option<String> = None;
    for _ in 0..workers {
        match spawn_worker(&shared, &tx) {
            Ok(slot) => slots.push(slot),
            Err(e) => {
                no_thread = Some(e.to_string());
                break;
            }
        }
    }
    // Wake up now and then to notice Ctrl-C and time limits.
    let tick = Duration::from_millis(20);
    let mut busy = false;
    loop {
        if busy {
            // Results are flowing: collect them a few at a time. Blocking on
            // the channel instead would make every worker wake this thread
            // once per input (a system call and a context switch each).
            std::thread::sleep(Duration::from_millis(2));
            busy = false;
        } else {
            match rx.recv_timeout(tick) {
                Ok(Some((i, ended))) => {
                    done(i, ended);
                    busy = true;
                }
                // A worker left: look at the slots now.
                Ok(None) | Err(mpsc::RecvTimeoutError::Timeout) => {}
                Err(mpsc::RecvTimeoutError::Disconnected) => break,
            }
        }
        while let Ok(event) = rx.try_recv() {
            if let Some((i, ended)) = event {
                done(i, ended);
                busy = true;
            }
        }
        let now = Instant::now();
        let stopping = stop.load(Ordering::Relaxed);
        let mut abandoned: Vec<Slot> = Vec::new();
        slots.retain(|slot| {
            let mut state = lock(slot);
            if state.exited || state.abandoned {
                return false;
            }
            let Some((i, _)) = state.running else {
                return true;
            };
            let ended = if stopping && !state.claimed {
                Ended::Interrupted
            } else if past(state.running, limit, now) {
                if state.claimed {
                    Ended::TimedOutClaimed
                } else {
                    Ended::TimedOut
                }
            } else {
                return true;
            };
            state.abandoned = true;
            state.stop.stop();
            drop(state);
            abandoned.push(slot.clone());
            done(i, ended);
            false
        });
        leaving.extend(abandoned.into_iter().map(|slot| (slot, now)));
        // A worker that left (or ignored its flag too long) makes room for
        // a new one, unless the batch is being stopped.
        let mut replace = 0;
        leaving.retain(|(slot, since)| {
            let gone = lock(slot).exited || now.duration_since(*since) >= GRACE;
            if gone && !stopping {
                replace += 1;
            }
            !gone
        });
        for _ in 0..replace {
            match spawn_worker(&shared, &tx) {
                Ok(slot) => slots.push(slot),
                Err(e) => no_thread = Some(e.to_string()),
            }
        }
        if slots.is_empty() && (leaving.is_empty() || stopping) {
            while let Ok(event) = rx.try_recv() {
                if let Some((i, ended)) = event {
                    done(i, ended);
                }
            }
            // Without any worker, what was never started cannot run.
            if let Some(e) = &no_thread {
                while let Some(i) = shared.take() {
                    done(i, Ended::NoThread(e.clone()));
                }
            }
            break;
        }
    }
}

/// Runs one job with the time limit and the stop flag of [`run`].
pub fn run_one<T: Send + 'static>(
    limit: Option<Duration>,
    stop: &Arc<AtomicBool>,
    f: impl FnOnce() -> T + Send + 'static,
) -> Ended<T> {
    let f = Mutex::new(Some(f));
    let mut out = Ended::Interrupted;
    run(
        1,
        1,
        limit,
        stop,
        move |_, _: &Claim| {
            let f = f.lock().unwrap_or_else(|e| e.into_inner()).take();
            f.map(|f| f())
        },
        |_, ended| {
            out = match ended {
                Ended::Done(Some(t)) => Ended::Done(t),
                Ended::Done(None) => Ended::Panicked,
                Ended::TimedOut => Ended::TimedOut,
                Ended::TimedOutClaimed => Ended::TimedOutClaimed,
                Ended::Interrupted => Ended::Interrupted,
                Ended::Panicked => Ended::Panicked,
                Ended::NoThread(e) => Ended::NoThread(e),
            }
        },
    );
    out
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
        if i == self.next && self.early.is_empty() {
            emit(t);
            self.next += 1;
            return;
        }
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

/// Sets `stop` on Ctrl-C. Failing to install the handler only loses the
/// clean shutdown, so it is not an error.
pub fn on_ctrl_c() -> Arc<AtomicBool> {
    let stop = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&stop);
    let _ = ctrlc::set_handler(move || flag.store(true, Ordering::SeqCst));
    stop
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ended_at(
        jobs: usize,
        n: usize,
        limit: Option<Duration>,
        work: impl Fn(usize) -> usize + Send + Sync + 'static,
    ) -> Vec<(usize, String)> {
        let stop = Arc::new(AtomicBool::new(false));
        let mut got = Vec::new();
        run(
            jobs,
            n,
            limit,
            &stop,
            move |i, _: &Claim| work(i),
            |i, e| {
                got.push((
                    i,
                    match e {
                        Ended::Done(v) => v.to_string(),
                        Ended::TimedOut => "timed out".into(),
                        Ended::TimedOutClaimed => "timed out claimed".into(),
                        Ended::Interrupted => "interrupted".into(),
                        Ended::Panicked => "panicked".into(),
                        Ended::NoThread(e) => e,
                    },
                ))
            },
        );
        got.sort();
        got
    }

    #[test]
    fn results_come_back_in_order_and_all_of_them() {
        let stop = Arc::new(AtomicBool::new(false));
        let mut order = InOrder::new();
        let mut got = Vec::new();
        run(
            3,
            100,
            None,
            &stop,
            |i, _: &Claim| {
                std::thread::sleep(Duration::from_micros((i as u64 * 7919) % 500));
                i * 2
            },
            |i, v| {
                if let Ended::Done(v) = v {
                    order.push(i, v, |v| got.push(v))
                }
            },
        );
        order.finish(|v| got.push(v));
        assert_eq!(got, (0..100).map(|i| i * 2).collect::<Vec<_>>());
    }

    #[test]
    fn a_slow_job_times_out_the_others_go_on_and_a_panic_is_reported() {
        // A limit well above what a panic with its backtrace takes on a
        // loaded machine, so only the sleeper runs past it.
        let got = ended_at(2, 6, Some(Duration::from_secs(2)), |i| {
            match i {
                1 => std::thread::sleep(Duration::from_secs(30)),
                4 => panic!("boom"),
                _ => {}
            }
            i
        });
        let want: Vec<(usize, String)> = vec![
            (0, "0".into()),
            (1, "timed out".into()),
            (2, "2".into()),
            (3, "3".into()),
            (4, "panicked".into()),
            (5, "5".into()),
        ];
        assert_eq!(got, want);
    }

    #[test]
    fn every_worker_stuck_still_finishes_the_batch() {
        // One worker, two stuck jobs in a row: each gets a replacement.
        let got = ended_at(1, 4, Some(Duration::from_millis(100)), |i| {
            if i < 2 {
                std::thread::sleep(Duration::from_secs(5));
            }
            i
        });
        assert_eq!(got.len(), 4);
        assert_eq!(got.get(1).map(|g| g.1.as_str()), Some("timed out"));
        assert_eq!(got.get(3).map(|g| g.1.as_str()), Some("3"));
    }

    /// How each job of `run` ended, by index, with a job's own work.
    fn endings(
        limit: Duration,
        stop: &Arc<AtomicBool>,
        work: impl Fn(usize, &Claim) -> usize + Send + Sync + 'static,
    ) -> Vec<(usize, &'static str)> {
        let mut got = Vec::new();
        run(2, 2, Some(limit), stop, work, |i, e| {
            got.push((
                i,
                match e {
                    Ended::Done(_) => "done",
                    Ended::TimedOut => "timed out",
                    Ended::TimedOutClaimed => "timed out claimed",
                    Ended::Interrupted => "interrupted",
                    _ => "other",
                },
            ))
        });
        got.sort();
        got
    }

    #[test]
    fn a_late_claim_is_refused_and_a_claimed_job_is_timed_as_such() {
        let granted = Arc::new(AtomicUsize::new(0));
        let seen = Arc::clone(&granted);
        let stop = Arc::new(AtomicBool::new(false));
        let got = endings(Duration::from_millis(200), &stop, move |i, claim| {
            if i == 0 {
                // Past the limit before claiming: the claim is refused.
                std::thread::sleep(Duration::from_secs(1));
                if claim.take() {
                    seen.fetch_add(1, Ordering::SeqCst);
                }
            } else {
                // Claimed in time, then stuck writing.
                assert!(claim.take());
                std::thread::sleep(Duration::from_secs(1));
            }
            i
        });
        std::thread::sleep(Duration::from_millis(1500));
        assert_eq!(granted.load(Ordering::SeqCst), 0);
        assert_eq!(got, vec![(0, "timed out"), (1, "timed out claimed")]);
    }

    #[test]
    fn a_job_past_the_limit_cannot_claim_however_soon_it_ends() {
        // 3 ms of work against a 1 ms limit ends long before the collector's
        // next look (20 ms): the clock, not the look, times it out.
        let stop = Arc::new(AtomicBool::new(false));
        let got = endings(Duration::from_millis(1), &stop, |i, claim| {
            std::thread::sleep(Duration::from_millis(3));
            assert!(!claim.take());
            i
        });
        assert_eq!(got, vec![(0, "timed out"), (1, "timed out")]);
    }

    #[test]
    fn ctrl_c_lets_a_claimed_job_finish() {
        let stop = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&stop);
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(150));
            flag.store(true, Ordering::SeqCst);
        });
        let got = endings(Duration::from_secs(30), &stop, |i, claim| {
            if i == 0 {
                assert!(claim.take());
            }
            std::thread::sleep(Duration::from_millis(600));
            i
        });
        assert_eq!(got, vec![(0, "done"), (1, "interrupted")]);
    }

    #[test]
    fn a_timed_out_job_that_checks_its_flag_leaves_before_its_replacement_starts() {
        // Jobs that run until stopped: at no time do more than `jobs` of
        // them run at once, and each is replaced once it left.
        let running = Arc::new(AtomicUsize::new(0));
        let most = Arc::new(AtomicUsize::new(0));
        let (now, peak) = (Arc::clone(&running), Arc::clone(&most));
        let got = ended_at(2, 6, Some(Duration::from_millis(100)), move |i| {
            let at_once = now.fetch_add(1, Ordering::SeqCst) + 1;
            peak.fetch_max(at_once, Ordering::SeqCst);
            while watch::checkpoint().is_ok() {
                std::thread::sleep(Duration::from_millis(5));
            }
            // Some cleanup after the stop, still counted as running.
            std::thread::sleep(Duration::from_millis(30));
            now.fetch_sub(1, Ordering::SeqCst);
            i
        });
        assert_eq!(got.len(), 6);
        assert!(got.iter().all(|(_, e)| e == "timed out"), "{got:?}");
        assert_eq!(most.load(Ordering::SeqCst), 2);
    }

    #[test]
    fn run_one_reports_each_ending() {
        let stop = Arc::new(AtomicBool::new(false));
        let slow = run_one(Some(Duration::from_millis(100)), &stop, || {
            std::thread::sleep(Duration::from_secs(5));
        });
        assert!(matches!(slow, Ended::TimedOut));
        let quick = run_one(Some(Duration::from_secs(5)), &stop, || 7);
        assert!(matches!(quick, Ended::Done(7)));
        let panicked = run_one(None, &stop, || -> u8 { panic!("boom") });
        assert!(matches!(panicked, Ended::Panicked));
        stop.store(true, Ordering::SeqCst);
        let stopped = run_one(None, &stop, || 1);
        assert!(matches!(stopped, Ended::Interrupted));
    }
}
