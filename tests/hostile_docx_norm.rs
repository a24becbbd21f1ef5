//! Hardening of the DOCX reader, the normalizer and the zip guard (issue
//! #14), end to end through the real binary, on the fixtures made by
//! `cargo xtask fixtures bad` (`xtask/src/bad_docx_norm.rs`): a note in a
//! value cell costs that cell only; spacer rows, deleted rows and a repeated
//! header never move table 三's values; tables nested in a layout table and
//! content embedded by altChunk are read or named; a zip behind a prefix is
//! refused with the way to repair it, for DOCX and XLSX alike.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Exit code, standard output and standard error of `gongkai ARGS`.
fn gongkai(args: &[&str]) -> (Option<i32>, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run gongkai: {e}"));
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The report a fixture converts to.
fn report(fixture: &str) -> Value {
    let path = root().join(fixture);
    let (code, out, err) = gongkai(&["convert", path.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{fixture}: {err}");
    serde_json::from_str(&out).unwrap()
}

/// The value at a dotted path of the report.
fn at<'v>(report: &'v Value, path: &str) -> &'v Value {
    path.split('.').fold(report, |v, k| &v[k])
}

/// The diagnostics with `code`.
fn diagnostics<'v>(report: &'v Value, code: &str) -> Vec<&'v Value> {
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == code)
        .collect()
}

/// No row of any table was lost, read twice or out of its place.
fn no_row_trouble(report: &Value) {
    for code in [
        "row.missing",
        "row.unknown",
        "row.duplicate",
        "row.short",
        "table.missing",
    ] {
        let found = diagnostics(report, code);
        assert!(found.is_empty(), "{code}: {found:#?}");
    }
}

/// The one-line refusal of `file`: it names the file and gives the reason.
fn refusal(file: &Path) -> String {
    let name = file.to_str().unwrap();
    let (code, _, err) = gongkai(&["convert", name]);
    assert_eq!(code, Some(1), "{name}: {err}");
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 1, "{err}");
    let line = lines[0];
    assert!(
        line.starts_with(&format!("gongkai: error: {name}: ")),
        "{line}"
    );
    assert!(!line.contains("panicked"), "{line}");
    line.to_string()
}

