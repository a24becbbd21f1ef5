//! Rule collection: the paths a page paints, reduced to the straight lines
//! that can be table rules (stroked horizontal and vertical lines, thin
//! filled rectangles); curves and large fills are not rules.

use crate::geometry::{AXIS_SLACK, MIN_STROKE, RULE_THICKNESS};

/// Most rule segments kept from one page (the table code is quadratic in them).
pub const MAX_SEGMENTS: usize = 200_000;
/// Most points of one subpath, and most rectangles of one path: a flood of
/// path operators must not grow memory without end.
const MAX_PATH_PARTS: usize = 100_000;

/// A point in user space (the CTM applied).
pub type Point = (f32, f32);

/// A rule in user space: x0, y0, x1, y1.
pub type UserLine = [f32; 4];

/// A path under construction, in user space.
#[derive(Default)]
pub struct Path {
    /// Subpaths as point lists, with a closed flag.
    subpaths: Vec<(Vec<Point>, bool)>,
}

impl Path {
    /// `m`: begin a subpath.
    pub fn move_to(&mut self, p: Point) {
        self.subpaths.push((vec![p], false));
    }

    /// `l`: a straight segment from the current point.
    pub fn line_to(&mut self, p: Point) {
        match self.subpaths.last_mut() {
            Some((pts, _)) if pts.len() < MAX_PATH_PARTS => pts.push(p),
            Some(_) => {}
            None => self.subpaths.push((vec![p], false)),
        }
    }

    /// `c`, `v`, `y`: a curve is not a rule; a fresh subpath at its end point
    /// keeps the path connected without a straight line across the curve.
    pub fn curve_to(&mut self, end: Point) {
        self.subpaths.push((vec![end], false));
    }

    /// `h`: close the current subpath.
    pub fn close(&mut self) {
        if let Some((_, closed)) = self.subpaths.last_mut() {
            *closed = true;
        }
    }

    /// `re`: a closed rectangle from its four corners, in drawing order.
    pub fn rectangle(&mut self, corners: [Point; 4]) {
        if self.subpaths.len() < MAX_PATH_PARTS {
            self.subpaths.push((corners.to_vec(), true));
        }
    }

    /// The rules stroking the path draws; `close_all` closes every subpath
    /// (`s`, `b`, `b*`).
    pub fn stroke(&self, close_all: bool, out: &mut Vec<UserLine>) {
        for (pts, closed) in &self.subpaths {
            for w in pts.windows(2) {
                if let [a, b] = w {
                    push_line(*a, *b, out);
                }
            }
            if *closed || close_all {
                if let (Some(a), Some(b)) = (pts.last(), pts.first()) {
                    if pts.len() > 2 {
                        push_line(*a, *b, out);
                    }
                }
            }
        }
    }

    /// The rules filling the path draws: each thin subpath is one, along its
    /// middle.
    pub fn fill(&self, out: &mut Vec<UserLine>) {
        for (pts, _) in &self.subpaths {
            if pts.len() < 3 {
                continue;
            }
            let (mut x0, mut y0, mut x1, mut y1) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
            for &(x, y) in pts {
                x0 = x0.min(x);
                y0 = y0.min(y);
                x1 = x1.max(x);
                y1 = y1.max(y);
            }
            let (w, h) = (x1 - x0, y1 - y0);
            // A thin filled rectangle is a rule; a big one is a background.
            if h <= RULE_THICKNESS && w > h {
                let y = (y0 + y1) / 2.0;
                out.push([x0, y, x1, y]);
            } else if w <= RULE_THICKNESS && h > w {
                let x = (x0 + x1) / 2.0;
                out.push([x, y0, x, y1]);
            }
        }
    }
}

/// Keep a stroked line when it is horizontal or vertical (and not a dot),
/// straightened.
fn push_line(a: Point, b: Point, out: &mut Vec<UserLine>) {
    let horizontal = (a.1 - b.1).abs() <= AXIS_SLACK;
    let vertical = (a.0 - b.0).abs() <= AXIS_SLACK;
    if (horizontal || vertical) && (a.0 - b.0).abs() + (a.1 - b.1).abs() > MIN_STROKE {
        if horizontal {
            let y = (a.1 + b.1) / 2.0;
            out.push([a.0, y, b.0, y]);
        } else {
            let x = (a.0 + b.0) / 2.0;
            out.push([x, a.1, x, b.1]);
        }
    }
}
