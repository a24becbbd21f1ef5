//! Turning command-line arguments (files, directories, glob patterns) into
//! the list of input files, each with the relative path its outputs mirror.

use std::collections::HashSet;
use std::path::{Component, Path, PathBuf};

use crate::file_id::{not_regular, not_regular_reason, FileId};
use crate::messages::{say, Msg};
use crate::walk::walk;

/// One input file of a batch.
#[derive(Debug, Clone)]
pub struct Input {
    /// The file as found (argument, directory entry or glob match).
    pub path: PathBuf,
    /// Its path relative to the argument it came from; outputs mirror it.
    /// Only plain names: never `..`, never absolute.
    pub rel: PathBuf,
    /// Why it is not converted, when that is known before reading it.
    pub problem: Option<Problem>,
    /// Which file it is, when it exists.
    pub id: Option<FileId>,
}

/// Why an input is not converted, found while expanding the arguments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// It cannot be read: an error (a pattern that matches nothing, an
    /// unreadable directory, a dangling link, a FIFO named as an argument).
    Error(String),
    /// Met in a walk but not a regular file (a FIFO, a device): left out,
    /// with a line saying so.
    LeftOut(String),
    /// Met in a walk or a pattern: a document gongkai does not read
    /// (`crate::unsupported`), with what it is and what to do.
    Unsupported(String),
}

/// The problem of a regular file met in a walk or a pattern: a document of
/// a format gongkai does not read.
pub(crate) fn unsupported(path: &Path) -> Option<Problem> {
    crate::unsupported::reason(path).map(|r| Problem::Unsupported(r.to_string()))
}

/// The inputs of a run, and what the walk noticed but did not make an
/// input of (symbolic link loops).
#[derive(Debug, Default)]
pub struct Expanded {
    /// The inputs, in argument order.
    pub inputs: Vec<Input>,
    /// One line each, for standard error.
    pub warnings: Vec<String>,
}

/// What a walk or a pattern leaves out besides hidden entries: the output
/// directory and what earlier runs wrote into it, and the summary file.
#[derive(Debug, Default)]
pub struct Exclude {
    /// The output directory, canonical: not walked (unless it is an
    /// argument itself or lies above one).
    pub dir: Option<PathBuf>,
    /// Outputs of earlier runs, relative to `dir`: never read as inputs.
    pub outputs: HashSet<PathBuf>,
    /// Other files that are not inputs (the summary).
    pub files: HashSet<FileId>,
}

impl Exclude {
    /// True when `path`, met in a walk or matched by a pattern, is an
    /// output of an earlier run. Paths are resolved only when `root` (the
    /// walked directory or the pattern's base) and the output directory
    /// overlap, which the usual `in/ -o out/` does not.
    pub(crate) fn is_earlier_output(&self, root_overlaps: bool, path: &Path) -> bool {
        if !root_overlaps || self.outputs.is_empty() {
            return false;
        }
        let Some(dir) = &self.dir else {
            return false;
        };
        path.canonicalize()
            .ok()
            .and_then(|p| p.strip_prefix(dir).ok().map(Path::to_path_buf))
            .is_some_and(|rel| self.outputs.contains(&rel))
    }

    /// True when the tree at `root` and the output directory overlap.
    pub(crate) fn overlaps(&self, root: &Path) -> bool {
        match (&self.dir, root.canonicalize()) {
            (Some(dir), Ok(root)) => root.starts_with(dir) || dir.starts_with(&root),
            _ => false,
        }
    }
}

/// The files taken so far: one file reached by two paths (two arguments,
/// a link to a sibling directory, a hard link) is one input.
#[derive(Default)]
pub(crate) struct Seen(HashSet<FileId>);

impl Seen {
    /// True the first time `id` comes; a file with no identity (missing)
    /// always counts as new.
    pub(crate) fn first(&mut self, id: Option<&FileId>) -> bool {
        id.is_none_or(|id| self.0.insert(id.clone()))
    }
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
    // Picked up so that they are reported, not silently left out.
    out.extend(crate::unsupported::extensions().map(str::to_string));
    out
}

/// Expands arguments into input files, in argument order, directories
/// walked recursively in name order. What `exclude` names is left out of
/// walks and pattern matches, so that a run does not read what earlier
/// runs wrote. An existing path is taken literally even if it looks like
/// a pattern.
pub fn expand(args: &[PathBuf], exclude: &Exclude) -> Expanded {
    let known = known_extensions();
    let mut seen = Seen::default();
    let mut out = Expanded::default();
    for arg in args {
        if crate::job::is_stdio(arg) {
            out.inputs.push(Input {
                path: arg.clone(),
                rel: PathBuf::from("stdin"),
                problem: None,
                id: None,
            });
        } else if arg.is_dir() {
            walk(arg, &known, exclude, &mut seen, &mut out);
        } else if let Ok(meta) = std::fs::metadata(arg) {
            let problem = not_regular(&meta).map(|kind| Problem::Error(not_regular_reason(kind)));
            let id = FileId::of(&meta, arg);
            if seen.first(id.as_ref()) {
                out.inputs.push(Input {
                    path: arg.clone(),
                    rel: file_name(arg),
                    problem,
                    id,
                });
            }
        } else if let Some(pattern) = arg.to_str().filter(|s| has_glob_meta(s)) {
            expand_glob(pattern, &known, exclude, &mut seen, &mut out);
        } else {
            // A missing file (or a dangling link) is that input's error,
            // reported when it is read.
            out.inputs.push(Input {
                path: arg.clone(),
                rel: file_name(arg),
                problem: None,
                id: None,
            });
        }
    }
    out
}

