//! The running read's stop flag and memory budget, which readers check in
//! their loops with [`checkpoint`].
//!
//! Rust cannot kill a thread, so a read that timed out or was interrupted
//! must stop itself: whoever runs it sets a [`StopFlag`] ([`watching`]), and
//! every reader calls [`checkpoint`] in its long loops (per operator, XML
//! event, row, line). The memory budget works the same way: the binary's
//! global allocator is a [`CountingAlloc`], which counts the bytes each
//! thread holds; [`with_memory_budget`] notes the count when a read starts,
//! and a checkpoint past the budget ends the read with a limit error, so a
//! file that needs too much memory costs one error line, not the batch.
//! Without a `CountingAlloc` (a library user's own allocator) the budget is
//! never reached; the stop flag works either way. A loop that cannot return
//! an error may just end early: whoever set the flag or the budget calls
//! `checkpoint` once more when the read returns (the facade does), so a
//! shortened read is never taken for a whole one.

use std::alloc::{GlobalAlloc, Layout};
use std::cell::{Cell, RefCell};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use crate::{Limit, ReadError};

thread_local! {
    /// Bytes this thread allocated minus bytes it freed (may go negative
    /// when it frees what another thread allocated).
    static LIVE: Cell<i64> = const { Cell::new(0) };
    /// The highest [`LIVE`] since the budget was set.
    static PEAK: Cell<i64> = const { Cell::new(0) };
    /// The count when the read started, and the bytes it may add.
    static BUDGET: Cell<Option<(i64, u64)>> = const { Cell::new(None) };
    /// The stop flag of the job this thread runs.
    static STOP: RefCell<Option<StopFlag>> = const { RefCell::new(None) };
}

/// A flag that asks a running read to stop at its next [`checkpoint`].
#[derive(Debug, Clone, Default)]
pub struct StopFlag(Arc<AtomicBool>);

impl StopFlag {
    /// A flag not yet set.
    pub fn new() -> Self {
        Self::default()
    }

    /// Ask the read to stop.
    pub fn stop(&self) {
        self.0.store(true, Ordering::Relaxed);
    }

