//! The main document part (`word/document.xml`) to IR blocks, in one
//! streaming pass.
//!
//! Every start tag pushes one [`Node`] (or is skipped whole); its end tag
//! pops it and hands what it built to the nearest container: the body, a
//! table cell or a text box. Elements that are not known are transparent, so
//! wrappers (`w:hyperlink`, `w:sdt`, `w:smartTag`, `w:customXml`, `w:ins`,
//! `w:fldSimple`, DrawingML shapes) cost nothing and lose nothing.

use std::borrow::Cow;

use gongkai_ir::{
    Block, Cell, Diagnostic, Document, Limits, Origin, Paragraph, ReadError, Row, Severity, Table,
};
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::{NamespaceError, NamespaceResolver, QName, ResolveResult};

use crate::scan;
use crate::symbols::map_symbol;

/// The WordprocessingML namespace (transitional and strict).
const W_NS: [&str; 2] = [
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",
];
/// The markup-compatibility namespace (`mc:AlternateContent`).
const MC_NS: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";

/// The widest span taken from a file; Word tables have at most 63 columns.
const MAX_SPAN: usize = 1000;

/// What an element means to the reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    Para,
    Run,
    Text,
    Tbl,
    Tr,
    Tc,
    TcPr,
    TrPr,
    RPr,
    TxbxContent,
    AltContent,
    Choice,
    Fallback,
    /// An element that stands for one character (`w:tab`, `w:br`).
    Char(char),
    Sym,
    FldChar,
    /// Skipped with everything inside (deletions, properties, field code).
    Skip,
    /// Transparent: its content is read as if it were not there.
    Other,
}

fn classify_w(local: &[u8]) -> Tag {
    match local {
        b"p" => Tag::Para,
        b"r" => Tag::Run,
        b"t" => Tag::Text,
        b"tbl" => Tag::Tbl,
        b"tr" => Tag::Tr,
        b"tc" => Tag::Tc,
        b"tcPr" => Tag::TcPr,
        b"trPr" => Tag::TrPr,
        b"rPr" => Tag::RPr,
        b"txbxContent" => Tag::TxbxContent,
        b"tab" | b"ptab" => Tag::Char('\t'),
        b"br" | b"cr" => Tag::Char('\n'),
        b"noBreakHyphen" => Tag::Char('-'),
        b"sym" => Tag::Sym,
        b"fldChar" => Tag::FldChar,
        // Deleted and moved-away text, field codes, and properties that hold
        // no printed text. (`softHyphen` prints nothing unless a line breaks.)
        b"del" | b"moveFrom" | b"delText" | b"instrText" | b"delInstrText" | b"softHyphen"
        | b"pPr" | b"sectPr" | b"tblPr" | b"tblGrid" | b"tblPrEx" | b"sdtPr" | b"sdtEndPr"
        | b"fldData" | b"ffData" | b"footnoteReference" | b"endnoteReference"
        | b"commentReference" | b"annotationRef" | b"background" | b"customXmlPr"
        | b"smartTagPr" => Tag::Skip,
        _ => Tag::Other,
    }
}

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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum VMerge {
    None,
    Restart,
    Continue,
}

struct CellBuilder {
    col: usize,
    col_span: usize,
    vmerge: VMerge,
    hmerge_continue: bool,
    text: String,
    tables: Vec<Table>,
    at: Origin,
}

impl CellBuilder {
    /// Add one paragraph of the cell; empty paragraphs (such as the one Word
    /// requires after a nested table) add nothing.
    fn add_paragraph(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        if !self.text.is_empty() {
            self.text.push('\n');
        }
        self.text.push_str(text);
    }
}

struct RowBuilder {
    cells: Vec<Cell>,
    next_col: usize,
    tc_count: u32,
    at: Origin,
}

/// A vertical merge still open: the restart cell and the last row it covers.
struct Merge {
    col: usize,
    row: usize,
    cell: usize,
    last_row: usize,
}

