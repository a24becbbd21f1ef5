//! One table cell to text: digits alone for numbers, Chinese for labels,
//! and the surer of the two readings when a cell could be either.

use crate::crop::{black_and_white, crop_cell_ink, enlarge, MARGIN};
use crate::decode::Page;
use crate::page::{close_cjk_gaps, Engines, Scale, LOW_CONFIDENCE};
use crate::raster::Ink;
use crate::tess::Segmentation;

/// Characters a numeric cell may hold.
const DIGITS: &str = "0123456789.+-";
/// What a Chinese model reads digits as, besides digits: a cell of these
/// alone is numeric (了 is a 7 in a grainy scan, L a 1 beside another 1).
const DIGIT_LOOKALIKES: &str = "0123456789.+-OoIiLl|!〇丨工十一了。,， ";
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

/// A cell's reading.
pub struct CellReading {
    /// What was read.
    pub text: String,
    /// The engine's mean confidence, 0–100.
    pub confidence: i32,
    /// Read as a number by the digits engine, surely.
    pub sure_number: bool,
}

/// A cell's text and confidence; `None` for a cell without ink. With
/// `digits_first` (a column of numbers so far) the digits engine reads it
/// first, and a sure number is taken without the Chinese pass.
pub fn cell_text(
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

#[cfg(test)]
mod tests {
    use super::looks_numeric;

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
}
