//! The report as an XLSX workbook drawn like the official template.
//!
//! Sheets, in order: 正文 (title, organ, year and the text sections), 表二,
//! 表三, 表四 (each under its section heading, so that reading the workbook
//! back gives a normal report), and 检查 (every check and diagnostic,
//! failures first). Numbers are right-aligned; the tables print on A4 with
//! their header rows repeated; the cell a failed check is about is filled
//! red, an uncertain one amber, with a note giving the rule (`marks`).

use std::collections::BTreeMap;

use gongkai_report::{
    ActiveDisclosure, Applicant, ApplicationRow, Applications, CheckStatus, DisclosureRow, Layout,
    LitigationBlock, Outcome, Report, ReportPath, ReviewLitigation, Value, WriteError,
    CHECK_COLUMNS, CHECK_RESULTS, DIAGNOSTIC_COLUMNS, NO_CHECKS_CELL, ORGAN_LABEL,
    SECTION_HEADINGS, SHEET_BODY, SHEET_CHECKS, SHEET_TABLE2, SHEET_TABLE3, SHEET_TABLE4,
    TABLE2_CONTENT, TABLE3_APPLICANTS, TABLE3_BALANCE_NOTE, TABLE3_LEGAL_PERSONS, TABLE3_RESULTS,
    TABLE4_LITIGATION, TABLE_NOT_FOUND, YEAR_LABEL,
};
use rust_xlsxwriter::{
    Color, Format, FormatAlign, FormatBorder, Note, Workbook, Worksheet, XlsxError,
};

use crate::marks::{marks, rule, Mark, Marked};

/// Marked cells by report path.
type Marks = BTreeMap<String, Marked>;

/// Excel's paper size number for A4.
const PAPER_A4: u8 = 9;
/// The fills of failed and uncertain checks (Excel's "bad" and "neutral").
const FILL_FAILED: u32 = 0xFFC7CE;
const FILL_UNCERTAIN: u32 = 0xFFEB9C;

const FONT: &str = "宋体";
/// Points per line of 11-point text, with leading.
const LINE_HEIGHT: f64 = 15.0;

fn render(e: XlsxError) -> WriteError {
    WriteError::Render {
        format: "xlsx",
        reason: e.to_string(),
    }
}

/// The cell formats used.
struct Formats {
    title: Format,
    heading: Format,
    text: Format,
    label: Format,
    label_left: Format,
    header: Format,
    value: Format,
    value_failed: Format,
    value_uncertain: Format,
    pass: Format,
    fail: Format,
    uncertain: Format,
}

impl Formats {
    fn new() -> Self {
        let base = Format::new().set_font_name(FONT).set_font_size(11);
        let cell = base
            .clone()
            .set_border(FormatBorder::Thin)
            .set_text_wrap()
            .set_align(FormatAlign::VerticalCenter);
        Formats {
            title: base
                .clone()
                .set_font_size(16)
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            heading: base
                .clone()
                .set_bold()
                .set_align(FormatAlign::VerticalCenter),
            text: base.clone().set_text_wrap().set_align(FormatAlign::Top),
            label: cell.clone().set_align(FormatAlign::Center),
            label_left: cell.clone().set_align(FormatAlign::Left),
            header: cell.clone().set_align(FormatAlign::Center).set_bold(),
            value: cell.clone().set_align(FormatAlign::Right),
            value_failed: cell
                .clone()
                .set_align(FormatAlign::Right)
                .set_background_color(Color::RGB(FILL_FAILED)),
            value_uncertain: cell
                .clone()
                .set_align(FormatAlign::Right)
                .set_background_color(Color::RGB(FILL_UNCERTAIN)),
            pass: cell.clone().set_background_color(Color::RGB(0xC6EFCE)),
            fail: cell.clone().set_background_color(Color::RGB(FILL_FAILED)),
            uncertain: cell.set_background_color(Color::RGB(FILL_UNCERTAIN)),
        }
    }
}

/// A sheet being drawn: the worksheet, its column widths, and the height
/// each row needs for its wrapped text (rust_xlsxwriter cannot autofit
/// heights, and Excel does not on open).
struct Sheet<'a> {
    ws: &'a mut Worksheet,
    widths: Vec<f64>,
    heights: BTreeMap<u32, f64>,
}

