//! The per-input summary of a batch (`--summary FILE`, CSV or XLSX), written
//! row by row as inputs complete so memory does not grow with the batch.

use std::collections::BTreeSet;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use gongkai::ir::Severity;
use gongkai::report::{CheckStatus, Num, Report, Value};

use crate::messages::incompleteness_line;
use crate::output::Inputs;
use crate::status::{incompleteness, Incompleteness, Status};

/// What the summary and the log need of one report; small, unlike the report.
#[derive(Debug, Clone, Default)]
pub struct Info {
    /// Who reports.
    pub organ: Option<String>,
    /// The year reported on.
    pub year: Option<i32>,
    /// Table 二's layout.
    pub layout_t2: Option<&'static str>,
    /// Table 三's layout.
    pub layout_t3: Option<&'static str>,
    /// 新收, 上年结转, 办理总计, 结转下年, 复议总计, 诉讼总计.
    pub totals: [Value; 6],
    /// How many checks ran.
    pub checks: usize,
    /// How many failed.
    pub failed: usize,
    /// How many were uncertain.
    pub uncertain: usize,
    /// The distinct ids of failed checks.
    pub failed_ids: Vec<String>,
    /// The distinct ids of uncertain checks.
    pub uncertain_ids: Vec<String>,
    /// Diagnostics by severity: error, warning, info.
    pub diagnostics: [usize; 3],
    /// Why the report is incomplete (表三 or 表四 not found or empty).
    pub incomplete: Option<Incompleteness>,
}

fn ids(report: &Report, status: CheckStatus) -> Vec<String> {
    let set: BTreeSet<&str> = report
        .checks
        .iter()
        .filter(|c| c.status == status)
        .map(|c| c.id.as_str())
        .collect();
    set.into_iter().map(str::to_string).collect()
}

impl Info {
    /// The summary of a report.
    pub fn of(report: &Report) -> Self {
        let mut diagnostics = [0; 3];
        for d in &report.diagnostics {
            let slot = match d.severity {
                Severity::Error => 0,
                Severity::Warning => 1,
                Severity::Info => 2,
            };
            diagnostics[slot] += 1;
        }
        Info {
            organ: report.organ.clone(),
            year: report.year,
            layout_t2: report.active_disclosure.as_ref().map(|t| t.layout.as_str()),
            layout_t3: report.applications.as_ref().map(|t| t.layout.as_str()),
            totals: report.totals().in_summary_order(),
            checks: report.checks.len(),
            failed: report.count_checks(CheckStatus::Fail),
            uncertain: report.count_checks(CheckStatus::Uncertain),
            failed_ids: ids(report, CheckStatus::Fail),
            uncertain_ids: ids(report, CheckStatus::Uncertain),
            diagnostics,
            incomplete: incompleteness(report),
        }
    }

    /// `ok`, `incomplete` or `failed-checks`.
    pub fn status(&self) -> Status {
        Status::of(self.incomplete.is_some(), self.failed)
    }

    /// Reads an earlier JSON output back, for inputs skipped as up to date.
    pub fn from_json_output(path: &Path) -> Option<Self> {
        let report = gongkai::load_file(path, &gongkai::ReadOptions::default()).ok()?;
        Some(Info::of(&report))
    }
}

/// One row of the summary.
#[derive(Debug, Clone)]
pub struct Row {
    /// The input path.
    pub path: String,
    /// How the input ended.
    pub status: Status,
    /// The report's summary, if known.
    pub info: Option<Info>,
    /// Why the input failed, in this run's language.
    pub error: Option<String>,
    /// Why the input failed, in English (for JSON), when it differs.
    pub error_en: Option<String>,
    /// The outputs written for it now.
    pub outputs: Vec<String>,
}

impl Row {
    /// A row for `input` with its status, summary and error.
    pub fn new(input: &Path, status: Status, info: Option<Info>, error: Option<String>) -> Row {
        Row {
            path: input.display().to_string(),
            status,
            info,
            error,
            error_en: None,
            outputs: Vec::new(),
        }
    }

