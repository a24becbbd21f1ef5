//! Many inputs into an output directory: in parallel, in input order, with
//! progress, a summary and resume.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use gongkai::ir::ReadOptions;
use gongkai::report::Writer;

use crate::args::{ConvertArgs, EXIT_FAILED, EXIT_INCOMPLETE, EXIT_INTERRUPTED, EXIT_USAGE};
use crate::dataset::BatchDataset;
use crate::engine::{self, Claim, Ended, InOrder};
use crate::file_id::FileId;
use crate::inputs::{self, Exclude, Expanded, Input, Problem};
use crate::job::{load, read_input, render, Failure, Job};
use crate::journal::{self, Appender, Entry, Journal};
use crate::log::Log;
use crate::messages::{error_line, say, warning_line, Lang, Msg};
use crate::naming::{output_base, plan, with_extension, Naming};
use crate::output::{directory_of, write_output, Inputs, OutputDir};
use crate::progress::{Progress, Verbosity};
use crate::status::Status;
use crate::summary::{Info, Row, Summary};
use crate::temp;
use crate::up_to_date::{stamp, up_to_date, Planned};

/// How one batch input ended.
enum Outcome {
    /// Converted into these outputs, with what to record of them.
    Converted {
        outputs: Vec<PathBuf>,
        info: Box<Info>,
        records: Vec<(String, Entry)>,
    },
    /// Up to date: the earlier JSON output's facts, if any, and the status
    /// recorded when the outputs were made.
    Skipped(Option<Box<Info>>, Status),
    /// Not a regular file met in a walk.
    LeftOut(String),
    /// A document of a format gongkai does not read, met in a walk.
    Unsupported(String),
    Failed(Failure),
    /// Ctrl-C came while it was being read; nothing was written.
    NotRun,
}

/// What every batch job needs; shared by the worker threads.
struct Batch {
    inputs: Vec<Input>,
    plans: Vec<Naming>,
    out: OutputDir,
    writers: Vec<&'static dyn Writer>,
    /// The inputs' identities: an output must never replace one of them.
    identities: Inputs,
    /// The record of outputs as read at the start.
    journal: Journal,
    /// This run's version and options (`up_to_date::stamp`).
    stamp: String,
    force: bool,
    write: gongkai::WriteOptions,
    options: ReadOptions,
    /// The reader `--from` names.
    from: Option<String>,
    /// The summary or the log wants each input's facts: an input up to
    /// date without a JSON output to read them from is read again.
    refill: bool,
    /// `--dataset`: each worker hands its report's rows to the dataset's
    /// writer as it finishes (waiting when the writer is behind, so that
    /// reports never pile up in memory).
    dataset: Mutex<Option<BatchDataset>>,
    /// Whether `--dataset` was given.
    with_dataset: bool,
}

impl Batch {
    /// Converts input `i` and writes its outputs, unless the job was given
    /// up (timed out, interrupted) by then.
    fn run(&self, i: usize, claim: &Claim) -> Outcome {
        let Some(input) = self.inputs.get(i) else {
            return Outcome::NotRun;
        };
        match &input.problem {
            Some(Problem::Error(e)) => return Outcome::Failed(Failure::error(e.clone())),
            Some(Problem::LeftOut(reason)) => return Outcome::LeftOut(reason.clone()),
            Some(Problem::Unsupported(reason)) => return Outcome::Unsupported(reason.clone()),
            None => {}
        }
        let Some(&naming) = self.plans.get(i) else {
            return Outcome::NotRun;
        };
        let base = match output_base(&self.out.given, &self.inputs, i, naming) {
            Ok(base) => base,
            Err(e) => return Outcome::Failed(Failure::error(e)),
        };
        let planned: Vec<Planned> = self
            .writers
            .iter()
            .map(|w| {
                let path = with_extension(&base, w.extension());
                let key = path
                    .strip_prefix(&self.out.given)
                    .ok()
                    .and_then(journal::key);
                Planned { key, path }
            })
            .collect();
        if planned.iter().any(|p| self.identities.holds(&p.path)) {
            return Outcome::Failed(Failure::error(
                "refusing to overwrite an input file with an output; choose another -o",
            ));
        }
        if !self.force {
            let sha256 = || {
                read_input(&input.path, &self.options)
                    .ok()
                    .map(|data| gongkai::sha256_hex(&data))
            };
            if let Some(status) = up_to_date(&self.journal, &planned, &self.stamp, sha256) {
                let json = with_extension(&base, "json");
                let info = Info::from_json_output(&json)
                    .or_else(|| self.refill.then(|| self.facts(input)).flatten())
                    .map(Box::new);
                return Outcome::Skipped(info, status);
            }
        }
        let job = Job {
            path: input.path.clone(),
            options: self.options.clone(),
            writers: self.writers.clone(),
            write: self.write.clone(),
            from: self.from.clone(),
        };
        let converted = match render(job) {
            Ok(_) if !claim.take() => return Outcome::NotRun,
            Ok(converted) => converted,
            Err(failure) => return Outcome::Failed(failure),
        };
        let dir = planned
            .first()
            .map(|p| directory_of(&p.path).to_path_buf())
            .unwrap_or_default();
        if let Err(e) = self.out.prepare(&dir) {
            return Outcome::Failed(Failure::error(crate::errors_zh::output_error_line(&e)));
        }
        let status = converted.info.status().word();
        let mut records = Vec::with_capacity(planned.len());
        for (out, bytes) in planned.iter().zip(&converted.bytes) {
            let meta = match write_output(&out.path, &self.identities, bytes) {
                Ok(meta) => meta,
                Err(e) => {
                    let why = crate::errors_zh::output_error_line(&e);
                    return Outcome::Failed(Failure::error(format!(
                        "{}: {why}",
                        out.path.display()
                    )));
                }
            };
            let entry = Entry::new(&converted.sha256, &self.stamp, &meta, status);
            if let (Some(key), Some(entry)) = (&out.key, entry) {
                records.push((key.clone(), entry));
            }
        }
        if self.with_dataset {
            let status = converted.info.status();
            let rows = BatchDataset::rows(&input.path, status, converted.report, &converted.sha256);
            if let Some(d) = self
                .dataset
                .lock()
                .ok()
                .as_deref_mut()
                .and_then(Option::as_mut)
            {
                d.add(rows);
            }
        }
        Outcome::Converted {
            outputs: planned.into_iter().map(|p| p.path).collect(),
            info: Box::new(converted.info),
            records,
        }
    }
}

