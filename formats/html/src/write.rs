//! The report as one self-contained, standards-valid HTML page: the title,
//! the organ and year, the six sections, the three tables laid out like the
//! official form (merged headers as row and column spans), the cells a
//! failed check reads marked, the checks that did not pass, and a print
//! style sheet. It reads back as the same report.

use std::fmt::Write as _;

use gongkai_report::{
    all_checks_passed, checks_not_passed, ActiveDisclosure, Applicant, ApplicationRow,
    Applications, CheckStatus, DisclosureRow, LitigationBlock, Outcome, Report, ReportPath,
    ReviewLitigation, Value, CHECKS_HEADING, CHECK_FAILED, CHECK_UNCERTAIN, NO_CHECKS_SENTENCE,
    ORGAN_LABEL, SECTION_HEADINGS, TABLE2_CONTENT, TABLE3_APPLICANTS, TABLE3_BALANCE_NOTE,
    TABLE3_LEGAL_PERSONS, TABLE3_RESULTS, TABLE4_LITIGATION, TABLE_NOT_FOUND, YEAR_LABEL,
};

/// The title of a report that has none.
const UNTITLED: &str = "政府信息公开工作年度报告";

/// The page's style sheet: the form's ruled tables on screen and on paper.
const STYLE: &str = "body{font-family:\"SimSun\",\"Songti SC\",\"Noto Serif CJK SC\",serif;max-width:62em;margin:2em auto;padding:0 1em;line-height:1.6;color:#000}
h1{text-align:center;font-size:1.6em}
h2{font-size:1.2em;margin-top:1.6em}
table{border-collapse:collapse;margin:1em 0}
th,td{border:1px solid #000;padding:.2em .4em;text-align:center;vertical-align:middle}
th.label{text-align:left;font-weight:normal}
table.meta th,table.meta td{border:none;text-align:left}
td.fail{background:#fdd;outline:2px solid #c00}
td.uncertain{background:#ffe9a8}
@media print{body{max-width:none;margin:0;padding:0;font-size:10.5pt}table{page-break-inside:auto}tr{page-break-inside:avoid}h2{page-break-after:avoid}td.fail{outline:none;border:2px solid #000}}";

/// Escape text for element content and quoted attribute values.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

/// A header or label cell; `span` is (rows, columns).
fn th(out: &mut String, text: &str, span: (usize, usize), label: bool) {
    out.push_str("<th");
    if span.0 > 1 {
        let _ = write!(out, " rowspan=\"{}\"", span.0);
    }
    if span.1 > 1 {
        let _ = write!(out, " colspan=\"{}\"", span.1);
    }
    if label {
        out.push_str(" class=\"label\" scope=\"row\"");
    }
    let _ = write!(out, ">{}</th>", escape(text));
}

/// A value cell, marked when a check that did not pass reads it.
fn td(out: &mut String, report: &Report, value: Value, path: &ReportPath, colspan: usize) {
    let mut status = None;
    for c in report
        .checks
        .iter()
        .filter(|c| c.status != CheckStatus::Pass)
    {
        if c.concerns(path.as_str()) {
            let worse = c.status == CheckStatus::Fail || status.is_none();
            if worse {
                status = Some(c);
            }
        }
    }
    out.push_str("<td");
    if colspan > 1 {
        let _ = write!(out, " colspan=\"{colspan}\"");
    }
    if let Some(c) = status {
        let class = if c.status == CheckStatus::Fail {
            "fail"
        } else {
            "uncertain"
        };
        let _ = write!(out, " class=\"{class}\" title=\"{}\"", escape(&c.message));
    }
    out.push('>');
    if let Some(n) = value {
        let _ = write!(out, "{n}");
    }
    out.push_str("</td>");
}

fn paragraphs(out: &mut String, text: Option<&str>) {
    for line in text.unwrap_or_default().lines() {
        if !line.trim().is_empty() {
            let _ = writeln!(out, "<p>{}</p>", escape(line.trim()));
        }
    }
}

fn heading(out: &mut String, n: usize) {
    let _ = writeln!(
        out,
        "<h2>{}</h2>",
        escape(SECTION_HEADINGS.get(n).copied().unwrap_or_default())
    );
}

/// Render the report as an HTML page.
pub fn render(report: &Report) -> String {
    let title = report
        .title
        .as_deref()
        .map(|t| t.replace('\n', ""))
        .filter(|t| !t.trim().is_empty());
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" content=\"gongkai\">\n<title>{}</title>\n<style>\n{STYLE}\n</style>\n</head>\n<body>\n<article>\n",
        escape(title.as_deref().unwrap_or(UNTITLED))
    );
    if let Some(t) = &title {
        let _ = writeln!(out, "<h1>{}</h1>", escape(t));
    }
    out.push_str("<table class=\"meta\">\n<tr>");
    th(&mut out, ORGAN_LABEL, (1, 1), true);
    let _ = writeln!(
        out,
        "<td>{}</td></tr>",
        escape(report.organ.as_deref().unwrap_or_default())
    );
    out.push_str("<tr>");
    th(&mut out, YEAR_LABEL, (1, 1), true);
    let year = report.year.map(|y| y.to_string()).unwrap_or_default();
    let _ = writeln!(out, "<td>{year}</td></tr>\n</table>");
    heading(&mut out, 0);
    paragraphs(&mut out, report.sections.overview.as_deref());
    heading(&mut out, 1);
    match &report.active_disclosure {
        Some(t2) => table_two(&mut out, report, t2),
        None => not_found(&mut out),
    }
    heading(&mut out, 2);
    match &report.applications {
        Some(t3) => table_three(&mut out, report, t3),
        None => not_found(&mut out),
    }
    heading(&mut out, 3);
    match &report.review_litigation {
        Some(t4) => table_four(&mut out, report, t4),
        None => not_found(&mut out),
    }
    heading(&mut out, 4);
    paragraphs(&mut out, report.sections.problems.as_deref());
    heading(&mut out, 5);
    paragraphs(&mut out, report.sections.other.as_deref());
    out.push_str("</article>\n");
    checks(&mut out, report);
    out.push_str("</body>\n</html>\n");
    out
}

fn not_found(out: &mut String) {
    let _ = writeln!(out, "<p>{}</p>", escape(TABLE_NOT_FOUND));
}

/// How the three value columns are shared among a sub-table's fields.
fn field_spans(n: usize) -> &'static [usize] {
    match n {
        1 => &[3],
        2 => &[1, 2],
        _ => &[1, 1, 1],
    }
}

/// Table 二: one 4-column grid, each sub-table's caption row, its
/// `信息内容` header row, then its rows.
fn table_two(out: &mut String, report: &Report, t2: &ActiveDisclosure) {
    let layout = t2.layout;
    out.push_str("<table class=\"t2\">\n");
    for sub in DisclosureRow::subtables(layout) {
        out.push_str("<tr>");
        th(out, sub.caption, (1, 4), false);
        out.push_str("</tr>\n<tr>");
        th(out, TABLE2_CONTENT, (1, 1), false);
        let spans = field_spans(sub.fields.len());
        for (field, span) in sub.fields.iter().zip(spans) {
            th(out, field.label_in(layout), (1, *span), false);
        }
        out.push_str("</tr>\n");
        for row in sub.rows {
            out.push_str("<tr>");
            th(out, row.label_in(layout), (1, 1), true);
            for (field, span) in sub.fields.iter().zip(spans) {
                let path = ReportPath::disclosure_value(*row, *field);
                td(out, report, t2.get(*row, *field), &path, *span);
            }
            out.push_str("</tr>\n");
        }
    }
    out.push_str("</table>\n");
}

/// Table 三 as the official form: the balance note over three label columns
/// and three header rows, `三、本年度办理结果` and the groups as row spans.
fn table_three(out: &mut String, report: &Report, t3: &Applications) {
    out.push_str("<table class=\"t3\">\n<tr>");
    th(out, TABLE3_BALANCE_NOTE, (3, 3), false);
    th(out, TABLE3_APPLICANTS, (1, 7), false);
    out.push_str("</tr>\n<tr>");
    th(out, Applicant::NaturalPerson.label(), (2, 1), false);
    th(out, TABLE3_LEGAL_PERSONS, (1, 5), false);
    th(out, Applicant::Total.label(), (2, 1), false);
    out.push_str("</tr>\n<tr>");
    for a in Applicant::ALL.iter().filter(|a| a.is_legal_person()) {
        th(out, a.label(), (1, 1), false);
    }
    out.push_str("</tr>\n");
    let rows: Vec<ApplicationRow> = ApplicationRow::for_layout(t3.layout).collect();
    let in_results = |r: &ApplicationRow| r.is_result() || *r == ApplicationRow::TotalProcessed;
    let results = rows.iter().filter(|r| in_results(r)).count();
    for (i, row) in rows.iter().enumerate() {
        out.push_str("<tr>");
        let previous = i.checked_sub(1).and_then(|p| rows.get(p));
        if !in_results(row) {
            th(out, row.label(), (1, 3), true);
        } else {
            if !previous.is_some_and(in_results) {
                th(out, TABLE3_RESULTS, (results, 1), false);
            }
            match row.group() {
                Some(g) => {
                    if previous.and_then(|p| p.group()) != Some(g) {
                        let n = rows
                            .iter()
                            .skip(i)
                            .take_while(|x| x.group() == Some(g))
                            .count();
                        th(out, g.label(), (n, 1), false);
                    }
                    th(out, row.label(), (1, 1), true);
                }
                None => th(out, row.label(), (1, 2), true),
            }
        }
        for a in Applicant::ALL {
            let path = ReportPath::application_value(*row, *a);
            td(out, report, t3.get(*row, *a), &path, 1);
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</table>\n");
}

/// Table 四: 行政复议 over five columns, 行政诉讼 over ten in two blocks,
/// then the row of 15 values.
fn table_four(out: &mut String, report: &Report, t4: &ReviewLitigation) {
    out.push_str("<table class=\"t4\">\n<tr>");
    th(out, LitigationBlock::Review.label(), (1, 5), false);
    th(out, TABLE4_LITIGATION, (1, 10), false);
    out.push_str("</tr>\n<tr>");
    for o in Outcome::ALL {
        th(out, o.label(), (2, 1), false);
    }
    for b in LitigationBlock::ALL.iter().skip(1) {
        th(out, b.label(), (1, 5), false);
    }
    out.push_str("</tr>\n<tr>");
    for _ in LitigationBlock::ALL.iter().skip(1) {
        for o in Outcome::ALL {
            th(out, o.label(), (1, 1), false);
        }
    }
    out.push_str("</tr>\n<tr>");
    for b in LitigationBlock::ALL {
        for o in Outcome::ALL {
            let path = ReportPath::litigation_value(*b, *o);
            td(out, report, t4.get(*b, *o), &path, 1);
        }
    }
    out.push_str("</tr>\n</table>\n");
}

/// The checks that did not pass, beside the article (an `aside`, which the
/// reader leaves out, so that the page reads back as the report alone).
fn checks(out: &mut String, report: &Report) {
    let _ = writeln!(
        out,
        "<aside class=\"checks\">\n<h2>{}</h2>",
        escape(CHECKS_HEADING)
    );
    let failing: Vec<_> = report
        .checks
        .iter()
        .filter(|c| c.status != CheckStatus::Pass)
        .collect();
    if report.checks.is_empty() {
        let _ = writeln!(out, "<p>{}</p>", escape(NO_CHECKS_SENTENCE));
    } else if failing.is_empty() {
        let _ = writeln!(
            out,
            "<p>{}</p>",
            escape(&all_checks_passed(report.checks.len()))
        );
    } else {
        let sentence = checks_not_passed(
            report.checks.len(),
            report.count_checks(CheckStatus::Fail),
            report.count_checks(CheckStatus::Uncertain),
        );
        let _ = writeln!(out, "<p>{}</p>\n<ul>", escape(&sentence));
        for c in failing {
            let status = if c.status == CheckStatus::Fail {
                CHECK_FAILED
            } else {
                CHECK_UNCERTAIN
            };
            let _ = writeln!(
                out,
                "<li>{} <code>{}</code> {}: {}</li>",
                escape(status),
                escape(&c.id),
                escape(c.subject.as_str()),
                escape(&c.message)
            );
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</aside>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape("a<b>&\"c\""), "a&lt;b&gt;&amp;&quot;c&quot;");
    }
}
