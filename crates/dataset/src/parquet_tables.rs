//! The Parquet dataset (feature `parquet`): `NAME.parquet/` is a directory
//! of four files, `reports.parquet`, `cells.parquet`, `checks.parquet` and
//! `diagnostics.parquet`, with the SQLite tables' columns. Parquet files
//! cannot be added to: each batch writes them anew (an input up to date is
//! read again), a row group every `REPORTS_PER_ROW_GROUP` reports so that
//! memory stays bounded, under temporary names renamed at the end, so that
//! a killed batch leaves the files of the batch before.

use std::collections::HashSet;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use parquet::basic::Compression;
use parquet::data_type::{ByteArray, ByteArrayType, DoubleType, Int32Type, Int64Type};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::parser::parse_message_type;

use crate::rows::{status_word, Rows};
use crate::{DatasetError, YearEntry};

/// Reports per row group.
const REPORTS_PER_ROW_GROUP: usize = 2000;

/// The four tables: file name and Parquet schema, columns in the order
/// `Table::push` fills them.
const TABLES: [(&str, &str); 4] = [
    (
        "reports",
        "message reports {
            required int64 id;
            required binary path (UTF8);
            required binary sha256 (UTF8);
            required binary format (UTF8);
            optional binary title (UTF8);
            optional binary organ (UTF8);
            optional int32 year;
            optional binary layout_t2 (UTF8);
            optional binary layout_t3 (UTF8);
            required binary status (UTF8);
            required int64 checks;
            required int64 failed;
            required int64 uncertain;
        }",
    ),
    (
        "cells",
        "message cells {
            required int64 report_id;
            required binary table_key (UTF8);
            required binary row_key (UTF8);
            required binary column_key (UTF8);
            optional double value;
            optional binary raw (UTF8);
            optional binary location (UTF8);
        }",
    ),
    (
        "checks",
        "message checks {
            required int64 report_id;
            required binary id (UTF8);
            required binary subject (UTF8);
            required binary status (UTF8);
            optional double expected;
            optional double actual;
            optional binary message (UTF8);
        }",
    ),
    (
        "diagnostics",
        "message diagnostics {
            required int64 report_id;
            required binary severity (UTF8);
            required binary code (UTF8);
            optional binary path (UTF8);
            required binary message (UTF8);
            optional binary raw (UTF8);
            optional binary at (UTF8);
        }",
    ),
];

/// One column's values waiting for the next row group; an optional column
/// keeps a definition level per row (0: null).
enum Column {
    Int64(Vec<i64>),
    Int32(Vec<i32>, Vec<i16>),
    Double(Vec<f64>, Vec<i16>),
    Text(Vec<ByteArray>, Option<Vec<i16>>),
}

/// One value of a row, for its column.
enum Datum<'a> {
    Int64(i64),
    Int32(Option<i32>),
    Double(Option<f64>),
    Text(Option<&'a str>),
}

impl Column {
    fn push(&mut self, v: Datum) {
        match (self, v) {
            (Column::Int64(vals), Datum::Int64(n)) => vals.push(n),
            (Column::Int32(vals, defs), Datum::Int32(n)) => {
                defs.push(i16::from(n.is_some()));
                vals.extend(n);
            }
            (Column::Double(vals, defs), Datum::Double(n)) => {
                defs.push(i16::from(n.is_some()));
                vals.extend(n);
            }
            (Column::Text(vals, defs), Datum::Text(s)) => {
                if let Some(defs) = defs {
                    defs.push(i16::from(s.is_some()));
                }
                // A required text column never gets `None` (the tables
                // below fill it from a `String`).
                vals.extend(s.map(|s| ByteArray::from(s.as_bytes().to_vec())));
            }
            _ => {}
        }
    }

    fn clear(&mut self) {
        match self {
            Column::Int64(v) => v.clear(),
            Column::Int32(v, d) => {
                v.clear();
                d.clear();
            }
            Column::Double(v, d) => {
                v.clear();
                d.clear();
            }
            Column::Text(v, d) => {
                v.clear();
                if let Some(d) = d {
                    d.clear();
                }
            }
        }
    }
}

/// One table's file being written.
struct Table {
    writer: SerializedFileWriter<File>,
    columns: Vec<Column>,
    temporary: PathBuf,
    path: PathBuf,
}

impl Table {
    fn create(dir: &Path, name: &str, schema: &str) -> Result<Table, DatasetError> {
        let schema = Arc::new(parse_message_type(schema)?);
        let columns = schema
            .get_fields()
            .iter()
            .map(|f| {
                let optional = f.is_optional();
                match f.get_physical_type() {
                    parquet::basic::Type::INT64 => Column::Int64(Vec::new()),
                    parquet::basic::Type::INT32 => Column::Int32(Vec::new(), Vec::new()),
                    parquet::basic::Type::DOUBLE => Column::Double(Vec::new(), Vec::new()),
                    _ => Column::Text(Vec::new(), optional.then(Vec::new)),
                }
            })
            .collect();
        let props = Arc::new(
            WriterProperties::builder()
                .set_compression(Compression::SNAPPY)
                .build(),
        );
        let temporary = dir.join(format!(".{name}.parquet.part"));
        let writer = SerializedFileWriter::new(File::create(&temporary)?, schema, props)?;
        Ok(Table {
            writer,
            columns,
            temporary,
            path: dir.join(format!("{name}.parquet")),
        })
    }

    /// One row, its values in column order.
    fn push(&mut self, row: Vec<Datum>) {
        for (column, v) in self.columns.iter_mut().zip(row) {
            column.push(v);
        }
    }

