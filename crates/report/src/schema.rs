//! The report types; their serde form is `gongkai.report/1` exactly.

use std::collections::BTreeMap;

use gongkai_ir::Diagnostic;
use serde::{Deserialize, Serialize};

use crate::{
    Applicant, ApplicationRow, Check, DisclosureField, DisclosureRow, Layout, LitigationBlock, Num,
    Outcome, ReportPath,
};

/// The schema identifier written into every report.
pub const SCHEMA_ID: &str = "gongkai.report/1";

/// A cell value: a number, or `None` for blank, dash, `/`, `无` or missing.
pub type Value = Option<Num>;

/// The normalized annual report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[schemars(title = "gongkai.report/1")]
pub struct Report {
    /// Always `gongkai.report/1`.
    pub schema: String,
    /// The file the report was read from.
    #[serde(default)]
    pub source: Source,
    /// The report title, lines joined, spaces removed.
    pub title: Option<String>,
    /// Who reports; `None` if not found.
    pub organ: Option<String>,
    /// The year reported on; `None` if not found.
    pub year: Option<i32>,
    /// The text of sections 一, 五 and 六.
    #[serde(default)]
    pub sections: Sections,
    /// Table 二, `None` if not found.
    pub active_disclosure: Option<ActiveDisclosure>,
    /// Table 三, `None` if not found.
    pub applications: Option<Applications>,
    /// Table 四, `None` if not found.
    pub review_litigation: Option<ReviewLitigation>,
    /// Every 勾稽 check that was run.
    #[serde(default)]
    pub checks: Vec<Check>,
    /// Everything else the reader or normalizer noticed.
    #[serde(default)]
    pub diagnostics: Vec<Diagnostic>,
    /// Where each table row was read in the source, by report path
    /// (`applications.rows.granted` → `page 3 (x 90, y 412)`). For messages
    /// only: not part of the JSON contract, empty for a report read from JSON.
    #[serde(skip)]
    #[schemars(skip)]
    pub locations: BTreeMap<ReportPath, String>,
    /// The OCR engine's confidence (0–100) in each value read from a page
    /// image, by report path: `ocr.suspect_sum` names the least sure cells
    /// first. For messages only, like `locations`.
    #[serde(skip)]
    #[schemars(skip)]
    pub confidences: BTreeMap<ReportPath, u8>,
}

impl Report {
    /// An empty report for a source: nothing found yet.
    pub fn empty(source: Source) -> Self {
        Report {
            schema: SCHEMA_ID.to_string(),
            source,
            title: None,
            organ: None,
            year: None,
            sections: Sections::default(),
            active_disclosure: None,
            applications: None,
            review_litigation: None,
            checks: Vec::new(),
            diagnostics: Vec::new(),
            locations: BTreeMap::new(),
            confidences: BTreeMap::new(),
        }
    }

    /// The number of checks with a given status.
    pub fn count_checks(&self, status: crate::CheckStatus) -> usize {
        self.checks.iter().filter(|c| c.status == status).count()
    }
}

/// Where a report came from.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Source {
    /// The file name as given.
    pub file: String,
    /// The reader that read it (`docx`, `pdf`, `text`, …).
    pub format: String,
    /// SHA-256 of the file's bytes, lower-case hex.
    pub sha256: String,
    /// The OCR engine and its version (`Tesseract 5.3.0`) when the text was
    /// read from page images (a scan); absent when the file held the text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ocr: Option<String>,
}

/// The text sections: paragraphs joined by `\n`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Sections {
    /// 一、总体情况
    pub overview: Option<String>,
    /// 五、存在的主要问题及改进情况
    pub problems: Option<String>,
    /// 六、其他需要报告的事项
    pub other: Option<String>,
}

/// Table 二: rows of named values, by layout.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActiveDisclosure {
    /// The layout the labels follow.
    pub layout: Layout,
    /// Each row's values by column key.
    #[serde(flatten)]
    pub rows: BTreeMap<DisclosureRow, BTreeMap<DisclosureField, Value>>,
}

impl ActiveDisclosure {
    /// A table of the layout with every value `None`.
    pub fn blank(layout: Layout) -> Self {
        let rows = DisclosureRow::for_layout(layout)
            .map(|r| (r, r.fields(layout).iter().map(|f| (*f, None)).collect()))
            .collect();
        ActiveDisclosure { layout, rows }
    }

    /// One value; `None` when blank or absent.
    pub fn get(&self, row: DisclosureRow, field: DisclosureField) -> Value {
        self.rows
            .get(&row)
            .and_then(|r| r.get(&field))
            .copied()
            .flatten()
    }
}

/// Table 三: 7 values per row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Applications {
    /// `2021` when （六） has three sub-rows, `2019` when it is one row.
    pub layout: Layout,
    /// Each row's 7 values by applicant column.
    pub rows: BTreeMap<ApplicationRow, BTreeMap<Applicant, Value>>,
}

impl Applications {
    /// A table of the layout with every value `None`.
    pub fn blank(layout: Layout) -> Self {
        let rows = ApplicationRow::for_layout(layout)
            .map(|r| (r, Applicant::ALL.iter().map(|a| (*a, None)).collect()))
            .collect();
        Applications { layout, rows }
    }

    /// One value; `None` when blank or absent.
    pub fn get(&self, row: ApplicationRow, col: Applicant) -> Value {
        self.rows
            .get(&row)
            .and_then(|r| r.get(&col))
            .copied()
            .flatten()
    }
}

/// Table 四: three blocks of five values.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ReviewLitigation {
    /// Each block's values by outcome.
    pub blocks: BTreeMap<LitigationBlock, BTreeMap<Outcome, Value>>,
}

impl ReviewLitigation {
    /// A table with every value `None`.
    pub fn blank() -> Self {
        let blocks = LitigationBlock::ALL
            .iter()
            .map(|b| (*b, Outcome::ALL.iter().map(|o| (*o, None)).collect()))
            .collect();
        ReviewLitigation { blocks }
    }

    /// One value; `None` when blank or absent.
    pub fn get(&self, block: LitigationBlock, outcome: Outcome) -> Value {
        self.blocks
            .get(&block)
            .and_then(|b| b.get(&outcome))
            .copied()
            .flatten()
    }
}

/// The JSON Schema of the report, as pretty JSON.
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(Report);
    serde_json::to_string_pretty(&schema).unwrap_or_default()
}
