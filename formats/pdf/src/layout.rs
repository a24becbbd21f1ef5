//! From glyphs and grids to the IR: lines, paragraphs, tables, page furniture.

use std::collections::HashMap;

use gongkai_ir::{
    Block, Cell, Diagnostic, Document, Limits, Origin, Paragraph, ReadError, Row, Table,
};

use crate::backend::{Glyph, Page};
use crate::lattice::{self, Grid};
use crate::textgrid;

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
                if line
                    .first()
                    .is_some_and(|f| (g.y - f.y).abs() <= 0.45 * f.size.max(g.size).max(1.0)) =>
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
            if p.text == g.text && (g.x - p.x).abs() < 0.3 * g.width.max(1.0) {
                continue;
            }
            let gap = g.x - (p.x + p.width);
            let size = g.size.max(p.size).max(1.0);
            let cjk = text.chars().last().is_some_and(is_cjk)
                || g.text.chars().next().is_some_and(is_cjk);
            let threshold = if cjk { 0.9 * size } else { 0.2 * size };
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
pub(crate) fn join(out: &mut String, next: &str) {
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

/// Split lines into paragraphs between `left` and `right` margins.
/// `hard_breaks`: join with `\n` where a paragraph would end (table cells).
fn paragraphs(lines: &[Line], left: f32, right: f32) -> Vec<(String, &Line)> {
    let mut pitches: Vec<f32> = lines
        .windows(2)
        .filter_map(|w| match w {
            [a, b] => Some(b.y - a.y).filter(|p| *p > 0.0 && *p < 3.0 * a.size.max(1.0)),
            _ => None,
        })
        .collect();
    pitches.sort_by(f32::total_cmp);
    let pitch = pitches.get(pitches.len() / 2).copied();
    let mut out: Vec<(String, &Line)> = Vec::new();
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
                    || p.x1 < right - 2.0 * size
            }
        };
        if new {
            out.push((line.text.clone(), line));
        } else if let Some((text, _)) = out.last_mut() {
            join(text, &line.text);
        }
        prev = Some(line);
    }
    out
}

/// A cell's text: its lines joined, with `\n` where a line ends short of the cell.
fn cell_text(lines: &[Line], x0: f32, x1: f32) -> String {
    let mut out = String::new();
    let mut prev: Option<&Line> = None;
    for line in lines {
        if let Some(p) = prev {
            let size = p.size.max(1.0);
            let full = p.x1 >= x1 - 1.8 * size || (p.x0 - x0) < 0.0;
            if full && line.y - p.y < 2.0 * size {
                join(&mut out, &line.text);
            } else {
                out.push('\n');
                out.push_str(&line.text);
            }
        } else {
            out.push_str(&line.text);
        }
        prev = Some(line);
    }
    out
}

/// Is this text a page number: `3`, `-3-`, `— 5 —`, `第 3 页`, `第3页 共5页`, `3/5`?
pub fn is_page_number(text: &str) -> bool {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let t = t.trim_matches(|c: char| matches!(c, '-' | '—' | '–' | '－' | '―' | '‐' | '─'));
    if t.is_empty() {
        return false;
    }
    let digits = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
    };
    if digits(t) {
        return t.chars().count() <= 3;
    }
    if let Some((a, b)) = t.split_once('/') {
        return digits(a) && digits(b);
    }
    let parts: Vec<&str> = t
        .split(['第', '页', '共'])
        .filter(|s| !s.is_empty())
        .collect();
    t.starts_with('第') && t.contains('页') && !parts.is_empty() && parts.iter().all(|p| digits(p))
}

/// Something placed on a page, in reading order by `y`.
enum Item {
    Para { text: String, x: f32, y: f32 },
    Table(Box<Table>, Vec<f32>),
}

