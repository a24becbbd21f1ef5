//! The standardized XLSX, end to end through the real binary: numbers
//! right-aligned, A4 portrait 表三 and landscape 表四 with print titles,
//! failed-check cells red and uncertain ones amber with a note giving the
//! rule, the 检查 sheet in Chinese with failures first; and the summary
//! workbook's fitted widths, frozen header row and autofilter.

#[path = "support/binary.rs"]
mod binary;

use std::io::Read;
use std::path::Path;
use std::process::Command;

use binary::{fixture, BIN};

/// The text of one part of a zip package.
fn part(package: &Path, name: &str) -> String {
    let file = std::fs::File::open(package).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut entry = zip.by_name(name).unwrap_or_else(|e| panic!("{name}: {e}"));
    let mut text = String::new();
    entry.read_to_string(&mut text).unwrap();
    text
}

/// Runs gongkai, which must succeed.
fn gongkai_ok(args: &[&std::ffi::OsStr]) {
    let out = Command::new(BIN).args(args).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn convert(input: &Path, output: &Path) {
    gongkai_ok(&[
        "convert".as_ref(),
        input.as_os_str(),
        "-o".as_ref(),
        output.as_os_str(),
    ]);
}

#[test]
fn the_workbook_marks_failed_checks_and_prints_on_a4() {
    let tmp = tempfile::tempdir().unwrap();
    let xlsx = tmp.path().join("mistakes.xlsx");
    convert(&fixture("docx/printed-mistakes.docx"), &xlsx);
    // Sheets in order: 正文, 表二, 表三, 表四, 检查.
    let t3 = part(&xlsx, "xl/worksheets/sheet3.xml");
    let t4 = part(&xlsx, "xl/worksheets/sheet4.xml");
    assert!(t3.contains("paperSize=\"9\""), "{t3}");
    assert!(t3.contains("orientation=\"portrait\""), "{t3}");
    assert!(t4.contains("paperSize=\"9\""), "{t4}");
    assert!(t4.contains("orientation=\"landscape\""), "{t4}");
    let workbook = part(&xlsx, "xl/workbook.xml");
    for (sheet, rows) in [("2", "表三!$3:$5"), ("3", "表四!$3:$5")] {
        let title = format!(
            "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"{sheet}\">{rows}</definedName>"
        );
        assert!(workbook.contains(&title), "{title} not in {workbook}");
    }
    let styles = part(&xlsx, "xl/styles.xml");
    assert!(styles.contains("horizontal=\"right\""), "{styles}");
    assert!(styles.contains("FFFFC7CE"), "no red fill: {styles}");
    // The notes of 表三 give the rule and the numbers.
    let notes = part(&xlsx, "xl/comments1.xml");
    assert!(
        notes.contains("未通过：表三：（七）总计 = 三、本年度办理结果各项之和"),
        "{notes}"
    );
    assert!(notes.contains("= 189, （七）总计 199"), "{notes}");
    let notes = part(&xlsx, "xl/comments2.xml");
    assert!(notes.contains("未通过：表四：总计 = 结果维持"), "{notes}");
    // The 检查 sheet, as gongkai's own reader sees it: Chinese headers,
    // the four failures first.
    let out = Command::new(BIN)
        .arg("inspect")
        .arg(&xlsx)
        .output()
        .unwrap();
    let grid = String::from_utf8_lossy(&out.stdout).into_owned();
    let rows: Vec<&str> = grid
        .lines()
        .skip_while(|l| !l.contains("| 规则 | 结果 | 对象 | 应为 | 实为 | 说明"))
        .skip(1)
        .take(6)
        .collect();
    assert_eq!(rows.len(), 6, "{grid}");
    for row in &rows[..4] {
        assert!(row.contains(" | 未通过 | "), "{row}");
    }
    assert!(rows[4].contains(" | 通过 | "), "{}", rows[4]);
    assert!(rows[0].contains("（t3.balance）"), "{}", rows[0]);
}

#[test]
fn an_uncertain_check_is_amber() {
    let tmp = tempfile::tempdir().unwrap();
    let xlsx = tmp.path().join("blank.xlsx");
    convert(&fixture("samples/template-2021.docx"), &xlsx);
    let styles = part(&xlsx, "xl/styles.xml");
    assert!(styles.contains("FFFFEB9C"), "no amber fill: {styles}");
    // A blank template: uncertain everywhere, 表二 (comments1) and 表三.
    let notes = part(&xlsx, "xl/comments1.xml");
    assert!(notes.contains("无法判断：表二："), "{notes}");
    let notes = part(&xlsx, "xl/comments2.xml");
    assert!(notes.contains("无法判断：表三："), "{notes}");
}

#[test]
fn the_summary_workbook_has_fitted_widths_a_frozen_header_and_an_autofilter() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    std::fs::copy(
        fixture("samples/hzq2024.pdf"),
        input.join("a-long-file-name-for-the-width.pdf"),
    )
    .unwrap();
    std::fs::copy(fixture("docx/printed-mistakes.docx"), input.join("b.docx")).unwrap();
    let summary = tmp.path().join("s.xlsx");
    let out_dir = tmp.path().join("out");
    gongkai_ok(&[
        "convert".as_ref(),
        input.as_os_str(),
        "-o".as_ref(),
        out_dir.as_os_str(),
        "--summary".as_ref(),
        summary.as_os_str(),
    ]);
    let sheet = part(&summary, "xl/worksheets/sheet1.xml");
    assert!(sheet.contains("<autoFilter ref=\"A1:Q3\"/>"), "{sheet}");
    assert!(sheet.contains("state=\"frozen\""), "{sheet}");
    // The path column is as wide as its longest path; the year column narrow.
    let width = |col: usize| -> f64 {
        let key = format!("<col min=\"{col}\" max=\"");
        let at = sheet
            .find(&key)
            .unwrap_or_else(|| panic!("no col {col}: {sheet}"));
        let rest = &sheet[at..];
        let w = rest.split("width=\"").nth(1).unwrap_or_default();
        w.split('"')
            .next()
            .unwrap_or_default()
            .parse()
            .unwrap_or(0.0)
    };
    let path_len = input
        .join("a-long-file-name-for-the-width.pdf")
        .to_string_lossy()
        .len() as f64;
    assert!(width(1) > path_len, "{} for a path of {path_len}", width(1));
    assert!(width(4) < 12.0, "{}", width(4));
}
