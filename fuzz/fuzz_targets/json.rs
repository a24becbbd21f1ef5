//! Arbitrary bytes through the `gongkai.report/1` JSON reader; what it
//! accepts must write out again with every writer.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    gongkai_fuzz::load_as("json", data);
});
