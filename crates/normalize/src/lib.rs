//! The normalizer: IR → report. It knows the report and nothing of file
//! formats: it finds the six sections, the title, organ and year, the text of
//! sections 一, 五 and 六, and the three tables, by their labels. Nothing is
//! guessed silently: whatever is missing or uncertain is a diagnostic.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )
)]

#[macro_use]
mod memo;
mod aliases;
mod fold;
mod label_kinds;
mod label_match;
mod limits;
mod meta;
mod page;
mod rows;
mod second_report;
mod tables;
mod value;

use gongkai_ir::{Block, Diagnostic, Document, Severity, Table};
use gongkai_report::{Report, ReportPath, Source, ORGAN_LABEL, YEAR_LABEL};

use label_kinds::TableWord;
use label_match::table_word;

pub use fold::{fold, label_core};
pub use label_kinds::SectionKind;
pub use value::{parse_cell, CellValue};

/// Why a document could not be normalized.
#[derive(Debug, thiserror::Error)]
pub enum NormalizeError {
    /// Nothing of a report was found: no section heading, no table, no title.
    #[error("not a 政府信息公开工作年度报告: no report title, section heading or statistical table found")]
    NotAReport,
}

/// Which of the three statistical tables a table is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TableKind {
    /// 表二 主动公开
    Active,
    /// 表三 依申请公开
    Applications,
    /// 表四 复议诉讼
    Review,
}

/// Normalize a document into a report, checks run.
pub fn normalize(doc: &Document, source: Source) -> Result<Report, NormalizeError> {
    let mut report = Report::empty(source);
    report.diagnostics.extend(doc.diagnostics.iter().cloned());
    let mut diags = Vec::new();
    let opened = tables::layout::open(doc, |t| signature(t).is_some(), &mut diags);
    let (article, source_meta) = page::article(&opened, &mut diags);
    let first = second_report::first_report(&article).map(|(first, diagnostic)| {
        diags.push(diagnostic);
        first
    });
    let doc: &Document = first.as_ref().unwrap_or(&article);

    let outline = meta::outline(doc);
    let title = meta::title(doc, &outline);
    if let Some(t) = &title {
        report.year = meta::year(&t.text);
        report.organ = meta::organ(&t.text);
        report.title = Some(t.text.clone());
    }
    if report.year.is_none() {
        // From the title on: a web page's print lists other years' reports
        // before it.
        report.year = meta::year_from_body(doc, title.as_ref().map_or(0, |t| t.index));
    }
    if report.organ.is_none() {
        report.organ = meta::stated(doc, ORGAN_LABEL);
    }
    if report.year.is_none() {
        report.year = meta::stated(doc, YEAR_LABEL).and_then(|y| y.parse().ok());
    }
    if report.organ.is_none() {
        report.organ = meta::organ_from_source(source_meta.publisher.as_ref(), &mut diags);
    }
    if report.year.is_none() {
        report.year = meta::year_from_source(source_meta.date.as_ref(), &mut diags);
    }
    match &title {
        None => diags.push(
            Diagnostic::new(
                Severity::Warning,
                "title.missing",
                "no report title (…年…政府信息公开工作年度报告) found before the first section",
            )
            .with_path(ReportPath::TITLE),
        ),
        Some(t) => {
            if report.year.is_none() {
                diags.push(
                    Diagnostic::new(Severity::Warning, "year.missing", "the title names no year")
                        .with_path(ReportPath::YEAR)
                        .with_at(&t.at),
                );
            }
            if report.organ.is_none() {
                diags.push(
                    Diagnostic::new(
                        Severity::Warning,
                        "organ.missing",
                        "the title names no organ",
                    )
                    .with_path(ReportPath::ORGAN)
                    .with_at(&t.at),
                );
            }
        }
    }
    report.sections = meta::sections(doc, &outline, &mut diags);

    let mut by_kind: Vec<(TableKind, &Table)> = Vec::new();
    let mut previous: Option<TableKind> = None;
    for (index, block) in doc.blocks.iter().enumerate() {
        let Block::Table(table) = block else {
            if outline.headings.iter().any(|(i, _)| *i == index) {
                previous = None;
            }
            continue;
        };
        let kind = signature(table)
            .or_else(|| match outline.section_at(index) {
                Some(SectionKind::Active) => Some(TableKind::Active),
                Some(SectionKind::Applications) => Some(TableKind::Applications),
                Some(SectionKind::Review) => Some(TableKind::Review),
                _ => None,
            })
            .or(previous);
        if let Some(kind) = kind {
            by_kind.push((kind, table));
        }
        previous = kind;
    }
    let tables_of = |kind: TableKind| -> Vec<&Table> {
        by_kind
            .iter()
            .filter(|(k, _)| *k == kind)
            .map(|(_, t)| *t)
            .collect()
    };

    let mut traces = tables::cells::Traces {
        locations: &mut report.locations,
        confidences: &mut report.confidences,
    };
    let active_disclosure =
        tables::active_disclosure::read(&tables_of(TableKind::Active), &mut diags, &mut traces);
    let applications =
        tables::applications::read(&tables_of(TableKind::Applications), &mut diags, &mut traces);
    let review_litigation =
        tables::review_litigation::read(&tables_of(TableKind::Review), &mut diags, &mut traces);
    report.active_disclosure = active_disclosure;
    report.applications = applications;
    report.review_litigation = review_litigation;
    for (found, name, path) in [
        (
            report.active_disclosure.is_some(),
            "表二 主动公开政府信息情况",
            ReportPath::ACTIVE_DISCLOSURE,
        ),
        (
            report.applications.is_some(),
            "表三 收到和处理政府信息公开申请情况",
            ReportPath::APPLICATIONS,
        ),
        (
            report.review_litigation.is_some(),
            "表四 政府信息公开行政复议、行政诉讼情况",
            ReportPath::REVIEW_LITIGATION,
        ),
    ] {
        if !found {
            diags.push(
                Diagnostic::new(
                    Severity::Error,
                    "table.missing",
                    format!("{name} not found"),
                )
                .with_path(path),
            );
        }
    }

    let found_any = report.title.is_some()
        || !outline.headings.is_empty()
        || report.active_disclosure.is_some()
        || report.applications.is_some()
        || report.review_litigation.is_some();
    if !found_any {
        return Err(NormalizeError::NotAReport);
    }
    report.diagnostics.extend(diags);
    // The checks are run by the pipeline (`gongkai::load`), once, for every
    // way a report is made.
    Ok(report)
}

/// Which table a table is, from the labels its cells hold. Whole cell
/// labels count, not words inside longer text (a list of check messages
/// mentions 行政复议 without being table 四).
fn signature(table: &Table) -> Option<TableKind> {
    let (mut review, mut litigation, mut applications, mut active) = (false, false, false, false);
    for row in table.rows.iter().take(40) {
        for cell in &row.cells {
            // Signature labels are short words; numbers and prose are not.
            let text = cell.text.trim();
            if text.is_empty() || text.len() > 90 || text.bytes().all(|b| b.is_ascii_digit()) {
                continue;
            }
            match table_word(text) {
                Some(TableWord::Review) => review = true,
                Some(TableWord::Litigation) => litigation = true,
                Some(TableWord::Applications) => applications = true,
                Some(TableWord::Active) => active = true,
                Some(TableWord::NaturalPerson | TableWord::Total) | None => {}
            }
        }
    }
    if review && litigation {
        Some(TableKind::Review)
    } else if applications {
        Some(TableKind::Applications)
    } else if active {
        Some(TableKind::Active)
    } else {
        None
    }
}

#[cfg(test)]
mod tests;
