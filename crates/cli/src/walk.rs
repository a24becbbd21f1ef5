//! The walk of one input directory (walkdir: links followed, loops cut),
//! where nothing is left out silently: an unreadable directory, a path too
//! long or a dangling link becomes an input with its error, a FIFO or a
//! device an input left out with its reason, a link loop a warning. A link
//! to a directory inside the walked tree is not followed: its files are
//! read once, under their own path.

use std::collections::HashSet;
use std::path::Path;

use crate::file_id::{not_regular, not_regular_reason, FileId};
use crate::inputs::{file_name, Exclude, Expanded, Input, Problem, Seen};

/// True for a hidden name (`.git`, `.~lock`, our own temporary files).
fn hidden(name: &std::ffi::OsStr) -> bool {
    name.as_encoded_bytes().starts_with(b".")
}

/// The extension of `path`, lower case, if it has one.
fn extension(path: &Path) -> Option<String> {
    path.extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
}

/// True when a walk reads the file at `path`: a known extension, not
/// hidden, not a temporary file.
fn is_candidate(path: &Path, known: &HashSet<String>) -> bool {
    let name = path.file_name().unwrap_or_default();
    if hidden(name) || name.to_string_lossy().ends_with(".tmp") {
        return false;
    }
    extension(path).is_some_and(|e| known.contains(&e))
}

/// Walks `root`, files in name order, hidden entries, the output directory
/// (unless it is `root` itself) and what `exclude` names left out.
pub(crate) fn walk(
    root: &Path,
    known: &HashSet<String>,
    exclude: &Exclude,
    seen: &mut Seen,
    out: &mut Expanded,
) {
    let overlaps = exclude.overlaps(root);
    // The output directory inside an input tree is left out; when it is
    // the input directory itself, the user asked for that. Resolved only
    // for directories, and only when the trees overlap.
    let excluded = |e: &walkdir::DirEntry| {
        overlaps
            && e.depth() > 0
            && e.file_type().is_dir()
            && exclude
                .dir
                .as_ref()
                .is_some_and(|ex| e.path().canonicalize().is_ok_and(|d| &d == ex))
    };
    let root_real = root.canonicalize().ok();
    let mut loops: Vec<String> = Vec::new();
    let mut link_inside = |e: &walkdir::DirEntry| {
        let inside = link_inside_tree(e, root_real.as_deref());
        if let Some(Some(ancestor)) = &inside {
            loops.push(loop_warning(e.path(), ancestor));
        }
        inside.is_some()
    };
    let walker = walkdir::WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            // In this order: `link_inside` warns about the loops it cuts.
            let left_out =
                (e.depth() > 0 && hidden(e.file_name())) || excluded(e) || link_inside(e);
            !left_out
        });
    let rel_of = |path: &Path| {
        path.strip_prefix(root)
            .ok()
            .and_then(crate::inputs::contained)
            .unwrap_or_else(|| file_name(path))
    };
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                if let Some(input) = trouble(&e, known, &rel_of, out) {
                    out.inputs.push(input);
                }
                continue;
            }
        };
        if entry.file_type().is_dir() || !is_candidate(entry.path(), known) {
            continue;
        }
        let path = entry.path();
        let (id, problem) = match entry.metadata() {
            Ok(meta) => (
                FileId::of(&meta, path),
                not_regular(&meta)
                    .map(|kind| Problem::LeftOut(not_regular_reason(kind)))
                    .or_else(|| crate::inputs::unsupported(path)),
            ),
            Err(e) => (None, Some(Problem::Error(format!("cannot read: {e}")))),
        };
        if id.as_ref().is_some_and(|id| exclude.files.contains(id))
            || exclude.is_earlier_output(overlaps, path)
            || !seen.first(id.as_ref())
        {
            continue;
        }
        out.inputs.push(Input {
            path: path.to_path_buf(),
            rel: rel_of(path),
            problem,
            id,
        });
    }
    out.warnings.append(&mut loops);
}

/// For a link to a directory inside the tree at `root`: `Some(Some(target))`
/// when the walk came through the target to the link (a loop),
/// `Some(None)` otherwise;
/// `None` for anything else, which the walk follows.
fn link_inside_tree(
    e: &walkdir::DirEntry,
    root: Option<&Path>,
) -> Option<Option<std::path::PathBuf>> {
    if e.depth() == 0 || !e.path_is_symlink() || !e.file_type().is_dir() {
        return None;
    }
    let target = e.path().canonicalize().ok()?;
    if !target.starts_with(root?) {
        return None;
    }
    // A loop when the target is one of the directories the walk came
    // through to the link (through other links included).
    let is_loop = e
        .path()
        .ancestors()
        .skip(1)
        .take(e.depth())
        .any(|a| a.canonicalize().is_ok_and(|a| a == target));
    Some(is_loop.then_some(target))
}