struct TableBuilder {
    rows: Vec<Row>,
    row: Option<RowBuilder>,
    merges: Vec<Merge>,
    /// The body table number (1-based); 0 for nested tables.
    number: u32,
    /// For a nested table: the origin of the outer cell, used for all its parts.
    nested_at: Option<Origin>,
    tr_count: u32,
    cells: usize,
}

impl TableBuilder {
    fn origin(&self, row: u32, cell: u32) -> Origin {
        match &self.nested_at {
            Some(at) => at.clone(),
            None => Origin::TableCell {
                table: self.number,
                row,
                cell,
            },
        }
    }

    fn start_row(&mut self) {
        self.end_row();
        self.tr_count = self.tr_count.saturating_add(1);
        self.row = Some(RowBuilder {
            cells: Vec::new(),
            next_col: 0,
            tc_count: 0,
            at: self.origin(self.tr_count, 1),
        });
    }

    fn end_row(&mut self) {
        if let Some(row) = self.row.take() {
            let index = self.rows.len();
            self.rows.push(Row {
                cells: row.cells,
                at: row.at,
            });
            // A merge not continued in this row has ended.
            self.merges.retain(|m| m.last_row == index);
        }
    }

    fn start_cell(&mut self) -> CellBuilder {
        if self.row.is_none() {
            self.start_row();
        }
        self.cells = self.cells.saturating_add(1);
        let (col, tc) = match self.row.as_mut() {
            Some(row) => {
                row.tc_count = row.tc_count.saturating_add(1);
                (row.next_col, row.tc_count)
            }
            None => (0, 1),
        };
        CellBuilder {
            col,
            col_span: 1,
            vmerge: VMerge::None,
            hmerge_continue: false,
            text: String::new(),
            tables: Vec::new(),
            at: self.origin(self.tr_count, tc),
        }
    }

    fn end_cell(&mut self, c: CellBuilder) {
        let row_index = self.rows.len();
        let Some(row) = self.row.as_mut() else {
            return;
        };
        row.next_col = c.col.saturating_add(c.col_span);
        if c.hmerge_continue {
            if let Some(prev) = row.cells.last_mut() {
                prev.col_span = prev.col_span.saturating_add(c.col_span);
                append_merged_text(prev, &c.text);
                return;
            }
        }
        if c.vmerge == VMerge::Continue {
            let open = self
                .merges
                .iter_mut()
                .find(|m| m.col == c.col && m.last_row.saturating_add(1) == row_index);
            if let Some(m) = open {
                m.last_row = row_index;
                let top = self
                    .rows
                    .get_mut(m.row)
                    .and_then(|r| r.cells.get_mut(m.cell));
                if let Some(top) = top {
                    top.row_span = top.row_span.saturating_add(1);
                    append_merged_text(top, &c.text);
                }
                return;
            }
            // A continuation with nothing above it starts a cell of its own.
        }
        if c.vmerge == VMerge::Restart {
            self.merges.push(Merge {
                col: c.col,
                row: row_index,
                cell: row.cells.len(),
                last_row: row_index,
            });
        }
        row.cells.push(Cell {
            col: c.col,
            row_span: 1,
            col_span: c.col_span,
            text: c.text,
            tables: c.tables,
            at: c.at,
        });
    }

    fn finish(mut self, at: Origin) -> Table {
        self.end_row();
        Table {
            rows: self.rows,
            at,
        }
    }
}

/// Text left in a merged-away cell (Word hides it) is kept on the covering cell.
fn append_merged_text(cell: &mut Cell, text: &str) {
    if text.trim().is_empty() {
        return;
    }
    if !cell.text.is_empty() {
        cell.text.push('\n');
    }
    cell.text.push_str(text);
}

/// The parser's state.
struct Parser<'l> {
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

