//! A check's result: what was checked, where (its operands' cells), and how
//! it came out. The rules that make them are in `checks.rs`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::{ReportPath, Value};

/// The outcome of one check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum CheckStatus {
    /// The rule holds.
    Pass,
    /// The rule is broken in the source.
    Fail,
    /// An operand was blank, so the rule cannot be decided.
    Uncertain,
}

/// One check run on one row, column or block.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Check {
    /// The check's id (`t3.balance`, `t4.block_total`, `text.new_received`,
    /// `year.carried_over`, …; the list is in FORMAT.md).
    pub id: String,
    /// `pass`, `fail` or `uncertain`.
    pub status: CheckStatus,
    /// The row, column or block checked, as a dotted path into the report.
    pub subject: ReportPath,
    /// The value the rule expects (the printed total, or the left side).
    pub expected: Value,
    /// The value found (the computed sum, or the right side).
    pub actual: Value,
    /// A sentence naming the labels and the numbers.
    pub message: String,
    /// The cells the rule reads, expected side first (for a column-wise
    /// subject such as `applications.rows.*.total`, each row's own cell).
    /// Not part of the JSON: `run_checks` fills it, also on reading JSON.
    #[serde(skip)]
    #[schemars(skip)]
    pub operands: Vec<ReportPath>,
}

impl Check {
    /// True for a check of one cell against a number stated outside the
    /// tables (`text.*`: the prose; `year.*`: last year's report), whose
    /// message, not a sum of cells, says what differs.
    pub fn against_a_stated_number(&self) -> bool {
        self.id.starts_with("text.") || self.id.starts_with("year.")
    }

    /// True when `path` (a diagnostic's path, a row location) is about what
    /// this check reads: one of its cells, or a row, block or table holding
    /// one. A check without operands (deserialized, not run) goes by its
    /// subject.
    pub fn concerns(&self, path: &str) -> bool {
        if self.operands.is_empty() {
            return self.subject.overlaps(path);
        }
        self.operands.iter().any(|cell| cell.overlaps(path))
    }

    /// The entries of `places` (a report's `locations`) this check concerns,
    /// in the order of its operands: the expected side first.
    pub fn located<'a, V>(
        &self,
        places: &'a BTreeMap<ReportPath, V>,
    ) -> Vec<(&'a ReportPath, &'a V)> {
        let mut out: Vec<(&ReportPath, &V)> = Vec::new();
        let cells = if self.operands.is_empty() {
            std::slice::from_ref(&self.subject)
        } else {
            self.operands.as_slice()
        };
        for cell in cells {
            for (path, at) in places {
                if cell.overlaps(path) && !out.iter().any(|(p, _)| *p == path) {
                    out.push((path, at));
                }
            }
        }
        out
    }
}
