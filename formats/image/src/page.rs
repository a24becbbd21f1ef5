//! One page image to blocks: straighten it, find its ruled tables, read
//! each cell (digits alone for numbers, Chinese for labels) and the text
//! between the tables as paragraphs.

use crate::cell::cell_text;
use crate::crop::{crop_ink, MIN_INK};
use crate::decode::Page;
use crate::lattice::{self, Grid, Region};
use crate::orient;
use crate::raster::{self, Ink};
use crate::ruleless;
use crate::tess::{Engine, Segmentation};
use gongkai_ir::{
    Block, Cell, Diagnostic, Limits, Origin, Paragraph, Placement, ReadError, Row, Severity, Table,
};

/// Below this mean confidence (0–100) an OCR'd cell is a warning.
pub const LOW_CONFIDENCE: i32 = 80;
/// The smallest glyph a table's cell holds, in points.
const MIN_GLYPH_POINTS: f32 = 9.0;
/// An A4 page's short side in inches: the resolution of a page image is guessed from it.
const A4_SHORT_INCHES: f32 = 8.27;

/// The two engines a page is read with.
pub struct Engines {
    /// Chinese (labels, paragraphs).
    pub chinese: Engine,
    /// Digits only, one line at a time (numeric cells).
    pub digits: Engine,
}

/// One image to read: a page, or a picture drawn on one.
pub struct Picture<'a> {
    /// The 1-based page it is (or is on).
    pub number: u32,
    /// Its pixels.
    pub image: &'a Page,
    /// Where the page draws it, when known: origins are put on the page,
    /// and its resolution follows from its size there.
    pub at: Option<&'a Placement>,
    /// Read only its tables (a table pasted as a picture among text).
    pub tables_only: bool,
}

/// Sizes in pixels that follow from the page's resolution, and the map
/// from the image's pixels to points on its page.
pub struct Scale {
    /// The image's resolution, in pixels per inch.
    pub dpi: u32,
    /// Shortest run of ink that is a rule.
    min_rule: usize,
    /// Rules and boundaries this close are one.
    snap: f32,
    /// Where the image's top left lies on its page, in points.
    left: f32,
    top: f32,
    /// Points a pixel across and down.
    across: f32,
    down: f32,
    /// Clockwise quarter turns the page was set upright by, and the image's
    /// size before them: origins are put back where the image shows them.
    turned: (u8, usize, usize),
}

impl Scale {
    fn of(page: &Page, at: Option<&Placement>) -> Scale {
        let drawn = at.filter(|p| p.right > p.left && p.bottom > p.top);
        let dpi = match drawn {
            // A picture's resolution is its pixels over the inches it fills.
            Some(p) => page.width as f32 * 72.0 / (p.right - p.left),
            // A page image is guessed to be an A4 page.
            None => page.width.min(page.height) as f32 / A4_SHORT_INCHES,
        }
        .clamp(72.0, 1200.0);
        let (left, top, across, down) = match drawn {
            Some(p) => (
                p.left,
                p.top,
                (p.right - p.left) / page.width.max(1) as f32,
                (p.bottom - p.top) / page.height.max(1) as f32,
            ),
            None => (0.0, 0.0, 72.0 / dpi.round(), 72.0 / dpi.round()),
        };
        Scale {
            dpi: dpi.round() as u32,
            // 13 points: longer than a glyph's stroke, shorter than a table row.
            min_rule: (dpi * 13.0 / 72.0).round() as usize,
            snap: dpi * 3.0 / 72.0,
            left,
            top,
            across,
            down,
            turned: (0, page.width, page.height),
        }
    }

    /// The image's pixel `(x, y)` on page `number`.
    pub(crate) fn origin(&self, number: u32, x: f32, y: f32) -> Origin {
        let (quarters, w, h) = self.turned;
        let (x, y) = if quarters == 0 {
            (x, y)
        } else {
            let (x, y) = orient::unturn(quarters, (w, h), x.max(0.0) as usize, y.max(0.0) as usize);
            (x as f32, y as f32)
        };
        Origin::Page {
            page: number,
            x: self.left + x * self.across,
            y: self.top + y * self.down,
        }
    }
}

