//! One failed or uncertain check in one line for people:
//! `表三 （七）总计 总计: 10+21+…+6=189 ≠ 199` — the table, the labels of the
//! place checked, and the numbers the rule compared (the sum found first,
//! then what it should equal). All operands with `-v`.

use gongkai::report::{
    Applicant, ApplicationRow, Check, DisclosureField, DisclosureRow, LitigationBlock, Num,
    Outcome, Report, Value,
};

/// Most operands shown of a long sum without `-v`: the first ones and the last.
const SHOWN_TERMS: usize = 4;

/// The table a report path starts in, as the official report names it.
fn table_name(first: &str) -> Option<&'static str> {
    match first {
        "active_disclosure" => Some("表二"),
        "applications" => Some("表三"),
        "review_litigation" => Some("表四"),
        _ => None,
    }
}

/// The table and the labels of a place (`applications.rows.total_processed.total`
/// → `表三 （七）总计 总计`); `*` (every row) is left out.
pub(crate) fn place(report: &Report, path: &str) -> String {
    let segs: Vec<&str> = path.split('.').collect();
    let mut words: Vec<&str> = Vec::new();
    match segs.as_slice() {
        ["applications", "rows", rest @ ..] => {
            words.push("表三");
            if let Some(row) = rest.first().and_then(|r| ApplicationRow::from_key(r)) {
                words.push(row.full_label());
            }
            if let Some(col) = rest.get(1).and_then(|c| Applicant::from_key(c)) {
                words.push(col.label());
            }
        }
        ["review_litigation", rest @ ..] => {
            words.push("表四");
            if let Some(block) = rest.first().and_then(|b| LitigationBlock::from_key(b)) {
                words.push(block.label());
            }
            if let Some(outcome) = rest.get(1).and_then(|o| Outcome::from_key(o)) {
                words.push(outcome.label());
            }
        }
        ["active_disclosure", rest @ ..] => {
            words.push("表二");
            let layout = report.active_disclosure.as_ref().map(|t| t.layout);
            if let (Some(row), Some(layout)) = (
                rest.first().and_then(|r| DisclosureRow::from_key(r)),
                layout,
            ) {
                words.push(row.label_in(layout));
            }
            if let (Some(field), Some(layout)) = (
                rest.get(1).and_then(|f| DisclosureField::from_key(f)),
                layout,
            ) {
                words.push(field.label_in(layout));
            }
        }
        [first, ..] => words.extend(table_name(first)),
        [] => {}
    }
    if words.is_empty() {
        path.to_string()
    } else {
        words.join(" ")
    }
}

/// The value at a cell's path, if the report holds one there.
fn value_at(report: &Report, path: &str) -> Value {
    let segs: Vec<&str> = path.split('.').collect();
    match segs.as_slice() {
        ["applications", "rows", row, col] => {
            let t = report.applications.as_ref()?;
            t.get(ApplicationRow::from_key(row)?, Applicant::from_key(col)?)
        }
        ["review_litigation", block, outcome] => {
            let t = report.review_litigation.as_ref()?;
            t.get(
                LitigationBlock::from_key(block)?,
                Outcome::from_key(outcome)?,
            )
        }
        ["active_disclosure", row, field] => {
            let t = report.active_disclosure.as_ref()?;
            t.get(
                DisclosureRow::from_key(row)?,
                DisclosureField::from_key(field)?,
            )
        }
        _ => None,
    }
}

fn show(v: Value) -> String {
    v.map_or_else(|| "空".to_string(), |n| n.to_string())
}

fn total(values: &[Value]) -> Value {
    values
        .iter()
        .try_fold(0.0, |acc, v| v.map(|n| acc + n.0))
        .map(Num)
}

/// `a+b+…+z=sum`, or the one value; long sums shortened unless `all`.
fn side(values: &[Value], all: bool) -> String {
    let shown: Vec<String> = if all || values.len() <= SHOWN_TERMS {
        values.iter().map(|v| show(*v)).collect()
    } else {
        let head = values.iter().take(SHOWN_TERMS - 2).map(|v| show(*v));
        let last = values.last().map(|v| show(*v));
        head.chain(std::iter::once("…".to_string()))
            .chain(last)
            .collect()
    };
    match values {
        [one] => show(*one),
        _ => format!("{}={}", shown.join("+"), show(total(values))),
    }
}

/// The compact line of a check: its place, then the sum found against what
/// it should equal (`≠` when they differ). A single value against a rule
/// (表二) shows the rule's message; a sum with blank cells, how many.
pub(crate) fn compact(report: &Report, check: &Check, all: bool) -> String {
    let place = place(report, check.subject.as_str());
    if check.against_a_stated_number() {
        return format!("{place}: {}", check.message);
    }
    let values: Vec<Value> = check
        .operands
        .iter()
        .map(|p| value_at(report, p.as_str()))
        .collect();
    // The operands hold the expected side first: find where it ends.
    let same = |a: Value, b: Value| match (a, b) {
        (Some(a), Some(b)) => a.same_as(b),
        _ => false,
    };
    let split = (1..values.len()).find(|k| {
        let (left, right) = values.split_at(*k);
        same(total(left), check.expected) && same(total(right), check.actual)
    });
    match split {
        Some(k) => {
            let (left, right) = values.split_at(k);
            let sign = if same(check.expected, check.actual) {
                "="
            } else {
                "≠"
            };
            format!("{place}: {} {sign} {}", side(right, all), side(left, all))
        }
        // One value against a rule (表二): the rule's own short message.
        None if values.len() <= 1 => format!("{place}: {}", check.message),
        None => {
            let blank = values.iter().filter(|v| v.is_none()).count();
            format!("{place}: {} cells, {blank} blank", values.len())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use gongkai::report::{CheckStatus, ReviewLitigation, Source};

    fn report_with_review(values: [Option<f64>; 5]) -> Report {
        let mut report = Report::empty(Source::default());
        let mut t4 = ReviewLitigation::blank();
        if let Some(block) = t4.blocks.get_mut(&LitigationBlock::Review) {
            for (outcome, v) in Outcome::ALL.iter().zip(values) {
                block.insert(*outcome, v.map(Num));
            }
        }
        report.review_litigation = Some(t4);
        report.checks = gongkai::report::run_checks(&report);
        report
    }

    fn review_line(report: &Report) -> String {
        let check = report
            .checks
            .iter()
            .find(|c| c.id == "t4.block_total" && c.subject.as_str() == "review_litigation.review");
        check.map(|c| compact(report, c, false)).unwrap_or_default()
    }

    #[test]
    fn a_failed_sum_shows_its_operands_against_the_printed_total() {
        let report = report_with_review([Some(10.0), Some(1.0), Some(0.0), Some(0.0), Some(0.0)]);
        assert_eq!(review_line(&report), "表四 行政复议: 10+1+0+0=11 ≠ 0");
        let blank = report_with_review([Some(10.0), None, Some(0.0), Some(0.0), Some(10.0)]);
        assert!(blank
            .checks
            .iter()
            .any(|c| c.status == CheckStatus::Uncertain));
        assert_eq!(review_line(&blank), "表四 行政复议: 5 cells, 1 blank");
    }

    #[test]
    fn long_sums_are_shortened_unless_all_are_asked_for() {
        let values: Vec<Value> = (1..=6).map(|n| Some(Num(f64::from(n)))).collect();
        assert_eq!(side(&values, false), "1+2+…+6=21");
        assert_eq!(side(&values, true), "1+2+3+4+5+6=21");
        assert_eq!(side(&values[..1], false), "1");
    }
}
