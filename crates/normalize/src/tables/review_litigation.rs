//! Table 四 (政府信息公开行政复议、行政诉讼情况): the first row of values
//! after the header, fifteen cells, read block by block.

use gongkai_ir::{Diagnostic, Table};
use gongkai_report::{LitigationBlock, Outcome, ReportPath, ReviewLitigation};

use super::cells::{all_rows, take_value, Traces};
use super::diagnostics::TableNote;
use crate::label_kinds::TableWord;
use crate::label_match::table_word;
use crate::limits::NUMBERS_PER_NOTE;
use crate::rows::{fit, CellView, RowView};
use crate::value::CellValue;

/// Read table 四 from its tables' rows; `None` when there is neither a
/// value row nor its header.
pub fn read(
    tables: &[&Table],
    diags: &mut Vec<Diagnostic>,
    traces: &mut Traces<'_>,
) -> Option<ReviewLitigation> {
    let rows = all_rows(tables);
    let n = LitigationBlock::ALL.len() * Outcome::ALL.len();
    let mut cells: Vec<&CellView<'_>> = Vec::new();
    let mut at = None;
    for row in &rows {
        // Numbers, or a full row of blanks (a blank form still has its
        // value row). A text among many numbers is a note in a value cell
        // (`见附件`), which costs that cell only; a row of text with a
        // number or two (a list of checks) is no value row.
        let numbers = row
            .cells
            .iter()
            .filter(|c| matches!(c.value, CellValue::Number { .. }))
            .count();
        let texts = row
            .cells
            .iter()
            .filter(|c| c.value == CellValue::Text)
            .count();
        let is_value_row = if texts == 0 {
            numbers > 0 || row.cells.iter().filter(|c| !c.gap).count() >= n
        } else {
            numbers >= texts.saturating_mul(NUMBERS_PER_NOTE)
        };
        if !is_value_row {
            if cells.is_empty() {
                continue;
            }
            break;
        }
        at.get_or_insert(row.at);
        let values = if cells.is_empty() {
            first_values(row, n)
        } else {
            row.cells.as_slice()
        };
        cells.extend(values.iter());
        if cells.len() >= n {
            break;
        }
    }
    let Some(at) = at else {
        // The header is there but no value row: a blank form, or blank
        // values dropped by the source. The table is found, its values blank.
        let header = rows.first()?;
        let has_header = rows.iter().any(|r| {
            r.cells
                .iter()
                .any(|c| table_word(&c.text) == Some(TableWord::Review))
        });
        if !has_header {
            return None;
        }
        diags.push(
            TableNote::NoValueRow
                .diagnostic()
                .with_path(ReportPath::REVIEW_LITIGATION)
                .with_at(header.at),
        );
        return Some(ReviewLitigation::blank());
    };
    if cells.len() != n {
        diags.push(
            TableNote::Table4Short {
                found: cells.len(),
                columns: n,
            }
            .diagnostic()
            .with_path(ReportPath::REVIEW_LITIGATION)
            .with_at(at),
        );
    }
    let mut table = ReviewLitigation::blank();
    traces.place(ReportPath::REVIEW_LITIGATION, at);
    let mut it = cells.into_iter();
    for block in LitigationBlock::ALL {
        let Some(slot) = table.blocks.get_mut(block) else {
            continue;
        };
        for outcome in Outcome::ALL {
            let Some(cell) = it.next() else { break };
            let path = ReportPath::litigation_value(*block, *outcome);
            slot.insert(*outcome, take_value(cell, path, diags, traces));
        }
    }
    Some(table)
}

/// The value cells of table 四's first value row, fitted to `n`: the cells
/// after a label in front of the numbers (`数量`), unless without it the
/// row is short, when the text in front is a note in the first value cell.
fn first_values<'v, 'a>(row: &'v RowView<'a>, n: usize) -> &'v [CellView<'a>] {
    let (labels, values) = row.split_labels(None, |t| table_word(t).is_some());
    let values = fit(values, n);
    if labels.is_empty() || values.len() >= n {
        return values;
    }
    let all = fit(&row.cells, n);
    if all.len() <= n {
        all
    } else {
        values
    }
}
