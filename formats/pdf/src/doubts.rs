//! What the reader is not sure of, said as `warning` diagnostics naming the
//! page and the cell, never guessed silently. The codes and messages live
//! here, in one table.

use gongkai_ir::{Diagnostic, Severity};

/// A cell or a text the reader placed with a doubt; `row` and `col` are
/// indexes in the table (from 0), said counting from 1 as `inspect` shows them.
pub enum Doubt<'a> {
    /// Text on the rule between two rows of a table: it was read into the
    /// row that holds its middle.
    BetweenRows {
        page: u32,
        row: usize,
        col: usize,
        text: &'a str,
    },
    /// A cell whose lines are digit runs, the first ending short of the
    /// cell: one wrapped number or two numbers.
    DigitLines {
        page: u32,
        row: usize,
        col: usize,
        text: &'a str,
    },
    /// A number whose digits a page break cut, joined with its rest at the
    /// top of the next page.
    NumberAcrossPages {
        page: u32,
        row: usize,
        col: usize,
        text: &'a str,
    },
    /// Text beside a table, inside its width but outside every cell box:
    /// just above its first row or just below its last, in a column.
    OutsideCells {
        page: u32,
        row: usize,
        col: usize,
        below: bool,
        text: &'a str,
    },
}

impl Doubt<'_> {
    /// The warning for this doubt.
    pub fn warning(&self) -> Diagnostic {
        let (code, page, message) = match self {
            Doubt::BetweenRows {
                page,
                row,
                col,
                text,
            } => (
                "pdf.cell.between_rows",
                page,
                format!(
                    "page {page}, table row {}, column {}: {text:?} sits on the rule \
                     between two rows; read into the row that holds its middle",
                    row + 1,
                    col + 1
                ),
            ),
            Doubt::DigitLines {
                page,
                row,
                col,
                text,
            } => (
                "pdf.cell.digit_lines",
                page,
                format!(
                    "page {page}, table row {}, column {}: the lines {text:?} are digits \
                     not filling the cell: one wrapped number or several numbers",
                    row + 1,
                    col + 1
                ),
            ),
            Doubt::NumberAcrossPages {
                page,
                row,
                col,
                text,
            } => (
                "pdf.cell.number_across_pages",
                page,
                format!(
                    "page {page}, table row {}, column {}: digits cut by the page break \
                     joined into {text:?}",
                    row + 1,
                    col + 1
                ),
            ),
            Doubt::OutsideCells {
                page,
                row,
                col,
                below,
                text,
            } => (
                "pdf.table.text_outside_cells",
                page,
                format!(
                    "page {page}, {} table row {row}, column {col}: {text:?} lies within the \
                     table's width but outside every cell; not read as a cell",
                    if *below { "below" } else { "above" }
                ),
            ),
        };
        Diagnostic::new(Severity::Warning, code, message).with_at(format!("page {page}"))
    }
}

/// Is `text` a run of digits (a count as printed, maybe with thousands
/// separators)?
pub fn is_digit_run(text: &str) -> bool {
    !text.is_empty()
        && text.chars().any(|c| c.is_ascii_digit())
        && text.chars().all(|c| c.is_ascii_digit() || c == ',')
}
