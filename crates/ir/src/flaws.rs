//! Why a file could not be read (malformed, encrypted, undecodable, without
//! text), typed so that a caller can word it in its own language, as
//! [`crate::Unsupported`] is; the English here is what `Display` (and so the
//! JSON outputs) says. A third-party parser's own words stay as written, in
//! the variants that say so.

use std::fmt;

use crate::Diagnostic;

/// A reader's diagnostic that stopped the read, kept whole so that a caller
/// can word it with its place and source text rather than parse the English
/// message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct Noticed {
    /// The diagnostic's code (`pdf.font.undecodable`).
    pub code: String,
    /// Its English message.
    pub message: String,
    /// Where in the source (`page 3`).
    pub at: Option<String>,
    /// The source text it concerns (a font's name).
    pub raw: Option<String>,
}

impl From<&Diagnostic> for Noticed {
    fn from(d: &Diagnostic) -> Self {
        Noticed {
            code: d.code.clone(),
            message: d.message.clone(),
            at: d.at.clone(),
            raw: d.raw.clone(),
        }
    }
}

/// Why bytes are not a valid file of their format.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Flaw {
    /// A third-party parser's own words (zip, quick-xml, calamine, lopdf,
    /// serde_json, image, cfb).
    #[error("{0}")]
    Parser(String),
    /// What a reader noticed and wrote down as a diagnostic, which stopped
    /// the read.
    #[error("{0}")]
    Noticed(Noticed),
    /// A zip entry that cannot be inflated; `detail` is the zip library's.
    #[error("cannot inflate zip entry {entry}: {detail}")]
    ZipInflate {
        /// The entry's name.
        entry: String,
        /// The library's words.
        detail: String,
    },
    /// A zip package after bytes of something else.
    #[error(
        "the zip package starts after {prefix} bytes of something else ({}); remove them to read it: {repair}",
        if *.stub { "a self-extracting stub, counted in the zip's offsets" } else { "junk prepended by a download, or a stub" }
    )]
    ZipPrefixed {
        /// How many bytes come first.
        prefix: u64,
        /// True for a self-extracting stub the zip's offsets count.
        stub: bool,
        /// The command that removes them.
        repair: String,
    },
    /// A zip whose central directory is damaged or missing; `0` is the zip
    /// library's words.
    #[error("a damaged or truncated zip package ({0})")]
    ZipDamaged(String),
    /// A zip the zip library refuses; `0` is its words.
    #[error("not a readable zip package: {0}")]
    ZipUnreadable(String),
    /// A DOCX without a main document part.
    #[error(
        "the zip holds no Word main document (no word/document.xml, and neither \
         [Content_Types].xml nor _rels/.rels names one)"
    )]
    NoMainDocument,
    /// XML of the main document that is not well-formed; `detail` is the
    /// XML parser's.
    #[error("main document XML is not well-formed at byte {byte}: {detail}")]
    XmlNotWellFormed {
        /// Where in the part.
        byte: u64,
        /// The parser's words.
        detail: String,
    },
    /// Bytes that are none of the workbook formats.
    #[error("not an XLSX, XLS or ODS workbook")]
    NotAWorkbook,
    /// A part of a package that is not UTF-8 text.
    #[error("a part is not UTF-8: {0}")]
    PartNotUtf8(String),
    /// A package without a part it needs; `detail` is the library's words.
    #[error("no {part}: {detail}")]
    NoPart {
        /// The part's name.
        part: &'static str,
        /// The library's words.
        detail: String,
    },
    /// A part that cannot be parsed; `detail` is the parser's words.
    #[error("{part}: {detail}")]
    BadPart {
        /// The part's name.
        part: &'static str,
        /// The parser's words.
        detail: String,
    },
    /// An XLS compound file that is damaged; `0` is the cfb library's words.
    #[error("damaged compound file: {0}")]
    CompoundFile(String),
    /// An XLS compound file without its workbook stream.
    #[error("no Workbook stream")]
    NoWorkbookStream,
    /// A web archive (MHT) without a `Content-Type` header.
    #[error("the archive has no Content-Type header")]
    MhtNoContentType,
    /// A web archive whose `Content-Type` names no boundary.
    #[error("the archive's Content-Type names no boundary")]
    MhtNoBoundary,
    /// A web archive without a web page.
    #[error("no text/html part in the archive")]
    MhtNoPage,
    /// A web archive part that is not base64; `detail` is the decoder's.
    #[error("part {part} is not valid base64: {detail}")]
    MhtBase64 {
        /// The part (1-based).
        part: usize,
        /// The decoder's words.
        detail: String,
    },
    /// An image file of none of the formats read.
    #[error("not a PNG, JPEG or TIFF image")]
    NotAnImage,
    /// A TIFF of a sample size not read.
    #[error("TIFF samples other than 8 or 16 bits")]
    TiffBits,
    /// A TIFF of a colour type not read (the decoder's name for it).
    #[error("TIFF colour type {0}")]
    TiffColour(String),
    /// A TIFF page with fewer samples than its size.
    #[error("TIFF page shorter than its size")]
    TiffShort,
    /// A fax image too wide to decode.
    #[error("the image on page {page}: a fax image {width} pixels wide")]
    FaxWidth {
        /// The page.
        page: u32,
        /// Its width.
        width: u64,
    },
    /// A fax image too high to decode.
    #[error("the image on page {page}: a fax image {height} pixels high")]
    FaxHeight {
        /// The page.
        page: u32,
        /// Its height.
        height: u64,
    },
    /// Fax data that does not decode.
    #[error("the image on page {page}: its CCITT fax data cannot be decoded")]
    FaxUndecodable {
        /// The page.
        page: u32,
    },
    /// Fax data of fewer rows than the image says.
    #[error("the image on page {page}: its CCITT fax data holds {rows} rows, but it says it has {height}")]
    FaxRows {
        /// The page.
        page: u32,
        /// The rows decoded.
        rows: u64,
        /// The rows said.
        height: u64,
    },
    /// Fewer samples than an image's size needs.
    #[error("the image on page {page}: {bytes} bytes of samples, but {width}×{height} pixels need {needed}")]
    SamplesShort {
        /// The page.
        page: u32,
        /// The bytes there are.
        bytes: u64,
        /// The image's width.
        width: u64,
        /// Its height.
        height: u64,
        /// The bytes needed.
        needed: u64,
    },
    /// A PDF without a document catalog.
    #[error("no document catalog")]
    NoCatalog,
    /// A PDF without a page tree.
    #[error("no page tree")]
    NoPageTree,
    /// Pages of the page tree that are not in the file.
    #[error("{0} page(s) of the page tree are missing (the file is truncated or damaged)")]
    PagesMissing(u64),
    /// An object stream that does not decode; `detail` is the decoder's.
    #[error("object stream {object} 0 R: {detail}")]
    ObjectStream {
        /// The stream's object number.
        object: u32,
        /// The decoder's words.
        detail: String,
    },
    /// A page image without a size.
    #[error("the image on page {0} has no size")]
    ImageNoSize(u32),
    /// A page image stream that does not decode; `detail` is the decoder's.
    #[error("the image stream on page {page} cannot be decoded: {detail}")]
    ImageUndecodable {
        /// The page.
        page: u32,
        /// The decoder's words.
        detail: String,
    },
    /// A page image whose stream decodes to another length than its size.
    #[error("the image on page {page} says it is {width}×{height} pixels ({needed} bytes), but its stream decodes to {got} bytes")]
    ImageLength {
        /// The page.
        page: u32,
        /// Its width.
        width: u64,
        /// Its height.
        height: u64,
        /// The bytes its size needs.
        needed: u64,
        /// What it decodes to.
        got: Amount,
    },
    /// A page image of a sample size not read.
    #[error("the image on page {page} has {bits} bits per sample")]
    ImageBits {
        /// The page.
        page: u32,
        /// Bits per sample.
        bits: u64,
    },
}

