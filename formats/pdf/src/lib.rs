//! The pdf format: text with positions from the content streams (lopdf
//! parses the file), ruled tables rebuilt from the lines the page draws,
//! paragraphs from the text outside tables.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )
)]

// Reading the file: what a backend gives the layout code, and the lopdf
// backend with its page tree, content interpreter, rule collection and fonts.
mod backend;
mod budget;
mod cmap;
mod content;
mod font;
mod font_arrays;
mod lex;
mod lopdf_backend;
mod object_streams;
mod objects;
mod orient;
mod page_tree;
mod rules;
// Scanned pages: the images they show, for the raster reader.
mod scan;
mod syntax;

// Layout: from glyphs and rules to paragraphs and tables.
mod continuation;
mod doubts;
mod furniture;
mod geometry;
mod lattice;
mod layout;
mod lines;
mod paragraphs;
mod ruled;
mod textgrid;

use gongkai_ir::{
    Document, EmbeddedImage, Limits, Placement, ReadError, ReadOptions, Reader, Severity, Sniff,
};

use crate::backend::{Backend, Page};
use crate::lopdf_backend::LopdfBackend;

/// The PDF reader.
pub struct PdfReader;

inventory::submit! { gongkai_ir::ReaderEntry(&PdfReader) }

impl Reader for PdfReader {
    fn name(&self) -> &'static str {
        "pdf"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["pdf"]
    }

    fn sniff(&self, data: &[u8]) -> Sniff {
        let head = data.get(..1024).unwrap_or(data);
        if head.windows(5).any(|w| w == b"%PDF-") {
            Sniff::Yes
        } else {
            Sniff::No
        }
    }

    fn read(&self, data: &[u8], options: &ReadOptions) -> Result<Document, ReadError> {
        read_with(&LopdfBackend, data, options)
    }

    fn has_page_images(&self) -> bool {
        true
    }

    fn page_images(
        &self,
        data: &[u8],
        limits: &Limits,
        wanted: &dyn Fn(&Placement) -> bool,
    ) -> Result<Vec<EmbeddedImage>, ReadError> {
        scan::page_images(data, limits, wanted)
    }
}

/// Read with a given backend. The input-size check and the panic guard are
/// the pipeline's (`gongkai::load`), one each for every reader.
fn read_with(
    backend: &(dyn Backend + Sync),
    data: &[u8],
    options: &ReadOptions,
) -> Result<Document, ReadError> {
    let limits = &options.limits;
    let mut diagnostics = Vec::new();
    let pages: Vec<Page> = backend.pages(data, limits, &mut diagnostics)?;
    check_text_layer(&pages, &diagnostics)?;
    layout::build(&pages, limits, diagnostics)
}

/// A PDF whose pages show no text at all is a scan (or undecodable).
fn check_text_layer(
    pages: &[Page],
    diagnostics: &[gongkai_ir::Diagnostic],
) -> Result<(), ReadError> {
    if pages.iter().any(|p| !p.glyphs.is_empty()) {
        return Ok(());
    }
    if let Some(d) = diagnostics
        .iter()
        .find(|d| d.severity == Severity::Error && d.code == "pdf.font.undecodable")
    {
        return Err(ReadError::Encoding(gongkai_ir::Undecodable::Noticed(
            d.into(),
        )));
    }
    // Text in a stream that could not be inflated (a Flate bomb, a broken
    // filter) is not a scan: say what stopped the read.
    if let Some(d) = diagnostics
        .iter()
        .find(|d| d.code == "pdf.content.undecodable")
    {
        return Err(ReadError::Malformed {
            format: "pdf",
            reason: gongkai_ir::Flaw::Noticed(d.into()),
        });
    }
    Err(ReadError::NoTextLayer(gongkai_ir::NoText::Pages(
        pages.len(),
    )))
}
