//! Shared pieces of the fuzz targets: read with a reader, normalize what it
//! read, and an `arbitrary` document builder for the normalizer target.

use arbitrary::{Arbitrary, Result, Unstructured};
use gongkai_ir::{
    Block, Cell, Document, Limits, Origin, Paragraph, ReadOptions, Reader, Row, Table,
};
use gongkai_report::{
    Applicant, ApplicationRow, DisclosureField, DisclosureRow, Layout, LitigationBlock, Outcome,
    Source,
};

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
    }
}

/// Read `data` with `reader`; whatever it read goes through the normalizer
/// too, so that reader output of every shape reaches it.
pub fn read_and_normalize(reader: &dyn Reader, data: &[u8]) {
    if let Ok(doc) = reader.read(data, &options()) {
        if let Ok(report) = gongkai_normalize::normalize(&doc, Source::default()) {
            json_matches_serde_json(&report);
        }
        let _ = gongkai_ir::dump(&doc);
    }
}

/// The JSON writer's own serializer gives serde_json's bytes for any report
/// the readers can make (any text they can put in a string).
pub fn json_matches_serde_json(report: &gongkai_report::Report) {
    use gongkai_report::Writer;
    let mine = gongkai_format_json::JSON_WRITER.to_bytes(report).ok();
    let theirs = serde_json::to_vec_pretty(report).ok().map(|mut v| {
        v.push(b'\n');
        v
    });
    assert_eq!(mine, theirs, "JSON writer and serde_json differ");
}

/// Headings, a title, numbers and blanks besides the official labels.
const EXTRA: &[&str] = &[
    "2023年度沙湾市柳毛湾镇政府信息公开工作年度报告",
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
    "申请人情况",
    "法人或其他组织",
    "本年收费金额（单位：万元）",
    "0",
    "1",
    "12",
    "-3",
    "96171.6",
    "7730.28",
    "1,234",
    "/",
    "—",
    "无",
    "",
    " ",
    "\n",
];

/// Labels and values of real reports (every label of the official tables,
/// both layouts), so that random documents reach the normalizer's table and
/// section logic instead of bouncing off at once.
static WORDS: std::sync::LazyLock<Vec<&'static str>> = std::sync::LazyLock::new(|| {
    let mut v: Vec<&'static str> = EXTRA.to_vec();
    v.extend(ApplicationRow::ALL.iter().map(|r| r.label()));
    v.extend(ApplicationRow::ALL.iter().map(|r| r.full_label()));
    v.extend(Applicant::ALL.iter().map(|a| a.label()));
    v.extend(LitigationBlock::ALL.iter().map(|b| b.label()));
    v.extend(Outcome::ALL.iter().map(|o| o.label()));
    for layout in [Layout::V2021, Layout::V2019] {
        v.extend(DisclosureRow::for_layout(layout).map(|r| r.label_in(layout)));
        v.extend(DisclosureField::ALL.iter().map(|f| f.label_in(layout)));
    }
    v
});

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
