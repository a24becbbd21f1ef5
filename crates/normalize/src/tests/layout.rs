//! Tables nested in a layout table (the whole report in one cell, table 三
//! in a cell beside its caption) are found, with the headings around them.

use gongkai_ir::{Block, Cell, Origin, Row, Table};
use gongkai_report::{Applicant as C, ApplicationRow as A, Num, Source};

use super::grid::{t3_header, t3_rows, table};
use crate::normalize;

fn table_three() -> Table {
    let mut rows = t3_header();
    rows.extend(t3_rows());
    table(&rows)
}

fn holding(text: &str, tables: Vec<Table>) -> Cell {
    let mut cell = Cell::new(
        0,
        text,
        Origin::TableCell {
            table: 1,
            row: 1,
            cell: 1,
        },
    );
    cell.tables = tables;
    cell
}

fn one_row(cells: Vec<Cell>) -> Table {
    Table {
        rows: vec![Row::sequential(cells, Origin::Unknown)],
        at: Origin::TableCell {
            table: 1,
            row: 1,
            cell: 1,
        },
    }
}

#[test]
fn the_whole_report_in_one_cell_is_read() {
    let text = "某某县人民政府2023年政府信息公开工作年度报告\n一、总体情况\n概述文字。\n三、收到和处理政府信息公开申请情况\n五、存在的主要问题及改进情况\n问题文字。";
    // Table 三 itself framed in a cell beside its caption, one level deeper.
    let framed = one_row(vec![
        holding("表三", vec![]),
        holding("", vec![table_three()]),
    ]);
    let page = one_row(vec![holding(text, vec![framed])]);
    let doc = gongkai_ir::Document {
        blocks: vec![Block::Table(page)],
        diagnostics: Vec::new(),
    };
    let r = normalize(&doc, Source::default()).unwrap();
    assert_eq!(r.year, Some(2023));
    assert_eq!(r.sections.overview.as_deref(), Some("概述文字。"));
    let t3 = r.applications.as_ref().unwrap();
    assert_eq!(t3.get(A::Granted, C::Total), Some(Num(2.0)));
    assert_eq!(t3.get(A::CarriedForward, C::NaturalPerson), Some(Num(24.0)));
    let layout = r
        .diagnostics
        .iter()
        .filter(|d| d.code == "table.layout")
        .count();
    assert_eq!(layout, 2);
    assert!(!r.diagnostics.iter().any(|d| d.code.starts_with("row.")));
}
