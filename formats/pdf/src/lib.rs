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

pub mod backend;
pub mod cmap;
pub mod font;
pub mod lattice;
pub mod layout;
pub mod lopdf_backend;
pub mod textgrid;

use gongkai_ir::{Document, ReadError, ReadOptions, Reader, Severity, Sniff};

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
}

/// Read with a given backend; a panic inside becomes [`ReadError::Internal`].
pub fn read_with(
    backend: &(dyn Backend + Sync),
    data: &[u8],
    options: &ReadOptions,
) -> Result<Document, ReadError> {
    let limits = &options.limits;
    if data.len() as u64 > limits.max_input_bytes {
        return Err(ReadError::Limit {
            what: format!("a file of {} bytes", data.len()),
            limit: limits.max_input_bytes.to_string(),
            flag: "--max-input-bytes",
        });
    }
    let run = || -> Result<Document, ReadError> {
        let mut diagnostics = Vec::new();
        let pages: Vec<Page> = backend.pages(data, limits, &mut diagnostics)?;
        check_text_layer(&pages, &diagnostics)?;
        layout::build(&pages, limits, diagnostics)
    };
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(run)) {
        Ok(r) => r,
        Err(e) => {
            let msg = e
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| e.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "panic".into());
            Err(ReadError::Internal(format!(
                "the PDF backend panicked: {msg}"
            )))
        }
    }
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
        return Err(ReadError::Encoding(d.message.clone()));
    }
    // Text in a stream that could not be inflated (a Flate bomb, a broken
    // filter) is not a scan: say what stopped the read.
    if let Some(d) = diagnostics
        .iter()
        .find(|d| d.code == "pdf.content.undecodable")
    {
        return Err(ReadError::Malformed {
            format: "pdf",
            reason: d.message.clone(),
        });
    }
    Err(ReadError::NoTextLayer(format!(
        "{} page(s) without any text; OCR it first (e.g. ocrmypdf)",
        pages.len()
    )))
}
