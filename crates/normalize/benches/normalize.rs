//! Micro-benchmarks: the text reader and the normalizer (with checks) on the
//! seeds, separately and together, plus the JSON rendering.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use gongkai_ir::{ReadOptions, Reader};
use gongkai_report::Source;

fn seeds() -> Vec<(String, Vec<u8>)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/seeds");
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "txt"))
                .filter_map(|p| {
                    Some((
                        p.file_name()?.to_string_lossy().into_owned(),
                        std::fs::read(&p).ok()?,
                    ))
                })
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

fn bench(c: &mut Criterion) {
    let seeds = seeds();
    let total: u64 = seeds.iter().map(|(_, d)| d.len() as u64).sum();
    let options = ReadOptions::default();
    let reader = gongkai_format_text::TextReader;
    let docs: Vec<_> = seeds
        .iter()
        .filter_map(|(_, d)| reader.read(d, &options).ok())
        .collect();

    let mut group = c.benchmark_group("seeds");
    group.throughput(Throughput::Bytes(total));
    group.bench_function("text_read", |b| {
        b.iter(|| {
            for (_, d) in &seeds {
                let _ = reader.read(d, &options);
            }
        })
    });
    group.bench_function("normalize_and_check", |b| {
        b.iter(|| {
            for doc in &docs {
                let _ = gongkai_normalize::normalize(doc, Source::default());
            }
        })
    });
    group.bench_function("read_normalize_json", |b| {
        b.iter(|| {
            for (_, d) in &seeds {
                if let Ok(doc) = reader.read(d, &options) {
                    if let Ok(report) = gongkai_normalize::normalize(&doc, Source::default()) {
                        let _ = serde_json::to_vec_pretty(&report);
                    }
                }
            }
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
