//! `gongkai validate`: the 勾稽 checks of many inputs, for people or machines.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;
use std::sync::atomic::Ordering;

use gongkai::ir::{Diagnostic, Severity};
use gongkai::report::{Check, CheckStatus, Report};

use crate::args::{ValidateArgs, EXIT_FAILED, EXIT_INCOMPLETE, EXIT_INTERRUPTED};
use crate::check_line;
use crate::diagnostics_zh;
use crate::engine::{self, Ended, InOrder};
use crate::inputs::{self, Exclude, Problem};
use crate::job::{read_input, Failure};
use crate::messages::{error_line, incompleteness_line, lang, say, Lang, Msg};
use crate::status::incompleteness;

/// How one input ended.
enum Checked {
    Done {
        text: String,
        json: serde_json::Value,
        failed: usize,
        uncertain: usize,
        incomplete: bool,
        /// What the year checks need of it.
        year: Box<gongkai_dataset::YearEntry>,
    },
    Failed(Failure),
    /// Not a regular file met in a walk.
    LeftOut(String),
    /// A document of a format gongkai does not read, met in a walk.
    Unsupported(String),
    NotRun,
}

/// Most related source locations shown under one failed check.
const MAX_LOCATIONS: usize = 5;

/// How the text for people looks: all operands and paths (`-v`), colour.
#[derive(Debug, Clone, Copy)]
struct Style {
    verbose: bool,
    colour: bool,
}

/// ANSI colours of the status words.
const RED: &str = "\x1b[1;31m";
const AMBER: &str = "\x1b[1;33m";
const RESET: &str = "\x1b[0m";

impl Style {
    /// `word` in `colour` when colour is on.
    fn paint(self, word: &str, colour: &str) -> String {
        if self.colour {
            format!("{colour}{word}{RESET}")
        } else {
            word.to_string()
        }
    }
}

