//! The parser: a state machine over the start and end tags of the main
//! document part, building paragraphs and tables.
//!
//! Every start tag pushes one [`Node`] (or is skipped whole); its end tag
//! pops it and hands what it built to the nearest container: the body, a
//! table cell or a text box. Elements that are not known are transparent, so
//! wrappers (`w:hyperlink`, `w:sdt`, `w:smartTag`, `w:customXml`, `w:ins`,
//! `w:fldSimple`, DrawingML shapes) cost nothing and lose nothing.

use std::borrow::Cow;

use gongkai_ir::{
    Amount, Block, Diagnostic, Document, Limit, Limits, Origin, Oversize, Paragraph, ReadError,
    Severity,
};
use quick_xml::events::{BytesRef, BytesStart};
use quick_xml::name::{NamespaceResolver, ResolveResult};

use crate::props::Props;
use crate::symbols::map_symbol;
use crate::tables::{CellBuilder, TableBuilder};
use crate::vocab::{Tag, W_NS};

/// An open element and what is being built inside it.
enum Node {
    Other,
    Para(ParaBuilder),
    Run,
    Text,
    Tbl(Box<TableBuilder>),
    Tr,
    Tc(CellBuilder),
    /// A text box's blocks, and the field state of the story around it.
    TxbxContent(Vec<Block>, Fields),
    AltContent {
        chosen: bool,
    },
}

struct ParaBuilder {
    text: String,
    /// Text boxes anchored in the paragraph, emitted after it.
    deferred: Vec<Block>,
    /// The current run is hidden (`w:vanish`): not printed.
    hidden: bool,
    at: Origin,
}

/// Open fields: for each, whether its result part (shown) has begun.
#[derive(Default)]
struct Fields {
    open: Vec<bool>,
    /// How many open fields are still in their instruction part.
    in_code: usize,
}

impl Fields {
    fn begin(&mut self) {
        self.open.push(false);
        self.in_code += 1;
    }

    fn separate(&mut self) {
        if let Some(shown) = self.open.last_mut() {
            if !*shown {
                *shown = true;
                self.in_code = self.in_code.saturating_sub(1);
            }
        }
    }

    fn end(&mut self) {
        if self.open.pop() == Some(false) {
            self.in_code = self.in_code.saturating_sub(1);
        }
    }

    /// Drop fields still in their code part: a field code never spans
    /// paragraphs in practice, and a broken one must not hide the rest.
    fn drop_unfinished_codes(&mut self) {
        if self.in_code > 0 {
            self.open.retain(|&shown| shown);
            self.in_code = 0;
        }
    }
}

/// Where an embedded document began: the open elements around it and
/// the field state to go back to.
pub(crate) struct ChunkMark {
    depth: usize,
    fields: Fields,
}

/// The parser's state.
pub(crate) struct Parser<'l> {
    limits: &'l Limits,
    stack: Vec<Node>,
    blocks: Vec<Block>,
    diagnostics: Vec<Diagnostic>,
    fields: Fields,
    body_paragraphs: u32,
    body_tables: u32,
    chars: usize,
    entity_reported: bool,
}

impl<'l> Parser<'l> {
    /// A parser with nothing read yet.
    pub(crate) fn new(limits: &'l Limits) -> Self {
        Parser {
            limits,
            stack: Vec::with_capacity(32),
            blocks: Vec::new(),
            diagnostics: Vec::new(),
            fields: Fields::default(),
            body_paragraphs: 0,
            body_tables: 0,
            chars: 0,
            entity_reported: false,
        }
    }

    /// The document read, closing the elements left open by a truncated part.
    pub(crate) fn finish(mut self) -> Result<Document, ReadError> {
        if !self.stack.is_empty() {
            self.diagnostics.push(Diagnostic::new(
                Severity::Warning,
                "xml.truncated",
                "the main document ends inside open elements; what was read is kept",
            ));
            while !self.stack.is_empty() {
                self.end()?;
            }
        }
        Ok(Document {
            blocks: self.blocks,
            diagnostics: self.diagnostics,
        })
    }

    /// Where content imported here starts: the innermost cell or
    /// paragraph, else the body paragraph it comes to be in Word.
    pub(crate) fn import_origin(&self) -> Origin {
        match self.current_origin() {
            Origin::Unknown => Origin::Paragraph(self.body_paragraphs.saturating_add(1)),
            at => at,
        }
    }

    /// Add a diagnostic.
    pub(crate) fn note(&mut self, d: Diagnostic) {
        self.diagnostics.push(d);
    }

