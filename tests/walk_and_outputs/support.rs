//! What the end-to-end tests of the walk and the outputs share: running the
//! binary with a time limit, trees of files, report JSON to feed it.

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// The binary under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_gongkai");

/// The repository.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A complete report without failed checks, as text (quick to read).
pub fn sample() -> PathBuf {
    root().join("fixtures/text/hzq2024-layout.txt")
}

/// The arguments as the OS takes them.
pub fn args<'a>(list: &'a [&'a dyn AsRef<OsStr>]) -> Vec<&'a OsStr> {
    list.iter().map(|a| a.as_ref()).collect()
}

/// Runs gongkai, killing it and failing the test if it takes longer than
/// `secs` (a hang is the failure these tests look for).
pub fn gongkai_within(secs: u64, list: &[&dyn AsRef<OsStr>]) -> Output {
    let mut child = Command::new(BIN)
        .args(args(list))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run gongkai: {e}"));
    let start = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            return child.wait_with_output().unwrap();
        }
        if start.elapsed() > Duration::from_secs(secs) {
            let _ = child.kill();
            let out = child.wait_with_output().unwrap();
            panic!(
                "gongkai {:?} still running after {secs} s:\n{}",
                args(list),
                String::from_utf8_lossy(&out.stderr)
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Runs gongkai with the usual two minutes.
pub fn gongkai(list: &[&dyn AsRef<OsStr>]) -> Output {
    gongkai_within(120, list)
}

/// What it said on standard error.
pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The lines of `text` that start with `word`.
pub fn lines_starting<'a>(text: &'a str, word: &str) -> Vec<&'a str> {
    text.lines().filter(|l| l.starts_with(word)).collect()
}

/// Copies a file, making the directories on the way.
pub fn copy(from: &Path, to: &Path) {
    if let Some(dir) = to.parent() {
        std::fs::create_dir_all(dir).unwrap();
    }
    std::fs::copy(from, to).unwrap();
}

/// Every file under `dir` (links not followed, listed as links), relative,
/// with its bytes or its link target; the record of outputs left out.
pub fn tree(dir: &Path) -> BTreeMap<PathBuf, String> {
    let mut out = BTreeMap::new();
    let mut dirs = vec![dir.to_path_buf()];
    while let Some(d) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let path = e.path();
            let rel = path.strip_prefix(dir).unwrap().to_path_buf();
            let meta = std::fs::symlink_metadata(&path).unwrap();
            if meta.file_type().is_symlink() {
                let to = std::fs::read_link(&path).unwrap();
                out.insert(rel, format!("-> {}", to.display()));
            } else if meta.is_dir() {
                dirs.push(path);
            } else if e.file_name() != ".gongkai-outputs" {
                let bytes = std::fs::read(&path).unwrap_or_default();
                out.insert(rel, format!("{} bytes", bytes.len()));
            }
        }
    }
    out
}

/// The files under `dir`, relative, in order.
pub fn files(dir: &Path) -> Vec<PathBuf> {
    tree(dir).into_keys().collect()
}

/// Paths from strings.
pub fn paths(list: &[&str]) -> Vec<PathBuf> {
    list.iter().map(PathBuf::from).collect()
}

/// A report JSON made from the sample, changed by `edit`.
pub fn report_json(to: &Path, edit: impl FnOnce(&mut serde_json::Value)) {
    let out = gongkai(&[&"convert", &sample()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let mut v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    edit(&mut v);
    if let Some(dir) = to.parent() {
        std::fs::create_dir_all(dir).unwrap();
    }
    // The schema first: the report reader knows a report by its start.
    if let Some(map) = v.as_object_mut() {
        map.remove("schema");
    }
    let rest = serde_json::to_string_pretty(&v).unwrap();
    let text = format!(
        "{{\"schema\": \"gongkai.report/1\",{}",
        rest.strip_prefix('{').unwrap()
    );
    std::fs::write(to, text).unwrap();
}
