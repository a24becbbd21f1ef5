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
