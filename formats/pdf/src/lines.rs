//! Lines of text from positioned glyphs: glyphs grouped by baseline, sorted
//! left to right, with spaces where the gaps are (free text cut where a wide
//! gap parts two columns); and joining the text of two lines of one
//! paragraph or cell.

use crate::backend::Glyph;
use crate::geometry::{
    CJK_SPACE, COLUMN_GAP, LATIN_SPACE, MIN_SIZE, OVERPRINT, SAME_BASELINE, SAME_SIZE,
    SIZE_STEP_GAP,
};

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
    /// Top of the text row the line is on: the lines cut from one row share
    /// it, so that they keep their left-to-right order when sorted by it.
    pub top: f32,
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

/// Lines of free text (outside tables): as [`lines`], each row cut where a
/// wide gap parts two columns, left to right.
pub fn text_lines(glyphs: &[&Glyph]) -> Vec<Line> {
    let mut out = Vec::new();
    for group in line_groups(glyphs) {
        let mut row: Vec<Line> = column_runs(group)
            .into_iter()
            .filter_map(make_line)
            .collect();
        let top = row.iter().map(|l| l.top).fold(f32::MAX, f32::min);
        if row.len() > 1 {
            for l in &mut row {
                l.top = top;
            }
        }
        out.extend(row);
    }
    out
}

/// One row's glyphs cut into runs at the gaps that part two columns: wider
/// than [`COLUMN_GAP`] glyph sizes, or than [`SIZE_STEP_GAP`] where the size
/// changes, with words on both sides.
fn column_runs(mut glyphs: Vec<&Glyph>) -> Vec<Vec<&Glyph>> {
    glyphs.sort_by(|a, b| a.x.total_cmp(&b.x));
    let mut runs: Vec<Vec<&Glyph>> = Vec::new();
    let mut run: Vec<&Glyph> = Vec::new();
    let mut prev: Option<&Glyph> = None;
    for g in glyphs {
        if g.text.trim().is_empty() {
            run.push(g);
            continue;
        }
        if let Some(p) = prev {
            let gap = g.x - (p.x + p.width);
            let (small, large) = (p.size.min(g.size), p.size.max(g.size));
            let large = large.max(MIN_SIZE);
            let size_step = large - small > SAME_SIZE * large;
            if gap > COLUMN_GAP * large || size_step && gap > SIZE_STEP_GAP * small.max(MIN_SIZE) {
                runs.push(std::mem::take(&mut run));
            }
        }
        run.push(g);
        prev = Some(g);
    }
    runs.push(run);
    // A label and its value stay one line (`申请数量    95`, `发布机构：
    // 某某`): only two runs of words are two columns.
    let mut out: Vec<Vec<&Glyph>> = Vec::new();
    for run in runs {
        match out.last_mut() {
            Some(left) if !(is_words(left) && is_words(&run) && !ends_with_colon(left)) => {
                left.extend(run)
            }
            _ => out.push(run),
        }
    }
    out
}

/// Does the run hold words (CJK or letters), not a number or a date alone?
fn is_words(run: &[&Glyph]) -> bool {
    run.iter()
        .flat_map(|g| g.text.chars())
        .any(|c| is_cjk(c) || c.is_alphabetic())
}

/// Does the run end with a colon, as a label before its value?
fn ends_with_colon(run: &[&Glyph]) -> bool {
    run.iter()
        .rev()
        .flat_map(|g| g.text.chars().rev())
        .find(|c| !c.is_whitespace())
        .is_some_and(|c| matches!(c, ':' | '：'))
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
    let y = ys.get(ys.len() / 2).copied().unwrap_or(0.0);
    let size = sizes.get(sizes.len() / 2).copied().unwrap_or(0.0);
    Some(Line {
        text,
        x0,
        x1,
        y,
        size,
        top: y - size,
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

    /// Each character of `text` a glyph of `size`, side by side from `x`.
    fn run(text: &str, x: f32, y: f32, size: f32) -> Vec<Glyph> {
        text.chars()
            .enumerate()
            .map(|(i, c)| Glyph {
                text: c.to_string(),
                x: x + i as f32 * size,
                y,
                width: size,
                size,
            })
            .collect()
    }

    #[test]
    fn a_side_column_beside_the_main_column_is_a_line_of_its_own() {
        // A side link (9 pt) 16 pt left of the title (16 pt), on its baseline.
        let mut glyphs = run("往年报告", 40.0, 130.0, 9.0);
        glyphs.extend(run("某某县年度报告", 92.0, 130.0, 16.0));
        // Fields of one size 5 sizes apart, then words one size apart.
        glyphs.extend(run("分类", 40.0, 160.0, 9.0));
        glyphs.extend(run("发布机构", 103.0, 160.0, 9.0));
        glyphs.extend(run("二是", 40.0, 190.0, 9.0));
        glyphs.extend(run("加强", 67.0, 190.0, 9.0));
        // A label and its value far apart stay one line.
        glyphs.extend(run("申请数量", 40.0, 220.0, 12.0));
        glyphs.extend(run("95", 200.0, 220.0, 6.0));
        glyphs.extend(run("发布机构：", 40.0, 250.0, 9.0));
        glyphs.extend(run("某某县", 200.0, 250.0, 9.0));
        let refs: Vec<&Glyph> = glyphs.iter().collect();
        let texts: Vec<String> = text_lines(&refs).into_iter().map(|l| l.text).collect();
        assert_eq!(
            texts,
            [
                "往年报告",
                "某某县年度报告",
                "分类",
                "发布机构",
                "二是 加强",
                "申请数量 95",
                "发布机构： 某某县",
            ]
        );
        // One row's parts sort together, left to right, by their shared top.
        let parts = text_lines(&refs);
        let tops: Vec<f32> = parts.iter().map(|l| l.top).collect();
        assert_eq!(tops.first(), tops.get(1));
        // In table cells the row stays one line.
        let cell = lines(&refs);
        assert_eq!(
            cell.first().map(|l| l.text.as_str()),
            Some("往年报告 某某县年度报告")
        );
    }
}
