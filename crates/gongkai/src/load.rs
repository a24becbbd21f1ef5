//! Bytes → checked report: the input-size check, the choice of reader, the
//! panic guard, the normalizer and the checks, each in one place.

use std::io::Read;
use std::path::Path;

use gongkai_ir::{find_reader, watch, Document, Limit, ReadError, ReadOptions, Reader};
use gongkai_normalize::NormalizeError;
use gongkai_report::{find_report_reader, Report, ReportReader, Source};
use sha2::{Digest, Sha256};

/// Why one input could not be read into a report.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The file could not be read from disk.
    #[error("cannot read file: {0}")]
    Io(#[from] std::io::Error),
    /// The input is empty.
    #[error("empty file")]
    Empty,
    /// No reader recognises the content.
    #[error("unknown format: the content is not {0}")]
    UnknownFormat(String),
    /// The reader refused the input (malformed, encrypted, over a limit…).
    #[error("{0}")]
    Read(#[from] ReadError),
    /// The document is not a report.
    #[error("{0}")]
    NotAReport(#[from] NormalizeError),
    /// A reader or the normalizer panicked (a bug); only this input is lost.
    #[error("internal reader error: {stage} panicked: {message}")]
    Panic {
        /// What was running (`the pdf reader`, `the normalizer`).
        stage: String,
        /// The panic's message.
        message: String,
    },
}

/// What kind of error a [`LoadError`] is, one for each way an input fails
/// (the reader's [`ReadError`]s each have their own): what the command line
/// keys its sentences in other languages by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, strum::EnumIter)]
pub enum ErrorKind {
    /// [`LoadError::Io`].
    Io,
    /// [`LoadError::Empty`].
    Empty,
    /// [`LoadError::UnknownFormat`].
    UnknownFormat,
    /// [`ReadError::Malformed`].
    Malformed,
    /// [`ReadError::Unsupported`].
    Unsupported,
    /// [`ReadError::Encrypted`].
    Encrypted,
    /// [`ReadError::Limit`].
    Limit,
    /// [`ReadError::NoTextLayer`].
    NoTextLayer,
    /// [`ReadError::Encoding`].
    Encoding,
    /// [`ReadError::Stopped`].
    Stopped,
    /// [`ReadError::Internal`].
    Internal,
    /// [`LoadError::NotAReport`].
    NotAReport,
    /// [`LoadError::Panic`].
    Panic,
}

impl ErrorKind {
    /// Every kind, in order.
    pub fn all() -> impl Iterator<Item = ErrorKind> {
        <ErrorKind as strum::IntoEnumIterator>::iter()
    }
}

impl LoadError {
    /// The kind of this error.
    pub fn kind(&self) -> ErrorKind {
        match self {
            LoadError::Io(_) => ErrorKind::Io,
            LoadError::Empty => ErrorKind::Empty,
            LoadError::UnknownFormat(_) => ErrorKind::UnknownFormat,
            LoadError::Read(e) => match e {
                ReadError::Malformed { .. } => ErrorKind::Malformed,
                ReadError::Unsupported(_) => ErrorKind::Unsupported,
                ReadError::Encrypted { .. } => ErrorKind::Encrypted,
                ReadError::Limit { .. } => ErrorKind::Limit,
                ReadError::NoTextLayer(_) => ErrorKind::NoTextLayer,
                ReadError::Encoding(_) => ErrorKind::Encoding,
                ReadError::Stopped => ErrorKind::Stopped,
                ReadError::Internal(_) => ErrorKind::Internal,
            },
            LoadError::NotAReport(NormalizeError::NotAReport) => ErrorKind::NotAReport,
            LoadError::Panic { .. } => ErrorKind::Panic,
        }
    }
}

/// Read a file's bytes, refusing a file over `--max-input-bytes` before
/// reading it (and one that grows past it while read).
pub fn read_file(path: &Path, options: &ReadOptions) -> Result<Vec<u8>, LoadError> {
    // Opening a FIFO blocks until a writer comes, and a device never ends:
    // look before opening.
    if !std::fs::metadata(path)?.is_file() {
        return Err(LoadError::Io(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "not a regular file (a directory, FIFO, socket or device)",
        )));
    }
    let file = std::fs::File::open(path)?;
    let size = file.metadata()?.len();
    check_size(size, options)?;
    let limit = options.limits.max_input_bytes;
    let mut data = Vec::with_capacity(usize::try_from(size).unwrap_or(0).saturating_add(1));
    file.take(limit.saturating_add(1)).read_to_end(&mut data)?;
    check_size(data.len() as u64, options)?;
    Ok(data)
}

/// The one input-size check: every path into the pipeline goes through it.
fn check_size(size: u64, options: &ReadOptions) -> Result<(), LoadError> {
    options.limits.check(Limit::InputBytes, size, || {
        gongkai_ir::Oversize::File(gongkai_ir::Amount::Exactly(size))
    })?;
    Ok(())
}

/// What every input is checked for before a reader sees it.
fn admit(data: &[u8], options: &ReadOptions) -> Result<(), LoadError> {
    check_size(data.len() as u64, options)?;
    if data.is_empty() {
        return Err(LoadError::Empty);
    }
    Ok(())
}

/// Read a file into a checked report (see [`load`]).
pub fn load_file(path: &Path, options: &ReadOptions) -> Result<Report, LoadError> {
    let data = read_file(path, options)?;
    let name = path.file_name().map(|n| n.to_string_lossy());
    load(&data, name.as_deref(), options)
}

/// Read the bytes of a document (or of a `gongkai.report/1` JSON file) into
/// a checked report. `name_hint`, a file name, breaks ties between readers by
/// its extension and is recorded in `source.file`.
pub fn load(
    data: &[u8],
    name_hint: Option<&str>,
    options: &ReadOptions,
) -> Result<Report, LoadError> {
    admit(data, options)?;
    let source = source_of(data, name_hint);
    guarded(options, |stage| match find_report_reader(data) {
        Some(reader) => read_report(reader, data, source, stage),
        None => {
            let reader = choose_reader(data, name_hint)?;
            read_and_normalize(reader, data, source, options, stage)
        }
    })
}

/// Like [`load`], but read with the reader named `format` (`docx`, `pdf`,
/// `json`…) whatever the content looks like.
pub fn load_as(
    data: &[u8],
    format: &str,
    name_hint: Option<&str>,
    options: &ReadOptions,
) -> Result<Report, LoadError> {
    admit(data, options)?;
    let source = source_of(data, name_hint);
    let report_reader = gongkai_report::report_readers()
        .into_iter()
        .find(|r| r.name() == format);
    guarded(options, |stage| match report_reader {
        Some(reader) => read_report(reader, data, source, stage),
        None => {
            let reader = gongkai_ir::readers()
                .into_iter()
                .find(|r| r.name() == format)
                .ok_or_else(|| {
                    LoadError::UnknownFormat(format!("read by a reader named {format}"))
                })?;
            read_and_normalize(reader, data, source, options, stage)
        }
    })
}

/// The IR of a document and the name of the reader that read it (what
/// `gongkai inspect` prints).
pub fn read_document(
    data: &[u8],
    name_hint: Option<&str>,
    options: &ReadOptions,
) -> Result<(Document, &'static str), LoadError> {
    admit(data, options)?;
    guarded(options, |stage| {
        let reader = choose_reader(data, name_hint)?;
        *stage = Stage::Reader(reader.name());
        Ok((read_text_fixed(reader, data, options)?, reader.name()))
    })
}

fn source_of(data: &[u8], name_hint: Option<&str>) -> Source {
    Source {
        file: name_hint
            .map(|n| n.rsplit(['/', '\\']).next().unwrap_or(n).to_string())
            .unwrap_or_default(),
        format: String::new(),
        sha256: sha256_hex(data),
        ocr: None,
    }
}

/// The reader the content (and, for ties, the name's extension) asks for.
fn choose_reader(data: &[u8], name_hint: Option<&str>) -> Result<&'static dyn Reader, LoadError> {
    let extension = name_hint
        .and_then(|n| Path::new(n).extension())
        .and_then(|e| e.to_str());
    find_reader(data, extension).ok_or_else(|| {
        let names: Vec<&str> = gongkai_ir::readers().iter().map(|r| r.name()).collect();
        LoadError::UnknownFormat(names.join(", "))
    })
}

