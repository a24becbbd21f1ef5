//! Cropping a page image to the ink of a cell or a band, with a white
//! margin, and the clean-ups a crop gets before an engine reads it.

use crate::decode::Page;
use crate::page::Scale;
use crate::raster::{self, Ink};

/// White margin around a cell's ink given to the engine, in pixels.
pub const MARGIN: usize = 12;
/// Fewer dark pixels than this inside a cell is speckle, not text.
pub const MIN_INK: usize = 8;
/// A straight run of ink longer than this, in points, across most of a
/// cell is a piece of a rule, not a glyph's stroke (a 12-point glyph's
/// longest stroke is shorter).
const LONGEST_STROKE_POINTS: f32 = 12.0;
/// A piece of a rule is at most this thick, in points (a glyph's stroke
/// can be as thin: see [`border_pieces`] for how the two are told apart).
const RULE_PIECE_POINTS: f32 = 1.2;
/// Pixels around a glyph's ink whose grey is kept (its antialiased edge);
/// grey farther out is a rule's or the grain's and becomes paper.
const HALO: usize = 2;

/// The page cut to black and white at its own Otsu level.
pub fn black_and_white(page: &Page) -> Page {
    let level = raster::otsu(page);
    Page {
        width: page.width,
        height: page.height,
        pixels: page
            .pixels
            .iter()
            .map(|&p| if p <= level { 0 } else { 255 })
            .collect(),
    }
}

/// The page enlarged by `factor` (bilinear).
pub fn enlarge(page: &Page, factor: f32) -> Page {
    resize(page, factor, factor)
}

/// The page widened by `factor`, its height kept (bilinear).
pub fn widen(page: &Page, factor: f32) -> Page {
    resize(page, factor, 1.0)
}

/// The page scaled by `across` and `down` (bilinear).
fn resize(page: &Page, across: f32, down: f32) -> Page {
    let width = (page.width as f32 * across).round() as usize;
    let height = (page.height as f32 * down).round() as usize;
    let mut pixels = Vec::with_capacity(width * height);
    for y in 0..height {
        let sy = (y as f32 + 0.5) / down - 0.5;
        for x in 0..width {
            let sx = (x as f32 + 0.5) / across - 0.5;
            pixels.push(raster::sample(page, sx.max(0.0), sy.max(0.0)));
        }
    }
    Page {
        width,
        height,
        pixels,
    }
}

/// A cell's ink as [`crop_ink`] crops it, without the pieces of rules
/// inside it: straight runs of ink across most of the cell, longer than a
/// glyph's stroke, and the thin broken pieces a tilted or doubled rule
/// leaves along a side (see [`border_pieces`]).
pub fn crop_cell_ink(
    page: &Page,
    ink: &Ink,
    scale: &Scale,
    bounds: (usize, usize, usize, usize),
) -> Option<Page> {
    let (x0, y0, x1, y1) = bounds;
    let (x1, y1) = (x1.min(page.width), y1.min(page.height));
    let stroke = (scale.dpi as f32 * LONGEST_STROKE_POINTS / 72.0) as usize;
    let (w, h) = (x1.saturating_sub(x0), y1.saturating_sub(y0));
    let across = stroke.max(w * 3 / 4);
    let down = stroke.max(h * 3 / 4);
    let rule = ink.rule_pieces((x0, y0, x1, y1), across, down);
    let mut glyph: Vec<bool> = (0..w * h)
        .map(|i| {
            let (x, y) = (x0 + i % w.max(1), y0 + i / w.max(1));
            ink.is_dark(x, y) && !ink.is_speck(x, y) && !rule.get(i).copied().unwrap_or(true)
        })
        .collect();
    let thick = ((scale.dpi as f32 * RULE_PIECE_POINTS / 72.0).round() as usize).max(3);
    for piece in border_pieces(&glyph, w, h, thick) {
        if let Some(slot) = glyph.get_mut(piece) {
            *slot = false;
        }
    }
    crop_mask(page, (x0, y0), w, &glyph, MIN_INK, Some(HALO))
}

/// One 8-connected blob of ink in a cell: its pixels (indices into the
/// cell's mask) and its box, `(left, top, right, bottom)` inclusive.
struct Blob {
    pixels: Vec<usize>,
    left: usize,
    top: usize,
    right: usize,
    bottom: usize,
}

