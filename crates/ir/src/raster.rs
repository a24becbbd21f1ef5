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
    /// Where its page draws it, when the document says (a PDF does).
    pub at: Option<Placement>,
}

/// Where a page draws an image: the box it fills, in points from the top
/// left of the upright page, and the page's size.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Placement {
    /// The 1-based page.
    pub page: u32,
    /// Left edge, in points from the page's left.
    pub left: f32,
    /// Top edge, in points from the page's top.
    pub top: f32,
    /// Right edge.
    pub right: f32,
    /// Bottom edge.
    pub bottom: f32,
    /// The page's width, in points.
    pub page_width: f32,
    /// The page's height, in points.
    pub page_height: f32,
}

impl Placement {
    /// The share of its page the image covers, 0 to 1.
    pub fn page_share(&self) -> f32 {
        let page = self.page_width * self.page_height;
        if page <= 0.0 {
            return 0.0;
        }
        ((self.right - self.left).max(0.0) * (self.bottom - self.top).max(0.0) / page).min(1.0)
    }

    /// Whether the point `(x, y)` of its page lies inside the image.
    pub fn contains(&self, x: f32, y: f32) -> bool {
        (self.left..=self.right).contains(&x) && (self.top..=self.bottom).contains(&y)
    }
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
