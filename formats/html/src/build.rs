//! The visible page → blocks: paragraphs from block elements and `<br>`,
//! tables from `<table>`; a table inside a cell is nested in that cell
//! where it stands among the cell's lines (opening layout tables is the
//! normalizer's job, for every reader alike). Each paragraph, cell line
//! and table says which element of the page holds it
//! ([`Origin::InElement`]), so that the normalizer can tell the article from
//! the site's chrome; nothing here knows what a report says.

use std::sync::Arc;

use gongkai_ir::{Block, Element, Origin, Paragraph, ReadError, ReadOptions, Table};
use markup5ever_rcdom::Handle;

use crate::css::HiddenRules;
use crate::dom::{self, attr, Visit};
use crate::phrases::BLOCKS;
use crate::table::{Line, RawCell, RawTable};
use crate::text;

/// `div#main.article`: how an element is named in messages.
fn label_of(node: &Handle) -> String {
    let mut out = dom::tag(node).unwrap_or_default().to_string();
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

/// An open element: made into an [`Element`] only when a block needs it.
struct Frame {
    node: Handle,
    id: u32,
    element: Option<Arc<Element>>,
}

/// A table being read, and how many elements were open with it on top.
struct OpenTable {
    raw: RawTable,
    depth: usize,
}

/// Where the text being read goes.
enum Target {
    /// The open cell of the innermost table.
    Cell,
    /// The innermost table's caption.
    Caption,
    /// Nowhere: white space between a table's rows.
    Nowhere,
    /// A paragraph of the page.
    Paragraph,
}

struct Builder<'o> {
    options: &'o ReadOptions,
    blocks: Vec<Block>,
    /// The open elements, outermost first.
    stack: Vec<Frame>,
    next_id: u32,
    /// The line being read, not yet finished.
    line: String,
    /// The fewest elements open since the line began: the deepest element
    /// holding all of it is the last of them.
    line_low: usize,
    tables: Vec<OpenTable>,
    paragraphs: u32,
    tables_done: u32,
    chars: usize,
}

