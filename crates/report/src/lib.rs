//! The normalized report (`gongkai.report/1`), its 勾稽 checks, and the
//! registries of writers and report readers.
//!
//! The JSON keys are the contract of `SCHEMA.md`; the Rust names follow them.

mod checks;
mod labels;
mod number;
mod schema;
mod table_schema;
mod writer;

pub use checks::{run_checks, Check, CheckStatus};
pub use labels::{
    Applicant, ApplicationRow, DisclosureField, DisclosureRow, DisclosureSubTable, LitigationBlock,
    Outcome, ResultGroup, SECTION_HEADINGS, TABLE3_APPLICANTS, TABLE3_BALANCE_NOTE,
    TABLE3_LEGAL_PERSONS, TABLE3_RESULTS,
};
pub use number::Num;
pub use schema::*;
pub use writer::{
    find_report_reader, find_writer, report_readers, writers, ReportReader, ReportReaderEntry,
    WriteError, Writer, WriterEntry,
};
