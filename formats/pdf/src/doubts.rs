//! What the reader is not sure of, said as `warning` diagnostics naming the
//! page and the cell, never guessed silently. The codes and messages live
//! here, in one table.

use gongkai_ir::{shown_number, Block, Diagnostic, Origin, Severity, Table};

/// A cell or a text the reader placed with a doubt; `row` and `col` are
/// indexes in the table (from 0), said as `inspect` shows them
/// ([`shown_number`]).
pub enum Doubt {
    /// Text on the rule between two rows of a table: it was read into the
    /// row that holds its middle.
    BetweenRows {
        page: u32,
        row: usize,
        col: usize,
        text: String,
    },
    /// A cell whose lines are digit runs, the first ending short of the
    /// cell: one wrapped number or two numbers.
    DigitLines {
        page: u32,
        row: usize,
        col: usize,
        text: String,
    },
    /// A number whose digits a page break cut, joined with its rest at the
    /// top of the next page.
    NumberAcrossPages {
        page: u32,
        row: usize,
        col: usize,
        text: String,
    },
    /// Text beside a table, inside its width but outside every cell box:
    /// just above its first row or just below its last, in a column.
    OutsideCells {
        page: u32,
        row: usize,
        col: usize,
        below: bool,
        text: String,
    },
}

impl Doubt {
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
                    shown_number(*row),
                    shown_number(*col)
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
                    shown_number(*row),
                    shown_number(*col)
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
                    shown_number(*row),
                    shown_number(*col)
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
                    "page {page}, {} table row {}, column {}: {text:?} lies within the \
                     table's width but outside every cell; not read as a cell",
                    if *below { "below" } else { "above" },
                    shown_number(*row),
                    shown_number(*col)
                ),
            ),
        };
        Diagnostic::new(Severity::Warning, code, message).with_at(format!("page {page}"))
    }

    /// The row and column the doubt names.
    fn place_mut(&mut self) -> (&mut usize, &mut usize) {
        match self {
            Doubt::BetweenRows { row, col, .. }
            | Doubt::DigitLines { row, col, .. }
            | Doubt::NumberAcrossPages { row, col, .. }
            | Doubt::OutsideCells { row, col, .. } => (row, col),
        }
    }
}

/// A doubt about a cell of a table seen on one page, whose warning is
/// already in the list at `index` with the page's own row and column. A
/// table cut by page breaks is joined later (its rows then follow the rows
/// of the pages before, its columns take the first page's grid): [`settle`]
/// numbers the warning as the whole table's cell, as `inspect` shows it.
pub struct Pending {
    /// Where the warning is in the document's diagnostics.
    pub index: usize,
    /// The cell's origin, which stays with it when its table is joined.
    pub cell: Origin,
    /// The doubt.
    pub doubt: Doubt,
}

impl Pending {
    /// Adds the doubt's warning to `diagnostics`, to be settled later.
    pub fn push(doubt: Doubt, cell: Origin, diagnostics: &mut Vec<Diagnostic>) -> Pending {
        diagnostics.push(doubt.warning());
        Pending {
            index: diagnostics.len() - 1,
            cell,
            doubt,
        }
    }
}

/// Numbers each pending doubt's warning by its cell's row and column in
/// the finished tables of `blocks`. A cell not found (joined into the cell
/// above it across a page break) keeps the page's numbering.
pub fn settle(blocks: &[Block], diagnostics: &mut [Diagnostic], pending: Vec<Pending>) {
    let tables: Vec<&Table> = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Table(t) => Some(t),
            Block::Paragraph(_) => None,
        })
        .collect();
    for mut p in pending {
        let found = tables.iter().find_map(|t| {
            t.rows.iter().enumerate().find_map(|(r, row)| {
                row.cells
                    .iter()
                    .find(|c| c.at == p.cell)
                    .map(|c| (r, c.col))
            })
        });
        let Some((r, c)) = found else {
            continue;
        };
        let (row, col) = p.doubt.place_mut();
        *row = r;
        *col = c;
        if let Some(slot) = diagnostics.get_mut(p.index) {
            *slot = p.doubt.warning();
        }
    }
}

/// Is `text` a run of digits (a count as printed, maybe with thousands
/// separators)?
pub fn is_digit_run(text: &str) -> bool {
    !text.is_empty()
        && text.chars().any(|c| c.is_ascii_digit())
        && text.chars().all(|c| c.is_ascii_digit() || c == ',')
}
