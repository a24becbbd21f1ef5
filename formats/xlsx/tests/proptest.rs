//! Random valid reports: XLSX writer → XLSX reader → normalizer gives the
//! same title, organ, year and tables.

use gongkai_format_xlsx::{write_workbook, XlsxReader};
use gongkai_ir::{ReadOptions, Reader};
use gongkai_report::Source;
use gongkai_testkit::arb;
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    #[test]
    fn xlsx_round_trip(report in arb::report()) {
        let bytes = write_workbook(&report).unwrap();
        let doc = XlsxReader.read(&bytes, &ReadOptions::default()).unwrap();
        let back = gongkai_normalize::normalize(&doc, Source::default()).unwrap();
        arb::assert_same(&back, &report)?;
    }
}
