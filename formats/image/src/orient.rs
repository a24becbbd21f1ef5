//! A page's orientation: a scan whose content is turned a quarter or a half
//! turn (a landscape table printed across a portrait page, a sheet fed
//! upside down) is turned upright before its rules and text are read.
//!
//! Measured on the sweep's sideways and upside-down scans: one text line of
//! the page read by the Chinese model scores ~94 upright and 20–30 turned,
//! in 40–110 ms; Tesseract's own orientation detection (`osd`) was right
//! too but took 0.4–0.5 s of CPU a page, most of a page's reading. So a
//! page is turned only when its text line reads poorly upright and far
//! better turned.

use crate::decode::Page;
use crate::raster::{self, Ink};
use crate::tess::{Engine, Segmentation};

/// A text line read at least this surely keeps the page as it is.
const SURE_UPRIGHT: i32 = 80;
/// A turn is taken only when its line reads this much surer than upright…
const TURN_MARGIN: i32 = 25;
/// …and at least this surely.
const SURE_TURNED: i32 = 70;
/// A text line is 6 to 36 points high.
const LINE_POINTS: (f32, f32) = (6.0, 36.0);
/// The text lines read of each way a page may lie, inkiest first.
const SAMPLE_LINES: usize = 2;
/// White around a line's crop, in pixels.
const MARGIN: usize = 8;
/// Most of a line read, in line heights (about as many glyphs): enough to
/// tell, and the engine's time grows with the line.
const SAMPLE_HEIGHTS: usize = 24;

/// `page` turned clockwise by `quarters` quarter turns.
pub fn turn(page: &Page, quarters: u8) -> Page {
    let (w, h) = (page.width, page.height);
    let quarters = quarters % 4;
    let (width, height) = if quarters % 2 == 1 { (h, w) } else { (w, h) };
    let mut pixels = Vec::with_capacity(w.saturating_mul(h));
    for y in 0..height {
        for x in 0..width {
            let (sx, sy) = unturn(quarters, (w, h), x, y);
            pixels.push(page.at(sx, sy));
        }
    }
    Page {
        width,
        height,
        pixels,
    }
}

/// Where pixel `(x, y)` of an image of `size` turned by `quarters` lies
/// in the image before the turn.
pub fn unturn(quarters: u8, (w, h): (usize, usize), x: usize, y: usize) -> (usize, usize) {
    match quarters % 4 {
        1 => (y, h.saturating_sub(1 + x)),
        2 => (w.saturating_sub(1 + x), h.saturating_sub(1 + y)),
        3 => (w.saturating_sub(1 + y), x),
        _ => (x, y),
    }
}

/// The clockwise quarter turns that set a straightened page upright (0
/// when it is, or when nothing on it tells).
pub fn quarter_turns(
    page: &Page,
    threshold: u8,
    dpi: u32,
    min_rule: usize,
    engine: &mut Engine,
) -> u8 {
    engine.whitelist(None);
    let upright_lines = text_lines(page, threshold, dpi, min_rule);
    let upright = best_reading(&upright_lines, 0, dpi, engine, SURE_UPRIGHT);
    if upright.is_some_and(|c| c >= SURE_UPRIGHT) {
        return 0;
    }
    let upright = upright.unwrap_or(0);
    let mut best = (upright, 0u8);
    if let Some(c) = best_reading(&upright_lines, 2, dpi, engine, i32::MAX) {
        best = best.max((c, 2));
    }
    let sideways = turn(page, 1);
    let sideways_lines = text_lines(&sideways, threshold, dpi, min_rule);
    for quarters in [1u8, 3] {
        // The page turned three quarters is the page turned one, upside down.
        let extra = if quarters == 1 { 0 } else { 2 };
        if let Some(c) = best_reading(&sideways_lines, extra, dpi, engine, i32::MAX) {
            best = best.max((c, quarters));
        }
    }
    let (confidence, quarters) = best;
    if quarters != 0 && confidence >= SURE_TURNED && confidence >= upright + TURN_MARGIN {
        quarters
    } else {
        0
    }
}

/// The best confidence of `lines` read turned by `quarters` (0 or 2),
/// stopping at the first read at least `enough`; `None` without lines.
fn best_reading(
    lines: &[Page],
    quarters: u8,
    dpi: u32,
    engine: &mut Engine,
    enough: i32,
) -> Option<i32> {
    let mut best = None;
    for line in lines {
        let line = if quarters == 0 {
            line.clone()
        } else {
            turn(line, quarters)
        };
        let reading = engine.read(
            &line.pixels,
            line.width,
            line.height,
            dpi,
            Segmentation::Line,
        );
        if reading.text.is_empty() {
            continue;
        }
        let c = reading.confidence;
        best = Some(best.map_or(c, |b: i32| b.max(c)));
        if c >= enough {
            break;
        }
    }
    best
}

