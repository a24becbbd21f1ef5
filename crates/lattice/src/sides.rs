//! Which sides of a grid's cells are ruled: drawn, or implied where a line
//! across ends (the cell beside it must end there too for the cells to be
//! rectangles).

use crate::{Options, Rule, COVER_SHARE};

/// For each boundary of one direction and each cell span along it, whether
/// a line covers that side. Built the same way for both directions.
struct Covered {
    /// `sides[i * spans + j]`: the side on boundary `i`, span `j`.
    sides: Vec<bool>,
    spans: usize,
}

impl Covered {
    /// The sides on the boundaries `at` across the spans between `along`,
    /// covered by `rules` (lines lying on those boundaries).
    fn new(rules: &[Rule], at: &[f32], along: &[f32], options: &Options) -> Self {
        let spans = along.len().saturating_sub(1);
        let mut sides = Vec::with_capacity(at.len() * spans);
        for &a in at {
            for pair in along.windows(2) {
                if let [lo, hi] = *pair {
                    sides.push(covered(rules, a, lo, hi, options));
                }
            }
        }
        Covered { sides, spans }
    }

    fn get(&self, i: usize, j: usize) -> bool {
        self.sides.get(i * self.spans + j).copied().unwrap_or(false)
    }
}

/// True when some rule at `at` covers the middle part of `lo..hi`: the
/// two cells on either side of it are separate cells.
fn covered(rules: &[Rule], at: f32, lo: f32, hi: f32, options: &Options) -> bool {
    let mid = (lo + hi) / 2.0;
    let half = ((hi - lo) * COVER_SHARE).max(0.0);
    let slack = options.cover_slack;
    rules.iter().any(|r| {
        (r.at - at).abs() <= options.snap
            && r.lo <= mid - half + slack
            && r.hi >= mid + half - slack
    })
}

/// The ruled sides of one grid's cells.
pub struct Sides {
    /// Tops: boundary = row `r` (0..=rows), span = column `c`.
    tops: Covered,
    /// Lefts: boundary = column `c` (0..=columns), span = row `r`.
    lefts: Covered,
    implied: bool,
}

impl Sides {
    /// The sides of the grid `xs` × `ys` that the lines `hs` and `vs` cover.
    pub fn new(xs: &[f32], ys: &[f32], hs: &[Rule], vs: &[Rule], options: &Options) -> Self {
        Sides {
            tops: Covered::new(hs, ys, xs, options),
            lefts: Covered::new(vs, xs, ys, options),
            implied: options.implied_sides,
        }
    }

    fn top(&self, r: usize, c: usize) -> bool {
        self.tops.get(r, c)
    }

    /// Is there a side between cells (r, c) and (r, c + 1)? Drawn, or (if
    /// implied sides count) a line above or below that covers one of them
    /// and not the other.
    pub fn between_columns(&self, r: usize, c: usize) -> bool {
        self.lefts.get(c + 1, r)
            || (self.implied
                && (self.top(r, c) != self.top(r, c + 1)
                    || self.top(r + 1, c) != self.top(r + 1, c + 1)))
    }

    /// Is there a side between cells (r, c) and (r + 1, c)? Only a drawn
    /// one: a side drawn beside one row and not the next is as often a
    /// merged cell's side left undrawn below a bordered neighbour.
    pub fn between_rows(&self, r: usize, c: usize) -> bool {
        self.top(r + 1, c)
    }
}
