//! The gongkai command line: `convert`, `validate`, `inspect`, `formats`,
//! `schema`. Only this crate uses `anyhow`; the libraries return typed errors.

mod load;
mod output;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use gongkai_ir::{Limits, ReadOptions};
use gongkai_report::{find_writer, CheckStatus, Report};

// The format crates register themselves with `inventory`; naming them here
// makes sure they are linked into the binary.
use gongkai_format_docx as _;
use gongkai_format_json as _;
use gongkai_format_markdown as _;
use gongkai_format_pdf as _;
use gongkai_format_text as _;
use gongkai_format_xlsx as _;

pub use load::{load_report, read_document, InputError};

/// Convert Chinese government information-disclosure annual reports
/// (政府信息公开工作年度报告) into checked, structured data.
#[derive(Debug, Parser)]
#[command(name = "gongkai", version, about, long_about = None, arg_required_else_help = true)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Convert a report (DOCX, PDF, XLSX, text, Markdown or report JSON) to JSON, XLSX or Markdown.
    Convert(ConvertArgs),
    /// Run the 勾稽 checks and print the failed ones; exit 1 if any check fails.
    Validate(ValidateArgs),
    /// Print what a reader saw: paragraphs and tables drawn as grids with spans.
    Inspect(InspectArgs),
    /// List the registered readers and writers.
    Formats,
    /// Print the JSON Schema of the report (gongkai.report/1).
    Schema,
}

#[derive(Debug, Args)]
struct ConvertArgs {
    /// The report to convert; the format is detected from its content.
    file: PathBuf,
    /// Output format: json, xlsx or md.
    #[arg(long, short = 't', default_value = "json")]
    to: String,
    /// Write to this file instead of standard output.
    #[arg(long, short = 'o')]
    output: Option<PathBuf>,
    /// Write compact JSON instead of pretty JSON.
    #[arg(long)]
    compact: bool,
    #[command(flatten)]
    limits: LimitArgs,
}

#[derive(Debug, Args)]
struct ValidateArgs {
    /// The reports to check.
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Output for people (text) or machines (json).
    #[arg(long, default_value = "text", value_parser = ["text", "json"])]
    format: String,
    #[command(flatten)]
    limits: LimitArgs,
}

#[derive(Debug, Args)]
struct InspectArgs {
    /// The file to inspect.
    file: PathBuf,
    #[command(flatten)]
    limits: LimitArgs,
}

/// Resource limits against hostile input; the defaults suit real reports.
#[derive(Debug, Args, Clone)]
#[command(next_help_heading = "Limits")]
struct LimitArgs {
    /// Largest input file, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = Limits::default().max_input_bytes)]
    max_input_bytes: u64,
    /// Largest decompressed zip entry (DOCX, XLSX), in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = Limits::default().max_entry_bytes)]
    max_entry_bytes: u64,
    /// Largest total decompressed size of a zip file, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = Limits::default().max_total_bytes)]
    max_total_bytes: u64,
    /// Largest compression ratio of a zip entry.
    #[arg(long, value_name = "RATIO", default_value_t = Limits::default().max_zip_ratio)]
    max_zip_ratio: u64,
    /// Deepest XML nesting.
    #[arg(long, value_name = "N", default_value_t = Limits::default().max_xml_depth)]
    max_xml_depth: usize,
    /// Most objects in a PDF.
    #[arg(long, value_name = "N", default_value_t = Limits::default().max_pdf_objects)]
    max_pdf_objects: usize,
    /// Deepest reference recursion in a PDF.
    #[arg(long, value_name = "N", default_value_t = Limits::default().max_pdf_depth)]
    max_pdf_depth: usize,
    /// Most pages read from a document.
    #[arg(long, value_name = "N", default_value_t = Limits::default().max_pages)]
    max_pages: usize,
    /// Most cells in one table.
    #[arg(long, value_name = "N", default_value_t = Limits::default().max_cells)]
    max_cells: usize,
    /// Most characters of text in a document.
    #[arg(long, value_name = "N", default_value_t = Limits::default().max_text_chars)]
    max_text_chars: usize,
}

impl LimitArgs {
    fn options(&self) -> ReadOptions {
        ReadOptions {
            limits: Limits {
                max_input_bytes: self.max_input_bytes,
                max_entry_bytes: self.max_entry_bytes,
                max_total_bytes: self.max_total_bytes,
                max_zip_ratio: self.max_zip_ratio,
                max_xml_depth: self.max_xml_depth,
                max_pdf_objects: self.max_pdf_objects,
                max_pdf_depth: self.max_pdf_depth,
                max_pages: self.max_pages,
                max_cells: self.max_cells,
                max_text_chars: self.max_text_chars,
            },
        }
    }
}