/// Display width of text in column-width units (CJK characters are two).
fn text_width(line: &str) -> f64 {
    line.chars()
        .map(|c| if c.is_ascii() { 1.1 } else { 2.05 })
        .sum()
}

impl<'a> Sheet<'a> {
    fn new(ws: &'a mut Worksheet, name: &str, widths: &[f64]) -> Result<Self, WriteError> {
        ws.set_name(name).map_err(render)?;
        for (c, w) in widths.iter().enumerate() {
            ws.set_column_width(c as u16, *w).map_err(render)?;
        }
        Ok(Sheet {
            ws,
            widths: widths.to_vec(),
            heights: BTreeMap::new(),
        })
    }

    /// Record the height text needs in a cell spanning the given columns and rows.
    fn need(&mut self, (r0, c0): (u32, u16), (r1, c1): (u32, u16), text: &str, line: f64) {
        let width: f64 = (c0..=c1)
            .map(|c| self.widths.get(c as usize).copied().unwrap_or(9.0))
            .sum::<f64>()
            - 1.5;
        let lines: f64 = text
            .split('\n')
            .map(|l| (text_width(l) / width.max(1.0)).ceil().max(1.0))
            .sum();
        let rows = f64::from(r1 - r0 + 1);
        let per_row = lines * line / rows + 4.0;
        for r in r0..=r1 {
            let h = self.heights.entry(r).or_insert(LINE_HEIGHT);
            *h = h.max(per_row);
        }
    }

    /// Text in a cell or a merged range.
    fn text(
        &mut self,
        from: (u32, u16),
        to: (u32, u16),
        text: &str,
        format: &Format,
    ) -> Result<(), WriteError> {
        self.text_sized(from, to, text, format, LINE_HEIGHT)
    }

    /// Text in a cell or merged range, with the height of one of its lines.
    fn text_sized(
        &mut self,
        from: (u32, u16),
        to: (u32, u16),
        text: &str,
        format: &Format,
        line: f64,
    ) -> Result<(), WriteError> {
        if from == to {
            self.ws
                .write_string_with_format(from.0, from.1, text, format)
                .map_err(render)?;
        } else {
            self.ws
                .merge_range(from.0, from.1, to.0, to.1, text, format)
                .map_err(render)?;
        }
        self.need(from, to, text, line);
        Ok(())
    }

    /// A value in a cell or merged range: a number, or an empty cell for blank.
    fn value(
        &mut self,
        from: (u32, u16),
        to: (u32, u16),
        value: Value,
        format: &Format,
    ) -> Result<(), WriteError> {
        if from != to {
            self.ws
                .merge_range(from.0, from.1, to.0, to.1, "", format)
                .map_err(render)?;
        }
        match value {
            Some(n) => self
                .ws
                .write_number_with_format(from.0, from.1, n.0, format)
                .map_err(render)?,
            None => self
                .ws
                .write_blank(from.0, from.1, format)
                .map_err(render)?,
        };
        Ok(())
    }

    /// A table value at report path `path`: filled and noted when a check
    /// about it failed or was uncertain.
    fn checked_value(
        &mut self,
        at: (u32, u16),
        value: Value,
        path: &str,
        marks: &Marks,
        f: &Formats,
    ) -> Result<(), WriteError> {
        let Some(marked) = marks.get(path) else {
            return self.value(at, at, value, &f.value);
        };
        let format = match marked.mark {
            Mark::Failed => &f.value_failed,
            Mark::Uncertain => &f.value_uncertain,
        };
        self.value(at, at, value, format)?;
        let note = Note::new(&marked.note)
            .set_author("gongkai")
            .add_author_prefix(false)
            .set_width(420)
            .set_height(160);
        self.ws.insert_note(at.0, at.1, &note).map_err(render)?;
        Ok(())
    }

    /// A4 paper, the orientation given, the rows `header` repeated on
    /// every printed page.
    fn page(&mut self, landscape: bool, header: (u32, u32)) -> Result<(), WriteError> {
        self.ws.set_paper_size(PAPER_A4);
        if landscape {
            self.ws.set_landscape();
        } else {
            self.ws.set_portrait();
        }
        self.ws
            .set_repeat_rows(header.0, header.1)
            .map_err(render)?;
        Ok(())
    }

    fn finish(self) -> Result<(), WriteError> {
        for (r, h) in self.heights {
            if h > LINE_HEIGHT + 0.5 {
                self.ws.set_row_height(r, h.min(409.0)).map_err(render)?;
            }
        }
        Ok(())
    }
}

