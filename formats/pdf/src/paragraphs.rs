//! Paragraphs from the lines of text outside tables: the body's margins over
//! the whole document, and where one paragraph ends and the next begins.

use crate::lines::{join, Line};

/// The body text's margins over the whole document: most body lines start
/// at the left one and full lines end near the right one.
pub fn margins(page_lines: &[Vec<Line>]) -> Option<(f32, f32)> {
    let mut x0s: Vec<f32> = Vec::new();
    let mut x1s: Vec<f32> = Vec::new();
    for l in page_lines
        .iter()
        .flatten()
        .filter(|l| l.text.chars().count() >= 8)
    {
        x0s.push(l.x0);
        x1s.push(l.x1);
    }
    x0s.sort_by(f32::total_cmp);
    x1s.sort_by(f32::total_cmp);
    match (x0s.get(x0s.len() / 10), x1s.get(x1s.len() * 9 / 10)) {
        (Some(&l), Some(&r)) if r > l => Some((l, r)),
        _ => None,
    }
}

/// A line ending this many glyph sizes short of the right margin ends its
/// paragraph (a heading, a paragraph's last line).
const SHORT_LINE: f32 = 2.0;

/// Does `line` end short of the `right` margin, so that its paragraph ends
/// with it?
pub fn ends_short(line: &Line, right: f32) -> bool {
    line.x1 < right - SHORT_LINE * line.size.max(1.0)
}

/// Split lines into paragraphs between `left` and `right` margins: each
/// paragraph's text, its first line and its last line.
pub fn paragraphs(lines: &[Line], left: f32, right: f32) -> Vec<(String, &Line, &Line)> {
    let mut pitches: Vec<f32> = lines
        .windows(2)
        .filter_map(|w| match w {
            [a, b] => Some(b.y - a.y).filter(|p| *p > 0.0 && *p < 3.0 * a.size.max(1.0)),
            _ => None,
        })
        .collect();
    pitches.sort_by(f32::total_cmp);
    let pitch = pitches.get(pitches.len() / 2).copied();
    let mut out: Vec<(String, &Line, &Line)> = Vec::new();
    let mut prev: Option<&Line> = None;
    for line in lines {
        let new = match prev {
            None => true,
            Some(p) => {
                let size = p.size.max(1.0);
                let gap = line.y - p.y;
                let typical = pitch.unwrap_or(1.5 * size);
                gap > typical * 1.35 + 1.0
                    || gap < 0.0
                    || (line.size - p.size).abs() > 0.15 * size
                    || line.x0 > left + 0.9 * size
                    || ends_short(p, right)
            }
        };
        if new {
            out.push((line.text.clone(), line, line));
        } else if let Some((text, _, last)) = out.last_mut() {
            join(text, &line.text);
            *last = line;
        }
        prev = Some(line);
    }
    out
}