    /// The row of an input that failed: its status and why.
    pub(crate) fn failed(input: &Path, failure: crate::job::Failure) -> Row {
        let mut row = Row::new(input, failure.status, None, Some(failure.reason));
        row.error_en = Some(failure.english);
        row
    }

    /// The row with the outputs written for its input.
    pub fn with_outputs(mut self, outputs: Vec<String>) -> Row {
        self.outputs = outputs;
        self
    }
}

/// The column headers, Chinese and English.
const HEADERS: [&str; 17] = [
    "文件 path",
    "状态 status",
    "机关 organ",
    "年度 year",
    "表二版式 table 2 layout",
    "表三版式 table 3 layout",
    "本年新收 new received",
    "上年结转 carried over",
    "办理总计 total processed",
    "结转下年 carried forward",
    "行政复议总计 review total",
    "行政诉讼总计 litigation total",
    "未通过检查数 failed checks",
    "不确定检查数 uncertain checks",
    "诊断数 diagnostics (errors + warnings)",
    "检查编号 check ids",
    "错误 error",
];

/// A cell of the summary.
enum Cell {
    Text(String),
    Number(f64),
    Blank,
}

impl Row {
    fn cells(&self) -> Vec<Cell> {
        let text = |s: Option<String>| s.map(Cell::Text).unwrap_or(Cell::Blank);
        let mut cells = vec![
            Cell::Text(self.path.clone()),
            Cell::Text(self.status.word().into()),
        ];
        match &self.info {
            Some(i) => {
                cells.push(text(i.organ.clone()));
                cells.push(
                    i.year
                        .map(|y| Cell::Number(y.into()))
                        .unwrap_or(Cell::Blank),
                );
                cells.push(text(i.layout_t2.map(str::to_string)));
                cells.push(text(i.layout_t3.map(str::to_string)));
                for v in i.totals {
                    cells.push(v.map(|n| Cell::Number(n.0)).unwrap_or(Cell::Blank));
                }
                cells.push(Cell::Number(i.failed as f64));
                cells.push(Cell::Number(i.uncertain as f64));
                cells.push(Cell::Number((i.diagnostics[0] + i.diagnostics[1]) as f64));
                let mut ids: Vec<String> =
                    i.failed_ids.iter().map(|id| format!("{id}:fail")).collect();
                ids.extend(i.uncertain_ids.iter().map(|id| format!("{id}:uncertain")));
                cells.push(Cell::Text(ids.join(" ")));
            }
            None => cells.extend((0..14).map(|_| Cell::Blank)),
        }
        // An incomplete report says why where an error would.
        let why = self.error.clone().or_else(|| {
            self.info
                .as_ref()
                .and_then(|i| i.incomplete.as_ref().map(incompleteness_line))
        });
        cells.push(text(why));
        cells
    }
}

/// Why the summary could not be written.
#[derive(Debug, thiserror::Error)]
pub enum SummaryError {
    /// The file system refused.
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// The XLSX writer refused.
    #[error("{0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    /// Neither `.csv` nor `.xlsx`.
    #[error("the summary file must end in .csv or .xlsx")]
    Extension,
    /// The summary's path is an input of the run.
    #[error("refusing to overwrite an input file with the summary; choose another --summary")]
    WouldOverwriteInput,
}

enum Sink {
    Csv(BufWriter<std::fs::File>),
    Xlsx(Box<rust_xlsxwriter::Workbook>),
}

/// A summary being written: to a temporary file beside the target, renamed
/// into place by `finish`, so an interrupted run leaves no half a summary.
pub struct Summary {
    path: PathBuf,
    /// Removed when dropped unless `finish` put it in place.
    tmp: tempfile::NamedTempFile,
    sink: Option<Sink>,
    row: u32,
    /// The widest text of each column so far, for fitted XLSX column widths.
    widths: [f64; HEADERS.len()],
}

/// Widest column of the XLSX summary, in character widths: a long error
/// message wraps in its cell rather than widening the sheet without end.
const MAX_COLUMN_WIDTH: f64 = 60.0;

