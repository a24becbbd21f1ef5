//! What a reader recognises but does not read, typed so that a caller can
//! word it in its own language; the English here is what `Display` (and so
//! the JSON outputs) says.

/// Converting an Office binary file to DOCX, the same for every kind.
const TO_DOCX: &str = "convert it to DOCX first, e.g. `soffice --headless --convert-to docx FILE`";
/// What OCR needs and how to install it, wherever a missing engine is said.
pub const OCR_INSTALL: &str = "OCR needs Tesseract 5 and its Simplified Chinese model: install the Debian packages tesseract-ocr tesseract-ocr-chi-sim";

/// A file a reader recognises but does not read, and how to make it readable.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Unsupported {
    /// A binary Word or WPS document (`.doc`/`.wps`, an OLE `WordDocument`).
    #[error("legacy Word/WPS binary document (.doc/.wps): {TO_DOCX}")]
    LegacyWord,
    /// Another OLE compound file (Excel, PowerPoint or unknown).
    #[error("legacy Office binary file (OLE compound document), not a Word document: {TO_DOCX}")]
    LegacyOffice,
    /// A JSON file of another schema than the one read.
    #[error("JSON with schema `{schema}`: gongkai reads `{expected}` reports")]
    JsonSchema {
        /// The schema the file names.
        schema: String,
        /// The schema read.
        expected: &'static str,
    },
    /// An image needing OCR when the OCR engine cannot start.
    #[error("cannot OCR this image ({missing}): {OCR_INSTALL}")]
    NoOcr {
        /// What of the engine is missing.
        missing: OcrMissing,
    },
    /// A scanned page whose image is in a codec gongkai does not decode.
    #[error("the scan on page {page} is a {codec} image: {codec} images are not supported; convert the PDF's images to JPEG or CCITT fax first (e.g. with ghostscript)")]
    ScanCodec {
        /// The page (1-based).
        page: u32,
        /// The image's codec.
        codec: ScanCodec,
    },
}

/// Why the OCR engine (Tesseract) could not be started.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum OcrMissing {
    /// No libtesseract on the library path.
    #[error("libtesseract.so.5 not found")]
    Library,
    /// The library lacks a function of the C API.
    #[error("libtesseract lacks {0}")]
    Symbol(&'static str),
    /// The language model could not be loaded.
    #[error("the Tesseract model {0} is not installed")]
    Model(&'static str),
}

/// Image codecs of scanned PDF pages that are not decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ScanCodec {
    /// `/JBIG2Decode`.
    #[error("JBIG2")]
    Jbig2,
    /// `/JPXDecode`.
    #[error("JPEG 2000")]
    Jpeg2000,
    /// A colour space of a palette or spot colours.
    #[error("colour-mapped (Indexed, Separation or Lab)")]
    ColourMapped,
}
