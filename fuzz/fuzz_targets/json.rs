//! Arbitrary bytes through the `gongkai.report/1` JSON reader; what it
//! accepts must write out again with every writer.
#![no_main]

use gongkai_report::{ReportReader, Source};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let reader = gongkai_format_json::JsonReportReader;
    let _ = reader.sniff(data);
    if let Ok(report) = reader.read(data, Source::default()) {
        let _ = gongkai_format_markdown::render(&report);
        let _ = gongkai_format_xlsx::write_workbook(&report);
        gongkai_fuzz::json_matches_serde_json(&report);
    }
});
