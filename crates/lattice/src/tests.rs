//! The builder on hand-made rules, with the options of both readers.

use super::*;

/// A PDF's options, in points.
fn points(max_cells: usize) -> Options {
    Options {
        snap: 3.0,
        min_rule: 3.0,
        cover_slack: 0.5,
        open_edge: Some(4.0),
        rule_ends: Some(2),
        rule_end_length: 0.0,
        implied_sides: true,
        max_cells,
    }
}

/// A scan's options, in pixels.
fn pixels(max_cells: usize) -> Options {
    Options {
        snap: 4.0,
        min_rule: 0.0,
        cover_slack: 4.0,
        open_edge: None,
        rule_ends: None,
        rule_end_length: 0.0,
        implied_sides: false,
        max_cells,
    }
}

fn rule(at: f32, lo: f32, hi: f32) -> Rule {
    Rule { at, lo, hi }
}

fn rules(horizontal: &[(f32, f32, f32)], vertical: &[(f32, f32, f32)]) -> Rules {
    let to = |v: &[(f32, f32, f32)]| v.iter().map(|&(a, l, h)| rule(a, l, h)).collect();
    Rules {
        horizontal: to(horizontal),
        vertical: to(vertical),
    }
}

fn region(r0: usize, r1: usize, c0: usize, c1: usize) -> Region {
    Region { r0, r1, c0, c1 }
}

#[test]
fn merged_header() {
    // 3 columns, 2 rows; the top row's two right cells are merged.
    let r = rules(
        &[(0.0, 0.0, 300.0), (20.0, 0.0, 300.0), (40.0, 0.0, 300.0)],
        &[
            (0.0, 0.0, 40.0),
            (100.0, 0.0, 40.0),
            (200.0, 20.0, 40.0),
            (300.0, 0.0, 40.0),
        ],
    );
    let g = grids(r, &points(1000)).unwrap();
    assert_eq!(g.len(), 1);
    let g = &g[0];
    assert_eq!(g.xs.len(), 4);
    assert_eq!(g.regions.len(), 5);
    assert_eq!(g.regions[1], region(0, 1, 1, 3));
    assert_eq!(g.region_at(250.0, 10.0), Some(1));
}

#[test]
fn a_merged_header_over_two_columns_in_pixels() {
    // Three rows, two columns; the middle vertical rule stops below row 0.
    let r = rules(
        &[
            (0.0, 0.0, 200.0),
            (50.0, 0.0, 200.0),
            (100.0, 0.0, 200.0),
            (150.0, 0.0, 200.0),
        ],
        &[(0.0, 0.0, 150.0), (100.0, 50.0, 150.0), (200.0, 0.0, 150.0)],
    );
    let grids = grids(r, &pixels(1000)).unwrap();
    assert_eq!(grids.len(), 1);
    let g = &grids[0];
    assert_eq!((g.xs.len(), g.ys.len()), (3, 4));
    assert_eq!(g.regions[0], region(0, 1, 0, 2));
    assert_eq!(g.regions.len(), 5);
    assert_eq!(g.cell_region, vec![0, 0, 1, 2, 3, 4]);
}

#[test]
fn a_merged_label_down_three_rows() {
    // The left column's cell spans all three rows: no rule crosses it.
    let r = rules(
        &[
            (0.0, 0.0, 200.0),
            (20.0, 100.0, 200.0),
            (40.0, 100.0, 200.0),
            (60.0, 0.0, 200.0),
        ],
        &[(0.0, 0.0, 60.0), (100.0, 0.0, 60.0), (200.0, 0.0, 60.0)],
    );
    for options in [points(1000), pixels(1000)] {
        let g = grids(r.clone(), &options).unwrap();
        let label = g[0].region_at(50.0, 50.0).unwrap();
        assert_eq!(g[0].regions[label], region(0, 3, 0, 1));
        assert_eq!(g[0].regions.len(), 4);
    }
}

