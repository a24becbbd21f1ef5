//! Ruled tables from a straightened page's ink: long horizontal and vertical
//! runs are rules; rules that cross form a grid; two neighbouring grid
//! cells are one merged cell where no rule divides them.
//!
//! This is the raster twin of the PDF reader's lattice, which is private to
//! `gongkai-format-pdf` and measured in points: see the crate docs for what
//! sharing one builder takes.

use crate::raster::Ink;
use std::collections::BTreeMap;

/// Most (horizontal, vertical) rule pairs tested for crossings on one page.
const MAX_CROSSINGS: usize = 4_000_000;
/// A rule covers a boundary when it spans this share of it either side of the middle.
const COVER_SHARE: f32 = 0.3;

/// One rule: position across, extent along (pixels).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    /// Row (horizontal rule) or column (vertical rule).
    pub at: f32,
    /// Where it starts along its direction.
    pub lo: f32,
    /// Where it ends.
    pub hi: f32,
}

/// A merged cell: grid rows `r0..r1`, columns `c0..c1` (exclusive ends).
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

/// A ruled table in pixels.
#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    /// Column boundaries, left to right.
    pub xs: Vec<f32>,
    /// Row boundaries, top to bottom.
    pub ys: Vec<f32>,
    /// Merged cells, row-major by their top-left corner.
    pub regions: Vec<Region>,
}

impl Grid {
    /// The pixel box (x0, y0, x1, y1) of a region.
    pub fn rect(&self, r: &Region) -> (f32, f32, f32, f32) {
        let at = |v: &[f32], i: usize| v.get(i).copied().unwrap_or(0.0);
        (
            at(&self.xs, r.c0),
            at(&self.ys, r.r0),
            at(&self.xs, r.c1),
            at(&self.ys, r.r1),
        )
    }

    /// Top and bottom of the grid.
    pub fn span(&self) -> (f32, f32) {
        (
            self.ys.first().copied().unwrap_or(0.0),
            self.ys.last().copied().unwrap_or(0.0),
        )
    }
}

/// Runs of ink at least `min_run` long along rows (`horizontal`) or columns,
/// bridging gaps up to `gap` pixels (JPEG noise, broken scans).
pub fn rules(ink: &Ink, horizontal: bool, min_run: usize, gap: usize) -> Vec<Rule> {
    let (lines, length) = if horizontal {
        (ink.height, ink.width)
    } else {
        (ink.width, ink.height)
    };
    let dark = |line: usize, along: usize| {
        if horizontal {
            ink.is_dark(along, line)
        } else {
            ink.is_dark(line, along)
        }
    };
    let mut out = Vec::new();
    for line in 0..lines {
        let mut along = 0;
        while along < length {
            if !dark(line, along) {
                along += 1;
                continue;
            }
            let start = along;
            let mut end = along;
            let mut blank = 0;
            while along < length && blank <= gap {
                if dark(line, along) {
                    end = along;
                    blank = 0;
                } else {
                    blank += 1;
                }
                along += 1;
            }
            if end + 1 - start >= min_run {
                out.push(Rule {
                    at: line as f32,
                    lo: start as f32,
                    hi: end as f32,
                });
            }
            along = end + 1;
        }
    }
    out
}

/// Collinear rules within `snap` of each other that touch or overlap are one.
fn merge(mut rules: Vec<Rule>, snap: f32) -> Vec<Rule> {
    rules.sort_by(|a, b| a.at.total_cmp(&b.at));
    let mut bands: Vec<Vec<Rule>> = Vec::new();
    for r in rules {
        match bands.last_mut() {
            Some(band) if band.last().is_some_and(|l| r.at - l.at <= 1.0) => band.push(r),
            _ => bands.push(vec![r]),
        }
    }
    let mut out = Vec::new();
    for mut band in bands {
        band.sort_by(|a, b| a.lo.total_cmp(&b.lo));
        let mut pieces: Vec<(Rule, f32, usize)> = Vec::new();
        for r in band {
            match pieces.last_mut() {
                Some((cur, sum, n)) if r.lo <= cur.hi + snap => {
                    cur.hi = cur.hi.max(r.hi);
                    *sum += r.at;
                    *n += 1;
                }
                _ => pieces.push((r, r.at, 1)),
            }
        }
        out.extend(pieces.into_iter().map(|(r, sum, n)| Rule {
            at: sum / n as f32,
            ..r
        }));
    }
    out
}

/// Positions within `snap` of the first of their group are one boundary.
fn boundaries(mut values: Vec<f32>, snap: f32) -> Vec<f32> {
    values.sort_by(f32::total_cmp);
    let mut groups: Vec<(f32, f32, usize)> = Vec::new();
    for v in values {
        match groups.last_mut() {
            Some((first, sum, n)) if v - *first <= snap => {
                *sum += v;
                *n += 1;
            }
            _ => groups.push((v, v, 1)),
        }
    }
    groups.into_iter().map(|(_, s, n)| s / n as f32).collect()
}

/// Union-find over grid cells and rules.
struct Sets(Vec<usize>);

impl Sets {
    fn new(n: usize) -> Self {
        Sets((0..n).collect())
    }

    fn root(&mut self, mut i: usize) -> usize {
        while let Some(&parent) = self.0.get(i) {
            if parent == i {
                break;
            }
            let grand = self.0.get(parent).copied().unwrap_or(parent);
            if let Some(slot) = self.0.get_mut(i) {
                *slot = grand;
            }
            i = grand;
        }
        i
    }

    fn join(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.root(a), self.root(b));
        if let Some(slot) = self.0.get_mut(ra.max(rb)) {
            *slot = ra.min(rb);
        }
    }
}

