//! Random IR never panics the normalizer: documents of paragraphs and
//! tables (nested too) whose texts are real labels, numbers, blanks and
//! random strings, with random, overlapping and oversized spans.

use gongkai_ir::{Block, Cell, Document, Origin, Paragraph, Row, Table};
use gongkai_report::Source;
use gongkai_testkit::words;
use proptest::prelude::*;

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            4 => prop::sample::select(words::labels()).prop_map(str::to_string),
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
