//! Table builders: cells, rows and vertical merges as they are read, to IR
//! tables with row and column spans. `gridSpan` widens a cell, `vMerge`
//! continuations lengthen the cell above, `hMerge` continuations widen the
//! cell before, and `gridBefore` or missing cells leave empty grid positions.
//! A row or a cell deleted with tracked changes is left out, as Word prints
//! it once the changes are accepted (the cells after a deleted cell move
//! left into its place).

use gongkai_ir::{Cell, Origin, Row, Table};

/// A cell's part in a vertical merge (`w:vMerge`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum VMerge {
    /// Not merged.
    None,
    /// The first cell of a merge.
    Restart,
    /// Merged into the cell above.
    Continue,
}

/// A cell being read.
pub(crate) struct CellBuilder {
    col: usize,
    /// Grid columns spanned (`w:gridSpan`).
    pub(crate) col_span: usize,
    /// Its part in a vertical merge.
    pub(crate) vmerge: VMerge,
    /// Merged into the cell before (`w:hMerge` continuation).
    pub(crate) hmerge_continue: bool,
    /// Deleted with tracked changes (`w:cellDel`).
    pub(crate) deleted: bool,
    text: String,
    /// Tables nested in the cell.
    pub(crate) tables: Vec<Table>,
    /// Where the cell is.
    pub(crate) at: Origin,
}

impl CellBuilder {
    /// Add one paragraph of the cell; empty paragraphs (such as the one Word
    /// requires after a nested table) add nothing.
    pub(crate) fn add_paragraph(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        if !self.text.is_empty() {
            self.text.push('\n');
        }
        self.text.push_str(text);
    }
}

struct RowBuilder {
    cells: Vec<Cell>,
    next_col: usize,
    tc_count: u32,
    /// Deleted with tracked changes: its cells are dropped as they end.
    deleted: bool,
    at: Origin,
}

/// A vertical merge still open: the restart cell and the last row it covers.
struct Merge {
    col: usize,
    row: usize,
    cell: usize,
    last_row: usize,
}

/// A table being read.
pub(crate) struct TableBuilder {
    rows: Vec<Row>,
    row: Option<RowBuilder>,
    merges: Vec<Merge>,
    /// The body table number (1-based); 0 for nested tables.
    number: u32,
    /// For a nested table: the origin of the outer cell, used for all its parts.
    nested_at: Option<Origin>,
    tr_count: u32,
    /// Cells started so far.
    pub(crate) cells: usize,
    /// How many rows were left out as deleted, and where the first was.
    pub(crate) deleted_rows: (u32, Option<Origin>),
    /// How many cells were left out as deleted, and where the first was.
    pub(crate) deleted_cells: (u32, Option<Origin>),
}

impl TableBuilder {
    /// A body table numbered `number`, or (with `nested_at`, the origin of
    /// the outer cell) a nested one.
    pub(crate) fn new(number: u32, nested_at: Option<Origin>) -> Self {
        TableBuilder {
            rows: Vec::new(),
            row: None,
            merges: Vec::new(),
            number,
            nested_at,
            tr_count: 0,
            cells: 0,
            deleted_rows: (0, None),
            deleted_cells: (0, None),
        }
    }

    fn origin(&self, row: u32, cell: u32) -> Origin {
        match &self.nested_at {
            Some(at) => at.clone(),
            None => Origin::TableCell {
                table: self.number,
                row,
                cell,
            },
        }
    }

    /// Start a row, ending the one before.
    pub(crate) fn start_row(&mut self) {
        self.end_row();
        self.tr_count = self.tr_count.saturating_add(1);
        self.row = Some(RowBuilder {
            cells: Vec::new(),
            next_col: 0,
            tc_count: 0,
            deleted: false,
            at: self.origin(self.tr_count, 1),
        });
    }

    /// Mark the open row deleted with tracked changes (`w:trPr/w:del`).
    pub(crate) fn delete_row(&mut self) {
        if let Some(row) = self.row.as_mut() {
            row.deleted = true;
        }
    }

