//! The dataset writer's tuning, in one table: how many reports wait, how
//! they travel to the writer thread, how often it commits, and how much
//! page cache SQLite keeps. Measured by `cargo xtask bench --dataset-only`
//! (README "Speed"): the CPU the dataset adds and the batch's peak memory.

use std::time::Duration;

/// Reports handed to the writer and not yet written, at most: the workers
/// wait beyond that, so that memory stays bounded.
pub const QUEUED_REPORTS: usize = 16;
/// Reports sent to the writer together: waking its thread for each report
/// cost more than writing it.
pub const REPORTS_PER_MESSAGE: usize = 8;
/// A report that comes later than this after the one before is sent at
/// once (with those waiting): a slow batch loses none of its reports when
/// killed; a fast one at most the few of this last moment.
pub const SEND_AFTER: Duration = Duration::from_millis(50);
/// Reports per transaction at most (some 3 MB of pages, within the page
/// cache).
pub const REPORTS_PER_COMMIT: usize = 200;
/// The longest a report handed to the writer waits for its commit.
pub const COMMIT_EVERY: Duration = Duration::from_secs(1);
/// Rows bound to one `INSERT … VALUES (…), (…), …` statement: a statement
/// per row costs more than its values.
pub const ROWS_PER_INSERT: usize = 64;
/// SQLite's page cache, in KiB (the default is 2 MB): a transaction's pages
/// (200 reports of about 12 KB) stay in memory until its commit; the cache
/// is full after a few commits, so every MB more is a MB more of the
/// batch's peak (8 MB gave 101 MB for 10,000 mixed reports, 32 MB 107 MB
/// for 10,000 text reports).
pub const PAGE_CACHE_KIB: i64 = 3_000;
