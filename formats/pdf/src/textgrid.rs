//! Tables without rules: columns from the x-clusters of glyph runs on
//! consecutive lines that hold at least two separated runs, rows from the
//! baselines.

use gongkai_ir::{Cell, Origin, Row, Table};

use crate::backend::Glyph;
use crate::geometry::{
    CENTRED, MAX_PITCH, MIN_SIZE, PITCH_STEP, RUN_GAP, SAME_ROW, SAME_SIZE, TABLE_TOP,
};
use crate::lines::{join, line_groups, make_line};

/// Fewest lines with two or more runs that make a table.
const MIN_ROWS: usize = 3;
/// Most columns of a table; more bands are scattered text (a chart), not a table.
const MAX_BANDS: usize = 64;
/// Most single-run lines (wrapped cells, spanning captions) between two rows.
const MAX_SINGLE: usize = 3;

/// A table found from text positions.
#[derive(Debug, Clone)]
pub struct TextTable {
    /// The table.
    pub table: Table,
    /// Column boundaries, left to right.
    pub xs: Vec<f32>,
    /// Top edge (above the first line's glyphs).
    pub top: f32,
}

/// One line: its glyphs and its runs as ranges of `glyphs`.
struct TextLine<'g> {
    glyphs: Vec<&'g Glyph>,
    runs: Vec<(usize, usize)>,
    y: f32,
    size: f32,
}

impl TextLine<'_> {
    /// True when at least half the runs of a line of two or more are
    /// numbers alone (`12`, `3.5`, `１０`, `40%`): a row of counts. Prose
    /// whose words stand apart (a web page's `&nbsp;` runs) has runs in
    /// columns line after line too, but they are words.
    fn is_number_row(&self) -> bool {
        let numbers = self.runs.iter().filter(|&&(a, b)| {
            let glyphs = self.glyphs.get(a..b).unwrap_or_default();
            let mut chars = glyphs.iter().flat_map(|g| g.text.chars());
            let mut digits = 0;
            let numeric = chars.all(|c| {
                let digit = c.is_ascii_digit() || ('０'..='９').contains(&c);
                digits += usize::from(digit);
                digit || matches!(c, '.' | ',' | '%' | '．' | '，' | '％')
            });
            numeric && digits > 0
        });
        let numbers = numbers.count();
        self.runs.len() >= 2 && numbers >= 1 && 2 * numbers >= self.runs.len()
    }

    fn run_span(&self, (a, b): (usize, usize)) -> (f32, f32) {
        let g = self.glyphs.get(a..b).unwrap_or_default();
        let x0 = g.iter().map(|g| g.x).fold(f32::MAX, f32::min);
        let x1 = g.iter().map(|g| g.x + g.width).fold(f32::MIN, f32::max);
        (x0, x1)
    }
}

fn text_line<'g>(glyphs: Vec<&'g Glyph>) -> Option<TextLine<'g>> {
    // Blank glyphs only widen gaps; runs are made of visible glyphs.
    let glyphs: Vec<&Glyph> = glyphs
        .into_iter()
        .filter(|g| !g.text.trim().is_empty())
        .collect();
    let mut sizes: Vec<f32> = glyphs.iter().map(|g| g.size).collect();
    sizes.sort_by(f32::total_cmp);
    let size = sizes.get(sizes.len() / 2).copied()?.max(MIN_SIZE);
    let mut ys: Vec<f32> = glyphs.iter().map(|g| g.y).collect();
    ys.sort_by(f32::total_cmp);
    let y = ys.get(ys.len() / 2).copied()?;
    let mut runs = Vec::new();
    let mut start = 0;
    let mut end_x = f32::MIN;
    for (i, g) in glyphs.iter().enumerate() {
        if i > start && g.x - end_x > RUN_GAP * size {
            runs.push((start, i));
            start = i;
            end_x = f32::MIN;
        }
        end_x = end_x.max(g.x + g.width);
    }
    runs.push((start, glyphs.len()));
    Some(TextLine {
        glyphs,
        runs,
        y,
        size,
    })
}

