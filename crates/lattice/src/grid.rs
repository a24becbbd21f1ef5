//! What the builder makes: a grid's boundaries and its cell regions.

/// A cell region of a grid: rows `r0..r1`, columns `c0..c1` (exclusive ends);
/// more than one row or column is a merged cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Region {
    /// First row.
    pub r0: usize,
    /// One past the last row.
    pub r1: usize,
    /// First column.
    pub c0: usize,
    /// One past the last column.
    pub c1: usize,
}

/// A ruled table: its boundaries and cell regions.
#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    /// Column boundaries, left to right.
    pub xs: Vec<f32>,
    /// Row boundaries, top to bottom.
    pub ys: Vec<f32>,
    /// Cell regions, in row-major order of their first atomic cell.
    pub regions: Vec<Region>,
    /// For each atomic cell (row-major), the index of its region.
    pub cell_region: Vec<usize>,
}

impl Grid {
    /// The region containing the point, if it lies inside the grid.
    pub fn region_at(&self, x: f32, y: f32) -> Option<usize> {
        let c = self.xs.partition_point(|&v| v <= x).checked_sub(1)?;
        let r = self.ys.partition_point(|&v| v <= y).checked_sub(1)?;
        if c + 1 >= self.xs.len() || r + 1 >= self.ys.len() {
            return None;
        }
        let ncols = self.xs.len() - 1;
        self.cell_region.get(r * ncols + c).copied()
    }

    /// The rectangle (x0, y0, x1, y1) of a region.
    pub fn rect(&self, region: &Region) -> (f32, f32, f32, f32) {
        let at = |v: &[f32], i: usize| v.get(i).copied().unwrap_or(0.0);
        (
            at(&self.xs, region.c0),
            at(&self.ys, region.r0),
            at(&self.xs, region.c1),
            at(&self.ys, region.r1),
        )
    }

    /// The grid's bounding box (x0, y0, x1, y1).
    pub fn bbox(&self) -> (f32, f32, f32, f32) {
        let first = |v: &[f32]| v.first().copied().unwrap_or(0.0);
        let last = |v: &[f32]| v.last().copied().unwrap_or(0.0);
        (
            first(&self.xs),
            first(&self.ys),
            last(&self.xs),
            last(&self.ys),
        )
    }
}
