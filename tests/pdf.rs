//! The page-break sweep, end to end: the real binary converts every variant
//! of the sample report under `fixtures/pdf/sweep/` (the page break moved to
//! every row of 表三 and 表四, see `BREAKS.txt` there) and each must hold
//! the sample's hand-checked expected report. One named test per variant
//! (`cargo test --test pdf h558`). Besides, the combined PDF's one
//! second-report diagnostic, and the warning for text outside every cell.

mod common;

use std::path::{Path, PathBuf};

use libtest_mimic::{Arguments, Failed, Trial};

fn main() {
    let args = Arguments::from_args();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let dir = root.join("fixtures/pdf/sweep");
    let variants = gongkai_testkit::fixtures::files_in(&dir, &["pdf"]);
    assert!(
        variants.len() >= 30,
        "sweep variants not found in {}",
        dir.display()
    );
    let expected = dir.join("hzq.expected.json");
    let mut trials: Vec<Trial> = variants
        .into_iter()
        .map(|pdf| {
            let name = pdf
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or_default()
                .replace('-', "_");
            let (root, expected) = (root.clone(), expected.clone());
            Trial::test(format!("sweep::{name}"), move || {
                converts_to(&root, &pdf, &expected)
            })
        })
        .collect();
    let dir = root.join("fixtures/pdf");
    let outside = dir.join("doubt-outside-cells.pdf");
    let continued = dir.join("doubt-continued-digit-lines.pdf");
    let on_rule = dir.join("doubt-on-row-rule.pdf");
    trials.push(Trial::test(
        "combined_two_reports_is_said_once",
        move || combined_two_reports_is_said_once(&dir),
    ));
    trials.push(Trial::test(
        "text_outside_cells_names_page_and_cell",
        move || text_outside_cells_names_page_and_cell(&outside),
    ));
    trials.push(Trial::test(
        "doubt_on_a_continued_page_names_the_row_inspect_shows",
        move || doubt_on_a_continued_page_names_the_row_inspect_shows(&continued),
    ));
    trials.push(Trial::test(
        "value_on_a_row_rule_names_page_and_cell",
        move || value_on_a_row_rule_names_page_and_cell(&on_rule),
    ));
    libtest_mimic::run(&args, trials).exit();
}

fn converts_to(root: &Path, pdf: &Path, expected: &Path) -> Result<(), Failed> {
    let rel = pdf.strip_prefix(root).unwrap_or(pdf).to_string_lossy();
    common::converts_to_expected(root, &rel, expected).map_err(Failed::from)
}

