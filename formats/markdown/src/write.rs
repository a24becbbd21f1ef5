//! The report as GFM Markdown.

use std::fmt::Write as _;

use gongkai_report::{
    all_checks_passed, checks_not_passed, ActiveDisclosure, Applicant, ApplicationRow,
    Applications, CheckStatus, DisclosureRow, LitigationBlock, Outcome, Report, ReviewLitigation,
    Value, CHECKS_HEADING, CHECK_FAILED, CHECK_UNCERTAIN, NO_CHECKS_SENTENCE, ORGAN_LABEL,
    SECTION_HEADINGS, TABLE2_CONTENT, TABLE3_BALANCE_NOTE, TABLE3_LEGAL_PERSONS, TABLE3_RESULTS,
    TABLE4_LITIGATION, TABLE_NOT_FOUND, YEAR_LABEL,
};

/// Escape text for a table cell: backslashes and pipes, line breaks as `<br>`.
pub(crate) fn escape_cell(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace("\r\n", "\n")
        .replace('\n', "<br>")
}

/// Escape one line of body text so that it reads back as a paragraph.
fn escape_line(line: &str) -> String {
    let line = line.trim().replace('\\', "\\\\");
    match line.chars().next() {
        Some('#' | '|' | '>' | '<') => format!("\\{line}"),
        _ => line,
    }
}

fn value(v: Value) -> String {
    v.map(|n| n.to_string()).unwrap_or_default()
}

/// One pipe-table row.
fn row<S: AsRef<str>>(out: &mut String, cells: &[S]) {
    out.push('|');
    for c in cells {
        out.push(' ');
        out.push_str(&escape_cell(c.as_ref()));
        out.push_str(" |");
    }
    out.push('\n');
}

fn delimiter(out: &mut String, n: usize) {
    out.push('|');
    for _ in 0..n {
        out.push_str(" --- |");
    }
    out.push('\n');
}

fn heading(out: &mut String, n: usize) {
    let _ = writeln!(
        out,
        "## {}\n",
        SECTION_HEADINGS.get(n).copied().unwrap_or_default()
    );
}

fn text(out: &mut String, text: Option<&str>) {
    for line in text.unwrap_or_default().lines() {
        if !line.trim().is_empty() {
            let _ = writeln!(out, "{}\n", escape_line(line));
        }
    }
}

/// Render the report as Markdown.
pub fn render(report: &Report) -> String {
    let mut out = String::new();
    if let Some(title) = &report.title {
        let _ = writeln!(out, "# {}\n", title.replace('\\', "\\\\").replace('\n', ""));
    }
    row(
        &mut out,
        &[ORGAN_LABEL, report.organ.as_deref().unwrap_or_default()],
    );
    delimiter(&mut out, 2);
    let year = report.year.map(|y| y.to_string()).unwrap_or_default();
    row(&mut out, &[YEAR_LABEL, year.as_str()]);
    out.push('\n');

    heading(&mut out, 0);
    text(&mut out, report.sections.overview.as_deref());
    heading(&mut out, 1);
    match &report.active_disclosure {
        Some(t2) => table_two(&mut out, t2),
        None => not_found(&mut out),
    }
    heading(&mut out, 2);
    match &report.applications {
        Some(t3) => table_three(&mut out, t3),
        None => not_found(&mut out),
    }
    heading(&mut out, 3);
    match &report.review_litigation {
        Some(t4) => table_four(&mut out, t4),
        None => not_found(&mut out),
    }
    heading(&mut out, 4);
    text(&mut out, report.sections.problems.as_deref());
    heading(&mut out, 5);
    text(&mut out, report.sections.other.as_deref());
    checks(&mut out, report);
    out
}

/// The paragraph in place of a table the report does not have.
fn not_found(out: &mut String) {
    let _ = writeln!(out, "{TABLE_NOT_FOUND}\n");
}

