//! Reading the official blank template (one page of tables, 23 KB zipped,
//! 250 KB of document.xml): the whole read, and the XML pass alone.

use std::io::Read;

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
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&data)).expect("zip");
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .expect("document.xml")
        .read_to_string(&mut xml)
        .expect("inflate");
    c.bench_function("parse template document.xml", |b| {
        b.iter(|| {
            gongkai_format_docx::read_document_xml(std::hint::black_box(&xml), &options)
                .expect("parse")
        })
    });
}

criterion_group!(benches, template);
criterion_main!(benches, floor_group);

fn floor(c: &mut Criterion) {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../fixtures/samples/template-2021.docx"
    );
    let data = std::fs::read(path).expect("template fixture");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&data)).expect("zip");
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .expect("x")
        .read_to_string(&mut xml)
        .expect("inflate");
    c.bench_function("quick-xml events only", |b| {
        b.iter(|| {
            let mut r = quick_xml::Reader::from_str(&xml);
            let mut n = 0usize;
            while !matches!(r.read_event(), Ok(quick_xml::events::Event::Eof) | Err(_)) {
                n += 1;
            }
            n
        })
    });
    c.bench_function("inflate only", |b| {
        b.iter(|| {
            let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&data)).expect("zip");
            let mut v = Vec::new();
            zip.by_name("word/document.xml")
                .expect("x")
                .read_to_end(&mut v)
                .expect("inflate");
            v.len()
        })
    });
}
criterion_group!(floor_group, floor);
