//! Shared pieces of the fuzz targets: read with a reader, normalize what it
//! read, and an `arbitrary` document builder for the normalizer target.

use arbitrary::{Arbitrary, Result, Unstructured};
use gongkai_ir::{
    Block, Cell, Document, Limits, Origin, Paragraph, ReadOptions, Reader, Row, Table,
};
use gongkai_report::Source;

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
        let _ = gongkai_normalize::normalize(&doc, Source::default());
        let _ = gongkai_ir::dump(&doc);
    }
}

/// Labels and values of real reports, so that random documents reach the
/// normalizer's table and section logic instead of bouncing off at once.
const WORDS: &[&str] = &[
    "2023年度沙湾市柳毛湾镇政府信息公开工作年度报告",
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
    "信息内容",
    "本年制发件数",
    "本年废止件数",
    "现行有效件数",
    "规章",
    "行政规范性文件",
    "本年处理决定数量",
    "行政许可",
    "行政处罚",
    "行政强制",
    "行政事业性收费",
    "采购总金额",
    "本年收费金额（单位：万元）",
    "申请人情况",
    "自然人",
    "法人或其他组织",
    "商业企业",
    "科研机构",
    "社会公益组织",
    "法律服务机构",
    "其他",
    "总计",
    "一、本年新收政府信息公开申请数量",
    "二、上年结转政府信息公开申请数量",
    "三、本年度办理结果",
    "（一）予以公开",
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "（三）不予公开",
    "1.属于国家秘密",
    "2.其他法律行政法规禁止公开",
    "3.危及“三安全一稳定”",
    "（四）无法提供",
    "（五）不予处理",
    "（六）其他处理",
    "（七）总计",
    "四、结转下年度继续办理",
    "行政复议",
    "行政诉讼",
    "未经复议直接起诉",
    "复议后起诉",
    "结果维持",
    "结果纠正",
    "其他结果",
    "尚未审结",
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

fn text(u: &mut Unstructured) -> Result<String> {
    let parts = u.int_in_range(0..=3)?;
    let mut s = String::new();
    for _ in 0..parts {
        if u.ratio(3, 4)? {
            s.push_str(u.choose(WORDS)?);
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