/// Read a page image, or a picture on a page, into blocks, appending what
/// was noticed.
pub fn read(
    picture: Picture<'_>,
    engines: &mut Engines,
    limits: &Limits,
    notes: &mut Vec<Diagnostic>,
) -> Result<Vec<Block>, ReadError> {
    let Picture {
        number,
        image: page,
        at,
        tables_only,
    } = picture;
    let mut scale = Scale::of(page, at);
    let threshold = raster::otsu(page);
    let skew = raster::skew_degrees(&Ink::of(page, threshold), scale.min_rule);
    let mut page = raster::straighten(page, skew);
    let quarters = orient::quarter_turns(
        &page,
        threshold,
        scale.dpi,
        scale.min_rule,
        &mut engines.chinese,
    );
    if quarters != 0 {
        // Straightened again: a page turned a quarter was measured by its
        // other rules, or by none.
        let turned = orient::turn(&page, quarters);
        let again = raster::skew_degrees(&Ink::of(&turned, threshold), scale.min_rule);
        page = raster::straighten(&turned, again);
        scale.turned.0 = quarters;
        notes.push(
            Diagnostic::new(
                Severity::Info,
                "ocr.orientation",
                format!(
                    "page image turned by {}° to read it upright",
                    u32::from(quarters) * 90
                ),
            )
            .with_at(format!("page {number}")),
        );
    }
    if skew.abs() >= 0.05 {
        notes.push(
            Diagnostic::new(
                Severity::Info,
                "ocr.deskew",
                format!("page image straightened by {skew:.2}°"),
            )
            .with_at(format!("page {number}")),
        );
    }
    let mut ink = Ink::of(&page, threshold);
    // A hairline, or a 1-bit rule once straightened, is grey rather than
    // black: rules are looked for halfway between Otsu's level and paper.
    // Only long runs count as rules, so text and grain stay out, and only
    // thin ones with paper beside them, so that a shaded cell's ground is none.
    let (horizontal, vertical) =
        lattice::page_rules(&page, threshold / 2 + 128, scale.snap, scale.min_rule);
    let grids = lattice::grids(&horizontal, &vertical, &ink, scale.snap, limits.max_cells)
        .map_err(|e| {
            limits.exceeded(
                gongkai_ir::Limit::Cells,
                gongkai_ir::Oversize::TableOnPage {
                    cells: e.count() as u64,
                    page: number,
                },
            )
        })?;
    // Big title glyphs draw rules too: a table is wider than an inch,
    // taller than a line, its cells mostly hold a glyph, and it holds some
    // ink.
    let grids: Vec<Grid> = grids
        .into_iter()
        .filter(|g| {
            let (left, right) = (
                g.xs.first().copied().unwrap_or(0.0),
                g.xs.last().copied().unwrap_or(0.0),
            );
            let (_, top, _, bottom) = g.bbox();
            right - left >= scale.dpi as f32
                && bottom - top >= scale.dpi as f32 * 18.0 / 72.0
                && lattice::cells_hold(g, scale.dpi as f32 * MIN_GLYPH_POINTS / 72.0)
        })
        .collect();
    lattice::erase_rules(&mut ink, &grids, &horizontal, &vertical, scale.snap);
    let mut found = Vec::new();
    for grid in &grids {
        let Some(table) = table(number, &page, &ink, &scale, grid, engines, notes)? else {
            continue;
        };
        let (_, top, _, bottom) = grid.bbox();
        found.push(ruleless::Found { top, bottom, table });
    }
    // A page without a ruled table may still show one: columns of text.
    if found.is_empty() && !tables_only {
        let band = (0, page.height);
        found = ruleless::tables(number, &page, &ink, &scale, band, engines, notes)?;
    }
    let mut blocks = Vec::new();
    let mut top = 0.0f32;
    for ruleless::Found {
        top: table_top,
        bottom,
        table,
    } in found
    {
        if !tables_only {
            blocks.extend(paragraphs(
                number, &page, &ink, &scale, top, table_top, engines,
            )?);
        }
        blocks.push(Block::Table(table));
        top = bottom;
    }
    if tables_only {
        return Ok(blocks);
    }
    blocks.extend(paragraphs(
        number,
        &page,
        &ink,
        &scale,
        top,
        page.height as f32,
        engines,
    )?);
    Ok(blocks)
}

/// The text lines of the band `top..bottom`, one paragraph each.
fn paragraphs(
    number: u32,
    page: &Page,
    ink: &Ink,
    scale: &Scale,
    top: f32,
    bottom: f32,
    engines: &mut Engines,
) -> Result<Vec<Block>, ReadError> {
    gongkai_ir::checkpoint()?;
    let band = (
        0,
        top.max(0.0) as usize,
        page.width,
        bottom.max(0.0) as usize,
    );
    let Some(crop) = crop_ink(page, ink, band, 2 * MIN_INK) else {
        return Ok(Vec::new());
    };
    engines.chinese.whitelist(None);
    let reading = engines.chinese.read(
        &crop.pixels,
        crop.width,
        crop.height,
        scale.dpi,
        Segmentation::Column,
    );
    let at = scale.origin(number, 0.0, band.1 as f32);
    Ok(join_lines(&reading.text)
        .into_iter()
        .map(|l| Block::Paragraph(Paragraph::new(l, at.clone())))
        .collect())
}

