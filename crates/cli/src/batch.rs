//! Many inputs into an output directory: in parallel, in input order, with
//! progress, a summary and resume.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use gongkai::ir::ReadOptions;
use gongkai::report::Writer;

use crate::args::{ConvertArgs, EXIT_FAILED, EXIT_INTERRUPTED};
use crate::engine::{self, Claim, Ended, InOrder};
use crate::inputs::{self, Input};
use crate::job::{render, Job};
use crate::naming::{output_base, plan, with_extension, Naming};
use crate::output;
use crate::progress::{Progress, Verbosity};
use crate::summary::{Info, Row, Summary};
use crate::up_to_date::up_to_date;

/// How one batch input ended.
enum Outcome {
    Converted(Vec<PathBuf>, Info),
    Skipped(Option<Info>),
    Failed(String),
    /// Ctrl-C came while it was being read; nothing was written.
    NotRun,
}

/// What every batch job needs; shared by the worker threads.
struct Batch {
    inputs: Vec<Input>,
    plans: Vec<Naming>,
    dir: PathBuf,
    writers: Vec<&'static dyn Writer>,
    /// Inputs inside the output directory, absolute: an output must never
    /// land on one of them.
    inputs_in_dir: HashSet<PathBuf>,
    force: bool,
    write: gongkai::WriteOptions,
    options: ReadOptions,
}

impl Batch {
    /// Converts input `i` and writes its outputs, unless the job was given
    /// up (timed out, interrupted) by then.
    fn run(&self, i: usize, claim: &Claim) -> Outcome {
        let Some(input) = self.inputs.get(i) else {
            return Outcome::NotRun;
        };
        if let Some(e) = &input.error {
            return Outcome::Failed(e.clone());
        }
        let Some(&naming) = self.plans.get(i) else {
            return Outcome::NotRun;
        };
        let base = match output_base(&self.dir, &self.inputs, i, naming) {
            Ok(base) => base,
            Err(e) => return Outcome::Failed(e),
        };
        let outputs: Vec<PathBuf> = self
            .writers
            .iter()
            .map(|w| with_extension(&base, w.extension()))
            .collect();
        if !self.inputs_in_dir.is_empty()
            && outputs
                .iter()
                .any(|o| self.inputs_in_dir.contains(&absolute(o)))
        {
            return Outcome::Failed(
                "refusing to overwrite an input file with an output; choose another -o".into(),
            );
        }
        if !self.force && up_to_date(&input.path, &outputs) {
            return Outcome::Skipped(Info::from_json_output(&with_extension(&base, "json")));
        }
        let job = Job {
            path: input.path.clone(),
            options: self.options.clone(),
            writers: self.writers.clone(),
            write: self.write.clone(),
        };
        match render(job) {
            Ok(_) if !claim.take() => Outcome::NotRun,
            Ok((bytes, info)) => {
                for (out, b) in outputs.iter().zip(bytes) {
                    if let Err(e) = output::write_output(out, &input.path, &b) {
                        return Outcome::Failed(format!("{}: {e}", out.display()));
                    }
                }
                Outcome::Converted(outputs, info)
            }
            Err(reason) => Outcome::Failed(reason),
        }
    }
}

fn absolute(p: &Path) -> PathBuf {
    std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf())
}

/// Many inputs into `dir`, in parallel, with progress, a summary, resume.
pub(crate) fn batch(
    args: &ConvertArgs,
    dir: &Path,
    writers: Vec<&'static dyn Writer>,
    limit: Option<Duration>,
    stop: &Arc<AtomicBool>,
) -> anyhow::Result<ExitCode> {
    let inputs = inputs::expand(&args.inputs, Some(dir));
    if inputs.is_empty() {
        eprintln!("gongkai: error: no input files found (known extensions are listed by `gongkai formats`)");
        return Ok(ExitCode::from(EXIT_FAILED));
    }
    let plans = plan(&inputs);
    let abs_dir = absolute(dir);
    // One `getcwd` for the whole batch, not one per input.
    let cwd = std::env::current_dir().unwrap_or_default();
    // Inputs can lie inside the output directory only when an argument's
    // tree and the directory overlap; the usual `in/ -o out/` skips the
    // per-input paths (a path resolution each).
    let overlaps = args.inputs.iter().any(|arg| {
        let root = match arg.to_str().filter(|s| inputs::has_glob_meta(s)) {
            Some(pattern) => inputs::glob_base(pattern),
            None => arg.clone(),
        };
        let root = absolute(&cwd.join(root));
        root.starts_with(&abs_dir) || abs_dir.starts_with(&root)
    });
    let inputs_in_dir: HashSet<PathBuf> = if overlaps {
        inputs
            .iter()
            .map(|i| absolute(&cwd.join(&i.path)))
            .filter(|p| p.starts_with(&abs_dir))
            .collect()
    } else {
        HashSet::new()
    };
    let mut summary = match &args.summary {
        Some(path) => {
            Some(Summary::create(path).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?)
        }
        None => None,
    };
    let verbosity = if args.quiet {
        Verbosity::Quiet
    } else if args.verbose {
        Verbosity::Verbose
    } else {
        Verbosity::Normal
    };
    let mut progress = Progress::new(inputs.len(), verbosity);
    let mut order = InOrder::new();
    let mut summary_error: Option<anyhow::Error> = None;
    let n = inputs.len();
    let batch = Arc::new(Batch {
        inputs,
        plans,
        dir: dir.to_path_buf(),
        writers,
        inputs_in_dir,
        force: args.force,
        write: args.write_options(),
        options: args.limits.options(),
    });

    let mut emit = |r: Row| {
        if let Some(s) = summary.as_mut() {
            if let Err(e) = s.push(&r) {
                summary_error.get_or_insert(e.into());
            }
        }
    };
    let work = {
        let batch = Arc::clone(&batch);
        move |i: usize, claim: &Claim| batch.run(i, claim)
    };
    engine::run(args.run.jobs, n, limit, stop, work, |i, ended| {
        let Some(input) = batch.inputs.get(i) else {
            return;
        };
        let outcome = match (ended.failure(limit), ended) {
            (Some(reason), _) => Outcome::Failed(reason),
            (None, Ended::Done(outcome)) => outcome,
            (None, _) => Outcome::NotRun,
        };
        let shown = input.path.display().to_string();
        let r = match outcome {
            Outcome::NotRun => return,
            Outcome::Converted(outputs, info) => {
                let outs: Vec<String> = outputs.iter().map(|o| o.display().to_string()).collect();
                progress.converted(&shown, &outs, &info);
                Row::new(&input.path, "ok", Some(info), None)
            }
            Outcome::Skipped(info) => {
                progress.skipped(&shown, info.as_ref());
                Row::new(&input.path, "skipped", info, None)
            }
            Outcome::Failed(reason) => {
                progress.error(&shown, &reason);
                Row::new(&input.path, "error", None, Some(reason))
            }
        };
        order.push(i, r, &mut emit);
    });
    order.finish(&mut emit);
    let interrupted = stop.load(Ordering::SeqCst);
    progress.finish(interrupted);
    if let Some(s) = summary {
        match summary_error {
            Some(e) => eprintln!("gongkai: error: summary: {e}"),
            None => match s.finish() {
                Ok(path) => eprintln!("summary written to {}", path.display()),
                Err(e) => eprintln!("gongkai: error: summary: {e}"),
            },
        }
    }
    Ok(if interrupted {
        ExitCode::from(EXIT_INTERRUPTED)
    } else if progress.counts.errors > 0 {
        ExitCode::from(EXIT_FAILED)
    } else {
        ExitCode::SUCCESS
    })
}
