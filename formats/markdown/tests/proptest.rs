//! Random valid reports: Markdown writer → Markdown reader → normalizer
//! gives the same title, organ, year and tables.

use gongkai_format_markdown::{read_markdown, render};
use gongkai_ir::ReadOptions;
use gongkai_report::{Applicant, ApplicationRow, Applications, Layout, Num, Report, Source};
use gongkai_testkit::arb;
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn markdown_round_trip(report in arb::report()) {
        let md = render(&report);
        let doc = read_markdown(md.as_bytes(), &ReadOptions::default()).unwrap();
        let back = gongkai_normalize::normalize(&doc, Source::default()).unwrap();
        arb::assert_same(&back, &report)?;
    }
}

/// Found by `markdown_round_trip`: the 2019 （六）其他处理 row (no sub-rows,
/// an empty third label column) with 总计 blank read back shifted one column
/// right; values are now placed by the header's columns.
#[test]
fn layout_2019_other_processing_with_blank_total() {
    let mut report = Report::empty(Source::default());
    report.title = Some("沙湾市柳毛湾镇2008年政府信息公开工作年度报告".into());
    report.organ = Some("沙湾市柳毛湾镇".into());
    report.year = Some(2008);
    let mut t3 = Applications::blank(Layout::V2019);
    if let Some(row) = t3.rows.get_mut(&ApplicationRow::OtherProcessing) {
        row.insert(Applicant::NaturalPerson, Some(Num(5.0)));
        row.insert(Applicant::LegalPersonOther, Some(Num(7.0)));
    }
    report.applications = Some(t3);
    let md = render(&report);
    let doc = read_markdown(md.as_bytes(), &ReadOptions::default()).unwrap();
    let back = gongkai_normalize::normalize(&doc, Source::default()).unwrap();
    assert_eq!(back.applications, report.applications);
}
