//! Ruled tables: rebuild a grid of cells from the rules a page draws. The
//! cell boundaries are decided here: column and row boundaries where rules
//! lie, cells merged where the rule between them is missing.

use crate::backend::Segment;
use crate::geometry::{COVER_SHARE, COVER_SLACK, MIN_RULE, OPEN_EDGE, RULE_ENDS, SNAP};

/// Most (horizontal, vertical) rule pairs tested for crossings on one page.
const MAX_CROSSINGS: usize = 16_000_000;

/// A cell region of a ruled grid: rows `r0..r1`, columns `c0..c1` (exclusive ends).
#[derive(Debug, Clone, PartialEq)]
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

/// A ruled table: grid lines and cell regions.
#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    /// Column boundaries, left to right.
    pub xs: Vec<f32>,
    /// Row boundaries, top to bottom.
    pub ys: Vec<f32>,
    /// Cell regions, in row-major order of their top-left corner.
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
        let g = |v: &Vec<f32>, i: usize| v.get(i).copied().unwrap_or(0.0);
        (
            g(&self.xs, region.c0),
            g(&self.ys, region.r0),
            g(&self.xs, region.c1),
            g(&self.ys, region.r1),
        )
    }

    /// The grid's bounding box (x0, y0, x1, y1).
    pub fn bbox(&self) -> (f32, f32, f32, f32) {
        let first = |v: &Vec<f32>| v.first().copied().unwrap_or(0.0);
        let last = |v: &Vec<f32>| v.last().copied().unwrap_or(0.0);
        (
            first(&self.xs),
            first(&self.ys),
            last(&self.xs),
            last(&self.ys),
        )
    }
}

/// One merged rule: position across, extent along.
#[derive(Debug, Clone, Copy)]
struct Rule {
    at: f32,
    lo: f32,
    hi: f32,
}

/// Merge collinear rules that touch or overlap.
fn merge(mut rules: Vec<Rule>) -> Vec<Rule> {
    rules.sort_by(|a, b| a.at.total_cmp(&b.at).then(a.lo.total_cmp(&b.lo)));
    // Group by position first (rules within SNAP are one line).
    let mut groups: Vec<Vec<Rule>> = Vec::new();
    for r in rules {
        match groups.last_mut() {
            Some(g) if g.first().is_some_and(|f| (r.at - f.at).abs() <= SNAP) => g.push(r),
            _ => groups.push(vec![r]),
        }
    }
    let mut out = Vec::new();
    for mut g in groups {
        let at = g.iter().map(|r| r.at).sum::<f32>() / g.len() as f32;
        g.sort_by(|a, b| a.lo.total_cmp(&b.lo));
        let mut cur: Option<Rule> = None;
        for r in g {
            cur = match cur {
                Some(c) if r.lo <= c.hi + SNAP => Some(Rule {
                    at,
                    lo: c.lo,
                    hi: c.hi.max(r.hi),
                }),
                Some(c) => {
                    out.push(c);
                    Some(Rule { at, ..r })
                }
                None => Some(Rule { at, ..r }),
            };
        }
        out.extend(cur);
    }
    out.retain(|r| r.hi - r.lo >= MIN_RULE);
    out
}

fn find(parent: &mut [usize], mut i: usize) -> usize {
    while let Some(&p) = parent.get(i) {
        if p == i {
            break;
        }
        let gp = parent.get(p).copied().unwrap_or(p);
        if let Some(slot) = parent.get_mut(i) {
            *slot = gp;
        }
        i = gp;
    }
    i
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    if ra != rb {
        if let Some(slot) = parent.get_mut(ra.max(rb)) {
            *slot = ra.min(rb);
        }
    }
}

/// Cluster sorted values: values within SNAP of the cluster's first are one.
fn cluster(mut values: Vec<f32>) -> Vec<f32> {
    values.sort_by(f32::total_cmp);
    let mut out: Vec<(f32, f32, usize)> = Vec::new();
    for v in values {
        match out.last_mut() {
            Some((first, sum, n)) if v - *first <= SNAP => {
                *sum += v;
                *n += 1;
            }
            _ => out.push((v, v, 1)),
        }
    }
    out.into_iter().map(|(_, s, n)| s / n as f32).collect()
}

/// True when some rule at `at` covers the middle part of `lo..hi`: the
/// two cells on either side of it are separate cells.
fn covered(rules: &[Rule], at: f32, lo: f32, hi: f32) -> bool {
    let mid = (lo + hi) / 2.0;
    let half = ((hi - lo) * COVER_SHARE).max(0.0);
    rules.iter().any(|r| {
        (r.at - at).abs() <= SNAP
            && r.lo <= mid - half + COVER_SLACK
            && r.hi >= mid + half - COVER_SLACK
    })
}

