//! One report as the rows a dataset stores, built where the report was made
//! (a batch worker) so that the writer only writes.

use gongkai_ir::{Diagnostic, Severity};
use gongkai_report::{Check, CheckStatus, Report, ReportPath};

use crate::{cells, Cell, Entry, YearEntry};

/// A check's row: the message only when it did not pass (a passed check's
/// message restates its numbers and took most of the database).
#[derive(Debug, Clone)]
pub struct CheckRow {
    /// `t3.balance`, `text.new_received`, …
    pub id: String,
    /// The dotted report path checked.
    pub subject: ReportPath,
    /// `pass`, `fail` or `uncertain`.
    pub status: &'static str,
    /// The value the rule expects.
    pub expected: Option<f64>,
    /// The value found.
    pub actual: Option<f64>,
    /// The message of a check that did not pass.
    pub message: Option<String>,
}

/// A diagnostic's row.
#[derive(Debug, Clone)]
pub struct DiagnosticRow {
    /// `error`, `warning` or `info`.
    pub severity: &'static str,
    /// The dotted code.
    pub code: String,
    /// The report path it concerns.
    pub path: Option<String>,
    /// The sentence.
    pub message: String,
    /// The source text.
    pub raw: Option<String>,
    /// Where in the source.
    pub at: Option<String>,
}

/// Everything a dataset stores of one report.
#[derive(Debug, Clone)]
pub struct Rows {
    /// The input path as given.
    pub path: String,
    /// SHA-256 of the input's bytes.
    pub sha256: String,
    /// The batch status word.
    pub status: String,
    /// The reader's format name.
    pub format: String,
    /// The title.
    pub title: Option<String>,
    /// Who reports.
    pub organ: Option<String>,
    /// The year reported on.
    pub year: Option<i32>,
    /// Table 二's layout (`2019`, `2021`).
    pub layout_t2: Option<&'static str>,
    /// Table 三's layout.
    pub layout_t3: Option<&'static str>,
    /// How many checks the report ran.
    pub checks_run: i64,
    /// How many of them failed.
    pub failed: i64,
    /// How many were uncertain.
    pub uncertain: i64,
    /// Every value of the tables.
    pub cells: Vec<Cell>,
    /// Every check of the report.
    pub checks: Vec<CheckRow>,
    /// Every diagnostic.
    pub diagnostics: Vec<DiagnosticRow>,
    /// What the year checks need.
    pub year_entry: YearEntry,
}

/// A status as the word stored.
pub fn status_word(s: CheckStatus) -> &'static str {
    match s {
        CheckStatus::Pass => "pass",
        CheckStatus::Fail => "fail",
        CheckStatus::Uncertain => "uncertain",
    }
}

fn severity_word(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
}

/// A count as SQLite's integer.
fn count(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

impl CheckRow {
    /// A check's row, taking its strings.
    fn of(c: Check) -> CheckRow {
        CheckRow {
            status: status_word(c.status),
            expected: c.expected.map(|n| n.0),
            actual: c.actual.map(|n| n.0),
            message: (c.status != CheckStatus::Pass).then_some(c.message),
            id: c.id,
            subject: c.subject,
        }
    }
}

impl DiagnosticRow {
    /// A diagnostic's row, taking its strings.
    fn of(d: Diagnostic) -> DiagnosticRow {
        DiagnosticRow {
            severity: severity_word(d.severity),
            code: d.code,
            path: d.path,
            message: d.message,
            raw: d.raw,
            at: d.at,
        }
    }
}

impl Rows {
    /// The rows of one report, taking its checks and diagnostics rather
    /// than copying them (a batch worker is done with the report).
    pub fn of(entry: &Entry, mut report: Report) -> Rows {
        let cells = cells(&report);
        let checks_run = count(report.checks.len());
        let failed = count(report.count_checks(CheckStatus::Fail));
        let uncertain = count(report.count_checks(CheckStatus::Uncertain));
        let checks = std::mem::take(&mut report.checks);
        let diagnostics = std::mem::take(&mut report.diagnostics);
        Rows {
            path: entry.path.to_string(),
            sha256: entry.sha256.to_string(),
            status: entry.status.to_string(),
            layout_t2: report.active_disclosure.as_ref().map(|t| t.layout.as_str()),
            layout_t3: report.applications.as_ref().map(|t| t.layout.as_str()),
            year_entry: YearEntry::slim(entry.path, &report),
            format: report.source.format,
            title: report.title,
            organ: report.organ,
            year: report.year,
            checks_run,
            failed,
            uncertain,
            cells,
            checks: checks.into_iter().map(CheckRow::of).collect(),
            diagnostics: diagnostics.into_iter().map(DiagnosticRow::of).collect(),
        }
    }
}
