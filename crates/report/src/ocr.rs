//! Failed checks on numbers read by OCR: the sum may break because a cell
//! was misread rather than misprinted, and the user must be told which.

use gongkai_ir::{Diagnostic, Severity};

use crate::{CheckStatus, Report};

/// The code of the warning on a failed check whose cells were read by OCR.
pub const OCR_SUSPECT_SUM: &str = "ocr.suspect_sum";

/// One `ocr.suspect_sum` warning for each failed check of a report read by
/// OCR (`source.ocr`), naming the check's cells; none for a report whose
/// text the file held.
pub fn suspect_sums(report: &Report) -> Vec<Diagnostic> {
    let Some(engine) = &report.source.ocr else {
        return Vec::new();
    };
    report
        .checks
        .iter()
        .filter(|c| c.status == CheckStatus::Fail)
        .map(|check| {
            let cells: Vec<&str> = check.operands.iter().map(|p| p.as_str()).collect();
            let cells = if cells.is_empty() {
                check.subject.as_str().to_string()
            } else {
                cells.join(", ")
            };
            Diagnostic::new(
                Severity::Warning,
                OCR_SUSPECT_SUM,
                format!(
                    "check {} fails on numbers read by OCR ({engine}): one of these cells may be misread rather than misprinted; compare them with the page image: {cells}",
                    check.id
                ),
            )
            .with_path(check.subject.as_str())
        })
        .collect()
}
