//! The visible page → blocks: paragraphs from block elements and `<br>`,
//! tables from `<table>`. A table holding another table (or a single cell)
//! is page layout: its cells are read as paragraphs and its inner tables as
//! tables. Each block remembers where in the page it began and which
//! elements held a block with report text, for `chrome` to find the article.

use std::collections::HashSet;
use std::rc::Rc;

use gongkai_ir::{Block, Origin, Paragraph, ReadError, ReadOptions};
use markup5ever_rcdom::Handle;

use crate::css::HiddenRules;
use crate::dom::{self, attr, Visit};
use crate::phrases::{ARTICLE_MARKERS, BLOCKS};
use crate::table::{RawCell, RawTable};
use crate::text::{self, BREAK};

/// A block and where it began: `pos` counts the element opens and closes
/// before it, so that an element opened at `s` and closed at `e` holds the
/// blocks with `s < pos <= e`.
#[derive(Debug)]
pub(crate) struct Placed {
    /// The block.
    pub block: Block,
    /// Where it began.
    pub pos: usize,
}

/// An element that held blocks with report text.
#[derive(Debug)]
pub(crate) struct Region {
    /// Its open and close positions.
    pub start: usize,
    /// See `start`.
    pub end: usize,
    /// How many report-text blocks it held.
    pub hits: usize,
    /// How deep it is.
    pub depth: usize,
    /// `div#id.class`, for the diagnostic.
    pub label: String,
}

/// The page as blocks, before the chrome is cut.
#[derive(Debug, Default)]
pub(crate) struct Built {
    /// Every block of the visible page, in order.
    pub blocks: Vec<Placed>,
    /// Elements holding report-text blocks.
    pub regions: Vec<Region>,
    /// How many blocks hold report text.
    pub marked: usize,
}

fn id(node: &Handle) -> usize {
    Rc::as_ptr(node) as usize
}

/// The tables that are page layout: they hold a table, or have one cell.
fn layout_tables(
    root: &Handle,
    rules: &HiddenRules,
    options: &ReadOptions,
) -> Result<HashSet<usize>, ReadError> {
    let mut layout = HashSet::new();
    // Open tables with their cell counts.
    let mut open: Vec<(usize, usize)> = Vec::new();
    dom::walk(root, rules, options, |v| {
        match v {
            Visit::Open(node, "table") => {
                layout.extend(open.iter().map(|(t, _)| *t));
                open.push((id(node), 0));
            }
            Visit::Open(_, "td" | "th") => {
                if let Some((_, n)) = open.last_mut() {
                    *n += 1;
                    // Refused before any cell is built.
                    options.limits.check_cells(*n)?;
                }
            }
            Visit::Close(_, "table") => {
                if let Some((t, cells)) = open.pop() {
                    if cells <= 1 {
                        layout.insert(t);
                    }
                }
            }
            _ => {}
        }
        Ok(())
    })?;
    Ok(layout)
}

/// True when a block's text holds report text.
fn is_marked(text: &str) -> bool {
    let squashed: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    ARTICLE_MARKERS.iter().any(|m| squashed.contains(m))
}