#[test]
fn a_note_in_a_value_cell_costs_that_cell_only() {
    let r = report("fixtures/docx/notes-in-cells.docx");
    no_row_trouble(&r);
    for (path, raw) in [
        ("active_disclosure.regulations.made", "见附件"),
        ("active_disclosure.coercion.processed", "x"),
        (
            "applications.rows.denied_state_secret.natural_person",
            "见附件",
        ),
        (
            "applications.rows.not_processed_repeat.legal_person_research",
            "—",
        ),
        ("applications.rows.other_other_reasons.total", "详见附件"),
        ("review_litigation.review.other", "见附件"),
    ] {
        assert_eq!(at(&r, path), &Value::Null, "{path}");
        let said = r["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["path"] == path)
            .unwrap_or_else(|| panic!("nothing said about {path}"));
        assert_eq!(said["raw"], raw, "{path}");
        assert!(said["at"].as_str().unwrap().starts_with("table "), "{said}");
    }
    // The rest of each row, and the rest of table 四, are read.
    assert_eq!(at(&r, "active_disclosure.regulations.valid"), 15);
    assert_eq!(at(&r, "applications.rows.denied_state_secret.total"), 13);
    assert_eq!(
        at(&r, "applications.rows.other_other_reasons.natural_person"),
        5
    );
    assert_eq!(at(&r, "review_litigation.review.total"), 5);
    assert_eq!(at(&r, "review_litigation.litigation_post_review.total"), 2);
}

#[test]
fn spacers_deletions_and_a_repeated_header_never_move_table_three() {
    let r = report("fixtures/docx/table-three-breaks.docx");
    no_row_trouble(&r);
    let row = |key: &str| -> Vec<i64> {
        let row = at(&r, &format!("applications.rows.{key}"));
        gongkai::report::Applicant::ALL
            .iter()
            .map(|c| row[c.key()].as_i64().unwrap_or(-1))
            .collect()
    };
    // The deleted copy held 93–99; the real row follows it.
    assert_eq!(row("denied_law_forbidden"), [6, 2, 0, 0, 0, 0, 8]);
    // Deleted 17, inserted 11.
    assert_eq!(row("denied_third_party_rights")[0], 11);
    // The header's 其他 once took a spacer's blanks for this row.
    assert_eq!(row("other_other_reasons"), [5, 0, 1, 0, 1, 0, 7]);
    assert_eq!(row("unable_no_info"), [0, 1, 1, 0, 0, 0, 2]);
    assert_eq!(diagnostics(&r, "docx.deleted_row").len(), 1);
    // A deleted cell (97) among this row's values: the cells after it move
    // left into its place.
    assert_eq!(row("denied_process_info"), [4, 0, 0, 0, 0, 0, 4]);
    assert_eq!(diagnostics(&r, "docx.deleted_cell").len(), 1);
    let failed: Vec<&Value> = r["checks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["status"] != "pass" && c["id"].as_str().unwrap().starts_with("t3"))
        .collect();
    assert!(failed.is_empty(), "{failed:#?}");
}

#[test]
fn tables_nested_in_a_layout_table_are_found() {
    let r = report("fixtures/docx/layout-table.docx");
    no_row_trouble(&r);
    assert_eq!(r["year"], 2023);
    assert_eq!(r["organ"], "某某市某某区人民政府");
    assert_eq!(at(&r, "active_disclosure.licensing.processed"), 9487);
    assert_eq!(at(&r, "applications.rows.new_received.total"), 161);
    assert_eq!(at(&r, "review_litigation.review.total"), 5);
    assert!(at(&r, "sections.problems")
        .as_str()
        .unwrap()
        .contains("及时性"));
    // The page's table and table 三's frame.
    assert_eq!(diagnostics(&r, "table.layout").len(), 2);
}

#[test]
fn alt_chunks_are_read_or_named() {
    let r = report("fixtures/docx/alt-chunk.docx");
    no_row_trouble(&r);
    // Section 四, embedded as a Word document, is read where it stands.
    assert_eq!(at(&r, "review_litigation.litigation_direct.total"), 4);
    let chunks = diagnostics(&r, "docx.alt_chunk");
    assert_eq!(chunks.len(), 2, "{chunks:#?}");
    let html = chunks
        .iter()
        .find(|d| d["raw"] == "word/afchunk-note.htm")
        .unwrap();
    assert_eq!(html["severity"], "warning");
    assert!(html["message"].as_str().unwrap().contains("HTML"), "{html}");
}

#[test]
fn an_embedded_zip_bomb_is_stopped_by_the_limits() {
    let line = refusal(&root().join("fixtures/bad/docx-alt-chunk-bomb.docx"));
    assert!(line.contains("--max-zip-ratio"), "{line}");
    assert!(line.contains("word/bomb.docx"), "{line}");
}

#[test]
fn a_zip_behind_a_prefix_is_refused_with_the_repair() {
    for (file, prefix) in [
        ("zip-prefixed.docx", 141),
        ("zip-prefixed.xlsx", 141),
        ("zip-sfx-stub.docx", 512),
    ] {
        let path = root().join("fixtures/bad").join(file);
        let line = refusal(&path);
        let format = &file[file.len() - 4..];
        let starts =
            format!("not a valid {format} file: the zip package starts after {prefix} bytes");
        assert!(line.contains(&starts), "{line}");
        // The repair the message gives makes the file readable: cutting
        // the bytes off, or (a stub the offsets count) `zip -J`.
        let dir = tempfile::tempdir().unwrap();
        let fixed = dir.path().join(format!("fixed.{format}"));
        let bytes = std::fs::read(&path).unwrap();
        let tail = format!("tail -c +{} FILE > fixed.{format}", prefix + 1);
        if line.ends_with(&tail) {
            std::fs::write(&fixed, &bytes[prefix..]).unwrap();
        } else {
            assert!(line.ends_with("zip -J FILE"), "{line}");
            std::fs::write(&fixed, &bytes).unwrap();
            let zip = Command::new("zip").arg("-qJ").arg(&fixed).status();
            if !zip.is_ok_and(|s| s.success()) {
                eprintln!("zip (Info-ZIP) not found; the repair of {file} is not tried");
                continue;
            }
        }
        let (code, _, err) = gongkai(&["convert", fixed.to_str().unwrap()]);
        assert_eq!(code, Some(0), "{file} repaired: {err}");
    }
}

/// Behind a prefix the content only may be a package (a PDF with a zip
/// appended stays a PDF): a workbook is never taken for a Word document,
/// but between the two the extension breaks the tie. Either way the
/// refusal says what to do.
#[test]
fn a_prefixed_package_is_refused_whatever_its_name() {
    let dir = tempfile::tempdir().unwrap();
    let bad = root().join("fixtures/bad");
    for (from, to, format) in [
        ("zip-prefixed.docx", "report.xlsx", "xlsx"),
        ("zip-prefixed.xlsx", "report.docx", "xlsx"),
        ("zip-prefixed.xlsx", "report.bin", "xlsx"),
        ("zip-prefixed.docx", "report", "docx"),
    ] {
        let path = dir.path().join(to);
        std::fs::copy(bad.join(from), &path).unwrap();
        let line = refusal(&path);
        let reason = format!("not a valid {format} file: the zip package starts after 141 bytes");
        assert!(line.contains(&reason), "{line}");
        let (code, _, err) = gongkai(&["inspect", path.to_str().unwrap()]);
        assert_eq!(code, Some(1), "{err}");
        assert_eq!(err.lines().count(), 1, "{err}");
    }
}
