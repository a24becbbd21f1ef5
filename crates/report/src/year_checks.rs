//! The `year.*` checks across two reports of one organ: this year's 表三
//! 二、上年结转 equals last year's 四、结转下年度继续办理, column by column.
//! Which reports form a pair is decided by the caller (`gongkai-dataset`).

use crate::checks::show;
use crate::{Applicant, ApplicationRow, Applications, Check, CheckStatus, ReportPath};

/// The id of the carried-over check.
pub const YEAR_CARRIED_OVER: &str = "year.carried_over";
/// The id of a report that could not be paired with its other year.
pub const YEAR_UNMATCHED: &str = "year.unmatched";

/// One side of a year pair: the report's name for messages, its year and
/// its table 三.
#[derive(Debug, Clone, Copy)]
pub struct YearSide<'a> {
    /// The file or organ the message names.
    pub name: &'a str,
    /// The year reported on.
    pub year: i32,
    /// Table 三, if found.
    pub applications: Option<&'a Applications>,
}

/// This year's 上年结转 against last year's 结转下年度继续办理, one check
/// per applicant column; subjects are this year's cells.
pub fn year_checks(last: &YearSide, this: &YearSide) -> Vec<Check> {
    Applicant::ALL
        .iter()
        .map(|col| {
            let actual = this
                .applications
                .and_then(|t| t.get(ApplicationRow::CarriedOver, *col));
            let expected = last
                .applications
                .and_then(|t| t.get(ApplicationRow::CarriedForward, *col));
            let status = match (expected, actual) {
                (Some(e), Some(a)) if e.same_as(a) => CheckStatus::Pass,
                (Some(_), Some(_)) => CheckStatus::Fail,
                _ => CheckStatus::Uncertain,
            };
            let mut message = String::with_capacity(160);
            message.push_str(col.label());
            message.push_str(": ");
            message.push_str(&this.year.to_string());
            message.push_str(" 二、上年结转 ");
            show(&mut message, actual);
            message.push_str(", ");
            message.push_str(&last.year.to_string());
            message.push_str(" 四、结转下年度继续办理 ");
            show(&mut message, expected);
            message.push_str(" (");
            message.push_str(last.name);
            message.push(')');
            if status == CheckStatus::Uncertain {
                message.push_str(" (a cell is blank)");
            }
            let subject = ReportPath::application_value(ApplicationRow::CarriedOver, *col);
            Check {
                id: YEAR_CARRIED_OVER.to_string(),
                status,
                operands: vec![subject.clone()],
                subject,
                expected,
                actual,
                message,
            }
        })
        .collect()
}

/// A report whose other year could not be paired, and why: reported, never
/// guessed.
pub fn year_unmatched(why: &str) -> Check {
    Check {
        id: YEAR_UNMATCHED.to_string(),
        status: CheckStatus::Uncertain,
        subject: ReportPath::ORGAN,
        expected: None,
        actual: None,
        message: why.to_string(),
        operands: vec![ReportPath::ORGAN, ReportPath::YEAR],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Layout, Num};

    fn table(row: ApplicationRow, values: [f64; 7]) -> Applications {
        let mut t = Applications::blank(Layout::V2021);
        if let Some(cols) = t.rows.get_mut(&row) {
            for (col, v) in Applicant::ALL.iter().zip(values) {
                cols.insert(*col, Some(Num(v)));
            }
        }
        t
    }

    #[test]
    fn carried_over_against_last_years_carried_forward() {
        let last = table(
            ApplicationRow::CarriedForward,
            [2.0, 1.0, 0.0, 0.0, 0.0, 0.0, 3.0],
        );
        let this = table(
            ApplicationRow::CarriedOver,
            [2.0, 0.0, 0.0, 0.0, 0.0, 0.0, 2.0],
        );
        let checks = year_checks(
            &YearSide {
                name: "a",
                year: 2022,
                applications: Some(&last),
            },
            &YearSide {
                name: "b",
                year: 2023,
                applications: Some(&this),
            },
        );
        let statuses: Vec<CheckStatus> = checks.iter().map(|c| c.status).collect();
        use CheckStatus::{Fail, Pass};
        assert_eq!(statuses, [Pass, Fail, Pass, Pass, Pass, Pass, Fail]);
        let c = checks.get(1).unwrap_or_else(|| panic!("no check"));
        assert_eq!(
            c.subject,
            "applications.rows.carried_over.legal_person_commercial"
        );
        assert_eq!(
            c.message,
            "商业企业: 2023 二、上年结转 0, 2022 四、结转下年度继续办理 1 (a)"
        );
        let none = year_checks(
            &YearSide {
                name: "a",
                year: 2022,
                applications: None,
            },
            &YearSide {
                name: "b",
                year: 2023,
                applications: Some(&this),
            },
        );
        assert!(none.iter().all(|c| c.status == CheckStatus::Uncertain));
    }
}
