//! Reading speed against `pdftotext -layout` on the same files, in pages per
//! second (criterion's elements/s): every fixture PDF.

use std::process::Command;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use gongkai_format_pdf::PdfReader;
use gongkai_ir::{ReadOptions, Reader};

use gongkai_testkit::fixtures;

fn bench(c: &mut Criterion) {
    let options = ReadOptions::default();
    let has_pdftotext = Command::new("pdftotext").arg("-v").output().is_ok();
    let mut group = c.benchmark_group("pdf");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(2));
    for path in fixtures::pdfs() {
        let Ok(data) = std::fs::read(&path) else {
            continue;
        };
        let pages = lopdf::Document::load_mem(&data)
            .map(|d| d.get_pages().len() as u64)
            .unwrap_or(1);
        let name = path
            .file_stem()
            .map(|s| s.to_string_lossy().to_string())
            .unwrap_or_default();
        group.throughput(Throughput::Elements(pages));
        group.bench_function(format!("gongkai/{name}"), |b| {
            b.iter(|| PdfReader.read(&data, &options))
        });
        if has_pdftotext {
            group.bench_function(format!("pdftotext-layout/{name}"), |b| {
                b.iter(|| {
                    Command::new("pdftotext")
                        .arg("-layout")
                        .arg(&path)
                        .arg("-")
                        .output()
                })
            });
        }
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
