//! A sheet's cells and merged ranges laid out as IR blocks.
//!
//! The rule, kept simple so that output is predictable:
//! - fully empty rows split the sheet into regions (a merged range keeps the
//!   rows it covers together);
//! - a region where every row has at most one non-empty cell and no merge
//!   covers more than one row is text: one paragraph per non-empty cell;
//! - any other region is a table over the region's columns, after leading
//!   rows holding a single unmerged cell (a title typed above a table) are
//!   peeled off as paragraphs. Merged single-cell rows (table 二's
//!   `第二十条第（一）项` captions) stay in the table.

use std::collections::{BTreeMap, BTreeSet};

use gongkai_ir::{column_letters, Block, Cell, Origin, Paragraph, Row, Table};

use crate::hidden::Axis;
use crate::merges::MergeIndex;

/// One sheet as read: non-empty cell texts by position, and merges, over
/// the visible rows and columns (hidden ones taken out and numbered past).
#[derive(Debug, Clone, Default)]
pub(crate) struct SheetData {
    /// The sheet's name.
    pub name: String,
    /// Non-empty (after trimming) cell texts by (row, column).
    pub cells: BTreeMap<(u32, u32), String>,
    /// Merged ranges (degenerate 1×1 ranges removed), indexed.
    pub merges: MergeIndex,
    /// Visible rows, mapped back to the sheet's for origins.
    pub rows: Axis,
    /// Visible columns, mapped back to the sheet's for origins.
    pub cols: Axis,
}

impl SheetData {
    fn origin(&self, (r, c): (u32, u32)) -> Origin {
        let (r, c) = (self.rows.sheet(r), self.cols.sheet(c));
        Origin::Sheet {
            sheet: self.name.clone(),
            cell: format!("{}{}", column_letters(c as usize), u64::from(r) + 1),
        }
    }

    /// The sheet's blocks, top to bottom.
    pub(crate) fn blocks(&self) -> Vec<Block> {
        let mut blocks = Vec::new();
        for (top, bottom) in self.regions() {
            self.region_blocks(top, bottom, &mut blocks);
        }
        blocks
    }

    /// Runs of consecutive rows holding text or merges, as inclusive ranges.
    fn regions(&self) -> Vec<(u32, u32)> {
        let mut spans: Vec<(u32, u32)> = self.cells.keys().map(|(r, _)| (*r, *r)).collect();
        spans.extend(self.merges.all().iter().map(|m| (m.first.0, m.last.0)));
        spans.sort_unstable();
        let mut out: Vec<(u32, u32)> = Vec::new();
        for (a, b) in spans {
            match out.last_mut() {
                Some(last) if a <= last.1.saturating_add(1) => last.1 = last.1.max(b),
                _ => out.push((a, b)),
            }
        }
        out
    }

    /// Non-empty cells of one row, left to right.
    fn row_cells(&self, r: u32) -> Vec<(u32, &String)> {
        self.cells
            .range((r, 0)..=(r, u32::MAX))
            .map(|((_, c), t)| (*c, t))
            .collect()
    }

    fn region_blocks(&self, top: u32, bottom: u32, out: &mut Vec<Block>) {
        let tall_merge = self
            .merges
            .starting_in(top, bottom)
            .iter()
            .any(|m| m.rows() > 1);
        let is_text = !tall_merge && (top..=bottom).all(|r| self.row_cells(r).len() <= 1);
        if is_text {
            for r in top..=bottom {
                for (c, text) in self.row_cells(r) {
                    out.push(Block::Paragraph(Paragraph::new(
                        text.clone(),
                        self.origin((r, c)),
                    )));
                }
            }
            return;
        }
        // Peel leading single unmerged cells (titles typed above a table).
        let mut first = top;
        while first < bottom {
            let cells = self.row_cells(first);
            let merged = self.merges.covers_row(first);
            match cells.as_slice() {
                [(c, text)] if !merged => {
                    out.push(Block::Paragraph(Paragraph::new(
                        (*text).clone(),
                        self.origin((first, *c)),
                    )));
                    first += 1;
                }
                [] if !merged => first += 1,
                _ => break,
            }
        }
        out.push(Block::Table(self.table(first, bottom)));
    }