/// Width of text in column-width units (a CJK character takes two).
fn text_width(text: &str) -> f64 {
    text.chars()
        .map(|c| if c.is_ascii() { 1.1 } else { 2.1 })
        .sum()
}

impl Summary {
    /// Starts a summary at `path`; the extension picks CSV or XLSX.
    pub fn create(path: &Path) -> Result<Self, SummaryError> {
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        if !matches!(ext.as_str(), "csv" | "xlsx") {
            return Err(SummaryError::Extension);
        }
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        let dir = crate::output::directory_of(path);
        let tmp = crate::temp::create_in(dir)?;
        let sink = match ext.as_str() {
            "csv" => {
                let mut w = BufWriter::new(tmp.reopen()?);
                // A byte-order mark makes Excel read the CSV as UTF-8.
                w.write_all("\u{feff}".as_bytes())?;
                write_csv_line(&mut w, HEADERS.iter().map(|h| h.to_string()))?;
                Sink::Csv(w)
            }
            "xlsx" => {
                let mut wb = rust_xlsxwriter::Workbook::new();
                // The two-language headers wrap onto two lines.
                let bold = rust_xlsxwriter::Format::new()
                    .set_bold()
                    .set_text_wrap()
                    .set_align(rust_xlsxwriter::FormatAlign::Top);
                // Constant-memory mode streams rows to disk as they are written.
                let ws = wb.add_worksheet_with_constant_memory()?;
                ws.set_name("summary")?;
                ws.set_row_height(0, 30)?;
                // Printed, the columns fit across one landscape page.
                ws.set_landscape();
                ws.set_print_fit_to_pages(1, 0);
                for (c, h) in HEADERS.iter().enumerate() {
                    ws.write_string_with_format(0, c as u16, *h, &bold)?;
                }
                ws.set_freeze_panes(1, 0)?;
                Sink::Xlsx(Box::new(wb))
            }
            _ => return Err(SummaryError::Extension),
        };
        let mut widths = [0.0; HEADERS.len()];
        for (w, h) in widths.iter_mut().zip(HEADERS) {
            // A two-language header wraps onto two lines, Chinese over
            // English: the wider of the two counts.
            let (zh, en) = h.split_once(' ').unwrap_or((h, ""));
            *w = text_width(zh).max(text_width(en));
        }
        Ok(Summary {
            path: path.to_path_buf(),
            tmp,
            sink: Some(sink),
            row: 1,
            widths,
        })
    }

    /// Appends one row.
    pub fn push(&mut self, row: &Row) -> Result<(), SummaryError> {
        let cells = row.cells();
        match &mut self.sink {
            None => {}
            Some(Sink::Csv(w)) => write_csv_line(
                w,
                cells.into_iter().map(|c| match c {
                    Cell::Text(s) => neutralised(s),
                    Cell::Number(n) => Num(n).to_string(),
                    Cell::Blank => String::new(),
                }),
            )?,
            Some(Sink::Xlsx(wb)) => {
                let ws = wb.worksheet_from_index(0)?;
                for (c, cell) in cells.into_iter().enumerate() {
                    let width = match &cell {
                        Cell::Text(s) => text_width(s),
                        Cell::Number(n) => text_width(&Num(*n).to_string()),
                        Cell::Blank => 0.0,
                    };
                    if let Some(w) = self.widths.get_mut(c) {
                        *w = w.max(width);
                    }
                    let c = c as u16;
                    match cell {
                        Cell::Text(s) => {
                            ws.write_string(self.row, c, s)?;
                        }
                        Cell::Number(n) => {
                            ws.write_number(self.row, c, n)?;
                        }
                        Cell::Blank => {}
                    }
                }
            }
        }
        self.row += 1;
        Ok(())
    }

