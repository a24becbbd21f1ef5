//! DOCX reader: WordprocessingML (`.docx`, `.docm`, or any zip holding a
//! Word main document part) to the IR.
//!
//! One streaming pass over the main document part with quick-xml's
//! namespace-aware reader: elements are matched by namespace URI, so any
//! prefix (`w:`, `ns0:`) works. Tables keep `gridSpan`/`vMerge` as spans and
//! `gridBefore`/missing cells as empty grid positions; text boxes follow the
//! paragraph that anchors them. A Word document embedded by `w:altChunk` is
//! read where it stands; other embedded content is named in a diagnostic.
//! Rows deleted with tracked changes are left out. Legacy binary Word/WPS
//! files, encrypted Office files and packages behind a prefix are
//! recognised and refused with a hint.
//!
//! The pass over the main document part, by job: `vocab` (element names to
//! tags), `cursor` (the XML cursor and event loop), `scan` (the byte scanner
//! that skips elements without events), `props` (property blocks),
//! `parser` (the state machine building paragraphs and tables) and `tables`
//! (cells and merges to IR tables); `cursor` → `parser` → `tables` → `vocab`,
//! never back. `chunks` finds the parts that altChunks name, for `cursor`.
//! The zip and OLE container guard is shared with the XLSX reader
//! (`gongkai-ooxml`).
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )
)]

mod chunks;
mod cursor;
mod ole;
mod package;
mod parser;
mod props;
mod scan;
mod symbols;
mod tables;
mod vocab;

use gongkai_ir::{Document, ReadError, ReadOptions, Reader, ReaderEntry, Sniff};

pub use cursor::Scanner;
pub use symbols::map_symbol;

/// The format name used in errors.
const FORMAT: &str = "docx";

/// The DOCX reader.
pub struct DocxReader;

impl DocxReader {
    /// Read a DOCX file (given as bytes) into the IR, with the byte scanner
    /// on or off.
    pub fn read_with(
        &self,
        data: &[u8],
        options: &ReadOptions,
        scanner: Scanner,
    ) -> Result<Document, ReadError> {
        let limits = &options.limits;
        if gongkai_ooxml::is_ole(data) {
            return Err(ole::refuse(data));
        }
        let (mut package, part) = package::open_main(data, limits)?;
        let mut chunks = chunks::PackageChunks::new(&mut package, &part.name, limits);
        read_part(&part.bytes, &part.name, options, scanner, &mut chunks)
    }
}

inventory::submit! { ReaderEntry(&DocxReader) }

impl Reader for DocxReader {
    fn name(&self) -> &'static str {
        FORMAT
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["docx", "docm"]
    }

    fn sniff(&self, data: &[u8]) -> Sniff {
        if gongkai_ooxml::is_ole(data) {
            return ole::sniff(data);
        }
        package::sniff(data)
    }

    fn read(&self, data: &[u8], options: &ReadOptions) -> Result<Document, ReadError> {
        self.read_with(data, options, Scanner::default())
    }
}

/// Read a DOCX file (given as bytes) into the IR.
pub fn read(data: &[u8], options: &ReadOptions) -> Result<Document, ReadError> {
    DocxReader.read_with(data, options, Scanner::default())
}

/// Read the XML of a main document part (`word/document.xml`) into the IR.
pub fn read_document_xml(xml: &str, options: &ReadOptions) -> Result<Document, ReadError> {
    cursor::parse(xml, &options.limits, Scanner::default(), &mut no_package())
}

/// The parts of altChunks when only the main document part is given.
fn no_package() -> chunks::NoChunks {
    chunks::NoChunks {
        why: "only the main document part was given, without its package",
    }
}

/// Read the bytes of a main document part (UTF-8, or UTF-16 with a byte
/// order mark), as [`DocxReader::read_with`] reads the inflated part: for
/// the fuzz target that compares the scanner on and off.
#[doc(hidden)]
pub fn read_document_bytes(
    bytes: &[u8],
    options: &ReadOptions,
    scanner: Scanner,
) -> Result<Document, ReadError> {
    read_part(
        bytes,
        package::DEFAULT_MAIN,
        options,
        scanner,
        &mut no_package(),
    )
}

/// Decode and parse the main document part `name`; decoding diagnostics
/// come first.
fn read_part(
    bytes: &[u8],
    name: &str,
    options: &ReadOptions,
    scanner: Scanner,
    chunks: &mut dyn chunks::ChunkSource,
) -> Result<Document, ReadError> {
    let mut diagnostics = Vec::new();
    let xml = package::decode_xml(bytes, name, &mut diagnostics);
    let mut doc = cursor::parse(&xml, &options.limits, scanner, chunks)?;
    diagnostics.append(&mut doc.diagnostics);
    doc.diagnostics = diagnostics;
    Ok(doc)
}

#[cfg(test)]
mod tests;
