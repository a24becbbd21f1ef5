//! Arbitrary `document.xml` bytes read with the DOCX byte scanner on and off:
//! both must give the same IR dump and diagnostics, or the same error.
#![no_main]

use gongkai_format_docx::{read_document_bytes, Scanner};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let options = gongkai_fuzz::options();
    let on = read_document_bytes(data, &options, Scanner::On);
    let off = read_document_bytes(data, &options, Scanner::Off);
    match (&on, &off) {
        (Ok(a), Ok(b)) => {
            assert_eq!(gongkai_ir::dump(a), gongkai_ir::dump(b), "IR differs");
            assert_eq!(a.diagnostics, b.diagnostics, "diagnostics differ");
        }
        (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string(), "errors differ"),
        _ => panic!("scanner on and off disagree: on {on:?}, off {off:?}"),
    }
});
