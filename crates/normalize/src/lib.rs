//! IR → report.
