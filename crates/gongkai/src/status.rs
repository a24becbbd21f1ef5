//! How one input of a run ended (the summary's status column, the first
//! word of its line, the service's status field) and what a report must
//! hold to be `ok`.

use gongkai_report::Report;

/// How one input ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Converted: tables 三 and 四 found with values, every check passed or
    /// was uncertain.
    Ok,
    /// Converted, but table 三 or 四 was not found or holds no value.
    Incomplete,
    /// Converted, with at least one failed 勾稽 check.
    FailedChecks,
    /// Not converted: unreadable, broken, over a limit, timed out.
    Error,
    /// Not converted: a format gongkai recognises but does not read.
    Unsupported,
    /// Not converted now: up to date, or not a regular file.
    Skipped,
}

impl Status {
    /// The word in the summary and at the start of the input's line.
    pub fn word(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Incomplete => "incomplete",
            Status::FailedChecks => "failed-checks",
            Status::Error => "error",
            Status::Unsupported => "unsupported",
            Status::Skipped => "skipped",
        }
    }

    /// The status of a converted report: incomplete before failed checks,
    /// since a missing table also leaves its checks out.
    pub fn of(incomplete: bool, failed_checks: usize) -> Status {
        if incomplete {
            Status::Incomplete
        } else if failed_checks > 0 {
            Status::FailedChecks
        } else {
            Status::Ok
        }
    }

    /// The status a word names, for statuses read back from an earlier run.
    pub fn from_word(word: &str) -> Option<Status> {
        [
            Status::Ok,
            Status::Incomplete,
            Status::FailedChecks,
            Status::Error,
            Status::Unsupported,
            Status::Skipped,
        ]
        .into_iter()
        .find(|s| s.word() == word)
    }
}

/// One of the two statistical tables a report must hold values in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatTable {
    /// 表三, applications received and handled.
    Applications,
    /// 表四, administrative review and litigation.
    ReviewLitigation,
}

impl StatTable {
    /// The table's name as reports print it (`表三`, `表四`): the same in
    /// every language.
    pub fn name(self) -> &'static str {
        match self {
            StatTable::Applications => "表三",
            StatTable::ReviewLitigation => "表四",
        }
    }
}

/// What is wrong with a table of an incomplete report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableGap {
    /// The table was not found.
    Missing,
    /// The table was found without a single value.
    Empty,
}

/// Why a report is incomplete: each table that is missing or empty, 表三
/// first. Never empty. Its `Display` is the English one-liner (for JSON);
/// the command line words it in the locale's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Incompleteness {
    /// The tables at fault, in table order.
    pub gaps: Vec<(StatTable, TableGap)>,
}

impl std::fmt::Display for Incompleteness {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, (table, gap)) in self.gaps.iter().enumerate() {
            let sep = if i == 0 { "" } else { ", " };
            let what = match gap {
                TableGap::Missing => "not found",
                TableGap::Empty => "is empty",
            };
            write!(f, "{sep}{} {what}", table.name())?;
        }
        Ok(())
    }
}

/// Why a report is incomplete: table 三 or 四 not found, or found without a
/// single value; `None` when both hold values. A summary row with blank
/// totals is then not mistaken for a report with nothing to report.
pub fn incompleteness(report: &Report) -> Option<Incompleteness> {
    let mut gaps = Vec::new();
    match &report.applications {
        None => gaps.push((StatTable::Applications, TableGap::Missing)),
        Some(t) if t.rows.values().all(|r| r.values().all(Option::is_none)) => {
            gaps.push((StatTable::Applications, TableGap::Empty))
        }
        Some(_) => {}
    }
    match &report.review_litigation {
        None => gaps.push((StatTable::ReviewLitigation, TableGap::Missing)),
        Some(t) if t.blocks.values().all(|b| b.values().all(Option::is_none)) => {
            gaps.push((StatTable::ReviewLitigation, TableGap::Empty))
        }
        Some(_) => {}
    }
    (!gaps.is_empty()).then_some(Incompleteness { gaps })
}

#[cfg(test)]
mod tests {
    use super::*;
    use gongkai_report::{
        Applicant, ApplicationRow, Applications, Layout, Num, ReviewLitigation, Source,
    };

    #[test]
    fn a_report_without_tables_or_values_is_incomplete() {
        let mut report = Report::empty(Source::default());
        let said = |r: &Report| incompleteness(r).map(|i| i.to_string());
        assert_eq!(
            said(&report).as_deref(),
            Some("表三 not found, 表四 not found")
        );
        report.applications = Some(Applications::blank(Layout::V2021));
        report.review_litigation = Some(ReviewLitigation::blank());
        assert_eq!(
            said(&report).as_deref(),
            Some("表三 is empty, 表四 is empty")
        );
        if let Some(t) = report.applications.as_mut() {
            if let Some(row) = t.rows.get_mut(&ApplicationRow::NewReceived) {
                row.insert(Applicant::Total, Some(Num(0.0)));
            }
        }
        assert_eq!(
            incompleteness(&report).map(|i| i.gaps),
            Some(vec![(StatTable::ReviewLitigation, TableGap::Empty)])
        );
        assert_eq!(Status::of(true, 3), Status::Incomplete);
        assert_eq!(Status::of(false, 3), Status::FailedChecks);
        assert_eq!(Status::of(false, 0), Status::Ok);
        for s in [
            "ok",
            "incomplete",
            "failed-checks",
            "error",
            "unsupported",
            "skipped",
        ] {
            assert_eq!(Status::from_word(s).map(Status::word), Some(s));
        }
    }
}
