//! The published JSON Schema is the one the types generate, and the
//! converter's output validates against it.

mod common;

use std::path::Path;

use common::gongkai;

fn committed_schema() -> serde_json::Value {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/schema/gongkai.report-1.schema.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn published_schema_is_current() {
    let out = gongkai(&["schema"]);
    assert!(out.status.success());
    let generated: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
    assert_eq!(
        generated,
        committed_schema(),
        "docs/schema/gongkai.report-1.schema.json is stale: run `cargo run -- schema > docs/schema/gongkai.report-1.schema.json`"
    );
}

#[test]
fn outputs_validate_against_the_schema() {
    let schema = committed_schema();
    let validator =
        jsonschema::validator_for(&schema).unwrap_or_else(|e| panic!("bad schema: {e}"));
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let inputs = [
        "seeds/000_d56d21dbf0428d76.txt",
        "seeds/002_c998c0bbe5fb23e8.txt",
        "samples/hzq2024.pdf",
        "samples/template-2021.docx",
    ];
    for input in inputs {
        let path = root.join(input);
        let out = gongkai(&["convert", path.to_str().unwrap_or_default()]);
        assert!(
            out.status.success(),
            "{input}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
        let errors: Vec<String> = validator
            .iter_errors(&report)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{input}: {errors:#?}");
    }
    // And a report that breaks the schema is caught.
    let bad = serde_json::json!({ "schema": "gongkai.report/1", "year": "二〇二三" });
    assert!(!validator.is_valid(&bad));
}
