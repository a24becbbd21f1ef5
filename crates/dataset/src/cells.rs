//! A report's tables as one row per value: table, row key, column key,
//! value, the raw source text when a diagnostic annotated it, and where
//! the row was read.

use std::sync::Arc;

use gongkai_report::{Report, ReportPath, Value};

/// One value of one table.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// `active_disclosure`, `applications` or `review_litigation`.
    pub table: &'static str,
    /// The row (or block) key.
    pub row: &'static str,
    /// The column (or field, or outcome) key.
    pub column: &'static str,
    /// The value; `None` when blank.
    pub value: Value,
    /// The source text, when a diagnostic on this cell kept it.
    pub raw: Option<String>,
    /// Where its row was read in the source (`page 3 (x 90, y 412)`),
    /// shared by the row's cells.
    pub location: Option<Arc<str>>,
    /// The table, row and column as one small number (`code`), for a
    /// writer's look-ups.
    pub code: usize,
}

/// Codes of cells are below this.
pub const CELL_CODES: usize = 3 << 12;

/// Table `table` (0–2), row and column (each below 64) as one number.
fn code(table: usize, row: usize, column: usize) -> usize {
    (table << 12) | ((row & 63) << 6) | (column & 63)
}

/// The source text a diagnostic kept for the cell at `path`, if any (the
/// path is built only when some diagnostic kept one).
fn raw_of(raws: &[(&str, &str)], path: impl FnOnce() -> ReportPath) -> Option<String> {
    if raws.is_empty() {
        return None;
    }
    let path = path();
    raws.iter()
        .find(|(p, _)| *p == path.as_str())
        .map(|(_, raw)| raw.to_string())
}

/// Every value of the report's tables, in table order.
pub fn cells(report: &Report) -> Vec<Cell> {
    let mut out = Vec::with_capacity(256);
    // Where a row was read: one string for all its cells.
    let location = |row_path: ReportPath| {
        report
            .locations
            .get(&row_path)
            .map(|l| Arc::from(l.as_str()))
    };
    // The source texts diagnostics kept, by path: most reports have none,
    // and then no cell needs its path looked for.
    let raws: Vec<(&str, &str)> = report
        .diagnostics
        .iter()
        .filter_map(|d| Some((d.path.as_deref()?, d.raw.as_deref()?)))
        .collect();
    let mut push = |table,
                    row,
                    column,
                    code: usize,
                    value,
                    raw: Option<String>,
                    location: &Option<Arc<str>>| {
        let location = location.clone();
        out.push(Cell {
            table,
            row,
            column,
            value,
            raw,
            location,
            code,
        });
    };
    if let Some(t2) = &report.active_disclosure {
        for (row, fields) in &t2.rows {
            let at = location(ReportPath::disclosure_row(*row));
            for (field, value) in fields {
                push(
                    "active_disclosure",
                    row.key(),
                    field.key(),
                    code(0, *row as usize, *field as usize),
                    *value,
                    raw_of(&raws, || ReportPath::disclosure_value(*row, *field)),
                    &at,
                );
            }
        }
    }
    if let Some(t3) = &report.applications {
        for (row, cols) in &t3.rows {
            let at = location(ReportPath::application_row(*row));
            for (col, value) in cols {
                push(
                    "applications",
                    row.key(),
                    col.key(),
                    code(1, *row as usize, *col as usize),
                    *value,
                    raw_of(&raws, || ReportPath::application_value(*row, *col)),
                    &at,
                );
            }
        }
    }
    if let Some(t4) = &report.review_litigation {
        for (block, outcomes) in &t4.blocks {
            let at = location(ReportPath::litigation_block(*block));
            for (outcome, value) in outcomes {
                push(
                    "review_litigation",
                    block.key(),
                    outcome.key(),
                    code(2, *block as usize, *outcome as usize),
                    *value,
                    raw_of(&raws, || ReportPath::litigation_value(*block, *outcome)),
                    &at,
                );
            }
        }
    }
    out
}
