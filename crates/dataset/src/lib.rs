//! The dataset of a batch: every cell, check and diagnostic of every report
//! in one SQLite database (`.sqlite`) or one long-form CSV of cells
//! (`.csv`), and the `year.*` checks across the reports it holds.

mod cells;
mod csv_cells;
mod organ;
mod packed;
#[cfg(feature = "parquet")]
mod parquet_tables;
mod report_json;
mod rows;
mod sqlite;
mod sqlite_write;
mod tuning;
mod years;

use std::path::{Path, PathBuf};

use gongkai_report::{Check, Report};

pub use cells::{cells, Cell};
pub use organ::{normalize_organ, OrganAliases};
/// The parquet crate, for reading a Parquet dataset back.
#[cfg(feature = "parquet")]
pub use parquet;
pub use rows::{CheckRow, DiagnosticRow, Rows};
pub use sqlite::SCHEMA_VERSION;
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
    /// A Parquet file could not be written.
    #[cfg(feature = "parquet")]
    #[error("Parquet: {0}")]
    Parquet(#[from] parquet::errors::ParquetError),
    /// The extension names no dataset format.
    #[error("unknown dataset format `.{0}` (known: .sqlite, .sqlite3, .db, .csv, .parquet)")]
    UnknownFormat(String),
    /// `.parquet` in a build without the `parquet` feature.
    #[error("Parquet datasets need gongkai built with the `parquet` feature (cargo install --features parquet, or cargo build --release --features parquet)")]
    ParquetNotBuilt,
    /// The SQLite file was made by an earlier gongkai, with other tables.
    #[error("the database was made by an earlier gongkai (schema version {0}, now {now}): write the dataset to a new file", now = sqlite::SCHEMA_VERSION)]
    OldSchema(i64),
    /// The SQLite writer thread stopped before the batch ended.
    #[error("the dataset writer stopped")]
    WriterGone,
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

/// The dataset formats, by the file's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `.sqlite`, `.sqlite3`, `.db`.
    Sqlite,
    /// `.csv`: the cells in long form.
    Csv,
    /// `.parquet`: a directory of one Parquet file per table.
    Parquet,
}

impl Format {
    /// The format a dataset path names; an error for an unknown extension,
    /// and for `.parquet` in a build without the `parquet` feature.
    pub fn of(path: &Path) -> Result<Format, DatasetError> {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .unwrap_or_default();
        match ext.as_str() {
            "sqlite" | "sqlite3" | "db" => Ok(Format::Sqlite),
            "csv" => Ok(Format::Csv),
            "parquet" if cfg!(feature = "parquet") => Ok(Format::Parquet),
            "parquet" => Err(DatasetError::ParquetNotBuilt),
            _ => Err(DatasetError::UnknownFormat(ext)),
        }
    }
}

/// An open dataset, written report by report.
pub enum Dataset {
    /// A SQLite database.
    Sqlite(sqlite::SqliteDataset),
    /// The cells in long form, CSV; the year checks run on what the batch
    /// added (the file holds no checks).
    Csv(Box<csv_cells::CsvDataset>, Vec<YearEntry>),
    /// Parquet files, one per table.
    #[cfg(feature = "parquet")]
    Parquet(Box<parquet_tables::ParquetDataset>),
}

impl Dataset {
    /// Open (or create) the dataset at `path`; its extension picks the
    /// format. An existing SQLite or CSV dataset is added to: a resumed
    /// batch adds what is missing; Parquet files are written anew.
    pub fn open(path: &Path) -> Result<Dataset, DatasetError> {
        match Format::of(path)? {
            Format::Sqlite => Ok(Dataset::Sqlite(sqlite::SqliteDataset::open(path)?)),
            Format::Csv => Ok(Dataset::Csv(
                Box::new(csv_cells::CsvDataset::open(path)?),
                Vec::new(),
            )),
            #[cfg(feature = "parquet")]
            Format::Parquet => Ok(Dataset::Parquet(Box::new(
                parquet_tables::ParquetDataset::open(path)?,
            ))),
            #[cfg(not(feature = "parquet"))]
            Format::Parquet => Err(DatasetError::ParquetNotBuilt),
        }
    }

    /// True when the dataset holds a report of this input path.
    pub fn holds_path(&self, path: &str) -> bool {
        match self {
            Dataset::Sqlite(d) => d.holds_path(path),
            Dataset::Csv(d, _) => d.holds_path(path),
            #[cfg(feature = "parquet")]
            Dataset::Parquet(d) => d.holds_path(path),
        }
    }

    /// Add one report: the same input bytes already there are left as they
    /// are; an input whose bytes changed is replaced.
    pub fn add(&mut self, entry: &Entry, report: &Report) -> Result<(), DatasetError> {
        self.add_rows(Rows::of(entry, report.clone()))
    }

    /// Add one report's rows (`Rows::of`, which a batch worker builds
    /// before it takes the dataset).
    pub fn add_rows(&mut self, rows: Rows) -> Result<(), DatasetError> {
        match self {
            Dataset::Sqlite(d) => d.add(rows),
            Dataset::Csv(d, years) => {
                years.push(rows.year_entry.clone());
                d.add(&rows)
            }
            #[cfg(feature = "parquet")]
            Dataset::Parquet(d) => d.add(&rows),
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
            #[cfg(feature = "parquet")]
            Dataset::Parquet(d) => d.finish(aliases),
        }
    }
}
