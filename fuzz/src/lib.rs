//! Shared pieces of the fuzz targets: read with a reader, normalize what it
//! read, and an `arbitrary` document builder for the normalizer target.

use arbitrary::{Arbitrary, Result, Unstructured};
use gongkai_ir::{Block, Cell, Document, Limits, Origin, Paragraph, ReadOptions, Row, Table};

/// Limits small enough that one input cannot take the fuzzer's whole
/// time or memory budget, yet large enough for the seed fixtures.
pub fn options() -> ReadOptions {
    ReadOptions {
        limits: Limits {
            max_input_bytes: 8 << 20,
            max_entry_bytes: 16 << 20,
            max_total_bytes: 32 << 20,
            max_pages: 50,
            max_cells: 20_000,
            max_text_chars: 2_000_000,
            ..Limits::default()
        },
        ..ReadOptions::default()
    }
}

/// Load `data` through the facade with the reader named `format`; a report
/// it makes is rendered in every format, and the IR is dumped, so that
/// reader output of every shape reaches the normalizer and the writers.
/// (libfuzzer's panic hook aborts even inside the facade's panic guard.)
pub fn load_as(format: &str, data: &[u8]) {
    if let Ok(report) = gongkai::load_as(data, format, None, &options()) {
        render_all(&report);
    }
    if let Ok((doc, _)) = gongkai::read_document(data, None, &options()) {
        let _ = gongkai::dump(&doc);
    }
}

/// Every writer renders the report, and the JSON is serde_json's pretty
/// layout byte for byte (the writer uses its own indentation formatter).
pub fn render_all(report: &gongkai::Report) {
    for writer in gongkai::writers() {
        let _ = gongkai::render(report, writer.name(), &gongkai::WriteOptions::default());
    }
    let mine = gongkai::render(report, "json", &gongkai::WriteOptions::default()).ok();
    let theirs = serde_json::to_vec_pretty(report).ok().map(|mut v| {
        v.push(b'\n');
        v
    });
    assert_eq!(mine, theirs, "JSON writer and serde_json differ");
}

/// Labels and values of real reports (every label of the official tables,
/// both layouts), so that random documents reach the normalizer's table and
/// section logic instead of bouncing off at once.
static WORDS: std::sync::LazyLock<Vec<&'static str>> =
    std::sync::LazyLock::new(gongkai_testkit::words::labels);

fn text(u: &mut Unstructured) -> Result<String> {
    let parts = u.int_in_range(0..=3)?;
    let mut s = String::new();
    for _ in 0..parts {
        if u.ratio(3, 4)? {
            s.push_str(u.choose(&WORDS)?);
        } else {
            s.push_str(&String::arbitrary(u)?);
        }
    }
    Ok(s)
}

fn table(u: &mut Unstructured, depth: u8) -> Result<Table> {
    let nrows = u.int_in_range(0..=30)?;
    let mut rows = Vec::with_capacity(nrows);
    for _ in 0..nrows {
        let ncells = u.int_in_range(0..=10)?;
        let mut cells = Vec::with_capacity(ncells);
        for _ in 0..ncells {
            let col = u.int_in_range(0..=12)?;
            let mut cell = Cell::new(col, text(u)?, Origin::default())
                .with_span(u.int_in_range(0..=4)?, u.int_in_range(0..=4)?);
            if depth < 2 && u.ratio(1, 20)? {
                cell.tables.push(table(u, depth + 1)?);
            }
            cells.push(cell);
        }
        rows.push(Row {
            cells,
            at: Origin::default(),
        });
    }
    Ok(Table {
        rows,
        at: Origin::default(),
    })
}

/// A random document of paragraphs and tables built from real labels,
/// numbers, blanks and random text, with random (also overlapping) spans.
pub struct ArbitraryDocument(pub Document);

impl<'a> Arbitrary<'a> for ArbitraryDocument {
    fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
        let mut blocks = Vec::new();
        let n = u.int_in_range(0..=40)?;
        for _ in 0..n {
            if u.ratio(2, 3)? {
                blocks.push(Block::Paragraph(Paragraph::new(
                    text(u)?,
                    Origin::default(),
                )));
            } else {
                blocks.push(Block::Table(table(u, 0)?));
            }
        }
        Ok(ArbitraryDocument(Document {
            blocks,
            diagnostics: Vec::new(),
        }))
    }
}

impl std::fmt::Debug for ArbitraryDocument {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}
