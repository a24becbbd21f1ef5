//! Hostile spreadsheets and awkward text through the real binary (issue
//! #14): merged ranges and ODS repeats count towards `--max-cells` before
//! any work as large as their area; many merges are laid out in linear
//! time; hidden rows and columns and date formats do not change numbers;
//! text with tabs in its alignment, CR line ends, a BOM on every line,
//! UTF-16 without a BOM or NUL padding reads as the original, and a NUL
//! inside the text is refused with where it is.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use common::json_subset_mismatches;
use serde_json::Value;

/// Wall time allowed per file (debug build, machine shared with others).
const MAX_TIME: Duration = Duration::from_secs(10);

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn run(args: &[&str]) -> (Output, Duration) {
    let start = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .current_dir(root())
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run gongkai: {e}"));
    (out, start.elapsed())
}

/// The one stderr line of a clean refusal of `file` (exit 1, in time,
/// naming the file); panics with what went wrong otherwise.
fn refusal(file: &str, extra: &[&str]) -> String {
    let mut args = vec!["convert", file];
    args.extend_from_slice(extra);
    let (out, took) = run(&args);
    let stderr = String::from_utf8_lossy(&out.stderr).trim_end().to_string();
    assert_eq!(out.status.code(), Some(1), "{file}: {stderr}");
    assert!(took < MAX_TIME, "{file}: took {took:?}");
    assert_eq!(stderr.lines().count(), 1, "{file}: {stderr}");
    assert!(
        stderr.starts_with(&format!("gongkai: error: {file}: ")),
        "{file}: {stderr}"
    );
    stderr
}

