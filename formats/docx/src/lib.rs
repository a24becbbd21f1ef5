//! DOCX reader: WordprocessingML (`.docx`, `.docm`, or any zip holding a
//! Word main document part) to the IR.
//!
//! One streaming pass over the main document part with quick-xml's
//! namespace-aware reader: elements are matched by namespace URI, so any
//! prefix (`w:`, `ns0:`) works. Tables keep `gridSpan`/`vMerge` as spans and
//! `gridBefore`/missing cells as empty grid positions; text boxes follow the
//! paragraph that anchors them. Legacy binary Word/WPS files and encrypted
//! Office files are recognised and refused with a hint.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )
)]

mod body;
mod ole;
mod package;
mod scan;
mod symbols;

use gongkai_ir::{Document, ReadError, ReadOptions, Reader, ReaderEntry, Sniff};

pub use symbols::map_symbol;

/// The format name used in errors.
const FORMAT: &str = "docx";

/// The DOCX reader.
pub struct DocxReader;

inventory::submit! { ReaderEntry(&DocxReader) }

impl Reader for DocxReader {
    fn name(&self) -> &'static str {
        FORMAT
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["docx", "docm"]
    }

    fn sniff(&self, data: &[u8]) -> Sniff {
        if ole::is_ole(data) {
            return ole::sniff(data);
        }
        package::sniff(data)
    }

    fn read(&self, data: &[u8], options: &ReadOptions) -> Result<Document, ReadError> {
        read(data, options)
    }
}

/// Read a DOCX file (given as bytes) into the IR.
pub fn read(data: &[u8], options: &ReadOptions) -> Result<Document, ReadError> {
    let limits = &options.limits;
    limits.check_input(data.len())?;
    if ole::is_ole(data) {
        return Err(ole::refuse(data));
    }
    let part = package::main_document(data, limits)?;
    let mut diagnostics = Vec::new();
    let xml = package::decode_xml(&part.bytes, &part.name, &mut diagnostics);
    let mut doc = body::parse(&xml, limits)?;
    diagnostics.append(&mut doc.diagnostics);
    doc.diagnostics = diagnostics;
    Ok(doc)
}

/// Read the XML of a main document part (`word/document.xml`) into the IR.
pub fn read_document_xml(xml: &str, options: &ReadOptions) -> Result<Document, ReadError> {
    body::parse(xml, &options.limits)
}

#[cfg(test)]
mod tests;
