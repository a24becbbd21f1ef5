//! `--dataset FILE` and `--organ-alias FILE.csv`: a batch's reports written
//! into one dataset (`gongkai-dataset`) as they complete, and the `year.*`
//! checks across reports, for `convert` and `validate`.

use std::path::{Path, PathBuf};

use clap::Args;
use gongkai::ir::ReadOptions;
use gongkai::report::{Check, CheckStatus, Report, YEAR_UNMATCHED};
use gongkai_dataset::{
    pair_years, Dataset, DatasetError, Entry, Format, OrganAliases, Rows, YearEntry, YearResult,
};

use crate::errors_zh::dataset_error_line;
use crate::job::read_input;
use crate::messages::{say, Msg};
use crate::status::Status;

/// The dataset flags of `convert`.
#[derive(Debug, Args, Clone)]
pub(crate) struct DatasetArgs {
    /// Also write every cell, check and diagnostic of every report to FILE: .sqlite (tables reports, cells, checks, diagnostics; an existing FILE is added to), .csv (cells, long form; added to) or .parquet (a directory of one file per table, written anew; needs the `parquet` feature).
    #[arg(long, value_name = "FILE", value_parser = dataset_path)]
    pub(crate) dataset: Option<PathBuf>,
    #[command(flatten)]
    pub(crate) alias: AliasArgs,
}

/// `--dataset`'s value: a path whose extension names a format this build
/// writes (a usage error otherwise).
fn dataset_path(value: &str) -> Result<PathBuf, String> {
    let path = PathBuf::from(value);
    Format::of(&path).map_err(|e| dataset_error_line(&e))?;
    Ok(path)
}

/// The organ alias flag of `convert` and `validate`.
#[derive(Debug, Args, Clone)]
pub(crate) struct AliasArgs {
    /// Pair renamed organs across years: a CSV of `name,canonical` lines.
    #[arg(long, value_name = "FILE.csv")]
    pub(crate) organ_alias: Option<PathBuf>,
}

impl AliasArgs {
    /// The alias table; empty without the flag.
    pub(crate) fn load(&self) -> anyhow::Result<OrganAliases> {
        match &self.organ_alias {
            Some(path) => OrganAliases::load(path).map_err(|e| match e {
                // It names the file and the line itself.
                DatasetError::BadAlias { .. } => anyhow::anyhow!(dataset_error_line(&e)),
                e => anyhow::anyhow!("{}: {}", path.display(), dataset_error_line(&e)),
            }),
            None => Ok(OrganAliases::default()),
        }
    }
}

/// The dataset of one batch, written on the thread that collects results.
pub(crate) struct BatchDataset {
    dataset: Dataset,
    path: PathBuf,
    aliases: OrganAliases,
    error: Option<String>,
}

impl BatchDataset {
    /// Open the dataset the flags name, if any.
    pub(crate) fn open(args: &DatasetArgs) -> anyhow::Result<Option<BatchDataset>> {
        let Some(path) = &args.dataset else {
            return Ok(None);
        };
        let aliases = args.alias.load()?;
        let dataset = Dataset::open(path)
            .map_err(|e| anyhow::anyhow!("{}: {}", path.display(), dataset_error_line(&e)))?;
        Ok(Some(BatchDataset {
            dataset,
            path: path.clone(),
            aliases,
            error: None,
        }))
    }

    /// The rows of a converted report: built by the worker before it takes
    /// the dataset.
    pub(crate) fn rows(input: &Path, status: Status, report: Report, sha256: &str) -> Rows {
        let shown = input.display().to_string();
        let entry = Entry {
            path: &shown,
            sha256,
            status: status.word(),
        };
        Rows::of(&entry, report)
    }

    /// Add a converted report's rows.
    pub(crate) fn add(&mut self, rows: Rows) {
        let shown = rows.path.clone();
        if let Err(e) = self.dataset.add_rows(rows) {
            self.error
                .get_or_insert(format!("{shown}: {}", dataset_error_line(&e)));
        }
    }

    /// An input that was up to date: read again if the dataset lacks it
    /// (a new dataset over an earlier batch's outputs).
    pub(crate) fn add_skipped(&mut self, input: &Path, status: Status, options: &ReadOptions) {
        if self.dataset.holds_path(&input.display().to_string()) {
            return;
        }
        let Ok(data) = read_input(input, options) else {
            return;
        };
        let name = input.file_name().map(|n| n.to_string_lossy());
        if let Ok(report) = gongkai::load(&data, name.as_deref(), options) {
            let sha256 = gongkai::sha256_hex(&data);
            self.add(BatchDataset::rows(input, status, report, &sha256));
        }
    }