    /// Write what is waiting as one row group.
    fn flush(&mut self) -> Result<(), DatasetError> {
        let mut group = self.writer.next_row_group()?;
        let mut columns = self.columns.iter_mut();
        while let Some(mut writer) = group.next_column()? {
            let Some(column) = columns.next() else { break };
            match column {
                Column::Int64(v) => {
                    writer.typed::<Int64Type>().write_batch(v, None, None)?;
                }
                Column::Int32(v, d) => {
                    writer.typed::<Int32Type>().write_batch(v, Some(d), None)?;
                }
                Column::Double(v, d) => {
                    writer.typed::<DoubleType>().write_batch(v, Some(d), None)?;
                }
                Column::Text(v, d) => {
                    writer
                        .typed::<ByteArrayType>()
                        .write_batch(v, d.as_deref(), None)?;
                }
            }
            writer.close()?;
            column.clear();
        }
        group.close()?;
        Ok(())
    }

    /// Close the file and give it its name.
    fn finish(mut self) -> Result<(), DatasetError> {
        self.flush()?;
        self.writer.close()?;
        std::fs::rename(&self.temporary, &self.path)?;
        Ok(())
    }
}

/// An open Parquet dataset.
pub struct ParquetDataset {
    reports: Table,
    cells: Table,
    checks: Table,
    diagnostics: Table,
    /// Reports since the last row group.
    waiting: usize,
    /// What the year checks need of each report, by id − 1.
    years: Vec<YearEntry>,
    /// The input paths added.
    paths: HashSet<String>,
}

fn text(s: &Option<String>) -> Datum<'_> {
    Datum::Text(s.as_deref())
}

impl ParquetDataset {
    /// Create the directory and start its four files.
    pub fn open(dir: &Path) -> Result<ParquetDataset, DatasetError> {
        std::fs::create_dir_all(dir)?;
        let [reports, cells, checks, diagnostics] = TABLES;
        Ok(ParquetDataset {
            reports: Table::create(dir, reports.0, reports.1)?,
            cells: Table::create(dir, cells.0, cells.1)?,
            checks: Table::create(dir, checks.0, checks.1)?,
            diagnostics: Table::create(dir, diagnostics.0, diagnostics.1)?,
            waiting: 0,
            years: Vec::new(),
            paths: HashSet::new(),
        })
    }

    /// True when this batch added a report of this input path.
    pub fn holds_path(&self, path: &str) -> bool {
        self.paths.contains(path)
    }

    /// Add one report's rows.
    pub fn add(&mut self, r: &Rows) -> Result<(), DatasetError> {
        if !self.paths.insert(r.path.clone()) {
            return Ok(());
        }
        let id = i64::try_from(self.years.len()).unwrap_or(i64::MAX) + 1;
        self.years.push(r.year_entry.clone());
        self.reports.push(vec![
            Datum::Int64(id),
            Datum::Text(Some(&r.path)),
            Datum::Text(Some(&r.sha256)),
            Datum::Text(Some(&r.format)),
            text(&r.title),
            text(&r.organ),
            Datum::Int32(r.year),
            Datum::Text(r.layout_t2),
            Datum::Text(r.layout_t3),
            Datum::Text(Some(&r.status)),
            Datum::Int64(r.checks_run),
            Datum::Int64(r.failed),
            Datum::Int64(r.uncertain),
        ]);
        for c in &r.cells {
            self.cells.push(vec![
                Datum::Int64(id),
                Datum::Text(Some(c.table)),
                Datum::Text(Some(c.row)),
                Datum::Text(Some(c.column)),
                Datum::Double(c.value.map(|n| n.0)),
                text(&c.raw),
                Datum::Text(c.location.as_deref()),
            ]);
        }
        for c in &r.checks {
            self.checks.push(vec![
                Datum::Int64(id),
                Datum::Text(Some(&c.id)),
                Datum::Text(Some(c.subject.as_str())),
                Datum::Text(Some(c.status)),
                Datum::Double(c.expected),
                Datum::Double(c.actual),
                text(&c.message),
            ]);
        }
        for d in &r.diagnostics {
            self.diagnostics.push(vec![
                Datum::Int64(id),
                Datum::Text(Some(d.severity)),
                Datum::Text(Some(&d.code)),
                text(&d.path),
                Datum::Text(Some(&d.message)),
                text(&d.raw),
                text(&d.at),
            ]);
        }
        self.waiting += 1;
        if self.waiting >= REPORTS_PER_ROW_GROUP {
            self.waiting = 0;
            for table in [
                &mut self.reports,
                &mut self.cells,
                &mut self.checks,
                &mut self.diagnostics,
            ] {
                table.flush()?;
            }
        }
        Ok(())
    }

    /// Add the `year.*` checks to the checks table and close the files.
    /// Returns the year checks with the path of the report each is about.
    pub fn finish(
        mut self,
        aliases: &crate::OrganAliases,
    ) -> Result<Vec<(String, gongkai_report::Check)>, DatasetError> {
        let mut out = Vec::new();
        for r in crate::pair_years(&self.years, aliases) {
            let Some(e) = self.years.get(r.index) else {
                continue;
            };
            let id = i64::try_from(r.index).unwrap_or(i64::MAX) + 1;
            let c = &r.check;
            let message =
                (c.status != gongkai_report::CheckStatus::Pass).then_some(c.message.as_str());
            self.checks.push(vec![
                Datum::Int64(id),
                Datum::Text(Some(&c.id)),
                Datum::Text(Some(c.subject.as_str())),
                Datum::Text(Some(status_word(c.status))),
                Datum::Double(c.expected.map(|n| n.0)),
                Datum::Double(c.actual.map(|n| n.0)),
                Datum::Text(message),
            ]);
            out.push((e.name.clone(), r.check));
        }
        self.reports.finish()?;
        self.cells.finish()?;
        self.checks.finish()?;
        self.diagnostics.finish()?;
        Ok(out)
    }
}