/// Render the report as XLSX bytes.
pub fn write_workbook(report: &Report) -> Result<Vec<u8>, WriteError> {
    let f = Formats::new();
    let marks = marks(report);
    let mut wb = Workbook::new();
    write_body(&mut wb, report, &f)?;
    write_table_two(&mut wb, report.active_disclosure.as_ref(), &marks, &f)?;
    write_table_three(&mut wb, report.applications.as_ref(), &marks, &f)?;
    write_table_four(&mut wb, report.review_litigation.as_ref(), &marks, &f)?;
    write_checks(&mut wb, report, &f)?;
    wb.save_to_buffer().map_err(render)
}

fn heading<'h>(n: usize) -> &'h str {
    SECTION_HEADINGS.get(n).copied().unwrap_or_default()
}

fn write_body(wb: &mut Workbook, report: &Report, f: &Formats) -> Result<(), WriteError> {
    let mut s = Sheet::new(wb.add_worksheet(), SHEET_BODY, &[14.0, 86.0])?;
    s.ws.set_print_fit_to_pages(1, 0);
    let mut r = 0u32;
    if let Some(title) = &report.title {
        s.text_sized((0, 0), (0, 1), title, &f.title, 22.0)?;
    }
    r += 2;
    s.text((r, 0), (r, 0), ORGAN_LABEL, &f.label)?;
    s.text(
        (r, 1),
        (r, 1),
        report.organ.as_deref().unwrap_or_default(),
        &f.label_left,
    )?;
    r += 1;
    s.text((r, 0), (r, 0), YEAR_LABEL, &f.label)?;
    let year = report.year.map(|y| gongkai_report::Num(f64::from(y)));
    s.value((r, 1), (r, 1), year, &f.label_left)?;
    r += 2;
    let sections = [
        (0, &report.sections.overview),
        (4, &report.sections.problems),
        (5, &report.sections.other),
    ];
    for (n, text) in sections {
        s.text((r, 0), (r, 1), heading(n), &f.heading)?;
        r += 1;
        for para in text.as_deref().unwrap_or_default().split('\n') {
            if para.trim().is_empty() {
                continue;
            }
            s.text((r, 0), (r, 1), para, &f.text)?;
            r += 1;
        }
        r += 1;
    }
    s.finish()
}

/// Start a table sheet: its heading in A1 across the table, a blank row.
fn table_sheet<'a>(
    wb: &'a mut Workbook,
    name: &str,
    n: usize,
    widths: &[f64],
    f: &Formats,
) -> Result<Sheet<'a>, WriteError> {
    let mut s = Sheet::new(wb.add_worksheet(), name, widths)?;
    let last = widths.len().saturating_sub(1) as u16;
    s.text((0, 0), (0, last), heading(n), &f.heading)?;
    s.ws.set_print_fit_to_pages(1, 0);
    Ok(s)
}

/// The first row of a table under its heading and a blank row.
const TABLE_TOP: u32 = 2;

fn write_missing(s: &mut Sheet<'_>, f: &Formats) -> Result<(), WriteError> {
    s.text((TABLE_TOP, 0), (TABLE_TOP, 0), TABLE_NOT_FOUND, &f.text)
}

/// How `n` fields share the three value columns of table 二.
fn field_spans(n: usize) -> &'static [u16] {
    match n {
        1 => &[3],
        2 => &[1, 2],
        _ => &[1, 1, 1],
    }
}