    /// Run the year checks over the whole dataset, print those that did not
    /// pass, close it. Returns whether a year check failed.
    pub(crate) fn finish(self) -> anyhow::Result<bool> {
        if let Some(e) = self.error {
            anyhow::bail!("{}: {e}", self.path.display());
        }
        let years = self
            .dataset
            .finish(&self.aliases)
            .map_err(|e| anyhow::anyhow!("{}: {}", self.path.display(), dataset_error_line(&e)))?;
        let failed = print_year_checks(years.iter().map(|(p, c)| (p.as_str(), c)));
        let line = crate::messages::say(
            crate::messages::Msg::DatasetWritten,
            &[("path", &self.path.display())],
        );
        note!("{line}");
        Ok(failed)
    }
}

/// One file converted by name, added to the dataset if `--dataset` is given.
pub(crate) fn add_one(
    args: &DatasetArgs,
    input: &Path,
    status: Status,
    report: Report,
    sha256: &str,
) -> anyhow::Result<()> {
    if let Some(mut dataset) = BatchDataset::open(args)? {
        dataset.add(BatchDataset::rows(input, status, report, sha256));
        dataset.finish()?;
    }
    Ok(())
}

/// `year.unmatched` lines shown before the rest are only counted (a
/// batch of one year names every report; the dataset and the JSON hold
/// them all).
const UNPAIRED_SHOWN: usize = 10;

/// The year checks for people: one line per check that did not pass
/// (`{indent}{path}: FAIL id subject: message`), the first
/// `UNPAIRED_SHOWN` `year.unmatched` ones and a count of the others, then
/// the totals line.
pub(crate) fn year_lines<'a>(
    checks: impl Iterator<Item = (&'a str, &'a Check)>,
    indent: &str,
) -> Vec<String> {
    let mut lines = Vec::new();
    let (mut all, mut failed, mut uncertain, mut unpaired) = (0usize, 0usize, 0usize, 0usize);
    for (path, c) in checks {
        all += 1;
        let word = match c.status {
            CheckStatus::Pass => continue,
            CheckStatus::Fail => {
                failed += 1;
                "FAIL"
            }
            CheckStatus::Uncertain => {
                uncertain += 1;
                "UNCERTAIN"
            }
        };
        if c.id == YEAR_UNMATCHED {
            unpaired += 1;
            if unpaired > UNPAIRED_SHOWN {
                continue;
            }
        }
        lines.push(format!(
            "{indent}{path}: {word} {} {}: {}",
            c.id, c.subject, c.message
        ));
    }
    if unpaired > UNPAIRED_SHOWN {
        let more = unpaired - UNPAIRED_SHOWN;
        lines.push(format!(
            "{indent}{}",
            say(Msg::YearUnpairedMore, &[("n", &more)])
        ));
    }
    lines.insert(
        0,
        say(
            Msg::YearTotals,
            &[
                ("checks", &all),
                ("failed", &failed),
                ("uncertain", &uncertain),
                ("unpaired", &unpaired),
            ],
        ),
    );
    lines
}

/// Print the year checks of a batch to standard error (`year_lines`);
/// true if one failed.
pub(crate) fn print_year_checks<'a>(
    checks: impl Iterator<Item = (&'a str, &'a Check)> + Clone,
) -> bool {
    let failed = checks.clone().any(|(_, c)| c.status == CheckStatus::Fail);
    for line in year_lines(checks, "") {
        note!("{line}");
    }
    failed
}

/// The year checks of `validate`: run when two or more reports were read.
pub(crate) fn validate_years(entries: &[YearEntry], aliases: &OrganAliases) -> Vec<YearResult> {
    if entries.len() < 2 {
        return Vec::new();
    }
    pair_years(entries, aliases)
}

/// The year checks of `validate` for people (`year_lines`, indented);
/// nothing when none ran. True if one failed.
pub(crate) fn write_year_checks(
    out: &mut impl std::io::Write,
    checks: &[(String, Check)],
) -> std::io::Result<bool> {
    if checks.is_empty() {
        return Ok(false);
    }
    let listed = checks.iter().map(|(p, c)| (p.as_str(), c));
    for line in year_lines(listed, "  ") {
        writeln!(out, "{line}")?;
    }
    Ok(checks.iter().any(|(_, c)| c.status == CheckStatus::Fail))
}