    /// True once [`StopFlag::stop`] was called.
    pub fn is_stopped(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

/// Run `f` with `flag` as this thread's stop flag (the previous one comes
/// back afterwards, even if `f` panics).
pub fn watching<T>(flag: &StopFlag, f: impl FnOnce() -> T) -> T {
    struct Restore(Option<StopFlag>);
    impl Drop for Restore {
        fn drop(&mut self) {
            let previous = self.0.take();
            let _ = STOP.try_with(|s| s.replace(previous));
        }
    }
    let _restore = Restore(STOP.with(|s| s.replace(Some(flag.clone()))));
    f()
}

/// Run `f` allowed to add at most `budget` bytes to what this thread holds;
/// a [`checkpoint`] past it fails. The budget in force before comes back
/// afterwards.
pub fn with_memory_budget<T>(budget: u64, f: impl FnOnce() -> T) -> T {
    struct Restore(Option<(i64, u64)>, i64);
    impl Drop for Restore {
        fn drop(&mut self) {
            BUDGET.set(self.0);
            // The outer read's peak includes the inner one's.
            PEAK.set(self.1.max(PEAK.get()));
        }
    }
    let live = LIVE.get();
    let _restore = Restore(BUDGET.replace(Some((live, budget))), PEAK.replace(live));
    f()
}

/// The most bytes the running read has held at once, over what the thread
/// held when its budget was set; 0 without a budget or a [`CountingAlloc`].
pub fn peak_bytes() -> u64 {
    match BUDGET.get() {
        Some((start, _)) => u64::try_from(PEAK.get().saturating_sub(start)).unwrap_or(0),
        None => 0,
    }
}

/// Fail when the running read was asked to stop or went past its memory
/// budget; readers call it in every loop whose length input decides.
pub fn checkpoint() -> Result<(), ReadError> {
    if STOP.with_borrow(|s| s.as_ref().is_some_and(StopFlag::is_stopped)) {
        return Err(ReadError::Stopped);
    }
    if let Some((_, budget)) = BUDGET.get() {
        let used = peak_bytes();
        if used > budget {
            return Err(ReadError::Limit {
                limit: Limit::Memory,
                what: crate::Oversize::Memory(used),
                max: budget,
            });
        }
    }
    Ok(())
}

/// A global allocator that counts the bytes each thread holds, for the
/// memory budget: `#[global_allocator] static A: CountingAlloc<System> =
/// CountingAlloc(System);`.
pub struct CountingAlloc<A>(pub A);

/// Add `delta` to this thread's count. `try_with`: the thread may be
/// tearing down its thread-locals (these have no destructor, so it cannot
/// fail, but an allocator must never panic).
fn count(delta: i64) {
    let _ = LIVE.try_with(|live| {
        let now = live.get().wrapping_add(delta);
        live.set(now);
        if delta > 0 {
            let _ = PEAK.try_with(|peak| {
                if now > peak.get() {
                    peak.set(now);
                }
            });
        }
    });
}

fn size(layout: Layout) -> i64 {
    i64::try_from(layout.size()).unwrap_or(i64::MAX)
}

// SAFETY: every call is passed on unchanged to the inner allocator, which
// upholds GlobalAlloc's contract; counting touches only const-initialised
// thread-locals without destructors, so it neither allocates nor panics.
unsafe impl<A: GlobalAlloc> GlobalAlloc for CountingAlloc<A> {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract is the inner allocator's.
        let p = unsafe { self.0.alloc(layout) };
        if !p.is_null() {
            count(size(layout));
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as above.
        let p = unsafe { self.0.alloc_zeroed(layout) };
        if !p.is_null() {
            count(size(layout));
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: as above.
        unsafe { self.0.dealloc(ptr, layout) };
        count(-size(layout));
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: as above.
        let p = unsafe { self.0.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            count(i64::try_from(new_size).unwrap_or(i64::MAX) - size(layout));
        }
        p
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_set_flag_stops_only_the_reads_it_watches() {
        assert!(checkpoint().is_ok());
        let flag = StopFlag::new();
        watching(&flag, || {
            assert!(checkpoint().is_ok());
            flag.stop();
            assert!(matches!(checkpoint(), Err(ReadError::Stopped)));
            // A nested read with its own flag is not stopped by the outer one.
            watching(&StopFlag::new(), || assert!(checkpoint().is_ok()));
            assert!(checkpoint().is_err());
        });
        assert!(checkpoint().is_ok());
    }

    #[test]
    fn the_flag_is_restored_after_a_panic() {
        let flag = StopFlag::new();
        flag.stop();
        let caught = std::panic::catch_unwind(|| watching(&flag, || panic!("boom")));
        assert!(caught.is_err());
        assert!(checkpoint().is_ok());
    }

    #[test]
    fn without_a_counting_allocator_the_budget_is_never_reached() {
        // Tests run on the system allocator, which counts nothing.
        with_memory_budget(0, || {
            let held = vec![0u8; 1 << 20];
            assert!(checkpoint().is_ok(), "{}", held.len());
            assert_eq!(peak_bytes(), 0);
        });
    }

    #[test]
    fn counting_goes_up_and_down_and_keeps_the_peak() {
        // The counter functions, driven by hand as the allocator would.
        with_memory_budget(100, || {
            count(80);
            assert!(checkpoint().is_ok());
            count(-80);
            count(30);
            assert_eq!(peak_bytes(), 80);
            count(90);
            let err = checkpoint().unwrap_err();
            assert!(
                err.to_string()
                    .contains("memory use of 120 bytes exceeds the limit of 100 bytes"),
                "{err}"
            );
            count(-120);
        });
        assert!(checkpoint().is_ok());
    }
}