#[test]
fn open_bottom_is_closed_where_the_sides_end() {
    // Two rows; the rule under the second is missing (a page break).
    let r = rules(
        &[(0.0, 0.0, 200.0), (20.0, 0.0, 200.0)],
        &[(0.0, 0.0, 40.0), (100.0, 0.0, 40.0), (200.0, 0.0, 40.0)],
    );
    let g = grids(r.clone(), &points(1000)).unwrap();
    assert_eq!(g[0].ys, vec![0.0, 20.0, 40.0]);
    assert_eq!(g[0].regions.len(), 4);
    assert!(g[0].region_at(150.0, 30.0).is_some());
    // Without the option the open row is not a row.
    let g = grids(r, &pixels(1000)).unwrap();
    assert_eq!(g[0].ys, vec![0.0, 20.0]);
}

#[test]
fn open_left_side_is_closed_where_the_rules_start() {
    // The left side is not drawn; the rows' rules start at 0.
    let r = rules(
        &[(0.0, 0.0, 200.0), (20.0, 0.0, 200.0), (40.0, 0.0, 200.0)],
        &[(100.0, 0.0, 40.0), (200.0, 0.0, 40.0)],
    );
    let g = grids(r, &points(1000)).unwrap();
    assert_eq!(g[0].xs, vec![0.0, 100.0, 200.0]);
    assert_eq!(g[0].regions.len(), 4);
}

#[test]
fn a_corner_overhang_does_not_open_an_edge() {
    // Rules running 2 past the last vertical rule are a corner, not an open side.
    let r = rules(
        &[(0.0, 0.0, 202.0), (20.0, 0.0, 202.0)],
        &[(0.0, 0.0, 20.0), (200.0, 0.0, 20.0)],
    );
    let g = grids(r, &points(1000)).unwrap();
    assert_eq!(g[0].xs, vec![0.0, 200.0]);
}

#[test]
fn an_undrawn_side_is_where_rules_across_end() {
    // A label spanning three rows at the left, three items at the right;
    // the side between them is not drawn (a browser's print of cells
    // whose CSS leaves that border out), only the items' rules end there.
    let r = rules(
        &[
            (0.0, 0.0, 200.0),
            (60.0, 0.0, 200.0),
            (20.0, 100.0, 200.0),
            (40.0, 100.0, 200.0),
        ],
        &[(0.0, 0.0, 60.0), (200.0, 0.0, 60.0)],
    );
    let g = grids(r, &points(1000)).unwrap();
    assert_eq!(g[0].xs, vec![0.0, 100.0, 200.0]);
    assert_eq!(g[0].regions.len(), 4);
    let label = g[0].region_at(50.0, 30.0).unwrap();
    assert_eq!(g[0].regions[label], region(0, 3, 0, 1));
}

#[test]
fn short_lines_end_nowhere_when_a_length_is_asked() {
    // A label's glyph strokes in a scan, close to its cell's left side:
    // two short lines end at x = 40, as items' rules would. With a length
    // asked of the lines that end a side, they add no column; without,
    // they do.
    let mut horizontal = vec![(0.0, 0.0, 200.0), (60.0, 0.0, 200.0)];
    horizontal.extend([20.0, 40.0].map(|y| (y, 2.0, 40.0)));
    let r = rules(&horizontal, &[(0.0, 0.0, 60.0), (200.0, 0.0, 60.0)]);
    let mut options = points(1000);
    assert_eq!(
        grids(r.clone(), &options).unwrap()[0].xs,
        vec![0.0, 40.0, 200.0]
    );
    options.rule_end_length = 50.0;
    assert_eq!(grids(r, &options).unwrap()[0].xs, vec![0.0, 200.0]);
}