    /// Start reading an embedded document where the reader is: its fields
    /// are its own.
    pub(crate) fn begin_chunk(&mut self) -> ChunkMark {
        ChunkMark {
            depth: self.stack.len(),
            fields: std::mem::take(&mut self.fields),
        }
    }

    /// End an embedded document: close what it left open (a damaged or
    /// truncated part) and go on with the fields around it.
    pub(crate) fn end_chunk(&mut self, mark: ChunkMark) -> Result<(), ReadError> {
        while self.stack.len() > mark.depth {
            self.end()?;
        }
        self.fields = mark.fields;
        Ok(())
    }

    /// Handle a start tag. Returns false when the element must be skipped
    /// whole (nothing was pushed); true when one node was pushed.
    pub(crate) fn start(
        &mut self,
        tag: Tag,
        e: &BytesStart<'_>,
        resolver: &NamespaceResolver,
    ) -> Result<bool, ReadError> {
        let node = match tag {
            Tag::Skip => return Ok(false),
            Tag::Other => Node::Other,
            Tag::Para => {
                let at = if self.in_body() {
                    self.body_paragraphs = self.body_paragraphs.saturating_add(1);
                    Origin::Paragraph(self.body_paragraphs)
                } else {
                    // Text-box paragraphs take the origin of their anchor.
                    self.para_mut().map(|p| p.at.clone()).unwrap_or_default()
                };
                Node::Para(ParaBuilder {
                    text: String::new(),
                    deferred: Vec::new(),
                    hidden: false,
                    at,
                })
            }
            Tag::Run => {
                if let Some(p) = self.para_mut() {
                    p.hidden = false;
                }
                Node::Run
            }
            Tag::Text => Node::Text,
            Tag::Tbl => {
                let table = if self.table_mut().is_some() {
                    let outer = self.cell_mut().map(|c| c.at.clone()).unwrap_or_default();
                    TableBuilder::new(0, Some(outer))
                } else {
                    self.body_tables = self.body_tables.saturating_add(1);
                    TableBuilder::new(self.body_tables, None)
                };
                Node::Tbl(Box::new(table))
            }
            Tag::Tr => match self.table_mut() {
                Some(t) => {
                    t.start_row();
                    Node::Tr
                }
                None => Node::Other,
            },
            Tag::Tc => {
                let limits = self.limits;
                match self.table_mut() {
                    Some(t) => {
                        let cell = t.start_cell();
                        limits.check(Limit::Cells, t.cells as u64, || {
                            Oversize::Table(Amount::MoreThan(limits.max_cells as u64))
                        })?;
                        Node::Tc(cell)
                    }
                    None => Node::Other,
                }
            }
            // Empty property blocks (`<w:tcPr/>`) say nothing.
            Tag::TcPr | Tag::TrPr | Tag::RPr => Node::Other,
            Tag::TxbxContent => Node::TxbxContent(Vec::new(), std::mem::take(&mut self.fields)),
            Tag::AltContent => Node::AltContent { chosen: false },
            Tag::Choice => match self.stack.last_mut() {
                // Read the first choice and skip the rest and the fallback:
                // they repeat the same content (a text box as DrawingML and VML).
                Some(Node::AltContent { chosen }) => {
                    if *chosen {
                        return Ok(false);
                    }
                    *chosen = true;
                    Node::Other
                }
                _ => Node::Other,
            },
            Tag::Fallback => match self.stack.last() {
                Some(Node::AltContent { chosen: true }) => return Ok(false),
                _ => Node::Other,
            },
            Tag::Char(c) => {
                if self.visible() {
                    self.push_text(c.encode_utf8(&mut [0; 4]))?;
                }
                Node::Other
            }
            Tag::Sym => {
                self.symbol(e, resolver)?;
                Node::Other
            }
            // Read by the cursor, which has the package (never reached).
            Tag::AltChunk => Node::Other,
            Tag::FldChar => {
                match w_attr(e, resolver, "fldCharType").as_deref() {
                    Some("begin") => self.fields.begin(),
                    Some("separate") => self.fields.separate(),
                    Some("end") => self.fields.end(),
                    _ => {}
                }
                Node::Other
            }
        };
        self.stack.push(node);
        if self.stack.len() > self.limits.max_xml_depth {
            return Err(self
                .limits
                .exceeded(Limit::XmlDepth, Oversize::MainDocumentNesting));
        }
        Ok(true)
    }

