//! `gongkai convert`: one file to standard output or a file, or a batch of
//! inputs into a directory that mirrors the input tree.

use std::collections::{HashMap, HashSet};
use std::ffi::OsStr;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use gongkai_ir::ReadOptions;
use gongkai_report::Writer;

use crate::engine::{self, Claim, Ended, InOrder};
use crate::inputs::{self, Input};
use crate::progress::{Progress, Verbosity};
use crate::summary::{Info, Row, Summary};
use crate::{load_report, output, ConvertArgs, EXIT_FAILED, EXIT_INTERRUPTED, EXIT_USAGE};

/// What one conversion job needs; owned, because it runs on its own thread.
struct Job {
    path: PathBuf,
    options: ReadOptions,
    writers: Vec<&'static dyn Writer>,
    compact: bool,
}

/// One input rendered in every output format, with its summary facts; or
/// the one-line reason it could not be.
type Render = Result<(Vec<Vec<u8>>, Info), String>;

/// Reads, normalizes, checks and renders one input in every output format.
fn render(job: Job) -> Render {
    let report = load_report(&job.path, &job.options).map_err(|e| e.to_string())?;
    let info = Info::of(&report);
    let mut all = Vec::with_capacity(job.writers.len());
    for w in &job.writers {
        let bytes = if w.name() == "json" && job.compact {
            let compact = gongkai_format_json::JsonWriter { pretty: false };
            Writer::to_bytes(&compact, &report)
        } else {
            w.to_bytes(&report)
        };
        all.push(bytes.map_err(|e| e.to_string())?);
    }
    Ok((all, info))
}

/// How a job's ending reads for the user: the error is the file's one-line
/// reason.
fn rendered(ended: Ended<Render>, limit: Option<Duration>) -> Result<Rendered, String> {
    if let Some(reason) = ended.failure(limit) {
        return Err(reason);
    }
    match ended {
        Ended::Done(Ok((bytes, info))) => Ok(Rendered::Done(bytes, Box::new(info))),
        Ended::Done(Err(reason)) => Err(reason),
        _ => Ok(Rendered::Interrupted),
    }
}

enum Rendered {
    Done(Vec<Vec<u8>>, Box<Info>),
    Interrupted,
}

/// How one batch input ended.
enum Outcome {
    Converted(Vec<PathBuf>, Info),
    Skipped(Option<Info>),
    Failed(String),
    /// Ctrl-C came while it was being read; nothing was written.
    NotRun,
}

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

/// Sets `stop` on Ctrl-C. Failing to install the handler only loses the
/// clean shutdown, so it is not an error.
pub(crate) fn on_ctrl_c() -> Arc<AtomicBool> {
    let stop = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&stop);
    let _ = ctrlc::set_handler(move || flag.store(true, Ordering::SeqCst));
    stop
}