impl Builder<'_> {
    /// The element of the `depth` outermost open elements' innermost one,
    /// made (with those around it) on first use.
    fn element_at(&mut self, depth: usize) -> Option<Arc<Element>> {
        let top = depth.checked_sub(1)?;
        // Elements are made outermost first, so the made ones are a prefix.
        let first = self
            .stack
            .iter()
            .position(|f| f.element.is_none())
            .unwrap_or(self.stack.len());
        for i in first..=top {
            let parent = i
                .checked_sub(1)
                .and_then(|p| self.stack.get(p))
                .and_then(|f| f.element.clone());
            let frame = self.stack.get_mut(i)?;
            frame.element = Some(Arc::new(Element {
                id: frame.id,
                label: label_of(&frame.node),
                depth: u32::try_from(i).unwrap_or(u32::MAX),
                parent,
            }));
        }
        self.stack.get(top)?.element.clone()
    }

    fn target(&self) -> Target {
        match self.tables.last() {
            None => Target::Paragraph,
            Some(t) => {
                let cell_open = t
                    .raw
                    .rows
                    .last()
                    .and_then(|r| r.last())
                    .is_some_and(|c| c.open);
                if cell_open {
                    Target::Cell
                } else if t.raw.caption.is_some() {
                    Target::Caption
                } else {
                    Target::Nowhere
                }
            }
        }
    }

    /// The innermost table's open cell.
    fn open_cell(&mut self) -> Option<&mut RawCell> {
        let t = self.tables.last_mut()?;
        t.raw
            .rows
            .last_mut()
            .and_then(|r| r.last_mut())
            .filter(|c| c.open)
    }

    fn text(&mut self, s: &str) -> Result<(), ReadError> {
        self.chars = self.chars.saturating_add(dom::chars(s));
        self.options.limits.check_text(self.chars)?;
        if matches!(self.target(), Target::Nowhere) {
            return Ok(());
        }
        if self.line.is_empty() {
            self.line_low = self.stack.len();
        }
        text::push_text(&mut self.line, s);
        Ok(())
    }

    /// A `<br>` or block boundary: the line read so far is finished and
    /// goes to the open cell, the caption, or the page as a paragraph.
    fn line_break(&mut self) {
        if self.line.is_empty() {
            return;
        }
        let text = text::collapse(&std::mem::take(&mut self.line));
        if text.is_empty() {
            return;
        }
        let element = self.element_at(self.line_low);
        match self.target() {
            Target::Cell => {
                if let Some(c) = self.open_cell() {
                    c.lines.push(Line { text, element });
                }
            }
            Target::Caption => {
                if let Some(c) = self.tables.last_mut().and_then(|t| t.raw.caption.as_mut()) {
                    c.push(Line { text, element });
                }
            }
            Target::Nowhere => {}
            Target::Paragraph => self.paragraph(text, element),
        }
    }

    fn paragraph(&mut self, text: String, element: Option<Arc<Element>>) {
        self.paragraphs += 1;
        let at = Origin::Paragraph(self.paragraphs).in_element(element);
        self.blocks.push(Block::Paragraph(Paragraph::new(text, at)));
    }

    fn open(&mut self, node: &Handle, tag: &str) -> Result<(), ReadError> {
        self.next_id = self.next_id.saturating_add(1);
        self.stack.push(Frame {
            node: node.clone(),
            id: self.next_id,
            element: None,
        });
        let in_table = !self.tables.is_empty();
        match tag {
            "table" => {
                self.line_break();
                self.tables.push(OpenTable {
                    raw: RawTable::default(),
                    depth: self.stack.len(),
                });
            }
            "tr" if in_table => {
                if let Some(t) = self.tables.last_mut() {
                    t.raw.rows.push(Vec::new());
                }
            }
            "td" | "th" if in_table => {
                self.line_break();
                if let Some(t) = self.tables.last_mut() {
                    let t = &mut t.raw;
                    t.cells += 1;
                    self.options.limits.check_cells(t.cells)?;
                    if t.rows.is_empty() {
                        t.rows.push(Vec::new());
                    }
                    if let Some(row) = t.rows.last_mut() {
                        row.push(RawCell {
                            rowspan: attr(node, "rowspan"),
                            colspan: attr(node, "colspan"),
                            open: true,
                            ..RawCell::default()
                        });
                    }
                }
            }
            "caption" if in_table => {
                self.line_break();
                if let Some(t) = self.tables.last_mut() {
                    t.raw.caption = Some(Vec::new());
                }
            }
            "br" => self.line_break(),
            t if BLOCKS.contains(&t) => self.line_break(),
            _ => {}
        }
        Ok(())
    }

    fn close(&mut self, tag: &str) -> Result<(), ReadError> {
        let in_table = !self.tables.is_empty();
        match tag {
            "td" | "th" if in_table => {
                self.line_break();
                if let Some(c) = self.open_cell() {
                    c.open = false;
                }
            }
            "caption" if in_table => {
                self.line_break();
                let element = self.element_at(self.stack.len());
                let lines = self
                    .tables
                    .last_mut()
                    .and_then(|t| t.raw.caption.take())
                    .unwrap_or_default();
                self.caption(lines, element);
            }
            "table" if in_table => {
                self.line_break();
                if let Some(open) = self.tables.pop() {
                    self.tables_done += 1;
                    let element = self.element_at(open.depth);
                    let table = open
                        .raw
                        .finish(self.tables_done, element, &self.options.limits)?;
                    if !table.rows.is_empty() {
                        self.table(table);
                    }
                }
            }
            t if BLOCKS.contains(&t) => self.line_break(),
            _ => {}
        }
        self.stack.pop();
        self.line_low = self.line_low.min(self.stack.len());
        Ok(())
    }

    /// A finished caption: the lines of the cell holding its table, or one
    /// paragraph of the page.
    fn caption(&mut self, lines: Vec<Line>, element: Option<Arc<Element>>) {
        if lines.is_empty() {
            return;
        }
        if self.tables.len() > 1 {
            let parent = self.tables.len() - 2;
            if let Some(c) = self
                .tables
                .get_mut(parent)
                .and_then(|t| t.raw.rows.last_mut())
                .and_then(|r| r.last_mut())
                .filter(|c| c.open)
            {
                c.lines.extend(lines);
                return;
            }
        }
        let text = lines
            .into_iter()
            .map(|l| l.text)
            .collect::<Vec<_>>()
            .join("\n");
        self.paragraph(text, element);
    }

    /// A finished table: nested in the open cell of the table holding it,
    /// or a block of the page.
    fn table(&mut self, table: Table) {
        if let Some(c) = self.open_cell() {
            c.tables_after.push(c.lines.len());
            c.tables.push(table);
        } else {
            self.blocks.push(Block::Table(table));
        }
    }
}

