//! Arbitrary bytes through the HTML reader (web pages and MHT archives), and the normalizer on success.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    gongkai_fuzz::load_as("html", data);
});
