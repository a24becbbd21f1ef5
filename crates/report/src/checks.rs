//! The 勾稽 checks of FORMAT.md. They report; they never change a number.

use crate::{
    Applicant, ApplicationRow, Check, CheckStatus, DisclosureField, Layout, LitigationBlock, Num,
    Outcome, Report, ReportPath, Value,
};

/// An operand of a sum: its label for the message, its value, its cell.
struct Term {
    label: &'static str,
    value: Value,
    cell: ReportPath,
}

impl Term {
    fn new(label: &'static str, value: Value, cell: ReportPath) -> Self {
        Term { label, value, cell }
    }
}

/// Sum the terms; `None` if any is blank.
fn sum(terms: &[Term]) -> Value {
    terms
        .iter()
        .try_fold(0.0, |acc, t| t.value.map(|n| acc + n.0))
        .map(Num)
}

/// A value for a message: the number, or 空 when blank.
pub(crate) fn show(out: &mut String, v: Value) {
    match v {
        Some(n) => n.push_to(out),
        None => out.push('空'),
    }
}

/// `label v + label v … = total` (or just `label v` for one term).
fn show_side(out: &mut String, terms: &[Term], total: Value) {
    for (i, term) in terms.iter().enumerate() {
        if i > 0 {
            out.push_str(" + ");
        }
        out.push_str(term.label);
        out.push(' ');
        show(out, term.value);
    }
    if terms.len() != 1 {
        out.push_str(" = ");
        show(out, total);
    }
}

/// A check that two sums agree: `left` (expected) against `right` (actual).
fn equality(id: &str, subject: ReportPath, context: &str, left: &[Term], right: &[Term]) -> Check {
    let expected = sum(left);
    let actual = sum(right);
    let status = match (expected, actual) {
        (Some(e), Some(a)) if e.same_as(a) => CheckStatus::Pass,
        (Some(_), Some(_)) => CheckStatus::Fail,
        _ => CheckStatus::Uncertain,
    };
    // Sized for the whole message: the 结果 totals list twenty labels.
    let side = |terms: &[Term]| -> usize { terms.iter().map(|t| t.label.len() + 24).sum() };
    let mut message = String::with_capacity(context.len() + side(left) + side(right) + 48);
    message.push_str(context);
    message.push_str(": ");
    show_side(&mut message, right, actual);
    message.push_str(", ");
    show_side(&mut message, left, expected);
    if status == CheckStatus::Uncertain {
        message.push_str(" (a cell is blank)");
    }
    let operands = left.iter().chain(right).map(|t| t.cell.clone()).collect();
    Check {
        id: id.to_string(),
        status,
        subject,
        expected,
        actual,
        message,
        operands,
    }
}

/// Run every check that applies to the tables the report holds.
pub fn run_checks(report: &Report) -> Vec<Check> {
    let mut checks = Vec::new();
    if let Some(t2) = &report.active_disclosure {
        check_table_two(t2, &mut checks);
    }
    if let Some(t3) = &report.applications {
        check_table_three(t3, &mut checks);
    }
    if let Some(t4) = &report.review_litigation {
        for block in LitigationBlock::ALL {
            let term = |o: Outcome| {
                let cell = ReportPath::litigation_value(*block, o);
                Term::new(o.label(), t4.get(*block, o), cell)
            };
            let parts: Vec<Term> = Outcome::PARTS.iter().map(|o| term(*o)).collect();
            let total = [term(Outcome::Total)];
            checks.push(equality(
                "t4.block_total",
                ReportPath::litigation_block(*block),
                block.label(),
                &total,
                &parts,
            ));
        }
    }
    crate::text_checks::check_text(report, &mut checks);
    checks
}

fn check_table_two(t2: &crate::ActiveDisclosure, checks: &mut Vec<Check>) {
    for (row, fields) in &t2.rows {
        for (field, value) in fields {
            let subject = ReportPath::disclosure_value(*row, *field);
            let label = [row.label_in(t2.layout), " ", field.label_in(t2.layout)].concat();
            let (id, rule, ok): (&str, &str, fn(Num, DisclosureField) -> bool) =
                if field.is_amount() {
                    ("t2.fee", "不为负数", |n, _| n.0 >= 0.0)
                } else {
                    ("t2.counts", "为非负整数", |n, f| {
                        n.is_whole() && (n.0 >= 0.0 || f.may_be_negative())
                    })
                };
            let rule = if field.may_be_negative() {
                "为整数"
            } else {
                rule
            };
            let status = match value {
                None => CheckStatus::Uncertain,
                Some(n) if ok(*n, *field) => CheckStatus::Pass,
                Some(_) => CheckStatus::Fail,
            };
            checks.push(Check {
                id: id.to_string(),
                status,
                operands: vec![subject.clone()],
                subject,
                expected: None,
                actual: *value,
                message: {
                    let mut m = label;
                    m.push(' ');
                    show(&mut m, *value);
                    m.push('应');
                    m.push_str(rule);
                    m
                },
            });
        }
    }
}

