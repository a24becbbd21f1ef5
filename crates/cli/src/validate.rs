//! `gongkai validate`: the 勾稽 checks of many inputs, for people or machines.

use std::fmt::Write as _;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;
use std::sync::atomic::Ordering;

use gongkai::ir::Severity;
use gongkai::report::{CheckStatus, Report};

use crate::args::{ValidateArgs, EXIT_FAILED, EXIT_INCOMPLETE, EXIT_INTERRUPTED};
use crate::engine::{self, Ended, InOrder};
use crate::inputs::{self, Exclude, Problem};
use crate::job::{read_input, Failure};
use crate::status::incompleteness;

/// How one input ended.
enum Checked {
    Done {
        text: String,
        json: serde_json::Value,
        failed: bool,
        incomplete: bool,
        /// What the year checks need of it.
        year: Box<gongkai_dataset::YearEntry>,
    },
    Failed(String),
    /// Not a regular file met in a walk.
    LeftOut(String),
    NotRun,
}

/// Most related source locations shown under one failed check.
const MAX_LOCATIONS: usize = 5;

/// The failed checks of one report, for people: labels and numbers (the
/// check's message), then where the source is unusual around it.
fn for_people(file: &Path, report: &Report) -> String {
    let mut out = String::new();
    let failed = report.count_checks(CheckStatus::Fail);
    let uncertain = report.count_checks(CheckStatus::Uncertain);
    let name = report.organ.as_deref().unwrap_or("(organ not found)");
    let year = report
        .year
        .map(|y| y.to_string())
        .unwrap_or_else(|| "?".into());
    let _ = writeln!(
        out,
        "{}: {name} {year}: {} checks, {failed} failed, {uncertain} uncertain",
        file.display(),
        report.checks.len()
    );
    if let Some(why) = incompleteness(report) {
        let _ = writeln!(out, "  INCOMPLETE {why}");
    }
    for c in report
        .checks
        .iter()
        .filter(|c| c.status == CheckStatus::Fail)
    {
        let _ = writeln!(out, "  FAIL {} {}: {}", c.id, c.subject, c.message);
        // Where the rows of the failed rule were read in the source.
        let rows = c.located(&report.locations);
        for (path, at) in rows.iter().take(MAX_LOCATIONS) {
            let _ = writeln!(out, "       {path} read at {at}");
        }
        if rows.len() > MAX_LOCATIONS {
            let _ = writeln!(out, "       … and {} more rows", rows.len() - MAX_LOCATIONS);
        }
        let near: Vec<_> = report
            .diagnostics
            .iter()
            .filter(|d| d.at.is_some())
            .filter(|d| d.path.as_deref().is_some_and(|p| c.concerns(p)))
            .collect();
        for d in near.iter().take(MAX_LOCATIONS) {
            let raw = d
                .raw
                .as_deref()
                .map(|r| format!(" (source: {r})"))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "       at {}: {} {}{raw}",
                d.at.as_deref().unwrap_or_default(),
                d.code,
                d.message
            );
        }
        if near.len() > MAX_LOCATIONS {
            let _ = writeln!(out, "       … and {} more", near.len() - MAX_LOCATIONS);
        }
    }
    for d in report
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
    {
        let at =
            d.at.as_deref()
                .map(|a| format!(" ({a})"))
                .unwrap_or_default();
        let _ = writeln!(out, "  ERROR {}: {}{at}", d.code, d.message);
    }
    out
}

fn for_machines(file: &Path, report: &Report) -> serde_json::Value {
    serde_json::json!({
        "file": file.display().to_string(),
        "organ": report.organ,
        "year": report.year,
        "passed": report.count_checks(CheckStatus::Pass),
        "failed": report.count_checks(CheckStatus::Fail),
        "uncertain": report.count_checks(CheckStatus::Uncertain),
        "incomplete": incompleteness(report),
        "checks": report.checks.iter().filter(|c| c.status != CheckStatus::Pass).collect::<Vec<_>>(),
        "diagnostics": report.diagnostics.iter().filter(|d| d.severity != Severity::Info).collect::<Vec<_>>(),
    })
}

