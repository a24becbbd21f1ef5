//! A sheet's merged ranges, counted against `--max-cells` and indexed so
//! that laying out a sheet costs time linear in the cells the merges cover:
//! a hostile sheet holds one merge over the whole grid, or tens of
//! thousands of ranges.

use std::collections::{HashMap, HashSet};

use gongkai_ir::{Limit, Limits, Oversize, ReadError};

/// A merged range, inclusive, as (row, column) 0-based sheet positions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Merge {
    /// Top-left position.
    pub first: (u32, u32),
    /// Bottom-right position.
    pub last: (u32, u32),
}

impl Merge {
    /// Rows covered.
    pub(crate) fn rows(&self) -> u32 {
        self.last.0.saturating_sub(self.first.0).saturating_add(1)
    }

    /// Columns covered.
    pub(crate) fn cols(&self) -> u32 {
        self.last.1.saturating_sub(self.first.1).saturating_add(1)
    }

    /// Cells covered.
    pub(crate) fn area(&self) -> u64 {
        u64::from(self.rows()).saturating_mul(u64::from(self.cols()))
    }

    /// True for a range of more than one cell with its corners in order.
    fn is_proper(&self) -> bool {
        self.last.0 >= self.first.0 && self.last.1 >= self.first.1 && self.first != self.last
    }
}

/// The bounding box of a sheet's cells, inclusive.
pub(crate) type Extent = ((u32, u32), (u32, u32));

/// Refuse a sheet whose cells and merges together span more than
/// `--max-cells`, or whose merges cover more cells than that between them
/// (overlapping ranges), before anything proportional to their area is
/// done. Returns the sheet's extent, merges included.
pub(crate) fn check(
    sheet: &str,
    cells: Option<Extent>,
    merges: &[Merge],
    limits: &Limits,
) -> Result<Option<Extent>, ReadError> {
    let mut covered = 0u64;
    let mut extent = cells;
    for m in merges.iter().filter(|m| m.is_proper()) {
        covered = covered.saturating_add(m.area());
        extent = Some(match extent {
            None => (m.first, m.last),
            Some((a, b)) => (
                (a.0.min(m.first.0), a.1.min(m.first.1)),
                (b.0.max(m.last.0), b.1.max(m.last.1)),
            ),
        });
    }
    limits.check(Limit::Cells, covered, || Oversize::SheetMerged {
        sheet: sheet.to_string(),
        cells: covered,
    })?;
    if let Some((a, b)) = extent {
        let n = (u64::from(b.0 - a.0) + 1).saturating_mul(u64::from(b.1 - a.1) + 1);
        limits.check(Limit::Cells, n, || Oversize::SheetWithMerges {
            sheet: sheet.to_string(),
            cells: n,
        })?;
    }
    Ok(extent)
}

/// The merges of a sheet, indexed by position and by first row. Build it
/// only after [`check`]: it stores every covered position.
#[derive(Debug, Clone, Default)]
pub(crate) struct MergeIndex {
    /// Proper merges sorted by first row, then column.
    by_row: Vec<Merge>,
    /// The merge whose top-left is at a position (the first one given).
    at: HashMap<(u32, u32), Merge>,
    /// Positions covered by a merge other than at its top-left.
    covered: HashSet<(u32, u32)>,
    /// Rows any merge covers.
    rows: HashSet<u32>,
}

impl MergeIndex {
    /// Index `merges`, dropping degenerate ranges (1×1, corners swapped).
    pub(crate) fn new(merges: Vec<Merge>) -> Self {
        let mut by_row: Vec<Merge> = merges.into_iter().filter(Merge::is_proper).collect();
        by_row.sort_unstable_by_key(|m| (m.first, m.last));
        let mut index = MergeIndex::default();
        for m in &by_row {
            index.at.entry(m.first).or_insert(*m);
            for r in m.first.0..=m.last.0 {
                index.rows.insert(r);
                for c in m.first.1..=m.last.1 {
                    if (r, c) != m.first {
                        index.covered.insert((r, c));
                    }
                }
            }
        }
        index.by_row = by_row;
        index
    }

