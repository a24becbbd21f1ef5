//! Table rows as the normalizer reads them: the cells that start in the row,
//! with gaps as blank cells, split into the label part and the value part.

use std::borrow::Cow;

use gongkai_ir::{Origin, Table};

use crate::value::{parse_cell, CellValue};

/// One cell of a row view.
#[derive(Debug, Clone)]
pub struct CellView<'a> {
    /// The cell's text (with nested tables' text).
    pub text: Cow<'a, str>,
    /// What the text reads as.
    pub value: CellValue,
    /// Where the cell was found.
    pub at: &'a Origin,
    /// True for a grid position no cell covers (not a cell of the source).
    pub gap: bool,
    /// The grid column the cell starts in.
    pub col: usize,
    /// The OCR engine's confidence in the text, when read from an image.
    pub confidence: Option<u8>,
}

/// One row of a table, as the normalizer reads it.
#[derive(Debug, Clone)]
pub struct RowView<'a> {
    /// Cells starting in this row and gaps, left to right.
    pub cells: Vec<CellView<'a>>,
    /// Text of cells that cover this row from a row above (merged labels).
    pub above: Vec<&'a str>,
    /// Where the row was found.
    pub at: &'a Origin,
}

impl<'a> RowView<'a> {
    /// The label cells and the value cells after them. Labels are on the
    /// left: they end at the last text cell before the values start (at the
    /// first number, or at grid column `values_from` when a header tells
    /// it), or at a text further right that `is_label` recognises. Any other
    /// text among the values is a note in a value cell (`见附件`), which
    /// costs that cell only.
    pub fn split_labels(
        &self,
        values_from: Option<usize>,
        is_label: impl Fn(&str) -> bool,
    ) -> (&[CellView<'a>], &[CellView<'a>]) {
        let first_number = self
            .cells
            .iter()
            .position(|c| matches!(c.value, CellValue::Number { .. }));
        let first_value = values_from.and_then(|v| self.cells.iter().position(|c| c.col >= v));
        let start = first_number
            .into_iter()
            .chain(first_value)
            .min()
            .unwrap_or(self.cells.len());
        let last_label = self
            .cells
            .iter()
            .enumerate()
            .rposition(|(i, c)| c.value == CellValue::Text && (i < start || is_label(&c.text)));
        match last_label {
            Some(i) => self.cells.split_at(i + 1),
            None => self.cells.split_at(0),
        }
    }

    /// True when no cell of the row holds anything (a spacer row).
    pub fn is_empty(&self) -> bool {
        self.cells.iter().all(|c| c.text.trim().is_empty())
    }
}

/// The texts of label cells, non-empty ones only.
pub fn texts<'c>(cells: &'c [CellView<'_>]) -> Vec<&'c str> {
    cells
        .iter()
        .map(|c| c.text.as_ref())
        .filter(|t| !t.trim().is_empty())
        .collect()
}

/// The rows of a table. Positions covered by a span from the left are
/// skipped (the cell was read once); positions covered from above are listed
/// in `above`; empty positions become blank cells.
pub fn row_views(table: &Table) -> Vec<RowView<'_>> {
    let grid = table.grid();
    let mut out = Vec::with_capacity(grid.rows.len());
    for (r, (grid_row, row)) in grid.rows.iter().zip(&table.rows).enumerate() {
        let mut cells = Vec::with_capacity(grid_row.len());
        let mut above = Vec::new();
        for (col, pos) in grid_row.iter().enumerate() {
            match pos {
                None => cells.push(CellView {
                    text: Cow::Borrowed(""),
                    value: CellValue::Blank,
                    at: &row.at,
                    gap: true,
                    col,
                    confidence: None,
                }),
                Some(g) if g.is_origin => {
                    let text = if g.cell.tables.is_empty() {
                        Cow::Borrowed(g.cell.text.as_str())
                    } else {
                        Cow::Owned(g.cell.full_text())
                    };
                    let value = parse_cell(&text);
                    cells.push(CellView {
                        text,
                        value,
                        at: &g.cell.at,
                        gap: false,
                        col,
                        confidence: g.cell.confidence,
                    });
                }
                Some(g) if g.origin_row < r => {
                    if above.last() != Some(&g.cell.text.as_str()) {
                        above.push(g.cell.text.as_str());
                    }
                }
                Some(_) => {}
            }
        }
        out.push(RowView {
            cells,
            above,
            at: &row.at,
        });
    }
    out
}

/// Fit a value run to `n` cells: drop blank cells from the end, then from
/// the start, while there are too many. `None` if it does not fit.
pub fn fit<'v, 'a>(values: &'v [CellView<'a>], n: usize) -> &'v [CellView<'a>] {
    let mut v = values;
    while v.len() > n && v.last().is_some_and(|c| c.text.trim().is_empty()) {
        v = v.split_last().map(|(_, rest)| rest).unwrap_or_default();
    }
    while v.len() > n && v.first().is_some_and(|c| c.text.trim().is_empty()) {
        v = v.split_first().map(|(_, rest)| rest).unwrap_or_default();
    }
    v
}
