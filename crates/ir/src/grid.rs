//! A table's spans expanded into a dense grid.

use crate::{Cell, Table};

/// The widest grid built; wider tables are cut (a real report table has < 30 columns).
const MAX_GRID_COLUMNS: usize = 1024;

/// One position of a dense grid.
#[derive(Debug, Clone, Copy)]
pub struct GridCell<'a> {
    /// The cell covering this position.
    pub cell: &'a Cell,
    /// True at the cell's top-left position, false where a span covers it.
    pub is_origin: bool,
    /// The row the cell starts in.
    pub origin_row: usize,
}

/// A table as a dense matrix of positions; `None` where no cell is.
#[derive(Debug, Clone)]
pub struct Grid<'a> {
    /// Rows of positions, all `width` long.
    pub rows: Vec<Vec<Option<GridCell<'a>>>>,
    /// The number of columns.
    pub width: usize,
}

impl Table {
    /// The number of positions [`Table::grid`] allocates (rows × columns).
    /// Readers bound this, not just the cell count, with `--max-cells`: one
    /// wide row in a long table makes every row as wide.
    pub fn grid_area(&self) -> usize {
        self.rows.len().saturating_mul(self.grid_width())
    }

    /// The grid's width: the right edge of the widest row, capped.
    fn grid_width(&self) -> usize {
        self.rows
            .iter()
            .flat_map(|r| r.cells.iter())
            .map(|c| c.col.saturating_add(c.col_span.max(1)))
            .max()
            .unwrap_or(0)
            .min(MAX_GRID_COLUMNS)
    }

    /// Expand spans into a dense grid. Overlapping cells: the first one wins.
    pub fn grid(&self) -> Grid<'_> {
        let height = self.rows.len();
        let width = self.grid_width();
        let mut rows: Vec<Vec<Option<GridCell<'_>>>> = vec![vec![None; width]; height];
        for (r, row) in self.rows.iter().enumerate() {
            for cell in &row.cells {
                let last_row = r.saturating_add(cell.row_span.max(1)).min(height);
                let last_col = cell.col.saturating_add(cell.col_span.max(1)).min(width);
                for (rr, grid_row) in rows.iter_mut().enumerate().take(last_row).skip(r) {
                    for cc in cell.col..last_col {
                        if let Some(slot) = grid_row.get_mut(cc) {
                            if slot.is_none() {
                                *slot = Some(GridCell {
                                    cell,
                                    is_origin: rr == r && cc == cell.col,
                                    origin_row: r,
                                });
                            }
                        }
                    }
                }
            }
        }
        Grid { rows, width }
    }
}

#[cfg(test)]
mod tests {
    use crate::{Cell, Origin, Row, Table};

    #[test]
    fn spans_expand() {
        let t = Table {
            rows: vec![
                Row::sequential(
                    [
                        Cell::new(0, "a", Origin::Unknown).with_span(2, 1),
                        Cell::new(0, "b", Origin::Unknown).with_span(1, 2),
                    ],
                    Origin::Unknown,
                ),
                Row {
                    cells: vec![
                        Cell::new(1, "c", Origin::Unknown),
                        Cell::new(2, "d", Origin::Unknown),
                    ],
                    at: Origin::Unknown,
                },
            ],
            at: Origin::Unknown,
        };
        let g = t.grid();
        assert_eq!(g.width, 3);
        let text = |r: usize, c: usize| g.rows[r][c].map(|x| (x.cell.text.as_str(), x.is_origin));
        assert_eq!(text(0, 0), Some(("a", true)));
        assert_eq!(text(1, 0), Some(("a", false)));
        assert_eq!(text(0, 2), Some(("b", false)));
        assert_eq!(text(1, 2), Some(("d", true)));
    }

    #[test]
    fn hostile_spans_do_not_explode() {
        let t = Table {
            rows: vec![Row {
                cells: vec![
                    Cell::new(usize::MAX, "x", Origin::Unknown).with_span(usize::MAX, usize::MAX)
                ],
                at: Origin::Unknown,
            }],
            at: Origin::Unknown,
        };
        let g = t.grid();
        assert!(g.width <= 1024);
    }
}
