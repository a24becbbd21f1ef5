//! The XML cursor and the event loop: quick-xml events of the main document
//! part handed to the [`Parser`], with namespace scopes kept cheaply and, when
//! the byte scanner is on, skipped elements and property blocks read straight
//! from the bytes ([`scan`]) instead of event by event.

use gongkai_ir::{Document, Limits, ReadError};
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::{NamespaceError, NamespaceResolver, QName, ResolveResult};

use crate::chunks::{Chunk, ChunkNote, ChunkSource, NoChunks};
use crate::parser::Parser;
use crate::props::Props;
use crate::scan;
use crate::vocab::{classify_w, Ns, Tag, R_NS};

/// Whether the main document's property blocks and skipped elements are read
/// straight from the bytes (on, the default; it halves the time of a DOCX
/// read) or event by event with quick-xml (off). The result is the same
/// either way, errors included; off is there to check that.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Scanner {
    /// Read with the byte scanner.
    #[default]
    On,
    /// Read every element with quick-xml.
    Off,
}

/// Parse the main document part into blocks, with the byte scanner on or
/// off (the result is the same); altChunks are taken from `chunks`.
pub(crate) fn parse(
    xml: &str,
    limits: &Limits,
    scanner: Scanner,
    chunks: &mut dyn ChunkSource,
) -> Result<Document, ReadError> {
    let mut p = Parser::new(limits);
    run(&mut Xml::new(xml, scanner), &mut p, chunks, scanner)?;
    p.finish()
}

