//! A fixed workload for profilers (`valgrind --tool=callgrind`): read and
//! normalize the seeds N times (default 100), then print reports per second.

use gongkai_ir::{ReadOptions, Reader};
use gongkai_report::Source;

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(100);
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/seeds");
    let seeds: Vec<Vec<u8>> = std::fs::read_dir(&dir)
        .map(|d| {
            d.flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "txt"))
                .filter_map(|p| std::fs::read(p).ok())
                .collect()
        })
        .unwrap_or_default();
    let options = ReadOptions::default();
    let start = std::time::Instant::now();
    let mut reports = 0usize;
    for _ in 0..n {
        for data in &seeds {
            let Ok(doc) = gongkai_format_text::TextReader.read(data, &options) else {
                continue;
            };
            if let Ok(report) = gongkai_normalize::normalize(&doc, Source::default()) {
                reports += usize::from(serde_json::to_vec_pretty(&report).is_ok());
            }
        }
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{reports} reports in {secs:.3} s: {:.0} reports/s",
        reports as f64 / secs
    );
}
