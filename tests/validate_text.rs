//! `gongkai validate` for people, end to end: one compact line per failed
//! or uncertain check, `-v` for every operand, a closing totals line, and
//! colour only on a terminal and never with `NO_COLOR`.

#![cfg(unix)]

#[path = "support/binary.rs"]
mod binary;
#[path = "support/pty.rs"]
mod pty;

use std::process::Command;

use binary::{fixture, BIN};

fn validate(args: &[&str]) -> (Option<i32>, String) {
    let out = Command::new(BIN)
        .arg("validate")
        .args(args)
        .output()
        .expect("cannot run gongkai");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn a_failed_sum_is_one_compact_line_and_v_shows_every_operand() {
    let mistakes = fixture("docx/printed-mistakes.docx");
    let (code, text) = validate(&[mistakes.to_str().unwrap()]);
    assert_eq!(code, Some(1));
    assert!(
        text.contains("  FAIL t3.results_total 表三 （七）总计 总计: 10+21+…+6=189 ≠ 199\n"),
        "{text}"
    );
    assert!(
        text.contains("  FAIL t3.balance 表三 总计: 199+7=206 ≠ 187+9=196\n"),
        "{text}"
    );
    let (_, verbose) = validate(&["-v", mistakes.to_str().unwrap()]);
    assert!(
        verbose.contains(
            "表三 （七）总计 总计: 10+21+11+10+5+5+15+10+8+10+14+7+8+12+12+0+8+6+6+5+6=189 ≠ 199"
        ),
        "{verbose}"
    );
    // -v adds the check's report path and its message.
    assert!(verbose.contains("applications.rows.total_processed.total: 总计: （一）予以公开 10"));
}

#[test]
fn uncertain_checks_are_listed_and_a_closing_line_totals_the_run() {
    let blank = fixture("samples/template-2021.docx");
    let mistakes = fixture("docx/printed-mistakes.docx");
    let sample = fixture("samples/hzq2024.pdf");
    let broken = fixture("bad/truncated.pdf");
    let (code, text) = validate(&[
        blank.to_str().unwrap(),
        mistakes.to_str().unwrap(),
        sample.to_str().unwrap(),
        broken.to_str().unwrap(),
    ]);
    assert_eq!(code, Some(1));
    assert!(
        text.contains("  UNCERTAIN t4.block_total 表四 行政复议: 5 cells, 5 blank\n"),
        "{text}"
    );
    assert_eq!(text.matches("  UNCERTAIN ").count(), 53, "{text}");
    let last = text.lines().last().unwrap_or_default();
    assert_eq!(
        last,
        "validated 4 files: 1 without failed checks, 1 with failed checks (4 failed, 53 uncertain checks in all), 1 incomplete, 1 not read, 0 unsupported",
        "{text}"
    );
    // Without a terminal, no colour.
    assert!(!text.contains('\x1b'));
}

/// `validate` of a report with failed checks, its output on a terminal.
fn on_terminal(no_color: Option<&str>) -> String {
    let mut command = Command::new(BIN);
    command.args([
        "validate",
        fixture("docx/printed-mistakes.docx").to_str().unwrap(),
    ]);
    command.env_remove("NO_COLOR");
    if let Some(v) = no_color {
        command.env("NO_COLOR", v);
    }
    let (child, seen) = pty::spawn(command, pty::On::Stdout);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    String::from_utf8_lossy(&seen.join().unwrap()).into_owned()
}

#[test]
fn colour_on_a_terminal_unless_no_color() {
    let coloured = on_terminal(None);
    assert!(
        coloured.contains("\x1b[1;31mFAIL\x1b[0m t3.balance"),
        "{coloured}"
    );
    let plain = on_terminal(Some("1"));
    assert!(plain.contains("FAIL t3.balance"), "{plain}");
    assert!(!plain.contains('\x1b'), "{plain}");
}

/// What `gongkai inspect` prints for a fixture.
fn inspect(rel: &str) -> String {
    let out = Command::new(BIN)
        .arg("inspect")
        .arg(fixture(rel))
        .output()
        .expect("cannot run gongkai");
    assert!(out.status.success());
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The grid lines of the table `inspect` shows at `at` (its header line
/// ends `@ AT`), by row number as shown.
fn grid_rows(inspect: &str, at: &str) -> Vec<(usize, String)> {
    let mut lines = inspect
        .lines()
        .skip_while(|l| !l.ends_with(&format!("@ {at}")));
    assert!(lines.next().is_some(), "no table @ {at} in\n{inspect}");
    lines
        .take_while(|l| !l.starts_with('['))
        .filter_map(|l| {
            let (number, cells) = l.split_once(" | ")?;
            Some((number.trim().parse().ok()?, cells.to_string()))
        })
        .collect()
}

/// The row `validate` says a failed rule's cells were read from is the row
/// `inspect` shows under that number: both count tables and rows from 1.
#[test]
fn the_row_validate_names_is_the_row_inspect_shows() {
    let rel = "docx/printed-mistakes.docx";
    let (_, text) = validate(&[fixture(rel).to_str().unwrap()]);
    let shown = inspect(rel);
    let mut compared = 0;
    for line in text.lines() {
        // `applications.rows.total_processed read at table 2 row 27 cell 1`
        let Some((path, at)) = line.trim().split_once(" read at ") else {
            continue;
        };
        let Some(key) = path.strip_prefix("applications.rows.") else {
            continue;
        };
        let label = gongkai::report::ApplicationRow::from_key(key)
            .unwrap()
            .label();
        let (table, rest) = at
            .strip_prefix("table ")
            .and_then(|t| t.split_once(" row "))
            .unwrap();
        let row: usize = rest.split(' ').next().unwrap().parse().unwrap();
        let rows = grid_rows(&shown, &format!("table {table} row 1 cell 1"));
        let cells = rows
            .iter()
            .find(|(n, _)| *n == row)
            .map(|(_, cells)| cells.as_str())
            .unwrap_or_else(|| panic!("inspect shows no row {row} of table {table}"));
        assert!(
            cells.contains(label),
            "validate: {path} at table {table} row {row}; inspect's row {row}: {cells}"
        );
        compared += 1;
    }
    assert!(compared >= 10, "{text}");
}

/// The row and column a reader's warning names (`table row 14, column 5`)
/// are those `inspect` shows the cell under, in its grid and its list of
/// source lines.
#[test]
fn the_cell_a_warning_names_is_the_cell_inspect_shows() {
    let shown = inspect("pdf/break-wrapped-numbers.pdf");
    let warning = shown
        .lines()
        .find(|l| l.contains("pdf.cell.number_across_pages"))
        .unwrap_or_else(|| panic!("no joined number in\n{shown}"));
    // `… page 3, table row 14, column 5: digits … joined into "18170"`
    let number = |after: &str| -> usize {
        let rest = warning.split(after).nth(1).unwrap();
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        digits.parse().unwrap()
    };
    let (row, col) = (number("table row "), number("column "));
    let joined = warning
        .rsplit("joined into ")
        .next()
        .unwrap()
        .trim_matches('"');
    let rows = grid_rows(&shown, "page 2 (x 76, y 72)");
    let cells = &rows.iter().find(|(n, _)| *n == row).unwrap().1;
    let cell = cells.split(" | ").nth(col - 1).unwrap();
    assert_eq!(cell, joined, "row {row}: {cells}");
    let sources = format!("r{row} c{col}: ");
    let lines = shown.lines().find(|l| l.trim_start().starts_with(&sources));
    assert!(
        lines.is_some_and(|l| l.contains("page 3")),
        "{sources} {lines:?}"
    );
}