/// OCR'd lines into paragraphs: a line as long as the longest (it ran to the
/// margin) that does not end a sentence continues on the next line.
fn join_lines(text: &str) -> Vec<String> {
    let lines: Vec<String> = text
        .lines()
        .map(close_cjk_gaps)
        .filter(|l| !l.is_empty())
        .collect();
    let longest = lines.iter().map(|l| l.chars().count()).max().unwrap_or(0);
    let mut out: Vec<String> = Vec::new();
    let mut open = false;
    for line in lines {
        let full = line.chars().count() * 10 >= longest * 9 && !line.ends_with(['。', '：', ':']);
        match out.last_mut() {
            Some(last) if open => last.push_str(&line),
            _ => out.push(line),
        }
        open = full;
    }
    out
}

fn table(
    number: u32,
    page: &Page,
    ink: &Ink,
    scale: &Scale,
    grid: &Grid,
    engines: &mut Engines,
    notes: &mut Vec<Diagnostic>,
) -> Result<Option<Table>, ReadError> {
    let rows = grid.ys.len().saturating_sub(1);
    let origin = |x: f32, y: f32| scale.origin(number, x, y);
    let mut table = Table {
        rows: (0..rows)
            .map(|r| Row {
                cells: Vec::new(),
                at: origin(
                    grid.xs.first().copied().unwrap_or(0.0),
                    grid.ys.get(r).copied().unwrap_or(0.0),
                ),
            })
            .collect(),
        at: origin(grid.xs.first().copied().unwrap_or(0.0), grid.bbox().1),
    };
    let mut inked = false;
    // Columns whose last inked cell read surely as a number, and whether
    // the row's last inked cell did: a one-column cell below or right of
    // such a number is read as digits first (one engine pass, not two).
    let mut numeric = vec![false; grid.xs.len()];
    let mut row_numeric = (usize::MAX, false);
    for region in &grid.regions {
        gongkai_ir::checkpoint()?;
        let (x0, y0, x1, y1) = grid.rect(region);
        let one_column = region.c1 == region.c0 + 1;
        let after_number = row_numeric == (region.r0, true);
        let digits_first =
            one_column && (after_number || numeric.get(region.c0).copied().unwrap_or(false));
        let read = cell_text(page, ink, scale, (x0, y0, x1, y1), engines, digits_first);
        if let (Some(column), Some(read)) = (numeric.get_mut(region.c0), &read) {
            *column = one_column && read.sure_number;
        }
        if let Some(read) = &read {
            row_numeric = (region.r0, one_column && read.sure_number);
        }
        let text = read.map(|r| (r.text, r.confidence));
        if let Some((text, confidence)) = &text {
            inked = true;
            if *confidence < LOW_CONFIDENCE {
                notes.push(low_confidence(
                    number,
                    region,
                    text,
                    *confidence,
                    origin(x0, y0),
                ));
            }
        }
        let mut cell = Cell::new(region.c0, String::new(), origin(x0, y0))
            .with_span(region.r1 - region.r0, region.c1 - region.c0);
        if let Some((text, confidence)) = text {
            cell.text = text;
            cell.confidence = Some(confidence.clamp(0, 100) as u8);
        }
        if let Some(row) = table.rows.get_mut(region.r0) {
            row.cells.push(cell);
        }
    }
    Ok(inked.then_some(table))
}

/// The warning for a cell read with low confidence.
pub(crate) fn low_confidence(
    number: u32,
    region: &Region,
    text: &str,
    confidence: i32,
    at: Origin,
) -> Diagnostic {
    Diagnostic::new(
        Severity::Warning,
        "ocr.low_confidence",
        format!(
            "OCR is unsure of the cell in row {} column {} of a table on page {number} (confidence {confidence}%): check it against the image",
            region.r0 + 1,
            region.c0 + 1
        ),
    )
    .with_raw(text)
    .with_at(at)
}

/// Tesseract's Chinese model spaces every character: drop spaces unless
/// both neighbours are Latin letters or digits.
pub fn close_cjk_gaps(text: &str) -> String {
    let chars: Vec<char> = text.trim().chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        if c == ' ' {
            let before = out.chars().last();
            let after = chars.iter().skip(i + 1).find(|c| **c != ' ');
            let latin = |c: Option<&char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
            if latin(before.as_ref()) && latin(after) && !out.ends_with(' ') {
                out.push(' ');
            }
            continue;
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{close_cjk_gaps, join_lines};

    #[test]
    fn full_lines_continue() {
        let text = "一、总体情况\n2023年，某某区坚持以人民为中心的发展思想，认真贯彻\n落实条例，扎实推进公开。\n全年公开。";
        assert_eq!(
            join_lines(text),
            vec![
                "一、总体情况",
                "2023年，某某区坚持以人民为中心的发展思想，认真贯彻落实条例，扎实推进公开。",
                "全年公开。"
            ]
        );
    }

    #[test]
    fn spaces_between_chinese_go() {
        assert_eq!(close_cjk_gaps("某 某 市 2023 年"), "某某市2023年");
        assert_eq!(close_cjk_gaps("PDF  file"), "PDF file");
    }
}
