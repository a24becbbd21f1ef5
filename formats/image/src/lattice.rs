//! Ruled tables from a straightened page's ink: long horizontal and vertical
//! runs of ink are rules, handed to the grid builder (`gongkai-lattice`, the
//! one the PDF reader uses) with a scan's tolerances in pixels.

use gongkai_lattice::{CellBox, LatticeError, Options, Rule, Rules};

use crate::decode::Page;
use crate::raster::{self, Ink};

pub use gongkai_lattice::{Grid, Region};

/// The shortest rule whose ends count as a side, in snaps (3 points each):
/// 36 points, longer than two glyphs' strokes run together.
const RULE_END_SNAPS: f32 = 12.0;

/// A straightened page's (horizontal, vertical) rules: [`rules`] of the
/// ink darker than `level` with paper within `snap` beside it
/// ([`raster::rule_ink`]), bridging gaps of 2 pixels, but glyphs' strokes.
pub fn page_rules(page: &Page, level: u8, snap: f32, min_run: usize) -> (Vec<Rule>, Vec<Rule>) {
    let reach = snap.round() as usize;
    let along = |horizontal: bool| {
        rules(
            &raster::rule_ink(page, level, horizontal, reach),
            horizontal,
            min_run,
            2,
        )
    };
    strokes_out(along(true), along(false), snap)
}