    /// Completes the file and moves it into place, unless an input of the
    /// run is there (through a link included).
    pub fn finish(mut self, inputs: &Inputs) -> Result<PathBuf, SummaryError> {
        match self.sink.take() {
            Some(Sink::Csv(mut w)) => {
                w.flush()?;
                w.get_ref().sync_all()?;
            }
            Some(Sink::Xlsx(mut wb)) => {
                let ws = wb.worksheet_from_index(0)?;
                for (c, w) in self.widths.iter().enumerate() {
                    ws.set_column_width(c as u16, (w + 2.0).min(MAX_COLUMN_WIDTH))?;
                }
                let last_col = (HEADERS.len() - 1) as u16;
                ws.autofilter(0, 0, self.row.saturating_sub(1).max(1), last_col)?;
                wb.save(self.tmp.path())?
            }
            None => {}
        }
        let tmp = match self.tmp.persist_noclobber(&self.path) {
            Ok(_) => return Ok(self.path),
            Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => e.file,
            Err(e) => return Err(e.error.into()),
        };
        if inputs.holds(&self.path) {
            return Err(SummaryError::WouldOverwriteInput);
        }
        tmp.persist(&self.path).map_err(|e| e.error)?;
        Ok(self.path)
    }
}

/// A text cell that a spreadsheet would take for a formula (`=`, `+`, `-`,
/// `@`, tab, carriage return first: OWASP's CSV injection list) gets a `'`
/// in front; organ names and file names come from the documents. Numbers
/// are written as numbers and keep their sign.
fn neutralised(text: String) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text
    }
}

/// One CSV record (RFC 4180 quoting).
fn write_csv_line(w: &mut impl Write, fields: impl Iterator<Item = String>) -> std::io::Result<()> {
    let mut first = true;
    for f in fields {
        if !first {
            w.write_all(b",")?;
        }
        first = false;
        if f.contains([',', '"', '\n', '\r']) {
            write!(w, "\"{}\"", f.replace('"', "\"\""))?;
        } else {
            w.write_all(f.as_bytes())?;
        }
    }
    w.write_all(b"\r\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_when_needed() {
        let mut out = Vec::new();
        write_csv_line(
            &mut out,
            ["a", "b,c", "say \"hi\""].iter().map(|s| s.to_string()),
        )
        .unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "a,\"b,c\",\"say \"\"hi\"\"\"\r\n"
        );
    }

    #[test]
    fn a_summary_is_written_as_csv_and_xlsx() {
        let dir = tempfile::tempdir().unwrap();
        let row = Row {
            path: "a.pdf".into(),
            status: Status::Error,
            info: None,
            error: Some("empty file".into()),
            error_en: None,
            outputs: Vec::new(),
        };
        for name in ["s.csv", "s.xlsx"] {
            let mut s = Summary::create(&dir.path().join(name)).unwrap();
            s.push(&row).unwrap();
            s.finish(&Inputs::default()).unwrap();
            assert!(dir.path().join(name).exists());
        }
        let csv = std::fs::read_to_string(dir.path().join("s.csv")).unwrap();
        assert!(csv.starts_with('\u{feff}'));
        assert!(csv.lines().nth(1).unwrap().starts_with("a.pdf,error,"));
        let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(leftovers, 2);
        assert!(matches!(
            Summary::create(&dir.path().join("s.txt")),
            Err(SummaryError::Extension)
        ));
    }
}

#[cfg(test)]
mod injection_tests {
    use super::*;

    #[test]
    fn formula_like_text_is_neutralised_and_numbers_keep_their_sign() {
        for (text, want) in [
            ("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"),
            ("+1", "'+1"),
            ("-1+2", "'-1+2"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("某某市人民政府", "某某市人民政府"),
            ("a=b", "a=b"),
        ] {
            assert_eq!(neutralised(text.to_string()), want);
        }
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.csv");
        let info = Info {
            organ: Some("=1+2".into()),
            totals: [Some(Num(-3.0)), None, None, None, None, None],
            ..Info::default()
        };
        let mut s = Summary::create(&path).unwrap();
        s.push(&Row::new(
            Path::new("-a.json"),
            Status::Ok,
            Some(info),
            None,
        ))
        .unwrap();
        s.finish(&Inputs::default()).unwrap();
        let csv = std::fs::read_to_string(&path).unwrap();
        let row = csv.lines().nth(1).unwrap();
        assert!(row.starts_with("'-a.json,ok,'=1+2,,,,-3,"), "{row}");
    }
}
