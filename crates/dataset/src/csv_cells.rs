//! The cells in long form as CSV (UTF-8 with a BOM, like the summary): one
//! row per value, with the report's path, SHA-256, organ and year. A resumed
//! batch appends the reports the file does not hold yet.

use std::collections::HashSet;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use crate::{DatasetError, Rows};

/// The header row.
pub const CSV_COLUMNS: [&str; 10] = [
    "path", "sha256", "organ", "year", "table", "row", "column", "value", "raw", "location",
];

/// An open CSV dataset.
pub struct CsvDataset {
    writer: csv::Writer<BufWriter<File>>,
    /// The inputs already in the file.
    paths: HashSet<String>,
}

impl CsvDataset {
    /// Open the file to append, or create it with its BOM and header.
    pub fn open(path: &Path) -> Result<CsvDataset, DatasetError> {
        let mut paths = HashSet::new();
        let exists = path.metadata().map(|m| m.len() > 0).unwrap_or(false);
        if exists {
            let mut reader = csv::ReaderBuilder::new().from_path(path)?;
            for record in reader.records() {
                // A row cut short by a killed batch is left out.
                let Ok(record) = record else { continue };
                if let Some(p) = record.get(0) {
                    paths.insert(p.to_string());
                }
            }
        }
        let mut file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)?;
        if !exists {
            file.write_all("\u{feff}".as_bytes())?;
        }
        let mut writer = csv::Writer::from_writer(BufWriter::new(file));
        if !exists {
            writer.write_record(CSV_COLUMNS)?;
        }
        Ok(CsvDataset { writer, paths })
    }

    /// True when the file holds this input.
    pub fn holds_path(&self, path: &str) -> bool {
        self.paths.contains(path)
    }

    /// Append one report's cells, flushed at once.
    pub fn add(&mut self, rows: &Rows) -> Result<(), DatasetError> {
        if !self.paths.insert(rows.path.clone()) {
            return Ok(());
        }
        let organ = rows.organ.as_deref().unwrap_or_default();
        let year = rows.year.map(|y| y.to_string()).unwrap_or_default();
        let mut number = String::new();
        for c in &rows.cells {
            number.clear();
            if let Some(n) = c.value {
                n.push_to(&mut number);
            }
            self.writer.write_record([
                rows.path.as_str(),
                &rows.sha256,
                organ,
                &year,
                c.table,
                c.row,
                c.column,
                &number,
                c.raw.as_deref().unwrap_or_default(),
                c.location.as_deref().unwrap_or_default(),
            ])?;
        }
        self.writer.flush()?;
        Ok(())
    }

    /// Flush and close.
    pub fn finish(mut self) -> Result<(), DatasetError> {
        self.writer.flush()?;
        Ok(())
    }
}
