//! Diagnostics: what a reader, the normalizer or a check noticed.

use serde::{Deserialize, Serialize};

/// How much a diagnostic matters.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The output is missing something or may be wrong.
    Error,
    /// Something unusual that the output copes with.
    Warning,
    /// For information (encoding used, a repeated value ignored).
    Info,
}

/// One thing noticed, with where it was seen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Diagnostic {
    /// `error`, `warning` or `info`.
    pub severity: Severity,
    /// A stable dotted code, e.g. `cell.annotated`.
    pub code: String,
    /// The JSON path in the report this concerns, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// A sentence for people.
    pub message: String,
    /// The raw source text, where it differs from what the report holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raw: Option<String>,
    /// Where in the source, in the source's own terms (`page 3`, `line 12`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<String>,
}

impl Diagnostic {
    /// A diagnostic with no path, raw text or location.
    pub fn new(severity: Severity, code: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity,
            code: code.into(),
            path: None,
            message: message.into(),
            raw: None,
            at: None,
        }
    }

    /// The same diagnostic with a report path.
    pub fn with_path(mut self, path: impl Into<String>) -> Self {
        self.path = Some(path.into());
        self
    }

    /// The same diagnostic with the raw source text.
    pub fn with_raw(mut self, raw: impl Into<String>) -> Self {
        self.raw = Some(raw.into());
        self
    }

    /// The same diagnostic with a source location.
    pub fn with_at(mut self, at: impl std::fmt::Display) -> Self {
        let at = at.to_string();
        self.at = if at.is_empty() { None } else { Some(at) };
        self
    }
}
