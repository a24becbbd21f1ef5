//! The workbook the writer draws reads back through the reader with every
//! value at its label.

use gongkai_format_xlsx::{write_workbook, XlsxReader};
use gongkai_ir::{Document, ReadOptions, Reader, Table};
use gongkai_report::{ApplicationRow, DisclosureRow, Layout, Report};
use gongkai_testkit::blocks::{paragraphs, tables};
use gongkai_testkit::sample::{self, application_cells, disclosure_cells, review_cells};

fn read(report: &Report) -> Document {
    let bytes = write_workbook(report).unwrap();
    if let Ok(dir) = std::env::var("GONGKAI_XLSX_OUT") {
        let name = format!(
            "{dir}/roundtrip-{}.xlsx",
            report.applications.as_ref().unwrap().layout.as_str()
        );
        std::fs::write(name, &bytes).unwrap();
    }
    XlsxReader.read(&bytes, &ReadOptions::default()).unwrap()
}

/// The text of the cells of the first grid row whose cells include `label`,
/// from the given grid column on.
fn values_at(t: &Table, label: &str, from: usize) -> Vec<String> {
    let g = t.grid();
    for row in &g.rows {
        if row.iter().flatten().any(|c| c.cell.text == label) {
            let mut out = Vec::new();
            let mut last: Option<*const gongkai_ir::Cell> = None;
            for pos in row.iter().skip(from).flatten() {
                let p = pos.cell as *const _;
                if last != Some(p) {
                    out.push(pos.cell.text.clone());
                }
                last = Some(p);
            }
            return out;
        }
    }
    panic!("no row {label}")
}

fn check(layout: Layout) {
    let report = sample::report(layout);
    let doc = read(&report);
    let paras = paragraphs(&doc);
    assert_eq!(paras.first().copied(), report.title.as_deref());
    assert!(paras.contains(&"一、总体情况"));
    assert!(paras.contains(&"# 第二段 | 带竖线"));
    assert!(paras.contains(&"三、收到和处理政府信息公开申请情况"));
    let ts = tables(&doc);
    // 正文's organ/year, then 二, 三, 四, then the checks and diagnostics.
    let meta = ts[0];
    assert_eq!(values_at(meta, "报告机关", 1), vec!["沙湾市柳毛湾镇"]);
    assert_eq!(values_at(meta, "报告年度", 1), vec!["2023"]);

    let t2 = report.active_disclosure.as_ref().unwrap();
    for sub in DisclosureRow::subtables(layout) {
        for row in sub.rows {
            let want = disclosure_cells(t2, *row, sub.fields);
            assert_eq!(values_at(ts[1], row.label_in(layout), 1), want, "{row:?}");
        }
    }
    assert!(
        values_at(ts[1], "行政事业性收费", 1).contains(&"96171.6".to_string())
            || layout == Layout::V2019
    );

    let t3 = report.applications.as_ref().unwrap();
    for row in ApplicationRow::for_layout(layout) {
        let want = application_cells(t3, row);
        assert_eq!(values_at(ts[2], row.label(), 3), want, "{row:?}");
    }
    let g = ts[2].grid();
    assert_eq!(g.width, 10);
    assert_eq!(ts[2].rows[0].cells[0].row_span, 3);
    assert_eq!(ts[2].rows[0].cells[0].col_span, 3);

    let t4 = report.review_litigation.as_ref().unwrap();
    let g = ts[3].grid();
    let values: Vec<String> = g.rows[3]
        .iter()
        .flatten()
        .map(|c| c.cell.text.clone())
        .collect();
    let want = review_cells(t4);
    assert_eq!(values, want);
    assert_eq!(
        g.rows[1][5].map(|c| c.cell.text.as_str()),
        Some("未经复议直接起诉")
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
fn dump_2021() {
    let doc = read(&sample::report(Layout::V2021));
    let text = gongkai_ir::dump(&doc);
    assert!(text.contains("96171.6"));
}
