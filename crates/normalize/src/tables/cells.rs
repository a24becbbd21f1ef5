//! Reading what every table shares: the rows of a table's parts, a value
//! cell into the report, a label matched only closely.

use std::collections::BTreeMap;

use gongkai_ir::{Diagnostic, Origin, Table};
use gongkai_report::{ReportPath, Value};

use super::diagnostics::TableNote;
use crate::label_match::Quality;
use crate::rows::{row_views, CellView, RowView};
use crate::value::CellValue;

/// All rows of the tables of one kind, in order.
pub fn all_rows<'a>(tables: &[&'a Table]) -> Vec<RowView<'a>> {
    tables.iter().flat_map(|t| row_views(t)).collect()
}

/// Where in the source each value was found and how sure OCR was of it,
/// kept in the report for messages as its tables are read.
pub struct Traces<'a> {
    /// Where a row or table was found, by report path.
    pub locations: &'a mut BTreeMap<ReportPath, String>,
    /// The OCR confidence of each value read from an image, by report path.
    pub confidences: &'a mut BTreeMap<ReportPath, u8>,
}

impl Traces<'_> {
    /// Record where the values under `path` were found.
    pub fn place(&mut self, path: ReportPath, at: impl std::fmt::Display) {
        self.locations.insert(path, at.to_string());
    }
}

/// Read one value cell into the report, with a diagnostic for annotated
/// text, a blank marker or text where a number belongs, and its OCR
/// confidence in `traces` when it was read from an image.
pub fn take_value(
    cell: &CellView<'_>,
    path: ReportPath,
    diags: &mut Vec<Diagnostic>,
    traces: &mut Traces<'_>,
) -> Value {
    if let Some(confidence) = cell.confidence {
        traces.confidences.insert(path.clone(), confidence);
    }
    let raw = cell.text.trim();
    let (value, note) = match &cell.value {
        CellValue::Number { value, annotated } => (
            Some(*value),
            annotated.then_some(TableNote::Annotated { value: *value }),
        ),
        CellValue::Blank => (
            None,
            (!raw.is_empty()).then_some(TableNote::BlankMarker { raw }),
        ),
        CellValue::Text => (None, Some(TableNote::NotANumber)),
    };
    if let Some(note) = note {
        diags.push(
            note.diagnostic()
                .with_path(path)
                .with_raw(raw)
                .with_at(cell.at),
        );
    }
    value
}

/// A diagnostic when a label was read as an official one it only resembles.
pub fn note_fuzzy(
    quality: Quality,
    label: &str,
    official: &str,
    path: &ReportPath,
    at: &Origin,
    diags: &mut Vec<Diagnostic>,
) {
    if let Quality::Fuzzy(score) = quality {
        diags.push(
            TableNote::FuzzyLabel { official, score }
                .diagnostic()
                .with_path(path)
                .with_raw(label.trim())
                .with_at(at),
        );
    }
}
