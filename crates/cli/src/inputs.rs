//! Turning command-line arguments (files, directories, glob patterns) into
//! the list of input files, each with the relative path its outputs mirror.

use std::collections::HashSet;
use std::path::{Component, Path, PathBuf};

/// One input file of a batch.
#[derive(Debug, Clone)]
pub struct Input {
    /// The file as found (argument, directory entry or glob match).
    pub path: PathBuf,
    /// Its path relative to the argument it came from; outputs mirror it.
    pub rel: PathBuf,
    /// Set when the argument matched nothing; the input then fails with this.
    pub error: Option<String>,
}

/// The files taken so far, when several arguments may name one file twice.
enum Seen {
    /// One argument: no file can come twice.
    One,
    /// Several: canonical paths taken.
    Many(HashSet<PathBuf>),
}

/// True when `s` holds a glob metacharacter.
pub fn has_glob_meta(s: &str) -> bool {
    s.contains(['*', '?', '['])
}

/// The extensions a directory walk picks up: every registered reader's.
fn known_extensions() -> HashSet<String> {
    let mut out: HashSet<String> = HashSet::new();
    for r in gongkai::ir::readers() {
        out.extend(r.extensions().iter().map(|e| e.to_ascii_lowercase()));
    }
    for r in gongkai::report::report_readers() {
        out.extend(r.extensions().iter().map(|e| e.to_ascii_lowercase()));
    }
    out
}

/// Expands arguments into input files, in argument order, directories
/// walked recursively in name order. `exclude` (the output directory) is not
/// walked (unless it is an argument itself), so that a second run does not
/// read the first run's outputs.
/// An existing path is taken literally even if it looks like a pattern.
pub fn expand(args: &[PathBuf], exclude: Option<&Path>) -> Vec<Input> {
    let known = known_extensions();
    let exclude = exclude.and_then(|p| p.canonicalize().ok());
    let mut seen = if args.len() > 1 {
        Seen::Many(HashSet::new())
    } else {
        Seen::One
    };
    let mut out = Vec::new();
    for arg in args {
        if arg.is_dir() {
            walk(arg, arg, &known, exclude.as_deref(), &mut seen, &mut out);
        } else if arg.exists() {
            push_file(arg.clone(), file_name(arg), &mut seen, &mut out);
        } else if let Some(pattern) = arg.to_str().filter(|s| has_glob_meta(s)) {
            expand_glob(pattern, &known, exclude.as_deref(), &mut seen, &mut out);
        } else {
            // A missing file is that input's error, reported when it is read.
            push_file(arg.clone(), file_name(arg), &mut seen, &mut out);
        }
    }
    out
}

fn file_name(path: &Path) -> PathBuf {
    path.file_name()
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("input"))
}

fn push_file(path: PathBuf, rel: PathBuf, seen: &mut Seen, out: &mut Vec<Input>) {
    // The same file named twice (as a file and inside a directory) is read
    // once. One argument cannot name a file twice, so then nothing is kept.
    let first = match seen {
        Seen::One => true,
        Seen::Many(set) => set.insert(path.canonicalize().unwrap_or_else(|_| path.clone())),
    };
    if first {
        out.push(Input {
            path,
            rel,
            error: None,
        });
    }
}

fn is_candidate(path: &Path, known: &HashSet<String>) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    if name.starts_with('.') || name.ends_with(".tmp") {
        return false;
    }
    path.extension()
        .map(|e| known.contains(&e.to_string_lossy().to_ascii_lowercase()))
        .unwrap_or(false)
}

