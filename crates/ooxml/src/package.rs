//! A zip package whose entries are inflated within the limits.

use std::borrow::Cow;
use std::io::{BufReader, Cursor, Read};

use gongkai_ir::{Flaw, Limit, Limits, Lock, Oversize, ReadError};
use zip::result::ZipError;
use zip::ZipArchive;

use crate::depth::check_xml_depth;

/// The signature a zip file starts with (its first local file header).
pub const ZIP_MAGIC: &[u8; 4] = b"PK\x03\x04";

/// Entries this small are never refused for their compression ratio: a few
/// kilobytes of repeated markup compress 100:1 and are harmless.
const RATIO_FLOOR: u64 = 1 << 20;

/// The signature of a zip's end-of-central-directory record.
const END_MAGIC: &[u8; 4] = b"PK\x05\x06";

/// How far from the end that record may start: its 22 bytes and a comment of
/// at most 65,535.
const END_SEARCH: usize = 22 + 0xFFFF;

/// A zip package opened for a reader: entries are inflated only within the
/// limits, and every byte inflated counts towards `--max-total-bytes`.
pub struct Package<'a> {
    zip: ZipArchive<Cursor<&'a [u8]>>,
    /// The reader's format name, for errors.
    format: &'static str,
    limits: &'a Limits,
    /// Bytes inflated so far.
    total: u64,
}

impl<'a> Package<'a> {
    /// Open the zip in `data`; errors name `format`.
    pub fn open(
        data: &'a [u8],
        format: &'static str,
        limits: &'a Limits,
    ) -> Result<Self, ReadError> {
        // The zip reader would find a package behind a prefix; it is refused
        // here, for every OOXML reader alike, with the way to repair it.
        if let Some(prefix) = find_prefix(data) {
            return Err(prefixed(format, prefix));
        }
        let zip = ZipArchive::new(Cursor::new(data)).map_err(|e| zip_error(format, e))?;
        Ok(Package {
            zip,
            format,
            limits,
            total: 0,
        })
    }

    /// Bytes inflated from the package so far (what `--max-total-bytes` counts).
    pub fn inflated(&self) -> u64 {
        self.total
    }

    /// True if the package has an entry named exactly `name`.
    pub fn contains(&self, name: &str) -> bool {
        self.zip.index_for_name(name).is_some()
    }

    /// The entry names in the zip's order (names that are not text left out).
    pub fn names(&self) -> impl Iterator<Item = Cow<'_, str>> {
        self.zip.file_names().filter_map(Result::ok)
    }

    /// Inflate the entry `name`. Its declared sizes are checked first, then
    /// enforced again while inflating, since a hostile header can lie.
    pub fn read(&mut self, name: &str) -> Result<Vec<u8>, ReadError> {
        let format = self.format;
        let file = self.zip.by_name(name).map_err(|e| zip_error(format, e))?;
        let budget = Budget::new(self.limits, name, file.compressed_size(), self.total);
        let declared = file.size();
        budget.check(declared)?;
        let cap = budget.cap();
        let mut bytes = Vec::with_capacity(usize::try_from(declared.min(cap)).unwrap_or(0));
        file.take(cap.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(|e| ReadError::Malformed {
                format,
                reason: Flaw::ZipInflate {
                    entry: name.to_string(),
                    detail: e.to_string(),
                },
            })?;
        let got = bytes.len() as u64;
        budget.check(got)?;
        self.total = self.total.saturating_add(got);
        Ok(bytes)
    }

    /// Check every entry's declared sizes, for a library that inflates the
    /// entries itself without limits (calamine): the sizes it will inflate
    /// are the declared ones, since the zip reader stops an entry that grows
    /// past its header.
    pub fn check_declared_sizes(&mut self) -> Result<(), ReadError> {
        let format = self.format;
        let mut total = self.total;
        for i in 0..self.zip.len() {
            let entry = self.zip.by_index_raw(i).map_err(|e| zip_error(format, e))?;
            let name = entry.name().unwrap_or_default();
            let size = entry.size();
            Budget::new(self.limits, &name, entry.compressed_size(), total).check(size)?;
            total = total.saturating_add(size);
        }
        Ok(())
    }

    /// Refuse an XML part (`.xml`, `.rels`) nested deeper than
    /// `--max-xml-depth`, in one streaming pass per part, inflated within the
    /// limits. Entries that cannot be inflated and malformed XML are left for
    /// the format's parser to report.
    pub fn check_xml_depth(&mut self) -> Result<(), ReadError> {
        for i in 0..self.zip.len() {
            let Ok(entry) = self.zip.by_index(i) else {
                continue;
            };
            let name = entry.name().map(Cow::into_owned).unwrap_or_default();
            if !(name.ends_with(".xml") || name.ends_with(".rels")) {
                continue;
            }
            let budget = Budget::new(self.limits, &name, entry.compressed_size(), self.total);
            budget.check(entry.size())?;
            let mut part = entry.take(budget.cap().saturating_add(1));
            check_xml_depth(BufReader::new(&mut part), &name, self.limits)?;
            let got = budget.cap().saturating_add(1).saturating_sub(part.limit());
            budget.check(got)?;
            self.total = self.total.saturating_add(got);
        }
        Ok(())
    }
}

