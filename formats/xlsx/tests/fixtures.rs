//! Every report workbook under `fixtures/xlsx/` (rust_xlsxwriter and
//! LibreOffice XLSX, ODS and XLS) reads with its merges, numbers as written,
//! the cached value of a formula, and the hidden sheet skipped; hidden rows
//! and columns are taken out with origins still naming the sheet's cells,
//! and numbers formatted as dates read as numbers.

use gongkai_format_xlsx::XlsxReader;
use gongkai_ir::{Block, Origin, ReadOptions, Reader, Sniff, Table};
use gongkai_testkit::blocks::{paragraphs, tables};
use gongkai_testkit::fixtures;

/// The origin texts of the row holding `label`, left to right.
fn row_of(t: &Table, label: &str) -> Option<Vec<String>> {
    t.rows
        .iter()
        .find(|r| r.cells.iter().any(|c| c.text == label))
        .map(|r| r.cells.iter().map(|c| c.text.clone()).collect())
}

#[test]
fn every_fixture_reads() {
    // The one-sheet and per-sheet workbooks of `cargo xtask fixtures xlsx`.
    let files: Vec<_> = fixtures::files_in(&fixtures::root().join("xlsx"), &["xlsx", "ods", "xls"])
        .into_iter()
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.starts_with("one-sheet") || name.starts_with("per-sheet")
        })
        .collect();
    assert!(files.len() >= 4, "{files:?}");
    for path in files {
        let name = path.display().to_string();
        let data = std::fs::read(&path).unwrap();
        assert_eq!(XlsxReader.sniff(&data), Sniff::Yes, "{name}");
        let doc = XlsxReader.read(&data, &ReadOptions::default()).unwrap();
        if std::env::var("GONGKAI_DUMP").is_ok() {
            println!("== {name}\n{}", gongkai_ir::dump(&doc));
        }
        let paras = paragraphs(&doc);
        assert_eq!(
            paras.first().copied(),
            Some("示例县人民政府2023年政府信息公开工作年度报告"),
            "{name}"
        );
        let ts = tables(&doc);
        assert_eq!(ts.len(), 3, "{name}: hidden sheet not skipped?");
        let t2 = ts[0];
        assert_eq!(
            row_of(t2, "行政规范性文件").unwrap(),
            ["行政规范性文件", "22（其中修订16件）", "3", "55"],
            "{name}"
        );
        assert_eq!(
            row_of(t2, "行政事业性收费").unwrap(),
            ["行政事业性收费", "96171.6"],
            "{name}"
        );
        let t3 = ts[1];
        assert_eq!(t3.rows[0].cells[0].row_span, 3, "{name}");
        assert_eq!(t3.rows[0].cells[0].col_span, 3, "{name}");
        assert_eq!(
            row_of(t3, "一、本年新收政府信息公开申请数量").unwrap(),
            [
                "一、本年新收政府信息公开申请数量",
                "30",
                "5",
                "0",
                "0",
                "1",
                "0",
                "36"
            ],
            "{name}"
        );
        let results = t3.rows[5].cells[0].clone();
        assert_eq!(
            (results.text.as_str(), results.row_span),
            ("三、本年度办理结果", 22),
            "{name}"
        );
        let t4 = ts[2];
        assert_eq!(t4.grid().width, 15, "{name}");
        let values: Vec<&str> = t4.rows[3].cells.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(
            values,
            ["1", "0", "0", "1", "2", "0", "1", "0", "0", "1", "0", "0", "", "0", "0"],
            "{name}"
        );
        assert!(
            doc.diagnostics.iter().any(|d| d.code == "sheet.hidden"),
            "{name}"
        );
        for h in [
            "一、总体情况",
            "二、主动公开政府信息情况",
            "三、收到和处理政府信息公开申请情况",
            "四、政府信息公开行政复议、行政诉讼情况",
            "六、其他需要报告的事项",
        ] {
            assert!(paras.contains(&h), "{name}: {h} in {paras:?}");
        }
    }
}

fn read_fixture(name: &str) -> gongkai_ir::Document {
    let data = std::fs::read(fixtures::root().join("xlsx").join(name)).unwrap();
    XlsxReader.read(&data, &ReadOptions::default()).unwrap()
}

#[test]
fn hidden_row_and_column_are_taken_out() {
    let doc = read_fixture("hidden-decoy.xlsx");
    let t3 = tables(&doc)[0];
    // 自然人 (D), then the legal persons from F: the decoy column E is hidden,
    // and so is the decoy row above （二）部分公开.
    let row = row_of(t3, "一、本年新收政府信息公开申请数量").unwrap();
    assert_eq!(
        row,
        [
            "一、本年新收政府信息公开申请数量",
            "12",
            "3",
            "0",
            "0",
            "1",
            "0",
            "16"
        ]
    );
    let partial = "（二）部分公开（区分处理的，只计这一情形，不计其他情形）";
    let rows: Vec<_> = t3
        .rows
        .iter()
        .filter(|r| r.cells.iter().any(|c| c.text == partial))
        .collect();
    assert_eq!(rows.len(), 1);
    let cell = |text: &str| {
        rows[0]
            .cells
            .iter()
            .find(|c| c.text == text)
            .unwrap()
            .at
            .clone()
    };
    // Origins are the sheet's own cells: row 11 (row 10 is hidden), F not E.
    let at = |cell: &str| Origin::Sheet {
        sheet: "表三".into(),
        cell: cell.into(),
    };
    assert_eq!(cell("1"), at("D11"));
    assert_eq!(rows[0].cells[2].at, at("F11"));
    // The group label's merge lost the hidden row.
    let group = t3
        .rows
        .iter()
        .flat_map(|r| &r.cells)
        .find(|c| c.text == "三、本年度办理结果")
        .unwrap();
    assert_eq!(group.row_span, 22);
    let codes: Vec<&str> = doc.diagnostics.iter().map(|d| d.code.as_str()).collect();
    assert!(
        codes.contains(&"sheet.hidden_rows") && codes.contains(&"sheet.hidden_columns"),
        "{codes:?}"
    );
    assert!(!gongkai_ir::dump(&doc).contains("99"));
}

#[test]
fn date_formatted_numbers_read_as_numbers() {
    let doc = read_fixture("date-formats.xlsx");
    let t3 = tables(&doc)[0];
    let row = row_of(t3, "一、本年新收政府信息公开申请数量").unwrap();
    assert_eq!(
        row,
        [
            "一、本年新收政府信息公开申请数量",
            "12",
            "3",
            "0",
            "0",
            "1",
            "0",
            "16"
        ]
    );
    let dated: Vec<_> = doc
        .diagnostics
        .iter()
        .filter(|d| d.code == "cell.date_format")
        .collect();
    assert_eq!(dated.len(), 2, "one for each sheet");
    assert!(
        dated[0].message.contains("shows 1900-01-12 and reads 12"),
        "{}",
        dated[0].message
    );
    assert!(!doc
        .blocks
        .iter()
        .any(|b| matches!(b, Block::Paragraph(p) if p.text.contains("1900-"))));
}
