//! What went past a resource limit, and where: the `what` of
//! [`crate::ReadError::Limit`], typed so that a caller can word it in its own
//! language; the English here is what `Display` (and so the JSON outputs) says.

use std::fmt;

use crate::Amount;

/// What was too big, and where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Oversize {
    /// An input file.
    #[error("file of {0} bytes")]
    File(Amount),
    /// A zip entry, inflated.
    #[error("zip entry {entry} ({bytes} bytes uncompressed)")]
    ZipEntry {
        /// The entry's name.
        entry: String,
        /// Its size.
        bytes: u64,
    },
    /// The compression ratio of a zip entry.
    #[error("compression ratio of zip entry {entry} ({bytes} bytes from {compressed})")]
    ZipRatio {
        /// The entry's name.
        entry: String,
        /// Its size inflated.
        bytes: u64,
        /// Its size compressed.
        compressed: u64,
    },
    /// A zip package, inflated.
    #[error("decompressed package size ({0} bytes)")]
    Package(u64),
    /// The nesting of an XML part.
    #[error("XML nesting depth of {0}")]
    XmlNesting(String),
    /// The XML nesting of a Word main document.
    #[error("XML nesting depth of the main document")]
    MainDocumentNesting,
    /// The nesting of a web page.
    #[error("HTML nesting")]
    HtmlNesting,
    /// The attributes of one HTML tag.
    #[error("the attribute count of one tag")]
    HtmlAttributes,
    /// A part of a web archive, decoded.
    #[error("part {part} of the archive ({bytes} bytes decoded)")]
    ArchivePart {
        /// The part (1-based).
        part: usize,
        /// Its size.
        bytes: u64,
    },
    /// A document's text.
    #[error("text of {0} characters")]
    Text(Amount),
    /// A table.
    #[error("a table of {0} cells")]
    Table(Amount),
    /// A table starting at a line of a text.
    #[error("table at line {0}")]
    TableAtLine(usize),
    /// A table on a page.
    #[error("a table of {cells} cells on page {page}")]
    TableOnPage {
        /// Its cells.
        cells: u64,
        /// The page.
        page: u32,
    },
    /// A sheet's cells.
    #[error("sheet {sheet} with {cells} cells")]
    Sheet {
        /// The sheet's name.
        sheet: String,
        /// Its cells.
        cells: u64,
    },
    /// The cells a sheet's merged ranges cover.
    #[error("sheet {sheet} with {cells} cells in merged ranges")]
    SheetMerged {
        /// The sheet's name.
        sheet: String,
        /// The cells covered.
        cells: u64,
    },
    /// A sheet's cells, its merged ranges included.
    #[error("sheet {sheet} with {cells} cells (its merged ranges included)")]
    SheetWithMerges {
        /// The sheet's name.
        sheet: String,
        /// Its cells.
        cells: u64,
    },
    /// A document's pages.
    #[error("{0} pages")]
    Pages(Amount),
    /// A TIFF's pages.
    #[error("a TIFF of {0} pages")]
    TiffPages(Amount),
    /// A TIFF's pages to read by OCR.
    #[error("a TIFF of {0} pages to OCR")]
    TiffOcrPages(Amount),
    /// A scan's pages to read by OCR.
    #[error("a scan of {0} pages")]
    ScanPages(u64),
    /// A page image.
    #[error("page {page} image of {width}×{height} pixels")]
    Image {
        /// The page.
        page: u64,
        /// Its width.
        width: u64,
        /// Its height.
        height: u64,
    },
    /// An XLS workbook stream.
    #[error("the workbook stream of {0} bytes")]
    WorkbookStream(u64),
    /// The nesting of PDF Form XObjects.
    #[error("Form XObject nesting")]
    FormNesting,
    /// The depth of a PDF page tree.
    #[error("page tree depth")]
    PageTreeDepth,
    /// The operators drawn on a PDF page.
    #[error("the operator count of page {0} (Form XObjects included)")]
    PageOperators(u32),
    /// A PDF array, dictionary or operand list.
    #[error("{list} at byte {byte} of {within}")]
    PdfList {
        /// Which kind.
        list: PdfList,
        /// Where it starts.
        byte: u64,
        /// In what.
        within: PdfSource,
    },
    /// The objects of a PDF.
    #[error("the object count at byte {byte} of {within}")]
    PdfObjects {
        /// Where the count went past.
        byte: u64,
        /// In what.
        within: PdfSource,
    },
    /// The memory a read used.
    #[error("memory use of {0} bytes")]
    Memory(u64),
    /// Something too big in a document embedded in another.
    #[error("{what} in the document embedded as {document}")]
    Embedded {
        /// What was too big.
        what: Box<Oversize>,
        /// The embedded document's part name.
        document: String,
    },
}

/// A kind of PDF list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PdfList {
    /// `[ … ]`.
    Array,
    /// `<< … >>`.
    Dictionary,
    /// The operands of one operator.
    Operands,
}

impl fmt::Display for PdfList {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            PdfList::Array => "an array",
            PdfList::Dictionary => "a dictionary",
            PdfList::Operands => "an operand list",
        })
    }
}

/// Bytes of a PDF that are scanned against its limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PdfSource {
    /// The file itself.
    File,
    /// An object stream (`N 0 R`).
    ObjectStream(u32),
    /// A page's content.
    Page(u32),
    /// A form's content on a page.
    Form {
        /// Its object number.
        object: u32,
        /// Its generation.
        generation: u16,
        /// The page.
        page: u32,
    },
}

impl fmt::Display for PdfSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PdfSource::File => f.write_str("the file"),
            PdfSource::ObjectStream(id) => write!(f, "object stream {id} 0 R"),
            PdfSource::Page(page) => write!(f, "the content of page {page}"),
            PdfSource::Form {
                object,
                generation,
                page,
            } => write!(
                f,
                "the content of form {object} {generation} R on page {page}"
            ),
        }
    }
}
