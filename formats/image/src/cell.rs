//! One table cell to text: digits alone for numbers, Chinese for labels,
//! and the surer of the two readings when a cell could be either.

use crate::crop::{black_and_white, crop_cell_ink, enlarge, widen, MARGIN};
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
/// How much wider than it is a number's crop is read by the digits engine,
/// in turn: condensed digits that touch (`112` with its feet run
/// together) read with a `1` lost or doubled as they are, and right once
/// widened; a lone digit widened may read as nothing. Two readings that
/// agree are taken; when they differ, the third decides.
const DIGIT_WIDENINGS: [f32; 3] = [1.0, 1.3, 1.5];
/// Ink at least this much wider than tall is more than one glyph (a
/// digit is about 0.6 of its height wide; two condensed `1`s touching are
/// wider than 0.8).
const ONE_GLYPH_ASPECT: f32 = 0.8;
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
        let (text, confidence) = read_number(engines, &crop, dpi, Segmentation::Line, 1);
        (text.replace('\n', ""), confidence)
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
    // A number wrapped over lines (`11` above `6`): the Chinese model
    // loses or doubles its 1s there as on one line; the digits engine
    // reads it as a block, widened as on one line.
    let lines = text.lines().count();
    if lines > 1 && text.lines().all(looks_numeric) && text.chars().any(|c| c.is_ascii_digit()) {
        let (digit_text, confidence) = read_number(engines, &crop, dpi, Segmentation::Block, lines);
        let confidence = wrapped_confidence(&digit_text, lines, confidence);
        if !digit_text.is_empty() {
            return Some(number(&digit_text.replace('\n', ""), confidence));
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

/// A number's crop read by the digits engine as it is and widened, until
/// two readings agree (see [`vote`]).
/// `lines` is how many lines the number is wrapped over; the reading keeps
/// its line breaks.
fn read_number(
    engines: &mut Engines,
    crop: &Page,
    dpi: u32,
    mode: Segmentation,
    lines: usize,
) -> (String, i32) {
    engines.digits.whitelist(Some(DIGITS));
    // A lone digit widened reads as nothing or as another digit (a wide 0
    // as 4): only ink wider than one glyph is read more than once.
    let ink_width = crop.width.saturating_sub(2 * MARGIN) as f32;
    let ink_height = (crop.height.saturating_sub(2 * MARGIN) / lines.max(1)).max(1) as f32;
    let widenings = if ink_width >= ink_height * ONE_GLYPH_ASPECT {
        &DIGIT_WIDENINGS[..]
    } else {
        &DIGIT_WIDENINGS[..1]
    };
    let mut readings: Vec<(String, i32)> = Vec::with_capacity(widenings.len());
    for &factor in widenings {
        let widened;
        let image = if factor == 1.0 {
            crop
        } else {
            widened = widen(crop, factor);
            &widened
        };
        let read = engines
            .digits
            .read(&image.pixels, image.width, image.height, dpi, mode);
        // Its lines, kept apart for a wrapped number's caller.
        let text = read
            .text
            .lines()
            .map(|l| l.chars().filter(|c| !c.is_whitespace()).collect::<String>())
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join("\n");
        readings.push((text, read.confidence));
        if let [(first, _), (second, _)] = readings.as_slice() {
            if first == second {
                break;
            }
        }
    }
    match readings.as_slice() {
        [one] => one.clone(),
        _ => vote(&readings),
    }
}

/// The reading at least two of `readings` give, at the lower confidence of
/// the two (empty readings beside a single digit abstain). Without one, the reading of the first widening (the surest
/// alone), or else the first non-empty one, at a confidence below
/// [`LOW_CONFIDENCE`]: the engine read the cell two ways, so it is unsure.
fn vote(readings: &[(String, i32)]) -> (String, i32) {
    let agreed = readings.iter().enumerate().find_map(|(i, (text, _))| {
        let same = readings.iter().skip(i + 1).filter(|(t, _)| t == text);
        let lowest = same.map(|(_, c)| *c).min()?;
        let own = readings.get(i).map_or(0, |(_, c)| *c);
        Some((text.clone(), own.min(lowest)))
    });
    // Two empty readings against one number: the number, unsure.
    if let Some(agreed) = agreed.filter(|(text, _)| !text.is_empty()) {
        return agreed;
    }
    // A lone glyph widened may read as nothing: one digit against empty
    // readings is that digit.
    let mut read = readings.iter().filter(|(text, _)| !text.is_empty());
    if let (Some((text, confidence)), None) = (read.next(), read.next()) {
        if text.chars().count() == 1 {
            return (text.clone(), *confidence);
        }
    }
    let fallback = readings
        .get(1)
        .filter(|(text, _)| !text.is_empty())
        .or_else(|| readings.iter().find(|(text, _)| !text.is_empty()));
    match fallback {
        Some((text, confidence)) => (text.clone(), (*confidence).min(LOW_CONFIDENCE - 1)),
        None => (String::new(), 0),
    }
}

/// The confidence of a wrapped number's digits reading: a line the digits
/// engine did not see (a lone 0 below 59) is a digit lost, so unsure.
fn wrapped_confidence(digits: &str, lines: usize, confidence: i32) -> i32 {
    if digits.lines().count() == lines {
        confidence
    } else {
        confidence.min(LOW_CONFIDENCE - 1)
    }
}

/// Whether a one-line reading of the Chinese model is digits misread.
fn looks_numeric(text: &str) -> bool {
    text.chars().all(|c| DIGIT_LOOKALIKES.contains(c))
}

/// Digits with at most one decimal point: what a numeric cell holds.
pub fn is_number(text: &str) -> bool {
    !text.is_empty()
        && text.chars().filter(|&c| c == '.').count() <= 1
        && text.chars().all(|c| c.is_ascii_digit() || c == '.')
        && text.chars().any(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::{looks_numeric, vote, wrapped_confidence};
    use crate::page::LOW_CONFIDENCE;

    /// The sweep's fax of `break-wrapped-numbers`: 590 wrapped as 59 over
    /// 0 read as 59 by the digits engine, surely.
    #[test]
    fn a_wrapped_number_missing_a_line_is_unsure() {
        assert!(wrapped_confidence("59", 2, 95) < LOW_CONFIDENCE);
        assert_eq!(wrapped_confidence("11\n6", 2, 95), 95);
    }

    fn reading(pairs: &[(&str, i32)]) -> Vec<(String, i32)> {
        pairs.iter().map(|(t, c)| (t.to_string(), *c)).collect()
    }

    /// The sweep's fax of `rules-double`: 112 with its feet run together
    /// reads as 12 (confidence 85) as it is and as 112 widened; 121 reads
    /// three ways; a lone 0 widened reads as nothing.
    #[test]
    fn two_readings_that_agree_win_and_none_is_unsure() {
        let (text, confidence) = vote(&reading(&[("12", 85), ("112", 90), ("112", 88)]));
        assert_eq!((text.as_str(), confidence), ("112", 88));
        let (text, confidence) = vote(&reading(&[("121", 96), ("1271", 70), ("171", 60)]));
        assert_eq!(text, "1271");
        assert!(confidence < LOW_CONFIDENCE);
        let (text, confidence) = vote(&reading(&[("7", 90), ("", 0), ("127", 95)]));
        assert_eq!(text, "7");
        assert!(confidence < LOW_CONFIDENCE);
        assert_eq!(
            vote(&reading(&[("0", 95), ("", 0), ("", 0)])),
            ("0".into(), 95)
        );
        assert_eq!(vote(&reading(&[("", 0), ("", 0)])), (String::new(), 0));
    }

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
