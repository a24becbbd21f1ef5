//! Reading one input file into a report: sniff the format, read, normalize.

use std::path::Path;

use gongkai_ir::{find_reader, Document, ReadError, ReadOptions};
use gongkai_normalize::NormalizeError;
use gongkai_report::{find_report_reader, Report, Source};
use sha2::{Digest, Sha256};

/// Why one input could not be converted.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    /// The file could not be read from disk.
    #[error("cannot read file: {0}")]
    Io(#[from] std::io::Error),
    /// The file is empty.
    #[error("empty file")]
    Empty,
    /// No reader recognises the content.
    #[error("unknown format: the content is not {0}")]
    UnknownFormat(String),
    /// The reader failed.
    #[error("{0}")]
    Read(#[from] ReadError),
    /// The document is not a report.
    #[error("{0}")]
    NotAReport(#[from] NormalizeError),
    /// The input is larger than the limit.
    #[error(
        "file of {size} bytes exceeds the limit of {limit} bytes (raise it with --max-input-bytes)"
    )]
    TooLarge {
        /// The file's size.
        size: u64,
        /// The limit.
        limit: u64,
    },
}

/// Read a file's bytes, refusing files over the input limit.
pub fn read_bytes(path: &Path, options: &ReadOptions) -> Result<Vec<u8>, InputError> {
    use std::io::Read;
    let file = std::fs::File::open(path)?;
    let size = file.metadata()?.len();
    let limit = options.limits.max_input_bytes;
    if size > limit {
        return Err(InputError::TooLarge { size, limit });
    }
    let mut data = Vec::with_capacity(usize::try_from(size).unwrap_or(0).saturating_add(1));
    // A file growing while read is still held to the limit.
    file.take(limit.saturating_add(1)).read_to_end(&mut data)?;
    let read = data.len() as u64;
    if read > limit {
        return Err(InputError::TooLarge { size: read, limit });
    }
    if data.is_empty() {
        return Err(InputError::Empty);
    }
    Ok(data)
}

fn extension(path: &Path) -> Option<String> {
    path.extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
}

/// The IR of a file and the name of the reader that read it. A panic inside a
/// reader becomes this file's error.
pub fn read_document(
    path: &Path,
    data: &[u8],
    options: &ReadOptions,
) -> Result<(Document, &'static str), InputError> {
    let ext = extension(path);
    let reader = find_reader(data, ext.as_deref()).ok_or_else(|| {
        let names: Vec<&str> = gongkai_ir::readers().iter().map(|r| r.name()).collect();
        InputError::UnknownFormat(names.join(", "))
    })?;
    let result =
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| reader.read(data, options)));
    match result {
        Ok(read) => Ok((read?, reader.name())),
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_string());
            Err(InputError::Read(ReadError::Internal(format!(
                "the {} reader panicked: {what}",
                reader.name()
            ))))
        }
    }
}

/// Convert one file into a checked report.
pub fn load_report(path: &Path, options: &ReadOptions) -> Result<Report, InputError> {
    let data = read_bytes(path, options)?;
    let mut source = Source {
        file: path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        format: String::new(),
        sha256: sha256_hex(&data),
    };
    if let Some(reader) = find_report_reader(&data) {
        source.format = reader.name().to_string();
        return Ok(reader.read(&data, source)?);
    }
    let (doc, format) = read_document(path, &data, options)?;
    source.format = format.to_string();
    let normalized = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        gongkai_normalize::normalize(&doc, source)
    }));
    match normalized {
        Ok(report) => Ok(report?),
        Err(_) => Err(InputError::Read(ReadError::Internal(
            "the normalizer panicked".to_string(),
        ))),
    }
}

/// Lower-case hex SHA-256.
pub fn sha256_hex(data: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let digest = Sha256::digest(data);
    let mut out = String::with_capacity(64);
    for b in digest {
        out.push(char::from(HEX[usize::from(b >> 4)]));
        out.push(char::from(HEX[usize::from(b & 15)]));
    }
    out
}
