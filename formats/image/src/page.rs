//! One page image to blocks: straighten it, find its ruled tables, read
//! each cell (digits alone for numbers, Chinese for labels) and the text
//! between the tables as paragraphs.

use crate::decode::Page;
use crate::lattice::{self, Grid, Region};
use crate::raster::{self, Ink};
use crate::tess::{Engine, Segmentation};
use gongkai_ir::{
    Block, Cell, Diagnostic, Limits, Origin, Paragraph, Placement, ReadError, Row, Severity, Table,
};

/// Below this mean confidence (0–100) an OCR'd cell is a warning.
pub const LOW_CONFIDENCE: i32 = 80;
/// Characters a numeric cell may hold.
const DIGITS: &str = "0123456789.+-";
/// What a Chinese model reads digits as, besides digits: a cell of these
/// alone is numeric (了 is a 7 in a grainy scan, L a 1 beside another 1).
const DIGIT_LOOKALIKES: &str = "0123456789.+-OoIiLl|!〇丨工十一了。,， ";
/// White margin around a cell's ink given to the engine, in pixels.
const MARGIN: usize = 12;
/// Fewer dark pixels than this inside a cell is speckle, not text.
const MIN_INK: usize = 8;
/// The resolution cells are enlarged to before Tesseract reads them.
const ENGINE_DPI: u32 = 300;
/// The digits engine's confidence above which a reading of digits alone is
/// taken as the cell's number without the Chinese pass (well above
/// [`LOW_CONFIDENCE`], so that a number taken so is never a flagged one).
const SURE_NUMBER: i32 = 90;
/// A reading of at most this many characters on one line may be a number misread.
const SHORT_READING: usize = 3;
/// What of a cell's border is cut off before its ink is looked for, in
/// points: a rule's thickness (glyphs may come this close to a border).
const RULE_INSET_POINTS: f32 = 1.0;
/// A straight run of ink longer than this, in points, across most of a
/// cell is a piece of a rule, not a glyph's stroke (a 12-point glyph's
/// longest stroke is shorter).
const LONGEST_STROKE_POINTS: f32 = 12.0;
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
struct Scale {
    dpi: u32,
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
        }
    }

    /// The image's pixel `(x, y)` on page `number`.
    fn origin(&self, number: u32, x: f32, y: f32) -> Origin {
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
    let scale = Scale::of(page, at);
    let threshold = raster::otsu(page);
    let skew = raster::skew_degrees(&Ink::of(page, threshold), scale.min_rule);
    let page = raster::straighten(page, skew);
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
    let ink = Ink::of(&page, threshold);
    // A hairline, or a 1-bit rule once straightened, is grey rather than
    // black: rules are looked for halfway between Otsu's level and paper.
    // Only long runs count as rules, so text and grain stay out.
    let rule_ink = Ink::of(&page, threshold / 2 + 128);
    let horizontal = lattice::rules(&rule_ink, true, scale.min_rule, 2);
    let vertical = lattice::rules(&rule_ink, false, scale.min_rule, 2);
    let grids =
        lattice::grids(horizontal, vertical, scale.snap, limits.max_cells).map_err(|e| {
            limits.exceeded(
                gongkai_ir::Limit::Cells,
                gongkai_ir::Oversize::TableOnPage {
                    cells: e.count() as u64,
                    page: number,
                },
            )
        })?;
    // Big title glyphs draw rules too: a table is wider than an inch,
    // taller than a line, and holds some ink.
    let grids: Vec<Grid> = grids
        .into_iter()
        .filter(|g| {
            let (left, right) = (
                g.xs.first().copied().unwrap_or(0.0),
                g.xs.last().copied().unwrap_or(0.0),
            );
            let (_, top, _, bottom) = g.bbox();
            right - left >= scale.dpi as f32 && bottom - top >= scale.dpi as f32 * 18.0 / 72.0
        })
        .collect();
    let mut blocks = Vec::new();
    let mut top = 0.0f32;
    for grid in &grids {
        let Some(table) = table(number, &page, &ink, &scale, grid, engines, notes)? else {
            continue;
        };
        let (_, grid_top, _, grid_bottom) = grid.bbox();
        if !tables_only {
            blocks.extend(paragraphs(
                number, &page, &ink, &scale, top, grid_top, engines,
            )?);
        }
        blocks.push(Block::Table(table));
        top = grid_bottom;
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

fn low_confidence(
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

/// A cell's reading.
struct CellReading {
    text: String,
    confidence: i32,
    /// Read as a number by the digits engine, surely.
    sure_number: bool,
}

/// A cell's text and confidence; `None` for a cell without ink. With
/// `digits_first` (a column of numbers so far) the digits engine reads it
/// first, and a sure number is taken without the Chinese pass.
fn cell_text(
    page: &Page,
    ink: &Ink,
    scale: &Scale,
    (x0, y0, x1, y1): (f32, f32, f32, f32),
    engines: &mut Engines,
    digits_first: bool,
) -> Option<CellReading> {
    // Inside the rules: a rule's thickness. Glyphs may come closer than
    // that to a border (a left-aligned number in a browser's print): what
    // of the rules is left inside is taken out as rule pieces.
    let inset = (scale.dpi as f32 * RULE_INSET_POINTS / 72.0).max(2.0);
    let bounds = (
        (x0 + inset) as usize,
        (y0 + inset) as usize,
        (x1 - inset).max(0.0) as usize,
        (y1 - inset).max(0.0) as usize,
    );
    let crop = crop_cell_ink(page, ink, scale, bounds)?;
    // One line of text is at most ~18 points high.
    let one_line = (crop.height - 2 * MARGIN) as f32 <= scale.dpi as f32 * 18.0 / 72.0;
    // Tesseract reads glyphs best about 30 pixels high: a scan under
    // ENGINE_DPI is enlarged to it, cell by cell.
    let (crop, dpi) = if scale.dpi < ENGINE_DPI {
        (
            enlarge(&crop, ENGINE_DPI as f32 / scale.dpi as f32),
            ENGINE_DPI,
        )
    } else {
        (crop, scale.dpi)
    };
    let read_digits = |engines: &mut Engines| {
        engines.digits.whitelist(Some(DIGITS));
        let digits = engines.digits.read(
            &crop.pixels,
            crop.width,
            crop.height,
            dpi,
            Segmentation::Line,
        );
        let text: String = digits.text.chars().filter(|c| !c.is_whitespace()).collect();
        (text, digits.confidence)
    };
    let number = |text: &str, confidence: i32| CellReading {
        sure_number: confidence >= SURE_NUMBER && is_number(text),
        text: text.to_string(),
        confidence,
    };
    // The digits engine's reading, kept for the test below when not sure.
    let mut digits = None;
    if digits_first && one_line {
        let (text, confidence) = read_digits(engines);
        if confidence >= SURE_NUMBER && is_number(&text) {
            return Some(number(&text, confidence));
        }
        digits = Some((text, confidence));
    }
    let mode = if one_line {
        Segmentation::Line
    } else {
        Segmentation::Block
    };
    engines.chinese.whitelist(None);
    let chinese = engines
        .chinese
        .read(&crop.pixels, crop.width, crop.height, dpi, mode);
    let text = close_cjk_gaps(&chinese.text);
    let numeric = one_line && looks_numeric(&text);
    // A short number in a noisy scan can read as a Chinese character (2 as
    // 所): a short one-line reading is tried as digits too, and the more
    // confident reading wins.
    let short = one_line && text.chars().count() <= SHORT_READING;
    if numeric || short {
        let (digit_text, confidence) = match digits {
            Some(read) => read,
            None => read_digits(engines),
        };
        if !digit_text.is_empty() && (numeric || confidence > chinese.confidence) {
            return Some(number(&digit_text, confidence));
        }
    }
    let reading = |text: String, confidence: i32| CellReading {
        text,
        confidence,
        sure_number: false,
    };
    if chinese.confidence < LOW_CONFIDENCE {
        // JPEG ringing and grain around glyphs: read the unsure cell again
        // in pure black and white, and keep the surer reading.
        let clean = black_and_white(&crop);
        let again = engines
            .chinese
            .read(&clean.pixels, clean.width, clean.height, dpi, mode);
        if again.confidence > chinese.confidence {
            return Some(reading(close_cjk_gaps(&again.text), again.confidence));
        }
    }
    Some(reading(text, chinese.confidence))
}

/// Whether a one-line reading of the Chinese model is digits misread.
fn looks_numeric(text: &str) -> bool {
    text.chars().all(|c| DIGIT_LOOKALIKES.contains(c))
}

/// Digits with at most one decimal point: what a numeric cell holds.
fn is_number(text: &str) -> bool {
    !text.is_empty()
        && text.chars().filter(|&c| c == '.').count() <= 1
        && text.chars().all(|c| c.is_ascii_digit() || c == '.')
        && text.chars().any(|c| c.is_ascii_digit())
}

/// The page cut to black and white at its own Otsu level.
fn black_and_white(page: &Page) -> Page {
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
fn enlarge(page: &Page, factor: f32) -> Page {
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
fn crop_cell_ink(
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
fn crop_ink(
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
    use super::{close_cjk_gaps, join_lines, looks_numeric};

    /// The Chinese model's readings of 7, 111 and 117 in the sweep's
    /// scans are numbers misread; a blank marker and a label are not.
    #[test]
    fn digits_misread_as_chinese_look_numeric() {
        for misread in ["了", "L1", "1LL7", "1了"] {
            assert!(looks_numeric(misread), "{misread}");
        }
        for text in ["/", "无", "总计", "了解"] {
            assert!(!looks_numeric(text), "{text}");
        }
    }

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
