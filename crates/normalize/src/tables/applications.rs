//! Table 三 (收到和处理政府信息公开申请情况): rows found by their labels
//! (also labels wrapped over two rows, or printed above their values),
//! values placed under the seven applicant columns, the layout told by the
//! （六） rows.

use std::collections::BTreeMap;

use gongkai_ir::{Diagnostic, Table};
use gongkai_report::{Applicant, ApplicationRow, Applications, Layout, ReportPath, ResultGroup};

use super::cells::{all_rows, note_fuzzy, take_value, Traces};
use super::diagnostics::{TableNote, TableNumber};
use crate::label_kinds::{ApplicationLabel, TableWord};
use crate::label_match::{application_label, applications_header, table_word, HeaderCell, Quality};
use crate::limits::{APPLICANT_HEADER_ROWS, SPLIT_LABEL_MAX_CHARS};
use crate::rows::{fit, texts, CellView, RowView};
use crate::value::CellValue;

/// A table 三 row as found: its cells and where it was.
struct FoundRow<'r, 'a> {
    values: Vec<&'r CellView<'a>>,
    row: &'r RowView<'a>,
    /// The row's path in the report.
    path: ReportPath,
}

/// A row with its label recognised, before it is checked and placed.
struct Keyed<'r, 'a> {
    /// The numbered group the row was found under, if any.
    group: Option<ResultGroup>,
    key: ApplicationRow,
    quality: Quality,
    /// The label as printed (both halves of a wrapped label).
    label: String,
    values: &'r [CellView<'a>],
    row: &'r RowView<'a>,
}

/// The grid column of 自然人 when the header's columns are those of the
/// values (a real grid: DOCX, PDF, XLSX, Markdown): 总计 six columns to its
/// right. Text without spans has no such header, and values are fitted.
fn applicant_columns(rows: &[RowView<'_>]) -> Option<usize> {
    let mut natural = None;
    let mut total = None;
    for row in rows.iter().take(APPLICANT_HEADER_ROWS) {
        if row
            .cells
            .iter()
            .any(|c| matches!(c.value, CellValue::Number { .. }))
        {
            break;
        }
        for cell in &row.cells {
            match table_word(&cell.text) {
                Some(TableWord::NaturalPerson) => natural = natural.or(Some(cell.col)),
                Some(TableWord::Total) => total = total.or(Some(cell.col)),
                _ => {}
            }
        }
    }
    let first = natural?;
    (total? == first + Applicant::ALL.len() - 1).then_some(first)
}

/// The value cells of a row placed by column, when every value cell lies
/// in the applicant columns; otherwise fitted by position.
fn by_column<'v, 'a>(values: &'v [CellView<'a>], first: usize) -> &'v [CellView<'a>] {
    let n = Applicant::ALL.len();
    let in_columns = |c: &CellView<'_>| c.col >= first && c.col < first + n;
    let numbers_inside = values
        .iter()
        .filter(|c| !c.text.trim().is_empty())
        .all(in_columns);
    let start = values.iter().position(|c| c.col >= first);
    match start {
        Some(start) if numbers_inside => {
            let rest = values.get(start..).unwrap_or_default();
            let end = rest
                .iter()
                .position(|c| !in_columns(c))
                .unwrap_or(rest.len());
            rest.get(..end).unwrap_or_default()
        }
        _ => fit(values, n),
    }
}

/// A label seen without values, waiting for the row that carries them.
enum Waiting {
    /// A recognised row label.
    Row(ApplicationRow, Quality, String),
    /// Text that may be the first half of a label.
    Label(String),
}

/// Read table 三 from its tables' rows; `None` when no row is recognised.
pub fn read(
    tables: &[&Table],
    diags: &mut Vec<Diagnostic>,
    traces: &mut Traces<'_>,
) -> Option<Applications> {
    let rows = all_rows(tables);
    let keyed = key_rows(&rows, diags);
    let found = check_rows(keyed, diags);
    if found.is_empty() {
        return None;
    }
    let layout = layout_of(&found, diags);
    let mut table = Applications::blank(layout);
    for (key, f) in &found {
        let path = &f.path;
        let Some(slot) = table.rows.get_mut(key) else {
            diags.push(
                TableNote::NotInLayout {
                    table: TableNumber::Three,
                    label: key.full_label(),
                    layout,
                }
                .diagnostic()
                .with_path(path)
                .with_at(f.row.at),
            );
            continue;
        };
        traces.place(path.clone(), f.row.at);
        for (col, cell) in Applicant::ALL.iter().zip(&f.values) {
            let path = ReportPath::application_value(*key, *col);
            slot.insert(*col, take_value(cell, path, diags, traces));
        }
    }
    for key in ApplicationRow::for_layout(layout) {
        if !found.contains_key(&key) {
            diags.push(
                TableNote::Missing {
                    table: TableNumber::Three,
                    label: key.full_label(),
                }
                .diagnostic()
                .with_path(ReportPath::application_row(key)),
            );
        }
    }
    Some(table)
}