/// Build the document from the pages.
pub fn build(
    pages: &[Page],
    limits: &Limits,
    diagnostics: Vec<Diagnostic>,
) -> Result<Document, ReadError> {
    // Lines outside tables, and tables, per page.
    let mut page_lines: Vec<Vec<Line>> = Vec::new();
    let mut page_tables: Vec<Vec<(f32, Vec<f32>, Table)>> = Vec::new();
    for page in pages {
        let grids =
            lattice::grids(&page.segments, limits.max_cells).map_err(|n| ReadError::Limit {
                what: format!("a table of {n} cells on page {}", page.number),
                limit: limits.max_cells.to_string(),
                flag: "--max-cells",
            })?;
        // Only grids with at least one glyph inside are tables (not frames or boxes).
        let mut per_region: Vec<Vec<Vec<&Glyph>>> = grids
            .iter()
            .map(|g| vec![Vec::new(); g.regions.len()])
            .collect();
        let mut free: Vec<&Glyph> = Vec::new();
        for g in &page.glyphs {
            let cx = g.x + g.width / 2.0;
            let cy = g.y - g.size * 0.35;
            let hit = grids
                .iter()
                .enumerate()
                .find_map(|(i, grid)| grid.region_at(cx, cy).map(|r| (i, r)));
            match hit {
                Some((i, r)) => {
                    if let Some(slot) = per_region.get_mut(i).and_then(|v| v.get_mut(r)) {
                        slot.push(g);
                    }
                }
                None => free.push(g),
            }
        }
        let mut tables = Vec::new();
        for (grid, glyphs) in grids.into_iter().zip(per_region) {
            let nonempty = glyphs.iter().filter(|v| !v.is_empty()).count();
            if nonempty == 0 || grid.regions.len() < 2 {
                free.extend(glyphs.into_iter().flatten());
                continue;
            }
            let table = to_table(&grid, &glyphs, page.number);
            tables.push((grid.bbox().1, grid.xs.clone(), table));
        }
        // Tables without rules, from the text positions of what is left.
        let (found, free) = textgrid::find(&free, page.number);
        for t in found {
            tables.push((t.top, t.xs, t.table));
        }
        tables.sort_by(|a, b| a.0.total_cmp(&b.0));
        page_lines.push(lines(&free));
        page_tables.push(tables);
    }
    drop_furniture(pages, &mut page_lines);

    // Text margins over the whole document: most body lines start at `left`
    // and full lines end near `right`.
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
    let margins = match (x0s.get(x0s.len() / 10), x1s.get(x1s.len() * 9 / 10)) {
        (Some(&l), Some(&r)) if r > l => Some((l, r)),
        _ => None,
    };
    // Per-page items, then paragraphs and tables joined across pages.
    let mut blocks: Vec<Block> = Vec::new();
    let mut last_table_xs: Option<Vec<f32>> = None;
    for (pi, page) in pages.iter().enumerate() {
        let lines = page_lines.get(pi).map(Vec::as_slice).unwrap_or_default();
        let tables = page_tables
            .get_mut(pi)
            .map(std::mem::take)
            .unwrap_or_default();
        let (left, right) = margins.unwrap_or((0.0, page.width));
        let mut items: Vec<(f32, Item)> = Vec::new();
        // Paragraphs are split at tables: lines between two table tops go apart.
        let tops: Vec<f32> = tables.iter().map(|(top, _, _)| *top).collect();
        let mut start = 0;
        for cut in tops.iter().copied().chain(std::iter::once(f32::MAX)) {
            let end = start
                + lines
                    .get(start..)
                    .unwrap_or_default()
                    .iter()
                    .take_while(|l| l.y < cut)
                    .count();
            let chunk = lines.get(start..end).unwrap_or_default();
            for (text, first) in paragraphs(chunk, left, right) {
                items.push((
                    first.y - first.size,
                    Item::Para {
                        text,
                        x: first.x0,
                        y: first.y - first.size,
                    },
                ));
            }
            start = end;
        }
        for (top, xs, table) in tables {
            items.push((top, Item::Table(Box::new(table), xs)));
        }
        items.sort_by(|a, b| a.0.total_cmp(&b.0));
        for (n, (_, item)) in items.into_iter().enumerate() {
            match item {
                Item::Para { text, x, y } => {
                    let continues = n == 0
                        && matches!(blocks.last(), Some(Block::Paragraph(p)) if !ends_paragraph(&p.text))
                        && x <= left + 1.0;
                    match blocks.last_mut() {
                        Some(Block::Paragraph(p)) if continues => join(&mut p.text, &text),
                        _ => blocks.push(Block::Paragraph(Paragraph::new(
                            text,
                            Origin::Page {
                                page: page.number,
                                x,
                                y,
                            },
                        ))),
                    }
                    last_table_xs = None;
                }
                Item::Table(table, xs) => {
                    let map = match (&last_table_xs, n) {
                        (Some(prev), 0) => column_map(prev, &xs),
                        _ => None,
                    };
                    match (blocks.last_mut(), map) {
                        (Some(Block::Table(prev)), Some(map)) => {
                            let mut table = *table;
                            remap_columns(&mut table, &map);
                            append_rows(prev, table);
                        }
                        _ => {
                            blocks.push(Block::Table(*table));
                            last_table_xs = Some(xs);
                        }
                    }
                }
            }
        }
    }
    Ok(Document {
        blocks,
        diagnostics,
    })
}