/// The JSON report of `file`, which must convert.
fn report(file: &str) -> Value {
    let (out, took) = run(&["convert", file, "--compact"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{file}: {stderr}");
    assert!(took < MAX_TIME, "{file}: took {took:?}");
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{file}: {e}"))
}

fn expected(file: &str) -> Value {
    let text = std::fs::read_to_string(root().join(file)).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn mismatches(file: &str, want: &Value) -> Vec<String> {
    json_subset_mismatches(want, &report(file))
}

#[test]
fn one_merge_over_the_whole_sheet_is_refused_by_max_cells() {
    for file in [
        "fixtures/bad/xlsx-huge-merge.xlsx",
        "fixtures/bad/ods-huge-span.ods",
    ] {
        let r = refusal(file, &[]);
        assert!(r.contains("--max-cells"), "{r}");
        assert!(r.contains("17179852800 cells in merged ranges"), "{r}");
    }
}

#[test]
fn overlapping_merges_count_every_time() {
    let r = refusal("fixtures/bad/xlsx-overlapping-merges.xlsx", &[]);
    assert!(r.contains("3920000 cells in merged ranges"), "{r}");
    assert!(r.contains("--max-cells"), "{r}");
}

#[test]
fn ods_repeats_are_counted_before_calamine_builds_them() {
    for file in [
        "fixtures/bad/ods-huge-repeat-rows.ods",
        "fixtures/bad/ods-huge-repeat-cols.ods",
    ] {
        let r = refusal(file, &[]);
        assert!(r.contains("--max-cells"), "{r}");
    }
}

#[test]
fn forty_thousand_merges_are_laid_out_in_linear_time() {
    // Refused by default: the merges widen the sheet past the limit.
    let file = "fixtures/bad/xlsx-many-merges.xlsx";
    let r = refusal(file, &[]);
    assert!(
        r.contains("merged ranges included") && r.contains("--max-cells"),
        "{r}"
    );
    // With the limit raised it is read; the layout was quadratic in the
    // number of ranges (54 s in a debug build).
    let (out, took) = run(&["inspect", file, "--max-cells", "1000000"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(took < MAX_TIME, "took {took:?}");
}

/// The decoy workbook's hidden row (99) and column (88) are not read.
fn decoys_are_skipped(name: &str, ext: &str) {
    let file = format!("fixtures/xlsx/{name}.{ext}");
    let want = expected(&format!("fixtures/xlsx/{name}.expected.json"));
    let problems = mismatches(&file, &want);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let (out, _) = run(&["inspect", &file]);
    let ir = String::from_utf8_lossy(&out.stdout);
    assert!(!ir.contains("99") && !ir.contains("88"), "{ir}");
}

#[test]
fn hidden_decoy_row_and_column_are_skipped() {
    decoys_are_skipped("hidden-decoy", "xlsx");
}

/// LibreOffice's ODS marks them `table:visibility="collapse"`.
#[test]
fn hidden_decoy_row_and_column_are_skipped_in_ods() {
    decoys_are_skipped("hidden-decoy-ods", "ods");
}

/// An XLS marks them in its `ROW` and `COLINFO` records.
#[test]
fn hidden_decoy_row_and_column_are_skipped_in_xls() {
    decoys_are_skipped("hidden-decoy-xls", "xls");
}

#[test]
fn date_formatted_numbers_keep_their_numbers() {
    let file = "fixtures/xlsx/date-formats.xlsx";
    let want = expected("fixtures/xlsx/date-formats.expected.json");
    let problems = mismatches(file, &want);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let json = report(file);
    assert_eq!(
        json["applications"]["rows"]["new_received"]["natural_person"],
        12
    );
    let (out, _) = run(&["inspect", file]);
    let ir = String::from_utf8_lossy(&out.stdout);
    // Only the diagnostic shows the dates, as the workbook showed them.
    let cells = ir.lines().filter(|l| !l.starts_with("diagnostic"));
    assert!(!cells.clone().any(|l| l.contains("1900-")), "{ir}");
    assert!(
        ir.contains("the first shows 1900-01-12 and reads 12"),
        "{ir}"
    );
}

/// Each awkward form of `hzq2024-layout.txt` reads the base's values.
#[test]
fn text_variants_read_as_the_layout_text() {
    let base = expected("fixtures/text/hzq2024-layout.expected.json");
    let variants = [
        ("tabs", "text.tabs_expanded"),
        ("cr", "text.line_ends"),
        ("bom-lines", "text.bom_inside"),
        ("utf16le", "text.encoding"),
        ("utf16be", "text.encoding"),
        ("nul-padded", "text.nul_padding"),
    ];
    let mut failures = Vec::new();
    for (variant, code) in variants {
        let file = format!("fixtures/text/hzq2024-layout-{variant}.txt");
        let json = report(&file);
        let problems = json_subset_mismatches(&base, &json);
        if !problems.is_empty() {
            failures.push(format!("{file}:\n  {}", problems.join("\n  ")));
        }
        let said = json["diagnostics"]
            .as_array()
            .is_some_and(|d| d.iter().any(|d| d["code"] == code));
        if !said {
            failures.push(format!("{file}: no {code} diagnostic"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn nul_inside_text_is_refused_with_its_place() {
    for (file, encoding) in [
        ("fixtures/bad/text-nul.txt", "UTF-8"),
        ("fixtures/bad/text-utf16-nul.txt", "UTF-16LE"),
    ] {
        let r = refusal(file, &[]);
        assert!(
            r.contains(&format!("the {encoding} text holds a NUL character")),
            "{r}"
        );
        assert!(r.contains("line 95, column 47"), "{r}");
    }
}

/// Every file this test relies on exists (they are made by `cargo xtask
/// fixtures bad`).
#[test]
fn fixtures_are_present() {
    for f in [
        "fixtures/bad/xlsx-huge-merge.xlsx",
        "fixtures/bad/xlsx-many-merges.xlsx",
        "fixtures/bad/xlsx-overlapping-merges.xlsx",
        "fixtures/bad/ods-huge-span.ods",
        "fixtures/bad/ods-huge-repeat-rows.ods",
        "fixtures/bad/ods-huge-repeat-cols.ods",
        "fixtures/bad/text-nul.txt",
        "fixtures/bad/text-utf16-nul.txt",
    ] {
        assert!(Path::new(&root().join(f)).is_file(), "{f} is missing");
    }
}