/// The whole text of a block (cells joined), for searching.
pub(crate) fn block_text(block: &Block) -> String {
    match block {
        Block::Paragraph(p) => p.text.clone(),
        Block::Table(t) => t
            .rows
            .iter()
            .flat_map(|r| r.cells.iter().map(|c| c.text.as_str()))
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

/// `div#main.article`: how a region is named in a diagnostic.
fn label_of(node: &Handle, tag: &str) -> String {
    let mut out = tag.to_string();
    if let Some(i) = attr(node, "id").filter(|s| !s.trim().is_empty()) {
        out.push('#');
        out.push_str(i.trim());
    }
    if let Some(c) = attr(node, "class") {
        for part in c.split_whitespace().take(3) {
            out.push('.');
            out.push_str(part);
        }
    }
    out
}

struct OpenElement {
    start: usize,
    hits: usize,
}

struct Builder<'o> {
    options: &'o ReadOptions,
    layout: HashSet<usize>,
    built: Built,
    open: Vec<OpenElement>,
    pos: usize,
    paragraph: String,
    paragraph_pos: usize,
    table: Option<(RawTable, usize)>,
    paragraphs: u32,
    tables: u32,
    chars: usize,
}

impl Builder<'_> {
    fn mark(&mut self, text: &str) {
        if is_marked(text) {
            self.built.marked += 1;
            for e in &mut self.open {
                e.hits += 1;
            }
        }
    }

    fn push(&mut self, block: Block, pos: usize) {
        let text = block_text(&block);
        self.mark(&text);
        self.built.blocks.push(Placed { block, pos });
    }

    fn flush_paragraph(&mut self) {
        if self.paragraph.is_empty() {
            return;
        }
        let text = text::finish(&std::mem::take(&mut self.paragraph));
        if text.is_empty() {
            return;
        }
        self.paragraphs += 1;
        let at = Origin::Paragraph(self.paragraphs);
        self.push(
            Block::Paragraph(Paragraph::new(text, at)),
            self.paragraph_pos,
        );
    }

    /// Where text goes: the open cell, the caption, nowhere (white space
    /// between a data table's rows), or the paragraph.
    fn buffer(&mut self) -> Option<&mut String> {
        match &mut self.table {
            Some((t, _)) => match t.rows.last_mut().and_then(|r| r.last_mut()) {
                Some(c) if c.open => Some(&mut c.buffer),
                _ => t.caption.as_mut(),
            },
            None => {
                if self.paragraph.is_empty() {
                    self.paragraph_pos = self.pos;
                }
                Some(&mut self.paragraph)
            }
        }
    }

    fn text(&mut self, s: &str) -> Result<(), ReadError> {
        self.chars = self.chars.saturating_add(dom::chars(s));
        self.options.limits.check_text(self.chars)?;
        if let Some(b) = self.buffer() {
            text::push_text(b, s);
        }
        Ok(())
    }

    fn open(&mut self, node: &Handle, tag: &str) -> Result<(), ReadError> {
        self.open.push(OpenElement {
            start: self.pos,
            hits: 0,
        });
        self.pos += 1;
        let data_table = self.table.is_some();
        match tag {
            "table" if !self.layout.contains(&id(node)) && !data_table => {
                self.flush_paragraph();
                self.table = Some((RawTable::default(), self.pos));
            }
            "tr" if data_table => {
                if let Some((t, _)) = &mut self.table {
                    t.rows.push(Vec::new());
                }
            }
            "td" | "th" if data_table => {
                if let Some((t, _)) = &mut self.table {
                    t.cells += 1;
                    self.options.limits.check_cells(t.cells)?;
                    if t.rows.is_empty() {
                        t.rows.push(Vec::new());
                    }
                    if let Some(row) = t.rows.last_mut() {
                        row.push(RawCell {
                            buffer: String::new(),
                            rowspan: attr(node, "rowspan"),
                            colspan: attr(node, "colspan"),
                            open: true,
                        });
                    }
                }
            }
            "caption" if data_table => {
                if let Some((t, _)) = &mut self.table {
                    t.caption = Some(String::new());
                }
            }
            "br" => self.line_break(),
            t if BLOCKS.contains(&t) => self.line_break(),
            _ => {}
        }
        Ok(())
    }

    /// A `<br>` or block boundary: a line break in a cell, the end of the
    /// paragraph elsewhere.
    fn line_break(&mut self) {
        match &mut self.table {
            Some(_) => {
                if let Some(b) = self.buffer() {
                    b.push(BREAK);
                }
            }
            None => self.flush_paragraph(),
        }
    }

    fn close(&mut self, node: &Handle, tag: &str) -> Result<(), ReadError> {
        let data_table = self.table.is_some();
        match tag {
            "td" | "th" if data_table => {
                if let Some((t, _)) = &mut self.table {
                    if let Some(c) = t.rows.last_mut().and_then(|r| r.last_mut()) {
                        c.open = false;
                    }
                }
            }
            "caption" if data_table => {
                if let Some((t, _)) = &mut self.table {
                    if let Some(c) = t.caption.take() {
                        let c = text::finish(&c);
                        if !c.is_empty() {
                            self.paragraphs += 1;
                            let at = Origin::Paragraph(self.paragraphs);
                            let pos = self.pos;
                            self.push(Block::Paragraph(Paragraph::new(c, at)), pos);
                        }
                    }
                }
            }
            "table" if data_table && !self.layout.contains(&id(node)) => {
                if let Some((raw, pos)) = self.table.take() {
                    self.tables += 1;
                    let table = raw.finish(self.tables, &self.options.limits)?;
                    if !table.rows.is_empty() {
                        self.push(Block::Table(table), pos);
                    }
                }
            }
            t if BLOCKS.contains(&t) => self.line_break(),
            _ => {}
        }
        let depth = self.open.len();
        if let Some(e) = self.open.pop() {
            if e.hits > 0 {
                self.built.regions.push(Region {
                    start: e.start,
                    end: self.pos,
                    hits: e.hits,
                    depth,
                    label: label_of(node, tag),
                });
            }
        }
        self.pos += 1;
        Ok(())
    }
}