/// True when a paragraph's text ends a sentence (so the next page starts anew).
fn ends_paragraph(text: &str) -> bool {
    text.ends_with(['。', '！', '？', '：', '.', '!', '?', ':', '；'])
}

/// How a continuation's column boundaries map onto the previous table's: the
/// same outer edges and every boundary one of the previous ones.
fn column_map(prev: &[f32], next: &[f32]) -> Option<Vec<usize>> {
    let near = |a: f32, b: f32| (a - b).abs() <= 3.0;
    if !near(*prev.first()?, *next.first()?) || !near(*prev.last()?, *next.last()?) {
        return None;
    }
    next.iter()
        .map(|&x| prev.iter().position(|&p| near(p, x)))
        .collect()
}

/// Put a continuation's cells on the previous table's column grid.
fn remap_columns(table: &mut Table, map: &[usize]) {
    for row in &mut table.rows {
        for cell in &mut row.cells {
            let start = map.get(cell.col).copied().unwrap_or(cell.col);
            let end = map
                .get(cell.col + cell.col_span)
                .copied()
                .unwrap_or(start + cell.col_span);
            cell.col = start;
            cell.col_span = end.saturating_sub(start).max(1);
        }
    }
}

fn row_texts(row: &Row) -> Vec<&str> {
    row.cells.iter().map(|c| c.text.as_str()).collect()
}

/// Does `text` open a new item: `（五）`, `三、`, `1.`, `2、`, `(3)`?
fn starts_item(text: &str) -> bool {
    let t = text.trim_start();
    let mut chars = t.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    let numeral = |c: char| {
        c.is_ascii_digit() || ('０'..='９').contains(&c) || "一二三四五六七八九十".contains(c)
    };
    if matches!(first, '（' | '(') {
        return chars.next().is_some_and(numeral);
    }
    if !numeral(first) {
        return false;
    }
    let rest: String = chars.skip_while(|c| numeral(*c)).take(1).collect();
    matches!(rest.as_str(), "、" | "." | "．" | "。")
}

/// Could `text` at the top of a page be the rest of `above`, a cell cut by the
/// page break? Both hold Chinese text (values are never cut) and `text` does
/// not open a new item.
fn continues(above: &str, text: &str) -> bool {
    let cjk = |s: &str| s.chars().any(|c| matches!(c as u32, 0x4E00..=0x9FFF));
    cjk(above) && cjk(text) && !starts_item(text)
}