/// Table 二 as one 4-column table, like the official grid: each sub-table's
/// caption row, its `信息内容` header row, then its rows. A value spanning
/// several columns is written in the first of them.
fn table_two(out: &mut String, t2: &ActiveDisclosure) {
    let layout = t2.layout;
    let mut first = true;
    for sub in DisclosureRow::subtables(layout) {
        row(out, &[sub.caption, "", "", ""]);
        if first {
            delimiter(out, 4);
            first = false;
        }
        let mut header = vec![TABLE2_CONTENT.to_string()];
        header.extend(sub.fields.iter().map(|f| f.label_in(layout).to_string()));
        header.resize(4, String::new());
        row(out, &header);
        for r in sub.rows {
            let mut cells = vec![r.label_in(layout).to_string()];
            cells.extend(sub.fields.iter().map(|f| value(t2.get(*r, *f))));
            cells.resize(4, String::new());
            row(out, &cells);
        }
    }
    out.push('\n');
}

/// Table 三 with its three label columns: a label merged across them is in
/// the first, and the group labels (`三、本年度办理结果`, `（三）不予公开`) are
/// repeated on each of their rows so that every row reads on its own.
fn table_three(out: &mut String, t3: &Applications) {
    let mut header = vec![
        TABLE3_BALANCE_NOTE.to_string(),
        String::new(),
        String::new(),
    ];
    for a in Applicant::ALL {
        if a.is_legal_person() {
            header.push(format!("{TABLE3_LEGAL_PERSONS}/{}", a.label()));
        } else {
            header.push(a.label().to_string());
        }
    }
    row(out, &header);
    delimiter(out, header.len());
    for r in ApplicationRow::for_layout(t3.layout) {
        let in_results = r.is_result() || r == ApplicationRow::TotalProcessed;
        let labels: [&str; 3] = match (in_results, r.group()) {
            (false, _) => [r.label(), "", ""],
            (true, Some(g)) => [TABLE3_RESULTS, g.label(), r.label()],
            (true, None) => [TABLE3_RESULTS, r.label(), ""],
        };
        let mut cells: Vec<String> = labels.iter().map(|s| s.to_string()).collect();
        cells.extend(Applicant::ALL.iter().map(|a| value(t3.get(r, *a))));
        row(out, &cells);
    }
    out.push('\n');
}

/// Table 四 as one row of 15 values under flattened headers.
fn table_four(out: &mut String, t4: &ReviewLitigation) {
    let mut header = Vec::new();
    let mut values = Vec::new();
    for b in LitigationBlock::ALL {
        let prefix = match b {
            LitigationBlock::Review => b.label().to_string(),
            _ => format!("{TABLE4_LITIGATION}/{}", b.label()),
        };
        for o in Outcome::ALL {
            header.push(format!("{prefix}/{}", o.label()));
            values.push(value(t4.get(*b, *o)));
        }
    }
    row(out, &header);
    delimiter(out, header.len());
    row(out, &values);
    out.push('\n');
}

/// The checks that did not pass, as a list.
fn checks(out: &mut String, report: &Report) {
    let failing: Vec<_> = report
        .checks
        .iter()
        .filter(|c| c.status != CheckStatus::Pass)
        .collect();
    let _ = writeln!(out, "## {CHECKS_HEADING}\n");
    if report.checks.is_empty() {
        let _ = writeln!(out, "{NO_CHECKS_SENTENCE}");
        return;
    }
    if failing.is_empty() {
        let _ = writeln!(out, "{}", all_checks_passed(report.checks.len()));
        return;
    }
    let sentence = checks_not_passed(
        report.checks.len(),
        report.count_checks(CheckStatus::Fail),
        report.count_checks(CheckStatus::Uncertain),
    );
    let _ = writeln!(out, "{sentence}\n");
    for c in failing {
        let status = match c.status {
            CheckStatus::Fail => CHECK_FAILED,
            _ => CHECK_UNCERTAIN,
        };
        let _ = writeln!(
            out,
            "- {status} `{}` {}: {}",
            c.id,
            c.subject,
            escape_line(&c.message)
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_escape_pipes_and_breaks() {
        assert_eq!(escape_cell("a|b\nc\\"), "a\\|b<br>c\\\\");
        assert_eq!(escape_line("# x"), "\\# x");
    }
}
