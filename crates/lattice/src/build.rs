//! The builder: lines that cross into tables, tables into grids of regions.

use std::collections::{BTreeMap, HashMap};

use crate::lines::{boundaries, merge};
use crate::sets::Sets;
use crate::sides::Sides;
use crate::{Grid, LatticeError, Options, Region, Rule, Rules, MAX_CROSSINGS};

/// A cell box: x0, y0, x1, y1.
pub type CellBox = (f32, f32, f32, f32);

/// The ruled tables of a page, top to bottom.
pub fn grids(rules: Rules, options: &Options) -> Result<Vec<Grid>, LatticeError> {
    grids_with(rules, options, &|_, _| false)
}

/// As [`grids`], with `apart` telling when two neighbouring cells with no
/// rule between them still are two cells (by what they hold).
pub fn grids_with(
    rules: Rules,
    options: &Options,
    apart: &dyn Fn(CellBox, CellBox) -> bool,
) -> Result<Vec<Grid>, LatticeError> {
    let h = merge(rules.horizontal, options);
    let v = merge(rules.vertical, options);
    if h.len() < 2 || v.len() < 2 {
        return Ok(Vec::new());
    }
    let crossings = h.len().saturating_mul(v.len());
    if crossings > MAX_CROSSINGS {
        return Err(LatticeError::TooManyCrossings { crossings });
    }
    let mut out = Vec::new();
    for (hs, vs) in tables(&h, &v, options.snap) {
        if hs.len() < 2 || vs.len() < 2 {
            continue;
        }
        let xs = boundaries(&vs, &hs, options);
        let ys = boundaries(&hs, &vs, options);
        if xs.len() < 2 || ys.len() < 2 {
            continue;
        }
        let cells = (ys.len() - 1).saturating_mul(xs.len() - 1);
        if cells > options.max_cells {
            return Err(LatticeError::TooManyCells {
                cells,
                max: options.max_cells,
            });
        }
        let sides = Sides::new(&xs, &ys, &hs, &vs, options);
        out.push(regions(xs, ys, &sides, apart));
    }
    out.sort_by(|a, b| a.bbox().1.total_cmp(&b.bbox().1));
    Ok(out)
}

/// The connected groups of crossing lines, each one table's (horizontal,
/// vertical) lines, in the order of their first horizontal line.
fn tables(h: &[Rule], v: &[Rule], snap: f32) -> Vec<(Vec<Rule>, Vec<Rule>)> {
    let mut sets = Sets::new(h.len() + v.len());
    for (i, hr) in h.iter().enumerate() {
        for (j, vr) in v.iter().enumerate() {
            if vr.at >= hr.lo - snap
                && vr.at <= hr.hi + snap
                && hr.at >= vr.lo - snap
                && hr.at <= vr.hi + snap
            {
                sets.join(i, h.len() + j);
            }
        }
    }
    let mut by_root: BTreeMap<usize, (Vec<Rule>, Vec<Rule>)> = BTreeMap::new();
    for (i, r) in h.iter().enumerate() {
        by_root.entry(sets.root(i)).or_default().0.push(*r);
    }
    for (j, r) in v.iter().enumerate() {
        by_root
            .entry(sets.root(h.len() + j))
            .or_default()
            .1
            .push(*r);
    }
    by_root.into_values().collect()
}

/// The grid `xs` × `ys` with neighbouring cells merged where no side
/// divides them and `apart` does not keep them apart.
fn regions(
    xs: Vec<f32>,
    ys: Vec<f32>,
    sides: &Sides,
    apart: &dyn Fn(CellBox, CellBox) -> bool,
) -> Grid {
    let (nr, nc) = (ys.len().saturating_sub(1), xs.len().saturating_sub(1));
    let at = |v: &[f32], i: usize| v.get(i).copied().unwrap_or(0.0);
    let cell = |r: usize, c: usize| (at(&xs, c), at(&ys, r), at(&xs, c + 1), at(&ys, r + 1));
    let mut sets = Sets::new(nr * nc);
    for r in 0..nr {
        for c in 0..nc {
            if c + 1 < nc && !sides.between_columns(r, c) && !apart(cell(r, c), cell(r, c + 1)) {
                sets.join(r * nc + c, r * nc + c + 1);
            }
            if r + 1 < nr && !sides.between_rows(r, c) && !apart(cell(r, c), cell(r + 1, c)) {
                sets.join(r * nc + c, (r + 1) * nc + c);
            }
        }
    }
    let mut region_of_root: HashMap<usize, usize> = HashMap::new();
    let mut regions: Vec<Region> = Vec::new();
    let mut cell_region = vec![0; nr * nc];
    for r in 0..nr {
        for c in 0..nc {
            let root = sets.root(r * nc + c);
            let idx = *region_of_root.entry(root).or_insert_with(|| {
                regions.push(Region {
                    r0: r,
                    r1: r + 1,
                    c0: c,
                    c1: c + 1,
                });
                regions.len() - 1
            });
            if let Some(region) = regions.get_mut(idx) {
                region.r0 = region.r0.min(r);
                region.r1 = region.r1.max(r + 1);
                region.c0 = region.c0.min(c);
                region.c1 = region.c1.max(c + 1);
            }
            if let Some(slot) = cell_region.get_mut(r * nc + c) {
                *slot = idx;
            }
        }
    }
    Grid {
        xs,
        ys,
        regions,
        cell_region,
    }
}