fn write_table_two(
    wb: &mut Workbook,
    t2: Option<&ActiveDisclosure>,
    marks: &Marks,
    f: &Formats,
) -> Result<(), WriteError> {
    let mut s = table_sheet(wb, SHEET_TABLE2, 1, &[24.0, 20.0, 20.0, 20.0], f)?;
    s.ws.set_paper_size(PAPER_A4);
    let Some(t2) = t2 else {
        write_missing(&mut s, f)?;
        return s.finish();
    };
    let layout = t2.layout;
    let mut r = TABLE_TOP;
    for sub in DisclosureRow::subtables(layout) {
        s.text((r, 0), (r, 3), sub.caption, &f.header)?;
        r += 1;
        s.text((r, 0), (r, 0), TABLE2_CONTENT, &f.header)?;
        let spans = field_spans(sub.fields.len());
        let mut c = 1u16;
        for (field, span) in sub.fields.iter().zip(spans) {
            s.text((r, c), (r, c + span - 1), field.label_in(layout), &f.header)?;
            c += span;
        }
        r += 1;
        for row in sub.rows {
            s.text((r, 0), (r, 0), row.label_in(layout), &f.label)?;
            let mut c = 1u16;
            for (field, span) in sub.fields.iter().zip(spans) {
                let value = t2.get(*row, *field);
                let path = ReportPath::disclosure_value(*row, *field);
                if *span == 1 {
                    s.checked_value((r, c), value, &path, marks, f)?;
                } else {
                    // A merged value keeps the plain look; its check is on the 检查 sheet.
                    s.value((r, c), (r, c + span - 1), value, &f.value)?;
                }
                c += span;
            }
            r += 1;
        }
    }
    s.finish()
}

fn write_table_three(
    wb: &mut Workbook,
    t3: Option<&Applications>,
    marks: &Marks,
    f: &Formats,
) -> Result<(), WriteError> {
    let mut widths = vec![7.0, 14.0, 44.0];
    widths.extend([10.5; 7]);
    let mut s = table_sheet(wb, SHEET_TABLE3, 2, &widths, f)?;
    s.page(false, (TABLE_TOP, TABLE_TOP + 2))?;
    let Some(t3) = t3 else {
        write_missing(&mut s, f)?;
        return s.finish();
    };
    let top = TABLE_TOP;
    s.text((top, 0), (top + 2, 2), TABLE3_BALANCE_NOTE, &f.header)?;
    s.text((top, 3), (top, 9), TABLE3_APPLICANTS, &f.header)?;
    s.text(
        (top + 1, 3),
        (top + 2, 3),
        Applicant::NaturalPerson.label(),
        &f.header,
    )?;
    s.text((top + 1, 4), (top + 1, 8), TABLE3_LEGAL_PERSONS, &f.header)?;
    s.text(
        (top + 1, 9),
        (top + 2, 9),
        Applicant::Total.label(),
        &f.header,
    )?;
    for (i, a) in Applicant::ALL
        .iter()
        .filter(|a| a.is_legal_person())
        .enumerate()
    {
        let c = 4 + i as u16;
        s.text((top + 2, c), (top + 2, c), a.label(), &f.header)?;
    }
    let layout: Layout = t3.layout;
    let rows: Vec<ApplicationRow> = ApplicationRow::for_layout(layout).collect();
    // 三、本年度办理结果 covers the result rows and （七）总计 below them.
    let in_results = |r: &ApplicationRow| r.is_result() || *r == ApplicationRow::TotalProcessed;
    let results = rows.iter().filter(|r| in_results(r)).count() as u32;
    for (r, (i, row)) in (top + 3..).zip(rows.iter().enumerate()) {
        if !in_results(row) {
            s.text((r, 0), (r, 2), row.label(), &f.label_left)?;
        } else {
            let first_result = i == 0 || rows.get(i - 1).is_some_and(|p| !in_results(p));
            if first_result {
                s.text((r, 0), (r + results - 1, 0), TABLE3_RESULTS, &f.label)?;
            }
            match row.group() {
                Some(g) => {
                    let starts = i == 0 || rows.get(i - 1).and_then(|p| p.group()) != Some(g);
                    if starts {
                        let n = rows
                            .iter()
                            .skip(i)
                            .take_while(|x| x.group() == Some(g))
                            .count();
                        s.text((r, 1), (r + n as u32 - 1, 1), g.label(), &f.label)?;
                    }
                    s.text((r, 2), (r, 2), row.label(), &f.label_left)?;
                }
                None => s.text((r, 1), (r, 2), row.label(), &f.label_left)?,
            }
        }
        for (j, a) in Applicant::ALL.iter().enumerate() {
            let c = 3 + j as u16;
            let path = ReportPath::application_value(*row, *a);
            s.checked_value((r, c), t3.get(*row, *a), &path, marks, f)?;
        }
    }
    s.ws.set_print_fit_to_pages(1, 1);
    s.finish()
}