impl Batch {
    /// The facts of an input read again (its outputs are up to date but
    /// none of them is JSON to read them from).
    fn facts(&self, input: &Input) -> Option<Info> {
        let data = read_input(&input.path, &self.options).ok()?;
        let report = load(&data, &input.path, self.from.as_deref(), &self.options).ok()?;
        Some(Info::of(&report))
    }
}

fn usage(message: &str) -> anyhow::Result<ExitCode> {
    note!("{}", error_line(message));
    Ok(ExitCode::from(EXIT_USAGE))
}

/// The inputs of a batch into `out`: earlier outputs recorded in `journal`
/// and an earlier run's summary left out of walks and patterns.
fn expand(args: &ConvertArgs, out: &OutputDir, journal: &Journal) -> Expanded {
    let files: HashSet<FileId> = args
        .summary
        .iter()
        .filter(|s| journal.is_earlier_summary(s))
        .filter_map(|s| FileId::at(s))
        .collect();
    let exclude = Exclude {
        dir: Some(out.canonical.clone()),
        outputs: journal.outputs().collect(),
        files,
    };
    inputs::expand(&args.inputs, &exclude)
}

/// Many inputs into `dir`, in parallel, with progress, a summary, resume.
pub(crate) fn batch(
    args: &ConvertArgs,
    dir: &Path,
    writers: Vec<&'static dyn Writer>,
    limit: Option<Duration>,
    stop: &Arc<AtomicBool>,
) -> anyhow::Result<ExitCode> {
    let out = match OutputDir::create(dir) {
        Ok(out) => out,
        Err(e) => {
            let line = format!("{}: cannot make the output directory: {e}", dir.display());
            note!("{}", error_line(&line));
            return Ok(ExitCode::from(EXIT_FAILED));
        }
    };
    // What a killed run left behind: temporary files in -o and beside the
    // summary.
    let mut removed = temp::remove_stale(&out.given, usize::MAX);
    if let Some(summary) = &args.summary {
        removed += temp::remove_stale(directory_of(summary), 1);
    }
    let journal = Journal::load(&out.given);
    let Expanded { inputs, warnings } = expand(args, &out, &journal);
    for w in &warnings {
        note!("{w}");
    }
    if inputs.is_empty() {
        note!("{}", error_line(&say(Msg::NoInputs, &[])));
        return Ok(ExitCode::from(EXIT_FAILED));
    }
    let identities = Inputs(inputs.iter().filter_map(|i| i.id.clone()).collect());
    if let Some(path) = args.summary.as_ref().filter(|s| identities.holds(s)) {
        return usage(&format!(
            "--summary {} is an input of this run; choose another file",
            path.display()
        ));
    }
    let plans = plan(&inputs);
    let dataset = BatchDataset::open(&args.dataset)?;
    let mut summary = match &args.summary {
        Some(path) => Some(Summary::create(path).map_err(|e| {
            let why = crate::errors_zh::summary_error_line(&e);
            anyhow::anyhow!("{}: {why}", path.display())
        })?),
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
    if removed > 0 && verbosity != Verbosity::Quiet {
        progress.warning(&format!(
            "removed {removed} temporary file(s) left by an interrupted run"
        ));
    }
    let mut order = InOrder::new();
    let mut summary_error: Option<crate::summary::SummaryError> = None;
    let n = inputs.len();
    let log_json = args.log == "json";
    let mut log = Log::new(log_json, || Box::new(std::io::stdout()));
    let write = args.write_options();
    let options = args.limits.options();
    let batch = Arc::new(Batch {
        inputs,
        plans,
        stamp: stamp(&options, &write),
        out,
        writers,
        identities,
        journal,
        force: args.force,
        write,
        options,
        from: args.from.clone(),
        refill: args.summary.is_some() || log_json,
        with_dataset: dataset.is_some(),
        dataset: Mutex::new(dataset),
    });
    let mut appender: Option<Appender> = None;
    let mut journal_error: Option<std::io::Error> = None;

    let mut emit = |r: Row| {
        log.record(&r);
        if let Some(s) = summary.as_mut() {
            if let Err(e) = s.push(&r) {
                summary_error.get_or_insert(e);
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
        let outcome = match (Failure::of_ended(&ended, limit), ended) {
            (Some(failure), _) => Outcome::Failed(failure),
            (None, Ended::Done(outcome)) => outcome,
            (None, _) => Outcome::NotRun,
        };
        let shown = input.path.display().to_string();
        let r = match outcome {
            Outcome::NotRun => return,
            Outcome::Converted {
                outputs,
                info,
                records,
            } => {
                if journal_error.is_none() && !records.is_empty() {
                    let recorded = match appender.as_mut() {
                        Some(a) => a.record(&records),
                        None => Appender::open(&batch.out.given).and_then(|mut a| {
                            let done = a.record(&records);
                            appender = Some(a);
                            done
                        }),
                    };
                    if let Err(e) = recorded {
                        let record = batch.out.given.join(journal::FILE_NAME);
                        let why = crate::errors_zh::io_error_line(&e);
                        progress.warning(&warning_line(&say(
                            Msg::CannotRecord,
                            &[("path", &record.display()), ("e", &why)],
                        )));
                        journal_error = Some(e);
                    }
                }
                let outs: Vec<String> = outputs.iter().map(|o| o.display().to_string()).collect();
                progress.converted(&shown, &outs, &info);
                Row::new(&input.path, info.status(), Some(*info), None).with_outputs(outs)
            }
            Outcome::Skipped(info, status) => {
                if let Some(d) = batch
                    .dataset
                    .lock()
                    .ok()
                    .as_deref_mut()
                    .and_then(Option::as_mut)
                {
                    d.add_skipped(&input.path, status, &batch.options);
                }
                progress.skipped(&shown, status);
                Row::new(&input.path, Status::Skipped, info.map(|i| *i), None)
            }
            Outcome::LeftOut(reason) => {
                progress.left_out(&shown, &reason);
                Row::new(&input.path, Status::Skipped, None, Some(reason))
            }
            Outcome::Unsupported(reason) => {
                progress.unsupported(&shown, &reason);
                let english = crate::unsupported::reason_in(Lang::En, &input.path);
                let mut row = Row::new(&input.path, Status::Unsupported, None, Some(reason));
                row.error_en = english.map(str::to_string);
                row
            }
            Outcome::Failed(f) => {
                progress.error(&shown, f.status, &f.reason);
                Row::failed(&input.path, f)
            }
        };
        order.push(i, r, &mut emit);
    });
    order.finish(&mut emit);
    let interrupted = stop.load(Ordering::SeqCst);
    progress.finish(interrupted);
    let dataset = batch.dataset.lock().ok().and_then(|mut d| d.take());
    let dataset_failed = match dataset.map(BatchDataset::finish) {
        Some(Err(e)) => {
            note!("{}", error_line(&format!("{e:#}")));
            true
        }
        _ => false,
    };
    let mut summary_failed = false;
    if let Some(s) = summary {
        let written = match summary_error {
            Some(e) => Err(e),
            None => s.finish(&batch.identities),
        };
        match written {
            Ok(path) => {
                note!("{}", say(Msg::SummaryWritten, &[("path", &path.display())]));
                // Recorded so that a later batch does not read it as input.
                let recorded = match appender.as_mut() {
                    Some(a) => a.record_summary(&path),
                    None => {
                        Appender::open(&batch.out.given).and_then(|mut a| a.record_summary(&path))
                    }
                };
                if let Err(e) = recorded {
                    let e = crate::errors_zh::io_error_line(&e);
                    let line = say(Msg::CannotRecordSummary, &[("e", &e)]);
                    note!("{}", warning_line(&line));
                }
            }
            Err(e) => {
                let e = crate::errors_zh::summary_error_line(&e);
                note!("{}", error_line(&say(Msg::SummaryNotWritten, &[("e", &e)])));
                summary_failed = true;
            }
        }
    }
    drop(appender);
    // Outputs written again leave repeated lines; fold them.
    if let Err(e) = Journal::fold(&batch.out.given, &batch.identities) {
        let line = format!("cannot tidy the record of outputs: {e}");
        note!("{}", warning_line(&line));
    }
    let counts = progress.counts;
    Ok(if interrupted {
        ExitCode::from(EXIT_INTERRUPTED)
    } else if counts.errors > 0 || counts.unsupported > 0 || summary_failed || dataset_failed {
        ExitCode::from(EXIT_FAILED)
    } else if counts.incomplete > 0 {
        ExitCode::from(EXIT_INCOMPLETE)
    } else {
        ExitCode::SUCCESS
    })
}