/// `gongkai convert`.
pub fn convert(args: &ConvertArgs) -> anyhow::Result<ExitCode> {
    let mut writers: Vec<&'static dyn Writer> = Vec::new();
    for name in &args.to {
        let Some(w) = gongkai_report::find_writer(name) else {
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
    let stop = on_ctrl_c();
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
    let job = Job {
        path: input.to_path_buf(),
        options: args.limits.options(),
        writers,
        compact: args.compact,
    };
    let fail = |reason: &str| {
        eprintln!("gongkai: error: {}: {reason}", input.display());
    };
    let (row, code) = match rendered(engine::run_one(limit, stop, move || render(job)), limit) {
        Ok(Rendered::Interrupted) => return Ok(ExitCode::from(EXIT_INTERRUPTED)),
        Ok(Rendered::Done(bytes, info)) => {
            let bytes = bytes.concat();
            match &target {
                Target::File(path) => {
                    if let Err(e) = output::write_output(path, input, &bytes) {
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
            (row(input, "ok", Some(*info), None), ExitCode::SUCCESS)
        }
        Err(reason) => {
            fail(&reason);
            (
                row(input, "error", None, Some(reason)),
                ExitCode::from(EXIT_FAILED),
            )
        }
    };
    if let Some(path) = &args.summary {
        let mut summary =
            Summary::create(path).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
        summary.push(&row)?;
        summary.finish()?;
    }
    Ok(code)
}

fn row(input: &Path, status: &'static str, info: Option<Info>, error: Option<String>) -> Row {
    Row {
        path: input.display().to_string(),
        status,
        info,
        error,
    }
}

/// How an input's outputs are named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Naming {
    /// `a.pdf` → `a.json`.
    Stem,
    /// `a.pdf` → `a.pdf.json`, because another input there has the stem `a`.
    WholeName,
    /// The outputs would take the names of input N's.
    TakenBy(usize),
}

/// Names every input's outputs: the input's path relative to its argument,
/// with the extension dropped — unless another input in the same place has
/// the same stem (`a.pdf`, `a.docx`), in which case each keeps its whole name
/// (`a.pdf.json`, `a.docx.json`). Output paths are built per input when it
/// runs, so a large batch keeps one small tag per input, not paths.
fn plan(inputs: &[Input]) -> Vec<Naming> {
    fn key(rel: &Path) -> (&Path, &OsStr) {
        (
            rel.parent().unwrap_or(Path::new("")),
            rel.file_stem().unwrap_or_default(),
        )
    }
    let mut stems: HashMap<(&Path, &OsStr), usize> = HashMap::with_capacity(inputs.len());
    for input in inputs {
        *stems.entry(key(&input.rel)).or_default() += 1;
    }
    let mut taken: HashMap<(&Path, &OsStr), usize> = HashMap::with_capacity(inputs.len());
    let mut out = Vec::with_capacity(inputs.len());
    for (i, input) in inputs.iter().enumerate() {
        let (parent, stem) = key(&input.rel);
        let (naming, name) = if stems.get(&(parent, stem)).copied().unwrap_or(0) > 1 {
            (Naming::WholeName, input.rel.file_name().unwrap_or_default())
        } else {
            (Naming::Stem, stem)
        };
        out.push(match taken.get(&(parent, name)) {
            Some(&other) => Naming::TakenBy(other),
            None => {
                taken.insert((parent, name), i);
                naming
            }
        });
    }
    out
}

/// The output path of an input under `dir`, without the format's extension.
fn output_base(dir: &Path, inputs: &[Input], i: usize, naming: Naming) -> Result<PathBuf, String> {
    let Some(input) = inputs.get(i) else {
        return Err("no such input".into());
    };
    let parent = input.rel.parent().unwrap_or(Path::new(""));
    let name = match naming {
        Naming::Stem => input.rel.file_stem(),
        Naming::WholeName => input.rel.file_name(),
        Naming::TakenBy(other) => {
            let other = inputs.get(other).map(|o| o.path.display().to_string());
            return Err(format!(
                "its outputs would take the names of those of {}; give the directory above both instead",
                other.unwrap_or_default()
            ));
        }
    };
    Ok(dir.join(parent).join(name.unwrap_or_default()))
}

fn with_extension(base: &Path, ext: &str) -> PathBuf {
    let mut s = base.as_os_str().to_owned();
    s.push(".");
    s.push(ext);
    PathBuf::from(s)
}

fn modified(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

/// Every output exists and is not older than the input.
fn up_to_date(input: &Path, outputs: &[PathBuf]) -> bool {
    let Some(source) = modified(input) else {
        return false;
    };
    outputs
        .iter()
        .all(|o| modified(o).is_some_and(|t| t >= source))
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
    compact: bool,
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
            compact: self.compact,
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
fn batch(
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
        compact: args.compact,
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
                row(&input.path, "ok", Some(info), None)
            }
            Outcome::Skipped(info) => {
                progress.skipped(&shown, info.as_ref());
                row(&input.path, "skipped", info, None)
            }
            Outcome::Failed(reason) => {
                progress.error(&shown, &reason);
                row(&input.path, "error", None, Some(reason))
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

#[cfg(test)]
mod tests {
    use super::*;

    fn input(rel: &str) -> Input {
        Input {
            path: PathBuf::from("in").join(rel),
            rel: PathBuf::from(rel),
            error: None,
        }
    }

    #[test]
    fn outputs_mirror_the_tree_and_same_stems_keep_their_extension() {
        let inputs = [
            input("a.pdf"),
            input("a.docx"),
            input("sub/b.pdf"),
            input("c.txt"),
        ];
        let dir = Path::new("out");
        let plans = plan(&inputs);
        let bases: Vec<PathBuf> = plans
            .iter()
            .enumerate()
            .map(|(i, n)| output_base(dir, &inputs, i, *n).unwrap())
            .collect();
        assert_eq!(
            bases,
            vec![
                dir.join("a.pdf"),
                dir.join("a.docx"),
                dir.join("sub/b"),
                dir.join("c")
            ]
        );
        assert_eq!(with_extension(&bases[0], "json"), dir.join("a.pdf.json"));
        assert_eq!(with_extension(&bases[2], "md"), dir.join("sub/b.md"));
    }

    #[test]
    fn two_inputs_with_one_output_name_is_an_error_for_the_second() {
        let inputs = [
            Input {
                path: PathBuf::from("x/a.pdf"),
                rel: PathBuf::from("a.pdf"),
                error: None,
            },
            Input {
                path: PathBuf::from("y/a.pdf"),
                rel: PathBuf::from("a.pdf"),
                error: None,
            },
        ];
        let plans = plan(&inputs);
        assert_eq!(plans, vec![Naming::WholeName, Naming::TakenBy(0)]);
        let err = output_base(Path::new("out"), &inputs, 1, plans[1]).unwrap_err();
        assert!(err.contains("x/a.pdf"), "{err}");
    }
}