/// Parse the main document part into blocks.
pub fn parse(xml: &str, limits: &Limits) -> Result<Document, ReadError> {
    let mut x = Xml::new(xml);
    let mut p = Parser {
        limits,
        stack: Vec::with_capacity(32),
        blocks: Vec::new(),
        diagnostics: Vec::new(),
        fields: Fields::default(),
        body_paragraphs: 0,
        body_tables: 0,
        chars: 0,
        entity_reported: false,
    };
    // Right after a tag the reader may be moved past skipped elements.
    let mut after_tag = false;
    loop {
        if after_tag {
            while x.skip_ahead(&mut p)? {}
        }
        let event = x.reader.read_event().map_err(|e| x.error(&e))?;
        after_tag = matches!(event, Event::Start(_) | Event::Empty(_) | Event::End(_));
        match event {
            Event::Start(e) => {
                x.open(&e)?;
                let tag = x.classify(&e);
                if matches!(tag, Tag::TcPr | Tag::TrPr | Tag::RPr) {
                    // Property blocks are many and small: skip them without
                    // namespace work and pick the few properties out of the raw text.
                    let (start, end, found) = x.skip(e.name(), true)?;
                    let raw = usize::try_from(start)
                        .ok()
                        .zip(usize::try_from(end).ok())
                        .and_then(|(a, b)| xml.get(a..b))
                        .unwrap_or_default();
                    let props = x.props(tag, raw, found);
                    p.apply(props);
                } else if !p.start(tag, &e, &x.resolver)? {
                    x.skip(e.name(), false)?;
                }
            }
            Event::Empty(e) => {
                x.open(&e)?;
                let tag = x.classify(&e);
                if p.start(tag, &e, &x.resolver)? {
                    p.end()?;
                }
                x.close();
            }
            Event::End(_) => {
                x.close();
                p.end()?;
            }
            Event::Text(t) if p.in_text() => p.push_text(&t.xml10_content())?,
            Event::CData(t) if p.in_text() => p.push_text(&t)?,
            Event::GeneralRef(r) if p.in_text() => {
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    p.push_text(c.encode_utf8(&mut [0; 4]))?;
                } else {
                    let name: &str = &r;
                    let text = predefined_entity(name).map_or_else(
                        || {
                            p.unknown_entity(name);
                            Cow::Owned(format!("&{name};"))
                        },
                        Cow::Borrowed,
                    );
                    p.push_text(&text)?;
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !p.stack.is_empty() {
        p.diagnostics.push(Diagnostic::new(
            Severity::Warning,
            "xml.truncated",
            "the main document ends inside open elements; what was read is kept",
        ));
        while !p.stack.is_empty() {
            p.end()?;
        }
    }
    Ok(Document {
        blocks: p.blocks,
        diagnostics: p.diagnostics,
    })
}

/// The namespace of an element, as far as the reader cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ns {
    W,
    Mc,
    Other,
}

impl Ns {
    fn of(ns: &ResolveResult<'_>) -> Ns {
        match ns {
            ResolveResult::Bound(n) if W_NS.contains(&n.0) => Ns::W,
            ResolveResult::Bound(n) if n.0 == MC_NS => Ns::Mc,
            _ => Ns::Other,
        }
    }
}

/// The XML reader with namespace scopes kept the way quick-xml's `NsReader`
/// keeps them, but cheaply: bindings are pushed only for the elements that
/// declare some (few: the root, drawings), and the namespace of each element
/// prefix is looked up once per change of the bindings. Skipped content is
/// scanned past without parsing it into events.
struct Xml<'a> {
    /// The whole document; the reader reads a suffix of its bytes.
    xml: &'a str,
    reader: quick_xml::Reader<&'a [u8]>,
    resolver: NamespaceResolver,
    /// Open elements: the nesting level `NsReader` would count.
    depth: usize,
    /// The depths of the open elements that declared namespace bindings.
    scopes: Vec<usize>,
    /// The namespace of unprefixed element names, once looked up.
    default_ns: Option<Ns>,
    /// The namespaces of element prefixes looked up under the current bindings.
    prefixes: Vec<(String, Ns)>,
    /// Bytes skipped by scanning, which the reader did not count.
    skipped: u64,
    /// Skips content by scanning it.
    scanner: scan::Scanner<'a>,
    /// The properties of the property blocks the scanner remembers, by
    /// their number there.
    props: Vec<Option<(Tag, Props)>>,
}

impl<'a> Xml<'a> {
    fn new(xml: &'a str) -> Self {
        Xml {
            xml,
            reader: quick_xml::Reader::from_str(xml),
            resolver: NamespaceResolver::default(),
            depth: 0,
            scopes: Vec::new(),
            default_ns: None,
            prefixes: Vec::new(),
            skipped: 0,
            scanner: scan::Scanner::new(xml.as_bytes()),
            props: Vec::new(),
        }
    }

    /// Enter an element: push its namespace bindings, if it declares any.
    fn open(&mut self, e: &BytesStart<'_>) -> Result<(), ReadError> {
        // The nesting limit of quick-xml's namespace resolver.
        let max = usize::from(u16::MAX);
        if self.depth >= max {
            return Err(self.error(&NamespaceError::TooDeeplyNested(max).into()));
        }
        self.depth += 1;
        if declares_namespaces(e) {
            self.resolver
                .push(e)
                .map_err(|err| self.error(&err.into()))?;
            self.scopes.push(self.depth);
            self.default_ns = None;
            self.prefixes.clear();
        }
        Ok(())
    }

    /// Leave the innermost open element, dropping its bindings.
    fn close(&mut self) {
        if self.scopes.last() == Some(&self.depth) {
            self.scopes.pop();
            self.resolver.pop();
            self.default_ns = None;
            self.prefixes.clear();
        }
        self.depth = self.depth.saturating_sub(1);
    }

    /// What an element means to the reader, by namespace URI and local name.
    fn classify(&mut self, e: &BytesStart<'_>) -> Tag {
        let name = e.name();
        let (local, prefix) = name.decompose();
        let ns = match prefix {
            None => match self.default_ns {
                Some(ns) => ns,
                None => {
                    let ns = Ns::of(&self.resolver.resolve_element(name).0);
                    self.default_ns = Some(ns);
                    ns
                }
            },
            Some(prefix) => {
                let prefix = prefix.into_inner();
                match self.prefixes.iter().find(|(p, _)| p == prefix) {
                    Some((_, ns)) => *ns,
                    None => {
                        let ns = Ns::of(&self.resolver.resolve_element(name).0);
                        self.prefixes.push((prefix.to_string(), ns));
                        ns
                    }
                }
            }
        };
        match ns {
            Ns::W => classify_w(local.as_ref().as_bytes()),
            Ns::Mc => match local.as_ref() {
                "AlternateContent" => Tag::AltContent,
                "Choice" => Tag::Choice,
                "Fallback" => Tag::Fallback,
                _ => Tag::Other,
            },
            Ns::Other => Tag::Other,
        }
    }

    /// Read the element the rest of the input starts with, without making
    /// quick-xml events of it, when the reader skips it whole or reads only
    /// its properties, and it holds plain content (see [`scan::find_end`]):
    /// property blocks are most of a document. Returns false when nothing was
    /// read; quick-xml then reads the element as usual. Call only right after
    /// a tag was read: then the reader expects text or markup next, and
    /// moving its input on keeps its state right.
    fn skip_ahead(&mut self, p: &mut Parser<'_>) -> Result<bool, ReadError> {
        let rest: &'a [u8] = self.reader.get_ref();
        if rest.first() != Some(&b'<') || matches!(rest.get(1), Some(b'/' | b'!' | b'?') | None) {
            return Ok(false);
        }
        // A first look at the local name: the name of an element skipped or
        // read for its properties ends at a space, `/` or `>`.
        let name = rest.get(1..).unwrap_or_default();
        let name_end = name
            .iter()
            .position(|&b| matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'/' | b'>'))
            .unwrap_or(name.len());
        let name = name.get(..name_end).unwrap_or_default();
        let local = match name.iter().position(|&b| b == b':') {
            Some(colon) => name.get(colon + 1..).unwrap_or_default(),
            None => name,
        };
        if !matches!(
            classify_w(local),
            Tag::Skip | Tag::TcPr | Tag::TrPr | Tag::RPr
        ) {
            return Ok(false);
        }
        let Some(gt) = scan::tag_end(rest, 1) else {
            return Ok(false);
        };
        let at = self.xml.len().saturating_sub(rest.len());
        // `<` and `>` are ASCII, so the slice is on character boundaries.
        let Some(text) = self.xml.get(at + 1..at + gt) else {
            return Ok(false);
        };
        let (content, empty) = match text.strip_suffix('/') {
            Some(content) => (content, true),
            None => (text, false),
        };
        let e = BytesStart::from_content(content, scan::name_len(content.as_bytes()));
        // Namespace declarations change what names mean: the usual way.
        if declares_namespaces(&e) {
            return Ok(false);
        }
        let tag = self.classify(&e);
        let properties = matches!(tag, Tag::TcPr | Tag::TrPr | Tag::RPr);
        if !properties && tag != Tag::Skip {
            return Ok(false);
        }
        // From here on, as the event loop would handle the element.
        let read = if empty {
            self.open(&e)?;
            if p.start(tag, &e, &self.resolver)? {
                p.end()?;
            }
            gt + 1
        } else {
            let name = e.name();
            let found = self
                .scanner
                .find_end(at + gt + 1, name.as_ref().as_bytes(), properties);
            let Some(found) = found else {
                return Ok(false);
            };
            self.open(&e)?;
            if properties {
                let raw = self.xml.get(at + gt + 1..at + gt + 1 + found.end);
                let props = self.props(tag, raw.unwrap_or_default(), Some(found));
                p.apply(props);
            }
            gt + 1 + found.after
        };
        self.close();
        *self.reader.get_mut() = rest.get(read..).unwrap_or_default();
        self.skipped = self.skipped.saturating_add(read as u64);
        Ok(true)
    }

    /// What the property block `tag` with content `raw` says; `found` is
    /// what the scanner found for it, if it scanned it.
    fn props(&mut self, tag: Tag, raw: &str, found: Option<scan::Found>) -> Props {
        let known = found.and_then(|f| f.known);
        if let Some(Some((t, props))) = known.and_then(|i| self.props.get(i)) {
            if *t == tag {
                return *props;
            }
        }
        let props = Props::read(tag, raw, found.and_then(|_| self.scanner.children()));
        if let Some(i) = known {
            if self.props.len() <= i {
                self.props.resize(i + 1, None);
            }
            if let Some(slot) = self.props.get_mut(i) {
                *slot = Some((tag, props));
            }
        }
        props
    }

    /// Skip the content and the end tag of the element `name` just started.
    /// Returns the content's byte range in the document, and what the
    /// scanner found if it scanned it (then, if `children` is set, the
    /// scanner lists its direct children).
    fn skip(
        &mut self,
        name: QName<'_>,
        children: bool,
    ) -> Result<(u64, u64, Option<scan::Found>), ReadError> {
        let rest: &'a [u8] = self.reader.get_mut();
        let at = self.xml.len().saturating_sub(rest.len());
        let found = self
            .scanner
            .find_end(at, name.as_ref().as_bytes(), children);
        // Positions in the document, from the reader's count (which leaves
        // out the bytes skipped by scanning and a byte order mark).
        let start = at as u64;
        let base = start.saturating_sub(self.reader.buffer_position());
        let span = match found.and_then(|f| Some((f, rest.get(f.end..)?))) {
            Some((found, end_tag)) => {
                let k = found.end as u64;
                *self.reader.get_mut() = end_tag;
                self.skipped = self.skipped.saturating_add(k);
                // The end tag itself is read as usual, which keeps the
                // reader's own record of open elements right.
                self.reader.read_event().map_err(|e| self.error(&e))?;
                (start, start.saturating_add(k), Some(found))
            }
            None => {
                // Unusual content: let quick-xml read (and judge) it.
                let span = self.reader.read_to_end(name).map_err(|e| self.error(&e))?;
                (
                    span.start.saturating_add(base),
                    span.end.saturating_add(base),
                    None,
                )
            }
        };
        self.close();
        Ok(span)
    }

    fn error(&self, e: &quick_xml::Error) -> ReadError {
        // Some errors (namespace errors, a missing end tag) carry no position
        // of their own and quick-xml reports 0; the others are at the
        // reader's count, which leaves out the bytes skipped by scanning.
        let at = match self.reader.error_position() {
            0 => 0,
            at => at.saturating_add(self.skipped),
        };
        ReadError::Malformed {
            format: crate::FORMAT,
            reason: format!("main document XML is not well-formed at byte {at}: {e}"),
        }
    }
}