/// The 8-connected blobs of `mask` (`w × h`, row by row).
fn blobs(mask: &[bool], w: usize, h: usize) -> Vec<Blob> {
    let mut seen = vec![false; mask.len()];
    let mut out = Vec::new();
    for start in 0..mask.len() {
        if !mask.get(start).copied().unwrap_or(false) || seen.get(start).copied().unwrap_or(true) {
            continue;
        }
        let mut blob = Blob {
            pixels: Vec::new(),
            left: usize::MAX,
            top: usize::MAX,
            right: 0,
            bottom: 0,
        };
        let mut stack = vec![start];
        if let Some(s) = seen.get_mut(start) {
            *s = true;
        }
        while let Some(i) = stack.pop() {
            let (x, y) = (i % w, i / w);
            blob.pixels.push(i);
            blob.left = blob.left.min(x);
            blob.right = blob.right.max(x);
            blob.top = blob.top.min(y);
            blob.bottom = blob.bottom.max(y);
            for ny in y.saturating_sub(1)..=(y + 1).min(h - 1) {
                for nx in x.saturating_sub(1)..=(x + 1).min(w - 1) {
                    let n = ny * w + nx;
                    if mask.get(n).copied().unwrap_or(false)
                        && !seen.get(n).copied().unwrap_or(true)
                    {
                        if let Some(s) = seen.get_mut(n) {
                            *s = true;
                        }
                        stack.push(n);
                    }
                }
            }
        }
        out.push(blob);
    }
    out
}

/// The pixels of `mask` (`w × h`) that are pieces of a rule along a side
/// of the cell rather than glyphs: blobs at most `thick` across, lying
/// within `thick` of a side and along it, whose pieces together run into
/// a neighbouring side or past the span of the cell's other ink (a
/// doubled rule's inner line, a tilted rule cut in steps by the inset).
/// A `1` set close to a side lies within the span of its neighbours and
/// is kept; so is a lone one that stops short of the other sides.
fn border_pieces(mask: &[bool], w: usize, h: usize, thick: usize) -> Vec<usize> {
    if w == 0 || h == 0 {
        return Vec::new();
    }
    let blobs = blobs(mask, w, h);
    // Per side: whether a blob is thin across it and near it.
    let vertical = |b: &Blob| b.right - b.left < thick && b.bottom - b.top >= b.right - b.left;
    let horizontal = |b: &Blob| b.bottom - b.top < thick && b.right - b.left >= b.bottom - b.top;
    let sides: [&dyn Fn(&Blob) -> bool; 4] = [
        &|b: &Blob| vertical(b) && b.left < thick,
        &|b: &Blob| vertical(b) && b.right + thick >= w,
        &|b: &Blob| horizontal(b) && b.top < thick,
        &|b: &Blob| horizontal(b) && b.bottom + thick >= h,
    ];
    let on_side: Vec<[bool; 4]> = blobs.iter().map(|b| sides.map(|side| side(b))).collect();
    let mut out = Vec::new();
    for (side, along_columns) in [(0, true), (1, true), (2, false), (3, false)] {
        // Each blob's extent along the side: rows for a left or right side.
        let extent = |b: &Blob| {
            if along_columns {
                (b.top, b.bottom)
            } else {
                (b.left, b.right)
            }
        };
        let length = if along_columns { h } else { w };
        let group: Vec<&Blob> = blobs
            .iter()
            .zip(&on_side)
            .filter(|(_, s)| s.get(side).copied().unwrap_or(false))
            .map(|(b, _)| b)
            .collect();
        let (Some(start), Some(end)) = (
            group.iter().map(|b| extent(b).0).min(),
            group.iter().map(|b| extent(b).1).max(),
        ) else {
            continue;
        };
        let rest = blobs
            .iter()
            .zip(&on_side)
            .filter(|(_, s)| !s.iter().any(|&on| on))
            .map(|(b, _)| extent(b));
        let (rest_start, rest_end) =
            rest.fold((usize::MAX, 0), |(s, e), (bs, be)| (s.min(bs), e.max(be)));
        let meets_side = start < thick || end + thick >= length;
        let sticks_out =
            rest_start != usize::MAX && (start + thick < rest_start || end > rest_end + thick);
        if meets_side || sticks_out {
            out.extend(group.iter().flat_map(|b| b.pixels.iter().copied()));
        }
    }
    out
}

