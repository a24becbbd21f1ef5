//! One HTML table as the IR's table: cells placed on the column grid by the
//! HTML table algorithm (a cell starts at the first column no `rowspan` from
//! above covers), spans clamped the way browsers clamp them. A cell keeps
//! its lines with the element holding each, and the tables nested in it
//! with where they stand among its lines.

use std::sync::Arc;

use gongkai_ir::{Cell, Element, Limits, Origin, ReadError, Row, Table};

use crate::phrases::MAX_COLSPAN;

/// A line of text as read, and the deepest element holding all of it.
#[derive(Debug)]
pub(crate) struct Line {
    /// The finished text (never empty).
    pub text: String,
    /// The element holding it.
    pub element: Option<Arc<Element>>,
}

/// A cell as read: its lines, nested tables and span attributes.
#[derive(Debug, Default)]
pub(crate) struct RawCell {
    /// Its lines of text.
    pub lines: Vec<Line>,
    /// The tables nested in it.
    pub tables: Vec<Table>,
    /// For each of `tables`, how many of `lines` stand before it.
    pub tables_after: Vec<usize>,
    /// The `rowspan` attribute.
    pub rowspan: Option<String>,
    /// The `colspan` attribute.
    pub colspan: Option<String>,
    /// True until the cell's element closes: text goes into it.
    pub open: bool,
}

/// A table being read.
#[derive(Debug, Default)]
pub(crate) struct RawTable {
    /// Rows of cells.
    pub rows: Vec<Vec<RawCell>>,
    /// The caption's lines, if the table has one.
    pub caption: Option<Vec<Line>>,
    /// Cells so far (bounded by `--max-cells`).
    pub cells: usize,
}

/// An HTML non-negative integer: leading digits after white space (`2px` is
/// 2); `None` when there are none.
fn number(value: Option<&str>) -> Option<usize> {
    let v = value?.trim_start();
    let digits: &str = v.get(..v.bytes().take_while(u8::is_ascii_digit).count())?;
    if digits.is_empty() {
        return None;
    }
    // Saturate: `999999999999999999999` is just very large.
    Some(digits.parse::<usize>().unwrap_or(usize::MAX))
}

/// The row span: 1 when absent or not a number; 0 (to the end of the
/// table) and anything past the table's last row both end at the last row.
fn row_span(value: Option<&str>, rows_left: usize) -> usize {
    match number(value) {
        None => 1,
        Some(0) => rows_left.max(1),
        Some(n) => n.min(rows_left).max(1),
    }
}

/// The column span: 1 when absent, 0 or not a number; at most 1000.
fn col_span(value: Option<&str>) -> usize {
    number(value).unwrap_or(1).clamp(1, MAX_COLSPAN)
}

impl RawTable {
    /// The table in the IR; `number` is its 1-based count in the page,
    /// `element` the `<table>` element.
    pub(crate) fn finish(
        self,
        number: u32,
        element: Option<Arc<Element>>,
        limits: &Limits,
    ) -> Result<Table, ReadError> {
        let height = self.rows.len();
        // Rows still covered by a span from above, per column.
        let mut covered: Vec<usize> = Vec::new();
        let mut rows = Vec::with_capacity(height);
        let at = |row: usize, cell: usize| Origin::TableCell {
            table: number,
            row: u32::try_from(row + 1).unwrap_or(u32::MAX),
            cell: u32::try_from(cell + 1).unwrap_or(u32::MAX),
        };
        for (r, raw) in self.rows.into_iter().enumerate() {
            let rows_left = height - r;
            let mut col = 0usize;
            let mut cells = Vec::with_capacity(raw.len());
            let empty = raw.is_empty();
            for (c, cell) in raw.into_iter().enumerate() {
                while covered.get(col).is_some_and(|n| *n > 0) {
                    col += 1;
                }
                let rs = row_span(cell.rowspan.as_deref(), rows_left);
                let cs = col_span(cell.colspan.as_deref());
                let end = col.saturating_add(cs);
                // The grid is rows × width: a width past the cell limit is
                // refused before it is allocated.
                limits.check_cells(end)?;
                if covered.len() < end {
                    covered.resize(end, 0);
                }
                for n in covered.iter_mut().take(end).skip(col) {
                    *n = (*n).max(rs);
                }
                cells.push(cell.into_ir(col, at(r, c)).with_span(rs, cs));
                col = end;
            }
            let spanned = covered.iter().any(|n| *n > 0);
            for n in &mut covered {
                *n = n.saturating_sub(1);
            }
            // A row with no cell and nothing reaching into it is markup
            // without content (an empty `<tr>`).
            if empty && !spanned {
                continue;
            }
            rows.push(Row {
                cells,
                at: at(r, 0),
            });
        }
        let table = Table {
            rows,
            at: at(0, 0).in_element(element),
        };
        // One long row widens the whole grid the normalizer builds.
        limits.check_cells(table.grid_area())?;
        Ok(table)
    }
}

impl RawCell {
    /// The cell in the IR at grid column `col`: its lines joined, each
    /// line's element kept.
    fn into_ir(self, col: usize, at: Origin) -> Cell {
        let mut text = String::with_capacity(self.lines.iter().map(|l| l.text.len() + 1).sum());
        let mut line_at = Vec::with_capacity(self.lines.len());
        for line in self.lines {
            if !text.is_empty() {
                text.push('\n');
            }
            text.push_str(&line.text);
            line_at.push(at.clone().in_element(line.element));
        }
        let mut cell = Cell::new(col, text, at);
        cell.line_at = line_at;
        cell.tables = self.tables;
        cell.tables_after = self.tables_after;
        cell
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(text: &str, rowspan: Option<&str>, colspan: Option<&str>) -> RawCell {
        RawCell {
            lines: vec![Line {
                text: text.to_string(),
                element: None,
            }],
            rowspan: rowspan.map(str::to_string),
            colspan: colspan.map(str::to_string),
            ..RawCell::default()
        }
    }

    #[test]
    fn spans_clamp() {
        assert_eq!(row_span(Some("0"), 3), 3);
        assert_eq!(row_span(Some("999999"), 3), 3);
        assert_eq!(row_span(Some("x"), 3), 1);
        assert_eq!(row_span(Some(" 2px"), 3), 2);
        assert_eq!(row_span(Some("99999999999999999999999"), 2), 2);
        assert_eq!(col_span(Some("0")), 1);
        assert_eq!(col_span(Some("5000")), 1000);
        assert_eq!(col_span(None), 1);
    }

    #[test]
    fn rowspans_push_later_cells_right() {
        let raw = RawTable {
            rows: vec![
                vec![cell("a", Some("2"), None), cell("b", None, Some("2"))],
                vec![cell("c", None, None), cell("d", None, None)],
            ],
            ..RawTable::default()
        };
        let t = raw.finish(1, None, &Limits::default()).unwrap();
        let cols: Vec<Vec<usize>> = t
            .rows
            .iter()
            .map(|r| r.cells.iter().map(|c| c.col).collect())
            .collect();
        assert_eq!(cols, vec![vec![0, 1], vec![1, 2]]);
        assert_eq!(t.rows[0].cells[0].row_span, 2);
    }

    #[test]
    fn a_wide_grid_is_refused() {
        let rows = (0..200)
            .map(|_| vec![cell("x", Some("999999"), Some("1000"))])
            .collect();
        let raw = RawTable {
            rows,
            ..RawTable::default()
        };
        let err = raw.finish(1, None, &Limits::default()).unwrap_err();
        assert!(err.to_string().contains("--max-cells"), "{err}");
    }
}