/// Whether a start tag may declare namespaces (has `xmlns` in its
/// attributes; most tags have none, which is quicker to see).
fn declares_namespaces(e: &BytesStart<'_>) -> bool {
    let attributes = e.attributes_raw();
    !attributes.is_empty() && attributes.contains("xmlns")
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

/// A whole number from an attribute, leniently: `2`, `2.0`, ` 2 `.
fn parse_count(value: &str) -> Option<usize> {
    let v = value.trim();
    v.parse::<usize>().ok().or_else(|| {
        v.parse::<f64>()
            .ok()
            .filter(|f| f.is_finite() && *f >= 0.0)
            .map(|f| f.round().min(MAX_SPAN as f64) as usize)
    })
}

/// `w:val` of an on/off property: absent means on.
fn is_on(value: Option<&str>) -> bool {
    !matches!(value, Some("0" | "false" | "off"))
}

/// What a property block says, of what the reader uses; `None` leaves the
/// value as it is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Props {
    /// Of a cell (`w:tcPr`).
    col_span: Option<usize>,
    vmerge: Option<VMerge>,
    hmerge_continue: Option<bool>,
    /// Of a row (`w:trPr`), for a row with no cell yet.
    grid_before: Option<usize>,
    /// Of a run (`w:rPr`).
    hidden: Option<bool>,
}