/// The (horizontal, vertical) rules but glyphs' strokes ([`without_strokes`]).
fn strokes_out(horizontal: Vec<Rule>, vertical: Vec<Rule>, snap: f32) -> (Vec<Rule>, Vec<Rule>) {
    let (long, reach) = (snap * RULE_END_SNAPS, snap / 2.0);
    (
        without_strokes(&horizontal, &vertical, long, reach),
        without_strokes(&vertical, &horizontal, long, reach),
    )
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

/// The ruled tables of a page, top to bottom, from [`rules`]; rules within
/// `snap` pixels are one. Each grid's regions are in reading order (row,
/// then leftmost column).
pub fn grids(
    horizontal: &[Rule],
    vertical: &[Rule],
    ink: &Ink,
    snap: f32,
    max_cells: usize,
) -> Result<Vec<Grid>, LatticeError> {
    // A scan's rules fade before the corners by about the snap. A side left
    // open is closed and cells stay rectangles as in a PDF (the same
    // tolerance, 4 points). Where two long rules end at one place lies a
    // side a browser did not paint (items beside a label spanning their
    // rows), as in a PDF; glyph strokes, shorter, do not count, and noise
    // that breaks one rule rarely breaks two at one place.
    let options = Options {
        snap,
        // [`rules`] keeps only runs long enough.
        min_rule: 0.0,
        cover_slack: snap,
        open_edge: Some(snap * 4.0 / 3.0),
        rule_ends: Some(2),
        rule_end_length: snap * RULE_END_SNAPS,
        implied_sides: true,
        max_cells,
    };
    let rules = Rules {
        horizontal: horizontal.to_vec(),
        vertical: vertical.to_vec(),
    };
    let apart = |a: CellBox, b: CellBox| apart_side_by_side(ink, snap, a, b);
    let mut grids = gongkai_lattice::grids_with(rules, &options, &apart)?;
    for grid in &mut grids {
        drop_unused_boundaries(grid);
        reading_order(grid);
    }
    Ok(grids)
}

/// Take the grids' rules out of `ink`: the runs of [`page_rules`] that lie
/// on a grid's line (within `snap`) inside it, and a pixel either side
/// across. A cell then crops to its text alone, though its own borders lie
/// inside the grid's line (a browser's cells drawn apart: two rules a few
/// pixels apart, one line) or wave by a pixel once straightened.
pub fn erase_rules(
    ink: &mut Ink,
    grids: &[Grid],
    horizontal: &[Rule],
    vertical: &[Rule],
    snap: f32,
) {
    let near = |lines: &[f32], at: f32| lines.iter().any(|l| (l - at).abs() <= snap);
    // On a row line inside a grid's columns, or a column line inside its rows.
    let on_row_line = |rule: &Rule| {
        grids.iter().any(|g| {
            let (x0, _, x1, _) = g.bbox();
            rule.lo < x1 && rule.hi > x0 && near(&g.ys, rule.at)
        })
    };
    let on_column_line = |rule: &Rule| {
        grids.iter().any(|g| {
            let (_, y0, _, y1) = g.bbox();
            rule.lo < y1 && rule.hi > y0 && near(&g.xs, rule.at)
        })
    };
    let width = ink.width;
    let mut clear = |x: usize, y: usize| {
        if x < width {
            if let Some(slot) = ink.dark.get_mut(y * width + x) {
                *slot = false;
            }
        }
    };
    let span = |rule: &Rule| {
        let at = rule.at as usize;
        (
            at.saturating_sub(1)..=at + 1,
            rule.lo as usize..=rule.hi as usize,
        )
    };
    for rule in horizontal {
        if on_row_line(rule) {
            let (ys, xs) = span(rule);
            for y in ys {
                xs.clone().for_each(|x| clear(x, y));
            }
        }
    }
    for rule in vertical {
        if on_column_line(rule) {
            let (xs, ys) = span(rule);
            for x in xs {
                ys.clone().for_each(|y| clear(x, y));
            }
        }
    }
}

/// Are two cells side by side with no rule between them two cells all
/// the same? Yes when each holds ink of its own and a clear strip at least
/// `snap` wide runs down their common side: a browser draws no side where
/// a cell's CSS leaves it out, though the numbers either side are two.
/// Text runs on over the side of a merged cell, glyphs a point or so
/// apart. Cells one above the other stay as the rules say (a label's
/// lines are one cell).
fn apart_side_by_side(ink: &Ink, snap: f32, a: CellBox, b: CellBox) -> bool {
    let (ax0, ay0, ax1, ay1) = a;
    let (bx0, by0, bx1, _) = b;
    if (ax1 - bx0).abs() > 0.5 || (ay0 - by0).abs() > 0.5 {
        return false;
    }
    // Inside the rules (a rule's pieces off the grid stay out too).
    let inset = snap.ceil() as usize;
    let (top, bottom) = (ay0 as usize + inset, (ay1 as usize).saturating_sub(inset));
    let (left, right) = (ax0 as usize + inset, (bx1 as usize).saturating_sub(inset));
    let side = ax1.round() as usize;
    if bottom <= top || side <= left || side >= right {
        return false;
    }
    let clear = |x: usize| (top..bottom).all(|y| !ink.is_dark(x, y) || ink.is_speck(x, y));
    if !clear(side) {
        return false;
    }
    let (mut lo, mut hi) = (side, side);
    while lo > left && clear(lo - 1) {
        lo -= 1;
    }
    while hi + 1 < right && clear(hi + 1) {
        hi += 1;
    }
    // A strip reaching a cell's far side leaves that cell without ink.
    (hi + 1 - lo) as f32 >= snap && lo > left && hi + 1 < right
}

/// The rules of one direction but glyphs' strokes: a rule shorter than
/// `long` that no rule across meets within `reach` of either end. A short
/// rule is a narrow cell's side, met by its neighbours at its ends; a
/// stroke lies inside its cell, off the sides, and would make a boundary
/// across the whole grid that leaves cells beside it undivided.
fn without_strokes(rules: &[Rule], across: &[Rule], long: f32, reach: f32) -> Vec<Rule> {
    let meets = |rule: &Rule, end: f32| {
        across.iter().any(|a| {
            (a.at - end).abs() <= reach && a.lo - reach <= rule.at && rule.at <= a.hi + reach
        })
    };
    rules
        .iter()
        .filter(|r| r.hi - r.lo >= long || meets(r, r.lo) || meets(r, r.hi))
        .copied()
        .collect()
}

/// Take out the boundaries no region starts or ends at: a glyph's stroke
/// inside a cell passes for a short rule and makes a boundary across the
/// whole grid, though it divides no cell.
fn drop_unused_boundaries(grid: &mut Grid) {
    let (rows, columns) = (grid.ys.len(), grid.xs.len());
    let used = |n: usize, edges: &dyn Fn(&Region) -> [usize; 2]| -> Vec<bool> {
        let mut used = vec![false; n];
        for i in [0, n.saturating_sub(1)] {
            if let Some(slot) = used.get_mut(i) {
                *slot = true;
            }
        }
        for region in &grid.regions {
            for i in edges(region) {
                if let Some(slot) = used.get_mut(i) {
                    *slot = true;
                }
            }
        }
        used
    };
    let keep_y = used(rows, &|r| [r.r0, r.r1]);
    let keep_x = used(columns, &|r| [r.c0, r.c1]);
    if keep_y.iter().all(|&k| k) && keep_x.iter().all(|&k| k) {
        return;
    }
    // Each kept boundary's new index, and the old cell each new cell was.
    let renumber = |keep: &[bool]| -> (Vec<usize>, Vec<usize>) {
        let (mut new_index, mut first_old) = (Vec::with_capacity(keep.len()), Vec::new());
        for (old, &k) in keep.iter().enumerate() {
            if k {
                first_old.push(old);
            }
            new_index.push(first_old.len().saturating_sub(1));
        }
        (new_index, first_old)
    };
    let (row_of, old_row) = renumber(&keep_y);
    let (column_of, old_column) = renumber(&keep_x);
    let old_columns = columns.saturating_sub(1);
    let mut cell_region = Vec::new();
    for &r in old_row.iter().take(old_row.len().saturating_sub(1)) {
        for &c in old_column.iter().take(old_column.len().saturating_sub(1)) {
            cell_region.push(
                grid.cell_region
                    .get(r * old_columns + c)
                    .copied()
                    .unwrap_or(0),
            );
        }
    }
    let at = |v: &[usize], i: usize| v.get(i).copied().unwrap_or(i);
    for region in &mut grid.regions {
        *region = Region {
            r0: at(&row_of, region.r0),
            r1: at(&row_of, region.r1),
            c0: at(&column_of, region.c0),
            c1: at(&column_of, region.c1),
        };
    }
    let kept = |values: &[f32], keep: &[bool]| -> Vec<f32> {
        values
            .iter()
            .zip(keep)
            .filter(|(_, &k)| k)
            .map(|(&v, _)| v)
            .collect()
    };
    grid.ys = kept(&grid.ys, &keep_y);
    grid.xs = kept(&grid.xs, &keep_x);
    grid.cell_region = cell_region;
}

/// Whether most of a grid's cells (half of its regions or more) are at
/// least `glyph` wide and tall: the strokes of big glyphs in a line, run
/// together into rules, make a grid of slivers.
pub fn cells_hold(grid: &Grid, glyph: f32) -> bool {
    let holding = grid
        .regions
        .iter()
        .filter(|r| {
            let (x0, y0, x1, y1) = grid.rect(r);
            x1 - x0 >= glyph && y1 - y0 >= glyph
        })
        .count();
    holding * 2 >= grid.regions.len()
}

/// Order a grid's regions by (first row, first column): a region that is
/// no rectangle comes by its leftmost column, where its cell is read into
/// its row.
fn reading_order(grid: &mut Grid) {
    let mut order: Vec<usize> = (0..grid.regions.len()).collect();
    order.sort_by_key(|&i| grid.regions.get(i).map(|r| (r.r0, r.c0)));
    let mut new_index = vec![0; order.len()];
    for (new, &old) in order.iter().enumerate() {
        if let Some(slot) = new_index.get_mut(old) {
            *slot = new;
        }
    }
    grid.regions = order
        .iter()
        .filter_map(|&i| grid.regions.get(i).copied())
        .collect();
    for region in &mut grid.cell_region {
        *region = new_index.get(*region).copied().unwrap_or(*region);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(at: f32, lo: f32, hi: f32) -> Rule {
        Rule { at, lo, hi }
    }

    /// A page of `width × height` pixels with the given bars of ink
    /// (x0, y0, x1, y1, exclusive ends).
    fn ink(width: usize, height: usize, bars: &[(usize, usize, usize, usize)]) -> Ink {
        let mut dark = vec![false; width * height];
        for &(x0, y0, x1, y1) in bars {
            for y in y0..y1 {
                for x in x0..x1 {
                    dark[y * width + x] = true;
                }
            }
        }
        Ink {
            width,
            height,
            dark,
        }
    }

    /// A browser's print at 150 dpi: a header row across label and items,
    /// then a label spanning
    /// three rows beside three items, and a number column. Every cell draws
    /// its own borders, a pixel or two off its neighbours', and the side
    /// between the label and its items is not drawn: only the items' rules
    /// end there. Left-aligned label text (strokes starting at one place)
    /// draws no side.
    #[test]
    fn per_cell_borders_off_the_grid_keep_every_row() {
        let mut bars = vec![
            // Top and bottom of the table, whole.
            (10, 10, 400, 12),
            (10, 210, 400, 212),
            // The header's bottom, per cell: label, item, number.
            (10, 60, 111, 62),
            (110, 61, 251, 63),
            (250, 60, 400, 62),
            // The sides: left, item | number, right, label | item in the
            // header only.
            (10, 10, 12, 212),
            (249, 10, 251, 212),
            (398, 10, 400, 212),
        ];
        // The items' bottoms, per cell, starting a pixel off the undrawn side.
        for (y, off) in [(110, 0), (160, 1)] {
            bars.push((111, y + off, 251, y + off + 2));
            bars.push((250, y, 400, y + 2));
        }
        // Glyph strokes of the label, left-aligned in its cell, close to
        // its left side.
        for y in [100, 130, 170] {
            bars.push((15, y, 45, y + 2));
        }
        let ink = ink(420, 230, &bars);
        let min_run = 27;
        let (h, v) = strokes_out(
            rules(&ink, true, min_run, 2),
            rules(&ink, false, min_run, 2),
            6.25,
        );
        let grids = grids(&h, &v, &ink, 6.25, 1000).unwrap();
        assert_eq!(grids.len(), 1);
        let grid = &grids[0];
        let near = |got: &[f32], want: &[f32]| {
            got.len() == want.len() && got.iter().zip(want).all(|(g, w)| (g - w).abs() <= 2.0)
        };
        assert!(
            near(&grid.xs, &[11.0, 111.0, 250.0, 399.0]),
            "{:?}",
            grid.xs
        );
        assert!(
            near(&grid.ys, &[11.0, 61.0, 111.0, 161.0, 211.0]),
            "{:?}",
            grid.ys
        );
        let label = grid.region_at(30.0, 150.0).unwrap();
        assert_eq!(
            grid.regions[label],
            Region {
                r0: 1,
                r1: 4,
                c0: 0,
                c1: 1
            }
        );
        // Every item and every number is a cell of its own.
        for y in [80.0, 130.0, 180.0] {
            for x in [180.0, 320.0] {
                let r = grid.regions[grid.region_at(x, y).unwrap()];
                assert_eq!((r.r1 - r.r0, r.c1 - r.c0), (1, 1), "({x}, {y})");
            }
        }
        // The rules leave the ink a cell is read from; the label's text stays.
        let mut ink = ink;
        erase_rules(&mut ink, &grids, &h, &v, 6.25);
        assert!(!ink.is_dark(200, 110) && !ink.is_dark(200, 161) && !ink.is_dark(250, 100));
        assert!(ink.is_dark(30, 100) && ink.is_dark(30, 170));
    }

    /// Two cells of a row, 0..100 and 100..200, 50 pixels tall, with no
    /// side drawn between them (a browser's print of cells whose CSS
    /// leaves it out).
    fn apart_with(glyphs: &[(usize, usize, usize, usize)]) -> bool {
        let ink = ink(200, 50, glyphs);
        apart_side_by_side(
            &ink,
            6.25,
            (0.0, 0.0, 100.0, 50.0),
            (100.0, 0.0, 200.0, 50.0),
        )
    }

    #[test]
    fn numbers_side_by_side_are_two_cells_and_a_label_over_the_side_is_one() {
        // A number at the right of the left cell, one close to the left
        // side of the right cell: two cells.
        assert!(apart_with(&[(80, 20, 90, 32), (107, 20, 115, 32)]));
        // Glyphs two pixels apart running over the side: one cell.
        let label: Vec<_> = (0..8).map(|i| (40 + i * 20, 18, 58 + i * 20, 34)).collect();
        assert!(!apart_with(&label));
        // The right cell holds nothing: nothing to keep apart.
        assert!(!apart_with(&[(20, 20, 40, 32)]));
    }

    #[test]
    fn a_line_of_big_glyphs_is_no_table() {
        // Strokes 7 pixels apart (a title's, run together) make slivers.
        let grid = Grid {
            xs: vec![0.0, 7.0, 14.0, 21.0, 200.0],
            ys: vec![0.0, 7.0, 14.0, 40.0],
            regions: (0..3)
                .flat_map(|r| {
                    (0..4).map(move |c| Region {
                        r0: r,
                        r1: r + 1,
                        c0: c,
                        c1: c + 1,
                    })
                })
                .collect(),
            cell_region: (0..12).collect(),
        };
        assert!(!cells_hold(&grid, 19.0));
        let table = Grid {
            xs: vec![0.0, 100.0, 200.0],
            ys: vec![0.0, 50.0, 100.0],
            regions: (0..2)
                .flat_map(|r| {
                    (0..2).map(move |c| Region {
                        r0: r,
                        r1: r + 1,
                        c0: c,
                        c1: c + 1,
                    })
                })
                .collect(),
            cell_region: (0..4).collect(),
        };
        assert!(cells_hold(&table, 19.0));
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
        let grids = grids(&h, &v, &ink(210, 160, &[]), 4.0, 1000).unwrap();
        assert_eq!(grids.len(), 1);
        assert_eq!(grids[0].regions.len(), 5);
        assert_eq!(
            grids[0].regions[0],
            Region {
                r0: 0,
                r1: 1,
                c0: 0,
                c1: 2
            }
        );
    }

    #[test]
    fn regions_that_are_no_rectangles_come_in_reading_order() {
        // Row 0: a, b, c; row 1: d, e, f. Cell b is its own region; c, f,
        // e and d are one region, not a rectangle, first met at c.
        let mut grid = Grid {
            xs: vec![0.0, 1.0, 2.0, 3.0],
            ys: vec![0.0, 1.0, 2.0],
            regions: vec![
                Region {
                    r0: 0,
                    r1: 1,
                    c0: 0,
                    c1: 1,
                },
                Region {
                    r0: 0,
                    r1: 1,
                    c0: 1,
                    c1: 2,
                },
                Region {
                    r0: 0,
                    r1: 2,
                    c0: 0,
                    c1: 3,
                },
            ],
            cell_region: vec![0, 1, 2, 2, 2, 2],
        };
        reading_order(&mut grid);
        assert_eq!(
            grid.regions
                .iter()
                .map(|r| (r.r0, r.c0))
                .collect::<Vec<_>>(),
            vec![(0, 0), (0, 0), (0, 1)]
        );
        assert_eq!(grid.cell_region, vec![0, 2, 1, 1, 1, 1]);
    }

    #[test]
    fn too_many_cells_is_an_error() {
        let h: Vec<Rule> = (0..50).map(|i| rule(i as f32 * 10.0, 0.0, 500.0)).collect();
        let v: Vec<Rule> = (0..50).map(|i| rule(i as f32 * 10.0, 0.0, 500.0)).collect();
        assert!(grids(&h, &v, &ink(510, 510, &[]), 2.0, 100).is_err());
    }
}