    /// Apply what a property block says.
    pub(crate) fn apply(&mut self, props: Props) {
        let Props {
            col_span,
            vmerge,
            hmerge_continue,
            cell_deleted,
            grid_before,
            deleted,
            hidden,
        } = props;
        if col_span.is_some()
            || vmerge.is_some()
            || hmerge_continue.is_some()
            || cell_deleted.is_some()
        {
            if let Some(c) = self.cell_mut() {
                c.col_span = col_span.unwrap_or(c.col_span);
                c.vmerge = vmerge.unwrap_or(c.vmerge);
                c.hmerge_continue = hmerge_continue.unwrap_or(c.hmerge_continue);
                c.deleted = cell_deleted.unwrap_or(c.deleted);
            }
        }
        if let Some(n) = grid_before {
            if let Some(t) = self.table_mut() {
                t.grid_before(n);
            }
        }
        if deleted == Some(true) {
            if let Some(t) = self.table_mut() {
                t.delete_row();
            }
        }
        if let Some(hidden) = hidden {
            if let Some(p) = self.para_mut() {
                p.hidden = hidden;
            }
        }
    }

    /// A `w:sym`: its character if the font is known, else a diagnostic.
    fn symbol(
        &mut self,
        e: &BytesStart<'_>,
        resolver: &NamespaceResolver,
    ) -> Result<(), ReadError> {
        if !self.visible() {
            return Ok(());
        }
        let font = w_attr(e, resolver, "font").unwrap_or_default();
        let code_text = w_attr(e, resolver, "char").unwrap_or_default();
        let code = u32::from_str_radix(code_text.trim(), 16).ok();
        match code.and_then(|c| map_symbol(&font, c)) {
            Some(c) => self.push_text(c.encode_utf8(&mut [0; 4])),
            None => {
                let at = self.current_origin();
                self.diagnostics.push(
                    Diagnostic::new(
                        Severity::Warning,
                        "text.symbol",
                        format!(
                            "symbol character {code_text} of font {font} has no known \
                             Unicode equivalent and was left out"
                        ),
                    )
                    .with_raw(format!("{font} {code_text}"))
                    .with_at(at),
                );
                Ok(())
            }
        }
    }

    /// Handle an end tag: pop the node and hand over what it built.
    pub(crate) fn end(&mut self) -> Result<(), ReadError> {
        let Some(node) = self.stack.pop() else {
            return Ok(());
        };
        match node {
            Node::Para(p) => self.finish_paragraph(p),
            Node::Tbl(mut t) => {
                let deleted = [
                    (
                        "docx.deleted_row",
                        "row",
                        std::mem::take(&mut t.deleted_rows),
                    ),
                    (
                        "docx.deleted_cell",
                        "cell",
                        std::mem::take(&mut t.deleted_cells),
                    ),
                ];
                for (code, what, (count, first)) in deleted {
                    if let Some(at) = first {
                        self.diagnostics.push(
                            Diagnostic::new(
                                Severity::Info,
                                code,
                                format!(
                                    "{count} table {what}(s) deleted with tracked changes left \
                                     out, as printed once the changes are accepted"
                                ),
                            )
                            .with_at(at),
                        );
                    }
                }
                let table = t.finish();
                // gridBefore or a wide row widens every row of the grid.
                self.limits.check_cells(table.grid_area())?;
                self.deliver(Block::Table(table));
            }
            Node::Tr => {
                if let Some(t) = self.table_mut() {
                    t.end_row();
                }
            }
            Node::Tc(c) => {
                if let Some(t) = self.table_mut() {
                    t.end_cell(c);
                }
            }
            Node::TxbxContent(blocks, outer_fields) => {
                self.fields = outer_fields;
                match self.para_mut() {
                    Some(p) => p.deferred.extend(blocks),
                    None => blocks.into_iter().for_each(|b| self.deliver(b)),
                }
            }
            Node::Other | Node::Run | Node::Text | Node::AltContent { .. } => {}
        }
        Ok(())
    }

    fn finish_paragraph(&mut self, p: ParaBuilder) {
        let ParaBuilder {
            text, deferred, at, ..
        } = p;
        self.deliver(Block::Paragraph(Paragraph { text, at }));
        for block in deferred {
            self.deliver(block);
        }
        if self.in_body() {
            self.fields.drop_unfinished_codes();
        }
    }

    /// Give a finished block to the nearest container: a cell, a text box or
    /// the body. Blank paragraphs are dropped (cells keep their spaces).
    fn deliver(&mut self, block: Block) {
        for node in self.stack.iter_mut().rev() {
            match node {
                Node::Tc(cell) => {
                    match block {
                        Block::Paragraph(p) => cell.add_paragraph(&p.text),
                        Block::Table(t) => cell.tables.push(t),
                    }
                    return;
                }
                Node::TxbxContent(blocks, _) => {
                    if !is_blank(&block) {
                        blocks.push(block);
                    }
                    return;
                }
                _ => {}
            }
        }
        if !is_blank(&block) {
            self.blocks.push(block);
        }
    }

