//! Reading speed against `pdftotext -layout` on the same files.

use std::path::PathBuf;
use std::process::Command;

use criterion::{criterion_group, criterion_main, Criterion};
use gongkai_format_pdf::PdfReader;
use gongkai_ir::{ReadOptions, Reader};

fn files() -> Vec<PathBuf> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures");
    let mut out = vec![root.join("samples/hzq2024.pdf")];
    if let Ok(dir) = std::fs::read_dir(root.join("edge")) {
        let mut edge: Vec<PathBuf> = dir
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
            .collect();
        edge.sort();
        out.extend(edge);
    }
    out
}

fn bench(c: &mut Criterion) {
    let files = files();
    let data: Vec<Vec<u8>> = files
        .iter()
        .map(|p| std::fs::read(p).unwrap_or_default())
        .collect();
    let options = ReadOptions::default();
    let mut group = c.benchmark_group("pdf");
    group.sample_size(20);
    group.bench_function("gongkai/hzq2024", |b| {
        b.iter(|| PdfReader.read(&data[0], &options))
    });
    group.bench_function("gongkai/edge_all", |b| {
        b.iter(|| {
            for d in &data[1..] {
                let _ = PdfReader.read(d, &options);
            }
        })
    });
    let has_pdftotext = Command::new("pdftotext").arg("-v").output().is_ok();
    if has_pdftotext {
        let run = |p: &PathBuf| {
            Command::new("pdftotext")
                .args(["-layout"])
                .arg(p)
                .arg("-")
                .output()
        };
        group.bench_function("pdftotext-layout/hzq2024", |b| b.iter(|| run(&files[0])));
        group.bench_function("pdftotext-layout/edge_all", |b| {
            b.iter(|| {
                for p in &files[1..] {
                    let _ = run(p);
                }
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