/// A grey crop of the pixels `glyph` marks in the box `w` wide at `(x0,
/// y0)`, with a white margin; with a `halo`, only the grey near them
/// (a glyph's antialiased edge) is kept, the rest is paper. `None` when fewer than
/// `min_ink` pixels are marked.
fn crop_mask(
    page: &Page,
    (x0, y0): (usize, usize),
    w: usize,
    glyph: &[bool],
    min_ink: usize,
    halo: Option<usize>,
) -> Option<Page> {
    let (mut left, mut top, mut right, mut bottom) = (usize::MAX, usize::MAX, 0, 0);
    let mut count = 0;
    for (i, _) in glyph.iter().enumerate().filter(|(_, &g)| g) {
        let (x, y) = (i % w, i / w);
        count += 1;
        left = left.min(x);
        right = right.max(x);
        top = top.min(y);
        bottom = bottom.max(y);
    }
    if count < min_ink {
        return None;
    }
    let marked = |x: usize, y: usize| x < w && glyph.get(y * w + x).copied().unwrap_or(false);
    let near_glyph = |x: usize, y: usize| {
        halo.is_none_or(|halo| {
            (y.saturating_sub(halo)..=y + halo)
                .any(|ny| (x.saturating_sub(halo)..=x + halo).any(|nx| marked(nx, ny)))
        })
    };
    let width = right - left + 1 + 2 * MARGIN;
    let height = bottom - top + 1 + 2 * MARGIN;
    let mut pixels = vec![255u8; width * height];
    for y in top..=bottom {
        for x in left..=right {
            if let Some(slot) = pixels.get_mut((y - top + MARGIN) * width + (x - left + MARGIN)) {
                *slot = if near_glyph(x, y) {
                    page.at(x0 + x, y0 + y)
                } else {
                    255
                };
            }
        }
    }
    Some(Page {
        width,
        height,
        pixels,
    })
}

/// A grey crop of the ink inside `(x0, y0, x1, y1)` with a white margin; `None` when it holds less than `min_ink` dark pixels.
pub fn crop_ink(
    page: &Page,
    ink: &Ink,
    (x0, y0, x1, y1): (usize, usize, usize, usize),
    min_ink: usize,
) -> Option<Page> {
    let (x1, y1) = (x1.min(page.width), y1.min(page.height));
    let w = x1.saturating_sub(x0);
    let dark: Vec<bool> = (0..w * y1.saturating_sub(y0))
        .map(|i| {
            let (x, y) = (x0 + i % w.max(1), y0 + i / w.max(1));
            ink.is_dark(x, y) && !ink.is_speck(x, y)
        })
        .collect();
    crop_mask(page, (x0, y0), w, &dark, min_ink, None)
}

#[cfg(test)]
mod tests {
    use super::border_pieces;

    /// A `w × h` mask with `boxes` (left, top, right, bottom, inclusive) inked.
    fn mask(w: usize, h: usize, boxes: &[(usize, usize, usize, usize)]) -> Vec<bool> {
        let mut m = vec![false; w * h];
        for &(l, t, r, b) in boxes {
            for y in t..=b {
                for x in l..=r {
                    m[y * w + x] = true;
                }
            }
        }
        m
    }

    /// The sweep's fax of `rules-double`: the inner line of the doubled
    /// rule above a cell, and the left one cut in steps by the inset,
    /// read as a leading `1` (129 as 1129) until taken out.
    #[test]
    fn a_doubled_rules_inner_lines_are_not_glyphs() {
        let (w, h) = (60, 30);
        let rules = [(0, 0, 59, 1), (0, 4, 1, 10), (0, 14, 1, 22)];
        let digit = (25, 12, 33, 26);
        let m = mask(w, h, &[rules[0], rules[1], rules[2], digit]);
        let pieces = border_pieces(&m, w, h, 5);
        let on_rules = mask(w, h, &rules).iter().filter(|&&r| r).count();
        assert_eq!(pieces.len(), on_rules);
        let in_digit = |i: &usize| (25..=33).contains(&(i % w)) && (12..=26).contains(&(i / w));
        assert!(!pieces.iter().any(in_digit));
    }

    /// A `1` set close to the left side, as tall as its neighbours, is a
    /// glyph; so is a lone one that stops short of the top and bottom.
    #[test]
    fn a_one_close_to_a_side_is_kept() {
        let (w, h) = (60, 30);
        let m = mask(w, h, &[(1, 8, 3, 24), (10, 8, 18, 24), (22, 8, 30, 24)]);
        assert!(border_pieces(&m, w, h, 5).is_empty());
        let lone = mask(w, h, &[(1, 8, 3, 24)]);
        assert!(border_pieces(&lone, w, h, 5).is_empty());
    }
}
