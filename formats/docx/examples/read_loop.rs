//! Read the official template N times (for profiling with callgrind):
//! `cargo run --release -p gongkai-format-docx --example read_loop -- 20`.

use gongkai_ir::ReadOptions;

fn main() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../fixtures/samples/template-2021.docx"
    );
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(20);
    let data = std::fs::read(path).expect("template fixture");
    let options = ReadOptions::default();
    let mut blocks = 0;
    for _ in 0..n {
        let doc = gongkai_format_docx::read(std::hint::black_box(&data), &options).expect("read");
        blocks += doc.blocks.len();
    }
    println!("{blocks}");
}