/// Whether a rule near `at` spans the middle part of `lo..hi`.
fn divides(rules: &[Rule], at: f32, lo: f32, hi: f32, snap: f32) -> bool {
    let middle = (lo + hi) / 2.0;
    let half = (hi - lo) * COVER_SHARE;
    rules.iter().any(|r| {
        (r.at - at).abs() <= snap && r.lo <= middle - half + snap && r.hi >= middle + half - snap
    })
}

/// The ruled tables of a page, top to bottom. The error is the count (of
/// cells or crossings) past `max_cells` or the crossing budget.
pub fn grids(
    horizontal: Vec<Rule>,
    vertical: Vec<Rule>,
    snap: f32,
    max_cells: usize,
) -> Result<Vec<Grid>, usize> {
    let h = merge(horizontal, snap);
    let v = merge(vertical, snap);
    let crossings = h.len().saturating_mul(v.len());
    if crossings > MAX_CROSSINGS {
        return Err(crossings);
    }
    let mut sets = Sets::new(h.len() + v.len());
    for (i, hr) in h.iter().enumerate() {
        for (j, vr) in v.iter().enumerate() {
            let crosses = vr.at >= hr.lo - snap
                && vr.at <= hr.hi + snap
                && hr.at >= vr.lo - snap
                && hr.at <= vr.hi + snap;
            if crosses {
                sets.join(i, h.len() + j);
            }
        }
    }
    let mut tables: BTreeMap<usize, (Vec<Rule>, Vec<Rule>)> = BTreeMap::new();
    for (i, r) in h.iter().enumerate() {
        tables.entry(sets.root(i)).or_default().0.push(*r);
    }
    for (j, r) in v.iter().enumerate() {
        tables.entry(sets.root(h.len() + j)).or_default().1.push(*r);
    }
    let mut out = Vec::new();
    for (hs, vs) in tables.into_values() {
        let ys = boundaries(hs.iter().map(|r| r.at).collect(), snap);
        let xs = boundaries(vs.iter().map(|r| r.at).collect(), snap);
        if xs.len() < 2 || ys.len() < 2 {
            continue;
        }
        let (rows, cols) = (ys.len() - 1, xs.len() - 1);
        if rows.saturating_mul(cols) > max_cells {
            return Err(rows.saturating_mul(cols));
        }
        out.push(regions(xs, ys, &hs, &vs, snap));
    }
    out.sort_by(|a, b| a.span().0.total_cmp(&b.span().0));
    Ok(out)
}

fn regions(xs: Vec<f32>, ys: Vec<f32>, hs: &[Rule], vs: &[Rule], snap: f32) -> Grid {
    let (rows, cols) = (ys.len() - 1, xs.len() - 1);
    let at = |v: &[f32], i: usize| v.get(i).copied().unwrap_or(0.0);
    let mut sets = Sets::new(rows * cols);
    for r in 0..rows {
        let (top, bottom) = (at(&ys, r), at(&ys, r + 1));
        for c in 0..cols {
            let (left, right) = (at(&xs, c), at(&xs, c + 1));
            if c + 1 < cols && !divides(vs, right, top, bottom, snap) {
                sets.join(r * cols + c, r * cols + c + 1);
            }
            if r + 1 < rows && !divides(hs, bottom, left, right, snap) {
                sets.join(r * cols + c, (r + 1) * cols + c);
            }
        }
    }
    let mut by_root: BTreeMap<usize, Region> = BTreeMap::new();
    for r in 0..rows {
        for c in 0..cols {
            let root = sets.root(r * cols + c);
            let region = by_root.entry(root).or_insert(Region {
                r0: r,
                r1: r + 1,
                c0: c,
                c1: c + 1,
            });
            region.r0 = region.r0.min(r);
            region.r1 = region.r1.max(r + 1);
            region.c0 = region.c0.min(c);
            region.c1 = region.c1.max(c + 1);
        }
    }
    let mut regions: Vec<Region> = by_root.into_values().collect();
    regions.sort_by_key(|r| (r.r0, r.c0));
    Grid { xs, ys, regions }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(at: f32, lo: f32, hi: f32) -> Rule {
        Rule { at, lo, hi }
    }

    #[test]
    fn a_merged_header_over_two_columns() {
        // Three rows, two columns; the middle vertical rule stops below row 0.
        let h = vec![
            rule(0.0, 0.0, 200.0),
            rule(50.0, 0.0, 200.0),
            rule(100.0, 0.0, 200.0),
            rule(150.0, 0.0, 200.0),
        ];
        let v = vec![
            rule(0.0, 0.0, 150.0),
            rule(100.0, 50.0, 150.0),
            rule(200.0, 0.0, 150.0),
        ];
        let grids = grids(h, v, 4.0, 1000).unwrap();
        assert_eq!(grids.len(), 1);
        let g = &grids[0];
        assert_eq!(g.xs.len(), 3);
        assert_eq!(g.ys.len(), 4);
        assert_eq!(
            g.regions[0],
            Region {
                r0: 0,
                r1: 1,
                c0: 0,
                c1: 2
            }
        );
        assert_eq!(g.regions.len(), 5);
    }

    #[test]
    fn too_many_cells_is_an_error() {
        let h: Vec<Rule> = (0..50).map(|i| rule(i as f32 * 10.0, 0.0, 500.0)).collect();
        let v: Vec<Rule> = (0..50).map(|i| rule(i as f32 * 10.0, 0.0, 500.0)).collect();
        assert!(grids(h, v, 2.0, 100).is_err());
    }
}