impl Props {
    /// The properties of the `w:tcPr`, `w:trPr` or `w:rPr` whose content is
    /// `raw`, with its direct children if they were listed.
    fn read(tag: Tag, raw: &str, children: Option<&[scan::Child]>) -> Props {
        let mut props = Props::default();
        match tag {
            Tag::TcPr if raw.contains("Span") || raw.contains("Merge") => {
                let names = ["gridSpan", "vMerge", "hMerge"];
                for_each_property(raw, children, &names, |name, val| match name {
                    "gridSpan" => {
                        let span = val.and_then(parse_count).unwrap_or(1).clamp(1, MAX_SPAN);
                        props.col_span = Some(span);
                    }
                    "vMerge" => {
                        props.vmerge = Some(match val {
                            Some("restart") => VMerge::Restart,
                            _ => VMerge::Continue,
                        });
                    }
                    "hMerge" => props.hmerge_continue = Some(val != Some("restart")),
                    _ => {}
                });
            }
            Tag::TrPr if raw.contains("gridBefore") => {
                for_each_property(raw, children, &["gridBefore"], |_, val| {
                    props.grid_before = Some(val.and_then(parse_count).unwrap_or(0).min(MAX_SPAN));
                });
            }
            // Any mention of `vanish` makes the run visible unless a
            // `w:vanish` says otherwise.
            Tag::RPr if raw.contains("vanish") => {
                let mut hidden = false;
                for_each_property(raw, children, &["vanish"], |_, val| hidden = is_on(val));
                props.hidden = Some(hidden);
            }
            _ => {}
        }
        props
    }
}

