//! Raster reader: page images (PNG, JPEG, multi-page TIFF) to the same IR
//! the PDF reader makes, by OCR.
//!
//! Each page is binarized (Otsu), straightened by the skew of its long rules,
//! its horizontal and vertical rules are found and built into grids with
//! merged cells, and every cell is read on its own by Tesseract 5 (loaded at
//! run time): a cell the Chinese model reads as digits is read again with a
//! digits-only whitelist in single-line mode. A cell read with low
//! confidence is an `ocr.low_confidence` warning with its page and cell.
//!
//! The grid builder mirrors `gongkai-format-pdf`'s private `lattice` module
//! (rules → crossing components → boundaries → merged regions). Sharing one
//! builder needs that module moved to a crate both readers use, taking rule
//! segments with the snap tolerance as a parameter (the PDF's is 2 points,
//! a scan's about 3 points in pixels) instead of `geometry::SNAP`.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )
)]

mod decode;
mod lattice;
mod page;
mod raster;
mod tess;

use gongkai_ir::{
    Diagnostic, Document, ReadError, ReadOptions, Reader, ReaderEntry, Severity, Sniff,
};

pub use page::LOW_CONFIDENCE;
pub use tess::INSTALL_HINT;

/// The page-image reader.
pub struct ImageReader;

inventory::submit! { ReaderEntry(&ImageReader) }

impl Reader for ImageReader {
    fn name(&self) -> &'static str {
        "image"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["png", "jpg", "jpeg", "tif", "tiff"]
    }

    fn sniff(&self, data: &[u8]) -> Sniff {
        if decode::Kind::of(data).is_some() {
            Sniff::Yes
        } else {
            Sniff::No
        }
    }

    fn read(&self, data: &[u8], options: &ReadOptions) -> Result<Document, ReadError> {
        let limits = &options.limits;
        // Sizes are checked before any pixel is decoded or any engine started.
        let pages = decode::pages(data, limits)?;
        let mut engines = start_engines()?;
        let mut doc = Document::default();
        doc.diagnostics.push(Diagnostic::new(
            Severity::Info,
            "ocr.engine",
            format!(
                "text read by OCR: Tesseract {} (chi_sim; eng for digits)",
                engines.chinese.version()
            ),
        ));
        for (i, image) in pages.iter().enumerate() {
            let number = u32::try_from(i + 1).unwrap_or(u32::MAX);
            let blocks = page::read(number, image, &mut engines, limits, &mut doc.diagnostics)?;
            doc.blocks.extend(blocks);
        }
        Ok(doc)
    }
}

fn start_engines() -> Result<page::Engines, ReadError> {
    let missing = |e: tess::EngineError| ReadError::Unsupported {
        what: format!("cannot OCR this image ({e})"),
        hint: INSTALL_HINT.to_string(),
    };
    Ok(page::Engines {
        chinese: tess::Engine::start("chi_sim").map_err(missing)?,
        digits: tess::Engine::start("eng").map_err(missing)?,
    })
}
