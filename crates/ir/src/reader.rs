//! The reader interface and its `inventory` registry.

use crate::{Document, EmbeddedImage, Limits, Placement};

/// How sure a reader is that it can read some bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Sniff {
    /// Not this format.
    No,
    /// Could be this format (e.g. any text).
    Maybe,
    /// Certainly this format (a magic number, a zip with the right entries).
    Yes,
}

/// Options for one read.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// Resource limits.
    pub limits: Limits,
    /// When page images are read by OCR.
    pub ocr: OcrMode,
}

/// When page images are read by OCR (`--ocr`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum OcrMode {
    /// Never: a scan fails as having no text layer.
    Never,
    /// Only what has no text layer (a scanned PDF, an image file).
    #[default]
    Auto,
    /// Every page image, even of a PDF that has text.
    Always,
}

impl OcrMode {
    /// The flag's values, as written on the command line.
    pub const NAMES: [&'static str; 3] = ["never", "auto", "always"];

    /// The mode named `name` (`never`, `auto`, `always`).
    pub fn from_name(name: &str) -> Option<OcrMode> {
        match name {
            "never" => Some(OcrMode::Never),
            "auto" => Some(OcrMode::Auto),
            "always" => Some(OcrMode::Always),
            _ => None,
        }
    }
}

/// Why a file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The bytes are not a valid file of the format.
    #[error("not a valid {format} file: {reason}")]
    Malformed {
        /// The format tried.
        format: &'static str,
        /// What is wrong.
        reason: crate::Flaw,
    },
    /// A format gongkai recognises but does not read, with how to convert it.
    #[error("{0}")]
    Unsupported(crate::Unsupported),
    /// The file is encrypted and cannot be opened without a password.
    #[error("encrypted {format} file: {reason}")]
    Encrypted {
        /// The format.
        format: &'static str,
        /// Why it cannot be opened.
        reason: crate::Lock,
    },
    /// A resource limit was hit (made by [`crate::Limits::exceeded`]).
    #[error("{what} exceeds the limit of {} (raise it with {limit})", .limit.spec().unit.show(*.max))]
    Limit {
        /// Which limit.
        limit: crate::Limit,
        /// What was too big, and where.
        what: crate::Oversize,
        /// The limit in force.
        max: u64,
    },
    /// A PDF without text (a scan).
    #[error("no text layer (scanned?): {0}")]
    NoTextLayer(crate::NoText),
    /// The text could not be decoded.
    #[error("cannot decode text: {0}")]
    Encoding(crate::Undecodable),
    /// The read was asked to stop (timed out or interrupted) and did.
    #[error("stopped before the end (timed out or interrupted)")]
    Stopped,
    /// The reader itself failed (a bug); the file is skipped.
    #[error("internal reader error: {0}")]
    Internal(String),
}

/// A reader from one file format to the IR. It knows nothing of the report.
pub trait Reader: Sync {
    /// Short format name (`docx`, `pdf`, `text`).
    fn name(&self) -> &'static str;
    /// File extensions it reads, lower case, without the dot.
    fn extensions(&self) -> &'static [&'static str];
    /// How sure it is that `data` is its format, from content alone.
    fn sniff(&self, data: &[u8]) -> Sniff;
    /// Read a whole file into the IR.
    fn read(&self, data: &[u8], options: &ReadOptions) -> Result<Document, ReadError>;
    /// True when the format's pages can show images (a scan printed to PDF,
    /// a table pasted as a picture): then [`Reader::page_images`] hands them
    /// over for OCR, as `--ocr` says.
    fn has_page_images(&self) -> bool {
        false
    }
    /// The images the pages draw where `wanted` says yes (it sees where each
    /// is drawn), still encoded, in page order and in drawing order within
    /// a page; none for a format without page images. Only wanted images
    /// are checked against the pixel limit and copied.
    fn page_images(
        &self,
        _data: &[u8],
        _limits: &Limits,
        _wanted: &dyn Fn(&Placement) -> bool,
    ) -> Result<Vec<EmbeddedImage>, ReadError> {
        Ok(Vec::new())
    }
}

/// A registered reader (`inventory::submit! { ReaderEntry(&MyReader) }`).
pub struct ReaderEntry(pub &'static dyn Reader);

inventory::collect!(ReaderEntry);

/// All registered readers, sorted by name so that choices are stable.
pub fn readers() -> Vec<&'static dyn Reader> {
    let mut all: Vec<&'static dyn Reader> = inventory::iter::<ReaderEntry>
        .into_iter()
        .map(|e| e.0)
        .collect();
    all.sort_by_key(|r| r.name());
    all
}

/// The reader for `data`: the most certain sniff wins, and the extension
/// breaks ties. `None` when no reader recognises the content.
pub fn find_reader(data: &[u8], extension: Option<&str>) -> Option<&'static dyn Reader> {
    let ext = extension.map(str::to_ascii_lowercase);
    let claims = |r: &dyn Reader| ext.as_deref().is_some_and(|e| r.extensions().contains(&e));
    let mut all = readers();
    // Readers of the file's extension first: one that is sure wins outright
    // and the others need not look.
    all.sort_by_key(|r| !claims(*r));
    let mut best: Option<(Sniff, bool, &'static dyn Reader)> = None;
    for reader in all {
        let sniff = reader.sniff(data);
        if sniff == Sniff::No {
            continue;
        }
        let ext_match = claims(reader);
        if sniff == Sniff::Yes && ext_match {
            return Some(reader);
        }
        let better = match best {
            None => true,
            Some((s, m, _)) => (sniff, ext_match) > (s, m),
        };
        if better {
            best = Some((sniff, ext_match, reader));
        }
    }
    best.map(|(_, _, r)| r)
}
