//! `gongkai convert`: one file to standard output or a file, or a batch of
//! inputs into a directory that mirrors the input tree.

use std::io::{IsTerminal, Write};
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
use crate::job::{is_stdio, render, rendered, Job, Rendered, STDIO};
use crate::log::Log;
use crate::messages::{error_line, incompleteness_line, say, warning_line, Msg};
use crate::output::{self, Inputs};
use crate::summary::{Row, Summary};

/// Where the outputs go.
enum Target {
    Stdout,
    File(PathBuf),
    Dir(PathBuf),
}

fn usage(message: &str) -> ExitCode {
    note!("{}", error_line(message));
    ExitCode::from(EXIT_USAGE)
}

fn ends_with_separator(p: &Path) -> bool {
    let s = p.as_os_str().to_string_lossy();
    s.ends_with('/') || s.ends_with(std::path::MAIN_SEPARATOR)
}

/// Output formats whose bytes are not text: refused on a terminal.
const BINARY_FORMATS: &[&str] = &["xlsx"];

/// The writer whose output extension `path` has, if any.
fn writer_for(path: &Path) -> Option<&'static dyn Writer> {
    let ext = path.extension()?.to_string_lossy().to_ascii_lowercase();
    gongkai::writers()
        .into_iter()
        .find(|w| w.extension() == ext || w.name() == ext)
}

/// The writers `--to` names, or (pandoc's rule) the one `-o FILE`'s
/// extension names, else JSON. A `--to` that contradicts `-o FILE`'s
/// extension is a usage error.
fn choose_writers(
    args: &ConvertArgs,
    file: Option<&Path>,
) -> Result<Vec<&'static dyn Writer>, String> {
    let by_extension = file.and_then(writer_for);
    if args.to.is_empty() {
        let json = gongkai::report::find_writer("json");
        return Ok(by_extension.or(json).into_iter().collect());
    }
    let mut writers: Vec<&'static dyn Writer> = Vec::new();
    for name in &args.to {
        let Some(w) = gongkai::report::find_writer(name) else {
            return Err(format!("unknown output format `{name}`"));
        };
        if !writers.iter().any(|x| x.name() == w.name()) {
            writers.push(w);
        }
    }
    if let (Some(by_ext), Some(file), [w]) = (by_extension, file, writers.as_slice()) {
        if by_ext.name() != w.name() {
            return Err(say(
                Msg::ToConflicts,
                &[
                    ("to", &w.name()),
                    ("path", &file.display()),
                    ("ext", &by_ext.extension()),
                ],
            ));
        }
    }
    Ok(writers)
}

/// `gongkai convert`.
pub fn convert(args: &ConvertArgs) -> anyhow::Result<ExitCode> {
    let first = &args.inputs[0];
    let stdin = args.inputs.iter().any(|i| is_stdio(i));
    if stdin && args.inputs.len() > 1 {
        return Ok(usage(&say(Msg::StdinOnly, &[])));
    }
    // One existing file (or a missing one that is not a pattern) keeps the
    // single-file behaviour: standard output, or `-o FILE`.
    let single = stdin
        || (args.inputs.len() == 1
            && !first.is_dir()
            && (first.exists() || !first.to_str().is_some_and(inputs::has_glob_meta)));
    let formats = args.to.len().max(1);
    let target = match args.output.as_ref().filter(|o| !is_stdio(o)) {
        None if !single => return Ok(usage(&say(Msg::SeveralInputsNeedDir, &[]))),
        None if formats > 1 => return Ok(usage(&say(Msg::SeveralFormatsNeedDir, &[]))),
        None => Target::Stdout,
        Some(o) if single && formats == 1 && !o.is_dir() && !ends_with_separator(o) => {
            Target::File(o.clone())
        }
        Some(o) if o.exists() && !o.is_dir() => {
            return Ok(usage(&say(Msg::OutputIsAFile, &[("path", &o.display())])))
        }
        Some(o) => Target::Dir(o.clone()),
    };
    let file = match &target {
        Target::File(f) => Some(f.as_path()),
        _ => None,
    };
    let writers = match choose_writers(args, file) {
        Ok(w) => w,
        Err(e) => return Ok(usage(&e)),
    };
    // pandoc's habit: binary bytes are not dumped on a terminal unless
    // `-o -` asks for them.
    let binary = writers.iter().find(|w| BINARY_FORMATS.contains(&w.name()));
    if let (Target::Stdout, Some(w), None) = (&target, binary, &args.output) {
        if std::io::stdout().is_terminal() {
            return Ok(usage(&say(
                Msg::BinaryToTerminal,
                &[("format", &w.name()), ("ext", &w.extension())],
            )));
        }
    }
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
        from: args.from.clone(),
    };
    let (row, code) = match rendered(engine::run_one(limit, stop, move || render(job)), limit) {
        Ok(Rendered::Interrupted) => return Ok(ExitCode::from(EXIT_INTERRUPTED)),
        Ok(Rendered::Done(converted)) => {
            let bytes = converted.bytes.concat();
            match &target {
                Target::File(path) => {
                    if let Err(e) = output::write_output(path, &identities, &bytes) {
                        let why = crate::errors_zh::output_error_line(&e);
                        note!("{}", error_line(&format!("{}: {why}", path.display())));
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
            let (report, sha256) = (converted.report, &converted.sha256);
            crate::dataset::add_one(&args.dataset, input, status, report, sha256)?;
            // One file asked for by name exits 0 with what was found (a
            // blank template converts); the warning says what is missing.
            // A batch exits 3 for it.
            if let Some(why) = &info.incomplete {
                let line = say(
                    Msg::Incomplete,
                    &[
                        ("input", &input.display()),
                        ("why", &incompleteness_line(why)),
                    ],
                );
                note!("{}", warning_line(&line));
            }
            let outputs = match &target {
                Target::File(path) => vec![path.display().to_string()],
                _ => vec![STDIO.to_string()],
            };
            (
                Row::new(input, status, Some(info), None).with_outputs(outputs),
                ExitCode::SUCCESS,
            )
        }
        Err(failure) => {
            let line = format!("{}: {}", input.display(), failure.reason);
            note!("{}", error_line(&line));
            (Row::failed(input, failure), ExitCode::from(EXIT_FAILED))
        }
    };
    // The log goes where the output does not.
    let to_stdout = matches!(target, Target::Stdout);
    Log::new(args.log == "json", || {
        if to_stdout {
            Box::new(std::io::stderr())
        } else {
            Box::new(std::io::stdout())
        }
    })
    .record(&row);
    if let Some(path) = &args.summary {
        let mut summary = Summary::create(path).map_err(|e| {
            let why = crate::errors_zh::summary_error_line(&e);
            anyhow::anyhow!("{}: {why}", path.display())
        })?;
        summary.push(&row)?;
        summary.finish(&identities)?;
    }
    Ok(code)
}