/// The rows whose labels are recognised, with their values, in order.
fn key_rows<'r, 'a>(rows: &'r [RowView<'a>], diags: &mut Vec<Diagnostic>) -> Vec<Keyed<'r, 'a>> {
    let columns = applicant_columns(rows);
    let mut group: Option<ResultGroup> = None;
    let mut waiting: Option<Waiting> = None;
    let mut after_header = false;
    let mut keyed = Vec::new();
    for row in rows {
        for t in &row.above {
            if let Some((ApplicationLabel::Group(g), _)) = application_label(t) {
                group = Some(g);
            }
        }
        // A spacer row and a header row (repeated at a page break) are
        // passed over: a label waiting for its values keeps waiting, and
        // a header word never starts a label.
        if row.is_empty() {
            continue;
        }
        after_header = is_header_row(row, after_header);
        if after_header {
            continue;
        }
        let (label_cells, values) = split_row(row, columns);
        let labels = texts(label_cells);
        let matches: Vec<_> = labels.iter().map(|t| application_label(t)).collect();
        for m in &matches {
            if let Some((ApplicationLabel::Group(g), _)) = m {
                group = Some(*g);
            }
        }
        let values = match columns {
            Some(first) => by_column(values, first),
            None => fit(values, Applicant::ALL.len()),
        };
        let has_values = values.iter().filter(|c| !c.gap).count() >= Applicant::ALL.len()
            || values
                .iter()
                .any(|c| matches!(c.value, CellValue::Number { .. }));
        let keyed_row = |key, quality, label| Keyed {
            group,
            key,
            quality,
            label,
            values,
            row,
        };
        if labels.is_empty() {
            // Values under a label printed on the lines above them.
            match waiting.take() {
                Some(Waiting::Row(key, quality, label)) if has_values => {
                    keyed.push(keyed_row(key, quality, label));
                }
                Some(Waiting::Label(label)) if has_values => {
                    if let Some((ApplicationLabel::Row(key), quality)) = application_label(&label) {
                        keyed.push(keyed_row(key, quality, label));
                    }
                }
                other => waiting = other,
            }
            continue;
        }
        let last = labels.last().copied().unwrap_or_default();
        let mut matched = matches.last().copied().flatten();
        let mut label_text = last.to_string();
        match waiting.take() {
            Some(Waiting::Label(p)) => {
                let joined = format!("{p}{last}");
                let better = match (&matched, application_label(&joined)) {
                    (None, Some(m)) => Some(m),
                    (Some((_, Quality::Fuzzy(a))), Some((l, Quality::Exact | Quality::Prefix)))
                        if *a < 1.0 =>
                    {
                        Some((l, Quality::Exact))
                    }
                    _ => None,
                };
                if let Some(m) = better {
                    matched = Some(m);
                    label_text = joined;
                }
            }
            Some(Waiting::Row(key, quality, label)) if matched.is_none() => {
                // The rest of a wrapped label: still waiting for the values.
                let joined = format!("{label}{last}");
                if has_values {
                    keyed.push(keyed_row(key, quality, joined));
                } else {
                    waiting = Some(Waiting::Row(key, quality, joined));
                }
                continue;
            }
            _ => {}
        }
        let key = match matched {
            Some((ApplicationLabel::Row(r), q)) => Some((r, q)),
            Some((ApplicationLabel::Group(ResultGroup::Other), q)) if has_values => {
                Some((ApplicationRow::OtherProcessing, q))
            }
            Some((ApplicationLabel::Group(_) | ApplicationLabel::Results, _)) => {
                if has_values {
                    diags.push(
                        TableNote::Subtotal {
                            label: label_text.trim(),
                        }
                        .diagnostic()
                        .with_at(row.at),
                    );
                }
                None
            }
            None => {
                if !has_values
                    && labels.len() == 1
                    && label_text.chars().count() <= SPLIT_LABEL_MAX_CHARS
                {
                    // Perhaps the first half of a label split over two rows.
                    waiting = Some(Waiting::Label(label_text.clone()));
                } else if has_values {
                    let label = label_text.trim();
                    diags.push(
                        TableNote::UnknownRow { label }
                            .diagnostic()
                            .with_raw(label)
                            .with_at(row.at),
                    );
                }
                None
            }
        };
        let Some((key, quality)) = key else { continue };
        if !has_values {
            // A label whose values follow on a later line.
            waiting = Some(Waiting::Row(key, quality, label_text));
            continue;
        }
        keyed.push(keyed_row(key, quality, label_text));
    }
    keyed
}

/// A row of table 三's column header: no number, and a header word (or,
/// right after a header row, only header words and bare `其他`/`总计`).
fn is_header_row(row: &RowView<'_>, after_header: bool) -> bool {
    let cells: Vec<&CellView<'_>> = row
        .cells
        .iter()
        .filter(|c| !c.text.trim().is_empty())
        .collect();
    if cells
        .iter()
        .any(|c| matches!(c.value, CellValue::Number { .. }))
    {
        return false;
    }
    let kinds: Vec<Option<HeaderCell>> =
        cells.iter().map(|c| applications_header(&c.text)).collect();
    kinds.contains(&Some(HeaderCell::Word)) || (after_header && kinds.iter().all(Option::is_some))
}