impl Flaw {
    /// A third-party parser's error, in its own words.
    pub fn parser(e: impl fmt::Display) -> Flaw {
        Flaw::Parser(e.to_string())
    }
}

/// A number as a message says it: exactly, at least, or more than.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Amount {
    /// This many.
    Exactly(u64),
    /// This many or more.
    AtLeast(u64),
    /// More than this many.
    MoreThan(u64),
}

impl fmt::Display for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Amount::Exactly(n) => write!(f, "{n}"),
            Amount::AtLeast(n) => write!(f, "at least {n}"),
            Amount::MoreThan(n) => write!(f, "more than {n}"),
        }
    }
}

/// Why an encrypted file cannot be opened.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Lock {
    /// Zip entries with a password.
    #[error("the zip entries are password-protected")]
    ZipPassword,
    /// An Office document encrypted with a password (an OLE package).
    #[error(
        "password-protected (encrypted) Office document; open it with the password \
         in Word or WPS, save it without a password as DOCX, and try again"
    )]
    OfficePassword,
    /// A workbook with a password.
    #[error("the workbook is password protected")]
    WorkbookPassword,
    /// A PDF that needs a password.
    #[error("a password is needed to open it")]
    PdfPassword,
    /// A PDF that cannot be decrypted; `0` is the PDF library's words.
    #[error("{0}")]
    PdfDecryption(String),
}

/// Why text could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Undecodable {
    /// A byte-order mark the text does not follow.
    #[error("the file starts with a {0} byte-order mark but is not valid {0}")]
    Bom(&'static str),
    /// Bytes that look like UTF-16 without a mark but are not all valid.
    #[error("the bytes read as {0} without a byte-order mark, but not all of them are valid {0}")]
    Utf16(&'static str),
    /// Binary data, not text.
    #[error("binary data (zero bytes), not text in any supported encoding")]
    Binary,
    /// Bytes that decode as GB18030 but do not read as Chinese.
    #[error("unknown encoding: not UTF-8 or UTF-16, and the bytes decode as GB18030 but do not read as Chinese")]
    NotChinese,
    /// Bytes of no supported encoding.
    #[error("unknown encoding: not UTF-8, UTF-16 or GB18030/GBK")]
    Unknown,
    /// A NUL character inside the text.
    #[error(
        "the {encoding} text holds a NUL character (U+0000, zero bytes) at line {line}, column {column}: \
         it stands for a lost character, so the text is not read (remove the NULs if they carry nothing)"
    )]
    Nul {
        /// The encoding read.
        encoding: &'static str,
        /// The line (1-based).
        line: usize,
        /// The column (1-based, in characters).
        column: usize,
    },
    /// Markdown that is not UTF-8.
    #[error("Markdown must be UTF-8 text")]
    NotUtf8,
    /// What a reader noticed and wrote down as a diagnostic.
    #[error("{0}")]
    Noticed(Noticed),
}

/// Why a document has no text to read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NoText {
    /// Pages without any text (a scan).
    #[error("{0} page(s) without any text; OCR it first (e.g. ocrmypdf)")]
    Pages(usize),
    /// Page images, and OCR turned off.
    #[error("{0} page image(s) and OCR is turned off (--ocr never)")]
    OcrOff(usize),
    /// No text, and `--ocr never` keeps OCR from reading it.
    #[error("{0}, or drop --ocr never")]
    OcrNever(Box<NoText>),
}
