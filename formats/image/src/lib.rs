//! Raster reader: page images (PNG, JPEG, multi-page TIFF, and the
//! pictures a PDF's pages draw, handed over still encoded by the PDF reader
//! through the facade: [`read_pictures`]) to the same IR the PDF reader
//! makes, by OCR. Every OCR'd cell carries its confidence (`Cell::confidence`).
//!
//! Each page is binarized (Otsu), straightened by the skew of its long rules,
//! its horizontal and vertical rules are found and built into grids with
//! merged cells, and every cell is read on its own by Tesseract 5 (loaded at
//! run time): a cell the Chinese model reads as digits is read again with a
//! digits-only whitelist in single-line mode. A cell read with low
//! confidence is an `ocr.low_confidence` warning with its page and cell.
//!
//! The grid is built by `gongkai-lattice`, the PDF reader's builder too:
//! this crate only finds the rules (long runs of ink) and says its
//! tolerances in pixels (a snap of 3 points at the scan's resolution).
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )
)]

mod cell;
mod crop;
mod decode;
mod embedded;
mod lattice;
mod orient;
mod page;
mod raster;
mod ruleless;
mod tess;

use std::cell::RefCell;

use gongkai_ir::{
    Block, Diagnostic, Document, EmbeddedImage, Limit, OcrMode, Placement, ReadError, ReadOptions,
    Reader, ReaderEntry, Severity, Sniff, OCR_ENGINE,
};

pub use page::LOW_CONFIDENCE;

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
        if options.ocr == OcrMode::Never {
            return Err(ocr_turned_off(pages.len()));
        }
        with_engines(|engines| {
            let mut ocr = Ocr::start(engines);
            for (i, image) in pages.iter().enumerate() {
                let number = u32::try_from(i + 1).unwrap_or(u32::MAX);
                ocr.page(number, image, None, PictureUse::Page, limits)?;
            }
            Ok(ocr.doc)
        })
    }
}

/// The error for page images when `--ocr never` forbids reading them.
pub fn ocr_turned_off(pages: usize) -> ReadError {
    ReadError::NoTextLayer(gongkai_ir::NoText::OcrOff(pages))
}

/// What the caller wants from a picture another reader found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PictureUse {
    /// The picture is (part of) a page without text: its tables and its text.
    Page,
    /// The picture sits among text: only the tables it shows (a table
    /// pasted as a picture); other text in it is left out.
    Tables,
}

/// What OCR read from pictures another reader found: each picture's
/// blocks, in the order given, with origins on the picture's page, and
/// what was noticed (the engine first).
#[derive(Debug, Default)]
pub struct PictureReadings {
    /// The blocks of each picture, in the order the pictures were given.
    pub blocks: Vec<Vec<Block>>,
    /// The engine's name, and what OCR noticed.
    pub diagnostics: Vec<Diagnostic>,
}

/// Read the pictures another reader found (a scanned PDF's pages, tables
/// pasted as pictures) by OCR, one at a time: decoded, read and dropped
/// before the next. Each picture counts against `--max-ocr-pages`.
pub fn read_pictures(
    pictures: &[(EmbeddedImage, PictureUse)],
    options: &ReadOptions,
) -> Result<PictureReadings, ReadError> {
    let limits = &options.limits;
    limits.check(Limit::OcrPages, pictures.len() as u64, || {
        gongkai_ir::Oversize::ScanPages(pictures.len() as u64)
    })?;
    if options.ocr == OcrMode::Never {
        return Err(ocr_turned_off(pictures.len()));
    }
    with_engines(|engines| {
        let mut ocr = Ocr::start(engines);
        let mut blocks = Vec::with_capacity(pictures.len());
        for (image, what) in pictures {
            gongkai_ir::checkpoint()?;
            let page = embedded::decode(image, limits)?;
            let before = ocr.doc.blocks.len();
            ocr.page(image.page, &page, image.at.as_ref(), *what, limits)?;
            blocks.push(ocr.doc.blocks.split_off(before));
        }
        Ok(PictureReadings {
            blocks,
            diagnostics: ocr.doc.diagnostics,
        })
    })
}

thread_local! {
    /// This thread's engines, started by the first file it reads by OCR and
    /// kept for the next: a worker of a batch loads each model once.
    static ENGINES: RefCell<Option<page::Engines>> = const { RefCell::new(None) };
}

/// Run `read` with this thread's engines, started if it has none yet (a
/// failed start is tried again by the next file: nothing is kept of it).
fn with_engines<T>(
    read: impl FnOnce(&mut page::Engines) -> Result<T, ReadError>,
) -> Result<T, ReadError> {
    let kept = ENGINES.with(|slot| slot.borrow_mut().take());
    let mut engines = match kept {
        Some(engines) => engines,
        None => start_engines()?,
    };
    let out = read(&mut engines);
    ENGINES.with(|slot| *slot.borrow_mut() = Some(engines));
    out
}

/// The engines and the document being read.
struct Ocr<'a> {
    engines: &'a mut page::Engines,
    doc: Document,
}

impl<'a> Ocr<'a> {
    /// Read with `engines`; the document opens with the engine's name.
    fn start(engines: &'a mut page::Engines) -> Ocr<'a> {
        let engine = format!("Tesseract {}", engines.chinese.version());
        let mut doc = Document::default();
        doc.diagnostics.push(
            Diagnostic::new(
                Severity::Info,
                OCR_ENGINE,
                format!("text read by OCR: {engine} (chi_sim; eng for digits)"),
            )
            .with_raw(engine),
        );
        Ocr { engines, doc }
    }

    /// Read page `number`'s image (or a picture on it, drawn at `at`).
    fn page(
        &mut self,
        number: u32,
        image: &decode::Page,
        at: Option<&Placement>,
        what: PictureUse,
        limits: &gongkai_ir::Limits,
    ) -> Result<(), ReadError> {
        let blocks = page::read(
            page::Picture {
                number,
                image,
                at,
                tables_only: what == PictureUse::Tables,
            },
            self.engines,
            limits,
            &mut self.doc.diagnostics,
        )?;
        self.doc.blocks.extend(blocks);
        Ok(())
    }
}

fn start_engines() -> Result<page::Engines, ReadError> {
    let missing = |missing| ReadError::Unsupported(gongkai_ir::Unsupported::NoOcr { missing });
    Ok(page::Engines {
        chinese: tess::Engine::start("chi_sim").map_err(missing)?,
        digits: tess::Engine::start("eng").map_err(missing)?,
    })
}
