//! Scanned pages: a reader whose pages can be images (PDF) finds the images
//! its pages show, the raster reader reads them by OCR, and `--ocr` says
//! when. The readers stay apart (a PDF reader that knows no pixels, a raster
//! reader that knows no PDF); this is where the two meet.

use gongkai_ir::{Document, OcrMode, ReadError, ReadOptions, Reader, OCR_ENGINE};

/// Read a file of a format whose pages can be images (a PDF), by OCR where
/// `--ocr` asks: `always` reads its page images (its text layer when it
/// shows none), `auto` only a file without any text, `never` reads the text
/// layer alone.
pub(crate) fn read_paged(
    reader: &'static dyn Reader,
    data: &[u8],
    options: &ReadOptions,
) -> Result<Document, ReadError> {
    match options.ocr {
        OcrMode::Never => reader.read(data, options).map_err(|e| match e {
            ReadError::NoTextLayer(why) => {
                ReadError::NoTextLayer(gongkai_ir::NoText::OcrNever(Box::new(why)))
            }
            e => e,
        }),
        OcrMode::Always => {
            let images = reader.page_images(data, &options.limits)?;
            if images.is_empty() {
                return reader.read(data, options);
            }
            gongkai_format_image::read_embedded(&images, options)
        }
        OcrMode::Auto => match reader.read(data, options) {
            Err(ReadError::NoTextLayer(why)) => {
                let images = reader.page_images(data, &options.limits)?;
                if images.is_empty() {
                    return Err(ReadError::NoTextLayer(why));
                }
                gongkai_format_image::read_embedded(&images, options)
            }
            read => read,
        },
    }
}

/// The OCR engine a document was read with, as its reader named it.
pub(crate) fn engine(doc: &Document) -> Option<String> {
    doc.diagnostics
        .iter()
        .find(|d| d.code == OCR_ENGINE)
        .and_then(|d| d.raw.clone())
}
