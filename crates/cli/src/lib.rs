//! The gongkai command line: `convert` (one file or a batch), `validate`,
//! `inspect`, `formats`, `schema`, `completions`, `man`. Only this crate uses
//! `anyhow`; the libraries return typed errors.

/// A line for people on standard error; a closed standard error (`2>&1 |
/// head`) is ignored, not a panic as with `eprintln!`: the work goes on.
macro_rules! note {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr().lock(), $($arg)*);
    }};
}

mod args;
mod batch;
mod check_line;
mod convert;
mod dataset;
mod diagnostics_zh;
mod engine;
mod errors_zh;
mod file_id;
mod help;
mod inputs;
mod job;
mod journal;
mod location;
mod log;
mod man;
mod messages;
mod naming;
mod output;
mod progress;
mod reasons_zh;
mod serve;
mod status;
mod summary;
mod temp;
mod unsupported;
mod up_to_date;
mod validate;
mod walk;

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};

use args::{Cli, Command, InspectArgs};
pub use args::{EXIT_FAILED, EXIT_INCOMPLETE, EXIT_INTERRUPTED, EXIT_USAGE};
pub use diagnostics_zh::{diagnostic_codes_zh, diagnostic_zh};
pub use errors_zh::error_zh;
pub use man::pages as man_pages;

/// Run the CLI: exit 0 when everything converted, 1 when an input failed
/// (or, for `validate`, a check failed), 2 on usage errors, 3 when a report
/// is incomplete and nothing failed, 130 on Ctrl-C.
pub fn main() -> ExitCode {
    // Reader panics are caught and reported as the file's error; the default
    // hook would print a panic message besides.
    std::panic::set_hook(Box::new(|_| {}));
    let matches = help::localized(Cli::command()).try_get_matches();
    let cli = match matches.and_then(|m| Cli::from_arg_matches(&m)) {
        Ok(cli) => cli,
        Err(e) => {
            match help::usage_error_zh(&e).filter(|_| messages::lang() == messages::Lang::Zh) {
                Some(line) => note!("{line}"),
                None => {
                    let _ = e.print();
                }
            }
            return ExitCode::from(if e.use_stderr() { EXIT_USAGE } else { 0 });
        }
    };
    match run(cli) {
        Ok(code) => code,
        // The reader of our output went away (`| head`): it has what it
        // wanted, so end quietly and successfully.
        Err(e) if is_closed_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            note!("{}", messages::error_line(&errors_zh::run_error_line(&e)));
            ExitCode::from(EXIT_FAILED)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Convert(args) => convert::convert(&args),
        Command::Validate(args) => validate::validate(&args),
        Command::Inspect(args) => inspect(&args),
        Command::Serve(args) => serve::serve(&args),
        Command::Formats => {
            formats()?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Schema => {
            print(format!("{}\n", gongkai::json_schema()).as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Completions { shell } => {
            // Made in memory: clap_complete panics when its writer fails.
            let mut script = Vec::new();
            clap_complete::generate(
                shell,
                &mut help::english(Cli::command()),
                "gongkai",
                &mut script,
            );
            print(&script)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Man { subcommand } => match man::page(subcommand.as_deref())? {
            Some(page) => {
                print(&page)?;
                Ok(ExitCode::SUCCESS)
            }
            None => {
                let name = subcommand.unwrap_or_default();
                let line = messages::say(messages::Msg::NoManPage, &[("name", &name)]);
                note!("{}", messages::error_line(&line));
                Ok(ExitCode::from(EXIT_USAGE))
            }
        },
    }
}

/// True when `e` comes from writing to a pipe whose reader has gone.
fn is_closed_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Writes `bytes` to standard output; an error (a closed pipe) is returned,
/// never a panic as with `println!`.
fn print(bytes: &[u8]) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(bytes)?;
    out.flush()
}

/// One line naming the file and the reason.
fn file_error(path: &Path, e: &dyn std::fmt::Display) -> ExitCode {
    note!(
        "{}",
        messages::error_line(&format!("{}: {e}", path.display()))
    );
    ExitCode::from(EXIT_FAILED)
}

fn inspect(args: &InspectArgs) -> anyhow::Result<ExitCode> {
    let options = args.limits.options();
    let data = match job::read_input(&args.file, &options) {
        Ok(d) => d,
        Err(e) => return Ok(file_error(&args.file, &e.reason)),
    };
    let name = args.file.file_name().map(|n| n.to_string_lossy());
    match gongkai::read_document(&data, name.as_deref(), &options) {
        Ok((doc, format)) => {
            let mut out = std::io::stdout().lock();
            let header = messages::say(
                messages::Msg::InspectHeader,
                &[("file", &args.file.display()), ("format", &format)],
            );
            writeln!(out, "{header}")?;
            let labels = messages::dump_labels(messages::lang());
            out.write_all(gongkai::ir::dump_with(&doc, &labels).as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => Ok(file_error(&args.file, &errors_zh::load_error_line(&e))),
    }
}

fn formats() -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{}",
        messages::Msg::FormatsReaders.text_in(messages::lang())
    )?;
    for r in gongkai::readers() {
        writeln!(out, "  {:<10} .{}", r.name(), r.extensions().join(" ."))?;
    }
    for r in gongkai::report_readers() {
        writeln!(
            out,
            "  {:<10} .{} (gongkai.report/1)",
            r.name(),
            r.extensions().join(" .")
        )?;
    }
    writeln!(
        out,
        "{}",
        messages::Msg::FormatsWriters.text_in(messages::lang())
    )?;
    for w in gongkai::writers() {
        writeln!(out, "  {:<10} .{}", w.name(), w.extension())?;
    }
    Ok(())
}
