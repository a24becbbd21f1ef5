//! Read Chinese government information-disclosure annual reports
//! (政府信息公开工作年度报告) into checked, structured data, and write them back.
//!
//! One entrance: [`load`] takes the bytes of a DOCX, PDF, XLSX/XLS/ODS, text,
//! Markdown or `gongkai.report/1` JSON file, finds the report in it, runs
//! every 勾稽 check and returns a [`Report`]; [`render`] writes a report as
//! JSON, XLSX or Markdown. The format is found from the content (the name
//! only breaks ties), a reader that panics is an error for that input, and
//! every resource limit is in [`ReadOptions`].
//!
//! ```
//! use gongkai::{load, render, CheckStatus, ReadOptions, WriteOptions};
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! # let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/seeds/000_d56d21dbf0428d76.txt");
//! let bytes = std::fs::read(path)?;
//! let report = load(&bytes, Some("report.txt"), &ReadOptions::default())?;
//! println!("{:?} {:?}", report.organ, report.year);
//! for check in &report.checks {
//!     if check.status == CheckStatus::Fail {
//!         println!("{}: {}", check.id, check.message);
//!     }
//! }
//! let xlsx = render(&report, "xlsx", &WriteOptions::default())?;
//! assert!(xlsx.starts_with(b"PK"));
//! # Ok(())
//! # }
//! ```
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )
)]

mod load;
mod ocr;
mod render;
pub mod status;

/// The intermediate representation readers produce (what `inspect` shows).
pub use gongkai_ir as ir;
/// The report schema, its label tables and its checks.
pub use gongkai_report as report;

pub use gongkai_ir::{
    dump, Diagnostic, Document, Limit, LimitSpec, Limits, ReadError, ReadOptions, Reader, Unit,
    LIMITS,
};
pub use gongkai_normalize::NormalizeError;
pub use gongkai_report::{Check, CheckStatus, Report, ReportReader, Writer};
pub use load::{
    load, load_as, load_file, read_document, read_file, sha256_hex, ErrorKind, LoadError,
};
pub use render::{render, writer, RenderError, WriteOptions};

// The format crates register themselves with `inventory`; this is the one
// place they are linked, so every user of the facade has every format.
use gongkai_format_docx as _;
use gongkai_format_html as _;
use gongkai_format_image as _;
use gongkai_format_json as _;
use gongkai_format_markdown as _;
use gongkai_format_pdf as _;
use gongkai_format_text as _;
use gongkai_format_xlsx as _;

/// The registered readers of documents, sorted by name.
pub fn readers() -> Vec<&'static dyn Reader> {
    gongkai_ir::readers()
}

/// The registered readers of files that already hold a report (JSON).
pub fn report_readers() -> Vec<&'static dyn ReportReader> {
    gongkai_report::report_readers()
}

/// The registered writers, sorted by name.
pub fn writers() -> Vec<&'static dyn Writer> {
    gongkai_report::writers()
}

/// The JSON Schema of the report (`gongkai.report/1`).
pub fn json_schema() -> String {
    gongkai_report::json_schema()
}
