//! Reading the official blank template (one page of tables, ~23 KB zipped).

use criterion::{criterion_group, criterion_main, Criterion};
use gongkai_ir::ReadOptions;

fn template(c: &mut Criterion) {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../fixtures/samples/template-2021.docx"
    );
    let data = std::fs::read(path).expect("template fixture");
    let options = ReadOptions::default();
    c.bench_function("read template-2021.docx", |b| {
        b.iter(|| gongkai_format_docx::read(std::hint::black_box(&data), &options).expect("read"))
    });
}

criterion_group!(benches, template);
criterion_main!(benches);