/// What one entry may inflate to under the limits.
struct Budget<'n> {
    limits: &'n Limits,
    name: &'n str,
    compressed: u64,
    /// Bytes inflated before this entry.
    total: u64,
    /// The most bytes allowed by each limit.
    entry: u64,
    ratio: u64,
    total_left: u64,
}

impl<'n> Budget<'n> {
    fn new(limits: &'n Limits, name: &'n str, compressed: u64, total: u64) -> Self {
        let compressed = compressed.max(1);
        Budget {
            limits,
            name,
            compressed,
            total,
            entry: limits.max_entry_bytes,
            ratio: compressed
                .saturating_mul(limits.max_zip_ratio)
                .max(RATIO_FLOOR),
            total_left: limits.max_total_bytes.saturating_sub(total),
        }
    }

    /// The most bytes the entry may inflate to.
    fn cap(&self) -> u64 {
        self.entry.min(self.ratio).min(self.total_left)
    }

    /// Refuse `size` bytes when one of the limits does, the entry size first.
    fn check(&self, size: u64) -> Result<(), ReadError> {
        let (name, limits) = (self.name, self.limits);
        if size > self.entry {
            Err(limits.exceeded(
                Limit::EntryBytes,
                Oversize::ZipEntry {
                    entry: name.to_string(),
                    bytes: size,
                },
            ))
        } else if size > self.ratio {
            Err(limits.exceeded(
                Limit::ZipRatio,
                Oversize::ZipRatio {
                    entry: name.to_string(),
                    bytes: size,
                    compressed: self.compressed,
                },
            ))
        } else if size > self.total_left {
            Err(limits.exceeded(
                Limit::TotalBytes,
                Oversize::Package(self.total.saturating_add(size)),
            ))
        } else {
            Ok(())
        }
    }
}

/// Why `data`, which starts like a zip or holds one behind a prefix, cannot
/// be opened as one; `None` when it opens, or is no zip at all.
pub fn damaged_zip(data: &[u8], format: &'static str) -> Option<ReadError> {
    if !data.starts_with(ZIP_MAGIC) {
        return find_prefix(data).map(|prefix| prefixed(format, prefix));
    }
    ZipArchive::new(Cursor::new(data))
        .err()
        .map(|e| zip_error(format, e))
}

/// How many bytes come before the zip package in `data`, when it holds one
/// that does not start at byte 0 (junk prepended by a download script, a
/// self-extracting stub); `None` for a zip that starts at 0, or no zip.
pub fn zip_prefix(data: &[u8]) -> Option<u64> {
    find_prefix(data).map(|(prefix, _)| prefix)
}

/// The bytes before the zip package in `data`, and whether the zip's own
/// offsets count them (as `zip -A` leaves a self-extracting archive) or
/// count from the package's start (junk put before a whole file).
fn find_prefix(data: &[u8]) -> Option<(u64, bool)> {
    if data.starts_with(ZIP_MAGIC) {
        return None;
    }
    // Only bytes that end like a zip are opened: text and PDF never are.
    let tail = data.get(data.len().saturating_sub(END_SEARCH)..)?;
    if !tail.windows(END_MAGIC.len()).any(|w| w == END_MAGIC) {
        return None;
    }
    let mut zip = ZipArchive::new(Cursor::new(data)).ok()?;
    // Entry offsets count from the start of the data (the zip reader adds
    // the shift it found), so the first local header is the smallest.
    let shift = zip.offset();
    let first_header = (0..zip.len())
        .filter_map(|i| zip.by_index_raw(i).ok().map(|e| e.header_start()))
        .min()
        .unwrap_or(shift);
    (first_header > 0).then_some((first_header, shift == 0))
}

/// The refusal of a zip package behind `prefix` bytes of something else,
/// with the repair that fits: cutting the bytes off, or `zip -J` when the
/// offsets count them (cutting would break them).
fn prefixed(format: &'static str, (prefix, counted): (u64, bool)) -> ReadError {
    let repair = if counted {
        "zip -J FILE".to_string()
    } else {
        format!(
            "tail -c +{} FILE > fixed.{format}",
            prefix.saturating_add(1)
        )
    };
    ReadError::Malformed {
        format,
        reason: Flaw::ZipPrefixed {
            prefix,
            stub: counted,
            repair,
        },
    }
}

/// A zip error as a read error: encryption is told apart from damage.
fn zip_error(format: &'static str, e: ZipError) -> ReadError {
    match e {
        ZipError::UnsupportedArchive(msg) if msg == ZipError::PASSWORD_REQUIRED => {
            ReadError::Encrypted {
                format,
                reason: Lock::ZipPassword,
            }
        }
        // The usual cause: a download cut short, so the central directory
        // at the end is missing.
        other @ ZipError::InvalidArchive(_) => ReadError::Malformed {
            format,
            reason: Flaw::ZipDamaged(other.to_string()),
        },
        other => ReadError::Malformed {
            format,
            reason: Flaw::ZipUnreadable(other.to_string()),
        },
    }
}
