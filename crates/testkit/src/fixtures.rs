//! The walkers over the repository's `fixtures/` directory: every file
//! under a directory, the files of some kinds in one directory, and the
//! inputs that have an expected report beside them. Each list is sorted,
//! so tests run and report in the same order everywhere.

use std::path::{Path, PathBuf};

/// The repository's `fixtures/` directory.
pub fn root() -> PathBuf {
    // Lexically, not canonicalized: tests strip this prefix from the paths
    // they are given, and `..` components would not strip.
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest
        .ancestors()
        .nth(2)
        .unwrap_or(manifest)
        .join("fixtures")
}

/// Every file under `dir`, recursively, sorted; hidden files and
/// `README.md` files (notes about the fixtures, not fixtures) left out.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut dirs = vec![dir.to_path_buf()];
    while let Some(d) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for path in entries.flatten().map(|e| e.path()) {
            if path.is_dir() {
                dirs.push(path);
            } else if !is_note(&path) {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

fn is_note(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_none_or(|n| n.starts_with('.') || n == "README.md")
}

/// The files directly in `dir` whose extension is one of `extensions`,
/// sorted; none when `dir` does not exist.
pub fn files_in(dir: &Path, extensions: &[&str]) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| extensions.contains(&e))
        })
        .collect();
    out.sort();
    out
}

/// Every fixture input that has a `NAME.expected.json` beside it, with that
/// expected file, sorted by input.
pub fn with_expected() -> Vec<(PathBuf, PathBuf)> {
    files_under(&root())
        .into_iter()
        .filter(|p| !p.to_string_lossy().ends_with(".expected.json"))
        .filter_map(|input| {
            let expected = expected_of(&input)?;
            expected.exists().then_some((input, expected))
        })
        .collect()
}

/// `NAME.expected.json` beside `NAME.EXT` (the last extension replaced).
pub fn expected_of(input: &Path) -> Option<PathBuf> {
    let name = input.file_name()?.to_str()?;
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    Some(input.with_file_name(format!("{stem}.expected.json")))
}

/// The PDF fixtures every PDF test and bench runs over: the real report,
/// then `fixtures/pdf/` and `fixtures/edge/`, each sorted.
pub fn pdfs() -> Vec<PathBuf> {
    let root = root();
    let mut out = vec![root.join("samples/hzq2024.pdf")];
    for dir in ["pdf", "edge"] {
        out.extend(files_in(&root.join(dir), &["pdf"]));
    }
    out
}

/// Write `head`, then `line` repeated until the file holds about `size`
/// bytes: the huge inputs the hostile tests make instead of committing.
pub fn write_repeated(path: &Path, head: &str, line: &str, size: usize) -> std::io::Result<()> {
    use std::io::Write;
    let mut f = std::io::BufWriter::new(std::fs::File::create(path)?);
    f.write_all(head.as_bytes())?;
    let mut written = head.len();
    while written < size {
        f.write_all(line.as_bytes())?;
        written += line.len();
    }
    f.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_is_a_plain_path_to_the_fixtures() {
        let root = root();
        assert!(root.is_dir(), "{}", root.display());
        assert!(root.components().all(|c| c.as_os_str() != ".."));
    }

    #[test]
    fn inputs_come_with_their_expected_report() {
        let cases = with_expected();
        let docx = root().join("docx/full-2021.docx");
        let expected = root().join("docx/full-2021.expected.json");
        assert!(cases.contains(&(docx, expected)), "{cases:?}");
        assert!(cases.windows(2).all(|w| w[0] < w[1]));
        assert!(cases.iter().all(|(i, e)| i != e && e.exists()));
    }

    #[test]
    fn notes_are_not_fixtures() {
        let files = files_under(&root().join("samples"));
        assert!(!files.is_empty());
        assert!(files.iter().all(|p| !is_note(p)), "{files:?}");
        let pdfs = files_in(&root().join("samples"), &["pdf"]);
        assert_eq!(pdfs, [root().join("samples/hzq2024.pdf")]);
    }
}
