//! Lines of text from positioned glyphs: glyphs grouped by baseline, sorted
//! left to right, with spaces where the gaps are; and joining the text of two
//! lines of one paragraph or cell.

use crate::backend::Glyph;
use crate::geometry::{CJK_SPACE, LATIN_SPACE, MIN_SIZE, OVERPRINT, SAME_BASELINE};

/// A line of text: glyphs on one baseline, left to right.
#[derive(Debug, Clone)]
pub struct Line {
    /// The text with spaces where the gaps are.
    pub text: String,
    /// Left edge.
    pub x0: f32,
    /// Right edge.
    pub x1: f32,
    /// Baseline (from the top).
    pub y: f32,
    /// Typical glyph size.
    pub size: f32,
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x2E80..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF)
}

/// Group glyphs into lines (by baseline), each sorted left to right.
pub fn lines(glyphs: &[&Glyph]) -> Vec<Line> {
    line_groups(glyphs)
        .into_iter()
        .filter_map(make_line)
        .collect()
}

/// Group glyphs by baseline, top to bottom (each group in no particular order).
pub fn line_groups<'g>(glyphs: &[&'g Glyph]) -> Vec<Vec<&'g Glyph>> {
    let mut sorted: Vec<&Glyph> = glyphs.to_vec();
    sorted.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    let mut groups: Vec<Vec<&Glyph>> = Vec::new();
    for g in sorted {
        match groups.last_mut() {
            Some(line)
                if line.first().is_some_and(|f| {
                    (g.y - f.y).abs() <= SAME_BASELINE * f.size.max(g.size).max(MIN_SIZE)
                }) =>
            {
                line.push(g)
            }
            _ => groups.push(vec![g]),
        }
    }
    groups
}

/// One line from its glyphs: sorted left to right, spaces where the gaps are.
pub fn make_line(mut glyphs: Vec<&Glyph>) -> Option<Line> {
    glyphs.sort_by(|a, b| a.x.total_cmp(&b.x));
    let mut text = String::new();
    let mut prev: Option<&Glyph> = None;
    let (mut x0, mut x1) = (f32::MAX, f32::MIN);
    let mut sizes: Vec<f32> = Vec::new();
    let mut ys: Vec<f32> = Vec::new();
    for g in glyphs {
        if g.text.trim().is_empty() {
            if !text.is_empty() && !text.ends_with(' ') {
                text.push(' ');
            }
            continue;
        }
        if let Some(p) = prev {
            // A glyph drawn twice at almost the same place (fake bold): keep one.
            if p.text == g.text && (g.x - p.x).abs() < OVERPRINT * g.width.max(MIN_SIZE) {
                continue;
            }
            let gap = g.x - (p.x + p.width);
            let size = g.size.max(p.size).max(MIN_SIZE);
            let cjk = text.chars().last().is_some_and(is_cjk)
                || g.text.chars().next().is_some_and(is_cjk);
            let threshold = if cjk {
                CJK_SPACE * size
            } else {
                LATIN_SPACE * size
            };
            if gap > threshold && !text.ends_with(' ') {
                text.push(' ');
            }
        }
        text.push_str(&g.text);
        x0 = x0.min(g.x);
        x1 = x1.max(g.x + g.width);
        sizes.push(g.size);
        ys.push(g.y);
        prev = Some(g);
    }
    let text = text.trim().to_string();
    if text.is_empty() {
        return None;
    }
    sizes.sort_by(f32::total_cmp);
    ys.sort_by(f32::total_cmp);
    Some(Line {
        text,
        x0,
        x1,
        y: ys.get(ys.len() / 2).copied().unwrap_or(0.0),
        size: sizes.get(sizes.len() / 2).copied().unwrap_or(0.0),
    })
}

/// Join two lines of one paragraph: no space between CJK, one between Latin words.
pub fn join(out: &mut String, next: &str) {
    let last = out.chars().last();
    let first = next.chars().next();
    if let (Some(a), Some(b)) = (last, first) {
        if a.is_ascii_alphanumeric() && b.is_ascii_alphanumeric()
            || a.is_ascii_punctuation()
                && matches!(a, ',' | '.' | ';' | ':')
                && b.is_ascii_alphanumeric()
        {
            out.push(' ');
        }
    }
    out.push_str(next);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins() {
        let mut s = String::from("政府信息");
        join(&mut s, "公开");
        assert_eq!(s, "政府信息公开");
        let mut s = String::from("open");
        join(&mut s, "data");
        assert_eq!(s, "open data");
    }
}