/// The event loop over one document's XML, building into `p`.
fn run(
    x: &mut Xml<'_>,
    p: &mut Parser<'_>,
    chunks: &mut dyn ChunkSource,
    scanner: Scanner,
) -> Result<(), ReadError> {
    let xml = x.xml;
    // Right after a tag the reader may be moved past skipped elements.
    let mut after_tag = false;
    let mut events = 0u32;
    loop {
        // Timed out or over the memory budget: stop (gongkai_ir::watch).
        events = events.wrapping_add(1);
        if events.is_multiple_of(1024) {
            gongkai_ir::checkpoint()?;
        }
        if after_tag {
            while x.skip_ahead(p)? {}
        }
        let event = x.reader.read_event().map_err(|e| x.error(&e))?;
        after_tag = matches!(event, Event::Start(_) | Event::Empty(_) | Event::End(_));
        match event {
            Event::Start(e) => {
                x.open(&e)?;
                let tag = x.classify(&e);
                if tag.is_properties() {
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
                } else if tag == Tag::AltChunk {
                    alt_chunk(&e, &x.resolver, p, chunks, scanner)?;
                    // Its content is only its properties.
                    x.skip(e.name(), false)?;
                } else if !p.start(tag, &e, &x.resolver)? {
                    x.skip(e.name(), false)?;
                }
            }
            Event::Empty(e) => {
                x.open(&e)?;
                let tag = x.classify(&e);
                if tag == Tag::AltChunk {
                    alt_chunk(&e, &x.resolver, p, chunks, scanner)?;
                } else if p.start(tag, &e, &x.resolver)? {
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
            Event::GeneralRef(r) if p.in_text() => p.reference(&r)?,
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(())
}

/// Read the content a `w:altChunk` imports where it stands: an embedded
/// Word document's body as if it were written here (as Word merges it when
/// it opens the file), anything else named in a diagnostic.
fn alt_chunk(
    e: &BytesStart<'_>,
    resolver: &NamespaceResolver,
    p: &mut Parser<'_>,
    chunks: &mut dyn ChunkSource,
    scanner: Scanner,
) -> Result<(), ReadError> {
    let at = p.import_origin();
    let id = rel_id(e, resolver).unwrap_or_default();
    let chunk = match chunks.chunk(&id, &at)? {
        Chunk::Unread(d) => {
            p.note(d);
            return Ok(());
        }
        Chunk::Word(chunk) => chunk,
    };
    chunk.diagnostics.into_iter().for_each(|d| p.note(d));
    let mark = p.begin_chunk();
    // One level: a chunk's own altChunks are named, not followed.
    let mut inner = NoChunks {
        why: "content embedded in embedded content is not followed",
    };
    let read = run(&mut Xml::new(&chunk.xml, scanner), p, &mut inner, scanner);
    p.end_chunk(mark)?;
    let damage = match &read {
        Err(ReadError::Malformed { reason, .. }) => reason.to_string(),
        _ => String::new(),
    };
    let note = match &read {
        Ok(()) => ChunkNote::Read {
            id: &id,
            name: &chunk.name,
        },
        Err(ReadError::Malformed { .. }) => ChunkNote::Damaged {
            name: &chunk.name,
            reason: &damage,
        },
        // Limits and the rest stop the file, as anywhere else.
        Err(_) => return read,
    };
    p.note(note.diagnostic(&at));
    Ok(())
}

/// The relationship id (`r:id`) of an element.
fn rel_id(e: &BytesStart<'_>, resolver: &NamespaceResolver) -> Option<String> {
    e.attributes().with_checks(false).flatten().find_map(|a| {
        let (ns, name) = resolver.resolve_attribute(a.key);
        let in_r = matches!(ns, ResolveResult::Bound(n) if R_NS.contains(&n.0));
        (in_r && name.as_ref() == "id").then(|| a.value.into_owned())
    })
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
    /// Skips content by scanning it; `None` when the byte scanner is off.
    skipper: Option<scan::Skipper<'a>>,
    /// The properties of the property blocks the scanner remembers, by
    /// their number there.
    props: Vec<Option<(Tag, Props)>>,
}

impl<'a> Xml<'a> {
    fn new(xml: &'a str, scanner: Scanner) -> Self {
        Xml {
            xml,
            reader: quick_xml::Reader::from_str(xml),
            resolver: NamespaceResolver::default(),
            depth: 0,
            scopes: Vec::new(),
            default_ns: None,
            prefixes: Vec::new(),
            skipped: 0,
            skipper: match scanner {
                Scanner::On => Some(scan::Skipper::new(xml.as_bytes())),
                Scanner::Off => None,
            },
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
        Tag::of(ns, local.as_ref().as_bytes())
    }

    /// Read the element the rest of the input starts with, without making
    /// quick-xml events of it, when the reader skips it whole or reads only
    /// its properties, and it holds plain content (see [`scan::find_end`]):
    /// property blocks are most of a document. Returns false when nothing was
    /// read; quick-xml then reads the element as usual. Call only right after
    /// a tag was read: then the reader expects text or markup next, and
    /// moving its input on keeps its state right. With the byte scanner
    /// off, nothing is read here.
    fn skip_ahead(&mut self, p: &mut Parser<'_>) -> Result<bool, ReadError> {
        if self.skipper.is_none() {
            return Ok(false);
        }
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
        let guess = classify_w(local);
        if guess != Tag::Skip && !guess.is_properties() {
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
        let properties = tag.is_properties();
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
            let found = self.skipper.as_mut().and_then(|skipper| {
                skipper.find_end(at + gt + 1, name.as_ref().as_bytes(), properties)
            });
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
        let children = found.and_then(|_| self.skipper.as_ref()?.children());
        let props = Props::read(tag, raw, children);
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
    /// scanner lists its direct children); with the scanner off, quick-xml
    /// reads the content.
    fn skip(
        &mut self,
        name: QName<'_>,
        children: bool,
    ) -> Result<(u64, u64, Option<scan::Found>), ReadError> {
        let rest: &'a [u8] = self.reader.get_mut();
        let at = self.xml.len().saturating_sub(rest.len());
        let found = self
            .skipper
            .as_mut()
            .and_then(|skipper| skipper.find_end(at, name.as_ref().as_bytes(), children));
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
            reason: gongkai_ir::Flaw::XmlNotWellFormed {
                byte: at,
                detail: e.to_string(),
            },
        }
    }
}

/// Whether a start tag may declare namespaces (has `xmlns` in its
/// attributes; most tags have none, which is quicker to see).
fn declares_namespaces(e: &BytesStart<'_>) -> bool {
    let attributes = e.attributes_raw();
    !attributes.is_empty() && attributes.contains("xmlns")
}
