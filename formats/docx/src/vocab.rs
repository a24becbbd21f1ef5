//! The tag vocabulary: which elements the reader knows, by namespace URI and
//! local name, so that any prefix (`w:`, `ns0:`) works.

use quick_xml::name::ResolveResult;

/// The WordprocessingML namespace (transitional and strict).
pub(crate) const W_NS: [&str; 2] = [
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",
];
/// The relationships namespace of `r:id` (transitional and strict).
pub(crate) const R_NS: [&str; 2] = [
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "http://purl.oclc.org/ooxml/officeDocument/relationships",
];
/// The markup-compatibility namespace (`mc:AlternateContent`).
const MC_NS: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";

/// What an element means to the reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tag {
    /// A paragraph (`w:p`).
    Para,
    /// A run (`w:r`).
    Run,
    /// Text (`w:t`).
    Text,
    /// A table (`w:tbl`).
    Tbl,
    /// A table row (`w:tr`).
    Tr,
    /// A table cell (`w:tc`).
    Tc,
    /// Cell properties (`w:tcPr`).
    TcPr,
    /// Row properties (`w:trPr`).
    TrPr,
    /// Run properties (`w:rPr`).
    RPr,
    /// A text box's content (`w:txbxContent`).
    TxbxContent,
    /// `mc:AlternateContent`.
    AltContent,
    /// `mc:Choice`.
    Choice,
    /// `mc:Fallback`.
    Fallback,
    /// An element that stands for one character (`w:tab`, `w:br`).
    Char(char),
    /// A symbol character (`w:sym`).
    Sym,
    /// A field mark (`w:fldChar`).
    FldChar,
    /// Content imported from another part (`w:altChunk`).
    AltChunk,
    /// Skipped with everything inside (deletions, properties, field code).
    Skip,
    /// Transparent: its content is read as if it were not there.
    Other,
}

impl Tag {
    /// The meaning of the element `local` in namespace `ns`.
    pub(crate) fn of(ns: Ns, local: &[u8]) -> Tag {
        match ns {
            Ns::W => classify_w(local),
            Ns::Mc => match local {
                b"AlternateContent" => Tag::AltContent,
                b"Choice" => Tag::Choice,
                b"Fallback" => Tag::Fallback,
                _ => Tag::Other,
            },
            Ns::Other => Tag::Other,
        }
    }

    /// True for the property blocks read for a few properties (`w:tcPr`,
    /// `w:trPr`, `w:rPr`).
    pub(crate) fn is_properties(self) -> bool {
        matches!(self, Tag::TcPr | Tag::TrPr | Tag::RPr)
    }
}

/// The meaning of the WordprocessingML element `local`.
pub(crate) fn classify_w(local: &[u8]) -> Tag {
    match local {
        b"p" => Tag::Para,
        b"r" => Tag::Run,
        b"t" => Tag::Text,
        b"tbl" => Tag::Tbl,
        b"tr" => Tag::Tr,
        b"tc" => Tag::Tc,
        b"tcPr" => Tag::TcPr,
        b"trPr" => Tag::TrPr,
        b"rPr" => Tag::RPr,
        b"txbxContent" => Tag::TxbxContent,
        b"tab" | b"ptab" => Tag::Char('\t'),
        b"br" | b"cr" => Tag::Char('\n'),
        b"noBreakHyphen" => Tag::Char('-'),
        b"sym" => Tag::Sym,
        b"fldChar" => Tag::FldChar,
        b"altChunk" => Tag::AltChunk,
        // Deleted and moved-away text, field codes, and properties that hold
        // no printed text. (`softHyphen` prints nothing unless a line breaks.)
        b"del" | b"moveFrom" | b"delText" | b"instrText" | b"delInstrText" | b"softHyphen"
        | b"pPr" | b"sectPr" | b"tblPr" | b"tblGrid" | b"tblPrEx" | b"sdtPr" | b"sdtEndPr"
        | b"fldData" | b"ffData" | b"footnoteReference" | b"endnoteReference"
        | b"commentReference" | b"annotationRef" | b"background" | b"customXmlPr"
        | b"smartTagPr" => Tag::Skip,
        _ => Tag::Other,
    }
}

/// The namespace of an element, as far as the reader cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ns {
    /// WordprocessingML.
    W,
    /// Markup compatibility.
    Mc,
    /// Any other, or none.
    Other,
}

impl Ns {
    /// The namespace a resolved name is in.
    pub(crate) fn of(ns: &ResolveResult<'_>) -> Ns {
        match ns {
            ResolveResult::Bound(n) if W_NS.contains(&n.0) => Ns::W,
            ResolveResult::Bound(n) if n.0 == MC_NS => Ns::Mc,
            _ => Ns::Other,
        }
    }
}
