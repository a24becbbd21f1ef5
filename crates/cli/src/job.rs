//! One conversion job: read, normalize, check and render one input in every
//! output format, on a worker thread.

use std::path::{Path, PathBuf};
use std::time::Duration;

use gongkai::ir::{ReadError, ReadOptions};
use gongkai::report::Writer;
use gongkai::LoadError;

use crate::engine::Ended;
use crate::file_id::{not_regular, not_regular_reason};
use crate::messages::{lang, Lang};
use crate::status::Status;
use crate::summary::Info;

/// What one conversion job needs; owned, because it runs on its own thread.
pub(crate) struct Job {
    pub path: PathBuf,
    pub options: ReadOptions,
    pub writers: Vec<&'static dyn Writer>,
    pub write: gongkai::WriteOptions,
    /// The reader `--from` names, whatever the content looks like.
    pub from: Option<String>,
}

/// The argument that stands for standard input (and, as `-o`, output).
pub(crate) const STDIO: &str = "-";

/// True when `path` is `-`: standard input or output.
pub(crate) fn is_stdio(path: &Path) -> bool {
    path.as_os_str() == STDIO
}

/// Why an input was not converted: `error` or `unsupported`, and the
/// one-line reason.
#[derive(Debug, Clone)]
pub(crate) struct Failure {
    pub status: Status,
    /// In this run's language.
    pub reason: String,
    /// In English, for JSON.
    pub english: String,
}

impl Failure {
    /// An `error` with its reason.
    pub(crate) fn error(reason: impl Into<String>) -> Failure {
        let reason = reason.into();
        Failure {
            status: Status::Error,
            english: reason.clone(),
            reason,
        }
    }
}

impl Failure {
    /// Why a job that neither finished nor was interrupted failed, `None`
    /// for those two.
    pub(crate) fn of_ended<T>(ended: &Ended<T>, limit: Option<Duration>) -> Option<Failure> {
        let reason = ended.failure(lang(), limit)?;
        Some(Failure {
            status: Status::Error,
            english: ended
                .failure(Lang::En, limit)
                .unwrap_or_else(|| reason.clone()),
            reason,
        })
    }
}

impl From<LoadError> for Failure {
    fn from(e: LoadError) -> Failure {
        let status = match &e {
            LoadError::Read(ReadError::Unsupported(_)) => Status::Unsupported,
            _ => Status::Error,
        };
        Failure {
            status,
            reason: crate::errors_zh::load_error_line(&e),
            english: e.to_string(),
        }
    }
}

/// One input rendered in every output format.
pub(crate) struct Converted {
    /// One output per writer, in order.
    pub bytes: Vec<Vec<u8>>,
    /// The summary facts.
    pub info: Info,
    /// SHA-256 of the input's bytes (for the record of outputs).
    pub sha256: String,
    /// The report itself (for `--dataset`; dropped otherwise).
    pub report: gongkai::report::Report,
}

/// One input rendered, or why it could not be.
pub(crate) type Render = Result<Converted, Failure>;

/// The bytes of an input file, refused at once when it is not a regular
/// file: opening a FIFO waits for a writer and a device may never end, so
/// neither is opened.
pub(crate) fn read_input(path: &Path, options: &ReadOptions) -> Result<Vec<u8>, Failure> {
    if is_stdio(path) {
        // One byte past the limit is enough for the size check to refuse it.
        let limit = options.limits.max_input_bytes.saturating_add(1);
        let mut data = Vec::new();
        std::io::Read::read_to_end(
            &mut std::io::Read::take(std::io::stdin().lock(), limit),
            &mut data,
        )
        .map_err(|e| Failure::from(LoadError::Io(e)))?;
        return Ok(data);
    }
    let meta = std::fs::metadata(path).map_err(|e| Failure::from(LoadError::Io(e)))?;
    if let Some(kind) = not_regular(&meta) {
        return Err(Failure::error(not_regular_reason(kind)));
    }
    Ok(gongkai::read_file(path, options)?)
}

/// Reads, normalizes, checks and renders one input in every output format.
pub(crate) fn render(job: Job) -> Render {
    let data = read_input(&job.path, &job.options)?;
    let sha256 = gongkai::sha256_hex(&data);
    let report = load(&data, &job.path, job.from.as_deref(), &job.options)?;
    drop(data);
    let info = Info::of(&report);
    let mut bytes = Vec::with_capacity(job.writers.len());
    for w in &job.writers {
        bytes.push(
            w.to_bytes(&report, &job.write)
                .map_err(|e| Failure::error(e.to_string()))?,
        );
    }
    Ok(Converted {
        bytes,
        info,
        sha256,
        report,
    })
}

/// Reads `data`, the bytes of `path`, into a checked report: with the reader
/// `from` names, or the one its content (and extension) asks for.
pub(crate) fn load(
    data: &[u8],
    path: &Path,
    from: Option<&str>,
    options: &ReadOptions,
) -> Result<gongkai::report::Report, Failure> {
    let name = (!is_stdio(path))
        .then(|| path.file_name().map(|n| n.to_string_lossy()))
        .flatten();
    let loaded = match from {
        Some(format) => gongkai::load_as(data, format, name.as_deref(), options),
        None => gongkai::load(data, name.as_deref(), options),
    };
    Ok(loaded?)
}

/// How a job's ending reads for the user: the failure is the file's
/// one-line reason.
pub(crate) fn rendered(ended: Ended<Render>, limit: Option<Duration>) -> Result<Rendered, Failure> {
    if let Some(failure) = Failure::of_ended(&ended, limit) {
        return Err(failure);
    }
    match ended {
        Ended::Done(Ok(converted)) => Ok(Rendered::Done(Box::new(converted))),
        Ended::Done(Err(failure)) => Err(failure),
        _ => Ok(Rendered::Interrupted),
    }
}

/// A job that ended without failing.
pub(crate) enum Rendered {
    /// Converted.
    Done(Box<Converted>),
    /// Stopped by Ctrl-C: nothing to write.
    Interrupted,
}