/// The last component of `path`, or `input` when it has none.
pub(crate) fn file_name(path: &Path) -> PathBuf {
    path.file_name()
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("input"))
}

/// `rel` as plain names only, `.` dropped and `a/..` folded; `None` when it
/// climbs above its start or is absolute. Outputs are `-o` joined with it,
/// so it must never lead out of `-o` (`in/*/../../x.pdf`).
pub(crate) fn contained(rel: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for c in rel.components() {
        match c {
            Component::Normal(name) => out.push(name),
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    (!out.as_os_str().is_empty()).then_some(out)
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
    exclude: &Exclude,
    seen: &mut Seen,
    out: &mut Expanded,
) {
    let fail = |reason: String, out: &mut Expanded| {
        out.inputs.push(Input {
            path: PathBuf::from(pattern),
            rel: PathBuf::from("input"),
            problem: Some(Problem::Error(reason)),
            id: None,
        })
    };
    let paths = match glob::glob(pattern) {
        Ok(p) => p,
        Err(e) => return fail(say(Msg::BadPattern, &[("e", &e)]), out),
    };
    let base = glob_base(pattern);
    let overlaps = exclude.overlaps(if base.as_os_str().is_empty() {
        Path::new(".")
    } else {
        &base
    });
    let before = out.inputs.len();
    let mut matched = false;
    for path in paths.flatten() {
        matched = true;
        if path.is_dir() {
            walk(&path, known, exclude, seen, out);
            continue;
        }
        let meta = std::fs::metadata(&path);
        let id = meta.as_ref().ok().and_then(|m| FileId::of(m, &path));
        if id.as_ref().is_some_and(|id| exclude.files.contains(id))
            || exclude.is_earlier_output(overlaps, &path)
        {
            continue;
        }
        let problem = match &meta {
            Ok(m) => not_regular(m)
                .map(|kind| Problem::LeftOut(not_regular_reason(kind)))
                .or_else(|| unsupported(&path)),
            Err(e) => Some(Problem::Error(say(
                Msg::CannotReadFile,
                &[("e", &crate::errors_zh::io_error_line(e))],
            ))),
        };
        let rel = path
            .strip_prefix(&base)
            .ok()
            .and_then(contained)
            .unwrap_or_else(|| file_name(&path));
        if seen.first(id.as_ref()) {
            out.inputs.push(Input {
                path,
                rel,
                problem,
                id,
            });
        }
    }
    if !matched && out.inputs.len() == before {
        fail(say(Msg::NoMatch, &[]), out);
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
    fn a_relative_path_never_climbs_out() {
        let c = |s: &str| contained(Path::new(s));
        assert_eq!(c("a/b.pdf"), Some(PathBuf::from("a/b.pdf")));
        assert_eq!(c("./a/../b.pdf"), Some(PathBuf::from("b.pdf")));
        assert_eq!(c("a/../../b.pdf"), None);
        assert_eq!(c("/etc/b.pdf"), None);
        assert_eq!(c("a/.."), None);
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
            std::fs::write(root.join(f), f).unwrap();
        }
        let none = Exclude::default();
        let inputs = expand(&[root.to_path_buf()], &none).inputs;
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
        let inputs = expand(&[pattern], &none).inputs;
        assert_eq!(inputs.len(), 1);
        assert_eq!(inputs[0].rel, PathBuf::from("sub/b.docx"));
        let missing = expand(&[root.join("*.nothing")], &none).inputs;
        assert!(matches!(missing[0].problem, Some(Problem::Error(_))));
        // The output directory is not walked, unless it is the argument.
        let exclude = |d: &str| Exclude {
            dir: root.join(d).canonicalize().ok(),
            ..Exclude::default()
        };
        assert_eq!(
            expand(&[root.to_path_buf()], &exclude("sub")).inputs.len(),
            1
        );
        assert_eq!(expand(&[root.join("sub")], &exclude("sub")).inputs.len(), 2);
        // Nor what an earlier run wrote there.
        let earlier = Exclude {
            outputs: [PathBuf::from("sub/b.docx")].into_iter().collect(),
            ..exclude("")
        };
        let rels: Vec<_> = expand(&[root.to_path_buf()], &earlier)
            .inputs
            .into_iter()
            .map(|i| i.rel)
            .collect();
        assert_eq!(
            rels,
            vec![PathBuf::from("a.pdf"), PathBuf::from("sub/deeper/c.txt")]
        );
        // One file named twice is one input.
        let twice = expand(&[root.join("a.pdf"), root.to_path_buf()], &none).inputs;
        assert_eq!(twice.len(), 3);
    }
}
