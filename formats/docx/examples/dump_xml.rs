//! Read each document.xml file given on the command line and print its IR
//! dump (with diagnostics) or the error: used to check that a change to the
//! reader keeps its output the same on a corpus of (mutated) documents.

use gongkai_ir::{dump, ReadOptions};

fn main() {
    let options = ReadOptions::default();
    for path in std::env::args().skip(1) {
        let xml = std::fs::read_to_string(&path).expect("utf-8 file");
        println!("== {path}");
        match gongkai_format_docx::read_document_xml(&xml, &options) {
            Ok(doc) => {
                println!("{}", dump(&doc));
                for d in &doc.diagnostics {
                    println!("diag {d:?}");
                }
            }
            Err(e) => println!("error {e:?}"),
        }
    }
}
