//! Markdown written by the writer reads back through the reader with every
//! value at its label; the rendering itself is snapshotted.

use gongkai_format_markdown::{read_markdown, render};
use gongkai_ir::{Block, Document, ReadOptions, Table};
use gongkai_report::{
    ActiveDisclosure, Applicant, ApplicationRow, Applications, DisclosureRow, Layout,
    LitigationBlock, Num, Outcome, Report, ReviewLitigation, Source,
};

/// A report with distinct values everywhere, a decimal fee, a blank cell
/// and a broken 勾稽 rule.
fn sample(layout: Layout) -> Report {
    let mut r = Report::empty(Source::default());
    r.title = Some("沙湾市柳毛湾镇2023年政府信息公开工作年度报告".into());
    r.organ = Some("沙湾市柳毛湾镇".into());
    r.year = Some(2023);
    r.sections.overview = Some("2023年，柳毛湾镇按照主动公开\n# 第二段 | 带竖线".into());
    r.sections.problems = Some("一是政府信息公开工作规范性有待进一步加强".into());
    r.sections.other = Some("本年度没有产生信息公开处理费".into());
    let mut t2 = ActiveDisclosure::blank(layout);
    let mut n = 1.0;
    for (row, fields) in t2.rows.iter_mut() {
        for (field, v) in fields.iter_mut() {
            *v = Some(Num(if field.is_amount() { 96171.6 } else { n }));
            if *row == DisclosureRow::Licensing {
                *v = None;
            }
            n += 1.0;
        }
    }
    r.active_disclosure = Some(t2);
    let mut t3 = Applications::blank(layout);
    let mut n = 100.0;
    for (_, cols) in t3.rows.iter_mut() {
        for (_, v) in cols.iter_mut() {
            *v = Some(Num(n));
            n += 1.0;
        }
    }
    if let Some(row) = t3.rows.get_mut(&ApplicationRow::Granted) {
        row.insert(Applicant::LegalPersonResearch, None);
    }
    r.applications = Some(t3);
    let mut t4 = ReviewLitigation::blank();
    let mut n = 1000.0;
    for (_, outs) in t4.blocks.iter_mut() {
        for (_, v) in outs.iter_mut() {
            *v = Some(Num(n));
            n += 1.0;
        }
    }
    r.review_litigation = Some(t4);
    r.checks = gongkai_report::run_checks(&r);
    r
}

fn tables(doc: &Document) -> Vec<&Table> {
    doc.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .collect()
}

/// The texts of the first row holding `label`, from column `from` on.
fn values_at(t: &Table, label: &str, from: usize) -> Vec<String> {
    let row = t
        .rows
        .iter()
        .find(|r| r.cells.iter().any(|c| c.text == label))
        .unwrap_or_else(|| panic!("no row {label}"));
    row.cells
        .iter()
        .skip(from)
        .map(|c| c.text.clone())
        .collect()
}

fn show(v: Option<Num>) -> String {
    v.map(|n| n.to_string()).unwrap_or_default()
}

fn check(layout: Layout) {
    let report = sample(layout);
    let md = render(&report);
    let doc = read_markdown(md.as_bytes(), &ReadOptions::default()).unwrap();
    let paras: Vec<&str> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some(p.text.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(paras.first().copied(), report.title.as_deref());
    assert!(paras.contains(&"一、总体情况"));
    assert!(paras.contains(&"# 第二段 | 带竖线"), "{paras:?}");
    assert!(paras.contains(&"六、其他需要报告的事项"));
    let ts = tables(&doc);
    assert_eq!(ts.len(), 4);
    assert_eq!(values_at(ts[0], "报告机关", 1), vec!["沙湾市柳毛湾镇"]);
    assert_eq!(values_at(ts[0], "报告年度", 1), vec!["2023"]);

    let t2 = report.active_disclosure.as_ref().unwrap();
    for sub in DisclosureRow::subtables(layout) {
        for row in sub.rows {
            let mut want: Vec<String> = sub.fields.iter().map(|f| show(t2.get(*row, *f))).collect();
            want.resize(3, String::new());
            assert_eq!(values_at(ts[1], row.label_in(layout), 1), want, "{row:?}");
        }
    }
    let t3 = report.applications.as_ref().unwrap();
    for row in ApplicationRow::for_layout(layout) {
        let want: Vec<String> = Applicant::ALL
            .iter()
            .map(|a| show(t3.get(row, *a)))
            .collect();
        assert_eq!(values_at(ts[2], row.label(), 3), want, "{row:?}");
    }
    let t4 = report.review_litigation.as_ref().unwrap();
    let want: Vec<String> = LitigationBlock::ALL
        .iter()
        .flat_map(|b| Outcome::ALL.iter().map(move |o| show(t4.get(*b, *o))))
        .collect();
    let got: Vec<String> = ts[3].rows[1].cells.iter().map(|c| c.text.clone()).collect();
    assert_eq!(got, want);
    assert_eq!(
        ts[3].rows[0].cells[5].text,
        "行政诉讼/未经复议直接起诉/结果维持"
    );
}

#[test]
fn round_trip_2021() {
    check(Layout::V2021);
}

#[test]
fn round_trip_2019() {
    check(Layout::V2019);
}

#[test]
fn snapshot_2021() {
    let mut report = sample(Layout::V2021);
    // Keep the snapshot short: one failing and one uncertain check.
    report.checks.retain(|c| {
        c.subject == "review_litigation.review" || c.subject == "applications.rows.granted.total"
    });
    insta::assert_snapshot!(render(&report));
}

#[test]
fn snapshot_2019_without_tables() {
    let mut report = sample(Layout::V2019);
    report.active_disclosure = None;
    report.review_litigation = None;
    report.organ = None;
    report.checks.clear();
    insta::assert_snapshot!(render(&report));
}
