//! `gongkai convert`: one file to standard output or a file, or a batch of
//! inputs into a directory that mirrors the input tree.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;
use std::time::Duration;

use gongkai::report::Writer;

use crate::args::{ConvertArgs, EXIT_FAILED, EXIT_INTERRUPTED, EXIT_USAGE};
use crate::batch::batch;
use crate::engine;
use crate::file_id::FileId;
use crate::inputs;
use crate::job::{render, rendered, Job, Rendered};
use crate::output::{self, Inputs};
use crate::summary::{Row, Summary};

/// Where the outputs go.
enum Target {
    Stdout,
    File(PathBuf),
    Dir(PathBuf),
}

fn usage(message: &str) -> ExitCode {
    eprintln!("gongkai: error: {message}");
    ExitCode::from(EXIT_USAGE)
}

fn ends_with_separator(p: &Path) -> bool {
    let s = p.as_os_str().to_string_lossy();
    s.ends_with('/') || s.ends_with(std::path::MAIN_SEPARATOR)
}

/// `gongkai convert`.
pub fn convert(args: &ConvertArgs) -> anyhow::Result<ExitCode> {
    let mut writers: Vec<&'static dyn Writer> = Vec::new();
    for name in &args.to {
        let Some(w) = gongkai::report::find_writer(name) else {
            return Ok(usage(&format!("unknown output format `{name}`")));
        };
        if !writers.iter().any(|x| x.name() == w.name()) {
            writers.push(w);
        }
    }
    let first = &args.inputs[0];
    // One existing file (or a missing one that is not a pattern) keeps the
    // single-file behaviour: standard output, or `-o FILE`.
    let single = args.inputs.len() == 1
        && !first.is_dir()
        && (first.exists() || !first.to_str().is_some_and(inputs::has_glob_meta));
    let target = match &args.output {
        None if single && writers.len() == 1 => Target::Stdout,
        None if single => {
            return Ok(usage(
                "several output formats need -o DIR (one file per format)",
            ))
        }
        None => {
            return Ok(usage(
                "several inputs (or a directory or pattern) need -o DIR",
            ))
        }
        Some(o) if single && writers.len() == 1 && !o.is_dir() && !ends_with_separator(o) => {
            Target::File(o.clone())
        }
        Some(o) if o.exists() && !o.is_dir() => {
            return Ok(usage(&format!(
                "{} is a file; several inputs or formats need a directory",
                o.display()
            )))
        }
        Some(o) => Target::Dir(o.clone()),
    };
    let stop = engine::on_ctrl_c();
    let limit = args.run.limit();
    match target {
        Target::Stdout | Target::File(_) => single_file(args, first, writers, target, limit, &stop),
        Target::Dir(dir) => batch(args, &dir, writers, limit, &stop),
    }
}

/// One file to standard output or to one file: quiet unless it fails.
fn single_file(
    args: &ConvertArgs,
    input: &Path,
    writers: Vec<&'static dyn Writer>,
    target: Target,
    limit: Option<Duration>,
    stop: &Arc<AtomicBool>,
) -> anyhow::Result<ExitCode> {
    let identities = Inputs(FileId::at(input).into_iter().collect());
    if let Some(path) = args.summary.as_ref().filter(|s| identities.holds(s)) {
        return Ok(usage(&format!(
            "--summary {} is the input; choose another file",
            path.display()
        )));
    }
    let job = Job {
        path: input.to_path_buf(),
        options: args.limits.options(),
        writers,
        write: args.write_options(),
    };
    let (row, code) = match rendered(engine::run_one(limit, stop, move || render(job)), limit) {
        Ok(Rendered::Interrupted) => return Ok(ExitCode::from(EXIT_INTERRUPTED)),
        Ok(Rendered::Done(converted)) => {
            let bytes = converted.bytes.concat();
            match &target {
                Target::File(path) => {
                    if let Err(e) = output::write_output(path, &identities, &bytes) {
                        eprintln!("gongkai: error: {}: {e}", path.display());
                        return Ok(ExitCode::from(EXIT_FAILED));
                    }
                }
                _ => {
                    let mut out = std::io::stdout().lock();
                    out.write_all(&bytes)?;
                    out.flush()?;
                }
            }
            let info = converted.info;
            let status = info.status();
            let (report, sha256) = (&converted.report, &converted.sha256);
            crate::dataset::add_one(&args.dataset, input, status, report, sha256)?;
            // One file asked for by name exits 0 with what was found (a
            // blank template converts); the warning says what is missing.
            // A batch exits 3 for it.
            if let Some(why) = &info.incomplete {
                eprintln!("gongkai: warning: {}: incomplete: {why}", input.display());
            }
            (Row::new(input, status, Some(info), None), ExitCode::SUCCESS)
        }
        Err(failure) => {
            eprintln!("gongkai: error: {}: {}", input.display(), failure.reason);
            (
                Row::new(input, failure.status, None, Some(failure.reason)),
                ExitCode::from(EXIT_FAILED),
            )
        }
    };
    if let Some(path) = &args.summary {
        let mut summary =
            Summary::create(path).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
        summary.push(&row)?;
        summary.finish(&identities)?;
    }
    Ok(code)
}
