//! End to end: the real binary converts every fixture that has a
//! `NAME.expected.json` beside it, and the output must hold the expected
//! subset (see `fixtures/samples/README.md` for the comparison rules).

mod common;

use std::path::{Path, PathBuf};

use common::{gongkai, json_subset_mismatches};

/// Every fixture input with an expected file beside it.
fn fixtures() -> Vec<(PathBuf, PathBuf)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut out = Vec::new();
    let mut dirs = vec![root];
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
                continue;
            }
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default();
            if name.ends_with(".expected.json") || name.starts_with('.') {
                continue;
            }
            let stem = name.rsplit_once('.').map(|(s, _)| s).unwrap_or(name);
            let expected = path.with_file_name(format!("{stem}.expected.json"));
            if expected.exists() {
                out.push((path, expected));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn every_fixture_converts_to_its_expected_json() {
    let fixtures = fixtures();
    assert!(fixtures.len() >= 6, "fixtures not found");
    let mut failures = Vec::new();
    for (input, expected) in &fixtures {
        let out = gongkai(&["convert", input.to_str().unwrap_or_default()]);
        if !out.status.success() {
            failures.push(format!(
                "{}: exit {:?}: {}",
                input.display(),
                out.status.code(),
                String::from_utf8_lossy(&out.stderr)
            ));
            continue;
        }
        let actual: serde_json::Value = match serde_json::from_slice(&out.stdout) {
            Ok(v) => v,
            Err(e) => {
                failures.push(format!("{}: output is not JSON: {e}", input.display()));
                continue;
            }
        };
        let expected: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(expected).unwrap_or_default())
                .unwrap_or_else(|e| panic!("{}: {e}", expected.display()));
        for m in json_subset_mismatches(&expected, &actual) {
            failures.push(format!("{}: {m}", input.display()));
        }
    }
    assert!(
        failures.is_empty(),
        "{} mismatches:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