/// Walks `dir` (walkdir: symbolic links followed, loops among them cut),
/// files in name order, hidden entries and the output directory left out.
fn walk(
    root: &Path,
    dir: &Path,
    known: &HashSet<String>,
    exclude: Option<&Path>,
    seen: &mut Seen,
    out: &mut Vec<Input>,
) {
    let hidden =
        |e: &walkdir::DirEntry| e.depth() > 0 && e.file_name().as_encoded_bytes().starts_with(b".");
    // The output directory inside an input tree is left out; when it is
    // the input directory itself, the user asked for that.
    let excluded = |e: &walkdir::DirEntry| {
        e.depth() > 0
            && e.file_type().is_dir()
            && exclude.is_some_and(|ex| e.path().canonicalize().is_ok_and(|d| d == ex))
    };
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !hidden(e) && !excluded(e));
    // An unreadable directory or a link loop is skipped rather than failing
    // the batch.
    for entry in walker.flatten() {
        if entry.file_type().is_dir() || !is_candidate(entry.path(), known) {
            continue;
        }
        let path = entry.into_path();
        let rel = path
            .strip_prefix(root)
            .map(Path::to_path_buf)
            .unwrap_or_else(|_| file_name(&path));
        push_file(path, rel, seen, out);
    }
}

/// The leading components of a pattern that hold no metacharacter: matches
/// are made relative to it, so `in/**/*.pdf` mirrors the tree under `in`.
pub fn glob_base(pattern: &str) -> PathBuf {
    let mut base = PathBuf::new();
    for c in Path::new(pattern).components() {
        if let Component::Normal(s) = c {
            if has_glob_meta(&s.to_string_lossy()) {
                break;
            }
        }
        base.push(c);
    }
    base
}

fn expand_glob(
    pattern: &str,
    known: &HashSet<String>,
    exclude: Option<&Path>,
    seen: &mut Seen,
    out: &mut Vec<Input>,
) {
    let fail = |reason: String, out: &mut Vec<Input>| {
        out.push(Input {
            path: PathBuf::from(pattern),
            rel: PathBuf::from("input"),
            error: Some(reason),
        })
    };
    let paths = match glob::glob(pattern) {
        Ok(p) => p,
        Err(e) => return fail(format!("bad pattern: {e}"), out),
    };
    let base = glob_base(pattern);
    let before = out.len();
    let mut matched = false;
    for path in paths.flatten() {
        matched = true;
        if path.is_dir() {
            walk(&path, &path, known, exclude, seen, out);
        } else {
            let rel = path
                .strip_prefix(&base)
                .ok()
                .filter(|r| !r.as_os_str().is_empty())
                .map(Path::to_path_buf)
                .unwrap_or_else(|| file_name(&path));
            push_file(path, rel, seen, out);
        }
    }
    if !matched && out.len() == before {
        fail("no file matches this pattern".to_string(), out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glob_base_stops_at_the_first_pattern_component() {
        assert_eq!(glob_base("in/**/*.pdf"), PathBuf::from("in"));
        assert_eq!(glob_base("*.pdf"), PathBuf::new());
        assert_eq!(glob_base("/a/b/c?.pdf"), PathBuf::from("/a/b"));
    }

    #[test]
    fn a_directory_is_walked_recursively_and_a_pattern_mirrors_its_base() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("sub/deeper")).unwrap();
        for f in [
            "a.pdf",
            "sub/b.docx",
            "sub/deeper/c.txt",
            "sub/.hidden.pdf",
            "x.bin",
        ] {
            std::fs::write(root.join(f), b"x").unwrap();
        }
        let inputs = expand(&[root.to_path_buf()], None);
        let rels: Vec<_> = inputs.iter().map(|i| i.rel.clone()).collect();
        assert_eq!(
            rels,
            vec![
                PathBuf::from("a.pdf"),
                PathBuf::from("sub/b.docx"),
                PathBuf::from("sub/deeper/c.txt")
            ]
        );
        let pattern = root.join("**/*.docx");
        let inputs = expand(&[pattern], None);
        assert_eq!(inputs.len(), 1);
        assert_eq!(inputs[0].rel, PathBuf::from("sub/b.docx"));
        let none = expand(&[root.join("*.nothing")], None);
        assert!(none[0].error.is_some());
        // The output directory is not walked.
        let excluded = expand(&[root.to_path_buf()], Some(&root.join("sub")));
        assert_eq!(excluded.len(), 1);
        let itself = expand(&[root.join("sub")], Some(&root.join("sub")));
        assert_eq!(itself.len(), 2);
    }
}
