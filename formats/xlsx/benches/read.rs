//! Reading each spreadsheet fixture (XLSX by rust_xlsxwriter and by
//! LibreOffice, ODS, XLS) into the IR.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use gongkai_ir::{ReadOptions, Reader};

fn bench(c: &mut Criterion) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/xlsx");
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .map(|d| {
            d.flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e != "json"))
                .filter_map(|p| {
                    let name = p.file_name()?.to_string_lossy().into_owned();
                    Some((name, std::fs::read(&p).ok()?))
                })
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    let options = ReadOptions::default();
    let mut group = c.benchmark_group("xlsx_read");
    for (name, data) in &files {
        group.throughput(Throughput::Bytes(data.len() as u64));
        group.bench_function(name.as_str(), |b| {
            b.iter(|| gongkai_format_xlsx::XlsxReader.read(data, &options))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
