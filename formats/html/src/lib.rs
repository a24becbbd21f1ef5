//! Web pages and the gongkai report.
//!
//! The reader takes a saved report page (`.html`, `.htm`, `.shtml`, or a
//! `.mht`/`.mhtml` web archive), decodes it (byte-order mark, then the
//! declared charset, then a detector), parses it with html5ever as a
//! browser does (tag soup included) and turns its visible paragraphs and
//! tables (row and column spans kept, tables in a cell nested in it) into
//! the IR, each block saying which element of the page holds it. What the
//! page's text means (which element is the article, what a metadata box
//! says) is the normalizer's to find: this reader knows HTML, not reports.
//! The writer renders a report as one self-contained page.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )
)]

mod build;
mod css;
mod decode;
mod dom;
mod mht;
mod phrases;
mod sniff;
mod table;
mod text;
mod write;

use gongkai_ir::{
    Diagnostic, Document, Limit, ReadError, ReadOptions, Reader, ReaderEntry, Severity, Sniff,
};
use gongkai_report::{Report, WriteError, WriteOptions, Writer, WriterEntry};

pub use write::render;

/// Reads web pages and web archives.
pub struct HtmlReader;

impl Reader for HtmlReader {
    fn name(&self) -> &'static str {
        "html"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["html", "htm", "shtml", "xhtml", "mht", "mhtml"]
    }

    fn sniff(&self, data: &[u8]) -> Sniff {
        sniff::sniff(data)
    }

    fn read(&self, data: &[u8], options: &ReadOptions) -> Result<Document, ReadError> {
        read_html(data, options)
    }
}

/// Writes the report as one HTML page.
pub struct HtmlWriter;

impl Writer for HtmlWriter {
    fn name(&self) -> &'static str {
        "html"
    }

    fn extension(&self) -> &'static str {
        "html"
    }

    fn to_bytes(&self, report: &Report, _: &WriteOptions) -> Result<Vec<u8>, WriteError> {
        Ok(render(report).into_bytes())
    }
}

inventory::submit! { ReaderEntry(&HtmlReader) }
inventory::submit! { WriterEntry(&HtmlWriter) }

/// Read a web page or web archive into the IR.
pub fn read_html(data: &[u8], options: &ReadOptions) -> Result<Document, ReadError> {
    let mut notes = Vec::new();
    let archive;
    let (bytes, charset) = if mht::looks_like_mht(data) {
        archive = mht::page(data, options)?;
        notes.push(Diagnostic::new(
            Severity::Info,
            "html.archive",
            "web archive (MHT): the page's text/html part was read",
        ));
        (archive.bytes.as_slice(), archive.charset.as_deref())
    } else {
        (data, None)
    };
    // No encoding takes more than 4 bytes a character: a page this large
    // is over the text limit whatever it holds, and is not decoded.
    let at_least = bytes.len() / 4;
    options
        .limits
        .check(Limit::TextChars, at_least as u64, || {
            gongkai_ir::Oversize::Text(gongkai_ir::Amount::AtLeast(at_least as u64))
        })?;
    let decoded = decode::decode(bytes, charset)?;
    // The markup counts too: a page is parsed whole, so its size is what
    // the text limit bounds.
    options.limits.check_text(dom::chars(&decoded.text))?;
    notes.push(Diagnostic::new(
        if decoded.lossy {
            Severity::Warning
        } else {
            Severity::Info
        },
        "html.encoding",
        format!("page decoded as {}", decoded.how),
    ));
    let dom = dom::parse(&decoded.text, options)?;
    drop(decoded);
    let blocks = build::build(&dom.document, options)?;
    Ok(Document {
        blocks,
        diagnostics: notes,
    })
}
