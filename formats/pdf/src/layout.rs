//! The document from its pages: per page the tables (ruled, then rule-less)
//! and the paragraphs around them in reading order, then across pages what
//! a page break cut in two joined again.

use gongkai_ir::{Block, Diagnostic, Document, Limits, Origin, Paragraph, ReadError, Table};

use crate::backend::Page;
use crate::continuation::{append_table, continues_paragraph};
use crate::doubts::settle;
use crate::furniture::drop_furniture;
use crate::lines::{join, text_lines, Line};
use crate::paragraphs::{ends_short, margins, paragraphs};
use crate::ruled::{self, Placed};
use crate::textgrid;

/// Something placed on a page, in reading order by `y`.
enum Item {
    Para {
        text: String,
        x: f32,
        y: f32,
        ends_short: bool,
    },
    Table(Box<Table>, Vec<f32>),
}

/// Build the document from the pages.
pub fn build(
    pages: &[Page],
    limits: &Limits,
    mut diagnostics: Vec<Diagnostic>,
) -> Result<Document, ReadError> {
    // Lines outside tables, and tables, per page.
    let mut page_lines: Vec<Vec<Line>> = Vec::new();
    let mut page_tables: Vec<Vec<Placed>> = Vec::new();
    let mut pending = Vec::new();
    for page in pages {
        gongkai_ir::checkpoint()?;
        let (mut tables, free) = ruled::tables(page, limits, &mut diagnostics, &mut pending)?;
        // Tables without rules, from the text positions of what is left.
        let (found, free) = textgrid::find(&free, page.number);
        for t in found {
            tables.push((t.top, t.xs, t.table));
        }
        tables.sort_by(|a, b| a.0.total_cmp(&b.0));
        page_lines.push(text_lines(&free));
        page_tables.push(tables);
    }
    drop_furniture(pages, &mut page_lines);
    let margins = margins(&page_lines);
    // Per-page items, then paragraphs and tables joined across pages.
    let mut blocks: Vec<Block> = Vec::new();
    let mut last_table_xs: Option<Vec<f32>> = None;
    // Whether the last paragraph's last line ended short of the margin.
    let mut last_ends_short = true;
    for (pi, page) in pages.iter().enumerate() {
        let lines = page_lines.get(pi).map(Vec::as_slice).unwrap_or_default();
        let tables = page_tables
            .get_mut(pi)
            .map(std::mem::take)
            .unwrap_or_default();
        let (left, right) = margins.unwrap_or((0.0, page.width));
        for (n, item) in items(lines, tables, left, right).into_iter().enumerate() {
            match item {
                Item::Para {
                    text,
                    x,
                    y,
                    ends_short,
                } => {
                    let continues =
                        n == 0 && continues_paragraph(blocks.last(), last_ends_short, x, left);
                    last_ends_short = ends_short;
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
                    // Only a table at the top of a page can go on from the last one.
                    let rest = match (blocks.last_mut(), last_table_xs.as_deref()) {
                        (Some(Block::Table(prev)), Some(prev_xs)) if n == 0 => {
                            append_table(prev, prev_xs, *table, &xs, &mut diagnostics).err()
                        }
                        _ => Some(*table),
                    };
                    if let Some(table) = rest {
                        blocks.push(Block::Table(table));
                        last_table_xs = Some(xs);
                    }
                }
            }
        }
    }
    settle(&blocks, &mut diagnostics, pending);
    Ok(Document {
        blocks,
        diagnostics,
    })
}

/// One page's paragraphs and tables, top to bottom. Paragraphs are split at
/// tables: lines between two table tops go apart.
fn items(lines: &[Line], tables: Vec<Placed>, left: f32, right: f32) -> Vec<Item> {
    let mut items: Vec<(f32, Item)> = Vec::new();
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
        for (text, first, last) in paragraphs(chunk, left, right) {
            items.push((
                first.top,
                Item::Para {
                    text,
                    x: first.x0,
                    y: first.y - first.size,
                    ends_short: ends_short(last, right),
                },
            ));
        }
        start = end;
    }
    for (top, xs, table) in tables {
        items.push((top, Item::Table(Box::new(table), xs)));
    }
    items.sort_by(|a, b| a.0.total_cmp(&b.0));
    items.into_iter().map(|(_, item)| item).collect()
}