fn check_table_three(t3: &crate::Applications, checks: &mut Vec<Check>) {
    let layout: Layout = t3.layout;
    // Every value read once, by row and column index, instead of two map
    // lookups per term (the 结果 totals alone have 160 terms).
    let mut values = vec![[None; Applicant::ALL.len()]; ApplicationRow::ALL.len()];
    for (row, cols) in &t3.rows {
        if let Some(slots) = values.get_mut(*row as usize) {
            for (col, v) in cols {
                if let Some(slot) = slots.get_mut(*col as usize) {
                    *slot = *v;
                }
            }
        }
    }
    let get = |row: ApplicationRow, col: Applicant| -> Value {
        values
            .get(row as usize)
            .and_then(|r| r.get(col as usize))
            .copied()
            .flatten()
    };
    let cell = |row: ApplicationRow, col: Applicant, label: &'static str| {
        Term::new(
            label,
            get(row, col),
            ReportPath::application_value(row, col),
        )
    };
    // Column-wise rules name each row by its label.
    let term = |row: ApplicationRow, col: Applicant| cell(row, col, row.full_label());
    for col in Applicant::ALL {
        let subject = ReportPath::application_column(*col);
        let left = [
            term(ApplicationRow::NewReceived, *col),
            term(ApplicationRow::CarriedOver, *col),
        ];
        let right = [
            term(ApplicationRow::TotalProcessed, *col),
            term(ApplicationRow::CarriedForward, *col),
        ];
        checks.push(equality("t3.balance", subject, col.label(), &left, &right));
    }
    for col in Applicant::ALL {
        let results: Vec<Term> = ApplicationRow::for_layout(layout)
            .filter(|r| r.is_result())
            .map(|r| term(r, *col))
            .collect();
        let total = [term(ApplicationRow::TotalProcessed, *col)];
        checks.push(equality(
            "t3.results_total",
            ReportPath::application_value(ApplicationRow::TotalProcessed, *col),
            col.label(),
            &total,
            &results,
        ));
    }
    for row in ApplicationRow::for_layout(layout) {
        // A row-wise rule names each column by its label.
        let parts: Vec<Term> = Applicant::PARTS
            .iter()
            .map(|c| cell(row, *c, c.label()))
            .collect();
        let total = [cell(row, Applicant::Total, Applicant::Total.label())];
        checks.push(equality(
            "t3.row_total",
            ReportPath::application_value(row, Applicant::Total),
            row.full_label(),
            &total,
            &parts,
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ReviewLitigation, Source};

    fn report_with_t4(values: [Option<f64>; 5]) -> Report {
        let mut r = Report::empty(Source::default());
        let mut t4 = ReviewLitigation::blank();
        if let Some(b) = t4.blocks.get_mut(&LitigationBlock::Review) {
            for (o, v) in Outcome::ALL.iter().zip(values) {
                b.insert(*o, v.map(Num));
            }
        }
        r.review_litigation = Some(t4);
        r
    }

    #[test]
    fn block_total_fails_as_printed() {
        let r = report_with_t4([Some(10.0), Some(1.0), Some(0.0), Some(0.0), Some(0.0)]);
        let checks = run_checks(&r);
        let c = checks
            .iter()
            .find(|c| c.subject == "review_litigation.review")
            .cloned();
        let c = c.unwrap_or_else(|| panic!("no check"));
        assert_eq!(c.status, CheckStatus::Fail);
        assert_eq!(c.expected, Some(Num(0.0)));
        assert_eq!(c.actual, Some(Num(11.0)));
        assert_eq!(
            c.message,
            "行政复议: 结果维持 10 + 结果纠正 1 + 其他结果 0 + 尚未审结 0 = 11, 总计 0"
        );
        // Its operands: the printed total, then the parts.
        let operands: Vec<&str> = c.operands.iter().map(|p| p.as_str()).collect();
        assert_eq!(
            operands,
            [
                "review_litigation.review.total",
                "review_litigation.review.maintain",
                "review_litigation.review.correct",
                "review_litigation.review.other",
                "review_litigation.review.unfinished",
            ]
        );
        assert!(c.concerns("review_litigation.review.correct"));
        assert!(c.concerns("review_litigation"));
        assert!(!c.concerns("review_litigation.litigation_direct.total"));
        assert!(!c.concerns("applications.rows.granted"));
    }

    #[test]
    fn block_total_passes_and_is_uncertain_over_blanks() {
        let r = report_with_t4([Some(1.0), Some(1.0), Some(0.0), Some(0.0), Some(2.0)]);
        assert!(run_checks(&r)
            .iter()
            .any(|c| c.subject == "review_litigation.review" && c.status == CheckStatus::Pass));
        let r = report_with_t4([Some(1.0), None, Some(0.0), Some(0.0), Some(1.0)]);
        assert!(
            run_checks(&r)
                .iter()
                .any(|c| c.subject == "review_litigation.review"
                    && c.status == CheckStatus::Uncertain)
        );
    }

    #[test]
    fn table_three_operands_are_each_rows_cells() {
        let mut r = Report::empty(Source::default());
        r.applications = Some(crate::Applications::blank(Layout::V2021));
        let checks = run_checks(&r);
        let find = |id: &str, subject: &str| {
            checks
                .iter()
                .find(|c| c.id == id && c.subject == subject)
                .unwrap_or_else(|| panic!("no check {id} {subject}"))
        };
        // A column-wise subject names every row; its operands are the rows' own cells.
        let balance = find("t3.balance", "applications.rows.*.total");
        let operands: Vec<&str> = balance.operands.iter().map(|p| p.as_str()).collect();
        assert_eq!(
            operands,
            [
                "applications.rows.new_received.total",
                "applications.rows.carried_over.total",
                "applications.rows.total_processed.total",
                "applications.rows.carried_forward.total",
            ]
        );
        assert!(balance.concerns("applications.rows.carried_over"));
        assert!(!balance.concerns("applications.rows.granted"));
        assert!(!balance.concerns("applications.rows.new_received.natural_person"));
        let results = find(
            "t3.results_total",
            "applications.rows.total_processed.total",
        );
        assert_eq!(results.operands.len(), 1 + 21);
        assert!(results.concerns("applications.rows.granted"));
        let row = find("t3.row_total", "applications.rows.granted.total");
        assert_eq!(row.operands.len(), 7);
        assert!(row.concerns("applications.rows.granted.natural_person"));
        assert!(!row.concerns("applications.rows.partial_grant"));

        // Read back without being run: the subject decides.
        let mut read = row.clone();
        read.operands.clear();
        assert!(read.concerns("applications.rows.granted"));
        assert!(!read.concerns("applications.rows.granted.natural_person"));
    }

    #[test]
    fn table_two_counts_and_fee() {
        use crate::{ActiveDisclosure, DisclosureField as F, DisclosureRow as R, Layout};
        let mut r = Report::empty(Source::default());
        let mut t2 = ActiveDisclosure::blank(Layout::V2021);
        let mut set = |row: R, field: F, v: f64| {
            if let Some(x) = t2.rows.get_mut(&row) {
                x.insert(field, Some(Num(v)));
            }
        };
        set(R::Regulations, F::Made, 3.0);
        set(R::Regulations, F::Repealed, -1.0);
        set(R::Regulations, F::Valid, 2.5);
        set(R::Fees, F::Amount, -7.5);
        set(R::Licensing, F::Processed, 9487.0);
        r.active_disclosure = Some(t2);
        fn status(r: &Report, subject: &str) -> Option<(String, CheckStatus)> {
            let checks = run_checks(r);
            let check = checks.into_iter().find(|c| c.subject == subject)?;
            // A value check reads its own cell only.
            assert_eq!(check.operands, std::slice::from_ref(&check.subject));
            Some((check.id, check.status))
        }
        let pass = CheckStatus::Pass;
        let fail = CheckStatus::Fail;
        for (subject, id, want) in [
            ("active_disclosure.regulations.made", "t2.counts", pass),
            ("active_disclosure.regulations.repealed", "t2.counts", fail),
            ("active_disclosure.regulations.valid", "t2.counts", fail),
            ("active_disclosure.fees.amount", "t2.fee", fail),
            (
                "active_disclosure.punishment.processed",
                "t2.counts",
                CheckStatus::Uncertain,
            ),
        ] {
            assert_eq!(status(&r, subject), Some((id.into(), want)), "{subject}");
        }

        // 2019 本年增/减 may be negative, but must be whole.
        let mut t2 = ActiveDisclosure::blank(Layout::V2019);
        if let Some(x) = t2.rows.get_mut(&R::Licensing) {
            x.insert(F::Change, Some(Num(-3.0)));
        }
        if let Some(x) = t2.rows.get_mut(&R::Fees) {
            x.insert(F::Change, Some(Num(1.5)));
        }
        r.active_disclosure = Some(t2);
        for (subject, want) in [
            ("active_disclosure.licensing.change", pass),
            ("active_disclosure.fees.change", fail),
        ] {
            assert_eq!(
                status(&r, subject),
                Some(("t2.counts".into(), want)),
                "{subject}"
            );
        }
    }
}
