//! Page images as a file stores them: what a document reader hands the
//! raster (OCR) reader when a page shows a picture instead of text.

/// One image a page shows, still encoded as the file stores it.
#[derive(Debug, Clone, PartialEq)]
pub struct EmbeddedImage {
    /// The 1-based page that shows it.
    pub page: u32,
    /// Width in pixels, as the file states it.
    pub width: u32,
    /// Height in pixels, as the file states it.
    pub height: u32,
    /// How `data` is encoded.
    pub encoding: ImageEncoding,
    /// The image's bytes (filters other than the image codec already undone).
    pub data: Vec<u8>,
}

/// How an [`EmbeddedImage`]'s bytes are encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageEncoding {
    /// Raw samples, rows padded to a whole byte.
    Samples {
        /// Bits per sample: 1, 2, 4, 8 or 16.
        bits: u8,
        /// Samples per pixel: 1 (grey), 3 (RGB) or 4 (CMYK).
        components: u8,
        /// True when a sample of 0 is paper rather than ink (`/Decode [1 0]`).
        inverted: bool,
    },
    /// A JPEG (baseline or progressive) file.
    Jpeg,
    /// CCITT fax data, 1 bit a pixel; the majority colour is taken for
    /// paper (producers state the polarity wrongly both ways).
    Fax {
        /// `K`: negative for Group 4, 0 for Group 3 one-dimensional.
        k: i32,
    },
}

/// The code of the diagnostic a reader adds when it read text by OCR; its
/// `raw` names the engine and version (`Tesseract 5.3.0`), which the
/// pipeline records in the report's `source.ocr`.
pub const OCR_ENGINE: &str = "ocr.engine";