fn write_table_four(
    wb: &mut Workbook,
    t4: Option<&ReviewLitigation>,
    marks: &Marks,
    f: &Formats,
) -> Result<(), WriteError> {
    let mut s = table_sheet(wb, SHEET_TABLE4, 3, &[8.5; 15], f)?;
    s.page(true, (TABLE_TOP, TABLE_TOP + 2))?;
    let Some(t4) = t4 else {
        write_missing(&mut s, f)?;
        return s.finish();
    };
    let top = TABLE_TOP;
    s.text(
        (top, 0),
        (top, 4),
        LitigationBlock::Review.label(),
        &f.header,
    )?;
    s.text((top, 5), (top, 14), TABLE4_LITIGATION, &f.header)?;
    for (b, block) in LitigationBlock::ALL.iter().enumerate() {
        let c0 = 5 * b as u16;
        for (o, outcome) in Outcome::ALL.iter().enumerate() {
            let c = c0 + o as u16;
            if *block == LitigationBlock::Review {
                s.text((top + 1, c), (top + 2, c), outcome.label(), &f.header)?;
            } else {
                s.text((top + 2, c), (top + 2, c), outcome.label(), &f.header)?;
            }
            let path = ReportPath::litigation_value(*block, *outcome);
            s.checked_value((top + 3, c), t4.get(*block, *outcome), &path, marks, f)?;
        }
        if *block != LitigationBlock::Review {
            s.text((top + 1, c0), (top + 1, c0 + 4), block.label(), &f.header)?;
        }
    }
    s.finish()
}

fn write_checks(wb: &mut Workbook, report: &Report, f: &Formats) -> Result<(), WriteError> {
    let widths = [40.0, 10.0, 36.0, 10.0, 10.0, 80.0];
    let mut s = Sheet::new(wb.add_worksheet(), SHEET_CHECKS, &widths)?;
    s.ws.set_paper_size(PAPER_A4);
    s.ws.set_landscape();
    s.ws.set_print_fit_to_pages(1, 0);
    s.ws.set_repeat_rows(0, 0).map_err(render)?;
    s.ws.set_freeze_panes(1, 0).map_err(render)?;
    for (c, h) in CHECK_COLUMNS.iter().enumerate() {
        s.text((0, c as u16), (0, c as u16), h, &f.header)?;
    }
    let [passed, failed, uncertain] = CHECK_RESULTS;
    // Failures first, then the uncertain, then what passed; in run order within each.
    let mut checks: Vec<_> = report.checks.iter().collect();
    checks.sort_by_key(|c| match c.status {
        CheckStatus::Fail => 0,
        CheckStatus::Uncertain => 1,
        CheckStatus::Pass => 2,
    });
    let mut r = 1u32;
    for check in checks {
        let (status, status_format) = match check.status {
            CheckStatus::Pass => (passed, &f.pass),
            CheckStatus::Fail => (failed, &f.fail),
            CheckStatus::Uncertain => (uncertain, &f.uncertain),
        };
        let rule = format!("{}（{}）", rule(&check.id), check.id);
        s.text((r, 0), (r, 0), &rule, &f.label_left)?;
        s.text((r, 1), (r, 1), status, status_format)?;
        s.text((r, 2), (r, 2), check.subject.as_str(), &f.label_left)?;
        s.value((r, 3), (r, 3), check.expected, &f.value)?;
        s.value((r, 4), (r, 4), check.actual, &f.value)?;
        s.text((r, 5), (r, 5), &check.message, &f.label_left)?;
        r += 1;
    }
    if report.checks.is_empty() {
        s.text((r, 0), (r, 5), NO_CHECKS_CELL, &f.label_left)?;
        r += 1;
    }
    r += 1;
    for (c, h) in DIAGNOSTIC_COLUMNS.iter().enumerate() {
        s.text((r, c as u16), (r, c as u16), h, &f.header)?;
    }
    r += 1;
    for d in &report.diagnostics {
        let severity = match d.severity {
            gongkai_ir::Severity::Error => "error",
            gongkai_ir::Severity::Warning => "warning",
            gongkai_ir::Severity::Info => "info",
        };
        let cells = [
            severity,
            d.code.as_str(),
            d.path.as_deref().unwrap_or_default(),
            d.at.as_deref().unwrap_or_default(),
            d.raw.as_deref().unwrap_or_default(),
            d.message.as_str(),
        ];
        for (c, text) in cells.iter().enumerate() {
            s.text((r, c as u16), (r, c as u16), text, &f.label_left)?;
        }
        r += 1;
    }
    s.finish()
}
