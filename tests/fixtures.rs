//! End to end: the real binary converts every fixture that has a
//! `NAME.expected.json` beside it, and the output must hold the expected
//! subset (see `fixtures/samples/README.md` for the comparison rules).

mod common;

use common::{fixture_cases, gongkai, json_subset_mismatches};

#[test]
fn every_fixture_converts_to_its_expected_json() {
    let fixtures = fixture_cases();
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
