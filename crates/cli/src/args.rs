//! The command line's arguments, defined once: subcommands, flags (the
//! limit flags made from `gongkai::ir::LIMITS`), help texts and exit codes.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use gongkai::ir::{Limits, OcrMode, ReadOptions, LIMITS};

use crate::messages::{say, Msg};

/// Exit code: some input failed (or, for `validate`, a check failed).
pub const EXIT_FAILED: u8 = 1;
/// Exit code: the command line was wrong.
pub const EXIT_USAGE: u8 = 2;
/// Exit code: nothing failed, but a report lacks table 三 or 四 (not found,
/// or found without a value).
pub const EXIT_INCOMPLETE: u8 = 3;
/// Exit code: stopped by Ctrl-C (128 + SIGINT).
pub const EXIT_INTERRUPTED: u8 = 130;

const MAIN_EXAMPLES: &str = "\
Examples:
  gongkai convert report.pdf                       JSON on standard output
  gongkai convert report.docx --to xlsx -o out.xlsx
  gongkai convert reports/ -o out/                 a whole tree, one JSON per input
  gongkai convert 'reports/**/*.pdf' -o out/ --to json,xlsx,md --summary out/summary.csv
  gongkai validate reports/                        failed checks; exit 1 if any
  gongkai completions bash > /etc/bash_completion.d/gongkai

Exit codes: 0 all converted (or up to date), 1 an input failed (or, for
validate, a check failed), 2 usage error, 3 a report of a batch or of validate
is incomplete (table 三 or 四 not found or empty) and nothing failed,
130 interrupted.";

/// The command line (its tagline, the subcommands' descriptions and
/// examples, in English and Chinese, are in `messages.rs`).
#[derive(Debug, Parser)]
#[command(
    name = "gongkai",
    version,
    long_about = None,
    arg_required_else_help = true,
    after_help = MAIN_EXAMPLES
)]
pub struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    Convert(ConvertArgs),
    Validate(ValidateArgs),
    Inspect(InspectArgs),
    Serve(ServeArgs),
    Formats,
    Schema,
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    Man {
        /// The subcommand whose page to print (convert, validate, …).
        subcommand: Option<String>,
    },
}

/// Checks a `--to` name against the registered writers.
fn parse_format(name: &str) -> Result<String, String> {
    match gongkai::report::find_writer(name) {
        Some(w) => Ok(w.name().to_string()),
        None => {
            let names: Vec<&str> = gongkai::writers().iter().map(|w| w.name()).collect();
            Err(say(
                Msg::UnknownOutputFormat,
                &[("known", &names.join(", "))],
            ))
        }
    }
}

/// Checks a `--from` name (a reader's name or one of its extensions) and
/// gives the reader's name.
fn parse_reader(name: &str) -> Result<String, String> {
    let name = name.to_ascii_lowercase();
    let readers = gongkai::readers()
        .into_iter()
        .map(|r| (r.name(), r.extensions()));
    let report = gongkai::report_readers()
        .into_iter()
        .map(|r| (r.name(), r.extensions()));
    let all: Vec<_> = readers.chain(report).collect();
    all.iter()
        .find(|(n, exts)| *n == name || exts.contains(&name.as_str()))
        .map(|(n, _)| n.to_string())
        .ok_or_else(|| {
            let names: Vec<&str> = all.iter().map(|(n, _)| *n).collect();
            say(Msg::UnknownInputFormat, &[("known", &names.join(", "))])
        })
}

/// Checks that a `--summary` file ends in `.csv` or `.xlsx`.
fn parse_summary(s: &str) -> Result<PathBuf, String> {
    let path = PathBuf::from(s);
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    match ext.as_deref() {
        Some("csv" | "xlsx") => Ok(path),
        _ => Err(say(Msg::SummaryExtension, &[])),
    }
}

/// A time limit in seconds: finite and not negative.
fn parse_seconds(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(v) if (0.0..1e9).contains(&v) => Ok(v),
        _ => Err(say(Msg::Seconds0OrMore, &[])),
    }
}

impl ConvertArgs {
    /// How the outputs are rendered.
    pub(crate) fn write_options(&self) -> gongkai::WriteOptions {
        gongkai::WriteOptions {
            pretty: !self.compact,
        }
    }
}

impl RunArgs {
    /// The per-file time limit; `None` for no limit.
    pub(crate) fn limit(&self) -> Option<std::time::Duration> {
        (self.timeout > 0.0).then(|| std::time::Duration::from_secs_f64(self.timeout))
    }
}

/// Parallelism and the time limit, shared by `convert` and `validate`.
#[derive(Debug, Args, Clone)]
pub(crate) struct RunArgs {
    /// Convert at most N files at once (0: one per core).
    #[arg(long, short = 'j', value_name = "N", default_value_t = 0)]
    pub(crate) jobs: usize,
    /// Give up on a file after SECS seconds (0: no limit).
    #[arg(long, value_name = "SECS", default_value_t = 120.0, value_parser = parse_seconds)]
    pub(crate) timeout: f64,
}