fn read_report(
    reader: &'static dyn ReportReader,
    data: &[u8],
    mut source: Source,
    stage: &mut Stage,
) -> Result<Report, LoadError> {
    *stage = Stage::Reader(reader.name());
    source.format = reader.name().to_string();
    Ok(checked(reader.read(data, source)?))
}

fn read_and_normalize(
    reader: &'static dyn Reader,
    data: &[u8],
    mut source: Source,
    options: &ReadOptions,
    stage: &mut Stage,
) -> Result<Report, LoadError> {
    *stage = Stage::Reader(reader.name());
    let doc = read_text_fixed(reader, data, options)?;
    source.format = reader.name().to_string();
    source.ocr = crate::ocr::engine(&doc);
    *stage = Stage::Normalizer;
    Ok(checked(gongkai_normalize::normalize(&doc, source)?))
}

/// Read with `reader`, then put back the ideographs that some producers
/// write as CJK radicals (`⾏` for 行): in one place, for every reader.
fn read_text_fixed(
    reader: &'static dyn Reader,
    data: &[u8],
    options: &ReadOptions,
) -> Result<Document, ReadError> {
    let mut doc = if reader.has_page_images() {
        crate::ocr::read_paged(reader, data, options)?
    } else {
        reader.read(data, options)?
    };
    doc.unify_radicals();
    Ok(doc)
}

/// The one place the 勾稽 checks run: every report the pipeline hands out,
/// read from a document or from JSON that may have been edited, is checked.
/// A failed check of a scan gets its `ocr.suspect_sum` warning here too.
fn checked(mut report: Report) -> Report {
    report.checks = gongkai_report::run_checks(&report);
    report
        .diagnostics
        .retain(|d| d.code != gongkai_report::OCR_SUSPECT_SUM);
    let suspects = gongkai_report::suspect_sums(&report);
    report.diagnostics.extend(suspects);
    report
}

