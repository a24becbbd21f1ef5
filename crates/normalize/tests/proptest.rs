//! Random IR never panics the normalizer: documents of paragraphs and
//! tables (nested too) whose texts are real labels, numbers, blanks and
//! random strings, with random, overlapping and oversized spans.

use gongkai_ir::{Block, Cell, Document, Origin, Paragraph, Row, Table};
use gongkai_report::{
    Applicant, ApplicationRow, DisclosureField, DisclosureRow, Layout, LitigationBlock, Outcome,
    Source,
};
use proptest::prelude::*;

/// Headings, a title, numbers and blanks besides the official labels.
const EXTRA: &[&str] = &[
    "2023年沙湾市柳毛湾镇政府信息公开工作年度报告",
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "申请人情况",
    "法人或其他组织",
    "0",
    "12",
    "-3",
    "96171.6",
    "1,234",
    "/",
    "—",
    "无",
    "",
];

/// Every label of the official tables (both layouts), and the extras.
fn words() -> Vec<&'static str> {
    let mut v: Vec<&'static str> = EXTRA.to_vec();
    v.extend(ApplicationRow::ALL.iter().map(|r| r.label()));
    v.extend(Applicant::ALL.iter().map(|a| a.label()));
    v.extend(LitigationBlock::ALL.iter().map(|b| b.label()));
    v.extend(Outcome::ALL.iter().map(|o| o.label()));
    for layout in [Layout::V2021, Layout::V2019] {
        v.extend(DisclosureRow::for_layout(layout).map(|r| r.label_in(layout)));
        v.extend(DisclosureField::ALL.iter().map(|f| f.label_in(layout)));
    }
    v
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            4 => prop::sample::select(words()).prop_map(str::to_string),
            1 => any::<String>(),
            1 => "[0-9０-９.,，、（）()\\-— \n]{0,8}",
        ],
        0..3,
    )
    .prop_map(|parts| parts.concat())
}

fn cell() -> impl Strategy<Value = Cell> {
    (0usize..16, 0usize..6, 0usize..6, text())
        .prop_map(|(col, rs, cs, t)| Cell::new(col, t, Origin::default()).with_span(rs, cs))
}

fn flat_table() -> impl Strategy<Value = Table> {
    prop::collection::vec(prop::collection::vec(cell(), 0..10), 0..30).prop_map(|rows| Table {
        rows: rows
            .into_iter()
            .map(|cells| Row {
                cells,
                at: Origin::default(),
            })
            .collect(),
        at: Origin::default(),
    })
}

/// A table, sometimes with another table nested in its first cell.
fn table() -> impl Strategy<Value = Table> {
    (flat_table(), prop::option::of(flat_table())).prop_map(|(mut t, inner)| {
        if let (Some(inner), Some(c)) =
            (inner, t.rows.first_mut().and_then(|r| r.cells.first_mut()))
        {
            c.tables.push(inner);
        }
        t
    })
}

fn document() -> impl Strategy<Value = Document> {
    prop::collection::vec(
        prop_oneof![
            2 => text().prop_map(|t| Block::Paragraph(Paragraph::new(t, Origin::default()))),
            1 => table().prop_map(Block::Table),
        ],
        0..30,
    )
    .prop_map(|blocks| Document {
        blocks,
        diagnostics: Vec::new(),
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn random_ir_never_panics(doc in document()) {
        let _ = gongkai_normalize::normalize(&doc, Source::default());
    }
}