/// An organ's combined PDF (two reports, the second from page 3): the first
/// is read, one diagnostic names where the second begins, and its tables
/// are not read as duplicate rows.
fn combined_two_reports_is_said_once(dir: &Path) -> Result<(), Failed> {
    let pdf = dir.join("combined-two-reports.pdf");
    let out = common::gongkai(&["convert", pdf.to_str().unwrap_or_default()]);
    let report: serde_json::Value =
        serde_json::from_slice(&out.stdout).map_err(|e| format!("not JSON: {e}"))?;
    let diagnostics = report["diagnostics"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let second: Vec<_> = diagnostics
        .iter()
        .filter(|d| d["code"] == "document.second_report")
        .collect();
    if second.len() != 1 {
        return Err(format!(
            "{} second-report diagnostics: {diagnostics:?}",
            second.len()
        )
        .into());
    }
    let at = second
        .first()
        .and_then(|d| d["at"].as_str())
        .unwrap_or_default();
    if !at.starts_with("page 3 ") {
        return Err(format!("the second report is said to begin at {at:?}, not on page 3").into());
    }
    if diagnostics.iter().any(|d| d["code"] == "row.duplicate") {
        return Err(
            format!("rows of the second report read as duplicates: {diagnostics:?}").into(),
        );
    }
    Ok(())
}

/// `567` printed just under a table's bottom rule, in its second column
/// (`xtask/pdf/outside.py`): a warning naming page 1, the last row (2) and
/// the second column, as `inspect` numbers them, and the number not read
/// into any cell.
fn text_outside_cells_names_page_and_cell(pdf: &Path) -> Result<(), Failed> {
    let out = common::gongkai(&["inspect", pdf.to_str().unwrap_or_default()]);
    let text = String::from_utf8_lossy(&out.stdout);
    let want = "pdf.table.text_outside_cells: page 1, below table row 2, column 2: \"567\"";
    if !text.contains(want) {
        return Err(format!("no {want:?} in:\n{text}").into());
    }
    if text.lines().any(|l| l.contains('|') && l.contains("567")) {
        return Err(format!("567 was read into a cell:\n{text}").into());
    }
    Ok(())
}

/// `12` drawn on the rule under its row (`xtask/pdf/on_rule.py`): read into
/// the row holding its middle (row 1), with a warning naming page 1, row 1,
/// column 2 and the whole value, in `inspect` and in `convert`'s JSON.
fn value_on_a_row_rule_names_page_and_cell(pdf: &Path) -> Result<(), Failed> {
    let path = pdf.to_str().unwrap_or_default();
    let out = common::gongkai(&["inspect", path]);
    let text = String::from_utf8_lossy(&out.stdout);
    let want = "page 1, table row 1, column 2: \"12\" sits on the rule between two rows";
    if !text.contains(&format!("pdf.cell.between_rows: {want}")) {
        return Err(format!("no {want:?} in:\n{text}").into());
    }
    if !text.lines().any(|l| l.trim() == "1 | 规章 | 12") {
        return Err(format!("12 is not in row 1:\n{text}").into());
    }
    let said = warning_in_json(path, "pdf.cell.between_rows")?;
    if !said.starts_with(want) {
        return Err(format!("convert says {said:?}").into());
    }
    Ok(())
}

/// A table continued on page 2 with two short digit lines in its last row
/// (`xtask/pdf/continued.py`): `inspect` shows the joined table, and the
/// `pdf.cell.digit_lines` warning, in `inspect` and in `convert`'s JSON,
/// names the row and column under which `inspect` shows the cell (row 4,
/// not page 2's own row 2).
fn doubt_on_a_continued_page_names_the_row_inspect_shows(pdf: &Path) -> Result<(), Failed> {
    let path = pdf.to_str().unwrap_or_default();
    let out = common::gongkai(&["inspect", path]);
    let text = String::from_utf8_lossy(&out.stdout);
    // The cell whose source lines are 7 and 8, as inspect numbers it.
    let cell = text
        .lines()
        .map(str::trim)
        .find(|l| l.ends_with("\"8\" page 2 (x 164, y 66)"))
        .and_then(|l| l.split(':').next())
        .ok_or_else(|| format!("no cell with 7 over 8 in:\n{text}"))?;
    let (row, col) = cell
        .trim_start_matches('r')
        .split_once(" c")
        .ok_or_else(|| format!("not a cell: {cell}"))?;
    if (row, col) != ("4", "2") {
        return Err(format!("the joined table's cell is {cell}, not r4 c2:\n{text}").into());
    }
    let want = format!("page 2, table row {row}, column {col}: the lines");
    let warning = text
        .lines()
        .find(|l| l.contains("pdf.cell.digit_lines"))
        .ok_or_else(|| format!("no digit_lines warning:\n{text}"))?;
    if !warning.contains(&want) {
        return Err(format!("{warning:?} does not name {cell}").into());
    }
    let said = warning_in_json(path, "pdf.cell.digit_lines")?;
    if !said.starts_with(&want) {
        return Err(format!("convert says {said:?}, inspect shows {cell}").into());
    }
    Ok(())
}

/// The message of the `warning` diagnostic `code` in `convert`'s JSON of `path`.
fn warning_in_json(path: &str, code: &str) -> Result<String, Failed> {
    let out = common::gongkai(&["convert", path]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout)?;
    report["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|d| d["code"] == code && d["severity"] == "warning")
        .and_then(|d| d["message"].as_str())
        .map(str::to_string)
        .ok_or_else(|| format!("no {code} warning in {report}").into())
}