/// Run the CLI: exit 0 when everything converted, 1 when an input failed
/// (or, for `validate`, a check failed), 2 on usage errors.
pub fn main() -> ExitCode {
    // Reader panics are caught and reported as the file's error; the default
    // hook would print a panic message besides.
    std::panic::set_hook(Box::new(|_| {}));
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("gongkai: error: {e:#}");
            ExitCode::from(1)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Convert(args) => convert(&args),
        Command::Validate(args) => validate(&args),
        Command::Inspect(args) => inspect(&args),
        Command::Formats => {
            formats()?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Schema => {
            println!("{}", gongkai_report::json_schema());
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// One line naming the file and the reason.
fn file_error(path: &Path, e: &dyn std::fmt::Display) -> ExitCode {
    eprintln!("gongkai: error: {}: {e}", path.display());
    ExitCode::from(1)
}

fn convert(args: &ConvertArgs) -> anyhow::Result<ExitCode> {
    let Some(writer) = find_writer(&args.to) else {
        let names: Vec<&str> = gongkai_report::writers().iter().map(|w| w.name()).collect();
        eprintln!(
            "gongkai: error: unknown output format `{}` (known: {})",
            args.to,
            names.join(", ")
        );
        return Ok(ExitCode::from(2));
    };
    let report = match load_report(&args.file, &args.limits.options()) {
        Ok(r) => r,
        Err(e) => return Ok(file_error(&args.file, &e)),
    };
    let mut bytes = Vec::new();
    if writer.name() == "json" && args.compact {
        let compact = gongkai_format_json::JsonWriter { pretty: false };
        gongkai_report::Writer::write(&compact, &report, &mut bytes)?;
    } else {
        writer.write(&report, &mut bytes)?;
    }
    match &args.output {
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(&bytes)?;
            out.flush()?;
        }
        Some(path) => {
            if let Err(e) = output::write_output(path, &args.file, &bytes) {
                return Ok(file_error(path, &e));
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn validate(args: &ValidateArgs) -> anyhow::Result<ExitCode> {
    let options = args.limits.options();
    let mut failed_input = false;
    let mut failed_check = false;
    let mut json_out = Vec::new();
    for file in &args.files {
        let report = match load_report(file, &options) {
            Ok(r) => r,
            Err(e) => {
                file_error(file, &e);
                failed_input = true;
                continue;
            }
        };
        if report.count_checks(CheckStatus::Fail) > 0 {
            failed_check = true;
        }
        if args.format == "json" {
            json_out.push(validation_json(file, &report));
        } else {
            print_validation(file, &report);
        }
    }
    if args.format == "json" {
        println!("{}", serde_json::to_string_pretty(&json_out)?);
    }
    Ok(if failed_input || failed_check {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn validation_json(file: &Path, report: &Report) -> serde_json::Value {
    serde_json::json!({
        "file": file.display().to_string(),
        "organ": report.organ,
        "year": report.year,
        "passed": report.count_checks(CheckStatus::Pass),
        "failed": report.count_checks(CheckStatus::Fail),
        "uncertain": report.count_checks(CheckStatus::Uncertain),
        "checks": report.checks.iter().filter(|c| c.status != CheckStatus::Pass).collect::<Vec<_>>(),
        "diagnostics": report.diagnostics.iter().filter(|d| d.severity != gongkai_ir::Severity::Info).collect::<Vec<_>>(),
    })
}

fn print_validation(file: &Path, report: &Report) {
    let failed = report.count_checks(CheckStatus::Fail);
    let uncertain = report.count_checks(CheckStatus::Uncertain);
    let name = report.organ.as_deref().unwrap_or("(organ not found)");
    let year = report
        .year
        .map(|y| y.to_string())
        .unwrap_or_else(|| "?".into());
    println!(
        "{}: {name} {year}: {} checks, {failed} failed, {uncertain} uncertain",
        file.display(),
        report.checks.len()
    );
    for c in report
        .checks
        .iter()
        .filter(|c| c.status == CheckStatus::Fail)
    {
        println!("  FAIL {} {}: {}", c.id, c.subject, c.message);
    }
    for d in report
        .diagnostics
        .iter()
        .filter(|d| d.severity == gongkai_ir::Severity::Error)
    {
        let at =
            d.at.as_deref()
                .map(|a| format!(" ({a})"))
                .unwrap_or_default();
        println!("  ERROR {}: {}{at}", d.code, d.message);
    }
}

fn inspect(args: &InspectArgs) -> anyhow::Result<ExitCode> {
    let options = args.limits.options();
    let data = match load::read_bytes(&args.file, &options) {
        Ok(d) => d,
        Err(e) => return Ok(file_error(&args.file, &e)),
    };
    match read_document(&args.file, &data, &options) {
        Ok((doc, format)) => {
            let mut out = std::io::stdout().lock();
            writeln!(out, "# {} read as {format}", args.file.display())?;
            out.write_all(gongkai_ir::dump(&doc).as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => Ok(file_error(&args.file, &e)),
    }
}

fn formats() -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    writeln!(out, "Readers (input):")?;
    for r in gongkai_ir::readers() {
        writeln!(out, "  {:<10} .{}", r.name(), r.extensions().join(" ."))?;
    }
    for r in gongkai_report::report_readers() {
        writeln!(
            out,
            "  {:<10} .{} (gongkai.report/1)",
            r.name(),
            r.extensions().join(" .")
        )?;
    }
    writeln!(out, "Writers (--to):")?;
    for w in gongkai_report::writers() {
        writeln!(out, "  {:<10} .{}", w.name(), w.extension())?;
    }
    Ok(())
}