#[derive(Debug, Args)]
pub(crate) struct ConvertArgs {
    /// Files, directories (read recursively) or glob patterns; the format is detected from the content. `-` is standard input.
    #[arg(required = true, value_name = "INPUT")]
    pub(crate) inputs: Vec<PathBuf>,
    /// Output formats, comma-separated: json, xlsx, md, html. Without it, the
    /// extension of -o FILE, else json.
    #[arg(
        long,
        short = 't',
        value_name = "FORMAT",
        value_delimiter = ',',
        value_parser = parse_format
    )]
    pub(crate) to: Vec<String>,
    /// Read every input as FORMAT (docx, pdf, xlsx, html, text, markdown, json) whatever its content; names the format of `-` (standard input).
    #[arg(long, short = 'f', value_name = "FORMAT", value_parser = parse_reader)]
    pub(crate) from: Option<String>,
    /// Output file (one input, one format) or directory; `-` or none: standard output (one input).
    #[arg(long, short = 'o', value_name = "OUT")]
    pub(crate) output: Option<PathBuf>,
    /// Write compact JSON instead of pretty JSON.
    #[arg(long)]
    pub(crate) compact: bool,
    /// Convert even when the outputs are up to date.
    #[arg(long)]
    pub(crate) force: bool,
    /// Write one row per input (path, status, organ, year, totals, checks) to FILE: .csv or .xlsx.
    #[arg(long, value_name = "FILE", value_parser = parse_summary)]
    pub(crate) summary: Option<PathBuf>,
    /// `json`: one JSON Lines record per input on standard output (standard
    /// error when the output itself goes to standard output).
    #[arg(
        long,
        alias = "format",
        value_name = "FORMAT",
        default_value = "text",
        value_parser = ["text", "json"]
    )]
    pub(crate) log: String,
    /// Print only errors and the summary.
    #[arg(long, short = 'q', conflicts_with = "verbose")]
    pub(crate) quiet: bool,
    /// Also print each file's check and diagnostic counts.
    #[arg(long, short = 'v')]
    pub(crate) verbose: bool,
    #[command(flatten)]
    pub(crate) dataset: crate::dataset::DatasetArgs,
    #[command(flatten)]
    pub(crate) run: RunArgs,
    #[command(flatten)]
    pub(crate) limits: LimitArgs,
}

#[derive(Debug, Args)]
pub(crate) struct ValidateArgs {
    /// Files, directories (read recursively) or glob patterns; `-` is standard input.
    #[arg(required = true, value_name = "INPUT")]
    pub(crate) files: Vec<PathBuf>,
    /// Output for people (text) or machines (json).
    #[arg(long, default_value = "text", value_parser = ["text", "json"])]
    pub(crate) format: String,
    /// Show every operand of a sum, and each check's report path and message.
    #[arg(long, short = 'v')]
    pub(crate) verbose: bool,
    #[command(flatten)]
    pub(crate) alias: crate::dataset::AliasArgs,
    #[command(flatten)]
    pub(crate) run: RunArgs,
    #[command(flatten)]
    pub(crate) limits: LimitArgs,
}

#[derive(Debug, Args)]
pub(crate) struct ServeArgs {
    /// Where to listen; another address than localhost opens the service to the network.
    #[arg(long, value_name = "HOST:PORT", default_value = gongkai_serve::DEFAULT_ADDR)]
    pub(crate) addr: std::net::SocketAddr,
    /// Requests that may wait for a worker before more get 503 (0: 64 per worker).
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub(crate) queue: usize,
    #[command(flatten)]
    pub(crate) run: RunArgs,
    #[command(flatten)]
    pub(crate) limits: LimitArgs,
}

#[derive(Debug, Args)]
pub(crate) struct InspectArgs {
    /// The file to inspect.
    pub(crate) file: PathBuf,
    #[command(flatten)]
    pub(crate) limits: LimitArgs,
}

/// Resource limits against hostile input; the defaults suit real reports.
/// The flags are made from the one limits table, `gongkai::ir::LIMITS`.
#[derive(Debug, Clone, Default)]
pub(crate) struct LimitArgs {
    pub(crate) limits: Limits,
    /// `--ocr`: when page images are read by OCR.
    pub(crate) ocr: OcrMode,
}

/// The `--ocr` flag's name.
const OCR_FLAG: &str = "ocr";

impl clap::FromArgMatches for LimitArgs {
    fn from_arg_matches(matches: &clap::ArgMatches) -> Result<Self, clap::Error> {
        let mut limits = Limits::default();
        for spec in LIMITS {
            if let Some(value) = matches.get_one::<u64>(spec.flag) {
                limits.set(spec.limit, *value);
            }
        }
        let ocr = matches
            .get_one::<String>(OCR_FLAG)
            .and_then(|name| OcrMode::from_name(name))
            .unwrap_or_default();
        Ok(LimitArgs { limits, ocr })
    }

    fn update_from_arg_matches(&mut self, matches: &clap::ArgMatches) -> Result<(), clap::Error> {
        *self = Self::from_arg_matches(matches)?;
        Ok(())
    }
}

impl Args for LimitArgs {
    fn augment_args(cmd: clap::Command) -> clap::Command {
        let cmd = cmd.next_help_heading("OCR").arg(
            clap::Arg::new(OCR_FLAG)
                .long(OCR_FLAG)
                .value_name("WHEN")
                .value_parser(OcrMode::NAMES)
                .default_value("auto")
                .help("When page images are read by OCR: never (text layers alone, with a warning for pictures left unread), auto (image files, PDF pages without text, tables pasted as pictures among text), always (also pictures under a text layer, instead of that text)."),
        );
        let cmd = cmd.next_help_heading("Limits");
        LIMITS.iter().fold(cmd, |cmd, spec| {
            let unit = spec.unit;
            cmd.arg(
                clap::Arg::new(spec.flag)
                    .long(spec.flag)
                    .value_name(unit.value_name())
                    .default_value(spec.default.to_string())
                    .value_parser(move |text: &str| {
                        unit.parse(text)
                            .map_err(|e| crate::errors_zh::bad_value_line(&e))
                    })
                    .help(spec.help),
            )
        })
    }

    fn augment_args_for_update(cmd: clap::Command) -> clap::Command {
        Self::augment_args(cmd)
    }
}

impl LimitArgs {
    pub(crate) fn options(&self) -> ReadOptions {
        ReadOptions {
            limits: self.limits.clone(),
            ocr: self.ocr,
        }
    }
}
