//! Random documents of real labels, numbers and random text through the
//! normalizer.
#![no_main]

use gongkai_fuzz::ArbitraryDocument;
use gongkai_report::Source;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|doc: ArbitraryDocument| {
    if let Ok(report) = gongkai_normalize::normalize(&doc.0, Source::default()) {
        gongkai_fuzz::render_all(&report);
    }
});
