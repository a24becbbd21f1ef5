//! Paragraphs from the lines of text outside tables: the body's margins over
//! the whole document, and where one paragraph ends and the next begins.

use crate::geometry::{MIN_SIZE, SAME_BASELINE};
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
/// paragraph's text, its first line and its last line. A line goes on the
/// paragraph whose last line is nearest above it and overlaps it across
/// (of two on one row, the one starting nearest its left edge), so that a
/// side column's lines and the main column's beside them stay apart.
pub fn paragraphs(lines: &[Line], left: f32, right: f32) -> Vec<(String, &Line, &Line)> {
    let mut pitches: Vec<f32> = lines
        .windows(2)
        .filter_map(|w| match w {
            [a, b] => Some(b.y - a.y)
                .filter(|p| *p > SAME_BASELINE * a.size.max(1.0) && *p < 3.0 * a.size.max(1.0)),
            _ => None,
        })
        .collect();
    pitches.sort_by(f32::total_cmp);
    let pitch = pitches.get(pitches.len() / 2).copied();
    let mut out: Vec<(String, &Line, &Line)> = Vec::new();
    // The paragraphs a line may still go on: not too far above, the latest
    // few (columns side by side).
    let mut open: Vec<usize> = Vec::new();
    let too_far =
        |p: &Line, line: &Line| line.y - p.y > pitch.unwrap_or(1.5 * p.size.max(1.0)) * 1.35 + 1.0;
    for line in lines {
        open.retain(|&i| out.get(i).is_some_and(|(_, _, p)| !too_far(p, line)));
        let goes_on = above(&out, &open, line).filter(|&i| {
            out.get(i).is_some_and(|(_, _, p)| {
                let size = p.size.max(1.0);
                !(too_far(p, line)
                    || (line.size - p.size).abs() > 0.15 * size
                    || line.x0 > left + 0.9 * size
                    || ends_short(p, right))
            })
        });
        match goes_on.and_then(|i| out.get_mut(i)) {
            Some((text, _, last)) => {
                join(text, &line.text);
                *last = line;
            }
            None => {
                out.push((line.text.clone(), line, line));
                open.push(out.len() - 1);
                if open.len() > OPEN_COLUMNS {
                    open.remove(0);
                }
            }
        }
    }
    out
}

/// At most this many paragraphs side by side are open for the next line to
/// go on: a page has a few columns, and each line looks at these alone.
const OPEN_COLUMNS: usize = 8;

/// The paragraph `line` may go on: the one whose last line is nearest above
/// it and overlaps it across; of those on one row, the one whose last line
/// starts nearest `line`'s left edge.
fn above(paragraphs: &[(String, &Line, &Line)], open: &[usize], line: &Line) -> Option<usize> {
    let overlapping = || {
        open.iter()
            .filter_map(|&i| paragraphs.get(i).map(|p| (i, p)))
            .filter(|(_, (_, _, p))| p.y < line.y && p.x0 < line.x1 && line.x0 < p.x1)
    };
    let nearest = overlapping()
        .map(|(_, (_, _, p))| p.y)
        .fold(f32::MIN, f32::max);
    overlapping()
        .filter(|(_, (_, _, p))| nearest - p.y <= SAME_BASELINE * p.size.max(MIN_SIZE))
        .min_by(|(_, (_, _, a)), (_, (_, _, b))| {
            (a.x0 - line.x0).abs().total_cmp(&(b.x0 - line.x0).abs())
        })
        .map(|(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str, x0: f32, y: f32, size: f32) -> Line {
        let x1 = x0 + text.chars().count() as f32 * size;
        Line {
            text: text.into(),
            x0,
            x1,
            y,
            size,
            top: y - size,
        }
    }

    #[test]
    fn a_side_column_and_the_main_column_beside_it_stay_apart() {
        // Side links (x 40) beside a metadata line reaching the right margin
        // (x 555), then a prose paragraph of two full lines.
        let lines = [
            line("往年报告", 40.0, 100.0, 9.0),
            line("发布机构：某某县人民政府办公室", 420.0, 100.0, 9.0),
            line("某某县人民政府2022年", 40.0, 114.0, 9.0),
            line("政府信息公开工作年度报", 40.0, 128.0, 9.0),
            line("一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九", 40.0, 142.0, 9.0),
            line("五六七", 40.0, 156.0, 9.0),
        ];
        let texts: Vec<String> = paragraphs(&lines, 40.0, 555.0)
            .into_iter()
            .map(|(t, _, _)| t)
            .collect();
        assert_eq!(
            texts,
            [
                "往年报告",
                "发布机构：某某县人民政府办公室",
                "某某县人民政府2022年",
                "政府信息公开工作年度报",
                "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九五六七",
            ]
        );
    }
}