/// Colour on a terminal unless `NO_COLOR` is set (no-color.org).
fn colour_wanted() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// The failed and uncertain checks of one report, for people: one compact
/// line each (`check_line::compact`), then where the rows of a failed one
/// were read and what is unusual around them.
fn for_people(file: &Path, report: &Report, style: Style) -> String {
    let mut out = String::new();
    let failed = report.count_checks(CheckStatus::Fail);
    let uncertain = report.count_checks(CheckStatus::Uncertain);
    let not_found = Msg::OrganNotFound.text_in(lang());
    let name = report.organ.as_deref().unwrap_or(not_found);
    let year = report
        .year
        .map(|y| y.to_string())
        .unwrap_or_else(|| "?".into());
    let header = say(
        Msg::ValidateHeader,
        &[
            ("file", &file.display()),
            ("organ", &name),
            ("year", &year),
            ("checks", &report.checks.len()),
            ("failed", &failed),
            ("uncertain", &uncertain),
        ],
    );
    let _ = writeln!(out, "{header}");
    if let Some(why) = incompleteness(report) {
        let why = incompleteness_line(&why);
        let _ = writeln!(out, "  {} {why}", style.paint("INCOMPLETE", AMBER));
    }
    let listed = report
        .checks
        .iter()
        .filter(|c| c.status == CheckStatus::Fail)
        .chain(
            report
                .checks
                .iter()
                .filter(|c| c.status == CheckStatus::Uncertain),
        );
    for c in listed {
        let word = if c.status == CheckStatus::Fail {
            style.paint("FAIL", RED)
        } else {
            style.paint("UNCERTAIN", AMBER)
        };
        let line = check_line::compact(report, c, style.verbose);
        let _ = writeln!(out, "  {word} {} {line}", c.id);
        if style.verbose {
            let _ = writeln!(out, "       {}: {}", c.subject, c.message);
        }
        if c.status != CheckStatus::Fail {
            continue;
        }
        // Where the rows of the failed rule were read in the source.
        let rows = c.located(&report.locations);
        for (path, at) in rows.iter().take(MAX_LOCATIONS) {
            // The report stores the place in English; it is said in this run's language.
            let at = crate::location::place(at);
            let line = say(Msg::ReadAt, &[("path", path), ("at", &at)]);
            let _ = writeln!(out, "       {line}");
        }
        if rows.len() > MAX_LOCATIONS {
            let n = rows.len() - MAX_LOCATIONS;
            let _ = writeln!(out, "       {}", say(Msg::MoreRows, &[("n", &n)]));
        }
        let near: Vec<_> = report
            .diagnostics
            .iter()
            .filter(|d| d.at.is_some())
            .filter(|d| d.path.as_deref().is_some_and(|p| c.concerns(p)))
            .collect();
        for d in near.iter().take(MAX_LOCATIONS) {
            let _ = writeln!(
                out,
                "       {}",
                diagnostic_line(report, d, style.verbose, true)
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
        let _ = writeln!(
            out,
            "  {} {}",
            style.paint("ERROR", RED),
            diagnostic_line(report, d, style.verbose, false)
        );
    }
    out
}

/// One diagnostic for people, in this run's language: `at LOCATION: code
/// message (source: raw)` when `at_first` (under a failed check), else
/// `code: message (LOCATION)` (an error line).
/// In Chinese the message is the code's sentence (`diagnostics_zh.rs`) with
/// the place and the source text; `-v` adds the English message, which
/// spells out the particulars.
fn diagnostic_line(report: &Report, d: &Diagnostic, verbose: bool, at_first: bool) -> String {
    let lang = lang();
    let translated = lang == Lang::Zh && diagnostics_zh::diagnostic_zh(&d.code).is_some();
    let mut message = diagnostics_zh::message_in(lang, report, d);
    match (translated, d.raw.as_deref()) {
        (true, _) if verbose => {
            let _ = write!(message, " [{}]", d.message);
        }
        (false, Some(raw)) if at_first => {
            let _ = write!(message, " (source: {raw})");
        }
        _ => {}
    }
    let at = crate::location::place_in(lang, d.at.as_deref().unwrap_or_default());
    match (at_first, lang) {
        (true, Lang::En) => format!("at {at}: {} {message}", d.code),
        (true, Lang::Zh) => format!("位置 {at}：{} {message}", d.code),
        (false, _) if at.is_empty() => format!("{}: {message}", d.code),
        (false, Lang::En) => format!("{}: {message} ({at})", d.code),
        (false, Lang::Zh) => format!("{}: {message}（{at}）", d.code),
    }
}

/// What the closing line of `validate` counts.
#[derive(Debug, Default)]
struct Totals {
    files: usize,
    clean: usize,
    with_failed: usize,
    incomplete: usize,
    failed_checks: usize,
    uncertain_checks: usize,
    errors: usize,
    unsupported: usize,
}

impl Totals {
    fn line(&self, style: Style) -> String {
        let errors = if self.errors > 0 {
            style.paint(&self.errors.to_string(), RED)
        } else {
            self.errors.to_string()
        };
        say(
            Msg::ValidateTotals,
            &[
                ("files", &self.files),
                ("clean", &self.clean),
                ("with_failed", &self.with_failed),
                ("failed", &self.failed_checks),
                ("uncertain", &self.uncertain_checks),
                ("incomplete", &self.incomplete),
                ("errors", &errors),
                ("unsupported", &self.unsupported),
            ],
        )
    }
}

fn for_machines(file: &Path, report: &Report) -> serde_json::Value {
    serde_json::json!({
        "file": file.display().to_string(),
        "organ": report.organ,
        "year": report.year,
        "passed": report.count_checks(CheckStatus::Pass),
        "failed": report.count_checks(CheckStatus::Fail),
        "uncertain": report.count_checks(CheckStatus::Uncertain),
        "incomplete": incompleteness(report).map(|i| i.to_string()),
        "checks": report.checks.iter().filter(|c| c.status != CheckStatus::Pass).collect::<Vec<_>>(),
        "diagnostics": report.diagnostics.iter().filter(|d| d.severity != Severity::Info).collect::<Vec<_>>(),
    })
}

/// One element of the JSON array: written at once, or held (`hold`) for
/// the year checks.
fn element(
    out: &mut impl Write,
    first: &mut bool,
    held: &mut Vec<String>,
    hold: bool,
    value: &serde_json::Value,
) -> std::io::Result<()> {
    let text = serde_json::to_string_pretty(value).map_err(std::io::Error::other)?;
    if hold {
        held.push(text);
        return Ok(());
    }
    let sep = if *first { "\n" } else { ",\n" };
    *first = false;
    write!(out, "{sep}{text}")
}

/// A held element with its `year_checks` added.
fn with_year_checks(text: &str, checks: &[&Check]) -> String {
    let Ok(mut value) = serde_json::from_str::<serde_json::Value>(text) else {
        return text.to_string();
    };
    if let Some(object) = value.as_object_mut() {
        object.insert("year_checks".into(), serde_json::json!(checks));
    }
    serde_json::to_string_pretty(&value).unwrap_or_else(|_| text.to_string())
}

/// `gongkai validate`: exit 1 when a check fails or an input cannot be read,
/// 3 when a report is incomplete and nothing failed.
pub fn validate(args: &ValidateArgs) -> anyhow::Result<ExitCode> {
    let stop = engine::on_ctrl_c();
    let limit = args.run.limit();
    let expanded = inputs::expand(&args.files, &Exclude::default());
    for w in &expanded.warnings {
        note!("{w}");
    }
    let inputs = expanded.inputs;
    if inputs.is_empty() {
        note!("{}", error_line(&say(Msg::NoInputs, &[])));
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
    let mut totals = Totals::default();
    let style = Style {
        verbose: args.verbose,
        colour: !json && colour_wanted(),
    };
    let stop_on_error = std::sync::Arc::clone(&stop);
    let aliases = args.alias.load()?;
    let mut years = Vec::new();
    // With two inputs or more, the year checks may add to an element: the
    // JSON elements are held until they have run.
    let hold = json && inputs.len() > 1;
    let mut held: Vec<String> = Vec::new();
    // The held element of each entry of `years`.
    let mut year_element: Vec<usize> = Vec::new();
    let mut emit = |(path, checked): (String, Checked)| {
        let written = match checked {
            Checked::NotRun => Ok(()),
            Checked::LeftOut(reason) => {
                let line = say(Msg::LeftOutLine, &[("input", &path), ("reason", &reason)]);
                note!("{line}");
                Ok(())
            }
            Checked::Unsupported(reason) => {
                bad = true;
                totals.files += 1;
                totals.unsupported += 1;
                let line = say(
                    Msg::UnsupportedLine,
                    &[("input", &path), ("reason", &reason)],
                );
                note!("{line}");
                Ok(())
            }
            Checked::Done {
                text,
                json: value,
                failed,
                uncertain,
                incomplete,
                year,
            } => {
                years.push(*year);
                bad |= failed > 0;
                incomplete_seen |= incomplete;
                totals.files += 1;
                totals.failed_checks += failed;
                totals.uncertain_checks += uncertain;
                if incomplete {
                    totals.incomplete += 1;
                } else if failed > 0 {
                    totals.with_failed += 1;
                } else {
                    totals.clean += 1;
                }
                year_element.push(held.len());
                if json {
                    element(&mut out, &mut first, &mut held, hold, &value)
                } else {
                    out.write_all(text.as_bytes())
                }
            }
            Checked::Failed(failure) => {
                bad = true;
                totals.files += 1;
                totals.errors += 1;
                note!("{}", error_line(&format!("{path}: {}", failure.reason)));
                if json {
                    // English, like the diagnostics in JSON.
                    let value = serde_json::json!({ "file": path, "error": failure.english });
                    element(&mut out, &mut first, &mut held, hold, &value)
                } else {
                    Ok(())
                }
            }
        };
        if let Err(e) = written {
            // Nobody reads on (`| head`): start no more inputs.
            stop_on_error.store(true, Ordering::SeqCst);
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
                Some(Problem::Error(e)) => return Checked::Failed(Failure::error(e.clone())),
                Some(Problem::LeftOut(reason)) => return Checked::LeftOut(reason.clone()),
                Some(Problem::Unsupported(reason)) => return Checked::Unsupported(reason.clone()),
                None => {}
            }
            let loaded = read_input(&input.path, &options).and_then(|data| {
                let name = input.path.file_name().map(|n| n.to_string_lossy());
                gongkai::load(&data, name.as_deref(), &options).map_err(Failure::from)
            });
            match loaded {
                Ok(report) => Checked::Done {
                    text: for_people(&input.path, &report, style),
                    json: for_machines(&input.path, &report),
                    failed: report.count_checks(CheckStatus::Fail),
                    uncertain: report.count_checks(CheckStatus::Uncertain),
                    incomplete: incompleteness(&report).is_some(),
                    year: Box::new(gongkai_dataset::YearEntry::of(
                        &input.path.display().to_string(),
                        &report,
                    )),
                },
                Err(failure) => Checked::Failed(failure),
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
            let checked = match (Failure::of_ended(&ended, limit), ended) {
                (Some(failure), _) => Checked::Failed(failure),
                (None, Ended::Done(checked)) => checked,
                (None, _) => Checked::NotRun,
            };
            order.push(i, (input.path.display().to_string(), checked), &mut emit)
        },
    );
    order.finish(&mut emit);
    let year_checks = crate::dataset::validate_years(&years, &aliases);
    bad |= year_checks
        .iter()
        .any(|r| r.check.status == CheckStatus::Fail);
    if json {
        // Each year check goes in the element of the report it is about.
        let mut attached: BTreeMap<usize, Vec<&Check>> = BTreeMap::new();
        for r in &year_checks {
            if let Some(at) = year_element.get(r.index) {
                attached.entry(*at).or_default().push(&r.check);
            }
        }
        for (i, text) in held.iter().enumerate() {
            let with_years = attached
                .get(&i)
                .map(|checks| with_year_checks(text, checks));
            let text = match &with_years {
                Some(t) => t.as_str(),
                None => text.as_str(),
            };
            write!(out, "{}{text}", if first { "\n" } else { ",\n" })?;
            first = false;
        }
    } else {
        let named: Vec<(String, Check)> = year_checks
            .into_iter()
            .filter_map(|r| Some((years.get(r.index)?.name.clone(), r.check)))
            .collect();
        crate::dataset::write_year_checks(&mut out, &named)?;
    }
    if json {
        writeln!(out, "{}]", if first { "" } else { "\n" })?;
    } else if io_error.is_none() {
        writeln!(out, "{}", totals.line(style))?;
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