/// The inkiest bands of text of `page` as lines: rows holding ink that is
/// neither a rule nor a speck, between blank rows, as high as a line of
/// text; each cropped to its ink with rules made paper.
fn text_lines(page: &Page, threshold: u8, dpi: u32, min_rule: usize) -> Vec<Page> {
    let ink = Ink::of(page, threshold);
    let rule = ink.rule_pieces((0, 0, page.width, page.height), min_rule, min_rule);
    let is_text = |x: usize, y: usize| {
        ink.is_dark(x, y)
            && !rule.get(y * page.width + x).copied().unwrap_or(true)
            && !ink.is_speck(x, y)
    };
    let min_row_ink = (page.width / 500).max(2);
    let rows: Vec<usize> = (0..page.height)
        .map(|y| (0..page.width).filter(|&x| is_text(x, y)).count())
        .collect();
    let (low, high) = (
        (dpi as f32 * LINE_POINTS.0 / 72.0) as usize,
        (dpi as f32 * LINE_POINTS.1 / 72.0) as usize,
    );
    // Bands (top, bottom, ink) of consecutive inked rows, a line high.
    let mut bands: Vec<(usize, usize, usize)> = raster::bands(&rows, min_row_ink)
        .into_iter()
        .filter(|(top, bottom)| (low..=high).contains(&(bottom - top)))
        .map(|(top, bottom)| {
            let ink_in: usize = rows.get(top..bottom).map_or(0, |r| r.iter().sum());
            (top, bottom, ink_in)
        })
        .collect();
    bands.sort_by_key(|b| std::cmp::Reverse(b.2));
    bands
        .into_iter()
        .take(SAMPLE_LINES)
        .filter_map(|(top, bottom, _)| {
            let columns: Vec<usize> = (0..page.width)
                .filter(|&x| (top..bottom).any(|y| is_text(x, y)))
                .collect();
            let (&left, &last) = (columns.first()?, columns.last()?);
            let right = last.min(left + SAMPLE_HEIGHTS * (bottom - top));
            let width = right - left + 1 + 2 * MARGIN;
            let height = bottom - top + 2 * MARGIN;
            let mut pixels = vec![255u8; width * height];
            for y in top..bottom {
                for x in left..=right {
                    // A piece of a rule is paper.
                    let is_rule = rule.get(y * page.width + x).copied().unwrap_or(true);
                    let slot = pixels.get_mut((y - top + MARGIN) * width + x - left + MARGIN);
                    if let (false, Some(slot)) = (is_rule, slot) {
                        *slot = page.at(x, y);
                    }
                }
            }
            Some(Page {
                width,
                height,
                pixels,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbered(width: usize, height: usize) -> Page {
        Page {
            width,
            height,
            pixels: (0..width * height).map(|i| (i % 251) as u8).collect(),
        }
    }

    #[test]
    fn four_quarter_turns_are_none() {
        let page = numbered(7, 4);
        let mut turned = page.clone();
        for _ in 0..4 {
            turned = turn(&turned, 1);
        }
        assert_eq!(turned.pixels, page.pixels);
        assert_eq!(turn(&turn(&page, 1), 3).pixels, page.pixels);
        assert_eq!(turn(&turn(&page, 2), 2).pixels, page.pixels);
    }

    #[test]
    fn a_quarter_turn_is_clockwise() {
        // 2 × 3: a b / c d / e f turned clockwise is e c a / f d b.
        let page = Page {
            width: 2,
            height: 3,
            pixels: vec![1, 2, 3, 4, 5, 6],
        };
        let turned = turn(&page, 1);
        assert_eq!((turned.width, turned.height), (3, 2));
        assert_eq!(turned.pixels, vec![5, 3, 1, 6, 4, 2]);
        for y in 0..2 {
            for x in 0..3 {
                let (sx, sy) = unturn(1, (2, 3), x, y);
                assert_eq!(turned.at(x, y), page.at(sx, sy));
            }
        }
    }

    #[test]
    fn lines_of_text_are_found_and_rules_left_out() {
        // A 100-dpi page: a rule across, and two "lines" of 15-pixel glyphs.
        let (width, height) = (400, 200);
        let mut pixels = vec![255u8; width * height];
        for x in 10..390 {
            pixels[20 * width + x] = 0;
            pixels[21 * width + x] = 0;
        }
        for (top, glyphs) in [(50, 10), (120, 5)] {
            for g in 0..glyphs {
                for y in top..top + 15 {
                    for x in 30 + g * 20..30 + g * 20 + 12 {
                        if (x + y) % 3 != 0 {
                            pixels[y * width + x] = 0;
                        }
                    }
                }
            }
        }
        let page = Page {
            width,
            height,
            pixels,
        };
        let lines = text_lines(&page, 128, 100, 60);
        assert_eq!(lines.len(), 2);
        // Inkiest first: the line of ten glyphs.
        assert_eq!(lines[0].width, 10 * 20 - 8 + 2 * MARGIN);
        assert_eq!(lines[0].height, 15 + 2 * MARGIN);
    }
}