    /// End the open row, if any.
    pub(crate) fn end_row(&mut self) {
        if let Some(row) = self.row.take() {
            if row.deleted {
                // Merges run on across the row, as in the accepted table.
                let (count, first) = &mut self.deleted_rows;
                *count = count.saturating_add(1);
                first.get_or_insert(row.at);
                return;
            }
            let index = self.rows.len();
            self.rows.push(Row {
                cells: row.cells,
                at: row.at,
            });
            // A merge not continued in this row has ended.
            self.merges.retain(|m| m.last_row == index);
        }
    }

    /// Leave `n` grid columns empty before the open row's first cell
    /// (`w:gridBefore`), if no cell was started in it yet.
    pub(crate) fn grid_before(&mut self, n: usize) {
        if let Some(row) = self.row.as_mut() {
            if row.tc_count == 0 {
                row.next_col = n;
            }
        }
    }

    /// Start a cell in the open row (starting a row if none is open).
    pub(crate) fn start_cell(&mut self) -> CellBuilder {
        if self.row.is_none() {
            self.start_row();
        }
        self.cells = self.cells.saturating_add(1);
        let (col, tc) = match self.row.as_mut() {
            Some(row) => {
                row.tc_count = row.tc_count.saturating_add(1);
                (row.next_col, row.tc_count)
            }
            None => (0, 1),
        };
        CellBuilder {
            col,
            col_span: 1,
            vmerge: VMerge::None,
            hmerge_continue: false,
            deleted: false,
            text: String::new(),
            tables: Vec::new(),
            at: self.origin(self.tr_count, tc),
        }
    }

    /// Add a finished cell to the open row, or merge it into the cell it
    /// continues.
    pub(crate) fn end_cell(&mut self, c: CellBuilder) {
        let row_index = self.rows.len();
        let Some(row) = self.row.as_mut() else {
            return;
        };
        if row.deleted {
            return;
        }
        if c.deleted {
            // Its grid columns go to the cells after it.
            let (count, first) = &mut self.deleted_cells;
            *count = count.saturating_add(1);
            first.get_or_insert(c.at);
            return;
        }
        row.next_col = c.col.saturating_add(c.col_span);
        if c.hmerge_continue {
            if let Some(prev) = row.cells.last_mut() {
                prev.col_span = prev.col_span.saturating_add(c.col_span);
                append_merged_text(prev, &c.text);
                return;
            }
        }
        if c.vmerge == VMerge::Continue {
            let open = self
                .merges
                .iter_mut()
                .find(|m| m.col == c.col && m.last_row.saturating_add(1) == row_index);
            if let Some(m) = open {
                m.last_row = row_index;
                let top = self
                    .rows
                    .get_mut(m.row)
                    .and_then(|r| r.cells.get_mut(m.cell));
                if let Some(top) = top {
                    top.row_span = top.row_span.saturating_add(1);
                    append_merged_text(top, &c.text);
                }
                return;
            }
            // A continuation with nothing above it starts a cell of its own.
        }
        if c.vmerge == VMerge::Restart {
            self.merges.push(Merge {
                col: c.col,
                row: row_index,
                cell: row.cells.len(),
                last_row: row_index,
            });
        }
        row.cells.push(Cell {
            col: c.col,
            row_span: 1,
            col_span: c.col_span,
            text: c.text,
            tables: c.tables,
            tables_after: Vec::new(),
            line_at: Vec::new(),
            at: c.at,
            lines: Vec::new(),
            confidence: None,
        });
    }

    /// The finished table, at the origin of its first cell.
    pub(crate) fn finish(mut self) -> Table {
        self.end_row();
        let at = self.origin(1, 1);
        Table {
            rows: self.rows,
            at,
        }
    }
}

/// Text left in a merged-away cell (Word hides it) is kept on the covering cell.
fn append_merged_text(cell: &mut Cell, text: &str) {
    if text.trim().is_empty() {
        return;
    }
    if !cell.text.is_empty() {
        cell.text.push('\n');
    }
    cell.text.push_str(text);
}
