//! Print the IR dump of PDF files: `cargo run -p gongkai-format-pdf --example dump -- FILE...`.

use gongkai_ir::{ReadOptions, Reader};

fn main() {
    for path in std::env::args().skip(1) {
        let data = std::fs::read(&path).unwrap_or_default();
        println!("=== {path}");
        match gongkai_format_pdf::PdfReader.read(&data, &ReadOptions::default()) {
            Ok(doc) => print!("{}", gongkai_ir::dump(&doc)),
            Err(e) => println!("error: {e}"),
        }
    }
}
