//! `fixtures/markdown/sample.md` is the writer's rendering of the report in
//! `fixtures/xlsx/one-sheet.expected.json`; regenerate it with
//! `GONGKAI_BLESS=1 cargo test -p gongkai-format-markdown --test fixture`.

use gongkai_format_markdown::{read_markdown, render};
use gongkai_ir::{Block, ReadOptions};
use gongkai_report::Report;
use gongkai_testkit::fixtures;

/// The expected report of the xlsx fixtures, completed into a full report.
fn report() -> (Report, serde_json::Value) {
    let path = fixtures::root().join("xlsx/one-sheet.expected.json");
    let expected: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut full = expected.clone();
    let obj = full.as_object_mut().unwrap();
    obj.insert(
        "source".into(),
        serde_json::json!({ "file": "sample.md", "format": "markdown", "sha256": "" }),
    );
    obj.insert(
        "sections".into(),
        serde_json::json!({
            "overview": "2023年，示例县人民政府坚持以公开为常态、不公开为例外，全面推进政务公开工作。",
            "problems": "一是公开内容不够全面；二是解读形式较为单一。",
            "other": "本年度未收取信息处理费。"
        }),
    );
    obj.remove("checks");
    obj.remove("diagnostics");
    let mut report: Report = serde_json::from_value(full).unwrap();
    report.checks = gongkai_report::run_checks(&report);
    let mut expected = expected;
    let e = expected.as_object_mut().unwrap();
    e.remove("diagnostics");
    (report, expected)
}

#[test]
fn sample_is_current_and_reads_back() {
    let (report, expected) = report();
    let md = render(&report);
    let dir = fixtures::root().join("markdown");
    if std::env::var("GONGKAI_BLESS").is_ok() {
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("sample.md"), &md).unwrap();
        let json = serde_json::to_string_pretty(&expected).unwrap() + "\n";
        std::fs::write(dir.join("sample.expected.json"), json).unwrap();
    }
    let committed = std::fs::read_to_string(dir.join("sample.md")).unwrap();
    assert_eq!(committed, md, "fixtures/markdown/sample.md is stale");
    let doc = read_markdown(committed.as_bytes(), &ReadOptions::default()).unwrap();
    let text = doc.plain_text();
    assert!(text.contains("行政事业性收费\t96171.6"));
    assert!(text.contains("一、本年新收政府信息公开申请数量\t\t\t30\t5\t0\t0\t1\t0\t36"));
    assert!(
        matches!(doc.blocks.first(), Some(Block::Paragraph(p)) if p.text == report.title.clone().unwrap())
    );
}
