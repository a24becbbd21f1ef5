//! How long the SQLite dataset takes per report, without converting:
//! `cargo test -p gongkai-dataset --release --test write_speed -- --ignored --nocapture`
//! (`GONGKAI_WRITE_SPEED_N` reports, 10,000 by default). The batch's own
//! figure is `cargo xtask bench --dataset-only`.

use std::path::PathBuf;
use std::time::Instant;

use gongkai_dataset::{Dataset, Entry, OrganAliases};
use gongkai_report::{run_checks, Report};

#[test]
#[ignore = "a measurement: run it by name"]
fn sqlite_write_speed() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let text = std::fs::read_to_string(root.join("fixtures/markdown/sample.expected.json"))
        .unwrap_or_else(|e| panic!("{e}"));
    // The expected file lists a few checks only, without messages: they
    // are run again below.
    let mut value: serde_json::Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}"));
    if let Some(o) = value.as_object_mut() {
        o.remove("checks");
    }
    let mut report: Report = serde_json::from_value(value).unwrap_or_else(|e| panic!("{e}"));
    report.checks = run_checks(&report);
    let n: usize = std::env::var("GONGKAI_WRITE_SPEED_N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let dir = tempfile::tempdir_in("/dev/shm")
        .or_else(|_| tempfile::tempdir())
        .unwrap_or_else(|e| panic!("{e}"));
    let db = dir.path().join("d.sqlite");
    let start = Instant::now();
    let cpu_start = cpu_seconds();
    let mut dataset = Dataset::open(&db).unwrap_or_else(|e| panic!("{e}"));
    for i in 0..n {
        let path = format!("/corpus/{:02}/r{i:05}.txt", i % 10);
        let entry = Entry {
            path: &path,
            sha256: "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            status: "ok",
        };
        dataset
            .add(&entry, &report)
            .unwrap_or_else(|e| panic!("{e}"));
    }
    let added = start.elapsed();
    let cpu_added = cpu_seconds() - cpu_start;
    let years = dataset
        .finish(&OrganAliases::default())
        .unwrap_or_else(|e| panic!("{e}"));
    let all = start.elapsed();
    let cpu_all = cpu_seconds() - cpu_start;
    let size = std::fs::metadata(&db).map(|m| m.len()).unwrap_or(0);
    println!(
        "{n} reports ({} checks each): added in {:.2} s ({:.1} µs/report; CPU {:.2} s, {:.1} µs/report), finished in {:.2} s (CPU {:.2} s), {} year checks, {:.1} MB",
        report.checks.len(),
        added.as_secs_f64(),
        added.as_secs_f64() * 1e6 / n as f64,
        cpu_added,
        cpu_added * 1e6 / n as f64,
        all.as_secs_f64(),
        cpu_all,
        years.len(),
        size as f64 / 1e6
    );
}

/// The process's CPU time so far (user and system, every thread), from
/// `/proc/self/stat` (in ticks of 1/100 s); 0 where there is none.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // The fields after the command name, which is in parentheses.
    let rest = stat.rsplit_once(')').map(|(_, r)| r).unwrap_or("");
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    // utime and stime are fields 14 and 15 of stat, 12 and 13 after the name.
    (ticks(11) + ticks(12)) / 100.0
}