/// Close a grid whose first or last rule along (`lines`, sorted) is missing:
/// when two rules across or more run on past it, the grid ends where the
/// furthest of them ends. A table's part at the foot of a page often has no
/// closing rule (nor its rest at the head of the next), and some tables
/// leave a side open; without this their last row or column is lost.
fn close_open_edges(lines: &mut Vec<f32>, across: &[Rule]) {
    let (Some(&first), Some(&last)) = (lines.first(), lines.last()) else {
        return;
    };
    let past_end: Vec<f32> = across
        .iter()
        .filter(|r| r.hi > last + OPEN_EDGE)
        .map(|r| r.hi)
        .collect();
    if past_end.len() >= 2 {
        lines.push(past_end.iter().copied().fold(last, f32::max));
    }
    let before_start: Vec<f32> = across
        .iter()
        .filter(|r| r.lo < first - OPEN_EDGE)
        .map(|r| r.lo)
        .collect();
    if before_start.len() >= 2 {
        lines.insert(0, before_start.iter().copied().fold(first, f32::min));
    }
}

/// Add the lines where rules across end inside the grid, two or more at
/// one place: a rule ends only where another cell's side is, drawn or not
/// (a browser paints only the borders the page's CSS asks for).
fn add_rule_ends(lines: &mut Vec<f32>, across: &[Rule]) {
    let (Some(&first), Some(&last)) = (lines.first(), lines.last()) else {
        return;
    };
    let inside = |v: f32| v > first + SNAP && v < last - SNAP;
    let mut ends: Vec<f32> = across
        .iter()
        .flat_map(|r| [r.lo, r.hi])
        .filter(|&v| inside(v) && lines.iter().all(|&l| (l - v).abs() > SNAP))
        .collect();
    ends.sort_by(f32::total_cmp);
    let mut i = 0;
    while let Some(&start) = ends.get(i) {
        let n = ends
            .get(i..)
            .unwrap_or_default()
            .iter()
            .take_while(|&&v| v - start <= SNAP)
            .count();
        if n >= RULE_ENDS {
            let sum: f32 = ends.get(i..i + n).unwrap_or_default().iter().sum();
            lines.push(sum / n as f32);
        }
        i += n.max(1);
    }
    lines.sort_by(f32::total_cmp);
}

/// Which sides of a grid's cells are ruled: drawn, or implied where a rule
/// across ends (the cell beside it must end there too for the cells to be
/// rectangles).
struct Edges {
    /// `h[r * nc + c]`: the top of cell (r, c) is drawn (r in 0..=nr).
    h: Vec<bool>,
    /// `v[r * (nc + 1) + c]`: the left of cell (r, c) is drawn (c in 0..=nc).
    v: Vec<bool>,
    nc: usize,
}

impl Edges {
    fn new(xs: &[f32], ys: &[f32], hs: &[Rule], vs: &[Rule]) -> Self {
        let (nr, nc) = (ys.len().saturating_sub(1), xs.len().saturating_sub(1));
        let at = |v: &[f32], i: usize| v.get(i).copied().unwrap_or(0.0);
        let mut h = Vec::with_capacity((nr + 1) * nc);
        for r in 0..=nr {
            for c in 0..nc {
                h.push(covered(hs, at(ys, r), at(xs, c), at(xs, c + 1)));
            }
        }
        let mut v = Vec::with_capacity(nr * (nc + 1));
        for r in 0..nr {
            for c in 0..=nc {
                v.push(covered(vs, at(xs, c), at(ys, r), at(ys, r + 1)));
            }
        }
        Edges { h, v, nc }
    }

    fn top(&self, r: usize, c: usize) -> bool {
        self.h.get(r * self.nc + c).copied().unwrap_or(false)
    }

    fn left(&self, r: usize, c: usize) -> bool {
        self.v.get(r * (self.nc + 1) + c).copied().unwrap_or(false)
    }

    /// Is there a side between cells (r, c) and (r, c + 1)? Drawn, or a
    /// rule above or below that covers one of them and not the other.
    fn between_columns(&self, r: usize, c: usize) -> bool {
        self.left(r, c + 1)
            || self.top(r, c) != self.top(r, c + 1)
            || self.top(r + 1, c) != self.top(r + 1, c + 1)
    }