/// Call `f` with the local name and `val` attribute of each direct child
/// element named one of `names` in the raw content of a property block.
/// Nested content (such as the old properties in `w:tcPrChange`) is skipped.
/// Property children are all WordprocessingML, so local names suffice. When
/// the scan listed the children (`children`), their tags are read from
/// there: the scan accepts only content quick-xml reads without error, so
/// the result is the same.
fn for_each_property(
    raw: &str,
    children: Option<&[scan::Child]>,
    names: &[&str],
    mut f: impl FnMut(&str, Option<&str>),
) {
    let property = |e: &BytesStart<'_>, f: &mut dyn FnMut(&str, Option<&str>)| {
        let name = e.local_name();
        if !names.contains(&name.as_ref()) {
            return;
        }
        let val = e
            .attributes()
            .with_checks(false)
            .flatten()
            .find(|a| a.key.local_name().as_ref() == "val")
            .map(|a| a.value);
        f(name.as_ref(), val.as_deref());
    };
    if let Some(children) = children {
        for c in children {
            if let Some(content) = raw.get(c.start..c.end) {
                property(&BytesStart::from_content(content, c.name_len), &mut f);
            }
        }
        return;
    }
    let mut reader = quick_xml::Reader::from_str(raw);
    loop {
        let (e, has_children) = match reader.read_event() {
            Ok(Event::Start(e)) => (e, true),
            Ok(Event::Empty(e)) => (e, false),
            Ok(Event::Eof) | Err(_) => return,
            Ok(_) => continue,
        };
        property(&e, &mut f);
        if has_children && reader.read_to_end(e.name()).is_err() {
            return;
        }
    }
}

