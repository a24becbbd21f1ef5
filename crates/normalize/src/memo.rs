//! Per-thread memos of label readings: an archive repeats the same labels
//! in every report, so most lookups become one hash probe.

use std::cell::RefCell;
use std::collections::HashMap;
use std::thread::LocalKey;

/// One memo: text → its reading. foldhash, not SipHash: the keys are the
/// document's own labels, and hashing them was a tenth of the memo's cost
/// (still seeded per process: a hostile file cannot aim at collisions).
pub type Memo<T> = RefCell<HashMap<Box<str>, T, foldhash::fast::RandomState>>;

/// Most labels remembered per thread; the memo is emptied when full.
const MEMO_CAPACITY: usize = 8192;

/// The memoized value of `compute()` for `text`.
pub fn memo<T: Copy + 'static>(
    cache: &'static LocalKey<Memo<T>>,
    text: &str,
    compute: impl FnOnce() -> T,
) -> T {
    if let Some(hit) = cache.with(|c| c.borrow().get(text).copied()) {
        return hit;
    }
    let value = compute();
    cache.with(|c| {
        let mut c = c.borrow_mut();
        if c.len() >= MEMO_CAPACITY {
            c.clear();
        }
        c.insert(text.into(), value);
    });
    value
}

/// A per-thread memo of one kind of label match.
macro_rules! memo_table {
    ($name:ident: $t:ty) => {
        thread_local! {
            static $name: $crate::memo::Memo<$t> = Default::default();
        }
    };
}
