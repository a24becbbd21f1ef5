//! The `text.*` checks end to end: the real binary on `fixtures/prose/`
//! gives exactly the expected text checks (no more, no fewer), and on every
//! other fixture and the seeds no `text.*` check fails except where the
//! fixture's expected JSON says so (a false alarm on a correct report is
//! worse than a miss).

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use common::gongkai;
use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// (id, status, actual, expected) of each `text.*` check in a list.
fn text_checks(checks: &Value) -> Vec<(String, String, String, String)> {
    checks
        .as_array()
        .into_iter()
        .flatten()
        .filter(|c| c["id"].as_str().is_some_and(|id| id.starts_with("text.")))
        .map(|c| {
            (
                c["id"].as_str().unwrap_or_default().to_string(),
                c["status"].as_str().unwrap_or_default().to_string(),
                c["actual"].to_string(),
                c["expected"].to_string(),
            )
        })
        .collect()
}

fn convert(path: &Path) -> Value {
    let out = gongkai(&["convert", &path.to_string_lossy()]);
    assert!(
        out.status.success(),
        "{}: exit {:?}",
        path.display(),
        out.status
    );
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn expected(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn exactly_the_expected_text_checks(name: &str) {
    let dir = root().join("fixtures/prose");
    let got = text_checks(&convert(&dir.join(format!("{name}.md")))["checks"]);
    let want = text_checks(&expected(&dir.join(format!("{name}.expected.json")))["checks"]);
    // Numbers compare by value: 36 and 36.0 are the same count.
    let norm = |v: Vec<(String, String, String, String)>| -> Vec<(String, String, f64, f64)> {
        v.into_iter()
            .map(|(i, s, a, e)| {
                (
                    i,
                    s,
                    a.parse().unwrap_or(f64::NAN),
                    e.parse().unwrap_or(f64::NAN),
                )
            })
            .collect()
    };
    let (got, want) = (norm(got), norm(want));
    assert_eq!(got.len(), want.len(), "{name}: {got:?}");
    for (g, w) in got.iter().zip(&want) {
        assert!(
            g.0 == w.0 && g.1 == w.1 && g.2 == w.2 && g.3 == w.3,
            "{name}: got {g:?}, want {w:?}"
        );
    }
}

#[test]
fn prose_agree() {
    exactly_the_expected_text_checks("agree");
}

#[test]
fn prose_disagree() {
    exactly_the_expected_text_checks("disagree");
}

#[test]
fn prose_near_miss() {
    exactly_the_expected_text_checks("near-miss");
}

/// Every fixture except the hostile ones, and the seeds, in one batch: a
/// `text.*` fail only where the fixture's expected JSON has it.
#[test]
fn no_false_text_fail_on_any_fixture() {
    let fixtures = root().join("fixtures");
    let out_dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut args = vec!["convert".to_string()];
    for entry in std::fs::read_dir(&fixtures).unwrap_or_else(|e| panic!("{e}")) {
        let path = entry.unwrap_or_else(|e| panic!("{e}")).path();
        if path.is_dir() && !path.ends_with("bad") {
            args.push(path.to_string_lossy().into_owned());
        }
    }
    args.extend(["-o".into(), out_dir.path().to_string_lossy().into_owned()]);
    args.extend(["-q".into(), "--timeout".into(), "300".into()]);
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = gongkai(&refs);
    assert!(
        matches!(out.status.code(), Some(0 | 1 | 3)),
        "batch: {:?} {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    let mut outputs = Vec::new();
    collect_json(out_dir.path(), &mut outputs);
    assert!(outputs.len() >= 40, "only {} outputs", outputs.len());
    let mut fails = BTreeSet::new();
    let mut seen = 0;
    for json in &outputs {
        let Ok(report) =
            serde_json::from_str::<Value>(&std::fs::read_to_string(json).unwrap_or_default())
        else {
            continue;
        };
        let given = report["source"]["file"].as_str().unwrap_or_default();
        let file = Path::new(given)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        for (id, status, _, _) in text_checks(&report["checks"]) {
            seen += 1;
            if status == "fail" {
                fails.insert((file.clone(), id));
            }
        }
    }
    assert!(seen > 0, "no text checks ran at all");
    let allowed: BTreeSet<(String, String)> = [
        ("disagree.md", "text.new_received"),
        ("disagree.md", "text.carried_over"),
        ("disagree.md", "text.total_processed"),
        ("disagree.md", "text.carried_forward"),
        ("disagree.md", "text.review"),
        ("disagree.md", "text.litigation"),
        ("disagree.md", "text.regulations_made"),
        ("disagree.md", "text.regulations_repealed"),
        ("disagree.md", "text.normative_made"),
        ("disagree.md", "text.normative_repealed"),
        ("seed004-printed-mistakes.txt", "text.total_processed"),
        // The same printed mistake under a title holding a script.
        ("script-in-title.txt", "text.total_processed"),
    ]
    .iter()
    .map(|(f, i)| (f.to_string(), i.to_string()))
    .collect();
    let unexpected: Vec<_> = fails.difference(&allowed).collect();
    assert!(unexpected.is_empty(), "false text.* fails: {unexpected:?}");
}

fn collect_json(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_json(&path, out);
        } else if path.extension().is_some_and(|e| e == "json") {
            out.push(path);
        }
    }
}