/// Append a continuation table's rows, dropping a repeated header row.
fn append_rows(prev: &mut Table, mut next: Table) {
    if let (Some(h), Some(first)) = (prev.rows.first(), next.rows.first()) {
        if row_texts(h) == row_texts(first) && !first.cells.iter().all(|c| c.text.is_empty()) {
            next.rows.remove(0);
        }
    }
    // Cells cut by the page break go on: a cell at the top of the
    // continuation that is empty, or holds the rest of the text of a cell
    // that reaches the bottom, extends that cell.
    let height = prev.rows.len();
    let above_of = |prev: &[Row], cell: &Cell| -> Option<(usize, usize)> {
        prev.iter().enumerate().find_map(|(r, row)| {
            row.cells
                .iter()
                .position(|c| {
                    c.col == cell.col && c.col_span == cell.col_span && r + c.row_span == height
                })
                .map(|i| (r, i))
        })
    };
    let cell_at = |prev: &[Row], (r, i): (usize, usize)| -> Option<String> {
        prev.get(r)
            .and_then(|row| row.cells.get(i))
            .map(|c| c.text.clone())
    };
    if let Some(first) = next.rows.first_mut() {
        // A row split by the page break: every cell is empty or the rest of
        // the one above, so the whole row joins the last row.
        let whole = first.cells.iter().any(|c| !c.text.is_empty())
            && first.cells.iter().all(|cell| {
                above_of(&prev.rows, cell).is_some_and(|at| {
                    cell.text.is_empty()
                        || cell_at(&prev.rows, at).is_some_and(|a| continues(&a, &cell.text))
                })
            });
        first.cells.retain(|cell| {
            let Some((r, i)) = above_of(&prev.rows, cell) else {
                return true;
            };
            let Some(above) = prev.rows.get_mut(r).and_then(|row| row.cells.get_mut(i)) else {
                return true;
            };
            let cut_label =
                (above.row_span > 1 || cell.row_span > 1) && continues(&above.text, &cell.text);
            if !(whole || cell.text.is_empty() || cut_label) {
                return true;
            }
            join(&mut above.text, &cell.text);
            above.row_span += cell.row_span - usize::from(whole);
            false
        });
        if whole && first.cells.is_empty() {
            next.rows.remove(0);
        }
    }
    prev.rows.extend(next.rows);
}

fn to_table(grid: &Grid, glyphs: &[Vec<&Glyph>], page: u32) -> Table {
    let nrows = grid.ys.len().saturating_sub(1);
    let mut rows: Vec<Row> = (0..nrows)
        .map(|r| Row {
            cells: Vec::new(),
            at: Origin::Page {
                page,
                x: grid.xs.first().copied().unwrap_or(0.0),
                y: grid.ys.get(r).copied().unwrap_or(0.0),
            },
        })
        .collect();
    for (i, region) in grid.regions.iter().enumerate() {
        let (x0, y0, x1, _) = grid.rect(region);
        let gl = glyphs.get(i).map(Vec::as_slice).unwrap_or_default();
        let text = cell_text(&lines(gl), x0, x1);
        let cell = Cell::new(region.c0, text, Origin::Page { page, x: x0, y: y0 })
            .with_span(region.r1 - region.r0, region.c1 - region.c0);
        if let Some(row) = rows.get_mut(region.r0) {
            row.cells.push(cell);
        }
    }
    for row in &mut rows {
        row.cells.sort_by_key(|c| c.col);
    }
    let (x, y, _, _) = grid.bbox();
    Table {
        rows,
        at: Origin::Page { page, x, y },
    }
}

/// Drop page numbers and running headers/footers (same text, same place, most pages).
fn drop_furniture(pages: &[Page], page_lines: &mut [Vec<Line>]) {
    let margin = |page: &Page, l: &Line| l.y < page.height * 0.12 || l.y > page.height * 0.85;
    let key = |l: &Line| {
        let t: String = l
            .text
            .chars()
            .map(|c| if c.is_ascii_digit() { '#' } else { c })
            .collect();
        (t, (l.y / 4.0).round() as i64)
    };
    let mut counts: HashMap<(String, i64), usize> = HashMap::new();
    for (page, lines) in pages.iter().zip(page_lines.iter()) {
        let mut seen = std::collections::HashSet::new();
        for l in lines.iter().filter(|l| margin(page, l)) {
            if seen.insert(key(l)) {
                *counts.entry(key(l)).or_default() += 1;
            }
        }
    }
    let repeated = |k: &(String, i64)| {
        pages.len() >= 3 && counts.get(k).copied().unwrap_or(0) * 2 > pages.len()
    };
    for (page, lines) in pages.iter().zip(page_lines.iter_mut()) {
        lines.retain(|l| !(margin(page, l) && (is_page_number(&l.text) || repeated(&key(l)))));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers() {
        for t in [
            "3",
            "-3-",
            "— 5 —",
            "第 3 页",
            "第3页共5页",
            "- 12 -",
            "3/5",
        ] {
            assert!(is_page_number(t), "{t}");
        }
        for t in ["2024", "三、", "第三条", "合计 8", "2024年"] {
            assert!(!is_page_number(t), "{t}");
        }
    }

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
