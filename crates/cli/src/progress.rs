//! What a batch tells the person running it: a progress bar on a terminal,
//! one line per file otherwise, and the closing summary.

use std::io::IsTerminal;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::summary::Info;

/// How much to say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verbosity {
    /// Errors and the summary only.
    Quiet,
    /// One line per file (or a progress bar), errors, the summary.
    Normal,
    /// Also each file's check and diagnostic counts.
    Verbose,
}

/// The counts of a batch.
#[derive(Debug, Default, Clone, Copy)]
pub struct Counts {
    /// Inputs in the batch.
    pub total: usize,
    /// Converted now.
    pub converted: usize,
    /// Up to date, not converted again.
    pub skipped: usize,
    /// Converted or skipped, with at least one failed check.
    pub failed_checks: usize,
    /// Inputs that could not be converted.
    pub errors: usize,
}

impl Counts {
    /// Inputs that got a result.
    pub fn done(&self) -> usize {
        self.converted + self.skipped + self.errors
    }
}

/// Prints progress to standard error.
pub struct Progress {
    bar: Option<ProgressBar>,
    verbosity: Verbosity,
    /// The counts so far.
    pub counts: Counts,
    started: Instant,
}

/// `1 error`, `2 errors`.
fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

fn detail(info: &Info) -> String {
    format!(
        " ({} checks: {} failed, {} uncertain; diagnostics: {} errors, {} warnings, {} info)",
        info.checks,
        info.failed,
        info.uncertain,
        info.diagnostics[0],
        info.diagnostics[1],
        info.diagnostics[2]
    )
}

impl Progress {
    /// A progress bar when standard error is a terminal (and not quiet),
    /// plain lines otherwise.
    pub fn new(total: usize, verbosity: Verbosity) -> Self {
        let bar = (std::io::stderr().is_terminal() && verbosity != Verbosity::Quiet).then(|| {
            let bar = ProgressBar::with_draw_target(
                Some(total as u64),
                ProgressDrawTarget::stderr_with_hz(10),
            );
            let style = ProgressStyle::with_template(
                "{spinner} {elapsed_precise} [{bar:30}] {pos}/{len} files, {rate} files/s, ETA {eta} {msg}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .with_key(
                "rate",
                |state: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                    let _ = write!(w, "{:.1}", state.per_sec());
                },
            )
            .progress_chars("=> ");
            bar.set_style(style);
            bar.enable_steady_tick(Duration::from_millis(200));
            bar
        });
        Progress {
            bar,
            verbosity,
            counts: Counts {
                total,
                ..Counts::default()
            },
            started: Instant::now(),
        }
    }

    fn line(&self, text: &str) {
        match &self.bar {
            Some(bar) => bar.println(text),
            None => eprintln!("{text}"),
        }
    }

    fn advance(&self) {
        if let Some(bar) = &self.bar {
            bar.inc(1);
            if self.counts.errors > 0 {
                bar.set_message(format!("{} failed", self.counts.errors));
            }
        }
    }

    fn note_checks(&mut self, info: Option<&Info>) {
        if info.is_some_and(|i| i.failed > 0) {
            self.counts.failed_checks += 1;
        }
    }

    /// An input converted into `outputs`.
    pub fn converted(&mut self, input: &str, outputs: &[String], info: &Info) {
        self.counts.converted += 1;
        self.note_checks(Some(info));
        let show = match self.verbosity {
            Verbosity::Quiet => false,
            Verbosity::Normal => self.bar.is_none(),
            Verbosity::Verbose => true,
        };
        if show {
            let extra = if self.verbosity == Verbosity::Verbose {
                detail(info)
            } else {
                String::new()
            };
            self.line(&format!("ok {input} -> {}{extra}", outputs.join(", ")));
        }
        self.advance();
    }

    /// An input whose outputs are up to date.
    pub fn skipped(&mut self, input: &str, info: Option<&Info>) {
        self.counts.skipped += 1;
        self.note_checks(info);
        let show = match self.verbosity {
            Verbosity::Quiet => false,
            Verbosity::Normal => self.bar.is_none(),
            Verbosity::Verbose => true,
        };
        if show {
            self.line(&format!("skip {input} (up to date)"));
        }
        self.advance();
    }

    /// An input that failed.
    pub fn error(&mut self, input: &str, reason: &str) {
        self.counts.errors += 1;
        self.line(&format!("error {input}: {reason}"));
        self.advance();
    }

    /// Clears the bar and prints the summary; `interrupted` adds how many
    /// inputs never ran.
    pub fn finish(&self, interrupted: bool) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
        let c = &self.counts;
        eprintln!(
            "summary: {} inputs: {} converted, {} skipped (up to date), {} with failed checks, {} ({:.1} s)",
            c.total,
            c.converted,
            c.skipped,
            c.failed_checks,
            plural(c.errors, "error"),
            self.started.elapsed().as_secs_f64()
        );
        if interrupted {
            eprintln!(
                "interrupted: {} inputs not converted; run the same command again to resume",
                c.total.saturating_sub(c.done())
            );
        }
    }
}
