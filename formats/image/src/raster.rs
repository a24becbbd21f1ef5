//! Binarize a page and straighten it: a scan is often 0.5–3° off, which
//! breaks long rules into steps that no longer cross.

use crate::decode::Page;

/// The largest skew searched, in degrees either way.
const MAX_SKEW_DEGREES: f32 = 3.0;
/// The coarse step of the skew search, in degrees.
const COARSE_STEP: f32 = 0.2;
/// The fine step around the best coarse angle, in degrees.
const FINE_STEP: f32 = 0.02;
/// Skews smaller than this are left alone (rotating blurs the glyphs).
const MIN_SKEW_DEGREES: f32 = 0.05;

/// The bands `top..bottom` of consecutive rows whose count in `row_ink` is
/// at least `min_ink`, between rows below it: a page's lines of text, by
/// the ink of each row.
pub fn bands(row_ink: &[usize], min_ink: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (y, &n) in row_ink.iter().chain(std::iter::once(&0)).enumerate() {
        match (n >= min_ink, start) {
            (true, None) => start = Some(y),
            (false, Some(top)) => {
                out.push((top, y));
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// Otsu's threshold: the grey level that best splits ink from paper.
pub fn otsu(page: &Page) -> u8 {
    let mut histogram = [0u64; 256];
    for &p in &page.pixels {
        if let Some(slot) = histogram.get_mut(usize::from(p)) {
            *slot += 1;
        }
    }
    let total: u64 = histogram.iter().sum();
    let sum_all: f64 = histogram
        .iter()
        .enumerate()
        .map(|(level, &n)| level as f64 * n as f64)
        .sum();
    let (mut weight_dark, mut sum_dark) = (0u64, 0f64);
    let (mut best, mut best_level) = (0f64, 128u8);
    for (level, &n) in histogram.iter().enumerate() {
        weight_dark += n;
        if weight_dark == 0 {
            continue;
        }
        let weight_light = total - weight_dark;
        if weight_light == 0 {
            break;
        }
        sum_dark += level as f64 * n as f64;
        let mean_dark = sum_dark / weight_dark as f64;
        let mean_light = (sum_all - sum_dark) / weight_light as f64;
        let between = weight_dark as f64 * weight_light as f64 * (mean_dark - mean_light).powi(2);
        if between > best {
            best = between;
            best_level = level as u8;
        }
    }
    best_level
}

/// Ink as a bitmap: true where the pixel is darker than the threshold.
#[derive(Debug, Clone)]
pub struct Ink {
    /// Width in pixels.
    pub width: usize,
    /// Height in pixels.
    pub height: usize,
    /// `width × height` flags, row by row.
    pub dark: Vec<bool>,
}

impl Ink {
    /// The page's ink under `threshold`.
    pub fn of(page: &Page, threshold: u8) -> Ink {
        Ink {
            width: page.width,
            height: page.height,
            dark: page.pixels.iter().map(|&p| p <= threshold).collect(),
        }
    }

    /// Whether (x, y) is ink; paper outside the page.
    pub fn is_dark(&self, x: usize, y: usize) -> bool {
        x < self.width && self.dark.get(y * self.width + x).copied().unwrap_or(false)
    }

    /// The ink of `(x0, y0, x1, y1)` (row by row, `x1 - x0` wide) that lies
    /// on a straight run at least `across` long from left to right or
    /// `down` long from top to bottom: pieces of rules inside a cell (a
    /// border drawn off the grid, the edge of a rule past the inset), not
    /// strokes of glyphs, which are shorter.
    pub fn rule_pieces(
        &self,
        (x0, y0, x1, y1): (usize, usize, usize, usize),
        across: usize,
        down: usize,
    ) -> Vec<bool> {
        let (x1, y1) = (x1.min(self.width), y1.min(self.height));
        let (w, h) = (x1.saturating_sub(x0), y1.saturating_sub(y0));
        let mut rule = vec![false; w * h];
        // Along each line (`outer`) of `inner` pixels, the runs of ink at
        // least `min` long; `at(outer, inner)` is a pixel's (x, y) offset.
        let mut runs = |outer: usize,
                        inner: usize,
                        min: usize,
                        at: &dyn Fn(usize, usize) -> (usize, usize)| {
            for o in 0..outer {
                let mut start = 0;
                for i in 0..=inner {
                    let (x, y) = at(o, i);
                    if i < inner && self.is_dark(x0 + x, y0 + y) {
                        continue;
                    }
                    if i - start >= min.max(1) {
                        for (x, y) in (start..i).map(|i| at(o, i)) {
                            if let Some(slot) = rule.get_mut(y * w + x) {
                                *slot = true;
                            }
                        }
                    }
                    start = i + 1;
                }
            }
        };
        runs(h, w, across, &|y, x| (x, y));
        runs(w, h, down, &|x, y| (x, y));
        rule
    }

    /// Whether the ink at (x, y) is a speck of dust: fewer than two of its
    /// eight neighbours are ink (no stroke of a glyph is that thin).
    pub fn is_speck(&self, x: usize, y: usize) -> bool {
        let mut neighbours = 0;
        for (dx, dy) in [
            (-1, -1),
            (0, -1),
            (1, -1),
            (-1, 0),
            (1, 0),
            (-1, 1),
            (0, 1),
            (1, 1),
        ] {
            let (nx, ny) = (x as isize + dx, y as isize + dy);
            if nx >= 0 && ny >= 0 && self.is_dark(nx as usize, ny as usize) {
                neighbours += 1;
            }
        }
        neighbours < 2
    }
}

/// How much darker than the paper beside it a pixel of a rule is, at least:
/// the ground of a shaded cell is as grey as a scanned hairline, but has no
/// paper beside it.
const RULE_CONTRAST: u8 = 32;

/// The pixels of `page` that may lie on a rule running along rows
/// (`horizontal`) or columns: darker than `threshold`, and by
/// [`RULE_CONTRAST`] than the page `reach` (or half as far again) pixels
/// away across the rule on one side at least (a rule thinner than `reach` has paper there; a glyph
/// or a rule may touch it on the other side).
pub fn rule_ink(page: &Page, threshold: u8, horizontal: bool, reach: usize) -> Ink {
    let mut dark = Vec::with_capacity(page.pixels.len());
    for y in 0..page.height {
        for x in 0..page.width {
            let p = page.at(x, y);
            // Two distances each side, so that a glyph at one does not
            // hide the paper.
            let beside = [reach, reach + reach / 2]
                .into_iter()
                .flat_map(|d| {
                    if horizontal {
                        [y.checked_sub(d).map(|y| (x, y)), Some((x, y + d))]
                    } else {
                        [x.checked_sub(d).map(|x| (x, y)), Some((x + d, y))]
                    }
                })
                .map(|at| at.map_or(255, |(x, y)| page.at(x, y)))
                .max()
                .unwrap_or(255);
            dark.push(p <= threshold && p.saturating_add(RULE_CONTRAST) <= beside);
        }
    }
    Ink {
        width: page.width,
        height: page.height,
        dark,
    }
}

/// The page's skew in degrees (positive: rules fall to the right), measured
/// on the pixels of long horizontal runs so that text weighs little.
pub fn skew_degrees(ink: &Ink, min_run: usize) -> f32 {
    let mut points: Vec<(f32, f32)> = Vec::new();
    // A rule tilted by 3° still runs ~19 pixels per step: a quarter of a rule's
    // minimum length keeps its pieces and drops most glyph strokes.
    let piece = (min_run / 4).max(8);
    for y in 0..ink.height {
        let mut x = 0;
        while x < ink.width {
            if !ink.is_dark(x, y) {
                x += 1;
                continue;
            }
            let start = x;
            while x < ink.width && ink.is_dark(x, y) {
                x += 1;
            }
            if x - start >= piece {
                // Every fourth pixel of the run is enough to score a line.
                points.extend((start..x).step_by(4).map(|px| (px as f32, y as f32)));
            }
        }
    }
    if points.is_empty() {
        return 0.0;
    }
    let score = |degrees: f32| -> u64 {
        let slope = degrees.to_radians().tan();
        let mut rows = vec![0u32; ink.height + 2 * ink.width / 10 + 2];
        let shift = (ink.width / 10 + 1) as f32;
        for &(x, y) in &points {
            let at = (y - x * slope + shift).round();
            if at >= 0.0 {
                if let Some(slot) = rows.get_mut(at as usize) {
                    *slot += 1;
                }
            }
        }
        rows.iter().map(|&n| u64::from(n) * u64::from(n)).sum()
    };
    let best_of = |from: f32, to: f32, step: f32| -> f32 {
        let mut best = (score(0.0), 0.0f32);
        let steps = ((to - from) / step).round() as i32;
        for i in 0..=steps {
            let a = from + i as f32 * step;
            let s = score(a);
            if s > best.0 {
                best = (s, a);
            }
        }
        best.1
    };
    let coarse = best_of(-MAX_SKEW_DEGREES, MAX_SKEW_DEGREES, COARSE_STEP);
    best_of(coarse - COARSE_STEP, coarse + COARSE_STEP, FINE_STEP)
}

/// The page rotated by `-degrees` about its centre (bilinear, paper outside),
/// so that rules tilted by `degrees` become level.
pub fn straighten(page: &Page, degrees: f32) -> Page {
    if degrees.abs() < MIN_SKEW_DEGREES {
        return page.clone();
    }
    let (sin, cos) = degrees.to_radians().sin_cos();
    let (cx, cy) = (page.width as f32 / 2.0, page.height as f32 / 2.0);
    let mut pixels = Vec::with_capacity(page.pixels.len());
    for y in 0..page.height {
        let dy = y as f32 - cy;
        for x in 0..page.width {
            let dx = x as f32 - cx;
            let sx = cx + dx * cos - dy * sin;
            let sy = cy + dx * sin + dy * cos;
            pixels.push(sample(page, sx, sy));
        }
    }
    Page {
        width: page.width,
        height: page.height,
        pixels,
    }
}

/// The grey level at (x, y) between pixels (bilinear), paper outside the page.
pub fn sample(page: &Page, x: f32, y: f32) -> u8 {
    if x < 0.0 || y < 0.0 {
        return 255;
    }
    // Both are ≥ 0 here, so truncation is `floor`, without the libm call
    // `floor` compiles to on baseline x86-64 (run for every pixel of a page).
    let (x0, y0) = (x as usize, y as usize);
    let (fx, fy) = (x - x0 as f32, y - y0 as f32);
    let p = |xx: usize, yy: usize| f32::from(page.at(xx, yy));
    let top = p(x0, y0) * (1.0 - fx) + p(x0 + 1, y0) * fx;
    let bottom = p(x0, y0 + 1) * (1.0 - fx) + p(x0 + 1, y0 + 1) * fx;
    grey_of(top * (1.0 - fy) + bottom * fy)
}

/// `level.round().clamp(0.0, 255.0) as u8` for a level ≥ 0 (a weighted
/// mean of grey levels), exactly, without `round`'s libm call.
fn grey_of(level: f32) -> u8 {
    let whole = level as u32;
    // Exact: `level - whole` loses no bits below 2^23.
    let rounded = if level - whole as f32 >= 0.5 {
        whole.saturating_add(1)
    } else {
        whole
    };
    rounded.min(255) as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page_with_rule(slope: f32) -> Page {
        let (width, height) = (400, 200);
        let mut pixels = vec![255u8; width * height];
        for x in 20..380 {
            let y = (100.0 + (x as f32 - 200.0) * slope).round() as usize;
            pixels[y * width + x] = 0;
            pixels[(y + 1) * width + x] = 0;
        }
        Page {
            width,
            height,
            pixels,
        }
    }

    #[test]
    fn bands_are_runs_of_inked_rows() {
        assert_eq!(
            super::bands(&[0, 3, 4, 0, 1, 5, 5], 2),
            vec![(1, 3), (5, 7)]
        );
        assert!(super::bands(&[], 2).is_empty());
    }

    #[test]
    fn grey_levels_round_as_round_does() {
        for level in [
            0.0f32, 0.49999997, 0.5, 1.5, 2.5, 127.49, 254.5, 255.0, 255.4, 300.0,
        ] {
            assert_eq!(
                grey_of(level),
                level.round().clamp(0.0, 255.0) as u8,
                "{level}"
            );
        }
    }

    #[test]
    fn measures_a_tilted_rule() {
        let page = page_with_rule(1.5f32.to_radians().tan());
        let ink = Ink::of(&page, otsu(&page));
        let skew = skew_degrees(&ink, 40);
        assert!((skew - 1.5).abs() < 0.1, "{skew}");
        let level = straighten(&page, skew);
        let ink = Ink::of(&level, otsu(&level));
        assert!(skew_degrees(&ink, 40).abs() < 0.1);
    }

    /// A shaded row (grey ground as dark as a scanned hairline) under a
    /// black rule, and a grey hairline on paper: the rule and the hairline
    /// are rule ink, the shaded ground away from its edges is not (its
    /// edges are a cell's anyway).
    #[test]
    fn a_shaded_cell_is_no_rule_but_its_border_and_a_hairline_are() {
        let (width, height) = (80, 60);
        let mut pixels = vec![250u8; width * height];
        for y in 10..12 {
            for x in 0..width {
                pixels[y * width + x] = 20;
            }
        }
        for y in 12..40 {
            for x in 0..width {
                pixels[y * width + x] = 205;
            }
        }
        for x in 0..width {
            pixels[50 * width + x] = 190;
        }
        let page = Page {
            width,
            height,
            pixels,
        };
        let ink = rule_ink(&page, 210, true, 6);
        let dark_row = |y: usize| (0..width).all(|x| ink.is_dark(x, y));
        let clear_row = |y: usize| (0..width).all(|x| !ink.is_dark(x, y));
        assert!(dark_row(10) && dark_row(11) && dark_row(50));
        assert!((21..31).all(clear_row));
        // Across, the shaded ground is no rule either.
        let ink = rule_ink(&page, 210, false, 6);
        assert!((12..40).all(|y| (9..width - 9).all(|x| !ink.is_dark(x, y))));
    }

    /// A cell of a browser's print: its left border drawn two pixels off
    /// the grid, inside the cell, and a "1" right beside it. The border is
    /// a rule piece; the glyph's stroke, shorter, is not.
    #[test]
    fn a_border_inside_a_cell_is_a_rule_piece_and_a_glyph_beside_it_is_not() {
        let (width, height) = (60, 40);
        let mut pixels = vec![255u8; width * height];
        for y in 0..height {
            pixels[y * width + 2] = 0;
        }
        for y in 12..28 {
            pixels[y * width + 4] = 0;
        }
        let page = Page {
            width,
            height,
            pixels,
        };
        let ink = Ink::of(&page, 128);
        let rule = ink.rule_pieces((0, 0, width, height), 45, 30);
        assert!((0..height).all(|y| rule[y * width + 2]));
        assert!((12..28).all(|y| !rule[y * width + 4]));
    }
}
