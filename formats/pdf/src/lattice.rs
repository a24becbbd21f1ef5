//! Ruled tables: the rules a page draws, handed to the grid builder
//! (`gongkai-lattice`) with the PDF's tolerances in points. What counts as a
//! rule (stroked lines and thin filled rectangles, already made segments by
//! the content interpreter) is decided before; the cell boundaries are
//! decided by the builder.

use gongkai_lattice::{LatticeError, Options, Rule, Rules};

use crate::backend::Segment;
use crate::geometry::{COVER_SLACK, MIN_RULE, OPEN_EDGE, RULE_ENDS, SNAP};

pub use gongkai_lattice::{CellBox, Grid, Region};

/// The ruled tables of a page, top to bottom; `max_cells` caps a grid's size.
#[cfg(test)]
pub fn grids(segments: &[Segment], max_cells: usize) -> Result<Vec<Grid>, LatticeError> {
    grids_with(segments, max_cells, &|_, _| false)
}

/// As [`grids`], with `apart` telling when two neighbouring cells with no
/// rule between them still are two cells (by what they hold).
pub fn grids_with(
    segments: &[Segment],
    max_cells: usize,
    apart: &dyn Fn(CellBox, CellBox) -> bool,
) -> Result<Vec<Grid>, LatticeError> {
    gongkai_lattice::grids_with(rules(segments), &options(max_cells), apart)
}

/// A PDF's rules: lines and rectangles drawn open or closed, cut by page
/// breaks, and sides a browser did not paint are all common, so every
/// completion the builder knows is on.
fn options(max_cells: usize) -> Options {
    Options {
        snap: SNAP,
        min_rule: MIN_RULE,
        cover_slack: COVER_SLACK,
        open_edge: Some(OPEN_EDGE),
        rule_ends: Some(RULE_ENDS),
        rule_end_length: 0.0,
        implied_sides: true,
        max_cells,
    }
}

/// Segments as rules: a segment lies at the middle of its thickness.
fn rules(segments: &[Segment]) -> Rules {
    let mut rules = Rules::default();
    for s in segments {
        if s.is_horizontal() {
            rules.horizontal.push(Rule {
                at: (s.y0 + s.y1) / 2.0,
                lo: s.x0,
                hi: s.x1,
            });
        } else {
            rules.vertical.push(Rule {
                at: (s.x0 + s.x1) / 2.0,
                lo: s.y0,
                hi: s.y1,
            });
        }
    }
    rules
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seg(x0: f32, y0: f32, x1: f32, y1: f32) -> Segment {
        Segment { x0, y0, x1, y1 }
    }

    #[test]
    fn segments_are_rules_at_their_middle() {
        // A filled rectangle's outline made a 1-point-thick horizontal segment.
        let r = rules(&[seg(0.0, 10.0, 100.0, 11.0), seg(5.0, 0.0, 6.0, 50.0)]);
        assert_eq!(
            r.horizontal,
            vec![Rule {
                at: 10.5,
                lo: 0.0,
                hi: 100.0
            }]
        );
        assert_eq!(
            r.vertical,
            vec![Rule {
                at: 5.5,
                lo: 0.0,
                hi: 50.0
            }]
        );
    }

    #[test]
    fn a_drawn_table_is_a_grid() {
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
        assert_eq!(g[0].regions.len(), 5);
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
