//! The normalized report (`gongkai.report/1`), its 勾稽 checks, and the
//! registries of writers and report readers.
//!
//! The JSON keys are the contract of `SCHEMA.md`; the Rust names follow them.

mod check;
mod checks;
mod labels;
mod number;
mod ocr;
mod path;
mod phrases;
mod schema;
mod table_schema;
mod text_checks;
mod totals;
mod writer;
mod year_checks;

pub use check::{Check, CheckStatus};
pub use checks::run_checks;
pub use labels::{
    all_checks_passed, checks_not_passed, Applicant, ApplicationRow, DisclosureField,
    DisclosureRow, DisclosureSubTable, Layout, LitigationBlock, Outcome, ResultGroup,
    CHECKS_HEADING, CHECK_COLUMNS, CHECK_FAILED, CHECK_RESULTS, CHECK_UNCERTAIN,
    DIAGNOSTIC_COLUMNS, NO_CHECKS_CELL, NO_CHECKS_SENTENCE, ORGAN_LABEL, SECTION_HEADINGS,
    SHEET_BODY, SHEET_CHECKS, SHEET_TABLE2, SHEET_TABLE3, SHEET_TABLE4, TABLE2_CONTENT,
    TABLE3_APPLICANTS, TABLE3_BALANCE_NOTE, TABLE3_LEGAL_PERSONS, TABLE3_RESULTS,
    TABLE4_LITIGATION, TABLE_NOT_FOUND, YEAR_LABEL,
};
pub use number::Num;
pub use ocr::{suspect_sums, OCR_SUSPECT_SUM};
pub use path::ReportPath;
pub use schema::*;
pub use totals::Totals;
pub use writer::{
    find_report_reader, find_writer, report_readers, writers, ReportReader, ReportReaderEntry,
    WriteError, WriteOptions, Writer, WriterEntry,
};
pub use year_checks::{year_checks, year_unmatched, YearSide, YEAR_CARRIED_OVER, YEAR_UNMATCHED};
