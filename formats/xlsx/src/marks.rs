//! What the workbook shows of the checks on the tables themselves: the cell
//! a failed check is about filled red, an uncertain one amber, with a note
//! saying the rule and the numbers; and the rules in words for the 检查 sheet.

use std::collections::BTreeMap;

use gongkai_report::{Check, CheckStatus, Report};

/// Each check's rule in words, by check id (the 规则 column and the notes).
const RULES: &[(&str, &str)] = &[
    ("t2.counts", "表二：件数应为非负整数"),
    ("t2.fee", "表二：收费金额不为负数"),
    (
        "t3.balance",
        "表三：一、本年新收 + 二、上年结转 = （七）总计 + 四、结转下年度继续办理（每列）",
    ),
    (
        "t3.results_total",
        "表三：（七）总计 = 三、本年度办理结果各项之和（每列）",
    ),
    (
        "t3.row_total",
        "表三：总计 = 自然人与各类法人或其他组织之和（每行）",
    ),
    (
        "t4.block_total",
        "表四：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结（每栏）",
    ),
];

/// The rule of check `id` in words; the id itself for a rule not listed.
pub(crate) fn rule(id: &str) -> &str {
    RULES
        .iter()
        .find(|(rule_id, _)| *rule_id == id)
        .map_or(id, |(_, words)| words)
}

/// How a marked cell looks: the worst status of the checks about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Mark {
    /// Only uncertain checks: amber.
    Uncertain,
    /// A failed check: red.
    Failed,
}

/// A marked cell: its colour and the note explaining why.
#[derive(Debug, Clone)]
pub(crate) struct Marked {
    pub mark: Mark,
    pub note: String,
}

/// The cell a check is marked on: its subject when that is one cell, else
/// its first operand (the total it compares, or the first of a balance).
fn cell_of(check: &Check) -> Option<&str> {
    let subject = check.subject.as_str();
    let is_cell = match subject.split('.').next() {
        Some("applications") => subject.split('.').count() == 4 && !subject.contains('*'),
        Some("review_litigation" | "active_disclosure") => subject.split('.').count() == 3,
        _ => false,
    };
    if is_cell {
        Some(subject)
    } else {
        check.operands.first().map(|p| p.as_str())
    }
}

/// The marked cells of a report, by report path.
pub(crate) fn marks(report: &Report) -> BTreeMap<String, Marked> {
    let mut out: BTreeMap<String, Marked> = BTreeMap::new();
    for check in &report.checks {
        let mark = match check.status {
            CheckStatus::Fail => Mark::Failed,
            CheckStatus::Uncertain => Mark::Uncertain,
            CheckStatus::Pass => continue,
        };
        let Some(cell) = cell_of(check) else {
            continue;
        };
        let [_, failed, uncertain] = gongkai_report::CHECK_RESULTS;
        let word = match mark {
            Mark::Failed => failed,
            Mark::Uncertain => uncertain,
        };
        let line = format!("{word}：{}\n{}", rule(&check.id), check.message);
        out.entry(cell.to_string())
            .and_modify(|m| {
                m.mark = m.mark.max(mark);
                m.note.push_str("\n\n");
                m.note.push_str(&line);
            })
            .or_insert(Marked { mark, note: line });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use gongkai_report::{LitigationBlock, Num, Outcome, ReviewLitigation, Source};

    #[test]
    fn a_failed_block_total_marks_its_total_cell_with_the_rule() {
        let mut report = Report::empty(Source::default());
        let mut t4 = ReviewLitigation::blank();
        if let Some(block) = t4.blocks.get_mut(&LitigationBlock::Review) {
            for (o, v) in Outcome::ALL.iter().zip([10.0, 1.0, 0.0, 0.0, 0.0]) {
                block.insert(*o, Some(Num(v)));
            }
        }
        report.review_litigation = Some(t4);
        report.checks = gongkai_report::run_checks(&report);
        let marks = marks(&report);
        let total = marks.get("review_litigation.review.total").unwrap();
        assert_eq!(total.mark, Mark::Failed);
        assert!(
            total.note.starts_with("未通过：表四：总计 = 结果维持"),
            "{}",
            total.note
        );
        // The other blocks are blank: uncertain, on their totals.
        let other = marks.get("review_litigation.litigation_direct.total");
        assert_eq!(other.map(|m| m.mark), Some(Mark::Uncertain));
        assert_eq!(rule("t9.new"), "t9.new");
    }
}