fn loop_warning(link: &Path, ancestor: &Path) -> String {
    format!(
        "warning: {}: symbolic link loop (back to {}); not followed",
        link.display(),
        ancestor.display()
    )
}

/// What a walk error becomes: a warning for a link loop (the files are read
/// once, through the tree itself), an input that fails for what would have
/// been read (a directory that cannot be listed, a path too long, a
/// dangling link named like an input or like a directory), nothing for a
/// hidden entry or a dangling link named like something else.
fn trouble(
    e: &walkdir::Error,
    known: &HashSet<String>,
    rel_of: &dyn Fn(&Path) -> std::path::PathBuf,
    out: &mut Expanded,
) -> Option<Input> {
    let path = e.path()?;
    if let Some(ancestor) = e.loop_ancestor() {
        out.warnings.push(loop_warning(path, ancestor));
        return None;
    }
    if e.depth() > 0 && path.file_name().is_some_and(hidden) {
        return None;
    }
    let io = e.io_error();
    let dangling = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
        && io.is_some_and(|io| io.kind() == std::io::ErrorKind::NotFound);
    let reason = if dangling {
        // Named like something else (`notes.bak`): it would not have been
        // read even if it led somewhere.
        if extension(path).is_some_and(|x| !known.contains(&x)) {
            return None;
        }
        let to = std::fs::read_link(path)
            .map(|t| format!(" (to {})", t.display()))
            .unwrap_or_default();
        format!("dangling symbolic link{to}")
    } else {
        match io {
            Some(io) => format!("cannot read directory: {io}"),
            None => e.to_string(),
        }
    };
    Some(Input {
        path: path.to_path_buf(),
        rel: rel_of(path),
        problem: Some(Problem::Error(reason)),
        id: None,
    })
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;
    use std::path::PathBuf;

    fn run(root: &Path) -> Expanded {
        let known: HashSet<String> = ["pdf", "txt"].iter().map(|s| s.to_string()).collect();
        let mut out = Expanded::default();
        walk(
            root,
            &known,
            &Exclude::default(),
            &mut Seen::default(),
            &mut out,
        );
        out
    }

    #[test]
    fn loops_are_warned_about_and_every_file_comes_once() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("a/b")).unwrap();
        std::fs::write(root.join("a/b/r.txt"), "x").unwrap();
        symlink(root.join("a"), root.join("a/b/up")).unwrap();
        symlink(root.join("a"), root.join("a/b/up2")).unwrap();
        let out = run(root);
        let rels: Vec<PathBuf> = out.inputs.iter().map(|i| i.rel.clone()).collect();
        assert_eq!(rels, vec![PathBuf::from("a/b/r.txt")]);
        assert_eq!(out.warnings.len(), 2, "{:?}", out.warnings);
        assert!(out.warnings.iter().all(|w| w.contains("loop")));
        // A link to a sibling is no loop, and not followed: its files are
        // taken under their own path.
        symlink(root.join("a/b"), root.join("0-sibling")).unwrap();
        let out = run(root);
        assert_eq!(out.inputs.len(), 1);
        assert_eq!(out.inputs[0].rel, PathBuf::from("a/b/r.txt"));
        assert_eq!(out.warnings.len(), 2, "{:?}", out.warnings);
        // A link out of the tree is followed; one back into it is a loop.
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("o.pdf"), "x").unwrap();
        symlink(root, outside.path().join("back")).unwrap();
        symlink(outside.path(), root.join("ext")).unwrap();
        let out = run(root);
        let rels: Vec<PathBuf> = out.inputs.iter().map(|i| i.rel.clone()).collect();
        assert_eq!(
            rels,
            vec![PathBuf::from("a/b/r.txt"), PathBuf::from("ext/o.pdf")]
        );
        assert_eq!(out.warnings.len(), 3, "{:?}", out.warnings);
    }

    #[test]
    fn dangling_links_and_fifos_are_not_left_out_silently() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        symlink(root.join("gone.pdf"), root.join("a.pdf")).unwrap();
        symlink(root.join("gone"), root.join("dir")).unwrap();
        symlink(root.join("gone"), root.join("notes.bak")).unwrap();
        symlink(root.join("gone"), root.join(".hidden")).unwrap();
        symlink("/dev/zero", root.join("z.txt")).unwrap();
        let out = run(root);
        let got: Vec<(String, Option<Problem>)> = out
            .inputs
            .iter()
            .map(|i| (i.rel.display().to_string(), i.problem.clone()))
            .collect();
        assert_eq!(got.len(), 3, "{got:?}");
        assert!(
            matches!(&got[0], (n, Some(Problem::Error(r))) if n == "a.pdf" && r.contains("dangling"))
        );
        assert!(
            matches!(&got[1], (n, Some(Problem::Error(r))) if n == "dir" && r.contains("dangling"))
        );
        assert!(
            matches!(&got[2], (n, Some(Problem::LeftOut(r))) if n == "z.txt" && r.contains("device"))
        );
    }
}