/// What was running when a panic came.
#[derive(Debug, Clone, Copy)]
enum Stage {
    /// Choosing a reader.
    Start,
    /// The reader of that name.
    Reader(&'static str),
    /// The normalizer.
    Normalizer,
}

impl std::fmt::Display for Stage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Stage::Start => f.write_str("gongkai"),
            Stage::Reader(name) => write!(f, "the {name} reader"),
            Stage::Normalizer => f.write_str("the normalizer"),
        }
    }
}

/// The one panic guard and the one memory budget: a panic in a reader or
/// the normalizer becomes this input's error, naming what was running, and
/// so does memory use past `--max-memory` (checked by the readers as they
/// go, and once more at the end for what they did between checkpoints).
fn guarded<T>(
    options: &ReadOptions,
    work: impl FnOnce(&mut Stage) -> Result<T, LoadError>,
) -> Result<T, LoadError> {
    let mut stage = Stage::Start;
    let result = watch::with_memory_budget(options.limits.max_memory, || {
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let done = work(&mut stage)?;
            watch::checkpoint()?;
            Ok(done)
        }))
    });
    result.unwrap_or_else(|panic| {
        let message = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_string());
        Err(LoadError::Panic {
            stage: stage.to_string(),
            message,
        })
    })
}

/// Lower-case hex SHA-256 (the report's `source.sha256`).
pub fn sha256_hex(data: &[u8]) -> String {
    let digest = Sha256::digest(data);
    let mut out = String::with_capacity(64);
    for b in digest {
        for nibble in [b >> 4, b & 15] {
            out.push(char::from_digit(u32::from(nibble), 16).unwrap_or('0'));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_names_what_was_running() {
        let err = guarded::<()>(&ReadOptions::default(), |stage| {
            *stage = Stage::Reader("pdf");
            panic!("boom")
        })
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "internal reader error: the pdf reader panicked: boom"
        );
    }

    #[test]
    fn a_device_or_directory_is_not_read() {
        for path in ["/dev/zero", "."] {
            let err = read_file(Path::new(path), &ReadOptions::default()).unwrap_err();
            assert!(err.to_string().contains("not a regular file"), "{err}");
        }
    }

    #[test]
    fn oversized_and_empty_inputs_are_refused() {
        let mut options = ReadOptions::default();
        options.limits.max_input_bytes = 3;
        let err = load(b"abcd", None, &options).unwrap_err();
        assert!(
            err.to_string()
                .contains("exceeds the limit of 3 bytes (raise it with --max-input-bytes)"),
            "{err}"
        );
        assert!(matches!(
            load(b"", None, &ReadOptions::default()),
            Err(LoadError::Empty)
        ));
    }

    #[test]
    fn edited_json_is_checked_again() {
        // A report whose 表四 复议 block no longer adds up, and whose file
        // still says every check passed.
        let json = br#"{"schema": "gongkai.report/1", "title": "t",
            "review_litigation": {"review": {"maintain": 1, "correct": 0, "other": 0, "unfinished": 0, "total": 5}},
            "checks": [{"id": "t4.block_total", "subject": "review_litigation.review", "status": "pass", "message": "ok"}]}"#;
        let report = load(json, Some("r.json"), &ReadOptions::default()).unwrap();
        let review = report
            .checks
            .iter()
            .find(|c| c.subject.as_str() == "review_litigation.review")
            .unwrap();
        assert_eq!(review.status, gongkai_report::CheckStatus::Fail);
        assert_eq!(report.source.format, "json");
        // Not a scan: no `ocr.suspect_sum`.
        assert!(!report
            .diagnostics
            .iter()
            .any(|d| d.code == gongkai_report::OCR_SUSPECT_SUM));
    }

    #[test]
    fn a_failed_check_of_a_scan_names_its_cells_once() {
        // A scan's report, already holding a stale suspect warning.
        let json = br#"{"schema": "gongkai.report/1", "title": "t",
            "source": {"file": "s.pdf", "format": "pdf", "sha256": "", "ocr": "Tesseract 5.3.0"},
            "review_litigation": {"review": {"maintain": 1, "correct": 0, "other": 0, "unfinished": 0, "total": 5}},
            "diagnostics": [{"severity": "warning", "code": "ocr.suspect_sum", "message": "stale"}]}"#;
        let report = load(json, Some("r.json"), &ReadOptions::default()).unwrap();
        let suspects: Vec<_> = report
            .diagnostics
            .iter()
            .filter(|d| d.code == gongkai_report::OCR_SUSPECT_SUM)
            .collect();
        assert_eq!(suspects.len(), 1, "{suspects:?}");
        let message = &suspects[0].message;
        assert!(message.contains("may be misread"), "{message}");
        assert!(
            message.contains("review_litigation.review.total")
                && message.contains("review_litigation.review.maintain"),
            "{message}"
        );
        assert_eq!(
            suspects[0].path.as_deref(),
            Some("review_litigation.review")
        );
    }
}
