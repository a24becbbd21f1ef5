//! Random valid reports: JSON writer → JSON reader gives the same report.

#[path = "../../markdown/tests/support/arb.rs"]
mod arb;

use gongkai_format_json::{JsonReportReader, JSON_WRITER};
use gongkai_report::{ReportReader, Source, Writer};
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn json_round_trip(report in arb::report()) {
        let mut bytes = Vec::new();
        JSON_WRITER.write(&report, &mut bytes).unwrap();
        let back = JsonReportReader.read(&bytes, Source::default()).unwrap();
        arb::assert_same(&back, &report)?;
        prop_assert_eq!(&back.checks, &report.checks);
    }
}