    /// All merges, by first row.
    pub(crate) fn all(&self) -> &[Merge] {
        &self.by_row
    }

    /// The merges whose first row is in `top..=bottom`.
    pub(crate) fn starting_in(&self, top: u32, bottom: u32) -> &[Merge] {
        let from = self.by_row.partition_point(|m| m.first.0 < top);
        let to = self.by_row.partition_point(|m| m.first.0 <= bottom);
        self.by_row.get(from..to).unwrap_or_default()
    }

    /// The merge whose top-left is at `pos`.
    pub(crate) fn at(&self, pos: (u32, u32)) -> Option<&Merge> {
        self.at.get(&pos)
    }

    /// True when `pos` is covered by a merge but is not its top-left.
    pub(crate) fn covered(&self, pos: (u32, u32)) -> bool {
        self.covered.contains(&pos)
    }

    /// True when some merge covers row `r`.
    pub(crate) fn covers_row(&self, r: u32) -> bool {
        self.rows.contains(&r)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(first: (u32, u32), last: (u32, u32)) -> Merge {
        Merge { first, last }
    }

    #[test]
    fn the_whole_grid_is_refused_before_it_is_walked() {
        let limits = Limits::default();
        let whole = [m((0, 0), (1_048_575, 16_383))];
        let err = check("S", Some(((0, 0), (0, 0))), &whole, &limits).unwrap_err();
        assert!(err.to_string().contains("--max-cells"), "{err}");
        assert!(err.to_string().contains("merged ranges"), "{err}");
    }

    #[test]
    fn a_far_merge_widens_the_sheet() {
        let limits = Limits::default();
        let far = [m((0, 16_000), (20, 16_001))];
        let err = check("S", Some(((0, 0), (10, 3))), &far, &limits).unwrap_err();
        assert!(err.to_string().contains("merged ranges included"), "{err}");
        assert!(check("S", Some(((0, 0), (10, 3))), &[m((0, 0), (1, 1))], &limits).is_ok());
    }

    #[test]
    fn overlapping_ranges_count_each_time() {
        let limits = Limits::default();
        let same = vec![m((0, 0), (49, 1)); 40_000];
        let err = check("S", None, &same, &limits).unwrap_err();
        assert!(
            err.to_string().contains("4000000 cells in merged ranges"),
            "{err}"
        );
    }

    #[test]
    fn index_answers_by_position_and_row() {
        let index = MergeIndex::new(vec![
            m((5, 0), (6, 2)),
            m((1, 1), (1, 3)),
            m((3, 3), (3, 3)), // 1×1: dropped
            m((9, 9), (8, 8)), // swapped: dropped
        ]);
        assert_eq!(index.all().len(), 2);
        assert_eq!(index.starting_in(0, 4), &[m((1, 1), (1, 3))]);
        assert_eq!(index.starting_in(2, 5), &[m((5, 0), (6, 2))]);
        assert!(index.at((5, 0)).is_some());
        assert!(index.covered((6, 2)) && !index.covered((5, 0)) && !index.covered((4, 0)));
        assert!(index.covers_row(6) && !index.covers_row(2));
    }

    #[test]
    fn many_ranges_index_in_linear_time() {
        // 100,000 two-cell ranges: quadratic work would take minutes.
        let merges: Vec<Merge> = (0..100_000).map(|r| m((2 * r, 0), (2 * r, 1))).collect();
        let start = std::time::Instant::now();
        let index = MergeIndex::new(merges);
        let found = (0..100_000u32)
            .filter(|r| index.starting_in(2 * r, 2 * r).len() == 1 && index.covered((2 * r, 1)))
            .count();
        assert_eq!(found, 100_000);
        assert!(start.elapsed() < std::time::Duration::from_secs(10));
    }
}
