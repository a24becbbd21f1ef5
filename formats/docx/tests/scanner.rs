//! The byte scanner changes nothing but speed: every DOCX fixture reads the
//! same with it on and off (the IR dump, the diagnostics, and for a file
//! that fails, the error), under the default limits and under tight ones
//! that stop most files part of the way through.

use gongkai_format_docx::{DocxReader, Scanner};
use gongkai_ir::{dump, Document, Limits, ReadError, ReadOptions};
use gongkai_testkit::fixtures;

/// The fixture directories that hold DOCX files (and the legacy `.doc`).
const DIRS: [&str; 4] = ["docx", "edge", "samples", "bad"];

fn docx_files() -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = DIRS
        .iter()
        .flat_map(|dir| fixtures::files_in(&fixtures::root().join(dir), &["docx", "doc"]))
        .collect();
    files.sort();
    files
}

/// What a read gives, as text: the dump and the diagnostics, or the error.
fn outcome(result: Result<Document, ReadError>) -> String {
    match result {
        Ok(doc) => format!("{}\n{:#?}", dump(&doc), doc.diagnostics),
        Err(e) => format!("error: {e}\n{e:?}"),
    }
}

#[test]
fn every_docx_fixture_reads_the_same_with_the_scanner_on_and_off() {
    let tight = Limits {
        max_xml_depth: 8,
        max_cells: 30,
        max_text_chars: 500,
        ..Limits::default()
    };
    let files = docx_files();
    assert!(files.len() >= 20, "only {} DOCX fixtures", files.len());
    let (mut read, mut failed) = (0, 0);
    for path in &files {
        let data = std::fs::read(path).unwrap();
        for limits in [Limits::default(), tight.clone()] {
            let options = ReadOptions {
                limits,
                ..ReadOptions::default()
            };
            let on = DocxReader.read_with(&data, &options, Scanner::On);
            match &on {
                Ok(_) => read += 1,
                Err(_) => failed += 1,
            }
            let off = DocxReader.read_with(&data, &options, Scanner::Off);
            assert_eq!(
                outcome(on),
                outcome(off),
                "{} ({:?}): scanner on (left) and off (right) differ",
                path.display(),
                options.limits
            );
        }
    }
    // Both ways are exercised: documents read whole and reads that fail.
    assert!(read >= 10 && failed >= 10, "{read} read, {failed} failed");
}