    /// True when no table or text box is open: a paragraph here is a body paragraph.
    fn in_body(&self) -> bool {
        !self
            .stack
            .iter()
            .any(|n| matches!(n, Node::Tbl(_) | Node::TxbxContent(..)))
    }

    /// True inside text (`w:t`): character data there is printed.
    pub(crate) fn in_text(&self) -> bool {
        matches!(self.stack.last(), Some(Node::Text))
    }

    fn para_mut(&mut self) -> Option<&mut ParaBuilder> {
        self.stack.iter_mut().rev().find_map(|n| match n {
            Node::Para(p) => Some(p),
            _ => None,
        })
    }

    fn table_mut(&mut self) -> Option<&mut TableBuilder> {
        self.stack.iter_mut().rev().find_map(|n| match n {
            Node::Tbl(t) => Some(t.as_mut()),
            _ => None,
        })
    }

    fn cell_mut(&mut self) -> Option<&mut CellBuilder> {
        self.stack.iter_mut().rev().find_map(|n| match n {
            Node::Tc(c) => Some(c),
            _ => None,
        })
    }

    /// Where the reader is: the innermost cell, else the paragraph.
    fn current_origin(&self) -> Origin {
        self.stack
            .iter()
            .rev()
            .find_map(|n| match n {
                Node::Tc(c) => Some(c.at.clone()),
                Node::Para(p) if !matches!(p.at, Origin::Unknown) => Some(p.at.clone()),
                _ => None,
            })
            .unwrap_or_default()
    }

    /// Text is printed unless it is a field code or a hidden run.
    fn visible(&self) -> bool {
        self.fields.in_code == 0
            && !self
                .stack
                .iter()
                .rev()
                .find_map(|n| match n {
                    Node::Para(p) => Some(p.hidden),
                    _ => None,
                })
                .unwrap_or(false)
    }

    /// Append printed text to the current paragraph, within the text limit.
    pub(crate) fn push_text(&mut self, s: &str) -> Result<(), ReadError> {
        if !self.visible() {
            return Ok(());
        }
        self.chars = self.chars.saturating_add(s.chars().count());
        let max = self.limits.max_text_chars;
        self.limits.check(Limit::TextChars, self.chars as u64, || {
            Oversize::Text(Amount::MoreThan(max as u64))
        })?;
        if let Some(p) = self.para_mut() {
            p.text.push_str(s);
        }
        Ok(())
    }

    /// A character or entity reference in text: its character, or as
    /// written when it is not one of XML's five (with a diagnostic).
    pub(crate) fn reference(&mut self, r: &BytesRef<'_>) -> Result<(), ReadError> {
        if let Ok(Some(c)) = r.resolve_char_ref() {
            return self.push_text(c.encode_utf8(&mut [0; 4]));
        }
        let name: &str = r;
        let text = predefined_entity(name).map_or_else(
            || {
                self.unknown_entity(name);
                Cow::Owned(format!("&{name};"))
            },
            Cow::Borrowed,
        );
        self.push_text(&text)
    }

    fn unknown_entity(&mut self, name: &str) {
        if self.entity_reported {
            return;
        }
        self.entity_reported = true;
        let at = self.current_origin();
        self.diagnostics.push(
            Diagnostic::new(
                Severity::Warning,
                "xml.entity",
                format!(
                    "undefined entity &{name}; kept as written (entities declared in a DTD \
                     are never expanded)"
                ),
            )
            .with_raw(format!("&{name};"))
            .with_at(at),
        );
    }
}

fn predefined_entity(name: &str) -> Option<&'static str> {
    Some(match name {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        _ => return None,
    })
}

/// The value of WordprocessingML attribute `local` (any prefix bound to the
/// namespace, or none).
fn w_attr<'e>(
    e: &'e BytesStart<'_>,
    resolver: &NamespaceResolver,
    local: &str,
) -> Option<Cow<'e, str>> {
    e.attributes().with_checks(false).flatten().find_map(|a| {
        let (ns, name) = resolver.resolve_attribute(a.key);
        let in_w = match ns {
            ResolveResult::Bound(n) => W_NS.contains(&n.0),
            ResolveResult::Unbound => true,
            ResolveResult::Unknown(_) => false,
        };
        (in_w && name.as_ref() == local).then_some(a.value)
    })
}

fn is_blank(block: &Block) -> bool {
    match block {
        Block::Paragraph(p) => p.text.trim().is_empty(),
        Block::Table(_) => false,
    }
}
