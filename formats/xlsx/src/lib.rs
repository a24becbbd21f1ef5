//! Spreadsheets and the gongkai report.
//!
//! The reader turns XLSX, XLSM, XLS and ODS workbooks into the IR: every
//! visible sheet in order (an XLSX sheet without its hidden rows and
//! columns), its text regions as paragraphs and its other regions as tables
//! with merged ranges as spans. Numbers are read as stored, whatever format
//! shows them (a count formatted as a date stays a count). Merged ranges and
//! ODS repeats count towards `--max-cells` before they are laid out. The writer draws a report
//! as a workbook in the official layout: 正文, 表二, 表三, 表四 and 检查.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )
)]

mod biff;
mod blocks;
mod container;
mod hidden;
mod marks;
mod merges;
mod ods;
mod read;
mod write;
mod xls;

use gongkai_ir::{Document, ReadError, ReadOptions, Reader, ReaderEntry, Sniff};
use gongkai_report::{Report, WriteError, WriteOptions, Writer, WriterEntry};

pub use write::write_workbook;

/// Reads XLSX, XLSM, XLS and ODS workbooks.
pub struct XlsxReader;

impl Reader for XlsxReader {
    fn name(&self) -> &'static str {
        "xlsx"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["xlsx", "xlsm", "xls", "ods"]
    }

    fn sniff(&self, data: &[u8]) -> Sniff {
        match container::classify(data) {
            Some(container::Kind::EncryptedOoxml) => Sniff::Maybe,
            Some(_) => Sniff::Yes,
            // A damaged zip may be a damaged workbook: the extension decides,
            // so that `x.xlsx` is not reported as a broken DOCX.
            None if gongkai_ooxml::damaged_zip(data, "xlsx").is_some() => Sniff::Maybe,
            None => Sniff::No,
        }
    }

    fn read(&self, data: &[u8], options: &ReadOptions) -> Result<Document, ReadError> {
        read::read(data, options)
    }
}

/// Writes the report as an XLSX workbook in the official layout.
pub struct XlsxWriter;

impl Writer for XlsxWriter {
    fn name(&self) -> &'static str {
        "xlsx"
    }

    fn extension(&self) -> &'static str {
        "xlsx"
    }

    fn to_bytes(&self, report: &Report, _: &WriteOptions) -> Result<Vec<u8>, WriteError> {
        write_workbook(report)
    }
}

inventory::submit! { ReaderEntry(&XlsxReader) }
inventory::submit! { WriterEntry(&XlsxWriter) }