    /// The rows `top..=bottom` as a table over the columns they use.
    fn table(&self, top: u32, bottom: u32) -> Table {
        let mut cols: BTreeSet<u32> = BTreeSet::new();
        for ((r, c), _) in self.cells.range((top, 0)..=(bottom, u32::MAX)) {
            if *r >= top && *r <= bottom {
                cols.insert(*c);
            }
        }
        for m in self.merges.starting_in(top, bottom) {
            cols.insert(m.first.1);
            cols.insert(m.last.1);
        }
        let left = cols.first().copied().unwrap_or(0);
        let right = cols.last().copied().unwrap_or(0);
        let mut rows = Vec::new();
        for r in top..=bottom {
            let mut cells = Vec::new();
            for c in left..=right {
                if self.merges.covered((r, c)) {
                    continue;
                }
                let text = self.cells.get(&(r, c)).cloned().unwrap_or_default();
                let mut cell = Cell::new((c - left) as usize, text, self.origin((r, c)));
                if let Some(m) = self.merges.at((r, c)) {
                    // A merge reaching below the table is cut at its last row.
                    let rows = m.rows().min(bottom - r + 1);
                    cell = cell.with_span(rows as usize, m.cols() as usize);
                }
                cells.push(cell);
            }
            rows.push(Row {
                cells,
                at: self.origin((r, left)),
            });
        }
        Table {
            rows,
            at: self.origin((top, left)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::merges::Merge;
    use gongkai_ir::{dump, Document};

    type Pos = (u32, u32);

    fn sheet(cells: &[(Pos, &str)], merges: &[(Pos, Pos)]) -> SheetData {
        SheetData {
            name: "S".into(),
            cells: cells.iter().map(|(p, t)| (*p, t.to_string())).collect(),
            merges: MergeIndex::new(
                merges
                    .iter()
                    .map(|(first, last)| Merge {
                        first: *first,
                        last: *last,
                    })
                    .collect(),
            ),
            ..SheetData::default()
        }
    }

    fn show(s: &SheetData) -> String {
        dump(&Document {
            blocks: s.blocks(),
            diagnostics: vec![],
        })
    }

    #[test]
    fn text_rows_are_paragraphs_and_tables_keep_spans() {
        let s = sheet(
            &[
                ((0, 0), "标题"),
                ((2, 1), "第二十条第（一）项"),
                ((3, 1), "信息内容"),
                ((3, 2), "本年处理决定数量"),
                ((4, 1), "行政许可"),
                ((4, 2), "5"),
            ],
            &[((2, 1), (2, 4)), ((3, 2), (3, 4)), ((4, 2), (4, 4))],
        );
        let out = show(&s);
        assert!(out.contains("[1] paragraph @ sheet S!A1"), "{out}");
        assert!(out.contains("[2] table 3×4 @ sheet S!B3"), "{out}");
        assert!(
            out.contains("第二十条第（一）项 [1×4] | < | < | <"),
            "{out}"
        );
        assert!(out.contains("行政许可 | 5 [1×3] | < | <"), "{out}");
    }

    #[test]
    fn leading_unmerged_title_is_peeled() {
        let s = sheet(
            &[
                ((0, 0), "三、收到和处理政府信息公开申请情况"),
                ((1, 0), "a"),
                ((1, 1), "b"),
                ((2, 0), "c"),
            ],
            &[],
        );
        let blocks = s.blocks();
        assert!(matches!(blocks.first(), Some(Block::Paragraph(_))));
        let Some(Block::Table(t)) = blocks.get(1) else {
            panic!("no table")
        };
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[1].cells.len(), 2);
    }

    #[test]
    fn vertical_merges_keep_rows_together() {
        let s = sheet(
            &[((0, 0), "三、本年度办理结果"), ((0, 1), "x"), ((2, 1), "y")],
            &[((0, 0), (2, 0))],
        );
        let blocks = s.blocks();
        assert_eq!(blocks.len(), 1);
        let Some(Block::Table(t)) = blocks.first() else {
            panic!("no table")
        };
        assert_eq!(t.rows.len(), 3);
        assert_eq!(t.rows[0].cells[0].row_span, 3);
        assert_eq!(t.rows[1].cells.len(), 1);
    }

    #[test]
    fn many_merges_in_one_table_are_laid_out_in_linear_time() {
        // 30,000 rows of a label merged over A:B and a value in C: each
        // cell used to scan every merge (9×10⁸ steps, minutes unoptimised).
        let n = 30_000u32;
        let mut cells = Vec::new();
        let mut merges = Vec::new();
        for r in 0..n {
            cells.push(((r, 0), "规章"));
            cells.push(((r, 2), "0"));
            merges.push(((r, 0), (r, 1)));
        }
        let start = std::time::Instant::now();
        let blocks = sheet(&cells, &merges).blocks();
        let Some(Block::Table(t)) = blocks.first() else {
            panic!("no table")
        };
        assert_eq!(t.rows.len(), n as usize);
        assert_eq!(t.rows[n as usize - 1].cells[0].col_span, 2);
        assert!(start.elapsed() < std::time::Duration::from_secs(10));
    }
}
