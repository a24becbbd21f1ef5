//! Random valid reports: JSON writer → JSON reader gives the same report.

use gongkai_format_json::{JsonReportReader, JsonWriter};
use gongkai_report::WriteOptions;
use gongkai_report::{ReportReader, Source, Writer};
use gongkai_testkit::arb;
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn json_round_trip(report in arb::report()) {
        let mut bytes = Vec::new();
        JsonWriter.write(&report, &WriteOptions::default(), &mut bytes).unwrap();
        let back = JsonReportReader.read(&bytes, Source::default()).unwrap();
        arb::assert_same(&back, &report)?;
        prop_assert_eq!(&gongkai_report::run_checks(&back), &report.checks);
    }
}