/// The label cells and value cells of a row: a text in the applicant
/// columns is a note in a value cell, and when the last label is no label
/// but one before it is a row's (`（二）部分公开` | `（区分处理的…）`, or a
/// note before the first number in text without columns), the row is
/// split after that one.
fn split_row<'r, 'a>(
    row: &'r RowView<'a>,
    columns: Option<usize>,
) -> (&'r [CellView<'a>], &'r [CellView<'a>]) {
    let (labels, values) = row.split_labels(columns, |t| application_label(t).is_some());
    let is_row = |c: &CellView<'_>| {
        matches!(
            application_label(&c.text),
            Some((ApplicationLabel::Row(_), _))
        )
    };
    let last = labels.iter().rposition(|c| !c.text.trim().is_empty());
    let unmatched = last
        .and_then(|i| labels.get(i))
        .is_some_and(|c| application_label(&c.text).is_none());
    if !unmatched {
        return (labels, values);
    }
    match labels.iter().rposition(is_row) {
        Some(i)
            if row.cells.get(i + 1..).is_some_and(|rest| {
                rest.iter()
                    .any(|c| matches!(c.value, CellValue::Number { .. }))
            }) =>
        {
            row.cells.split_at(i + 1)
        }
        _ => (labels, values),
    }
}

/// Each row once, its values cut to the seven columns, with diagnostics
/// for rows out of their group, repeated, short or long.
fn check_rows<'r, 'a>(
    keyed: Vec<Keyed<'r, 'a>>,
    diags: &mut Vec<Diagnostic>,
) -> BTreeMap<ApplicationRow, FoundRow<'r, 'a>> {
    let mut found = BTreeMap::new();
    for k in keyed {
        let path = ReportPath::application_row(k.key);
        let label = k.label.trim();
        let warn = |note: TableNote<'_>| note.diagnostic().with_path(&path).with_at(k.row.at);
        if let (Some(expected), Some(g)) = (k.key.group(), k.group) {
            if expected != g {
                diags.push(warn(TableNote::OtherGroup {
                    label,
                    group: g.label(),
                }));
            }
        }
        if found.contains_key(&k.key) {
            diags.push(warn(TableNote::Duplicate { label }));
            continue;
        }
        note_fuzzy(
            k.quality,
            &k.label,
            k.key.full_label(),
            &path,
            k.row.at,
            diags,
        );
        let n = Applicant::ALL.len();
        let (values, beside) = drop_notes(k.values, n);
        if !beside.is_empty() {
            let values = beside.join(" ");
            diags.push(
                warn(TableNote::ExtraValues {
                    label,
                    values: &values,
                })
                .with_raw(values.as_str()),
            );
        }
        let found_values = values.len();
        let cells: Vec<&CellView<'_>> = if found_values > n {
            diags.push(warn(TableNote::Table3Extra {
                label,
                found: found_values,
                columns: n,
            }));
            values.iter().skip(found_values - n).collect()
        } else {
            if found_values < n {
                diags.push(warn(TableNote::Table3Short {
                    label,
                    found: found_values,
                    columns: n,
                }));
            }
            values.iter().collect()
        };
        found.insert(
            k.key,
            FoundRow {
                values: cells,
                row: k.row,
                path,
            },
        );
    }
    found
}

/// Text beside a row's values, outside the seven columns (a remark after
/// the row, the rest of a label before it), taken off the ends while there
/// are more cells than columns; returned with the texts taken off.
fn drop_notes<'v, 'a>(values: &'v [CellView<'a>], n: usize) -> (&'v [CellView<'a>], Vec<&'v str>) {
    let mut v = values;
    let mut beside = Vec::new();
    let is_note = |c: &CellView<'_>| c.value == CellValue::Text;
    while v.len() > n && v.last().is_some_and(is_note) {
        if let Some((last, rest)) = v.split_last() {
            beside.insert(0, last.text.trim());
            v = rest;
        }
    }
    while v.len() > n && v.first().is_some_and(is_note) {
        if let Some((first, rest)) = v.split_first() {
            beside.push(first.text.trim());
            v = rest;
        }
    }
    (v, beside)
}

/// 2021 when a （六） sub-row was found, 2019 when （六）其他处理 was; 2021
/// with a diagnostic when neither.
fn layout_of(
    found: &BTreeMap<ApplicationRow, FoundRow<'_, '_>>,
    diags: &mut Vec<Diagnostic>,
) -> Layout {
    let has_2021_rows = [
        ApplicationRow::OtherOverdueCorrection,
        ApplicationRow::OtherOverdueFee,
        ApplicationRow::OtherOtherReasons,
    ]
    .iter()
    .any(|r| found.contains_key(r));
    if has_2021_rows {
        Layout::V2021
    } else if found.contains_key(&ApplicationRow::OtherProcessing) {
        Layout::V2019
    } else {
        diags.push(
            TableNote::Table3LayoutUncertain
                .diagnostic()
                .with_path(ReportPath::APPLICATIONS_LAYOUT),
        );
        Layout::V2021
    }
}