#[test]
fn a_double_rule_is_one_line() {
    // The header's bottom rule is drawn twice, 2 apart; the sides are
    // pieces touching at it.
    let r = rules(
        &[
            (0.0, 0.0, 200.0),
            (19.0, 0.0, 200.0),
            (21.0, 0.0, 200.0),
            (40.0, 0.0, 200.0),
        ],
        &[
            (0.0, 0.0, 19.0),
            (0.0, 21.0, 40.0),
            (100.0, 0.0, 40.0),
            (200.0, 0.0, 40.0),
        ],
    );
    for options in [points(1000), pixels(1000)] {
        let g = grids(r.clone(), &options).unwrap();
        assert_eq!(g.len(), 1);
        assert_eq!(g[0].ys, vec![0.0, 20.0, 40.0]);
        assert_eq!(g[0].xs, vec![0.0, 100.0, 200.0]);
        assert_eq!(g[0].regions.len(), 4);
    }
}

#[test]
fn short_marks_are_not_rules() {
    let mut r = rules(
        &[(0.0, 0.0, 100.0), (20.0, 0.0, 100.0)],
        &[(0.0, 0.0, 20.0), (100.0, 0.0, 20.0)],
    );
    // A tick mark inside the cell: shorter than the PDF's 3 points.
    r.vertical.push(rule(50.0, 9.0, 11.0));
    let g = grids(r, &points(1000)).unwrap();
    assert_eq!(g[0].xs, vec![0.0, 100.0]);
}

#[test]
fn two_tables_apart_are_two_grids_top_to_bottom() {
    let frame = |top: f32| {
        (
            vec![rule(top, 0.0, 100.0), rule(top + 20.0, 0.0, 100.0)],
            vec![rule(0.0, top, top + 20.0), rule(100.0, top, top + 20.0)],
        )
    };
    let (mut h, mut v) = frame(200.0);
    let (h2, v2) = frame(0.0);
    h.extend(h2);
    v.extend(v2);
    let g = grids(
        Rules {
            horizontal: h,
            vertical: v,
        },
        &pixels(1000),
    )
    .unwrap();
    assert_eq!(g.len(), 2);
    assert_eq!(g[0].bbox(), (0.0, 0.0, 100.0, 20.0));
    assert_eq!(g[1].bbox(), (0.0, 200.0, 100.0, 220.0));
}

#[test]
fn apart_keeps_unruled_cells_apart() {
    // Two rows with no rule between them; what they hold keeps them apart.
    let r = rules(
        &[(0.0, 0.0, 100.0), (20.0, 0.0, 100.0), (40.0, 0.0, 50.0)],
        &[(0.0, 0.0, 60.0), (100.0, 0.0, 60.0)],
    );
    let merged = grids(r.clone(), &points(1000)).unwrap();
    let apart = grids_with(r, &points(1000), &|_, _| true).unwrap();
    assert!(apart[0].regions.len() > merged[0].regions.len());
}

#[test]
fn too_many_cells() {
    let lines: Vec<(f32, f32, f32)> = (0..50).map(|i| (i as f32 * 10.0, 0.0, 490.0)).collect();
    let r = rules(&lines, &lines);
    for options in [points(100), pixels(100)] {
        let err = grids(r.clone(), &options).unwrap_err();
        assert_eq!(
            err,
            LatticeError::TooManyCells {
                cells: 49 * 49,
                max: 100
            }
        );
        assert_eq!(err.count(), 49 * 49);
    }
}

#[test]
fn too_many_crossings_is_refused_before_testing_them() {
    // 4001 rules each way, none touching: 16 008 001 pairs to test.
    let lines: Vec<(f32, f32, f32)> = (0..4001).map(|i| (i as f32 * 10.0, 0.0, 5.0)).collect();
    let r = rules(&lines, &lines);
    let err = grids(r, &points(usize::MAX)).unwrap_err();
    assert_eq!(
        err,
        LatticeError::TooManyCrossings {
            crossings: 4001 * 4001
        }
    );
}

#[test]
fn too_few_rules_make_no_grid() {
    let r = rules(
        &[(0.0, 0.0, 100.0)],
        &[(0.0, 0.0, 20.0), (100.0, 0.0, 20.0)],
    );
    assert!(grids(r, &points(1000)).unwrap().is_empty());
    assert!(grids(Rules::default(), &pixels(1000)).unwrap().is_empty());
}