/// Find rule-less tables among `glyphs` (those outside ruled tables); the
/// glyphs not used go back as the second value.
pub fn find<'g>(glyphs: &[&'g Glyph], page: u32) -> (Vec<TextTable>, Vec<&'g Glyph>) {
    let lines: Vec<TextLine<'g>> = line_groups(glyphs)
        .into_iter()
        .filter_map(text_line)
        .collect();
    let mut tables = Vec::new();
    let mut used = vec![false; lines.len()];
    for (start, end) in blocks(&lines) {
        let block = lines.get(start..end).unwrap_or_default();
        if let Some(t) = build(block, page) {
            tables.push(t);
            for u in used.get_mut(start..end).unwrap_or_default() {
                *u = true;
            }
        }
    }
    let rest = lines
        .into_iter()
        .zip(used)
        .filter(|(_, u)| !u)
        .flat_map(|(l, _)| l.glyphs)
        .collect();
    (tables, rest)
}

/// Candidate blocks as `start..end` line ranges: consecutive lines of one
/// glyph size, starting and ending with a multi-run line, at most
/// `MAX_SINGLE` single-run lines in a row between.
fn blocks(lines: &[TextLine<'_>]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut last_multi = 0;
    let mut multi = 0;
    let close = |start: Option<usize>, last_multi: usize, multi: usize, out: &mut Vec<_>| {
        if let Some(s) = start {
            if multi >= MIN_ROWS {
                out.push((s, last_multi + 1));
            }
        }
    };
    for (i, line) in lines.iter().enumerate() {
        let is_multi = line.runs.len() >= 2;
        if let (Some(s), Some(prev)) = (start, i.checked_sub(1).and_then(|p| lines.get(p))) {
            let reference = lines.get(s).map_or(line.size, |l| l.size);
            let apart = line.y - prev.y > MAX_PITCH * reference;
            let other_size = (line.size - reference).abs() > SAME_SIZE * reference;
            let too_many_single = i - last_multi > MAX_SINGLE;
            if apart || other_size || (!is_multi && too_many_single) {
                close(start, last_multi, multi, &mut out);
                start = None;
            }
        }
        if is_multi {
            if start.is_none() {
                start = Some(i);
                multi = 0;
            }
            last_multi = i;
            multi += 1;
        }
    }
    close(start, last_multi, multi, &mut out);
    out
}

/// Column bands from the runs of the multi-run lines: narrow runs first, a
/// run that overlaps two or more bands spans them and makes none.
fn bands(block: &[TextLine<'_>]) -> Vec<(f32, f32)> {
    let mut runs: Vec<(f32, f32)> = block
        .iter()
        .filter(|l| l.runs.len() >= 2)
        .flat_map(|l| l.runs.iter().map(|r| l.run_span(*r)))
        .collect();
    runs.sort_by(|a, b| (a.1 - a.0).total_cmp(&(b.1 - b.0)));
    let mut bands: Vec<(f32, f32)> = Vec::new();
    for (x0, x1) in runs {
        match overlapping(&bands, x0, x1).as_slice() {
            [] if bands.len() >= MAX_BANDS => return Vec::new(),
            [] => bands.push((x0, x1)),
            [i] => {
                if let Some(b) = bands.get_mut(*i) {
                    *b = (b.0.min(x0), b.1.max(x1));
                }
            }
            _ => {}
        }
    }
    bands.sort_by(|a, b| a.0.total_cmp(&b.0));
    // Bands widened into each other are one column.
    let mut out: Vec<(f32, f32)> = Vec::new();
    for b in bands {
        match out.last_mut() {
            Some(last) if b.0 < last.1 => last.1 = last.1.max(b.1),
            _ => out.push(b),
        }
    }
    out
}

/// The indices of the bands that `x0..x1` overlaps, in order.
fn overlapping(bands: &[(f32, f32)], x0: f32, x1: f32) -> Vec<usize> {
    bands
        .iter()
        .enumerate()
        .filter(|(_, b)| x0 < b.1 && x1 > b.0)
        .map(|(i, _)| i)
        .collect()
}

/// The columns a run covers: the bands it overlaps, else the nearest one.
fn columns(bands: &[(f32, f32)], x0: f32, x1: f32) -> (usize, usize) {
    let hit = overlapping(bands, x0, x1);
    match (hit.first(), hit.last()) {
        (Some(&a), Some(&b)) => (a, b + 1),
        _ => {
            let mid = (x0 + x1) / 2.0;
            let nearest = bands
                .iter()
                .enumerate()
                .min_by(|(_, a), (_, b)| {
                    let da = (mid - (a.0 + a.1) / 2.0).abs();
                    let db = (mid - (b.0 + b.1) / 2.0).abs();
                    da.total_cmp(&db)
                })
                .map_or(0, |(i, _)| i);
            (nearest, nearest + 1)
        }
    }
}

/// The usual distance between consecutive baselines (the mode, in `PITCH_STEP`s).
fn row_pitch(block: &[TextLine<'_>]) -> f32 {
    let mut counts: Vec<(i32, usize)> = Vec::new();
    for w in block.windows(2) {
        if let [a, b] = w {
            let k = ((b.y - a.y) / PITCH_STEP).round() as i32;
            match counts.iter_mut().find(|(v, _)| (*v - k).abs() <= 1) {
                Some((_, n)) => *n += 1,
                None => counts.push((k, 1)),
            }
        }
    }
    counts
        .iter()
        .max_by_key(|(v, n)| (*n, -*v))
        .map_or(0.0, |(v, _)| *v as f32 * PITCH_STEP)
}

/// A cell being assembled: columns `c0..c1`, text pieces as (line, x, text).
struct Piece {
    c0: usize,
    c1: usize,
    texts: Vec<(usize, f32, String)>,
}

fn build(block: &[TextLine<'_>], page: u32) -> Option<TextTable> {
    // A table holds a row of counts.
    if !block.iter().any(TextLine::is_number_row) {
        return None;
    }
    let bands = bands(block);
    if bands.len() < 2 {
        return None;
    }
    // Boundaries halfway between bands.
    let mut xs = vec![bands.first()?.0];
    for w in bands.windows(2) {
        if let [a, b] = w {
            xs.push((a.1 + b.0) / 2.0);
        }
    }
    xs.push(bands.last()?.1);
    let ncols = bands.len();
    // Rows: runs of lines closer than the usual pitch.
    let pitch = row_pitch(block);
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for (i, line) in block.iter().enumerate() {
        let near = i
            .checked_sub(1)
            .and_then(|p| block.get(p))
            .is_some_and(|prev| line.y - prev.y < SAME_ROW * pitch);
        match groups.last_mut() {
            Some(g) if near => g.push(i),
            _ => groups.push(vec![i]),
        }
    }
    let mut rows = Vec::with_capacity(groups.len());
    for group in groups {
        let mut items: Vec<(usize, usize, usize, f32, String)> = Vec::new();
        for &li in &group {
            let Some(line) = block.get(li) else { continue };
            for &(a, b) in &line.runs {
                let (x0, x1) = line.run_span((a, b));
                let (c0, c1) = columns(&bands, x0, x1);
                let glyphs = line.glyphs.get(a..b).unwrap_or_default().to_vec();
                if let Some(l) = make_line(glyphs) {
                    items.push((c0, c1, li, x0, l.text));
                }
            }
        }
        items.sort_by(|a, b| a.0.cmp(&b.0).then(a.2.cmp(&b.2)));
        let mut pieces: Vec<Piece> = Vec::new();
        for (c0, c1, li, x0, text) in items {
            match pieces.last_mut() {
                Some(p) if c0 < p.c1 => {
                    p.c1 = p.c1.max(c1);
                    p.texts.push((li, x0, text));
                }
                _ => pieces.push(Piece {
                    c0,
                    c1,
                    texts: vec![(li, x0, text)],
                }),
            }
        }
        let first = group.first().and_then(|&i| block.get(i))?;
        let y = first.y - first.size;
        widen_last(&mut pieces, &xs, ncols);
        let at = |c: usize| Origin::Page {
            page,
            x: xs.get(c).copied().unwrap_or(0.0),
            y,
        };
        let mut out: Vec<Cell> = Vec::with_capacity(ncols);
        let mut col = 0;
        for mut p in pieces {
            // Blank positions stay as empty cells.
            for c in col..p.c0 {
                out.push(Cell::new(c, String::new(), at(c)));
            }
            p.texts
                .sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
            let mut text = String::new();
            let mut prev_line = None;
            for (li, _, t) in &p.texts {
                if prev_line == Some(*li) {
                    text.push(' ');
                    text.push_str(t);
                } else {
                    join(&mut text, t);
                }
                prev_line = Some(*li);
            }
            out.push(Cell::new(p.c0, text, at(p.c0)).with_span(1, p.c1 - p.c0));
            col = p.c1;
        }
        for c in col..ncols {
            out.push(Cell::new(c, String::new(), at(c)));
        }
        rows.push(Row {
            cells: out,
            at: Origin::Page {
                page,
                x: xs.first().copied().unwrap_or(0.0),
                y,
            },
        });
    }
    let first = block.first()?;
    let top = first.y - first.size * TABLE_TOP;
    Some(TextTable {
        table: Table {
            rows,
            at: Origin::Page {
                page,
                x: xs.first().copied().unwrap_or(0.0),
                y: top,
            },
        },
        xs,
        top,
    })
}

/// The last cell of a row with at most two cells, centred over the empty
/// columns around it up to the table's right edge, spans them: a value under
/// a merged header (行政许可 | 9487 over three columns), a caption row.
fn widen_last(pieces: &mut [Piece], xs: &[f32], ncols: usize) {
    if pieces.len() > 2 {
        return;
    }
    let prev_end = match pieces {
        [a, _] => a.c1,
        _ => 0,
    };
    let Some(last) = pieces.last_mut() else {
        return;
    };
    let right = ncols - last.c1;
    let left = last.c0 - prev_end;
    if right == 0 || left < right {
        return;
    }
    let at = |i: usize| xs.get(i).copied().unwrap_or(0.0);
    let own = (at(last.c0) + at(last.c1)) / 2.0;
    let (c0, c1) = (last.c0 - right, ncols);
    let wide = (at(c0) + at(c1)) / 2.0;
    // Centred: the text's centre is the wide span's.
    if (own - wide).abs() <= CENTRED * (at(last.c1) - at(last.c0)) {
        last.c0 = c0;
        last.c1 = c1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyphs(text: &str, x: f32, y: f32) -> Vec<Glyph> {
        text.chars()
            .enumerate()
            .map(|(i, c)| Glyph {
                text: c.to_string(),
                x: x + i as f32 * 10.0,
                y,
                width: 10.0,
                size: 10.0,
            })
            .collect()
    }

    #[test]
    fn columns_from_runs_and_blank_cells() {
        let mut all = glyphs("正文一段文字", 0.0, 10.0);
        for (r, (label, a, b)) in [
            ("规章", "2", "1"),
            ("规范性文件", "", "4"),
            ("合计", "2", "5"),
        ]
        .iter()
        .enumerate()
        {
            let y = 40.0 + r as f32 * 16.0;
            all.extend(glyphs(label, 0.0, y));
            all.extend(glyphs(a, 100.0, y));
            all.extend(glyphs(b, 150.0, y));
        }
        let refs: Vec<&Glyph> = all.iter().collect();
        let (tables, rest) = find(&refs, 1);
        assert_eq!(rest.len(), 6, "the paragraph stays text");
        let [t] = tables.as_slice() else {
            panic!("{tables:?}")
        };
        let rows: Vec<Vec<&str>> = t
            .table
            .rows
            .iter()
            .map(|r| r.cells.iter().map(|c| c.text.as_str()).collect())
            .collect();
        assert_eq!(
            rows,
            [
                vec!["规章", "2", "1"],
                vec!["规范性文件", "", "4"],
                vec!["合计", "2", "5"]
            ]
        );
    }

    #[test]
    fn prose_is_not_a_table() {
        let mut all = Vec::new();
        for r in 0..5 {
            all.extend(glyphs("政府信息公开工作取得明显成效", 0.0, r as f32 * 16.0));
        }
        let refs: Vec<&Glyph> = all.iter().collect();
        assert!(find(&refs, 1).0.is_empty());
    }

    #[test]
    fn prose_with_words_apart_is_not_a_table() {
        // Two characters a word, a character's width between words: runs
        // in columns on every line, and no number among them.
        let text = "政府信息公开工作取得明显成效进一步提高";
        let words: Vec<String> = text
            .chars()
            .collect::<Vec<_>>()
            .chunks(2)
            .map(|w| w.iter().collect())
            .collect();
        let mut all = Vec::new();
        for r in 0..5 {
            for (i, w) in words.iter().enumerate() {
                all.extend(glyphs(w, i as f32 * 30.0, r as f32 * 16.0));
            }
        }
        let refs: Vec<&Glyph> = all.iter().collect();
        let (tables, rest) = find(&refs, 1);
        assert!(tables.is_empty(), "{tables:?}");
        assert_eq!(rest.len(), all.len());
    }
}
