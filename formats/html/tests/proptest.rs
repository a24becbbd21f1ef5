//! Random valid reports: HTML writer → HTML reader → normalizer gives the
//! same title, organ, year and tables.

use gongkai_format_html::{read_html, render};
use gongkai_ir::ReadOptions;
use gongkai_report::Source;
use gongkai_testkit::arb;
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn html_round_trip(report in arb::report()) {
        let page = render(&report);
        let doc = read_html(page.as_bytes(), &ReadOptions::default()).unwrap();
        let back = gongkai_normalize::normalize(&doc, Source::default()).unwrap();
        arb::assert_same(&back, &report)?;
    }
}
