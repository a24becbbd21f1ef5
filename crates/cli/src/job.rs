//! One conversion job: read, normalize, check and render one input in every
//! output format, on a worker thread.

use std::path::PathBuf;
use std::time::Duration;

use gongkai::ir::ReadOptions;
use gongkai::report::Writer;

use crate::engine::Ended;
use crate::summary::Info;

/// What one conversion job needs; owned, because it runs on its own thread.
pub(crate) struct Job {
    pub path: PathBuf,
    pub options: ReadOptions,
    pub writers: Vec<&'static dyn Writer>,
    pub write: gongkai::WriteOptions,
}

/// One input rendered in every output format, with its summary facts; or
/// the one-line reason it could not be.
pub(crate) type Render = Result<(Vec<Vec<u8>>, Info), String>;

/// Reads, normalizes, checks and renders one input in every output format.
pub(crate) fn render(job: Job) -> Render {
    let report = gongkai::load_file(&job.path, &job.options).map_err(|e| e.to_string())?;
    let info = Info::of(&report);
    let mut all = Vec::with_capacity(job.writers.len());
    for w in &job.writers {
        all.push(w.to_bytes(&report, &job.write).map_err(|e| e.to_string())?);
    }
    Ok((all, info))
}

/// How a job's ending reads for the user: the error is the file's one-line
/// reason.
pub(crate) fn rendered(ended: Ended<Render>, limit: Option<Duration>) -> Result<Rendered, String> {
    if let Some(reason) = ended.failure(limit) {
        return Err(reason);
    }
    match ended {
        Ended::Done(Ok((bytes, info))) => Ok(Rendered::Done(bytes, Box::new(info))),
        Ended::Done(Err(reason)) => Err(reason),
        _ => Ok(Rendered::Interrupted),
    }
}

pub(crate) enum Rendered {
    Done(Vec<Vec<u8>>, Box<Info>),
    Interrupted,
}
