//! Ruled tables from a straightened page's ink: long horizontal and vertical
//! runs of ink are rules, handed to the grid builder (`gongkai-lattice`, the
//! one the PDF reader uses) with a scan's tolerances in pixels.

use gongkai_lattice::{LatticeError, Options, Rule, Rules};

use crate::raster::Ink;

pub use gongkai_lattice::{Grid, Region};

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
    horizontal: Vec<Rule>,
    vertical: Vec<Rule>,
    snap: f32,
    max_cells: usize,
) -> Result<Vec<Grid>, LatticeError> {
    // A scan's rules fade before the corners by about the snap. A side left
    // open is closed and cells stay rectangles as in a PDF (the same
    // tolerance, 4 points); rule ends are not boundaries: noise and a seal
    // break a scan's rules anywhere.
    let options = Options {
        snap,
        // [`rules`] keeps only runs long enough.
        min_rule: 0.0,
        cover_slack: snap,
        open_edge: Some(snap * 4.0 / 3.0),
        rule_ends: None,
        implied_sides: true,
        max_cells,
    };
    let rules = Rules {
        horizontal,
        vertical,
    };
    let mut grids = gongkai_lattice::grids(rules, &options)?;
    grids.iter_mut().for_each(reading_order);
    Ok(grids)
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
        assert!(grids(h, v, 2.0, 100).is_err());
    }
}
