//! The PDF fixtures every PDF test and bench runs over: the real report,
//! then `fixtures/pdf/` and `fixtures/edge/`, each sorted.

use std::path::PathBuf;

/// Every fixture PDF.
pub fn fixture_pdfs() -> Vec<PathBuf> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures");
    let mut out = vec![root.join("samples/hzq2024.pdf")];
    for dir in ["pdf", "edge"] {
        let mut found: Vec<PathBuf> = std::fs::read_dir(root.join(dir))
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
            .collect();
        found.sort();
        out.extend(found);
    }
    out
}
