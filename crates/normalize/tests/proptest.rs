//! Random IR never panics the normalizer: documents of paragraphs and
//! tables (nested too) whose texts are real labels, numbers, blanks and
//! random strings, with random, overlapping and oversized spans.

use gongkai_ir::{Block, Cell, Document, Origin, Paragraph, Row, Table};
use gongkai_report::Source;
use proptest::prelude::*;

const WORDS: &[&str] = &[
    "2023年沙湾市柳毛湾镇政府信息公开工作年度报告",
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
    "信息内容",
    "本年制发件数",
    "现行有效件数",
    "规章",
    "行政规范性文件",
    "行政许可",
    "行政处罚",
    "行政事业性收费",
    "申请人情况",
    "自然人",
    "法人或其他组织",
    "商业企业",
    "总计",
    "三、本年度办理结果",
    "（一）予以公开",
    "（三）不予公开",
    "1.属于国家秘密",
    "（六）其他处理",
    "（七）总计",
    "四、结转下年度继续办理",
    "行政复议",
    "行政诉讼",
    "结果维持",
    "尚未审结",
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

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            4 => prop::sample::select(WORDS).prop_map(str::to_string),
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
