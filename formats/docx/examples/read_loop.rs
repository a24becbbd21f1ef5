//! Read a DOCX file N times (for profiling with callgrind):
//! `cargo run --release -p gongkai-format-docx --example read_loop -- [FILE] [N]`.
//! The file defaults to the official template, N to 20; either order works.

use gongkai_ir::ReadOptions;

fn main() {
    let mut path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../fixtures/samples/template-2021.docx"
    )
    .to_string();
    let mut n: usize = 20;
    for arg in std::env::args().skip(1) {
        match arg.parse() {
            Ok(count) => n = count,
            Err(_) => path = arg,
        }
    }
    let data = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let options = ReadOptions::default();
    let mut blocks = 0;
    for _ in 0..n {
        let doc = gongkai_format_docx::read(std::hint::black_box(&data), &options).expect("read");
        blocks += doc.blocks.len();
    }
    println!("{blocks}");
}
