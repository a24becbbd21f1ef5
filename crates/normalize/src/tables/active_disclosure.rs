//! Table 二 (主动公开政府信息情况): its layout voted by headers and rows,
//! then each row's values under the columns its layout gives it.

use gongkai_ir::{Diagnostic, Table};
use gongkai_report::{ActiveDisclosure, DisclosureRow, Layout, ReportPath};

use super::cells::{all_rows, note_fuzzy, take_value, Traces};
use super::diagnostics::{TableNote, TableNumber};
use crate::label_match::{disclosure_header, disclosure_row, Quality};
use crate::rows::{fit, CellView, RowView};
use crate::value::CellValue;

/// Read table 二 from its tables' rows; `None` when no row is recognised.
pub fn read(
    tables: &[&Table],
    diags: &mut Vec<Diagnostic>,
    traces: &mut Traces<'_>,
) -> Option<ActiveDisclosure> {
    let rows = all_rows(tables);
    if rows.is_empty() {
        return None;
    }
    let layout = vote_layout(&rows, diags);
    let mut table = ActiveDisclosure::blank(layout);
    let mut seen = Vec::new();
    for row in &rows {
        let Some((label, (key, quality), values)) = labelled(row) else {
            continue;
        };
        let fields = key.fields(layout);
        let base = ReportPath::disclosure_row(key);
        let warn = |note: TableNote<'_>| note.diagnostic().with_path(&base).with_at(row.at);
        if fields.is_empty() {
            diags.push(warn(TableNote::NotInLayout {
                table: TableNumber::Two,
                label: label.trim(),
                layout,
            }));
            continue;
        }
        if seen.contains(&key) {
            diags.push(warn(TableNote::Duplicate {
                label: label.trim(),
            }));
            continue;
        }
        seen.push(key);
        note_fuzzy(quality, label, key.label_in(layout), &base, row.at, diags);
        let n = fields.len();
        // A value under a header merged one column in leaves a blank before it.
        let values = fit(values, n);
        let (used, extra) = values.split_at(values.len().min(n));
        if used.len() < n {
            diags.push(warn(TableNote::Table2Short {
                label: label.trim(),
                found: used.len(),
                columns: n,
            }));
        }
        let first = used.first().map(|c| c.text.trim());
        let extra_text: Vec<&str> = extra
            .iter()
            .map(|c| c.text.trim())
            .filter(|t| !t.is_empty())
            .collect();
        if !extra_text.is_empty() {
            let values = extra_text.join(" ");
            let label = label.trim();
            let note = if extra_text.iter().all(|t| Some(*t) == first) {
                TableNote::RepeatedValues {
                    label,
                    values: &values,
                }
            } else {
                TableNote::ExtraValues {
                    label,
                    values: &values,
                }
            };
            diags.push(warn(note).with_raw(values.as_str()));
        }
        traces.place(base.clone(), row.at);
        if let Some(slot) = table.rows.get_mut(&key) {
            for (field, cell) in fields.iter().zip(used) {
                let path = ReportPath::disclosure_value(key, *field);
                slot.insert(*field, take_value(cell, path, diags, traces));
            }
        }
    }
    if seen.is_empty() {
        return None;
    }
    for key in DisclosureRow::for_layout(layout) {
        if !seen.contains(&key) {
            diags.push(
                TableNote::Missing {
                    table: TableNumber::Two,
                    label: key.label_in(layout),
                }
                .diagnostic()
                .with_path(ReportPath::disclosure_row(key)),
            );
        }
    }
    Some(table)
}

/// A row's label (the rightmost label cell that names a table 二 row), its
/// reading, and the cells after it, which are its values: a text among
/// them is a note in a value cell (`见附件`), not the row's label.
fn labelled<'r, 'a>(
    row: &'r RowView<'a>,
) -> Option<(&'r str, (DisclosureRow, Quality), &'r [CellView<'a>])> {
    let (labels, _) = row.split_labels(None, |t| disclosure_row(t).is_some());
    let (i, key) = labels
        .iter()
        .enumerate()
        .rev()
        .filter(|(_, c)| c.value == CellValue::Text)
        .find_map(|(i, c)| Some((i, disclosure_row(&c.text)?)))?;
    let label = labels.get(i)?.text.as_ref();
    Some((label, key, row.cells.get(i + 1..).unwrap_or_default()))
}

/// The layout, voted by column headers and 2019-only rows; 2021 when
/// nothing tells, with a diagnostic.
fn vote_layout(rows: &[RowView<'_>], diags: &mut Vec<Diagnostic>) -> Layout {
    let (mut v2021, mut v2019) = (0, 0);
    for row in rows {
        for cell in &row.cells {
            if cell.value == CellValue::Text {
                match disclosure_header(&cell.text) {
                    Some((_, Some(Layout::V2021))) => v2021 += 1,
                    Some((_, Some(Layout::V2019))) => v2019 += 1,
                    _ => {}
                }
            }
        }
        if let Some((_, (DisclosureRow::OtherServices | DisclosureRow::Procurement, _), _)) =
            labelled(row)
        {
            v2019 += 2;
        }
    }
    if v2019 == 0 && v2021 == 0 {
        diags.push(
            TableNote::Table2LayoutUncertain
                .diagnostic()
                .with_path(ReportPath::ACTIVE_DISCLOSURE_LAYOUT),
        );
    }
    if v2019 > v2021 {
        Layout::V2019
    } else {
        Layout::V2021
    }
}
