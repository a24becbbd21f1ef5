//! Failed checks on numbers read by OCR: the sum may break because a cell
//! was misread rather than misprinted, and the user must be told which.

use gongkai_ir::{Diagnostic, Severity};

use crate::{CheckStatus, Report, ReportPath};

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
            // The least sure reading first: the likeliest misread. A cell
            // without a confidence (read from text) goes last; ties keep
            // the check's order.
            let mut operands: Vec<&ReportPath> = check.operands.iter().collect();
            operands.sort_by_key(|p| report.confidences.get(*p).copied().unwrap_or(u8::MAX));
            let cells: Vec<&str> = operands.iter().map(|p| p.as_str()).collect();
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Check, Source};

    #[test]
    fn the_least_sure_cell_is_named_first() {
        let mut report = Report::empty(Source {
            ocr: Some("Tesseract 5.3.0".into()),
            ..Source::default()
        });
        let cells = ["t.a", "t.b", "t.c", "t.total"];
        report.checks.push(Check {
            id: "t.sum".into(),
            status: CheckStatus::Fail,
            subject: "t".into(),
            expected: None,
            actual: None,
            message: String::new(),
            operands: cells.iter().map(|c| ReportPath::from(*c)).collect(),
        });
        // `t.a` came from text (no confidence): last; `t.c` and `t.total`
        // are equally sure: in the check's order.
        for (cell, confidence) in [("t.b", 91), ("t.c", 62), ("t.total", 62)] {
            report.confidences.insert(cell.into(), confidence);
        }
        let warnings = suspect_sums(&report);
        assert_eq!(warnings.len(), 1);
        assert!(
            warnings[0].message.ends_with(": t.c, t.total, t.b, t.a"),
            "{}",
            warnings[0].message
        );
    }
}
