//! Helpers shared by the end-to-end tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Run the real binary.
pub fn gongkai(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run gongkai: {e}"))
}

/// Run the real binary in `dir`.
pub fn gongkai_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run gongkai: {e}"))
}

/// A fixture's test name: its directory under `fixtures/` and its stem,
/// as identifiers (`fixtures/docx/label-variants.docx` → `docx::label_variants`).
pub fn test_name(root: &Path, input: &Path) -> String {
    let rel = input.strip_prefix(root.join("fixtures")).unwrap_or(input);
    let dir = rel
        .parent()
        .map(|p| p.to_string_lossy().replace(['/', '\\'], "::"))
        .unwrap_or_default();
    let stem = rel
        .file_stem()
        .map(|s| s.to_string_lossy())
        .unwrap_or_default();
    let ident = |s: &str| s.replace(['-', '.', ' '], "_");
    if dir.is_empty() {
        ident(&stem)
    } else {
        format!("{}::{}", ident(&dir), ident(&stem))
    }
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Where `actual` fails to hold `expected`: every key given must match
/// (text ignoring white space, numbers by value); strings under `sections`
/// must occur in that section; `checks` and `diagnostics` entries must each
/// match some entry of the output.
pub fn json_subset_mismatches(
    expected: &serde_json::Value,
    actual: &serde_json::Value,
) -> Vec<String> {
    let mut out = Vec::new();
    compare("", expected, actual, &mut out);
    out
}

fn compare(path: &str, e: &serde_json::Value, a: &serde_json::Value, out: &mut Vec<String>) {
    use serde_json::Value as V;
    match (e, a) {
        (V::Object(eo), V::Object(ao)) => {
            for (k, ev) in eo {
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                let Some(av) = ao.get(k) else {
                    out.push(format!("{p}: missing (expected {ev})"));
                    continue;
                };
                if path == "sections" {
                    let (Some(es), Some(as_)) = (ev.as_str(), av.as_str()) else {
                        out.push(format!("{p}: expected text {ev}, got {av}"));
                        continue;
                    };
                    if !squash(as_).contains(&squash(es)) {
                        out.push(format!("{p}: does not contain {es:?}"));
                    }
                } else if (k == "checks" || k == "diagnostics") && path.is_empty() {
                    let list = av.as_array().cloned().unwrap_or_default();
                    for item in ev.as_array().cloned().unwrap_or_default() {
                        let found = list.iter().any(|x| {
                            let mut m = Vec::new();
                            compare("", &item, x, &mut m);
                            m.is_empty()
                        });
                        if !found {
                            out.push(format!("{p}: no entry matches {item}"));
                        }
                    }
                } else {
                    compare(&p, ev, av, out);
                }
            }
        }
        (V::Number(en), V::Number(an)) => {
            if en.as_f64() != an.as_f64() {
                out.push(format!("{path}: expected {en}, got {an}"));
            }
        }
        (V::String(es), V::String(as_)) => {
            if squash(es) != squash(as_) {
                out.push(format!("{path}: expected {es:?}, got {as_:?}"));
            }
        }
        (e, a) if e == a => {}
        (e, a) => out.push(format!("{path}: expected {e}, got {a}")),
    }
}

/// Every fixture input that has a `NAME.expected.json` beside it, with that
/// expected file, sorted.
pub fn fixture_cases() -> Vec<(PathBuf, PathBuf)> {
    gongkai_testkit::fixtures::with_expected()
}

/// Convert `input` (relative to `root`) with the real binary and check the
/// output holds `expected` (see [`json_subset_mismatches`]).
pub fn converts_to_expected(root: &Path, input: &str, expected: &Path) -> Result<(), String> {
    let out = gongkai_in(root, &["convert", input]);
    if !out.status.success() {
        return Err(format!(
            "exit {:?}: {}",
            out.status.code(),
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let actual: serde_json::Value =
        serde_json::from_slice(&out.stdout).map_err(|e| format!("output is not JSON: {e}"))?;
    let expected: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(expected).unwrap_or_default())
            .map_err(|e| format!("{}: {e}", expected.display()))?;
    let mismatches = json_subset_mismatches(&expected, &actual);
    if mismatches.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{} mismatches:\n{}",
            mismatches.len(),
            mismatches.join("\n")
        ))
    }
}
