//! Tracked changes: what Word prints once they are accepted.

use gongkai_ir::{Limits, Origin};

use super::{docx, first_table, read, read_with, text};
use crate::Scanner;

/// A row of one-paragraph cells, with `trPr` content.
fn row(tr_pr: &str, cells: &[&str]) -> String {
    let cells: String = cells
        .iter()
        .map(|c| format!("<w:tc><w:p><w:r><w:t>{c}</w:t></w:r></w:p></w:tc>"))
        .collect();
    format!("<w:tr><w:trPr>{tr_pr}</w:trPr>{cells}</w:tr>")
}

#[test]
fn deleted_rows_are_left_out_and_inserted_rows_kept() {
    let deleted = r#"<w:del w:id="7" w:author="审核" w:date="2024-01-02T00:00:00Z"/>"#;
    let body = format!(
        "<w:tbl>{}{}{}{}</w:tbl>",
        row("", &["（一）予以公开", "5"]),
        row(deleted, &["（一）予以公开", "9"]),
        row(
            r#"<w:ins w:id="8" w:author="审核"/>"#,
            &["（二）部分公开", "2"]
        ),
        row(r#"<w:cantSplit/>"#, &["3.其他", "1"]),
    );
    for scanner in [Scanner::On, Scanner::Off] {
        let doc = crate::DocxReader
            .read_with(&docx(&body), &Default::default(), scanner)
            .unwrap();
        let t = first_table(&doc);
        let texts: Vec<&str> = t.rows.iter().map(|r| r.cells[1].text.as_str()).collect();
        assert_eq!(texts, ["5", "2", "1"], "{scanner:?}");
        // Rows keep their place in the source.
        assert_eq!(
            t.rows[1].at,
            Origin::TableCell {
                table: 1,
                row: 3,
                cell: 1
            }
        );
        let d = &doc.diagnostics[0];
        assert_eq!(d.code, "docx.deleted_row");
        assert_eq!(d.at.as_deref(), Some("table 1 row 2 cell 1"));
    }
}

#[test]
fn a_merge_runs_on_across_a_deleted_row() {
    let cell = |pr: &str, t: &str| {
        format!("<w:tc><w:tcPr>{pr}</w:tcPr><w:p><w:r><w:t>{t}</w:t></w:r></w:p></w:tc>")
    };
    let tr = |tr_pr: &str, a: String| {
        format!("<w:tr><w:trPr>{tr_pr}</w:trPr>{a}{}</w:tr>", cell("", "0"))
    };
    let body = format!(
        "<w:tbl>{}{}{}</w:tbl>",
        tr("", cell(r#"<w:vMerge w:val="restart"/>"#, "（三）不予公开")),
        tr(
            "<w:del w:id=\"1\" w:author=\"a\"/>",
            cell("<w:vMerge/>", "")
        ),
        tr("", cell("<w:vMerge/>", "")),
    );
    let doc = read(&body);
    let t = first_table(&doc);
    assert_eq!(t.rows.len(), 2);
    assert_eq!(t.rows[0].cells[0].row_span, 2);
    assert_eq!(t.rows[1].cells.len(), 1);
}

#[test]
fn a_property_change_is_not_a_deletion() {
    // The old properties in `w:trPrChange` are not the row's own.
    let change = r#"<w:trPrChange w:id="3" w:author="a"><w:trPr><w:del w:id="4" w:author="a"/></w:trPr></w:trPrChange>"#;
    let body = format!("<w:tbl>{}</w:tbl>", row(change, &["规章", "2"]));
    let doc = read_with(&docx(&body), Limits::default()).unwrap();
    assert_eq!(first_table(&doc).rows.len(), 1);
    assert!(doc.diagnostics.is_empty());
}

#[test]
fn deleted_text_goes_and_inserted_text_stays_in_a_cell() {
    let body = r#"<w:tbl><w:tr><w:tc><w:p><w:del w:id="1" w:author="a"><w:r><w:delText>12</w:delText></w:r></w:del><w:ins w:id="2" w:author="a"><w:r><w:t>15</w:t></w:r></w:ins></w:p></w:tc></w:tr></w:tbl>"#;
    assert_eq!(first_table(&read(body)).rows[0].cells[0].text, "15");
    assert_eq!(
        text(
            r#"<w:p><w:r><w:t>本年</w:t></w:r><w:moveFrom><w:r><w:t>旧</w:t></w:r></w:moveFrom><w:moveTo><w:r><w:t>新收</w:t></w:r></w:moveTo></w:p>"#
        ),
        "本年新收"
    );
}
