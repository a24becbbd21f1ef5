//! Page continuation: a paragraph, a table, a row or a cell cut by a page
//! break is joined again with its rest at the top of the next page.

use gongkai_ir::{Block, Cell, Diagnostic, Row, Table};

use crate::doubts::{is_digit_run, Doubt};
use crate::geometry::{COLUMN_MATCH, FLUSH_LEFT};
use crate::lines::join;

/// Does a paragraph starting at `x` at the top of a page go on from `prev`,
/// the last block before? Only an unfinished paragraph whose last line
/// filled the measure (`prev_ends_short` false: a heading or a paragraph's
/// last line ends short), and only at the body's left margin `left` (an
/// indented line opens a new one).
pub fn continues_paragraph(prev: Option<&Block>, prev_ends_short: bool, x: f32, left: f32) -> bool {
    matches!(prev, Some(Block::Paragraph(p)) if !ends_paragraph(&p.text))
        && !prev_ends_short
        && x <= left + FLUSH_LEFT
}

/// True when a paragraph's text ends a sentence (so the next page starts anew).
fn ends_paragraph(text: &str) -> bool {
    text.ends_with(['。', '！', '？', '：', '.', '!', '?', ':', '；'])
}

/// Append `table` (column boundaries `xs`) at the top of a page to `prev`
/// (boundaries `prev_xs`) when it is its continuation; otherwise give it
/// back. A number joined across the break is said in `diagnostics`.
pub fn append_table(
    prev: &mut Table,
    prev_xs: &[f32],
    mut table: Table,
    xs: &[f32],
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<(), Table> {
    let Some(map) = column_map(prev_xs, xs) else {
        return Err(table);
    };
    remap_columns(&mut table, &map);
    append_rows(prev, table, diagnostics);
    Ok(())
}

/// How a continuation's column boundaries map onto the previous table's: the
/// same outer edges and every boundary one of the previous ones.
fn column_map(prev: &[f32], next: &[f32]) -> Option<Vec<usize>> {
    let near = |a: f32, b: f32| (a - b).abs() <= COLUMN_MATCH;
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
/// page break? Both hold Chinese text and `text` does not open a new item,
/// or both are digit runs (a number wrapped in a narrow cell).
fn continues(above: &str, text: &str) -> bool {
    let cjk = |s: &str| s.chars().any(|c| matches!(c as u32, 0x4E00..=0x9FFF));
    cjk(above) && cjk(text) && !starts_item(text) || is_digit_run(above) && is_digit_run(text)
}

/// Join the rest of a cell cut by the page break to the cell above: a
/// number's digits run on; the source lines follow. A joined number is a
/// doubt said in `diagnostics`.
fn join_cell(above: &mut Cell, rest: &Cell, row: usize, diagnostics: &mut Vec<Diagnostic>) {
    if is_digit_run(&above.text) && is_digit_run(&rest.text) {
        above.text.push_str(&rest.text);
        let page = rest.at.page().unwrap_or_default();
        let (col, text) = (above.col, above.text.clone());
        diagnostics.push(
            Doubt::NumberAcrossPages {
                page,
                row,
                col,
                text,
            }
            .warning(),
        );
    } else {
        join(&mut above.text, &rest.text);
    }
    above.lines.extend(rest.lines.iter().cloned());
}

/// Append a continuation table's rows, dropping a repeated header row.
fn append_rows(prev: &mut Table, mut next: Table, diagnostics: &mut Vec<Diagnostic>) {
    // The header repeated on the new page: as many leading rows as match
    // the table's own leading rows (a header can be several rows deep).
    let repeated = prev
        .rows
        .iter()
        .zip(&next.rows)
        .take_while(|(h, first)| {
            row_texts(h) == row_texts(first) && !first.cells.iter().all(|c| c.text.is_empty())
        })
        .count();
    next.rows.drain(..repeated);
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
            join_cell(above, cell, r, diagnostics);
            above.row_span += cell.row_span - usize::from(whole);
            false
        });
        if whole && first.cells.is_empty() {
            next.rows.remove(0);
        }
    }
    prev.rows.extend(next.rows);
}
