//! Lossless round trips: every fixture → JSON; JSON → XLSX → JSON,
//! JSON → Markdown → JSON and JSON → HTML → JSON give back the same
//! title, organ, year and all three tables, value for value, layouts included.

mod common;

use std::path::Path;

use common::{fixture_cases, gongkai};

fn convert(input: &Path, to: &str, output: &Path) -> Result<(), String> {
    let out = gongkai(&[
        "convert",
        input.to_str().unwrap_or_default(),
        "--to",
        to,
        "-o",
        output.to_str().unwrap_or_default(),
    ]);
    if out.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).into_owned())
    }
}

fn read_json(path: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap_or_default()).unwrap_or_default()
}

#[test]
fn json_xlsx_and_markdown_round_trips_keep_every_value() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let inputs: Vec<_> = fixture_cases()
        .into_iter()
        .map(|(input, _)| input)
        .collect();
    assert!(inputs.len() >= 20, "only {} fixtures found", inputs.len());
    let mut failures = Vec::new();
    for (i, input) in inputs.iter().enumerate() {
        let first = dir.path().join(format!("{i}.json"));
        if let Err(e) = convert(input, "json", &first) {
            failures.push(format!("{}: {e}", input.display()));
            continue;
        }
        let original = read_json(&first);
        for fmt in ["xlsx", "md", "html"] {
            let written = dir.path().join(format!("{i}.{fmt}"));
            let back = dir.path().join(format!("{i}.{fmt}.json"));
            if let Err(e) =
                convert(&first, fmt, &written).and_then(|_| convert(&written, "json", &back))
            {
                failures.push(format!("{} via {fmt}: {e}", input.display()));
                continue;
            }
            let again = read_json(&back);
            for key in [
                "title",
                "organ",
                "year",
                "active_disclosure",
                "applications",
                "review_litigation",
            ] {
                if original.get(key) != again.get(key) {
                    failures.push(format!(
                        "{} via {fmt}: `{key}` differs:\n  before {}\n  after  {}",
                        input.display(),
                        original.get(key).cloned().unwrap_or_default(),
                        again.get(key).cloned().unwrap_or_default()
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
