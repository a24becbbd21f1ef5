//! End to end, one named test per fixture (`cargo test label_variants` runs
//! just those): the real binary converts every fixture that has a
//! `NAME.expected.json` beside it, and the output must hold the expected
//! subset (see `fixtures/samples/README.md` for the comparison rules); and
//! what `gongkai inspect` prints for each fixture document is a snapshot
//! (`tests/snapshots/`, updated with `INSTA_UPDATE=always` or `cargo insta`).

mod common;

use std::path::{Path, PathBuf};

use common::{fixture_cases, gongkai_in, test_name};
use libtest_mimic::{Arguments, Failed, Trial};

/// Fixtures that do not yet convert exactly, each with why: run, reported
/// as ignored (`cargo test --test fixtures -- --ignored` shows where they
/// stand), until the reader holds them.
const NOT_YET: [(&str, &str); 0] = [];

fn main() {
    let args = Arguments::from_args();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let cases = fixture_cases();
    assert!(cases.len() >= 6, "fixtures not found");
    let mut trials = Vec::new();
    for (input, expected) in cases {
        let name = test_name(&root, &input);
        let is_json = input.extension().is_some_and(|e| e == "json");
        if !is_json {
            let (root, input) = (root.clone(), input.clone());
            trials.push(Trial::test(format!("inspect::{name}"), move || {
                inspect_snapshot(&root, &input)
            }));
        }
        let root = root.clone();
        let not_yet = NOT_YET.iter().any(|(n, _)| *n == name);
        trials.push(
            Trial::test(format!("convert::{name}"), move || {
                converts_to_expected(&root, &input, &expected)
            })
            .with_ignored_flag(not_yet),
        );
    }
    libtest_mimic::run(&args, trials).exit();
}

fn relative<'a>(root: &Path, path: &'a Path) -> &'a str {
    path.strip_prefix(root)
        .unwrap_or(path)
        .to_str()
        .unwrap_or_default()
}

fn converts_to_expected(root: &Path, input: &Path, expected: &Path) -> Result<(), Failed> {
    common::converts_to_expected(root, relative(root, input), expected).map_err(Failed::from)
}

fn inspect_snapshot(root: &Path, input: &Path) -> Result<(), Failed> {
    let rel = relative(root, input);
    let out = gongkai_in(root, &["inspect", rel]);
    if !out.status.success() {
        return Err(format!("inspect failed: {}", String::from_utf8_lossy(&out.stderr)).into());
    }
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let name = test_name(root, input).replace("::", "__");
    // A panic is how insta reports a changed snapshot; it becomes this
    // test's failure.
    std::panic::catch_unwind(|| {
        insta::with_settings!({snapshot_path => root.join("tests/snapshots"), prepend_module_to_snapshot => false}, {
            insta::assert_snapshot!(format!("inspect__{name}"), text);
        });
    })
    .map_err(|_| Failed::from(format!("the IR of {rel} changed (see the diff above)")))
}
