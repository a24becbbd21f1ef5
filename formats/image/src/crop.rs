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
    let width = (page.width as f32 * factor).round() as usize;
    let height = (page.height as f32 * factor).round() as usize;
    let mut pixels = Vec::with_capacity(width * height);
    for y in 0..height {
        let sy = (y as f32 + 0.5) / factor - 0.5;
        for x in 0..width {
            let sx = (x as f32 + 0.5) / factor - 0.5;
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
/// glyph's stroke.
pub fn crop_cell_ink(
    page: &Page,
    ink: &Ink,
    scale: &Scale,
    bounds: (usize, usize, usize, usize),
) -> Option<Page> {
    let (x0, y0, x1, y1) = bounds;
    let stroke = (scale.dpi as f32 * LONGEST_STROKE_POINTS / 72.0) as usize;
    let (w, h) = (x1.saturating_sub(x0), y1.saturating_sub(y0));
    let across = stroke.max(w * 3 / 4);
    let down = stroke.max(h * 3 / 4);
    let rule = ink.rule_pieces(bounds, across, down);
    let width = x1.min(page.width).saturating_sub(x0);
    let is_rule = |x: usize, y: usize| {
        rule.get((y - y0) * width + (x - x0))
            .copied()
            .unwrap_or(false)
    };
    crop_ink_where(page, ink, bounds, MIN_INK, &|x, y| !is_rule(x, y))
}

/// A grey crop of the ink inside `(x0, y0, x1, y1)` with a white margin; `None` when it holds less than `min_ink` dark pixels.
pub fn crop_ink(
    page: &Page,
    ink: &Ink,
    bounds: (usize, usize, usize, usize),
    min_ink: usize,
) -> Option<Page> {
    crop_ink_where(page, ink, bounds, min_ink, &|_, _| true)
}

/// [`crop_ink`] of the ink that `keep` keeps (the rest is paper).
fn crop_ink_where(
    page: &Page,
    ink: &Ink,
    (x0, y0, x1, y1): (usize, usize, usize, usize),
    min_ink: usize,
    keep: &dyn Fn(usize, usize) -> bool,
) -> Option<Page> {
    let (x1, y1) = (x1.min(page.width), y1.min(page.height));
    let (mut left, mut top, mut right, mut bottom) = (usize::MAX, usize::MAX, 0, 0);
    let mut count = 0;
    for y in y0..y1 {
        for x in x0..x1 {
            if ink.is_dark(x, y) && !ink.is_speck(x, y) && keep(x, y) {
                count += 1;
                left = left.min(x);
                right = right.max(x);
                top = top.min(y);
                bottom = bottom.max(y);
            }
        }
    }
    if count < min_ink {
        return None;
    }
    let width = right - left + 1 + 2 * MARGIN;
    let height = bottom - top + 1 + 2 * MARGIN;
    let mut pixels = vec![255u8; width * height];
    for y in top..=bottom {
        for x in left..=right {
            if let Some(slot) = pixels.get_mut((y - top + MARGIN) * width + (x - left + MARGIN)) {
                // A rule piece is paper; so is the grey it leaves around it.
                *slot = if keep(x, y) { page.at(x, y) } else { 255 };
            }
        }
    }
    Some(Page {
        width,
        height,
        pixels,
    })
}