    /// Is there a side between cells (r, c) and (r + 1, c)? Only a drawn
    /// one: a side drawn beside one row and not the next is as often a
    /// merged cell's side left undrawn below a bordered neighbour.
    fn between_rows(&self, r: usize, c: usize) -> bool {
        self.top(r + 1, c)
    }
}

/// A cell box: x0, y0, x1, y1.
pub type CellBox = (f32, f32, f32, f32);

/// The ruled tables of a page, top to bottom; `max_cells` caps a grid's size
/// (the error is the number of cells, or of rule crossings, that was too many).
#[cfg(test)]
pub fn grids(segments: &[Segment], max_cells: usize) -> Result<Vec<Grid>, usize> {
    grids_with(segments, max_cells, &|_, _| false)
}

/// As [`grids`], with `apart` telling when two neighbouring cells with no
/// rule between them still are two cells (by what they hold).
pub fn grids_with(
    segments: &[Segment],
    max_cells: usize,
    apart: &dyn Fn(CellBox, CellBox) -> bool,
) -> Result<Vec<Grid>, usize> {
    let mut h = Vec::new();
    let mut v = Vec::new();
    for s in segments {
        if s.is_horizontal() {
            h.push(Rule {
                at: (s.y0 + s.y1) / 2.0,
                lo: s.x0,
                hi: s.x1,
            });
        } else {
            v.push(Rule {
                at: (s.x0 + s.x1) / 2.0,
                lo: s.y0,
                hi: s.y1,
            });
        }
    }
    let h = merge(h);
    let v = merge(v);
    if h.len() < 2 || v.len() < 2 {
        return Ok(Vec::new());
    }
    // Every crossing is tested: a page of thousands of rules each way is a
    // drawing, not a table, and would take too long.
    if h.len().saturating_mul(v.len()) > MAX_CROSSINGS {
        return Err(h.len().saturating_mul(v.len()));
    }
    // Connected components of crossing rules.
    let n = h.len() + v.len();
    let mut parent: Vec<usize> = (0..n).collect();
    for (i, hr) in h.iter().enumerate() {
        for (j, vr) in v.iter().enumerate() {
            if vr.at >= hr.lo - SNAP
                && vr.at <= hr.hi + SNAP
                && hr.at >= vr.lo - SNAP
                && hr.at <= vr.hi + SNAP
            {
                union(&mut parent, i, h.len() + j);
            }
        }
    }
    let mut comps: std::collections::BTreeMap<usize, (Vec<Rule>, Vec<Rule>)> =
        std::collections::BTreeMap::new();
    for (i, r) in h.iter().enumerate() {
        comps.entry(find(&mut parent, i)).or_default().0.push(*r);
    }
    for (j, r) in v.iter().enumerate() {
        comps
            .entry(find(&mut parent, h.len() + j))
            .or_default()
            .1
            .push(*r);
    }
    let mut out = Vec::new();
    for (_, (hs, vs)) in comps {
        if hs.len() < 2 || vs.len() < 2 {
            continue;
        }
        let mut xs = cluster(vs.iter().map(|r| r.at).collect());
        let mut ys = cluster(hs.iter().map(|r| r.at).collect());
        close_open_edges(&mut xs, &hs);
        close_open_edges(&mut ys, &vs);
        add_rule_ends(&mut xs, &hs);
        add_rule_ends(&mut ys, &vs);
        if xs.len() < 2 || ys.len() < 2 {
            continue;
        }
        let (nr, nc) = (ys.len() - 1, xs.len() - 1);
        if nr.saturating_mul(nc) > max_cells {
            return Err(nr.saturating_mul(nc));
        }
        let edges = Edges::new(&xs, &ys, &hs, &vs);
        let mut parent: Vec<usize> = (0..nr * nc).collect();
        let at = |v: &Vec<f32>, i: usize| v.get(i).copied().unwrap_or(0.0);
        let cell = |r: usize, c: usize| {
            let (x0, y0) = (at(&xs, c), at(&ys, r));
            (x0, y0, at(&xs, c + 1), at(&ys, r + 1))
        };
        for r in 0..nr {
            for c in 0..nc {
                if c + 1 < nc && !edges.between_columns(r, c) && !apart(cell(r, c), cell(r, c + 1))
                {
                    union(&mut parent, r * nc + c, r * nc + c + 1);
                }
                if r + 1 < nr && !edges.between_rows(r, c) && !apart(cell(r, c), cell(r + 1, c)) {
                    union(&mut parent, r * nc + c, (r + 1) * nc + c);
                }
            }
        }
        let mut region_of_root: std::collections::HashMap<usize, usize> =
            std::collections::HashMap::new();
        let mut regions: Vec<Region> = Vec::new();
        let mut cell_region = vec![0; nr * nc];
        for r in 0..nr {
            for c in 0..nc {
                let root = find(&mut parent, r * nc + c);
                let idx = *region_of_root.entry(root).or_insert_with(|| {
                    regions.push(Region {
                        r0: r,
                        r1: r + 1,
                        c0: c,
                        c1: c + 1,
                    });
                    regions.len() - 1
                });
                if let Some(reg) = regions.get_mut(idx) {
                    reg.r0 = reg.r0.min(r);
                    reg.r1 = reg.r1.max(r + 1);
                    reg.c0 = reg.c0.min(c);
                    reg.c1 = reg.c1.max(c + 1);
                }
                if let Some(slot) = cell_region.get_mut(r * nc + c) {
                    *slot = idx;
                }
            }
        }
        out.push(Grid {
            xs,
            ys,
            regions,
            cell_region,
        });
    }
    out.sort_by(|a, b| a.bbox().1.total_cmp(&b.bbox().1));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seg(x0: f32, y0: f32, x1: f32, y1: f32) -> Segment {
        Segment { x0, y0, x1, y1 }
    }

    #[test]
    fn merged_header() {
        // 3 columns, 2 rows; the top row's two right cells are merged.
        let segs = vec![
            seg(0.0, 0.0, 300.0, 0.0),
            seg(0.0, 20.0, 300.0, 20.0),
            seg(0.0, 40.0, 300.0, 40.0),
            seg(0.0, 0.0, 0.0, 40.0),
            seg(100.0, 0.0, 100.0, 40.0),
            seg(200.0, 20.0, 200.0, 40.0),
            seg(300.0, 0.0, 300.0, 40.0),
        ];
        let g = grids(&segs, 1000).unwrap();
        assert_eq!(g.len(), 1);
        let g = &g[0];
        assert_eq!(g.xs.len(), 4);
        assert_eq!(g.regions.len(), 5);
        assert_eq!(
            g.regions[1],
            Region {
                r0: 0,
                r1: 1,
                c0: 1,
                c1: 3
            }
        );
        assert_eq!(g.region_at(250.0, 10.0), Some(1));
    }

    #[test]
    fn open_bottom_is_closed_where_the_sides_end() {
        // Two rows; the rule under the second is missing (a page break).
        let segs = vec![
            seg(0.0, 0.0, 200.0, 0.0),
            seg(0.0, 20.0, 200.0, 20.0),
            seg(0.0, 0.0, 0.0, 40.0),
            seg(100.0, 0.0, 100.0, 40.0),
            seg(200.0, 0.0, 200.0, 40.0),
        ];
        let g = grids(&segs, 1000).unwrap();
        assert_eq!(g[0].ys, vec![0.0, 20.0, 40.0]);
        assert_eq!(g[0].regions.len(), 4);
        assert!(g[0].region_at(150.0, 30.0).is_some());
    }

    #[test]
    fn an_undrawn_side_is_where_rules_across_end() {
        // A label spanning three rows at the left, three items at the right;
        // the side between them is not drawn (a browser's print of cells
        // whose CSS leaves that border out), only the items' rules end there.
        let mut segs = vec![
            seg(0.0, 0.0, 200.0, 0.0),
            seg(0.0, 60.0, 200.0, 60.0),
            seg(0.0, 0.0, 0.0, 60.0),
            seg(200.0, 0.0, 200.0, 60.0),
        ];
        segs.push(seg(100.0, 20.0, 200.0, 20.0));
        segs.push(seg(100.0, 40.0, 200.0, 40.0));
        let g = grids(&segs, 1000).unwrap();
        assert_eq!(g[0].xs, vec![0.0, 100.0, 200.0]);
        assert_eq!(g[0].regions.len(), 4);
        let label = g[0].region_at(50.0, 30.0).unwrap();
        assert_eq!(
            g[0].regions[label],
            Region {
                r0: 0,
                r1: 3,
                c0: 0,
                c1: 1
            }
        );
    }

    #[test]
    fn too_many_cells() {
        let mut segs = Vec::new();
        for i in 0..50 {
            let p = i as f32 * 10.0;
            segs.push(seg(0.0, p, 490.0, p));
            segs.push(seg(p, 0.0, p, 490.0));
        }
        assert!(grids(&segs, 100).is_err());
    }
}