/// `gongkai validate`: exit 1 when a check fails or an input cannot be read,
/// 3 when a report is incomplete and nothing failed.
pub fn validate(args: &ValidateArgs) -> anyhow::Result<ExitCode> {
    let stop = engine::on_ctrl_c();
    let limit = args.run.limit();
    let expanded = inputs::expand(&args.files, &Exclude::default());
    for w in &expanded.warnings {
        eprintln!("{w}");
    }
    let inputs = expanded.inputs;
    if inputs.is_empty() {
        eprintln!("gongkai: error: no input files found (known extensions are listed by `gongkai formats`)");
        return Ok(ExitCode::from(EXIT_FAILED));
    }
    let options = args.limits.options();
    let json = args.format == "json";
    let mut out = std::io::stdout().lock();
    let mut bad = false;
    let mut incomplete_seen = false;
    let mut first = true;
    if json {
        write!(out, "[")?;
    }
    let mut io_error: Option<std::io::Error> = None;
    let aliases = args.alias.load()?;
    let mut years = Vec::new();
    let mut emit = |(path, checked): (String, Checked)| {
        let written = match checked {
            Checked::NotRun => Ok(()),
            Checked::LeftOut(reason) => {
                eprintln!("skip {path}: {reason}");
                Ok(())
            }
            Checked::Done {
                text,
                json: value,
                failed,
                incomplete,
                year,
            } => {
                years.push(*year);
                bad |= failed;
                incomplete_seen |= incomplete;
                if json {
                    let sep = if first { "\n" } else { ",\n" };
                    first = false;
                    serde_json::to_string_pretty(&value)
                        .map_err(std::io::Error::other)
                        .and_then(|s| write!(out, "{sep}{s}"))
                } else {
                    out.write_all(text.as_bytes())
                }
            }
            Checked::Failed(reason) => {
                bad = true;
                eprintln!("gongkai: error: {path}: {reason}");
                if json {
                    let sep = if first { "\n" } else { ",\n" };
                    first = false;
                    let value = serde_json::json!({ "file": path, "error": reason });
                    serde_json::to_string_pretty(&value)
                        .map_err(std::io::Error::other)
                        .and_then(|s| write!(out, "{sep}{s}"))
                } else {
                    Ok(())
                }
            }
        };
        if let Err(e) = written {
            io_error.get_or_insert(e);
        }
    };
    let mut order = InOrder::new();
    let inputs = std::sync::Arc::new(inputs);
    let work = {
        let inputs = std::sync::Arc::clone(&inputs);
        move |i: usize, _: &engine::Claim| -> Checked {
            let Some(input) = inputs.get(i) else {
                return Checked::NotRun;
            };
            match &input.problem {
                Some(Problem::Error(e)) => return Checked::Failed(e.clone()),
                Some(Problem::LeftOut(reason)) => return Checked::LeftOut(reason.clone()),
                None => {}
            }
            let loaded = read_input(&input.path, &options).and_then(|data| {
                let name = input.path.file_name().map(|n| n.to_string_lossy());
                gongkai::load(&data, name.as_deref(), &options).map_err(Failure::from)
            });
            match loaded {
                Ok(report) => Checked::Done {
                    text: for_people(&input.path, &report),
                    json: for_machines(&input.path, &report),
                    failed: report.count_checks(CheckStatus::Fail) > 0,
                    incomplete: incompleteness(&report).is_some(),
                    year: Box::new(gongkai_dataset::YearEntry::of(
                        &input.path.display().to_string(),
                        &report,
                    )),
                },
                Err(failure) => Checked::Failed(failure.reason),
            }
        }
    };
    engine::run(
        args.run.jobs,
        inputs.len(),
        limit,
        &stop,
        work,
        |i, ended| {
            let Some(input) = inputs.get(i) else {
                return;
            };
            let checked = match (ended.failure(limit), ended) {
                (Some(reason), _) => Checked::Failed(reason),
                (None, Ended::Done(checked)) => checked,
                (None, _) => Checked::NotRun,
            };
            order.push(i, (input.path.display().to_string(), checked), &mut emit)
        },
    );
    order.finish(&mut emit);
    let year_checks = crate::dataset::validate_years(&years, &aliases);
    bad |= crate::dataset::write_year_checks(&mut out, &year_checks, json, &mut first)?;
    if json {
        writeln!(out, "{}]", if first { "" } else { "\n" })?;
    }
    out.flush()?;
    if let Some(e) = io_error {
        return Err(e.into());
    }
    Ok(if stop.load(Ordering::SeqCst) {
        ExitCode::from(EXIT_INTERRUPTED)
    } else if bad {
        ExitCode::from(EXIT_FAILED)
    } else if incomplete_seen {
        ExitCode::from(EXIT_INCOMPLETE)
    } else {
        ExitCode::SUCCESS
    })
}