/// Read the visible page under `root` into blocks.
pub(crate) fn build(root: &Handle, options: &ReadOptions) -> Result<Vec<Block>, ReadError> {
    let rules = HiddenRules::of(root);
    let mut b = Builder {
        options,
        blocks: Vec::new(),
        stack: Vec::new(),
        next_id: 0,
        line: String::new(),
        line_low: 0,
        tables: Vec::new(),
        paragraphs: 0,
        tables_done: 0,
        chars: 0,
    };
    dom::walk(root, &rules, options, |v| match v {
        Visit::Open(node, tag) => b.open(node, tag),
        Visit::Text(s) => b.text(s),
        Visit::Close(tag) => b.close(tag),
    })?;
    b.line_break();
    Ok(b.blocks)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(table: &Table) -> String {
        table
            .rows
            .iter()
            .map(|r| {
                r.cells
                    .iter()
                    .map(|c| {
                        let mut s = c.text.clone();
                        for (t, after) in c.tables.iter().zip(&c.tables_after) {
                            s.push_str(&format!("[{after}:{}]", show(t)));
                        }
                        s
                    })
                    .collect::<Vec<_>>()
                    .join("|")
            })
            .collect::<Vec<_>>()
            .join("/")
    }

    fn read(html: &str) -> Vec<Block> {
        let options = ReadOptions::default();
        let dom = dom::parse(html, &options).unwrap();
        build(&dom.document, &options).unwrap()
    }

    fn blocks(html: &str) -> Vec<String> {
        read(html)
            .iter()
            .map(|b| match b {
                Block::Paragraph(p) => format!("p:{}", p.text),
                Block::Table(t) => format!("t:{}", show(t)),
            })
            .collect()
    }

    fn label(at: &Origin) -> &str {
        at.element().map(|e| e.label.as_str()).unwrap_or_default()
    }

    #[test]
    fn a_table_in_a_cell_is_nested_where_it_stands() {
        let b = blocks(
            "<table><tr><td>菜单</td><td><p>一、总体情况</p><table><tr><td>规章</td><td>1</td></tr></table><p>完</p></td></tr></table>",
        );
        assert_eq!(b, ["t:菜单|一、总体情况\n完[1:规章|1]"]);
    }

    #[test]
    fn each_line_of_a_cell_says_which_element_holds_it() {
        let blocks = read(
            "<table><tr><td class=nav>首页</td><td id=main><div class=title>标题</div><span>正</span>文<br>二</td></tr></table>",
        );
        let Some(Block::Table(t)) = blocks.first() else {
            panic!("{blocks:?}")
        };
        let cells = &t.rows[0].cells;
        assert_eq!(label(&cells[0].line_at[0]), "td.nav");
        let main: Vec<&str> = cells[1].line_at.iter().map(label).collect();
        assert_eq!(cells[1].text, "标题\n正文\n二");
        assert_eq!(main, ["div.title", "td#main", "td#main"]);
        assert_eq!(label(&t.at), "table");
        let body = t.at.element().unwrap().parent.as_ref().unwrap();
        assert_eq!(body.label, "body");
    }

    #[test]
    fn paragraphs_are_held_by_the_element_around_all_of_their_text() {
        let blocks = read("<div id=a><span>一、</span>总体情况</div><p class=x>b<i>c</i></p>");
        let labels: Vec<&str> = blocks.iter().map(|b| label(b.origin())).collect();
        assert_eq!(labels, ["div#a", "p.x"]);
    }

    #[test]
    fn cells_keep_line_breaks_and_captions_come_first() {
        let b = blocks("<table><caption>表三</caption><tr><td><p>商业</p><p>企业</p></td><td>社会<span>&nbsp;&nbsp;</span>公益</td></tr></table>");
        assert_eq!(b, ["p:表三", "t:商业\n企业|社会公益"]);
        let b = blocks(
            "<table><tr><td>上<table><caption>表三</caption><tr><td>1</td></tr></table></td></tr></table>",
        );
        assert_eq!(b, ["t:上\n表三[2:1]"]);
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
