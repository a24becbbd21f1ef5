//! The dataset of a batch: every cell, check and diagnostic of every report
//! in one SQLite database (`.sqlite`) or one long-form CSV of cells
//! (`.csv`), and the `year.*` checks across the reports it holds.

mod cells;
mod csv_cells;
mod organ;
mod sqlite;
mod years;

use std::path::{Path, PathBuf};

use gongkai_report::{Check, Report};

pub use cells::{cells, Cell};
pub use organ::{normalize_organ, OrganAliases};
pub use years::{pair_years, YearEntry, YearResult};

/// What can go wrong writing or reading a dataset.
#[derive(Debug, thiserror::Error)]
pub enum DatasetError {
    /// The SQLite database could not be opened, read or written.
    #[error("SQLite: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// A CSV file could not be read or written.
    #[error("CSV: {0}")]
    Csv(#[from] csv::Error),
    /// A file could not be read or written.
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// The extension names no dataset format.
    #[error("unknown dataset format `{0}` (known: .sqlite, .db, .csv)")]
    UnknownFormat(String),
    /// A line of the organ alias file is not `name,canonical`.
    #[error("{path}: line {line}: expected two columns, name and canonical name")]
    BadAlias {
        /// The alias file.
        path: PathBuf,
        /// The 1-based line.
        line: usize,
    },
}

/// One report added to a dataset: where it came from and how it ended.
#[derive(Debug, Clone, Copy)]
pub struct Entry<'a> {
    /// The input path as given.
    pub path: &'a str,
    /// SHA-256 of the input's bytes.
    pub sha256: &'a str,
    /// The batch status word (`ok`, `failed-checks`, `incomplete`).
    pub status: &'a str,
}

/// An open dataset, written report by report.
pub enum Dataset {
    /// A SQLite database.
    Sqlite(sqlite::SqliteDataset),
    /// The cells in long form, CSV; the year checks run on what the batch
    /// added (the file holds no checks).
    Csv(Box<csv_cells::CsvDataset>, Vec<YearEntry>),
}

impl Dataset {
    /// Open (or create) the dataset at `path`; its extension picks the format.
    /// An existing dataset is added to: a resumed batch adds what is missing.
    pub fn open(path: &Path) -> Result<Dataset, DatasetError> {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .unwrap_or_default();
        match ext.as_str() {
            "sqlite" | "sqlite3" | "db" => Ok(Dataset::Sqlite(sqlite::SqliteDataset::open(path)?)),
            "csv" => Ok(Dataset::Csv(
                Box::new(csv_cells::CsvDataset::open(path)?),
                Vec::new(),
            )),
            _ => Err(DatasetError::UnknownFormat(ext)),
        }
    }

    /// True when the dataset holds a report of this input path.
    pub fn holds_path(&self, path: &str) -> bool {
        match self {
            Dataset::Sqlite(d) => d.holds_path(path),
            Dataset::Csv(d, _) => d.holds_path(path),
        }
    }

    /// Add one report, in one transaction: the same input bytes already
    /// there are left as they are; an input whose bytes changed is replaced.
    pub fn add(&mut self, entry: &Entry, report: &Report) -> Result<(), DatasetError> {
        match self {
            Dataset::Sqlite(d) => d.add(entry, report),
            Dataset::Csv(d, years) => {
                years.push(YearEntry::slim(entry.path, report));
                d.add(entry, report)
            }
        }
    }

    /// Run the `year.*` checks over every report the dataset holds
    /// (SQLite: stored, replacing earlier ones; CSV: over the reports this
    /// batch added) and close it. Returns the year checks with the path of
    /// the report each is about.
    pub fn finish(self, aliases: &OrganAliases) -> Result<Vec<(String, Check)>, DatasetError> {
        match self {
            Dataset::Sqlite(d) => d.finish(aliases),
            Dataset::Csv(d, years) => {
                d.finish()?;
                Ok(pair_years(&years, aliases)
                    .into_iter()
                    .filter_map(|r| Some((years.get(r.index)?.name.clone(), r.check)))
                    .collect())
            }
        }
    }
}
