//! The page-break sweep, end to end: the real binary converts every variant
//! of the sample report under `fixtures/pdf/sweep/` (the page break moved to
//! every row of 表三 and 表四, see `BREAKS.txt` there) and each must hold
//! the sample's hand-checked expected report. One named test per variant
//! (`cargo test --test pdf h558`).

mod common;

use std::path::{Path, PathBuf};

use libtest_mimic::{Arguments, Failed, Trial};

fn main() {
    let args = Arguments::from_args();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let dir = root.join("fixtures/pdf/sweep");
    let variants = gongkai_testkit::fixtures::files_in(&dir, &["pdf"]);
    assert!(
        variants.len() >= 30,
        "sweep variants not found in {}",
        dir.display()
    );
    let expected = dir.join("hzq.expected.json");
    let trials = variants
        .into_iter()
        .map(|pdf| {
            let name = pdf
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or_default()
                .replace('-', "_");
            let (root, expected) = (root.clone(), expected.clone());
            Trial::test(format!("sweep::{name}"), move || {
                converts_to(&root, &pdf, &expected)
            })
        })
        .collect();
    libtest_mimic::run(&args, trials).exit();
}

fn converts_to(root: &Path, pdf: &Path, expected: &Path) -> Result<(), Failed> {
    let rel = pdf.strip_prefix(root).unwrap_or(pdf).to_string_lossy();
    common::converts_to_expected(root, &rel, expected).map_err(Failed::from)
}
