//! Reports as a word processor's grid: table 三 with its header over the
//! applicant columns (so the values' columns are known), built as IR.

use gongkai_ir::{Block, Cell, Document, Origin, Paragraph, Row, Table};
use gongkai_report::{Report, Source};

use crate::normalize;

/// The label columns of every table 三 row, in order (2021 layout).
pub const T3_LABELS: [[&str; 3]; 25] = [
    ["一、本年新收政府信息公开申请数量", "", ""],
    ["二、上年结转政府信息公开申请数量", "", ""],
    ["三、本年度办理结果", "（一）予以公开", ""],
    [
        "",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        "",
    ],
    ["", "（三）不予公开", "1.属于国家秘密"],
    ["", "", "2.其他法律行政法规禁止公开"],
    ["", "", "3.危及“三安全一稳定”"],
    ["", "", "4.保护第三方合法权益"],
    ["", "", "5.属于三类内部事务信息"],
    ["", "", "6.属于四类过程性信息"],
    ["", "", "7.属于行政执法案卷"],
    ["", "", "8.属于行政查询事项"],
    ["", "（四）无法提供", "1.本机关不掌握相关政府信息"],
    ["", "", "2.没有现成信息需要另行制作"],
    ["", "", "3.补正后申请内容仍不明确"],
    ["", "（五）不予处理", "1.信访举报投诉类申请"],
    ["", "", "2.重复申请"],
    ["", "", "3.要求提供公开出版物"],
    ["", "", "4.无正当理由大量反复申请"],
    ["", "", "5.要求行政机关确认或重新出具已获取信息"],
    [
        "",
        "（六）其他处理",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    ],
    [
        "",
        "",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    ],
    ["", "", "3.其他"],
    ["", "（七）总计", ""],
    ["四、结转下年度继续办理", "", ""],
];

/// The two header rows over the applicant columns.
pub fn t3_header() -> Vec<Vec<String>> {
    let row = |cells: &[&str]| cells.iter().map(|c| c.to_string()).collect();
    vec![
        row(&[
            "",
            "",
            "",
            "自然人",
            "法人或其他组织",
            "",
            "",
            "",
            "",
            "总计",
        ]),
        row(&[
            "",
            "",
            "",
            "",
            "商业企业",
            "科研机构",
            "社会公益组织",
            "法律服务机构",
            "其他",
            "",
        ]),
    ]
}

/// Row `i` of table 三 with values `values` (seven, as printed).
pub fn t3_row(i: usize, values: &[&str]) -> Vec<String> {
    let labels = T3_LABELS.get(i).copied().unwrap_or_default();
    labels.iter().chain(values).map(|c| c.to_string()).collect()
}

/// The 25 rows of a table 三 whose every row `i` holds `i` in each column.
pub fn t3_rows() -> Vec<Vec<String>> {
    (0..T3_LABELS.len())
        .map(|i| {
            let v = i.to_string();
            t3_row(i, &[v.as_str(); 7])
        })
        .collect()
}

/// A table of 1×1 cells, one grid column each; the cell in row `r`, column
/// `c` is at `line r+1`.
pub fn table(rows: &[Vec<String>]) -> Table {
    let rows = rows
        .iter()
        .enumerate()
        .map(|(r, cells)| {
            let at = Origin::Line(r as u32 + 1);
            let cells = cells.iter().map(|t| Cell::new(0, t.as_str(), at.clone()));
            Row::sequential(cells, at.clone())
        })
        .collect();
    Table {
        rows,
        at: Origin::Line(1),
    }
}

/// A report of a title, section 三's heading and `blocks`.
pub fn report(blocks: Vec<Block>) -> Report {
    let mut all = vec![
        Block::Paragraph(Paragraph::new(
            "某某县人民政府2023年政府信息公开工作年度报告",
            Origin::Paragraph(1),
        )),
        Block::Paragraph(Paragraph::new(
            "三、收到和处理政府信息公开申请情况",
            Origin::Paragraph(2),
        )),
    ];
    all.extend(blocks);
    let doc = Document {
        blocks: all,
        diagnostics: Vec::new(),
    };
    let mut report = normalize(&doc, Source::default()).unwrap();
    report.checks = gongkai_report::run_checks(&report);
    report
}

/// Table 三 as a grid: its header, then `rows`.
pub fn t3_report(rows: Vec<Vec<String>>) -> Report {
    let mut all = t3_header();
    all.extend(rows);
    report(vec![Block::Table(table(&all))])
}
