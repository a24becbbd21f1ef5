//! Table 四 (政府信息公开行政复议、行政诉讼情况): the first row of values
//! after the header, fifteen cells, read block by block.

use std::collections::BTreeMap;

use gongkai_ir::{Diagnostic, Table};
use gongkai_report::{LitigationBlock, Outcome, ReportPath, ReviewLitigation};

use super::cells::{all_rows, take_value};
use super::diagnostics::TableNote;
use crate::label_kinds::TableWord;
use crate::label_match::table_word;
use crate::rows::{fit, CellView};
use crate::value::CellValue;

/// Read table 四 from its tables' rows; `None` when there is neither a
/// value row nor its header.
pub fn read(
    tables: &[&Table],
    diags: &mut Vec<Diagnostic>,
    locations: &mut BTreeMap<ReportPath, String>,
) -> Option<ReviewLitigation> {
    let rows = all_rows(tables);
    let n = LitigationBlock::ALL.len() * Outcome::ALL.len();
    let mut cells: Vec<&CellView<'_>> = Vec::new();
    let mut at = None;
    for row in &rows {
        // All cells read as values, and either a number or a full row of
        // blanks (a blank form still has its value row).
        let is_value_row = row.cells.iter().all(|c| c.value.is_value())
            && (row
                .cells
                .iter()
                .any(|c| matches!(c.value, CellValue::Number { .. }))
                || row.cells.iter().filter(|c| !c.gap).count() >= n);
        if !is_value_row {
            if cells.is_empty() {
                continue;
            }
            break;
        }
        at.get_or_insert(row.at);
        let values = if cells.is_empty() {
            fit(&row.cells, n)
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
    locations.insert(ReportPath::REVIEW_LITIGATION, at.to_string());
    let mut it = cells.into_iter();
    for block in LitigationBlock::ALL {
        let Some(slot) = table.blocks.get_mut(block) else {
            continue;
        };
        for outcome in Outcome::ALL {
            let Some(cell) = it.next() else { break };
            let path = ReportPath::litigation_value(*block, *outcome);
            slot.insert(*outcome, take_value(cell, path, diags));
        }
    }
    Some(table)
}