impl Parser<'_> {
    /// Handle a start tag. Returns false when the element must be skipped
    /// whole (nothing was pushed); true when one node was pushed.
    fn start(
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
                let max_cells = self.limits.max_cells;
                match self.table_mut() {
                    Some(t) => {
                        let cell = t.start_cell();
                        if t.cells > max_cells {
                            return Err(ReadError::Limit {
                                what: format!("a table with more than {max_cells} cells"),
                                limit: format!("{max_cells} cells"),
                                flag: "--max-cells",
                            });
                        }
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
            return Err(ReadError::Limit {
                what: format!("XML nesting deeper than {}", self.limits.max_xml_depth),
                limit: format!("{} levels", self.limits.max_xml_depth),
                flag: "--max-xml-depth",
            });
        }
        Ok(true)
    }

    /// Apply what a property block says.
    fn apply(&mut self, props: Props) {
        let Props {
            col_span,
            vmerge,
            hmerge_continue,
            grid_before,
            hidden,
        } = props;
        if col_span.is_some() || vmerge.is_some() || hmerge_continue.is_some() {
            if let Some(c) = self.cell_mut() {
                c.col_span = col_span.unwrap_or(c.col_span);
                c.vmerge = vmerge.unwrap_or(c.vmerge);
                c.hmerge_continue = hmerge_continue.unwrap_or(c.hmerge_continue);
            }
        }
        if let Some(n) = grid_before {
            if let Some(row) = self.table_mut().and_then(|t| t.row.as_mut()) {
                if row.tc_count == 0 {
                    row.next_col = n;
                }
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
    fn end(&mut self) -> Result<(), ReadError> {
        let Some(node) = self.stack.pop() else {
            return Ok(());
        };
        match node {
            Node::Para(p) => self.finish_paragraph(p),
            Node::Tbl(t) => {
                let at = t.origin(1, 1);
                let table = t.finish(at);
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

    fn in_text(&self) -> bool {
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
    fn push_text(&mut self, s: &str) -> Result<(), ReadError> {
        if !self.visible() {
            return Ok(());
        }
        self.chars = self.chars.saturating_add(s.chars().count());
        if self.chars > self.limits.max_text_chars {
            return Err(ReadError::Limit {
                what: format!(
                    "text of more than {} characters",
                    self.limits.max_text_chars
                ),
                limit: format!("{} characters", self.limits.max_text_chars),
                flag: "--max-text-chars",
            });
        }
        if let Some(p) = self.para_mut() {
            p.text.push_str(s);
        }
        Ok(())
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

impl TableBuilder {
    fn new(number: u32, nested_at: Option<Origin>) -> Self {
        TableBuilder {
            rows: Vec::new(),
            row: None,
            merges: Vec::new(),
            number,
            nested_at,
            tr_count: 0,
            cells: 0,
        }
    }
}

fn is_blank(block: &Block) -> bool {
    match block {
        Block::Paragraph(p) => p.text.trim().is_empty(),
        Block::Table(_) => false,
    }
}
