//! What a batch tells the person running it: a progress bar on a terminal,
//! one line per file otherwise, and the closing summary.

use std::io::IsTerminal;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::messages::{incompleteness_line, lang, say, say_in, Lang, Msg};
use crate::status::Status;
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
    /// Converted or skipped, without table 三 or 四 or their values.
    pub incomplete: usize,
    /// Inputs that could not be converted (`error`).
    pub errors: usize,
    /// Documents of a format gongkai does not read (`unsupported`).
    pub unsupported: usize,
    /// Not regular files met in a walk, left out.
    pub left_out: usize,
}

impl Counts {
    /// Inputs that got a result.
    pub fn done(&self) -> usize {
        self.converted + self.skipped + self.errors + self.unsupported + self.left_out
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

/// `45s`, `2m`, `1h 5m` (`45 秒`…): what an ETA needs to say.
fn short_duration(lang: Lang, d: Duration) -> String {
    let secs = d.as_secs();
    match secs {
        0..60 => say_in(lang, Msg::Seconds, &[("s", &secs)]),
        60..3600 => say_in(lang, Msg::Minutes, &[("m", &secs.div_ceil(60))]),
        _ => say_in(
            lang,
            Msg::HoursMinutes,
            &[("h", &(secs / 3600)), ("m", &((secs % 3600) / 60))],
        ),
    }
}

/// `1 error`, `2 errors` (`错误 2 个`).
fn errors(n: usize) -> String {
    match n {
        1 => say(Msg::OneError, &[]),
        _ => say(Msg::Errors, &[("n", &n)]),
    }
}

fn detail(info: &Info) -> String {
    say(
        Msg::FileDetail,
        &[
            ("checks", &info.checks),
            ("failed", &info.failed),
            ("uncertain", &info.uncertain),
            ("errors", &info.diagnostics[0]),
            ("warnings", &info.diagnostics[1]),
            ("info", &info.diagnostics[2]),
        ],
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
            let style = ProgressStyle::with_template(Msg::ProgressTemplate.text_in(lang()))
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .with_key(
                    "rate",
                    |state: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                        let _ = write!(w, "{:.0}", state.per_sec());
                    },
                )
                .with_key(
                    "eta",
                    |state: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                        let _ = w.write_str(&short_duration(lang(), state.eta()));
                    },
                );
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
            None => note!("{text}"),
        }
    }

    fn advance(&self) {
        if let Some(bar) = &self.bar {
            bar.inc(1);
            let c = &self.counts;
            let mut msg = String::new();
            if c.errors > 0 {
                msg.push_str(&format!(" · {}", errors(c.errors)));
            }
            for (n, counted) in [
                (c.failed_checks, Msg::ProgressFailedChecks),
                (c.incomplete, Msg::ProgressIncomplete),
                (c.unsupported, Msg::ProgressUnsupported),
            ] {
                if n > 0 {
                    msg.push_str(&format!(" · {}", say(counted, &[("n", &n)])));
                }
            }
            bar.set_message(msg);
        }
    }

    /// Counts a converted or skipped input's status.
    fn note(&mut self, status: Status) {
        match status {
            Status::FailedChecks => self.counts.failed_checks += 1,
            Status::Incomplete => self.counts.incomplete += 1,
            _ => {}
        }
    }

    /// True when lines for inputs that went well are printed.
    fn shows_progress_lines(&self) -> bool {
        match self.verbosity {
            Verbosity::Quiet => false,
            Verbosity::Normal => self.bar.is_none(),
            Verbosity::Verbose => true,
        }
    }

    /// An input converted into `outputs`: `ok`, `failed-checks` or
    /// `incomplete` (with why, also when quiet: the run does not succeed).
    pub fn converted(&mut self, input: &str, outputs: &[String], info: &Info) {
        self.counts.converted += 1;
        let status = info.status();
        self.note(status);
        let why = info
            .incomplete
            .as_ref()
            .map(|w| format!(" ({})", incompleteness_line(w)))
            .unwrap_or_default();
        if self.shows_progress_lines() || status == Status::Incomplete {
            let extra = if self.verbosity == Verbosity::Verbose {
                detail(info)
            } else {
                String::new()
            };
            self.line(&format!(
                "{} {input} -> {}{why}{extra}",
                status.word(),
                outputs.join(", ")
            ));
        }
        self.advance();
    }

    /// An input whose outputs are up to date; `status` is what it was when
    /// they were made.
    pub fn skipped(&mut self, input: &str, status: Status) {
        self.counts.skipped += 1;
        self.note(status);
        if self.shows_progress_lines() {
            self.line(&say(Msg::UpToDateLine, &[("input", &input)]));
        }
        self.advance();
    }

    /// A walk's entry that is not a regular file, left out.
    pub fn left_out(&mut self, input: &str, reason: &str) {
        self.counts.left_out += 1;
        self.line(&say(
            Msg::LeftOutLine,
            &[("input", &input), ("reason", &reason)],
        ));
        self.advance();
    }

    /// A document of a format gongkai does not read, met in a walk.
    pub fn unsupported(&mut self, input: &str, reason: &str) {
        self.counts.unsupported += 1;
        self.line(&say(
            Msg::UnsupportedLine,
            &[("input", &input), ("reason", &reason)],
        ));
        self.advance();
    }

    /// An input that failed: `error` or `unsupported`.
    pub fn error(&mut self, input: &str, status: Status, reason: &str) {
        if status == Status::Unsupported {
            self.counts.unsupported += 1;
        } else {
            self.counts.errors += 1;
        }
        self.line(&format!("{} {input}: {reason}", status.word()));
        self.advance();
    }

    /// A line for something that is no input's result (a link loop).
    pub fn warning(&self, text: &str) {
        self.line(text);
    }

    /// Clears the bar and prints the summary; `interrupted` adds how many
    /// inputs never ran.
    pub fn finish(&self, interrupted: bool) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
        let c = &self.counts;
        let left_out = if c.left_out > 0 {
            say(Msg::LeftOut, &[("n", &c.left_out)])
        } else {
            String::new()
        };
        let errors = errors(c.errors);
        let secs = format!("{:.1}", self.started.elapsed().as_secs_f64());
        let line = say(
            Msg::BatchSummary,
            &[
                ("total", &c.total),
                ("converted", &c.converted),
                ("skipped", &c.skipped),
                ("failed_checks", &c.failed_checks),
                ("incomplete", &c.incomplete),
                ("unsupported", &c.unsupported),
                ("errors", &errors),
                ("left_out", &left_out),
                ("secs", &secs),
            ],
        );
        note!("{line}");
        if interrupted {
            let n = c.total.saturating_sub(c.done());
            note!("{}", say(Msg::Interrupted, &[("n", &n)]));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_eta_is_short() {
        let short = |s| short_duration(Lang::En, Duration::from_secs(s));
        assert_eq!(short(45), "45s");
        assert_eq!(short(100), "2m");
        assert_eq!(short(3900), "1h 5m");
        let short = |s| short_duration(Lang::Zh, Duration::from_secs(s));
        assert_eq!(short(3900), "1 小时 5 分钟");
    }
}
