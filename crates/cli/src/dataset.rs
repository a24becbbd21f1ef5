//! `--dataset FILE` and `--organ-alias FILE.csv`: a batch's reports written
//! into one dataset (`gongkai-dataset`) as they complete, and the `year.*`
//! checks across reports, for `convert` and `validate`.

use std::path::{Path, PathBuf};

use clap::Args;
use gongkai::ir::ReadOptions;
use gongkai::report::{Check, CheckStatus, Report};
use gongkai_dataset::{pair_years, Dataset, Entry, OrganAliases, YearEntry};

use crate::job::read_input;
use crate::status::Status;

/// The dataset flags of `convert`.
#[derive(Debug, Args, Clone)]
pub(crate) struct DatasetArgs {
    /// Also write every cell, check and diagnostic of every report to FILE: .sqlite (tables reports, cells, checks, diagnostics) or .csv (cells, long form); an existing FILE is added to.
    #[arg(long, value_name = "FILE")]
    pub(crate) dataset: Option<PathBuf>,
    #[command(flatten)]
    pub(crate) alias: AliasArgs,
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
            Some(path) => {
                OrganAliases::load(path).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))
            }
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
        let dataset =
            Dataset::open(path).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
        Ok(Some(BatchDataset {
            dataset,
            path: path.clone(),
            aliases,
            error: None,
        }))
    }

    /// Add a converted report.
    pub(crate) fn add(&mut self, input: &Path, status: Status, report: &Report, sha256: &str) {
        let shown = input.display().to_string();
        let entry = Entry {
            path: &shown,
            sha256,
            status: status.word(),
        };
        if let Err(e) = self.dataset.add(&entry, report) {
            self.error.get_or_insert(format!("{shown}: {e}"));
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
            self.add(input, status, &report, &gongkai::sha256_hex(&data));
        }
    }

    /// Run the year checks over the whole dataset, print those that did not
    /// pass, close it. Returns whether a year check failed.
    pub(crate) fn finish(self) -> anyhow::Result<bool> {
        if let Some(e) = self.error {
            anyhow::bail!("dataset {}: {e}", self.path.display());
        }
        let years = self
            .dataset
            .finish(&self.aliases)
            .map_err(|e| anyhow::anyhow!("dataset {}: {e}", self.path.display()))?;
        let failed = print_year_checks(years.iter().map(|(p, c)| (p.as_str(), c)));
        eprintln!("dataset written to {}", self.path.display());
        Ok(failed)
    }
}

/// One file converted by name, added to the dataset if `--dataset` is given.
pub(crate) fn add_one(
    args: &DatasetArgs,
    input: &Path,
    status: Status,
    report: &Report,
    sha256: &str,
) -> anyhow::Result<()> {
    if let Some(mut dataset) = BatchDataset::open(args)? {
        dataset.add(input, status, report, sha256);
        dataset.finish()?;
    }
    Ok(())
}

/// Print the year checks that did not pass, one line each; true if one failed.
pub(crate) fn print_year_checks<'a>(checks: impl Iterator<Item = (&'a str, &'a Check)>) -> bool {
    let mut failed = false;
    for (path, c) in checks {
        let word = match c.status {
            CheckStatus::Pass => continue,
            CheckStatus::Fail => "FAIL",
            CheckStatus::Uncertain => "UNCERTAIN",
        };
        failed |= c.status == CheckStatus::Fail;
        eprintln!("{path}: {word} {} {}: {}", c.id, c.subject, c.message);
    }
    failed
}

/// The year checks of `validate`: run when two or more reports were read.
pub(crate) fn validate_years(
    entries: &[YearEntry],
    aliases: &OrganAliases,
) -> Vec<(String, Check)> {
    if entries.len() < 2 {
        return Vec::new();
    }
    pair_years(entries, aliases)
        .into_iter()
        .filter_map(|r| Some((entries.get(r.index)?.name.clone(), r.check)))
        .collect()
}

/// The year checks of `validate` on its output: for people, the lines of
/// those that did not pass; for machines, one more array element
/// `{"year_checks": [...]}` holding them all. True if one failed.
pub(crate) fn write_year_checks(
    out: &mut impl std::io::Write,
    checks: &[(String, Check)],
    json: bool,
    first: &mut bool,
) -> std::io::Result<bool> {
    let failed = checks.iter().any(|(_, c)| c.status == CheckStatus::Fail);
    if checks.is_empty() {
        return Ok(false);
    }
    if json {
        let list: Vec<serde_json::Value> = checks
            .iter()
            .map(|(file, c)| serde_json::json!({ "file": file, "check": c }))
            .collect();
        let value = serde_json::json!({ "year_checks": list });
        let sep = if *first { "\n" } else { ",\n" };
        *first = false;
        let text = serde_json::to_string_pretty(&value).map_err(std::io::Error::other)?;
        write!(out, "{sep}{text}")?;
    } else {
        let count = |s| checks.iter().filter(|(_, c)| c.status == s).count();
        writeln!(
            out,
            "across years: {} checks, {} failed, {} uncertain",
            checks.len(),
            count(CheckStatus::Fail),
            count(CheckStatus::Uncertain)
        )?;
        for (file, c) in checks {
            let word = match c.status {
                CheckStatus::Pass => continue,
                CheckStatus::Fail => "FAIL",
                CheckStatus::Uncertain => "UNCERTAIN",
            };
            writeln!(
                out,
                "  {file}: {word} {} {}: {}",
                c.id, c.subject, c.message
            )?;
        }
    }
    Ok(failed)
}
