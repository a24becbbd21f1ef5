//! Generates the docx fixtures under `fixtures/docx/`: the official blank
//! template (`fixtures/samples/template-2021.docx`) filled with numbers by
//! editing its `word/document.xml` with quick-xml, plus one copy saved by
//! LibreOffice and one report written from scratch by docx-rs. Each
//! `NAME.docx` gets `NAME.expected.json`, a subset of the report JSON.

mod docx_rs_report;
mod libreoffice;
mod report;
mod template;

use std::io::Read;
use std::path::Path;

use anyhow::Result;
use serde_json::json;

use crate::docx_package::write_package;
use docx_rs_report::docx_rs_report;
use libreoffice::libreoffice_copy;
use report::{base_report, n, raw, t2_2021, t3_cells, t3_numbers, write_expected, Report, V};
use template::fill;

fn reports() -> Vec<Report> {
    let full = base_report("full-2021", "某某市某某区人民政府", 2023, 7);

    let mut blanks = base_report("blanks-annotated", "某某县某某镇人民政府", 2022, 11);
    blanks.t2 = t2_2021([
        raw("", None),
        raw("/", None),
        raw("—", None),
        raw("22（其中修订16件）", Some(22.0)),
        raw("无", None),
        n(35.0),
        n(0.0),
        raw("", None),
        raw("—", None),
        raw("/", None),
    ]);
    // A few blank and dash cells in table 三 and 四 as well.
    for (row, col, text) in [(1, 2, "/"), (4, 3, ""), (11, 4, "—"), (20, 1, "无")] {
        if let Some(c) = blanks.t3.get_mut(row).and_then(|r| r.get_mut(col)) {
            *c = raw(text, None);
        }
    }
    for (i, text) in [(5, "/"), (6, "/"), (7, "/"), (8, "/"), (9, "/")] {
        if let Some(c) = blanks.t4.get_mut(i) {
            *c = raw(text, None);
        }
    }
    blanks.diagnostics = vec![json!({
        "code": "cell.annotated",
        "path": "active_disclosure.normative_documents.made",
    })];

    let mut mistakes = base_report("printed-mistakes", "某某市某某局", 2023, 23);
    // A wrong （七）总计 in the 总计 column, and a 表四 block whose 总计 is 0.
    if let Some(c) = mistakes.t3.get_mut(23).and_then(|r| r.get_mut(6)) {
        let wrong = c.value.unwrap_or(0.0) + 10.0;
        *c = n(wrong);
    }
    for (i, x) in [10.0, 1.0, 0.0, 0.0, 0.0].into_iter().enumerate() {
        if let Some(c) = mistakes.t4.get_mut(i) {
            *c = n(x);
        }
    }
    mistakes.checks = vec![
        json!({"id": "t4.block_total", "subject": "review_litigation.review", "status": "fail"}),
        json!({"id": "t3.row_total", "status": "fail"}),
        json!({"id": "t3.results_total", "status": "fail"}),
        json!({"id": "t3.balance", "status": "fail"}),
    ];

    let mut old = base_report("layout-2019", "某某县人民政府办公室", 2020, 31);
    old.layout_2019 = true;
    old.t3 = t3_cells(&t3_numbers(31, 23));
    old.t2 = vec![
        ("regulations", "new_made", n(1.0)),
        ("regulations", "new_published", n(1.0)),
        ("regulations", "total_published", n(12.0)),
        ("normative_documents", "new_made", n(6.0)),
        ("normative_documents", "new_published", n(6.0)),
        ("normative_documents", "total_published", n(58.0)),
        ("licensing", "previous_items", n(213.0)),
        ("licensing", "change", raw("+12", Some(12.0))),
        ("licensing", "processed", n(5120.0)),
        ("other_services", "previous_items", n(46.0)),
        ("other_services", "change", n(0.0)),
        ("other_services", "processed", n(388.0)),
        ("punishment", "previous_items", n(1021.0)),
        ("punishment", "change", n(-3.0)),
        ("punishment", "processed", n(731.0)),
        ("coercion", "previous_items", n(37.0)),
        ("coercion", "change", n(0.0)),
        ("coercion", "processed", n(15.0)),
        ("fees", "previous_items", n(4.0)),
        ("fees", "change", n(-1.0)),
        ("procurement", "items", n(17.0)),
        ("procurement", "total_amount", n(356.8)),
    ];
    old.diagnostics = vec![json!({
        "code": "cell.annotated",
        "path": "active_disclosure.licensing.change",
    })];

    let mut labels = base_report("label-variants", "某某市某某区某某街道办事处", 2024, 47);
    labels.labels = vec![
        ("本年废止件数", "本年度止件数"),
        ("现行有效件", "现行有效文件"),
        ("第二十条第（五）项", "第二十六条第（五）项"),
        (
            "一、本年新收政府信息公开申请数量",
            "一、本年新收到政府信息公开申请数量",
        ),
        ("1.信访举报投诉类申请", "1.信访举报类申请"),
        ("5.属于三类内部事务信息", "5、属于第三类内部事务信息"),
        ("1.属于国家秘密", "1、属于国家秘密"),
        ("2.其他法律行政法规禁止公开", "2、其他法律行政法规禁止公开"),
        ("3.危及“三安全一稳定”", "3、危及“三安全一稳定”"),
        ("4.保护第三方合法权益", "4、保护第三方合法权益"),
        ("6.属于四类过程性信息", "6、属于四类过程性信息"),
        ("7.属于行政执法案卷", "7、属于行政执法案卷"),
        ("8.属于行政查询事项", "8、属于行政查询事项"),
    ];
    // Full-width digits in table 四 and the first row of table 三.
    let full_width = |v: &V| V {
        text: v
            .text
            .chars()
            .map(|c| match c {
                '0'..='9' => char::from_u32(c as u32 - '0' as u32 + 0xFF10).unwrap_or(c),
                _ => c,
            })
            .collect(),
        value: v.value,
    };
    labels.t4 = labels.t4.iter().map(full_width).collect();
    if let Some(row) = labels.t3.get_mut(0) {
        *row = row.iter().map(full_width).collect();
    }

    vec![full, blanks, mistakes, old, labels]
}

/// Generate the fixtures.
pub fn run(root: &Path) -> Result<()> {
    let dir = root.join("fixtures/docx");
    std::fs::create_dir_all(&dir)?;
    let template = std::fs::read(root.join("fixtures/samples/template-2021.docx"))?;
    let mut xml = String::new();
    zip::ZipArchive::new(std::io::Cursor::new(&template))?
        .by_name("word/document.xml")?
        .read_to_string(&mut xml)?;
    let reports = reports();
    for report in &reports {
        let document = fill(&xml, report)?;
        write_package(
            &template,
            &document,
            &dir.join(format!("{}.docx", report.name)),
        )?;
        write_expected(&dir, report.name, &report.expected())?;
        println!("fixtures/docx/{}.docx", report.name);
    }
    if let Some(full) = reports.first() {
        libreoffice_copy(&dir, full)?;
    }
    docx_rs_report(&dir)?;
    Ok(())
}
