//! The DOCX edge files and the official template, read into the IR.

use gongkai_ir::{dump, Document, ReadOptions};
use gongkai_testkit::blocks::tables;
use gongkai_testkit::fixtures;

fn read(rel: &str) -> Document {
    let path = fixtures::root().join(rel);
    let data = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    gongkai_format_docx::read(&data, &ReadOptions::default())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// All five variants hold the same content and must give the same IR.
#[test]
fn edge_variants_give_identical_ir() {
    let names = [
        "merged",
        "pct_width",
        "float_width",
        "ns0_prefix",
        "wps_like",
    ];
    let dumps: Vec<(&str, String)> = names
        .iter()
        .map(|n| (*n, dump(&read(&format!("edge/{n}.docx")))))
        .collect();
    let (_, first) = &dumps[0];
    for (name, d) in &dumps[1..] {
        assert_eq!(d, first, "edge/{name}.docx differs from edge/merged.docx");
    }
    insta::assert_snapshot!("edge_docx", first);
}

/// The official blank template: three tables with the real spans.
#[test]
fn template_tables_and_spans() {
    let doc = read("samples/template-2021.docx");
    insta::assert_snapshot!("template_2021", dump(&doc));
    let tables = tables(&doc);
    assert_eq!(tables.len(), 3);
    let sizes: Vec<(usize, usize)> = tables
        .iter()
        .map(|t| (t.rows.len(), t.grid().width))
        .collect();
    assert_eq!(sizes, [(14, 4), (28, 10), (4, 15)]);
    // Table 三: the 勾稽 note spans 3 rows × 3 columns; 三、本年度办理结果 22 rows.
    let t3 = tables[1];
    let note = &t3.rows[0].cells[0];
    assert_eq!((note.row_span, note.col_span), (3, 3));
    let results = &t3.rows[5].cells[0];
    assert_eq!(results.text, "三、本年度办理结果");
    assert_eq!(results.row_span, 22);
    // （七）总计 starts in grid column 1 under the vertical merge.
    let total = &t3.rows[26].cells[0];
    assert_eq!(
        (total.text.as_str(), total.col, total.col_span),
        ("（七）总计", 1, 2)
    );
    // Every value cell of table 四 is present and empty.
    let t4 = tables[2];
    assert_eq!(t4.rows[3].cells.len(), 15);
    assert!(t4.rows[3].cells.iter().all(|c| c.text.trim().is_empty()));
}