/// Read the visible page under `root` into blocks.
pub(crate) fn build(root: &Handle, options: &ReadOptions) -> Result<Built, ReadError> {
    let rules = HiddenRules::of(root);
    let layout = layout_tables(root, &rules, options)?;
    let mut b = Builder {
        options,
        layout,
        built: Built::default(),
        open: Vec::new(),
        pos: 0,
        paragraph: String::new(),
        paragraph_pos: 0,
        table: None,
        paragraphs: 0,
        tables: 0,
        chars: 0,
    };
    dom::walk(root, &rules, options, |v| match v {
        Visit::Open(node, tag) => b.open(node, tag),
        Visit::Text(s) => b.text(s),
        Visit::Close(node, tag) => b.close(node, tag),
    })?;
    b.flush_paragraph();
    Ok(b.built)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(html: &str) -> Vec<String> {
        let options = ReadOptions::default();
        let dom = dom::parse(html, &options).unwrap();
        let built = build(&dom.document, &options).unwrap();
        built
            .blocks
            .iter()
            .map(|p| match &p.block {
                Block::Paragraph(p) => format!("p:{}", p.text),
                Block::Table(t) => format!(
                    "t:{}",
                    t.rows
                        .iter()
                        .map(|r| r
                            .cells
                            .iter()
                            .map(|c| c.text.as_str())
                            .collect::<Vec<_>>()
                            .join("|"))
                        .collect::<Vec<_>>()
                        .join("/")
                ),
            })
            .collect()
    }

    #[test]
    fn a_layout_table_gives_its_inner_table() {
        let b = blocks(
            "<table><tr><td>菜单</td><td><p>一、总体情况</p><table><tr><td>规章</td><td>1</td></tr></table><p>完</p></td></tr></table>",
        );
        assert_eq!(b, ["p:菜单", "p:一、总体情况", "t:规章|1", "p:完"]);
    }

    #[test]
    fn a_one_cell_table_is_layout_and_breaks_split_paragraphs() {
        let b = blocks("<table><tr><td>标题<br>一、总体情况<div>正文</div></td></tr></table>");
        assert_eq!(b, ["p:标题", "p:一、总体情况", "p:正文"]);
    }

    #[test]
    fn cells_keep_line_breaks_and_captions_come_first() {
        let b = blocks("<table><caption>表三</caption><tr><td><p>商业</p><p>企业</p></td><td>社会<span>&nbsp;&nbsp;</span>公益</td></tr></table>");
        assert_eq!(b, ["p:表三", "t:商业\n企业|社会公益"]);
    }

    #[test]
    fn too_much_text_is_refused() {
        let mut options = ReadOptions::default();
        options.limits.max_text_chars = 10;
        let dom = dom::parse("<p>一二三四五六七八九十十一</p>", &options).unwrap();
        let err = build(&dom.document, &options).unwrap_err();
        assert!(err.to_string().contains("--max-text-chars"), "{err}");
    }
}
